//! The bank's settings, group companies, sales points and product catalog.

use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};

use chrono::NaiveDate;

use super::StoreError;
use super::entities::{bank_settings, company, exchange_rate, product, sales_point};
use super::paging::{PageRequest, Paged};
use super::scaled::{amount, rate};
use crate::domain::bank::{BankSettings, DeskSettings, SalesPoint};
use crate::domain::money::{Currency, ExchangeRates};
use crate::domain::profitability::{BundleParams, SalesPointCosts};
use crate::domain::setup::OpenableKinds;

/// One line of the catalog list.
#[derive(Clone, Debug)]
pub struct ProductListItem {
    pub id: i32,
    pub code: String,
    pub name: String,
    pub kind: String,
    pub currency: String,
    pub status: String,
    pub company_name: String,
}

/// Filters of the catalog list; `None` means any.
#[derive(Clone, Debug, Default)]
pub struct ProductFilter {
    pub kind: Option<String>,
    pub status: Option<String>,
    pub currency: Option<String>,
}

/// One page of the products matching `filter`, by code, with how many match in all.
///
/// # Errors
/// Database errors only.
pub async fn list_products(
    db: &impl ConnectionTrait,
    filter: &ProductFilter,
    page: PageRequest,
) -> Result<Paged<ProductListItem>, StoreError> {
    let mut query = product::Entity::find();
    if let Some(kind) = &filter.kind {
        query = query.filter(product::Column::Kind.eq(kind.as_str()));
    }
    if let Some(status) = &filter.status {
        query = query.filter(product::Column::Status.eq(status.as_str()));
    }
    if let Some(currency) = &filter.currency {
        query = query.filter(product::Column::Currency.eq(currency.as_str()));
    }
    let total = query.clone().count(db).await?;
    let rows = query
        .find_also_related(company::Entity)
        .order_by_asc(product::Column::Code)
        .offset(page.offset())
        .limit(page.size)
        .all(db)
        .await?;
    let items = rows
        .into_iter()
        .map(|(p, c)| ProductListItem {
            id: p.id,
            code: p.code,
            name: p.name,
            kind: p.kind,
            currency: p.currency,
            status: p.status,
            company_name: c.map(|c| c.name).unwrap_or_default(),
        })
        .collect();
    Ok(Paged {
        items,
        total,
        request: page,
    })
}

/// The currencies products are sold in, for the catalog's filter (a scan of the small
/// products table, returning a handful of rows).
///
/// # Errors
/// Database errors only.
pub async fn product_currencies(db: &impl ConnectionTrait) -> Result<Vec<String>, StoreError> {
    Ok(product::Entity::find()
        .select_only()
        .column(product::Column::Currency)
        .distinct()
        .order_by_asc(product::Column::Currency)
        .into_tuple::<String>()
        .all(db)
        .await?)
}

/// (active, suspended) product counts, counted by the database.
///
/// # Errors
/// Database errors only.
pub async fn product_counts(db: &impl ConnectionTrait) -> Result<(u64, u64), StoreError> {
    let count = |status: &'static str| {
        product::Entity::find()
            .filter(product::Column::Status.eq(status))
            .count(db)
    };
    Ok((count("active").await?, count("suspended").await?))
}

/// The bank's settings; `None` until the bank is set up.
///
/// # Errors
/// Database errors; `Invalid` for a stored currency Kombi does not know.
pub async fn bank_settings(db: &impl ConnectionTrait) -> Result<Option<BankSettings>, StoreError> {
    let Some(row) = bank_settings::Entity::find()
        .order_by_asc(bank_settings::Column::Id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let reporting_currency = Currency::parse(&row.reporting_currency)
        .map_err(|e| StoreError::Invalid(format!("bank settings: {e}")))?;
    Ok(Some(BankSettings {
        name: row.name,
        reporting_currency,
        bundle: BundleParams {
            lifetime_years: amount(row.bundle_lifetime_years),
            overhead_rate: rate(row.bundle_overhead_rate),
            target_margin: rate(row.target_margin),
        },
        addon_anchor_threshold: rate(row.addon_anchor_threshold),
        desk: DeskSettings {
            verify_data_minutes: amount(row.verify_data_minutes),
            credit_decision_minutes: amount(row.credit_decision_minutes),
            offer_valid_days: u32::try_from(row.offer_valid_days).unwrap_or(0),
        },
    }))
}

/// Every sales point, by code.
///
/// # Errors
/// Database errors only.
pub async fn sales_points(db: &impl ConnectionTrait) -> Result<Vec<SalesPoint>, StoreError> {
    Ok(sales_point::Entity::find()
        .order_by_asc(sales_point::Column::Code)
        .all(db)
        .await?
        .into_iter()
        .map(|row| SalesPoint {
            costs: point_costs(&row),
            code: row.code,
            name: row.name,
            city: row.city,
            region: row.region,
            format: row.format,
            active: row.active,
            // A stored list Kombi wrote itself; were it ever unreadable, the point opens
            // nothing rather than everything.
            opens: OpenableKinds::parse(&row.product_kinds)
                .unwrap_or_else(|_| OpenableKinds::Only(Default::default())),
        })
        .collect())
}

/// The sales points that are open for business, by code.
///
/// # Errors
/// Database errors only.
pub async fn active_sales_points(db: &impl ConnectionTrait) -> Result<Vec<SalesPoint>, StoreError> {
    let mut points = sales_points(db).await?;
    points.retain(|p| p.active);
    Ok(points)
}

/// What a visit costs at this point, in the reporting currency.
fn point_costs(point: &sales_point::Model) -> SalesPointCosts {
    SalesPointCosts {
        branch_cost_per_minute: amount(point.branch_cost_per_minute),
        visit_overhead_minutes: amount(point.visit_overhead_minutes),
        visit_limit_minutes: point.visit_limit_minutes.map(amount),
    }
}

/// How far back rates are loaded: older ones can never be the latest on `on` for a currency
/// that is still quoted, and the table grows by a row per currency per day.
const RATE_HISTORY_DAYS: i64 = 400;

/// The exchange rates that can apply on `on`, into the reporting currency.
///
/// # Errors
/// Database errors; `Invalid` for a stored rate that is not a currency or not positive.
pub async fn exchange_rates(
    db: &impl ConnectionTrait,
    reporting: Currency,
    on: NaiveDate,
) -> Result<ExchangeRates, StoreError> {
    let since = on - chrono::Duration::days(RATE_HISTORY_DAYS);
    let rows = exchange_rate::Entity::find()
        .filter(exchange_rate::Column::RateDate.lte(on))
        .filter(exchange_rate::Column::RateDate.gte(since))
        .all(db)
        .await?;
    let mut rates = ExchangeRates::new(reporting);
    for row in rows {
        let currency =
            Currency::parse(&row.currency).map_err(|e| StoreError::Invalid(e.to_string()))?;
        rates
            .insert(row.rate_date, currency, rate(row.rate))
            .map_err(|e| {
                StoreError::Invalid(format!(
                    "exchange rate {} on {}: {e}",
                    row.currency, row.rate_date
                ))
            })?;
    }
    Ok(rates)
}
