//! A mapping written back as TOML.

use toml::{Table, Value};

use super::{DateFormat, Mapping};

pub(super) fn to_toml(mapping: &Mapping) -> String {
    let mut columns = Table::new();
    for (source, target) in &mapping.columns {
        columns.insert(source.clone(), Value::String(target.to_string()));
    }
    let mut values = Table::new();
    for (target, entries) in &mapping.values {
        let map = entries
            .iter()
            .map(|(from, to)| (from.clone(), Value::String(to.clone())))
            .collect();
        values.insert(target.to_string(), Value::Table(map));
    }
    let o = &mapping.options;
    let date_format = match &o.date_format {
        DateFormat::Auto => "auto".to_owned(),
        DateFormat::Pattern(pattern) => pattern.clone(),
    };
    let mut options = Table::new();
    options.insert(
        "delimiter".into(),
        Value::String(o.delimiter.as_str().into()),
    );
    options.insert("date_format".into(), Value::String(date_format));
    options.insert("trim".into(), Value::Boolean(o.trim));
    options.insert("case_fold".into(), Value::Boolean(o.case_fold));
    options.insert(
        "list_separator".into(),
        Value::String(o.list_separator.clone()),
    );
    let ignore = o.ignore.iter().cloned().map(Value::String).collect();
    options.insert("ignore".into(), Value::Array(ignore));
    let optional = o.optional.iter().cloned().map(Value::String).collect();
    options.insert("optional".into(), Value::Array(optional));
    if let Some(currency) = &o.default_income_currency {
        options.insert(
            "default_income_currency".into(),
            Value::String(currency.clone()),
        );
    }
    if let Some(encoding) = &o.encoding {
        options.insert("encoding".into(), Value::String(encoding.clone()));
    }
    if let Some(as_of) = o.age_as_of {
        options.insert("age_as_of".into(), Value::String(as_of.to_string()));
    }
    let mut root = Table::new();
    root.insert("columns".into(), Value::Table(columns));
    if !values.is_empty() {
        root.insert("values".into(), Value::Table(values));
    }
    root.insert("options".into(), Value::Table(options));
    let mut id = Table::new();
    if let Some(template) = mapping.id_template() {
        id.insert(
            "template".into(),
            Value::String(template.as_str().to_owned()),
        );
    }
    if let Some(prefix) = mapping.row_number_prefix() {
        id.insert("unstable_ids".into(), Value::Boolean(true));
        id.insert("prefix".into(), Value::String(prefix.to_owned()));
    }
    if !id.is_empty() {
        root.insert("crm_id".into(), Value::Table(id));
    }
    if !mapping.scales().is_empty() {
        let mut scales = Table::new();
        for scale in mapping.scales() {
            let mut unit = Table::new();
            unit.insert(
                "factor".into(),
                Value::String(scale.factor.normalize().to_string()),
            );
            unit.insert(
                "divide_by".into(),
                Value::String(scale.divide_by.normalize().to_string()),
            );
            scales.insert(scale.column.clone(), Value::Table(unit));
        }
        root.insert("scale".into(), Value::Table(scales));
    }
    if !mapping.holdings().is_empty() {
        let mut from_columns = Table::new();
        for (column, code) in mapping.holdings() {
            from_columns.insert(column.clone(), Value::String(code.clone()));
        }
        let mut held = Table::new();
        held.insert("from_columns".into(), Value::Table(from_columns));
        root.insert("products_held".into(), Value::Table(held));
    }
    toml::to_string(&root).expect("a table of strings, booleans and arrays always serialises")
}
