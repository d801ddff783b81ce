//! The sections of an evaluation document: the bank, the product catalog, and the sales
//! (standalone or bundle terms and usage).

use crate::domain::message::Message;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde_json::Value;

use super::document::{Bank, ProductSpec, Sale};
use super::reader::{Obj, describe, join};
use crate::domain::money::Currency;
use crate::domain::product::{Economics, ProductKind, Terms, Usage};
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
const PRODUCT: &[&str] = &[
    "kind",
    "currency",
    "costs_reducible",
    "ftp_rate",
    "reserve_ratio",
    "interchange_rate",
    "expected_loss_rate",
    "servicing_cost",
    "cost_per_transaction",
    "partner_commission",
    "issuance_cost",
    "acquisition_cost",
    "lifetime_years",
    "opening_minutes",
    "overhead_rate",
];

const TERMS: &[&str] = &[
    "monthly_fee",
    "annual_fee",
    "setup_fee",
    "transaction_fee",
    "client_rate",
];
const USAGE: &[&str] = &["avg_balance", "annual_spend", "transactions"];

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
    let p = Obj::open(value, path.clone(), PRODUCT, errors)?;
    let kind = p.parsed::<ProductKind>("kind", true, errors);
    let currency = p
        .parsed::<Currency>("currency", false, errors)
        .unwrap_or(bank_currency);
    let costs_reducible = p.optional_bool("costs_reducible", errors).unwrap_or(true);
    let lifetime = p.decimal("lifetime_years", errors);
    // A stand-in lifetime lets the other fields still be checked when it is missing.
    let mut e = Economics::with_lifetime(lifetime.unwrap_or(Decimal::ONE));
    for (key, field) in [
        ("ftp_rate", &mut e.ftp_rate),
        ("reserve_ratio", &mut e.reserve_ratio),
        ("interchange_rate", &mut e.interchange_rate),
        ("expected_loss_rate", &mut e.expected_loss_rate),
        ("servicing_cost", &mut e.servicing_cost),
        ("cost_per_transaction", &mut e.cost_per_transaction),
        ("partner_commission", &mut e.partner_commission),
        ("issuance_cost", &mut e.issuance_cost),
        ("acquisition_cost", &mut e.acquisition_cost),
        ("opening_minutes", &mut e.opening_minutes),
        ("overhead_rate", &mut e.overhead_rate),
    ] {
        p.decimal_into(key, field, errors);
    }
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
        let mut terms = Terms::default();
        if let Some(t) = sale
            .map
            .get("terms")
            .and_then(|v| Obj::open(v, sale.at("terms"), TERMS, errors))
        {
            for (key, field) in [
                ("monthly_fee", &mut terms.monthly_fee),
                ("annual_fee", &mut terms.annual_fee),
                ("setup_fee", &mut terms.setup_fee),
                ("transaction_fee", &mut terms.transaction_fee),
                ("client_rate", &mut terms.client_rate),
            ] {
                t.decimal_into(key, field, errors);
            }
            if let Err(invalid) = terms.validate() {
                errors.extend(invalid.into_iter().map(|err| err.under(&t.path)));
            }
        }
        let mut usage = Usage::default();
        if let Some(u) = sale
            .map
            .get("usage")
            .and_then(|v| Obj::open(v, sale.at("usage"), USAGE, errors))
        {
            u.decimal_into("avg_balance", &mut usage.avg_balance, errors);
            u.decimal_into("annual_spend", &mut usage.annual_spend, errors);
            u.decimal_into("transactions", &mut usage.transactions, errors);
            if let Err(invalid) = usage.validate() {
                errors.extend(invalid.into_iter().map(|err| err.under(&u.path)));
            }
        }
        if let Some(i) = index {
            sales.push((i, Sale { terms, usage }));
        }
    }
    sales
}
