//! A starting mapping for an extract, from its header and first rows: `kombi import-crm FILE
//! --suggest-mapping` and the web import's "Suggest a mapping".
//!
//! Design decisions:
//! - A suggestion is TOML text with comments, for a person to read, correct and save; it is
//!   never applied by itself. What only a person can decide (which columns make a stable id,
//!   the date the ages were true on) is said in [`Suggestion::decide`] and in comments.
//! - Columns are matched by name: Kombi's own names and common synonyms in English and
//!   Russian, compared without case, spaces or punctuation. Values are looked at only to
//!   propose value maps for small sets and to say what an unmapped column holds.
//! - Only the first [`SAMPLE_ROWS`] rows are read: the suggestion costs the same for any file.

mod guess;
#[cfg(test)]
mod tests;

use std::fmt::Write as _;
use std::io::Read;

use chrono::NaiveDate;
use csv::ReaderBuilder;

use super::errors::ImportError;
use super::target::{Field, Kind, attribute_name, unshadowed};
use guess::{Holds, canonical_value, field_for, holds};

/// Rows read to guess types and value maps.
pub const SAMPLE_ROWS: usize = 500;
/// A column with at most this many distinct values gets a value map.
const SMALL_SET: usize = 12;

/// A mapping to start from, and what its reader must decide before importing with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub toml: String,
    pub decide: Vec<String>,
}

/// The first rows of a file, as text.
struct Sample {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    delimiter: u8,
    encoding: &'static str,
}

impl Sample {
    /// The distinct non-blank values of a column, in order of first appearance (at most
    /// `limit + 1`, enough to tell "more than `limit`").
    fn distinct(&self, column: usize, limit: usize) -> Vec<&str> {
        let mut seen: Vec<&str> = Vec::new();
        for row in &self.rows {
            let value = row.get(column).map_or("", |v| v.trim());
            if !value.is_empty() && !seen.contains(&value) {
                seen.push(value);
                if seen.len() > limit {
                    break;
                }
            }
        }
        seen
    }

    fn values(&self, column: usize) -> impl Iterator<Item = &str> {
        self.rows
            .iter()
            .map(move |row| row.get(column).map_or("", |v| v.trim()))
            .filter(|v| !v.is_empty())
    }
}

/// Reads the header and up to [`SAMPLE_ROWS`] rows of `reader` and suggests a mapping.
///
/// # Errors
/// A file that cannot be read as CSV at all (as an import would refuse it).
pub fn suggest_mapping<R: Read>(reader: R, today: NaiveDate) -> Result<Suggestion, ImportError> {
    let (reader, encoding) = super::encoding::decoded(reader, None)?;
    let (header_line, source) = super::source::open(reader)?;
    let delimiter = super::source::detect_delimiter(&header_line)?;
    let mut csv = ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(source);
    let mut records = csv.byte_records();
    let text = |record: &csv::ByteRecord| -> Vec<String> {
        record
            .iter()
            .map(|cell| String::from_utf8_lossy(cell).trim().to_owned())
            .collect()
    };
    let header = match records.next() {
        Some(record) => text(&record?),
        None => return Err(ImportError::Empty),
    };
    let mut rows = Vec::new();
    for record in records.take(SAMPLE_ROWS) {
        let row = text(&record?);
        if row.iter().any(|cell| !cell.is_empty()) {
            rows.push(row);
        }
    }
    let sample = Sample {
        header,
        rows,
        delimiter,
        encoding: encoding.name(),
    };
    Ok(suggest(&sample, today))
}

/// A TOML string literal.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

/// A TOML key: bare when it can be, quoted otherwise.
fn key(text: &str) -> String {
    if super::mapping::is_bare_key(text) {
        text.to_owned()
    } else {
        quoted(text)
    }
}

fn suggest(sample: &Sample, today: NaiveDate) -> Suggestion {
    let mut decide = Vec::new();
    let mut mapped: Vec<(usize, Field)> = Vec::new();
    for (position, name) in sample.header.iter().enumerate() {
        if let Some(field) = field_for(name)
            && !mapped.iter().any(|(_, f)| *f == field)
        {
            mapped.push((position, field));
        }
    }
    let has = |field: Field| mapped.iter().any(|(_, f)| *f == field);
    let mut columns = String::from("[columns]\n");
    let mut values = String::new();
    let mut notes = String::new();
    let mut holdings = String::new();
    let mut ignore = Vec::new();
    for (position, name) in sample.header.iter().enumerate() {
        if name.is_empty() {
            continue;
        }
        if let Some((_, field)) = mapped.iter().find(|(p, _)| *p == position) {
            if *field == Field::HomeSalesPoint {
                // Only the bank knows whether these are its sales point codes; a row naming a
                // point the bank does not have is refused.
                let _ = writeln!(
                    columns,
                    "# {} = {}   # if its values are the bank's sales point codes",
                    key(name),
                    quoted(field.as_str())
                );
                continue;
            }
            let _ = writeln!(columns, "{} = {}", key(name), quoted(field.as_str()));
            values.push_str(&value_map(sample, position, *field));
            continue;
        }
        let described = describe(sample, position);
        match attribute_name(name).map(|key| (unshadowed(&key), key)) {
            Some((Err(_), key)) => {
                let _ = writeln!(
                    notes,
                    "# {}: {described}; ignored, since a custom attribute {key:?} would shadow \
                     a built-in name (map it to custom:OTHER_NAME to keep it)",
                    quoted(name)
                );
                ignore.push(name.clone());
            }
            kept => {
                if holds(sample.values(position)) == Holds::Flags {
                    let _ = writeln!(
                        holdings,
                        "# {} = \"PRODUCT_CODE\"   # {described}: a product held?",
                        key(name)
                    );
                }
                let attribute = kept.map_or_else(|| format!("column_{}", position + 1), |k| k.1);
                let _ = writeln!(
                    notes,
                    "# {}: {described}; kept as the custom attribute {attribute}",
                    quoted(name)
                );
            }
        }
    }
    if !notes.is_empty() {
        columns.push_str("# Not mapped (each becomes a custom attribute unless ignored):\n");
        columns.push_str(&notes);
    }
    let mut text = columns;
    if !values.is_empty() {
        text.push('\n');
        text.push_str(&values);
    }
    text.push_str("\n[options]\n");
    let delimiter = match sample.delimiter {
        b';' => ";",
        b'\t' => "\\t",
        _ => ",",
    };
    let _ = writeln!(text, "delimiter = \"{delimiter}\"");
    if let Some(format) = date_format(sample, &mapped) {
        let _ = writeln!(text, "date_format = {}", quoted(format));
    }
    if sample.encoding != "UTF-8" {
        let _ = writeln!(text, "encoding = {}", quoted(sample.encoding));
    }
    if has(Field::MonthlyIncome) && !has(Field::IncomeCurrency) {
        text.push_str("default_income_currency = \"RUB\"   # the incomes' currency\n");
    }
    if has(Field::Age) && !has(Field::AgeAsOf) {
        let _ = writeln!(
            text,
            "age_as_of = \"{today}\"   # CHANGE to the date the extract's ages were true on"
        );
        decide.push(
            "options.age_as_of: the date the extract's ages were true on (today's date is only a \
             placeholder)"
                .to_owned(),
        );
    }
    if !ignore.is_empty() {
        let list: Vec<String> = ignore.iter().map(|c| quoted(c)).collect();
        let _ = writeln!(text, "ignore = [{}]", list.join(", "));
    }
    if !holdings.is_empty() {
        text.push_str(
            "\n# Yes/No or count columns: if one says the client holds a product, name it:\n\
             # [products_held.from_columns]\n",
        );
        text.push_str(&holdings);
    }
    if !has(Field::CrmId) {
        text.push_str(
            "\n# No column looks like a client id. Make the id of columns that never change:\n\
             [crm_id]\n# template = \"{branch}-{account_no}\"\n\
             # or, for an extract imported once only, number the rows (ROW-1, ROW-2 …):\n\
             # unstable_ids = true\n",
        );
        decide.push(
            "crm_id: no column looks like a client id; write a template of stable columns, or \
             unstable_ids = true for a one-off import"
                .to_owned(),
        );
    }
    Suggestion { toml: text, decide }
}

/// A value map for a coded field whose sample values are a small set, each value guessed (or
/// left blank, "unknown", with a comment when no guess is safe).
fn value_map(sample: &Sample, position: usize, field: Field) -> String {
    let coded = matches!(
        field,
        Field::Gender
            | Field::Employment
            | Field::MaritalStatus
            | Field::DigitalAffinity
            | Field::IslamicBanking
            | Field::ConsentToOffers
    );
    if !coded {
        return String::new();
    }
    let distinct = sample.distinct(position, SMALL_SET);
    if distinct.len() > SMALL_SET {
        return String::new();
    }
    let options = super::mapping::Options::default();
    let mut entries = String::new();
    for value in distinct {
        // Read as a cell would be (`да` is a yes already): a value Kombi knows needs no entry.
        if super::row::check_value(field, value, &options).is_ok() {
            continue;
        }
        match canonical_value(field, value, &sample.header[position]) {
            Some(canonical) => {
                let _ = writeln!(entries, "{} = {}", key(value), quoted(canonical));
            }
            None => {
                let _ = writeln!(
                    entries,
                    "{} = \"\"   # CHANGE: which {field}? blank leaves it unknown",
                    key(value)
                );
            }
        }
    }
    if entries.is_empty() {
        return String::new();
    }
    format!("[values.{field}]\n{entries}")
}

/// `%d/%m/%Y` and the like when the sample's dates need a pattern; `None` when the automatic
/// reading (ISO or `DD.MM.YYYY`) does.
fn date_format(sample: &Sample, mapped: &[(usize, Field)]) -> Option<&'static str> {
    let dates = mapped
        .iter()
        .filter(|(_, f)| f.kind() == Kind::Date)
        .flat_map(|(p, _)| sample.values(*p));
    guess::date_pattern(dates)
}

/// What an unmapped column holds, in words.
fn describe(sample: &Sample, position: usize) -> String {
    let values: Vec<&str> = sample.values(position).collect();
    if values.is_empty() {
        return "blank in the rows read".to_owned();
    }
    let decimal_comma = sample.delimiter != b',';
    let number = |v: &str| (decimal_comma || !v.contains(',')) && super::cells::decimal(v).is_ok();
    if values.iter().all(|v| number(v)) {
        return "numbers".to_owned();
    }
    if guess::date_pattern(values.iter().copied()).is_some()
        || values
            .iter()
            .all(|v| super::cells::date(v, &super::cells::DateFormat::Auto).is_ok())
    {
        return "dates".to_owned();
    }
    let distinct = sample.distinct(position, SMALL_SET);
    if distinct.len() <= SMALL_SET {
        let shown: Vec<String> = distinct.iter().map(|v| format!("{v:?}")).collect();
        return format!("text, {} values: {}", distinct.len(), shown.join(", "));
    }
    "text".to_owned()
}
