//! Evaluating a rule against one client, with the explanation an advisor sees.

use std::cmp::Ordering;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::value::custom_number;
use super::{Attribute, CompareOp, Condition, RuleExpr, SegmentRule, Value};
use crate::domain::client::Client;

/// SQL's three-valued logic (Kleene): a test of an attribute the client record does not have is
/// `Unknown`; `not Unknown` is `Unknown`; `False and Unknown` is `False`, `True or Unknown` is
/// `True`. A client matches only when the rule is `True`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Truth {
    True,
    False,
    Unknown,
}

impl Truth {
    fn of(holds: bool) -> Self {
        if holds { Self::True } else { Self::False }
    }

    #[must_use]
    pub fn and(self, other: Self) -> Self {
        match (self, other) {
            (Self::False, _) | (_, Self::False) => Self::False,
            (Self::True, Self::True) => Self::True,
            _ => Self::Unknown,
        }
    }

    #[must_use]
    pub fn or(self, other: Self) -> Self {
        !(!self).and(!other)
    }
}

impl std::ops::Not for Truth {
    type Output = Self;
    fn not(self) -> Self {
        match self {
            Self::True => Self::False,
            Self::False => Self::True,
            Self::Unknown => Self::Unknown,
        }
    }
}

/// Why a client does or does not match. Each entry is one condition in canonical text; a
/// condition under an odd number of `not`s is listed as `not <condition>`, so that "held" always
/// means "speaks for the match" (`not has tag "shy"` held: the client is not shy).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Match {
    pub matched: bool,
    pub held: Vec<String>,
    /// The conditions of `held`, as conditions (for describing them in words).
    pub held_literals: Vec<Literal>,
    pub failed: Vec<String>,
    /// Conditions on attributes the client record lacks.
    pub unknown: Vec<String>,
}

/// One condition of a rule as it speaks for or against a client: negated when under an odd
/// number of `not`s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Literal {
    pub condition: Condition,
    pub negated: bool,
}

impl std::fmt::Display for Literal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.negated {
            write!(f, "not {}", self.condition)
        } else {
            write!(f, "{}", self.condition)
        }
    }
}

/// What keeps a client out of a segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NearMiss {
    /// This condition alone keeps the client out: were it to hold, the client would match.
    Only(String),
    /// Every condition that failed: no single one would be enough, or any of several would.
    Failed(Vec<String>),
}

impl NearMiss {
    /// The conditions that failed (one for [`NearMiss::Only`]).
    pub fn conditions(&self) -> &[String] {
        match self {
            Self::Only(condition) => std::slice::from_ref(condition),
            Self::Failed(conditions) => conditions,
        }
    }
}

impl SegmentRule {
    #[must_use]
    pub fn truth(&self, client: &Client, today: NaiveDate) -> Truth {
        Walk::new(client, today, None).rule(&self.0, false)
    }

    #[must_use]
    pub fn matches(&self, client: &Client, today: NaiveDate) -> bool {
        self.truth(client, today) == Truth::True
    }

    /// Evaluates every condition (no short cut), for showing which held.
    #[must_use]
    pub fn explain(&self, client: &Client, today: NaiveDate) -> Match {
        let mut walk = Walk::new(client, today, None);
        let truth = walk.rule(&self.0, false);
        let mut result = Match {
            matched: truth == Truth::True,
            ..Match::default()
        };
        for (literal, truth) in walk.literals {
            let text = literal.to_string();
            let list = match truth {
                Truth::True => &mut result.held,
                Truth::False => &mut result.failed,
                Truth::Unknown => &mut result.unknown,
            };
            if !list.contains(&text) {
                list.push(text);
                if truth == Truth::True {
                    result.held_literals.push(literal);
                }
            }
        }
        result
    }

    /// `None` when the client matches; otherwise what keeps the client out.
    #[must_use]
    pub fn near_miss(&self, client: &Client, today: NaiveDate) -> Option<NearMiss> {
        self.missed_by(client, today).map(|(miss, _)| miss)
    }

    /// The one condition that alone keeps the client out, as a condition; `None` when the
    /// client matches or when no single condition would be enough.
    #[must_use]
    pub fn deciding_condition(&self, client: &Client, today: NaiveDate) -> Option<Literal> {
        self.missed_by(client, today)
            .and_then(|(_, deciding)| deciding)
    }

    fn missed_by(&self, client: &Client, today: NaiveDate) -> Option<(NearMiss, Option<Literal>)> {
        let mut walk = Walk::new(client, today, None);
        if walk.rule(&self.0, false) == Truth::True {
            return None;
        }
        let failed: Vec<(usize, Literal)> = (walk.literals.into_iter().enumerate())
            .filter(|(_, (_, truth))| *truth == Truth::False)
            .map(|(leaf, (literal, _))| (leaf, literal))
            .collect();
        let deciding: Vec<&Literal> = (failed.iter())
            .filter(|(leaf, _)| {
                Walk::new(client, today, Some(*leaf)).rule(&self.0, false) == Truth::True
            })
            .map(|(_, literal)| literal)
            .collect();
        if let [only] = deciding.as_slice() {
            return Some((NearMiss::Only(only.to_string()), Some((*only).clone())));
        }
        let mut texts: Vec<String> = Vec::new();
        for (_, literal) in failed {
            let text = literal.to_string();
            if !texts.contains(&text) {
                texts.push(text);
            }
        }
        Some((NearMiss::Failed(texts), None))
    }
}

/// One evaluation: numbers the leaves left to right and records each as a literal.
struct Walk<'a> {
    client: &'a Client,
    today: NaiveDate,
    /// A leaf whose literal is taken to hold, to see whether that alone would flip the rule.
    assume_held: Option<usize>,
    literals: Vec<(Literal, Truth)>,
}

impl<'a> Walk<'a> {
    fn new(client: &'a Client, today: NaiveDate, assume_held: Option<usize>) -> Self {
        Self {
            client,
            today,
            assume_held,
            literals: Vec::new(),
        }
    }

    fn rule(&mut self, rule: &RuleExpr, negated: bool) -> Truth {
        match rule {
            RuleExpr::Condition(condition) => {
                let leaf = self.literals.len();
                let truth = if self.assume_held == Some(leaf) {
                    Truth::of(!negated)
                } else {
                    condition.truth(self.client, self.today)
                };
                let literal = Literal {
                    condition: condition.clone(),
                    negated,
                };
                let speaks = if negated { !truth } else { truth };
                self.literals.push((literal, speaks));
                truth
            }
            RuleExpr::Not(inner) => !self.rule(inner, !negated),
            RuleExpr::All(rules) => rules
                .iter()
                .fold(Truth::True, |acc, r| acc.and(self.rule(r, negated))),
            RuleExpr::Any(rules) => rules
                .iter()
                .fold(Truth::False, |acc, r| acc.or(self.rule(r, negated))),
        }
    }
}

impl Condition {
    /// This condition alone, for `client` on `today`.
    #[must_use]
    pub fn truth(&self, client: &Client, today: NaiveDate) -> Truth {
        match self {
            Self::HasTag(tag) => Truth::of(client.lifestyle_tags.contains(tag)),
            Self::Holds(code) => Truth::of(client.products_held.contains(code)),
            Self::Compare {
                attribute,
                op,
                value,
            } => {
                let subject = Subject::of(attribute, client, today);
                match op {
                    CompareOp::Eq => subject.equals(value),
                    CompareOp::Ne => !subject.equals(value),
                    _ => subject
                        .order(value)
                        .map_or(Truth::Unknown, |o| Truth::of(op.holds(o))),
                }
            }
            Self::Between {
                attribute,
                low,
                high,
            } => {
                let subject = Subject::of(attribute, client, today);
                match (subject.order(low), subject.order(high)) {
                    (Some(above), Some(below)) => Truth::of(above.is_ge() && below.is_le()),
                    _ => Truth::Unknown,
                }
            }
            Self::In { attribute, values } => {
                let subject = Subject::of(attribute, client, today);
                values
                    .iter()
                    .fold(Truth::False, |acc, v| acc.or(subject.equals(v)))
            }
        }
    }
}

/// The client's side of a comparison.
enum Subject<'a> {
    Missing,
    Known(Value),
    /// A custom attribute's stored text: a number only when the rule's value is one.
    Custom(&'a str),
}

impl<'a> Subject<'a> {
    fn of(attribute: &Attribute, c: &'a Client, today: NaiveDate) -> Self {
        use Attribute as A;
        let text = |t: &Option<String>| t.clone().map(Value::Text);
        let known = match attribute {
            A::Custom(name) => {
                return c
                    .custom_attributes
                    .get(name.as_str())
                    .map_or(Self::Missing, |v| Self::Custom(v));
            }
            A::Age => c.age_on(today).map(|age| Value::Number(age.into())),
            A::BirthDate => c.birth_date.map(Value::Date),
            A::Gender => c.gender.map(Value::Gender),
            A::Employment => c.employment.map(Value::Employment),
            A::MonthlyIncome => c.monthly_income.map(Value::Number),
            A::IncomeCurrency => text(&c.income_currency),
            A::City => text(&c.city),
            A::Region => text(&c.region),
            A::CityPopulation => c.city_population.map(|n| Value::Number(n.into())),
            A::MaritalStatus => c.marital_status.map(Value::MaritalStatus),
            A::Children => c.children.map(|n| Value::Number(n.into())),
            A::DigitalAffinity => c.digital_affinity.map(Value::DigitalAffinity),
            A::PreferredLanguage => text(&c.preferred_language),
            A::IslamicBanking => Some(Value::Flag(c.islamic_banking)),
            A::ConsentToOffers => Some(Value::Flag(c.consent_to_offers)),
            A::DataVerifiedOn => c.data_verified_on.map(Value::Date),
            A::DataAgeDays => c
                .data_verified_on
                .map(|d| Value::Number(Decimal::from((today - d).num_days()))),
            A::HomeSalesPoint => text(&c.home_sales_point),
        };
        known.map_or(Self::Missing, Self::Known)
    }

    fn equals(&self, value: &Value) -> Truth {
        match (self, value) {
            (Self::Missing, _) => Truth::Unknown,
            (Self::Known(known), _) => Truth::of(known == value),
            (Self::Custom(text), Value::Number(n)) => Truth::of(custom_number(text) == Some(*n)),
            (Self::Custom(text), Value::Text(t)) => Truth::of(text == t),
            (Self::Custom(_), _) => Truth::False,
        }
    }

    /// How the client's value compares with `value`; `None` when that is unknown.
    fn order(&self, value: &Value) -> Option<Ordering> {
        match (self, value) {
            (Self::Known(Value::Number(a)), Value::Number(b)) => Some(a.cmp(b)),
            (Self::Known(Value::Date(a)), Value::Date(b)) => Some(a.cmp(b)),
            (Self::Custom(text), Value::Number(b)) => custom_number(text).map(|a| a.cmp(b)),
            _ => None,
        }
    }
}
