//! The canonical CSV reads back as written, however long.

use std::fs::File;
use std::io::{BufWriter, Write};

use chrono::NaiveDate;

use super::*;
use crate::demo::crm_csv::write_clients_csv;
use crate::demo::crm_generator::generate_clients;

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 30).unwrap()
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

#[test]
fn the_canonical_mapping_reads_packed_custom_attributes() {
    let text = "crm_id,full_name,birth_date,gender,employment,monthly_income,income_currency,city,\
                city_population,region,marital_status,children,lifestyle_tags,digital_affinity,\
                preferred_language,islamic_banking,products_held,consent_to_offers,data_verified_on,\
                home_sales_point,custom,extra\n\
                C1,I I,,,,,,,,,,,,,,,,,,,a=1|note=x=y|empty=,e\n";
    let client = only_client(text, &Mapping::canonical());
    let attributes: Vec<(&str, &str)> = client
        .custom_attributes
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        attributes,
        [("a", "1"), ("empty", ""), ("extra", "e"), ("note", "x=y")]
    );
    let clash = text.replace("a=1|", "extra=1|");
    let errors = only_errors(&clash, &Mapping::canonical());
    assert_eq!(errors[0].column.as_deref(), Some("extra"));
    assert_eq!(
        errors[0].reason,
        "custom attribute \"extra\" is given twice"
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
        writeln!(out, "{},Duplicate Dmitri,,,,,,,,,,,,,,,,,,,", first.crm_id).unwrap();
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
        failures[0].errors()[0].reason,
        "duplicate CRM id CRM-0000001, first seen on line 2"
    );
}
