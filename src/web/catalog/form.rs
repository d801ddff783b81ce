//! Creating and editing catalog products (product managers only; see `access.rs`).

use crate::domain::message::Message;
use crate::i18n::Lang;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::form_view::{FormContext, FormPage};
use crate::domain::audit::{Action, Fields, Subject, of as audit_of};
use crate::domain::product::ProductForm;
use crate::domain::validation::FieldError;
use crate::persistence::{StoreError, audit, products};
use crate::service::product_change::{self, Saved};
use crate::service::review::ReviewFailure;
use crate::web::error::WebError;
use crate::web::identity::Identity;
use crate::web::layout::{Layout, Section};
use crate::web::pages::{render, render_with};
use crate::web::state::AppState;

/// The form as posted: the product's fields plus the version it was loaded at.
#[derive(Deserialize)]
pub struct Submission {
    #[serde(flatten)]
    form: ProductForm,
    #[serde(default)]
    version: String,
    /// For finance, when the economics or standalone terms change.
    #[serde(default)]
    note: String,
}

/// The form page in the common layout, with the companies a product may belong to.
async fn page(
    state: &AppState,
    identity: &Identity,
    context: FormContext,
    form: &ProductForm,
    errors: &[FieldError],
) -> Result<FormPage, WebError> {
    let companies = products::companies(&state.db).await?;
    let layout = Layout::new(context.heading.clone(), Some(identity), Section::Catalog);
    Ok(FormPage::new(layout, context, form, errors, &companies))
}

fn creating(lang: Lang) -> FormContext {
    FormContext {
        heading: lang.text("catalog-new"),
        action: "/catalog".into(),
        version: String::new(),
        editing: false,
        alert: None,
    }
}

fn editing(lang: Lang, code: &str, version: i32, alert: Option<String>) -> FormContext {
    FormContext {
        heading: lang.message(&Message::new("product-edit-heading").with("code", code)),
        action: format!("/catalog/{code}"),
        version: version.to_string(),
        editing: true,
        alert,
    }
}

/// `GET /catalog/new`
pub async fn new(state: web::Data<AppState>, identity: Identity) -> Result<HttpResponse, WebError> {
    let form = ProductForm {
        company: "BANK".into(),
        currency: "RUB".into(),
        status: "active".into(),
        ..Default::default()
    };
    let page = page(&state, &identity, creating(identity.language), &form, &[]).await?;
    render(&page)
}

/// Store errors that belong next to a field, as field errors.
fn field_errors(err: StoreError) -> Result<Vec<FieldError>, WebError> {
    match err {
        StoreError::Conflict {
            field: "code",
            value,
        } => Ok(vec![FieldError::new(
            "code",
            Message::new("product-code-taken").with("code", value),
        )]),
        StoreError::InvalidField { field, message } => Ok(vec![FieldError::new(field, message)]),
        other => Err(other.into()),
    }
}

/// The product as the audit trail shows it; `None` before it exists.
async fn product_fields(
    db: &impl sea_orm::ConnectionTrait,
    code: &str,
) -> Result<Option<Fields>, StoreError> {
    Ok(products::find(db, code)
        .await?
        .map(|stored| audit_of::product(&stored.product)))
}

/// `POST /catalog`
pub async fn create(
    state: web::Data<AppState>,
    identity: Identity,
    submission: web::Form<Submission>,
) -> Result<HttpResponse, WebError> {
    let form = submission.into_inner().form;
    let errors = match form.parse() {
        Ok(product) => match audit::change(
            &state.db,
            identity
                .author()
                .entry(Action::Created, Subject::Product, &product.code),
            async |db| product_fields(db, &product.code).await,
            async |db| products::create(db, &product).await,
        )
        .await
        {
            Ok(()) => {
                tracing::info!(user = ?identity.user.username, product = ?product.code, "product created");
                let location = format!("/catalog/{}?saved=1", product.code);
                return Ok(HttpResponse::SeeOther()
                    .insert_header((header::LOCATION, location))
                    .finish());
            }
            Err(err) => field_errors(err)?,
        },
        Err(errors) => errors,
    };
    let page = page(
        &state,
        &identity,
        creating(identity.language),
        &form,
        &errors,
    )
    .await?;
    render_with(StatusCode::UNPROCESSABLE_ENTITY, &page)
}

/// `GET /catalog/{code}/edit`
pub async fn edit(
    state: web::Data<AppState>,
    identity: Identity,
    path: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let code = path.into_inner();
    let stored = products::find(&state.db, &code)
        .await?
        .ok_or_else(|| WebError::NotFound(Message::new("error-no-product").with("code", &code)))?;
    let form = ProductForm::from(&stored.product);
    let context = editing(
        identity.language,
        &stored.product.code,
        stored.version,
        None,
    );
    let page = page(&state, &identity, context, &form, &[]).await?;
    render(&page)
}

/// `POST /catalog/{code}`: saves if nobody saved in between (optimistic locking); a change to
/// the economics or standalone terms waits for finance's approval, the rest applies at once.
pub async fn update(
    state: web::Data<AppState>,
    identity: Identity,
    path: web::Path<String>,
    submission: web::Form<Submission>,
) -> Result<HttpResponse, WebError> {
    let code = path.into_inner().to_uppercase();
    let Submission {
        mut form,
        version,
        note,
    } = submission.into_inner();
    form.code.clone_from(&code);
    let version: i32 = version
        .trim()
        .parse()
        .map_err(|_| WebError::BadRequest(Message::new("error-version")))?;
    let lang = identity.language;
    let (status, errors, alert) = match form.parse() {
        Ok(product) => {
            let author = identity.author();
            match product_change::save(&state.db, &code, version, &product, &note, &author).await {
                Ok(saved) => {
                    tracing::info!(user = ?identity.user.username, product = ?code, ?saved, "product saved");
                    let done = match saved {
                        Saved::Applied => "saved=1",
                        Saved::Proposed => "proposed=1",
                    };
                    return Ok(HttpResponse::SeeOther()
                        .insert_header((header::LOCATION, format!("/catalog/{code}?{done}")))
                        .finish());
                }
                Err(ReviewFailure::Store(StoreError::Conflict {
                    field: "version", ..
                })) => (
                    StatusCode::CONFLICT,
                    Vec::new(),
                    Some(lang.text("product-conflict")),
                ),
                Err(ReviewFailure::Store(StoreError::Conflict {
                    field: "pending", ..
                })) => (
                    StatusCode::CONFLICT,
                    Vec::new(),
                    Some(lang.text("product-change-pending")),
                ),
                Err(ReviewFailure::Refused(refusal)) => (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    Vec::new(),
                    Some(lang.message(&refusal.message())),
                ),
                Err(ReviewFailure::Store(err)) => {
                    (StatusCode::UNPROCESSABLE_ENTITY, field_errors(err)?, None)
                }
            }
        }
        Err(errors) => (StatusCode::UNPROCESSABLE_ENTITY, errors, None),
    };
    let context = editing(lang, &code, version, alert);
    let page = page(&state, &identity, context, &form, &errors).await?;
    render_with(status, &page)
}
