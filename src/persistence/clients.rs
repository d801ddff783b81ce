//! CRM clients: batch upserts for imports and the demo, and lookups for the desk.

use std::collections::HashMap;
use std::str::FromStr;

use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};

use super::StoreError;
use super::client_rows::{StoredClient, WRITTEN_COLUMNS};
use super::entities::client;
use crate::domain::client::names::search_spellings;
use crate::domain::client::{Client, ClientDraft, phone_search_prefix};
use crate::persistence::entities::sales_point;

/// Rows per INSERT: well under SQLite's and PostgreSQL's bound-parameter limits.
pub const BATCH_ROWS: usize = 500;

pub use super::client_rows::search_key;

/// What an upsert overwrites: every column a write sets but the CRM id, and `updated_at`; the
/// same list the PostgreSQL `COPY` path writes, so the two cannot drift apart.
fn updated_columns() -> Vec<client::Column> {
    WRITTEN_COLUMNS
        .iter()
        .filter(|name| **name != "crm_id")
        .chain(std::iter::once(&"updated_at"))
        .map(|name| {
            client::Column::from_str(name)
                .unwrap_or_else(|_| unreachable!("{name} is a column of clients"))
        })
        .collect()
}

fn stored(
    clients: &[Client],
    sales_point_ids: &HashMap<String, i32>,
) -> Result<Vec<StoredClient>, StoreError> {
    Ok(clients
        .iter()
        .map(|c| StoredClient::new(c, sales_point_ids))
        .collect::<Result<_, _>>()?)
}

/// Inserts new clients and updates changed ones, by CRM id (see [`upsert_rows`]); when any
/// was written, records that the clients changed (`generation::clients_did_change`).
///
/// # Errors
/// `InvalidField` for a client that cannot be stored (unknown home sales point, income out of
/// range); database errors.
pub async fn upsert(
    db: &impl ConnectionTrait,
    clients: &[Client],
    sales_point_ids: &HashMap<String, i32>,
) -> Result<u64, StoreError> {
    let written = upsert_rows(db, stored(clients, sales_point_ids)?)
        .await?
        .total();
    if written > 0 {
        super::generation::clients_did_change(db).await?;
    }
    Ok(written)
}

/// What a batch of upserts did: clients added, and stored clients whose content changed (the
/// rest were unchanged and not written).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Written {
    pub new: u64,
    pub updated: u64,
}

impl Written {
    pub fn total(self) -> u64 {
        self.new + self.updated
    }
}

/// Inserts new rows and updates changed ones, by CRM id, one statement per [`BATCH_ROWS`]. A
/// row whose content is unchanged is not written at all, so re-importing the same file changes
/// nothing (not even `updated_at`). Returns how many rows were added and how many changed.
///
/// # Errors
/// Database errors only.
pub async fn upsert_rows(
    db: &impl ConnectionTrait,
    rows: Vec<StoredClient>,
) -> Result<Written, StoreError> {
    use client::Column as C;
    let mut counts = Written::default();
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let batch: Vec<StoredClient> = rows.by_ref().take(BATCH_ROWS).collect();
        // Which of the batch are stored already: the rest are new (one query per batch).
        let ids: Vec<String> = batch.iter().map(|r| r.crm_id.clone()).collect();
        let stored = client::Entity::find()
            .filter(C::CrmId.is_in(ids))
            .count(db)
            .await?;
        let new = batch.len() as u64 - stored;
        let models: Vec<_> = batch
            .into_iter()
            .map(StoredClient::into_active_model)
            .collect();
        let on_conflict = OnConflict::column(C::CrmId)
            .update_columns(updated_columns())
            .action_and_where(Expr::cust(
                r#""clients"."content_hash" <> "excluded"."content_hash""#,
            ))
            .to_owned();
        let written = client::Entity::insert_many(models)
            .on_conflict(on_conflict)
            .exec_without_returning(db)
            .await?;
        counts.new += new;
        counts.updated += written.saturating_sub(new);
    }
    Ok(counts)
}

/// Inserts clients whose CRM id is not stored yet, in one statement per [`BATCH_ROWS`];
/// existing clients are left untouched. Returns how many rows were inserted.
///
/// # Errors
/// `InvalidField` for a client that cannot be stored; database errors.
pub async fn insert_new(
    db: &impl ConnectionTrait,
    clients: &[Client],
    sales_point_ids: &HashMap<String, i32>,
) -> Result<u64, StoreError> {
    let mut inserted = 0;
    for chunk in clients.chunks(BATCH_ROWS) {
        let models: Vec<_> = stored(chunk, sales_point_ids)?
            .into_iter()
            .map(StoredClient::into_active_model)
            .collect();
        inserted += client::Entity::insert_many(models)
            .on_conflict(
                OnConflict::column(client::Column::CrmId)
                    .do_nothing()
                    .to_owned(),
            )
            .exec_without_returning(db)
            .await?;
    }
    if inserted > 0 {
        super::generation::clients_did_change(db).await?;
    }
    Ok(inserted)
}

/// # Errors
/// Database errors only.
pub async fn count(db: &impl ConnectionTrait) -> Result<u64, StoreError> {
    Ok(client::Entity::find().count(db).await?)
}

/// The stored row (for checks of the storage itself; pages use [`load`]).
///
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

/// Whether some client's CRM id starts with `prefix` (a range over the id's index; ids compare
/// byte by byte on both backends).
///
/// # Errors
/// Database errors.
pub async fn any_id_starting_with(
    db: &impl ConnectionTrait,
    prefix: &str,
) -> Result<bool, StoreError> {
    let found = client::Entity::find()
        .select_only()
        .column(client::Column::Id)
        .filter(client::Column::CrmId.gte(prefix))
        .filter(client::Column::CrmId.lt(format!("{prefix}\u{10FFFF}")))
        .limit(1)
        .into_tuple::<i64>()
        .one(db)
        .await?;
    Ok(found.is_some())
}

/// A client's row as the desk reads it: with its home point's code and the bank's generation
/// (see `persistence::generation`), in one query.
pub struct DeskRow {
    pub row: client::Model,
    pub home_point: Option<String>,
    pub generation: i64,
}

impl sea_orm::FromQueryResult for DeskRow {
    fn from_query_result(row: &sea_orm::QueryResult, pre: &str) -> Result<Self, sea_orm::DbErr> {
        Ok(Self {
            row: client::Model::from_query_result(row, pre)?,
            home_point: row.try_get(pre, "home_point")?,
            generation: row.try_get(pre, "bank_generation")?,
        })
    }
}

/// The client with this CRM id for the desk (see [`DeskRow`]).
///
/// # Errors
/// Database errors only.
pub async fn find_for_desk(
    db: &impl ConnectionTrait,
    crm_id: &str,
) -> Result<Option<DeskRow>, StoreError> {
    Ok(client::Entity::find()
        .filter(client::Column::CrmId.eq(crm_id.trim()))
        .column_as(
            Expr::cust(
                "(SELECT code FROM sales_points WHERE sales_points.id = clients.home_sales_point_id)",
            ),
            "home_point",
        )
        .column_as(
            Expr::cust("(SELECT generation FROM bank_generation WHERE id = 1)"),
            "bank_generation",
        )
        .into_model::<DeskRow>()
        .one(db)
        .await?)
}

/// A client as a list of search results shows it (only these columns are read).
#[derive(Clone, Debug, PartialEq, Eq, sea_orm::FromQueryResult)]
pub struct ClientListing {
    pub crm_id: String,
    pub full_name: String,
    pub birth_date: Option<NaiveDate>,
    pub city: Option<String>,
    pub phone: Option<String>,
}

impl From<client::Model> for ClientListing {
    fn from(row: client::Model) -> Self {
        Self {
            crm_id: row.crm_id,
            full_name: row.full_name,
            birth_date: row.birth_date,
            city: row.city,
            phone: row.phone,
        }
    }
}

/// What a search found: the first clients by name, and how many match in all.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchResults {
    pub clients: Vec<ClientListing>,
    /// How many clients match, counted up to [`SEARCH_COUNT_CAP`].
    pub total: u64,
}

impl SearchResults {
    /// More clients match than the cap counts: the advisor should refine.
    pub fn beyond_count(&self) -> bool {
        self.total >= SEARCH_COUNT_CAP
    }
}

/// Matches beyond this are not counted: "over 200, refine" is all an advisor needs to know, and
/// counting stops early (a common surname matches thousands among a million clients).
pub const SEARCH_COUNT_CAP: u64 = 200;

/// The columns of a [`ClientListing`].
fn listing<E: EntityTrait>(
    select: sea_orm::Select<E>,
) -> sea_orm::Selector<sea_orm::SelectModel<ClientListing>> {
    select
        .select_only()
        .columns([
            client::Column::CrmId,
            client::Column::FullName,
            client::Column::BirthDate,
            client::Column::City,
            client::Column::Phone,
        ])
        .into_model::<ClientListing>()
}

/// The CRM ids `query` could be, typed in any case, or as its digits alone when the bank's
/// CRM ids are a prefix and a number (`CRM-0000001` for `1` or `0000001`).
async fn typed_crm_ids(db: &impl ConnectionTrait, query: &str) -> Result<Vec<String>, StoreError> {
    let mut candidates = vec![
        query.to_string(),
        query.to_uppercase(),
        query.to_lowercase(),
    ];
    if !query.is_empty() && query.len() <= 18 && query.bytes().all(|b| b.is_ascii_digit()) {
        // The shape of this bank's ids, read off any one of them.
        let sample = client::Entity::find()
            .select_only()
            .column(client::Column::CrmId)
            .limit(1)
            .into_tuple::<String>()
            .one(db)
            .await?;
        if let Some(sample) = sample {
            let digits = sample
                .chars()
                .rev()
                .take_while(char::is_ascii_digit)
                .count();
            let prefix = &sample[..sample.len() - digits];
            if let Ok(number) = query.parse::<u64>() {
                candidates.push(format!("{prefix}{number:0digits$}"));
            }
        }
    }
    candidates.sort();
    candidates.dedup();
    Ok(candidates)
}

/// A listing row, the index of the spelling whose range found it (-1: the CRM id), and how
/// many clients that range holds (counted up to [`SEARCH_COUNT_CAP`]).
struct PageRow {
    spelling: i32,
    matches: i64,
    listing: ClientListing,
}

impl sea_orm::FromQueryResult for PageRow {
    fn from_query_result(row: &sea_orm::QueryResult, pre: &str) -> Result<Self, sea_orm::DbErr> {
        Ok(Self {
            spelling: row.try_get(pre, "spelling")?,
            matches: row.try_get(pre, "matches")?,
            listing: ClientListing::from_query_result(row, pre)?,
        })
    }
}

/// In one statement: the client whose CRM id is one of `crm_ids`, and the first `limit`
/// clients by name in each of `ranges` (`[from, to)` of `search_name`) with the count of the
/// range — a `UNION ALL` of index lookups and ordered, limited index range scans, the counts
/// as uncorrelated subqueries (evaluated once each).
async fn search_statement(
    db: &impl ConnectionTrait,
    crm_ids: &[String],
    ranges: &[(String, String)],
    limit: u64,
) -> Result<Vec<PageRow>, StoreError> {
    let backend = db.get_database_backend();
    let mut values: Vec<sea_orm::Value> = Vec::new();
    // Only numbers and placeholders are written into the text; the rest are parameters.
    let mut bind = |value: &str| {
        values.push(value.into());
        match backend {
            sea_orm::DatabaseBackend::Postgres => format!("${}", values.len()),
            _ => "?".to_owned(),
        }
    };
    const COLUMNS: &str = "crm_id, full_name, birth_date, city, phone";
    let mut parts = Vec::with_capacity(ranges.len() + 1);
    if !crm_ids.is_empty() {
        let list: Vec<String> = crm_ids.iter().map(|id| bind(id)).collect();
        parts.push(format!(
            "SELECT -1 AS spelling, CAST(1 AS BIGINT) AS matches, {COLUMNS} FROM \
             (SELECT {COLUMNS} FROM clients WHERE crm_id IN ({}) LIMIT 1) AS by_id",
            list.join(", ")
        ));
    }
    for (i, (from, to)) in ranges.iter().enumerate() {
        let (count_from, count_to) = (bind(from), bind(to));
        let (page_from, page_to) = (bind(from), bind(to));
        parts.push(format!(
            "SELECT {i} AS spelling, (SELECT COUNT(*) FROM (SELECT 1 FROM clients \
             WHERE search_name >= {count_from} AND search_name < {count_to} \
             LIMIT {SEARCH_COUNT_CAP}) AS range{i}) AS matches, {COLUMNS} FROM \
             (SELECT {COLUMNS} FROM clients WHERE search_name >= {page_from} \
             AND search_name < {page_to} ORDER BY search_name LIMIT {limit}) AS page{i}"
        ));
    }
    if parts.is_empty() {
        return Ok(Vec::new());
    }
    let statement =
        sea_orm::Statement::from_sql_and_values(backend, parts.join(" UNION ALL "), values);
    Ok(
        <PageRow as sea_orm::FromQueryResult>::find_by_statement(statement)
            .all(db)
            .await?,
    )
}

/// Clients whose phone starts with `prefix` (a stored form, `+7916…`), through
/// `idx_clients_phone`: up to `limit` by number, and the count of all matches.
async fn search_by_phone(
    db: &impl ConnectionTrait,
    prefix: &str,
    limit: u64,
) -> Result<SearchResults, StoreError> {
    // A range, as for names: `+` and digits sort before U+10FFFF byte by byte.
    let upper = format!("{prefix}\u{10FFFF}");
    let matching = || {
        client::Entity::find()
            .filter(client::Column::Phone.gte(prefix))
            .filter(client::Column::Phone.lt(upper.as_str()))
    };
    let rows = listing(
        matching()
            .order_by_asc(client::Column::Phone)
            .order_by_asc(client::Column::CrmId)
            .limit(limit),
    )
    .all(db)
    .await?;
    let total = if (rows.len() as u64) < limit {
        rows.len() as u64
    } else {
        matching().limit(SEARCH_COUNT_CAP).count(db).await?
    };
    Ok(SearchResults {
        clients: rows,
        total: total.min(SEARCH_COUNT_CAP),
    })
}

/// Clients for the desk's search box: a CRM id (any case, or its digits alone); else, when the
/// query looks like a phone number (an optional `+` and at least five digits, separators
/// aside), the numbers starting with it as stored (`8 916 12` and `916 12` find `+791612…`,
/// see [`phone_search_prefix`]); else names starting with the query in either script
/// (`Иванова` finds `Ivanova`). Each through its index (`crm_id`, `phone`, `search_name`).
/// Up to `limit` clients, by number or by name, and the count of all matches.
///
/// # Errors
/// Database errors only.
pub async fn search(
    db: &impl ConnectionTrait,
    query: &str,
    limit: u64,
) -> Result<SearchResults, StoreError> {
    let query = query.trim();
    if query.is_empty() {
        return Ok(SearchResults::default());
    }
    let phone = phone_search_prefix(query);
    // A range instead of LIKE: both backends use the b-tree index for it, whatever the
    // collation. A query that reads as a phone number is not looked up as a name.
    let ranges: Vec<(String, String)> = if phone.is_some() {
        Vec::new()
    } else {
        search_spellings(query)
            .iter()
            .map(|spelling| {
                let prefix = search_key(spelling);
                let upper = format!("{prefix}\u{10FFFF}");
                (prefix, upper)
            })
            .collect()
    };
    let crm_ids = typed_crm_ids(db, query).await?;
    let rows = search_statement(db, &crm_ids, &ranges, limit).await?;
    if let Some(found) = rows.iter().find(|row| row.spelling < 0) {
        return Ok(SearchResults {
            clients: vec![found.listing.clone()],
            total: 1,
        });
    }
    if let Some(prefix) = phone {
        return search_by_phone(db, &prefix, limit).await;
    }
    let mut clients: Vec<ClientListing> = Vec::new();
    let mut total = 0;
    for i in 0..ranges.len() {
        let page = rows
            .iter()
            .filter(|row| usize::try_from(row.spelling).ok() == Some(i));
        // Every row of a range carries the range's count; a range with no row has none.
        total += page
            .clone()
            .next()
            .map_or(0, |row| u64::try_from(row.matches).unwrap_or(0));
        clients.extend(page.map(|row| row.listing.clone()));
    }
    clients.sort_by_cached_key(|c| search_key(&c.full_name));
    clients.dedup_by(|a, b| a.crm_id == b.crm_id);
    clients.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    Ok(SearchResults {
        clients,
        total: total.min(SEARCH_COUNT_CAP),
    })
}

fn split_delimited(stored: &str) -> Vec<String> {
    stored
        .split('|')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Reads a stored row back as a domain client, re-checking it on the way.
///
/// # Errors
/// `Invalid` for a row that no longer parses (edited by hand).
pub fn to_domain(
    row: &client::Model,
    home_sales_point: Option<String>,
) -> Result<Client, StoreError> {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let draft = ClientDraft {
        crm_id: row.crm_id.clone(),
        full_name: row.full_name.clone(),
        phone: text(&row.phone),
        birth_date: row.birth_date.map(|d| d.to_string()).unwrap_or_default(),
        age: row.stated_age.map(|a| a.to_string()).unwrap_or_default(),
        age_as_of: row.age_as_of.map(|d| d.to_string()).unwrap_or_default(),
        gender: text(&row.gender),
        employment: text(&row.employment),
        monthly_income: row
            .monthly_income_exact
            .clone()
            .or_else(|| {
                row.monthly_income
                    .map(|units| super::scaled::amount(units).normalize().to_string())
            })
            .unwrap_or_default(),
        income_currency: text(&row.income_currency),
        city: text(&row.city),
        city_population: row
            .city_population
            .map(|p| p.to_string())
            .unwrap_or_default(),
        region: text(&row.region),
        marital_status: text(&row.marital_status),
        children: row.children.map(|c| c.to_string()).unwrap_or_default(),
        lifestyle_tags: split_delimited(&row.lifestyle_tags),
        digital_affinity: text(&row.digital_affinity),
        preferred_language: text(&row.preferred_language),
        islamic_banking: row.islamic_banking.to_string(),
        products_held: split_delimited(&row.products_held),
        consent_to_offers: row.consent_to_offers.to_string(),
        data_verified_on: row
            .data_verified_on
            .map(|d| d.to_string())
            .unwrap_or_default(),
        home_sales_point: home_sales_point.unwrap_or_default(),
        custom_attributes: serde_json::from_str(&row.custom_attributes).map_err(|e| {
            StoreError::Invalid(format!("client {}: custom attributes: {e}", row.crm_id))
        })?,
    };
    // Stored records were checked against the date when written; a record is read back
    // whatever today's date is.
    draft
        .parse(chrono::NaiveDate::MAX)
        .map_err(|e| StoreError::Invalid(format!("client {}: {e}", row.crm_id)))
}

/// The client with this CRM id, as a domain value.
///
/// # Errors
/// Database errors; `Invalid` for a corrupt row.
pub async fn load(db: &impl ConnectionTrait, crm_id: &str) -> Result<Option<Client>, StoreError> {
    match find_by_crm_id(db, crm_id).await? {
        Some(row) => row_to_domain(db, &row).await.map(Some),
        None => Ok(None),
    }
}

/// A row already read, as a domain client (looking up its home sales point's code).
///
/// # Errors
/// Database errors; `Invalid` for a corrupt row.
pub async fn row_to_domain(
    db: &impl ConnectionTrait,
    row: &client::Model,
) -> Result<Client, StoreError> {
    let point = match row.home_sales_point_id {
        Some(id) => sales_point::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|p| p.code),
        None => None,
    };
    to_domain(row, point)
}

/// Sales point ids by code, for writing clients' home sales points.
///
/// # Errors
/// Database errors only.
pub async fn sales_point_ids(
    db: &impl ConnectionTrait,
) -> Result<HashMap<String, i32>, StoreError> {
    Ok(sales_point::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.code, p.id))
        .collect())
}
