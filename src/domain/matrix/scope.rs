//! Where a cell applies: every sales point, a group of points, or one point.

/// The reach of a matrix cell, from the broadest to the narrowest.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    /// Every sales point of the bank.
    AllPoints,
    /// Every point of a named group: an office format (`format:kko`) or a region
    /// (`region:siberia`), as the bank names them.
    Group(String),
    /// One sales point, by its code (`MSK-HO`).
    Point(String),
}

impl Scope {
    /// Higher wins: a point's own cell over its groups' over the bank-wide one.
    pub const fn specificity(&self) -> u8 {
        match self {
            Self::AllPoints => 0,
            Self::Group(_) => 1,
            Self::Point(_) => 2,
        }
    }

    /// Whether a cell of this scope applies at `place`.
    pub fn applies_to(&self, place: &PointPlace) -> bool {
        match self {
            Self::AllPoints => true,
            Self::Group(group) => place.groups.iter().any(|g| g == group),
            Self::Point(code) => *code == place.code,
        }
    }
}

impl Scope {
    /// How a scope is stored: a kind (`all`, `group`, `point`) and a key (empty for `all`).
    pub fn stored(&self) -> (&'static str, &str) {
        match self {
            Self::AllPoints => ("all", ""),
            Self::Group(name) => ("group", name),
            Self::Point(code) => ("point", code),
        }
    }

    /// The scope as forms, links and the API write it: `all`, `group:NAME`, `point:CODE`.
    pub fn key(&self) -> String {
        match self.stored() {
            ("all", _) => "all".to_owned(),
            (kind, key) => format!("{kind}:{key}"),
        }
    }

    /// Reads [`Scope::key`]'s form back; `None` for anything else.
    pub fn from_key(text: &str) -> Option<Self> {
        match text.split_once(':') {
            None if text == "all" => Some(Self::AllPoints),
            Some((kind, key)) if kind != "all" && !key.is_empty() => Self::from_stored(kind, key),
            _ => None,
        }
    }

    /// A scope read back from its stored kind and key; `None` for an unknown kind.
    pub fn from_stored(kind: &str, key: &str) -> Option<Self> {
        match kind {
            "all" => Some(Self::AllPoints),
            "group" => Some(Self::Group(key.to_owned())),
            "point" => Some(Self::Point(key.to_owned())),
            _ => None,
        }
    }
}

/// A sales point as the matrix sees it: its code, the groups it belongs to, and the product
/// kinds it can open (a product of another kind is not offered there, whatever the cells say).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PointPlace {
    pub code: String,
    pub groups: Vec<String>,
    pub opens: crate::domain::setup::OpenableKinds,
}
