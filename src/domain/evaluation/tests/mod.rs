//! The document evaluator: the worked example's report, and malformed documents named by path.

use serde_json::{Value, json};

mod malformed;
mod no_panic;

use super::evaluate_document;
use super::fixtures::worked_example_json;

pub(super) fn errors_of(doc: &Value) -> Vec<String> {
    evaluate_document(doc)
        .unwrap_err()
        .into_iter()
        .map(|e| e.to_string())
        .collect()
}

/// The worked example with one field set (added or replaced) at a `/`-separated path.
pub(super) fn edited(path: &str, value: Value) -> Value {
    let mut doc = worked_example_json();
    let mut target = &mut doc;
    for key in path.trim_start_matches('/').split('/') {
        target = &mut target[key];
    }
    *target = value;
    doc
}

pub(super) fn has(errors: &[String], expected: &str) -> bool {
    errors.iter().any(|e| e == expected)
}

#[test]
fn the_report_reproduces_every_expected_figure() {
    let doc = worked_example_json();
    let report = evaluate_document(&doc).unwrap();
    for (code, profit) in doc["expected"]["standalone_profit"].as_object().unwrap() {
        assert_eq!(
            report["products"][code]["standalone"]["profit"], *profit,
            "{code}"
        );
    }
    let bundle = &report["bundle"];
    assert_eq!(bundle["visit_total"], "90.00");
    assert_eq!(bundle["revenue"], "18968.00");
    assert_eq!(bundle["profit"], "11148.00");
    assert_eq!(bundle["margin"], "0.587727"); // 58.77 %
    assert_eq!(bundle["positions"]["ONLINE"]["profit"], "-164.00");
    assert_eq!(bundle["positions"]["ONLINE"]["conversion"], Value::Null);
    assert_eq!(
        report["products"]["CC_GRACE"]["price"]["parameter"],
        "annual_fee"
    );
    assert_eq!(
        report["products"]["CC_GRACE"]["price"]["recommended"],
        "0.00"
    );
    assert_eq!(
        report["products"]["CC_GRACE"]["price"]["reason"],
        "clamped_to_zero"
    );
    assert_eq!(
        report["products"]["DEP_PLUS"]["price"]["recommended"],
        "0.138784"
    );
    assert_eq!(
        report["products"]["CA_RUB"]["standalone"]["margin"],
        "0.767606"
    );
}

#[test]
fn the_report_carries_verdicts_and_only_strings_for_figures() {
    let report = evaluate_document(&worked_example_json()).unwrap();
    let online = &report["products"]["ONLINE"]["verdicts"][0];
    assert_eq!(
        (&online["check"], &online["outcome"], &online["reason"]),
        (&json!("break_even"), &json!("fail"), &json!("loss_alone"))
    );
    assert_eq!(online["figures"]["profit"], "-154.00");
    let reasons: Vec<&str> = report["bundle"]["verdicts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["reason"].as_str().unwrap())
        .collect();
    assert_eq!(
        reasons,
        [
            "bundle_profitable",
            "margin_met",
            "subsidized",
            "client_saves",
            "anchor_undefined",
            "no_visit_limit"
        ]
    );
    fn no_floats(v: &Value) -> bool {
        match v {
            Value::Number(_) => false,
            Value::Array(items) => items.iter().all(no_floats),
            Value::Object(map) => map.values().all(no_floats),
            _ => true,
        }
    }
    assert!(no_floats(&report));
}
