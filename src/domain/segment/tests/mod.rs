//! Parsing and printing examples; evaluation in `eval`, forms in `form`, invariants in
//! `properties`.

mod errors;
mod eval;
mod form;
pub(crate) mod generators;
mod properties;

use rust_decimal::Decimal;

use super::*;

pub(super) fn rule(text: &str) -> SegmentRule {
    SegmentRule::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn canonical(text: &str) -> String {
    rule(text).to_string()
}

/// The demo bank's segment rules, as `demo::bank::SEGMENTS` stores them.
const DEMO_RULES: &[&str] = &[
    "age >= 35 and gender = male and employment = employed and city_population >= 1000000",
    "islamic_banking = true",
    "has tag \"migrant\" or preferred_language in [\"tg\", \"uz\", \"ky\"]",
    "has tag \"motorcyclist\"",
    "has tag \"city_lover\" and city_population >= 1000000",
    "employment = retired and marital_status in [single, widowed, divorced] and city_population >= 500000",
    "age between 18 and 25 and (employment = student or has tag \"night_life\")",
    "age >= 45 and digital_affinity = low",
    "has tag \"shy\"",
];

#[test]
fn the_demo_rules_parse_and_are_already_canonical() {
    for text in DEMO_RULES {
        assert_eq!(canonical(text), *text);
    }
}

#[test]
fn keywords_attribute_names_and_enum_values_ignore_case() {
    assert_eq!(
        canonical("AGE >= 35 AND Gender = MALE Or NOT Has TAG \"Shy\" and HOLDS cc_grace"),
        "age >= 35 and gender = male or not has tag \"shy\" and holds \"CC_GRACE\""
    );
    assert_eq!(
        canonical("employment = \"Self-employed\""),
        "employment = self_employed"
    );
}

#[test]
fn not_binds_tighter_than_and_which_binds_tighter_than_or() {
    let parsed = rule("has tag a or has tag b and not has tag c");
    let leaf = |t: &str| RuleExpr::Condition(Condition::HasTag(t.into()));
    assert_eq!(
        parsed.expr(),
        &RuleExpr::Any(vec![
            leaf("a"),
            RuleExpr::All(vec![leaf("b"), RuleExpr::Not(Box::new(leaf("c")))]),
        ])
    );
}

#[test]
fn printing_keeps_only_the_parentheses_the_tree_needs() {
    assert_eq!(
        canonical("((age > 3) and (children > 1)) or ((city = Omsk))"),
        "age > 3 and children > 1 or city = \"Omsk\""
    );
    assert_eq!(
        canonical("(has tag a or has tag b) and has tag c"),
        "(has tag \"a\" or has tag \"b\") and has tag \"c\""
    );
    assert_eq!(
        canonical("not (has tag a and has tag b)"),
        "not (has tag \"a\" and has tag \"b\")"
    );
    assert_eq!(
        canonical("has tag a and (has tag b and has tag c)"),
        "has tag \"a\" and (has tag \"b\" and has tag \"c\")"
    );
    assert_eq!(canonical("not not (has tag a)"), "not not has tag \"a\"");
}

#[test]
fn numbers_are_exact_decimals_and_print_normalised() {
    let parsed = rule("monthly_income > 1.00005 and children = 2.0");
    let Condition::Compare { value, .. } = parsed.conditions()[0] else {
        panic!()
    };
    assert_eq!(value, &Value::Number(Decimal::new(100_005, 5)));
    assert_eq!(
        parsed.to_string(),
        "monthly_income > 1.00005 and children = 2"
    );
    assert_eq!(canonical("monthly_income >= -0.0"), "monthly_income >= 0");
    for bad in [
        "monthly_income > 1e5",
        "monthly_income > 1_000",
        "monthly_income > .5",
        "monthly_income > 5.",
        "monthly_income > \"5\"",
    ] {
        assert!(SegmentRule::parse(bad).is_err(), "{bad}");
    }
    let too_many_digits = format!("monthly_income > {}", "9".repeat(29));
    assert!(SegmentRule::parse(&too_many_digits).is_err());
}

#[test]
fn whole_number_attributes_refuse_fractions_and_out_of_range_values() {
    assert!(SegmentRule::parse("age >= 35.5").is_err());
    assert!(SegmentRule::parse("age < 201").is_err());
    assert!(SegmentRule::parse("age > -1").is_err());
    assert!(SegmentRule::parse("data_age_days > -5").is_ok());
    assert!(SegmentRule::parse("city_population > 99999999999999999999").is_err());
}

#[test]
fn dates_must_be_real_and_written_in_full() {
    assert_eq!(
        canonical("birth_date between 1960-01-01 and 1970-12-31"),
        "birth_date between 1960-01-01 and 1970-12-31"
    );
    assert!(SegmentRule::parse("birth_date < 2001-02-29").is_err());
    assert!(SegmentRule::parse("birth_date < 2001-2-3").is_err());
    assert!(SegmentRule::parse("birth_date < \"2001-02-03\"").is_err());
}

#[test]
fn text_attributes_are_normalised_like_client_records() {
    assert_eq!(
        canonical("income_currency = rub and preferred_language = RU"),
        "income_currency = \"RUB\" and preferred_language = \"ru\""
    );
    assert_eq!(
        canonical("home_sales_point = msk-ho"),
        "home_sales_point = \"MSK-HO\""
    );
    assert!(SegmentRule::parse("income_currency = roubles").is_err());
    assert!(SegmentRule::parse("city = \"\"").is_err());
    assert!(SegmentRule::parse("has tag \"a|b\"").is_err());
    assert!(SegmentRule::parse("holds \"CC-GRACE\"").is_err());
    assert_eq!(
        canonical("city = \"Nizhny \\\"N\\\" \\\\ Novgorod\""),
        "city = \"Nizhny \\\"N\\\" \\\\ Novgorod\""
    );
}

#[test]
fn flags_take_true_or_false_and_only_equality() {
    assert_eq!(
        canonical("islamic_banking != FALSE"),
        "islamic_banking != false"
    );
    assert!(SegmentRule::parse("islamic_banking = yes").is_err());
    assert!(SegmentRule::parse("consent_to_offers > false").is_err());
}

#[test]
fn custom_attributes_take_numbers_and_text_and_order_only_numbers() {
    assert_eq!(
        canonical(
            "loyalty_tier in [gold, \"platinum\"] and score >= 7.50 and salary_project = EMP-0001"
        ),
        "loyalty_tier in [\"gold\", \"platinum\"] and score >= 7.5 and salary_project = \"EMP-0001\""
    );
    assert_eq!(canonical("x = \"5\""), "x = \"5\"");
    assert_eq!(canonical("x = true"), "x = \"true\"");
    assert!(SegmentRule::parse("x between a and b").is_err());
    assert!(
        SegmentRule::parse("x = 1234567890123456").is_ok(),
        "16 digits are exact"
    );
    assert!(
        SegmentRule::parse("x > 123456789012345678901234567890").is_err(),
        "30 digits"
    );
    assert!(SegmentRule::parse("lifestyle_tags = x").is_err());
    assert!(SegmentRule::parse("a;b = 1").is_err());
}

#[test]
fn keywords_cannot_be_bare_values_but_can_be_quoted() {
    assert!(SegmentRule::parse("city = and").is_err());
    assert_eq!(canonical("city = \"and\""), "city = \"and\"");
}

#[test]
fn errors_report_the_column_in_characters() {
    let err = SegmentRule::parse("city = \"Москва\" and gender = robot").unwrap_err();
    assert_eq!(err.column(), Some(30));
}

#[test]
fn rules_serialise_as_their_canonical_text() {
    let parsed = rule("AGE >= 35");
    assert_eq!(serde_json::to_string(&parsed).unwrap(), "\"age >= 35\"");
    let back: SegmentRule = serde_json::from_str("\"age >= 35\"").unwrap();
    assert_eq!(back, parsed);
    assert!(serde_json::from_str::<SegmentRule>("\"age >= male\"").is_err());
}

#[test]
fn conditions_are_listed_left_to_right() {
    let parsed = rule("not (has tag a or age > 3) and holds X");
    let texts: Vec<String> = parsed
        .conditions()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(texts, ["has tag \"a\"", "age > 3", "holds \"X\""]);
}

#[test]
fn a_scoped_rule_adds_the_sales_point_and_prints_as_a_rule_would() {
    let seed = rule("gender = male or age >= 60");
    assert_eq!(seed.scoped_to(None), seed);
    let scoped = seed.scoped_to(Some("nsk-kko"));
    assert_eq!(
        scoped.to_string(),
        "(gender = male or age >= 60) and home_sales_point = \"NSK-KKO\""
    );
    assert_eq!(
        rule(&scoped.to_string()),
        scoped,
        "prints then parses alike"
    );
}
