//! The catalog form as the page shows it: sections of inputs, each with its value, hint and
//! error. The figures' inputs come from the domain's one list ([`Figure::ALL`]).

use askama::Template;

use crate::domain::product::{Figure, FigureGroup, PriceParameter, ProductForm, ProductKind};
use crate::domain::validation::FieldError;
use crate::i18n::Lang;
use crate::web::layout::Layout;

/// One input of the form, with its value and its error.
pub struct FieldView {
    pub name: &'static str,
    pub label: String,
    pub hint: String,
    pub value: String,
    pub error: Option<String>,
    pub options: Vec<(String, String)>,
    pub checkbox: bool,
    pub readonly: bool,
    /// The longest text the input takes.
    pub max_length: usize,
}

pub struct FormSection {
    pub title: String,
    pub fields: Vec<FieldView>,
}

/// What differs between creating and editing.
pub struct FormContext {
    pub heading: String,
    /// Where the form posts.
    pub action: String,
    /// The version the product was loaded at ("" for a new product).
    pub version: String,
    pub editing: bool,
    /// A message above the form (a save that clashed with someone else's).
    pub alert: Option<String>,
}

#[derive(Template)]
#[template(path = "catalog/form.html")]
pub struct FormPage {
    pub layout: Layout,
    pub heading: String,
    pub action: String,
    pub version: String,
    pub cancel: String,
    pub alert: Option<String>,
    pub sections: Vec<FormSection>,
    /// Some field has an error: the summary at the top lists them.
    pub has_errors: bool,
    /// An existing product: its economics and terms change through finance's approval.
    pub editing: bool,
}

impl FormPage {
    pub fn new(
        layout: Layout,
        context: FormContext,
        form: &ProductForm,
        errors: &[FieldError],
        companies: &[(String, String)],
    ) -> Self {
        let cancel = if context.editing {
            format!("/catalog/{}", form.code)
        } else {
            "/catalog".to_string()
        };
        Self {
            editing: context.editing,
            sections: sections(layout.lang, form, errors, companies, context.editing),
            heading: context.heading,
            action: context.action,
            version: context.version,
            cancel,
            alert: context.alert,
            has_errors: !errors.is_empty(),
            layout,
        }
    }
}

fn group_title(group: FigureGroup) -> &'static str {
    match group {
        FigureGroup::Economics => "form-economics",
        FigureGroup::Terms => "form-terms",
        FigureGroup::Usage => "form-usage",
    }
}

fn sections(
    lang: Lang,
    form: &ProductForm,
    errors: &[FieldError],
    companies: &[(String, String)],
    editing: bool,
) -> Vec<FormSection> {
    let error = |name: &str| {
        errors
            .iter()
            .find(|e| e.field == name)
            .map(|e| lang.message(&e.message))
    };
    // Labels and hints are message keys; an empty hint text shows no hint.
    let field =
        |name: &'static str, label: &'static str, hint: &'static str, value: &str| FieldView {
            name,
            label: lang.text(label),
            hint: if hint.is_empty() {
                String::new()
            } else {
                lang.text(hint)
            },
            value: value.to_string(),
            error: error(name),
            options: Vec::new(),
            checkbox: false,
            readonly: false,
            max_length: match name {
                "code" => 32,
                "name" => 200,
                "currency" => 3,
                _ => 40,
            },
        };
    let kinds = ProductKind::ALL
        .iter()
        .map(|k| (k.as_str().to_string(), lang.text(k.label_key())))
        .collect();
    let parameters = PriceParameter::ALL
        .iter()
        .map(|p| (p.as_str().to_string(), p.as_str().replace('_', " ")))
        .collect();
    let statuses = vec![
        ("active".into(), lang.text("status-active")),
        ("suspended".into(), lang.text("status-suspended")),
    ];
    let product = vec![
        FieldView {
            readonly: editing,
            ..field("code", "col-code", "form-code-hint", &form.code)
        },
        field("name", "col-name", "", &form.name),
        FieldView {
            options: kinds,
            ..field("kind", "catalog-kind", "", &form.kind)
        },
        field(
            "currency",
            "catalog-currency",
            "form-currency-hint",
            &form.currency,
        ),
        FieldView {
            options: companies.to_vec(),
            ..field(
                "company",
                "form-company",
                "form-company-hint",
                &form.company,
            )
        },
        FieldView {
            options: statuses,
            ..field("status", "catalog-status", "", &form.status)
        },
        FieldView {
            checkbox: true,
            ..field(
                "costs_cannot_be_reduced",
                "form-costs-fixed",
                "form-costs-fixed-hint",
                if form.costs_cannot_be_reduced.is_some() {
                    "on"
                } else {
                    ""
                },
            )
        },
        FieldView {
            options: parameters,
            ..field(
                "price_parameter",
                "product-price-parameter",
                "form-price-parameter-hint",
                &form.price_parameter,
            )
        },
        field(
            "market_price",
            "form-market-price",
            "form-market-price-hint",
            &form.market_price,
        ),
    ];
    let mut sections = vec![FormSection {
        title: lang.text("form-product"),
        fields: product,
    }];
    for group in FigureGroup::ALL {
        sections.push(FormSection {
            title: lang.text(group_title(group)),
            fields: Figure::of(group)
                .map(|f| field(f.name(), f.label_key(), f.hint_key(), form.figure(f)))
                .collect(),
        });
    }
    sections
}
