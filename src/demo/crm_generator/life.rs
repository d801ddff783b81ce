//! Who a synthetic client is: age, origin, work, income, family.
//!
//! The tables are rough pictures of Russian retail-bank clients (not statistics): working ages
//! dominate, students are young, pensioners old, incomes depend on work, age and city size and
//! are log-normal, Moscow Oblast commuters earn nearly Moscow wages.

use chrono::{Datelike, Days, Months, NaiveDate};

use super::cities::{Area, CITIES, City};
use super::draws::Dice;
use super::names::Origin;
use crate::domain::client::{DigitalAffinity, Employment, MaritalStatus};

/// The facts drawn for one client, from which the CRM record is written.
pub(super) struct Person {
    pub city: City,
    pub female: bool,
    pub birth_date: NaiveDate,
    pub age: u32,
    pub origin: Origin,
    pub employment: Employment,
    /// Monthly income in kopecks.
    pub income_kopecks: i64,
    pub marital_status: MaritalStatus,
    pub children: i32,
    pub digital: DigitalAffinity,
}

impl Person {
    pub(super) fn draw(dice: &mut Dice, as_of: NaiveDate) -> Self {
        let city = CITIES[dice.weighted(&super::cities::weights())];
        let female = dice.chance(540);
        let birth_date = birth_date(dice, as_of);
        let age = full_years(birth_date, as_of);
        let origin = origin(dice, &city, age);
        let employment = employment(dice, age, female);
        let income_kopecks = income_kopecks(dice, employment, age, &city);
        let marital_status = marital_status(dice, age, female);
        let children = children(dice, age, marital_status);
        let digital = digital_affinity(dice, age);
        Self {
            city,
            female,
            birth_date,
            age,
            origin,
            employment,
            income_kopecks,
            marital_status,
            children,
            digital,
        }
    }
}

/// Whole years from `birth` to `as_of`, by the same rule as `Client::age_on`.
fn full_years(birth: NaiveDate, as_of: NaiveDate) -> u32 {
    let had_birthday = (as_of.month(), as_of.day()) >= (birth.month(), birth.day());
    u32::try_from(as_of.year() - birth.year() - i32::from(!had_birthday)).unwrap_or(0)
}

/// Age bands (inclusive) and their weights in ‰: 18–85, mostly 25–64.
const AGE_BANDS: [(u32, u32); 7] = [
    (18, 24),
    (25, 34),
    (35, 44),
    (45, 54),
    (55, 64),
    (65, 74),
    (75, 85),
];
const AGE_WEIGHTS: [u32; 7] = [110, 200, 210, 170, 150, 110, 50];

/// A birth date uniform over the days that give an age inside a drawn band on `as_of`.
fn birth_date(dice: &mut Dice, as_of: NaiveDate) -> NaiveDate {
    let (youngest, oldest) = AGE_BANDS[dice.weighted(&AGE_WEIGHTS)];
    let latest = as_of - Months::new(12 * youngest);
    let earliest = as_of - Months::new(12 * (oldest + 1)) + Days::new(1);
    let span = u32::try_from((latest - earliest).num_days()).expect("band spans days");
    earliest + Days::new(u64::from(dice.between(0, span)))
}

/// Migrant workers from Central Asia (working age, mostly in the two big agglomerations) and a
/// few Western expatriates.
fn origin(dice: &mut Dice, city: &City, age: u32) -> Origin {
    let migrant_per_mille = match (city.area, age) {
        (Area::MoscowRegion, 20..=55) => 110,
        (Area::NovosibirskRegion, 20..=55) => 90,
        (_, 20..=55) => 30,
        _ => 10,
    };
    if dice.chance(migrant_per_mille) {
        dice.pick([Origin::Tajik, Origin::Uzbek, Origin::Kyrgyz], [40, 45, 15])
    } else if (25..=60).contains(&age) && dice.chance(7) {
        Origin::Western
    } else {
        Origin::Russian
    }
}

fn employment(dice: &mut Dice, age: u32, female: bool) -> Employment {
    use Employment::*;
    const KINDS: [Employment; 7] = [
        Employed,
        SelfEmployed,
        Student,
        Retired,
        Unemployed,
        Homemaker,
        Other,
    ];
    let weights = match age {
        0..=21 => [230, 20, 680, 0, 40, 10, 20],
        22..=24 => [560, 50, 280, 0, 60, 30, 20],
        25..=59 if female => [740, 80, 10, 10, 40, 90, 30],
        25..=59 => [790, 110, 10, 5, 45, 10, 30],
        60..=64 => [380, 60, 0, 500, 20, 20, 20],
        _ => [80, 20, 0, 880, 0, 10, 10],
    };
    dice.pick(KINDS, weights)
}

/// Monthly income in kopecks, rounded the way people declare it.
fn income_kopecks(dice: &mut Dice, employment: Employment, age: u32, city: &City) -> i64 {
    use Employment::*;
    // Median in Moscow (RUB) and spread of the logarithm.
    let (median, sigma) = match employment {
        Employed => (95_000.0, 0.5),
        SelfEmployed => (110_000.0, 0.75),
        Student => (22_000.0, 0.6),
        Retired => (27_000.0, 0.3),
        Unemployed => (10_000.0, 0.6),
        Homemaker => (20_000.0, 0.7),
        Other => (45_000.0, 0.7),
    };
    if matches!(employment, Unemployed | Homemaker) && dice.chance(450) {
        return 0;
    }
    let career = match (employment, age) {
        (Employed | SelfEmployed, 0..=24) => 0.6,
        (Employed | SelfEmployed, 25..=34) => 0.95,
        (Employed | SelfEmployed, 35..=49) => 1.1,
        (Employed | SelfEmployed, 50..=59) => 1.0,
        (Employed | SelfEmployed, _) => 0.8,
        _ => 1.0,
    };
    let size = match city.population {
        10_000_000.. => 1.0,
        3_000_000.. => 0.85,
        1_000_000.. => 0.72,
        300_000.. => 0.62,
        100_000.. => 0.58,
        _ => 0.52,
    };
    // Commuters into Moscow earn close to Moscow wages.
    let place = if city.area == Area::MoscowRegion && city.population < 10_000_000 {
        size * 1.25
    } else {
        size
    };
    // Pensions vary less between regions than wages do.
    let place = if employment == Retired {
        (1.0 + place) / 2.0
    } else {
        place
    };
    let roubles = dice
        .log_normal(median * career * place, sigma)
        .min(20_000_000.0);
    let kopecks = (roubles * 100.0).round() as i64;
    // Pensions are paid to the kopeck; people round what they declare.
    let step = if employment == Retired {
        1
    } else {
        dice.pick([5_000, 100, 1], [600, 250, 150])
    };
    (kopecks / step).max(1) * step
}

fn marital_status(dice: &mut Dice, age: u32, female: bool) -> MaritalStatus {
    use MaritalStatus::*;
    let weights = match (age, female) {
        (0..=24, _) => [850, 140, 10, 0],
        (25..=34, _) => [400, 520, 78, 2],
        (35..=54, _) => [150, 650, 170, 30],
        (55..=69, false) => [70, 700, 150, 80],
        (55..=69, true) => [80, 500, 180, 240],
        (_, false) => [40, 620, 100, 240],
        (_, true) => [50, 250, 120, 580],
    };
    dice.pick([Single, Married, Divorced, Widowed], weights)
}

fn children(dice: &mut Dice, age: u32, marital: MaritalStatus) -> i32 {
    const COUNTS: [i32; 6] = [0, 1, 2, 3, 4, 5];
    let weights = match (age, marital) {
        (0..=21, _) => [920, 70, 10, 0, 0, 0],
        (_, MaritalStatus::Single) => [750, 180, 60, 10, 0, 0],
        (22..=29, _) => [400, 400, 170, 30, 0, 0],
        _ => [150, 380, 350, 90, 20, 10],
    };
    dice.pick(COUNTS, weights)
}

fn digital_affinity(dice: &mut Dice, age: u32) -> DigitalAffinity {
    use DigitalAffinity::*;
    let weights = match age {
        0..=29 => [80, 320, 600],
        30..=44 => [150, 400, 450],
        45..=59 => [350, 450, 200],
        60..=69 => [570, 350, 80],
        _ => [770, 200, 30],
    };
    dice.pick([Low, Medium, High], weights)
}
