//! What can go wrong in an import.
//!
//! Two levels, because they call for different reactions: an [`ImportError`] means the file as
//! a whole cannot be read with this mapping (nothing is imported; show the message and ask for
//! another file or mapping); a [`RowError`] concerns one record, which is skipped while the
//! others go in, and ends up in the [`ImportReport`](super::ImportReport).

use std::fmt;

use crate::domain::message::Message;

use super::source::MAX_HEADER_BYTES;

/// Why a file cannot be imported at all.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("the file is empty")]
    Empty,
    #[error(
        "this is not a CSV file (it holds binary data, like a spreadsheet or an image): export \
         the extract from the CRM as CSV and import that"
    )]
    NotText,
    #[error("could not read the file: {0}")]
    Io(#[from] std::io::Error),
    #[error("could not read the header: {0}")]
    Csv(#[from] csv::Error),
    #[error(
        "the header line is longer than {MAX_HEADER_BYTES} bytes; is this a CSV file, with a \
         quote left open?"
    )]
    HeaderTooLong,
    #[error(
        "the header line opens a quote (\") that is never closed; check the first line of the \
         file"
    )]
    HeaderQuoteOpen,
    #[error(
        "cannot tell the delimiter: the header line has {counts}; set options.delimiter in the \
         mapping"
    )]
    AmbiguousDelimiter { counts: String },
    #[error("column {position} of the header is not UTF-8 text; save the file as UTF-8")]
    HeaderNotUtf8 { position: usize },
    #[error("the header lacks the mapped column(s) {}; it has {}", quoted(.missing), quoted(.found))]
    MissingColumns {
        missing: Vec<String>,
        found: Vec<String>,
    },
    #[error("the header has the mapped column {name:?} more than once")]
    DuplicateColumn { name: String },
    #[error(
        "columns {first:?} and {second:?} would both become the custom attribute {name:?}; \
         map or ignore one of them"
    )]
    AttributeClash {
        first: String,
        second: String,
        name: String,
    },
    #[error(
        "column {column:?} is not mapped, so it would be kept as a custom attribute, but {why}; \
         map the column or list it in options.ignore"
    )]
    ShadowedAttribute { column: String, why: String },
}

fn quoted(names: &[String]) -> String {
    let names: Vec<String> = names.iter().map(|n| format!("{n:?}")).collect();
    names.join(", ")
}

/// One problem with one record of the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct RowError {
    /// Physical line of the file where the record starts, 1-based; the header is line 1
    /// (unless blank lines precede it). A record with a quoted line break spans several lines.
    pub line: u64,
    /// The source column (as in the file's header) holding the faulty value, if one does.
    pub column: Option<String>,
    /// What is wrong, for the reader (the CLI and logs say it in English).
    pub reason: Message,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.column {
            Some(column) => write!(f, "line {}, column {column:?}: {}", self.line, self.reason),
            None => write!(f, "line {}: {}", self.line, self.reason),
        }
    }
}

/// Every problem of one skipped record, in column order; never empty, all on the same line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", join(.0))]
pub struct RowErrors(Vec<RowError>);

fn join(errors: &[RowError]) -> String {
    let all: Vec<String> = errors.iter().map(ToString::to_string).collect();
    all.join("; ")
}

impl RowErrors {
    /// # Panics
    /// If `errors` is empty: a skipped row always has a reason.
    pub(super) fn new(errors: Vec<RowError>) -> Self {
        assert!(!errors.is_empty(), "a skipped row needs a reason");
        Self(errors)
    }

    /// The line where the record starts.
    pub fn line(&self) -> u64 {
        self.0[0].line
    }

    pub fn errors(&self) -> &[RowError] {
        &self.0
    }

    pub fn into_vec(self) -> Vec<RowError> {
        self.0
    }
}

impl IntoIterator for RowErrors {
    type Item = RowError;
    type IntoIter = std::vec::IntoIter<RowError>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}
