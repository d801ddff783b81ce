//! Values in conditions, and the type check that turns a literal into one.

use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::attribute::{Attribute, AttributeKind, CustomName};
use crate::domain::client::{DigitalAffinity, Employment, Gender, MaritalStatus};

/// A typed value. Which variants an attribute accepts is fixed by its [`AttributeKind`]:
/// custom attributes take `Number` or `Text`, every other kind exactly one variant.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Value {
    /// Normalised (no trailing zeros), so `35.0` and `35` print alike.
    Number(Decimal),
    Text(String),
    Flag(bool),
    Date(NaiveDate),
    Gender(Gender),
    Employment(Employment),
    MaritalStatus(MaritalStatus),
    DigitalAffinity(DigitalAffinity),
}

/// A value as written: a word, or the contents of a quoted string.
#[derive(Debug, Clone, Copy)]
pub(super) struct Literal<'a> {
    pub text: &'a str,
    pub quoted: bool,
}

/// A type error, before it is placed at a column or a form row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Problem {
    pub message: String,
    pub hint: Option<String>,
}

impl Problem {
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            hint: None,
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

type Checked<T> = Result<T, Problem>;

/// What an operator needs: `ordered` for `<`, `<=`, `>`, `>=` and `between`.
pub(super) fn check_operator(attribute: &Attribute, symbol: &str, ordered: bool) -> Checked<()> {
    use AttributeKind as K;
    let fits = match attribute.kind() {
        K::Whole { .. } | K::Amount | K::Date | K::Custom => true,
        _ => !ordered,
    };
    if fits {
        Ok(())
    } else {
        Err(
            Problem::new(format!("'{symbol}' does not apply to {attribute}"))
                .hint(format!("{attribute} takes =, != or in")),
        )
    }
}

/// Type-checks a literal for `attribute`. `ordered`: the operator orders (custom attributes are
/// ordered only as numbers).
pub(super) fn typed(attribute: &Attribute, literal: Literal<'_>, ordered: bool) -> Checked<Value> {
    use AttributeKind as K;
    let Literal { text, quoted } = literal;
    let shown = if quoted {
        format!("\"{text}\"")
    } else {
        format!("'{text}'")
    };
    let number = || (!quoted).then(|| plain_decimal(text)).flatten();
    match attribute.kind() {
        K::Whole { min, max } => {
            let whole = number()
                .filter(|n| n.scale() == 0)
                .and_then(|n| i64::try_from(n).ok())
                .filter(|n| (min..=max).contains(n));
            whole
                .map(|n| Value::Number(Decimal::from(n)))
                .ok_or_else(|| {
                    let range = if min == i64::MIN {
                        String::new()
                    } else {
                        format!(" from {min} to {max}")
                    };
                    Problem::new(format!(
                        "expected a whole number{range} for {attribute}, found {shown}"
                    ))
                })
        }
        K::Amount => number().map(Value::Number).ok_or_else(|| {
            Problem::new(format!("expected a number for {attribute}, found {shown}"))
                .hint("write it like 1500.50, without quotes or spaces")
        }),
        K::Date => (!quoted)
            .then(|| plain_date(text))
            .flatten()
            .map(Value::Date)
            .ok_or_else(|| {
                Problem::new(format!("expected a date for {attribute}, found {shown}"))
                    .hint("write it as YYYY-MM-DD")
            }),
        K::Text => text_value(attribute, text).map(Value::Text),
        K::Flag => match (quoted, text.to_ascii_lowercase().as_str()) {
            (false, "true") => Ok(Value::Flag(true)),
            (false, "false") => Ok(Value::Flag(false)),
            _ => Err(Problem::new(format!(
                "expected true or false for {attribute}, found {shown}"
            ))),
        },
        K::Gender => code(text, "gender", Gender::ALL, Gender::as_str).map(Value::Gender),
        K::Employment => {
            code(text, "employment", Employment::ALL, Employment::as_str).map(Value::Employment)
        }
        K::MaritalStatus => code(
            text,
            "marital status",
            MaritalStatus::ALL,
            MaritalStatus::as_str,
        )
        .map(Value::MaritalStatus),
        K::DigitalAffinity => code(
            text,
            "digital affinity",
            DigitalAffinity::ALL,
            DigitalAffinity::as_str,
        )
        .map(Value::DigitalAffinity),
        K::Custom => match number() {
            Some(n) if digit_count(&n.to_string()) > CustomName::MAX_NUMBER_DIGITS => {
                Err(Problem::new(format!(
                    "{shown} has too many digits for a custom attribute"
                ))
                .hint(format!(
                    "custom attributes compare numbers of up to {} digits",
                    CustomName::MAX_NUMBER_DIGITS
                )))
            }
            Some(n) => Ok(Value::Number(n)),
            None if ordered => Err(Problem::new(format!(
                "expected a number for {attribute}, found {shown}"
            ))
            .hint("custom attributes are ordered only as numbers")),
            None if text.trim().is_empty() => {
                Err(Problem::new(format!("expected a value for {attribute}")))
            }
            None => Ok(Value::Text(text.trim().to_owned())),
        },
    }
}

/// Text attributes, normalised the way client records store them.
fn text_value(attribute: &Attribute, text: &str) -> Checked<String> {
    // Client records keep text trimmed, so a padded value could never match.
    let text = text.trim();
    let letters = |n: usize| text.len() == n && text.chars().all(|c| c.is_ascii_alphabetic());
    let sales_point = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_');
    let (ok, value, expected) = match attribute {
        Attribute::IncomeCurrency => (
            letters(3),
            text.to_ascii_uppercase(),
            "a currency code such as RUB",
        ),
        Attribute::PreferredLanguage => (
            letters(2),
            text.to_ascii_lowercase(),
            "a language code such as ru",
        ),
        Attribute::HomeSalesPoint => (
            !text.is_empty() && text.len() <= 32 && text.chars().all(sales_point),
            text.to_ascii_uppercase(),
            "a sales point code such as MSK-HO",
        ),
        _ => (!text.is_empty(), text.to_owned(), "a non-empty text"),
    };
    if ok {
        Ok(value)
    } else {
        Err(Problem::new(format!(
            "expected {expected} for {attribute}, found \"{text}\""
        )))
    }
}

fn code<T: Copy + FromStr>(
    text: &str,
    kind: &str,
    all: &[T],
    name: fn(T) -> &'static str,
) -> Checked<T> {
    text.parse().map_err(|_| {
        let names: Vec<_> = all.iter().map(|v| name(*v)).collect();
        let expected = match names.as_slice() {
            [a, b] => format!("expected {a} or {b}"),
            _ => format!("expected one of {}", names.join(", ")),
        };
        Problem::new(format!("unknown {kind} '{text}'")).hint(expected)
    })
}

/// The tag as client records keep it: trimmed and lower-case.
pub(super) fn tag(literal: Literal<'_>) -> Checked<String> {
    let tag = literal.text.trim().to_lowercase();
    if tag.is_empty()
        || tag.contains('|')
        || tag.chars().count() > 64
        || tag.chars().any(char::is_control)
    {
        return Err(
            Problem::new(format!("\"{}\" is not a lifestyle tag", literal.text))
                .hint("tags are 1 to 64 characters, without '|'"),
        );
    }
    Ok(tag)
}

/// The product code as client records keep it: upper-case `[A-Z0-9_]`.
pub(super) fn product(literal: Literal<'_>) -> Checked<String> {
    let code = literal.text.trim().to_ascii_uppercase();
    let allowed = |c: char| c.is_ascii_alphanumeric() || c == '_';
    if code.is_empty() || code.len() > 64 || !code.chars().all(allowed) {
        return Err(
            Problem::new(format!("\"{}\" is not a product code", literal.text))
                .hint("product codes are letters, digits and _, such as CC_GRACE"),
        );
    }
    Ok(code)
}

/// `-?[0-9]+(\.[0-9]+)?` with at most 28 digits (exact in a `Decimal`), normalised.
pub(super) fn plain_decimal(text: &str) -> Option<Decimal> {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !digits(fraction) || digit_count(text) > 28 {
        return None;
    }
    Decimal::from_str(text).ok().map(|n| {
        let n = n.normalize();
        if n.is_zero() { Decimal::ZERO } else { n }
    })
}

/// A custom attribute's stored text as a number, when it is a plain decimal of at most
/// [`CustomName::MAX_NUMBER_DIGITS`] digits (leading zeros count, as they do in SQL).
pub(super) fn custom_number(text: &str) -> Option<Decimal> {
    if digit_count(text) > CustomName::MAX_NUMBER_DIGITS {
        return None;
    }
    plain_decimal(text)
}

fn digit_count(text: &str) -> usize {
    text.bytes().filter(u8::is_ascii_digit).count()
}

/// Exactly `YYYY-MM-DD`: chrono alone would also take `2024-1-5`.
pub(super) fn plain_date(text: &str) -> Option<NaiveDate> {
    let shape = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    shape
        .then(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
        .flatten()
}
