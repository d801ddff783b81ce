//! Changing versions. Every function runs in one transaction and starts with the guard: the
//! version must still be a draft at the lock the editor loaded (publishing and withdrawing are
//! the only ways a version leaves or changes that state).

use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction,
    EntityTrait, QueryFilter, QueryOrder, TransactionTrait,
};

use super::codec::{TERMS, USAGE_ALONE, USAGE_IN_BUNDLE, figure_units, link_columns};
use super::read::{find_version, segment_id};
use super::{StoredVersion, VersionInfo, VersionStatus};
use crate::domain::matrix::{Cell, CellPatch, Link, MatrixContent, Published, Scope};
use crate::persistence::StoreError;
use crate::persistence::entities::{
    matrix_cell, matrix_cell_figure, matrix_frozen_term, matrix_link, matrix_version,
};
use crate::persistence::scaled::{AMOUNT_SCALE, RATE_SCALE, to_units};

/// Rows per multi-row INSERT: well under SQLite's and PostgreSQL's parameter limits.
const ROWS_PER_INSERT: usize = 1_000;

/// Commits what succeeded; rolls back at once what failed, so that no connection is left
/// holding a transaction's locks until the pool reuses it.
async fn finish<T>(
    txn: DatabaseTransaction,
    result: Result<T, StoreError>,
) -> Result<T, StoreError> {
    match result {
        Ok(value) => {
            txn.commit().await?;
            Ok(value)
        }
        Err(err) => {
            txn.rollback().await?;
            Err(err)
        }
    }
}

/// Raises the lock of version `id` if it is still a draft at `lock`; otherwise says why not
/// (see [`guard_status`]).
async fn guard(db: &impl ConnectionTrait, id: i32, lock: i32) -> Result<i32, StoreError> {
    guard_status(db, id, lock, VersionStatus::Draft).await
}

/// Raises the lock of version `id` if it is still `expected` at `lock`; otherwise says why not:
/// `Conflict { field }` naming the status it has instead (`published`, `submitted`, or
/// `not-submitted` for a draft when a submitted version was wanted), or `Conflict { field: "version" }` (with the
/// current lock) for a version changed by someone else in between.
pub(super) async fn guard_status(
    db: &impl ConnectionTrait,
    id: i32,
    lock: i32,
    expected: VersionStatus,
) -> Result<i32, StoreError> {
    let result = matrix_version::Entity::update_many()
        .col_expr(
            matrix_version::Column::LockVersion,
            Expr::col(matrix_version::Column::LockVersion).add(1),
        )
        .filter(matrix_version::Column::Id.eq(id))
        .filter(matrix_version::Column::Status.eq(expected.as_str()))
        .filter(matrix_version::Column::LockVersion.eq(lock))
        .exec(db)
        .await?;
    if result.rows_affected == 1 {
        return Ok(lock + 1);
    }
    match matrix_version::Entity::find_by_id(id).one(db).await? {
        None => Err(StoreError::NotFound {
            what: format!("matrix version {id}"),
        }),
        Some(row) if row.status != expected.as_str() => Err(StoreError::Conflict {
            field: match row.status.as_str() {
                "published" => "published",
                "submitted" => "submitted",
                _ => "not-submitted",
            },
            value: row.number.to_string(),
        }),
        Some(row) => Err(StoreError::Conflict {
            field: "version",
            value: row.lock_version.to_string(),
        }),
    }
}

/// The segment's draft, started as a copy of its latest published version (empty for the
/// first); the existing draft when there is one already.
///
/// # Errors
/// `NotFound` for an unknown segment; database errors.
pub async fn start_draft(
    db: &(impl ConnectionTrait + TransactionTrait<Transaction = DatabaseTransaction>),
    segment: &str,
    user: &str,
) -> Result<VersionInfo, StoreError> {
    let txn = db.begin().await?;
    let result = start_draft_in(&txn, segment, user).await;
    finish(txn, result).await
}

async fn start_draft_in(
    txn: &DatabaseTransaction,
    segment: &str,
    user: &str,
) -> Result<VersionInfo, StoreError> {
    let (segment_id, code) = segment_id(txn, segment).await?;
    let versions = matrix_version::Entity::find()
        .filter(matrix_version::Column::SegmentId.eq(segment_id))
        .order_by_desc(matrix_version::Column::Number)
        .all(txn)
        .await?;
    if let Some(draft) = versions
        .iter()
        .find(|v| v.status == "draft" || v.status == "submitted")
    {
        let found = find_version(txn, &code, draft.number).await?;
        return found.map(|v| v.info).ok_or_else(|| StoreError::NotFound {
            what: format!("draft of {code}"),
        });
    }
    let latest = versions.iter().find(|v| v.status == "published");
    let content = match latest {
        Some(v) => find_version(txn, &code, v.number)
            .await?
            .map(|v| v.content)
            .unwrap_or_default(),
        None => MatrixContent::default(),
    };
    let number = versions.first().map_or(1, |v| v.number + 1);
    let id = insert_draft(txn, segment_id, number, &content, user).await?;
    let found = find_version(txn, &code, number).await?;
    debug_assert!(found.as_ref().is_some_and(|v| v.info.id == id));
    found.map(|v| v.info).ok_or_else(|| StoreError::NotFound {
        what: format!("draft of {code}"),
    })
}

async fn insert_draft(
    db: &impl ConnectionTrait,
    segment_id: i32,
    number: i32,
    content: &MatrixContent,
    user: &str,
) -> Result<i32, StoreError> {
    let package_fee = content
        .package_fee
        .map(|fee| to_units(fee, AMOUNT_SCALE, "package_fee"))
        .transpose()?;
    let row = matrix_version::ActiveModel {
        segment_id: Set(segment_id),
        number: Set(number),
        status: Set(VersionStatus::Draft.as_str().to_owned()),
        effective_from: Set(None),
        withdrawn_on: Set(None),
        package_fee: Set(package_fee),
        lock_version: Set(1),
        created_by: Set(user.to_owned()),
        created_at: Set(Utc::now()),
        published_by: Set(None),
        published_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|err| {
        if crate::persistence::is_unique_violation(&err) {
            StoreError::Conflict {
                field: "draft",
                value: number.to_string(),
            }
        } else {
            err.into()
        }
    })?;
    write_cells(db, row.id, &content.cells).await?;
    write_links(db, row.id, &content.links).await?;
    Ok(row.id)
}

/// Inserts `cells` (their figures too) into version `version_id`: three statements per
/// thousand cells, whatever their number.
async fn write_cells(
    db: &impl ConnectionTrait,
    version_id: i32,
    cells: &[Cell],
) -> Result<(), StoreError> {
    for chunk in cells.chunks(ROWS_PER_INSERT) {
        let rows = chunk
            .iter()
            .map(|cell| cell_row(version_id, cell))
            .collect::<Result<Vec<_>, _>>()?;
        matrix_cell::Entity::insert_many(rows).exec(db).await?;
    }
    let stored = matrix_cell::Entity::find()
        .filter(matrix_cell::Column::VersionId.eq(version_id))
        .all(db)
        .await?;
    let mut figures = Vec::new();
    for cell in cells {
        let (kind, key) = cell.scope.stored();
        let Some(row) = stored
            .iter()
            .find(|r| r.product_code == cell.product && r.scope_kind == kind && r.scope_key == key)
        else {
            continue;
        };
        figures.extend(figure_rows(row.id, &cell.patch)?);
    }
    for chunk in figures.chunks(ROWS_PER_INSERT) {
        matrix_cell_figure::Entity::insert_many(chunk.to_vec())
            .exec(db)
            .await?;
    }
    Ok(())
}

fn cell_row(version_id: i32, cell: &Cell) -> Result<matrix_cell::ActiveModel, StoreError> {
    let (kind, key) = cell.scope.stored();
    let p = &cell.patch;
    let share = |value: Option<rust_decimal::Decimal>, field: &str| {
        value.map(|v| to_units(v, RATE_SCALE, field)).transpose()
    };
    Ok(matrix_cell::ActiveModel {
        version_id: Set(version_id),
        product_code: Set(cell.product.clone()),
        scope_kind: Set(kind.to_owned()),
        scope_key: Set(key.to_owned()),
        role: Set(p.role.map(|r| r.as_str().to_owned())),
        take_up: Set(share(p.take_up, "take_up")?),
        visit_share: Set(share(p.visit_share, "visit_share")?),
        offer_order: Set(p.order.map(i32::from)),
        talking_points: Set(p.talking_points.clone()),
        ..Default::default()
    })
}

fn figure_rows(
    cell_id: i32,
    patch: &CellPatch,
) -> Result<Vec<matrix_cell_figure::ActiveModel>, StoreError> {
    let parts = [
        (TERMS, &patch.terms),
        (USAGE_ALONE, &patch.usage_alone),
        (USAGE_IN_BUNDLE, &patch.usage_in_bundle),
    ];
    let mut rows = Vec::new();
    for (part, values) in parts {
        for (figure, value) in values {
            let field = format!("{part}.{}", figure.name());
            rows.push(matrix_cell_figure::ActiveModel {
                cell_id: Set(cell_id),
                part: Set(part.to_owned()),
                figure: Set(figure.name().to_owned()),
                value: Set(figure_units(*figure, *value, &field)?),
                ..Default::default()
            });
        }
    }
    Ok(rows)
}

async fn write_links(
    db: &impl ConnectionTrait,
    version_id: i32,
    links: &[Link],
) -> Result<(), StoreError> {
    matrix_link::Entity::delete_many()
        .filter(matrix_link::Column::VersionId.eq(version_id))
        .exec(db)
        .await?;
    let mut rows = Vec::with_capacity(links.len());
    for (position, link) in links.iter().enumerate() {
        let field = format!("links.{position}");
        let (kind, product, other, share, figure, value) = link_columns(link, &field)?;
        rows.push(matrix_link::ActiveModel {
            version_id: Set(version_id),
            position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
            kind: Set(kind.to_owned()),
            product: Set(product),
            other: Set(other),
            share: Set(share),
            figure: Set(figure),
            value: Set(value),
            ..Default::default()
        });
    }
    for chunk in rows.chunks(ROWS_PER_INSERT) {
        matrix_link::Entity::insert_many(chunk.to_vec())
            .exec(db)
            .await?;
    }
    Ok(())
}

/// Deletes the cells of `product` (every product when `None`) at `scope` in a version.
async fn delete_cells(
    db: &impl ConnectionTrait,
    version_id: i32,
    product: Option<&str>,
    scope: &Scope,
) -> Result<(), StoreError> {
    let (kind, key) = scope.stored();
    let mut query = matrix_cell::Entity::find()
        .filter(matrix_cell::Column::VersionId.eq(version_id))
        .filter(matrix_cell::Column::ScopeKind.eq(kind))
        .filter(matrix_cell::Column::ScopeKey.eq(key));
    if let Some(product) = product {
        query = query.filter(matrix_cell::Column::ProductCode.eq(product));
    }
    let ids: Vec<i32> = query.all(db).await?.into_iter().map(|c| c.id).collect();
    if ids.is_empty() {
        return Ok(());
    }
    matrix_cell_figure::Entity::delete_many()
        .filter(matrix_cell_figure::Column::CellId.is_in(ids.clone()))
        .exec(db)
        .await?;
    matrix_cell::Entity::delete_many()
        .filter(matrix_cell::Column::Id.is_in(ids))
        .exec(db)
        .await?;
    Ok(())
}

/// Sets the cell of `product` at `scope` in draft `version_id` (an empty patch removes it, so
/// the product inherits everything there). Returns the draft's new lock.
///
/// # Errors
/// See [`guard`]; `InvalidField` for a figure that cannot be stored exactly.
pub async fn save_cell(
    db: &(impl ConnectionTrait + TransactionTrait<Transaction = DatabaseTransaction>),
    version_id: i32,
    lock: i32,
    product: &str,
    scope: &Scope,
    patch: &CellPatch,
) -> Result<i32, StoreError> {
    let txn = db.begin().await?;
    let result = save_cell_in(&txn, version_id, lock, product, scope, patch).await;
    finish(txn, result).await
}

async fn save_cell_in(
    txn: &DatabaseTransaction,
    version_id: i32,
    lock: i32,
    product: &str,
    scope: &Scope,
    patch: &CellPatch,
) -> Result<i32, StoreError> {
    let lock = guard(txn, version_id, lock).await?;
    delete_cells(txn, version_id, Some(product), scope).await?;
    if *patch != CellPatch::default() {
        let cell = Cell {
            product: product.to_owned(),
            scope: scope.clone(),
            patch: patch.clone(),
        };
        let row = cell_row(version_id, &cell)?.insert(txn).await?;
        let figures = figure_rows(row.id, patch)?;
        if !figures.is_empty() {
            matrix_cell_figure::Entity::insert_many(figures)
                .exec(txn)
                .await?;
        }
    }
    Ok(lock)
}

/// Replaces the links of draft `version_id`. Returns the new lock.
///
/// # Errors
/// See [`guard`].
pub async fn set_links(
    db: &(impl ConnectionTrait + TransactionTrait<Transaction = DatabaseTransaction>),
    version_id: i32,
    lock: i32,
    links: &[Link],
) -> Result<i32, StoreError> {
    let txn = db.begin().await?;
    let result = set_links_in(&txn, version_id, lock, links).await;
    finish(txn, result).await
}

async fn set_links_in(
    txn: &DatabaseTransaction,
    version_id: i32,
    lock: i32,
    links: &[Link],
) -> Result<i32, StoreError> {
    let lock = guard(txn, version_id, lock).await?;
    write_links(txn, version_id, links).await?;
    Ok(lock)
}

/// Sets (or with `None` removes) the service package fee, per month. Returns the new lock.
///
/// # Errors
/// See [`guard`]; `InvalidField` for a fee that cannot be stored exactly.
pub async fn set_package_fee(
    db: &(impl ConnectionTrait + TransactionTrait<Transaction = DatabaseTransaction>),
    version_id: i32,
    lock: i32,
    fee: Option<rust_decimal::Decimal>,
) -> Result<i32, StoreError> {
    let txn = db.begin().await?;
    let result = set_package_fee_in(&txn, version_id, lock, fee).await;
    finish(txn, result).await
}

async fn set_package_fee_in(
    txn: &DatabaseTransaction,
    version_id: i32,
    lock: i32,
    fee: Option<rust_decimal::Decimal>,
) -> Result<i32, StoreError> {
    let units = fee
        .map(|f| to_units(f, AMOUNT_SCALE, "package_fee"))
        .transpose()?;
    let lock = guard(txn, version_id, lock).await?;
    matrix_version::Entity::update_many()
        .col_expr(matrix_version::Column::PackageFee, Expr::value(units))
        .filter(matrix_version::Column::Id.eq(version_id))
        .exec(txn)
        .await?;
    Ok(lock)
}

/// Makes point `to`'s own cells a copy of point `from`'s, for every product, in the draft
/// `version`. Returns the new lock.
///
/// # Errors
/// See [`guard`].
pub async fn copy_point(
    db: &(impl ConnectionTrait + TransactionTrait<Transaction = DatabaseTransaction>),
    version: &StoredVersion,
    lock: i32,
    from: &str,
    to: &str,
) -> Result<i32, StoreError> {
    let txn = db.begin().await?;
    let result = copy_point_in(&txn, version, lock, from, to).await;
    finish(txn, result).await
}

async fn copy_point_in(
    txn: &DatabaseTransaction,
    version: &StoredVersion,
    lock: i32,
    from: &str,
    to: &str,
) -> Result<i32, StoreError> {
    let lock = guard(txn, version.info.id, lock).await?;
    let to_scope = Scope::Point(to.to_owned());
    delete_cells(txn, version.info.id, None, &to_scope).await?;
    let mut content = version.content.clone();
    content.copy_point(from, to);
    let copies: Vec<Cell> = content
        .cells
        .into_iter()
        .filter(|c| c.scope == to_scope)
        .collect();
    write_cells_added(txn, version.info.id, &copies).await?;
    Ok(lock)
}

/// Like `write_cells`, for a version that already has other cells.
async fn write_cells_added(
    db: &impl ConnectionTrait,
    version_id: i32,
    cells: &[Cell],
) -> Result<(), StoreError> {
    for cell in cells {
        let row = cell_row(version_id, cell)?.insert(db).await?;
        let figures = figure_rows(row.id, &cell.patch)?;
        if !figures.is_empty() {
            matrix_cell_figure::Entity::insert_many(figures)
                .exec(db)
                .await?;
        }
    }
    Ok(())
}

/// Stores `published` as a new version of `segment` in one go (the demo bank's matrices),
/// unless the segment already has a version; returns whether it was stored.
///
/// # Errors
/// `NotFound` for an unknown segment; database errors.
pub async fn insert_published(
    db: &impl ConnectionTrait,
    segment: &str,
    published: &Published,
    user: &str,
) -> Result<bool, StoreError> {
    let (segment_id, _) = segment_id(db, segment).await?;
    let existing = matrix_version::Entity::find()
        .filter(matrix_version::Column::SegmentId.eq(segment_id))
        .one(db)
        .await?;
    if existing.is_some() {
        return Ok(false);
    }
    let number = i32::try_from(published.number()).unwrap_or(1);
    let id = insert_draft(db, segment_id, number, published.content(), user).await?;
    mark_published(db, id, published, user).await?;
    Ok(true)
}

pub(super) async fn mark_published(
    txn: &impl ConnectionTrait,
    version_id: i32,
    published: &Published,
    user: &str,
) -> Result<(), StoreError> {
    let mut rows = Vec::new();
    for (code, terms) in published.frozen_terms() {
        for figure in crate::domain::product::Figure::of(crate::domain::product::FigureGroup::Terms)
        {
            let value = figure.get(
                &crate::domain::product::Economics::with_lifetime(rust_decimal::Decimal::ZERO),
                terms,
                &crate::domain::product::Usage::default(),
            );
            rows.push(matrix_frozen_term::ActiveModel {
                version_id: Set(version_id),
                product_code: Set(code.clone()),
                figure: Set(figure.name().to_owned()),
                value: Set(figure_units(figure, value, figure.name())?),
                ..Default::default()
            });
        }
    }
    for chunk in rows.chunks(ROWS_PER_INSERT) {
        matrix_frozen_term::Entity::insert_many(chunk.to_vec())
            .exec(txn)
            .await?;
    }
    matrix_version::Entity::update_many()
        .col_expr(
            matrix_version::Column::Status,
            Expr::value(VersionStatus::Published.as_str()),
        )
        .col_expr(
            matrix_version::Column::EffectiveFrom,
            Expr::value(published.effective_from()),
        )
        .col_expr(matrix_version::Column::PublishedBy, Expr::value(user))
        .col_expr(matrix_version::Column::PublishedAt, Expr::value(Utc::now()))
        .filter(matrix_version::Column::Id.eq(version_id))
        .exec(txn)
        .await?;
    Ok(())
}

/// Withdraws published version `version_id` from `on` (a second withdrawal keeps the first
/// date). Its content stays as it was.
///
/// # Errors
/// `NotFound`; `Conflict { field: "draft" }` for a draft (delete nothing, publish nothing).
pub async fn withdraw(
    db: &impl ConnectionTrait,
    version_id: i32,
    on: NaiveDate,
) -> Result<(), StoreError> {
    let result = matrix_version::Entity::update_many()
        .col_expr(matrix_version::Column::WithdrawnOn, Expr::value(on))
        .filter(matrix_version::Column::Id.eq(version_id))
        .filter(matrix_version::Column::Status.eq(VersionStatus::Published.as_str()))
        .filter(matrix_version::Column::WithdrawnOn.is_null())
        .exec(db)
        .await?;
    if result.rows_affected == 1 {
        return Ok(());
    }
    match matrix_version::Entity::find_by_id(version_id)
        .one(db)
        .await?
    {
        None => Err(StoreError::NotFound {
            what: format!("matrix version {version_id}"),
        }),
        Some(row) if row.status == VersionStatus::Draft.as_str() => Err(StoreError::Conflict {
            field: "draft",
            value: row.number.to_string(),
        }),
        Some(_) => Ok(()),
    }
}

/// Starts `to`'s draft as a copy of `from`'s matrix (its latest published version, else its
/// draft): every cell, link and the package fee.
///
/// # Errors
/// `NotFound` when either segment or `from`'s matrix does not exist; `Conflict { field:
/// "draft" }` when `to` already has a draft (finish or discard it first).
pub async fn copy_matrix(
    db: &(impl ConnectionTrait + TransactionTrait<Transaction = DatabaseTransaction>),
    from: &str,
    to: &str,
    user: &str,
) -> Result<VersionInfo, StoreError> {
    let txn = db.begin().await?;
    let result = copy_matrix_in(&txn, from, to, user).await;
    finish(txn, result).await
}

async fn copy_matrix_in(
    txn: &DatabaseTransaction,
    from: &str,
    to: &str,
    user: &str,
) -> Result<VersionInfo, StoreError> {
    let (from_id, from_code) = segment_id(txn, from).await?;
    let (to_id, to_code) = segment_id(txn, to).await?;
    let source = matrix_version::Entity::find()
        .filter(matrix_version::Column::SegmentId.eq(from_id))
        .order_by_desc(matrix_version::Column::Number)
        .all(txn)
        .await?;
    let source = source
        .iter()
        .find(|v| v.status == "published")
        .or_else(|| source.first())
        .ok_or_else(|| StoreError::NotFound {
            what: format!("matrix of {from_code}"),
        })?;
    let content = find_version(txn, &from_code, source.number)
        .await?
        .map(|v| v.content)
        .unwrap_or_default();
    let target = matrix_version::Entity::find()
        .filter(matrix_version::Column::SegmentId.eq(to_id))
        .order_by_desc(matrix_version::Column::Number)
        .all(txn)
        .await?;
    if let Some(draft) = target
        .iter()
        .find(|v| v.status == "draft" || v.status == "submitted")
    {
        return Err(StoreError::Conflict {
            field: "draft",
            value: draft.number.to_string(),
        });
    }
    let number = target.first().map_or(1, |v| v.number + 1);
    insert_draft(txn, to_id, number, &content, user).await?;
    let found = find_version(txn, &to_code, number).await?;
    found.map(|v| v.info).ok_or_else(|| StoreError::NotFound {
        what: format!("draft of {to_code}"),
    })
}
