//! Creating and editing a segment: its rule as text or as a form of conditions, and the count
//! of matching clients (on the page with "Count", live with the small script when it runs).

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::Utc;
use serde::Deserialize;
use serde_json::json;

use crate::domain::audit::{Action, Subject, of as audit_of};
use crate::domain::message::Message;
use crate::domain::segment::{
    Attribute, ConditionForm, Joiner, PRODUCTS_FIELD, RuleForm, SegmentRule, TAGS_FIELD,
};
use crate::domain::segment::{SegmentDraft, SegmentInput, phrase};
use crate::i18n::Lang;
use crate::persistence::{StoreError, catalog};
use crate::persistence::{audit, segments};
use crate::web::error::WebError;
use crate::web::format::integer;
use crate::web::identity::Identity;
use crate::web::layout::{Layout, Section};
use crate::web::pages::render_with;
use crate::web::state::AppState;

/// Empty condition rows offered under the filled ones, for adding conditions without script.
const SPARE_ROWS: usize = 2;
pub const OPERATORS: &[&str] = &["=", "!=", "<", "<=", ">", ">=", "between", "in", "has"];

/// The form as posted, read as pairs because condition rows repeat their field names.
#[derive(Default)]
struct Posted {
    code: String,
    name: String,
    description: String,
    priority: String,
    sales_point: String,
    rule: String,
    active: bool,
    /// The version the editor was loaded at (empty for a new segment).
    version: String,
    /// The author confirmed that names resembling catalog attributes are custom ones.
    custom_ok: bool,
    /// "form" when the rule is to be built from the condition rows (buttons `*-form`).
    editor: String,
    /// "count" to count without saving.
    intent: String,
    joiner: String,
    rows: Vec<ConditionForm>,
}

impl Posted {
    fn read(pairs: Vec<(String, String)>) -> Self {
        let mut posted = Posted::default();
        for (key, value) in pairs {
            match key.as_str() {
                "code" => posted.code = value,
                "name" => posted.name = value,
                "description" => posted.description = value,
                "priority" => posted.priority = value,
                "sales_point" => posted.sales_point = value,
                "rule" => posted.rule = value,
                "active" => posted.active = true,
                "version" => posted.version = value,
                "custom_ok" => posted.custom_ok = true,
                "intent" => match value.strip_suffix("-form") {
                    Some(intent) => {
                        posted.editor = "form".into();
                        posted.intent = intent.to_string();
                    }
                    None => posted.intent = value,
                },
                "joiner" => posted.joiner = value,
                "attribute" => posted.rows.push(ConditionForm {
                    attribute: value,
                    ..Default::default()
                }),
                "operator" => {
                    if let Some(row) = posted.rows.last_mut() {
                        row.operator = value
                    }
                }
                "value" => {
                    if let Some(row) = posted.rows.last_mut() {
                        row.value = value
                    }
                }
                _ => {}
            }
        }
        posted.rows.retain(|row| !row.attribute.trim().is_empty());
        posted
    }

    fn rule(&self, lang: Lang) -> Result<SegmentRule, String> {
        if self.editor == "form" {
            let joiner = if self.joiner == "or" {
                Joiner::Or
            } else {
                Joiner::And
            };
            RuleForm {
                joiner,
                conditions: self.rows.clone(),
            }
            .to_rule()
            .map_err(|e| lang.rule_error(&e))
        } else {
            SegmentRule::parse(&self.rule).map_err(|e| lang.rule_error(&e))
        }
    }
}

#[derive(Template)]
#[template(path = "segments/edit.html")]
struct EditPage {
    layout: Layout,
    heading: String,
    action: String,
    editing: bool,
    code: String,
    name: String,
    description: String,
    priority: String,
    sales_point: String,
    sales_points: Vec<(String, String)>,
    rule: String,
    active: bool,
    version: String,
    joiner_or: bool,
    rows: Vec<ConditionForm>,
    form_note: Option<String>,
    attributes: Vec<String>,
    operators: &'static [&'static str],
    errors: Vec<Problem>,
    count: Option<String>,
    /// Just saved: the page confirms it.
    saved: bool,
    /// Names that look like misspelt catalog attributes, in words.
    typos: Vec<String>,
}

impl EditPage {
    async fn build(
        state: &AppState,
        identity: &Identity,
        posted: &Posted,
        editing: bool,
    ) -> Result<Self, WebError> {
        let sales_points = catalog::sales_points(&state.db)
            .await?
            .into_iter()
            .map(|p| (p.code, p.name))
            .collect();
        let parsed = SegmentRule::parse(&posted.rule).ok();
        let (joiner_or, mut rows, form_note) = match parsed.as_ref().map(RuleForm::try_from) {
            Some(Ok(form)) => (form.joiner == Joiner::Or, form.conditions, None),
            Some(Err(_)) => (
                false,
                Vec::new(),
                Some(identity.language.text("segments-not-flat")),
            ),
            None => (false, posted.rows.clone(), None),
        };
        rows.extend(std::iter::repeat_with(ConditionForm::default).take(SPARE_ROWS));
        let (heading, action) = if editing {
            (
                identity
                    .language
                    .message(&Message::new("segments-heading").with("code", &posted.code)),
                format!("/segments/{}", posted.code),
            )
        } else {
            (
                identity.language.text("segments-new"),
                "/segments".to_string(),
            )
        };
        Ok(Self {
            layout: Layout::new(heading.clone(), Some(identity), Section::Segments),
            heading,
            action,
            editing,
            code: posted.code.clone(),
            name: posted.name.clone(),
            description: posted.description.clone(),
            priority: posted.priority.clone(),
            sales_point: posted.sales_point.clone(),
            sales_points,
            rule: posted.rule.clone(),
            active: posted.active,
            version: posted.version.clone(),
            joiner_or,
            rows,
            form_note,
            attributes: Attribute::catalog()
                .map(|a| a.name().to_string())
                .chain([TAGS_FIELD.to_string(), PRODUCTS_FIELD.to_string()])
                .collect(),
            operators: OPERATORS,
            errors: Vec::new(),
            count: None,
            saved: false,
            typos: Vec::new(),
        })
    }
}

async fn count_text(state: &AppState, lang: Lang, rule: &SegmentRule) -> Result<String, WebError> {
    let n = segments::count_matching(&state.db, rule, Utc::now().date_naive()).await?;
    Ok(count_sentence(lang, n))
}

fn count_sentence(lang: Lang, n: u64) -> String {
    let n = i64::try_from(n).unwrap_or(i64::MAX);
    lang.message(&Message::new("segments-count-text").with("count", integer(lang, n)))
}

/// `GET /segments/new`
pub async fn new(state: web::Data<AppState>, identity: Identity) -> Result<HttpResponse, WebError> {
    let posted = Posted {
        priority: "100".into(),
        active: true,
        ..Posted::default()
    };
    render_with(
        StatusCode::OK,
        &EditPage::build(&state, &identity, &posted, false).await?,
    )
}

#[derive(Deserialize)]
pub struct ShowQuery {
    saved: Option<String>,
}

/// `GET /segments/{code}`
pub async fn show(
    state: web::Data<AppState>,
    identity: Identity,
    path: web::Path<String>,
    query: web::Query<ShowQuery>,
) -> Result<HttpResponse, WebError> {
    let code = path.into_inner();
    let segment = segments::find(&state.db, &code)
        .await?
        .ok_or_else(|| WebError::NotFound(Message::new("error-no-segment").with("code", &code)))?;
    let posted = Posted {
        code: segment.code,
        name: segment.name,
        description: segment.description,
        priority: segment.priority.to_string(),
        sales_point: segment.sales_point.unwrap_or_default(),
        rule: segment.rule,
        active: segment.active,
        version: segment.version.to_string(),
        ..Posted::default()
    };
    let mut page = EditPage::build(&state, &identity, &posted, true).await?;
    page.saved = query.saved.is_some();
    if let Ok(rule) = SegmentRule::parse(&posted.rule) {
        page.count = Some(count_text(&state, identity.language, &rule).await?);
    }
    render_with(StatusCode::OK, &page)
}

async fn submit(
    state: &AppState,
    identity: &Identity,
    mut posted: Posted,
    editing: bool,
) -> Result<HttpResponse, WebError> {
    let rule = posted.rule(identity.language);
    if let Ok(rule) = &rule {
        posted.rule = rule.to_string();
    }
    let input = SegmentInput {
        code: posted.code.clone(),
        name: posted.name.clone(),
        description: posted.description.clone(),
        priority: posted.priority.clone(),
        sales_point: posted.sales_point.clone(),
        rule: posted.rule.clone(),
        active: posted.active,
    };
    let lang = identity.language;
    let mut errors: Vec<Problem> = SegmentDraft::parse(&input)
        .err()
        .unwrap_or_default()
        .iter()
        .filter(|e| e.field != "rule")
        .map(|e| Problem::at(lang, &e.field, lang.message(&e.message)))
        .collect();
    if let Err(e) = &rule {
        errors.push(Problem::at(lang, "rule", e.clone()));
    }
    posted.code = posted.code.trim().to_uppercase();
    let mut page = EditPage::build(state, identity, &posted, editing).await?;
    if let Ok(rule) = &rule {
        page.count = Some(count_text(state, identity.language, rule).await?);
        page.typos = phrase::likely_typos(rule)
            .into_iter()
            .map(|(typed, meant)| {
                identity.language.message(
                    &Message::new("segments-typo")
                        .with("typed", typed)
                        .with("meant", meant),
                )
            })
            .collect();
        // Saving a rule that likely names no one needs a second look.
        if !page.typos.is_empty() && !posted.custom_ok && posted.intent != "count" {
            errors.push(Problem::at(
                lang,
                "rule",
                lang.text("segments-typo-confirm"),
            ));
        }
    }
    if !errors.is_empty() || posted.intent == "count" {
        let status = if errors.is_empty() {
            StatusCode::OK
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        page.errors = errors;
        return render_with(status, &page);
    }
    let Ok(draft) = SegmentDraft::parse(&input) else {
        return render_with(StatusCode::UNPROCESSABLE_ENTITY, &page);
    };
    let code = draft.code.as_str();
    let version = posted.version.trim().parse::<i32>().unwrap_or(0);
    let saved = audit::change(
        &state.db,
        identity
            .author()
            .entry(Action::Changed, Subject::Segment, code),
        async |db| {
            Ok(segments::find(db, code).await?.map(|s| {
                audit_of::segment(
                    &s.name,
                    &s.description,
                    s.priority,
                    s.sales_point.as_deref(),
                    &s.rule,
                    s.active,
                )
            }))
        },
        async |db| {
            if editing {
                segments::update(db, &draft, version).await
            } else {
                segments::create(db, &draft).await
            }
        },
    )
    .await;
    match saved {
        Ok(()) => {}
        Err(StoreError::Conflict { field: "code", .. }) => {
            let taken = Message::new("segment-code-taken").with("code", draft.code.as_str());
            errors.push(Problem::at(lang, "code", lang.message(&taken)));
        }
        Err(StoreError::Conflict {
            field: "version",
            value,
        }) => {
            let conflict = Message::new("segment-conflict").with("version", value);
            errors.push(Problem::general(lang.message(&conflict)));
        }
        Err(StoreError::InvalidField { field, message }) => {
            errors.push(Problem::at(lang, &field, lang.message(&message)));
        }
        Err(other) => return Err(other.into()),
    }
    if !errors.is_empty() {
        page.errors = errors;
        return render_with(StatusCode::UNPROCESSABLE_ENTITY, &page);
    }
    tracing::info!(user = ?identity.user.username, segment = ?draft.code.as_str(), rule = ?draft.rule.to_string(), "segment saved");
    Ok(HttpResponse::SeeOther()
        .insert_header((
            header::LOCATION,
            format!("/segments/{}?saved=1", draft.code),
        ))
        .finish())
}

/// `POST /segments`
pub async fn create(
    state: web::Data<AppState>,
    identity: Identity,
    body: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let posted = Posted::read(body.into_inner());
    submit(&state, &identity, posted, false).await
}

/// `POST /segments/{code}`
pub async fn update(
    state: web::Data<AppState>,
    identity: Identity,
    path: web::Path<String>,
    body: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let mut posted = Posted::read(body.into_inner());
    posted.code = path.into_inner();
    segments::find(&state.db, &posted.code)
        .await?
        .ok_or_else(|| {
            WebError::NotFound(Message::new("error-no-segment").with("code", &posted.code))
        })?;
    submit(&state, &identity, posted, true).await
}

#[derive(Deserialize)]
pub struct CountQuery {
    #[serde(default)]
    rule: String,
}

/// `GET /segments/count?rule=…`: the live count for the editor's script, as JSON.
pub async fn count(
    identity: Identity,
    state: web::Data<AppState>,
    query: web::Query<CountQuery>,
) -> Result<HttpResponse, WebError> {
    match SegmentRule::parse(&query.rule) {
        Ok(rule) => {
            let n = segments::count_matching(&state.db, &rule, Utc::now().date_naive()).await?;
            let text = count_sentence(identity.language, n);
            Ok(
                HttpResponse::Ok()
                    .json(json!({"count": n, "text": text, "rule": rule.to_string()})),
            )
        }
        Err(err) => {
            let error = identity.language.rule_error(&err);
            Ok(HttpResponse::Ok().json(json!({"error": error, "column": err.column()})))
        }
    }
}

/// One problem listed above the form, linked to the field it concerns.
struct Problem {
    /// The `id` of the input at fault; empty for a problem with the whole form.
    anchor: &'static str,
    label: String,
    text: String,
}

impl Problem {
    fn at(lang: Lang, field: &str, text: String) -> Self {
        let (anchor, label) = match field {
            "code" => ("f-code", "col-code"),
            "name" => ("f-name", "col-name"),
            "priority" => ("f-priority", "segments-priority"),
            "sales_point" => ("f-sales_point", "product-sales-point"),
            "description" => ("f-description", "segments-description"),
            "rule" => ("rule", "segments-rule"),
            _ => return Self::general(text),
        };
        Self {
            anchor,
            label: lang.text(label),
            text,
        }
    }

    fn general(text: String) -> Self {
        Self {
            anchor: "",
            label: String::new(),
            text,
        }
    }
}
