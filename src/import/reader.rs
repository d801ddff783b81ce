//! [`ImportReader`]: a CRM extract, read lazily into clients.
//!
//! Design decisions:
//! - Streaming: one record buffer is reused and each row is converted as it is read, so memory
//!   does not grow with the file, except for duplicate detection: one entry per distinct CRM id,
//!   a 64-bit hash of the id and the line of its first occurrence: 16 bytes per row, so
//!   1,000,000 rows ≈ 16 MB of entries (the hash table allocates 18–36 MB for them, depending
//!   on where its power-of-two growth stands). Two different
//!   ids with the same hash (odds about 1 in 37 million for a million ids) would be reported
//!   as duplicates; the message names the earlier line, so a person can see it is not.
//! - Line numbers are physical lines, 1-based, header included, counted where a record starts,
//!   so a quoted cell with line breaks does not shift the lines of later rows. The CSV parser
//!   reports where a record ends; we subtract the line breaks inside its cells (see `line_of`).
//! - A CRM id seen in an earlier row makes a later row a duplicate even if the earlier row was
//!   skipped for another reason: which of the two is right is for a person to decide.
//! - A read error or an over-long record ends the iteration with one last error: the parser
//!   cannot find the next record boundary reliably after either.

use crate::domain::message::Message;
use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};
use std::io::Read;
use std::iter::FusedIterator;

use csv::{ByteRecord, ReaderBuilder, Terminator};

use super::encoding::Decoded;
use super::errors::{ImportError, RowError, RowErrors};
use super::mapping::Mapping;
use super::plan::Plan;
use super::row::{Outcome, Problem};
use super::source::{self, MAX_RECORD_BYTES, Source};
use super::target::Field;
use crate::domain::client::{Client, CrmId};

/// Counts of the rows read so far. Blank lines are not rows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportStats {
    pub rows_read: u64,
    pub rows_ok: u64,
    pub rows_failed: u64,
}

/// Reads clients from a CSV extract with a [`Mapping`]; an iterator of one
/// `Result<Client, RowErrors>` per record.
pub struct ImportReader<R: Read> {
    csv: csv::Reader<Source<Decoded<R>>>,
    /// The file's text encoding, as named by the mapping or detected.
    encoding: &'static encoding_rs::Encoding,
    plan: Plan,
    record: ByteRecord,
    /// Hash of each CRM id seen → line of its first occurrence.
    first_seen: HashMap<u64, u64>,
    /// Keyed afresh for each file, so nobody can craft ids that collide on purpose.
    id_hasher: RandomState,
    stats: ImportStats,
    delimiter: u8,
    finished: bool,
}

impl<R: Read> ImportReader<R> {
    /// Reads the header and matches it against `mapping`; rows are read as the iterator is
    /// advanced.
    ///
    /// # Errors
    /// [`ImportError`] when the file cannot be imported at all: empty, unreadable, delimiter
    /// unclear, a mapped column missing from the header, … A header without rows is not an
    /// error: the iterator is then empty.
    pub fn new(reader: R, mapping: &Mapping) -> Result<Self, ImportError> {
        let named = mapping
            .options()
            .encoding
            .as_deref()
            .and_then(super::encoding::by_label);
        let (reader, encoding) = super::encoding::decoded(reader, named)?;
        let (header_line, source) = source::open(reader)?;
        let delimiter = match mapping.options().delimiter.byte() {
            Some(byte) => byte,
            None => source::detect_delimiter(&header_line)?,
        };
        // Records end at '\n' only, so that the parser's line count and ours agree on CRLF
        // files; the row converter drops the '\r' left on the last cell.
        let mut csv = ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .terminator(Terminator::Any(b'\n'))
            .from_reader(source);
        let mut record = ByteRecord::new();
        if !csv.read_byte_record(&mut record)? {
            return Err(ImportError::Empty);
        }
        let header = header_names(&record)?;
        if header.iter().all(|name| name.trim().is_empty()) {
            return Err(ImportError::Empty);
        }
        let mut plan = Plan::new(header, mapping)?;
        // In a `,` file a comma inside a cell is quoted text; in a `;` or tab file it is the
        // decimal separator, as Russian and European spreadsheets write numbers.
        plan.decimal_comma = delimiter != b',';
        Ok(Self {
            csv,
            encoding,
            plan,
            record,
            first_seen: HashMap::new(),
            id_hasher: RandomState::new(),
            stats: ImportStats::default(),
            delimiter,
            finished: false,
        })
    }

    /// The file's text encoding (`UTF-8`, `windows-1251` …), named by the mapping or detected.
    pub fn encoding(&self) -> &'static str {
        self.encoding.name()
    }

    /// The rows counted so far; final once the iterator has ended.
    pub fn stats(&self) -> ImportStats {
        self.stats
    }

    /// The header's column names (trimmed unless the mapping says not to).
    pub fn columns(&self) -> &[String] {
        &self.plan.columns
    }

    /// The line where the record last yielded starts, for errors found after reading (saving).
    pub fn last_line(&self) -> u64 {
        self.line_of()
    }

    /// Each custom attribute a column of its own fills, with that column's name (as in the
    /// header): the report names the column beside the attribute.
    pub fn custom_columns(&self) -> Vec<(String, String)> {
        self.plan
            .slots
            .iter()
            .zip(&self.plan.columns)
            .filter_map(|(slot, column)| match slot {
                super::plan::Slot::Custom(key, _) => Some((key.clone(), column.clone())),
                _ => None,
            })
            .collect()
    }

    /// The delimiter in use, as configured or detected.
    pub fn delimiter(&self) -> u8 {
        self.delimiter
    }

    /// The line where the record just read starts.
    ///
    /// The parser's position after a record is the start of the next line (each record ends
    /// with '\n': `source` appends one to the file), so the record starts that many lines up,
    /// less the line breaks inside its cells. A record ended by the end of the input instead
    /// (an unclosed quote) would come out one short; its own start position, which can only
    /// err early by counting skipped blank lines, bounds it from below.
    fn line_of(&self) -> u64 {
        let breaks = self
            .record
            .as_slice()
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        let from_end = self.csv.position().line().saturating_sub(1 + breaks as u64);
        let from_start = self.record.position().map_or(1, csv::Position::line);
        from_end.max(from_start)
    }

    fn reject(&mut self, line: u64, mut problems: Vec<Problem>) -> RowErrors {
        self.stats.rows_failed += 1;
        problems.sort_by_key(|(position, _)| position.unwrap_or(usize::MAX));
        let errors = problems
            .into_iter()
            .map(|(position, reason)| RowError {
                line,
                column: position.and_then(|p| self.plan.columns.get(p).cloned()),
                reason,
            })
            .collect();
        RowErrors::new(errors)
    }

    /// The line of the first row with this CRM id, if this is not the first.
    fn earlier_occurrence(&mut self, id: &CrmId, line: u64) -> Option<u64> {
        let hash = self.id_hasher.hash_one(id.as_str());
        let first = *self.first_seen.entry(hash).or_insert(line);
        (first != line).then_some(first)
    }
}

impl<R: Read> Iterator for ImportReader<R> {
    type Item = Result<Client, RowErrors>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.finished {
            let start = self.csv.position().clone();
            self.csv.get_mut().budget_from(start.byte());
            match self.csv.read_byte_record(&mut self.record) {
                Ok(true) => {}
                Ok(false) => self.finished = true,
                Err(error) => {
                    self.finished = true;
                    self.stats.rows_read += 1;
                    let reason = if self.csv.get_ref().tripped {
                        Message::new("import-record-too-long").with("max", MAX_RECORD_BYTES)
                    } else {
                        Message::new("import-reading-stopped").with("error", error)
                    };
                    return Some(Err(self.reject(start.line(), vec![(None, reason)])));
                }
            }
            if self.finished {
                break;
            }
            let line = self.line_of();
            let ordinal = self.stats.rows_read + 1;
            let Outcome::Row { crm_id, result } = self.plan.convert(&self.record, ordinal) else {
                continue;
            };
            self.stats.rows_read += 1;
            let duplicate = crm_id
                .and_then(|id| Some((self.earlier_occurrence(&id, line)?, id)))
                .map(|(first, id)| {
                    let position = self.plan.column_of(Field::CrmId);
                    let reason = Message::new("import-duplicate-id")
                        .with("id", &id)
                        .with("first", first);
                    (position, reason)
                });
            let result = match (result, duplicate) {
                (Ok(client), None) => {
                    self.stats.rows_ok += 1;
                    Ok(client)
                }
                (Ok(_), Some(duplicate)) => Err(self.reject(line, vec![duplicate])),
                (Err(mut problems), duplicate) => {
                    problems.extend(duplicate);
                    Err(self.reject(line, problems))
                }
            };
            return Some(result);
        }
        None
    }
}

impl<R: Read> FusedIterator for ImportReader<R> {}

fn header_names(record: &ByteRecord) -> Result<Vec<String>, ImportError> {
    let last = record.len().saturating_sub(1);
    record
        .iter()
        .enumerate()
        .map(|(i, bytes)| {
            let bytes = if i == last {
                bytes.strip_suffix(b"\r").unwrap_or(bytes)
            } else {
                bytes
            };
            String::from_utf8(bytes.to_vec())
                .map_err(|_| ImportError::HeaderNotUtf8 { position: i + 1 })
        })
        .collect()
}
