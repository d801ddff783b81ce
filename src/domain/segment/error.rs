//! Why a rule text (or a rule form) is not a rule.

use super::MAX_RULE_CHARS;

/// Why a rule was refused. Messages are for the person who wrote the rule: they say where
/// (a column, counted in characters from 1, or a form row) and what was expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RuleError {
    #[error("the rule is empty")]
    Empty,
    #[error("the rule is {length} characters long; at most {MAX_RULE_CHARS} are allowed")]
    TooLong { length: usize },
    /// A problem at a column of the rule text.
    #[error("{message} at column {column}{}", suffix(.hint.as_deref()))]
    At {
        column: usize,
        message: String,
        hint: Option<String>,
    },
    /// A problem in one condition (numbered from 1) of a [`super::RuleForm`].
    #[error("condition {condition}: {message}{}", suffix(.hint.as_deref()))]
    InCondition {
        condition: usize,
        message: String,
        hint: Option<String>,
    },
}

fn suffix(hint: Option<&str>) -> String {
    hint.map(|h| format!(": {h}")).unwrap_or_default()
}

impl RuleError {
    pub(super) fn at(column: usize, message: impl Into<String>) -> Self {
        Self::At {
            column,
            message: message.into(),
            hint: None,
        }
    }

    pub(super) fn with_hint(mut self, text: impl Into<String>) -> Self {
        if let Self::At { hint, .. } | Self::InCondition { hint, .. } = &mut self {
            *hint = Some(text.into());
        }
        self
    }

    /// The column the problem was found at, for errors in rule text.
    #[must_use]
    pub fn column(&self) -> Option<usize> {
        match self {
            Self::At { column, .. } => Some(*column),
            _ => None,
        }
    }
}
