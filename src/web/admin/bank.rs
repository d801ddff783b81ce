//! The bank's set-up for administrators: the first-run form (the bank and its first sales
//! point), then the bank's details and its group's companies.

use std::collections::BTreeMap;

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::points::{PointFields, point_form};
use crate::domain::setup::{
    BankDetails, BankForm, Company, CompanyKind, PointFormat, SalesPointDraft,
};
use crate::domain::validation::FieldError;
use crate::persistence::StoreError;
use crate::persistence::setup as store;
use crate::service::setup as service;
use crate::web::error::WebError;
use crate::web::identity::Identity;
use crate::web::layout::{Layout, Section};
use crate::web::pages::{render, render_with};
use crate::web::state::AppState;

/// Errors by field name, translated.
pub type FieldMessages = BTreeMap<String, String>;

pub fn messages(identity: &Identity, errors: &[FieldError]) -> FieldMessages {
    let mut out = FieldMessages::new();
    for e in errors {
        out.entry(e.field.clone())
            .or_insert_with(|| identity.language.message(&e.message));
    }
    out
}

fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location.to_owned()))
        .finish()
}

#[derive(Deserialize, Default, Clone)]
pub struct BankFields {
    #[serde(default)]
    name: String,
    #[serde(default)]
    reporting_currency: String,
    #[serde(default)]
    legal_name: String,
    #[serde(default)]
    address: String,
    #[serde(default)]
    tax_id: String,
    #[serde(default)]
    licence: String,
    #[serde(default)]
    phone: String,
}

impl BankFields {
    fn form(&self) -> BankForm {
        BankForm {
            name: self.name.clone(),
            reporting_currency: self.reporting_currency.clone(),
            legal_name: self.legal_name.clone(),
            address: self.address.clone(),
            tax_id: self.tax_id.clone(),
            licence: self.licence.clone(),
            phone: self.phone.clone(),
        }
    }

    fn of(bank: &BankDetails) -> Self {
        Self {
            name: bank.name.clone(),
            reporting_currency: bank.reporting_currency.to_string(),
            legal_name: bank.legal.legal_name.clone(),
            address: bank.legal.address.clone(),
            tax_id: bank.legal.tax_id.clone(),
            licence: bank.legal.licence.clone(),
            phone: bank.legal.phone.clone(),
        }
    }
}

/// The first-run form: the bank, then its first sales point, in one submission.
#[derive(Deserialize, Default)]
pub struct SetupFields {
    #[serde(flatten)]
    bank: BankFields,
    #[serde(default)]
    point_code: String,
    #[serde(default)]
    point_name: String,
    #[serde(default)]
    point_city: String,
    #[serde(default)]
    point_region: String,
    #[serde(default)]
    point_format: String,
    #[serde(default)]
    point_branch_cost_per_minute: String,
    #[serde(default)]
    point_visit_overhead_minutes: String,
    #[serde(default)]
    point_visit_limit_minutes: String,
}

impl SetupFields {
    fn point(&self) -> PointFields {
        PointFields {
            code: self.point_code.clone(),
            name: self.point_name.clone(),
            city: self.point_city.clone(),
            region: self.point_region.clone(),
            format: self.point_format.clone(),
            branch_cost_per_minute: self.point_branch_cost_per_minute.clone(),
            visit_overhead_minutes: self.point_visit_overhead_minutes.clone(),
            visit_limit_minutes: self.point_visit_limit_minutes.clone(),
            kinds: Vec::new(),
        }
    }
}

#[derive(Template)]
#[template(path = "admin/setup.html")]
struct SetupPage {
    layout: Layout,
    bank: BankFields,
    point: PointFields,
    formats: Vec<(&'static str, String)>,
    errors: FieldMessages,
}

impl SetupPage {
    fn error(&self, field: &str) -> Option<&String> {
        self.errors.get(field)
    }
}

fn formats(identity: &Identity) -> Vec<(&'static str, String)> {
    PointFormat::ALL
        .into_iter()
        .map(|f| (f.as_str(), identity.language.text(format_key(f))))
        .collect()
}

pub const fn format_key(format: PointFormat) -> &'static str {
    match format {
        PointFormat::HeadOffice => "format-head_office",
        PointFormat::Branch => "format-branch",
        PointFormat::CreditCashOffice => "format-credit_cash_office",
        PointFormat::OperationsOffice => "format-operations_office",
        PointFormat::Remote => "format-remote",
    }
}

/// `GET /admin/setup`: the first-run form, or the bank's page once it is set up.
pub async fn setup_form(
    identity: Identity,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    if store::bank_details(&state.db).await?.is_some() {
        return Ok(see_other("/admin/bank"));
    }
    let bank = BankFields {
        reporting_currency: "RUB".into(),
        ..BankFields::default()
    };
    let point = PointFields {
        format: "head_office".into(),
        visit_overhead_minutes: "15".into(),
        ..PointFields::default()
    };
    render(&SetupPage {
        layout: Layout::new(
            identity.language.text("setup-title"),
            Some(&identity),
            Section::Bank,
        ),
        formats: formats(&identity),
        bank,
        point,
        errors: FieldMessages::new(),
    })
}

/// `POST /admin/setup`: both checked before either is stored.
pub async fn setup(
    identity: Identity,
    state: web::Data<AppState>,
    form: web::Form<SetupFields>,
) -> Result<HttpResponse, WebError> {
    let form = form.into_inner();
    if store::bank_details(&state.db).await?.is_some() {
        return Ok(see_other("/admin/bank"));
    }
    let point = form.point();
    let bank = BankDetails::parse(&form.bank.form());
    let draft = SalesPointDraft::parse(&point_form(&point, true));
    let (bank, draft) = match (bank, draft) {
        (Ok(bank), Ok(draft)) => (bank, draft),
        (bank, draft) => {
            let mut errors = messages(&identity, bank.err().as_deref().unwrap_or_default());
            for (field, message) in messages(&identity, draft.err().as_deref().unwrap_or_default())
            {
                errors.insert(format!("point_{field}"), message);
            }
            return render_with(
                StatusCode::UNPROCESSABLE_ENTITY,
                &SetupPage {
                    layout: Layout::new(
                        identity.language.text("setup-title"),
                        Some(&identity),
                        Section::Bank,
                    ),
                    formats: formats(&identity),
                    bank: form.bank,
                    point,
                    errors,
                },
            );
        }
    };
    let author = identity.author();
    service::save_bank(&state.db, &bank, &author).await?;
    service::add_point(&state.db, &draft, &author).await?;
    tracing::info!(admin = ?identity.user.username, bank = %bank.name, point = %draft.code, "bank set up");
    Ok(see_other("/admin/sales-points?done=set-up"))
}

#[derive(Template)]
#[template(path = "admin/bank.html")]
struct BankPage {
    layout: Layout,
    bank: BankFields,
    companies: Vec<(Company, u64)>,
    kinds: Vec<(&'static str, String)>,
    company_code: String,
    company_name: String,
    company_kind: String,
    errors: FieldMessages,
    notice: Option<String>,
}

impl BankPage {
    fn error(&self, field: &str) -> Option<&String> {
        self.errors.get(field)
    }

    fn kind_label(&self, kind: &CompanyKind) -> String {
        self.layout.t(company_kind_key(*kind))
    }
}

const fn company_kind_key(kind: CompanyKind) -> &'static str {
    match kind {
        CompanyKind::Bank => "company-kind-bank",
        CompanyKind::Insurance => "company-kind-insurance",
        CompanyKind::Funds => "company-kind-funds",
        CompanyKind::Brokerage => "company-kind-brokerage",
        CompanyKind::Other => "company-kind-other",
    }
}

async fn bank_page(
    state: &AppState,
    identity: &Identity,
    bank: Option<BankFields>,
    company: (String, String, String),
    errors: FieldMessages,
    notice: Option<String>,
) -> Result<BankPage, WebError> {
    let bank = match bank {
        Some(bank) => bank,
        None => store::bank_details(&state.db)
            .await?
            .as_ref()
            .map(BankFields::of)
            .unwrap_or_default(),
    };
    Ok(BankPage {
        layout: Layout::new(
            identity.language.text("bank-title"),
            Some(identity),
            Section::Bank,
        ),
        bank,
        companies: store::companies(&state.db).await?,
        kinds: CompanyKind::ALL
            .into_iter()
            .map(|k| (k.as_str(), identity.language.text(company_kind_key(k))))
            .collect(),
        company_code: company.0,
        company_name: company.1,
        company_kind: company.2,
        errors,
        notice,
    })
}

#[derive(Deserialize)]
pub struct Done {
    done: Option<String>,
}

/// `GET /admin/bank`
pub async fn show(
    identity: Identity,
    state: web::Data<AppState>,
    query: web::Query<Done>,
) -> Result<HttpResponse, WebError> {
    if store::bank_details(&state.db).await?.is_none() {
        return Ok(see_other("/admin/setup"));
    }
    let notice = match query.done.as_deref() {
        Some("bank") => Some(identity.language.text("bank-saved")),
        Some("company") => Some(identity.language.text("company-saved")),
        _ => None,
    };
    let page = bank_page(
        &state,
        &identity,
        None,
        Default::default(),
        FieldMessages::new(),
        notice,
    )
    .await?;
    render(&page)
}

/// `POST /admin/bank`: the bank's name, currency (while nothing is priced) and legal details.
pub async fn update(
    identity: Identity,
    state: web::Data<AppState>,
    form: web::Form<BankFields>,
) -> Result<HttpResponse, WebError> {
    let form = form.into_inner();
    let errors = match BankDetails::parse(&form.form()) {
        Ok(bank) => match service::save_bank(&state.db, &bank, &identity.author()).await {
            Ok(_) => return Ok(see_other("/admin/bank?done=bank")),
            Err(StoreError::InvalidField { field, message }) => {
                [(field, identity.language.message(&message))]
                    .into_iter()
                    .collect()
            }
            Err(other) => return Err(other.into()),
        },
        Err(errors) => messages(&identity, &errors),
    };
    let page = bank_page(
        &state,
        &identity,
        Some(form),
        Default::default(),
        errors,
        None,
    )
    .await?;
    render_with(StatusCode::UNPROCESSABLE_ENTITY, &page)
}

#[derive(Deserialize)]
pub struct CompanyFields {
    #[serde(default, rename = "company_code")]
    code: String,
    #[serde(default, rename = "company_name")]
    name: String,
    #[serde(default, rename = "company_kind")]
    kind: String,
}

/// `POST /admin/companies`: adds a company, or changes the one with that code.
pub async fn save_company(
    identity: Identity,
    state: web::Data<AppState>,
    form: web::Form<CompanyFields>,
) -> Result<HttpResponse, WebError> {
    let form = form.into_inner();
    match Company::parse(&form.code, &form.name, &form.kind) {
        Ok(company) => {
            service::save_company(&state.db, &company, &identity.author()).await?;
            Ok(see_other("/admin/bank?done=company"))
        }
        Err(errors) => {
            let errors = messages(&identity, &errors)
                .into_iter()
                .map(|(field, message)| (format!("company_{field}"), message))
                .collect();
            let page = bank_page(
                &state,
                &identity,
                None,
                (form.code, form.name, form.kind),
                errors,
                None,
            )
            .await?;
            render_with(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
    }
}
