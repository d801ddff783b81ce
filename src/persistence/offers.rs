//! Offers recorded at the desk, read back as domain records, and the counts the results page
//! shows. An offer is inserted once and never changed (the migration's triggers refuse UPDATE
//! and DELETE); core banking's confirmations of opening are rows of their own.

use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::{Decimal, RoundingStrategy};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    FromQueryResult, QueryFilter, QueryOrder, QuerySelect, TransactionTrait,
};

use super::entities::{offer, offer_opening, offer_position};
use super::scaled::{AMOUNT_SCALE, RATE_SCALE, amount, rate, to_units};
use super::{StoreError, is_unique_violation};
use crate::domain::audit::Entry;
use crate::domain::money::Currency;
use crate::domain::offer::{
    Badge, DeclineReason, OfferRecord, Outcome, PositionRole, PositionStatus, RecordedPosition,
    Tally,
};
use crate::domain::product::Terms;

/// A recorded offer with its id, when it was stored, and what core banking confirmed opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredOffer {
    pub id: i32,
    pub record: OfferRecord,
    pub created_at: DateTime<Utc>,
    pub openings: Vec<Opening>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Opening {
    pub product: String,
    pub opened_on: NaiveDate,
    pub recorded_by: String,
}

/// What recording did: stored a new offer, or found the one stored with the same key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Recorded {
    New(i32),
    /// The same form sent twice (a double-click): one offer.
    Existing(i32),
}

impl Recorded {
    pub fn id(self) -> i32 {
        match self {
            Self::New(id) | Self::Existing(id) => id,
        }
    }
}

/// Money rounded to what is stored (a hundredth of a kopeck): rounding is storage's business.
fn money(value: Decimal, field: &str) -> Result<i64, StoreError> {
    let rounded =
        value.round_dp_with_strategy(AMOUNT_SCALE, RoundingStrategy::MidpointAwayFromZero);
    Ok(to_units(rounded, AMOUNT_SCALE, field)?)
}

fn fraction(value: Decimal, field: &str) -> Result<i64, StoreError> {
    let rounded = value.round_dp_with_strategy(RATE_SCALE, RoundingStrategy::MidpointAwayFromZero);
    Ok(to_units(rounded, RATE_SCALE, field)?)
}

async fn find_by_key(db: &impl ConnectionTrait, key: &str) -> Result<Option<i32>, StoreError> {
    Ok(offer::Entity::find()
        .select_only()
        .column(offer::Column::Id)
        .filter(offer::Column::RequestKey.eq(key))
        .into_tuple::<i32>()
        .one(db)
        .await?)
}

/// Stores `record` for the client with row id `client_id`, once per request key, with the
/// audit entry `audited` gives for the new offer's number (none for the demo's offers).
///
/// # Errors
/// Database errors; `InvalidField` for a figure too large to store.
pub async fn insert(
    db: &DatabaseConnection,
    record: &OfferRecord,
    client_id: i64,
    audited: impl FnOnce(i32) -> Option<Entry>,
) -> Result<Recorded, StoreError> {
    if let Some(id) = find_by_key(db, &record.request_key).await? {
        return Ok(Recorded::Existing(id));
    }
    let (decline_reason, decline_note) = match &record.outcome {
        Outcome::Declined { reason, note } => (
            Some(reason.as_str().to_owned()),
            (!note.is_empty()).then(|| note.clone()),
        ),
        _ => (None, None),
    };
    let row = offer::ActiveModel {
        request_key: Set(record.request_key.clone()),
        client_id: Set(client_id),
        crm_id: Set(record.crm_id.clone()),
        client_name: Set(record.client_name.clone()),
        advisor_id: Set(record.advisor_id),
        advisor_name: Set(record.advisor_name.clone()),
        sales_point: Set(record.sales_point.clone()),
        segment: Set(record.segment.clone()),
        matrix_version: Set(i32::try_from(record.matrix_version).unwrap_or(i32::MAX)),
        main_product: Set(record.main_product.clone()),
        outcome: Set(record.outcome.as_str().to_owned()),
        decline_reason: Set(decline_reason),
        decline_note: Set(decline_note),
        badge: Set(record.badge.as_str().to_owned()),
        flagged_for_finance: Set(record.flagged_for_finance),
        currency: Set(record.currency.as_str().to_owned()),
        revenue: Set(money(record.revenue, "revenue")?),
        profit: Set(money(record.profit, "profit")?),
        margin: Set(record.margin.map(|m| fraction(m, "margin")).transpose()?),
        fees_per_year: Set(money(record.fees_per_year, "fees_per_year")?),
        separate_fees_per_year: Set(money(
            record.separate_fees_per_year,
            "separate_fees_per_year",
        )?),
        one_off_fees: Set(money(record.one_off_fees, "one_off_fees")?),
        interest_earned_per_year: Set(money(
            record.interest_earned_per_year,
            "interest_earned_per_year",
        )?),
        visit_minutes: Set(money(record.visit_minutes, "visit_minutes")?),
        valid_until: Set(record.valid_until),
        offered_on: Set(record.offered_on),
        created_at: Set(Utc::now()),
        ..Default::default()
    };
    let mut positions = Vec::with_capacity(record.positions.len());
    for (ordinal, p) in record.positions.iter().enumerate() {
        positions.push(offer_position::ActiveModel {
            offer_id: Set(0),
            ordinal: Set(i32::try_from(ordinal).unwrap_or(i32::MAX)),
            product: Set(p.product.clone()),
            product_name: Set(p.product_name.clone()),
            role: Set(p.role.as_str().to_owned()),
            status: Set(p.status.as_str().to_owned()),
            accepted: Set(p.accepted),
            expected_take_up: Set(p
                .expected_take_up
                .map(|t| fraction(t, "expected_take_up"))
                .transpose()?),
            chosen_amount: Set(p
                .chosen_amount
                .map(|a| money(a, "chosen_amount"))
                .transpose()?),
            subject_to_approval: Set(p.subject_to_approval),
            terms: Set(serde_json::to_string(&p.terms)
                .map_err(|e| StoreError::Invalid(format!("terms of {}: {e}", p.product)))?),
            revenue: Set(money(p.revenue, "revenue")?),
            profit: Set(money(p.profit, "profit")?),
            ..Default::default()
        });
    }
    let txn = db.begin().await?;
    let inserted = offer::Entity::insert(row).exec(&txn).await;
    let id = match inserted {
        Ok(done) => done.last_insert_id,
        Err(e) if is_unique_violation(&e) => {
            txn.rollback().await?;
            // Another request with the same key won the race: that is the offer.
            let id = find_by_key(db, &record.request_key).await?.ok_or_else(|| {
                StoreError::Invalid("an offer's key is taken but the offer is gone".into())
            })?;
            return Ok(Recorded::Existing(id));
        }
        Err(e) => {
            txn.rollback().await?;
            return Err(e.into());
        }
    };
    for position in &mut positions {
        position.offer_id = Set(id);
    }
    if let Err(e) = offer_position::Entity::insert_many(positions)
        .exec(&txn)
        .await
    {
        txn.rollback().await?;
        return Err(e.into());
    }
    if let Some(entry) = audited(id) {
        super::audit::record(&txn, &entry).await?;
    }
    txn.commit().await?;
    Ok(Recorded::New(id))
}

/// One offer with its positions and openings; `None` when there is no such offer.
///
/// # Errors
/// Database errors; `Invalid` for rows edited by hand into nonsense.
pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<Option<StoredOffer>, StoreError> {
    let Some(row) = offer::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    let positions = offer_position::Entity::find()
        .filter(offer_position::Column::OfferId.eq(id))
        .order_by_asc(offer_position::Column::Ordinal)
        .all(db)
        .await?;
    let openings = offer_opening::Entity::find()
        .filter(offer_opening::Column::OfferId.eq(id))
        .order_by_asc(offer_opening::Column::Product)
        .all(db)
        .await?;
    let invalid = |what: &str| StoreError::Invalid(format!("offer {id}: {what}"));
    let positions = positions
        .into_iter()
        .map(|p| {
            let terms: Terms = serde_json::from_str(&p.terms).map_err(|_| invalid("terms"))?;
            Ok(RecordedPosition {
                role: PositionRole::parse(&p.role).ok_or_else(|| invalid("role"))?,
                status: PositionStatus::parse(&p.status).ok_or_else(|| invalid("status"))?,
                product: p.product,
                product_name: p.product_name,
                accepted: p.accepted,
                expected_take_up: p.expected_take_up.map(rate),
                chosen_amount: p.chosen_amount.map(amount),
                subject_to_approval: p.subject_to_approval,
                terms,
                revenue: amount(p.revenue),
                profit: amount(p.profit),
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    let accepted: BTreeSet<String> = (positions.iter())
        .filter(|p| p.accepted)
        .map(|p| p.product.clone())
        .collect();
    let outcome = match row.outcome.as_str() {
        "accepted_all" => Outcome::AcceptedAll,
        "accepted_some" => Outcome::AcceptedSome(accepted),
        "declined" => Outcome::Declined {
            reason: (row.decline_reason.as_deref())
                .and_then(DeclineReason::parse)
                .ok_or_else(|| invalid("decline reason"))?,
            note: row.decline_note.clone().unwrap_or_default(),
        },
        _ => return Err(invalid("outcome")),
    };
    let record = OfferRecord {
        request_key: row.request_key,
        crm_id: row.crm_id,
        client_name: row.client_name,
        advisor_id: row.advisor_id,
        advisor_name: row.advisor_name,
        sales_point: row.sales_point,
        segment: row.segment,
        matrix_version: u32::try_from(row.matrix_version).map_err(|_| invalid("version"))?,
        main_product: row.main_product,
        outcome,
        badge: Badge::parse(&row.badge).ok_or_else(|| invalid("badge"))?,
        flagged_for_finance: row.flagged_for_finance,
        currency: Currency::parse(&row.currency).map_err(|_| invalid("currency"))?,
        revenue: amount(row.revenue),
        profit: amount(row.profit),
        margin: row.margin.map(rate),
        fees_per_year: amount(row.fees_per_year),
        separate_fees_per_year: amount(row.separate_fees_per_year),
        one_off_fees: amount(row.one_off_fees),
        interest_earned_per_year: amount(row.interest_earned_per_year),
        visit_minutes: amount(row.visit_minutes),
        offered_on: row.offered_on,
        valid_until: row.valid_until,
        positions,
    };
    Ok(Some(StoredOffer {
        id,
        record,
        created_at: row.created_at,
        openings: openings
            .into_iter()
            .map(|o| Opening {
                product: o.product,
                opened_on: o.opened_on,
                recorded_by: o.recorded_by,
            })
            .collect(),
    }))
}

/// Records that core banking opened `products` of offer `id` on `opened_on`; a product
/// already confirmed keeps its first confirmation.
///
/// # Errors
/// `NotFound` for an unknown offer; `InvalidField` (`products`) for a product that is not one
/// of the offer's positions in the bundle.
pub async fn record_opened(
    db: &impl ConnectionTrait,
    id: i32,
    products: &[String],
    opened_on: NaiveDate,
    by: &str,
) -> Result<(), StoreError> {
    let in_bundle: Vec<String> = offer_position::Entity::find()
        .select_only()
        .column(offer_position::Column::Product)
        .filter(offer_position::Column::OfferId.eq(id))
        .filter(offer_position::Column::Status.eq(PositionStatus::InBundle.as_str()))
        .into_tuple::<String>()
        .all(db)
        .await?;
    if in_bundle.is_empty() {
        return Err(StoreError::NotFound {
            what: format!("offer {id}"),
        });
    }
    if let Some(stranger) = products.iter().find(|p| !in_bundle.contains(p)) {
        return Err(StoreError::InvalidField {
            field: "products".into(),
            message: crate::domain::message::Message::new("offer-not-in-bundle")
                .with("product", stranger),
        });
    }
    if products.is_empty() {
        return Ok(());
    }
    let now = Utc::now();
    let rows = products.iter().map(|product| offer_opening::ActiveModel {
        offer_id: Set(id),
        product: Set(product.clone()),
        opened_on: Set(opened_on),
        recorded_by: Set(by.to_owned()),
        recorded_at: Set(now),
        ..Default::default()
    });
    offer_opening::Entity::insert_many(rows)
        .on_conflict_do_nothing_on([
            offer_opening::Column::OfferId,
            offer_opening::Column::Product,
        ])
        .exec(db)
        .await?;
    Ok(())
}

/// Which offers the results count.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResultsFilter {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub advisor_id: Option<i32>,
    pub sales_point: Option<String>,
    pub segment: Option<String>,
}

/// What the results are broken down by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Breakdown {
    Segment,
    SalesPoint,
    Advisor,
    Month,
}

impl Breakdown {
    pub const ALL: [Self; 4] = [Self::Segment, Self::SalesPoint, Self::Advisor, Self::Month];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Segment => "segment",
            Self::SalesPoint => "sales_point",
            Self::Advisor => "advisor",
            Self::Month => "month",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|b| b.as_str() == text)
    }
}

fn filtered<E: EntityTrait>(
    mut select: sea_orm::Select<E>,
    filter: &ResultsFilter,
) -> sea_orm::Select<E> {
    if let Some(from) = filter.from {
        select = select.filter(offer::Column::OfferedOn.gte(from));
    }
    if let Some(to) = filter.to {
        select = select.filter(offer::Column::OfferedOn.lte(to));
    }
    if let Some(advisor) = filter.advisor_id {
        select = select.filter(offer::Column::AdvisorId.eq(advisor));
    }
    if let Some(point) = &filter.sales_point {
        select = select.filter(offer::Column::SalesPoint.eq(point.as_str()));
    }
    if let Some(segment) = &filter.segment {
        select = select.filter(offer::Column::Segment.eq(segment.as_str()));
    }
    select
}

/// The grouping expression of a breakdown (no user input in it).
fn group_expr(by: Option<Breakdown>, backend: sea_orm::DatabaseBackend) -> Expr {
    match by {
        None => Expr::cust("''"),
        Some(Breakdown::Segment) => Expr::cust("offers.segment"),
        Some(Breakdown::SalesPoint) => Expr::cust("offers.sales_point"),
        Some(Breakdown::Advisor) => Expr::cust("offers.advisor_name"),
        Some(Breakdown::Month) => match backend {
            sea_orm::DatabaseBackend::Postgres => {
                Expr::cust("to_char(offers.offered_on, 'YYYY-MM')")
            }
            _ => Expr::cust("strftime('%Y-%m', offers.offered_on)"),
        },
    }
}

#[derive(FromQueryResult)]
struct OfferCounts {
    key: String,
    offers: i64,
    accepted_offers: i64,
    clients: i64,
}

#[derive(FromQueryResult)]
struct PositionCounts {
    key: String,
    products_accepted: i64,
    add_ons_offered: i64,
    add_ons_taken: i64,
    expected_sum: Option<i64>,
    expected_count: i64,
}

/// Counts per group of `by` (one group, keyed "", without), in two aggregate queries whatever
/// the number of offers. Take-up counts as `RecordedPosition::is_offered_add_on` and
/// `is_taken_add_on` define it: add-on positions, and those of them accepted.
///
/// # Errors
/// Database errors only.
pub async fn tallies(
    db: &impl ConnectionTrait,
    filter: &ResultsFilter,
    by: Option<Breakdown>,
) -> Result<Vec<(String, Tally)>, StoreError> {
    let backend = db.get_database_backend();
    let key = group_expr(by, backend);
    let mut offers = filtered(offer::Entity::find(), filter).select_only();
    let mut positions = filtered(
        offer_position::Entity::find().inner_join(offer::Entity),
        filter,
    )
    .select_only();
    // Without a breakdown, one row of totals: no GROUP BY (PostgreSQL refuses a constant).
    if by.is_some() {
        offers = offers.group_by(key.clone());
        positions = positions.group_by(key.clone());
    }
    let offers: Vec<OfferCounts> = offers
        .expr_as(key.clone(), "key")
        .expr_as(Expr::cust("COUNT(*)"), "offers")
        .expr_as(
            Expr::cust(
                "COALESCE(SUM(CASE WHEN offers.outcome <> 'declined' THEN 1 ELSE 0 END), 0)",
            ),
            "accepted_offers",
        )
        .expr_as(Expr::cust("COUNT(DISTINCT offers.client_id)"), "clients")
        .into_model()
        .all(db)
        .await?;
    let add_on = PositionRole::AddOn.as_str();
    let positions: Vec<PositionCounts> = positions
        .expr_as(key.clone(), "key")
        .expr_as(
            Expr::cust("COALESCE(SUM(CASE WHEN offer_positions.accepted THEN 1 ELSE 0 END), 0)"),
            "products_accepted",
        )
        .expr_as(
            Expr::cust(format!(
                "COALESCE(SUM(CASE WHEN offer_positions.role = '{add_on}' THEN 1 ELSE 0 END), 0)"
            )),
            "add_ons_offered",
        )
        .expr_as(
            Expr::cust(format!(
                "COALESCE(SUM(CASE WHEN offer_positions.role = '{add_on}' AND \
             offer_positions.accepted THEN 1 ELSE 0 END), 0)"
            )),
            "add_ons_taken",
        )
        .expr_as(
            Expr::cust(format!(
                "CAST(SUM(CASE WHEN offer_positions.role = '{add_on}' \
                     THEN offer_positions.expected_take_up END) AS BIGINT)"
            )),
            "expected_sum",
        )
        .expr_as(
            Expr::cust(format!(
                "COALESCE(SUM(CASE WHEN offer_positions.role = '{add_on}' AND \
             offer_positions.expected_take_up IS NOT NULL THEN 1 ELSE 0 END), 0)"
            )),
            "expected_count",
        )
        .into_model()
        .all(db)
        .await?;
    let count = |n: i64| u64::try_from(n).unwrap_or(0);
    let mut out: Vec<(String, Tally)> = offers
        .into_iter()
        .map(|o| {
            (
                o.key,
                Tally {
                    offers: count(o.offers),
                    accepted_offers: count(o.accepted_offers),
                    clients: count(o.clients),
                    ..Tally::default()
                },
            )
        })
        .collect();
    for p in positions {
        if let Some((_, tally)) = out.iter_mut().find(|(k, _)| *k == p.key) {
            tally.products_accepted = count(p.products_accepted);
            tally.add_ons_offered = count(p.add_ons_offered);
            tally.add_ons_taken = count(p.add_ons_taken);
            tally.expected_take_up_sum = rate(p.expected_sum.unwrap_or(0));
            tally.expected_take_up_count = count(p.expected_count);
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

#[derive(FromQueryResult)]
struct ProductTakeUp {
    segment: String,
    sales_point: String,
    product: String,
    product_name: String,
    offered: i64,
    taken: i64,
    expected_sum: Option<i64>,
    expected_count: i64,
    opened: i64,
}

/// Take-up of one add-on: offered, taken, the matrix's expectation, and confirmed opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddOnTakeUp {
    pub product: String,
    pub product_name: String,
    pub tally: Tally,
    /// Of those taken, how many core banking confirmed opened.
    pub opened: u64,
}

/// Take-up per add-on over the filtered offers, in one aggregate query.
///
/// # Errors
/// Database errors only.
pub async fn take_up_by_product(
    db: &impl ConnectionTrait,
    filter: &ResultsFilter,
) -> Result<Vec<AddOnTakeUp>, StoreError> {
    Ok(take_up_rows(db, filter, false)
        .await?
        .into_iter()
        .map(|(_, _, take_up)| take_up)
        .collect())
}

/// Take-up per segment, sales point and add-on over the filtered offers, in one aggregate
/// query: realised against the matrices' assumptions where they were offered.
///
/// # Errors
/// Database errors only.
pub async fn take_up_by_place(
    db: &impl ConnectionTrait,
    filter: &ResultsFilter,
) -> Result<Vec<(String, String, AddOnTakeUp)>, StoreError> {
    take_up_rows(db, filter, true).await
}

async fn take_up_rows(
    db: &impl ConnectionTrait,
    filter: &ResultsFilter,
    by_place: bool,
) -> Result<Vec<(String, String, AddOnTakeUp)>, StoreError> {
    let mut select = filtered(
        offer_position::Entity::find().inner_join(offer::Entity),
        filter,
    )
    .filter(offer_position::Column::Role.eq(PositionRole::AddOn.as_str()))
    .select_only();
    if by_place {
        select = select
            .expr_as(Expr::cust("offers.segment"), "segment")
            .expr_as(Expr::cust("offers.sales_point"), "sales_point")
            .group_by(Expr::cust("offers.segment"))
            .group_by(Expr::cust("offers.sales_point"))
            .order_by_asc(Expr::cust("offers.segment"))
            .order_by_asc(Expr::cust("offers.sales_point"));
    } else {
        select = select
            .expr_as(Expr::cust("''"), "segment")
            .expr_as(Expr::cust("''"), "sales_point");
    }
    let rows: Vec<ProductTakeUp> = select
        .column(offer_position::Column::Product)
        .expr_as(
            Expr::cust("MAX(offer_positions.product_name)"),
            "product_name",
        )
        .expr_as(Expr::cust("COUNT(*)"), "offered")
        .expr_as(
            Expr::cust("COALESCE(SUM(CASE WHEN offer_positions.accepted THEN 1 ELSE 0 END), 0)"),
            "taken",
        )
        .expr_as(
            Expr::cust("CAST(SUM(offer_positions.expected_take_up) AS BIGINT)"),
            "expected_sum",
        )
        .expr_as(
            Expr::cust("COUNT(offer_positions.expected_take_up)"),
            "expected_count",
        )
        .expr_as(
            Expr::cust(
                "COALESCE(SUM(CASE WHEN offer_positions.accepted AND EXISTS (SELECT 1 FROM \
                         offer_openings oo WHERE oo.offer_id = offer_positions.offer_id AND \
                         oo.product = offer_positions.product) THEN 1 ELSE 0 END), 0)",
            ),
            "opened",
        )
        .group_by(offer_position::Column::Product)
        .order_by_asc(offer_position::Column::Product)
        .into_model()
        .all(db)
        .await?;
    let count = |n: i64| u64::try_from(n).unwrap_or(0);
    Ok(rows
        .into_iter()
        .map(|r| {
            let take_up = AddOnTakeUp {
                product: r.product,
                product_name: r.product_name,
                opened: count(r.opened),
                tally: Tally {
                    add_ons_offered: count(r.offered),
                    add_ons_taken: count(r.taken),
                    expected_take_up_sum: rate(r.expected_sum.unwrap_or(0)),
                    expected_take_up_count: count(r.expected_count),
                    ..Tally::default()
                },
            };
            (r.segment, r.sales_point, take_up)
        })
        .collect())
}

/// A line of the offers list.
#[derive(Clone, Debug, PartialEq, Eq, FromQueryResult)]
pub struct OfferListing {
    pub id: i32,
    pub crm_id: String,
    pub client_name: String,
    pub advisor_name: String,
    pub sales_point: String,
    pub segment: String,
    pub main_product: String,
    pub outcome: String,
    pub badge: String,
    pub flagged_for_finance: bool,
    pub offered_on: NaiveDate,
}

/// The latest `limit` offers of the filter, newest first.
///
/// # Errors
/// Database errors only.
pub async fn recent(
    db: &impl ConnectionTrait,
    filter: &ResultsFilter,
    limit: u64,
) -> Result<Vec<OfferListing>, StoreError> {
    Ok(filtered(offer::Entity::find(), filter)
        .select_only()
        .columns([
            offer::Column::Id,
            offer::Column::CrmId,
            offer::Column::ClientName,
            offer::Column::AdvisorName,
            offer::Column::SalesPoint,
            offer::Column::Segment,
            offer::Column::MainProduct,
            offer::Column::Outcome,
            offer::Column::Badge,
            offer::Column::FlaggedForFinance,
            offer::Column::OfferedOn,
        ])
        .order_by_desc(offer::Column::OfferedOn)
        .order_by_desc(offer::Column::Id)
        .limit(limit)
        .into_model()
        .all(db)
        .await?)
}

/// The row id of the client with CRM id `crm_id`, which an offer refers to.
///
/// # Errors
/// Database errors only.
pub async fn client_row_id(
    db: &impl ConnectionTrait,
    crm_id: &str,
) -> Result<Option<i64>, StoreError> {
    use super::entities::client;
    Ok(client::Entity::find()
        .select_only()
        .column(client::Column::Id)
        .filter(client::Column::CrmId.eq(crm_id))
        .into_tuple::<i64>()
        .one(db)
        .await?)
}
