//! Importing a real CRM extract (CSV) into clients, with a column mapping. No database here:
//! the caller stores the clients and shows the report.
//!
//! ```text
//! mapping.toml ──Mapping::from_toml──▶ Mapping ─┐
//! extract.csv ──────────────────────────────────┴▶ ImportReader ──▶ Result<Client, RowErrors> per row
//!                                                                      └──▶ ImportReport (counts, errors, CSV)
//! ```
//!
//! Design decisions:
//! - Every row goes through [`ClientDraft::parse`](crate::domain::client::ClientDraft::parse),
//!   like the desk form and the JSON API; this module only rewrites locale spellings (dates,
//!   decimal commas, "да") into the draft's text and traces each error back to its source column.
//! - One bad row never stops an import: it is skipped with its reasons and the others go in.
//!   Only problems with the file as a whole ([`ImportError`]) stop it, before any row is read.
//! - Memory stays bounded: rows are read lazily, records are capped at 1 MiB, duplicate
//!   detection keeps 16 bytes per CRM id, the report keeps at most 1,000 errors.
//! - Text in UTF-8 (with or without a BOM) or in the encoding the mapping names or `encoding`
//!   detects (Windows-1251 …), decoded while it streams.
//! - `suggest` proposes a starting mapping from a file's header and first rows.

pub mod canonical;
mod cells;
pub mod encoding;
mod errors;
mod mapping;
mod plan;
mod reader;
pub mod reference;
mod report;
mod row;
mod source;
mod suggest;
mod target;

pub use errors::{ImportError, RowError, RowErrors};
pub use mapping::{
    DateFormat, Delimiter, Field, IdPart, IdTemplate, Mapping, MappingError, MappingProblem,
    Options, Scale, Target,
};
pub use reader::{ImportReader, ImportStats};
pub use report::{
    CustomCount, ImportReport, StoredError, defused, stored_errors, write_people_csv,
};
pub use source::MAX_RECORD_BYTES;
pub use suggest::{SAMPLE_ROWS, Suggestion, suggest_mapping};

#[cfg(test)]
mod tests;
