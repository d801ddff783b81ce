//! Clients as CSV, in the canonical column layout the bank's CRM exports and imports.
//!
//! One row per client, columns in [`CANONICAL_COLUMNS`] order. Cells hold the same text as a
//! [`ClientDraft`]: ISO dates, snake_case codes, `true`/`false`, amounts with `.` and their
//! scale ("87450.00"), blank for "not recorded". Lists are joined with `|` (which the domain
//! forbids inside entries), and the custom attributes go into one `custom` cell as
//! `key=value|key=value` (keys cannot contain `=`).

use std::collections::BTreeMap;
use std::io::{Read, Write};

use csv::StringRecord;

use crate::domain::client::{Client, ClientDraft, ClientErrors, FieldError};

/// The header row, in order. `custom` holds [`Client::custom_attributes`].
pub const CANONICAL_COLUMNS: &[&str] = &[
    "crm_id",
    "full_name",
    "birth_date",
    "gender",
    "employment",
    "monthly_income",
    "income_currency",
    "city",
    "city_population",
    "region",
    "marital_status",
    "children",
    "lifestyle_tags",
    "digital_affinity",
    "preferred_language",
    "islamic_banking",
    "products_held",
    "consent_to_offers",
    "data_verified_on",
    "home_sales_point",
    "custom",
];

const LIST_SEPARATOR: &str = "|";

/// Writes the header and one row per client; returns the number of clients written.
/// Streams: memory use does not grow with the number of clients.
///
/// # Errors
/// The first write (or flush) error of `out`.
pub fn write_clients_csv<W: Write>(
    clients: impl Iterator<Item = Client>,
    out: W,
) -> Result<u64, csv::Error> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(CANONICAL_COLUMNS)?;
    let mut written = 0;
    for client in clients {
        writer.write_record(client_row(&client))?;
        written += 1;
    }
    writer.flush()?;
    Ok(written)
}

/// One client's cells, in [`CANONICAL_COLUMNS`] order.
pub fn client_row(client: &Client) -> [String; 21] {
    let d = ClientDraft::from(client);
    let custom: Vec<String> = d
        .custom_attributes
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    [
        d.crm_id,
        d.full_name,
        d.birth_date,
        d.gender,
        d.employment,
        d.monthly_income,
        d.income_currency,
        d.city,
        d.city_population,
        d.region,
        d.marital_status,
        d.children,
        d.lifestyle_tags.join(LIST_SEPARATOR),
        d.digital_affinity,
        d.preferred_language,
        d.islamic_banking,
        d.products_held.join(LIST_SEPARATOR),
        d.consent_to_offers,
        d.data_verified_on,
        d.home_sales_point,
        custom.join(LIST_SEPARATOR),
    ]
}

/// Why a CSV of clients could not be read.
#[derive(Debug, thiserror::Error)]
pub enum CsvReadError {
    #[error(transparent)]
    Csv(#[from] csv::Error),
    #[error("the header must be exactly: {}", CANONICAL_COLUMNS.join(","))]
    Header,
    #[error("line {line}: {errors}")]
    Row { line: u64, errors: ClientErrors },
}

/// Reads clients written by [`write_clients_csv`] (or by a CRM using the same layout), one
/// parsed client or row error per data row.
///
/// # Errors
/// [`CsvReadError::Header`] if the header is not [`CANONICAL_COLUMNS`]; later errors come
/// per row, so an import can report every bad line.
pub fn read_clients_csv<R: Read>(
    input: R,
) -> Result<impl Iterator<Item = Result<Client, CsvReadError>>, CsvReadError> {
    let mut reader = csv::Reader::from_reader(input);
    if !reader
        .headers()?
        .iter()
        .eq(CANONICAL_COLUMNS.iter().copied())
    {
        return Err(CsvReadError::Header);
    }
    Ok(reader.into_records().map(|row| {
        let row = row?;
        let line = row.position().map_or(0, csv::Position::line);
        let errors = |errors| CsvReadError::Row { line, errors };
        draft_from_row(&row)
            .map_err(|e| errors(ClientErrors(vec![e])))?
            .parse(chrono::Utc::now().date_naive())
            .map_err(errors)
    }))
}

/// The draft held by one row in canonical order (the reader has checked the row's length).
fn draft_from_row(row: &StringRecord) -> Result<ClientDraft, FieldError> {
    let cell = |i: usize| row.get(i).unwrap_or_default().to_owned();
    let list = |i: usize| {
        let text = row.get(i).unwrap_or_default();
        text.split(LIST_SEPARATOR)
            .filter(|s| !s.trim().is_empty())
            .map(str::to_owned)
            .collect()
    };
    Ok(ClientDraft {
        crm_id: cell(0),
        full_name: cell(1),
        birth_date: cell(2),
        gender: cell(3),
        employment: cell(4),
        monthly_income: cell(5),
        income_currency: cell(6),
        city: cell(7),
        city_population: cell(8),
        region: cell(9),
        marital_status: cell(10),
        children: cell(11),
        lifestyle_tags: list(12),
        digital_affinity: cell(13),
        preferred_language: cell(14),
        islamic_banking: cell(15),
        products_held: list(16),
        consent_to_offers: cell(17),
        data_verified_on: cell(18),
        home_sales_point: cell(19),
        custom_attributes: custom_attributes(row.get(20).unwrap_or_default())?,
    })
}

fn custom_attributes(cell: &str) -> Result<BTreeMap<String, String>, FieldError> {
    let mut attributes = BTreeMap::new();
    for pair in cell.split(LIST_SEPARATOR).filter(|s| !s.trim().is_empty()) {
        let problem = |message: String| FieldError {
            field: "custom_attributes",
            message,
        };
        let (key, value) = pair
            .split_once('=')
            .ok_or_else(|| problem(format!("{pair:?} is not key=value")))?;
        if attributes
            .insert(key.trim().to_owned(), value.to_owned())
            .is_some()
        {
            return Err(problem(format!("key {:?} appears twice", key.trim())));
        }
    }
    Ok(attributes)
}

#[cfg(test)]
mod tests;
