//! Versions of a matrix: edits happen on a draft; a published version never changes. Starting
//! a new draft copies the published one, so every offer can name the exact version it came from.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::cell::CellPatch;
use super::link::Link;
use super::scope::Scope;
use crate::domain::message::Message;
use crate::domain::product::Terms;

/// One cell of a version: what `scope` says about the product `product`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    pub product: String,
    pub scope: Scope,
    pub patch: CellPatch,
}

/// What a version holds, draft or published.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MatrixContent {
    pub cells: Vec<Cell>,
    pub links: Vec<Link>,
    /// A service package: one fee for the period for the whole set, the included products'
    /// own fees waived (counted once as bundle revenue).
    pub package_fee: Option<Decimal>,
}

impl MatrixContent {
    /// The cells of one product, as `resolve` takes them.
    pub fn cells_of(&self, product: &str) -> Vec<(Scope, CellPatch)> {
        self.cells
            .iter()
            .filter(|c| c.product == product)
            .map(|c| (c.scope.clone(), c.patch.clone()))
            .collect()
    }

    /// Sets (or replaces) the cell of `product` at `scope`.
    pub fn set_cell(&mut self, product: &str, scope: Scope, patch: CellPatch) {
        self.cells
            .retain(|c| !(c.product == product && c.scope == scope));
        self.cells.push(Cell {
            product: product.to_owned(),
            scope,
            patch,
        });
    }

    /// Makes `to`'s own cells a copy of `from`'s, for every product: `to`'s earlier own cells
    /// go; cells of broader scopes stay as they are.
    pub fn copy_point(&mut self, from: &str, to: &str) {
        let to_scope = Scope::Point(to.to_owned());
        self.cells.retain(|c| c.scope != to_scope);
        let copies: Vec<Cell> = self
            .cells
            .iter()
            .filter(|c| c.scope == Scope::Point(from.to_owned()))
            .map(|c| Cell {
                scope: to_scope.clone(),
                ..c.clone()
            })
            .collect();
        self.cells.extend(copies);
    }
}

/// A draft: the only kind of version that can be edited.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    pub content: MatrixContent,
}

/// A published version; its content can be read, never changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Published {
    number: u32,
    effective_from: NaiveDate,
    withdrawn_on: Option<NaiveDate>,
    content: MatrixContent,
    frozen_terms: BTreeMap<String, Terms>,
}

/// Why a draft cannot be published.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PublishError {
    /// The bundle fails blocking verdicts; each says why.
    Blocked(Vec<Message>),
    /// An effective date before the one of the version it follows.
    EffectiveBeforePrevious {
        previous: NaiveDate,
    },
    Empty,
}

impl Draft {
    /// A new draft starts as a copy of the published version (or of another segment's matrix).
    pub fn copy_of(published: &Published) -> Self {
        Self {
            content: published.content.clone(),
        }
    }

    /// Publishes the draft as version `number`, effective from `effective_from`, freezing the
    /// catalog's client-facing terms of its products (`frozen_terms`): a later catalog change
    /// reaches clients only through a new version.
    ///
    /// # Errors
    /// When any blocking verdict fails, the draft has no cell, or it would take effect before
    /// the version it follows.
    pub fn publish(
        self,
        number: u32,
        effective_from: NaiveDate,
        previous: Option<&Published>,
        blocking: Vec<Message>,
        frozen_terms: BTreeMap<String, Terms>,
    ) -> Result<Published, PublishError> {
        if self.content.cells.is_empty() {
            return Err(PublishError::Empty);
        }
        if !blocking.is_empty() {
            return Err(PublishError::Blocked(blocking));
        }
        if let Some(previous) = previous
            && effective_from < previous.effective_from
        {
            return Err(PublishError::EffectiveBeforePrevious {
                previous: previous.effective_from,
            });
        }
        Ok(Published {
            number,
            effective_from,
            withdrawn_on: None,
            content: self.content,
            frozen_terms,
        })
    }
}

impl Published {
    /// A version as stored, read back.
    pub fn stored(
        number: u32,
        effective_from: NaiveDate,
        withdrawn_on: Option<NaiveDate>,
        content: MatrixContent,
        frozen_terms: BTreeMap<String, Terms>,
    ) -> Self {
        Self {
            number,
            effective_from,
            withdrawn_on,
            content,
            frozen_terms,
        }
    }

    /// The standalone terms each product had in the catalog when this version was published.
    pub fn frozen_terms(&self) -> &BTreeMap<String, Terms> {
        &self.frozen_terms
    }

    pub fn number(&self) -> u32 {
        self.number
    }

    pub fn effective_from(&self) -> NaiveDate {
        self.effective_from
    }

    pub fn withdrawn_on(&self) -> Option<NaiveDate> {
        self.withdrawn_on
    }

    pub fn content(&self) -> &MatrixContent {
        &self.content
    }

    /// Withdraws the version from `on`: the segment then gets no proposal from it. Withdrawing
    /// twice keeps the first date.
    #[must_use]
    pub fn withdrawn(mut self, on: NaiveDate) -> Self {
        self.withdrawn_on.get_or_insert(on);
        self
    }

    /// Whether offers are made from this version on `day`.
    pub fn in_force_on(&self, day: NaiveDate) -> bool {
        self.effective_from <= day && self.withdrawn_on.is_none_or(|w| day < w)
    }
}

/// The version offers come from on `day`: of those in force, the one that took effect last
/// (the higher number on the same date).
pub fn in_force(versions: &[Published], day: NaiveDate) -> Option<&Published> {
    versions
        .iter()
        .filter(|v| v.in_force_on(day))
        .max_by_key(|v| (v.effective_from, v.number))
}
