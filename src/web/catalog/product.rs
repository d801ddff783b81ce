//! A product's page: its standalone P&L line by line, the verdicts, and the recommended price.

use crate::domain::message::Message;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::Utc;
use serde::Deserialize;

use crate::domain::money::Currency;
use crate::domain::product::{CatalogProduct, Figure, FigureUnit};
use crate::domain::profitability::{Outcome, PositionBreakdown, ProductReview};
use crate::domain::user::Role;
use crate::i18n::Lang;
use crate::persistence::product_changes;
use crate::service;
use crate::service::catalog::ReviewedProduct;
use crate::web::error::WebError;
use crate::web::format::{self, amount, money, percent, plain};
use crate::web::identity::Identity;
use crate::web::layout::{Layout, Section};
use crate::web::pages::render_with;
use crate::web::state::AppState;

#[derive(Deserialize)]
pub struct PointQuery {
    point: Option<String>,
    /// Just saved: the page confirms it.
    saved: Option<String>,
    /// Saved, with a change to the economics or terms awaiting approval.
    proposed: Option<String>,
    approved: Option<String>,
    rejected: Option<String>,
    withdrawn: Option<String>,
}

impl PointQuery {
    /// What the page confirms after a step.
    fn done(&self) -> Option<&'static str> {
        [
            (&self.saved, "product-saved"),
            (&self.proposed, "product-change-proposed"),
            (&self.approved, "product-change-approved"),
            (&self.rejected, "product-change-rejected"),
            (&self.withdrawn, "product-change-withdrawn"),
        ]
        .into_iter()
        .find(|(flag, _)| flag.is_some())
        .map(|(_, key)| key)
    }
}

/// One line of the P&L table, at standalone terms and at the market price.
pub struct PnlLine {
    pub label: String,
    pub formula: String,
    pub at_terms: String,
    pub at_market: String,
    pub total: bool,
}

pub struct VerdictLine {
    pub outcome: &'static str,
    pub message: String,
}

pub struct PointChoice {
    pub code: String,
    pub name: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "catalog/product.html")]
struct ProductPage {
    layout: Layout,
    code: String,
    name: String,
    kind: String,
    status: &'static str,
    status_label: String,
    company: String,
    currency: String,
    can_edit: bool,
    points: Vec<PointChoice>,
    price_parameter: &'static str,
    market_price: String,
    lines: Vec<PnlLine>,
    verdicts: Vec<VerdictLine>,
    price: Option<String>,
    recommended: String,
    review_error: Option<String>,
    inputs: Vec<(String, String)>,
    notice: Option<String>,
    problem: Option<String>,
    pending: Option<super::change::PendingView>,
    /// Live published matrix versions offering it: (segment, version, a pending change).
    in_matrices: Vec<(String, i32, bool)>,
}

fn pnl_lines(
    lang: Lang,
    terms: &PositionBreakdown,
    market: &PositionBreakdown,
    currency: Currency,
) -> Vec<PnlLine> {
    type Pick = fn(&PositionBreakdown) -> rust_decimal::Decimal;
    let rows: [(&'static str, &'static str, Pick, bool); 17] = [
        (
            "pnl-monthly-fees",
            "pnl-monthly-fees-how",
            |b| b.fees.monthly,
            false,
        ),
        (
            "pnl-annual-fee",
            "pnl-annual-fee-how",
            |b| b.fees.annual,
            false,
        ),
        (
            "pnl-set-up-fee",
            "pnl-set-up-fee-how",
            |b| b.fees.setup,
            false,
        ),
        (
            "pnl-transaction-fees",
            "pnl-transaction-fees-how",
            |b| b.fees.transactions,
            false,
        ),
        (
            "pnl-partner-commission",
            "pnl-partner-commission-how",
            |b| b.partner,
            false,
        ),
        ("pnl-interest", "pnl-interest-how", |b| b.interest, false),
        (
            "pnl-interchange",
            "pnl-interchange-how",
            |b| b.interchange,
            false,
        ),
        ("pnl-revenue", "pnl-revenue-how", |b| b.revenue, true),
        (
            "pnl-servicing",
            "pnl-servicing-how",
            |b| b.direct.servicing,
            false,
        ),
        (
            "pnl-transaction-costs",
            "pnl-transaction-costs-how",
            |b| b.direct.transactions,
            false,
        ),
        (
            "pnl-one-off-costs",
            "pnl-one-off-costs-how",
            |b| b.direct.one_off,
            false,
        ),
        (
            "pnl-expected-loss",
            "pnl-expected-loss-how",
            |b| b.direct.expected_loss,
            false,
        ),
        (
            "pnl-opening-time",
            "pnl-opening-time-how",
            |b| b.direct.opening_time,
            false,
        ),
        (
            "pnl-direct-cost",
            "pnl-direct-cost-how",
            |b| b.direct.total,
            true,
        ),
        (
            "pnl-visit-overhead",
            "pnl-visit-overhead-how",
            |b| b.visit,
            false,
        ),
        (
            "pnl-indirect-cost",
            "pnl-indirect-cost-how",
            |b| b.indirect,
            false,
        ),
        ("pnl-profit", "pnl-profit-how", |b| b.profit, true),
    ];
    let mut lines: Vec<PnlLine> = rows
        .into_iter()
        .map(|(label, formula, pick, total)| PnlLine {
            label: lang.text(label),
            formula: lang.text(formula),
            at_terms: amount(lang, pick(terms), currency),
            at_market: amount(lang, pick(market), currency),
            total,
        })
        .collect();
    let margin = |b: &PositionBreakdown| {
        b.margin
            .map_or_else(|| "—".to_string(), |m| format::margin(lang, m))
    };
    lines.push(PnlLine {
        label: lang.text("pnl-margin"),
        formula: lang.text("pnl-margin-how"),
        at_terms: margin(terms),
        at_market: margin(market),
        total: true,
    });
    lines
}

fn inputs(lang: Lang, p: &CatalogProduct) -> Vec<(String, String)> {
    Figure::ALL
        .iter()
        .map(|f| {
            let value = f.get(&p.economics, &p.terms, &p.usage);
            let shown = match f.unit() {
                FigureUnit::Fraction => percent(lang, value),
                FigureUnit::Money => money(lang, value, p.currency),
                FigureUnit::Minutes | FigureUnit::Years | FigureUnit::Count => plain(lang, value),
            };
            (lang.text(f.label_key()), shown)
        })
        .collect()
}

fn outcome(o: Outcome) -> &'static str {
    match o {
        Outcome::Pass => "pass",
        Outcome::Info => "info",
        Outcome::Warning => "warning",
        Outcome::Fail => "fail",
    }
}

fn shown_price(lang: Lang, p: &CatalogProduct, value: rust_decimal::Decimal) -> String {
    if p.price_parameter.is_rate() {
        percent(lang, value)
    } else {
        money(lang, value, p.currency)
    }
}

/// `GET /catalog/{code}`
pub async fn show(
    state: web::Data<AppState>,
    identity: Identity,
    path: web::Path<String>,
    query: web::Query<PointQuery>,
) -> Result<HttpResponse, WebError> {
    let notice = query.done().map(|key| identity.language.text(key));
    let shown = Shown {
        point: query.point.as_deref(),
        notice,
        problem: None,
        status: StatusCode::OK,
    };
    page(&state, &identity, &path, shown).await
}

/// What the product page shows besides the product: the point its costs are at, a notice
/// after a step, a problem (a refused decision) with its status.
pub struct Shown<'a> {
    pub point: Option<&'a str>,
    pub notice: Option<String>,
    pub problem: Option<String>,
    pub status: StatusCode,
}

/// The product page.
pub async fn page(
    state: &AppState,
    identity: &Identity,
    code: &str,
    shown: Shown<'_>,
) -> Result<HttpResponse, WebError> {
    let today = Utc::now().date_naive();
    let reviewed = service::catalog::review_product(&state.db, code, shown.point, today)
        .await?
        .ok_or_else(|| WebError::NotFound(Message::new("error-no-product").with("code", code)))?;
    let ReviewedProduct {
        stored,
        points,
        chosen,
        review,
        in_matrices,
    } = reviewed;
    let lang = identity.language;
    let p = &stored.product;
    let (lines, verdicts, price, recommended, review_error) = match &review {
        Ok(ProductReview {
            at_terms,
            at_market,
            verdicts,
            price,
            ..
        }) => (
            pnl_lines(lang, at_terms, at_market, p.currency),
            verdicts
                .iter()
                .map(|v| VerdictLine {
                    outcome: outcome(v.outcome),
                    message: lang.message(&v.message),
                })
                .collect(),
            Some(lang.message(&price.explain(p.currency))),
            shown_price(lang, p, price.recommended),
            None,
        ),
        Err(err) => (
            Vec::new(),
            Vec::new(),
            None,
            String::new(),
            Some(lang.engine_error(err)),
        ),
    };
    let pending = match product_changes::pending_for(&state.db, stored.id).await? {
        Some(change) => Some(super::change::view(state, identity, p, &change).await?),
        None => None,
    };
    render_with(
        shown.status,
        &ProductPage {
            layout: Layout::new(
                format!("{} — {}", p.code, p.name),
                Some(identity),
                Section::Catalog,
            ),
            code: p.code.clone(),
            name: p.name.clone(),
            kind: lang.text(p.kind.label_key()),
            status: p.status.as_str(),
            status_label: lang.text(match p.status {
                crate::domain::product::ProductStatus::Active => "status-active",
                crate::domain::product::ProductStatus::Suspended => "status-suspended",
            }),
            company: stored.company_name.clone(),
            currency: p.currency.as_str().to_string(),
            can_edit: identity.role() == Role::ProductManager,
            points: points
                .iter()
                .enumerate()
                .map(|(i, pt)| PointChoice {
                    code: pt.code.clone(),
                    name: pt.name.clone(),
                    selected: i == chosen,
                })
                .collect(),
            price_parameter: p.price_parameter.as_str(),
            market_price: shown_price(lang, p, p.market_price),
            lines,
            verdicts,
            price,
            recommended,
            review_error,
            inputs: inputs(lang, p),
            notice: shown.notice,
            problem: shown.problem,
            pending,
            in_matrices: in_matrices
                .into_iter()
                .map(|m| (m.segment, m.version, m.pending_change))
                .collect(),
        },
    )
}
