//! The visit plan: what happens at the desk, step by step, and whether it fits the sales
//! point's visit limit. The client is identified once, whatever is opened.

use rust_decimal::Decimal;

use crate::domain::bank::DeskSettings;
use crate::domain::matrix::OfferedProduct;
use crate::domain::product::ProductKind;
use crate::domain::profitability::SalesPointCosts;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepKind {
    /// Identification and documents: once per visit.
    Identify,
    /// The client's data is over a year old: checked with the client first.
    VerifyData,
    /// Opening one product.
    Open,
    /// A credit product waits for the bank's decision.
    CreditDecision,
}

impl StepKind {
    pub const fn label_key(self) -> &'static str {
        match self {
            Self::Identify => "step-identify",
            Self::VerifyData => "step-verify-data",
            Self::Open => "step-open",
            Self::CreditDecision => "step-credit-decision",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VisitStep {
    pub kind: StepKind,
    pub product: Option<String>,
    pub minutes: Decimal,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VisitPlan {
    pub steps: Vec<VisitStep>,
    pub total: Decimal,
    /// The point's longest visit; `None` when it sets none.
    pub limit: Option<Decimal>,
}

impl VisitPlan {
    /// The plan for opening `products` at a point with `costs`; `verify` adds the data check.
    /// `None` on overflow.
    pub fn of(
        costs: &SalesPointCosts,
        desk: &DeskSettings,
        verify: bool,
        products: &[OfferedProduct],
    ) -> Option<Self> {
        let step = |kind, product: Option<&str>, minutes| VisitStep {
            kind,
            product: product.map(str::to_owned),
            minutes,
        };
        let mut steps = vec![step(StepKind::Identify, None, costs.visit_overhead_minutes)];
        if verify {
            steps.push(step(StepKind::VerifyData, None, desk.verify_data_minutes));
        }
        for product in products {
            steps.push(step(
                StepKind::Open,
                Some(&product.code),
                product.economics.opening_minutes,
            ));
            if product.kind == ProductKind::CreditCard {
                steps.push(step(
                    StepKind::CreditDecision,
                    Some(&product.code),
                    desk.credit_decision_minutes,
                ));
            }
        }
        let total = (steps.iter()).try_fold(Decimal::ZERO, |sum, s| sum.checked_add(s.minutes))?;
        Some(Self {
            steps,
            total,
            limit: costs.visit_limit_minutes,
        })
    }

    pub fn fits(&self) -> bool {
        self.limit.is_none_or(|limit| self.total <= limit)
    }
}
