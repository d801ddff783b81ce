//! Verdicts: each rule of the seed checked, as data a screen or a report can show.
//!
//! A verdict carries a stable [`Reason`] code (for code and tests), a sentence (for people) and
//! the figures behind it (for the finance screen to format). Its check and outcome follow from
//! the reason, so they can never disagree.
//!
//! Verdicts are computed once per product or bundle for a report, not per position in bulk, so
//! building their messages is allowed to allocate.

mod bundle;
mod product;
mod review;

pub use bundle::{
    addon_anchor, bundle_margin, bundle_profit, client_saving, single_visit, subsidized,
};
pub use product::{break_even, suspension};
pub use review::{BundleChecks, BundleReview, review_bundle, review_product};

use crate::domain::message::Message;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::domain::money::Currency;

/// Which rule was checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Check {
    BreakEven,
    BundleProfit,
    BundleMargin,
    Subsidy,
    ClientSaving,
    AddonAnchor,
    SingleVisit,
    Suspension,
}

/// How the rule came out. `Warning` never blocks approval; `Fail` does; `Info` records a fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Pass,
    Info,
    Warning,
    Fail,
}

/// The precise finding, a stable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    BreaksEven,
    LossAlone,
    BundleProfitable,
    BundleLoss,
    MarginMet,
    MarginBelowTarget,
    MarginUndefined,
    Subsidized,
    ClientSaves,
    ClientPaysMore,
    NoPaidAddons,
    AnchorWithin,
    AnchorExceeded,
    AnchorUndefined,
    NoVisitLimit,
    VisitFits,
    VisitTooLong,
    KeepProfitable,
    KeepInBundle,
    KeepCostsReducible,
    SuspensionRecommended,
}

impl Reason {
    pub const fn check(self) -> Check {
        use Reason as R;
        match self {
            R::BreaksEven | R::LossAlone => Check::BreakEven,
            R::BundleProfitable | R::BundleLoss => Check::BundleProfit,
            R::MarginMet | R::MarginBelowTarget | R::MarginUndefined => Check::BundleMargin,
            R::Subsidized => Check::Subsidy,
            R::ClientSaves | R::ClientPaysMore => Check::ClientSaving,
            R::NoPaidAddons | R::AnchorWithin | R::AnchorExceeded | R::AnchorUndefined => {
                Check::AddonAnchor
            }
            R::NoVisitLimit | R::VisitFits | R::VisitTooLong => Check::SingleVisit,
            R::KeepProfitable
            | R::KeepInBundle
            | R::KeepCostsReducible
            | R::SuspensionRecommended => Check::Suspension,
        }
    }

    pub const fn outcome(self) -> Outcome {
        use Reason as R;
        match self {
            R::BreaksEven
            | R::BundleProfitable
            | R::MarginMet
            | R::ClientSaves
            | R::NoPaidAddons
            | R::AnchorWithin
            | R::VisitFits
            | R::KeepProfitable => Outcome::Pass,
            R::Subsidized | R::NoVisitLimit | R::KeepInBundle => Outcome::Info,
            R::AnchorExceeded | R::AnchorUndefined | R::KeepCostsReducible => Outcome::Warning,
            R::LossAlone
            | R::BundleLoss
            | R::MarginBelowTarget
            | R::MarginUndefined
            | R::ClientPaysMore
            | R::VisitTooLong
            | R::SuspensionRecommended => Outcome::Fail,
        }
    }
}

/// How a figure should be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// In the verdict's currency; shown rounded to its minor unit.
    Money,
    /// A fraction (margin, threshold, ratio); shown to 6 places.
    Ratio,
    Minutes,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Figure {
    pub name: &'static str,
    pub value: Decimal,
    pub unit: Unit,
}

impl Figure {
    pub const fn money(name: &'static str, value: Decimal) -> Self {
        Self {
            name,
            value,
            unit: Unit::Money,
        }
    }
    pub const fn ratio(name: &'static str, value: Decimal) -> Self {
        Self {
            name,
            value,
            unit: Unit::Ratio,
        }
    }
    pub const fn minutes(name: &'static str, value: Decimal) -> Self {
        Self {
            name,
            value,
            unit: Unit::Minutes,
        }
    }
}

/// One checked rule, with its reason and figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verdict {
    pub check: Check,
    pub outcome: Outcome,
    pub reason: Reason,
    /// The product the verdict is about, for product-level findings.
    pub product: Option<String>,
    /// Currency of the `Money` figures.
    pub currency: Currency,
    /// What the verdict says, for people (translated by key; English in JSON).
    pub message: Message,
    pub figures: Vec<Figure>,
}

impl Verdict {
    fn new(reason: Reason, currency: Currency, message: Message, figures: Vec<Figure>) -> Self {
        Self {
            check: reason.check(),
            outcome: reason.outcome(),
            reason,
            product: None,
            currency,
            message,
            figures,
        }
    }

    fn about(mut self, code: &str) -> Self {
        self.product = Some(code.to_owned());
        self
    }

    pub fn passed(&self) -> bool {
        self.outcome != Outcome::Fail
    }
}

/// An amount as a message argument (`*_money`): written by the reader's language.
pub(crate) fn money_arg(value: Decimal, currency: Currency) -> String {
    format!("{value} {}", currency.as_str())
}
