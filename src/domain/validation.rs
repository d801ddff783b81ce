//! Field-level validation errors shared by every domain parser.
//!
//! Why one type: the catalog form, the JSON document reader and the persistence layer all need
//! to say *which field* is wrong, so the web layer can show the message next to that field.

use rust_decimal::Decimal;
use serde::Serialize;

use super::message::Message;

/// One thing wrong with one field, named by its path (`products.CC_GRACE.ftp_rate`).
/// Displays as `field: message` (in English), or just the message when the whole document is
/// at fault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{}{message}", if field.is_empty() { String::new() } else { format!("{field}: ") })]
pub struct FieldError {
    /// Dotted path of the field, relative to whatever was being validated.
    pub field: String,
    /// What is wrong, for the person who typed the value (translated by key).
    pub message: Message,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: Message) -> Self {
        Self {
            field: field.into(),
            message,
        }
    }

    /// Re-roots the error under `prefix`, e.g. `ftp_rate` → `products.CC_GRACE.ftp_rate`.
    #[must_use]
    pub fn under(mut self, prefix: &str) -> Self {
        if !prefix.is_empty() {
            self.field = if self.field.is_empty() {
                prefix.to_owned()
            } else {
                format!("{prefix}.{}", self.field)
            };
        }
        self
    }
}

/// Collects field errors without stopping at the first, so a form shows every problem at once.
#[derive(Debug, Default)]
pub struct FieldErrors(Vec<FieldError>);

impl FieldErrors {
    pub fn push(&mut self, field: impl Into<String>, message: Message) {
        self.0.push(FieldError::new(field, message));
    }

    /// Costs, balances, counts and minutes: zero is fine, below zero is nonsense.
    pub fn non_negative(&mut self, field: &str, value: Decimal) {
        if value < Decimal::ZERO {
            self.push(
                field,
                Message::new("field-not-negative").with("value", value),
            );
        }
    }

    /// Annual rates and shares, as fractions: `0.13` is 13 %.
    pub fn fraction(&mut self, field: &str, value: Decimal) {
        if value < Decimal::ZERO || value > Decimal::ONE {
            self.push(
                field,
                Message::new("field-not-fraction").with("value", value),
            );
        }
    }

    /// Lifetimes: we divide by them.
    pub fn positive(&mut self, field: &str, value: Decimal) {
        if value <= Decimal::ZERO {
            self.push(
                field,
                Message::new("field-not-positive").with("value", value),
            );
        }
    }

    pub fn extend(&mut self, errors: impl IntoIterator<Item = FieldError>) {
        self.0.extend(errors);
    }

    /// The names of the fields that have an error so far.
    pub fn fields(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|e| e.field.as_str())
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(())` when nothing was collected, otherwise every collected error.
    ///
    /// # Errors
    /// Returns the collected errors when there is at least one.
    pub fn into_result(self) -> Result<(), Vec<FieldError>> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self.0)
        }
    }

    pub fn into_vec(self) -> Vec<FieldError> {
        self.0
    }
}
