//! The bank's set-up: its details, group companies and sales points, and what it still lacks.

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

use super::entities::{
    bank_settings, client, company, matrix_cell, matrix_version, offer, product, sales_point,
    segment, user,
};
use super::scaled::{AMOUNT_SCALE, RATE_SCALE, to_units};
use super::{StoreError, is_unique_violation};
use crate::domain::bank::DeskSettings;
use crate::domain::message::Message;
use crate::domain::money::Currency;
use crate::domain::setup::{
    BankDetails, Company, CompanyKind, LegalDetails, Readiness, SalesPointDraft,
};

/// What the bank has, counted by the database (five small counts).
///
/// # Errors
/// Database errors only.
pub async fn readiness(db: &impl ConnectionTrait) -> Result<Readiness, StoreError> {
    Ok(Readiness {
        bank: bank_settings::Entity::find().count(db).await? > 0,
        active_points: sales_point::Entity::find()
            .filter(sales_point::Column::Active.eq(true))
            .count(db)
            .await?,
        active_products: product::Entity::find()
            .filter(product::Column::Status.eq("active"))
            .count(db)
            .await?,
        segments: segment::Entity::find().count(db).await?,
        published_matrices: matrix_version::Entity::find()
            .filter(matrix_version::Column::Status.eq("published"))
            .count(db)
            .await?,
    })
}

/// The bank's details, `None` until it is set up.
///
/// # Errors
/// Database errors; `Invalid` for a stored currency Kombi does not know.
pub async fn bank_details(db: &impl ConnectionTrait) -> Result<Option<BankDetails>, StoreError> {
    let Some(row) = bank_settings::Entity::find()
        .order_by_asc(bank_settings::Column::Id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    Ok(Some(BankDetails {
        reporting_currency: Currency::parse(&row.reporting_currency)
            .map_err(|e| StoreError::Invalid(format!("bank settings: {e}")))?,
        name: row.name,
        legal: LegalDetails {
            legal_name: row.legal_name,
            address: row.legal_address,
            tax_id: row.tax_id,
            licence: row.licence,
            phone: row.phone,
        },
    }))
}

/// Economics a new bank starts with, until finance sets its own: a 15 % target margin, bundles
/// held five years, a 20 % overhead, add-ons flagged above a quarter of the main price.
const STARTING_ECONOMICS: [(&str, &str); 4] = [
    ("target_margin", "0.15"),
    ("bundle_lifetime_years", "5"),
    ("bundle_overhead_rate", "0.20"),
    ("addon_anchor_threshold", "0.25"),
];

fn starting(name: &str, scale: u32) -> Result<i64, StoreError> {
    let text = STARTING_ECONOMICS
        .iter()
        .find(|(n, _)| *n == name)
        .map_or("0", |(_, v)| v);
    let value = text
        .parse()
        .map_err(|_| StoreError::Invalid(format!("starting {name}")))?;
    Ok(to_units(value, scale, name)?)
}

/// What saving the bank did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BankSaved {
    /// The bank was set up now, with its own company in the group.
    Created,
    Updated {
        before: BankDetails,
    },
}

/// Sets the bank up (with starting economics), or updates its name and legal details. The reporting currency changes only while
/// no product is priced in the catalog.
///
/// # Errors
/// `InvalidField { field: "reporting_currency" }` once products exist; database errors.
pub async fn save_bank(
    db: &impl ConnectionTrait,
    details: &BankDetails,
) -> Result<BankSaved, StoreError> {
    let legal = &details.legal;
    match bank_details(db).await? {
        None => {
            let desk = DeskSettings::default();
            bank_settings::ActiveModel {
                name: Set(details.name.clone()),
                reporting_currency: Set(details.reporting_currency.as_str().to_owned()),
                target_margin: Set(starting("target_margin", RATE_SCALE)?),
                bundle_lifetime_years: Set(starting("bundle_lifetime_years", AMOUNT_SCALE)?),
                bundle_overhead_rate: Set(starting("bundle_overhead_rate", RATE_SCALE)?),
                addon_anchor_threshold: Set(starting("addon_anchor_threshold", RATE_SCALE)?),
                verify_data_minutes: Set(to_units(
                    desk.verify_data_minutes,
                    AMOUNT_SCALE,
                    "verify_data_minutes",
                )?),
                credit_decision_minutes: Set(to_units(
                    desk.credit_decision_minutes,
                    AMOUNT_SCALE,
                    "credit_decision_minutes",
                )?),
                offer_valid_days: Set(i32::try_from(desk.offer_valid_days).unwrap_or(14)),
                legal_name: Set(legal.legal_name.clone()),
                legal_address: Set(legal.address.clone()),
                tax_id: Set(legal.tax_id.clone()),
                licence: Set(legal.licence.clone()),
                phone: Set(legal.phone.clone()),
                ..Default::default()
            }
            .insert(db)
            .await?;
            Ok(BankSaved::Created)
        }
        Some(before) => {
            if before.reporting_currency != details.reporting_currency
                && product::Entity::find().count(db).await? > 0
            {
                return Err(StoreError::InvalidField {
                    field: "reporting_currency".into(),
                    message: Message::new("setup-currency-fixed")
                        .with("currency", before.reporting_currency),
                });
            }
            bank_settings::Entity::update_many()
                .col_expr(
                    bank_settings::Column::Name,
                    Expr::value(details.name.clone()),
                )
                .col_expr(
                    bank_settings::Column::ReportingCurrency,
                    Expr::value(details.reporting_currency.as_str()),
                )
                .col_expr(
                    bank_settings::Column::LegalName,
                    Expr::value(legal.legal_name.clone()),
                )
                .col_expr(
                    bank_settings::Column::LegalAddress,
                    Expr::value(legal.address.clone()),
                )
                .col_expr(
                    bank_settings::Column::TaxId,
                    Expr::value(legal.tax_id.clone()),
                )
                .col_expr(
                    bank_settings::Column::Licence,
                    Expr::value(legal.licence.clone()),
                )
                .col_expr(
                    bank_settings::Column::Phone,
                    Expr::value(legal.phone.clone()),
                )
                .exec(db)
                .await?;
            Ok(BankSaved::Updated { before })
        }
    }
}

/// The group's companies, by code, with how many products each has.
///
/// # Errors
/// Database errors; `Invalid` for a stored kind Kombi does not know.
pub async fn companies(db: &impl ConnectionTrait) -> Result<Vec<(Company, u64)>, StoreError> {
    let rows = company::Entity::find()
        .order_by_asc(company::Column::Code)
        .all(db)
        .await?;
    let counts: Vec<(i32, i64)> = product::Entity::find()
        .select_only()
        .column(product::Column::CompanyId)
        .column_as(product::Column::Id.count(), "n")
        .group_by(product::Column::CompanyId)
        .into_tuple()
        .all(db)
        .await?;
    rows.into_iter()
        .map(|row| {
            let kind = CompanyKind::parse(&row.kind)
                .ok_or_else(|| StoreError::Invalid(format!("company kind {}", row.kind)))?;
            let products = counts
                .iter()
                .find(|(id, _)| *id == row.id)
                .map_or(0, |(_, n)| u64::try_from(*n).unwrap_or(0));
            Ok((
                Company {
                    code: row.code,
                    name: row.name,
                    kind,
                },
                products,
            ))
        })
        .collect()
}

/// Adds a company, or renames and re-kinds the one with its code. Returns the company as it
/// was, if it existed.
///
/// # Errors
/// Database errors only.
pub async fn save_company(
    db: &impl ConnectionTrait,
    company: &Company,
) -> Result<Option<Company>, StoreError> {
    let existing = company::Entity::find()
        .filter(company::Column::Code.eq(company.code.as_str()))
        .one(db)
        .await?;
    match existing {
        Some(row) => {
            let before = Company {
                code: row.code.clone(),
                name: row.name.clone(),
                kind: CompanyKind::parse(&row.kind).unwrap_or(CompanyKind::Other),
            };
            let mut row: company::ActiveModel = row.into();
            row.name = Set(company.name.clone());
            row.kind = Set(company.kind.as_str().to_owned());
            row.update(db).await?;
            Ok(Some(before))
        }
        None => {
            company::ActiveModel {
                code: Set(company.code.clone()),
                name: Set(company.name.clone()),
                kind: Set(company.kind.as_str().to_owned()),
                ..Default::default()
            }
            .insert(db)
            .await?;
            Ok(None)
        }
    }
}

fn point_columns(draft: &SalesPointDraft) -> Result<sales_point::ActiveModel, StoreError> {
    let costs = &draft.costs;
    Ok(sales_point::ActiveModel {
        code: Set(draft.code.clone()),
        name: Set(draft.name.clone()),
        city: Set(draft.city.clone()),
        region: Set(draft.region.clone()),
        format: Set(draft.format.as_str().to_owned()),
        branch_cost_per_minute: Set(to_units(
            costs.branch_cost_per_minute,
            AMOUNT_SCALE,
            "branch_cost_per_minute",
        )?),
        visit_overhead_minutes: Set(to_units(
            costs.visit_overhead_minutes,
            AMOUNT_SCALE,
            "visit_overhead_minutes",
        )?),
        visit_limit_minutes: Set(costs
            .visit_limit_minutes
            .map(|v| to_units(v, AMOUNT_SCALE, "visit_limit_minutes"))
            .transpose()?),
        active: Set(true),
        product_kinds: Set(draft.product_kinds.to_string()),
        ..Default::default()
    })
}

/// Adds a sales point.
///
/// # Errors
/// `Conflict { field: "code" }` when the code is taken; `InvalidField` for a figure that does
/// not fit.
pub async fn add_point(
    db: &impl ConnectionTrait,
    draft: &SalesPointDraft,
) -> Result<(), StoreError> {
    sales_point::Entity::insert(point_columns(draft)?)
        .exec_without_returning(db)
        .await
        .map_err(|err| {
            if is_unique_violation(&err) {
                StoreError::Conflict {
                    field: "code",
                    value: draft.code.clone(),
                }
            } else {
                err.into()
            }
        })?;
    Ok(())
}

/// Updates a point's description (name, city, region, format, product kinds) and, when
/// `with_costs`, its costs too (only before the bank is live: after, costs are finance's and
/// change through approval).
///
/// # Errors
/// `NotFound` for an unknown code.
pub async fn update_point(
    db: &impl ConnectionTrait,
    draft: &SalesPointDraft,
    with_costs: bool,
) -> Result<(), StoreError> {
    let columns = point_columns(draft)?;
    let units = |value: sea_orm::ActiveValue<i64>| value.try_as_ref().copied().unwrap_or(0);
    let mut update = sales_point::Entity::update_many()
        .col_expr(sales_point::Column::Name, Expr::value(draft.name.clone()))
        .col_expr(sales_point::Column::City, Expr::value(draft.city.clone()))
        .col_expr(
            sales_point::Column::Region,
            Expr::value(draft.region.clone()),
        )
        .col_expr(
            sales_point::Column::Format,
            Expr::value(draft.format.as_str()),
        )
        .col_expr(
            sales_point::Column::ProductKinds,
            Expr::value(draft.product_kinds.to_string()),
        );
    if with_costs {
        update = update
            .col_expr(
                sales_point::Column::BranchCostPerMinute,
                Expr::value(units(columns.branch_cost_per_minute)),
            )
            .col_expr(
                sales_point::Column::VisitOverheadMinutes,
                Expr::value(units(columns.visit_overhead_minutes)),
            )
            .col_expr(
                sales_point::Column::VisitLimitMinutes,
                Expr::value(columns.visit_limit_minutes.try_as_ref().copied().flatten()),
            );
    }
    let result = update
        .filter(sales_point::Column::Code.eq(draft.code.as_str()))
        .exec(db)
        .await?;
    if result.rows_affected == 0 {
        return Err(StoreError::NotFound {
            what: format!("sales point {}", draft.code),
        });
    }
    Ok(())
}

/// Opens or closes a point for new business.
///
/// # Errors
/// `NotFound` for an unknown code.
pub async fn set_point_active(
    db: &impl ConnectionTrait,
    code: &str,
    active: bool,
) -> Result<(), StoreError> {
    let result = sales_point::Entity::update_many()
        .col_expr(sales_point::Column::Active, Expr::value(active))
        .filter(sales_point::Column::Code.eq(code))
        .exec(db)
        .await?;
    if result.rows_affected == 0 {
        return Err(StoreError::NotFound {
            what: format!("sales point {code}"),
        });
    }
    Ok(())
}

/// What still names a point: clients living there, segments scoped to it, matrix cells, offers
/// made there, staff working there. Each an indexed existence check, or a small table.
///
/// # Errors
/// `NotFound` for an unknown code.
pub async fn point_uses(
    db: &impl ConnectionTrait,
    code: &str,
) -> Result<Vec<&'static str>, StoreError> {
    let point = sales_point::Entity::find()
        .filter(sales_point::Column::Code.eq(code))
        .one(db)
        .await?
        .ok_or_else(|| StoreError::NotFound {
            what: format!("sales point {code}"),
        })?;
    let mut uses = Vec::new();
    if (client::Entity::find()
        .select_only()
        .column(client::Column::Id)
        .filter(client::Column::HomeSalesPointId.eq(point.id))
        .into_tuple::<i32>()
        .one(db)
        .await?)
        .is_some()
    {
        uses.push("clients");
    }
    if (segment::Entity::find()
        .filter(segment::Column::SalesPointId.eq(point.id))
        .one(db)
        .await?)
        .is_some()
    {
        uses.push("segments");
    }
    if (matrix_cell::Entity::find()
        .select_only()
        .column(matrix_cell::Column::Id)
        .filter(matrix_cell::Column::ScopeKind.eq("point"))
        .filter(matrix_cell::Column::ScopeKey.eq(code))
        .into_tuple::<i32>()
        .one(db)
        .await?)
        .is_some()
    {
        uses.push("matrices");
    }
    if (offer::Entity::find()
        .select_only()
        .column(offer::Column::Id)
        .filter(offer::Column::SalesPoint.eq(code))
        .into_tuple::<i32>()
        .one(db)
        .await?)
        .is_some()
    {
        uses.push("offers");
    }
    if (user::Entity::find()
        .filter(
            sea_orm::Condition::any()
                .add(user::Column::HomeSalesPoint.eq(code))
                .add(user::Column::DaySalesPoint.eq(code)),
        )
        .one(db)
        .await?)
        .is_some()
    {
        uses.push("staff");
    }
    Ok(uses)
}

/// Deletes a point nothing names.
///
/// # Errors
/// `Conflict { field: "in-use" }` when something names it; `NotFound` for an unknown code.
pub async fn delete_point(db: &impl ConnectionTrait, code: &str) -> Result<(), StoreError> {
    let uses = point_uses(db, code).await?;
    if !uses.is_empty() {
        return Err(StoreError::Conflict {
            field: "in-use",
            value: uses.join(", "),
        });
    }
    sales_point::Entity::delete_many()
        .filter(sales_point::Column::Code.eq(code))
        .exec(db)
        .await?;
    Ok(())
}
