//! Invariants over random rules: printing then parsing is the identity, parsing never panics,
//! `not` is three-valued negation, and forms round-trip.

use chrono::NaiveDate;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;

use super::generators::{client, expr, flat};
use crate::domain::segment::{NearMiss, RuleExpr, RuleForm, SegmentRule, Truth};

const VOCABULARY: &[&str] = &[
    "age",
    ">=",
    "<",
    "=",
    "!=",
    "35",
    "-1",
    "1.5",
    "and",
    "or",
    "not",
    "(",
    ")",
    "[",
    "]",
    ",",
    "\"x\"",
    "in",
    "between",
    "has",
    "tag",
    "holds",
    "gender",
    "male",
    "score",
    "2024-01-01",
    "true",
    "city",
    "\"",
    "\\",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn printing_then_parsing_gives_the_same_rule(e in expr()) {
        let rule = SegmentRule(e);
        let text = rule.to_string();
        prop_assert_eq!(SegmentRule::parse(&text), Ok(rule), "{}", text);
    }

    #[test]
    fn parsing_arbitrary_text_never_panics(text in "\\PC{0,120}") {
        if let Ok(rule) = SegmentRule::parse(&text) {
            prop_assert_eq!(SegmentRule::parse(&rule.to_string()), Ok(rule));
        }
    }

    #[test]
    fn parsing_token_soup_never_panics_and_accepted_rules_are_canonical(words in vec(select(VOCABULARY), 0..16)) {
        let text = words.join(" ");
        match SegmentRule::parse(&text) {
            Ok(rule) => prop_assert_eq!(SegmentRule::parse(&rule.to_string()), Ok(rule)),
            Err(err) => prop_assert!(err.column().is_none_or(|c| c <= text.chars().count() + 1), "{}", err),
        }
    }

    #[test]
    fn not_is_three_valued_negation_and_explanations_agree(e in expr(), c in client()) {
        let today = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let rule = SegmentRule(e.clone());
        let negated = SegmentRule(RuleExpr::Not(Box::new(e)));
        let truth = rule.truth(&c, today);
        prop_assert_eq!(negated.truth(&c, today), !truth);
        let explained = rule.explain(&c, today);
        prop_assert_eq!(explained.matched, truth == Truth::True);
        prop_assert_eq!(rule.matches(&c, today), truth == Truth::True);
        match rule.near_miss(&c, today) {
            None => prop_assert_eq!(truth, Truth::True),
            Some(NearMiss::Only(text)) => prop_assert!(explained.failed.contains(&text)),
            Some(NearMiss::Failed(texts)) => prop_assert_eq!(texts, explained.failed),
        }
    }

    #[test]
    fn flat_rules_round_trip_through_the_form(e in flat()) {
        let rule = SegmentRule(e);
        if let Ok(form) = RuleForm::try_from(&rule) {
            prop_assert_eq!(form.to_rule(), Ok(rule));
        }
    }
}
