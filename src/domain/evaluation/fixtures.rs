//! Test fixtures shared by the engine's and the evaluator's tests.

use serde_json::Value;

use super::{Document, parse_document};
use crate::domain::profitability::Position;

/// `shared/worked-example.json`, read at run time from beside the repository (CI clones the
/// repository next to `shared/`).
pub(crate) fn worked_example_json() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/worked-example.json");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    serde_json::from_str(&text).expect("worked example is valid JSON")
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
