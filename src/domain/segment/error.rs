//! Why a rule text (or a rule form) is not a rule.

use super::MAX_RULE_CHARS;
use crate::domain::message::Message;

/// Why a rule was refused. Messages are for the person who wrote the rule: they say where
/// (a column, counted in characters from 1, or a form row) and what was expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RuleError {
    #[error("the rule is empty")]
    Empty,
    #[error("the rule is {length} characters long; at most {MAX_RULE_CHARS} are allowed")]
    TooLong { length: usize },
    /// A problem at a column of the rule text.
    #[error("{message} at column {column}{}", suffix(.hint.as_ref()))]
    At {
        column: usize,
        message: Message,
        hint: Option<Message>,
    },
    /// A problem in one condition (numbered from 1) of a [`super::RuleForm`].
    #[error("condition {condition}: {message}{}", suffix(.hint.as_ref()))]
    InCondition {
        condition: usize,
        message: Message,
        hint: Option<Message>,
    },
}

fn suffix(hint: Option<&Message>) -> String {
    hint.map(|h| format!(": {h}")).unwrap_or_default()
}

impl RuleError {
    pub(super) fn at(column: usize, message: Message) -> Self {
        Self::At {
            column,
            message,
            hint: None,
        }
    }

    pub(super) fn with_hint(mut self, text: Message) -> Self {
        if let Self::At { hint, .. } | Self::InCondition { hint, .. } = &mut self {
            *hint = Some(text);
        }
        self
    }

    /// The message for the reader: the frame (`rule-at-column`, `rule-in-condition`) whose
    /// `detail` and `hint` are themselves messages, translated by the caller.
    #[must_use]
    pub fn parts(&self) -> (Message, Option<&Message>, Option<&Message>) {
        match self {
            Self::Empty => (Message::new("rule-empty"), None, None),
            Self::TooLong { length } => (
                Message::new("rule-too-long")
                    .with("length", length)
                    .with("max", MAX_RULE_CHARS),
                None,
                None,
            ),
            Self::At {
                column,
                message,
                hint,
            } => (
                Message::new("rule-at-column").with("column", column),
                Some(message),
                hint.as_ref(),
            ),
            Self::InCondition {
                condition,
                message,
                hint,
            } => (
                Message::new("rule-in-condition").with("condition", condition),
                Some(message),
                hint.as_ref(),
            ),
        }
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
