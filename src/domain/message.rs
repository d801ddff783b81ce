//! Messages for people, as data: a key into the translation catalogs (`locales/`) and named
//! arguments. The domain says *what* is wrong; how it reads, in English or Russian, is the
//! catalogs' business (`crate::i18n`), so a message is translated without touching the rule
//! that raised it.

use serde::{Serialize, Serializer};

/// A message key and its arguments, e.g. `field-not-negative` with `value = -5`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub key: &'static str,
    pub args: Vec<(&'static str, String)>,
}

impl Message {
    pub fn new(key: &'static str) -> Self {
        Self {
            key,
            args: Vec::new(),
        }
    }

    /// Adds the argument `name`, already written as text (numbers are formatted by the caller,
    /// exactly: the catalogs never reformat a decimal).
    #[must_use]
    pub fn with(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, value.to_string()));
        self
    }

    /// Places `inner` as the argument `name` (which ends in `_key`): its key, translated with
    /// its arguments, which join this message's. The two messages' argument names must differ
    /// (checked in debug builds), or one would read the other's value.
    #[must_use]
    pub fn nest(mut self, name: &'static str, inner: &Message) -> Self {
        debug_assert!(name.ends_with("_key"), "a nested message is passed by key");
        debug_assert!(
            inner
                .args
                .iter()
                .all(|(n, _)| self.arg(n).is_none() && *n != name),
            "{} nested in {} shares an argument name",
            inner.key,
            self.key
        );
        self.args.push((name, inner.key.to_string()));
        self.args.extend(inner.args.iter().cloned());
        self
    }

    pub fn arg(&self, name: &str) -> Option<&str> {
        self.args
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// In JSON (the API, evaluation reports) a message is its English text.
impl Serialize for Message {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[should_panic(expected = "shares an argument name")]
    #[cfg(debug_assertions)]
    fn a_nested_message_may_not_reuse_an_argument_name() {
        let inner = Message::new("choice-unknown").with("field", "gender");
        let _ = Message::new("import-field-problem")
            .with("field", "gender")
            .nest("detail_key", &inner);
    }

    #[test]
    fn arguments_are_kept_by_name() {
        let message = Message::new("field-not-negative").with("value", -5);
        assert_eq!(message.arg("value"), Some("-5"));
        assert_eq!(message.arg("other"), None);
    }
}
