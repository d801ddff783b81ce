//! Loads the demo bank. Idempotent: every record is inserted only if its code is not stored
//! yet, all in one transaction, so a second run (or a run after an interruption) is safe.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

use anyhow::{Context, anyhow};
use chrono::{NaiveDate, Utc};
use rust_decimal::Decimal;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait,
    TransactionTrait,
};

use super::bank::{
    COMPANIES, DemoProduct, EXCHANGE_RATES, PRODUCTS, SALES_POINTS, SEGMENTS, USERS,
};
use super::crm_generator::generate_clients;
use super::matrices::MATRICES;
use crate::domain::product::{Figure, ProductForm};
use crate::domain::user::{NewPassword, Role, Username};
use crate::persistence::entities::{bank_settings, company, exchange_rate, sales_point, segment};
use crate::persistence::scaled::{AMOUNT_SCALE, RATE_SCALE, to_units};
use crate::persistence::{clients, matrices, products, users};
use crate::security::{hash_password, verify_password};

/// The synthetic CRM is generated as of this date, so the demo is the same on every machine.
pub const DEMO_AS_OF: (i32, u32, u32) = (2026, 11, 1);
pub const DEMO_CRM_SEED: u64 = 2026;

pub struct DemoOptions {
    pub clients: usize,
}

impl Default for DemoOptions {
    fn default() -> Self {
        Self { clients: 5_000 }
    }
}

/// What a seeding run added.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct SeedReport {
    pub companies: u64,
    pub sales_points: u64,
    pub products: u64,
    pub segments: u64,
    pub matrices: u64,
    pub users: u64,
    pub clients: u64,
    pub offers: u64,
}

impl fmt::Display for SeedReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Demo bank: added {} companies, {} sales points, {} products, {} segments, {} \
             published matrices, {} users, {} clients, {} offers (records already present were \
             kept).",
            self.companies,
            self.sales_points,
            self.products,
            self.segments,
            self.matrices,
            self.users,
            self.clients,
            self.offers
        )
    }
}

fn decimal(text: &str, field: &str) -> anyhow::Result<Decimal> {
    Decimal::from_str(text).with_context(|| format!("demo data: {field} = '{text}'"))
}

fn amount(text: &str, field: &str) -> anyhow::Result<i64> {
    Ok(to_units(decimal(text, field)?, AMOUNT_SCALE, field)?)
}

fn rate(text: &str, field: &str) -> anyhow::Result<i64> {
    Ok(to_units(decimal(text, field)?, RATE_SCALE, field)?)
}

/// Loads everything that is missing.
///
/// The demo users that exist, enabled, with the demo password: the only ones a startup banner
/// may advertise (a production database has none, or has changed their passwords).
///
/// # Errors
/// Database errors only.
pub async fn demo_sign_ins(db: &DatabaseConnection) -> anyhow::Result<Vec<&'static str>> {
    let mut usable = Vec::new();
    for (username, _, _, _) in USERS {
        let Some((user, hash)) = users::find_for_sign_in(db, username).await? else {
            continue;
        };
        let demo_password = tokio::task::spawn_blocking(move || {
            verify_password(NewPassword::demo().expose(), &hash)
        })
        .await?;
        if user.active && demo_password {
            usable.push(*username);
        }
    }
    Ok(usable)
}

/// # Errors
/// Database errors; the transaction is then rolled back and nothing is half-written.
pub async fn seed_demo(
    db: &DatabaseConnection,
    options: &DemoOptions,
) -> anyhow::Result<SeedReport> {
    // Password hashing is slow on purpose: do it before the transaction holds any lock.
    let mut demo_users = Vec::new();
    for (username, display, role, point) in USERS {
        let hash =
            hash_password(NewPassword::demo().expose()).map_err(|e| anyhow!("hashing: {e}"))?;
        demo_users.push((
            Username::parse(username)?,
            *display,
            Role::from_str(role)?,
            *point,
            hash,
        ));
    }
    let as_of =
        NaiveDate::from_ymd_opt(DEMO_AS_OF.0, DEMO_AS_OF.1, DEMO_AS_OF.2).context("demo date")?;
    let demo_clients: Vec<_> = generate_clients(options.clients, DEMO_CRM_SEED, as_of).collect();

    let txn = db.begin().await?;
    let mut report = SeedReport::default();
    seed_bank_settings(&txn).await?;
    report.companies = insert_companies(&txn).await?;
    report.sales_points = insert_sales_points(&txn).await?;
    let point_ids: HashMap<String, i32> = sales_point::Entity::find()
        .all(&txn)
        .await?
        .into_iter()
        .map(|p| (p.code, p.id))
        .collect();
    report.products = insert_products(&txn).await?;
    report.segments = insert_segments(&txn).await?;
    insert_exchange_rates(&txn, as_of).await?;
    report.matrices = insert_matrices(&txn, as_of).await?;
    for (username, display, role, point, hash) in demo_users {
        if users::find_by_username(&txn, username.as_str())
            .await?
            .is_none()
        {
            let user = users::create(&txn, &username, display, role, hash).await?;
            users::set_role_and_point(&txn, user.id, role, point).await?;
            report.users += 1;
        }
    }
    report.clients = clients::insert_new(&txn, &demo_clients, &point_ids).await?;
    txn.commit().await?;
    report.offers = super::offers::seed_offers(db, as_of).await?;
    Ok(report)
}

/// Publishes each demo matrix whose segment has none yet, through the same verdicts a product
/// manager's draft must pass: demo data that would not publish is a bug, reported as such.
async fn insert_matrices(db: &impl ConnectionTrait, as_of: NaiveDate) -> anyhow::Result<u64> {
    let bank = crate::service::matrices::BankView::load(db, as_of).await?;
    let mut added = 0;
    for matrix in MATRICES {
        let content = matrix.content()?;
        let blocked = crate::domain::matrix::blocking(
            &bank.evaluate(&content, &std::collections::BTreeMap::new()),
        );
        let frozen = bank.terms_to_freeze(&content);
        let published = crate::domain::matrix::Draft { content }
            .publish(1, as_of, None, blocked, frozen)
            .map_err(|e| anyhow!("demo matrix of {} does not publish: {e:?}", matrix.segment))?;
        if matrices::insert_published(db, matrix.segment, &published, "demo").await? {
            added += 1;
        }
    }
    Ok(added)
}

async fn seed_bank_settings(db: &impl ConnectionTrait) -> anyhow::Result<()> {
    if bank_settings::Entity::find().count(db).await? > 0 {
        return Ok(());
    }
    bank_settings::Entity::insert(bank_settings::ActiveModel {
        name: Set(COMPANIES[0].1.to_string()),
        reporting_currency: Set("RUB".to_string()),
        target_margin: Set(rate("0.15", "target_margin")?),
        bundle_lifetime_years: Set(amount("5", "bundle_lifetime_years")?),
        bundle_overhead_rate: Set(rate("0.20", "bundle_overhead_rate")?),
        addon_anchor_threshold: Set(rate("0.25", "addon_anchor_threshold")?),
        verify_data_minutes: Set(amount("5", "verify_data_minutes")?),
        credit_decision_minutes: Set(amount("10", "credit_decision_minutes")?),
        offer_valid_days: Set(14),
        legal_name: Set(crate::demo::bank::LEGAL_NAME.to_string()),
        legal_address: Set(crate::demo::bank::LEGAL_ADDRESS.to_string()),
        tax_id: Set(crate::demo::bank::TAX_ID.to_string()),
        licence: Set(crate::demo::bank::LICENCE.to_string()),
        phone: Set(crate::demo::bank::PHONE.to_string()),
        ..Default::default()
    })
    .exec(db)
    .await?;
    Ok(())
}

async fn insert_companies(db: &impl ConnectionTrait) -> anyhow::Result<u64> {
    let models = COMPANIES
        .iter()
        .map(|(code, name, kind)| company::ActiveModel {
            code: Set((*code).to_string()),
            name: Set((*name).to_string()),
            kind: Set((*kind).to_string()),
            ..Default::default()
        });
    Ok(company::Entity::insert_many(models)
        .on_conflict(
            OnConflict::column(company::Column::Code)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?)
}

async fn insert_sales_points(db: &impl ConnectionTrait) -> anyhow::Result<u64> {
    let mut models = Vec::new();
    for p in SALES_POINTS {
        models.push(sales_point::ActiveModel {
            code: Set(p.code.to_string()),
            name: Set(p.name.to_string()),
            city: Set(p.city.to_string()),
            region: Set(p.region.to_string()),
            format: Set(p.format.to_string()),
            branch_cost_per_minute: Set(amount(
                p.branch_cost_per_minute,
                "branch_cost_per_minute",
            )?),
            visit_overhead_minutes: Set(amount(
                p.visit_overhead_minutes,
                "visit_overhead_minutes",
            )?),
            visit_limit_minutes: Set(Some(amount(p.visit_limit_minutes, "visit_limit_minutes")?)),
            ..Default::default()
        });
    }
    Ok(sales_point::Entity::insert_many(models)
        .on_conflict(
            OnConflict::column(sales_point::Column::Code)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?)
}

/// A demo product as the catalog form would hold it: it goes through the same checks as one
/// typed by a product manager.
fn product_form(p: &DemoProduct) -> anyhow::Result<ProductForm> {
    let mut form = ProductForm {
        code: p.code.to_string(),
        name: p.name.to_string(),
        kind: p.kind.to_string(),
        currency: p.currency.to_string(),
        company: p.company.to_string(),
        status: "active".to_string(),
        costs_cannot_be_reduced: p.costs_cannot_be_reduced.then(|| "on".to_string()),
        price_parameter: p.price_parameter.to_string(),
        market_price: p.market_price.to_string(),
        ..ProductForm::default()
    };
    for (name, value) in p.figures {
        let figure = Figure::from_name(name)
            .ok_or_else(|| anyhow!("demo product {}: unknown figure '{name}'", p.code))?;
        form.set_figure(figure, *value);
    }
    Ok(form)
}

/// Stores the demo products that are not stored yet (by code); returns how many were added.
async fn insert_products(db: &impl ConnectionTrait) -> anyhow::Result<u64> {
    let mut added = 0;
    for p in PRODUCTS {
        let product = product_form(p)?.parse().map_err(|errors| {
            let errors: Vec<String> = errors.iter().map(ToString::to_string).collect();
            anyhow!("demo product {}: {}", p.code, errors.join("; "))
        })?;
        if products::find(db, &product.code).await?.is_none() {
            products::create(db, &product).await?;
            added += 1;
        }
    }
    Ok(added)
}

async fn insert_exchange_rates(db: &impl ConnectionTrait, on: NaiveDate) -> anyhow::Result<u64> {
    let mut models = Vec::new();
    for (currency, value) in EXCHANGE_RATES {
        models.push(exchange_rate::ActiveModel {
            rate_date: Set(on),
            currency: Set((*currency).to_string()),
            rate: Set(rate(value, "exchange rate")?),
            ..Default::default()
        });
    }
    Ok(exchange_rate::Entity::insert_many(models)
        .on_conflict(
            OnConflict::columns([
                exchange_rate::Column::Currency,
                exchange_rate::Column::RateDate,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?)
}

async fn insert_segments(db: &impl ConnectionTrait) -> anyhow::Result<u64> {
    let now = Utc::now();
    let models =
        SEGMENTS.iter().map(
            |(code, name, description, priority, rule)| segment::ActiveModel {
                code: Set((*code).to_string()),
                name: Set((*name).to_string()),
                description: Set((*description).to_string()),
                priority: Set(*priority),
                sales_point_id: Set(None),
                rule: Set((*rule).to_string()),
                active: Set(true),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
                ..Default::default()
            },
        );
    Ok(segment::Entity::insert_many(models)
        .on_conflict(
            OnConflict::column(segment::Column::Code)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?)
}
