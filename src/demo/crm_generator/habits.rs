//! What a synthetic client does: lifestyle tags, products held, language and preferences.

use super::cities::Area;
use super::draws::Dice;
use super::life::Person;
use super::names::Origin;
use crate::domain::client::{DigitalAffinity, Employment, MaritalStatus};

/// The tags the demo CRM uses; segment rules in the demo data refer to these.
pub const LIFESTYLE_TAGS: &[&str] = &[
    "car_owner",
    "city_lover",
    "dacha_owner",
    "family",
    "homeowner",
    "investor",
    "migrant",
    "motorcyclist",
    "night_life",
    "online_shopper",
    "pensioner_single",
    "shy",
    "sports",
    "traveller",
];

/// The product codes of the demo catalog that clients may already hold.
pub const PRODUCT_CODES: &[&str] = &[
    "CA_EUR",
    "CA_RUB",
    "CA_USD",
    "CC_GRACE",
    "DEP_PLUS",
    "ONLINE",
    "TRANSFERS",
    "VCARD",
    "VENDOR_PAY",
];

/// Roubles in kopecks, for income thresholds.
const fn rub(roubles: i64) -> i64 {
    roubles * 100
}

/// Tags in alphabetical order (the caller keeps them sorted and unique).
pub(super) fn lifestyle_tags(dice: &mut Dice, p: &Person) -> Vec<String> {
    let working = matches!(
        p.employment,
        Employment::Employed | Employment::SelfEmployed
    );
    let big_city = p.city.population >= 1_000_000;
    let alone = !matches!(p.marital_status, MaritalStatus::Married);
    #[rustfmt::skip]
    let rules: [(&str, u32); 14] = [
        ("car_owner", if working && (25..=70).contains(&p.age) { 500 } else { 150 }),
        ("city_lover", match (big_city, p.age) { (true, 0..=44) => 350, (true, _) => 150, _ => 50 }),
        ("dacha_owner", if p.age >= 45 { 300 } else { 60 }),
        ("family", match (p.marital_status, p.children) { (MaritalStatus::Married, 1..) => 850, (_, 1..) => 500, _ => 30 }),
        ("homeowner", match p.age { 35.. => 550, 25..=34 => 250, _ => 50 }),
        ("investor", match p.income_kopecks { i if i >= rub(150_000) => 250, i if i >= rub(80_000) => 100, _ => 20 }),
        ("migrant", if p.origin.is_central_asian() { 1000 } else { 10 }),
        ("motorcyclist", if !p.female && (18..=50).contains(&p.age) { 60 } else { 10 }),
        ("night_life", match p.age { 0..=30 => 350, 31..=40 => 120, _ => 20 }),
        ("online_shopper", match p.digital { DigitalAffinity::High => 700, DigitalAffinity::Medium => 400, DigitalAffinity::Low => 80 }),
        ("pensioner_single", if p.employment == Employment::Retired && alone { 700 } else { 0 }),
        ("shy", if p.age >= 60 { 100 } else { 60 }),
        ("sports", if p.age <= 45 { 200 } else { 80 }),
        ("traveller", if p.income_kopecks >= rub(100_000) { 350 } else { 120 }),
    ];
    rules
        .iter()
        .filter(|(_, per_mille)| dice.chance(*per_mille))
        .map(|(tag, _)| (*tag).to_owned())
        .collect()
}

/// Products already held, in code order; about 45 % of clients hold none yet.
pub(super) fn products_held(dice: &mut Dice, p: &Person) -> Vec<String> {
    if dice.chance(450) {
        return Vec::new();
    }
    let online = dice.chance(match p.digital {
        DigitalAffinity::High => 800,
        DigitalAffinity::Medium => 500,
        DigitalAffinity::Low => 120,
    });
    let rich = p.income_kopecks >= rub(150_000);
    let borrower = matches!(
        p.employment,
        Employment::Employed | Employment::SelfEmployed
    ) && p.income_kopecks >= rub(40_000);
    #[rustfmt::skip]
    let rules: [(&str, u32); 9] = [
        ("CA_EUR", if rich { 150 } else { 20 }),
        ("CA_RUB", 900),
        ("CA_USD", if rich { 200 } else { 30 }),
        ("CC_GRACE", if borrower { 250 } else { 50 }),
        ("DEP_PLUS", if p.income_kopecks >= rub(80_000) || p.age >= 55 { 300 } else { 120 }),
        ("ONLINE", if online { 1000 } else { 0 }),
        ("TRANSFERS", if online { 550 } else { 100 }),
        ("VCARD", match (online, p.age) { (true, 0..=54) => 300, (true, _) => 50, _ => 0 }),
        ("VENDOR_PAY", if online { 250 } else { 0 }),
    ];
    rules
        .iter()
        .filter(|(_, per_mille)| dice.chance(*per_mille))
        .map(|(code, _)| (*code).to_owned())
        .collect()
}

/// Migrants mostly prefer their own language, but many are at ease in Russian.
pub(super) fn preferred_language(dice: &mut Dice, p: &Person) -> &'static str {
    match p.origin {
        Origin::Russian if dice.chance(3) => "en",
        origin if origin.is_central_asian() && dice.chance(350) => "ru",
        origin => origin.language(),
    }
}

/// About 3 % overall: many Central Asian and Tatarstan clients, few others.
pub(super) fn islamic_banking(dice: &mut Dice, p: &Person) -> bool {
    let per_mille = if p.origin.is_central_asian() {
        250
    } else if p.city.region == "Republic of Tatarstan" {
        150
    } else {
        12
    };
    dice.chance(per_mille)
}

pub(super) fn consent_to_offers(dice: &mut Dice, shy: bool) -> bool {
    dice.chance(if shy { 650 } else { 810 })
}

/// A few CRM-specific attributes: loyalty tier, preferred contact channel, salary project.
pub(super) fn custom_attributes(
    dice: &mut Dice,
    p: &Person,
    products: usize,
) -> Vec<(&'static str, String)> {
    let mut attributes = Vec::new();
    if (products >= 3 && dice.chance(250)) || dice.chance(10) {
        let tier = match p.income_kopecks {
            i if i >= rub(300_000) => "platinum",
            i if i >= rub(100_000) => "gold",
            _ => "silver",
        };
        attributes.push(("loyalty_tier", tier.to_owned()));
    }
    if dice.chance(50) {
        let channel = dice.pick(["sms", "email", "phone", "messenger"], [40, 25, 20, 15]);
        attributes.push(("preferred_contact", channel.to_owned()));
    }
    if p.employment == Employment::Employed && p.city.area != Area::Siberian && dice.chance(50) {
        attributes.push(("salary_project", format!("EMP-{:04}", dice.between(1, 400))));
    }
    attributes
}
