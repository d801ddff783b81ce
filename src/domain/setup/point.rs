//! A sales point as the administrator types it or a CSV row gives it.

use std::collections::BTreeSet;
use std::fmt;

use rust_decimal::Decimal;

use super::{optional, required};
use crate::domain::message::Message;
use crate::domain::product::{ProductKind, parse_decimal_input};
use crate::domain::profitability::SalesPointCosts;
use crate::domain::validation::{FieldError, FieldErrors};

/// The kinds of office a point can be (matrix cells reach `format:…` groups of points).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PointFormat {
    HeadOffice,
    Branch,
    CreditCashOffice,
    OperationsOffice,
    Remote,
}

impl PointFormat {
    pub const ALL: [Self; 5] = [
        Self::HeadOffice,
        Self::Branch,
        Self::CreditCashOffice,
        Self::OperationsOffice,
        Self::Remote,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::HeadOffice => "head_office",
            Self::Branch => "branch",
            Self::CreditCashOffice => "credit_cash_office",
            Self::OperationsOffice => "operations_office",
            Self::Remote => "remote",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim().replace([' ', '-'], "_");
        Self::ALL
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(&text))
    }
}

/// Which product kinds a point can open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpenableKinds {
    All,
    Only(BTreeSet<ProductKind>),
}

impl OpenableKinds {
    pub fn allows(&self, kind: ProductKind) -> bool {
        match self {
            Self::All => true,
            Self::Only(kinds) => kinds.contains(&kind),
        }
    }

    /// Reads the stored or typed form: `*` (or nothing) for every kind, else kind names
    /// separated by commas, semicolons or spaces.
    ///
    /// # Errors
    /// The first text that names no kind.
    pub fn parse(text: &str) -> Result<Self, Message> {
        let names: Vec<&str> = text
            .split([',', ';', ' ', '|'])
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .collect();
        if names.is_empty() || names == ["*"] {
            return Ok(Self::All);
        }
        let mut kinds = BTreeSet::new();
        for name in names {
            kinds.insert(
                name.to_lowercase()
                    .parse::<ProductKind>()
                    .map_err(Message::from)?,
            );
        }
        if kinds.len() == ProductKind::ALL.len() {
            return Ok(Self::All);
        }
        Ok(Self::Only(kinds))
    }

    /// From the boxes ticked on the form: none ticked means every kind is unchecked, which
    /// would leave the point unable to open anything, so it is refused by the form.
    pub fn from_kinds(kinds: impl IntoIterator<Item = ProductKind>) -> Self {
        let kinds: BTreeSet<_> = kinds.into_iter().collect();
        if kinds.len() == ProductKind::ALL.len() {
            Self::All
        } else {
            Self::Only(kinds)
        }
    }

    pub fn is_empty(&self) -> bool {
        matches!(self, Self::Only(kinds) if kinds.is_empty())
    }
}

impl fmt::Display for OpenableKinds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::All => f.write_str("*"),
            Self::Only(kinds) => {
                let names: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
                f.write_str(&names.join(","))
            }
        }
    }
}

/// A sales point's code: 2 to 32 capital letters, digits, `-` or `_` (`MSK-HO`); typed
/// lower case, it is raised.
///
/// # Errors
/// A message saying what a code looks like.
pub fn point_code(text: &str) -> Result<String, Message> {
    let code = text.trim().to_uppercase();
    let well_formed = (2..=32).contains(&code.len())
        && code
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_' || c == '-');
    if well_formed {
        Ok(code)
    } else {
        Err(Message::new("setup-point-code").with("value", text.trim()))
    }
}

/// The point form's fields (or a CSV row's cells) as typed.
#[derive(Clone, Debug, Default)]
pub struct SalesPointForm {
    pub code: String,
    pub name: String,
    pub city: String,
    pub region: String,
    pub format: String,
    pub branch_cost_per_minute: String,
    pub visit_overhead_minutes: String,
    pub visit_limit_minutes: String,
    pub product_kinds: String,
}

/// A checked sales point, ready to store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SalesPointDraft {
    pub code: String,
    pub name: String,
    pub city: String,
    pub region: String,
    pub format: PointFormat,
    pub costs: SalesPointCosts,
    pub product_kinds: OpenableKinds,
}

impl SalesPointDraft {
    /// # Errors
    /// Every field that is wrong, by the form's field names.
    pub fn parse(form: &SalesPointForm) -> Result<Self, Vec<FieldError>> {
        let mut errors = FieldErrors::default();
        let code = point_code(&form.code).unwrap_or_else(|m| {
            errors.push("code", m);
            String::new()
        });
        let name = required(&mut errors, "name", &form.name, 200);
        let city = required(&mut errors, "city", &form.city, 100);
        let region = optional(&mut errors, "region", &form.region, 100);
        let format = PointFormat::parse(&form.format).unwrap_or_else(|| {
            let expected: Vec<&str> = PointFormat::ALL.iter().map(|f| f.as_str()).collect();
            errors.push(
                "format",
                Message::new("setup-point-format")
                    .with("value", form.format.trim())
                    .with("expected", expected.join(", ")),
            );
            PointFormat::Branch
        });
        let branch_cost_per_minute = minutes_or_money(
            &mut errors,
            "branch_cost_per_minute",
            &form.branch_cost_per_minute,
        );
        let visit_overhead_minutes = minutes_or_money(
            &mut errors,
            "visit_overhead_minutes",
            &form.visit_overhead_minutes,
        );
        let visit_limit_minutes = if form.visit_limit_minutes.trim().is_empty() {
            None
        } else {
            let limit = minutes_or_money(
                &mut errors,
                "visit_limit_minutes",
                &form.visit_limit_minutes,
            );
            if limit.is_zero() {
                errors.push(
                    "visit_limit_minutes",
                    Message::new("field-not-positive").with("value", limit),
                );
            }
            Some(limit)
        };
        let product_kinds = OpenableKinds::parse(&form.product_kinds).unwrap_or_else(|m| {
            errors.push("product_kinds", m);
            OpenableKinds::All
        });
        if product_kinds.is_empty() {
            errors.push("product_kinds", Message::new("setup-point-no-kinds"));
        }
        errors.into_result()?;
        Ok(Self {
            code,
            name,
            region: if region.is_empty() {
                city_region(&city)
            } else {
                region
            },
            city,
            format,
            costs: SalesPointCosts {
                branch_cost_per_minute,
                visit_overhead_minutes,
                visit_limit_minutes,
            },
            product_kinds,
        })
    }
}

/// A point without a region is in its city's (matrix cells reach `region:…`).
fn city_region(city: &str) -> String {
    city.to_owned()
}

/// A figure of at most four decimals, not negative (money per minute, minutes).
fn minutes_or_money(errors: &mut FieldErrors, field: &str, text: &str) -> Decimal {
    if text.trim().is_empty() {
        errors.push(field, Message::new("field-required"));
        return Decimal::ZERO;
    }
    match parse_decimal_input(text) {
        Ok(value) if value < Decimal::ZERO => {
            errors.non_negative(field, value);
            Decimal::ZERO
        }
        Ok(value) if value.normalize().scale() > 4 => {
            errors.push(
                field,
                Message::new("setup-decimals")
                    .with("value", value)
                    .with("places", 4),
            );
            Decimal::ZERO
        }
        Ok(value) => value,
        Err(message) => {
            errors.push(field, message);
            Decimal::ZERO
        }
    }
}
