//! An age as an extract states it ("42 as of 30.06.2026"), for CRM extracts that carry ages
//! instead of birth dates.
//!
//! Design decisions:
//! - Stored as given, the years with their date, never turned into a birth date the bank does
//!   not know.
//! - Rules count from [`StatedAge::basis`]: the as-of date that many years back, the latest
//!   birth date the stated age allows. The age on a later day is therefore the youngest the
//!   client can be (a birthday between the as-of date and today is not guessed), which errs on
//!   the late side for eligibility limits, like [`super::Client::age_on`] for 29 February.

use chrono::{Datelike, Months, NaiveDate};

use crate::domain::message::Message;

/// The oldest age an extract may state.
pub const MAX_STATED_AGE: u32 = 120;

/// Years of age on a date; see the module documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatedAge {
    years: u32,
    as_of: NaiveDate,
}

impl StatedAge {
    /// # Errors
    /// An age over [`MAX_STATED_AGE`], or one that puts the birth before 1900 (the earliest
    /// birth date a record may have).
    pub fn new(years: u32, as_of: NaiveDate) -> Result<Self, Message> {
        if years > MAX_STATED_AGE {
            return Err(Message::new("age-out-of-range")
                .with("value", years)
                .with("max", MAX_STATED_AGE));
        }
        let age = Self { years, as_of };
        if age.basis().year() < 1900 {
            return Err(Message::new("age-born-before-1900")
                .with("value", years)
                .with("date", as_of));
        }
        Ok(age)
    }

    #[must_use]
    pub fn years(&self) -> u32 {
        self.years
    }

    #[must_use]
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    /// The date age rules count from: `as_of`, `years` back (29 February onto the 28th).
    #[must_use]
    pub fn basis(&self) -> NaiveDate {
        // At most 120 years from a date of 1900..=9999: always representable.
        self.as_of
            .checked_sub_months(Months::new(self.years * 12))
            .unwrap_or(NaiveDate::MIN)
    }
}

/// `age` and `age_as_of`, each `null` without a stated age: the fields of a client's JSON.
///
/// # Errors
/// The serializer's.
pub(super) fn as_draft_fields<S: serde::Serializer>(
    age: &Option<StatedAge>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = serializer.serialize_map(Some(2))?;
    map.serialize_entry("age", &age.map(|a| a.years))?;
    map.serialize_entry("age_as_of", &age.map(|a| a.as_of))?;
    map.end()
}

/// Full years from `birth` to `day`; `None` before `birth`. A year of life is complete only
/// once the birthday's month and day are reached (29 February: on 1 March in common years).
#[must_use]
pub fn full_years(birth: NaiveDate, day: NaiveDate) -> Option<u32> {
    if day < birth {
        return None;
    }
    let had_birthday = (day.month(), day.day()) >= (birth.month(), birth.day());
    u32::try_from(day.year() - birth.year() - i32::from(!had_birthday)).ok()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_stated_age_holds_on_its_date_and_grows_on_each_anniversary() {
        let age = StatedAge::new(42, date(2026, 6, 30)).unwrap();
        assert_eq!(age.basis(), date(1984, 6, 30));
        assert_eq!(full_years(age.basis(), date(2026, 6, 30)), Some(42));
        assert_eq!(full_years(age.basis(), date(2027, 6, 29)), Some(42));
        assert_eq!(full_years(age.basis(), date(2027, 6, 30)), Some(43));
    }

    #[test]
    fn an_age_stated_on_a_leap_day_counts_from_the_28th() {
        let age = StatedAge::new(1, date(2024, 2, 29)).unwrap();
        assert_eq!(age.basis(), date(2023, 2, 28));
        assert_eq!(full_years(age.basis(), date(2024, 2, 29)), Some(1));
        let same_day = StatedAge::new(4, date(2024, 2, 29)).unwrap();
        assert_eq!(same_day.basis(), date(2020, 2, 29));
    }

    #[test]
    fn ages_out_of_range_or_before_1900_are_refused() {
        assert_eq!(
            StatedAge::new(121, date(2026, 1, 1)).unwrap_err().key,
            "age-out-of-range"
        );
        assert_eq!(
            StatedAge::new(120, date(2010, 1, 1)).unwrap_err().key,
            "age-born-before-1900"
        );
        assert!(StatedAge::new(120, date(2020, 1, 1)).is_ok());
        assert!(StatedAge::new(0, date(1900, 1, 1)).is_ok());
    }

    proptest! {
        #[test]
        fn the_age_on_the_as_of_date_is_the_stated_one(
            years in 0u32..=MAX_STATED_AGE,
            days in 0u64..40_000,
        ) {
            let as_of = date(2020, 1, 1) + chrono::Days::new(days);
            let age = StatedAge::new(years, as_of).unwrap();
            prop_assert_eq!(full_years(age.basis(), as_of), Some(years));
            // One day earlier the basis would already give that age: it is the latest birth.
            let later = age.basis() + chrono::Days::new(1);
            prop_assert!(full_years(later, as_of).unwrap_or(0) < years || years == 0);
        }
    }
}
