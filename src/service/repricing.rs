//! Whole-bank re-pricing: every published (optionally draft) matrix × sales point × main
//! product candidate evaluated against the bank as it stands, one row per bundle.

use rust_decimal::Decimal;
use serde::Serialize;

use super::matrices::BankView;
use crate::domain::matrix::PointEvaluation;
use crate::domain::message::Message;
use crate::persistence::matrices::StoredVersion;

/// One combined product, or a point where nothing could be evaluated.
#[derive(Clone, Debug, Serialize)]
pub struct RepricedBundle {
    pub segment: String,
    pub version: i32,
    pub status: &'static str,
    pub point: String,
    /// `None` when the point's cells disagree and no bundle could be built there.
    pub main: Option<String>,
    pub products: Vec<String>,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub revenue: Option<Decimal>,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub profit: Option<Decimal>,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub margin: Option<Decimal>,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub client_saving: Option<Decimal>,
    /// What blocks publishing or approval, in words (English).
    pub blocking: Vec<Message>,
    pub warnings: Vec<Message>,
}

impl RepricedBundle {
    pub fn passes(&self) -> bool {
        self.blocking.is_empty()
    }
}

/// Re-prices `versions` (withdrawn ones are skipped: they offer nothing).
pub fn reprice(bank: &BankView, versions: &[StoredVersion]) -> Vec<RepricedBundle> {
    let mut rows = Vec::new();
    for version in versions.iter().filter(|v| v.info.withdrawn_on.is_none()) {
        let status = version.info.status.as_str();
        bank.evaluate_each(&version.content, &version.frozen_terms, |point| {
            rows.extend(rows_of(version, status, point));
        });
    }
    rows
}

fn rows_of(
    version: &StoredVersion,
    status: &'static str,
    point: PointEvaluation,
) -> Vec<RepricedBundle> {
    let base = || RepricedBundle {
        segment: version.info.segment.clone(),
        version: version.info.number,
        status,
        point: point.point.clone(),
        main: None,
        products: Vec::new(),
        revenue: None,
        profit: None,
        margin: None,
        client_saving: None,
        blocking: Vec::new(),
        warnings: Vec::new(),
    };
    let bundles = match &point.bundles {
        Ok(bundles) => bundles,
        Err(problem) => {
            return vec![RepricedBundle {
                blocking: vec![problem.clone()],
                ..base()
            }];
        }
    };
    bundles
        .iter()
        .map(|bundle| {
            let mut row = RepricedBundle {
                main: Some(bundle.main.clone()),
                blocking: bundle.blocking(),
                ..base()
            };
            if let Ok(result) = &bundle.result {
                row.products = result.products.iter().map(|p| p.code.clone()).collect();
                row.revenue = Some(result.breakdown.revenue.round_dp(2));
                row.profit = Some(result.breakdown.profit.round_dp(2));
                row.margin = result.breakdown.margin.map(|m| m.round_dp(6));
                row.client_saving = Some(result.checks.client_saving.round_dp(2));
                row.warnings = result.warnings();
            }
            row
        })
        .collect()
}
