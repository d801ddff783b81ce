//! Finance's dashboard: the portfolio's totals, charts drawn on the server, every bundle per
//! client a year and projected, subsidies and losses alone; and the same bundle table as CSV
//! and XLSX, with exactly the page's figures (amounts as numbers to the kopeck).

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::Utc;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::i18n::Lang;
use crate::import::defused;
use crate::persistence::offers::{self, ResultsFilter};
use crate::service::portfolio::{BundleKey, BundleRow, Dashboard, compute, inputs};
use crate::web::charts;
use crate::web::error::WebError;
use crate::web::format::{integer, margin, moment, money, percent, plain};
use crate::web::identity::Identity;
use crate::web::layout::{Layout, Section};
use crate::web::pages::render;
use crate::web::state::AppState;

pub struct RowView {
    pub segment: String,
    pub version: i32,
    pub status_key: &'static str,
    pub point: String,
    pub main: String,
    pub revenue: String,
    pub profit: String,
    pub margin: String,
    pub share: String,
    pub clients: String,
    pub projected_revenue: String,
    pub projected_profit: String,
    pub blocking: Vec<String>,
}

#[derive(Template)]
#[template(path = "finance/dashboard.html")]
struct DashboardPage {
    layout: Layout,
    clients: String,
    revenue: String,
    profit: String,
    margin: String,
    counted_at: String,
    rows: Vec<RowView>,
    /// Each segment's bundles in force, totalled: (code, bundles, revenue, profit, margin).
    segments: Vec<(String, usize, String, String, String)>,
    /// The segment whose bundles the table lists; empty for every segment.
    shown_segment: String,
    /// Every bundle fits one page.
    all_fit: bool,
    /// Take-up realised at the desk against the matrices' assumption, per segment, point and
    /// add-on: (segment, point, add-on, offered, taken, realised, assumed, below).
    realised: Vec<RealisedLine>,
    /// (product, where, why)
    subsidies: Vec<(String, String, String)>,
    losing_alone: Vec<(String, String)>,
    /// (code, name, suspend, verdict, price)
    products: Vec<(String, String, bool, String, String)>,
    /// Inline SVG drawn by `plotters` (its text escaped there).
    profit_chart: Option<String>,
    margin_chart: Option<String>,
    /// The bundle in focus, in words, and its waterfall.
    waterfall_of: String,
    waterfall_chart: Option<String>,
}

/// The bundle whose waterfall the page shows (`?segment=&point=&main=`).
#[derive(serde::Deserialize)]
pub struct Focus {
    segment: Option<String>,
    point: Option<String>,
    main: Option<String>,
}

impl Focus {
    fn key(&self) -> Option<BundleKey> {
        Some((
            self.segment.clone()?,
            self.point.clone()?,
            self.main.clone()?,
        ))
    }
}

pub struct RealisedLine {
    pub segment: String,
    pub point: String,
    pub add_on: String,
    pub offered: String,
    pub taken: String,
    pub realised: String,
    pub assumed: String,
    /// Realised under the assumption.
    pub below: bool,
}

async fn realised(
    state: &AppState,
    lang: Lang,
    segment: Option<&str>,
) -> Result<Vec<RealisedLine>, WebError> {
    let filter = ResultsFilter {
        segment: segment.map(str::to_owned),
        ..ResultsFilter::default()
    };
    let pct = |v: Option<Decimal>| or_dash(v.map(|v| percent(lang, v.round_dp(4))));
    Ok(offers::take_up_by_place(&state.db, &filter)
        .await?
        .into_iter()
        .map(|(segment, point, t)| RealisedLine {
            segment,
            point,
            add_on: t.product_name,
            offered: integer(
                lang,
                i64::try_from(t.tally.add_ons_offered).unwrap_or(i64::MAX),
            ),
            taken: integer(
                lang,
                i64::try_from(t.tally.add_ons_taken).unwrap_or(i64::MAX),
            ),
            realised: pct(t.tally.take_up()),
            assumed: pct(t.tally.expected_take_up()),
            below: matches!(
                (t.tally.take_up(), t.tally.expected_take_up()),
                (Some(r), Some(a)) if r < a
            ),
        })
        .collect())
}

/// Beyond this many bundles the table lists one segment at a time (the exports hold them all).
const ROWS_ON_ONE_PAGE: usize = 300;

/// Each segment's bundles in force, with their projected totals.
fn segment_lines(
    lang: Lang,
    currency: crate::domain::money::Currency,
    board: &Dashboard,
) -> Vec<(String, usize, String, String, String)> {
    let mut by_segment: std::collections::BTreeMap<&str, (usize, Decimal, Decimal)> =
        std::collections::BTreeMap::new();
    for row in board.rows.iter().filter(|r| r.status == "published") {
        let entry = by_segment.entry(&row.segment).or_default();
        entry.0 += 1;
        entry.1 = entry.1.saturating_add(row.projected_revenue);
        entry.2 = entry.2.saturating_add(row.projected_profit);
    }
    by_segment
        .into_iter()
        .map(|(code, (count, revenue, profit))| {
            let m = crate::domain::portfolio::margin(profit, revenue);
            (
                code.to_owned(),
                count,
                money(lang, revenue, currency),
                money(lang, profit, currency),
                or_dash(m.map(|m| margin(lang, m))),
            )
        })
        .collect()
}

fn status_key(status: &str) -> &'static str {
    match status {
        "published" => "matrix-status-published",
        "submitted" => "matrix-status-submitted",
        _ => "matrix-status-draft",
    }
}

fn or_dash(value: Option<String>) -> String {
    value.unwrap_or_else(|| "—".to_owned())
}

fn row_view(lang: Lang, board_currency: crate::domain::money::Currency, r: &BundleRow) -> RowView {
    let m = |v: Decimal| money(lang, v, board_currency);
    RowView {
        segment: r.segment.clone(),
        version: r.version,
        status_key: status_key(r.status),
        point: r.point.clone(),
        main: r.main.clone(),
        revenue: or_dash(r.revenue.map(m)),
        profit: or_dash(r.profit.map(m)),
        margin: or_dash(r.margin.map(|x| margin(lang, x))),
        share: percent(lang, r.visit_share),
        clients: plain(lang, r.clients),
        projected_revenue: m(r.projected_revenue),
        projected_profit: m(r.projected_profit),
        blocking: r.blocking.iter().map(|b| lang.message(b)).collect(),
    }
}

async fn load(
    state: &AppState,
    focus: Option<BundleKey>,
) -> Result<(Dashboard, crate::domain::money::Currency), WebError> {
    let today = Utc::now().date_naive();
    let loaded = inputs(&state.db, today).await?;
    let currency = loaded.bank.settings.reporting_currency;
    // The engine's work grows with the bank: off the async workers.
    let board = web::block(move || compute(&loaded, focus.as_ref()))
        .await
        .map_err(|e| WebError::Internal(e.into()))?;
    Ok((board, currency))
}

/// `GET /finance/dashboard`
pub async fn show(
    state: web::Data<AppState>,
    identity: Identity,
    focus: web::Query<Focus>,
) -> Result<HttpResponse, WebError> {
    if crate::persistence::catalog::bank_settings(&state.db)
        .await?
        .is_none()
    {
        return crate::web::pages::not_ready(&identity, "dashboard-title", Section::Finance);
    }
    let lang = identity.language;
    let asked_segment = focus.segment.clone().filter(|s| !s.is_empty());
    let (board, currency) = load(&state, focus.key()).await?;
    // A small bank's bundles fit one page; a large one's are read a segment at a time.
    let shown_segment = asked_segment.or_else(|| {
        (board.rows.len() > ROWS_ON_ONE_PAGE)
            .then(|| board.rows.first().map(|r| r.segment.clone()))
            .flatten()
    });
    let unit = currency.as_str();
    let profit_chart = charts::bars(
        &lang.text("dashboard-chart-profit"),
        &board.profit_by_product,
        &lang.message(
            &crate::domain::message::Message::new("dashboard-per-year").with("currency", unit),
        ),
    );
    let margins: Vec<(String, Decimal)> = board
        .margin_by_segment_point
        .iter()
        .filter_map(|(s, p, m)| m.map(|m| (format!("{s} · {p}"), m * Decimal::ONE_HUNDRED)))
        .collect();
    let margin_chart = charts::bars(&lang.text("dashboard-chart-margin"), &margins, "%");
    let per_client = lang.message(
        &crate::domain::message::Message::new("dashboard-per-client").with("currency", unit),
    );
    let (waterfall_of, waterfall_chart) = match &board.waterfall {
        Some(((segment, point, main), fall)) => (
            format!("{segment} · {point} · {main}"),
            charts::waterfall(
                &lang.text("dashboard-chart-waterfall"),
                (&lang.text("dashboard-separately"), fall.separately),
                &fall
                    .steps
                    .iter()
                    .map(|(label, delta)| {
                        let label = match label.as_str() {
                            "visit" => lang.text("dashboard-one-visit"),
                            "package" => lang.text("matrix-package-fee"),
                            code => code.to_owned(),
                        };
                        (label, *delta)
                    })
                    .collect::<Vec<_>>(),
                (&lang.text("dashboard-bundled"), fall.bundled),
                &per_client,
            ),
        ),
        None => (String::new(), None),
    };
    render(&DashboardPage {
        layout: Layout::new(
            lang.text("dashboard-title"),
            Some(&identity),
            Section::Finance,
        ),
        clients: integer(lang, i64::try_from(board.clients).unwrap_or(i64::MAX)),
        revenue: money(lang, board.revenue, currency),
        profit: money(lang, board.profit, currency),
        margin: or_dash(board.margin.map(|m| margin(lang, m))),
        counted_at: board
            .counted_at
            .map(|at| moment(lang, at))
            .unwrap_or_default(),
        rows: board
            .rows
            .iter()
            .filter(|r| shown_segment.as_deref().is_none_or(|s| r.segment == s))
            .map(|r| row_view(lang, currency, r))
            .collect(),
        segments: segment_lines(lang, currency, &board),
        shown_segment: shown_segment.clone().unwrap_or_default(),
        all_fit: board.rows.len() <= ROWS_ON_ONE_PAGE,
        realised: realised(&state, lang, shown_segment.as_deref()).await?,
        subsidies: board
            .subsidies
            .iter()
            .map(|s| {
                let place = format!("{} · {} · {}", s.segment, s.point, s.main);
                (s.product.clone(), place, lang.message(&s.message))
            })
            .collect(),
        losing_alone: board
            .losing_alone
            .iter()
            .map(|(p, m)| (p.clone(), lang.message(m)))
            .collect(),
        products: board
            .products
            .iter()
            .map(|p| {
                let price = p
                    .price
                    .as_ref()
                    .map(|m| lang.message(m))
                    .unwrap_or_default();
                (
                    p.code.clone(),
                    p.name.clone(),
                    p.suspend,
                    lang.message(&p.verdict),
                    price,
                )
            })
            .collect(),
        profit_chart,
        margin_chart,
        waterfall_of,
        waterfall_chart,
    })
}

/// The exports' columns: titles in the reader's language.
const COLUMNS: [&str; 13] = [
    "segments-segment",
    "matrix-version",
    "matrix-state",
    "review-point",
    "review-main",
    "dashboard-col-revenue",
    "dashboard-col-profit",
    "matrix-margin",
    "dashboard-col-share",
    "dashboard-col-clients",
    "dashboard-col-projected-revenue",
    "dashboard-col-projected-profit",
    "dashboard-col-blocking",
];

/// A cell of the exports: text, or an exact decimal the workbook writes as a number.
enum Cell {
    Text(String),
    Amount(Decimal),
    Fraction(Decimal),
}

fn cells(lang: Lang, r: &BundleRow) -> Vec<Cell> {
    let opt = |v: Option<Decimal>| v.map_or_else(|| Cell::Text(String::new()), Cell::Amount);
    vec![
        Cell::Text(defused(&r.segment)),
        Cell::Amount(Decimal::from(r.version)),
        Cell::Text(r.status.to_owned()),
        Cell::Text(defused(&r.point)),
        Cell::Text(defused(&r.main)),
        opt(r.revenue),
        opt(r.profit),
        r.margin.map_or_else(
            || Cell::Text(String::new()),
            |m| Cell::Fraction(m.round_dp(4)),
        ),
        Cell::Fraction(r.visit_share.round_dp(4)),
        Cell::Amount(r.clients),
        Cell::Amount(r.projected_revenue),
        Cell::Amount(r.projected_profit),
        Cell::Text(defused(
            &r.blocking
                .iter()
                .map(|b| lang.message(b))
                .collect::<Vec<_>>()
                .join("; "),
        )),
    ]
}

fn text_of(cell: &Cell) -> String {
    match cell {
        Cell::Text(t) => t.clone(),
        Cell::Amount(d) | Cell::Fraction(d) => d.normalize().to_string(),
    }
}

/// `GET /finance/dashboard.csv`: the bundle table, amounts as plain decimals.
pub async fn export_csv(
    state: web::Data<AppState>,
    identity: Identity,
) -> Result<HttpResponse, WebError> {
    if crate::persistence::catalog::bank_settings(&state.db)
        .await?
        .is_none()
    {
        return crate::web::pages::not_ready(&identity, "dashboard-title", Section::Finance);
    }
    let lang = identity.language;
    let (board, _) = load(&state, None).await?;
    let mut writer = csv::Writer::from_writer(Vec::new());
    let csv_error = |e: csv::Error| WebError::Internal(e.into());
    writer
        .write_record(COLUMNS.map(|k| lang.text(k)))
        .map_err(csv_error)?;
    for row in &board.rows {
        writer
            .write_record(cells(lang, row).iter().map(text_of))
            .map_err(csv_error)?;
    }
    let body = writer
        .into_inner()
        .map_err(|e| WebError::Internal(e.into_error().into()))?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"portfolio.csv\"",
        ))
        .body(body))
}

/// An amount fits a spreadsheet number exactly (to the cent) up to 15 significant digits.
fn fits_a_double(value: Decimal) -> bool {
    value.abs() < Decimal::from(10_000_000_000_000_i64)
}

/// `GET /finance/dashboard.xlsx`: the same table as a workbook; amounts are numbers with a
/// two-decimal format (larger ones, which a spreadsheet number cannot hold exactly, as text).
pub async fn export_xlsx(
    state: web::Data<AppState>,
    identity: Identity,
) -> Result<HttpResponse, WebError> {
    if crate::persistence::catalog::bank_settings(&state.db)
        .await?
        .is_none()
    {
        return crate::web::pages::not_ready(&identity, "dashboard-title", Section::Finance);
    }
    let lang = identity.language;
    let (board, _) = load(&state, None).await?;
    let titles = COLUMNS.map(|k| lang.text(k));
    let rows: Vec<Vec<Cell>> = board.rows.iter().map(|r| cells(lang, r)).collect();
    let sheet = lang.text("dashboard-title");
    let note = lang.text("dashboard-xlsx-large");
    let body = web::block(move || workbook(&sheet, &titles, &rows, &note))
        .await
        .map_err(|e| WebError::Internal(e.into()))?
        .map_err(|e| WebError::Internal(e.into()))?;
    Ok(HttpResponse::Ok()
        .content_type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .insert_header((
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"portfolio.xlsx\"",
        ))
        .body(body))
}

fn workbook(
    sheet_name: &str,
    titles: &[String],
    rows: &[Vec<Cell>],
    large_note: &str,
) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let money = Format::new().set_num_format("#,##0.00");
    let share = Format::new().set_num_format("0.00%");
    let sheet = book.add_worksheet_with_constant_memory()?;
    sheet.set_name(sheet_name)?;
    for (c, title) in titles.iter().enumerate() {
        sheet.write_string_with_format(0, u16::try_from(c).unwrap_or(u16::MAX), title, &bold)?;
    }
    let mut large = false;
    for (r, row) in rows.iter().enumerate() {
        let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
        for (c, cell) in row.iter().enumerate() {
            let c = u16::try_from(c).unwrap_or(u16::MAX);
            match cell {
                Cell::Text(text) => {
                    sheet.write_string(r, c, text)?;
                }
                Cell::Amount(value) if fits_a_double(*value) => {
                    sheet.write_number_with_format(r, c, value.to_f64().unwrap_or(0.0), &money)?;
                }
                Cell::Fraction(value) => {
                    sheet.write_number_with_format(r, c, value.to_f64().unwrap_or(0.0), &share)?;
                }
                Cell::Amount(value) => {
                    large = true;
                    sheet.write_string(r, c, value.to_string())?;
                }
            }
        }
    }
    if large {
        let r = u32::try_from(rows.len() + 2).unwrap_or(u32::MAX);
        sheet.write_string(r, 0, large_note)?;
    }
    book.save_to_buffer()
}
