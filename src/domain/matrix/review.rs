//! Four eyes on a matrix (and, with the same refusals, on a product's economics, see
//! `product::change`): a product manager submits a draft with the date it should take
//! effect; finance approves it (which publishes it) or rejects it with a comment (which makes
//! it a draft again). A submitted version is frozen: it is neither a draft nor published.
//! Nobody approves their own submission, and approval is refused while any blocking verdict
//! fails anywhere.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::version::{Draft, MatrixContent, PublishError, Published};
use crate::domain::message::Message;
use crate::domain::product::Terms;

/// A step of a version's review, as stored and shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReviewStep {
    Submitted,
    /// The submitter (or another product manager) took it back to change it.
    Recalled,
    Rejected,
    Approved,
}

impl ReviewStep {
    pub const ALL: [Self; 4] = [
        Self::Submitted,
        Self::Recalled,
        Self::Rejected,
        Self::Approved,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Submitted => "submitted",
            Self::Recalled => "recalled",
            Self::Rejected => "rejected",
            Self::Approved => "approved",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// A draft sent for approval.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Submitted {
    content: MatrixContent,
    /// The submitter's user id: the one person who may not approve it.
    submitted_by: i32,
    effective_from: NaiveDate,
}

/// Why a review step was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReviewRefusal {
    /// The approver submitted this version.
    OwnSubmission,
    /// A rejection says why.
    CommentRequired,
    CommentTooLong {
        max: usize,
    },
    /// What stops the version being published (blocking verdicts, no cell, the date).
    Publish(PublishError),
    /// A product's live figure is no longer what the proposed change started from.
    Outdated,
}

impl ReviewRefusal {
    /// The refusal in words; for `Publish(Blocked)`, the heading over the listed reasons.
    pub fn message(&self) -> Message {
        match self {
            Self::OwnSubmission => Message::new("review-own-submission"),
            Self::CommentRequired => Message::new("review-comment-required"),
            Self::CommentTooLong { max } => {
                Message::new("review-comment-too-long").with("max", max)
            }
            Self::Outdated => Message::new("review-outdated"),
            Self::Publish(PublishError::Blocked(_)) => Message::new("review-blocked"),
            Self::Publish(PublishError::Empty) => Message::new("matrix-publish-empty"),
            Self::Publish(PublishError::EffectiveBeforePrevious { previous }) => {
                Message::new("matrix-publish-before").with("date", previous)
            }
        }
    }
}

/// The longest review comment, in characters.
pub const MAX_COMMENT_CHARS: usize = 2_000;

/// A reviewer's comment, trimmed; `None` when blank.
///
/// # Errors
/// `CommentRequired` when `required` and blank; `CommentTooLong`.
pub fn review_comment(text: &str, required: bool) -> Result<Option<String>, ReviewRefusal> {
    let text = text.trim();
    if text.chars().count() > MAX_COMMENT_CHARS {
        return Err(ReviewRefusal::CommentTooLong {
            max: MAX_COMMENT_CHARS,
        });
    }
    match (text.is_empty(), required) {
        (true, true) => Err(ReviewRefusal::CommentRequired),
        (true, false) => Ok(None),
        (false, _) => Ok(Some(text.to_owned())),
    }
}

impl Draft {
    /// Sends the draft for approval by user `by`, to take effect from `effective_from`.
    ///
    /// Failing verdicts do not stop a submission: finance sees them and says no with reasons.
    ///
    /// # Errors
    /// `Empty` for a draft without a cell; `EffectiveBeforePrevious`.
    pub fn submit(
        self,
        by: i32,
        effective_from: NaiveDate,
        previous: Option<&Published>,
    ) -> Result<Submitted, PublishError> {
        if self.content.cells.is_empty() {
            return Err(PublishError::Empty);
        }
        check_date(effective_from, previous)?;
        Ok(Submitted {
            content: self.content,
            submitted_by: by,
            effective_from,
        })
    }
}

fn check_date(effective_from: NaiveDate, previous: Option<&Published>) -> Result<(), PublishError> {
    match previous {
        Some(previous) if effective_from < previous.effective_from() => {
            Err(PublishError::EffectiveBeforePrevious {
                previous: previous.effective_from(),
            })
        }
        _ => Ok(()),
    }
}

impl Submitted {
    /// A submitted version as stored, read back.
    pub fn stored(content: MatrixContent, submitted_by: i32, effective_from: NaiveDate) -> Self {
        Self {
            content,
            submitted_by,
            effective_from,
        }
    }

    pub fn content(&self) -> &MatrixContent {
        &self.content
    }

    pub fn submitted_by(&self) -> i32 {
        self.submitted_by
    }

    pub fn effective_from(&self) -> NaiveDate {
        self.effective_from
    }

    /// Approves the version for user `approver`, publishing it as version `number` with the
    /// catalog's standalone terms frozen (`frozen_terms`).
    ///
    /// # Errors
    /// `OwnSubmission` when the approver submitted it; `Publish(Blocked)` with every blocking
    /// failure (`blocking`, evaluated now, not at submission: the catalog may have moved);
    /// `Publish(EffectiveBeforePrevious)` when a version published since takes effect later.
    pub fn approve(
        self,
        approver: i32,
        number: u32,
        previous: Option<&Published>,
        blocking: Vec<Message>,
        frozen_terms: BTreeMap<String, Terms>,
    ) -> Result<Published, ReviewRefusal> {
        if approver == self.submitted_by {
            return Err(ReviewRefusal::OwnSubmission);
        }
        Draft {
            content: self.content,
        }
        .publish(
            number,
            self.effective_from,
            previous,
            blocking,
            frozen_terms,
        )
        .map_err(ReviewRefusal::Publish)
    }

    /// Rejects the version with `comment` (required): it becomes a draft again, as it was.
    ///
    /// # Errors
    /// `CommentRequired`, `CommentTooLong`.
    pub fn reject(self, comment: &str) -> Result<(Draft, String), ReviewRefusal> {
        let comment = review_comment(comment, true)?.unwrap_or_default();
        Ok((self.recall(), comment))
    }

    /// Takes the version back to a draft, unchanged.
    pub fn recall(self) -> Draft {
        Draft {
            content: self.content,
        }
    }
}
