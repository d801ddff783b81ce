//! The synthetic CRM, written in the canonical CSV and read back by the importer: identical,
//! however long.

use std::fs::File;
use std::io::{BufWriter, Write};

use chrono::NaiveDate;

use super::generate_clients;
use crate::domain::client::Client;
use crate::import::canonical::write_clients_csv;
use crate::import::{ImportReader, ImportStats, Mapping, RowErrors};

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 30).unwrap()
}

fn read_all(text: &[u8], mapping: &Mapping) -> (Vec<Result<Client, RowErrors>>, ImportStats) {
    let mut reader = ImportReader::new(text, mapping).unwrap();
    let rows: Vec<_> = reader.by_ref().collect();
    (rows, reader.stats())
}

#[test]
fn generated_clients_read_back_identical_with_the_default_mapping() {
    let clients: Vec<Client> = generate_clients(3_000, 11, as_of()).collect();
    let mut text = Vec::new();
    write_clients_csv(clients.iter().cloned(), &mut text).unwrap();
    let (rows, stats) = read_all(&text, &Mapping::canonical());
    let read: Vec<Client> = rows.into_iter().map(Result::unwrap).collect();
    assert_eq!(read, clients);
    assert_eq!(
        (stats.rows_read, stats.rows_ok, stats.rows_failed),
        (3_000, 3_000, 0)
    );
}

/// 200,000 rows (about 50 MB) streamed from disk: the reader must finish and count right.
/// Memory is bounded by construction (see `reader`); this proves it runs to the end.
#[test]
fn a_large_file_is_read_row_by_row() {
    const ROWS: usize = 200_000;
    let file = tempfile::NamedTempFile::new().unwrap();
    {
        let mut out = BufWriter::new(file.reopen().unwrap());
        write_clients_csv(generate_clients(ROWS, 5, as_of()), &mut out).unwrap();
        // One duplicate at the end, to see it found across the whole file.
        let first = generate_clients(1, 5, as_of()).next().unwrap();
        let blanks = ",".repeat(crate::import::canonical::CANONICAL_COLUMNS.len() - 2);
        writeln!(out, "{},Duplicate Dmitri{blanks}", first.crm_id).unwrap();
        out.flush().unwrap();
    }
    let mut reader =
        ImportReader::new(File::open(file.path()).unwrap(), &Mapping::canonical()).unwrap();
    let mut last_line = 0;
    let mut failures = Vec::new();
    for row in reader.by_ref() {
        match row {
            Ok(_) => last_line += 1,
            Err(errors) => failures.push(errors),
        }
    }
    let stats = reader.stats();
    assert_eq!(stats.rows_read, ROWS as u64 + 1);
    assert_eq!((stats.rows_ok, stats.rows_failed), (ROWS as u64, 1));
    assert_eq!(last_line, ROWS);
    assert_eq!(failures[0].line(), ROWS as u64 + 2);
    assert_eq!(
        failures[0].errors()[0].reason.to_string(),
        "duplicate CRM id CRM-0000001, first seen on line 2"
    );
}
