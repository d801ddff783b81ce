//! What is stored of an offer, and how results are counted.
//!
//! **Take-up**, one definition for the desk and for finance: of the add-ons offered (in the
//! combined product, or dropped by the client before the outcome), those the client accepted.
//! A dropped add-on counts as declined; a declined offer declines every add-on.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::outcome::Outcome;
use super::proposal::{Badge, LeftOutReason, PositionRole, Proposal};
use crate::domain::money::Currency;
use crate::domain::product::Terms;

/// Where a position stood when the outcome was recorded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PositionStatus {
    InBundle,
    /// Dropped by the client.
    Dropped,
    /// Left with a product it needs.
    DroppedWith,
}

impl PositionStatus {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::InBundle => "in_bundle",
            Self::Dropped => "dropped",
            Self::DroppedWith => "dropped_with",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [Self::InBundle, Self::Dropped, Self::DroppedWith]
            .into_iter()
            .find(|s| s.as_str() == text)
    }
}

/// One product of a recorded offer, as it stood then.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordedPosition {
    pub product: String,
    pub product_name: String,
    pub role: PositionRole,
    pub status: PositionStatus,
    /// Accepted by the client: only a product still in the bundle can be.
    pub accepted: bool,
    pub expected_take_up: Option<Decimal>,
    pub chosen_amount: Option<Decimal>,
    pub subject_to_approval: bool,
    pub terms: Terms,
    /// The bank's figures for the position in the bundle (zero when dropped), per year.
    pub revenue: Decimal,
    pub profit: Decimal,
}

impl RecordedPosition {
    /// An add-on offered to the client: what take-up counts.
    pub fn is_offered_add_on(&self) -> bool {
        self.role == PositionRole::AddOn
    }

    /// An add-on the client took: what take-up counts as taken.
    pub fn is_taken_add_on(&self) -> bool {
        self.is_offered_add_on() && self.accepted
    }
}

/// An offer as stored: who, where, from which matrix version, the positions with their terms
/// and figures at that moment, and the outcome. Never changed once stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OfferRecord {
    /// The form's one-time key: recording twice stores one offer.
    pub request_key: String,
    pub crm_id: String,
    pub client_name: String,
    pub advisor_id: i32,
    pub advisor_name: String,
    pub sales_point: String,
    pub segment: String,
    pub matrix_version: u32,
    pub main_product: String,
    pub outcome: Outcome,
    pub badge: Badge,
    /// The bundle was red for the bank: finance looks at it.
    pub flagged_for_finance: bool,
    pub currency: Currency,
    pub revenue: Decimal,
    pub profit: Decimal,
    pub margin: Option<Decimal>,
    pub fees_per_year: Decimal,
    pub separate_fees_per_year: Decimal,
    pub one_off_fees: Decimal,
    pub interest_earned_per_year: Decimal,
    pub visit_minutes: Decimal,
    pub offered_on: NaiveDate,
    pub valid_until: NaiveDate,
    pub positions: Vec<RecordedPosition>,
}

/// Who records the offer, for whom, when.
pub struct Recording<'a> {
    pub request_key: &'a str,
    pub crm_id: &'a str,
    pub client_name: &'a str,
    pub advisor_id: i32,
    pub advisor_name: &'a str,
    pub sales_point: &'a str,
    pub offered_on: NaiveDate,
    pub valid_days: u32,
}

/// The record of `proposal` with `outcome`; `name` gives a product's name.
pub fn record(
    proposal: &Proposal,
    outcome: Outcome,
    who: &Recording<'_>,
    name: &dyn Fn(&str) -> String,
) -> OfferRecord {
    let lines = &proposal.result.breakdown.lines;
    let mut positions: Vec<RecordedPosition> = (proposal.products.iter())
        .zip(&proposal.result.products)
        .zip(lines)
        .map(|((proposed, offered), line)| RecordedPosition {
            product: proposed.code.clone(),
            product_name: name(&proposed.code),
            role: proposed.role,
            status: PositionStatus::InBundle,
            accepted: outcome.accepts(&proposed.code),
            expected_take_up: proposed.expected_take_up,
            chosen_amount: proposed.amount.as_ref().map(|a| a.value),
            subject_to_approval: proposed.subject_to_approval,
            terms: offered.terms,
            revenue: line.breakdown.revenue,
            profit: line.breakdown.profit,
        })
        .collect();
    positions.extend(
        (proposal.left_out.iter())
            .filter(|l| l.reason != LeftOutReason::Held)
            .map(|left| RecordedPosition {
                product: left.code.clone(),
                product_name: name(&left.code),
                role: PositionRole::AddOn,
                status: if left.reason == LeftOutReason::Dropped {
                    PositionStatus::Dropped
                } else {
                    PositionStatus::DroppedWith
                },
                accepted: false,
                expected_take_up: left.expected_take_up,
                chosen_amount: None,
                subject_to_approval: false,
                terms: left.terms,
                revenue: Decimal::ZERO,
                profit: Decimal::ZERO,
            }),
    );
    let breakdown = &proposal.result.breakdown;
    OfferRecord {
        request_key: who.request_key.to_owned(),
        crm_id: who.crm_id.to_owned(),
        client_name: who.client_name.to_owned(),
        advisor_id: who.advisor_id,
        advisor_name: who.advisor_name.to_owned(),
        sales_point: who.sales_point.to_owned(),
        segment: proposal.segment.clone(),
        matrix_version: proposal.version,
        main_product: proposal.main.clone(),
        flagged_for_finance: proposal.badge == Badge::Red,
        badge: proposal.badge,
        outcome,
        currency: breakdown.currency,
        revenue: breakdown.revenue,
        profit: breakdown.profit,
        margin: breakdown.margin,
        fees_per_year: proposal.price.fees_per_year,
        separate_fees_per_year: proposal.price.separate_fees_per_year,
        one_off_fees: proposal.price.one_off_fees,
        interest_earned_per_year: proposal.price.interest_earned_per_year,
        visit_minutes: proposal.plan.total,
        offered_on: who.offered_on,
        valid_until: who
            .offered_on
            .checked_add_days(chrono::Days::new(u64::from(who.valid_days)))
            .unwrap_or(who.offered_on),
        positions,
    }
}

/// Counts over a set of recorded offers, from which the results page's ratios follow.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub offers: u64,
    /// Offers accepted in whole or in part.
    pub accepted_offers: u64,
    /// Distinct clients offered to.
    pub clients: u64,
    /// Products accepted, over all offers (main products included).
    pub products_accepted: u64,
    /// Add-ons offered and taken (see the module's definition of take-up).
    pub add_ons_offered: u64,
    pub add_ons_taken: u64,
    /// Σ of the matrix's expected take-up over the offered add-ons that have one, and how many.
    pub expected_take_up_sum: Decimal,
    pub expected_take_up_count: u64,
}

fn ratio(part: Decimal, whole: u64) -> Option<Decimal> {
    (whole > 0).then(|| part.checked_div(Decimal::from(whole)))?
}

impl Tally {
    pub fn acceptance_rate(&self) -> Option<Decimal> {
        ratio(Decimal::from(self.accepted_offers), self.offers)
    }

    /// Products per visit: products accepted per offer.
    pub fn products_per_visit(&self) -> Option<Decimal> {
        ratio(Decimal::from(self.products_accepted), self.offers)
    }

    /// Cross-sell ratio: products accepted per client.
    pub fn products_per_client(&self) -> Option<Decimal> {
        ratio(Decimal::from(self.products_accepted), self.clients)
    }

    pub fn take_up(&self) -> Option<Decimal> {
        ratio(Decimal::from(self.add_ons_taken), self.add_ons_offered)
    }

    /// The matrix's assumption, averaged over the same add-ons.
    pub fn expected_take_up(&self) -> Option<Decimal> {
        ratio(self.expected_take_up_sum, self.expected_take_up_count)
    }
}
