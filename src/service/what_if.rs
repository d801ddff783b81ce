//! What-if: the dashboard's figures for a scenario next to the baseline, for one segment's
//! bundles or the whole portfolio, with the verdicts that change. The scenario is computed on
//! shifted copies of the inputs (`domain::what_if`); nothing live is written.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::matrices::BankView;
use super::portfolio::{BundleRow, Inputs, compute};
use crate::domain::message::Message;
use crate::domain::portfolio::margin;
use crate::domain::what_if::Shifts;
use crate::persistence::matrices::StoredVersion;

/// One bundle, baseline and scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Compared {
    pub baseline: BundleRow,
    pub scenario: BundleRow,
}

impl Compared {
    /// Whether the scenario changes what blocks the bundle.
    pub fn verdict_changes(&self) -> bool {
        self.baseline.blocking != self.scenario.blocking
    }
}

/// The scenario over the bundles in scope, with the totals of those in force.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    pub bundles: Vec<Compared>,
    pub baseline_revenue: Decimal,
    pub baseline_profit: Decimal,
    pub scenario_revenue: Decimal,
    pub scenario_profit: Decimal,
}

impl Outcome {
    pub fn baseline_margin(&self) -> Option<Decimal> {
        margin(self.baseline_profit, self.baseline_revenue)
    }

    pub fn scenario_margin(&self) -> Option<Decimal> {
        margin(self.scenario_profit, self.scenario_revenue)
    }
}

/// `inputs` with `shifts` applied (copies; the inputs are left as they were).
///
/// # Errors
/// `portfolio-overflow`.
pub fn shifted(inputs: &Inputs, shifts: &Shifts) -> Result<Inputs, Message> {
    let bank = &inputs.bank;
    let versions = inputs
        .versions
        .iter()
        .map(|v| {
            Ok(StoredVersion {
                info: v.info.clone(),
                content: shifts.content(&v.content)?,
                frozen_terms: shifts.frozen(&v.frozen_terms)?,
            })
        })
        .collect::<Result<Vec<_>, Message>>()?;
    Ok(Inputs {
        bank: BankView {
            settings: bank.settings.clone(),
            points: bank
                .points
                .iter()
                .map(|p| shifts.point(p))
                .collect::<Result<_, _>>()?,
            products: (bank.products.iter())
                .map(|p| shifts.product(p))
                .collect::<Result<_, _>>()?,
            rates: bank.rates.clone(),
            today: bank.today,
        },
        versions,
        counts: inputs.counts.clone(),
        counted_at: inputs.counted_at,
    })
}

/// The scenario for `segment`'s bundles (every segment's when `None`), next to the baseline.
///
/// # Errors
/// `portfolio-overflow`.
pub fn run(mut inputs: Inputs, shifts: &Shifts, segment: Option<&str>) -> Result<Outcome, Message> {
    if let Some(segment) = segment {
        inputs.versions.retain(|v| v.info.segment == segment);
    }
    let scenario = compute(&shifted(&inputs, shifts)?, None);
    let baseline = compute(&inputs, None);
    let key = |r: &BundleRow| {
        (
            r.segment.clone(),
            r.version,
            r.point.clone(),
            r.main.clone(),
        )
    };
    let mut after: BTreeMap<_, BundleRow> =
        scenario.rows.into_iter().map(|r| (key(&r), r)).collect();
    let bundles = baseline
        .rows
        .into_iter()
        .filter_map(|row| {
            after.remove(&key(&row)).map(|scenario| Compared {
                baseline: row,
                scenario,
            })
        })
        .collect();
    Ok(Outcome {
        bundles,
        baseline_revenue: baseline.revenue,
        baseline_profit: baseline.profit,
        scenario_revenue: scenario.revenue,
        scenario_profit: scenario.profit,
    })
}
