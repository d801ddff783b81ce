//! The `[options]` table, read and checked.

use std::fmt::Write as _;

use chrono::NaiveDate;
use chrono::format::{Item, StrftimeItems};
use serde::Deserialize;
use toml::Spanned;

use super::parse::Problems;
use super::{DateFormat, Delimiter, Options};

#[derive(Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct RawOptions {
    delimiter: Option<Spanned<String>>,
    date_format: Option<Spanned<String>>,
    trim: Option<bool>,
    case_fold: Option<bool>,
    list_separator: Option<Spanned<String>>,
    ignore: Vec<Spanned<String>>,
    optional: Vec<Spanned<String>>,
    default_income_currency: Option<Spanned<String>>,
    encoding: Option<Spanned<String>>,
    age_as_of: Option<Spanned<RawDate>>,
}

/// A date as TOML writes it (`2026-06-30`) or as text (`"2026-06-30"`).
#[derive(Deserialize)]
#[serde(untagged)]
pub(super) enum RawDate {
    Text(String),
    Date(toml::value::Datetime),
}

/// The options, with where each `optional` entry is in the text (checked against the columns
/// once they are read).
pub(super) struct ReadOptions {
    pub(super) options: Options,
    pub(super) optional_at: Vec<usize>,
}

pub(super) fn options(raw: RawOptions, problems: &mut Problems<'_>) -> ReadOptions {
    let mut options = Options {
        trim: raw.trim.unwrap_or(true),
        case_fold: raw.case_fold.unwrap_or(true),
        ..Options::default()
    };
    if let Some(delimiter) = raw.delimiter {
        match delimiter.get_ref().as_str() {
            "auto" => {}
            "," => options.delimiter = Delimiter::Comma,
            ";" => options.delimiter = Delimiter::Semicolon,
            "\t" | "tab" => options.delimiter = Delimiter::Tab,
            _ => problems.add(
                Some(delimiter.span().start),
                "options.delimiter",
                r#"must be "auto", ",", ";" or "\t""#,
            ),
        }
    }
    if let Some(format) = raw.date_format {
        match date_format(format.get_ref()) {
            Ok(parsed) => options.date_format = parsed,
            Err(message) => problems.add(Some(format.span().start), "options.date_format", message),
        }
    }
    if let Some(separator) = raw.list_separator {
        if separator.get_ref().is_empty() {
            problems.add(
                Some(separator.span().start),
                "options.list_separator",
                "must not be empty",
            );
        } else {
            options.list_separator = separator.into_inner();
        }
    }
    for column in raw.ignore {
        if column.get_ref().trim().is_empty() {
            problems.add(
                Some(column.span().start),
                "options.ignore",
                "a column name is blank",
            );
        } else {
            options.ignore.push(column.into_inner());
        }
    }
    let mut optional_at = Vec::new();
    for column in raw.optional {
        if column.get_ref().trim().is_empty() {
            problems.add(
                Some(column.span().start),
                "options.optional",
                "a column name is blank",
            );
        } else {
            optional_at.push(column.span().start);
            options.optional.push(column.into_inner());
        }
    }
    if let Some(currency) = raw.default_income_currency {
        let code = currency.get_ref().trim().to_ascii_uppercase();
        if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) {
            options.default_income_currency = Some(code);
        } else {
            let message = format!(
                "{:?} is not an ISO 4217 code (3 letters)",
                currency.get_ref()
            );
            problems.add(
                Some(currency.span().start),
                "options.default_income_currency",
                message,
            );
        }
    }
    if let Some(label) = raw.encoding {
        match crate::import::encoding::by_label(label.get_ref()) {
            Some(encoding) => options.encoding = Some(encoding.name().to_owned()),
            None => problems.add(
                Some(label.span().start),
                "options.encoding",
                format!(
                    "{:?} is not a text encoding (e.g. \"utf-8\", \"windows-1251\", \"koi8-r\")",
                    label.get_ref()
                ),
            ),
        }
    }
    if let Some(raw) = raw.age_as_of {
        let text = match raw.get_ref() {
            RawDate::Text(text) => text.trim().to_owned(),
            RawDate::Date(date) => date.to_string(),
        };
        match crate::domain::client::iso_date(&text) {
            Some(date) if date <= chrono::Utc::now().date_naive() => options.age_as_of = Some(date),
            Some(_) => problems.add(
                Some(raw.span().start),
                "options.age_as_of",
                format!("{text} is in the future: ages are stated on a day that has come"),
            ),
            None => problems.add(
                Some(raw.span().start),
                "options.age_as_of",
                format!("{text:?} is not a date written YYYY-MM-DD"),
            ),
        }
    }
    ReadOptions {
        options,
        optional_at,
    }
}

/// `auto`, or a chrono format that can write and read back a whole date.
fn date_format(text: &str) -> Result<DateFormat, String> {
    if text == "auto" {
        return Ok(DateFormat::Auto);
    }
    if StrftimeItems::new(text).any(|item| matches!(item, Item::Error)) {
        return Err(format!(
            "{text:?} is not a chrono date format such as \"%d/%m/%Y\""
        ));
    }
    // Writing can fail (a time field in a date format); `write!` reports it, `to_string` panics.
    let sample = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default();
    let mut written = String::new();
    let round_trips = write!(written, "{}", sample.format(text)).is_ok()
        && NaiveDate::parse_from_str(&written, text) == Ok(sample);
    if round_trips {
        Ok(DateFormat::Pattern(text.to_owned()))
    } else {
        Err(format!(
            "{text:?} must give the year, the month and the day, and no time of day"
        ))
    }
}
