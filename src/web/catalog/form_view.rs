//! The catalog form as the page shows it: sections of inputs, each with its value, hint and
//! error. The figures' inputs come from the domain's one list ([`Figure::ALL`]).

use askama::Template;

use crate::domain::product::{Figure, FigureGroup, PriceParameter, ProductForm, ProductKind};
use crate::domain::validation::FieldError;
use crate::web::layout::Layout;

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
            layout,
            sections: sections(form, errors, companies, context.editing),
            heading: context.heading,
            action: context.action,
            version: context.version,
            cancel,
            alert: context.alert,
        }
    }
}

fn group_title(group: FigureGroup) -> &'static str {
    match group {
        FigureGroup::Economics => "Economics",
        FigureGroup::Terms => "Standalone terms",
        FigureGroup::Usage => "Usage of a typical client",
    }
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
    let field =
        |name: &'static str, label: &'static str, hint: &'static str, value: &str| FieldView {
            name,
            label,
            hint,
            value: value.to_string(),
            error: error(name),
            options: Vec::new(),
            checkbox: false,
            readonly: false,
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
    let product = vec![
        FieldView {
            readonly: editing,
            ..field(
                "code",
                "Code",
                "capital letters, digits, _; cannot change later",
                &form.code,
            )
        },
        field("name", "Name", "", &form.name),
        FieldView {
            options: kinds,
            ..field("kind", "Kind", "", &form.kind)
        },
        field(
            "currency",
            "Currency",
            "ISO code: RUB, EUR, USD …",
            &form.currency,
        ),
        FieldView {
            options: companies.to_vec(),
            ..field(
                "company",
                "Owner company",
                "the group member that books it",
                &form.company,
            )
        },
        FieldView {
            options: statuses,
            ..field("status", "Status", "", &form.status)
        },
        FieldView {
            checkbox: true,
            ..field(
                "costs_cannot_be_reduced",
                "Costs cannot be reduced",
                "finance's judgement; used by the suspension rule",
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
                "Price parameter",
                "the term clients compare across banks",
                &form.price_parameter,
            )
        },
        field(
            "market_price",
            "Market price",
            "of the price parameter; a rate as a fraction",
            &form.market_price,
        ),
    ];
    let mut sections = vec![FormSection {
        title: "Product",
        fields: product,
    }];
    for group in FigureGroup::ALL {
        sections.push(FormSection {
            title: group_title(group),
            fields: Figure::of(group)
                .map(|f| field(f.name(), f.label(), f.hint(), form.figure(f)))
                .collect(),
        });
    }
    sections
}
