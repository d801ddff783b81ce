//! Client segments.

use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder};

use super::StoreError;
use super::entities::{sales_point, segment};

/// One line of the segment list, with the code of its sales-point scope if any.
#[derive(Clone, Debug)]
pub struct SegmentListItem {
    pub segment: segment::Model,
    pub sales_point_code: Option<String>,
}

/// Segments by priority (1 first), then code.
///
/// # Errors
/// Database errors only.
pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<SegmentListItem>, StoreError> {
    let points = sales_point::Entity::find().all(db).await?;
    let rows = segment::Entity::find()
        .order_by_asc(segment::Column::Priority)
        .order_by_asc(segment::Column::Code)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|segment| {
            let sales_point_code = segment
                .sales_point_id
                .and_then(|id| points.iter().find(|p| p.id == id).map(|p| p.code.clone()));
            SegmentListItem {
                segment,
                sales_point_code,
            }
        })
        .collect())
}
