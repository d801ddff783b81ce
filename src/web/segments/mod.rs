//! Client segments, for product managers: the overview with sizes and overlaps, and the editor
//! that shows how many clients a rule matches while it is written.

mod edit;

use crate::web::access::PRODUCT;
use crate::web::routes::RouteTable;
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::Utc;

use crate::domain::segment::SegmentRule;
use crate::persistence::segments::{self, StoredSegment};
use crate::web::error::WebError;
use crate::web::format::integer;
use crate::web::identity::Identity;
use crate::web::layout::{Layout, Section};
use crate::web::pages::render;
use crate::web::state::AppState;

pub fn routes(table: &mut RouteTable) {
    table
        .get("/segments", PRODUCT, list)
        .post("/segments", PRODUCT, edit::create)
        .get("/segments/new", PRODUCT, edit::new)
        .get("/segments/count", PRODUCT, edit::count)
        .get("/segments/{code}", PRODUCT, edit::show)
        .post("/segments/{code}", PRODUCT, edit::update);
}

pub struct SegmentLine {
    pub item: StoredSegment,
    pub size: String,
    pub share: String,
    pub rule_error: Option<String>,
}

#[derive(Template)]
#[template(path = "segments/list.html")]
struct SegmentsPage {
    layout: Layout,
    total: String,
    segments: Vec<SegmentLine>,
    /// Codes of the segments whose rule parses, in the order of `overlaps`.
    codes: Vec<String>,
    overlaps: Vec<Vec<String>>,
}

async fn list(state: web::Data<AppState>, identity: Identity) -> Result<HttpResponse, WebError> {
    let lang = identity.language;
    let items = segments::list(&state.db).await?;
    let parsed: Vec<_> = items.iter().map(|i| SegmentRule::parse(&i.rule)).collect();
    // What each segment counts: its rule within its sales-point scope, as the desk applies it.
    let counted: Vec<SegmentRule> = items
        .iter()
        .zip(&parsed)
        .filter_map(|(item, rule)| {
            let rule = rule.as_ref().ok()?;
            Some(rule.scoped_to(item.sales_point.as_deref()))
        })
        .collect();
    let today = Utc::now().date_naive();
    let sizes = segments::sizes(&state.db, &counted, today).await?;
    let share = |n: u64| match sizes.total {
        0 => "—".to_string(),
        total => crate::web::format::margin(
            lang,
            rust_decimal::Decimal::from(n) / rust_decimal::Decimal::from(total),
        ),
    };
    // One size per rule that parsed, in the order of the items.
    let mut counted_sizes = sizes.sizes.iter().copied();
    let mut codes = Vec::new();
    let mut lines = Vec::new();
    for (item, rule) in items.into_iter().zip(parsed) {
        let (size, share, rule_error) = match rule {
            Ok(_) => {
                let n = counted_sizes.next().unwrap_or_default();
                codes.push(item.code.clone());
                (integer(lang, n as i64), share(n), None)
            }
            Err(err) => ("—".into(), "—".into(), Some(lang.rule_error(&err))),
        };
        lines.push(SegmentLine {
            item,
            size,
            share,
            rule_error,
        });
    }
    let n = codes.len();
    let overlaps = (0..n)
        .map(|i| {
            (0..n)
                .map(|j| match i.cmp(&j) {
                    std::cmp::Ordering::Less => integer(lang, sizes.overlaps[i][j] as i64),
                    std::cmp::Ordering::Equal => "·".to_string(),
                    std::cmp::Ordering::Greater => String::new(),
                })
                .collect()
        })
        .collect();
    render(&SegmentsPage {
        layout: Layout::new(
            lang.text("segments-title"),
            Some(&identity),
            Section::Segments,
        ),
        total: integer(lang, sizes.total as i64),
        segments: lines,
        codes,
        overlaps,
    })
}
