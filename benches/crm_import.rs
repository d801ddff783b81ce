//! Criterion benchmarks of the CRM import's own work, the part that runs in Kombi before any
//! row reaches the database (the database side is measured by `scripts/bench-crm`).
//!
//! - `crm_import/read_and_check`: 10,000 rows of a generated extract (the canonical columns)
//!   read, mapped and checked into clients (`ImportReader`).
//! - `crm_import/prepare_rows`: the same clients turned into stored rows (values, content
//!   hash) and into one batch of binary `COPY` data, as the parsing thread does on PostgreSQL.
//!
//! Throughput is in rows, so criterion prints rows per second. Run with
//! `cargo bench --bench crm_import`.

use std::collections::HashMap;
use std::hint::black_box;
use std::io::Cursor;

use chrono::{NaiveDate, Utc};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use kombi::demo::crm_generator::generate_clients;
use kombi::import::canonical::write_clients_csv;
use kombi::import::{ImportReader, Mapping};
use kombi::persistence::client_rows::StoredClient;
use kombi::persistence::clients_copy::CopyBatch;

const ROWS: usize = 10_000;

fn extract() -> Vec<u8> {
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date");
    let mut csv = Vec::new();
    write_clients_csv(generate_clients(ROWS, 42, as_of), &mut csv).expect("written");
    csv
}

fn sales_points(clients: &[kombi::domain::client::Client]) -> HashMap<String, i32> {
    let codes = clients.iter().filter_map(|c| c.home_sales_point.clone());
    codes.zip(1..).collect()
}

fn import(c: &mut Criterion) {
    let csv = extract();
    let mapping = Mapping::canonical();
    let read = |csv: &[u8]| -> Vec<_> {
        ImportReader::new(Cursor::new(csv), &mapping)
            .expect("a readable extract")
            .map(|row| row.expect("a valid row"))
            .collect()
    };
    let clients = read(&csv);
    assert_eq!(clients.len(), ROWS);
    let points = sales_points(&clients);

    let mut group = c.benchmark_group("crm_import");
    group.throughput(Throughput::Elements(ROWS as u64));
    group.bench_function("read_and_check", |b| b.iter(|| read(black_box(&csv))));
    group.bench_function("prepare_rows", |b| {
        b.iter(|| {
            let rows = clients
                .iter()
                .map(|client| StoredClient::new(client, &points).expect("storable"))
                .collect();
            CopyBatch::new(rows, Utc::now())
        });
    });
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
