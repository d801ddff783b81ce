//! The bank's own settings and its sales points, as the rules and the pages use them.

use rust_decimal::Decimal;

use super::matrix::PointPlace;
use super::money::Currency;
use super::profitability::{BundleParams, SalesPointCosts};
use super::setup::OpenableKinds;

/// Bank-wide settings: the reporting currency and the economics every bundle is held to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BankSettings {
    pub name: String,
    pub reporting_currency: Currency,
    /// Lifetime, overhead rate and target margin of every bundle.
    pub bundle: BundleParams,
    /// An add-on priced above this share of the main product's price is flagged.
    pub addon_anchor_threshold: Decimal,
    pub desk: DeskSettings,
}

/// The desk's own steps and the printed offer's validity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DeskSettings {
    /// Checking a client's data that is over a year old, with the client.
    pub verify_data_minutes: Decimal,
    /// Taking a credit product's application to the bank's decision.
    pub credit_decision_minutes: Decimal,
    /// How long a printed offer holds.
    pub offer_valid_days: u32,
}

impl Default for DeskSettings {
    fn default() -> Self {
        Self {
            verify_data_minutes: Decimal::from(5),
            credit_decision_minutes: Decimal::from(10),
            offer_valid_days: 14,
        }
    }
}

/// A branch or office where products are sold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SalesPoint {
    /// Short code such as `MSK-HO`, unique.
    pub code: String,
    pub name: String,
    pub city: String,
    pub region: String,
    /// Head office, credit-and-cash office …
    pub format: String,
    /// What a visit costs here, in the reporting currency.
    pub costs: SalesPointCosts,
    /// A deactivated point keeps its records; nothing new is offered or priced there.
    pub active: bool,
    /// The product kinds it can open.
    pub opens: OpenableKinds,
}

impl SalesPoint {
    /// The point as matrix cells reach it: its code, its format and its region as groups
    /// (`format:kko`, `region:Siberia`).
    pub fn place(&self) -> PointPlace {
        PointPlace {
            code: self.code.clone(),
            groups: vec![
                format!("format:{}", self.format),
                format!("region:{}", self.region),
            ],
            opens: self.opens.clone(),
        }
    }
}
