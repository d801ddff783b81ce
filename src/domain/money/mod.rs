//! Money: an exact decimal amount tagged with its currency.
//!
//! Design decisions:
//! - Amounts keep full `Decimal` precision through every computation; rounding happens only when
//!   a figure is shown or stored ([`Money::round_for_display`]), half-to-even, to the currency's
//!   minor unit. Rounding early would make bundle totals drift from the sum of their lines.
//! - Adding two currencies is an error, never an implicit conversion: conversion needs a dated
//!   rate, which only [`ExchangeRates`] can supply.
//! - All arithmetic is checked; overflow is an error value, not a panic.

mod currency;
mod exchange;

pub use currency::{Currency, CurrencyParseError};
pub use exchange::{ExchangeRates, RateEntry};

use std::fmt;

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use super::message::Message;

/// What can go wrong with money arithmetic or conversion.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("cannot combine {left} with {right} without an exchange rate")]
    CurrencyMismatch { left: Currency, right: Currency },
    #[error("amount overflow while computing {0}")]
    Overflow(&'static str),
    #[error("no exchange rate {from}→{to} on or before {on}")]
    NoRate {
        from: Currency,
        to: Currency,
        on: NaiveDate,
    },
    #[error("exchange rate for {currency} on {on} must be positive, got {rate}")]
    InvalidRate {
        currency: Currency,
        on: NaiveDate,
        rate: Decimal,
    },
    #[error("{0} is the reporting currency: it needs no rate")]
    RateForReportingCurrency(Currency),
}

impl MoneyError {
    /// What went wrong, for the reader.
    pub fn message(&self) -> Message {
        match self {
            Self::CurrencyMismatch { left, right } => Message::new("money-currency-mismatch")
                .with("left", left)
                .with("right", right),
            Self::Overflow(what) => Message::new("money-overflow").with("what", what),
            Self::NoRate { from, to, on } => Message::new("money-no-rate")
                .with("from", from)
                .with("to", to)
                .with("on", on),
            Self::InvalidRate { currency, on, rate } => Message::new("money-invalid-rate")
                .with("currency", currency)
                .with("on", on)
                .with("rate", rate),
            Self::RateForReportingCurrency(currency) => {
                Message::new("money-rate-for-reporting").with("currency", currency)
            }
        }
    }
}

/// An exact amount in one currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Money {
    pub amount: Decimal,
    pub currency: Currency,
}

impl Money {
    pub const fn new(amount: Decimal, currency: Currency) -> Self {
        Self { amount, currency }
    }

    pub const fn zero(currency: Currency) -> Self {
        Self {
            amount: Decimal::ZERO,
            currency,
        }
    }

    /// # Errors
    /// Different currencies, or overflow.
    pub fn checked_add(self, other: Money) -> Result<Money, MoneyError> {
        self.same_currency(other)?;
        let amount = self
            .amount
            .checked_add(other.amount)
            .ok_or(MoneyError::Overflow("a sum"))?;
        Ok(Money::new(amount, self.currency))
    }

    /// # Errors
    /// Different currencies, or overflow.
    pub fn checked_sub(self, other: Money) -> Result<Money, MoneyError> {
        self.same_currency(other)?;
        let amount = self
            .amount
            .checked_sub(other.amount)
            .ok_or(MoneyError::Overflow("a difference"))?;
        Ok(Money::new(amount, self.currency))
    }

    /// Scales the amount by a plain number (a rate, a count, a share).
    ///
    /// # Errors
    /// Overflow.
    pub fn checked_mul(self, factor: Decimal) -> Result<Money, MoneyError> {
        let amount = self
            .amount
            .checked_mul(factor)
            .ok_or(MoneyError::Overflow("a product"))?;
        Ok(Money::new(amount, self.currency))
    }

    fn same_currency(self, other: Money) -> Result<(), MoneyError> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(MoneyError::CurrencyMismatch {
                left: self.currency,
                right: other.currency,
            })
        }
    }

    /// Rounds half-to-even (banker's rounding) to the currency's minor unit: the only rounding
    /// money ever gets, and only for display or storage.
    #[must_use]
    pub fn round_for_display(self) -> Money {
        Money::new(
            round_half_even(self.amount, self.currency.minor_units()),
            self.currency,
        )
    }

    /// The rounded amount with exactly the currency's minor digits: `"3270.00"`, `"-154.00"`,
    /// `"1500"` for JPY.
    pub fn to_string_minor(&self) -> String {
        format_fixed(self.amount, self.currency.minor_units())
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.to_string_minor(), self.currency)
    }
}

/// Half-to-even rounding to `dp` places, without ever producing a negative zero.
pub fn round_half_even(value: Decimal, dp: u32) -> Decimal {
    let mut rounded = value.round_dp_with_strategy(dp, RoundingStrategy::MidpointNearestEven);
    if rounded.is_zero() {
        rounded.set_sign_positive(true);
    }
    rounded
}

/// Rounds half-to-even and prints exactly `dp` fractional digits (`0.587727`, `90.00`).
///
/// Used for money (minor units) and for rates and margins (6 places) in reports.
pub fn format_fixed(value: Decimal, dp: u32) -> String {
    let mut rounded = round_half_even(value, dp);
    // Pads with zeros; a value so large that `dp` digits don't fit keeps fewer, never panics.
    rounded.rescale(dp);
    rounded.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn rub(amount: Decimal) -> Money {
        Money::new(amount, Currency::RUB)
    }

    #[test]
    fn adding_different_currencies_is_an_error() {
        let err = rub(dec!(1))
            .checked_add(Money::new(dec!(1), Currency::USD))
            .unwrap_err();
        assert_eq!(
            err,
            MoneyError::CurrencyMismatch {
                left: Currency::RUB,
                right: Currency::USD
            }
        );
    }

    #[test]
    fn checked_arithmetic_reports_overflow() {
        assert!(rub(Decimal::MAX).checked_add(rub(dec!(1))).is_err());
        assert!(rub(Decimal::MIN).checked_sub(rub(dec!(1))).is_err());
        assert!(rub(Decimal::MAX).checked_mul(dec!(2)).is_err());
        assert_eq!(rub(dec!(10.5)).checked_mul(dec!(2)).unwrap(), rub(dec!(21)));
    }

    #[test]
    fn display_rounding_is_half_to_even() {
        assert_eq!(rub(dec!(0.125)).round_for_display().amount, dec!(0.12));
        assert_eq!(rub(dec!(0.135)).round_for_display().amount, dec!(0.14));
        assert_eq!(rub(dec!(-0.125)).round_for_display().amount, dec!(-0.12));
        assert_eq!(Money::new(dec!(2.5), Currency::JPY).to_string_minor(), "2");
        assert_eq!(
            Money::new(dec!(1.0005), Currency::KWD).to_string_minor(),
            "1.000"
        );
    }

    #[test]
    fn minor_string_pads_and_never_shows_negative_zero() {
        assert_eq!(rub(dec!(3270)).to_string_minor(), "3270.00");
        assert_eq!(rub(dec!(-0.001)).to_string_minor(), "0.00");
        assert_eq!(
            rub(dec!(2869.9999999999999999999)).to_string_minor(),
            "2870.00"
        );
        assert_eq!(format_fixed(dec!(0.58772724), 6), "0.587727");
        assert_eq!(rub(dec!(1)).to_string(), "1.00 RUB");
    }

    #[test]
    fn formatting_huge_amounts_does_not_panic() {
        let _ = rub(Decimal::MAX).to_string_minor();
        let _ = rub(Decimal::MIN).to_string_minor();
        let _ = format_fixed(Decimal::MAX, 28);
    }
}
