//! The grid of a version: products as rows, "all points" then each sales point as columns;
//! each cell shows the role there, the terms that differ from the standalone ones and the
//! usage uplift, and whether the point sets it itself or inherits it.

use std::collections::BTreeMap;

use crate::domain::matrix::{MatrixContent, ResolvedCell, Role, Scope, resolve, uplift};
use crate::domain::product::{CatalogProduct, Figure, FigureUnit, Terms};
use crate::i18n::Lang;
use crate::web::format::{money, percent, plain};

pub struct GridRow {
    pub code: String,
    pub name: String,
    pub cells: Vec<GridCell>,
}

pub struct GridCell {
    /// The scope the editor opens on (`all` or `point:MSK-HO`).
    pub scope: String,
    pub role_key: &'static str,
    /// Set by this column's own cell (else inherited from a broader scope).
    pub own: bool,
    pub terms: Vec<String>,
    pub uplifts: Vec<String>,
    /// Where an inherited role comes from, when that is a group ("group format:kko").
    pub source: Option<String>,
    /// Cells that disagree here.
    pub problem: Option<String>,
}

pub fn role_key(role: Role) -> &'static str {
    match role {
        Role::Main => "matrix-role-main",
        Role::AddOn => "matrix-role-add_on",
        Role::MainOrAddOn => "matrix-role-main_or_add_on",
        Role::NotOffered => "matrix-role-not_offered",
    }
}

/// A figure's value as its unit reads ("0 ₽", "13.5 %", "48").
pub fn figure_text(
    lang: Lang,
    figure: Figure,
    product: &CatalogProduct,
    value: rust_decimal::Decimal,
) -> String {
    match figure.unit() {
        FigureUnit::Money => money(lang, value, product.currency),
        FigureUnit::Fraction => percent(lang, value),
        _ => plain(lang, value),
    }
}

/// Rows for the products the version names, in catalog order.
pub fn rows(
    lang: Lang,
    content: &MatrixContent,
    products: &[&CatalogProduct],
    standalone: &BTreeMap<String, Terms>,
    points: &[crate::domain::bank::SalesPoint],
) -> Vec<GridRow> {
    products
        .iter()
        .map(|product| {
            let cells = content.cells_of(&product.code);
            let terms = standalone.get(&product.code).unwrap_or(&product.terms);
            let bank_wide = cells.iter().find(|(s, _)| *s == Scope::AllPoints);
            let mut row = vec![GridCell {
                scope: Scope::AllPoints.key(),
                role_key: role_key(
                    bank_wide
                        .and_then(|(_, p)| p.role)
                        .unwrap_or(Role::NotOffered),
                ),
                own: bank_wide.is_some(),
                terms: Vec::new(),
                uplifts: Vec::new(),
                source: None,
                problem: None,
            }];
            if let Some((_, patch)) = bank_wide {
                let as_resolved =
                    resolve(&[(Scope::AllPoints, patch.clone())], &points_place_any());
                if let Ok(resolved) = as_resolved {
                    describe(lang, product, terms, &resolved, &mut row[0]);
                }
            }
            for point in points {
                let place = point.place();
                let mut cell = GridCell {
                    scope: Scope::Point(point.code.clone()).key(),
                    role_key: role_key(Role::NotOffered),
                    own: cells
                        .iter()
                        .any(|(s, _)| *s == Scope::Point(point.code.clone())),
                    terms: Vec::new(),
                    uplifts: Vec::new(),
                    source: None,
                    problem: None,
                };
                match resolve(&cells, &place) {
                    Ok(resolved) => {
                        cell.role_key = role_key(resolved.role);
                        if let Some(Scope::Group(group)) = resolved.from.get("role") {
                            cell.source = Some(
                                lang.message(
                                    &crate::domain::message::Message::new("matrix-group")
                                        .with("group", group),
                                ),
                            );
                        }
                        // What a product not offered here would cost is beside the point.
                        if resolved.role != Role::NotOffered {
                            describe(lang, product, terms, &resolved, &mut cell);
                        }
                    }
                    Err(e) => cell.problem = Some(lang.message(&e.message())),
                }
                row.push(cell);
            }
            GridRow {
                code: product.code.clone(),
                name: product.name.clone(),
                cells: row,
            }
        })
        .collect()
}

/// A place no group or point cell reaches: the bank-wide cell alone.
fn points_place_any() -> crate::domain::matrix::PointPlace {
    crate::domain::matrix::PointPlace {
        code: String::new(),
        groups: Vec::new(),
        opens: crate::domain::setup::OpenableKinds::All,
    }
}

fn describe(
    lang: Lang,
    product: &CatalogProduct,
    standalone: &Terms,
    resolved: &ResolvedCell,
    cell: &mut GridCell,
) {
    let economics = product.economics;
    for (figure, value) in &resolved.terms {
        let before = figure.get(&economics, standalone, &product.usage);
        if before != *value {
            cell.terms.push(format!(
                "{}: {} ({})",
                lang.text(figure.label_key()),
                figure_text(lang, *figure, product, *value),
                figure_text(lang, *figure, product, before)
            ));
        }
    }
    for (figure, in_bundle) in &resolved.usage_in_bundle {
        let alone = resolved
            .usage_alone
            .get(figure)
            .copied()
            .unwrap_or_else(|| figure.get(&economics, standalone, &product.usage));
        if let Some(up) = uplift(alone, *in_bundle).filter(|u| !u.is_zero()) {
            let sign = if up.is_sign_positive() { "+" } else { "" };
            cell.uplifts.push(format!(
                "{} {sign}{}",
                lang.text(figure.label_key()),
                percent(lang, up.round_dp(4))
            ));
        }
    }
}
