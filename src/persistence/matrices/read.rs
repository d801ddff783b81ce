//! Reading versions: a few queries per request whatever the number of cells (versions, cells,
//! their figures, links, frozen terms), never one per row.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::codec::{
    self, TERMS, USAGE_ALONE, USAGE_IN_BUNDLE, figure, figure_value, role, terms_from,
};
use super::{StoredVersion, VersionInfo, VersionStatus};
use crate::domain::matrix::{Cell, CellPatch, MatrixContent};
use crate::domain::product::Figure;
use crate::persistence::StoreError;
use crate::persistence::entities::{
    matrix_cell, matrix_cell_figure, matrix_frozen_term, matrix_link, matrix_version, segment,
};
use crate::persistence::scaled::{AMOUNT_SCALE, RATE_SCALE, from_units};

pub(super) async fn segment_id(
    db: &impl ConnectionTrait,
    code: &str,
) -> Result<(i32, String), StoreError> {
    segment::Entity::find()
        .filter(segment::Column::Code.eq(code))
        .one(db)
        .await?
        .map(|s| (s.id, s.code))
        .ok_or_else(|| StoreError::NotFound {
            what: format!("segment {code}"),
        })
}

pub(super) fn info(row: matrix_version::Model, segment: &str) -> Result<VersionInfo, StoreError> {
    let status = match row.status.as_str() {
        "draft" => VersionStatus::Draft,
        "published" => VersionStatus::Published,
        "submitted" => VersionStatus::Submitted,
        other => {
            return Err(StoreError::Invalid(format!(
                "matrix version {}: status {other}",
                row.id
            )));
        }
    };
    Ok(VersionInfo {
        id: row.id,
        segment: segment.to_owned(),
        number: row.number,
        status,
        effective_from: row.effective_from,
        withdrawn_on: row.withdrawn_on,
        lock: row.lock_version,
        created_by: row.created_by,
        created_at: row.created_at,
        published_by: row.published_by,
        published_at: row.published_at,
        submitted_by_id: row.submitted_by_id,
        submitted_by: row.submitted_by,
        submitted_at: row.submitted_at,
    })
}

/// Every version of a segment's matrix, newest first (content not loaded).
///
/// # Errors
/// `NotFound` for an unknown segment; database errors.
pub async fn versions(
    db: &impl ConnectionTrait,
    segment_code: &str,
) -> Result<Vec<VersionInfo>, StoreError> {
    let (id, code) = segment_id(db, segment_code).await?;
    matrix_version::Entity::find()
        .filter(matrix_version::Column::SegmentId.eq(id))
        .order_by_desc(matrix_version::Column::Number)
        .all(db)
        .await?
        .into_iter()
        .map(|row| info(row, &code))
        .collect()
}

/// Every version of every segment, without content (the list of matrices).
///
/// # Errors
/// Database errors.
pub async fn all_versions(db: &impl ConnectionTrait) -> Result<Vec<VersionInfo>, StoreError> {
    let names: HashMap<i32, String> = segment::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.code))
        .collect();
    matrix_version::Entity::find()
        .order_by_desc(matrix_version::Column::Number)
        .all(db)
        .await?
        .into_iter()
        .map(|row| {
            let segment = names.get(&row.segment_id).cloned().unwrap_or_default();
            info(row, &segment)
        })
        .collect()
}

/// One version with its content; `None` when there is no such version of that segment.
///
/// # Errors
/// Database errors; `Invalid` for rows edited by hand into nonsense.
pub async fn find_version(
    db: &impl ConnectionTrait,
    segment_code: &str,
    number: i32,
) -> Result<Option<StoredVersion>, StoreError> {
    let (id, code) = segment_id(db, segment_code).await?;
    let Some(row) = matrix_version::Entity::find()
        .filter(matrix_version::Column::SegmentId.eq(id))
        .filter(matrix_version::Column::Number.eq(number))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let names = HashMap::from([(id, code)]);
    Ok(load(db, vec![row], &names).await?.pop())
}

/// The segment's published version with the highest number, if any.
///
/// # Errors
/// Database errors.
pub async fn latest_published(
    db: &impl ConnectionTrait,
    segment_code: &str,
) -> Result<Option<StoredVersion>, StoreError> {
    let (id, code) = segment_id(db, segment_code).await?;
    let Some(row) = matrix_version::Entity::find()
        .filter(matrix_version::Column::SegmentId.eq(id))
        .filter(matrix_version::Column::Status.eq(VersionStatus::Published.as_str()))
        .order_by_desc(matrix_version::Column::Number)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let names = HashMap::from([(id, code)]);
    Ok(load(db, vec![row], &names).await?.pop())
}

/// Every version of every segment with the given statuses, with content, for whole-bank
/// re-pricing: five queries in all.
///
/// # Errors
/// Database errors.
pub async fn published_everywhere(
    db: &impl ConnectionTrait,
    with_drafts: bool,
) -> Result<Vec<StoredVersion>, StoreError> {
    let mut statuses = vec![VersionStatus::Published.as_str()];
    if with_drafts {
        statuses.push(VersionStatus::Draft.as_str());
        statuses.push(VersionStatus::Submitted.as_str());
    }
    let rows = matrix_version::Entity::find()
        .filter(matrix_version::Column::Status.is_in(statuses))
        .order_by_asc(matrix_version::Column::SegmentId)
        .order_by_asc(matrix_version::Column::Number)
        .all(db)
        .await?;
    let names: HashMap<i32, String> = segment::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.code))
        .collect();
    load(db, rows, &names).await
}

/// Codes of the products offered (in any role but "not offered") by a published version that
/// is not withdrawn: the suspension rule's "in a combined product".
///
/// # Errors
/// Database errors.
pub async fn products_in_published(
    db: &impl ConnectionTrait,
) -> Result<BTreeSet<String>, StoreError> {
    let live = Query::select()
        .column(matrix_version::Column::Id)
        .from(matrix_version::Entity)
        .and_where(matrix_version::Column::Status.eq(VersionStatus::Published.as_str()))
        .and_where(matrix_version::Column::WithdrawnOn.is_null())
        .to_owned();
    Ok(matrix_cell::Entity::find()
        .filter(matrix_cell::Column::VersionId.in_subquery(live))
        .filter(matrix_cell::Column::Role.is_not_null())
        .filter(matrix_cell::Column::Role.ne("not_offered"))
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.product_code)
        .collect())
}

/// The terms each live published version (not withdrawn) froze for `product`, as
/// (segment, version number, terms): what a change of the product's catalog terms would not
/// reach until those versions are replaced. Two queries.
///
/// # Errors
/// Database errors.
pub async fn frozen_terms_of(
    db: &impl ConnectionTrait,
    product: &str,
) -> Result<Vec<(String, i32, crate::domain::product::Terms)>, StoreError> {
    let rows = matrix_frozen_term::Entity::find()
        .filter(matrix_frozen_term::Column::ProductCode.eq(product))
        .find_also_related(matrix_version::Entity)
        .all(db)
        .await?;
    let names: HashMap<i32, String> = segment::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.code))
        .collect();
    let mut by_version: BTreeMap<(String, i32), BTreeMap<Figure, i64>> = BTreeMap::new();
    for (row, version) in rows {
        let Some(version) = version.filter(|v| v.withdrawn_on.is_none()) else {
            continue;
        };
        let segment = names.get(&version.segment_id).cloned().unwrap_or_default();
        by_version
            .entry((segment, version.number))
            .or_default()
            .insert(figure(&row.figure)?, row.value);
    }
    Ok(by_version
        .into_iter()
        .map(|((segment, number), figures)| (segment, number, terms_from(&figures)))
        .collect())
}

/// Loads the content of `rows` (all at once).
async fn load(
    db: &impl ConnectionTrait,
    rows: Vec<matrix_version::Model>,
    segment_names: &HashMap<i32, String>,
) -> Result<Vec<StoredVersion>, StoreError> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
    let cells = matrix_cell::Entity::find()
        .filter(matrix_cell::Column::VersionId.is_in(ids.clone()))
        .order_by_asc(matrix_cell::Column::Id)
        .all(db)
        .await?;
    let cell_ids = Query::select()
        .column(matrix_cell::Column::Id)
        .from(matrix_cell::Entity)
        .and_where(matrix_cell::Column::VersionId.is_in(ids.clone()))
        .to_owned();
    let mut figures: HashMap<i32, Vec<matrix_cell_figure::Model>> = HashMap::new();
    for row in matrix_cell_figure::Entity::find()
        .filter(matrix_cell_figure::Column::CellId.in_subquery(cell_ids))
        .all(db)
        .await?
    {
        figures.entry(row.cell_id).or_default().push(row);
    }
    let mut links: HashMap<i32, Vec<matrix_link::Model>> = HashMap::new();
    for row in matrix_link::Entity::find()
        .filter(matrix_link::Column::VersionId.is_in(ids.clone()))
        .order_by_asc(matrix_link::Column::Position)
        .all(db)
        .await?
    {
        links.entry(row.version_id).or_default().push(row);
    }
    let mut frozen: HashMap<i32, BTreeMap<String, BTreeMap<Figure, i64>>> = HashMap::new();
    for row in matrix_frozen_term::Entity::find()
        .filter(matrix_frozen_term::Column::VersionId.is_in(ids))
        .all(db)
        .await?
    {
        let figure = figure(&row.figure)?;
        (frozen.entry(row.version_id).or_default())
            .entry(row.product_code)
            .or_default()
            .insert(figure, row.value);
    }
    let mut cells_of: HashMap<i32, Vec<Cell>> = HashMap::new();
    for row in cells {
        let cell = cell(&row, figures.remove(&row.id).unwrap_or_default())?;
        cells_of.entry(row.version_id).or_default().push(cell);
    }

    rows.into_iter()
        .map(|row| {
            let id = row.id;
            let package_fee = row.package_fee.map(|u| from_units(u, AMOUNT_SCALE));
            let segment = segment_names
                .get(&row.segment_id)
                .cloned()
                .unwrap_or_default();
            let links = (links.remove(&id).unwrap_or_default().into_iter())
                .map(codec::link)
                .collect::<Result<_, _>>()?;
            let frozen_terms = (frozen.remove(&id).unwrap_or_default().into_iter())
                .map(|(code, figures)| (code, terms_from(&figures)))
                .collect();
            Ok(StoredVersion {
                info: info(row, &segment)?,
                content: MatrixContent {
                    cells: cells_of.remove(&id).unwrap_or_default(),
                    links,
                    package_fee,
                },
                frozen_terms,
            })
        })
        .collect()
}

fn cell(
    row: &matrix_cell::Model,
    figures: Vec<matrix_cell_figure::Model>,
) -> Result<Cell, StoreError> {
    let mut patch = CellPatch {
        role: row.role.as_deref().map(role).transpose()?,
        take_up: row.take_up.map(|u| from_units(u, RATE_SCALE)),
        visit_share: row.visit_share.map(|u| from_units(u, RATE_SCALE)),
        order: row
            .offer_order
            .map(|o| u16::try_from(o).map_err(|_| StoreError::Invalid(format!("order {o}"))))
            .transpose()?,
        talking_points: row.talking_points.clone(),
        ..CellPatch::default()
    };
    for f in figures {
        let figure = figure(&f.figure)?;
        let value = figure_value(figure, f.value);
        let part = match f.part.as_str() {
            TERMS => &mut patch.terms,
            USAGE_ALONE => &mut patch.usage_alone,
            USAGE_IN_BUNDLE => &mut patch.usage_in_bundle,
            other => return Err(StoreError::Invalid(format!("cell figure part {other}"))),
        };
        part.insert(figure, value);
    }
    Ok(Cell {
        product: row.product_code.clone(),
        scope: codec::scope(row)?,
        patch,
    })
}

/// For each of `segment_codes`, the published version offers come from on `day` (the in-force
/// one that took effect last, as `domain::matrix::in_force` decides), with content; segments
/// without one are absent. A handful of queries whatever the number of segments.
///
/// # Errors
/// Database errors.
pub async fn in_force_for(
    db: &impl ConnectionTrait,
    segment_codes: &[String],
    day: chrono::NaiveDate,
) -> Result<Vec<StoredVersion>, StoreError> {
    if segment_codes.is_empty() {
        return Ok(Vec::new());
    }
    let names: HashMap<i32, String> = segment::Entity::find()
        .filter(segment::Column::Code.is_in(segment_codes.iter().map(String::as_str)))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.code))
        .collect();
    let rows = matrix_version::Entity::find()
        .filter(matrix_version::Column::SegmentId.is_in(names.keys().copied()))
        .filter(matrix_version::Column::Status.eq(VersionStatus::Published.as_str()))
        .filter(matrix_version::Column::EffectiveFrom.lte(day))
        .filter(
            sea_orm::Condition::any()
                .add(matrix_version::Column::WithdrawnOn.is_null())
                .add(matrix_version::Column::WithdrawnOn.gt(day)),
        )
        .all(db)
        .await?;
    let mut latest: HashMap<i32, matrix_version::Model> = HashMap::new();
    for row in rows {
        let newer = latest.get(&row.segment_id).is_none_or(|known| {
            (row.effective_from, row.number) > (known.effective_from, known.number)
        });
        if newer {
            latest.insert(row.segment_id, row);
        }
    }
    load(db, latest.into_values().collect(), &names).await
}
