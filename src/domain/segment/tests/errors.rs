//! Error messages: what was expected, and where.

use crate::domain::segment::SegmentRule;

fn error(text: &str) -> String {
    SegmentRule::parse(text).unwrap_err().to_string()
}

#[test]
fn errors_say_what_was_expected_and_where() {
    assert_eq!(error("age >= "), "expected a value after '>=' at column 8");
    assert_eq!(
        error("age >= and x = 1"),
        "expected a value after '>=' at column 8"
    );
    assert_eq!(
        error("gender = motorbike"),
        "unknown gender 'motorbike' at column 10: expected male or female"
    );
    assert_eq!(
        error("gender >= 3"),
        "'>=' does not apply to gender at column 8: gender takes =, != or in"
    );
    assert_eq!(
        error("age = male"),
        "expected a whole number from 0 to 200 for age, found 'male' at column 7"
    );
    assert_eq!(
        error("(age > 3"),
        "expected ')' to close '(' from column 1, found the end of the rule at column 9"
    );
    assert_eq!(
        error("age > 3 gender = male"),
        "expected 'and', 'or' or the end of the rule, found 'gender' at column 9"
    );
    assert_eq!(
        error("has motorcyclist"),
        "expected 'tag' after 'has', found 'motorcyclist' at column 5"
    );
    assert_eq!(
        error("age"),
        "expected =, !=, <, <=, >, >=, 'between' or 'in' after 'age', found the end of the rule at column 4"
    );
    assert_eq!(
        error("and"),
        "expected a condition, found 'and' at column 1"
    );
    assert_eq!(
        error("city < \"Omsk\""),
        "'<' does not apply to city at column 6: city takes =, != or in"
    );
    assert_eq!(
        error("x > abc"),
        "expected a number for x, found 'abc' at column 5: custom attributes are ordered only as numbers"
    );
    assert_eq!(
        error("age between 1 or 2"),
        "expected 'and' after 'between 1', found 'or' at column 15"
    );
    assert_eq!(
        error("marital_status in [single widowed]"),
        "expected ',' or ']', found 'widowed' at column 27"
    );
}

#[test]
fn empty_long_and_deep_rules_are_refused() {
    assert_eq!(error(""), "the rule is empty");
    assert_eq!(error("  \n "), "the rule is empty");
    let long = format!("x = \"{}\"", "a".repeat(4_000));
    assert_eq!(
        error(&long),
        "the rule is 4006 characters long; at most 4000 are allowed"
    );
    let deep = format!("{}age > 3{}", "(".repeat(33), ")".repeat(33));
    assert_eq!(
        error(&deep),
        "the rule nests deeper than 32 levels at column 33"
    );
    let nots = format!("{}age > 3", "not ".repeat(32));
    assert!(SegmentRule::parse(&nots).is_ok());
}
