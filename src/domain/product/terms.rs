//! What the client is charged (terms) and how the client uses the product (usage).
//!
//! Both exist twice for every product in a matrix: standalone and inside a bundle (bundle terms
//! override the price; bundle usage carries the uplift the bundle is expected to cause).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::PriceParameter;
use crate::domain::validation::{FieldError, FieldErrors};

/// The client's price of a product. Every field defaults to zero ("not charged").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Terms {
    pub monthly_fee: Decimal,
    pub annual_fee: Decimal,
    /// One-off; the bank books it spread over the product's lifetime.
    pub setup_fee: Decimal,
    pub transaction_fee: Decimal,
    /// Rate paid to the client on a liability, or charged to the client on a credit card.
    pub client_rate: Decimal,
    /// A card's credit limit: not a price, but a matrix link may cap it by the deposit.
    pub credit_limit: Decimal,
    /// The smallest amount a deposit is opened with.
    pub min_amount: Decimal,
}

impl Terms {
    pub const fn get(&self, parameter: PriceParameter) -> Decimal {
        match parameter {
            PriceParameter::MonthlyFee => self.monthly_fee,
            PriceParameter::AnnualFee => self.annual_fee,
            PriceParameter::SetupFee => self.setup_fee,
            PriceParameter::TransactionFee => self.transaction_fee,
            PriceParameter::ClientRate => self.client_rate,
        }
    }

    /// A copy with one price parameter replaced: the pricing solver's probe.
    #[must_use]
    pub const fn with(mut self, parameter: PriceParameter, value: Decimal) -> Self {
        match parameter {
            PriceParameter::MonthlyFee => self.monthly_fee = value,
            PriceParameter::AnnualFee => self.annual_fee = value,
            PriceParameter::SetupFee => self.setup_fee = value,
            PriceParameter::TransactionFee => self.transaction_fee = value,
            PriceParameter::ClientRate => self.client_rate = value,
        }
        self
    }

    /// # Errors
    /// Negative fees, or a client rate outside `[0, 1]`.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = FieldErrors::default();
        errors.non_negative("monthly_fee", self.monthly_fee);
        errors.non_negative("annual_fee", self.annual_fee);
        errors.non_negative("setup_fee", self.setup_fee);
        errors.non_negative("transaction_fee", self.transaction_fee);
        errors.fraction("client_rate", self.client_rate);
        errors.non_negative("credit_limit", self.credit_limit);
        errors.non_negative("min_amount", self.min_amount);
        errors.into_result()
    }
}

/// Expected annual usage by one client of a segment. Every field defaults to zero.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Usage {
    /// Average balance; for a credit card, the interest-bearing balance.
    pub avg_balance: Decimal,
    /// Card spending per year (drives interchange).
    pub annual_spend: Decimal,
    /// Transactions per year; may be fractional, being an average over a segment.
    pub transactions: Decimal,
}

impl Usage {
    /// # Errors
    /// Any negative figure.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = FieldErrors::default();
        errors.non_negative("avg_balance", self.avg_balance);
        errors.non_negative("annual_spend", self.annual_spend);
        errors.non_negative("transactions", self.transactions);
        errors.into_result()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn with_replaces_exactly_one_parameter() {
        let terms = Terms {
            annual_fee: dec!(1490),
            client_rate: dec!(0.299),
            ..Terms::default()
        };
        for p in PriceParameter::ALL {
            let probed = terms.with(p, dec!(7));
            assert_eq!(probed.get(p), dec!(7));
            for other in PriceParameter::ALL.into_iter().filter(|o| *o != p) {
                assert_eq!(probed.get(other), terms.get(other));
            }
        }
    }

    #[test]
    fn negative_fees_and_rates_above_one_are_rejected() {
        let terms = Terms {
            setup_fee: dec!(-1),
            client_rate: dec!(1.5),
            ..Terms::default()
        };
        let fields: Vec<String> = terms
            .validate()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["setup_fee", "client_rate"]);
    }

    #[test]
    fn negative_usage_is_rejected_and_zero_is_fine() {
        assert_eq!(Usage::default().validate(), Ok(()));
        let usage = Usage {
            transactions: dec!(-1),
            ..Usage::default()
        };
        assert_eq!(usage.validate().unwrap_err()[0].field, "transactions");
    }
}
