//! Segment rules: which CRM clients belong to a segment, written as one line of text.
//!
//! ```text
//! age >= 35 and gender = male and employment = employed and city_population >= 1000000
//! ```
//!
//! # The language
//!
//! ```text
//! rule       := or
//! or         := and ("or" and)*
//! and        := not ("and" not)*
//! not        := "not" not | "(" or ")" | condition
//! condition  := attribute ("=" | "!=" | "<" | "<=" | ">" | ">=") value
//!             | attribute "between" value "and" value          (inclusive)
//!             | attribute "in" "[" value ("," value)* "]"
//!             | "has" "tag" value                              (lifestyle tags)
//!             | "holds" value                                  (products held)
//! value      := number | date | true | false | word | "double-quoted text"
//! ```
//!
//! - Precedence: `not` binds tighter than `and`, which binds tighter than `or`. Keywords and
//!   catalog attribute names are case-insensitive.
//! - Numbers are exact decimals (`-12.50`), never floats; dates are `YYYY-MM-DD`; words are
//!   enum values (`male`, `self_employed`) or text; quoted text allows `\"` and `\\`.
//! - Attributes come from a fixed catalog ([`Attribute`]) with a type each, checked while
//!   parsing: `gender >= 3`, `gender = motorbike` and `age = male` are refused with the column.
//!   Any other name (`[A-Za-z0-9_.-]`) is a CRM custom attribute, see [`Attribute::Custom`].
//!   Names that are keywords (`and`, `in`, `has` …) or catalog names are not custom attributes.
//!
//! # Design decisions
//! - Parse, don't validate: a [`SegmentRule`] exists only after [`SegmentRule::parse`] (or
//!   [`RuleForm::to_rule`]), so every rule that is evaluated or translated to SQL type-checks.
//! - The tree keeps the shape the author wrote: `a and (b and c)` stays nested. Printing adds
//!   parentheses exactly where that shape needs them, so print-then-parse gives the same rule.
//! - Evaluation is three-valued like SQL (see [`Truth`]): a condition on an attribute the CRM
//!   does not have is Unknown, never guessed; only True matches. The SQL translation in
//!   `persistence::segment_sql` follows the same rules, so both count the same clients.
//! - Abuse limits: [`MAX_RULE_CHARS`] characters and [`MAX_DEPTH`] levels of `not` and
//!   parentheses, so the recursive parser and evaluator cannot be driven into a stack overflow.

mod attribute;
mod display;
mod draft;
mod error;
mod eval;
mod form;
mod lexer;
mod op;
mod parser;
pub mod phrase;
mod ranking;
mod sizes;
mod value;

#[cfg(test)]
pub(crate) mod tests;

pub use attribute::{Attribute, AttributeKind, CustomName};
pub use draft::{MAX_DESCRIPTION_CHARS, MAX_NAME_CHARS, SegmentDraft, SegmentInput};
pub use error::RuleError;
pub use eval::{Literal, Match, NearMiss, Truth};
pub use form::{ConditionForm, Joiner, NotFlat, PRODUCTS_FIELD, RuleForm, TAGS_FIELD};
pub use op::CompareOp;
pub use ranking::{RankedSegment, SegmentMatch, SegmentNearMiss, rank};
pub use sizes::{SEGMENTS_PER_MASK, SegmentSizes, mask_words};
pub use value::Value;

/// Whether a custom attribute's stored text compares as a number in rules (a plain decimal of
/// at most [`CustomName::MAX_NUMBER_DIGITS`] digits); otherwise it is text.
pub fn custom_value_is_number(text: &str) -> bool {
    value::custom_number(text).is_some()
}

/// Longest rule text accepted, in characters.
pub const MAX_RULE_CHARS: usize = 4_000;
/// Deepest nesting of `not` and parentheses accepted.
pub const MAX_DEPTH: usize = 32;

/// A parsed, type-checked segment rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegmentRule(RuleExpr);

/// The rule's tree. `All` and `Any` always hold at least two rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleExpr {
    Condition(Condition),
    Not(Box<RuleExpr>),
    /// Every rule must hold (`and`).
    All(Vec<RuleExpr>),
    /// At least one rule must hold (`or`).
    Any(Vec<RuleExpr>),
}

/// One leaf of a rule: a test of one attribute of the client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Condition {
    Compare {
        attribute: Attribute,
        op: CompareOp,
        value: Value,
    },
    /// `low <= attribute <= high`.
    Between {
        attribute: Attribute,
        low: Value,
        high: Value,
    },
    /// The attribute equals one of `values` (never empty).
    In {
        attribute: Attribute,
        values: Vec<Value>,
    },
    /// The client has this lifestyle tag (lower-case, as the client record keeps tags).
    HasTag(String),
    /// The client holds this product (an upper-case catalog code).
    Holds(String),
}

impl SegmentRule {
    /// Parses and type-checks a rule.
    ///
    /// # Errors
    /// [`RuleError`] with the column (characters from 1) and what was expected there; the
    /// first problem only, as a compiler would.
    pub fn parse(text: &str) -> Result<Self, RuleError> {
        parser::parse(text).map(Self)
    }

    /// The rule's tree, for translations such as SQL.
    #[must_use]
    pub fn expr(&self) -> &RuleExpr {
        &self.0
    }

    /// The rule as a segment with this sales-point scope applies it: `None` leaves it as it
    /// is; a code adds `and home_sales_point = "CODE"`, so that a scoped segment's size counts
    /// only that point's clients, as [`rank`] offers it only to them.
    #[must_use]
    pub fn scoped_to(&self, sales_point: Option<&str>) -> Self {
        match sales_point {
            None => self.clone(),
            Some(code) => {
                let scope = RuleExpr::Condition(Condition::Compare {
                    attribute: Attribute::HomeSalesPoint,
                    op: CompareOp::Eq,
                    value: Value::Text(code.to_ascii_uppercase()),
                });
                Self(RuleExpr::All(vec![self.0.clone(), scope]))
            }
        }
    }

    /// Every condition of the rule, left to right.
    #[must_use]
    pub fn conditions(&self) -> Vec<&Condition> {
        let mut found = Vec::new();
        self.0.collect_conditions(&mut found);
        found
    }
}

impl RuleExpr {
    fn collect_conditions<'a>(&'a self, found: &mut Vec<&'a Condition>) {
        match self {
            Self::Condition(c) => found.push(c),
            Self::Not(inner) => inner.collect_conditions(found),
            Self::All(rules) | Self::Any(rules) => {
                for rule in rules {
                    rule.collect_conditions(found);
                }
            }
        }
    }
}

impl std::str::FromStr for SegmentRule {
    type Err = RuleError;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}

/// Serialised as its canonical text; deserialising parses (and so type-checks) it.
impl serde::Serialize for SegmentRule {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for SegmentRule {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}
