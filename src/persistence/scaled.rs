//! Exact decimals stored as scaled integers.
//!
//! sea-orm reads SQLite `decimal` columns through `f64`, and text columns compare as text, so
//! every exact quantity is stored as a BIGINT count of 1/10^scale units: SQL can then compare,
//! sort and add it up exactly on SQLite and PostgreSQL alike.

use crate::domain::message::Message;
use rust_decimal::Decimal;

/// Money, minutes, years and counts: 1/10,000 (a hundredth of a kopeck).
pub const AMOUNT_SCALE: u32 = 4;
/// Rates and ratios: 1/100,000,000.
pub const RATE_SCALE: u32 = 8;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScaleError {
    #[error("{field}: {value} has more than {scale} decimal places")]
    TooPrecise {
        field: String,
        value: Decimal,
        scale: u32,
    },
    #[error("{field}: {value} is too large to store")]
    OutOfRange { field: String, value: Decimal },
}

impl ScaleError {
    /// What to tell the person who typed the value.
    pub fn message(&self) -> Message {
        match self {
            ScaleError::TooPrecise { scale, .. } => {
                Message::new("value-too-precise").with("scale", scale)
            }
            ScaleError::OutOfRange { .. } => Message::new("value-too-large"),
        }
    }
}

impl From<ScaleError> for super::StoreError {
    fn from(err: ScaleError) -> Self {
        let message = err.message();
        let (ScaleError::TooPrecise { field, .. } | ScaleError::OutOfRange { field, .. }) = err;
        super::StoreError::InvalidField { field, message }
    }
}

/// Converts `value` into units of 1/10^`scale`, refusing to round silently.
///
/// # Errors
/// When `value` has more decimal places than `scale` allows, or does not fit in 64 bits.
pub fn to_units(value: Decimal, scale: u32, field: &str) -> Result<i64, ScaleError> {
    let normalized = value.normalize();
    if normalized.scale() > scale {
        return Err(ScaleError::TooPrecise {
            field: field.to_string(),
            value,
            scale,
        });
    }
    let out_of_range = || ScaleError::OutOfRange {
        field: field.to_string(),
        value,
    };
    let factor = Decimal::from(10_i64.pow(scale));
    let units = normalized.checked_mul(factor).ok_or_else(out_of_range)?;
    i64::try_from(units).map_err(|_| out_of_range())
}

/// Reads a stored count of 1/10^`scale` units back as a decimal, without any rounding.
pub fn from_units(units: i64, scale: u32) -> Decimal {
    Decimal::new(units, scale)
}

pub fn amount(units: i64) -> Decimal {
    from_units(units, AMOUNT_SCALE)
}

pub fn rate(units: i64) -> Decimal {
    from_units(units, RATE_SCALE)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    #[test]
    fn large_amount_keeps_every_digit() {
        let units = to_units(dec!(12345678901234.5678), AMOUNT_SCALE, "amount").unwrap();
        assert_eq!(from_units(units, AMOUNT_SCALE), dec!(12345678901234.5678));
    }

    #[test]
    fn too_many_places_is_an_error_not_a_rounding() {
        let err = to_units(dec!(1.00005), AMOUNT_SCALE, "servicing_cost").unwrap_err();
        assert_eq!(
            err.to_string(),
            "servicing_cost: 1.00005 has more than 4 decimal places"
        );
    }

    #[test]
    fn overflow_is_an_error() {
        assert!(matches!(
            to_units(Decimal::MAX, AMOUNT_SCALE, "x"),
            Err(ScaleError::OutOfRange { .. })
        ));
    }

    proptest! {
        #[test]
        fn any_fitting_value_round_trips(units in any::<i64>()) {
            let value = from_units(units, AMOUNT_SCALE);
            prop_assert_eq!(to_units(value, AMOUNT_SCALE, "v").unwrap(), units);
        }
    }
}
