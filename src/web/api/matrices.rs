//! `GET /api/v1/matrices/{segment}`: the version in force (or `?version=N`) as JSON, and
//! `…/evaluation`: the profitability panel's figures for it. Money and rates are decimal
//! strings; money rounded to the kopeck, margins to 6 places.

use std::collections::BTreeMap;

use actix_web::{HttpResponse, web};
use chrono::Utc;
use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::{Map, Value, json};
use utoipa::ToSchema;

use super::ApiError;
use super::openapi::ErrorBody;
use crate::domain::matrix::{CellPatch, Link, MatrixContent, PointEvaluation, Scope, in_force};
use crate::domain::product::{Figure, FigureGroup, Terms};
use crate::persistence::matrices::{self, StoredVersion};
use crate::service::matrices::BankView;
use crate::web::identity::Identity;
use crate::web::state::AppState;

#[derive(Deserialize)]
pub struct VersionQuery {
    version: Option<i32>,
}

/// The version asked for, else the one in force today.
async fn chosen(
    state: &AppState,
    segment: &str,
    number: Option<i32>,
) -> Result<StoredVersion, ApiError> {
    if let Some(number) = number {
        return matrices::find_version(&state.db, segment, number)
            .await?
            .ok_or_else(|| ApiError::NotFound(format!("version {number} of {segment} not found")));
    }
    let today = Utc::now().date_naive();
    let infos = matrices::versions(&state.db, segment).await?;
    let mut published = Vec::new();
    for info in infos
        .iter()
        .filter(|v| v.status == matrices::VersionStatus::Published)
    {
        if let Some(version) = matrices::find_version(&state.db, segment, info.number).await? {
            published.push(version);
        }
    }
    let domain: Vec<_> = published
        .iter()
        .filter_map(StoredVersion::published)
        .collect();
    let number = in_force(&domain, today).map(|v| v.number());
    published
        .into_iter()
        .find(|v| Some(v.info.number) == number.and_then(|n| i32::try_from(n).ok()))
        .ok_or_else(|| {
            ApiError::NotFound(format!("no version of the matrix of {segment} is in force"))
        })
}

// The structs below only describe, for the OpenAPI document, the JSON that `cell`, `link`,
// `get`, `point_json` and `evaluation` build.

/// A cell of the matrix: what it sets for a product in a scope. Figures are maps of figure
/// name → decimal string, holding only what the cell sets.
#[derive(ToSchema)]
#[schema(as = MatrixCell)]
#[allow(dead_code)]
pub struct CellDoc {
    product: String,
    /// `all`, `group:NAME` or `point:CODE`.
    #[schema(example = "point:MSK-HO")]
    scope: String,
    /// `main`, `add_on`, `main_or_add_on` or `not_offered`, when the cell sets it.
    role: Option<String>,
    terms: BTreeMap<String, String>,
    usage_alone: BTreeMap<String, String>,
    usage_in_bundle: BTreeMap<String, String>,
    take_up: Option<String>,
    visit_share: Option<String>,
    order: Option<u16>,
    talking_points: Option<String>,
}

/// A link between products. Fields by `kind`: `limit_within_share` (`card`, `deposit`,
/// `share`), `requires` (`product`, `needs`), `excludes` (`first`, `second`),
/// `conditional_term` (`product`, `with`, `figure`, `value`).
#[derive(ToSchema)]
#[schema(as = MatrixLink)]
#[allow(dead_code)]
pub struct LinkDoc {
    /// `limit_within_share`, `requires`, `excludes` or `conditional_term`.
    kind: String,
    card: Option<String>,
    deposit: Option<String>,
    /// A decimal string.
    share: Option<String>,
    product: Option<String>,
    needs: Option<String>,
    first: Option<String>,
    second: Option<String>,
    with: Option<String>,
    figure: Option<String>,
    /// A decimal string.
    value: Option<String>,
}

/// A version of a segment's matrix.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct Matrix {
    /// The segment's code.
    segment: String,
    version: i32,
    /// `draft`, `submitted` (frozen, awaiting finance's approval) or `published`.
    status: String,
    effective_from: Option<chrono::NaiveDate>,
    withdrawn_on: Option<chrono::NaiveDate>,
    /// The service package's yearly fee, a decimal string.
    package_fee: Option<String>,
    cells: Vec<CellDoc>,
    links: Vec<LinkDoc>,
    /// Product code → the catalog terms the version froze (figure name → decimal string).
    frozen_terms: BTreeMap<String, BTreeMap<String, String>>,
}

/// One position of a bundle, at a sales point.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct PositionFigures {
    product: String,
    revenue: String,
    profit: String,
}

/// A verdict of the engine on a bundle or a product.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct MatrixVerdict {
    check: String,
    /// `pass`, `info`, `warning` or `fail`.
    outcome: String,
    reason: String,
    product: Option<String>,
    message: String,
}

/// Whether a link holds on the bundle.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct LinkCheck {
    holds: bool,
    message: String,
}

/// The bundle for one main product at a sales point. When it cannot be evaluated, only `main`,
/// `problem` and `blocking` are present.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct BundleEvaluation {
    main: String,
    /// Why the bundle could not be evaluated.
    problem: Option<String>,
    products: Vec<PositionFigures>,
    /// Money: decimal strings with two places, in the bank's currency.
    #[schema(example = "18968.00")]
    revenue: String,
    profit: String,
    /// Six places; `null` without revenue.
    #[schema(example = "0.587727")]
    margin: Option<String>,
    package_revenue: String,
    client_separate: String,
    client_bundled: String,
    client_saving: String,
    verdicts: Vec<MatrixVerdict>,
    links: Vec<LinkCheck>,
    /// What blocks publishing.
    blocking: Vec<String>,
    /// What only warns.
    warnings: Vec<String>,
}

/// A sales point's bundles; `problem` when the point cannot be evaluated at all.
#[derive(ToSchema)]
#[schema(as = PointEvaluation)]
#[allow(dead_code)]
pub struct PointEvaluationDoc {
    point: String,
    problem: Option<String>,
    bundles: Vec<BundleEvaluation>,
}

/// The profitability panel's figures for a version.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct MatrixEvaluation {
    segment: String,
    version: i32,
    /// The bank's reporting currency.
    currency: String,
    /// Nothing blocks publishing.
    passes: bool,
    points: Vec<PointEvaluationDoc>,
}

fn figures(values: &BTreeMap<Figure, Decimal>) -> Value {
    Value::Object(
        values
            .iter()
            .map(|(f, v)| {
                (
                    f.name().to_owned(),
                    Value::String(v.normalize().to_string()),
                )
            })
            .collect::<Map<_, _>>(),
    )
}

fn decimal(value: Option<Decimal>) -> Value {
    value.map_or(Value::Null, |v| Value::String(v.normalize().to_string()))
}

fn cell(product: &str, at: &Scope, patch: &CellPatch) -> Value {
    json!({
        "product": product,
        "scope": at.key(),
        "role": patch.role.map(|r| r.as_str()),
        "terms": figures(&patch.terms),
        "usage_alone": figures(&patch.usage_alone),
        "usage_in_bundle": figures(&patch.usage_in_bundle),
        "take_up": decimal(patch.take_up),
        "visit_share": decimal(patch.visit_share),
        "order": patch.order,
        "talking_points": patch.talking_points,
    })
}

fn link(link: &Link) -> Value {
    match link {
        Link::LimitWithinShare {
            card,
            deposit,
            share,
        } => {
            json!({"kind": "limit_within_share", "card": card, "deposit": deposit, "share": share.normalize().to_string()})
        }
        Link::Requires { product, needs } => {
            json!({"kind": "requires", "product": product, "needs": needs})
        }
        Link::Excludes { first, second } => {
            json!({"kind": "excludes", "first": first, "second": second})
        }
        Link::ConditionalTerm {
            product,
            with,
            figure,
            value,
        } => json!({
            "kind": "conditional_term", "product": product, "with": with,
            "figure": figure.name(), "value": value.normalize().to_string()}),
    }
}

fn terms(terms: &Terms) -> Value {
    let (e, u) = (
        crate::domain::product::Economics::with_lifetime(Decimal::ZERO),
        crate::domain::product::Usage::default(),
    );
    Value::Object(
        Figure::of(FigureGroup::Terms)
            .map(|f| {
                (
                    f.name().to_owned(),
                    Value::String(f.get(&e, terms, &u).normalize().to_string()),
                )
            })
            .collect(),
    )
}

fn content(content: &MatrixContent) -> (Value, Value) {
    let cells = content
        .cells
        .iter()
        .map(|c| cell(&c.product, &c.scope, &c.patch))
        .collect();
    let links = content.links.iter().map(link).collect();
    (Value::Array(cells), Value::Array(links))
}

/// `GET /api/v1/matrices/{segment}`
///
/// # Errors
/// 404 for an unknown segment, version, or no version in force.
#[utoipa::path(
    get,
    path = "/api/v1/matrices/{segment}",
    operation_id = "get_matrix",
    tag = "matrices",
    summary = "A segment's matrix",
    description = "The version in force today, or version `version`: cells by scope, links, the \
        package fee and the catalog terms it froze. Product managers, finance.",
    params(
        ("segment" = String, Path, description = "The segment's code"),
        ("version" = Option<i32>, Query, description = "A version number (default: the version in force)"),
    ),
    responses(
        (status = 200, description = "The matrix version", body = Matrix),
        (status = 401, description = "No valid bearer token", body = ErrorBody),
        (status = 403, description = "The token's role may not call this, or its user must first choose a new password on the web", body = ErrorBody),
        (status = 404, description = "No such segment or version, or no version in force", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn get(
    _identity: Identity,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<VersionQuery>,
) -> Result<HttpResponse, ApiError> {
    let version = chosen(&state, &path, query.version).await?;
    let (cells, links) = content(&version.content);
    let info = &version.info;
    Ok(HttpResponse::Ok().json(json!({
        "segment": info.segment,
        "version": info.number,
        "status": info.status.as_str(),
        "effective_from": info.effective_from,
        "withdrawn_on": info.withdrawn_on,
        "package_fee": decimal(version.content.package_fee),
        "cells": cells,
        "links": links,
        "frozen_terms": version.frozen_terms.iter().map(|(code, t)| (code.clone(), terms(t))).collect::<Map<_, _>>(),
    })))
}

fn money(value: Decimal) -> String {
    format!("{:.2}", value.round_dp(2))
}

fn point_json(point: &PointEvaluation) -> Value {
    let bundles = match &point.bundles {
        Err(problem) => return json!({"point": point.point, "problem": problem, "bundles": []}),
        Ok(bundles) => bundles,
    };
    let bundles: Vec<Value> = bundles
        .iter()
        .map(|bundle| match &bundle.result {
            Err(problem) => json!({"main": bundle.main, "problem": problem, "blocking": [problem]}),
            Ok(result) => {
                let b = &result.breakdown;
                let positions: Vec<Value> = result
                    .products
                    .iter()
                    .zip(&b.lines)
                    .map(|(p, line)| json!({
                        "product": p.code,
                        "revenue": money(line.breakdown.revenue),
                        "profit": money(line.breakdown.profit),
                    }))
                    .collect();
                json!({
                    "main": bundle.main,
                    "products": positions,
                    "revenue": money(b.revenue),
                    "profit": money(b.profit),
                    "margin": b.margin.map(|m| format!("{:.6}", m.round_dp(6))),
                    "package_revenue": money(b.package_revenue),
                    "client_separate": money(result.checks.client_separate),
                    "client_bundled": money(result.checks.client_bundled),
                    "client_saving": money(result.checks.client_saving),
                    "verdicts": result.checks.verdicts.iter().chain(result.alone.iter().map(|v| &**v)).map(|v| json!({
                        "check": v.check, "outcome": v.outcome, "reason": v.reason,
                        "product": v.product, "message": v.message,
                    })).collect::<Vec<_>>(),
                    "links": result.links.iter().map(|l| json!({"holds": l.holds, "message": l.message})).collect::<Vec<_>>(),
                    "blocking": result.blocking(),
                    "warnings": result.warnings(),
                })
            }
        })
        .collect();
    json!({"point": point.point, "bundles": bundles})
}

/// `GET /api/v1/matrices/{segment}/evaluation`
///
/// # Errors
/// 404 as for the matrix; 500 when the bank is not set up.
#[utoipa::path(
    get,
    path = "/api/v1/matrices/{segment}/evaluation",
    operation_id = "get_matrix_evaluation",
    tag = "matrices",
    summary = "A matrix version's profitability",
    description = "For every sales point and main product: revenue, profit, margin, each position, \
        the client's cost separately and bundled, every verdict, and what blocks publishing. \
        Product managers, finance.",
    params(
        ("segment" = String, Path, description = "The segment's code"),
        ("version" = Option<i32>, Query, description = "A version number (default: the version in force)"),
    ),
    responses(
        (status = 200, description = "The evaluation", body = MatrixEvaluation),
        (status = 401, description = "No valid bearer token", body = ErrorBody),
        (status = 403, description = "The token's role may not call this, or its user must first choose a new password on the web", body = ErrorBody),
        (status = 404, description = "No such segment or version, or no version in force", body = ErrorBody),
        (status = 500, description = "The bank is not set up", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn evaluation(
    _identity: Identity,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<VersionQuery>,
) -> Result<HttpResponse, ApiError> {
    let version = chosen(&state, &path, query.version).await?;
    let bank = BankView::load(&state.db, Utc::now().date_naive()).await?;
    let evaluations = bank.evaluate_version(&version);
    let blocked = evaluations.iter().any(|p| !p.blocking().is_empty());
    Ok(HttpResponse::Ok().json(json!({
        "segment": version.info.segment,
        "version": version.info.number,
        "currency": bank.settings.reporting_currency.as_str(),
        "passes": !blocked,
        "points": evaluations.iter().map(point_json).collect::<Vec<_>>(),
    })))
}
