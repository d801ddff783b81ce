//! A change to a product's economics or standalone terms: finance approves it (four eyes)
//! before it reaches the catalog, and the product keeps its live figures meanwhile. The rest
//! of a product (its name, status, market price, typical usage) changes at once.

use rust_decimal::Decimal;

use super::{CatalogProduct, Figure, FigureGroup};
use crate::domain::matrix::{ReviewRefusal, review_comment};

/// The groups of figures whose change needs approval.
pub const REVIEWED_GROUPS: [FigureGroup; 2] = [FigureGroup::Economics, FigureGroup::Terms];

fn reviewed(figure: Figure) -> bool {
    REVIEWED_GROUPS.contains(&figure.group())
}

/// One reviewed figure, live and proposed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FigureChange {
    pub figure: Figure,
    pub before: Decimal,
    pub after: Decimal,
}

/// The reviewed figures `proposed` changes against `live`, in the catalog's order.
pub fn reviewed_changes(live: &CatalogProduct, proposed: &CatalogProduct) -> Vec<FigureChange> {
    Figure::ALL
        .iter()
        .copied()
        .filter(|f| reviewed(*f))
        .filter_map(|figure| {
            let before = figure.get(&live.economics, &live.terms, &live.usage);
            let after = figure.get(&proposed.economics, &proposed.terms, &proposed.usage);
            (before != after).then_some(FigureChange {
                figure,
                before,
                after,
            })
        })
        .collect()
}

/// What applies at once: `proposed` with `live`'s economics and standalone terms.
pub fn applied_at_once(live: &CatalogProduct, proposed: &CatalogProduct) -> CatalogProduct {
    CatalogProduct {
        economics: live.economics,
        terms: live.terms,
        ..proposed.clone()
    }
}

/// A change awaiting approval.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProposedChange {
    pub changes: Vec<FigureChange>,
    /// The proposer's user id: the one person who may not approve it.
    pub submitted_by: i32,
}

impl ProposedChange {
    /// `live` with the change applied, approved by user `approver`.
    ///
    /// # Errors
    /// `OwnSubmission`; `Outdated` when a live figure is no longer what the change started
    /// from (the proposal must then be made again).
    pub fn approve(
        &self,
        approver: i32,
        live: &CatalogProduct,
    ) -> Result<CatalogProduct, ReviewRefusal> {
        if approver == self.submitted_by {
            return Err(ReviewRefusal::OwnSubmission);
        }
        let mut product = live.clone();
        for change in &self.changes {
            let slot = change.figure.slot(
                &mut product.economics,
                &mut product.terms,
                &mut product.usage,
            );
            if *slot != change.before {
                return Err(ReviewRefusal::Outdated);
            }
            *slot = change.after;
        }
        Ok(product)
    }

    /// Rejects the change with `comment` (required); the product keeps its live figures.
    ///
    /// # Errors
    /// `CommentRequired`, `CommentTooLong`.
    pub fn reject(&self, comment: &str) -> Result<String, ReviewRefusal> {
        Ok(review_comment(comment, true)?.unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;
    use crate::domain::product::{Economics, ProductKind, ProductStatus, Terms, Usage};

    fn deposit() -> CatalogProduct {
        CatalogProduct {
            code: "DEP".into(),
            name: "Deposit".into(),
            kind: ProductKind::Deposit,
            currency: crate::domain::money::Currency::RUB,
            company: "BANK".into(),
            status: ProductStatus::Active,
            costs_cannot_be_reduced: false,
            price_parameter: crate::domain::product::PriceParameter::ClientRate,
            market_price: dec!(0.12),
            economics: Economics {
                ftp_rate: dec!(0.16),
                servicing_cost: dec!(300),
                ..Economics::with_lifetime(dec!(3))
            },
            terms: Terms {
                client_rate: dec!(0.13),
                ..Terms::default()
            },
            usage: Usage::default(),
        }
    }

    #[test]
    fn only_economics_and_terms_wait_for_approval() {
        let live = deposit();
        let mut proposed = live.clone();
        proposed.name = "Deposit Plus".into();
        proposed.economics.servicing_cost = dec!(350);
        proposed.terms.client_rate = dec!(0.135);
        proposed.usage.avg_balance = dec!(500000);

        let changes = reviewed_changes(&live, &proposed);
        let figures: Vec<_> = changes
            .iter()
            .map(|c| (c.figure, c.before, c.after))
            .collect();
        assert_eq!(
            figures,
            vec![
                (Figure::ServicingCost, dec!(300), dec!(350)),
                (Figure::ClientRate, dec!(0.13), dec!(0.135)),
            ]
        );
        let now = applied_at_once(&live, &proposed);
        assert_eq!(now.name, "Deposit Plus");
        assert_eq!(now.usage.avg_balance, dec!(500000));
        assert_eq!((now.economics, now.terms), (live.economics, live.terms));
    }

    #[test]
    fn the_proposer_cannot_approve_and_an_outdated_change_is_refused() {
        let live = deposit();
        let mut proposed = live.clone();
        proposed.economics.ftp_rate = dec!(0.15);
        let change = ProposedChange {
            changes: reviewed_changes(&live, &proposed),
            submitted_by: 7,
        };
        assert_eq!(change.approve(7, &live), Err(ReviewRefusal::OwnSubmission));
        let approved = change.approve(9, &live).unwrap();
        assert_eq!(approved.economics.ftp_rate, dec!(0.15));
        assert_eq!(approved.terms, live.terms);

        let mut moved = live.clone();
        moved.economics.ftp_rate = dec!(0.17);
        assert_eq!(change.approve(9, &moved), Err(ReviewRefusal::Outdated));
        assert_eq!(change.reject(""), Err(ReviewRefusal::CommentRequired));
        assert_eq!(change.reject(" too dear ").as_deref(), Ok("too dear"));
    }
}
