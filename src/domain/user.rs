//! Staff users and their roles.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use super::message::Message;

/// What a member of staff does at the bank; every route names the roles it admits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Advisor,
    ProductManager,
    Finance,
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::Advisor,
        Role::ProductManager,
        Role::Finance,
        Role::Admin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Advisor => "advisor",
            Role::ProductManager => "product_manager",
            Role::Finance => "finance",
            Role::Admin => "admin",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Advisor => "Advisor",
            Role::ProductManager => "Product manager",
            Role::Finance => "Finance",
            Role::Admin => "Administrator",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("unknown role '{0}': expected one of advisor, product_manager, finance, admin")]
pub struct UnknownRole(pub String);

impl UnknownRole {
    /// What the person who chose the role reads.
    pub fn message(&self) -> Message {
        Message::new("user-role-unknown")
    }
}

impl FromStr for Role {
    type Err = UnknownRole;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|role| role.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| UnknownRole(s.to_string()))
    }
}

/// A sign-in name: 3–64 characters of lower-case letters, digits, `.`, `_` and `-`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Username(String);

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum UsernameError {
    #[error("username must be 3 to 64 characters long")]
    Length,
    #[error("username may contain only lower-case letters, digits, '.', '_' and '-'")]
    Characters,
}

impl UsernameError {
    /// What the person who typed the name reads.
    pub fn message(&self) -> Message {
        Message::new(match self {
            Self::Length => "user-name-length",
            Self::Characters => "user-name-characters",
        })
    }
}

impl Username {
    /// # Errors
    /// When the name is too short, too long or has characters outside the allowed set.
    pub fn parse(raw: &str) -> Result<Self, UsernameError> {
        let name = raw.trim().to_lowercase();
        if !(3..=64).contains(&name.chars().count()) {
            return Err(UsernameError::Length);
        }
        if !name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'))
        {
            return Err(UsernameError::Characters);
        }
        Ok(Self(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A new password, checked against the bank's minimum policy before it is hashed.
pub struct NewPassword(String);

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PasswordError {
    #[error("password must be at least {0} characters long")]
    TooShort(usize),
    #[error("password must be at most 256 characters long")]
    TooLong,
}

impl PasswordError {
    /// What the person who typed the password reads.
    pub fn message(&self) -> Message {
        match self {
            Self::TooShort(min) => Message::new("account-too-short").with("min", *min),
            Self::TooLong => Message::new("account-too-long"),
        }
    }
}

impl NewPassword {
    pub const MIN_LENGTH: usize = 10;

    /// # Errors
    /// When the password is shorter than [`Self::MIN_LENGTH`] or absurdly long.
    pub fn parse(raw: &str) -> Result<Self, PasswordError> {
        let length = raw.chars().count();
        if length < Self::MIN_LENGTH {
            return Err(PasswordError::TooShort(Self::MIN_LENGTH));
        }
        if length > 256 {
            return Err(PasswordError::TooLong);
        }
        Ok(Self(raw.to_string()))
    }

    /// The demo users' password is deliberately weak and documented as demo-only.
    /// A password Kombi made up itself (a one-time password), long and random by construction.
    pub fn generated(text: String) -> Self {
        Self(text)
    }

    pub fn demo() -> Self {
        Self("demo".to_string())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_parse_from_their_names_in_any_case() {
        for role in Role::ALL {
            assert_eq!(role.as_str().to_uppercase().parse::<Role>(), Ok(role));
        }
        assert!("teller".parse::<Role>().is_err());
    }

    #[test]
    fn usernames_are_normalised_and_checked() {
        assert_eq!(Username::parse("  Advisor ").unwrap().as_str(), "advisor");
        assert_eq!(Username::parse("ab"), Err(UsernameError::Length));
        assert_eq!(
            Username::parse("anna smith"),
            Err(UsernameError::Characters)
        );
    }

    #[test]
    fn short_passwords_are_refused() {
        assert!(matches!(
            NewPassword::parse("short"),
            Err(PasswordError::TooShort(10))
        ));
        assert!(NewPassword::parse("a-long-enough-passphrase").is_ok());
    }
}
