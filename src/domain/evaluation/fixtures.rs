//! Test fixtures shared by the engine's and the evaluator's tests.

use serde_json::Value;

use super::{Document, parse_document};
use crate::domain::profitability::Position;

/// `examples/worked-example.json`, compiled into the tests.
pub(crate) fn worked_example_json() -> Value {
    let text = include_str!("../../../examples/worked-example.json");
    serde_json::from_str(text).expect("worked example is valid JSON")
}

pub(crate) fn worked_example() -> Document {
    parse_document(&worked_example_json()).expect("worked example parses")
}

impl Document {
    pub(crate) fn index_of(&self, code: &str) -> usize {
        self.products
            .iter()
            .position(|p| p.code == code)
            .unwrap_or_else(|| panic!("no product {code}"))
    }

    /// The product sold alone, at its standalone terms.
    pub(crate) fn standalone_position(&self, code: &str) -> Position<'_> {
        let i = self.index_of(code);
        let (spec, sale) = (&self.products[i], &self.standalone[i]);
        Position {
            code: &spec.code,
            kind: spec.kind,
            currency: spec.currency,
            economics: &spec.economics,
            terms: &sale.terms,
            usage: &sale.usage,
        }
    }

    /// Every bundle position, with bundle terms and usage.
    pub(crate) fn bundle_positions(&self) -> Vec<Position<'_>> {
        self.bundle
            .iter()
            .map(|(i, sale)| {
                let spec = &self.products[*i];
                Position {
                    code: &spec.code,
                    kind: spec.kind,
                    currency: spec.currency,
                    economics: &spec.economics,
                    terms: &sale.terms,
                    usage: &sale.usage,
                }
            })
            .collect()
    }
}
