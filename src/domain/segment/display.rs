//! The canonical text of rules: lower-case keywords, text quoted, parentheses only where the
//! tree needs them. Parsing the printed text gives the same rule back.

use std::fmt;

use super::{Condition, RuleExpr, SegmentRule, Value};

impl fmt::Display for SegmentRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl fmt::Display for RuleExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Condition(c) => c.fmt(f),
            Self::Not(inner) => {
                f.write_str("not ")?;
                // `not` binds tighter than `and` and `or`, so those need parentheses under it.
                let wrap = matches!(**inner, Self::All(_) | Self::Any(_));
                child(f, inner, wrap)
            }
            Self::All(rules) => joined(f, rules, " and ", |r| {
                matches!(r, Self::All(_) | Self::Any(_))
            }),
            // An `and` under an `or` needs none; an `or` under an `or` keeps the author's grouping.
            Self::Any(rules) => joined(f, rules, " or ", |r| matches!(r, Self::Any(_))),
        }
    }
}

fn joined(
    f: &mut fmt::Formatter<'_>,
    rules: &[RuleExpr],
    separator: &str,
    wrap: impl Fn(&RuleExpr) -> bool,
) -> fmt::Result {
    for (i, rule) in rules.iter().enumerate() {
        if i > 0 {
            f.write_str(separator)?;
        }
        child(f, rule, wrap(rule))?;
    }
    Ok(())
}

fn child(f: &mut fmt::Formatter<'_>, rule: &RuleExpr, wrap: bool) -> fmt::Result {
    if wrap {
        write!(f, "({rule})")
    } else {
        write!(f, "{rule}")
    }
}

impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Compare {
                attribute,
                op,
                value: v,
            } => {
                write!(f, "{attribute} {} {}", op.as_str(), value(v))
            }
            Self::Between {
                attribute,
                low,
                high,
            } => {
                write!(f, "{attribute} between {} and {}", value(low), value(high))
            }
            Self::In { attribute, values } => {
                let values: Vec<_> = values.iter().map(value).collect();
                write!(f, "{attribute} in [{}]", values.join(", "))
            }
            Self::HasTag(tag) => write!(f, "has tag {}", quoted(tag)),
            Self::Holds(code) => write!(f, "holds {}", quoted(code)),
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&value(self))
    }
}

/// A value as rule text.
pub(super) fn value(value: &Value) -> String {
    match value {
        Value::Text(text) => quoted(text),
        other => plain(other),
    }
}

/// A value as a person would type it into a form: text unquoted.
pub(super) fn plain(value: &Value) -> String {
    match value {
        Value::Number(n) => n.to_string(),
        Value::Text(text) => text.clone(),
        Value::Flag(flag) => flag.to_string(),
        Value::Date(date) => date.format("%Y-%m-%d").to_string(),
        Value::Gender(v) => v.as_str().to_owned(),
        Value::Employment(v) => v.as_str().to_owned(),
        Value::MaritalStatus(v) => v.as_str().to_owned(),
        Value::DigitalAffinity(v) => v.as_str().to_owned(),
    }
}

fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}
