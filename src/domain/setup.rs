//! Setting a bank up from an empty database: what is still missing and who can add it, and
//! the checks on the bank's details, its group companies, its sales points, staff and exchange
//! rates as people type them or send them in CSV files. Every parser collects every problem,
//! named by field, so a form or an import reports them all at once.

mod point;
mod readiness;
mod rows;

pub use point::{OpenableKinds, PointFormat, SalesPointDraft, SalesPointForm, point_code};
pub use readiness::{Missing, Readiness};
pub use rows::{RateRow, StaffRow};

use super::message::Message;
use super::money::Currency;
use super::validation::FieldErrors;

/// The bank as the administrator sets it up: its name and reporting currency, and the legal
/// details printed on every offer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BankDetails {
    pub name: String,
    pub reporting_currency: Currency,
    pub legal: LegalDetails,
}

/// What the printed offer says of the bank, besides its name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LegalDetails {
    pub legal_name: String,
    pub address: String,
    /// INN or the bank's country's equivalent.
    pub tax_id: String,
    pub licence: String,
    pub phone: String,
}

/// The bank form's fields as typed.
#[derive(Clone, Debug, Default)]
pub struct BankForm {
    pub name: String,
    pub reporting_currency: String,
    pub legal_name: String,
    pub address: String,
    pub tax_id: String,
    pub licence: String,
    pub phone: String,
}

impl BankDetails {
    /// # Errors
    /// Every field that is wrong, by name.
    pub fn parse(form: &BankForm) -> Result<Self, Vec<super::validation::FieldError>> {
        let mut errors = FieldErrors::default();
        let name = required(&mut errors, "name", &form.name, 200);
        let reporting_currency =
            currency(&mut errors, "reporting_currency", &form.reporting_currency);
        let legal = LegalDetails {
            legal_name: optional(&mut errors, "legal_name", &form.legal_name, 300),
            address: optional(&mut errors, "address", &form.address, 500),
            tax_id: optional(&mut errors, "tax_id", &form.tax_id, 32),
            licence: optional(&mut errors, "licence", &form.licence, 200),
            phone: optional(&mut errors, "phone", &form.phone, 32),
        };
        errors.into_result()?;
        Ok(Self {
            name,
            reporting_currency: reporting_currency.unwrap_or(Currency::RUB),
            legal,
        })
    }
}

/// What a group company does: the catalog's products each belong to one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompanyKind {
    Bank,
    Insurance,
    Funds,
    Brokerage,
    Other,
}

impl CompanyKind {
    pub const ALL: [Self; 5] = [
        Self::Bank,
        Self::Insurance,
        Self::Funds,
        Self::Brokerage,
        Self::Other,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Bank => "bank",
            Self::Insurance => "insurance",
            Self::Funds => "funds",
            Self::Brokerage => "brokerage",
            Self::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(text.trim()))
    }
}

/// A company of the bank's group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Company {
    /// `BANK`, `INSURE` …: what product forms name.
    pub code: String,
    pub name: String,
    pub kind: CompanyKind,
}

impl Company {
    /// # Errors
    /// Every field that is wrong, by name.
    pub fn parse(
        code: &str,
        name: &str,
        kind: &str,
    ) -> Result<Self, Vec<super::validation::FieldError>> {
        let mut errors = FieldErrors::default();
        let code = match super::code::Code::parse(code, "INSURE") {
            Ok(code) => code.into_string(),
            Err(e) => {
                errors.push("code", e.into());
                String::new()
            }
        };
        let name = required(&mut errors, "name", name, 200);
        let kind = CompanyKind::parse(kind).unwrap_or_else(|| {
            errors.push(
                "kind",
                Message::new("setup-company-kind").with("value", kind.trim()),
            );
            CompanyKind::Other
        });
        errors.into_result()?;
        Ok(Self { code, name, kind })
    }
}

/// A trimmed text of 1 to `max` characters.
pub(crate) fn required(errors: &mut FieldErrors, field: &str, text: &str, max: usize) -> String {
    let text = text.trim();
    if text.is_empty() {
        errors.push(field, Message::new("field-required"));
    } else if text.chars().count() > max {
        errors.push(field, Message::new("field-too-long").with("max", max));
    }
    text.to_owned()
}

/// A trimmed text of at most `max` characters, possibly empty.
pub(crate) fn optional(errors: &mut FieldErrors, field: &str, text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() > max {
        errors.push(field, Message::new("field-too-long").with("max", max));
    }
    text.to_owned()
}

/// Three capital letters (lower case is accepted and raised).
pub(crate) fn currency(errors: &mut FieldErrors, field: &str, text: &str) -> Option<Currency> {
    match Currency::parse(&text.trim().to_uppercase()) {
        Ok(currency) => Some(currency),
        Err(_) => {
            errors.push(
                field,
                Message::new("setup-currency").with("value", text.trim()),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests;
