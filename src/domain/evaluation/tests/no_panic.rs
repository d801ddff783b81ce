//! Arbitrary values in a document never panic the evaluator.

use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{Value, json};

use super::edited;
use crate::domain::evaluation::evaluate_document;

const FIELDS: &[&str] = &[
    "/bank/branch_cost_per_minute",
    "/bank/visit_overhead_minutes",
    "/bank/bundle_lifetime_years",
    "/bank/target_margin",
    "/products/CC_GRACE/lifetime_years",
    "/products/DEP_PLUS/ftp_rate",
    "/products/ONLINE/servicing_cost",
    "/standalone/CA_RUB/terms/monthly_fee",
    "/standalone/DEP_PLUS/usage/avg_balance",
    "/bundle/CC_GRACE/usage/annual_spend",
    "/bundle/TRANSFERS/usage/transactions",
    "/bundle/VCARD/terms/client_rate",
];

fn value() -> impl Strategy<Value = Value> {
    prop_oneof![
        (
            any::<u32>(),
            any::<u32>(),
            any::<u32>(),
            any::<bool>(),
            0..=28_u32
        )
            .prop_map(|(lo, mid, hi, neg, scale)| json!(
                Decimal::from_parts(lo, mid, hi, neg, scale).to_string()
            )),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| json!(f)),
        ".*".prop_map(|s: String| json!(s)),
        Just(Value::Null),
        Just(json!({"x": 1})),
    ]
}

proptest! {
    #[test]
    fn no_document_panics_the_evaluator(edits in proptest::collection::vec((0..FIELDS.len(), value()), 1..4)) {
        let mut doc = edited(FIELDS[edits[0].0], edits[0].1.clone());
        for (field, v) in &edits[1..] {
            let mut target = &mut doc;
            for key in FIELDS[*field].trim_start_matches('/').split('/') {
                target = &mut target[key];
            }
            *target = v.clone();
        }
        let _ = evaluate_document(&doc);
    }
}
