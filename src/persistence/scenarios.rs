//! Saved what-if scenarios: a name, a segment (or every segment) and the shifts.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, EntityTrait, QueryOrder};

use super::StoreError;
use super::entities::scenario;
use super::scaled::{RATE_SCALE, from_units, to_units};
use crate::domain::what_if::Shifts;

/// A scenario as saved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scenario {
    pub id: i32,
    pub name: String,
    pub segment: Option<String>,
    pub shifts: Shifts,
    pub created_by: String,
}

fn read(row: scenario::Model) -> Scenario {
    let v = |units| from_units(units, RATE_SCALE);
    Scenario {
        id: row.id,
        name: row.name,
        segment: row.segment,
        shifts: Shifts {
            ftp_bp: v(row.ftp_bp),
            usage: v(row.usage),
            take_up: v(row.take_up),
            costs: v(row.costs),
            fees: v(row.fees),
            branch_cost: v(row.branch_cost),
        },
        created_by: row.created_by,
    }
}

/// Saves a scenario under `name`.
///
/// # Errors
/// `Conflict { field: "name" }` when the name is taken; `InvalidField` for a shift that
/// cannot be stored exactly.
pub async fn save(
    db: &impl ConnectionTrait,
    name: &str,
    segment: Option<&str>,
    shifts: &Shifts,
    by: &str,
) -> Result<i32, StoreError> {
    let u = |value, field: &str| to_units(value, RATE_SCALE, field);
    let row = scenario::ActiveModel {
        name: Set(name.to_owned()),
        segment: Set(segment.map(str::to_owned)),
        ftp_bp: Set(u(shifts.ftp_bp, "ftp_bp")?),
        usage: Set(u(shifts.usage, "usage")?),
        take_up: Set(u(shifts.take_up, "take_up")?),
        costs: Set(u(shifts.costs, "costs")?),
        fees: Set(u(shifts.fees, "fees")?),
        branch_cost: Set(u(shifts.branch_cost, "branch_cost")?),
        created_by: Set(by.to_owned()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|err| {
        if super::is_unique_violation(&err) {
            StoreError::Conflict {
                field: "name",
                value: name.to_owned(),
            }
        } else {
            err.into()
        }
    })?;
    Ok(row.id)
}

/// Every saved scenario, by name.
///
/// # Errors
/// Database errors.
pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<Scenario>, StoreError> {
    Ok(scenario::Entity::find()
        .order_by_asc(scenario::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(read)
        .collect())
}

/// One saved scenario.
///
/// # Errors
/// Database errors.
pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<Option<Scenario>, StoreError> {
    Ok(scenario::Entity::find_by_id(id).one(db).await?.map(read))
}
