//! What the client said: accepted the whole combined product, some of it, or declined it
//! with a reason.

use std::collections::BTreeSet;

use crate::domain::message::Message;
use crate::domain::validation::FieldError;

/// Why a client declined, from the bank's list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeclineReason {
    NoNeed,
    TooExpensive,
    BetterElsewhere,
    WantsToThink,
    NoTime,
    Other,
}

impl DeclineReason {
    pub const ALL: [Self; 6] = [
        Self::NoNeed,
        Self::TooExpensive,
        Self::BetterElsewhere,
        Self::WantsToThink,
        Self::NoTime,
        Self::Other,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::NoNeed => "no_need",
            Self::TooExpensive => "too_expensive",
            Self::BetterElsewhere => "better_elsewhere",
            Self::WantsToThink => "wants_to_think",
            Self::NoTime => "no_time",
            Self::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == text)
    }

    pub const fn label_key(self) -> &'static str {
        match self {
            Self::NoNeed => "decline-no_need",
            Self::TooExpensive => "decline-too_expensive",
            Self::BetterElsewhere => "decline-better_elsewhere",
            Self::WantsToThink => "decline-wants_to_think",
            Self::NoTime => "decline-no_time",
            Self::Other => "decline-other",
        }
    }
}

/// The outcome of an offer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    AcceptedAll,
    /// The products accepted: some, not all, of the combined product.
    AcceptedSome(BTreeSet<String>),
    Declined {
        reason: DeclineReason,
        note: String,
    },
}

/// The longest free-text note on a declined offer.
const NOTE_CHARS: usize = 1_000;

impl Outcome {
    pub const fn as_str(&self) -> &'static str {
        match self {
            Self::AcceptedAll => "accepted_all",
            Self::AcceptedSome(_) => "accepted_some",
            Self::Declined { .. } => "declined",
        }
    }

    /// Whether `product`, one of the combined product's, was accepted.
    pub fn accepts(&self, product: &str) -> bool {
        match self {
            Self::AcceptedAll => true,
            Self::AcceptedSome(accepted) => accepted.contains(product),
            Self::Declined { .. } => false,
        }
    }

    pub fn is_accepted(&self) -> bool {
        !matches!(self, Self::Declined { .. })
    }
}

/// An outcome as a form or an API request sends it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OutcomeForm {
    /// `accepted_all`, `accepted_some` or `declined`.
    pub outcome: String,
    /// For `accepted_some`: the products accepted.
    pub accepted: Vec<String>,
    /// For `declined`: a [`DeclineReason`].
    pub reason: String,
    pub note: String,
}

impl OutcomeForm {
    /// The outcome for a combined product of `in_bundle`.
    ///
    /// # Errors
    /// Each problem with its field.
    pub fn parse(&self, in_bundle: &[String]) -> Result<Outcome, Vec<FieldError>> {
        let note = self.note.trim();
        let mut errors = Vec::new();
        if note.chars().count() > NOTE_CHARS {
            errors.push(FieldError::new(
                "note",
                Message::new("outcome-note-too-long").with("max_number", NOTE_CHARS),
            ));
        }
        let outcome = match self.outcome.as_str() {
            "accepted_all" => Some(Outcome::AcceptedAll),
            "accepted_some" => {
                let accepted: BTreeSet<String> = self.accepted.iter().cloned().collect();
                if let Some(stranger) = accepted.iter().find(|c| !in_bundle.contains(c)) {
                    errors.push(FieldError::new(
                        "accepted",
                        Message::new("offer-not-in-bundle").with("product", stranger),
                    ));
                    None
                } else if accepted.is_empty() {
                    errors.push(FieldError::new(
                        "accepted",
                        Message::new("outcome-some-empty"),
                    ));
                    None
                } else if in_bundle.iter().all(|c| accepted.contains(c)) {
                    Some(Outcome::AcceptedAll)
                } else {
                    Some(Outcome::AcceptedSome(accepted))
                }
            }
            "declined" => match DeclineReason::parse(&self.reason) {
                None => {
                    errors.push(FieldError::new(
                        "reason",
                        Message::new("outcome-reason-missing"),
                    ));
                    None
                }
                Some(DeclineReason::Other) if note.is_empty() => {
                    errors.push(FieldError::new("note", Message::new("outcome-note-needed")));
                    None
                }
                Some(reason) => Some(Outcome::Declined {
                    reason,
                    note: note.to_owned(),
                }),
            },
            _ => {
                errors.push(FieldError::new(
                    "outcome",
                    Message::new("outcome-unknown").with("value", &self.outcome),
                ));
                None
            }
        };
        match outcome {
            Some(outcome) if errors.is_empty() => Ok(outcome),
            _ => Err(errors),
        }
    }
}
