//! Values in conditions, and the type check that turns a literal into one.

use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::attribute::{Attribute, AttributeKind, CustomName};
use crate::domain::client::{DigitalAffinity, Employment, Gender, MaritalStatus};
use crate::domain::message::Message;

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
    pub message: Message,
    pub hint: Option<Message>,
}

impl Problem {
    pub fn new(message: Message) -> Self {
        Self {
            message,
            hint: None,
        }
    }

    pub fn hint(mut self, hint: Message) -> Self {
        self.hint = Some(hint);
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
        Err(Problem::new(
            Message::new("rule-operator-not-for")
                .with("symbol", symbol)
                .with("attribute", attribute),
        )
        .hint(Message::new("rule-hint-equality").with("attribute", attribute)))
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
                    let expected = if min == i64::MIN {
                        Message::new("rule-expected-whole")
                    } else {
                        Message::new("rule-expected-whole-range")
                            .with("min", min)
                            .with("max", max)
                    };
                    Problem::new(expected.with("attribute", attribute).with("found", &shown))
                })
        }
        K::Amount => number().map(Value::Number).ok_or_else(|| {
            Problem::new(expected("rule-expected-number", attribute, &shown))
                .hint(Message::new("rule-hint-number"))
        }),
        K::Date => (!quoted)
            .then(|| plain_date(text))
            .flatten()
            .map(Value::Date)
            .ok_or_else(|| {
                Problem::new(expected("rule-expected-date", attribute, &shown))
                    .hint(Message::new("rule-hint-date"))
            }),
        K::Text => text_value(attribute, text).map(Value::Text),
        K::Flag => match (quoted, text.to_ascii_lowercase().as_str()) {
            (false, "true") => Ok(Value::Flag(true)),
            (false, "false") => Ok(Value::Flag(false)),
            _ => Err(Problem::new(expected(
                "rule-expected-flag",
                attribute,
                &shown,
            ))),
        },
        K::Gender => code(text, "rule-kind-gender", Gender::ALL, Gender::as_str).map(Value::Gender),
        K::Employment => code(
            text,
            "rule-kind-employment",
            Employment::ALL,
            Employment::as_str,
        )
        .map(Value::Employment),
        K::MaritalStatus => code(
            text,
            "rule-kind-marital-status",
            MaritalStatus::ALL,
            MaritalStatus::as_str,
        )
        .map(Value::MaritalStatus),
        K::DigitalAffinity => code(
            text,
            "rule-kind-digital-affinity",
            DigitalAffinity::ALL,
            DigitalAffinity::as_str,
        )
        .map(Value::DigitalAffinity),
        K::Custom => match number() {
            Some(n) if digit_count(&n.to_string()) > CustomName::MAX_NUMBER_DIGITS => Err(
                Problem::new(Message::new("rule-too-many-digits").with("found", &shown)).hint(
                    Message::new("rule-hint-digits").with("max", CustomName::MAX_NUMBER_DIGITS),
                ),
            ),
            Some(n) => Ok(Value::Number(n)),
            None if ordered => {
                Err(
                    Problem::new(expected("rule-expected-number", attribute, &shown))
                        .hint(Message::new("rule-hint-custom-order")),
                )
            }
            None if text.trim().is_empty() => Err(Problem::new(
                Message::new("rule-expected-value").with("attribute", attribute),
            )),
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
        Attribute::IncomeCurrency => (letters(3), text.to_ascii_uppercase(), "rule-what-currency"),
        Attribute::PreferredLanguage => {
            (letters(2), text.to_ascii_lowercase(), "rule-what-language")
        }
        Attribute::HomeSalesPoint => (
            !text.is_empty() && text.len() <= 32 && text.chars().all(sales_point),
            text.to_ascii_uppercase(),
            "rule-what-sales-point",
        ),
        _ => (!text.is_empty(), text.to_owned(), "rule-what-text"),
    };
    if ok {
        Ok(value)
    } else {
        Err(Problem::new(
            Message::new("rule-expected-text")
                .with("what_key", expected)
                .with("attribute", attribute)
                .with("found", format!("\"{text}\"")),
        ))
    }
}

/// `expected_key` names what was expected for `attribute`; `shown` is what was written.
fn expected(expected_key: &'static str, attribute: &Attribute, shown: &str) -> Message {
    Message::new(expected_key)
        .with("attribute", attribute)
        .with("found", shown)
}

fn code<T: Copy + FromStr>(
    text: &str,
    kind_key: &'static str,
    all: &[T],
    name: fn(T) -> &'static str,
) -> Checked<T> {
    text.parse().map_err(|_| {
        let names: Vec<_> = all.iter().map(|v| name(*v)).collect();
        let expected = match names.as_slice() {
            [a, b] => Message::new("rule-hint-either").with("a", a).with("b", b),
            _ => Message::new("rule-hint-one-of").with("names", names.join(", ")),
        };
        Problem::new(
            Message::new("rule-unknown-code")
                .with("kind_key", kind_key)
                .with("text", text),
        )
        .hint(expected)
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
            Problem::new(Message::new("rule-not-tag").with("text", literal.text))
                .hint(Message::new("rule-hint-tag")),
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
            Problem::new(Message::new("rule-not-product").with("text", literal.text))
                .hint(Message::new("rule-hint-product")),
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
