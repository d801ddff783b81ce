use rust_decimal_macros::dec;

use super::*;
use crate::domain::product::ProductKind;
use crate::domain::user::Role;

fn fields(errors: &[crate::domain::validation::FieldError]) -> Vec<&str> {
    errors.iter().map(|e| e.field.as_str()).collect()
}

fn point_form() -> SalesPointForm {
    SalesPointForm {
        code: "nsk-kko".into(),
        name: "Novosibirsk, Lenina 5".into(),
        city: "Novosibirsk".into(),
        region: "Siberia".into(),
        format: "credit cash office".into(),
        branch_cost_per_minute: "18,50".into(),
        visit_overhead_minutes: "12".into(),
        visit_limit_minutes: "60".into(),
        product_kinds: "deposit, current_account,debit_card".into(),
    }
}

#[test]
fn a_sales_point_is_read_as_typed_at_a_branch() {
    let point = SalesPointDraft::parse(&point_form()).unwrap();
    assert_eq!(point.code, "NSK-KKO");
    assert_eq!(point.format, PointFormat::CreditCashOffice);
    assert_eq!(point.costs.branch_cost_per_minute, dec!(18.50));
    assert_eq!(point.costs.visit_limit_minutes, Some(dec!(60)));
    assert!(point.product_kinds.allows(ProductKind::Deposit));
    assert!(!point.product_kinds.allows(ProductKind::CreditCard));
    assert_eq!(
        point.product_kinds.to_string(),
        "current_account,deposit,debit_card"
    );
}

#[test]
fn every_wrong_field_of_a_sales_point_is_named() {
    let form = SalesPointForm {
        code: "a b".into(),
        name: " ".into(),
        city: String::new(),
        format: "kiosk".into(),
        branch_cost_per_minute: "-1".into(),
        visit_overhead_minutes: "1.23456".into(),
        visit_limit_minutes: "0".into(),
        product_kinds: "deposit, mortgage".into(),
        ..point_form()
    };
    let errors = SalesPointDraft::parse(&form).unwrap_err();
    assert_eq!(
        fields(&errors),
        [
            "code",
            "name",
            "city",
            "format",
            "branch_cost_per_minute",
            "visit_overhead_minutes",
            "visit_limit_minutes",
            "product_kinds"
        ]
    );
}

#[test]
fn no_visit_limit_and_no_region_are_allowed() {
    let form = SalesPointForm {
        visit_limit_minutes: " ".into(),
        region: String::new(),
        product_kinds: "*".into(),
        ..point_form()
    };
    let point = SalesPointDraft::parse(&form).unwrap();
    assert_eq!(point.costs.visit_limit_minutes, None);
    assert_eq!(
        point.region, "Novosibirsk",
        "a point is in its city's region"
    );
    assert_eq!(point.product_kinds, OpenableKinds::All);
}

#[test]
fn openable_kinds_round_trip_through_their_stored_form() {
    for text in ["*", "deposit", "current_account,deposit,credit_card"] {
        let kinds = OpenableKinds::parse(text).unwrap();
        assert_eq!(OpenableKinds::parse(&kinds.to_string()).unwrap(), kinds);
    }
    let every: Vec<&str> = ProductKind::ALL.iter().map(|k| k.as_str()).collect();
    assert_eq!(
        OpenableKinds::parse(&every.join(",")).unwrap(),
        OpenableKinds::All
    );
    assert!(OpenableKinds::from_kinds([]).is_empty());
}

#[test]
fn the_bank_needs_a_name_and_a_currency() {
    let errors = BankDetails::parse(&BankForm {
        name: String::new(),
        reporting_currency: "rubles".into(),
        tax_id: "1".repeat(33),
        ..BankForm::default()
    })
    .unwrap_err();
    assert_eq!(fields(&errors), ["name", "reporting_currency", "tax_id"]);
    let bank = BankDetails::parse(&BankForm {
        name: " Volga Bank ".into(),
        reporting_currency: "rub".into(),
        ..BankForm::default()
    })
    .unwrap();
    assert_eq!(bank.name, "Volga Bank");
    assert_eq!(bank.reporting_currency.as_str(), "RUB");
}

#[test]
fn a_company_has_a_code_a_name_and_a_kind() {
    let c = Company::parse("insure", "Volga Insurance", "Insurance").unwrap();
    assert_eq!(
        (c.code.as_str(), c.kind),
        ("INSURE", CompanyKind::Insurance)
    );
    let errors = Company::parse("", "", "bakery").unwrap_err();
    assert_eq!(fields(&errors), ["code", "name", "kind"]);
}

#[test]
fn a_staff_row_names_every_wrong_cell() {
    let row = StaffRow::parse("i.petrova", "", "Advisor", "msk-ho").unwrap();
    assert_eq!(row.role, Role::Advisor);
    assert_eq!(row.display_name, "i.petrova");
    assert_eq!(row.sales_point.as_deref(), Some("MSK-HO"));
    let errors = StaffRow::parse("Ab", "Anna", "teller", "").unwrap_err();
    assert_eq!(fields(&errors), ["username", "role"]);
    let errors = StaffRow::parse("anna", "Anna", "advisor", "").unwrap_err();
    assert_eq!(
        fields(&errors),
        ["sales_point"],
        "an advisor works somewhere"
    );
    assert!(StaffRow::parse("boris", "Boris", "finance", "").is_ok());
}

#[test]
fn a_rate_row_takes_either_date_order_and_a_nominal() {
    let rub = crate::domain::money::Currency::RUB;
    let r = RateRow::parse("01.12.2026", "jpy", "52,3456", "100", rub).unwrap();
    assert_eq!(r.on.to_string(), "2026-12-01");
    assert_eq!(r.rate, dec!(0.523456));
    let r = RateRow::parse("2026-12-01", "EUR", "98.12", "", rub).unwrap();
    assert_eq!(r.rate, dec!(98.12));
    let errors = RateRow::parse("31.02.2026", "RUB", "0", "", rub).unwrap_err();
    assert_eq!(fields(&errors), ["date", "currency", "rate"]);
    let errors = RateRow::parse("2026-12-01", "EUR", "1", "3", rub).unwrap_err();
    assert_eq!(fields(&errors), ["rate"], "1/3 has no exact 8-decimal rate");
}

#[test]
fn what_is_missing_is_said_to_those_it_concerns_in_order() {
    let empty = Readiness::default();
    assert_eq!(
        empty.missing_for(Role::Admin),
        [Missing::Bank, Missing::SalesPoint]
    );
    assert_eq!(
        empty.missing_for(Role::ProductManager),
        [
            Missing::Bank,
            Missing::SalesPoint,
            Missing::Product,
            Missing::Segment,
            Missing::PublishedMatrix
        ]
    );
    assert!(!empty.is_set_up());
    let set_up = Readiness {
        bank: true,
        active_points: 2,
        ..Readiness::default()
    };
    assert!(set_up.is_set_up());
    assert!(set_up.missing_for(Role::Admin).is_empty());
    assert_eq!(
        set_up.missing_for(Role::Advisor),
        [Missing::Product, Missing::PublishedMatrix]
    );
    for missing in empty.missing() {
        assert!(missing.href().starts_with('/'));
    }
}
