//! Path-aware readers over a `serde_json::Value`.
//!
//! Why not `#[derive(Deserialize)]`: serde stops at the first error and its messages don't carry
//! the JSON path; finance uploads whole documents and needs every problem, each named by path
//! (`products.CC_GRACE.ftp_rate: …`). Errors are collected, not returned early, so one pass
//! reports everything.

use crate::domain::message::Message;
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::{Map, Value};

use crate::domain::validation::FieldErrors;

/// Joins a path and a key: `products` + `CA_RUB` → `products.CA_RUB`.
pub(super) fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// A JSON object being read at `path`, with the keys it may contain.
pub(super) struct Obj<'a> {
    pub path: String,
    pub map: &'a Map<String, Value>,
}

impl<'a> Obj<'a> {
    /// Reads `value` as an object, reporting unknown keys (anything not in `allowed`).
    pub fn open(
        value: &'a Value,
        path: String,
        allowed: &[&str],
        errors: &mut FieldErrors,
    ) -> Option<Self> {
        let Value::Object(map) = value else {
            errors.push(
                path,
                Message::new("json-not-object").with("found", describe(value)),
            );
            return None;
        };
        for key in map.keys().filter(|key| !allowed.contains(&key.as_str())) {
            errors.push(join(&path, key), Message::new("json-unknown-field"));
        }
        Some(Self { path, map })
    }

    pub fn at(&self, key: &str) -> String {
        join(&self.path, key)
    }

    /// A required field's value, or an error naming it.
    pub fn required(&self, key: &str, errors: &mut FieldErrors) -> Option<&'a Value> {
        let value = self.map.get(key);
        if value.is_none() {
            errors.push(self.at(key), Message::new("json-missing-field"));
        }
        value
    }

    pub fn decimal(&self, key: &str, errors: &mut FieldErrors) -> Option<Decimal> {
        self.required(key, errors)
            .and_then(|v| decimal(v, &self.at(key), errors))
    }

    /// An optional decimal; `Ok(None)` when absent, `Err(())` when present but malformed.
    pub fn optional_decimal(
        &self,
        key: &str,
        errors: &mut FieldErrors,
    ) -> Result<Option<Decimal>, ()> {
        match self.map.get(key) {
            None => Ok(None),
            Some(v) => decimal(v, &self.at(key), errors).map(Some).ok_or(()),
        }
    }

    /// Sets `*target` from an optional decimal field, leaving the default when absent.
    pub fn decimal_into(&self, key: &str, target: &mut Decimal, errors: &mut FieldErrors) {
        if let Ok(Some(value)) = self.optional_decimal(key, errors) {
            *target = value;
        }
    }

    pub fn optional_str(&self, key: &str, errors: &mut FieldErrors) -> Option<&'a str> {
        let value = self.map.get(key)?;
        let text = value.as_str();
        if text.is_none() {
            errors.push(
                self.at(key),
                Message::new("json-not-string").with("found", describe(value)),
            );
        }
        text
    }

    pub fn str(&self, key: &str, errors: &mut FieldErrors) -> Option<&'a str> {
        self.required(key, errors)?;
        self.optional_str(key, errors)
    }

    pub fn optional_bool(&self, key: &str, errors: &mut FieldErrors) -> Option<bool> {
        let value = self.map.get(key)?;
        let flag = value.as_bool();
        if flag.is_none() {
            errors.push(
                self.at(key),
                Message::new("json-not-bool").with("found", describe(value)),
            );
        }
        flag
    }

    /// A string field parsed with `FromStr`, the parser's error becoming the message.
    pub fn parsed<T: FromStr>(
        &self,
        key: &str,
        required: bool,
        errors: &mut FieldErrors,
    ) -> Option<T>
    where
        T::Err: Into<Message>,
    {
        let text = if required {
            self.str(key, errors)?
        } else {
            self.optional_str(key, errors)?
        };
        text.parse()
            .map_err(|e: T::Err| errors.push(self.at(key), e.into()))
            .ok()
    }
}

/// An exact decimal: a decimal string (`"0.16"`, `"-154.00"`) or a JSON integer (`5`).
/// JSON fractions are refused: they are binary floats to most tools, and money must be exact.
pub(super) fn decimal(value: &Value, path: &str, errors: &mut FieldErrors) -> Option<Decimal> {
    let parsed = match value {
        Value::String(text) => parse_decimal_text(text).map_err(|why| {
            Message::new(why.unwrap_or("json-not-decimal"))
                .with("example", "0.16")
                .with("found", format!("{text:?}"))
        }),
        Value::Number(number) => {
            // With serde_json's arbitrary_precision the number keeps its source text.
            let text = number.to_string();
            if text.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
                parse_decimal_text(&text)
                    .map_err(|_| Message::new("json-integer-too-long").with("found", text.as_str()))
            } else {
                let example = if parse_decimal_text(&text).is_ok() {
                    text.as_str()
                } else {
                    "0.16"
                };
                Err(Message::new("json-decimal-as-number").with("example", example))
            }
        }
        other => Err(Message::new("json-not-decimal")
            .with("example", "0.16")
            .with("found", describe(other))),
    };
    parsed.map_err(|message| errors.push(path, message)).ok()
}

/// Strict plain-decimal syntax (`-?digits(.digits)?`), then an exact parse: no exponents, no
/// separators, no silent rounding of digits beyond what `Decimal` holds.
///
/// The error is `None` for a malformed text, or the key of a more precise message.
fn parse_decimal_text(text: &str) -> Result<Decimal, Option<&'static str>> {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, "0"));
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !digits(fraction) {
        return Err(None);
    }
    Decimal::from_str_exact(text).map_err(|_| Some("json-decimal-too-long"))
}

/// A calendar date written `YYYY-MM-DD`.
pub(super) fn date(value: &Value, path: &str, errors: &mut FieldErrors) -> Option<NaiveDate> {
    let parsed = value
        .as_str()
        .and_then(|text| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok());
    if parsed.is_none() {
        errors.push(
            path,
            Message::new("json-not-date").with("found", describe(value)),
        );
    }
    parsed
}

/// What a JSON value is, for messages: `a number`, `null`, `"abc"`.
pub(super) fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(_) => "a number".to_owned(),
        Value::String(s) => format!("{s:?}"),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}
