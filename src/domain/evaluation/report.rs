//! Turning engine results into the JSON report: the only place figures are rounded.
//!
//! Money is rounded half-to-even to its currency's minor unit ("3270.00"); margins, rates and
//! ratios to 6 places ("0.587727"). Every figure is a string: JSON numbers are floats to most
//! readers, and a report must not lose a kopeck on its way to a spreadsheet.

use serde_json::{Map, Value, json};

use rust_decimal::Decimal;

use crate::domain::money::{Currency, Money, format_fixed};
use crate::domain::product::PriceParameter;
use crate::domain::profitability::{Conversion, PositionBreakdown, PriceSolution, Unit, Verdict};

/// Places shown for margins, rates and ratios.
pub(super) const RATIO_PLACES: u32 = 6;

pub(super) fn money(value: Decimal, currency: Currency) -> Value {
    Value::String(Money::new(value, currency).to_string_minor())
}

pub(super) fn ratio(value: Decimal) -> Value {
    Value::String(format_fixed(value, RATIO_PLACES))
}

pub(super) fn optional_ratio(value: Option<Decimal>) -> Value {
    value.map_or(Value::Null, ratio)
}

/// Every line of a position, rounded for display; `margin` is null when undefined.
pub(super) fn breakdown(b: &PositionBreakdown, currency: Currency) -> Value {
    let m = |v: Decimal| money(v, currency);
    json!({
        "fees": {
            "monthly": m(b.fees.monthly),
            "annual": m(b.fees.annual),
            "setup": m(b.fees.setup),
            "transactions": m(b.fees.transactions),
            "total": m(b.fees.total),
        },
        "partner": m(b.partner),
        "interest": m(b.interest),
        "interchange": m(b.interchange),
        "revenue": m(b.revenue),
        "direct": {
            "servicing": m(b.direct.servicing),
            "transactions": m(b.direct.transactions),
            "one_off": m(b.direct.one_off),
            "expected_loss": m(b.direct.expected_loss),
            "opening_time": m(b.direct.opening_time),
            "total": m(b.direct.total),
        },
        "visit": m(b.visit),
        "indirect": m(b.indirect),
        "profit": m(b.profit),
        "margin": optional_ratio(b.margin),
    })
}

pub(super) fn conversion(c: &Conversion) -> Value {
    json!({
        "from": c.from.as_str(),
        "rate": ratio(c.rate),
        "rate_date": c.rate_date.to_string(),
        "original": breakdown(&c.original, c.from),
    })
}

pub(super) fn verdict(v: &Verdict) -> Value {
    let figures: Map<String, Value> = v
        .figures
        .iter()
        .map(|f| {
            let shown = match f.unit {
                Unit::Money => money(f.value, v.currency),
                Unit::Ratio => ratio(f.value),
                Unit::Minutes => Value::String(f.value.normalize().to_string()),
            };
            (f.name.to_owned(), shown)
        })
        .collect();
    let mut out = json!({
        "check": v.check,
        "outcome": v.outcome,
        "reason": v.reason,
        "message": v.message,
        "figures": figures,
    });
    if let (Some(code), Value::Object(map)) = (&v.product, &mut out) {
        map.insert("product".to_owned(), Value::String(code.clone()));
    }
    out
}

/// A price in its parameter's own display: fees as money, the client rate to 6 places.
fn price_value(parameter: PriceParameter, value: Decimal, currency: Currency) -> Value {
    if parameter.is_rate() {
        ratio(value)
    } else {
        money(value, currency)
    }
}

pub(super) fn price(p: &PriceSolution, currency: Currency) -> Value {
    json!({
        "parameter": p.parameter,
        "target_margin": ratio(p.target_margin),
        "market": price_value(p.parameter, p.market, currency),
        "solved": p.solved.map_or(Value::Null, |x| price_value(p.parameter, x, currency)),
        "recommended": price_value(p.parameter, p.recommended, currency),
        "reason": p.reason,
        "message": p.explain(currency),
    })
}
