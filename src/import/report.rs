//! [`ImportReport`]: what an import did, for the person who ran it.

use std::fmt;
use std::io::Write;

use super::errors::{RowError, RowErrors};
use crate::domain::message::Message;

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
    /// Per custom attribute, how many stored rows gave it a value that rules compare as a
    /// number, and how many gave text (the attribute's type as the data made it).
    pub custom_attributes: std::collections::BTreeMap<String, CustomCount>,
    /// The text encoding the file was read in (`UTF-8`, `windows-1251` …), once known.
    pub encoding: Option<&'static str>,
    /// The column each custom attribute came from, when a column of its own filled it.
    pub custom_columns: std::collections::BTreeMap<String, String>,
    /// Keep every error, not only the first [`ImportReport::MAX_ERRORS`] (the command line's
    /// `--errors-csv`, which promises them all; a person asked for the file).
    pub keep_all: bool,
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
            if self.keep_all || self.errors.len() < Self::MAX_ERRORS {
                self.errors.push(error);
            } else {
                self.errors_not_kept += 1;
            }
        }
    }

    /// The errors as CSV (`line,column,reason`, in English), for a person. A last row says how
    /// many errors were not kept.
    ///
    /// Cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first: column names
    /// and values come from the imported file) are prefixed with `'`.
    ///
    /// # Errors
    /// The first write error of `out`.
    pub fn write_csv<W: Write>(&self, out: W) -> Result<(), csv::Error> {
        let header = ["line", "column", "reason"].map(str::to_owned);
        write_people_csv(out, &self.stored(), &header, |e| e.reason.clone())
    }

    /// [`ImportReport::write_csv`] into a string.
    #[must_use]
    pub fn to_csv(&self) -> String {
        let mut out = Vec::new();
        self.write_csv(&mut out)
            .expect("writing into a Vec cannot fail");
        String::from_utf8_lossy(&out).into_owned()
    }

    /// The errors as stored with the run: `line,column,reason,key,args`, where `reason` is the
    /// English text and `key` and `args` (a JSON list of name-value pairs) let a page say it in
    /// the reader's language.
    #[must_use]
    pub fn to_stored_csv(&self) -> String {
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer
            .write_record(["line", "column", "reason", "key", "args"])
            .expect("writing into a Vec cannot fail");
        for error in self.stored() {
            let args = serde_json::to_string(&error.args).expect("pairs of strings serialize");
            writer
                .write_record([error.line, error.column, error.reason, error.key, args])
                .expect("writing into a Vec cannot fail");
        }
        let bytes = writer.into_inner().expect("writing into a Vec cannot fail");
        String::from_utf8_lossy(&bytes).into_owned()
    }

    /// The kept errors, then a note of how many were not kept.
    fn stored(&self) -> Vec<StoredError> {
        let note = (self.errors_not_kept > 0).then(|| {
            let message = Message::new("import-more-errors").with("count", self.errors_not_kept);
            (String::new(), String::new(), message)
        });
        self.errors
            .iter()
            .map(|e| {
                let column = e.column.clone().unwrap_or_default();
                (e.line.to_string(), column, e.reason.clone())
            })
            .chain(note)
            .map(|(line, column, message)| StoredError {
                line,
                column,
                reason: message.to_string(),
                key: message.key.to_owned(),
                args: message
                    .args
                    .into_iter()
                    .map(|(name, value)| (name.to_owned(), value))
                    .collect(),
            })
            .collect()
    }
}

/// Values of one custom attribute in the stored rows, by how rules read them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CustomCount {
    pub numbers: u64,
    pub texts: u64,
}

impl CustomCount {
    /// Counts `value`.
    pub fn add(&mut self, value: &str) {
        if crate::domain::segment::custom_value_is_number(value) {
            self.numbers += 1;
        } else {
            self.texts += 1;
        }
    }
}

/// One row of a stored errors CSV.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredError {
    pub line: String,
    pub column: String,
    /// The English text.
    pub reason: String,
    /// The message key and its arguments; empty for runs stored before keys were kept.
    pub key: String,
    pub args: Vec<(String, String)>,
}

/// The first `limit` rows of an errors CSV stored with a run (its header skipped). Reads both
/// the stored layout and the older `line,column,reason`.
pub fn stored_errors(errors_csv: &str, limit: usize) -> Vec<StoredError> {
    csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(errors_csv.as_bytes())
        .records()
        .filter_map(Result::ok)
        .take(limit)
        .map(|r| StoredError {
            line: r.get(0).unwrap_or_default().to_owned(),
            column: r.get(1).unwrap_or_default().to_owned(),
            reason: r.get(2).unwrap_or_default().to_owned(),
            key: r.get(3).unwrap_or_default().to_owned(),
            args: r
                .get(4)
                .and_then(|json| serde_json::from_str(json).ok())
                .unwrap_or_default(),
        })
        .collect()
}

/// Errors as CSV for a person: `header`, then each error's line, column and `text`, with
/// formula-like cells defused.
///
/// # Errors
/// The first write error of `out`.
pub fn write_people_csv<W: Write>(
    out: W,
    errors: &[StoredError],
    header: &[String; 3],
    text: impl Fn(&StoredError) -> String,
) -> Result<(), csv::Error> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(header)?;
    for error in errors {
        writer.write_record([
            error.line.clone(),
            defused(&error.column),
            defused(&text(error)),
        ])?;
    }
    writer.flush()?;
    Ok(())
}

pub fn defused(cell: &str) -> String {
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

    use crate::domain::message::Message;

    fn error(line: u64, column: Option<&str>, reason: Message) -> RowError {
        RowError {
            line,
            column: column.map(str::to_owned),
            reason,
        }
    }

    fn not_a_date(text: &str) -> Message {
        Message::new("import-not-a-date")
            .with("text", format!("{text:?}"))
            .with("expected", "YYYY-MM-DD")
    }

    #[test]
    fn counts_rows_and_lists_errors() {
        let mut report = ImportReport::new();
        report.record_imported();
        report.record_skipped([error(3, Some("Date of birth"), not_a_date("x"))]);
        assert_eq!((report.rows, report.imported, report.skipped), (2, 1, 1));
        assert_eq!(
            report.to_string(),
            "2 rows read: 1 imported, 1 skipped\nline 3, column \"Date of birth\": \"x\" is not a \
             date in the form YYYY-MM-DD"
        );
        assert_eq!(
            report.to_csv(),
            "line,column,reason\n3,Date of birth,\"\"\"x\"\" is not a date in the form YYYY-MM-DD\"\n"
        );
    }

    #[test]
    fn keeps_the_first_thousand_errors_and_counts_the_rest() {
        let mut report = ImportReport::new();
        for line in 0..1_200 {
            report.record_skipped([error(line + 2, None, Message::new("import-not-utf8"))]);
        }
        assert_eq!(report.errors.len(), ImportReport::MAX_ERRORS);
        assert_eq!(report.errors_not_kept, 200);
        assert_eq!(report.errors[999].line, 1_001);
        assert!(report.to_string().ends_with("… and 200 more errors"));
        assert!(report.to_csv().ends_with(",,200 more errors not listed\n"));
    }

    #[test]
    fn the_stored_errors_keep_each_message_s_key_and_arguments() {
        let mut report = ImportReport::new();
        report.record_skipped([error(3, Some("Born"), not_a_date("x"))]);
        for line in 0..ImportReport::MAX_ERRORS as u64 + 2 {
            report.record_skipped([error(line + 4, None, Message::new("import-not-utf8"))]);
        }

        let stored = stored_errors(&report.to_stored_csv(), usize::MAX);

        assert_eq!(stored.len(), ImportReport::MAX_ERRORS + 1);
        assert_eq!(stored[0].line, "3");
        assert_eq!(stored[0].column, "Born");
        assert_eq!(
            stored[0].reason,
            "\"x\" is not a date in the form YYYY-MM-DD"
        );
        assert_eq!(stored[0].key, "import-not-a-date");
        assert_eq!(
            stored[0].args,
            [
                ("text".to_owned(), "\"x\"".to_owned()),
                ("expected".to_owned(), "YYYY-MM-DD".to_owned())
            ]
        );
        let last = stored.last().unwrap();
        assert_eq!(
            (last.key.as_str(), last.reason.as_str()),
            ("import-more-errors", "3 more errors not listed")
        );
    }

    #[test]
    fn runs_stored_before_keys_were_kept_still_read() {
        let stored = stored_errors("line,column,reason\n3,Born,bad date\n", 10);
        assert_eq!(stored.len(), 1);
        assert_eq!(
            (stored[0].reason.as_str(), stored[0].key.as_str()),
            ("bad date", "")
        );
        assert!(stored[0].args.is_empty());
    }

    #[test]
    fn formula_like_cells_are_defused_in_the_csv() {
        let mut report = ImportReport::new();
        let negative = Message::new("import-field-problem")
            .with("unmapped_field", "-1")
            .nest("detail_key", &Message::new("import-not-utf8"));
        report.record_skipped([error(2, Some("=HYPERLINK(\"x\")"), negative)]);
        let csv = report.to_csv();
        assert!(csv.contains("\"'=HYPERLINK(\"\"x\"\")\""), "{csv}");
        assert!(csv.contains(",'-1: is not UTF-8 text"), "{csv}");
    }
}
