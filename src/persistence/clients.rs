//! CRM clients: batch upserts for imports and the demo, and lookups for the desk.

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use sha2::{Digest, Sha256};

use super::StoreError;
use super::entities::client;
use super::scaled::{AMOUNT_SCALE, to_units};
use crate::domain::client::Client;

/// Rows per INSERT: well under SQLite's and PostgreSQL's bound-parameter limits.
pub const BATCH_ROWS: usize = 500;

/// `|a|b|` — so that `LIKE '%|a|%'` matches one whole element on both backends.
fn delimited(items: &[String]) -> String {
    if items.is_empty() {
        String::new()
    } else {
        format!("|{}|", items.join("|"))
    }
}

/// The lower-cased name that name searches run against.
pub fn search_key(name: &str) -> String {
    name.trim().to_lowercase()
}

fn to_active_model(
    client: &Client,
    sales_point_ids: &HashMap<String, i32>,
) -> Result<client::ActiveModel, StoreError> {
    let income = client
        .monthly_income
        .map(|income| to_units(income, AMOUNT_SCALE, "monthly_income"))
        .transpose()
        .map_err(|e| StoreError::Invalid(format!("client {}: {e}", client.crm_id.as_str())))?;
    let home_sales_point_id = match &client.home_sales_point {
        None => None,
        Some(code) => Some(
            *sales_point_ids
                .get(code)
                .ok_or_else(|| StoreError::NotFound {
                    what: format!(
                        "sales point {code} (home of client {})",
                        client.crm_id.as_str()
                    ),
                })?,
        ),
    };
    let custom = serde_json::to_string(&client.custom_attributes)
        .map_err(|e| StoreError::Invalid(e.to_string()))?;
    let content_hash = content_hash(client)?;
    let now = Utc::now();
    Ok(client::ActiveModel {
        crm_id: Set(client.crm_id.as_str().to_string()),
        full_name: Set(client.full_name.clone()),
        search_name: Set(search_key(&client.full_name)),
        birth_date: Set(client.birth_date),
        gender: Set(client.gender.map(|g| g.as_str().to_string())),
        employment: Set(client.employment.map(|e| e.as_str().to_string())),
        monthly_income: Set(income),
        income_currency: Set(client.income_currency.clone()),
        city: Set(client.city.clone()),
        city_population: Set(client.city_population),
        region: Set(client.region.clone()),
        marital_status: Set(client.marital_status.map(|m| m.as_str().to_string())),
        children: Set(client.children),
        lifestyle_tags: Set(delimited(&client.lifestyle_tags)),
        digital_affinity: Set(client.digital_affinity.map(|d| d.as_str().to_string())),
        preferred_language: Set(client.preferred_language.clone()),
        islamic_banking: Set(client.islamic_banking),
        products_held: Set(delimited(&client.products_held)),
        consent_to_offers: Set(client.consent_to_offers),
        data_verified_on: Set(client.data_verified_on),
        home_sales_point_id: Set(home_sales_point_id),
        custom_attributes: Set(custom),
        content_hash: Set(content_hash),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    })
}

/// SHA-256 of everything stored about the client (serde's field order is fixed, maps sorted).
fn content_hash(client: &Client) -> Result<String, StoreError> {
    let canonical = serde_json::to_vec(client).map_err(|e| StoreError::Invalid(e.to_string()))?;
    Ok(hex::encode(Sha256::digest(&canonical)))
}

/// Inserts new clients and updates changed ones, by CRM id, one statement per
/// [`BATCH_ROWS`]. A row whose content is unchanged is not written at all, so re-importing the
/// same file changes nothing (not even `updated_at`). Returns how many rows were written.
///
/// # Errors
/// `NotFound` for an unknown home sales point; database errors.
pub async fn upsert(
    db: &impl ConnectionTrait,
    clients: &[Client],
    sales_point_ids: &HashMap<String, i32>,
) -> Result<u64, StoreError> {
    use client::Column as C;
    let mut written = 0;
    for chunk in clients.chunks(BATCH_ROWS) {
        let models = chunk
            .iter()
            .map(|c| to_active_model(c, sales_point_ids))
            .collect::<Result<Vec<_>, _>>()?;
        let on_conflict = OnConflict::column(C::CrmId)
            .update_columns([
                C::FullName,
                C::SearchName,
                C::BirthDate,
                C::Gender,
                C::Employment,
                C::MonthlyIncome,
                C::IncomeCurrency,
                C::City,
                C::CityPopulation,
                C::Region,
                C::MaritalStatus,
                C::Children,
                C::LifestyleTags,
                C::DigitalAffinity,
                C::PreferredLanguage,
                C::IslamicBanking,
                C::ProductsHeld,
                C::ConsentToOffers,
                C::DataVerifiedOn,
                C::HomeSalesPointId,
                C::CustomAttributes,
                C::ContentHash,
                C::UpdatedAt,
            ])
            .action_and_where(Expr::cust(
                r#""clients"."content_hash" <> "excluded"."content_hash""#,
            ))
            .to_owned();
        written += client::Entity::insert_many(models)
            .on_conflict(on_conflict)
            .exec_without_returning(db)
            .await?;
    }
    Ok(written)
}

/// Inserts clients whose CRM id is not stored yet, in one statement per [`BATCH_ROWS`];
/// existing clients are left untouched. Returns how many rows were inserted.
///
/// # Errors
/// `NotFound` for an unknown home sales point; database errors.
pub async fn insert_new(
    db: &impl ConnectionTrait,
    clients: &[Client],
    sales_point_ids: &HashMap<String, i32>,
) -> Result<u64, StoreError> {
    let mut inserted = 0;
    for chunk in clients.chunks(BATCH_ROWS) {
        let models = chunk
            .iter()
            .map(|c| to_active_model(c, sales_point_ids))
            .collect::<Result<Vec<_>, _>>()?;
        inserted += client::Entity::insert_many(models)
            .on_conflict(
                OnConflict::column(client::Column::CrmId)
                    .do_nothing()
                    .to_owned(),
            )
            .exec_without_returning(db)
            .await?;
    }
    Ok(inserted)
}

/// # Errors
/// Database errors only.
pub async fn count(db: &impl ConnectionTrait) -> Result<u64, StoreError> {
    Ok(client::Entity::find().count(db).await?)
}

/// # Errors
/// Database errors only.
pub async fn find_by_crm_id(
    db: &impl ConnectionTrait,
    crm_id: &str,
) -> Result<Option<client::Model>, StoreError> {
    Ok(client::Entity::find()
        .filter(client::Column::CrmId.eq(crm_id.trim()))
        .one(db)
        .await?)
}

/// Clients for the desk's search box: an exact CRM id, or a name starting with the query
/// (case-insensitive), through the indexes on `crm_id` and `search_name`.
///
/// # Errors
/// Database errors only.
pub async fn search(
    db: &impl ConnectionTrait,
    query: &str,
    limit: u64,
) -> Result<Vec<client::Model>, StoreError> {
    let query = query.trim();
    if query.is_empty() {
        return Ok(Vec::new());
    }
    if let Some(found) = find_by_crm_id(db, query).await? {
        return Ok(vec![found]);
    }
    let prefix = search_key(query);
    // A range instead of LIKE: both backends use the b-tree index for it, whatever the collation.
    let upper = format!("{prefix}\u{10FFFF}");
    Ok(client::Entity::find()
        .filter(client::Column::SearchName.gte(prefix.as_str()))
        .filter(client::Column::SearchName.lt(upper.as_str()))
        .order_by_asc(client::Column::SearchName)
        .limit(limit)
        .all(db)
        .await?)
}
