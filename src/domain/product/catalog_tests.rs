use rust_decimal_macros::dec;

use super::*;

fn deposit_form() -> ProductForm {
    ProductForm {
        code: "dep_plus".into(),
        name: "Deposit Plus".into(),
        kind: "deposit".into(),
        currency: "RUB".into(),
        company: "BANK".into(),
        price_parameter: "client_rate".into(),
        market_price: "0,14".into(),
        figures: figures(&[
            ("ftp_rate", "0.15"),
            ("reserve_ratio", "0.04"),
            ("servicing_cost", "400"),
            ("acquisition_cost", "1 500"),
            ("lifetime_years", "3"),
            ("opening_minutes", "10"),
            ("overhead_rate", "0.20"),
            ("client_rate", "0.13"),
            ("avg_balance", "300 000"),
        ]),
        ..ProductForm::default()
    }
}

fn figures(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
        .collect()
}

#[test]
fn a_complete_form_parses_with_people_s_number_formats() {
    let product = deposit_form().parse().unwrap();

    assert_eq!(product.code, "DEP_PLUS");
    assert_eq!(product.kind, ProductKind::Deposit);
    assert_eq!(product.status, ProductStatus::Active);
    assert_eq!(product.market_price, dec!(0.14));
    assert_eq!(product.economics.acquisition_cost, dec!(1500));
    assert_eq!(product.usage.avg_balance, dec!(300000));
    assert!(!product.costs_cannot_be_reduced);
}

#[test]
fn every_problem_is_reported_under_its_field() {
    let mut form = ProductForm {
        code: "x".into(),
        kind: "mortgage".into(),
        market_price: "2".into(),
        ..deposit_form()
    };
    form.set_figure(Figure::LifetimeYears, "0");
    form.set_figure(Figure::ServicingCost, "-5");
    form.set_figure(Figure::ReserveRatio, "abc");

    let errors = form.parse().unwrap_err();
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();

    for field in [
        "code",
        "kind",
        "lifetime_years",
        "servicing_cost",
        "reserve_ratio",
        "market_price",
    ] {
        assert!(fields.contains(&field), "{field} missing from {fields:?}");
    }
    assert_eq!(
        fields.iter().filter(|f| **f == "reserve_ratio").count(),
        1,
        "one message per field"
    );
}

#[test]
fn a_product_round_trips_through_its_form() {
    let product = deposit_form().parse().unwrap();

    let again = ProductForm::from(&product).parse().unwrap();

    assert_eq!(again, product);
}

#[test]
fn market_terms_put_the_market_price_in_the_price_parameter() {
    let product = deposit_form().parse().unwrap();

    assert_eq!(product.market_terms().client_rate, dec!(0.14));
    assert_eq!(product.terms.client_rate, dec!(0.13));
}

#[test]
fn status_changes_only_along_the_state_machine() {
    assert_eq!(
        ProductStatus::Active.suspend(),
        Some(ProductStatus::Suspended)
    );
    assert_eq!(ProductStatus::Suspended.suspend(), None);
    assert_eq!(
        ProductStatus::Suspended.reactivate(),
        Some(ProductStatus::Active)
    );
    assert_eq!(ProductStatus::Active.reactivate(), None);
}

#[test]
fn decimals_are_read_as_typed_never_through_a_float() {
    assert_eq!(
        parse_decimal_input("14.890999999999998")
            .unwrap()
            .to_string(),
        "14.890999999999998"
    );
    assert_eq!(parse_decimal_input("1 490,50").unwrap(), dec!(1490.50));
    assert_eq!(parse_decimal_input("").unwrap(), dec!(0));
    assert!(parse_decimal_input("1,000.5,3").is_err());
}
