//! Parsers for single client fields, from text to a checked, normalised value.
//!
//! Each returns the message (a [`Message`]) to show next to the field; [`super::ClientDraft::parse`] adds the
//! field name. A blank text means "not recorded" for every optional field.

use std::collections::{BTreeMap, BTreeSet};
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::UnknownVariant;
use crate::domain::message::Message;

pub(super) type FieldResult<T> = Result<T, Message>;

const MAX_NAME_CHARS: usize = 200;
const MAX_PLACE_CHARS: usize = 100;
const MAX_TAG_CHARS: usize = 64;
const MAX_ATTRIBUTE_KEY_CHARS: usize = 64;
const MAX_ATTRIBUTE_VALUE_CHARS: usize = 500;
const MAX_SALES_POINT_CHARS: usize = 32;
const MAX_CHILDREN: i32 = 30;

fn too_long(length: usize, max: usize) -> Message {
    Message::new("text-too-long")
        .with("length", length)
        .with("max", max)
}

/// `None` for blank text, else the trimmed text.
fn present(raw: &str) -> Option<&str> {
    let text = raw.trim();
    (!text.is_empty()).then_some(text)
}

/// Control characters break CSV lines, logs and HTML attributes alike.
fn reject_control(text: &str) -> FieldResult<()> {
    match text.chars().find(|c| c.is_control()) {
        Some(c) => Err(Message::new("text-control-character").with("character", format!("{c:?}"))),
        None => Ok(()),
    }
}

/// A name, or none: anonymised extracts have no names (the desk shows the CRM id instead).
pub(super) fn full_name(raw: &str) -> FieldResult<String> {
    let Some(name) = present(raw) else {
        return Ok(String::new());
    };
    reject_control(name)?;
    let length = name.chars().count();
    if length > MAX_NAME_CHARS {
        return Err(too_long(length, MAX_NAME_CHARS));
    }
    Ok(name.to_owned())
}

/// Years a client's dates can fall in: no one alive was born earlier, and four digits keep
/// every date in the one ISO form both databases read back.
const DATE_YEARS: std::ops::RangeInclusive<i32> = 1900..=9999;

/// A date written exactly `YYYY-MM-DD`, read without chrono's general parser (two dates in
/// every imported row).
pub fn iso_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        bytes[range].iter().try_fold(0, |n, b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
    };
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let year = i32::try_from(digits(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, digits(5..7)?, digits(8..10)?)
}

pub(super) fn date(raw: &str) -> FieldResult<Option<NaiveDate>> {
    present(raw)
        .map(|text| {
            let date = iso_date(text)
                .or_else(|| text.parse::<NaiveDate>().ok())
                .ok_or_else(|| Message::new("date-malformed").with("text", format!("{text:?}")))?;
            if DATE_YEARS.contains(&date.year()) {
                Ok(date)
            } else {
                Err(Message::new("date-out-of-range")
                    .with("text", format!("{text:?}"))
                    .with("first", DATE_YEARS.start())
                    .with("last", DATE_YEARS.end()))
            }
        })
        .transpose()
}

/// A birth date: a date, and not after `today` (a typo such as 2999 for 1999 is caught here).
pub(super) fn birth_date(raw: &str, today: NaiveDate) -> FieldResult<Option<NaiveDate>> {
    match date(raw)? {
        Some(born) if born > today => Err(Message::new("birth-date-in-future")
            .with("date", born)
            .with("today", today)),
        born => Ok(born),
    }
}

/// Years of an age stated by an extract: a whole number, 0 or more (the upper bound is
/// [`super::StatedAge::new`]'s).
pub(super) fn stated_years(raw: &str) -> FieldResult<Option<u32>> {
    match integer::<i64>(raw)? {
        Some(n) if n < 0 => Err(Message::new("field-not-negative").with("value", n)),
        Some(n) => Ok(Some(u32::try_from(n).unwrap_or(u32::MAX))),
        None => Ok(None),
    }
}

/// The date an extract's ages are stated on: not after `today`.
pub(super) fn as_of_date(raw: &str, today: NaiveDate) -> FieldResult<Option<NaiveDate>> {
    match date(raw)? {
        Some(day) if day > today => Err(Message::new("age-as-of-in-future")
            .with("date", day)
            .with("today", today)),
        day => Ok(day),
    }
}

pub(super) fn code<T: FromStr<Err = UnknownVariant>>(raw: &str) -> FieldResult<Option<T>> {
    present(raw)
        .map(|text| text.parse().map_err(|e: UnknownVariant| e.into()))
        .transpose()
}

pub(super) fn income(raw: &str) -> FieldResult<Option<Decimal>> {
    let Some(text) = present(raw) else {
        return Ok(None);
    };
    let amount = Decimal::from_str(text)
        .map_err(|_| Message::new("amount-malformed").with("text", format!("{text:?}")))?;
    if amount < Decimal::ZERO {
        return Err(Message::new("field-not-negative").with("value", amount));
    }
    // "-0" parses as a negative zero, which would print as "-0.00".
    Ok(Some(if amount.is_zero() {
        amount.abs()
    } else {
        amount
    }))
}

/// Upper-cases, then requires exactly `len` ASCII letters.
/// `key` names what the code is, for the message.
fn letters(raw: &str, len: usize, upper: bool, key: &'static str) -> FieldResult<Option<String>> {
    let Some(text) = present(raw) else {
        return Ok(None);
    };
    let code = if upper {
        text.to_ascii_uppercase()
    } else {
        text.to_ascii_lowercase()
    };
    if code.len() == len && code.chars().all(|c| c.is_ascii_alphabetic()) {
        Ok(Some(code))
    } else {
        Err(Message::new(key).with("text", format!("{text:?}")))
    }
}

pub(super) fn currency(raw: &str) -> FieldResult<Option<String>> {
    letters(raw, 3, true, "currency-code-malformed")
}

pub(super) fn language(raw: &str) -> FieldResult<Option<String>> {
    letters(raw, 2, false, "language-code-malformed")
}

/// A phone number, stored as `+` and its digits (see [`super::normalize_phone`]).
pub(super) fn phone(raw: &str) -> FieldResult<Option<String>> {
    let Some(text) = present(raw) else {
        return Ok(None);
    };
    super::normalize_phone(text)
        .map(Some)
        .ok_or_else(|| Message::new("phone-malformed").with("text", format!("{text:?}")))
}

pub(super) fn place(raw: &str) -> FieldResult<Option<String>> {
    let Some(text) = present(raw) else {
        return Ok(None);
    };
    reject_control(text)?;
    let length = text.chars().count();
    if length > MAX_PLACE_CHARS {
        return Err(too_long(length, MAX_PLACE_CHARS));
    }
    Ok(Some(text.to_owned()))
}

fn integer<T: FromStr>(raw: &str) -> FieldResult<Option<T>> {
    present(raw)
        .map(|text| {
            text.parse()
                .map_err(|_| Message::new("integer-malformed").with("text", format!("{text:?}")))
        })
        .transpose()
}

pub(super) fn population(raw: &str) -> FieldResult<Option<i64>> {
    match integer::<i64>(raw)? {
        Some(n) if n < 0 => Err(Message::new("field-not-negative").with("value", n)),
        other => Ok(other),
    }
}

pub(super) fn children(raw: &str) -> FieldResult<Option<i32>> {
    match integer::<i32>(raw)? {
        Some(n) if !(0..=MAX_CHILDREN).contains(&n) => Err(Message::new("children-out-of-range")
            .with("value", n)
            .with("max", MAX_CHILDREN)),
        other => Ok(other),
    }
}

/// Yes/no fields; blank is "no" because an unticked checkbox sends nothing.
pub(super) fn flag(raw: &str) -> FieldResult<bool> {
    match raw.trim().to_ascii_lowercase().as_str() {
        "" | "false" | "no" | "0" | "off" => Ok(false),
        "true" | "yes" | "1" | "on" => Ok(true),
        other => Err(Message::new("flag-malformed").with("text", format!("{other:?}"))),
    }
}

/// `|` separates list entries in the CSV form, so no entry may contain it.
fn list_entry(text: &str, max: usize) -> FieldResult<()> {
    reject_control(text)?;
    if text.contains('|') {
        return Err(Message::new("list-entry-separator").with("entry", format!("{text:?}")));
    }
    if text.chars().count() > max {
        return Err(Message::new("list-entry-too-long")
            .with("entry", format!("{text:?}"))
            .with("max", max));
    }
    Ok(())
}

pub(super) fn tags(raw: &[String]) -> FieldResult<Vec<String>> {
    let mut tags = BTreeSet::new();
    for text in raw.iter().filter_map(|t| present(t)) {
        list_entry(text, MAX_TAG_CHARS)?;
        tags.insert(text.to_lowercase());
    }
    Ok(tags.into_iter().collect())
}

pub(super) fn product_codes(raw: &[String]) -> FieldResult<Vec<String>> {
    let mut codes = BTreeSet::new();
    for text in raw.iter().filter_map(|t| present(t)) {
        let code = text.to_ascii_uppercase();
        if !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') || code.len() > 64 {
            return Err(Message::new("product-code-malformed").with("text", format!("{text:?}")));
        }
        codes.insert(code);
    }
    Ok(codes.into_iter().collect())
}

pub(super) fn sales_point(raw: &str) -> FieldResult<Option<String>> {
    let Some(text) = present(raw) else {
        return Ok(None);
    };
    let code = text.to_ascii_uppercase();
    let allowed = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    if code.len() > MAX_SALES_POINT_CHARS || !code.chars().all(allowed) {
        return Err(Message::new("sales-point-code-malformed")
            .with("text", format!("{text:?}"))
            .with("max", MAX_SALES_POINT_CHARS));
    }
    Ok(Some(code))
}

pub(super) fn attributes(raw: &BTreeMap<String, String>) -> FieldResult<BTreeMap<String, String>> {
    let mut attributes = BTreeMap::new();
    for (raw_key, raw_value) in raw {
        let key = raw_key.trim();
        let key_ok = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-');
        if key.is_empty() || key.len() > MAX_ATTRIBUTE_KEY_CHARS || !key.chars().all(key_ok) {
            return Err(Message::new("attribute-key-malformed")
                .with("key", format!("{raw_key:?}"))
                .with("max", MAX_ATTRIBUTE_KEY_CHARS));
        }
        let value = raw_value.trim();
        list_entry(value, MAX_ATTRIBUTE_VALUE_CHARS).map_err(|e| {
            Message::new("attribute-value-invalid")
                .with("key", key)
                .with("problem", e)
        })?;
        if attributes
            .insert(key.to_owned(), value.to_owned())
            .is_some()
        {
            return Err(Message::new("attribute-key-twice").with("key", format!("{key:?}")));
        }
    }
    Ok(attributes)
}
