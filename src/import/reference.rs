//! The set-up's small files: sales points, staff and exchange rates as CSV. Each is read whole
//! (the size is bounded), every row is checked before anything is stored, and every problem is
//! reported by line and column, so a file with one bad row changes nothing.
//!
//! `,` `;` or tab separated (told by the header), UTF-8 with or without a BOM, a header row
//! naming the columns in any order; unknown columns are refused, since a misspelt column
//! would otherwise be ignored silently.

use std::collections::HashMap;

use csv::{ReaderBuilder, StringRecord};

use super::errors::RowError;
use crate::domain::message::Message;
use crate::domain::money::Currency;
use crate::domain::setup::{RateRow, SalesPointDraft, SalesPointForm, StaffRow};
use crate::domain::validation::FieldError;

/// Largest file taken (a bank with thousands of branches fits many times over).
pub const MAX_BYTES: usize = 4 << 20;
/// Most rows taken from one file.
pub const MAX_ROWS: usize = 20_000;

/// The columns of each file, required ones first.
pub const POINT_COLUMNS: (&[&str], &[&str]) = (
    &[
        "code",
        "name",
        "city",
        "format",
        "branch_cost_per_minute",
        "visit_overhead_minutes",
    ],
    &["region", "visit_limit_minutes", "product_kinds"],
);
pub const STAFF_COLUMNS: (&[&str], &[&str]) =
    (&["username", "role"], &["display_name", "sales_point"]);
pub const RATE_COLUMNS: (&[&str], &[&str]) = (&["date", "currency", "rate"], &["nominal"]);

/// A row of a file: its line and its cells by column name.
struct Row {
    line: u64,
    cells: HashMap<String, String>,
}

impl Row {
    fn get(&self, column: &str) -> &str {
        self.cells.get(column).map_or("", String::as_str)
    }
}

fn whole_file(reason: Message) -> Vec<RowError> {
    vec![RowError {
        line: 1,
        column: None,
        reason,
    }]
}

fn read(bytes: &[u8], (required, optional): (&[&str], &[&str])) -> Result<Vec<Row>, Vec<RowError>> {
    if bytes.len() > MAX_BYTES {
        return Err(whole_file(
            Message::new("setup-file-too-large").with("max_mb", MAX_BYTES >> 20),
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = 1 + bytes[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        vec![RowError {
            line: line as u64,
            column: None,
            reason: Message::new("setup-file-not-utf8"),
        }]
    })?;
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = [b';', b'\t', b',']
        .into_iter()
        .max_by_key(|d| first_line.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    let mut reader = ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| whole_file(Message::new("setup-file-csv").with("error", e)))?
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    if header.iter().all(String::is_empty) {
        return Err(whole_file(Message::new("setup-file-empty")));
    }
    let mut errors = Vec::new();
    let expected = required
        .iter()
        .chain(optional)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    for name in &header {
        if !required.contains(&name.as_str()) && !optional.contains(&name.as_str()) {
            errors.push(RowError {
                line: 1,
                column: Some(name.clone()),
                reason: Message::new("setup-column-unknown").with("expected", &expected),
            });
        }
    }
    for name in required {
        if !header.iter().any(|h| h == name) {
            errors.push(RowError {
                line: 1,
                column: Some((*name).to_owned()),
                reason: Message::new("setup-column-missing"),
            });
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut rows = Vec::new();
    let mut record = StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(1, csv::Position::line);
                errors.push(RowError {
                    line,
                    column: None,
                    reason: Message::new("setup-file-csv").with("error", e),
                });
                break;
            }
        }
        // The parser's own line count skips blank lines: count the line breaks before the
        // record's first byte instead.
        let line = record.position().map_or(0, |p| {
            let bytes = text.as_bytes();
            let mut start = usize::try_from(p.byte())
                .unwrap_or(usize::MAX)
                .min(bytes.len());
            // The recorded start may sit on the blank lines the parser skipped.
            while start < bytes.len() && matches!(bytes[start], b'\n' | b'\r') {
                start += 1;
            }
            1 + bytes[..start].iter().filter(|b| **b == b'\n').count() as u64
        });
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        if rows.len() == MAX_ROWS {
            return Err(whole_file(
                Message::new("setup-file-too-many-rows").with("max", MAX_ROWS),
            ));
        }
        if record.len() > header.len() {
            errors.push(RowError {
                line,
                column: None,
                reason: Message::new("setup-row-too-long")
                    .with("cells", record.len())
                    .with("columns", header.len()),
            });
            continue;
        }
        let cells = header
            .iter()
            .cloned()
            .zip(record.iter().map(|c| c.trim().to_owned()))
            .collect();
        rows.push(Row { line, cells });
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

fn at_line(line: u64, errors: Vec<FieldError>) -> impl Iterator<Item = RowError> {
    errors.into_iter().map(move |e| RowError {
        line,
        column: Some(e.field),
        reason: e.message,
    })
}

/// Checks every row with `parse` and that `key` is unique in the file.
fn each<T>(
    rows: Vec<Row>,
    key_column: &'static str,
    key: impl Fn(&T) -> String,
    parse: impl Fn(&Row) -> Result<T, Vec<FieldError>>,
) -> Result<Vec<(u64, T)>, Vec<RowError>> {
    let mut parsed = Vec::with_capacity(rows.len());
    let mut errors = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    for row in &rows {
        match parse(row) {
            Ok(value) => {
                if let Some(first) = seen.insert(key(&value), row.line) {
                    errors.push(RowError {
                        line: row.line,
                        column: Some(key_column.to_owned()),
                        reason: Message::new("setup-duplicate").with("first", first),
                    });
                } else {
                    parsed.push((row.line, value));
                }
            }
            Err(field_errors) => errors.extend(at_line(row.line, field_errors)),
        }
    }
    if errors.is_empty() {
        Ok(parsed)
    } else {
        Err(errors)
    }
}

/// A list of sales points.
///
/// # Errors
/// Every problem of the file, by line and column; then nothing is to be stored.
pub fn sales_points(bytes: &[u8]) -> Result<Vec<(u64, SalesPointDraft)>, Vec<RowError>> {
    let rows = read(bytes, POINT_COLUMNS)?;
    each(
        rows,
        "code",
        |p: &SalesPointDraft| p.code.clone(),
        |row| {
            SalesPointDraft::parse(&SalesPointForm {
                code: row.get("code").to_owned(),
                name: row.get("name").to_owned(),
                city: row.get("city").to_owned(),
                region: row.get("region").to_owned(),
                format: row.get("format").to_owned(),
                branch_cost_per_minute: row.get("branch_cost_per_minute").to_owned(),
                visit_overhead_minutes: row.get("visit_overhead_minutes").to_owned(),
                visit_limit_minutes: row.get("visit_limit_minutes").to_owned(),
                product_kinds: row.get("product_kinds").to_owned(),
            })
        },
    )
}

/// A list of staff.
///
/// # Errors
/// Every problem of the file, by line and column.
pub fn staff(bytes: &[u8]) -> Result<Vec<(u64, StaffRow)>, Vec<RowError>> {
    let rows = read(bytes, STAFF_COLUMNS)?;
    each(
        rows,
        "username",
        |s: &StaffRow| s.username.as_str().to_owned(),
        |row| {
            StaffRow::parse(
                row.get("username"),
                row.get("display_name"),
                row.get("role"),
                row.get("sales_point"),
            )
        },
    )
}

/// Exchange rates by date into `reporting`.
///
/// # Errors
/// Every problem of the file, by line and column.
pub fn rates(bytes: &[u8], reporting: Currency) -> Result<Vec<(u64, RateRow)>, Vec<RowError>> {
    let rows = read(bytes, RATE_COLUMNS)?;
    each(
        rows,
        "date",
        |r: &RateRow| format!("{}@{}", r.currency, r.on),
        |row| {
            RateRow::parse(
                row.get("date"),
                row.get("currency"),
                row.get("rate"),
                row.get("nominal"),
                reporting,
            )
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn columns(errors: &[RowError]) -> Vec<(u64, Option<&str>)> {
        errors
            .iter()
            .map(|e| (e.line, e.column.as_deref()))
            .collect()
    }

    #[test]
    fn sales_points_are_read_with_a_bom_and_semicolons() {
        let file = "\u{feff}code;name;city;format;branch_cost_per_minute;visit_overhead_minutes;product_kinds\n\
                    MSK-1;Tverskaya;Moscow;branch;24,5;15;*\n\
                    \n\
                    nsk-2;\"Lenina; 5\";Novosibirsk;credit_cash_office;18;12;deposit,current_account\n";
        let points = sales_points(file.as_bytes()).unwrap();
        assert_eq!(points.len(), 2);
        assert_eq!((points[1].0, points[1].1.code.as_str()), (4, "NSK-2"));
        assert_eq!(points[1].1.name, "Lenina; 5");
    }

    #[test]
    fn every_bad_cell_is_reported_by_line_and_column() {
        let file = "code,name,city,format,branch_cost_per_minute,visit_overhead_minutes\n\
                    MSK-1,Tverskaya,Moscow,branch,24,15\n\
                    MSK-1,Again,Moscow,branch,24,15\n\
                    X,,Moscow,kiosk,-3,15\n";
        let errors = sales_points(file.as_bytes()).unwrap_err();
        assert_eq!(
            columns(&errors),
            [
                (3, Some("code")),
                (4, Some("code")),
                (4, Some("name")),
                (4, Some("format")),
                (4, Some("branch_cost_per_minute")),
            ]
        );
    }

    #[test]
    fn missing_and_unknown_columns_are_named() {
        let errors = rates(b"date,currancy,rate\n2026-12-01,EUR,98\n", Currency::RUB).unwrap_err();
        assert_eq!(
            columns(&errors),
            [(1, Some("currancy")), (1, Some("currency"))]
        );
    }

    #[test]
    fn text_that_is_not_utf8_is_refused_at_its_line() {
        let mut file = b"username,role\nanna,advisor\n".to_vec();
        file.extend_from_slice(b"\xcf\xe5\xf2\xf0\xee\xe2,finance\n");
        let errors = staff(&file).unwrap_err();
        assert_eq!(columns(&errors), [(3, None)]);
    }

    #[test]
    fn the_same_rate_twice_is_a_duplicate() {
        let file = "date,currency,rate,nominal\n01.12.2026,EUR,98.1,\n2026-12-01,eur,98.2,\n";
        let errors = rates(file.as_bytes(), Currency::RUB).unwrap_err();
        assert_eq!(columns(&errors), [(3, Some("date"))]);
    }
}
