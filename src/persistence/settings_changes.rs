//! Economics settings: applying a change (the bank's settings, a sales point's costs, an
//! exchange rate), and the changes that wait for a second finance user.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder,
};

use super::entities::{bank_settings, exchange_rate, matrix_version, sales_point, settings_change};
use super::scaled::{AMOUNT_SCALE, RATE_SCALE, to_units};
use super::{Reviewer, StoreError};
use crate::domain::settings_change::{SettingsChange, Target};

/// A change waiting for approval, with who proposed it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingChange {
    pub id: i32,
    pub change: SettingsChange,
    pub submitted_by_id: i32,
    pub submitted_by: String,
    pub submitted_at: DateTime<Utc>,
    pub note: Option<String>,
}

/// Whether the bank is live: some matrix version has been published.
///
/// # Errors
/// Database errors.
pub async fn bank_is_live(db: &impl ConnectionTrait) -> Result<bool, StoreError> {
    Ok(matrix_version::Entity::find()
        .filter(matrix_version::Column::Status.eq("published"))
        .count(db)
        .await?
        > 0)
}

fn encode(change: &SettingsChange) -> String {
    change
        .values
        .iter()
        .map(|(name, value)| {
            let text = value.map_or_else(|| "none".to_owned(), |v| v.normalize().to_string());
            format!("{name}={text}\n")
        })
        .collect()
}

fn decode(row: &settings_change::Model) -> Result<SettingsChange, StoreError> {
    let invalid = || StoreError::Invalid(format!("settings change {}: {}", row.id, row.figures));
    let target = Target::from_stored(&row.kind, &row.target).ok_or_else(invalid)?;
    let mut values = BTreeMap::new();
    for line in row.figures.lines().filter(|l| !l.is_empty()) {
        let (name, text) = line.split_once('=').ok_or_else(invalid)?;
        let value = match text {
            "none" => None,
            text => Some(text.parse::<Decimal>().map_err(|_| invalid())?),
        };
        values.insert(name.to_owned(), value);
    }
    Ok(SettingsChange { target, values })
}

/// Stores `change` as pending, proposed by `by`.
///
/// # Errors
/// `Conflict { field: "pending" }` while another change to the same target waits.
pub async fn propose(
    db: &impl ConnectionTrait,
    change: &SettingsChange,
    by: Reviewer<'_>,
    note: Option<&str>,
) -> Result<i32, StoreError> {
    let row = settings_change::ActiveModel {
        kind: Set(change.target.kind().to_owned()),
        target: Set(change.target.key()),
        figures: Set(encode(change)),
        status: Set("pending".to_owned()),
        submitted_by_id: Set(by.user_id),
        submitted_by: Set(by.username.to_owned()),
        submitted_at: Set(Utc::now()),
        note: Set(note.map(str::to_owned)),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|err| {
        if super::is_unique_violation(&err) {
            StoreError::Conflict {
                field: "pending",
                value: change.target.key(),
            }
        } else {
            err.into()
        }
    })?;
    Ok(row.id)
}

/// Every pending change, oldest first.
///
/// # Errors
/// Database errors; `Invalid` for a row that does not read.
pub async fn pending(db: &impl ConnectionTrait) -> Result<Vec<PendingChange>, StoreError> {
    settings_change::Entity::find()
        .filter(settings_change::Column::Status.eq("pending"))
        .order_by_asc(settings_change::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|row| {
            Ok(PendingChange {
                id: row.id,
                change: decode(&row)?,
                submitted_by_id: row.submitted_by_id,
                submitted_by: row.submitted_by.clone(),
                submitted_at: row.submitted_at,
                note: row.note.clone(),
            })
        })
        .collect()
}

/// Ends pending change `id` as `status` (`approved`, `rejected`).
///
/// # Errors
/// `Conflict { field: "not-pending" }` when it ended in the meantime.
pub async fn close(
    db: &impl ConnectionTrait,
    id: i32,
    status: &str,
    by: &str,
    comment: Option<&str>,
) -> Result<(), StoreError> {
    let result = settings_change::Entity::update_many()
        .col_expr(settings_change::Column::Status, Expr::value(status))
        .col_expr(settings_change::Column::ReviewedBy, Expr::value(by))
        .col_expr(settings_change::Column::ReviewedAt, Expr::value(Utc::now()))
        .col_expr(
            settings_change::Column::ReviewComment,
            Expr::value(comment.map(str::to_owned)),
        )
        .filter(settings_change::Column::Id.eq(id))
        .filter(settings_change::Column::Status.eq("pending"))
        .exec(db)
        .await?;
    if result.rows_affected == 1 {
        Ok(())
    } else {
        Err(StoreError::Conflict {
            field: "not-pending",
            value: id.to_string(),
        })
    }
}

fn units(
    change: &SettingsChange,
    name: &'static str,
    scale: u32,
) -> Result<Option<i64>, StoreError> {
    change
        .values
        .get(name)
        .copied()
        .flatten()
        .map(|v| to_units(v, scale, name))
        .transpose()
        .map_err(Into::into)
}

fn required(value: Option<i64>, name: &str) -> Result<i64, StoreError> {
    value.ok_or_else(|| StoreError::Invalid(format!("settings change without {name}")))
}

/// Writes `change` to the live settings.
///
/// # Errors
/// `NotFound` for an unknown sales point or a bank without settings; `InvalidField` for a
/// value that cannot be stored exactly.
pub async fn apply(db: &impl ConnectionTrait, change: &SettingsChange) -> Result<(), StoreError> {
    match &change.target {
        Target::Bank => {
            let result = bank_settings::Entity::update_many()
                .col_expr(
                    bank_settings::Column::TargetMargin,
                    Expr::value(required(
                        units(change, "target_margin", RATE_SCALE)?,
                        "target_margin",
                    )?),
                )
                .col_expr(
                    bank_settings::Column::AddonAnchorThreshold,
                    Expr::value(required(
                        units(change, "addon_anchor_threshold", RATE_SCALE)?,
                        "addon_anchor_threshold",
                    )?),
                )
                .col_expr(
                    bank_settings::Column::BundleLifetimeYears,
                    Expr::value(required(
                        units(change, "bundle_lifetime_years", AMOUNT_SCALE)?,
                        "bundle_lifetime_years",
                    )?),
                )
                .col_expr(
                    bank_settings::Column::BundleOverheadRate,
                    Expr::value(required(
                        units(change, "bundle_overhead_rate", RATE_SCALE)?,
                        "bundle_overhead_rate",
                    )?),
                )
                .exec(db)
                .await?;
            if result.rows_affected == 0 {
                return Err(StoreError::NotFound {
                    what: "the bank's settings".into(),
                });
            }
        }
        Target::Point(code) => {
            let result = sales_point::Entity::update_many()
                .col_expr(
                    sales_point::Column::BranchCostPerMinute,
                    Expr::value(required(
                        units(change, "branch_cost_per_minute", AMOUNT_SCALE)?,
                        "branch_cost_per_minute",
                    )?),
                )
                .col_expr(
                    sales_point::Column::VisitOverheadMinutes,
                    Expr::value(required(
                        units(change, "visit_overhead_minutes", AMOUNT_SCALE)?,
                        "visit_overhead_minutes",
                    )?),
                )
                .col_expr(
                    sales_point::Column::VisitLimitMinutes,
                    Expr::value(units(change, "visit_limit_minutes", AMOUNT_SCALE)?),
                )
                .filter(sales_point::Column::Code.eq(code.as_str()))
                .exec(db)
                .await?;
            if result.rows_affected == 0 {
                return Err(StoreError::NotFound {
                    what: format!("sales point {code}"),
                });
            }
        }
        Target::Rate { currency, on } => {
            let rate = required(units(change, "rate", RATE_SCALE)?, "rate")?;
            let existing = exchange_rate::Entity::find()
                .filter(exchange_rate::Column::Currency.eq(currency.as_str()))
                .filter(exchange_rate::Column::RateDate.eq(*on))
                .one(db)
                .await?;
            match existing {
                Some(row) => {
                    let mut row: exchange_rate::ActiveModel = row.into();
                    row.rate = Set(rate);
                    row.update(db).await?;
                }
                None => {
                    exchange_rate::ActiveModel {
                        rate_date: Set(*on),
                        currency: Set(currency.as_str().to_owned()),
                        rate: Set(rate),
                        ..Default::default()
                    }
                    .insert(db)
                    .await?;
                }
            }
        }
    }
    Ok(())
}
