//! The product catalog's vocabulary: kinds of product, their economics, their terms and usage.
//!
//! Kinds are a closed enum because the profitability formulas branch on them (interest is
//! computed one way for liabilities, another for credit cards); adding a kind means deciding
//! how it earns money, which the compiler then makes us do everywhere.

mod catalog;
mod change;
mod economics;
mod figures;
mod terms;

pub use catalog::{CatalogProduct, ProductForm, ProductStatus, parse_decimal_input};
pub use change::{
    FigureChange, ProposedChange, REVIEWED_GROUPS, applied_at_once, reviewed_changes,
};
pub use economics::Economics;
pub use figures::{Figure, FigureGroup, FigureUnit};
pub use terms::{Terms, Usage};

use crate::domain::message::Message;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// What a product is, which decides how its interest and interchange are computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProductKind {
    CurrentAccount,
    Deposit,
    CreditCard,
    DebitCard,
    VirtualCard,
    OnlineBanking,
    SmsAlerts,
    Transfers,
    VendorPayments,
    Insurance,
    Investment,
    FxBrokerage,
    Other,
}

/// Text that names no product kind.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown product kind {0:?}; expected one of: {list}", list = ProductKind::names().join(", "))]
pub struct UnknownKind(pub String);

impl From<UnknownKind> for Message {
    fn from(e: UnknownKind) -> Self {
        Message::new("product-kind-unknown")
            .with("value", format!("{:?}", e.0))
            .with("expected", ProductKind::names().join(", "))
    }
}

impl ProductKind {
    pub const ALL: [ProductKind; 13] = [
        Self::CurrentAccount,
        Self::Deposit,
        Self::CreditCard,
        Self::DebitCard,
        Self::VirtualCard,
        Self::OnlineBanking,
        Self::SmsAlerts,
        Self::Transfers,
        Self::VendorPayments,
        Self::Insurance,
        Self::Investment,
        Self::FxBrokerage,
        Self::Other,
    ];

    /// The stable snake_case name used in documents, URLs and the database.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::CurrentAccount => "current_account",
            Self::Deposit => "deposit",
            Self::CreditCard => "credit_card",
            Self::DebitCard => "debit_card",
            Self::VirtualCard => "virtual_card",
            Self::OnlineBanking => "online_banking",
            Self::SmsAlerts => "sms_alerts",
            Self::Transfers => "transfers",
            Self::VendorPayments => "vendor_payments",
            Self::Insurance => "insurance",
            Self::Investment => "investment",
            Self::FxBrokerage => "fx_brokerage",
            Self::Other => "other",
        }
    }

    /// What a person at a branch desk calls it.
    pub const fn label(self) -> &'static str {
        match self {
            Self::CurrentAccount => "Current account",
            Self::Deposit => "Deposit",
            Self::CreditCard => "Credit card",
            Self::DebitCard => "Debit card",
            Self::VirtualCard => "Virtual card",
            Self::OnlineBanking => "Online banking",
            Self::SmsAlerts => "SMS alerts",
            Self::Transfers => "Transfers",
            Self::VendorPayments => "Vendor payments",
            Self::Insurance => "Insurance",
            Self::Investment => "Investment",
            Self::FxBrokerage => "FX brokerage",
            Self::Other => "Other",
        }
    }

    /// The message key of the kind's name (`kind-current_account`), for pages in any language.
    pub const fn label_key(self) -> &'static str {
        match self {
            Self::CurrentAccount => "kind-current_account",
            Self::Deposit => "kind-deposit",
            Self::CreditCard => "kind-credit_card",
            Self::DebitCard => "kind-debit_card",
            Self::VirtualCard => "kind-virtual_card",
            Self::OnlineBanking => "kind-online_banking",
            Self::SmsAlerts => "kind-sms_alerts",
            Self::Transfers => "kind-transfers",
            Self::VendorPayments => "kind-vendor_payments",
            Self::Insurance => "kind-insurance",
            Self::Investment => "kind-investment",
            Self::FxBrokerage => "kind-fx_brokerage",
            Self::Other => "kind-other",
        }
    }

    pub fn names() -> Vec<&'static str> {
        Self::ALL.iter().map(|kind| kind.as_str()).collect()
    }

    /// Liabilities: the bank earns the transfer-pricing spread on the client's balance and pays
    /// the client `client_rate` on it.
    pub const fn is_liability(self) -> bool {
        matches!(self, Self::CurrentAccount | Self::Deposit)
    }

    /// Cards earn interchange on the client's spending.
    pub const fn is_card(self) -> bool {
        matches!(self, Self::CreditCard | Self::DebitCard | Self::VirtualCard)
    }

    /// The parameter that is "the price" of this kind when the catalog doesn't say otherwise.
    pub const fn default_price_parameter(self) -> PriceParameter {
        match self {
            Self::Deposit => PriceParameter::ClientRate,
            Self::CurrentAccount | Self::SmsAlerts => PriceParameter::MonthlyFee,
            Self::OnlineBanking => PriceParameter::SetupFee,
            Self::Transfers | Self::VendorPayments | Self::FxBrokerage => {
                PriceParameter::TransactionFee
            }
            Self::CreditCard
            | Self::DebitCard
            | Self::VirtualCard
            | Self::Insurance
            | Self::Investment
            | Self::Other => PriceParameter::AnnualFee,
        }
    }
}

impl FromStr for ProductKind {
    type Err = UnknownKind;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|kind| kind.as_str() == s)
            .ok_or_else(|| UnknownKind(s.to_owned()))
    }
}

impl fmt::Display for ProductKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Which single term is treated as "the price" when solving for a target margin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PriceParameter {
    MonthlyFee,
    AnnualFee,
    SetupFee,
    TransactionFee,
    ClientRate,
}

/// Text that names no price parameter.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown price parameter {0:?}; expected monthly_fee, annual_fee, setup_fee, transaction_fee or client_rate"
)]
pub struct UnknownPriceParameter(pub String);

impl From<UnknownPriceParameter> for Message {
    fn from(e: UnknownPriceParameter) -> Self {
        Message::new("price-parameter-unknown").with("value", format!("{:?}", e.0))
    }
}

impl PriceParameter {
    pub const ALL: [PriceParameter; 5] = [
        Self::MonthlyFee,
        Self::AnnualFee,
        Self::SetupFee,
        Self::TransactionFee,
        Self::ClientRate,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::MonthlyFee => "monthly_fee",
            Self::AnnualFee => "annual_fee",
            Self::SetupFee => "setup_fee",
            Self::TransactionFee => "transaction_fee",
            Self::ClientRate => "client_rate",
        }
    }

    /// Fees are money; the client rate is an annual fraction. Reports format them differently.
    pub const fn is_rate(self) -> bool {
        matches!(self, Self::ClientRate)
    }
}

impl FromStr for PriceParameter {
    type Err = UnknownPriceParameter;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| UnknownPriceParameter(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_names_round_trip() {
        for kind in ProductKind::ALL {
            assert_eq!(kind.as_str().parse::<ProductKind>().unwrap(), kind);
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
        }
        assert_eq!(ProductKind::CurrentAccount.label(), "Current account");
    }

    #[test]
    fn unknown_kind_lists_the_valid_ones() {
        let err = "savings".parse::<ProductKind>().unwrap_err().to_string();
        assert!(
            err.contains("\"savings\"") && err.contains("credit_card"),
            "{err}"
        );
    }

    #[test]
    fn default_price_parameters_match_how_each_kind_is_sold() {
        assert_eq!(
            ProductKind::Deposit.default_price_parameter(),
            PriceParameter::ClientRate
        );
        assert_eq!(
            ProductKind::CurrentAccount.default_price_parameter(),
            PriceParameter::MonthlyFee
        );
        assert_eq!(
            ProductKind::CreditCard.default_price_parameter(),
            PriceParameter::AnnualFee
        );
        assert_eq!(
            ProductKind::Transfers.default_price_parameter(),
            PriceParameter::TransactionFee
        );
    }

    #[test]
    fn price_parameter_names_round_trip() {
        for p in PriceParameter::ALL {
            assert_eq!(p.as_str().parse::<PriceParameter>().unwrap(), p);
        }
        assert!("fee".parse::<PriceParameter>().is_err());
    }
}
