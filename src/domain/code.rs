//! Codes of catalog records (products, segments): short, stable, typed by people.

use std::fmt;

/// A code such as `DEP_PLUS` or `URBAN_MALE_35`: 2 to 32 capital letters, digits or `_`.
/// Parsing trims the text and capitalises it, so `dep_plus ` is `DEP_PLUS`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Code(String);

/// Why a text is not a code (the message says what is expected).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("use 2 to 32 capital letters, digits or '_', e.g. {example}")]
pub struct CodeError {
    pub example: &'static str,
}

impl From<CodeError> for crate::domain::message::Message {
    fn from(e: CodeError) -> Self {
        Self::new("code-malformed").with("example", e.example)
    }
}

impl Code {
    /// # Errors
    /// [`CodeError`], whose message uses `example` to show a good code.
    pub fn parse(text: &str, example: &'static str) -> Result<Self, CodeError> {
        let code = text.trim().to_uppercase();
        let well_formed = (2..=32).contains(&code.len())
            && code
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
        if well_formed {
            Ok(Self(code))
        } else {
            Err(CodeError { example })
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_trimmed_and_capitalised() {
        assert_eq!(Code::parse(" dep_plus ", "X").unwrap().as_str(), "DEP_PLUS");
        assert_eq!(Code::parse("A1", "X").unwrap().as_str(), "A1");
    }

    #[test]
    fn malformed_codes_are_refused_with_an_example() {
        for bad in ["", "A", "DEP-PLUS", "ДЕПОЗИТ", "A B", &"X".repeat(33)] {
            let error = Code::parse(bad, "DEP_PLUS").unwrap_err();
            assert!(error.to_string().ends_with("e.g. DEP_PLUS"), "{bad}");
        }
    }
}
