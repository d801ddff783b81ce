//! Creating and editing catalog products (product managers only; see `access.rs`).

use crate::domain::message::Message;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::domain::product::{PriceParameter, ProductForm, ProductKind};
use crate::domain::validation::FieldError;
use crate::persistence::{StoreError, products};
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
}

/// One input of the form, with its value and its error.
pub struct FieldView {
    pub name: &'static str,
    pub label: &'static str,
    pub hint: &'static str,
    pub value: String,
    pub error: Option<String>,
    pub options: Vec<(String, String)>,
    pub checkbox: bool,
    pub readonly: bool,
}

pub struct FormSection {
    pub title: &'static str,
    pub fields: Vec<FieldView>,
}

#[derive(Template)]
#[template(path = "catalog/form.html")]
struct FormPage {
    layout: Layout,
    heading: String,
    action: String,
    version: String,
    cancel: String,
    alert: Option<String>,
    sections: Vec<FormSection>,
}

type Spec = (&'static str, &'static str, &'static str);

const ECONOMICS: &[Spec] = &[
    (
        "lifetime_years",
        "Lifetime, years",
        "how long a client keeps it; one-off costs are spread over it",
    ),
    ("ftp_rate", "FTP rate", "fraction: 0.08 = 8 %"),
    ("reserve_ratio", "Reserve ratio", "liabilities; fraction"),
    (
        "interchange_rate",
        "Interchange rate",
        "cards; fraction of spend",
    ),
    (
        "expected_loss_rate",
        "Expected loss rate",
        "credit cards; fraction of the balance",
    ),
    ("servicing_cost", "Servicing cost", "per client per year"),
    ("cost_per_transaction", "Cost per transaction", ""),
    (
        "partner_commission",
        "Partner commission",
        "paid by a vendor per transaction",
    ),
    ("issuance_cost", "Issuance cost", "one-off"),
    ("acquisition_cost", "Acquisition cost", "one-off"),
    (
        "opening_minutes",
        "Opening minutes",
        "advisor time to open it",
    ),
    (
        "overhead_rate",
        "Overhead rate",
        "indirect cost as a fraction of direct cost",
    ),
];
const TERMS: &[Spec] = &[
    ("monthly_fee", "Monthly fee", ""),
    ("annual_fee", "Annual fee", ""),
    ("setup_fee", "Set-up fee", "one-off"),
    ("transaction_fee", "Transaction fee", ""),
    (
        "client_rate",
        "Client rate",
        "deposit rate paid or card rate charged; fraction",
    ),
];
const USAGE: &[Spec] = &[
    (
        "avg_balance",
        "Average balance",
        "credit card: the interest-bearing balance",
    ),
    ("annual_spend", "Annual card spend", ""),
    ("transactions", "Transactions a year", ""),
];

fn value_of(form: &ProductForm, name: &str) -> String {
    let v = match name {
        "code" => &form.code,
        "name" => &form.name,
        "kind" => &form.kind,
        "currency" => &form.currency,
        "company" => &form.company,
        "status" => &form.status,
        "price_parameter" => &form.price_parameter,
        "market_price" => &form.market_price,
        "ftp_rate" => &form.ftp_rate,
        "reserve_ratio" => &form.reserve_ratio,
        "interchange_rate" => &form.interchange_rate,
        "expected_loss_rate" => &form.expected_loss_rate,
        "servicing_cost" => &form.servicing_cost,
        "cost_per_transaction" => &form.cost_per_transaction,
        "partner_commission" => &form.partner_commission,
        "issuance_cost" => &form.issuance_cost,
        "acquisition_cost" => &form.acquisition_cost,
        "lifetime_years" => &form.lifetime_years,
        "opening_minutes" => &form.opening_minutes,
        "overhead_rate" => &form.overhead_rate,
        "monthly_fee" => &form.monthly_fee,
        "annual_fee" => &form.annual_fee,
        "setup_fee" => &form.setup_fee,
        "transaction_fee" => &form.transaction_fee,
        "client_rate" => &form.client_rate,
        "avg_balance" => &form.avg_balance,
        "annual_spend" => &form.annual_spend,
        "transactions" => &form.transactions,
        _ => return String::new(),
    };
    v.clone()
}

fn sections(
    form: &ProductForm,
    errors: &[FieldError],
    companies: &[(String, String)],
    editing: bool,
) -> Vec<FormSection> {
    let error = |name: &str| {
        errors
            .iter()
            .find(|e| e.field == name)
            .map(|e| e.message.to_string())
    };
    let field = |(name, label, hint): Spec| FieldView {
        name,
        label,
        hint,
        value: value_of(form, name),
        error: error(name),
        options: Vec::new(),
        checkbox: false,
        readonly: false,
    };
    let select = |spec: Spec, options: Vec<(String, String)>| FieldView {
        options,
        ..field(spec)
    };
    let kinds = ProductKind::ALL
        .iter()
        .map(|k| (k.as_str().to_string(), k.label().to_string()))
        .collect();
    let parameters = PriceParameter::ALL
        .iter()
        .map(|p| (p.as_str().to_string(), p.as_str().replace('_', " ")))
        .collect();
    let statuses = vec![
        ("active".into(), "Active".into()),
        ("suspended".into(), "Suspended".into()),
    ];
    let identity = vec![
        FieldView {
            readonly: editing,
            ..field((
                "code",
                "Code",
                "capital letters, digits, _; cannot change later",
            ))
        },
        field(("name", "Name", "")),
        select(("kind", "Kind", ""), kinds),
        field(("currency", "Currency", "ISO code: RUB, EUR, USD …")),
        select(
            ("company", "Owner company", "the group member that books it"),
            companies.to_vec(),
        ),
        select(("status", "Status", ""), statuses),
        FieldView {
            checkbox: true,
            value: if form.costs_cannot_be_reduced.is_some() {
                "on".into()
            } else {
                String::new()
            },
            ..field((
                "costs_cannot_be_reduced",
                "Costs cannot be reduced",
                "finance's judgement; used by the suspension rule",
            ))
        },
        select(
            (
                "price_parameter",
                "Price parameter",
                "the term clients compare across banks",
            ),
            parameters,
        ),
        field((
            "market_price",
            "Market price",
            "of the price parameter; a rate as a fraction",
        )),
    ];
    vec![
        FormSection {
            title: "Product",
            fields: identity,
        },
        FormSection {
            title: "Economics",
            fields: ECONOMICS.iter().copied().map(field).collect(),
        },
        FormSection {
            title: "Standalone terms",
            fields: TERMS.iter().copied().map(field).collect(),
        },
        FormSection {
            title: "Usage of a typical client",
            fields: USAGE.iter().copied().map(field).collect(),
        },
    ]
}

#[allow(clippy::too_many_arguments)]
async fn page(
    state: &AppState,
    identity: &Identity,
    heading: String,
    action: String,
    version: String,
    form: &ProductForm,
    errors: &[FieldError],
    alert: Option<String>,
    editing: bool,
) -> Result<FormPage, WebError> {
    let companies = products::companies(&state.db).await?;
    let cancel = if editing {
        format!("/catalog/{}", form.code)
    } else {
        "/catalog".to_string()
    };
    Ok(FormPage {
        layout: Layout::new(heading.clone(), Some(identity), Section::Catalog),
        heading,
        action,
        version,
        cancel,
        alert,
        sections: sections(form, errors, &companies, editing),
    })
}

/// `GET /catalog/new`
pub async fn new(state: web::Data<AppState>, identity: Identity) -> Result<HttpResponse, WebError> {
    let form = ProductForm {
        company: "BANK".into(),
        currency: "RUB".into(),
        status: "active".into(),
        ..Default::default()
    };
    let page = page(
        &state,
        &identity,
        "New product".into(),
        "/catalog".into(),
        String::new(),
        &form,
        &[],
        None,
        false,
    )
    .await?;
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

/// `POST /catalog`
pub async fn create(
    state: web::Data<AppState>,
    identity: Identity,
    submission: web::Form<Submission>,
) -> Result<HttpResponse, WebError> {
    let form = submission.into_inner().form;
    let errors = match form.parse() {
        Ok(product) => match products::create(&state.db, &product).await {
            Ok(()) => {
                tracing::info!(user = ?identity.user.username, product = ?product.code, "product created");
                let location = format!("/catalog/{}", product.code);
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
        "New product".into(),
        "/catalog".into(),
        String::new(),
        &form,
        &errors,
        None,
        false,
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
        .ok_or_else(|| WebError::NotFound(format!("There is no product {code} in the catalog.")))?;
    let form = ProductForm::from(&stored.product);
    let heading = format!("Edit {}", stored.product.code);
    let action = format!("/catalog/{}", stored.product.code);
    let page = page(
        &state,
        &identity,
        heading,
        action,
        stored.version.to_string(),
        &form,
        &[],
        None,
        true,
    )
    .await?;
    render(&page)
}

/// `POST /catalog/{code}`: saves if nobody saved in between (optimistic locking).
pub async fn update(
    state: web::Data<AppState>,
    identity: Identity,
    path: web::Path<String>,
    submission: web::Form<Submission>,
) -> Result<HttpResponse, WebError> {
    let code = path.into_inner().to_uppercase();
    let Submission { mut form, version } = submission.into_inner();
    form.code.clone_from(&code);
    let version: i32 = version
        .trim()
        .parse()
        .map_err(|_| WebError::BadRequest("version: missing or not a number".into()))?;
    let (status, errors, alert) = match form.parse() {
        Ok(product) => match products::update(&state.db, &code, version, &product).await {
            Ok(()) => {
                tracing::info!(user = ?identity.user.username, product = ?code, "product updated");
                let location = format!("/catalog/{code}");
                return Ok(HttpResponse::SeeOther().insert_header((header::LOCATION, location)).finish());
            }
            Err(StoreError::Conflict { field: "version", .. }) => (
                StatusCode::CONFLICT,
                Vec::new(),
                Some("Someone else saved this product after you opened it. Open it again to see their changes, then re-apply yours.".to_string()),
            ),
            Err(err) => (StatusCode::UNPROCESSABLE_ENTITY, field_errors(err)?, None),
        },
        Err(errors) => (StatusCode::UNPROCESSABLE_ENTITY, errors, None),
    };
    let heading = format!("Edit {code}");
    let page = page(
        &state,
        &identity,
        heading,
        format!("/catalog/{code}"),
        version.to_string(),
        &form,
        &errors,
        alert,
        true,
    )
    .await?;
    render_with(status, &page)
}
