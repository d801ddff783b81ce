//! The cell editor: what one scope (every point, a group, one point) says about one product,
//! each field shown beside the value it would inherit, with the panel recomputed for the
//! unsaved cell ("Preview", or live through `static/matrix.js`).

use std::collections::HashMap;

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::Utc;
use serde::Deserialize;

use super::grid::{figure_text, role_key};
use super::panel::PanelView;
use crate::domain::matrix::{
    CellPatch, PARTS, PointPlace, Role, Scope, parse_cell_form, resolve, uplift,
};
use crate::domain::message::Message;
use crate::domain::product::{CatalogProduct, Figure};
use crate::i18n::Lang;
use crate::persistence::StoreError;
use crate::persistence::matrices::{self, StoredVersion, VersionStatus};
use crate::service::matrices::BankView;
use crate::web::error::WebError;
use crate::web::format::percent;
use crate::web::identity::Identity;
use crate::web::layout::{Layout, Section};
use crate::web::pages::render_with;
use crate::web::state::AppState;

#[derive(Deserialize)]
pub struct CellQuery {
    product: String,
    scope: String,
}

pub struct FieldView {
    pub name: String,
    pub label: String,
    pub value: String,
    /// What applies when the field is left empty.
    pub inherited: String,
    /// For in-bundle usage: the uplift over the usage alone.
    pub uplift: String,
}

pub struct PartView {
    pub legend_key: &'static str,
    pub fields: Vec<FieldView>,
}

#[derive(Template)]
#[template(path = "matrices/cell.html")]
struct CellPage {
    layout: Layout,
    segment: String,
    number: i32,
    lock: i32,
    editable: bool,
    product: String,
    scope: String,
    scope_label: String,
    scopes: Vec<(String, String, bool)>,
    role: String,
    inherited_role: String,
    roles: Vec<(&'static str, &'static str)>,
    parts: Vec<PartView>,
    take_up: String,
    visit_share: String,
    order: String,
    talking_points: String,
    errors: Vec<String>,
    panel: PanelView,
}

#[derive(Template)]
#[template(path = "matrices/panel_fragment.html")]
struct PanelFragment {
    layout: Layout,
    panel: PanelView,
}

pub(super) fn scope_label(lang: Lang, scope: &Scope, bank: &BankView) -> String {
    match scope {
        Scope::AllPoints => lang.text("matrix-all-points"),
        Scope::Group(name) => lang.message(&Message::new("matrix-group").with("group", name)),
        Scope::Point(code) => (bank.points.iter())
            .find(|p| &p.code == code)
            .map_or_else(|| code.clone(), |p| format!("{} ({code})", p.name)),
    }
}

fn not_found(what: String) -> WebError {
    WebError::NotFound(Message::new("error-not-found").with("what", what))
}

struct Loaded {
    version: StoredVersion,
    bank: BankView,
    product: CatalogProduct,
    scope: Scope,
}

async fn load(
    state: &AppState,
    segment: &str,
    number: i32,
    product: &str,
    scope: &str,
) -> Result<Loaded, WebError> {
    let version = matrices::find_version(&state.db, segment, number)
        .await?
        .ok_or_else(|| not_found(format!("version {number} of {segment}")))?;
    let bank = BankView::load(&state.db, Utc::now().date_naive()).await?;
    let product = (bank.products.iter())
        .find(|p| p.code == product)
        .cloned()
        .ok_or_else(|| not_found(format!("product {product}")))?;
    let scope = Scope::from_key(scope).ok_or_else(|| {
        WebError::BadRequest(Message::new("matrix-scope-unknown").with("scope", scope))
    })?;
    Ok(Loaded {
        version,
        bank,
        product,
        scope,
    })
}

pub async fn show(
    identity: Identity,
    state: web::Data<AppState>,
    path: web::Path<(String, i32)>,
    query: web::Query<CellQuery>,
) -> Result<HttpResponse, WebError> {
    let (segment, number) = path.into_inner();
    let loaded = load(&state, &segment, number, &query.product, &query.scope).await?;
    let own = (loaded.version.content.cells.iter())
        .find(|c| c.product == loaded.product.code && c.scope == loaded.scope)
        .map(|c| c.patch.clone())
        .unwrap_or_default();
    let form = form_of(&own);
    editor(&identity, &loaded, &form, &own, Vec::new(), StatusCode::OK)
}

/// The form fields of a stored patch, as the editor shows them.
fn form_of(patch: &CellPatch) -> HashMap<String, String> {
    let mut form = HashMap::new();
    if let Some(role) = patch.role {
        form.insert("role".into(), role.as_str().into());
    }
    let maps = [
        ("terms", &patch.terms),
        ("usage_alone", &patch.usage_alone),
        ("usage_in_bundle", &patch.usage_in_bundle),
    ];
    for (part, values) in maps {
        for (figure, value) in values {
            form.insert(
                format!("{part}.{}", figure.name()),
                value.normalize().to_string(),
            );
        }
    }
    let mut put = |name: &str, value: Option<String>| {
        if let Some(value) = value {
            form.insert(name.into(), value);
        }
    };
    put("take_up", patch.take_up.map(|v| v.normalize().to_string()));
    put(
        "visit_share",
        patch.visit_share.map(|v| v.normalize().to_string()),
    );
    put("order", patch.order.map(|v| v.to_string()));
    put("talking_points", patch.talking_points.clone());
    form
}

/// The cells of broader scopes than `scope` that would reach it: what it inherits.
fn inherited(loaded: &Loaded) -> crate::domain::matrix::ResolvedCell {
    let cells: Vec<(Scope, CellPatch)> = loaded
        .version
        .content
        .cells_of(&loaded.product.code)
        .into_iter()
        .filter(|(s, _)| s.specificity() < loaded.scope.specificity())
        .collect();
    let place = match &loaded.scope {
        Scope::AllPoints => PointPlace {
            code: String::new(),
            groups: Vec::new(),
            opens: crate::domain::setup::OpenableKinds::All,
        },
        Scope::Group(name) => PointPlace {
            code: String::new(),
            groups: vec![name.clone()],
            opens: crate::domain::setup::OpenableKinds::All,
        },
        Scope::Point(code) => (loaded.bank.points.iter())
            .find(|p| &p.code == code)
            .map_or_else(
                || PointPlace {
                    code: code.clone(),
                    groups: Vec::new(),
                    opens: crate::domain::setup::OpenableKinds::All,
                },
                |p| p.place(),
            ),
    };
    // Broader cells that disagree leave the field without an inherited value.
    resolve(&cells, &place)
        .unwrap_or_else(|_| resolve(&[], &place).unwrap_or_else(|_| unreachable_cell()))
}

fn unreachable_cell() -> crate::domain::matrix::ResolvedCell {
    crate::domain::matrix::ResolvedCell {
        role: Role::NotOffered,
        terms: Default::default(),
        usage_alone: Default::default(),
        usage_in_bundle: Default::default(),
        take_up: None,
        visit_share: None,
        order: None,
        talking_points: None,
        from: Default::default(),
    }
}

fn editor(
    identity: &Identity,
    loaded: &Loaded,
    form: &HashMap<String, String>,
    patch: &CellPatch,
    errors: Vec<String>,
    status: StatusCode,
) -> Result<HttpResponse, WebError> {
    let lang = identity.language;
    let product = &loaded.product;
    let frozen = &loaded.version.frozen_terms;
    let standalone = frozen.get(&product.code).unwrap_or(&product.terms);
    let base = inherited(loaded);
    let value = |name: &str| form.get(name).cloned().unwrap_or_default();
    let catalog_value = |figure: Figure| figure.get(&product.economics, standalone, &product.usage);
    let parts = PARTS
        .iter()
        .map(|(part, group)| PartView {
            legend_key: match *part {
                "terms" => "matrix-part-terms",
                "usage_alone" => "matrix-part-usage-alone",
                _ => "matrix-part-usage-in-bundle",
            },
            fields: Figure::of(*group)
                .map(|figure| {
                    let name = format!("{part}.{}", figure.name());
                    let from_broader = match *part {
                        "terms" => base.terms.get(&figure),
                        "usage_alone" => base.usage_alone.get(&figure),
                        _ => base.usage_in_bundle.get(&figure),
                    };
                    let inherited = from_broader
                        .copied()
                        .unwrap_or_else(|| catalog_value(figure));
                    let effective = |key: &str, fallback| {
                        form.get(key)
                            .and_then(|t| crate::domain::product::parse_decimal_input(t).ok())
                            .filter(|_| form.get(key).is_some_and(|t| !t.trim().is_empty()))
                            .unwrap_or(fallback)
                    };
                    let uplift_text = if *part == "usage_in_bundle" {
                        let alone_key = format!("usage_alone.{}", figure.name());
                        let alone_base = base
                            .usage_alone
                            .get(&figure)
                            .copied()
                            .unwrap_or_else(|| catalog_value(figure));
                        let alone = effective(&alone_key, alone_base);
                        let in_bundle = effective(&name, inherited);
                        uplift(alone, in_bundle)
                            .map(|u| percent(lang, u.round_dp(4)))
                            .unwrap_or_default()
                    } else {
                        String::new()
                    };
                    FieldView {
                        label: lang.text(figure.label_key()),
                        value: value(&name),
                        inherited: figure_text(lang, figure, product, inherited),
                        uplift: uplift_text,
                        name,
                    }
                })
                .collect(),
        })
        .collect();
    let mut scopes = vec![Scope::AllPoints];
    for point in &loaded.bank.points {
        for group in point.place().groups {
            let scope = Scope::Group(group);
            if !scopes.contains(&scope) {
                scopes.push(scope);
            }
        }
    }
    scopes.extend(
        loaded
            .bank
            .points
            .iter()
            .map(|p| Scope::Point(p.code.clone())),
    );
    // The panel as the advisor would see it with this cell as typed.
    let mut content = loaded.version.content.clone();
    content.set_cell(&product.code, loaded.scope.clone(), patch.clone());
    if *patch == CellPatch::default() {
        content
            .cells
            .retain(|c| !(c.product == product.code && c.scope == loaded.scope));
    }
    let evaluations = loaded.bank.evaluate(&content, frozen);
    let page = CellPage {
        layout: Layout::new(
            lang.message(&Message::new("matrix-cell-title").with("product", &product.name)),
            Some(identity),
            Section::Matrices,
        ),
        segment: loaded.version.info.segment.clone(),
        number: loaded.version.info.number,
        lock: loaded.version.info.lock,
        editable: loaded.version.info.status == VersionStatus::Draft,
        product: product.code.clone(),
        scope: loaded.scope.key(),
        scope_label: scope_label(lang, &loaded.scope, &loaded.bank),
        scopes: scopes
            .iter()
            .map(|s| {
                (
                    s.key(),
                    scope_label(lang, s, &loaded.bank),
                    *s == loaded.scope,
                )
            })
            .collect(),
        role: value("role"),
        inherited_role: lang.text(role_key(base.role)),
        roles: Role::ALL
            .iter()
            .map(|r| (r.as_str(), role_key(*r)))
            .collect(),
        parts,
        take_up: value("take_up"),
        visit_share: value("visit_share"),
        order: value("order"),
        talking_points: value("talking_points"),
        errors,
        panel: PanelView::new(lang, &loaded.bank, &evaluations),
    };
    render_with(status, &page)
}

/// Save, preview (the whole editor) or, with `fragment`, the panel alone for the script.
pub async fn post(
    identity: Identity,
    state: web::Data<AppState>,
    path: web::Path<(String, i32)>,
    form: web::Form<HashMap<String, String>>,
) -> Result<HttpResponse, WebError> {
    let (segment, number) = path.into_inner();
    let form = form.into_inner();
    let field = |name: &str| form.get(name).map(String::as_str).unwrap_or_default();
    let loaded = load(&state, &segment, number, field("product"), field("scope")).await?;
    let lang = identity.language;
    let (patch, errors) = match parse_cell_form(&form) {
        Ok(patch) => (patch, Vec::new()),
        Err(errors) => (
            CellPatch::default(),
            errors
                .iter()
                .map(|e| {
                    format!(
                        "{}: {}",
                        field_label(lang, &e.field),
                        lang.message(&e.message)
                    )
                })
                .collect(),
        ),
    };
    if field("fragment") == "1" {
        let evaluations = {
            let mut content = loaded.version.content.clone();
            if errors.is_empty() {
                content.set_cell(&loaded.product.code, loaded.scope.clone(), patch.clone());
            }
            loaded.bank.evaluate(&content, &loaded.version.frozen_terms)
        };
        return render_with(
            StatusCode::OK,
            &PanelFragment {
                layout: Layout::new(String::new(), Some(&identity), Section::Matrices),
                panel: PanelView::new(lang, &loaded.bank, &evaluations),
            },
        );
    }
    if !errors.is_empty() {
        return editor(
            &identity,
            &loaded,
            &form,
            &CellPatch::default(),
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    }
    if field("intent") != "save" {
        return editor(
            &identity,
            &loaded,
            &form,
            &patch,
            Vec::new(),
            StatusCode::OK,
        );
    }
    let lock: i32 = field("lock").parse().unwrap_or(-1);
    let saved = super::page::edited(
        &state,
        &identity,
        &loaded.version.info.segment,
        number,
        async |db| {
            matrices::save_cell(
                db,
                loaded.version.info.id,
                lock,
                &loaded.product.code,
                &loaded.scope,
                &patch,
            )
            .await
        },
    )
    .await;
    match saved {
        Ok(_) => Ok(HttpResponse::SeeOther()
            .insert_header((
                header::LOCATION,
                format!(
                    "/matrices/{}?version={number}&done=cell",
                    loaded.version.info.segment
                ),
            ))
            .finish()),
        Err(err) => {
            let problem = match &err {
                StoreError::InvalidField { field, message } => {
                    format!("{}: {}", field_label(lang, field), lang.message(message))
                }
                other => match super::page::edit_problem(lang, other) {
                    Some(problem) => problem,
                    None => return Err(err.into()),
                },
            };
            // The editor keeps what was typed, so nothing is lost, and carries the current lock:
            // saving again is a deliberate choice after reading the message.
            editor(
                &identity,
                &loaded,
                &form,
                &patch,
                vec![problem],
                StatusCode::CONFLICT,
            )
        }
    }
}

/// A form field's name as the page labels it (`terms.monthly_fee` → "Bundle terms: Monthly fee").
fn field_label(lang: Lang, field: &str) -> String {
    let Some((part, name)) = field.split_once('.') else {
        return match field {
            "role" => lang.text("matrix-role"),
            "take_up" => lang.text("matrix-take-up"),
            "visit_share" => lang.text("matrix-visit-share"),
            "order" => lang.text("matrix-order"),
            "talking_points" => lang.text("matrix-talking-points"),
            other => other.to_owned(),
        };
    };
    let part_key = match part {
        "terms" => "matrix-part-terms",
        "usage_alone" => "matrix-part-usage-alone",
        _ => "matrix-part-usage-in-bundle",
    };
    let figure =
        Figure::from_name(name).map_or_else(|| name.to_owned(), |f| lang.text(f.label_key()));
    format!("{}: {figure}", lang.text(part_key))
}
