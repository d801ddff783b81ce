//! The matrix of one segment: a version's grid, its profitability panel, its history, and the
//! actions on it (start a draft, copy another segment's matrix, copy a point's column, set the
//! package fee, publish, withdraw). Product managers act; finance reads.

use std::collections::BTreeMap;

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::{NaiveDate, Utc};
use serde::Deserialize;

use super::grid::{GridRow, rows};
use super::panel::PanelView;
use crate::domain::audit::{Action, Entry, Subject};
use crate::domain::matrix::{LinkForm, ReviewStep};
use crate::domain::message::Message;
use crate::domain::product::parse_decimal_input;
use crate::domain::user::Role;
use crate::i18n::Lang;
use crate::persistence::matrices::{self, StoredVersion, VersionInfo, VersionStatus};
use crate::persistence::segments::{self, StoredSegment};
use crate::persistence::{StoreError, audit};
use crate::service::matrices::{BankView, version_fields, version_object};
use crate::web::error::WebError;
use crate::web::format::{date, moment, money};
use crate::web::identity::Identity;
use crate::web::layout::{Layout, Section};
use crate::web::pages::render_with;
use crate::web::state::AppState;

#[derive(Deserialize)]
pub struct VersionQuery {
    version: Option<i32>,
    done: Option<String>,
}

pub struct VersionLine {
    pub number: i32,
    pub status_key: &'static str,
    pub effective: String,
    pub withdrawn: String,
    pub by: String,
    pub shown: bool,
}

#[derive(Template)]
#[template(path = "matrices/matrix.html")]
struct MatrixPage {
    layout: Layout,
    segment: StoredSegment,
    versions: Vec<VersionLine>,
    /// The version on the page, if the segment has any.
    number: i32,
    lock: i32,
    is_draft: bool,
    is_submitted: bool,
    /// Why finance last sent this draft back, and who: shown above the grid.
    rejection: Option<(String, String)>,
    is_manager: bool,
    can_edit: bool,
    withdrawable: bool,
    in_force_note: Option<String>,
    points: Vec<(String, String)>,
    grid: Vec<GridRow>,
    absent: Vec<(String, String)>,
    links: Vec<String>,
    /// Products for the link form, as (code, name).
    products: Vec<(String, String)>,
    term_figures: Vec<(&'static str, &'static str)>,
    package_fee: String,
    today: String,
    other_segments: Vec<(String, String)>,
    notice: Option<String>,
    errors: Vec<String>,
    panel: Option<PanelView>,
}

fn today() -> NaiveDate {
    Utc::now().date_naive()
}

async fn segment_or_404(state: &AppState, code: &str) -> Result<StoredSegment, WebError> {
    segments::find(&state.db, code).await?.ok_or_else(|| {
        WebError::NotFound(Message::new("error-not-found").with("what", format!("segment {code}")))
    })
}

/// The version shown by default: a manager's draft, else the one in force, else the latest.
fn default_version(versions: &[VersionInfo], manager: bool, day: NaiveDate) -> Option<i32> {
    let draft = versions.iter().find(|v| v.status == VersionStatus::Draft);
    let in_force = versions
        .iter()
        .filter(|v| v.status == VersionStatus::Published)
        .filter(|v| v.effective_from.is_some_and(|f| f <= day))
        .find(|v| v.withdrawn_on.is_none_or(|w| day < w));
    (if manager {
        draft.or(in_force)
    } else {
        in_force
    })
    .or_else(|| versions.first())
    .map(|v| v.number)
}

pub async fn show(
    identity: Identity,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<VersionQuery>,
) -> Result<HttpResponse, WebError> {
    let query = query.into_inner();
    let notice = query
        .done
        .as_deref()
        .and_then(done_key)
        .map(|k| identity.language.text(k));
    page(
        &state,
        &identity,
        &path,
        query.version,
        notice,
        Vec::new(),
        StatusCode::OK,
    )
    .await
}

fn done_key(done: &str) -> Option<&'static str> {
    Some(match done {
        "draft" => "matrix-done-draft",
        "copied" => "matrix-done-copied",
        "point" => "matrix-done-point",
        "package" => "matrix-done-package",
        "submitted" => "matrix-done-submitted",
        "awaiting" => "matrix-done-awaiting",
        "existing" => "matrix-done-existing",
        "recalled" => "matrix-done-recalled",
        "approved" => "matrix-done-approved",
        "withdrawn" => "matrix-done-withdrawn",
        "cell" => "matrix-done-cell",
        "links" => "matrix-done-links",
        _ => return None,
    })
}

async fn page(
    state: &AppState,
    identity: &Identity,
    code: &str,
    wanted: Option<i32>,
    notice: Option<String>,
    errors: Vec<String>,
    status: StatusCode,
) -> Result<HttpResponse, WebError> {
    let lang = identity.language;
    let segment = segment_or_404(state, code).await?;
    let versions = matrices::versions(&state.db, &segment.code).await?;
    let is_manager = identity.role() == Role::ProductManager;
    let day = today();
    let number = wanted.or_else(|| default_version(&versions, is_manager, day));
    let version = match number {
        Some(n) => matrices::find_version(&state.db, &segment.code, n).await?,
        None => None,
    };
    if wanted.is_some() && version.is_none() {
        return Err(WebError::NotFound(
            Message::new("error-not-found")
                .with("what", format!("version {}", wanted.unwrap_or(0))),
        ));
    }
    let bank = BankView::load(&state.db, day).await?;
    let all_segments = segments::list(&state.db).await?;
    let in_force = versions.iter().any(|v| {
        v.status == VersionStatus::Published
            && v.effective_from.is_some_and(|f| f <= day)
            && v.withdrawn_on.is_none_or(|w| day < w)
    });
    let mut view = MatrixPage {
        layout: Layout::new(
            lang.message(&Message::new("matrix-title").with("segment", &segment.name)),
            Some(identity),
            Section::Matrices,
        ),
        versions: versions
            .iter()
            .map(|v| VersionLine {
                number: v.number,
                status_key: match v.status {
                    VersionStatus::Draft => "matrix-status-draft",
                    VersionStatus::Submitted => "matrix-status-submitted",
                    VersionStatus::Published if v.withdrawn_on.is_some() => {
                        "matrix-status-withdrawn"
                    }
                    VersionStatus::Published => "matrix-status-published",
                },
                effective: v.effective_from.map(|d| date(lang, d)).unwrap_or_default(),
                withdrawn: v.withdrawn_on.map(|d| date(lang, d)).unwrap_or_default(),
                by: match (&v.published_by, v.published_at) {
                    (Some(who), Some(at)) => format!("{who}, {}", moment(lang, at)),
                    _ => format!("{}, {}", v.created_by, moment(lang, v.created_at)),
                },
                shown: Some(v.number) == number,
            })
            .collect(),
        number: 0,
        lock: 0,
        is_draft: false,
        is_submitted: false,
        rejection: None,
        is_manager,
        can_edit: false,
        withdrawable: false,
        in_force_note: (!in_force).then(|| lang.text("matrix-none-in-force")),
        points: bank
            .points
            .iter()
            .map(|p| (p.code.clone(), p.name.clone()))
            .collect(),
        grid: Vec::new(),
        absent: Vec::new(),
        links: Vec::new(),
        products: bank
            .products
            .iter()
            .map(|p| (p.code.clone(), p.name.clone()))
            .collect(),
        term_figures: crate::domain::product::Figure::of(
            crate::domain::product::FigureGroup::Terms,
        )
        .map(|f| (f.name(), f.label_key()))
        .collect(),
        package_fee: String::new(),
        today: day.to_string(),
        other_segments: all_segments
            .iter()
            .filter(|s| s.code != segment.code)
            .map(|s| (s.code.clone(), s.name.clone()))
            .collect(),
        notice,
        errors,
        panel: None,
        segment,
    };
    if let Some(version) = version {
        if version.info.status == VersionStatus::Draft {
            let steps = matrices::reviews(&state.db, version.info.id).await?;
            view.rejection = steps
                .last()
                .filter(|s| s.step == ReviewStep::Rejected)
                .map(|s| {
                    let who = format!("{}, {}", s.username, moment(lang, s.at));
                    (who, s.comment.clone().unwrap_or_default())
                });
        }
        fill_version(&mut view, lang, &bank, &version);
    }
    render_with(status, &view)
}

fn fill_version(view: &mut MatrixPage, lang: Lang, bank: &BankView, version: &StoredVersion) {
    let info = &version.info;
    view.number = info.number;
    view.lock = info.lock;
    view.is_draft = info.status == VersionStatus::Draft;
    view.is_submitted = info.status == VersionStatus::Submitted;
    view.can_edit = view.is_draft && view.is_manager;
    view.withdrawable =
        view.is_manager && info.status == VersionStatus::Published && info.withdrawn_on.is_none();
    let named: Vec<_> = bank
        .products
        .iter()
        .filter(|p| version.content.cells.iter().any(|c| c.product == p.code))
        .collect();
    view.absent = bank
        .products
        .iter()
        .filter(|p| !version.content.cells.iter().any(|c| c.product == p.code))
        .map(|p| (p.code.clone(), p.name.clone()))
        .collect();
    let standalone: BTreeMap<_, _> = version.frozen_terms.clone();
    view.grid = rows(lang, &version.content, &named, &standalone, &bank.points);
    view.links = version
        .content
        .links
        .iter()
        .map(|l| lang.message(&l.describe()))
        .collect();
    view.package_fee = version
        .content
        .package_fee
        .map(|f| money(lang, f, bank.settings.reporting_currency))
        .unwrap_or_default();
    let evaluations = bank.evaluate_version(version);
    view.panel = Some(PanelView::new(lang, bank, &evaluations));
}

fn back(segment: &str, number: i32, done: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((
            header::LOCATION,
            format!("/matrices/{segment}?version={number}&done={done}"),
        ))
        .finish()
}

/// What a failed edit tells the editor, in words; `None` for errors the page cannot explain.
pub(super) fn edit_problem(lang: Lang, err: &StoreError) -> Option<String> {
    Some(match err {
        StoreError::Conflict {
            field: "published", ..
        } => lang.text("matrix-conflict-published"),
        StoreError::Conflict {
            field: "version", ..
        } => lang.text("matrix-conflict-stale"),
        StoreError::Conflict {
            field: "submitted", ..
        } => lang.text("matrix-conflict-submitted"),
        StoreError::Conflict {
            field: "not-submitted",
            ..
        } => lang.text("matrix-conflict-not-submitted"),
        StoreError::Conflict {
            field: "draft",
            value,
        } => lang.message(&Message::new("matrix-conflict-draft").with("number", value)),
        StoreError::InvalidField { field, message } => {
            format!("{field}: {}", lang.message(message))
        }
        _ => return None,
    })
}

/// The page again with what was wrong in the form (422).
pub(super) async fn unprocessable(
    state: &AppState,
    identity: &Identity,
    segment: &str,
    number: Option<i32>,
    problems: Vec<String>,
) -> Result<HttpResponse, WebError> {
    page(
        state,
        identity,
        segment,
        number,
        None,
        problems,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

pub(super) async fn refuse(
    state: &AppState,
    identity: &Identity,
    segment: &str,
    number: Option<i32>,
    err: StoreError,
) -> Result<HttpResponse, WebError> {
    match edit_problem(identity.language, &err) {
        Some(problem) => {
            page(
                state,
                identity,
                segment,
                number,
                None,
                vec![problem],
                StatusCode::CONFLICT,
            )
            .await
        }
        None => Err(err.into()),
    }
}

/// An edit of draft `number` of `segment`, audited with the draft's content before and after.
pub(super) async fn edited<T>(
    state: &AppState,
    identity: &Identity,
    segment: &str,
    number: i32,
    edit: impl AsyncFnOnce(&sea_orm::DatabaseTransaction) -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    audit::change(
        &state.db,
        identity.author().entry(
            Action::Changed,
            Subject::Matrix,
            version_object(segment, number),
        ),
        async |db| version_fields(db, segment, number).await,
        edit,
    )
    .await
}

/// The entry for a new version `number` of `segment`, with its content.
async fn created_entry(
    db: &sea_orm::DatabaseTransaction,
    identity: &Identity,
    segment: &str,
    number: i32,
) -> Result<Entry, StoreError> {
    let mut entry = identity.author().entry(
        Action::Created,
        Subject::Matrix,
        version_object(segment, number),
    );
    entry.after = version_fields(db, segment, number).await?;
    Ok(entry)
}

pub async fn start_draft(
    identity: Identity,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let segment = segment_or_404(&state, &path).await?;
    // A version already in the making is shown, not created again (nor audited as created).
    let versions = matrices::versions(&state.db, &segment.code).await?;
    if let Some(making) = versions
        .iter()
        .find(|v| matches!(v.status, VersionStatus::Draft | VersionStatus::Submitted))
    {
        let done = match making.status {
            VersionStatus::Submitted => "awaiting",
            _ => "existing",
        };
        return Ok(back(&segment.code, making.number, done));
    }
    let started = audit::audited(&state.db, async |db| {
        let info = matrices::start_draft(db, &segment.code, &identity.user.username).await?;
        let entry = created_entry(db, &identity, &segment.code, info.number).await?;
        Ok((info, entry))
    })
    .await;
    match started {
        Ok(info) => Ok(back(&segment.code, info.number, "draft")),
        Err(err) => refuse(&state, &identity, &segment.code, None, err).await,
    }
}

#[derive(Deserialize)]
pub struct CopyForm {
    from: String,
}

pub async fn copy_matrix(
    identity: Identity,
    state: web::Data<AppState>,
    path: web::Path<String>,
    form: web::Form<CopyForm>,
) -> Result<HttpResponse, WebError> {
    let segment = segment_or_404(&state, &path).await?;
    let copied = audit::audited(&state.db, async |db| {
        let info =
            matrices::copy_matrix(db, &form.from, &segment.code, &identity.user.username).await?;
        let mut entry = created_entry(db, &identity, &segment.code, info.number).await?;
        entry.after = entry.after.map(|f| f.with("copied_from", &form.from));
        Ok((info, entry))
    })
    .await;
    match copied {
        Ok(info) => Ok(back(&segment.code, info.number, "copied")),
        Err(StoreError::NotFound { .. }) => {
            let problem = identity
                .language
                .message(&Message::new("matrix-copy-nothing").with("segment", &form.from));
            unprocessable(&state, &identity, &segment.code, None, vec![problem]).await
        }
        Err(err) => refuse(&state, &identity, &segment.code, None, err).await,
    }
}

#[derive(Deserialize)]
pub struct CopyPointForm {
    lock: i32,
    from: String,
    to: String,
}

async fn draft_version(
    state: &AppState,
    segment: &str,
    number: i32,
) -> Result<StoredVersion, WebError> {
    matrices::find_version(&state.db, segment, number)
        .await?
        .ok_or_else(|| {
            WebError::NotFound(
                Message::new("error-not-found").with("what", format!("version {number}")),
            )
        })
}

pub async fn copy_point(
    identity: Identity,
    state: web::Data<AppState>,
    path: web::Path<(String, i32)>,
    form: web::Form<CopyPointForm>,
) -> Result<HttpResponse, WebError> {
    let (segment, number) = path.into_inner();
    let version = draft_version(&state, &segment, number).await?;
    let points = crate::persistence::catalog::sales_points(&state.db).await?;
    let known = |code: &str| points.iter().any(|p| p.code == code);
    if form.from == form.to || !known(&form.from) || !known(&form.to) {
        let problem = identity.language.text("matrix-copy-point-same");
        return unprocessable(&state, &identity, &segment, Some(number), vec![problem]).await;
    }
    let copied = edited(&state, &identity, &segment, number, async |db| {
        matrices::copy_point(db, &version, form.lock, &form.from, &form.to).await
    })
    .await;
    match copied {
        Ok(_) => Ok(back(&version.info.segment, number, "point")),
        Err(err) => refuse(&state, &identity, &segment, Some(number), err).await,
    }
}

#[derive(Deserialize)]
pub struct PackageForm {
    lock: i32,
    package_fee: String,
}

pub async fn set_package(
    identity: Identity,
    state: web::Data<AppState>,
    path: web::Path<(String, i32)>,
    form: web::Form<PackageForm>,
) -> Result<HttpResponse, WebError> {
    let (segment, number) = path.into_inner();
    let version = draft_version(&state, &segment, number).await?;
    let text = form.package_fee.trim();
    let fee = if text.is_empty() {
        None
    } else {
        match parse_decimal_input(text) {
            Ok(fee) if !fee.is_sign_negative() => Some(fee),
            Ok(_) => {
                let problem = identity
                    .language
                    .message(&Message::new("field-not-negative").with("value", text));
                return unprocessable(&state, &identity, &segment, Some(number), vec![problem])
                    .await;
            }
            Err(message) => {
                let problem = identity.language.message(&message);
                return unprocessable(&state, &identity, &segment, Some(number), vec![problem])
                    .await;
            }
        }
    };
    let saved = edited(&state, &identity, &segment, number, async |db| {
        matrices::set_package_fee(db, version.info.id, form.lock, fee).await
    })
    .await;
    match saved {
        Ok(_) => Ok(back(&version.info.segment, number, "package")),
        Err(err) => refuse(&state, &identity, &segment, Some(number), err).await,
    }
}

/// Withdraws a published version once the manager has ticked that advisors then get no
/// proposal from it.
pub async fn withdraw(
    identity: Identity,
    state: web::Data<AppState>,
    path: web::Path<(String, i32)>,
    form: web::Form<std::collections::HashMap<String, String>>,
) -> Result<HttpResponse, WebError> {
    let (segment, number) = path.into_inner();
    let version = draft_version(&state, &segment, number).await?;
    if !form.contains_key("confirm") {
        let problem = identity.language.text("matrix-withdraw-confirm-missing");
        return unprocessable(&state, &identity, &segment, Some(number), vec![problem]).await;
    }
    let withdrawn = audit::change(
        &state.db,
        identity.author().entry(
            Action::Withdrawn,
            Subject::Matrix,
            version_object(&segment, number),
        ),
        async |db| version_fields(db, &segment, number).await,
        async |db| matrices::withdraw(db, version.info.id, today()).await,
    )
    .await;
    match withdrawn {
        Ok(()) => Ok(back(&version.info.segment, number, "withdrawn")),
        Err(err) => refuse(&state, &identity, &segment, Some(number), err).await,
    }
}

/// Adds a link (`action=add`, the fields of [`LinkForm`]) or removes the link at `index`
/// (`action=remove`) in a draft.
pub async fn edit_links(
    identity: Identity,
    state: web::Data<AppState>,
    path: web::Path<(String, i32)>,
    form: web::Form<std::collections::HashMap<String, String>>,
) -> Result<HttpResponse, WebError> {
    let (segment, number) = path.into_inner();
    let version = draft_version(&state, &segment, number).await?;
    let lang = identity.language;
    let field = |name: &str| form.get(name).cloned().unwrap_or_default();
    let lock: i32 = field("lock").parse().unwrap_or(-1);
    let mut links = version.content.links.clone();
    if field("action") == "remove" {
        match field("index").parse::<usize>() {
            Ok(index) if index < links.len() => {
                links.remove(index);
            }
            _ => return Err(WebError::BadRequest(Message::new("link-index-unknown"))),
        }
    } else {
        let products = crate::persistence::products::all(&state.db).await?;
        let known = |code: &str| products.iter().any(|p| p.product.code == code);
        let link_form = LinkForm {
            kind: field("kind"),
            product: field("product"),
            other: field("other"),
            share: field("share"),
            figure: field("figure"),
            value: field("value"),
        };
        match link_form.parse(&known) {
            Ok(link) => links.push(link),
            Err(errors) => {
                let problems = errors
                    .iter()
                    .map(|e| format!("{}: {}", e.field, lang.message(&e.message)))
                    .collect();
                return unprocessable(&state, &identity, &segment, Some(number), problems).await;
            }
        }
    }
    let saved = edited(&state, &identity, &segment, number, async |db| {
        matrices::set_links(db, version.info.id, lock, &links).await
    })
    .await;
    match saved {
        Ok(_) => Ok(back(&version.info.segment, number, "links")),
        Err(err) => refuse(&state, &identity, &segment, Some(number), err).await,
    }
}
