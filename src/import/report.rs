//! [`ImportReport`]: what an import did, for the person who ran it.

use std::fmt;
use std::io::Write;

use super::errors::{RowError, RowErrors};

/// Counts of an import and its row errors, the first [`ImportReport::MAX_ERRORS`] kept.
///
/// Fed row by row ([`ImportReport::record`]), so it stays small however large the file: a
/// file where every row is wrong must not fill memory with messages nobody reads past the
/// first screen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Rows read (blank lines are not rows).
    pub rows: u64,
    pub imported: u64,
    /// Rows not imported; each has at least one error.
    pub skipped: u64,
    /// The first [`ImportReport::MAX_ERRORS`] errors, in file order.
    pub errors: Vec<RowError>,
    /// Errors beyond those kept.
    pub errors_not_kept: u64,
}

impl ImportReport {
    pub const MAX_ERRORS: usize = 1_000;

    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Counts one row as the reader yielded it.
    pub fn record<T>(&mut self, row: &Result<T, RowErrors>) {
        match row {
            Ok(_) => self.record_imported(),
            Err(errors) => self.record_skipped(errors.errors().iter().cloned()),
        }
    }

    pub fn record_imported(&mut self) {
        self.rows += 1;
        self.imported += 1;
    }

    /// Counts one skipped row with its errors, e.g. when a later step (saving) refuses a row
    /// the reader accepted.
    pub fn record_skipped(&mut self, errors: impl IntoIterator<Item = RowError>) {
        self.rows += 1;
        self.skipped += 1;
        for error in errors {
            if self.errors.len() < Self::MAX_ERRORS {
                self.errors.push(error);
            } else {
                self.errors_not_kept += 1;
            }
        }
    }

    /// The errors as CSV (`line,column,reason`), for download. A last row says how many
    /// errors were not kept.
    ///
    /// Cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first: column names
    /// and values come from the imported file) are prefixed with `'`.
    ///
    /// # Errors
    /// The first write error of `out`.
    pub fn write_csv<W: Write>(&self, out: W) -> Result<(), csv::Error> {
        let mut writer = csv::Writer::from_writer(out);
        writer.write_record(["line", "column", "reason"])?;
        for error in &self.errors {
            let column = error.column.as_deref().unwrap_or_default();
            writer.write_record([
                error.line.to_string(),
                defused(column),
                defused(&error.reason),
            ])?;
        }
        if self.errors_not_kept > 0 {
            let note = format!("{} more errors not listed", self.errors_not_kept);
            writer.write_record(["", "", note.as_str()])?;
        }
        writer.flush()?;
        Ok(())
    }

    /// [`ImportReport::write_csv`] into a string.
    #[must_use]
    pub fn to_csv(&self) -> String {
        let mut out = Vec::new();
        self.write_csv(&mut out)
            .expect("writing into a Vec cannot fail");
        String::from_utf8_lossy(&out).into_owned()
    }
}

/// The first `limit` rows of an errors CSV written by [`ImportReport::write_csv`] (its header
/// skipped), for showing on a page.
pub fn rejected_rows(errors_csv: &str, limit: usize) -> Vec<Vec<String>> {
    csv::Reader::from_reader(errors_csv.as_bytes())
        .records()
        .filter_map(Result::ok)
        .take(limit)
        .map(|r| r.iter().map(str::to_string).collect())
        .collect()
}

fn defused(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} rows read: {} imported, {} skipped",
            self.rows, self.imported, self.skipped
        )?;
        for error in &self.errors {
            write!(f, "\n{error}")?;
        }
        if self.errors_not_kept > 0 {
            write!(f, "\n… and {} more errors", self.errors_not_kept)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(line: u64, column: Option<&str>, reason: &str) -> RowError {
        RowError {
            line,
            column: column.map(str::to_owned),
            reason: reason.to_owned(),
        }
    }

    #[test]
    fn counts_rows_and_lists_errors() {
        let mut report = ImportReport::new();
        report.record_imported();
        report.record_skipped([error(3, Some("Date of birth"), "\"x\" is not a date")]);
        assert_eq!((report.rows, report.imported, report.skipped), (2, 1, 1));
        assert_eq!(
            report.to_string(),
            "2 rows read: 1 imported, 1 skipped\nline 3, column \"Date of birth\": \"x\" is not a date"
        );
        assert_eq!(
            report.to_csv(),
            "line,column,reason\n3,Date of birth,\"\"\"x\"\" is not a date\"\n"
        );
    }

    #[test]
    fn keeps_the_first_thousand_errors_and_counts_the_rest() {
        let mut report = ImportReport::new();
        for line in 0..1_200 {
            report.record_skipped([error(line + 2, None, "bad")]);
        }
        assert_eq!(report.errors.len(), ImportReport::MAX_ERRORS);
        assert_eq!(report.errors_not_kept, 200);
        assert_eq!(report.errors[999].line, 1_001);
        assert!(report.to_string().ends_with("… and 200 more errors"));
        assert!(report.to_csv().ends_with(",,200 more errors not listed\n"));
    }

    #[test]
    fn formula_like_cells_are_defused_in_the_csv() {
        let mut report = ImportReport::new();
        report.record_skipped([error(2, Some("=HYPERLINK(\"x\")"), "-1 is negative")]);
        let csv = report.to_csv();
        assert!(csv.contains("\"'=HYPERLINK(\"\"x\"\")\""), "{csv}");
        assert!(csv.contains(",'-1 is negative"), "{csv}");
    }
}
