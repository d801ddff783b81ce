//! The catalog economics of one product: what it costs the bank and how its balance is priced.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::domain::validation::{FieldError, FieldErrors};

/// Annual, per-client economics of a product, as finance maintains them in the catalog.
///
/// Fields are public so the catalog form and persistence can map them one to one; call
/// [`Economics::validate`] after building one from outside input. The engine itself never
/// panics on invalid values (it returns errors), but only validated figures mean anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Economics {
    /// Funds-transfer-pricing rate applied to the balance (annual fraction).
    #[serde(default)]
    pub ftp_rate: Decimal,
    /// Share of a liability balance held as a mandatory reserve, earning nothing.
    #[serde(default)]
    pub reserve_ratio: Decimal,
    /// Share of card spending the bank receives as interchange.
    #[serde(default)]
    pub interchange_rate: Decimal,
    /// Expected annual loss on a credit card's interest-bearing balance.
    #[serde(default)]
    pub expected_loss_rate: Decimal,
    /// Servicing cost per year.
    #[serde(default)]
    pub servicing_cost: Decimal,
    /// Processing cost of one transaction.
    #[serde(default)]
    pub cost_per_transaction: Decimal,
    /// Paid to the bank by a vendor per transaction (not by the client).
    #[serde(default)]
    pub partner_commission: Decimal,
    /// One-off cost of issuing (a card's plastic, a contract); spread over the lifetime.
    #[serde(default)]
    pub issuance_cost: Decimal,
    /// One-off cost of acquiring the client for this product; spread over the lifetime.
    #[serde(default)]
    pub acquisition_cost: Decimal,
    /// Expected years a client keeps the product; one-off costs are divided by it. Required:
    /// there is no sensible default, and zero would divide by zero.
    pub lifetime_years: Decimal,
    /// Advisor minutes needed to open the product during a visit.
    #[serde(default)]
    pub opening_minutes: Decimal,
    /// Indirect cost as a share of direct cost.
    #[serde(default)]
    pub overhead_rate: Decimal,
}

impl Economics {
    /// Economics with every optional figure at zero.
    pub const fn with_lifetime(lifetime_years: Decimal) -> Self {
        Self {
            ftp_rate: Decimal::ZERO,
            reserve_ratio: Decimal::ZERO,
            interchange_rate: Decimal::ZERO,
            expected_loss_rate: Decimal::ZERO,
            servicing_cost: Decimal::ZERO,
            cost_per_transaction: Decimal::ZERO,
            partner_commission: Decimal::ZERO,
            issuance_cost: Decimal::ZERO,
            acquisition_cost: Decimal::ZERO,
            lifetime_years,
            opening_minutes: Decimal::ZERO,
            overhead_rate: Decimal::ZERO,
        }
    }

    /// Checks every field and reports all problems, each under its field name.
    ///
    /// # Errors
    /// Negative costs or minutes, rates outside `[0, 1]`, a lifetime that isn't positive.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = FieldErrors::default();
        errors.fraction("ftp_rate", self.ftp_rate);
        errors.fraction("reserve_ratio", self.reserve_ratio);
        errors.fraction("interchange_rate", self.interchange_rate);
        errors.fraction("expected_loss_rate", self.expected_loss_rate);
        errors.non_negative("servicing_cost", self.servicing_cost);
        errors.non_negative("cost_per_transaction", self.cost_per_transaction);
        errors.non_negative("partner_commission", self.partner_commission);
        errors.non_negative("issuance_cost", self.issuance_cost);
        errors.non_negative("acquisition_cost", self.acquisition_cost);
        errors.positive("lifetime_years", self.lifetime_years);
        errors.non_negative("opening_minutes", self.opening_minutes);
        errors.fraction("overhead_rate", self.overhead_rate);
        errors.into_result()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn defaults_are_valid_with_a_positive_lifetime() {
        assert_eq!(Economics::with_lifetime(dec!(3)).validate(), Ok(()));
    }

    #[test]
    fn every_bad_field_is_named() {
        let economics = Economics {
            ftp_rate: dec!(1.01),
            servicing_cost: dec!(-1),
            lifetime_years: dec!(0),
            opening_minutes: dec!(-5),
            overhead_rate: dec!(-0.1),
            ..Economics::with_lifetime(dec!(1))
        };
        let fields: Vec<String> = economics
            .validate()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "ftp_rate",
                "servicing_cost",
                "lifetime_years",
                "opening_minutes",
                "overhead_rate"
            ]
        );
    }

    #[test]
    fn boundaries_are_inclusive_for_rates_and_exclusive_for_lifetime() {
        let edge = Economics {
            ftp_rate: dec!(1),
            reserve_ratio: dec!(0),
            ..Economics::with_lifetime(dec!(0.01))
        };
        assert_eq!(edge.validate(), Ok(()));
    }

    #[test]
    fn serde_requires_lifetime_and_rejects_unknown_fields() {
        let err = serde_json::from_str::<Economics>(r#"{"ftp_rate":"0.1"}"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("lifetime_years"), "{err}");
        let err = serde_json::from_str::<Economics>(r#"{"lifetime_years":"3","ftp_rat":"0.1"}"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("ftp_rat"), "{err}");
        let ok: Economics =
            serde_json::from_str(r#"{"lifetime_years":"3","ftp_rate":"0.16"}"#).unwrap();
        assert_eq!(ok.ftp_rate, dec!(0.16));
    }
}
