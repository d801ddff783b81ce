//! Malformed documents: every problem named by its JSON path.

use serde_json::json;

use super::{edited, errors_of, has};
use crate::domain::evaluation::evaluate_document;
use crate::domain::evaluation::fixtures::worked_example_json;

#[test]
fn a_json_float_is_refused_by_path() {
    let errors = errors_of(&edited("/products/CC_GRACE/ftp_rate", json!(0.16)));
    assert_eq!(
        errors,
        [r#"products.CC_GRACE.ftp_rate: expected a decimal string like "0.16", got a number"#]
    );
}

#[test]
fn integers_are_accepted_as_exact_decimals() {
    let doc = edited("/products/CA_RUB/servicing_cost", json!(600));
    assert_eq!(
        evaluate_document(&doc).unwrap()["products"]["CA_RUB"]["standalone"]["profit"],
        "3270.00"
    );
}

#[test]
fn unknown_fields_are_refused_by_path() {
    let mut doc = worked_example_json();
    doc["products"]["CA_RUB"]["ftp_rat"] = json!("0.08");
    doc["bank"]["colour"] = json!("blue");
    doc["bundle"]["CA_RUB"]["terms"]["monthly_fe"] = json!("0");
    let errors = errors_of(&doc);
    assert!(
        has(&errors, "products.CA_RUB.ftp_rat: unknown field"),
        "{errors:?}"
    );
    assert!(has(&errors, "bank.colour: unknown field"), "{errors:?}");
    assert!(
        has(&errors, "bundle.CA_RUB.terms.monthly_fe: unknown field"),
        "{errors:?}"
    );
}

#[test]
fn missing_required_fields_are_named() {
    let mut doc = worked_example_json();
    doc["products"]["VCARD"]
        .as_object_mut()
        .unwrap()
        .remove("lifetime_years");
    doc["bank"].as_object_mut().unwrap().remove("target_margin");
    doc["standalone"].as_object_mut().unwrap().remove("ONLINE");
    let errors = errors_of(&doc);
    assert!(
        has(
            &errors,
            "products.VCARD.lifetime_years: missing required field"
        ),
        "{errors:?}"
    );
    assert!(
        has(&errors, "bank.target_margin: missing required field"),
        "{errors:?}"
    );
    assert!(
        has(
            &errors,
            "standalone.ONLINE: missing: every product needs its standalone terms and usage"
        ),
        "{errors:?}"
    );
}

#[test]
fn an_unknown_product_code_in_the_bundle_is_named() {
    let mut doc = worked_example_json();
    doc["bundle"]["GOLD_CARD"] = json!({"terms": {}, "usage": {}});
    assert_eq!(
        errors_of(&doc),
        ["bundle.GOLD_CARD: unknown product code (not in products)"]
    );
}

#[test]
fn malformed_values_are_named_with_what_was_found() {
    let mut doc = worked_example_json();
    doc["products"]["CC_GRACE"]["kind"] = json!("savings");
    doc["products"]["DEP_PLUS"]["reserve_ratio"] = json!("1.5");
    doc["standalone"]["CA_RUB"]["usage"]["avg_balance"] = json!("40 000");
    doc["bank"]["currency"] = json!("rub");
    doc["bank"]["bundle_lifetime_years"] = json!(null);
    let errors = errors_of(&doc);
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("products.CC_GRACE.kind: unknown product kind \"savings\"")),
        "{errors:?}"
    );
    assert!(
        has(
            &errors,
            "products.DEP_PLUS.reserve_ratio: must be a fraction between 0 and 1 (0.13 = 13 %), got 1.5"
        ),
        "{errors:?}"
    );
    assert!(
        has(
            &errors,
            r#"standalone.CA_RUB.usage.avg_balance: expected a decimal string like "0.16", got "40 000""#
        ),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("bank.currency: \"rub\" is not a currency code")),
        "{errors:?}"
    );
    assert!(
        has(
            &errors,
            r#"bank.bundle_lifetime_years: expected a decimal string like "0.16", got null"#
        ),
        "{errors:?}"
    );
    assert!(
        !errors
            .iter()
            .any(|e| e.starts_with("standalone.CC_GRACE") || e.starts_with("bundle.CC_GRACE")),
        "no cascade: {errors:?}"
    );
}

#[test]
fn the_expected_section_is_optional() {
    let mut doc = worked_example_json();
    doc.as_object_mut().unwrap().remove("expected");
    assert!(evaluate_document(&doc).is_ok());
    assert_eq!(errors_of(&json!([])), ["expected an object, got a list"]);
}

#[test]
fn extensions_convert_a_foreign_product_and_check_the_visit() {
    let mut doc = worked_example_json();
    doc["products"]["VCARD"]["currency"] = json!("USD");
    doc["exchange_rates"] = json!([{"date": "2025-03-28", "currency": "USD", "rate": "90"}]);
    doc["valuation_date"] = json!("2025-03-31");
    doc["bundle_main"] = json!("CC_GRACE");
    doc["bank"]["visit_limit_minutes"] = json!("60");
    let report = evaluate_document(&doc).unwrap();
    let vcard = &report["bundle"]["positions"]["VCARD"];
    assert_eq!(vcard["conversion"]["from"], "USD");
    assert_eq!(vcard["conversion"]["rate_date"], "2025-03-28");
    assert_eq!(vcard["conversion"]["original"]["revenue"], "900.00"); // 90 000 USD · 1 %
    assert_eq!(vcard["revenue"], "81000.00");
    assert_eq!(report["products"]["VCARD"]["currency"], "USD");
    assert_eq!(report["bundle"]["main"], "CC_GRACE");
    let visit = report["bundle"]["verdicts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["check"] == "single_visit")
        .unwrap();
    // 15 + 10 + 10 + 15 + 20 + 2 + 5 + 3 = 80 minutes > 60
    assert_eq!(
        (&visit["reason"], &visit["figures"]["visit_minutes"]),
        (&json!("visit_too_long"), &json!("80"))
    );
}

#[test]
fn a_foreign_product_without_a_rate_is_named() {
    let doc = edited("/products/VCARD/currency", json!("USD"));
    assert_eq!(
        errors_of(&doc),
        ["products.VCARD.currency: no exchange rate for USD: add one to exchange_rates"]
    );
    let mut doc = doc;
    doc["exchange_rates"] = json!([{"date": "2025-03-28", "currency": "USD", "rate": 90.5}, {"date": "31/03/2025", "currency": "EUR", "rate": "0"}]);
    let errors = errors_of(&doc);
    assert!(
        has(
            &errors,
            r#"exchange_rates[0].rate: expected a decimal string like "90.5", got a number"#
        ),
        "{errors:?}"
    );
    assert!(
        has(
            &errors,
            r#"exchange_rates[1].date: expected a date like "2025-03-31", got "31/03/2025""#
        ),
        "{errors:?}"
    );
}

#[test]
fn engine_failures_are_reported_not_panicked() {
    let doc = edited(
        "/standalone/CA_RUB/terms/monthly_fee",
        json!("79228162514264337593543950335"),
    );
    // The standalone terms also price "bought separately" in the bundle's client-cost check.
    assert_eq!(
        errors_of(&doc),
        [
            "standalone.CA_RUB: overflow computing monthly fees for CA_RUB",
            "bundle: overflow computing client cost for CA_RUB"
        ]
    );
    let doc = edited(
        "/bundle/CC_GRACE/terms/annual_fee",
        json!("79228162514264337593543950335"),
    );
    assert_eq!(
        errors_of(&doc),
        ["bundle: overflow computing revenue for CC_GRACE"]
    );
}
