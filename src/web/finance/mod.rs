//! Finance's overview: the bank's profitability targets and where the catalog stands.

use crate::web::access::FINANCE;
use crate::web::routes::RouteTable;
use actix_web::{HttpResponse, web};
use askama::Template;

use super::error::WebError;
use super::identity::Identity;
use super::layout::{Layout, Section};
use super::pages::render;
use super::state::AppState;
use crate::persistence::catalog;
use rust_decimal::Decimal;

pub fn routes(table: &mut RouteTable) {
    table.get("/finance", FINANCE, overview);
}

pub struct SettingLine {
    pub label: &'static str,
    pub value: String,
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
}

fn percent(rate: Decimal) -> String {
    format!("{} %", (rate * Decimal::ONE_HUNDRED).normalize())
}

async fn overview(
    state: web::Data<AppState>,
    identity: Identity,
) -> Result<HttpResponse, WebError> {
    let bank = catalog::bank_settings(&state.db).await?;
    let settings = bank
        .as_ref()
        .map(|b| {
            vec![
                SettingLine {
                    label: "Reporting currency",
                    value: b.reporting_currency.as_str().to_string(),
                },
                SettingLine {
                    label: "Target bundle margin",
                    value: percent(b.bundle.target_margin),
                },
                SettingLine {
                    label: "Bundle lifetime",
                    value: format!("{} years", b.bundle.lifetime_years.normalize()),
                },
                SettingLine {
                    label: "Bundle overhead rate",
                    value: percent(b.bundle.overhead_rate),
                },
                SettingLine {
                    label: "Add-on price anchor",
                    value: percent(b.addon_anchor_threshold),
                },
            ]
        })
        .unwrap_or_default();
    let points = catalog::sales_points(&state.db)
        .await?
        .into_iter()
        .map(|p| PointLine {
            code: p.code,
            name: p.name,
            cost_per_minute: p.costs.branch_cost_per_minute.round_dp(2).to_string(),
            visit_minutes: p.costs.visit_overhead_minutes.normalize().to_string(),
        })
        .collect();
    let (active_products, suspended_products) = catalog::product_counts(&state.db).await?;
    render(&FinancePage {
        layout: Layout::new("Finance", Some(&identity), Section::Finance),
        bank_name: bank
            .map(|b| b.name)
            .unwrap_or_else(|| "(bank not configured)".to_string()),
        settings,
        points,
        active_products,
        suspended_products,
    })
}
