//! From a CRM extract's cell text to the text a [`ClientDraft`] expects.
//!
//! Extracts spell values the way their locale does (`23.11.2026`, `1 234,56`, `да`); the domain
//! parsers accept one canonical spelling. Each function here rewrites one kind of cell into that
//! spelling, or explains why it cannot, and leaves range and vocabulary checks to the domain.
//! Blank stays blank: it means "not recorded".
//!
//! [`ClientDraft`]: crate::domain::client::ClientDraft

use crate::domain::message::Message;
use std::collections::HashMap;
use std::str::FromStr;

use std::borrow::Cow;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::domain::client::iso_date;

/// How dates are written in the extract.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateFormat {
    /// ISO `2026-11-23` or `23.11.2026`: the two cannot be mistaken for each other.
    Auto,
    /// A chrono format such as `%d/%m/%Y`, checked when the mapping is read.
    Pattern(String),
}

const DOTTED: &str = "%d.%m.%Y";

pub(super) fn date(text: &str, format: &DateFormat) -> Result<String, Message> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(String::new());
    }
    let (parsed, expected) = match format {
        // Already in the domain's form: nothing to rewrite.
        DateFormat::Auto if iso_date(text).is_some() => return Ok(text.to_owned()),
        DateFormat::Auto => (
            // `str::parse` reads ISO dates without interpreting a pattern each time.
            text.parse::<NaiveDate>()
                .or_else(|_| NaiveDate::parse_from_str(text, DOTTED)),
            "YYYY-MM-DD or DD.MM.YYYY",
        ),
        DateFormat::Pattern(pattern) => {
            (NaiveDate::parse_from_str(text, pattern), pattern.as_str())
        }
    };
    parsed
        .map(|d| d.to_string()) // ISO, as `Display` writes it
        .map_err(|_| {
            Message::new("import-not-a-date")
                .with("text", format!("{text:?}"))
                .with("expected", expected)
        })
}

/// Spaces a spreadsheet may put between groups of thousands ("1 234 567").
fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// The digits of a whole number written with optional groups of three ("1 234 567"), or
/// `None` when the text is anything else.
fn ungrouped(text: &str) -> Option<String> {
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        return Some(text.to_owned()); // no groups: the common case
    }
    let groups: Vec<&str> = text.split(is_group_space).collect();
    let digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    let well_grouped =
        groups.len() == 1 || (groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3));
    (groups.iter().all(|g| digits(g)) && well_grouped).then(|| groups.concat())
}

/// An amount in the domain's form: `-`?digits, then `.` and the fraction if there is one.
///
/// Accepts `.` or `,` before the fraction and spaces between groups of thousands. Refuses any
/// other shape instead of guessing: `1,234.56` and `1.234,56` mean the same amount in two
/// locales, but `1,234` does not. The text is never read through `f64`; it is checked to fit a
/// `Decimal` digit for digit, so `14.890999999999998` stays exactly that.
pub(super) fn decimal(text: &str) -> Result<String, Message> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(String::new());
    }
    let (sign, body) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.strip_prefix('+').unwrap_or(text)),
    };
    let shape = || Message::new("import-not-an-amount").with("text", format!("{text:?}"));
    let (whole, fraction) = match body.split_once(['.', ',']) {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (body, None),
    };
    let whole = match whole {
        "" if fraction.is_some() => "0".to_owned(),
        _ => ungrouped(whole).ok_or_else(shape)?,
    };
    let whole = whole.trim_start_matches('0');
    let mut canonical = if whole.is_empty() { "0" } else { whole }.to_owned();
    if let Some(fraction) = fraction {
        if fraction.is_empty() || !fraction.bytes().all(|b| b.is_ascii_digit()) {
            return Err(shape());
        }
        canonical.push('.');
        canonical.push_str(fraction);
    }
    // rust_decimal rounds digits it cannot hold instead of failing: compare to be sure.
    match Decimal::from_str(&canonical) {
        Ok(amount) if amount.to_string() == canonical => Ok(format!("{sign}{canonical}")),
        _ => Err(Message::new("import-too-many-digits").with("text", format!("{text:?}"))),
    }
}

/// A whole number with its thousands groups joined ("1 630 000" → "1630000"). Anything else is
/// passed on unchanged for the domain parser to explain.
pub(super) fn integer(text: &str) -> String {
    let text = text.trim();
    let (sign, body) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    match ungrouped(body) {
        Some(digits) => format!("{sign}{digits}"),
        None => text.to_owned(),
    }
}

/// Yes/no in the extract's language; the domain knows yes/no/true/false/1/0/on/off.
pub(super) fn flag(text: &str) -> String {
    if text.is_ascii() {
        return text.to_owned(); // neither word is
    }
    match text.trim().to_lowercase().as_str() {
        "да" => "true".to_owned(),
        "нет" => "false".to_owned(),
        _ => text.to_owned(),
    }
}

/// The form in which a value-map key and a cell are compared.
pub(super) fn lookup_key(text: &str, trim: bool, case_fold: bool) -> Cow<'_, str> {
    let text = if trim { text.trim() } else { text };
    // ASCII without capitals folds to itself: most cells, spared a copy.
    let folded = |t: &str| t.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase());
    if case_fold && !folded(text) {
        Cow::Owned(text.to_lowercase())
    } else {
        Cow::Borrowed(text)
    }
}

/// One target's value map, ready for lookups.
#[derive(Debug, Clone, Default)]
pub(super) struct ValueLookup {
    map: HashMap<String, String>,
    trim: bool,
    case_fold: bool,
}

impl ValueLookup {
    pub(super) fn new<'a>(
        entries: impl IntoIterator<Item = (&'a String, &'a String)>,
        trim: bool,
        case_fold: bool,
    ) -> Self {
        let map = entries
            .into_iter()
            .map(|(from, to)| (lookup_key(from, trim, case_fold).into_owned(), to.clone()))
            .collect();
        Self {
            map,
            trim,
            case_fold,
        }
    }

    /// The mapped value, or the cell itself when the map has no entry for it.
    pub(super) fn apply<'a>(&'a self, text: &'a str) -> &'a str {
        if self.map.is_empty() {
            return text;
        }
        self.map
            .get(lookup_key(text, self.trim, self.case_fold).as_ref())
            .map_or(text, String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_keep_every_digit() {
        assert_eq!(decimal("14.890999999999998").unwrap(), "14.890999999999998");
        assert_eq!(decimal("87450.00").unwrap(), "87450.00");
        assert_eq!(decimal("0,5").unwrap(), "0.5");
        assert_eq!(decimal(",5").unwrap(), "0.5");
        assert_eq!(decimal("007").unwrap(), "7");
        assert_eq!(decimal("-12,30").unwrap(), "-12.30");
        assert_eq!(decimal("  ").unwrap(), "");
    }

    #[test]
    fn thousands_may_be_grouped_by_any_kind_of_space() {
        assert_eq!(decimal("1 234,56").unwrap(), "1234.56");
        assert_eq!(decimal("1\u{a0}234\u{a0}567,5").unwrap(), "1234567.5");
        assert_eq!(decimal("12\u{202f}345.00").unwrap(), "12345.00");
        assert_eq!(integer("1 630 000"), "1630000");
    }

    #[test]
    fn ambiguous_or_malformed_amounts_are_refused() {
        for bad in [
            "1,234.56",
            "1.234,56",
            "1,234,567",
            "12 34,5",
            "1e5",
            "12.",
            "abc",
            "1 2",
        ] {
            assert!(decimal(bad).is_err(), "{bad}");
        }
        assert!(decimal("1.00000000000000000000000000001").is_err());
        assert!(decimal("123456789012345678901234567890").is_err());
        assert_eq!(integer("12 34"), "12 34");
    }

    #[test]
    fn dates_are_iso_or_dotted_or_as_configured() {
        assert_eq!(date("2026-11-23", &DateFormat::Auto).unwrap(), "2026-11-23");
        assert_eq!(
            date(" 23.11.2026 ", &DateFormat::Auto).unwrap(),
            "2026-11-23"
        );
        assert!(date("23/11/2026", &DateFormat::Auto).is_err());
        let slashed = DateFormat::Pattern("%d/%m/%Y".into());
        assert_eq!(date("23/11/2026", &slashed).unwrap(), "2026-11-23");
        let message = date("2026-11-23", &slashed).unwrap_err();
        assert_eq!(
            message.to_string(),
            "\"2026-11-23\" is not a date in the form %d/%m/%Y"
        );
        assert!(date("31.02.2026", &DateFormat::Auto).is_err());
    }

    #[test]
    fn russian_yes_and_no_become_flags() {
        assert_eq!(flag("Да"), "true");
        assert_eq!(flag(" нет "), "false");
        assert_eq!(flag("yes"), "yes");
    }

    #[test]
    fn value_maps_match_after_trim_and_case_fold() {
        let entries = [
            (" Male".to_owned(), "male".to_owned()),
            ("Ж".to_owned(), "female".to_owned()),
        ];
        let lookup = ValueLookup::new(entries.iter().map(|(a, b)| (a, b)), true, true);
        assert_eq!(lookup.apply("MALE "), "male");
        assert_eq!(lookup.apply("ж"), "female");
        assert_eq!(lookup.apply("other"), "other");
        let exact = ValueLookup::new(entries.iter().map(|(a, b)| (a, b)), false, false);
        assert_eq!(exact.apply(" Male"), "male");
        assert_eq!(exact.apply("Male"), "Male");
    }
}
