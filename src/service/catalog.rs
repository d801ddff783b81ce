//! A catalog product reviewed on its own at one sales point: its standalone P&L at its terms
//! and at the market price, the verdicts, and the price that meets the bank's target margin.

use chrono::NaiveDate;

use crate::domain::bank::SalesPoint;
use crate::domain::profitability::{EngineError, ProductReview, Valuation, review_catalog_product};
use crate::persistence::StoreError;
use crate::persistence::catalog::{active_sales_points, bank_settings, exchange_rates};
use crate::persistence::matrices::{frozen_terms_of, products_in_published};
use crate::persistence::products::{self, StoredProduct};
use sea_orm::ConnectionTrait;

/// A product with its review at the chosen sales point.
pub struct ReviewedProduct {
    pub stored: StoredProduct,
    /// Every sales point, by code; `points[chosen]` is the one reviewed.
    pub points: Vec<SalesPoint>,
    pub chosen: usize,
    /// The engine's result, or why it could not compute one (shown on the page).
    pub review: Result<ProductReview, EngineError>,
    /// Each live published matrix version offering the product, and whether the catalog's
    /// terms now differ from those it froze (a pending change: it reaches clients only
    /// through a new version).
    pub in_matrices: Vec<MatrixUse>,
}

/// A published matrix version that froze this product's terms.
pub struct MatrixUse {
    pub segment: String,
    pub version: i32,
    pub pending_change: bool,
}

/// Reviews the product `code` at the sales point `point` (the first one when `None` or unknown),
/// with the exchange rates of `today`. `None` when there is no such product.
///
/// # Errors
/// Database errors; `Invalid` when the bank has no settings or no sales point yet.
pub async fn review_product(
    db: &impl ConnectionTrait,
    code: &str,
    point: Option<&str>,
    today: NaiveDate,
) -> Result<Option<ReviewedProduct>, StoreError> {
    let Some(stored) = products::find(db, code).await? else {
        return Ok(None);
    };
    let bank = bank_settings(db)
        .await?
        .ok_or_else(|| StoreError::Invalid("the bank's settings are not set up".into()))?;
    let points = active_sales_points(db).await?;
    let chosen = point
        .and_then(|code| points.iter().position(|p| p.code == code))
        .unwrap_or(0);
    let point = points
        .get(chosen)
        .ok_or_else(|| StoreError::Invalid("no sales point is set up".into()))?;
    let rates = exchange_rates(db, bank.reporting_currency, today).await?;
    let valuation = Valuation {
        rates: &rates,
        on: today,
    };
    // "In a combined product": offered by a published version that is not withdrawn.
    let in_any_bundle = products_in_published(db)
        .await?
        .contains(&stored.product.code);
    let review = review_catalog_product(
        &stored.product,
        &point.costs,
        bank.bundle.target_margin,
        &valuation,
        in_any_bundle,
    );
    let in_matrices = frozen_terms_of(db, &stored.product.code)
        .await?
        .into_iter()
        .map(|(segment, version, frozen)| MatrixUse {
            segment,
            version,
            pending_change: frozen != stored.product.terms,
        })
        .collect();
    Ok(Some(ReviewedProduct {
        stored,
        points,
        chosen,
        review,
        in_matrices,
    }))
}
