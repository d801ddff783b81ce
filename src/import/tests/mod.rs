//! Reading extracts end to end: formats, cells, row errors, round trips, robustness, size.

mod ages;
mod cells;
mod format;
mod ids;
mod no_panic;
mod round_trip;
mod rows;

use super::*;
use crate::domain::client::Client;

/// The mapping of the import brief, verbatim.
pub(in crate::import) const EXAMPLE_MAPPING: &str = r#"
[columns]
"Client ID" = "crm_id"
"Full name" = "full_name"
"Date of birth" = "birth_date"
"Sex" = "gender"
"Monthly income" = "monthly_income"
"Loyalty" = "custom:loyalty_tier"     # or any unmapped column is kept as a custom attribute
[values.gender]
"M" = "male"
" Male" = "male"
"Ж" = "female"
[values.islamic_banking]
"Yes" = "true"
"No" = "false"
[options]
delimiter = "auto"        # auto | "," | ";" | "\t"
date_format = "auto"      # auto (ISO or dd.mm.yyyy) | "%d/%m/%Y" …
trim = true               # default true
case_fold = true          # default true: value-map keys match case-insensitively after trim
list_separator = "|"      # for lifestyle_tags and products_held
ignore = ["Internal note"] # columns dropped instead of kept as custom attributes
default_income_currency = "RUB"
"#;

fn example() -> Mapping {
    Mapping::from_toml(EXAMPLE_MAPPING).unwrap()
}

/// A mapping of the example's columns plus `extra` lines in `[columns]`, and `options`.
fn mapping_with(extra: &str, options: &str) -> Mapping {
    let text = format!(
        "[columns]\n\"Client ID\" = \"crm_id\"\n\"Full name\" = \"full_name\"\n{extra}\n[options]\n{options}\n"
    );
    Mapping::from_toml(&text).unwrap()
}

/// Every row of `text`, and the final counts.
fn read_all(text: &[u8], mapping: &Mapping) -> (Vec<Result<Client, RowErrors>>, ImportStats) {
    let mut reader = ImportReader::new(text, mapping).unwrap();
    let rows: Vec<_> = reader.by_ref().collect();
    (rows, reader.stats())
}

/// The one client of a one-row file.
fn only_client(text: &str, mapping: &Mapping) -> Client {
    let (mut rows, _) = read_all(text.as_bytes(), mapping);
    assert_eq!(rows.len(), 1);
    rows.remove(0).unwrap()
}

/// The errors of the one row of a one-row file.
fn only_errors(text: &str, mapping: &Mapping) -> Vec<RowError> {
    let (mut rows, _) = read_all(text.as_bytes(), mapping);
    assert_eq!(rows.len(), 1);
    rows.remove(0).unwrap_err().into_vec()
}

/// Each error as its line, column and English text.
fn described(errors: &[RowError]) -> Vec<(u64, Option<&str>, String)> {
    errors
        .iter()
        .map(|e| (e.line, e.column.as_deref(), e.reason.to_string()))
        .collect()
}
