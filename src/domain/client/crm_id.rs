//! The client's identifier in the bank's CRM.
//!
//! CRM ids travel through URLs, CSV exports and log lines, so the alphabet is kept to characters
//! that need no escaping in any of them (`/` is allowed because some CRMs use branch prefixes
//! such as `MSK/000123`; URL builders must percent-encode it).

use std::fmt;

use serde::{Deserialize, Serialize};

/// A parsed CRM id: trimmed, 1..=64 characters of `[A-Za-z0-9_.\-/]`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CrmId(String);

/// Why a text is not a CRM id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CrmIdError {
    #[error("CRM id is empty")]
    Empty,
    #[error("CRM id is {length} characters long; at most {max} are allowed", max = CrmId::MAX_LEN)]
    TooLong { length: usize },
    #[error(
        "CRM id contains {character:?} at position {position}; only letters A-Z, a-z, digits and _ . - / are allowed"
    )]
    InvalidCharacter { character: char, position: usize },
}

impl From<CrmIdError> for crate::domain::message::Message {
    fn from(e: CrmIdError) -> Self {
        match e {
            CrmIdError::Empty => Self::new("crm-id-empty"),
            CrmIdError::TooLong { length } => Self::new("crm-id-too-long")
                .with("length", length)
                .with("max", CrmId::MAX_LEN),
            CrmIdError::InvalidCharacter {
                character,
                position,
            } => Self::new("crm-id-character")
                .with("character", format!("{character:?}"))
                .with("position", position),
        }
    }
}

impl CrmId {
    pub const MAX_LEN: usize = 64;

    /// Parses a CRM id, ignoring surrounding whitespace (ids are often pasted from e-mails).
    ///
    /// # Errors
    /// [`CrmIdError`] says which rule the text breaks; `position` counts characters from 1
    /// after trimming.
    pub fn parse(raw: &str) -> Result<Self, CrmIdError> {
        let id = raw.trim();
        if id.is_empty() {
            return Err(CrmIdError::Empty);
        }
        if let Some((index, character)) = id.chars().enumerate().find(|(_, c)| !is_allowed(*c)) {
            return Err(CrmIdError::InvalidCharacter {
                character,
                position: index + 1,
            });
        }
        // Every allowed character is ASCII, so the byte length is the character count.
        if id.len() > Self::MAX_LEN {
            return Err(CrmIdError::TooLong { length: id.len() });
        }
        Ok(Self(id.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn is_allowed(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-' | '/')
}

impl fmt::Display for CrmId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for CrmId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::str::FromStr for CrmId {
    type Err = CrmIdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for CrmId {
    type Error = CrmIdError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<CrmId> for String {
    fn from(id: CrmId) -> Self {
        id.0
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn surrounding_whitespace_is_trimmed() {
        assert_eq!(
            CrmId::parse("  CRM-0000001\t").unwrap().as_str(),
            "CRM-0000001"
        );
    }

    #[test]
    fn empty_and_blank_ids_are_rejected() {
        assert_eq!(CrmId::parse(""), Err(CrmIdError::Empty));
        assert_eq!(CrmId::parse(" \n "), Err(CrmIdError::Empty));
    }

    #[test]
    fn sixty_four_characters_are_allowed_and_sixty_five_are_not() {
        assert!(CrmId::parse(&"a".repeat(64)).is_ok());
        assert_eq!(
            CrmId::parse(&"a".repeat(65)),
            Err(CrmIdError::TooLong { length: 65 })
        );
    }

    #[test]
    fn forbidden_characters_are_named_with_their_position() {
        assert_eq!(
            CrmId::parse("CRM 1"),
            Err(CrmIdError::InvalidCharacter {
                character: ' ',
                position: 4
            })
        );
        assert_eq!(
            CrmId::parse("клиент"),
            Err(CrmIdError::InvalidCharacter {
                character: 'к',
                position: 1
            })
        );
        let message = CrmId::parse("a;b").unwrap_err().to_string();
        assert!(
            message.contains("';'") && message.contains("position 2"),
            "{message}"
        );
    }

    #[test]
    fn a_long_id_with_a_bad_character_reports_the_character() {
        // The character is the more useful message: fixing it may be all that's needed.
        let raw = format!("{}ё", "a".repeat(70));
        assert!(matches!(
            CrmId::parse(&raw),
            Err(CrmIdError::InvalidCharacter { .. })
        ));
    }

    #[test]
    fn serde_goes_through_parse() {
        let id: CrmId = serde_json::from_str("\" MSK/000123 \"").unwrap();
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"MSK/000123\"");
        assert!(serde_json::from_str::<CrmId>("\"a b\"").is_err());
    }

    proptest! {
        #[test]
        fn every_id_of_the_allowed_alphabet_parses_to_itself(raw in "[A-Za-z0-9_./-]{1,64}") {
            let id = CrmId::parse(&raw).unwrap();
            prop_assert_eq!(id.as_str(), raw.as_str());
        }

        #[test]
        fn parsing_never_panics_and_accepted_ids_are_canonical(raw in "\\PC{0,80}") {
            if let Ok(id) = CrmId::parse(&raw) {
                let again = CrmId::parse(id.as_str());
                prop_assert_eq!(again, Ok(id.clone()));
                prop_assert!(id.as_str().len() <= CrmId::MAX_LEN);
            }
        }
    }
}
