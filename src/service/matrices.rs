//! Product matrices as their pages and commands need them: a version evaluated against the
//! bank as it stands (catalog, sales points, settings, rates); their review is `review.rs`.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use sea_orm::ConnectionTrait;

use crate::domain::audit::{Fields, of as audit_of};
use crate::domain::bank::{BankSettings, SalesPoint};
use crate::domain::matrix::{CatalogEntry, PointEvaluation, Setting, evaluate_version};
use crate::domain::money::ExchangeRates;
use crate::domain::product::{CatalogProduct, ProductStatus, Terms};
use crate::domain::profitability::Valuation;
use crate::persistence::StoreError;
use crate::persistence::catalog::{active_sales_points, bank_settings, exchange_rates};
use crate::persistence::matrices::{self, StoredVersion};
use crate::persistence::products;

/// The bank a matrix is evaluated against, loaded once per request or command.
pub struct BankView {
    pub settings: BankSettings,
    pub points: Vec<SalesPoint>,
    /// The whole catalog, suspended products included (they are left out of every bundle).
    pub products: Vec<CatalogProduct>,
    pub rates: ExchangeRates,
    pub today: NaiveDate,
}

impl BankView {
    /// # Errors
    /// Database errors; `Invalid` when the bank has no settings yet.
    pub async fn load(db: &impl ConnectionTrait, today: NaiveDate) -> Result<Self, StoreError> {
        let settings = bank_settings(db)
            .await?
            .ok_or_else(|| StoreError::Invalid("the bank's settings are not set up".into()))?;
        let rates = exchange_rates(db, settings.reporting_currency, today).await?;
        Ok(Self {
            points: active_sales_points(db).await?,
            products: products::all(db)
                .await?
                .into_iter()
                .map(|p| p.product)
                .collect(),
            settings,
            rates,
            today,
        })
    }

    /// Evaluates `content` at every point, comparing against `frozen` standalone terms where
    /// given (a published version's) and the catalog's elsewhere.
    pub fn evaluate(
        &self,
        content: &crate::domain::matrix::MatrixContent,
        frozen: &BTreeMap<String, Terms>,
    ) -> Vec<PointEvaluation> {
        let catalog = self.catalog(frozen);
        evaluate_version(content, &self.setting(&catalog), &self.points)
    }

    /// Like [`BankView::evaluate`], one point at a time (see `evaluate_version_each`).
    pub fn evaluate_each(
        &self,
        content: &crate::domain::matrix::MatrixContent,
        frozen: &BTreeMap<String, Terms>,
        each: impl FnMut(PointEvaluation),
    ) {
        let catalog = self.catalog(frozen);
        let setting = self.setting(&catalog);
        crate::domain::matrix::evaluate_version_each(content, &setting, &self.points, each);
    }

    /// The active products, with `frozen` standalone terms where given.
    pub fn catalog<'a>(&'a self, frozen: &'a BTreeMap<String, Terms>) -> Vec<CatalogEntry<'a>> {
        self.products
            .iter()
            .filter(|p| p.status == ProductStatus::Active)
            .map(|p| CatalogEntry {
                code: &p.code,
                kind: p.kind,
                currency: p.currency,
                economics: &p.economics,
                terms: frozen.get(&p.code).unwrap_or(&p.terms),
                usage: &p.usage,
            })
            .collect()
    }

    fn setting<'a>(&'a self, catalog: &'a [CatalogEntry<'a>]) -> Setting<'a> {
        Setting {
            catalog,
            settings: &self.settings,
            valuation: Valuation {
                rates: &self.rates,
                on: self.today,
            },
        }
    }

    /// A stored version evaluated as it would be offered.
    pub fn evaluate_version(&self, version: &StoredVersion) -> Vec<PointEvaluation> {
        self.evaluate(&version.content, &version.frozen_terms)
    }

    /// The catalog's standalone terms of every product a version's cells name: what
    /// publishing freezes.
    pub fn terms_to_freeze(
        &self,
        content: &crate::domain::matrix::MatrixContent,
    ) -> BTreeMap<String, Terms> {
        self.products
            .iter()
            .filter(|p| content.cells.iter().any(|c| c.product == p.code))
            .map(|p| (p.code.clone(), p.terms))
            .collect()
    }
}

/// How the audit trail names a matrix version: `SEGMENT v3`.
pub fn version_object(segment: &str, number: i32) -> String {
    format!("{segment} v{number}")
}

/// A matrix version as the audit trail shows it (its content and status); `None` when there
/// is no such version.
///
/// # Errors
/// Database errors.
pub async fn version_fields(
    db: &impl sea_orm::ConnectionTrait,
    segment: &str,
    number: i32,
) -> Result<Option<Fields>, StoreError> {
    Ok(matrices::find_version(db, segment, number)
        .await?
        .map(|v| audit_of::matrix(&v.content).with("status", v.info.status.as_str())))
}
