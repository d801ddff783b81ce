//! The cell editor's form, as text, read into a [`CellPatch`]: an empty field is inherited
//! from a broader scope, a filled one is set by this cell.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::cell::{CellPatch, Role};
use crate::domain::message::Message;
use crate::domain::product::{Figure, FigureGroup, parse_decimal_input};
use crate::domain::validation::FieldError;

/// The figure parts of a cell, as its form names them (`terms.monthly_fee`).
pub const PARTS: [(&str, FigureGroup); 3] = [
    ("terms", FigureGroup::Terms),
    ("usage_alone", FigureGroup::Usage),
    ("usage_in_bundle", FigureGroup::Usage),
];

/// Reads the posted fields (`role`, `terms.*`, `usage_alone.*`, `usage_in_bundle.*`,
/// `take_up`, `visit_share`, `order`, `talking_points`); unknown fields are ignored.
///
/// # Errors
/// Every field that does not parse or breaks a rule of [`CellPatch::check`], each named.
pub fn parse_cell_form(form: &HashMap<String, String>) -> Result<CellPatch, Vec<FieldError>> {
    let mut errors = Vec::new();
    let text = |name: &str| form.get(name).map(|v| v.trim()).filter(|v| !v.is_empty());
    let number = |name: &str, errors: &mut Vec<FieldError>| -> Option<Decimal> {
        let value = text(name)?;
        match parse_decimal_input(value) {
            Ok(n) => Some(n),
            Err(message) => {
                errors.push(FieldError::new(name, message));
                None
            }
        }
    };
    let mut patch = CellPatch::default();
    if let Some(role) = text("role") {
        match Role::parse(role) {
            Some(role) => patch.role = Some(role),
            None => errors.push(FieldError::new(
                "role",
                Message::new("matrix-role-unknown").with("value", role),
            )),
        }
    }
    for (part, group) in PARTS {
        for figure in Figure::of(group) {
            let name = format!("{part}.{}", figure.name());
            if let Some(value) = number(&name, &mut errors) {
                let map = match part {
                    "terms" => &mut patch.terms,
                    "usage_alone" => &mut patch.usage_alone,
                    _ => &mut patch.usage_in_bundle,
                };
                map.insert(figure, value);
            }
        }
    }
    patch.take_up = number("take_up", &mut errors);
    patch.visit_share = number("visit_share", &mut errors);
    if let Some(order) = text("order") {
        match order.parse::<u16>() {
            Ok(order) => patch.order = Some(order),
            Err(_) => errors.push(FieldError::new(
                "order",
                Message::new("matrix-order-number").with("max", u16::MAX),
            )),
        }
    }
    patch.talking_points = text("talking_points").map(str::to_owned);
    if let Err(more) = patch.check() {
        errors.extend(more);
    }
    if errors.is_empty() {
        Ok(patch)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn form(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn a_filled_field_is_set_and_an_empty_one_inherited() {
        let patch = parse_cell_form(&form(&[
            ("role", ""),
            ("terms.monthly_fee", "0"),
            ("terms.annual_fee", " "),
            ("usage_in_bundle.avg_balance", "60 000,50"),
            ("take_up", "0,35"),
            ("order", "2"),
            ("talking_points", "  "),
        ]))
        .unwrap();
        assert_eq!(patch.role, None);
        assert_eq!(
            patch.terms.into_iter().collect::<Vec<_>>(),
            [(Figure::MonthlyFee, Decimal::ZERO)]
        );
        assert_eq!(patch.usage_in_bundle[&Figure::AvgBalance], dec!(60000.50));
        assert!(patch.usage_alone.is_empty());
        assert_eq!((patch.take_up, patch.order), (Some(dec!(0.35)), Some(2)));
        assert_eq!(patch.talking_points, None);
    }

    #[test]
    fn every_bad_field_is_named() {
        let errors = parse_cell_form(&form(&[
            ("role", "boss"),
            ("terms.client_rate", "abc"),
            ("take_up", "1.5"),
            ("order", "-1"),
        ]))
        .unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["role", "terms.client_rate", "order", "take_up"]);
    }
}
