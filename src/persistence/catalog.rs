//! The bank's settings, group companies, sales points and product catalog.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::StoreError;
use super::entities::{bank_settings, company, product, sales_point};

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

/// # Errors
/// Database errors only.
pub async fn list_products(
    db: &impl ConnectionTrait,
    filter: &ProductFilter,
) -> Result<Vec<ProductListItem>, StoreError> {
    let mut query = product::Entity::find().find_also_related(company::Entity);
    if let Some(kind) = &filter.kind {
        query = query.filter(product::Column::Kind.eq(kind.as_str()));
    }
    if let Some(status) = &filter.status {
        query = query.filter(product::Column::Status.eq(status.as_str()));
    }
    if let Some(currency) = &filter.currency {
        query = query.filter(product::Column::Currency.eq(currency.as_str()));
    }
    let rows = query
        .order_by_asc(product::Column::Code)
        .limit(1000)
        .all(db)
        .await?;
    Ok(rows
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
        .collect())
}

/// # Errors
/// Database errors only.
pub async fn bank_settings(
    db: &impl ConnectionTrait,
) -> Result<Option<bank_settings::Model>, StoreError> {
    Ok(bank_settings::Entity::find()
        .order_by_asc(bank_settings::Column::Id)
        .one(db)
        .await?)
}

/// # Errors
/// Database errors only.
pub async fn sales_points(
    db: &impl ConnectionTrait,
) -> Result<Vec<sales_point::Model>, StoreError> {
    Ok(sales_point::Entity::find()
        .order_by_asc(sales_point::Column::Code)
        .all(db)
        .await?)
}
