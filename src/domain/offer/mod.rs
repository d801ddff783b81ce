//! The combined product offered to one client at the desk, and what became of it.
//!
//! [`propose`] takes the client's segments (best first), each with the matrix version in force
//! today, and builds the combined product for the main product the client came for at the
//! advisor's sales point: the best segment offering that main product there (the better ones
//! passed over, each with the reason), its add-ons without what the client already holds or
//! declines (and without what needs a declined product), the client's chosen amounts, the
//! engine's figures, what the client pays (fees apart from interest and one-off fees), the
//! visit plan and a green / amber / red badge. [`OfferRecord`] is what is stored of it, with
//! the outcome; [`Tally`] counts results with the one definition of take-up.

mod outcome;
mod price;
mod proposal;
mod results;
mod visit;

pub use outcome::{DeclineReason, Outcome, OutcomeForm};
pub use price::{ClientPrice, ProductPrice};
pub use proposal::{
    AmountKind, Badge, ChosenAmount, Desk, LeftOut, LeftOutReason, MainCandidate, PositionRole,
    Proposal, ProposedProduct, Refusal, Request, SegmentOffer, VersionOffer, desk_amount,
    main_candidates, propose,
};
pub use results::{OfferRecord, PositionStatus, RecordedPosition, Recording, Tally, record};
pub use visit::{StepKind, VisitPlan, VisitStep};

#[cfg(test)]
mod tests;
