//! The form model: flat rules only, round trips, errors per row.

use super::rule;
use crate::domain::segment::{ConditionForm, Joiner, NotFlat, RuleError, RuleForm};

fn row(attribute: &str, operator: &str, value: &str) -> ConditionForm {
    ConditionForm {
        attribute: attribute.into(),
        operator: operator.into(),
        value: value.into(),
    }
}

#[test]
fn a_flat_rule_becomes_rows_with_unquoted_values_and_back() {
    let text = "age between 18 and 25 and city = \"Nizhny Novgorod\" and marital_status in [single, widowed] \
                and has tag \"night_life\" and holds \"CC_GRACE\" and tier = \"gold\"";
    let parsed = rule(text);
    let form = RuleForm::try_from(&parsed).unwrap();
    assert_eq!(form.joiner, Joiner::And);
    assert_eq!(
        form.conditions,
        vec![
            row("age", "between", "18 and 25"),
            row("city", "=", "Nizhny Novgorod"),
            row("marital_status", "in", "single, widowed"),
            row("lifestyle_tags", "has", "night_life"),
            row("products_held", "has", "CC_GRACE"),
            row("tier", "=", "gold"),
        ]
    );
    assert_eq!(form.to_rule().unwrap(), parsed);
}

#[test]
fn a_single_condition_and_an_or_list_are_flat() {
    let single = RuleForm::try_from(&rule("age > 3")).unwrap();
    assert_eq!((single.joiner, single.conditions.len()), (Joiner::And, 1));
    let any = RuleForm::try_from(&rule("has tag a or has tag b")).unwrap();
    assert_eq!(any.joiner, Joiner::Or);
}

#[test]
fn nesting_and_not_must_be_edited_as_text() {
    assert_eq!(
        RuleForm::try_from(&rule("not age > 3")),
        Err(NotFlat::Nested)
    );
    assert_eq!(
        RuleForm::try_from(&rule("age > 3 and (has tag a or has tag b)")),
        Err(NotFlat::Nested)
    );
    assert_eq!(
        RuleForm::try_from(&rule("age > 3 and (has tag a and has tag b)")),
        Err(NotFlat::Nested)
    );
}

#[test]
fn values_the_form_cannot_spell_are_refused_rather_than_changed() {
    assert!(matches!(
        RuleForm::try_from(&rule("x = \"5\"")),
        Err(NotFlat::Value { .. })
    ));
    assert!(matches!(
        RuleForm::try_from(&rule("city in [\"a,b\", c]")),
        Err(NotFlat::Value { .. })
    ));
}

#[test]
fn form_errors_name_the_row() {
    let form = RuleForm {
        joiner: Joiner::Or,
        conditions: vec![row("age", ">=", "35"), row("gender", "=", "motorbike")],
    };
    assert_eq!(
        form.to_rule().unwrap_err().to_string(),
        "condition 2: unknown gender 'motorbike': expected male or female"
    );
    let bad = |r: ConditionForm| {
        RuleForm {
            joiner: Joiner::And,
            conditions: vec![r],
        }
        .to_rule()
        .unwrap_err()
    };
    assert!(matches!(
        bad(row("age", "~", "3")),
        RuleError::InCondition { condition: 1, .. }
    ));
    assert!(matches!(
        bad(row("age", "between", "3")),
        RuleError::InCondition { .. }
    ));
    assert!(matches!(
        bad(row("lifestyle_tags", "=", "x")),
        RuleError::InCondition { .. }
    ));
    assert!(matches!(
        bad(row("no such", "=", "x")),
        RuleError::InCondition { .. }
    ));
    assert_eq!(RuleForm::default().to_rule(), Err(RuleError::Empty));
}

#[test]
fn typed_values_are_trimmed_and_read_like_rule_words() {
    let form = RuleForm {
        joiner: Joiner::And,
        conditions: vec![
            row(" Age ", " >= ", " 35 "),
            row("score", "<", "7.50"),
            row("employment", "=", "Self-employed"),
        ],
    };
    assert_eq!(
        form.to_rule().unwrap().to_string(),
        "age >= 35 and score < 7.5 and employment = self_employed"
    );
}
