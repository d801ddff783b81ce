//! The sections of an evaluation document: the bank, the product catalog, and the sales
//! (standalone or bundle terms and usage).

use crate::domain::message::Message;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde_json::Value;

use super::document::{Bank, ProductSpec, Sale};
use super::reader::{Obj, describe, join};
use crate::domain::money::Currency;
use crate::domain::product::{Economics, Figure, FigureGroup, ProductKind, Terms, Usage};
use crate::domain::profitability::{BundleParams, SalesPointCosts};
use crate::domain::validation::FieldErrors;

const BANK: &[&str] = &[
    "currency",
    "branch_cost_per_minute",
    "visit_overhead_minutes",
    "bundle_lifetime_years",
    "bundle_overhead_rate",
    "target_margin",
    "visit_limit_minutes",
    "addon_anchor_threshold",
];
/// The keys of a product: these, and its economics figures.
const PRODUCT_KEYS: &[&str] = &["kind", "currency", "costs_reducible"];

/// The keys an object of `group`'s figures may have (plus `extra`).
fn keys_of(group: FigureGroup, extra: &[&'static str]) -> Vec<&'static str> {
    extra
        .iter()
        .copied()
        .chain(Figure::of(group).map(Figure::name))
        .collect()
}

/// Reads every figure of `group` that `object` has into the product's parts, but the lifetime:
/// it is required, and read on its own.
fn read_figures(
    object: &Obj<'_>,
    group: FigureGroup,
    parts: (&mut Economics, &mut Terms, &mut Usage),
    errors: &mut FieldErrors,
) {
    let (e, t, u) = parts;
    for figure in Figure::of(group).filter(|f| *f != Figure::LifetimeYears) {
        object.decimal_into(figure.name(), figure.slot(e, t, u), errors);
    }
}

pub(super) fn parse_bank(value: &Value, errors: &mut FieldErrors) -> Option<Bank> {
    let bank = Obj::open(value, "bank".into(), BANK, errors)?;
    let before = errors.len();
    let currency = bank.parsed::<Currency>("currency", true, errors);
    let point = SalesPointCosts {
        branch_cost_per_minute: bank
            .decimal("branch_cost_per_minute", errors)
            .unwrap_or_default(),
        visit_overhead_minutes: bank
            .decimal("visit_overhead_minutes", errors)
            .unwrap_or_default(),
        visit_limit_minutes: bank
            .optional_decimal("visit_limit_minutes", errors)
            .ok()
            .flatten(),
    };
    let params = BundleParams {
        lifetime_years: bank
            .decimal("bundle_lifetime_years", errors)
            .unwrap_or(Decimal::ONE),
        overhead_rate: bank
            .decimal("bundle_overhead_rate", errors)
            .unwrap_or_default(),
        target_margin: bank.decimal("target_margin", errors).unwrap_or_default(),
    };
    let mut threshold = dec!(0.25);
    bank.decimal_into("addon_anchor_threshold", &mut threshold, errors);

    let mut range = FieldErrors::default();
    range.non_negative("branch_cost_per_minute", point.branch_cost_per_minute);
    range.non_negative("visit_overhead_minutes", point.visit_overhead_minutes);
    if let Some(limit) = point.visit_limit_minutes {
        range.non_negative("visit_limit_minutes", limit);
    }
    range.positive("bundle_lifetime_years", params.lifetime_years);
    range.fraction("bundle_overhead_rate", params.overhead_rate);
    range.fraction("target_margin", params.target_margin);
    if params.target_margin == Decimal::ONE {
        range.push("target_margin", Message::new("target-margin-below-one"));
    }
    range.fraction("addon_anchor_threshold", threshold);
    errors.extend(range.into_vec().into_iter().map(|e| e.under("bank")));
    (errors.len() == before).then_some(Bank {
        currency: currency?,
        point,
        bundle: params,
        addon_anchor_threshold: threshold,
    })
}

/// Every declared code (so later sections can refer to a product even when its definition has
/// errors, without a cascade of "unknown product" errors), with its spec when it parsed.
pub(super) fn parse_products(
    value: &Value,
    bank_currency: Currency,
    errors: &mut FieldErrors,
) -> Vec<(String, Option<ProductSpec>)> {
    let Value::Object(products) = value else {
        errors.push(
            "products",
            Message::new("json-not-product-map").with("found", describe(value)),
        );
        return Vec::new();
    };
    products
        .iter()
        .map(|(code, value)| {
            (
                code.clone(),
                parse_product(code, value, bank_currency, errors),
            )
        })
        .collect()
}

fn parse_product(
    code: &str,
    value: &Value,
    bank_currency: Currency,
    errors: &mut FieldErrors,
) -> Option<ProductSpec> {
    let path = join("products", code);
    if !valid_code(code) {
        errors.push(&path, Message::new("json-bad-product-code"));
        return None;
    }
    let p = Obj::open(
        value,
        path.clone(),
        &keys_of(FigureGroup::Economics, PRODUCT_KEYS),
        errors,
    )?;
    let kind = p.parsed::<ProductKind>("kind", true, errors);
    let currency = p
        .parsed::<Currency>("currency", false, errors)
        .unwrap_or(bank_currency);
    let costs_reducible = p.optional_bool("costs_reducible", errors).unwrap_or(true);
    let lifetime = p.decimal(Figure::LifetimeYears.name(), errors);
    // A stand-in lifetime lets the other fields still be checked when it is missing.
    let mut e = Economics::with_lifetime(lifetime.unwrap_or(Decimal::ONE));
    read_figures(
        &p,
        FigureGroup::Economics,
        (&mut e, &mut Terms::default(), &mut Usage::default()),
        errors,
    );
    if let Err(invalid) = e.validate() {
        errors.extend(invalid.into_iter().map(|err| err.under(&path)));
    }
    lifetime?;
    Some(ProductSpec {
        code: code.to_owned(),
        kind: kind?,
        currency,
        economics: e,
        costs_reducible,
    })
}

fn valid_code(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= 64
        && code
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// `standalone` or `bundle`: product code → { terms, usage }.
pub(super) fn parse_sales(
    value: &Value,
    section: &str,
    codes: &[&str],
    errors: &mut FieldErrors,
) -> Vec<(usize, Sale)> {
    let Value::Object(map) = value else {
        errors.push(
            section,
            Message::new("json-not-product-map").with("found", describe(value)),
        );
        return Vec::new();
    };
    let mut sales = Vec::with_capacity(map.len());
    for (code, value) in map {
        let path = join(section, code);
        let index = codes.iter().position(|c| c == code);
        if index.is_none() {
            errors.push(&path, Message::new("json-unknown-product"));
        }
        let Some(sale) = Obj::open(value, path, &["terms", "usage"], errors) else {
            continue;
        };
        let (mut terms, mut usage) = (Terms::default(), Usage::default());
        for (key, group) in [("terms", FigureGroup::Terms), ("usage", FigureGroup::Usage)] {
            let Some(part) = sale
                .map
                .get(key)
                .and_then(|v| Obj::open(v, sale.at(key), &keys_of(group, &[]), errors))
            else {
                continue;
            };
            let mut unused = Economics::with_lifetime(Decimal::ONE);
            read_figures(&part, group, (&mut unused, &mut terms, &mut usage), errors);
            let invalid = match group {
                FigureGroup::Terms => terms.validate(),
                _ => usage.validate(),
            };
            if let Err(invalid) = invalid {
                errors.extend(invalid.into_iter().map(|err| err.under(&part.path)));
            }
        }
        if let Some(i) = index {
            sales.push((i, Sale { terms, usage }));
        }
    }
    sales
}
