//! Rows of the set-up's CSV files (staff, exchange rates), checked one by one.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::{currency, optional, point_code, required};
use crate::domain::message::Message;
use crate::domain::money::Currency;
use crate::domain::product::parse_decimal_input;
use crate::domain::user::{Role, Username};
use crate::domain::validation::{FieldError, FieldErrors};

/// A staff member to add: a sign-in, a name, a role and the point they work at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffRow {
    pub username: Username,
    pub display_name: String,
    pub role: Role,
    pub sales_point: Option<String>,
}

impl StaffRow {
    /// An advisor needs a sales point (the desk offers what that point sells); others may have
    /// one.
    ///
    /// # Errors
    /// Every cell that is wrong, by column name.
    pub fn parse(
        username: &str,
        display_name: &str,
        role: &str,
        sales_point: &str,
    ) -> Result<Self, Vec<FieldError>> {
        let mut errors = FieldErrors::default();
        let parsed_username = Username::parse(username.trim());
        if let Err(err) = &parsed_username {
            errors.push("username", err.message());
        }
        let display_name = optional(&mut errors, "display_name", display_name, 200);
        let parsed_role = role.parse::<Role>();
        if parsed_role.is_err() {
            let expected: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
            errors.push(
                "role",
                Message::new("setup-role")
                    .with("value", role.trim())
                    .with("expected", expected.join(", ")),
            );
        }
        let sales_point = if sales_point.trim().is_empty() {
            if parsed_role == Ok(Role::Advisor) {
                errors.push("sales_point", Message::new("setup-advisor-point"));
            }
            None
        } else {
            point_code(sales_point)
                .map_err(|m| errors.push("sales_point", m))
                .ok()
        };
        let (Ok(username), Ok(role), true) = (parsed_username, parsed_role, errors.is_empty())
        else {
            return Err(errors.into_vec());
        };
        let display_name = if display_name.is_empty() {
            username.as_str().to_owned()
        } else {
            display_name
        };
        Ok(Self {
            username,
            display_name,
            role,
            sales_point,
        })
    }
}

/// One exchange rate: how much of the reporting currency one unit of `currency` is worth from
/// `on`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateRow {
    pub on: NaiveDate,
    pub currency: Currency,
    pub rate: Decimal,
}

/// Rates are stored with 8 decimals.
const RATE_PLACES: u32 = 8;

impl RateRow {
    /// `date` as `2026-12-01` or `01.12.2026`; `rate` with a point or a comma; `nominal`
    /// (the central bank's "per 100 yen"), when given, divides the rate exactly.
    ///
    /// # Errors
    /// Every cell that is wrong, by column name; a rate for the reporting currency itself.
    pub fn parse(
        date: &str,
        currency_text: &str,
        rate: &str,
        nominal: &str,
        reporting: Currency,
    ) -> Result<Self, Vec<FieldError>> {
        let mut errors = FieldErrors::default();
        let on = parse_date(date).map_err(|m| errors.push("date", m)).ok();
        let currency = currency(&mut errors, "currency", currency_text);
        if currency == Some(reporting) {
            errors.push(
                "currency",
                Message::new("setup-rate-reporting").with("currency", reporting),
            );
        }
        let _ = required(&mut errors, "rate", rate, 64);
        let value = if rate.trim().is_empty() {
            None
        } else {
            match parse_decimal_input(rate) {
                Ok(v) if v > Decimal::ZERO => Some(v),
                Ok(v) => {
                    errors.positive("rate", v);
                    None
                }
                Err(m) => {
                    errors.push("rate", m);
                    None
                }
            }
        };
        let nominal = if nominal.trim().is_empty() {
            Some(Decimal::ONE)
        } else {
            match parse_decimal_input(nominal) {
                Ok(n) if n > Decimal::ZERO => Some(n),
                Ok(n) => {
                    errors.positive("nominal", n);
                    None
                }
                Err(m) => {
                    errors.push("nominal", m);
                    None
                }
            }
        };
        let per_unit = match (value, nominal) {
            (Some(value), Some(nominal)) => match value.checked_div(nominal) {
                Some(rate) if rate.normalize().scale() <= RATE_PLACES => Some(rate.normalize()),
                _ => {
                    errors.push(
                        "rate",
                        Message::new("setup-decimals")
                            .with("value", value)
                            .with("places", RATE_PLACES),
                    );
                    None
                }
            },
            _ => None,
        };
        match (on, currency, per_unit) {
            (Some(on), Some(currency), Some(rate)) if errors.is_empty() => {
                Ok(Self { on, currency, rate })
            }
            _ => Err(errors.into_vec()),
        }
    }
}

impl RateRow {
    /// The rate as finance's settings change it.
    pub fn change(&self) -> crate::domain::settings_change::SettingsChange {
        crate::domain::settings_change::SettingsChange {
            target: crate::domain::settings_change::Target::Rate {
                currency: self.currency,
                on: self.on,
            },
            values: [("rate".to_owned(), Some(self.rate))].into_iter().collect(),
        }
    }
}

fn parse_date(text: &str) -> Result<NaiveDate, Message> {
    let text = text.trim();
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%d.%m.%Y"))
        .map_err(|_| Message::new("setup-date").with("value", text))
}
