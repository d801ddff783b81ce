//! A domain client as the values of its `clients` row, computed once and then written either as
//! an sea-orm active model or as a line of PostgreSQL's `COPY` text format.

use std::collections::HashMap;
use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate, Utc};
use rust_decimal::RoundingStrategy;
use sea_orm::ActiveValue::Set;
use sha2::{Digest, Sha256};

use super::StoreError;
use super::entities::client;
use super::scaled::{AMOUNT_SCALE, to_units};
use crate::domain::client::Client;

/// The `clients` columns a write sets (the id, `created_at` and `updated_at` aside), in the
/// order [`StoredClient::write_copy_line`] writes them.
pub const WRITTEN_COLUMNS: [&str; 24] = [
    "crm_id",
    "full_name",
    "search_name",
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
    "home_sales_point_id",
    "custom_attributes",
    "content_hash",
    "monthly_income_exact",
];

/// Everything stored about one client, as column values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredClient {
    pub crm_id: String,
    pub full_name: String,
    pub search_name: String,
    pub birth_date: Option<NaiveDate>,
    pub gender: Option<&'static str>,
    pub employment: Option<&'static str>,
    pub monthly_income: Option<i64>,
    pub income_currency: Option<String>,
    pub city: Option<String>,
    pub city_population: Option<i64>,
    pub region: Option<String>,
    pub marital_status: Option<&'static str>,
    pub children: Option<i32>,
    pub lifestyle_tags: String,
    pub digital_affinity: Option<&'static str>,
    pub preferred_language: Option<String>,
    pub islamic_banking: bool,
    pub products_held: String,
    pub consent_to_offers: bool,
    pub data_verified_on: Option<NaiveDate>,
    pub home_sales_point_id: Option<i32>,
    pub custom_attributes: String,
    pub content_hash: String,
    pub monthly_income_exact: Option<String>,
}

/// A valid client that cannot be stored as it is: an income beyond the column's range, a home
/// sales point the bank does not have.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("client {crm_id}: {field}: {reason}")]
pub struct Unstorable {
    pub crm_id: String,
    pub field: &'static str,
    pub reason: String,
}

impl From<Unstorable> for StoreError {
    fn from(err: Unstorable) -> Self {
        StoreError::InvalidField {
            field: err.field.to_string(),
            message: err.reason,
        }
    }
}

/// `|a|b|`, so that `LIKE '%|a|%'` matches one whole element on both backends.
pub fn delimited(items: &[String]) -> String {
    if items.is_empty() {
        String::new()
    } else {
        format!("|{}|", items.join("|"))
    }
}

/// The lower-cased name that name searches run against.
pub fn search_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// SHA-256 of everything stored about the client (serde's field order is fixed, maps sorted).
fn content_hash(client: &Client) -> Result<String, serde_json::Error> {
    let canonical = serde_json::to_vec(client)?;
    Ok(hex::encode(Sha256::digest(&canonical)))
}

impl StoredClient {
    /// # Errors
    /// An unknown home sales point; an income too large to store.
    pub fn new(
        client: &Client,
        sales_point_ids: &HashMap<String, i32>,
    ) -> Result<Self, Unstorable> {
        let crm_id = client.crm_id.as_str();
        let unstorable = |field, reason| Unstorable {
            crm_id: crm_id.to_string(),
            field,
            reason,
        };
        // Floored to the column's scale (rounding could lift an income over a rule's threshold);
        // the exact value is kept beside it.
        let monthly_income = client
            .monthly_income
            .map(|income| {
                let floored = income
                    .round_dp_with_strategy(AMOUNT_SCALE, RoundingStrategy::ToNegativeInfinity);
                to_units(floored, AMOUNT_SCALE, "monthly_income")
            })
            .transpose()
            .map_err(|e| unstorable("monthly_income", e.to_string()))?;
        let home_sales_point_id = match &client.home_sales_point {
            None => None,
            Some(code) => Some(*sales_point_ids.get(code).ok_or_else(|| {
                unstorable("home_sales_point", format!("unknown sales point {code}"))
            })?),
        };
        // Serializing maps of strings cannot fail.
        let custom_attributes = serde_json::to_string(&client.custom_attributes)
            .map_err(|e| unstorable("custom_attributes", e.to_string()))?;
        Ok(Self {
            crm_id: crm_id.to_string(),
            full_name: client.full_name.clone(),
            search_name: search_key(&client.full_name),
            birth_date: client.birth_date,
            gender: client.gender.map(|g| g.as_str()),
            employment: client.employment.map(|e| e.as_str()),
            monthly_income,
            income_currency: client.income_currency.clone(),
            city: client.city.clone(),
            city_population: client.city_population,
            region: client.region.clone(),
            marital_status: client.marital_status.map(|m| m.as_str()),
            children: client.children,
            lifestyle_tags: delimited(&client.lifestyle_tags),
            digital_affinity: client.digital_affinity.map(|d| d.as_str()),
            preferred_language: client.preferred_language.clone(),
            islamic_banking: client.islamic_banking,
            products_held: delimited(&client.products_held),
            consent_to_offers: client.consent_to_offers,
            data_verified_on: client.data_verified_on,
            home_sales_point_id,
            custom_attributes,
            content_hash: content_hash(client).map_err(|e| unstorable("crm_id", e.to_string()))?,
            monthly_income_exact: client.monthly_income.map(|i| i.to_string()),
        })
    }

    pub fn into_active_model(self) -> client::ActiveModel {
        let now = Utc::now();
        let owned = |v: Option<&'static str>| v.map(str::to_string);
        client::ActiveModel {
            crm_id: Set(self.crm_id),
            full_name: Set(self.full_name),
            search_name: Set(self.search_name),
            birth_date: Set(self.birth_date),
            gender: Set(owned(self.gender)),
            employment: Set(owned(self.employment)),
            monthly_income: Set(self.monthly_income),
            income_currency: Set(self.income_currency),
            city: Set(self.city),
            city_population: Set(self.city_population),
            region: Set(self.region),
            marital_status: Set(owned(self.marital_status)),
            children: Set(self.children),
            lifestyle_tags: Set(self.lifestyle_tags),
            digital_affinity: Set(owned(self.digital_affinity)),
            preferred_language: Set(self.preferred_language),
            islamic_banking: Set(self.islamic_banking),
            products_held: Set(self.products_held),
            consent_to_offers: Set(self.consent_to_offers),
            data_verified_on: Set(self.data_verified_on),
            home_sales_point_id: Set(self.home_sales_point_id),
            custom_attributes: Set(self.custom_attributes),
            content_hash: Set(self.content_hash),
            monthly_income_exact: Set(self.monthly_income_exact),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
    }

    /// Appends the row as one line of `COPY … FROM STDIN` text format, columns in the order of
    /// [`WRITTEN_COLUMNS`], then `trailing` (further fields, already in that format and each
    /// preceded by a tab) before the line's end.
    pub fn write_copy_line(&self, out: &mut String, trailing: &str) {
        let mut copy = CopyLine { out, first: true };
        copy.text(Some(&self.crm_id));
        copy.text(Some(&self.full_name));
        copy.text(Some(&self.search_name));
        copy.date(self.birth_date);
        copy.text(self.gender);
        copy.text(self.employment);
        copy.number(self.monthly_income);
        copy.text(self.income_currency.as_deref());
        copy.text(self.city.as_deref());
        copy.number(self.city_population);
        copy.text(self.region.as_deref());
        copy.text(self.marital_status);
        copy.number(self.children);
        copy.text(Some(&self.lifestyle_tags));
        copy.text(self.digital_affinity);
        copy.text(self.preferred_language.as_deref());
        copy.boolean(self.islamic_banking);
        copy.text(Some(&self.products_held));
        copy.boolean(self.consent_to_offers);
        copy.date(self.data_verified_on);
        copy.number(self.home_sales_point_id);
        copy.text(Some(&self.custom_attributes));
        copy.text(Some(&self.content_hash));
        copy.text(self.monthly_income_exact.as_deref());
        copy.out.push_str(trailing);
        copy.out.push('\n');
    }
}

/// Writes fields of PostgreSQL's `COPY` text format: tab-separated, `\N` for NULL, and a
/// backslash before the characters that would otherwise end a field or a row.
struct CopyLine<'a> {
    out: &'a mut String,
    first: bool,
}

impl CopyLine<'_> {
    fn separator(&mut self) {
        if !self.first {
            self.out.push('\t');
        }
        self.first = false;
    }

    fn null(&mut self) {
        self.out.push_str("\\N");
    }

    fn text(&mut self, value: Option<&str>) {
        self.separator();
        let Some(value) = value else {
            return self.null();
        };
        // Copies the runs between special characters whole: most values have none.
        let mut run_start = 0;
        for (at, byte) in value.bytes().enumerate() {
            let escaped = match byte {
                b'\\' => "\\\\",
                b'\t' => "\\t",
                b'\n' => "\\n",
                b'\r' => "\\r",
                _ => continue,
            };
            self.out.push_str(&value[run_start..at]);
            self.out.push_str(escaped);
            run_start = at + 1;
        }
        self.out.push_str(&value[run_start..]);
    }

    fn number(&mut self, value: Option<impl std::fmt::Display>) {
        self.separator();
        match value {
            Some(n) => {
                let _ = write!(self.out, "{n}");
            }
            None => self.null(),
        }
    }

    fn date(&mut self, value: Option<NaiveDate>) {
        self.separator();
        match value {
            // Written by hand: chrono's `format` parses its pattern again for every value.
            Some(d) => {
                let _ = write!(self.out, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day());
            }
            None => self.null(),
        }
    }

    fn boolean(&mut self, value: bool) {
        self.separator();
        self.out.push(if value { 't' } else { 'f' });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(fields: impl FnOnce(&mut CopyLine)) -> String {
        let mut out = String::new();
        let mut copy = CopyLine {
            out: &mut out,
            first: true,
        };
        fields(&mut copy);
        out
    }

    #[test]
    fn copy_text_escapes_what_would_end_a_field_or_a_row() {
        let written = line(|c| c.text(Some("a\\b\tc\nd\re")));
        assert_eq!(written, "a\\\\b\\tc\\nd\\re");
        let cyrillic = line(|c| c.text(Some("Пётр\\Ёлкин")));
        assert_eq!(cyrillic, "Пётр\\\\Ёлкин");
    }

    #[test]
    fn copy_fields_are_tab_separated_with_null_marker() {
        let date = NaiveDate::from_ymd_opt(1989, 3, 7);
        let written = line(|c| {
            c.text(None);
            c.number(Some(-42_i64));
            c.number(None::<i32>);
            c.date(date);
            c.boolean(true);
            c.text(Some(""));
        });
        assert_eq!(written, "\\N\t-42\t\\N\t1989-03-07\tt\t");
    }

    #[test]
    fn a_copy_line_has_one_field_per_written_column() {
        let client = crate::domain::client::ClientDraft {
            crm_id: "CRM-1".into(),
            full_name: "Back\\slash".into(),
            ..Default::default()
        }
        .parse()
        .expect("valid client");
        let stored = StoredClient::new(&client, &HashMap::new()).expect("storable");
        let mut out = String::new();
        stored.write_copy_line(&mut out, "");
        assert!(out.ends_with('\n'));
        assert_eq!(
            out.trim_end_matches('\n').split('\t').count(),
            WRITTEN_COLUMNS.len()
        );
    }
}
