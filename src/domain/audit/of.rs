//! What each kind of object looks like in the audit trail: its values as named texts, so that
//! two versions compare field by field. Figures keep their exact decimal text.

use super::Fields;
use crate::domain::matrix::{Link, MatrixContent};
use crate::domain::product::{CatalogProduct, Figure};

/// A catalog product: its identity, status, price anchor and every figure.
pub fn product(p: &CatalogProduct) -> Fields {
    let mut fields = Fields::new()
        .with("name", &p.name)
        .with("kind", p.kind.as_str())
        .with("currency", p.currency)
        .with("company", &p.company)
        .with("status", p.status.as_str())
        .with("costs_cannot_be_reduced", p.costs_cannot_be_reduced)
        .with("price_parameter", p.price_parameter.as_str())
        .with("market_price", p.market_price.normalize());
    for figure in Figure::ALL {
        // As typed, without the store's trailing zeros: 0.13, not 0.13000000.
        let value = figure.get(&p.economics, &p.terms, &p.usage).normalize();
        fields = fields.with(figure.name(), value);
    }
    fields
}

/// A segment, with its rule in the rule language.
pub fn segment(
    name: &str,
    description: &str,
    priority: i32,
    sales_point: Option<&str>,
    rule: &str,
    active: bool,
) -> Fields {
    Fields::new()
        .with("name", name)
        .with("description", description)
        .with("priority", priority)
        .with("sales_point", sales_point.unwrap_or("all"))
        .with("rule", rule)
        .with("active", active)
}

/// A matrix version's content: one field per cell value (`DEP_PLUS @ point:MSK-HO · take_up`),
/// one per link, and the package fee. An edit of one cell shows as that cell's fields alone.
pub fn matrix(content: &MatrixContent) -> Fields {
    let mut fields =
        Fields::new().with_optional("package_fee", content.package_fee.map(|f| f.normalize()));
    for cell in &content.cells {
        let at = format!("{} @ {}", cell.product, cell.scope.key());
        for (name, value) in cell.patch.values() {
            fields = fields.with(format!("{at} · {name}"), value);
        }
    }
    for link in &content.links {
        fields = fields.with(format!("link · {}", link_text(link)), "yes");
    }
    fields
}

/// A link in a notation without words, the same in every language.
pub fn link_text(link: &Link) -> String {
    match link {
        Link::LimitWithinShare {
            card,
            deposit,
            share,
        } => format!("limit({card}) ≤ {} × amount({deposit})", share.normalize()),
        Link::Requires { product, needs } => format!("{product} requires {needs}"),
        Link::Excludes { first, second } => format!("{first} excludes {second}"),
        Link::ConditionalTerm {
            product,
            with,
            figure,
            value,
        } => format!(
            "{product}.{} = {} with {with}",
            figure.name(),
            value.normalize()
        ),
    }
}
