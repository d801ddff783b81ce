//! Four eyes on a matrix version: the product manager submits a draft (or recalls it), finance
//! reads it side by side with the live version and approves or rejects it with a comment.
//! The rules are the domain's (`matrix::review`); the steps are `service::review`'s.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::{NaiveDate, Utc};
use serde::Deserialize;

use super::cell::scope_label;
use super::grid::role_key;
use super::page::edit_problem;
use crate::domain::audit::of::link_text;
use crate::domain::matrix::{
    BundleFigures, CellChange, PublishError, ReviewRefusal, ReviewStep, Role,
};
use crate::domain::message::Message;
use crate::domain::product::{Figure, FigureUnit};
use crate::domain::user::Role as UserRole;
use crate::i18n::Lang;
use crate::persistence::matrices::{self, ReviewRecord, StoredVersion, VersionStatus};
use crate::service::matrices::BankView;
use crate::service::review::{self, ReviewFailure};
use crate::web::error::WebError;
use crate::web::format::{date, margin, moment, money, percent, plain};
use crate::web::identity::Identity;
use crate::web::layout::{Layout, Section};
use crate::web::pages::render_with;
use crate::web::state::AppState;

/// One changed value, as the approver reads it.
pub struct ChangeLine {
    pub product: String,
    pub scope: String,
    pub field: String,
    pub before: String,
    pub after: String,
}

/// One bundle before and after.
pub struct BundleLine {
    pub point: String,
    pub main: String,
    pub before: Option<FiguresText>,
    pub after: Option<FiguresText>,
    pub changed: bool,
}

pub struct FiguresText {
    pub revenue: String,
    pub profit: String,
    pub margin: String,
    pub blocked: bool,
}

pub struct StepLine {
    pub step_key: &'static str,
    pub who: String,
    pub at: String,
    pub effective: String,
    pub comment: String,
}

#[derive(Template)]
#[template(path = "matrices/review.html")]
struct ReviewPage {
    layout: Layout,
    segment_code: String,
    number: i32,
    lock: i32,
    status_key: &'static str,
    submitted: bool,
    submitted_by: String,
    effective: String,
    live: Option<i32>,
    changes: Vec<ChangeLine>,
    links_added: Vec<String>,
    links_removed: Vec<String>,
    package: Option<(String, String)>,
    bundles: Vec<BundleLine>,
    blocking: Vec<String>,
    steps: Vec<StepLine>,
    can_approve: bool,
    own_submission: bool,
    can_recall: bool,
    notice: Option<String>,
    errors: Vec<String>,
    comment: String,
}

#[derive(Deserialize)]
pub struct ReviewQuery {
    done: Option<String>,
}

#[derive(Deserialize)]
pub struct StepForm {
    lock: i32,
    #[serde(default)]
    comment: String,
    #[serde(default)]
    effective_from: String,
}

fn today() -> NaiveDate {
    Utc::now().date_naive()
}

fn status_key(version: &StoredVersion) -> &'static str {
    match version.info.status {
        VersionStatus::Draft => "matrix-status-draft",
        VersionStatus::Submitted => "matrix-status-submitted",
        VersionStatus::Published if version.info.withdrawn_on.is_some() => {
            "matrix-status-withdrawn"
        }
        VersionStatus::Published => "matrix-status-published",
    }
}

/// A changed field's name in words: `Bundle terms · Monthly fee`, `Take-up`.
fn field_label(lang: Lang, field: &str) -> String {
    if let Some((part, name)) = field.split_once('.') {
        let part_key = match part {
            "terms" => "matrix-part-terms",
            "usage_alone" => "matrix-part-usage-alone",
            _ => "matrix-part-usage-in-bundle",
        };
        let figure =
            Figure::from_name(name).map_or_else(|| name.to_owned(), |f| lang.text(f.label_key()));
        return format!("{} · {figure}", lang.text(part_key));
    }
    match field {
        "role" => lang.text("matrix-role"),
        "take_up" => lang.text("matrix-take-up"),
        "visit_share" => lang.text("matrix-visit-share"),
        "order" => lang.text("matrix-order"),
        "talking_points" => lang.text("matrix-talking-points"),
        other => other.to_owned(),
    }
}

/// A stored value as its field reads (a role in words, a share as a percentage, an amount
/// with the product's currency); exact text where there is nothing better.
fn value_text(lang: Lang, bank: &BankView, change: &CellChange, value: Option<&str>) -> String {
    let Some(value) = value else {
        return "—".to_owned();
    };
    if change.field == "role" {
        return Role::parse(value).map_or_else(|| value.to_owned(), |r| lang.text(role_key(r)));
    }
    let Ok(number) = value.parse::<rust_decimal::Decimal>() else {
        return value.to_owned();
    };
    let figure = change
        .field
        .split_once('.')
        .and_then(|(_, name)| Figure::from_name(name));
    let product = bank.products.iter().find(|p| p.code == change.product);
    match (figure.map(Figure::unit), product) {
        (Some(FigureUnit::Money), Some(p)) => money(lang, number, p.currency),
        (Some(FigureUnit::Fraction), _) => percent(lang, number),
        (None, _) if matches!(change.field.as_str(), "take_up" | "visit_share") => {
            percent(lang, number)
        }
        _ => plain(lang, number),
    }
}

fn figures_text(lang: Lang, bank: &BankView, f: &BundleFigures) -> FiguresText {
    let currency = bank.settings.reporting_currency;
    FiguresText {
        revenue: money(lang, f.revenue, currency),
        profit: money(lang, f.profit, currency),
        margin: f.margin.map_or_else(|| "—".to_owned(), |m| margin(lang, m)),
        blocked: !f.blocking.is_empty(),
    }
}

fn step_line(lang: Lang, record: &ReviewRecord) -> StepLine {
    StepLine {
        step_key: match record.step {
            ReviewStep::Submitted => "audit-action-submitted",
            ReviewStep::Recalled => "audit-action-recalled",
            ReviewStep::Rejected => "audit-action-rejected",
            ReviewStep::Approved => "audit-action-approved",
        },
        who: record.username.clone(),
        at: moment(lang, record.at),
        effective: record
            .effective_from
            .map(|d| date(lang, d))
            .unwrap_or_default(),
        comment: record.comment.clone().unwrap_or_default(),
    }
}

async fn version_or_404(
    state: &AppState,
    segment: &str,
    number: i32,
) -> Result<StoredVersion, WebError> {
    matrices::find_version(&state.db, segment, number)
        .await?
        .ok_or_else(|| {
            WebError::NotFound(
                Message::new("error-not-found")
                    .with("what", format!("version {number} of {segment}")),
            )
        })
}

pub async fn show(
    identity: Identity,
    state: web::Data<AppState>,
    path: web::Path<(String, i32)>,
    query: web::Query<ReviewQuery>,
) -> Result<HttpResponse, WebError> {
    let (segment, number) = path.into_inner();
    let notice = query.done.as_deref().and_then(|done| match done {
        "rejected" => Some(identity.language.text("review-done-rejected")),
        _ => None,
    });
    page(
        &state,
        &identity,
        (&segment, number),
        notice,
        Vec::new(),
        String::new(),
        StatusCode::OK,
    )
    .await
}

async fn page(
    state: &AppState,
    identity: &Identity,
    (segment, number): (&str, i32),
    notice: Option<String>,
    errors: Vec<String>,
    comment: String,
    status: StatusCode,
) -> Result<HttpResponse, WebError> {
    let lang = identity.language;
    let version = version_or_404(state, segment, number).await?;
    let stored_segment = crate::persistence::segments::find(&state.db, segment).await?;
    let bank = BankView::load(&state.db, today()).await?;
    let comparison = review::compare(&state.db, &bank, &version).await?;
    let steps = matrices::reviews(&state.db, version.info.id).await?;
    let point_name = |code: &str| {
        (bank.points.iter())
            .find(|p| p.code == code)
            .map_or_else(|| code.to_owned(), |p| p.name.clone())
    };
    let product_name = |code: &str| {
        (bank.products.iter())
            .find(|p| p.code == code)
            .map_or_else(|| code.to_owned(), |p| p.name.clone())
    };
    let submitted = version.info.status == VersionStatus::Submitted;
    let own_submission = submitted && version.info.submitted_by_id == Some(identity.user.id);
    let role = identity.role();
    let diff = &comparison.diff;
    let view = ReviewPage {
        layout: Layout::new(
            lang.message(
                &Message::new("review-title")
                    .with(
                        "segment",
                        stored_segment.as_ref().map_or(segment, |s| &s.name),
                    )
                    .with("number", number),
            ),
            Some(identity),
            Section::Matrices,
        ),
        segment_code: segment.to_owned(),
        number,
        lock: version.info.lock,
        status_key: status_key(&version),
        submitted,
        submitted_by: match (&version.info.submitted_by, version.info.submitted_at) {
            (Some(who), Some(at)) => format!("{who}, {}", moment(lang, at)),
            _ => String::new(),
        },
        effective: version
            .info
            .effective_from
            .map(|d| date(lang, d))
            .unwrap_or_default(),
        live: comparison.live.as_ref().map(|v| v.info.number),
        changes: diff
            .cells
            .iter()
            .map(|c| ChangeLine {
                product: product_name(&c.product),
                scope: scope_label(lang, &c.scope, &bank),
                field: field_label(lang, &c.field),
                before: value_text(lang, &bank, c, c.before.as_deref()),
                after: value_text(lang, &bank, c, c.after.as_deref()),
            })
            .collect(),
        links_added: diff.links_added.iter().map(link_text).collect(),
        links_removed: diff.links_removed.iter().map(link_text).collect(),
        package: diff.package_fee.map(|(before, after)| {
            let text = |fee: Option<rust_decimal::Decimal>| {
                fee.map_or_else(
                    || lang.text("matrix-no-package"),
                    |f| money(lang, f, bank.settings.reporting_currency),
                )
            };
            (text(before), text(after))
        }),
        bundles: comparison
            .bundles
            .iter()
            .map(|b| BundleLine {
                point: point_name(&b.point),
                main: product_name(&b.main),
                before: b.before.as_ref().map(|f| figures_text(lang, &bank, f)),
                after: b.after.as_ref().map(|f| figures_text(lang, &bank, f)),
                changed: b.changed(),
            })
            .collect(),
        blocking: comparison
            .blocking
            .iter()
            .map(|m| lang.message(m))
            .collect(),
        steps: steps.iter().map(|s| step_line(lang, s)).collect(),
        can_approve: submitted && role == UserRole::Finance,
        own_submission,
        can_recall: submitted && role == UserRole::ProductManager,
        notice,
        errors,
        comment,
    };
    render_with(status, &view)
}

/// What a refused step tells the reviewer, in words: the refusal, then each reason.
fn refusal_problems(lang: Lang, refusal: &ReviewRefusal) -> Vec<String> {
    match refusal {
        ReviewRefusal::Publish(PublishError::Blocked(reasons)) => {
            let mut problems = vec![lang.text("review-blocked")];
            problems.extend(reasons.iter().map(|r| lang.message(r)));
            problems
        }
        ReviewRefusal::Publish(PublishError::EffectiveBeforePrevious { previous }) => {
            vec![lang.message(
                &Message::new("matrix-publish-before").with("date", date(lang, *previous)),
            )]
        }
        other => vec![lang.message(&other.message())],
    }
}

/// The page again with why the step was refused: 422 for a rule, 409 for a version that is
/// no longer where it was.
async fn refused(
    state: &AppState,
    identity: &Identity,
    at: (&str, i32),
    failure: ReviewFailure,
    comment: String,
) -> Result<HttpResponse, WebError> {
    let lang = identity.language;
    let (problems, status) = match &failure {
        ReviewFailure::Refused(refusal) => (
            refusal_problems(lang, refusal),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        ReviewFailure::Store(err) => match edit_problem(lang, err) {
            Some(problem) => (vec![problem], StatusCode::CONFLICT),
            None => return Err(failure_into_web(failure)),
        },
    };
    page(state, identity, at, None, problems, comment, status).await
}

fn failure_into_web(failure: ReviewFailure) -> WebError {
    match failure {
        ReviewFailure::Store(err) => err.into(),
        ReviewFailure::Refused(refusal) => WebError::BadRequest(refusal.message()),
    }
}

fn to_matrix(segment: &str, number: i32, done: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((
            header::LOCATION,
            format!("/matrices/{segment}?version={number}&done={done}"),
        ))
        .finish()
}

/// A product manager sends a draft for approval, from the matrix page.
pub async fn submit(
    identity: Identity,
    state: web::Data<AppState>,
    path: web::Path<(String, i32)>,
    form: web::Form<StepForm>,
) -> Result<HttpResponse, WebError> {
    let (segment, number) = path.into_inner();
    let lang = identity.language;
    let Ok(effective_from) = NaiveDate::parse_from_str(form.effective_from.trim(), "%Y-%m-%d")
    else {
        let problem = lang.text("matrix-effective-date");
        return super::page::unprocessable(
            &state,
            &identity,
            &segment,
            Some(number),
            vec![problem],
        )
        .await;
    };
    let at = (number, form.lock);
    match review::submit(
        &state.db,
        &segment,
        at,
        effective_from,
        &form.comment,
        &identity.author(),
    )
    .await
    {
        Ok(()) => Ok(to_matrix(&segment, number, "submitted")),
        Err(ReviewFailure::Refused(refusal)) => {
            let problems = refusal_problems(lang, &refusal);
            super::page::unprocessable(&state, &identity, &segment, Some(number), problems).await
        }
        Err(ReviewFailure::Store(err)) => {
            super::page::refuse(&state, &identity, &segment, Some(number), err).await
        }
    }
}

/// A product manager takes a submitted version back to change it.
pub async fn recall(
    identity: Identity,
    state: web::Data<AppState>,
    path: web::Path<(String, i32)>,
    form: web::Form<StepForm>,
) -> Result<HttpResponse, WebError> {
    let (segment, number) = path.into_inner();
    let at = (number, form.lock);
    let step = ReviewStep::Recalled;
    match review::send_back(
        &state.db,
        &segment,
        at,
        step,
        &form.comment,
        &identity.author(),
    )
    .await
    {
        Ok(()) => Ok(to_matrix(&segment, number, "recalled")),
        Err(failure) => {
            refused(
                &state,
                &identity,
                (&segment, number),
                failure,
                form.comment.clone(),
            )
            .await
        }
    }
}

/// Finance approves a submitted version: it is published from the date asked for.
pub async fn approve(
    identity: Identity,
    state: web::Data<AppState>,
    path: web::Path<(String, i32)>,
    form: web::Form<StepForm>,
) -> Result<HttpResponse, WebError> {
    let (segment, number) = path.into_inner();
    let at = (number, form.lock);
    match review::approve(
        &state.db,
        &segment,
        at,
        &form.comment,
        &identity.author(),
        today(),
    )
    .await
    {
        Ok(()) => Ok(to_matrix(&segment, number, "approved")),
        Err(failure) => {
            refused(
                &state,
                &identity,
                (&segment, number),
                failure,
                form.comment.clone(),
            )
            .await
        }
    }
}

/// Finance rejects a submitted version with a comment: it is the manager's draft again.
pub async fn reject(
    identity: Identity,
    state: web::Data<AppState>,
    path: web::Path<(String, i32)>,
    form: web::Form<StepForm>,
) -> Result<HttpResponse, WebError> {
    let (segment, number) = path.into_inner();
    let at = (number, form.lock);
    let step = ReviewStep::Rejected;
    match review::send_back(
        &state.db,
        &segment,
        at,
        step,
        &form.comment,
        &identity.author(),
    )
    .await
    {
        Ok(()) => Ok(HttpResponse::SeeOther()
            .insert_header((
                header::LOCATION,
                format!("/matrices/{segment}/versions/{number}/review?done=rejected"),
            ))
            .finish()),
        Err(failure) => {
            refused(
                &state,
                &identity,
                (&segment, number),
                failure,
                form.comment.clone(),
            )
            .await
        }
    }
}
