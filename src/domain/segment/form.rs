//! The rule as a form: a flat list of conditions joined by all-`and` or all-`or`, for people
//! who would rather pick from lists than type. Rules with `not` or parentheses are edited as
//! text.
//!
//! Form values are typed without quotes: `Moscow`, `1000000`, `2024-05-01`, `male`;
//! `between` takes `18 and 25`, `in` takes `single, widowed`. Lifestyle tags and products are
//! the pseudo-attributes `lifestyle_tags` and `products_held` with the operator `has`.

use super::attribute::{Attribute, CustomName};
use super::display::plain;
use super::error::RuleError;
use super::op::CompareOp;
use super::value::{self, Literal, Problem, Value};
use super::{Condition, RuleExpr, SegmentRule};
use crate::domain::message::Message;

/// The pseudo-attribute for `has tag …`.
pub const TAGS_FIELD: &str = "lifestyle_tags";
/// The pseudo-attribute for `holds …`.
pub const PRODUCTS_FIELD: &str = "products_held";

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Joiner {
    #[default]
    And,
    Or,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleForm {
    pub joiner: Joiner,
    pub conditions: Vec<ConditionForm>,
}

/// One row of the form, as text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConditionForm {
    /// A catalog or custom attribute name, or [`TAGS_FIELD`] / [`PRODUCTS_FIELD`].
    pub attribute: String,
    /// `=`, `!=`, `<`, `<=`, `>`, `>=`, `between`, `in`, or `has` for tags and products.
    pub operator: String,
    pub value: String,
}

/// Why a rule cannot be shown as a form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotFlat {
    #[error("the rule uses 'not' or parentheses; edit it as text")]
    Nested,
    #[error("'{condition}' cannot be written in the form; edit the rule as text")]
    Value { condition: String },
}

impl TryFrom<&SegmentRule> for RuleForm {
    type Error = NotFlat;

    fn try_from(rule: &SegmentRule) -> Result<Self, NotFlat> {
        let (joiner, rules) = match rule.expr() {
            RuleExpr::All(rules) => (Joiner::And, rules.as_slice()),
            RuleExpr::Any(rules) => (Joiner::Or, rules.as_slice()),
            single => (Joiner::And, std::slice::from_ref(single)),
        };
        let conditions = rules
            .iter()
            .map(|rule| match rule {
                RuleExpr::Condition(c) => representable(c),
                _ => Err(NotFlat::Nested),
            })
            .collect::<Result<_, _>>()?;
        Ok(Self { joiner, conditions })
    }
}

/// The form row for `condition`, if reading the row back gives the same condition (a quoted
/// number in a custom attribute, or a list value with a comma, does not survive the trip).
fn representable(condition: &Condition) -> Result<ConditionForm, NotFlat> {
    let row = ConditionForm::from(condition);
    if row.condition().as_ref() == Ok(condition) {
        Ok(row)
    } else {
        Err(NotFlat::Value {
            condition: condition.to_string(),
        })
    }
}

impl From<&Condition> for ConditionForm {
    fn from(condition: &Condition) -> Self {
        let row = |attribute: &str, operator: &str, value: String| Self {
            attribute: attribute.to_owned(),
            operator: operator.to_owned(),
            value,
        };
        match condition {
            Condition::Compare {
                attribute,
                op,
                value,
            } => row(attribute.name(), op.as_str(), plain(value)),
            Condition::Between {
                attribute,
                low,
                high,
            } => row(
                attribute.name(),
                "between",
                format!("{} and {}", plain(low), plain(high)),
            ),
            Condition::In { attribute, values } => {
                let values: Vec<_> = values.iter().map(plain).collect();
                row(attribute.name(), "in", values.join(", "))
            }
            Condition::HasTag(tag) => row(TAGS_FIELD, "has", tag.clone()),
            Condition::Holds(code) => row(PRODUCTS_FIELD, "has", code.clone()),
        }
    }
}

impl RuleForm {
    /// The rule the form describes.
    ///
    /// # Errors
    /// [`RuleError::Empty`] without conditions; [`RuleError::InCondition`] naming the first
    /// row that does not type-check; [`RuleError::TooLong`].
    pub fn to_rule(&self) -> Result<SegmentRule, RuleError> {
        let mut rules = Vec::with_capacity(self.conditions.len());
        for (i, row) in self.conditions.iter().enumerate() {
            let condition = row.condition().map_err(|p| RuleError::InCondition {
                condition: i + 1,
                message: p.message,
                hint: p.hint,
            })?;
            rules.push(RuleExpr::Condition(condition));
        }
        let expr = match (rules.len(), self.joiner) {
            (0, _) => return Err(RuleError::Empty),
            (1, _) => rules.remove(0),
            (_, Joiner::And) => RuleExpr::All(rules),
            (_, Joiner::Or) => RuleExpr::Any(rules),
        };
        // Through the one parser, so a form-made rule keeps every invariant a typed one has.
        let rule = SegmentRule::parse(&expr.to_string())?;
        debug_assert_eq!(rule.expr(), &expr);
        Ok(rule)
    }
}

impl ConditionForm {
    fn condition(&self) -> Result<Condition, Problem> {
        let name = self.attribute.trim();
        let operator = self.operator.trim().to_ascii_lowercase();
        let value = self.value.trim();

        if name == TAGS_FIELD || name == PRODUCTS_FIELD {
            if operator != "has" {
                return Err(Problem::new(
                    Message::new("rule-takes-has").with("attribute", name),
                ));
            }
            return if name == TAGS_FIELD {
                value::tag(plain_word(value)).map(Condition::HasTag)
            } else {
                value::product(plain_word(value)).map(Condition::Holds)
            };
        }
        let attribute = match Attribute::from_catalog(name) {
            Some(known) => known,
            None => Attribute::Custom(CustomName::parse(name).map_err(Problem::new)?),
        };
        // Words typed into a form are text unless they read as numbers, dates and so on.
        let typed = |text: &str, ordered| value::typed(&attribute, plain_word(text), ordered);
        match operator.as_str() {
            "between" => {
                value::check_operator(&attribute, "between", true)?;
                let parts: Vec<&str> = value.split_whitespace().collect();
                let [low, and, high] = parts.as_slice() else {
                    return Err(Problem::new(
                        Message::new("rule-between-two-values").with("value", value),
                    )
                    .hint(Message::new("rule-hint-between")));
                };
                if !and.eq_ignore_ascii_case("and") {
                    return Err(Problem::new(
                        Message::new("rule-between-and").with("found", and),
                    ));
                }
                Ok(Condition::Between {
                    low: typed(low, true)?,
                    high: typed(high, true)?,
                    attribute,
                })
            }
            "in" => {
                value::check_operator(&attribute, "in", false)?;
                let values = value
                    .split(',')
                    .map(|v| typed(v.trim(), false))
                    .collect::<Result<Vec<Value>, _>>()?;
                Ok(Condition::In { attribute, values })
            }
            symbol => {
                let op = CompareOp::from_symbol(symbol).ok_or_else(|| {
                    Problem::new(Message::new("rule-unknown-operator").with("symbol", symbol))
                        .hint(Message::new("rule-hint-form-operators"))
                })?;
                value::check_operator(&attribute, op.as_str(), op.is_ordering())?;
                Ok(Condition::Compare {
                    value: typed(value, op.is_ordering())?,
                    attribute,
                    op,
                })
            }
        }
    }
}

fn plain_word(text: &str) -> Literal<'_> {
    Literal {
        text,
        quoted: false,
    }
}
