//! Rows to domain values and back: scopes, roles, figures at their unit's scale, links.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::domain::matrix::{Link, Role, Scope};
use crate::domain::product::{Figure, FigureUnit, Terms};
use crate::persistence::StoreError;
use crate::persistence::entities::{matrix_cell, matrix_link};
use crate::persistence::scaled::{AMOUNT_SCALE, RATE_SCALE, from_units, to_units};

/// Fractions at the rate scale, every other figure at the amount scale, as in `products`.
pub(super) const fn scale_of(figure: Figure) -> u32 {
    match figure.unit() {
        FigureUnit::Fraction => RATE_SCALE,
        _ => AMOUNT_SCALE,
    }
}

pub(crate) fn figure_units(figure: Figure, value: Decimal, field: &str) -> Result<i64, StoreError> {
    Ok(to_units(value, scale_of(figure), field)?)
}

pub(crate) fn figure_value(figure: Figure, units: i64) -> Decimal {
    from_units(units, scale_of(figure))
}

pub(crate) fn figure(name: &str) -> Result<Figure, StoreError> {
    Figure::from_name(name).ok_or_else(|| StoreError::Invalid(format!("unknown figure {name}")))
}

pub(super) fn scope(row: &matrix_cell::Model) -> Result<Scope, StoreError> {
    Scope::from_stored(&row.scope_kind, &row.scope_key).ok_or_else(|| {
        StoreError::Invalid(format!("matrix cell {}: scope {}", row.id, row.scope_kind))
    })
}

pub(super) fn role(name: &str) -> Result<Role, StoreError> {
    Role::parse(name).ok_or_else(|| StoreError::Invalid(format!("unknown role {name}")))
}

/// The cell figure parts, as stored in `matrix_cell_figures.part`.
pub(super) const TERMS: &str = "terms";
pub(super) const USAGE_ALONE: &str = "usage_alone";
pub(super) const USAGE_IN_BUNDLE: &str = "usage_in_bundle";

/// A link as a row's columns: kind, product, other, share, figure, value.
pub(super) type LinkColumns = (
    &'static str,
    String,
    String,
    Option<i64>,
    Option<String>,
    Option<i64>,
);

pub(super) fn link_columns(link: &Link, field: &str) -> Result<LinkColumns, StoreError> {
    Ok(match link {
        Link::LimitWithinShare {
            card,
            deposit,
            share,
        } => (
            "limit_within_share",
            card.clone(),
            deposit.clone(),
            Some(to_units(*share, RATE_SCALE, field)?),
            None,
            None,
        ),
        Link::Requires { product, needs } => {
            ("requires", product.clone(), needs.clone(), None, None, None)
        }
        Link::Excludes { first, second } => {
            ("excludes", first.clone(), second.clone(), None, None, None)
        }
        Link::ConditionalTerm {
            product,
            with,
            figure,
            value,
        } => (
            "conditional_term",
            product.clone(),
            with.clone(),
            None,
            Some(figure.name().to_owned()),
            Some(figure_units(*figure, *value, field)?),
        ),
    })
}

pub(super) fn link(row: matrix_link::Model) -> Result<Link, StoreError> {
    let bad = || StoreError::Invalid(format!("matrix link {}: {}", row.id, row.kind));
    Ok(match row.kind.as_str() {
        "limit_within_share" => Link::LimitWithinShare {
            card: row.product,
            deposit: row.other,
            share: from_units(row.share.ok_or_else(bad)?, RATE_SCALE),
        },
        "requires" => Link::Requires {
            product: row.product,
            needs: row.other,
        },
        "excludes" => Link::Excludes {
            first: row.product,
            second: row.other,
        },
        "conditional_term" => {
            let figure = figure(row.figure.as_deref().ok_or_else(bad)?)?;
            Link::ConditionalTerm {
                value: figure_value(figure, row.value.ok_or_else(bad)?),
                product: row.product,
                with: row.other,
                figure,
            }
        }
        _ => return Err(bad()),
    })
}

/// Terms from frozen `(figure, units)` rows: figures not stored stay zero.
pub(super) fn terms_from(rows: &BTreeMap<Figure, i64>) -> Terms {
    let mut terms = Terms::default();
    let (mut e, mut u) = (
        crate::domain::product::Economics::with_lifetime(Decimal::ZERO),
        crate::domain::product::Usage::default(),
    );
    for (figure, units) in rows {
        *figure.slot(&mut e, &mut terms, &mut u) = figure_value(*figure, *units);
    }
    terms
}
