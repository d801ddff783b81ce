//! Evaluating a whole document (`examples/worked-example.json` format) into a report.
//!
//! # Input
//! `bank`, `products`, `standalone` (required); `bundle`, `bundle_main`, `exchange_rates`,
//! `valuation_date`, `expected` (optional; `expected` is accepted and ignored). Numbers are
//! decimal strings (`"0.16"`); JSON integers are accepted, JSON fractions refused. Unknown
//! fields are refused. Extensions beyond the worked example: `products.X.currency` (default: the
//! bank's), `products.X.costs_reducible` (default `true`), `bank.visit_limit_minutes`,
//! `bank.addon_anchor_threshold` (default `"0.25"`), `bundle_main` (default: the first bundle
//! key in the `Value`'s order, which is alphabetical unless serde_json's `preserve_order` is
//! on), `exchange_rates: [{date, currency, rate}]` (one `currency` is worth `rate` bank
//! currency), `valuation_date` (default: the latest rate's date).
//!
//! # Report
//! ```text
//! {
//!   "currency": "RUB",                      // the bank's (reporting) currency
//!   "target_margin": "0.150000",
//!   "valuation_date": "2025-03-31" | null,
//!   "products": {
//!     "<code>": {
//!       "kind": "credit_card", "currency": "RUB",
//!       "standalone": <breakdown>,          // sold alone, in the product's currency
//!       "verdicts": [<verdict>],            // break_even, suspension
//!       "price": {                          // solved for the bank's target margin
//!         "parameter": "annual_fee", "target_margin": "0.150000",
//!         "market": "1490.00", "solved": "-1757.35" | null, "recommended": "0.00",
//!         "reason": "solved_is_friendlier" | "market_is_friendlier" | "clamped_to_zero" | "unsolvable",
//!         "message": "…"
//!       }
//!     }
//!   },
//!   "bundle": null | {
//!     "currency": "RUB", "main": "<code>",
//!     "positions": { "<code>": <breakdown> + "conversion": null | {from, rate, rate_date, original: <breakdown>} },
//!     "visit_total": "90.00", "revenue": "18968.00", "profit": "11148.00", "margin": "0.587727" | null,
//!     "client_cost": { "separate": "…", "bundled": "…", "saving": "…" },
//!     "verdicts": [<verdict>]   // bundle_profit, bundle_margin, subsidy…, client_saving, addon_anchor, single_visit
//!   }
//! }
//! <breakdown> = { "fees": {monthly, annual, setup, transactions, total}, "partner", "interest",
//!   "interchange", "revenue", "direct": {servicing, transactions, one_off, expected_loss,
//!   opening_time, total}, "visit", "indirect", "profit", "margin": "0.767606" | null }
//! <verdict> = { "check", "outcome": pass|info|warning|fail, "reason", "product"?, "message",
//!   "figures": { name: "decimal string" } }
//! ```
//! Money is rounded half-to-even to its currency's minor unit; margins, rates and ratios to 6
//! places. Every figure is a string.

mod document;
#[cfg(test)]
pub(crate) mod fixtures;
mod reader;
mod report;
mod sections;
#[cfg(test)]
mod tests;

pub use document::{Bank, Document, ProductSpec, Sale, parse_document};

use crate::domain::message::Message;
use rust_decimal::Decimal;
use serde_json::{Map, Value, json};

use crate::domain::profitability::{
    BundleBreakdown, BundleReview, EngineError, Position, Valuation, evaluate_bundle,
    review_bundle, review_product, solve_price,
};
use crate::domain::validation::FieldError;

/// Parses `doc`, evaluates every product alone and the bundle, and renders the report above.
///
/// # Errors
/// Every problem in the document, each named by JSON path; engine failures (overflow, missing
/// exchange rate) named by the section they happened in.
pub fn evaluate_document(doc: &Value) -> Result<Value, Vec<FieldError>> {
    let doc = parse_document(doc)?;
    let on = doc.valuation_date.unwrap_or_default();
    let valuation = Valuation {
        rates: &doc.rates,
        on,
    };
    let mut errors = Vec::new();
    for p in doc
        .products
        .iter()
        .filter(|p| p.currency != doc.bank.currency)
    {
        if doc.valuation_date.is_none() {
            errors.push(FieldError::new(
                format!("products.{}.currency", p.code),
                Message::new("json-no-rate").with("currency", p.currency),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    let mut products = Map::new();
    for (i, spec) in doc.products.iter().enumerate() {
        let sale = &doc.standalone[i];
        let position = Position {
            code: &spec.code,
            kind: spec.kind,
            currency: spec.currency,
            economics: &spec.economics,
            terms: &sale.terms,
            usage: &sale.usage,
        };
        let in_bundle = doc.bundle.iter().any(|(j, _)| *j == i);
        match product_report(&doc, &position, spec.costs_reducible, in_bundle, &valuation) {
            Ok(report) => {
                products.insert(spec.code.clone(), report);
            }
            Err(e) => errors.push(FieldError::new(
                format!("standalone.{}", spec.code),
                Message::new("engine-failure").with("detail", e),
            )),
        }
    }

    let bundle = if doc.bundle.is_empty() {
        Value::Null
    } else {
        bundle_report(&doc, &valuation).unwrap_or_else(|e| {
            errors.push(FieldError::new(
                "bundle",
                Message::new("engine-failure").with("detail", e),
            ));
            Value::Null
        })
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(json!({
        "currency": doc.bank.currency.as_str(),
        "target_margin": report::ratio(doc.bank.bundle.target_margin),
        "valuation_date": doc.valuation_date.map(|d| d.to_string()),
        "products": products,
        "bundle": bundle,
    }))
}

fn product_report(
    doc: &Document,
    position: &Position<'_>,
    costs_reducible: bool,
    in_bundle: bool,
    valuation: &Valuation<'_>,
) -> Result<Value, EngineError> {
    let point = doc
        .bank
        .point
        .in_currency(position.currency, valuation)
        .map_err(|e| e.in_product(position.code))?;
    let standalone = position.evaluate(&point, true)?;
    let verdicts = review_product(
        position.code,
        &standalone,
        in_bundle,
        costs_reducible,
        position.currency,
    );
    let parameter = position.kind.default_price_parameter();
    let price = solve_price(
        parameter,
        doc.bank.bundle.target_margin,
        position,
        &point,
        true,
    )?;
    Ok(json!({
        "kind": position.kind,
        "currency": position.currency.as_str(),
        "standalone": report::breakdown(&standalone, position.currency),
        "verdicts": verdicts.iter().map(report::verdict).collect::<Vec<_>>(),
        "price": report::price(&price, position.currency),
    }))
}

fn bundle_report(doc: &Document, valuation: &Valuation<'_>) -> Result<Value, EngineError> {
    let positions: Vec<Position<'_>> = doc
        .bundle
        .iter()
        .map(|(i, sale)| {
            let spec = &doc.products[*i];
            Position {
                code: &spec.code,
                kind: spec.kind,
                currency: spec.currency,
                economics: &spec.economics,
                terms: &sale.terms,
                usage: &sale.usage,
            }
        })
        .collect();
    let standalone_terms: Vec<_> = doc
        .bundle
        .iter()
        .map(|(i, _)| doc.standalone[*i].terms)
        .collect();
    let bundle: BundleBreakdown =
        evaluate_bundle(&positions, &doc.bank.bundle, &doc.bank.point, valuation)?;
    let review = BundleReview {
        positions: &positions,
        standalone_terms: &standalone_terms,
        main: doc.bundle_main,
        params: &doc.bank.bundle,
        point: &doc.bank.point,
        addon_anchor_threshold: doc.bank.addon_anchor_threshold,
        valuation: *valuation,
        package_fee: Decimal::ZERO,
        client_pairs: None,
    };
    let checks = review_bundle(&review, &bundle)?;

    let currency = bundle.currency;
    let mut lines = Map::new();
    for (position, line) in positions.iter().zip(&bundle.lines) {
        let mut shown = report::breakdown(&line.breakdown, currency);
        if let Value::Object(map) = &mut shown {
            map.insert(
                "conversion".to_owned(),
                line.conversion
                    .as_deref()
                    .map_or(Value::Null, report::conversion),
            );
        }
        lines.insert(position.code.to_owned(), shown);
    }
    Ok(json!({
        "currency": currency.as_str(),
        "main": positions.get(doc.bundle_main).map(|p| p.code),
        "positions": lines,
        "visit_total": report::money(bundle.visit_total, currency),
        "revenue": report::money(bundle.revenue, currency),
        "profit": report::money(bundle.profit, currency),
        "margin": report::optional_ratio(bundle.margin),
        "client_cost": {
            "separate": report::money(checks.client_separate, currency),
            "bundled": report::money(checks.client_bundled, currency),
            "saving": report::money(checks.client_saving, currency),
        },
        "verdicts": checks.verdicts.iter().map(report::verdict).collect::<Vec<_>>(),
    }))
}
