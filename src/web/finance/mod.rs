//! Finance's overview: matrix versions awaiting approval, the bank's profitability targets and
//! where the catalog stands.

mod dashboard;
mod rates;
mod settings;
mod what_if;

use crate::web::access::FINANCE;
use crate::web::routes::RouteTable;
use actix_web::{HttpResponse, web};
use askama::Template;

use super::error::WebError;
use super::identity::Identity;
use super::layout::{Layout, Section};
use super::pages::render;
use super::state::AppState;
use crate::domain::message::Message;
use crate::persistence::{catalog, matrices, product_changes};
use crate::web::format;

pub fn routes(table: &mut RouteTable) {
    table
        .get("/finance", FINANCE, overview)
        .get("/finance/dashboard", FINANCE, dashboard::show)
        .get("/finance/dashboard.csv", FINANCE, dashboard::export_csv)
        .get("/finance/dashboard.xlsx", FINANCE, dashboard::export_xlsx)
        .get("/finance/what-if", FINANCE, what_if::show)
        .post("/finance/what-if/scenarios", FINANCE, what_if::save)
        .get("/finance/rates", FINANCE, rates::show)
        .post("/finance/rates/import", FINANCE, rates::import)
        .post("/finance/rates/approve", FINANCE, rates::approve_pending)
        .get("/finance/settings", FINANCE, settings::show)
        .post("/finance/settings", FINANCE, settings::submit)
        .post("/finance/settings/{id}/approve", FINANCE, settings::approve)
        .post("/finance/settings/{id}/reject", FINANCE, settings::reject);
}

pub struct SettingLine {
    pub label: String,
    pub value: String,
}

/// A matrix version awaiting finance's approval.
pub struct AwaitingLine {
    pub segment: String,
    pub number: i32,
    pub submitted: String,
    pub effective: String,
}

pub struct PointLine {
    pub code: String,
    pub name: String,
    pub cost_per_minute: String,
    pub visit_minutes: String,
}

#[derive(Template)]
#[template(path = "finance/overview.html")]
struct FinancePage {
    layout: Layout,
    bank_name: String,
    settings: Vec<SettingLine>,
    points: Vec<PointLine>,
    active_products: u64,
    suspended_products: u64,
    awaiting: Vec<AwaitingLine>,
    /// Product changes awaiting approval: (product code, proposed by and when).
    product_changes: Vec<(String, String)>,
    /// Settings changes awaiting a second finance user.
    settings_pending: usize,
}

impl FinancePage {
    fn product_counts(&self) -> String {
        let lang = self.layout.lang;
        let count = |n: u64| format::integer(lang, i64::try_from(n).unwrap_or(i64::MAX));
        lang.message(
            &Message::new("finance-products")
                .with("active", count(self.active_products))
                .with("suspended", count(self.suspended_products)),
        )
    }
}

async fn overview(
    state: web::Data<AppState>,
    identity: Identity,
) -> Result<HttpResponse, WebError> {
    let lang = identity.language;
    let line = |key: &'static str, value: String| SettingLine {
        label: lang.text(key),
        value,
    };
    let bank = catalog::bank_settings(&state.db).await?;
    let settings = bank
        .as_ref()
        .map(|b| {
            vec![
                line(
                    "finance-currency",
                    b.reporting_currency.as_str().to_string(),
                ),
                line(
                    "finance-target-margin",
                    format::percent(lang, b.bundle.target_margin),
                ),
                line(
                    "finance-lifetime",
                    lang.message(
                        &Message::new("finance-lifetime-years")
                            .with("years", format::plain(lang, b.bundle.lifetime_years)),
                    ),
                ),
                line(
                    "finance-overhead",
                    format::percent(lang, b.bundle.overhead_rate),
                ),
                line(
                    "finance-anchor",
                    format::percent(lang, b.addon_anchor_threshold),
                ),
            ]
        })
        .unwrap_or_default();
    let points = catalog::sales_points(&state.db)
        .await?
        .into_iter()
        .map(|p| PointLine {
            code: p.code,
            name: p.name,
            cost_per_minute: format::plain(lang, p.costs.branch_cost_per_minute.round_dp(2)),
            visit_minutes: format::plain(lang, p.costs.visit_overhead_minutes),
        })
        .collect();
    let (active_products, suspended_products) = catalog::product_counts(&state.db).await?;
    let awaiting = matrices::submitted(&state.db)
        .await?
        .into_iter()
        .map(|v| AwaitingLine {
            submitted: match (&v.submitted_by, v.submitted_at) {
                (Some(who), Some(at)) => format!("{who}, {}", format::moment(lang, at)),
                _ => String::new(),
            },
            effective: v
                .effective_from
                .map(|d| format::date(lang, d))
                .unwrap_or_default(),
            segment: v.segment,
            number: v.number,
        })
        .collect();
    let product_changes = product_changes::all_pending(&state.db)
        .await?
        .into_iter()
        .map(|c| {
            let by = format!(
                "{}, {}",
                c.submitted_by,
                format::moment(lang, c.submitted_at)
            );
            (c.product, by)
        })
        .collect();
    render(&FinancePage {
        layout: Layout::new(
            identity.language.text("nav-finance"),
            Some(&identity),
            Section::Finance,
        ),
        bank_name: bank
            .map(|b| b.name)
            .unwrap_or_else(|| lang.text("finance-no-bank")),
        settings,
        points,
        active_products,
        suspended_products,
        awaiting,
        product_changes,
        settings_pending: crate::persistence::settings_changes::pending(&state.db)
            .await?
            .len(),
    })
}
