//! A product as the catalog holds it, and the form a product manager fills in to make one.
//!
//! [`ProductForm`] is text as typed; [`ProductForm::parse`] turns it into a [`CatalogProduct`]
//! or reports every problem under its field name, so the page can show each message next to
//! its input. Decimals accept a comma and spaces ("1 490,50"), as people type them here.

use std::collections::BTreeMap;

use super::Figure;
use crate::domain::code::Code;
use crate::domain::message::Message;
use std::str::FromStr;

use rust_decimal::Decimal;

use super::{Economics, PriceParameter, ProductKind, Terms, Usage};
use crate::domain::money::Currency;
use crate::domain::validation::{FieldError, FieldErrors};

/// Whether a product may be sold. A state machine: a product is suspended (finance's
/// "suspend without regret") and may later be reactivated; nothing else changes the status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProductStatus {
    Active,
    Suspended,
}

impl ProductStatus {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Suspended => "suspended",
        }
    }

    pub const fn label(self) -> &'static str {
        match self {
            Self::Active => "Active",
            Self::Suspended => "Suspended",
        }
    }

    /// The status after suspending; `None` when already suspended.
    pub const fn suspend(self) -> Option<Self> {
        match self {
            Self::Active => Some(Self::Suspended),
            Self::Suspended => None,
        }
    }

    /// The status after reactivating; `None` when already active.
    pub const fn reactivate(self) -> Option<Self> {
        match self {
            Self::Suspended => Some(Self::Active),
            Self::Active => None,
        }
    }
}

impl FromStr for ProductStatus {
    type Err = Message;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "active" => Ok(Self::Active),
            "suspended" => Ok(Self::Suspended),
            other => {
                Err(Message::new("product-status-unknown").with("value", format!("{other:?}")))
            }
        }
    }
}

/// A valid catalog product.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogProduct {
    /// Upper-case `[A-Z0-9_]`, 2–32 characters: it appears in matrices, CRM data and reports.
    pub code: String,
    pub name: String,
    pub kind: ProductKind,
    pub currency: Currency,
    /// Code of the group company that owns the product.
    pub company: String,
    pub status: ProductStatus,
    /// Finance's judgement that the costs cannot be cut any further (suspension rule).
    pub costs_cannot_be_reduced: bool,
    /// The term a client compares with other banks', and its market value.
    pub price_parameter: PriceParameter,
    pub market_price: Decimal,
    pub economics: Economics,
    /// Standalone terms.
    pub terms: Terms,
    /// Usage of a typical client, for the standalone P&L.
    pub usage: Usage,
}

impl CatalogProduct {
    /// The standalone terms with the price parameter at its market value: what "at its market
    /// terms" means in the suspension rule.
    pub fn market_terms(&self) -> Terms {
        self.terms.with(self.price_parameter, self.market_price)
    }
}

/// The catalog form, as text. Field names are the form's input names.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default)]
pub struct ProductForm {
    pub code: String,
    pub name: String,
    pub kind: String,
    pub currency: String,
    pub company: String,
    pub status: String,
    /// An HTML checkbox: present ("on") when ticked, absent otherwise.
    pub costs_cannot_be_reduced: Option<String>,
    pub price_parameter: String,
    pub market_price: String,
    /// Every [`Figure`] by its name, as typed (other posted names are ignored).
    #[serde(flatten)]
    pub figures: BTreeMap<String, String>,
}

impl ProductForm {
    /// The text of `figure` ("" when absent).
    pub fn figure(&self, figure: Figure) -> &str {
        self.figures.get(figure.name()).map_or("", String::as_str)
    }

    /// Sets the text of `figure`.
    pub fn set_figure(&mut self, figure: Figure, text: impl Into<String>) {
        self.figures.insert(figure.name().to_string(), text.into());
    }
}

/// Parses a decimal as people type it: `1 490,50`, `1490.50`, `0,13`; empty is zero.
pub fn parse_decimal_input(text: &str) -> Result<Decimal, Message> {
    let cleaned: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    if cleaned.is_empty() {
        return Ok(Decimal::ZERO);
    }
    let normalized = if cleaned.matches(',').count() == 1 && !cleaned.contains('.') {
        cleaned.replace(',', ".")
    } else {
        cleaned.clone()
    };
    Decimal::from_str_exact(&normalized)
        .map_err(|_| Message::new("input-not-number").with("text", format!("{text:?}")))
}

fn decimal(errors: &mut FieldErrors, field: &str, text: &str) -> Decimal {
    parse_decimal_input(text).unwrap_or_else(|message| {
        errors.push(field, message);
        Decimal::ZERO
    })
}

fn product_code(errors: &mut FieldErrors, text: &str) -> String {
    match Code::parse(text, "DEP_PLUS") {
        Ok(code) => code.into_string(),
        Err(error) => {
            errors.push("code", error.into());
            text.trim().to_uppercase()
        }
    }
}

impl ProductForm {
    /// # Errors
    /// Every problem in the form, each under its field name.
    pub fn parse(&self) -> Result<CatalogProduct, Vec<FieldError>> {
        let mut errors = FieldErrors::default();
        let code = product_code(&mut errors, &self.code);
        let name = self.name.trim().to_string();
        if name.is_empty() || name.chars().count() > 200 {
            errors.push("name", Message::new("product-name-required"));
        }
        let kind = if self.kind.trim().is_empty() {
            errors.push("kind", Message::new("product-kind-required"));
            None
        } else {
            ProductKind::from_str(self.kind.trim())
                .map_err(|e| errors.push("kind", e.into()))
                .ok()
        };
        let currency = if self.currency.trim().is_empty() {
            errors.push("currency", Message::new("product-currency-required"));
            None
        } else {
            Currency::parse(self.currency.trim())
                .map_err(|e| errors.push("currency", e.into()))
                .ok()
        };
        let company = self.company.trim().to_string();
        if company.is_empty() {
            errors.push("company", Message::new("product-company-required"));
        }
        let status = ProductStatus::from_str(if self.status.trim().is_empty() {
            "active"
        } else {
            &self.status
        })
        .map_err(|e| errors.push("status", e))
        .ok();
        let price_parameter = if self.price_parameter.trim().is_empty() {
            errors.push(
                "price_parameter",
                Message::new("product-price-parameter-required"),
            );
            None
        } else {
            PriceParameter::from_str(self.price_parameter.trim())
                .map_err(|e| errors.push("price_parameter", e.into()))
                .ok()
        };
        let market_price = decimal(&mut errors, "market_price", &self.market_price);

        let mut e = Economics::with_lifetime(Decimal::ZERO);
        let mut terms = Terms::default();
        let mut usage = Usage::default();
        for &figure in Figure::ALL {
            let value = decimal(&mut errors, figure.name(), self.figure(figure));
            *figure.slot(&mut e, &mut terms, &mut usage) = value;
        }
        // Range checks only for fields that parsed: one message per field is enough.
        let parsed_ok = |field: &FieldError| !errors_contain(&errors, &field.field);
        let range_errors: Vec<FieldError> = [e.validate(), terms.validate(), usage.validate()]
            .into_iter()
            .filter_map(Result::err)
            .flatten()
            .filter(parsed_ok)
            .collect();
        errors.extend(range_errors);
        if market_price < Decimal::ZERO {
            errors.push(
                "market_price",
                Message::new("field-not-negative").with("value", market_price),
            );
        } else if price_parameter.is_some_and(PriceParameter::is_rate)
            && market_price > Decimal::ONE
        {
            errors.push(
                "market_price",
                Message::new("field-not-fraction").with("value", market_price),
            );
        }
        errors.into_result()?;
        match (kind, currency, status, price_parameter) {
            (Some(kind), Some(currency), Some(status), Some(price_parameter)) => {
                Ok(CatalogProduct {
                    code,
                    name,
                    kind,
                    currency,
                    company,
                    status,
                    costs_cannot_be_reduced: self.costs_cannot_be_reduced.is_some(),
                    price_parameter,
                    market_price,
                    economics: e,
                    terms,
                    usage,
                })
            }
            // Unreachable in practice: each `None` above pushed an error.
            _ => Err(vec![FieldError::new("", Message::new("form-incomplete"))]),
        }
    }
}

fn errors_contain(errors: &FieldErrors, field: &str) -> bool {
    errors.fields().any(|f| f == field)
}

impl From<&CatalogProduct> for ProductForm {
    fn from(p: &CatalogProduct) -> Self {
        let text = |d: Decimal| d.normalize().to_string();
        Self {
            code: p.code.clone(),
            name: p.name.clone(),
            kind: p.kind.as_str().to_string(),
            currency: p.currency.as_str().to_string(),
            company: p.company.clone(),
            status: p.status.as_str().to_string(),
            costs_cannot_be_reduced: p.costs_cannot_be_reduced.then(|| "on".to_string()),
            price_parameter: p.price_parameter.as_str().to_string(),
            market_price: text(p.market_price),
            figures: Figure::ALL
                .iter()
                .map(|f| {
                    let value = f.get(&p.economics, &p.terms, &p.usage);
                    (f.name().to_string(), text(value))
                })
                .collect(),
        }
    }
}

#[cfg(test)]
#[path = "catalog_tests.rs"]
mod tests;
