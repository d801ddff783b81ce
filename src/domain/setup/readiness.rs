//! What a bank still lacks before each kind of user can work, and who can add it.

use crate::domain::user::Role;

/// Something the bank does not have yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Missing {
    /// No name, no reporting currency: nothing else can be priced.
    Bank,
    /// No active sales point: no costs, no desk.
    SalesPoint,
    /// No active product in the catalog.
    Product,
    /// No client segment.
    Segment,
    /// No published matrix: the desk has nothing to offer.
    PublishedMatrix,
}

impl Missing {
    /// Who can add it.
    pub const fn added_by(self) -> Role {
        match self {
            Self::Bank | Self::SalesPoint => Role::Admin,
            Self::Product | Self::Segment | Self::PublishedMatrix => Role::ProductManager,
        }
    }

    /// The message key that says what is missing and who adds it.
    pub const fn message_key(self) -> &'static str {
        match self {
            Self::Bank => "setup-missing-bank",
            Self::SalesPoint => "setup-missing-point",
            Self::Product => "setup-missing-product",
            Self::Segment => "setup-missing-segment",
            Self::PublishedMatrix => "setup-missing-matrix",
        }
    }

    /// Where the one who adds it goes to do so.
    pub const fn href(self) -> &'static str {
        match self {
            Self::Bank => "/admin/setup",
            Self::SalesPoint => "/admin/sales-points",
            Self::Product => "/catalog/new",
            Self::Segment => "/segments",
            Self::PublishedMatrix => "/matrices",
        }
    }

    /// Whether a user in `role` needs to hear of it (an administrator does not work with
    /// products; an advisor's desk needs a published matrix, not a segment editor).
    const fn concerns(self, role: Role) -> bool {
        match (self, role) {
            (Self::Bank | Self::SalesPoint, _) => true,
            (Self::Product, Role::Admin) => false,
            (Self::Product, _) => true,
            (Self::Segment, Role::ProductManager) => true,
            (Self::Segment, _) => false,
            (Self::PublishedMatrix, Role::Admin) => false,
            (Self::PublishedMatrix, _) => true,
        }
    }
}

/// What the bank has, counted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Readiness {
    pub bank: bool,
    pub active_points: u64,
    pub active_products: u64,
    pub segments: u64,
    pub published_matrices: u64,
}

impl Readiness {
    /// Everything missing, in the order it must be added.
    pub fn missing(&self) -> Vec<Missing> {
        [
            (!self.bank, Missing::Bank),
            (self.active_points == 0, Missing::SalesPoint),
            (self.active_products == 0, Missing::Product),
            (self.segments == 0, Missing::Segment),
            (self.published_matrices == 0, Missing::PublishedMatrix),
        ]
        .into_iter()
        .filter_map(|(lacking, what)| lacking.then_some(what))
        .collect()
    }

    /// What a user in `role` should be told is missing.
    pub fn missing_for(&self, role: Role) -> Vec<Missing> {
        self.missing()
            .into_iter()
            .filter(|m| m.concerns(role))
            .collect()
    }

    /// The bank and a sales point exist: the administrator's first-run set-up is done.
    pub fn is_set_up(&self) -> bool {
        self.bank && self.active_points > 0
    }
}
