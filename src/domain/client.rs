//! A client as the bank's CRM knows it: the input to segment rules.
//!
//! Design decisions:
//! - A [`Client`] is made only by parsing a [`ClientDraft`] (text as typed in a form, read from a
//!   CSV cell or a JSON document), which checks and normalises every field and reports all
//!   problems at once, each with its field name. Deserialising a `Client` goes through the same
//!   parser, so a `Client` from the JSON API is as trustworthy as one from the desk form.
//! - Fields are public because segment rules, views and exports read all of them. Code that
//!   changes a field after parsing should re-run [`Client::revalidated`].
//! - Almost everything is optional: real CRM records have gaps, and a segment rule over a missing
//!   attribute simply does not match (it must not guess).

mod crm_id;
mod draft;
mod enums;
mod fields;
pub mod names;
mod phone;
mod stated_age;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

pub use crm_id::{CrmId, CrmIdError};
pub use draft::ClientDraft;
pub use enums::{DigitalAffinity, Employment, Gender, MaritalStatus, UnknownVariant};
pub use fields::iso_date;
pub use phone::{normalize_phone, phone_search_prefix};
pub use stated_age::{MAX_STATED_AGE, StatedAge, full_years};

/// The bank re-verifies client data at least once a year; older data must not drive offers.
pub const VERIFICATION_VALID_DAYS: i64 = 365;

/// A checked client record; built only by [`ClientDraft::parse`], which needs the date
/// (deserialize a [`ClientDraft`], then parse it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Client {
    pub crm_id: CrmId,
    /// Trimmed, at most 200 characters; empty when the extract has no names (anonymised data):
    /// pages then show the CRM id ([`Client::name_or_id`]). Surname first, as in the CRM
    /// ("Ivanov Sergei Petrovich").
    pub full_name: String,
    /// `+` and 8..=15 digits (`+79161234567`), however the CRM wrote it; see
    /// [`normalize_phone`].
    pub phone: Option<String>,
    pub birth_date: Option<NaiveDate>,
    /// The age an extract stated, with its date, for clients whose birth date the bank does
    /// not know (the two agree when both are recorded); see [`StatedAge`]. Serialized as the
    /// draft's `age` and `age_as_of`, so a client's JSON reads back as a draft.
    #[serde(flatten, serialize_with = "stated_age::as_draft_fields")]
    pub stated_age: Option<StatedAge>,
    pub gender: Option<Gender>,
    pub employment: Option<Employment>,
    /// Declared monthly income, >= 0, in `income_currency` (always set when this is).
    pub monthly_income: Option<Decimal>,
    /// ISO 4217 code, three upper-case letters.
    pub income_currency: Option<String>,
    pub city: Option<String>,
    /// Population of `city`, >= 0; copied into the record so rules need no gazetteer.
    pub city_population: Option<i64>,
    pub region: Option<String>,
    pub marital_status: Option<MaritalStatus>,
    /// Number of children, 0..=30.
    pub children: Option<i32>,
    /// Lower-case, trimmed, deduplicated and sorted; never contains `|`.
    pub lifestyle_tags: Vec<String>,
    pub digital_affinity: Option<DigitalAffinity>,
    /// ISO 639-1 code, two lower-case letters ("ru", "tg", "uz", "en").
    pub preferred_language: Option<String>,
    pub islamic_banking: bool,
    /// Product catalog codes: upper-case `[A-Z0-9_]`, deduplicated and sorted.
    pub products_held: Vec<String>,
    pub consent_to_offers: bool,
    /// When the bank last verified this record; see [`Client::data_is_stale`].
    pub data_verified_on: Option<NaiveDate>,
    /// Sales point code such as "MSK-HO": upper-case `[A-Z0-9_-]`, up to 32 characters.
    pub home_sales_point: Option<String>,
    /// Free attributes from the CRM. Keys are 1..=64 characters of `[A-Za-z0-9_.-]`; values
    /// are trimmed, up to 500 characters, without `|` (the CSV form joins pairs with it).
    pub custom_attributes: BTreeMap<String, String>,
}

/// One problem with one field of a client record, the field named as in [`Client`] (and the
/// CSV header).
pub use crate::domain::validation::FieldError;

/// Every problem found in a client record, in field order; never empty.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid client record: {}", join_errors(.0))]
pub struct ClientErrors(pub Vec<FieldError>);

fn join_errors(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

impl ClientErrors {
    /// The message for `field`, if it has a problem (for showing it beside the form input).
    pub fn message_for(&self, field: &str) -> Option<&crate::domain::message::Message> {
        self.0.iter().find(|e| e.field == field).map(|e| &e.message)
    }
}

impl Client {
    /// What pages call the client: the name, or the CRM id for a client without one.
    pub fn name_or_id(&self) -> &str {
        if self.full_name.is_empty() {
            self.crm_id.as_str()
        } else {
            &self.full_name
        }
    }

    /// Full years of age on `today`, counted from [`Client::age_basis`]; `None` without a
    /// birth date or a stated age, or before the basis.
    ///
    /// Someone born on 29 February turns a year older on 1 March in common years: a year of
    /// life is complete only once 28 February is over. For eligibility limits (majority,
    /// pension age) this errs on the late side, which is the safe side.
    #[must_use]
    pub fn age_on(&self, today: NaiveDate) -> Option<u32> {
        full_years(self.age_basis()?, today)
    }

    /// The date age rules count from: the birth date, else the stated age's basis (the latest
    /// birth date it allows). The database keeps it in a column of its own so that SQL counts
    /// ages exactly as this does; pages never show it as a birth date.
    #[must_use]
    pub fn age_basis(&self) -> Option<NaiveDate> {
        self.birth_date
            .or_else(|| self.stated_age.map(|age| age.basis()))
    }

    /// True when the record was never verified, or last verified more than
    /// [`VERIFICATION_VALID_DAYS`] days before `today`.
    #[must_use]
    pub fn data_is_stale(&self, today: NaiveDate) -> bool {
        match self.data_verified_on {
            None => true,
            Some(verified) => (today - verified).num_days() > VERIFICATION_VALID_DAYS,
        }
    }

    /// Re-checks and re-normalises the record, for code that edited its public fields.
    ///
    /// # Errors
    /// [`ClientErrors`] listing every field that no longer holds.
    pub fn revalidated(self, today: NaiveDate) -> Result<Self, ClientErrors> {
        ClientDraft::from(&self).parse(today)
    }
}

#[cfg(test)]
mod tests {
    use chrono::Datelike;
    use proptest::prelude::*;

    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn client_born(birth: Option<NaiveDate>) -> Client {
        let draft = ClientDraft {
            crm_id: "CRM-1".into(),
            full_name: "Ivanov Sergei Petrovich".into(),
            ..ClientDraft::default()
        };
        Client {
            birth_date: birth,
            ..draft.parse(date(2026, 11, 30)).unwrap()
        }
    }

    fn verified_on(day: Option<NaiveDate>) -> Client {
        Client {
            data_verified_on: day,
            ..client_born(None)
        }
    }

    #[test]
    fn age_changes_on_the_birthday_not_before() {
        let client = client_born(Some(date(1990, 6, 15)));
        assert_eq!(client.age_on(date(2025, 6, 14)), Some(34));
        assert_eq!(client.age_on(date(2025, 6, 15)), Some(35));
        assert_eq!(client.age_on(date(2025, 12, 31)), Some(35));
    }

    #[test]
    fn age_is_zero_on_the_birth_day_and_unknown_before_it() {
        let client = client_born(Some(date(2024, 3, 10)));
        assert_eq!(client.age_on(date(2024, 3, 10)), Some(0));
        assert_eq!(client.age_on(date(2024, 3, 9)), None);
        assert_eq!(client_born(None).age_on(date(2024, 3, 9)), None);
    }

    #[test]
    fn leap_day_babies_age_on_the_first_of_march_in_common_years() {
        let client = client_born(Some(date(2000, 2, 29)));
        assert_eq!(client.age_on(date(2001, 2, 28)), Some(0));
        assert_eq!(client.age_on(date(2001, 3, 1)), Some(1));
        assert_eq!(client.age_on(date(2004, 2, 28)), Some(3));
        assert_eq!(client.age_on(date(2004, 2, 29)), Some(4));
        assert_eq!(client.age_on(date(2018, 2, 28)), Some(17));
        assert_eq!(client.age_on(date(2018, 3, 1)), Some(18));
    }

    #[test]
    fn someone_born_on_the_first_of_march_ages_on_it_in_leap_years_too() {
        let client = client_born(Some(date(1999, 3, 1)));
        assert_eq!(client.age_on(date(2024, 2, 29)), Some(24));
        assert_eq!(client.age_on(date(2024, 3, 1)), Some(25));
    }

    #[test]
    fn data_is_stale_after_a_year_and_a_day() {
        let today = date(2025, 6, 30);
        assert!(verified_on(None).data_is_stale(today));
        assert!(!verified_on(Some(today)).data_is_stale(today));
        assert!(!verified_on(Some(date(2024, 6, 30))).data_is_stale(today)); // 365 days
        assert!(verified_on(Some(date(2024, 6, 29))).data_is_stale(today)); // 366 days
        assert!(!verified_on(Some(date(2025, 7, 1))).data_is_stale(today)); // verified "tomorrow"
    }

    #[test]
    fn errors_can_be_looked_up_by_field() {
        let message = crate::domain::message::Message::new("field-required");
        let errors = ClientErrors(vec![FieldError::new("children", message.clone())]);
        assert_eq!(errors.message_for("children"), Some(&message));
        assert_eq!(errors.message_for("crm_id"), None);
        assert_eq!(
            errors.to_string(),
            "invalid client record: children: is required"
        );
    }

    /// The n-th anniversary of `birth`, falling on 1 March when 29 February does not exist.
    fn anniversary(birth: NaiveDate, years: i32) -> NaiveDate {
        let year = birth.year() + years;
        NaiveDate::from_ymd_opt(year, birth.month(), birth.day())
            .unwrap_or_else(|| NaiveDate::from_ymd_opt(year, 3, 1).unwrap())
    }

    proptest! {
        #[test]
        fn age_counts_the_anniversaries_passed(birth_days in 0i64..40_000, later in 0i64..40_000) {
            let birth = date(1900, 1, 1) + chrono::Days::new(birth_days as u64);
            let today = birth + chrono::Days::new(later as u64);
            let age = client_born(Some(birth)).age_on(today).unwrap();
            let age = i32::try_from(age).unwrap();
            prop_assert!(anniversary(birth, age) <= today);
            prop_assert!(anniversary(birth, age + 1) > today);
        }
    }
}
