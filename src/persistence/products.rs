//! Catalog products as domain [`CatalogProduct`]s: reading, creating and updating them.
//!
//! Updates are optimistic: the form carries the version it was loaded at, and a save against a
//! newer version is refused, so two product managers never silently overwrite each other.

use std::str::FromStr;

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use super::entities::{company, product};
use super::scaled::{AMOUNT_SCALE, RATE_SCALE, amount, rate, to_units};
use super::{StoreError, is_unique_violation};
use crate::domain::message::Message;
use crate::domain::money::Currency;
use crate::domain::product::{
    CatalogProduct, Economics, PriceParameter, ProductKind, ProductStatus, Terms, Usage,
};

/// A stored product with what the pages need besides the domain value.
#[derive(Clone, Debug)]
pub struct StoredProduct {
    pub id: i32,
    pub version: i32,
    pub company_name: String,
    pub product: CatalogProduct,
}

fn invalid(row: &product::Model, what: impl std::fmt::Display) -> StoreError {
    StoreError::Invalid(format!("product {}: {what}", row.code))
}

fn to_domain(row: &product::Model, company_code: String) -> Result<CatalogProduct, StoreError> {
    let price_parameter =
        PriceParameter::from_str(&row.price_parameter).map_err(|e| invalid(row, e))?;
    // Stored at the rate scale whatever the parameter: a fee fits as well as a rate.
    let market_price = rate(row.market_price);
    Ok(CatalogProduct {
        code: row.code.clone(),
        name: row.name.clone(),
        kind: ProductKind::from_str(&row.kind).map_err(|e| invalid(row, e))?,
        currency: Currency::parse(&row.currency).map_err(|e| invalid(row, e))?,
        company: company_code,
        status: ProductStatus::from_str(&row.status).map_err(|e| invalid(row, e))?,
        costs_cannot_be_reduced: row.costs_cannot_be_reduced,
        price_parameter,
        market_price,
        economics: Economics {
            ftp_rate: rate(row.ftp_rate),
            reserve_ratio: rate(row.reserve_ratio),
            interchange_rate: rate(row.interchange_rate),
            expected_loss_rate: rate(row.expected_loss_rate),
            servicing_cost: amount(row.servicing_cost),
            cost_per_transaction: amount(row.cost_per_transaction),
            partner_commission: amount(row.partner_commission),
            issuance_cost: amount(row.issuance_cost),
            acquisition_cost: amount(row.acquisition_cost),
            lifetime_years: amount(row.lifetime_years),
            opening_minutes: amount(row.opening_minutes),
            overhead_rate: rate(row.overhead_rate),
        },
        terms: Terms {
            monthly_fee: amount(row.monthly_fee),
            annual_fee: amount(row.annual_fee),
            setup_fee: amount(row.setup_fee),
            transaction_fee: amount(row.transaction_fee),
            client_rate: rate(row.client_rate),
            credit_limit: amount(row.credit_limit),
            min_amount: amount(row.min_amount),
        },
        usage: Usage {
            avg_balance: amount(row.avg_balance),
            annual_spend: amount(row.annual_spend),
            transactions: amount(row.transactions),
        },
    })
}

/// Writes every figure of `p` into `model`; a figure with more decimals than its column keeps
/// is refused (never rounded silently), named by its form field.
fn fill(
    model: &mut product::ActiveModel,
    p: &CatalogProduct,
    company_id: i32,
) -> Result<(), StoreError> {
    let a = |value, field: &str| to_units(value, AMOUNT_SCALE, field).map_err(StoreError::from);
    let r = |value, field: &str| to_units(value, RATE_SCALE, field).map_err(StoreError::from);
    let e = &p.economics;
    model.code = Set(p.code.clone());
    model.name = Set(p.name.clone());
    model.kind = Set(p.kind.as_str().to_string());
    model.currency = Set(p.currency.as_str().to_string());
    model.status = Set(p.status.as_str().to_string());
    model.company_id = Set(company_id);
    model.costs_cannot_be_reduced = Set(p.costs_cannot_be_reduced);
    model.price_parameter = Set(p.price_parameter.as_str().to_string());
    model.market_price = Set(r(p.market_price, "market_price")?);
    model.ftp_rate = Set(r(e.ftp_rate, "ftp_rate")?);
    model.reserve_ratio = Set(r(e.reserve_ratio, "reserve_ratio")?);
    model.interchange_rate = Set(r(e.interchange_rate, "interchange_rate")?);
    model.expected_loss_rate = Set(r(e.expected_loss_rate, "expected_loss_rate")?);
    model.servicing_cost = Set(a(e.servicing_cost, "servicing_cost")?);
    model.cost_per_transaction = Set(a(e.cost_per_transaction, "cost_per_transaction")?);
    model.partner_commission = Set(a(e.partner_commission, "partner_commission")?);
    model.issuance_cost = Set(a(e.issuance_cost, "issuance_cost")?);
    model.acquisition_cost = Set(a(e.acquisition_cost, "acquisition_cost")?);
    model.lifetime_years = Set(a(e.lifetime_years, "lifetime_years")?);
    model.opening_minutes = Set(a(e.opening_minutes, "opening_minutes")?);
    model.overhead_rate = Set(r(e.overhead_rate, "overhead_rate")?);
    model.monthly_fee = Set(a(p.terms.monthly_fee, "monthly_fee")?);
    model.annual_fee = Set(a(p.terms.annual_fee, "annual_fee")?);
    model.setup_fee = Set(a(p.terms.setup_fee, "setup_fee")?);
    model.transaction_fee = Set(a(p.terms.transaction_fee, "transaction_fee")?);
    model.client_rate = Set(r(p.terms.client_rate, "client_rate")?);
    model.credit_limit = Set(a(p.terms.credit_limit, "credit_limit")?);
    model.min_amount = Set(a(p.terms.min_amount, "min_amount")?);
    model.avg_balance = Set(a(p.usage.avg_balance, "avg_balance")?);
    model.annual_spend = Set(a(p.usage.annual_spend, "annual_spend")?);
    model.transactions = Set(a(p.usage.transactions, "transactions")?);
    model.updated_at = Set(Utc::now());
    Ok(())
}

/// # Errors
/// Database errors; `Invalid` for a row edited by hand into nonsense.
pub async fn find(
    db: &impl ConnectionTrait,
    code: &str,
) -> Result<Option<StoredProduct>, StoreError> {
    let found = product::Entity::find()
        .filter(product::Column::Code.eq(code.trim().to_uppercase()))
        .find_also_related(company::Entity)
        .one(db)
        .await?;
    let Some((row, company)) = found else {
        return Ok(None);
    };
    let (company_code, company_name) = company.map(|c| (c.code, c.name)).unwrap_or_default();
    Ok(Some(StoredProduct {
        id: row.id,
        version: row.version,
        company_name,
        product: to_domain(&row, company_code)?,
    }))
}

/// The whole catalog by code (tens of products; a matrix is evaluated against all of them).
///
/// # Errors
/// Database errors; `Invalid` for a row edited by hand into nonsense.
pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<StoredProduct>, StoreError> {
    let rows = product::Entity::find()
        .find_also_related(company::Entity)
        .order_by_asc(product::Column::Code)
        .all(db)
        .await?;
    rows.into_iter()
        .map(|(row, company)| {
            let (company_code, company_name) =
                company.map(|c| (c.code, c.name)).unwrap_or_default();
            Ok(StoredProduct {
                id: row.id,
                version: row.version,
                company_name,
                product: to_domain(&row, company_code)?,
            })
        })
        .collect()
}

/// Group companies for the owner select, as (code, name).
///
/// # Errors
/// Database errors only.
pub async fn companies(db: &impl ConnectionTrait) -> Result<Vec<(String, String)>, StoreError> {
    Ok(company::Entity::find()
        .order_by_asc(company::Column::Code)
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.code, c.name))
        .collect())
}

/// Every product's name by code (the catalog is small: tens of products), for pages that
/// name products rather than show their codes.
///
/// # Errors
/// Database errors only.
pub async fn names(
    db: &impl ConnectionTrait,
) -> Result<std::collections::HashMap<String, String>, StoreError> {
    Ok(product::Entity::find()
        .select_only()
        .column(product::Column::Code)
        .column(product::Column::Name)
        .into_tuple::<(String, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

async fn company_id(db: &impl ConnectionTrait, code: &str) -> Result<i32, StoreError> {
    company::Entity::find()
        .filter(company::Column::Code.eq(code))
        .one(db)
        .await?
        .map(|c| c.id)
        .ok_or_else(|| StoreError::InvalidField {
            field: "company".into(),
            message: Message::new("company-unknown").with("code", code),
        })
}

/// # Errors
/// `Conflict` when the code is taken; `NotFound` for an unknown company; `Invalid` for a figure
/// too precise to store.
pub async fn create(db: &impl ConnectionTrait, p: &CatalogProduct) -> Result<(), StoreError> {
    let company_id = company_id(db, &p.company).await?;
    let now = Utc::now();
    let mut model = product::ActiveModel {
        version: Set(1),
        created_at: Set(now),
        ..Default::default()
    };
    fill(&mut model, p, company_id)?;
    model.insert(db).await.map_err(|err| {
        if is_unique_violation(&err) {
            StoreError::Conflict {
                field: "code",
                value: p.code.clone(),
            }
        } else {
            err.into()
        }
    })?;
    Ok(())
}

/// Saves `p` over the product `code` if it is still at `expected_version`.
///
/// # Errors
/// `NotFound`; `Conflict { field: "version" }` when someone saved in between; `Invalid`.
pub async fn update(
    db: &impl ConnectionTrait,
    code: &str,
    expected_version: i32,
    p: &CatalogProduct,
) -> Result<(), StoreError> {
    let company_id = company_id(db, &p.company).await?;
    let mut model = <product::ActiveModel as Default>::default();
    fill(&mut model, p, company_id)?;
    model.code = sea_orm::ActiveValue::NotSet; // the code is the product's identity
    model.version = Set(expected_version + 1);
    let result = product::Entity::update_many()
        .set(model)
        .filter(product::Column::Code.eq(code))
        .filter(product::Column::Version.eq(expected_version))
        .exec(db)
        .await?;
    if result.rows_affected == 0 {
        return match find(db, code).await? {
            None => Err(StoreError::NotFound {
                what: format!("product {code}"),
            }),
            Some(current) => Err(StoreError::Conflict {
                field: "version",
                value: current.version.to_string(),
            }),
        };
    }
    Ok(())
}
