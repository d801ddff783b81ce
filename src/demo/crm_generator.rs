//! A deterministic synthetic CRM for demos, load tests and segment-rule experiments.
//!
//! Design decisions:
//! - Deterministic: the same `(seed, as_of)` gives the same clients on every platform and build.
//!   All randomness comes from one `ChaCha8Rng` (specified bit for bit), draws are integers or
//!   uniform `f64`s combined by basic arithmetic (see `draws`), tables are arrays (no hash-map
//!   iteration order), and nothing reads the clock: `as_of` is the day the export describes.
//! - Streaming: [`generate_clients`] returns an iterator that makes one client per `next()`, so
//!   a million clients can be written to CSV in constant memory. Client *n* depends only on the
//!   seed and `as_of`, so a longer run starts with the same clients as a shorter one.
//! - Realistic enough for segment rules to have something to find: a Moscow head office
//!   (`MSK-HO`, ~75 % of clients, ~70 % in Moscow and its oblast) and a Novosibirsk
//!   credit-and-cash office (`NSK-KKO`); ages, work, incomes, families, tags and products that
//!   hang together. The tables live in `life` and `habits`.
//! - Phone numbers (`phones`) are a function of the seed and the client's number alone, not
//!   draws of the dice: adding them left every other field of every client as it was.

mod cities;
mod draws;
mod habits;
mod life;
mod names;
mod phones;

use std::collections::BTreeMap;
use std::iter::FusedIterator;

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

use crate::domain::client::{Client, CrmId, Gender};
use draws::Dice;
use life::Person;

pub use cities::{CASH_OFFICE, HEAD_OFFICE};
pub use habits::{LIFESTYLE_TAGS, PRODUCT_CODES};

/// Verification dates are spread over this many days before `as_of`, so that with the yearly
/// re-verification rule about a quarter of the records are stale.
const VERIFICATION_SPREAD_DAYS: u32 = 490;

/// Clients `CRM-0000001`, `CRM-0000002`, … as the CRM would export them on `as_of`.
#[must_use]
pub fn generate_clients(count: usize, seed: u64, as_of: NaiveDate) -> ClientGenerator {
    ClientGenerator {
        dice: Dice::new(seed),
        seed,
        as_of,
        made: 0,
        count,
    }
}

/// The iterator returned by [`generate_clients`].
pub struct ClientGenerator {
    dice: Dice,
    seed: u64,
    as_of: NaiveDate,
    made: usize,
    count: usize,
}

impl Iterator for ClientGenerator {
    type Item = Client;

    fn next(&mut self) -> Option<Client> {
        if self.made == self.count {
            return None;
        }
        self.made += 1;
        Some(self.client(self.made))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.count - self.made;
        (left, Some(left))
    }
}

impl ExactSizeIterator for ClientGenerator {}
impl FusedIterator for ClientGenerator {}

impl ClientGenerator {
    /// Draws one client. The order of the draws below is part of the output: reordering them
    /// changes every client after the first (the pinned test will say so).
    fn client(&mut self, number: usize) -> Client {
        let dice = &mut self.dice;
        let p = Person::draw(dice, self.as_of);
        let full_name = names::full_name(dice, p.origin, p.female, p.birth_date);
        let mut lifestyle_tags = habits::lifestyle_tags(dice, &p);
        lifestyle_tags.sort();
        let mut products_held = habits::products_held(dice, &p);
        products_held.sort();
        let shy = lifestyle_tags.iter().any(|t| t == "shy");
        let custom_attributes: BTreeMap<String, String> =
            habits::custom_attributes(dice, &p, products_held.len())
                .into_iter()
                .map(|(key, value)| (key.to_owned(), value))
                .collect();
        // Real CRM records have gaps: undeclared income, questions never asked.
        let monthly_income = (!dice.chance(70)).then(|| Decimal::new(p.income_kopecks, 2));
        let verified_days_ago = u64::from(dice.between(0, VERIFICATION_SPREAD_DAYS - 1));
        let employment = (!dice.chance(20)).then_some(p.employment);
        let marital_status = (!dice.chance(50)).then_some(p.marital_status);
        let children = (!dice.chance(80)).then_some(p.children);
        let digital_affinity = (!dice.chance(40)).then_some(p.digital);
        let preferred_language = habits::preferred_language(dice, &p).to_owned();
        let islamic_banking = habits::islamic_banking(dice, &p);
        let consent_to_offers = habits::consent_to_offers(dice, shy);
        let data_verified_on =
            (!dice.chance(10)).then(|| self.as_of - Days::new(verified_days_ago));
        Client {
            crm_id: CrmId::parse(&format!("CRM-{number:07}")).expect("CRM-<digits> is a valid id"),
            full_name,
            phone: phones::phone(self.seed, number),
            birth_date: Some(p.birth_date),
            stated_age: None,
            gender: Some(if p.female {
                Gender::Female
            } else {
                Gender::Male
            }),
            employment,
            income_currency: monthly_income.map(|_| "RUB".to_owned()),
            monthly_income,
            city: Some(p.city.name.to_owned()),
            city_population: Some(p.city.population),
            region: Some(p.city.region.to_owned()),
            marital_status,
            children,
            lifestyle_tags,
            digital_affinity,
            preferred_language: Some(preferred_language),
            islamic_banking,
            products_held,
            consent_to_offers,
            data_verified_on,
            home_sales_point: Some(p.city.sales_point().to_owned()),
            custom_attributes,
        }
    }
}

#[cfg(test)]
mod import_tests;
#[cfg(test)]
mod tests;
