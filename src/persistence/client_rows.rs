//! A domain client as the values of its `clients` row, computed once and then written either as
//! an sea-orm active model or as a row of PostgreSQL's binary `COPY` format.

use crate::domain::message::Message;
use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::RoundingStrategy;
use sea_orm::ActiveValue::Set;
use sha2::{Digest, Sha256};

use super::StoreError;
use super::copy_binary::{self, Fields};
use super::entities::client;
use super::scaled::{AMOUNT_SCALE, to_units};
use crate::domain::client::Client;

/// The `clients` columns a write sets (the id, `created_at` and `updated_at` aside), in the
/// order [`StoredClient::write_copy_row`] writes them; the content hash, last, covers the others.
pub const WRITTEN_COLUMNS: [&str; 28] = [
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
    "monthly_income_exact",
    "phone",
    "stated_age",
    "age_as_of",
    "age_basis",
    "content_hash",
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
    pub phone: Option<String>,
    pub stated_age: Option<i32>,
    pub age_as_of: Option<NaiveDate>,
    /// Derived from the birth date or the stated age, so not hashed.
    pub age_basis: Option<NaiveDate>,
}

/// A valid client that cannot be stored as it is: an income beyond the column's range, a home
/// sales point the bank does not have.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("client {crm_id}: {field}: {reason}")]
pub struct Unstorable {
    pub crm_id: String,
    pub field: &'static str,
    pub reason: Message,
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

/// Characters `clients.search_name` holds: as many as a full name may have.
const SEARCH_NAME_CHARS: usize = 200;

/// The lower-cased name that name searches run against, `ё` written `е` as people type it.
/// Lower-casing can lengthen a name (`İ` becomes two characters), so the key is cut to what the
/// column holds: a name search matches on the first 200 characters, and the row is never
/// refused by the database.
pub fn search_key(name: &str) -> String {
    let key = name.trim().to_lowercase().replace('ё', "е");
    match key.char_indices().nth(SEARCH_NAME_CHARS) {
        Some((end, _)) => key[..end].to_owned(),
        None => key,
    }
}

/// Lower-case hexadecimal, as the hash is stored.
fn hex_digest(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(digest.len() * 2);
    for byte in digest {
        hex.push(char::from(DIGITS[usize::from(byte >> 4)]));
        hex.push(char::from(DIGITS[usize::from(byte & 0xf)]));
    }
    hex
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
            .map_err(|e| unstorable("monthly_income", e.message()))?;
        let home_sales_point_id = match &client.home_sales_point {
            None => None,
            Some(code) => Some(*sales_point_ids.get(code).ok_or_else(|| {
                unstorable(
                    "home_sales_point",
                    Message::new("sales-point-unknown").with("code", code),
                )
            })?),
        };
        // Serializing maps of strings cannot fail.
        let custom_attributes = serde_json::to_string(&client.custom_attributes).map_err(|e| {
            unstorable(
                "custom_attributes",
                Message::new("value-unstorable").with("detail", e),
            )
        })?;
        let mut stored = Self {
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
            monthly_income_exact: client.monthly_income.map(|i| i.to_string()),
            phone: client.phone.clone(),
            // At most MAX_STATED_AGE.
            stated_age: client
                .stated_age
                .map(|a| i32::try_from(a.years()).unwrap_or(i32::MAX)),
            age_as_of: client.stated_age.map(|a| a.as_of()),
            age_basis: client.age_basis(),
            content_hash: String::new(),
        };
        stored.content_hash = stored.values_hash();
        Ok(stored)
    }

    /// SHA-256 of every stored value but the hash itself, in their binary `COPY` form (each
    /// value length-prefixed, so no two different rows encode alike).
    ///
    /// Columns added later are hashed only when they hold something: a client without a phone
    /// hashes as before that column existed, and one without a stated age as before those
    /// columns, so the first import after a column was added rewrites only the clients that
    /// now have a value there. (Each addition makes the encoding longer, so encodings with and
    /// without it cannot be mistaken for each other.)
    fn values_hash(&self) -> String {
        let mut encoded = Vec::with_capacity(512);
        let mut fields = Fields::new(&mut encoded);
        self.write_hashed_values(&mut fields);
        if self.phone.is_some() || self.stated_age.is_some() {
            fields.text(self.phone.as_deref());
        }
        if self.stated_age.is_some() {
            fields.int4(self.stated_age);
            fields.date(self.age_as_of);
        }
        hex_digest(&encoded)
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
            phone: Set(self.phone),
            stated_age: Set(self.stated_age),
            age_as_of: Set(self.age_as_of),
            age_basis: Set(self.age_basis),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
    }

    /// Appends the row in binary `COPY` format: the columns of [`WRITTEN_COLUMNS`], then
    /// `created_at` and `updated_at`, both `stamped_at`.
    pub fn write_copy_row(&self, out: &mut Vec<u8>, stamped_at: DateTime<Utc>) {
        let columns = WRITTEN_COLUMNS.len() + 2;
        let mut row = copy_binary::begin_row(out, i16::try_from(columns).unwrap_or(i16::MAX));
        self.write_hashed_values(&mut row);
        row.text(self.phone.as_deref());
        row.int4(self.stated_age);
        row.date(self.age_as_of);
        row.date(self.age_basis);
        row.text(Some(&self.content_hash));
        row.timestamptz(stamped_at);
        row.timestamptz(stamped_at);
    }

    /// The values of [`WRITTEN_COLUMNS`] up to the phone (which [`Self::values_hash`] and
    /// [`Self::write_copy_row`] each write their way), in that order.
    fn write_hashed_values(&self, fields: &mut Fields) {
        fields.text(Some(&self.crm_id));
        fields.text(Some(&self.full_name));
        fields.text(Some(&self.search_name));
        fields.date(self.birth_date);
        fields.text(self.gender);
        fields.text(self.employment);
        fields.int8(self.monthly_income);
        fields.text(self.income_currency.as_deref());
        fields.text(self.city.as_deref());
        fields.int8(self.city_population);
        fields.text(self.region.as_deref());
        fields.text(self.marital_status);
        fields.int4(self.children);
        fields.text(Some(&self.lifestyle_tags));
        fields.text(self.digital_affinity);
        fields.text(self.preferred_language.as_deref());
        fields.boolean(self.islamic_banking);
        fields.text(Some(&self.products_held));
        fields.boolean(self.consent_to_offers);
        fields.date(self.data_verified_on);
        fields.int4(self.home_sales_point_id);
        fields.text(Some(&self.custom_attributes));
        fields.text(self.monthly_income_exact.as_deref());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::client::ClientDraft;

    fn stored(draft: ClientDraft) -> StoredClient {
        let client = draft.parse(chrono::NaiveDate::MAX).expect("valid client");
        StoredClient::new(&client, &HashMap::new()).expect("storable")
    }

    fn draft() -> ClientDraft {
        ClientDraft {
            crm_id: "CRM-1".into(),
            full_name: "Back\\slash".into(),
            city: "Kazan".into(),
            ..Default::default()
        }
    }

    /// The field lengths of one binary row, after its field count.
    fn field_lengths(row: &[u8]) -> (i16, Vec<i32>) {
        let count = i16::from_be_bytes([row[0], row[1]]);
        let mut at = 2;
        let mut lengths = Vec::new();
        while at < row.len() {
            let length = i32::from_be_bytes(row[at..at + 4].try_into().unwrap());
            lengths.push(length);
            at += 4 + usize::try_from(length.max(0)).unwrap();
        }
        assert_eq!(at, row.len(), "the last field ends the row");
        (count, lengths)
    }

    #[test]
    fn a_copy_row_has_one_field_per_written_column_and_both_timestamps() {
        let row = stored(draft());
        let mut out = Vec::new();
        row.write_copy_row(&mut out, Utc::now());
        let (count, lengths) = field_lengths(&out);
        assert_eq!(usize::try_from(count).unwrap(), WRITTEN_COLUMNS.len() + 2);
        assert_eq!(lengths.len(), WRITTEN_COLUMNS.len() + 2);
        let hash_at = WRITTEN_COLUMNS
            .iter()
            .position(|c| *c == "content_hash")
            .unwrap();
        assert_eq!(lengths[hash_at], 64, "hex SHA-256");
        assert_eq!(lengths[3], -1, "no birth date: NULL");
        assert_eq!(lengths[WRITTEN_COLUMNS.len()..], [8, 8]);
    }

    #[test]
    fn the_phone_is_written_in_its_column_and_hashed_only_when_there_is_one() {
        let at = WRITTEN_COLUMNS.iter().position(|c| *c == "phone").unwrap();
        let lengths = |row: &StoredClient| {
            let mut out = Vec::new();
            row.write_copy_row(&mut out, Utc::now());
            field_lengths(&out).1
        };
        let without = stored(draft());
        let with = stored(ClientDraft {
            phone: "8 916 123-45-67".into(),
            ..draft()
        });
        assert_eq!(with.phone.as_deref(), Some("+79161234567"));
        assert_eq!(lengths(&without)[at], -1, "no phone: NULL");
        assert_eq!(lengths(&with)[at], 12);
        assert_ne!(without.content_hash, with.content_hash);
        // Without a phone, the hash is what it was before the column existed.
        let mut encoded = Vec::new();
        without.write_hashed_values(&mut Fields::new(&mut encoded));
        assert_eq!(without.content_hash, hex_digest(&encoded));
    }

    #[test]
    fn a_stated_age_is_written_with_its_date_and_basis_and_hashed_only_when_there_is_one() {
        let column = |name: &str| WRITTEN_COLUMNS.iter().position(|c| *c == name).unwrap();
        let lengths = |row: &StoredClient| {
            let mut out = Vec::new();
            row.write_copy_row(&mut out, Utc::now());
            field_lengths(&out).1
        };
        let without = stored(draft());
        let with = stored(ClientDraft {
            age: "42".into(),
            age_as_of: "2026-06-30".into(),
            ..draft()
        });
        assert_eq!(with.stated_age, Some(42));
        assert_eq!(with.age_basis, chrono::NaiveDate::from_ymd_opt(1984, 6, 30));
        assert_eq!(lengths(&without)[column("stated_age")], -1);
        assert_eq!(lengths(&with)[column("stated_age")], 4);
        assert_eq!(lengths(&with)[column("age_as_of")], 4);
        assert_eq!(lengths(&with)[column("age_basis")], 4);
        assert_ne!(without.content_hash, with.content_hash);
        let born = stored(ClientDraft {
            birth_date: "1990-01-02".into(),
            ..draft()
        });
        assert_eq!(born.age_basis, born.birth_date, "a birth date is the basis");
        // Without a stated age, the hash is what it was before its columns existed.
        let mut encoded = Vec::new();
        born.write_hashed_values(&mut Fields::new(&mut encoded));
        assert_eq!(born.content_hash, hex_digest(&encoded));
    }

    #[test]
    fn a_search_key_never_outgrows_its_column() {
        assert_eq!(
            search_key("  Ёлкина Анна "),
            "елкина анна",
            "ё is searched as е"
        );
        let longest = "İ".repeat(200); // a valid name: 200 characters
        let key = search_key(&longest);
        assert_eq!(key.chars().count(), SEARCH_NAME_CHARS);
        assert!(longest.to_lowercase().starts_with(&key));
        assert_eq!(search_key(&"a".repeat(200)), "a".repeat(200));
    }

    #[test]
    fn the_content_hash_follows_the_stored_values_only() {
        let first = stored(draft());
        assert_eq!(first.content_hash, stored(draft()).content_hash);
        assert!(first.content_hash.bytes().all(|b| b.is_ascii_hexdigit()));
        let renamed = stored(ClientDraft {
            full_name: "Other".into(),
            ..draft()
        });
        assert_ne!(first.content_hash, renamed.content_hash);
        // Values are length-prefixed: text moved from one field to the next is a change.
        let shifted = |city: &str, region: &str| {
            stored(ClientDraft {
                city: city.into(),
                region: region.into(),
                ..draft()
            })
            .content_hash
        };
        assert_ne!(shifted("Kazan", "Tatarstan"), shifted("KazanT", "atarstan"));
    }
}
