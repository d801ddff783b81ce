//! The evaluation document (see `examples/worked-example.json`) parsed into domain inputs.
//!
//! Once a [`Document`] exists every figure in it is valid: parse, don't validate.

use crate::domain::message::Message;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::Value;

use super::reader::{Obj, date, decimal, describe, join};
use super::sections::{parse_bank, parse_products, parse_sales};
use crate::domain::money::{Currency, ExchangeRates};
use crate::domain::product::{Economics, ProductKind, Terms, Usage};
use crate::domain::profitability::{BundleParams, SalesPointCosts};
use crate::domain::validation::{FieldError, FieldErrors};

/// Bank-level constants: the sales point, the bundle's economics, the thresholds.
#[derive(Debug, Clone)]
pub struct Bank {
    pub currency: Currency,
    pub point: SalesPointCosts,
    pub bundle: BundleParams,
    pub addon_anchor_threshold: Decimal,
}

#[derive(Debug, Clone)]
pub struct ProductSpec {
    pub code: String,
    pub kind: ProductKind,
    pub currency: Currency,
    pub economics: Economics,
    /// Whether finance believes the product's costs can still be cut (suspension rule).
    /// Defaults to `true`: suspension is only recommended when someone says they can't.
    pub costs_reducible: bool,
}

/// Terms and usage of one product in one selling context.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sale {
    pub terms: Terms,
    pub usage: Usage,
}

#[derive(Debug, Clone)]
pub struct Document {
    pub bank: Bank,
    /// In the order the `Value` yields them.
    pub products: Vec<ProductSpec>,
    /// `standalone[i]` belongs to `products[i]`.
    pub standalone: Vec<Sale>,
    /// Bundle positions as (index into `products`, sale); empty when there is no bundle.
    pub bundle: Vec<(usize, Sale)>,
    /// Index into `bundle` of the main product.
    pub bundle_main: usize,
    pub rates: ExchangeRates,
    pub valuation_date: Option<NaiveDate>,
}

const TOP: &[&str] = &[
    "bank",
    "products",
    "standalone",
    "bundle",
    "bundle_main",
    "exchange_rates",
    "valuation_date",
    "expected",
];
/// Parses and validates a whole document, reporting every problem by JSON path.
///
/// # Errors
/// Every malformed, missing, unknown or out-of-range field.
pub fn parse_document(doc: &Value) -> Result<Document, Vec<FieldError>> {
    let mut errors = FieldErrors::default();
    let top =
        Obj::open(doc, String::new(), TOP, &mut errors).ok_or_else(|| errors_now(&mut errors))?;
    let bank = top
        .required("bank", &mut errors)
        .and_then(|v| parse_bank(v, &mut errors));
    let bank_currency = bank.as_ref().map_or(Currency::RUB, |b| b.currency);
    let declared = top
        .required("products", &mut errors)
        .map(|v| parse_products(v, bank_currency, &mut errors))
        .unwrap_or_default();
    let codes: Vec<&str> = declared.iter().map(|(code, _)| code.as_str()).collect();
    let standalone_sales = top
        .required("standalone", &mut errors)
        .map(|v| parse_sales(v, "standalone", &codes, &mut errors));
    let mut standalone = vec![Sale::default(); codes.len()];
    let mut seen = vec![false; codes.len()];
    for (i, sale) in standalone_sales.unwrap_or_default() {
        standalone[i] = sale;
        seen[i] = true;
    }
    if top.map.contains_key("standalone") {
        for (i, _) in seen.iter().enumerate().filter(|(_, seen)| !**seen) {
            errors.push(
                join("standalone", codes[i]),
                Message::new("json-standalone-missing"),
            );
        }
    }
    let bundle = top
        .map
        .get("bundle")
        .map(|v| parse_sales(v, "bundle", &codes, &mut errors))
        .unwrap_or_default();
    let bundle_main = parse_main(&top, &bundle, &codes, &mut errors);

    let mut rates = ExchangeRates::new(bank_currency);
    if let Some(list) = top.map.get("exchange_rates") {
        parse_rates(list, &mut rates, &mut errors);
    }
    let valuation_date = match top.map.get("valuation_date") {
        Some(v) => date(v, "valuation_date", &mut errors),
        None => rates.latest_date(),
    };

    errors.into_result()?;
    // No errors means every part parsed; the fallbacks only guard against a reader bug.
    let bank =
        bank.ok_or_else(|| vec![FieldError::new("bank", Message::new("json-unreadable"))])?;
    let products: Vec<ProductSpec> = declared.into_iter().filter_map(|(_, spec)| spec).collect();
    if products.len() != standalone.len() {
        return Err(vec![FieldError::new(
            "products",
            Message::new("json-unreadable"),
        )]);
    }
    Ok(Document {
        bank,
        products,
        standalone,
        bundle,
        bundle_main,
        rates,
        valuation_date,
    })
}

fn errors_now(errors: &mut FieldErrors) -> Vec<FieldError> {
    std::mem::take(errors).into_vec()
}

fn parse_main(
    top: &Obj<'_>,
    bundle: &[(usize, Sale)],
    codes: &[&str],
    errors: &mut FieldErrors,
) -> usize {
    let Some(main) = top.optional_str("bundle_main", errors) else {
        return 0;
    };
    match bundle.iter().position(|(i, _)| codes[*i] == main) {
        Some(position) => position,
        None => {
            errors.push(
                "bundle_main",
                Message::new("json-main-not-in-bundle").with("code", format!("{main:?}")),
            );
            0
        }
    }
}

fn parse_rates(value: &Value, rates: &mut ExchangeRates, errors: &mut FieldErrors) {
    let Value::Array(list) = value else {
        errors.push(
            "exchange_rates",
            Message::new("json-not-rate-list").with("found", describe(value)),
        );
        return;
    };
    for (i, entry) in list.iter().enumerate() {
        let Some(e) = Obj::open(
            entry,
            format!("exchange_rates[{i}]"),
            &["date", "currency", "rate"],
            errors,
        ) else {
            continue;
        };
        let on = e
            .required("date", errors)
            .and_then(|v| date(v, &e.at("date"), errors));
        let currency = e.parsed::<Currency>("currency", true, errors);
        let rate = e
            .required("rate", errors)
            .and_then(|v| decimal(v, &e.at("rate"), errors));
        if let (Some(on), Some(currency), Some(rate)) = (on, currency, rate)
            && let Err(why) = rates.insert(on, currency, rate)
        {
            errors.push(
                e.path.clone(),
                Message::new("rate-invalid").with("detail", why),
            );
        }
    }
}
