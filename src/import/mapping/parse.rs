//! A mapping's TOML text, read and checked.

use std::collections::HashMap;
use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, Visitor};
use toml::Spanned;

use super::options::{RawOptions, ReadOptions, options};
use super::{Field, Mapping, MappingError, MappingProblem, Options, Target};
use crate::import::cells::lookup_key;
use crate::import::row::check_value;

/// A TOML table as (key, value) pairs in file order (the `toml` crate keeps the order with its
/// `preserve_order` feature), so that a saved mapping reads in the order it was written.
struct Pairs<V>(Vec<(String, V)>);

impl<V> Default for Pairs<V> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Pairs<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PairsVisitor<V>(PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for PairsVisitor<V> {
            type Value = Pairs<V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a table")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Pairs<V>, A::Error> {
                let mut pairs = Vec::new();
                while let Some(pair) = map.next_entry()? {
                    pairs.push(pair);
                }
                Ok(Pairs(pairs))
            }
        }
        deserializer.deserialize_map(PairsVisitor(PhantomData))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMapping {
    #[serde(default)]
    columns: Pairs<Spanned<String>>,
    #[serde(default)]
    values: Pairs<Pairs<Spanned<String>>>,
    #[serde(default)]
    options: RawOptions,
    #[serde(default)]
    products_held: RawHoldings,
    #[serde(default)]
    scale: Pairs<Spanned<RawScale>>,
    #[serde(default)]
    crm_id: RawIdTemplate,
}

/// `[crm_id] template = "{branch}-{account_no}"`: the id made of stable columns.
#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIdTemplate {
    template: Option<Spanned<String>>,
    unstable_ids: Option<Spanned<bool>>,
    prefix: Option<Spanned<String>>,
}

/// `[scale] "Income, k/yr" = { factor = 1000, divide_by = 12 }`: a numeric column's unit.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScale {
    factor: Option<RawNumber>,
    divide_by: Option<RawNumber>,
}

/// A whole number, or any decimal written as text (`"0.001"`): a TOML float would pass
/// through binary floating point.
#[derive(Deserialize)]
#[serde(untagged)]
enum RawNumber {
    Whole(i64),
    Text(String),
    /// Read only to be refused with a message.
    #[allow(dead_code)]
    Float(f64),
}

/// `[products_held] from_columns = { APERSAUT = "CAR_INSURANCE" }`: a column per product, a
/// flag or a count.
#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHoldings {
    #[serde(default)]
    from_columns: Pairs<Spanned<String>>,
}

/// Collects problems with their lines.
pub(super) struct Problems<'a> {
    text: &'a str,
    found: Vec<MappingProblem>,
}

impl Problems<'_> {
    /// A problem at byte `offset` of the text, under TOML `key`.
    pub(super) fn add(&mut self, offset: Option<usize>, key: &str, message: impl Into<String>) {
        let line = offset.map(|offset| line_of(self.text, offset));
        self.found.push(MappingProblem {
            line,
            key: key.to_owned(),
            message: message.into(),
        });
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    let before = &text.as_bytes()[..offset.min(text.len())];
    before.iter().filter(|&&b| b == b'\n').count() + 1
}

/// `name` as a TOML key in messages: bare when it can be, quoted otherwise.
fn key(table: &str, name: &str) -> String {
    if is_bare_key(name) {
        format!("{table}.{name}")
    } else {
        format!("{table}.{name:?}")
    }
}

/// Whether TOML can write `name` as a key without quotes.
pub(in crate::import) fn is_bare_key(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

pub(super) fn from_toml(text: &str) -> Result<Mapping, MappingError> {
    let raw: RawMapping = toml::from_str(text).map_err(|error| {
        MappingError(vec![MappingProblem {
            line: error.span().map(|span| line_of(text, span.start)),
            key: String::new(),
            message: error.message().trim().to_owned(),
        }])
    })?;
    let mut problems = Problems {
        text,
        found: Vec::new(),
    };
    let ReadOptions {
        options,
        optional_at,
    } = options(raw.options, &mut problems);
    let id_template = match &raw.crm_id.template {
        None => None,
        Some(text) => match super::IdTemplate::parse(text.get_ref()) {
            Ok(template) => Some(template),
            Err(message) => {
                problems.add(Some(text.span().start), "crm_id.template", message);
                None
            }
        },
    };
    let row_number_prefix = row_number_prefix(&raw.crm_id, id_template.is_some(), &mut problems);
    let id_from_columns = id_template.is_some() || row_number_prefix.is_some();
    let columns = columns(raw.columns, &options, id_from_columns, &mut problems);
    for (column, at) in options.optional.iter().zip(optional_at) {
        let mapped = columns
            .iter()
            .any(|(source, _)| same_column(source, column, &options));
        if !mapped {
            problems.add(
                Some(at),
                "options.optional",
                format!("{column:?} is not a column of [columns]"),
            );
        }
    }
    let values = values(raw.values, &options, &mut problems);
    let holdings = holdings(raw.products_held, &columns, &options, &mut problems);
    let scales = scales(raw.scale, &columns, &mut problems);
    if problems.found.is_empty() {
        Ok(Mapping {
            columns,
            values,
            options,
            holdings,
            scales,
            id_template,
            row_number_prefix,
        })
    } else {
        Err(MappingError(problems.found))
    }
}

/// `[crm_id] unstable_ids = true` (and its `prefix`): ids made of row numbers, asked for in
/// so many words because they name a row, not a person.
fn row_number_prefix(
    raw: &RawIdTemplate,
    from_template: bool,
    problems: &mut Problems<'_>,
) -> Option<String> {
    let wanted = raw.unstable_ids.as_ref().is_some_and(|u| *u.get_ref());
    if !wanted {
        if let Some(prefix) = &raw.prefix {
            problems.add(
                Some(prefix.span().start),
                "crm_id.prefix",
                "a prefix is for row-number ids: set crm_id.unstable_ids = true, or remove it",
            );
        }
        return None;
    }
    if from_template {
        problems.add(
            raw.unstable_ids.as_ref().map(|u| u.span().start),
            "crm_id.unstable_ids",
            "a template makes the ids already: keep one of the two",
        );
    }
    let prefix = raw
        .prefix
        .as_ref()
        .map_or(super::ROW_NUMBER_PREFIX, |p| p.get_ref().as_str());
    // The longest row number (20 digits) and the dash must fit in a CRM id.
    let valid = !prefix.is_empty()
        && prefix.len() <= 40
        && prefix
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !valid {
        problems.add(
            raw.prefix.as_ref().map(|p| p.span().start),
            "crm_id.prefix",
            format!("{prefix:?} must be 1..=40 of A-Z, a-z, 0-9, _"),
        );
        return None;
    }
    Some(prefix.to_owned())
}

/// Whether two column names name the same column (trimmed when the options trim).
fn same_column(a: &str, b: &str, options: &Options) -> bool {
    lookup_key(a, options.trim, false) == lookup_key(b, options.trim, false)
}

fn columns(
    raw: Pairs<Spanned<String>>,
    options: &Options,
    id_from_template: bool,
    problems: &mut Problems<'_>,
) -> Vec<(String, Target)> {
    let same = |a: &str, b: &str| same_column(a, b, options);
    let mut columns: Vec<(String, Target)> = Vec::new();
    for (source, target) in raw.0 {
        let here = key("columns", &source);
        let span = Some(target.span().start);
        if source.trim().is_empty() {
            problems.add(span, &here, "the column name is blank");
            continue;
        }
        if columns.iter().any(|(other, _)| same(other, &source)) {
            problems.add(span, &here, "the column is mapped twice");
            continue;
        }
        if options.ignore.iter().any(|ignored| same(ignored, &source)) {
            problems.add(
                span,
                &here,
                "the column is both mapped and in options.ignore",
            );
        }
        match Target::parse(target.get_ref()) {
            Err(message) => problems.add(span, &here, message),
            Ok(target) => match columns.iter().find(|(_, t)| *t == target) {
                Some((first, _)) => problems.add(
                    span,
                    &here,
                    format!("{first:?} is already mapped to {target}; a target takes one column"),
                ),
                None => columns.push((source, target)),
            },
        }
    }
    // Names are optional (anonymised extracts have none); the id is not: a column, or a
    // template of columns.
    let id_mapped = columns
        .iter()
        .any(|(_, t)| *t == Target::Field(Field::CrmId));
    if id_mapped && id_from_template {
        problems.add(
            None,
            "crm_id",
            "a column is mapped to crm_id too: keep one of the two",
        );
    }
    let maps = |field| columns.iter().any(|(_, t)| *t == Target::Field(field));
    if maps(Field::Age) && !maps(Field::AgeAsOf) && options.age_as_of.is_none() {
        problems.add(
            None,
            "columns",
            "an age is true on a date: map a column to age_as_of, or set options.age_as_of to \
             the date the extract's ages are stated on",
        );
    }
    for required in [Field::CrmId] {
        if !id_from_template && !columns.iter().any(|(_, t)| *t == Target::Field(required)) {
            problems.add(
                None,
                "columns",
                format!("no column is mapped to {required}"),
            );
        }
    }
    columns
}

/// Units of numeric columns: each value times `factor`, divided by `divide_by`.
fn scales(
    raw: Pairs<Spanned<RawScale>>,
    columns: &[(String, Target)],
    problems: &mut Problems<'_>,
) -> Vec<super::Scale> {
    let mut scales = Vec::new();
    for (source, scale) in raw.0 {
        let here = key("scale", &source);
        let span = Some(scale.span().start);
        let numeric = columns
            .iter()
            .find(|(c, _)| *c == source)
            .is_none_or(|(_, t)| {
                matches!(t, Target::Field(Field::MonthlyIncome) | Target::Custom(_))
            });
        if !numeric {
            problems.add(
                span,
                &here,
                "only the income and custom attributes can be scaled",
            );
            continue;
        }
        let scale = scale.into_inner();
        let number = |raw: Option<RawNumber>, name: &str, problems: &mut Problems<'_>| {
            let value = match raw {
                None => return Some(rust_decimal::Decimal::ONE),
                Some(RawNumber::Whole(n)) => rust_decimal::Decimal::from(n),
                Some(RawNumber::Text(text)) => match text.trim().parse() {
                    Ok(n) => n,
                    Err(_) => {
                        problems.add(
                            span,
                            &format!("{here}.{name}"),
                            format!("{text:?} is not a number"),
                        );
                        return None;
                    }
                },
                Some(RawNumber::Float(_)) => {
                    problems.add(
                        span,
                        &format!("{here}.{name}"),
                        "write a fraction as text (\"0.001\"), so it stays exact",
                    );
                    return None;
                }
            };
            if value <= rust_decimal::Decimal::ZERO {
                problems.add(span, &format!("{here}.{name}"), "must be more than zero");
                return None;
            }
            Some(value)
        };
        let factor = number(scale.factor, "factor", problems);
        let divide_by = number(scale.divide_by, "divide_by", problems);
        if let (Some(factor), Some(divide_by)) = (factor, divide_by) {
            scales.push(super::Scale {
                column: source,
                factor,
                divide_by,
            });
        }
    }
    scales
}

/// Columns that each say whether the client holds one product (a flag, or a count above zero).
fn holdings(
    raw: RawHoldings,
    columns: &[(String, Target)],
    options: &Options,
    problems: &mut Problems<'_>,
) -> Vec<(String, String)> {
    let mut holdings: Vec<(String, String)> = Vec::new();
    for (source, code) in raw.from_columns.0 {
        let here = key("products_held.from_columns", &source);
        let span = Some(code.span().start);
        if source.trim().is_empty() {
            problems.add(span, &here, "the column name is blank");
            continue;
        }
        let taken = columns
            .iter()
            .any(|(c, _)| same_column(c, &source, options))
            || holdings
                .iter()
                .any(|(c, _)| same_column(c, &source, options));
        if taken {
            problems.add(span, &here, "the column is mapped twice");
            continue;
        }
        match crate::domain::code::Code::parse(code.get_ref(), "CAR_INSURANCE") {
            Ok(code) => holdings.push((source, code.into_string())),
            Err(e) => problems.add(span, &here, e.to_string()),
        }
    }
    holdings
}

/// Value maps. A map for a field no column fills is allowed (it does nothing): a bank may
/// keep one set of value maps across extracts that carry different columns.
fn values(
    raw: Pairs<Pairs<Spanned<String>>>,
    options: &Options,
    problems: &mut Problems<'_>,
) -> Vec<(Target, Vec<(String, String)>)> {
    let mut values: Vec<(Target, Vec<(String, String)>)> = Vec::new();
    for (name, entries) in raw.0 {
        let here = key("values", &name);
        let span = entries.0.first().map(|(_, value)| value.span().start);
        let target = match Target::parse(&name) {
            Ok(target) => target,
            Err(message) => {
                problems.add(span, &here, message);
                continue;
            }
        };
        if target == Target::Field(Field::CustomAttributes) {
            problems.add(span, &here, "packed custom attributes take no value map");
            continue;
        }
        if values.iter().any(|(t, _)| *t == target) {
            problems.add(span, &here, "this value map is given twice");
            continue;
        }
        let mut seen: HashMap<String, (String, String)> = HashMap::new();
        let mut map = Vec::new();
        for (from, to) in entries.0 {
            let entry = key(&here, &from);
            let folded = lookup_key(&from, options.trim, options.case_fold).into_owned();
            if let Some((other, other_to)) = seen.get(&folded)
                && other_to != to.get_ref()
            {
                let message =
                    format!("{other:?} and {from:?} are the same key but map to different values");
                problems.add(Some(to.span().start), &entry, message);
            }
            if let Target::Field(field) = &target
                && let Err(message) = check_value(*field, to.get_ref(), options)
            {
                problems.add(Some(to.span().start), &entry, message);
            }
            seen.insert(folded, (from.clone(), to.get_ref().clone()));
            map.push((from, to.into_inner()));
        }
        values.push((target, map));
    }
    values
}
