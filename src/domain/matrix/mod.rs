//! The product matrix: for each segment, which products form the combined product at each sales
//! point, on which terms and with which expected usage.
//!
//! A version of a matrix holds cells, one per product × sales-point scope. A cell for every
//! point is refined by a cell for a group of points (an office format, a region), refined by a
//! cell for one point; the most specific cell wins, **field by field**, so a bank with hundreds
//! of branches edits groups, not hundreds of columns. Only the fields a cell names are stored.

mod cell;
mod cell_form;
mod diff;
mod evaluation;
mod link;
mod link_form;
mod offer;
mod review;
mod scope;
mod version;

pub use cell::{CellPatch, ResolveError, ResolvedCell, Role, resolve, resolve_refs, uplift};
pub use cell_form::{PARTS, parse_cell_form};
pub use diff::{BundleComparison, BundleFigures, CellChange, VersionDiff, compare_bundles, diff};
pub use evaluation::{
    BundleResult, LinkBasis, MainEvaluation, PointEvaluation, Setting, blocking, evaluate_offer,
    evaluate_version, evaluate_version_each, linked_amount,
};
pub use link::{Link, LinkCheck, LinkContext, conditional_terms};
pub use link_form::LinkForm;
pub use offer::{
    CatalogEntry, OfferedProduct, ResolutionCache, bundle_at_point, bundle_without,
    combined_product, resolve_point, resolve_point_cached,
};
pub use review::{MAX_COMMENT_CHARS, ReviewRefusal, ReviewStep, Submitted, review_comment};
pub use scope::{PointPlace, Scope};
pub use version::{Cell, Draft, MatrixContent, PublishError, Published, in_force};

#[cfg(test)]
pub(crate) mod evaluation_tests;
#[cfg(test)]
mod link_tests;
#[cfg(test)]
pub(crate) mod offer_tests;
#[cfg(test)]
mod review_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod version_tests;
