//! Product matrices: versions of a segment's matrix, their cells, links and frozen terms, read
//! back as domain values.
//!
//! A published version never changes: every edit (`edit.rs`) first raises the lock of a version
//! that is still a **draft** at the lock the editor loaded, in one guarded `UPDATE`, inside the
//! edit's transaction. So an edit of a published version, or of a draft someone else saved in
//! between, changes nothing and says which it was.

pub(crate) mod codec;
mod edit;
mod read;
mod review;

pub use crate::persistence::Reviewer;
pub use edit::{
    copy_matrix, copy_point, insert_published, save_cell, set_links, set_package_fee, start_draft,
    withdraw,
};
pub use read::{
    all_versions, find_version, frozen_terms_of, in_force_for, latest_published,
    products_in_published, published_everywhere, versions,
};
pub use review::{ReviewRecord, approve, recall_or_reject, reviews, submit, submitted};

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::matrix::{MatrixContent, Published, Submitted};
use crate::domain::product::Terms;
use std::collections::BTreeMap;

/// Where a version stands: only a draft can be edited; a submitted one awaits finance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VersionStatus {
    Draft,
    Submitted,
    Published,
}

impl VersionStatus {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Submitted => "submitted",
            Self::Published => "published",
        }
    }
}

/// A version's history: who made it and when, and where it stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VersionInfo {
    pub id: i32,
    pub segment: String,
    pub number: i32,
    pub status: VersionStatus,
    pub effective_from: Option<NaiveDate>,
    pub withdrawn_on: Option<NaiveDate>,
    /// Raised by every edit of a draft; an edit names the lock it was loaded at.
    pub lock: i32,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub published_by: Option<String>,
    pub published_at: Option<DateTime<Utc>>,
    /// The user who submitted the version for approval (while it is submitted).
    pub submitted_by_id: Option<i32>,
    pub submitted_by: Option<String>,
    pub submitted_at: Option<DateTime<Utc>>,
}

/// A version with everything in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredVersion {
    pub info: VersionInfo,
    pub content: MatrixContent,
    /// Empty for a draft.
    pub frozen_terms: BTreeMap<String, Terms>,
}

impl StoredVersion {
    /// The submitted version as the domain reads it; `None` unless it is submitted.
    pub fn submitted(&self) -> Option<Submitted> {
        if self.info.status != VersionStatus::Submitted {
            return None;
        }
        Some(Submitted::stored(
            self.content.clone(),
            self.info.submitted_by_id?,
            self.info.effective_from?,
        ))
    }

    /// The published version as the domain reads it; `None` for a draft.
    pub fn published(&self) -> Option<Published> {
        if self.info.status != VersionStatus::Published {
            return None;
        }
        Some(Published::stored(
            u32::try_from(self.info.number).unwrap_or(0),
            self.info.effective_from?,
            self.info.withdrawn_on,
            self.content.clone(),
            self.frozen_terms.clone(),
        ))
    }
}
