//! The audit trail: who changed or looked at what, when, from where, with the values before
//! and after. An entry is written in the same transaction as the change it describes, and
//! never changed afterwards (the store refuses: see `persistence::audit`).
//!
//! Values are kept as named texts ([`Fields`]), so that any object (a product, a segment, a
//! matrix cell, a user) can be compared field by field and shown in words, and a figure keeps
//! its exact decimal text.

use std::collections::BTreeMap;
use std::fmt::Display;

use chrono::NaiveDate;

use crate::domain::message::Message;
use crate::domain::validation::FieldError;

pub mod of;

/// Who acted: a signed-in user, the operating-system user of a CLI command, or somebody who
/// only claimed a user name (a failed sign-in).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Actor {
    User { id: i32, username: String },
    OperatingSystem { name: String },
    Claimed { username: String },
}

impl Actor {
    /// How the actor is stored and filtered on: `user`, `os`, `claimed`.
    pub const fn kind(&self) -> &'static str {
        match self {
            Actor::User { .. } => "user",
            Actor::OperatingSystem { .. } => "os",
            Actor::Claimed { .. } => "claimed",
        }
    }

    pub fn name(&self) -> &str {
        match self {
            Actor::User { username, .. } | Actor::Claimed { username } => username,
            Actor::OperatingSystem { name } => name,
        }
    }

    pub const fn user_id(&self) -> Option<i32> {
        match self {
            Actor::User { id, .. } => Some(*id),
            _ => None,
        }
    }
}

macro_rules! codes {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $code:literal,)* }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name { $($variant,)* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The stored code, also the end of its message key.
            pub const fn code(self) -> &'static str {
                match self { $($name::$variant => $code,)* }
            }

            pub fn parse(code: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|c| c.code() == code)
            }
        }
    };
}

codes! {
    /// What happened.
    Action {
        Created = "created",
        Changed = "changed",
        Deactivated = "deactivated",
        Published = "published",
        Withdrawn = "withdrawn",
        SignedIn = "signed-in",
        SignInRefused = "refused-sign-in",
        SignedOut = "signed-out",
        Ended = "ended",
        Viewed = "viewed",
        Recorded = "recorded",
        Confirmed = "confirmed",
        Imported = "imported",
        Submitted = "submitted",
        Recalled = "recalled",
        Approved = "approved",
        Rejected = "rejected",
        Deleted = "deleted",
        Reactivated = "reactivated",
    }
}

codes! {
    /// What it happened to.
    Subject {
        Product = "product",
        Segment = "segment",
        Matrix = "matrix",
        User = "user",
        Token = "token",
        Offer = "offer",
        Client = "client",
        Import = "import",
        Session = "session",
        Settings = "settings",
        Rate = "rate",
        Bank = "bank",
        Company = "company",
        SalesPoint = "point",
    }
}

impl Action {
    pub const fn message_key(self) -> &'static str {
        match self {
            Action::Created => "audit-action-created",
            Action::Changed => "audit-action-changed",
            Action::Deactivated => "audit-action-deactivated",
            Action::Published => "audit-action-published",
            Action::Withdrawn => "audit-action-withdrawn",
            Action::SignedIn => "audit-action-signed-in",
            Action::SignInRefused => "audit-action-refused-sign-in",
            Action::SignedOut => "audit-action-signed-out",
            Action::Ended => "audit-action-ended",
            Action::Viewed => "audit-action-viewed",
            Action::Recorded => "audit-action-recorded",
            Action::Confirmed => "audit-action-confirmed",
            Action::Imported => "audit-action-imported",
            Action::Submitted => "audit-action-submitted",
            Action::Recalled => "audit-action-recalled",
            Action::Approved => "audit-action-approved",
            Action::Rejected => "audit-action-rejected",
            Action::Deleted => "audit-action-deleted",
            Action::Reactivated => "audit-action-reactivated",
        }
    }
}

impl Subject {
    pub const fn message_key(self) -> &'static str {
        match self {
            Subject::Product => "audit-subject-product",
            Subject::Segment => "audit-subject-segment",
            Subject::Matrix => "audit-subject-matrix",
            Subject::User => "audit-subject-user",
            Subject::Token => "audit-subject-token",
            Subject::Offer => "audit-subject-offer",
            Subject::Client => "audit-subject-client",
            Subject::Import => "audit-subject-import",
            Subject::Session => "audit-subject-session",
            Subject::Settings => "audit-subject-settings",
            Subject::Rate => "audit-subject-rate",
            Subject::Bank => "audit-subject-bank",
            Subject::Company => "audit-subject-company",
            Subject::SalesPoint => "audit-subject-point",
        }
    }
}

/// An object's values by name, in a stable order; exact texts (a figure keeps its decimals).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fields(pub BTreeMap<String, String>);

impl Fields {
    pub fn new() -> Self {
        Self::default()
    }

    #[must_use]
    pub fn with(mut self, name: impl Into<String>, value: impl Display) -> Self {
        self.0.insert(name.into(), value.to_string());
        self
    }

    /// Adds `value` under `name` unless it is `None`.
    #[must_use]
    pub fn with_optional(self, name: impl Into<String>, value: Option<impl Display>) -> Self {
        match value {
            Some(value) => self.with(name, value),
            None => self,
        }
    }

    /// A serialized value's fields, nested names joined with dots (`address.city`), lists
    /// joined with `|`, `null`s left out.
    pub fn from_json(value: &serde_json::Value) -> Self {
        fn walk(prefix: &str, value: &serde_json::Value, out: &mut BTreeMap<String, String>) {
            use serde_json::Value;
            let text = match value {
                Value::Null => return,
                Value::Object(map) => {
                    for (name, inner) in map {
                        let path = if prefix.is_empty() {
                            name.clone()
                        } else {
                            format!("{prefix}.{name}")
                        };
                        walk(&path, inner, out);
                    }
                    return;
                }
                Value::Array(items) => items
                    .iter()
                    .map(|item| match item {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    })
                    .collect::<Vec<_>>()
                    .join("|"),
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            out.insert(prefix.to_owned(), text);
        }
        let mut fields = BTreeMap::new();
        walk("", value, &mut fields);
        Self(fields)
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// One field's change between two versions of an object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldChange {
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// The fields whose values differ (added, removed or changed), by name.
pub fn changes(before: Option<&Fields>, after: Option<&Fields>) -> Vec<FieldChange> {
    let empty = Fields::new();
    let (before, after) = (before.unwrap_or(&empty), after.unwrap_or(&empty));
    let mut names: Vec<&String> = before.0.keys().chain(after.0.keys()).collect();
    names.sort();
    names.dedup();
    names
        .into_iter()
        .filter_map(|name| {
            let (b, a) = (before.0.get(name), after.0.get(name));
            (b != a).then(|| FieldChange {
                field: name.clone(),
                before: b.cloned(),
                after: a.cloned(),
            })
        })
        .collect()
}

/// One entry, as written: the time and the entry's number are the store's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub actor: Actor,
    /// Where from: the client's network address, or `cli@host` for a command.
    pub origin: String,
    pub action: Action,
    pub subject: Subject,
    /// The object's identity in words a person searches for: a product or segment code, a
    /// CRM id, `SEGMENT v3` for a matrix version, a user name, an offer's number.
    pub object: String,
    pub before: Option<Fields>,
    pub after: Option<Fields>,
}

impl Entry {
    pub fn new(
        actor: Actor,
        origin: impl Into<String>,
        action: Action,
        subject: Subject,
        object: impl Into<String>,
    ) -> Self {
        Self {
            actor,
            origin: origin.into(),
            action,
            subject,
            object: object.into(),
            before: None,
            after: None,
        }
    }

    #[must_use]
    pub fn before(mut self, fields: Fields) -> Self {
        self.before = Some(fields);
        self
    }

    #[must_use]
    pub fn after(mut self, fields: Fields) -> Self {
        self.after = Some(fields);
        self
    }

    /// Whether anything changed: an edit that saved the same values is not worth an entry.
    pub fn changes_something(&self) -> bool {
        !matches!(self.action, Action::Changed)
            || !changes(self.before.as_ref(), self.after.as_ref()).is_empty()
    }
}

/// Who acts and from where, for the entries of one request or command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Author {
    pub actor: Actor,
    pub origin: String,
}

impl Author {
    pub fn entry(&self, action: Action, subject: Subject, object: impl Into<String>) -> Entry {
        Entry::new(
            self.actor.clone(),
            self.origin.clone(),
            action,
            subject,
            object,
        )
    }
}

/// What the audit page asks for: every part optional; dates inclusive.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// A user name (exact, any case).
    pub actor: Option<String>,
    pub action: Option<Action>,
    pub subject: Option<Subject>,
    /// An object's identity, exact (`CRM-0000419`, `DEP_PLUS`).
    pub object: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// The audit page's form, as typed.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct FilterForm {
    pub actor: String,
    pub action: String,
    pub subject: String,
    pub object: String,
    pub from: String,
    pub to: String,
}

impl FilterForm {
    /// # Errors
    /// Each field that does not read, named.
    pub fn parse(&self) -> Result<Filter, Vec<FieldError>> {
        let mut errors = Vec::new();
        let text = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        let mut code = |field: &'static str, value: &str, known: fn(&str) -> bool| {
            let value = value.trim();
            if !value.is_empty() && !known(value) {
                errors.push(FieldError::new(
                    field,
                    Message::new("audit-unknown-code").with("value", value),
                ));
            }
        };
        code("action", &self.action, |c| Action::parse(c).is_some());
        code("subject", &self.subject, |c| Subject::parse(c).is_some());
        let mut date = |field: &'static str, value: &str| {
            let value = value.trim();
            if value.is_empty() {
                return None;
            }
            let parsed = NaiveDate::parse_from_str(value, "%Y-%m-%d").ok();
            if parsed.is_none() {
                errors.push(FieldError::new(
                    field,
                    Message::new("date-malformed").with("text", value),
                ));
            }
            parsed
        };
        let from = date("from", &self.from);
        let to = date("to", &self.to);
        if let (Some(from), Some(to)) = (from, to)
            && from > to
        {
            errors.push(FieldError::new("to", Message::new("audit-period-reversed")));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Filter {
            actor: text(&self.actor),
            action: Action::parse(self.action.trim()),
            subject: Subject::parse(self.subject.trim()),
            object: text(&self.object),
            from,
            to,
        })
    }
}

#[cfg(test)]
mod tests;
