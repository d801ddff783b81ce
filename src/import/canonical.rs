//! Clients as CSV, in Kombi's canonical column layout: what `Mapping::canonical` reads and what
//! the demo's synthetic CRM writes.
//!
//! One row per client, columns in [`CANONICAL_COLUMNS`] order. Cells hold the same text as a
//! [`ClientDraft`]: ISO dates, snake_case codes, `true`/`false`, amounts with `.` and their
//! scale ("87450.00"), blank for "not recorded". Lists are joined with `|` (which the domain
//! forbids inside entries), and the custom attributes go into one `custom` cell as
//! `key=value|key=value` (keys cannot contain `=`).

use std::io::Write;

use crate::domain::client::{Client, ClientDraft};

/// The header row, in order. `custom` holds [`Client::custom_attributes`].
pub const CANONICAL_COLUMNS: &[&str] = &[
    "crm_id",
    "full_name",
    "phone",
    "birth_date",
    "age",
    "age_as_of",
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

/// Columns added to the layout after files were written without them: the canonical mapping
/// reads a file that lacks them (their fields are then not recorded).
pub const ADDED_COLUMNS: &[&str] = &["phone", "age", "age_as_of"];

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
pub fn client_row(client: &Client) -> [String; 24] {
    let d = ClientDraft::from(client);
    let custom: Vec<String> = d
        .custom_attributes
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    [
        d.crm_id,
        d.full_name,
        d.phone,
        d.birth_date,
        d.age,
        d.age_as_of,
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

#[cfg(test)]
mod tests;
