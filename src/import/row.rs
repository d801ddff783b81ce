//! One record of the extract → a checked [`Client`], or every reason it is not one.
//!
//! Cells are rewritten into the draft's canonical text (`cells`), then [`ClientDraft::parse`]
//! decides, as it does for the desk form and the JSON API. Its errors name client fields; each
//! is traced back to the source column that filled the field.

use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::str;

use csv::ByteRecord;

use super::cells::{self, DateFormat};
use super::mapping::Options;
use super::plan::{Plan, Slot};
use super::target::{Field, Kind};
use crate::domain::client::{Client, ClientDraft, CrmId, FieldError};
use crate::domain::message::Message;

/// A problem found in a record, by column position (`None`: the record as a whole).
pub(super) type Problem = (Option<usize>, Message);

// Returned by value once per record and never stored, so the size gap costs nothing.
#[allow(clippy::large_enum_variant)]
pub(super) enum Outcome {
    /// Only blank cells: a spacer line or a spreadsheet's trailing `;;;;`, not a record.
    Blank,
    Row {
        /// The record's CRM id, if it has a valid one (even when the record fails otherwise).
        crm_id: Option<CrmId>,
        result: Result<Client, Vec<Problem>>,
    },
}

impl Plan {
    /// Converts the record; `ordinal` is its number among the file's data rows (from 1), the
    /// id when the mapping makes ids of row numbers.
    pub(super) fn convert(&self, record: &ByteRecord, ordinal: u64) -> Outcome {
        let cell = |i: usize| {
            let bytes = record.get(i).unwrap_or_default();
            // The parser ends records at '\n'; a CRLF file leaves '\r' on the last cell.
            if i + 1 == record.len() {
                bytes.strip_suffix(b"\r").unwrap_or(bytes)
            } else {
                bytes
            }
        };
        if (0..record.len()).all(|i| cell(i).iter().all(u8::is_ascii_whitespace)) {
            return Outcome::Blank;
        }
        if record.len() != self.slots.len() {
            let message = Message::new("import-field-count")
                .with("fields", record.len())
                .with("header", self.slots.len());
            return Outcome::Row {
                crm_id: None,
                result: Err(vec![(None, message)]),
            };
        }
        let mut draft = ClientDraft::default();
        let mut problems = Vec::new();
        // Which column each custom attribute came from, to place its errors.
        let mut origins: Vec<(String, usize)> = Vec::new();
        // Checked once for the whole record: one pass instead of one per cell.
        let whole = str::from_utf8(record.as_slice()).ok();
        for (position, slot) in self.slots.iter().enumerate() {
            let from_whole = || {
                let text = whole?.get(record.range(position)?)?;
                Some(if position + 1 == record.len() {
                    text.strip_suffix('\r').unwrap_or(text)
                } else {
                    text
                })
            };
            let Some(text) = from_whole().or_else(|| str::from_utf8(cell(position)).ok()) else {
                problems.push((Some(position), Message::new("import-not-utf8")));
                continue;
            };
            let scaled;
            let text = match self.scales.get(position).and_then(Option::as_ref) {
                Some(scale) => match scale.apply(text) {
                    Ok(value) => {
                        scaled = value;
                        scaled.as_str()
                    }
                    Err(message) => {
                        problems.push((Some(position), message));
                        continue;
                    }
                },
                None => text,
            };
            if let Err(message) = self.fill(slot, text, position, &mut draft, &mut origins) {
                problems.push((Some(position), message));
            }
        }
        if let Some(parts) = &self.id_parts {
            let mut id = String::new();
            for (text, position) in parts {
                match position {
                    None => id.push_str(text),
                    Some(position) => {
                        let cell = str::from_utf8(cell(*position)).unwrap_or_default().trim();
                        if cell.is_empty() {
                            problems.push((Some(*position), Message::new("import-id-part-blank")));
                        }
                        id.push_str(cell);
                    }
                }
            }
            draft.crm_id = id;
        }
        if let Some(prefix) = &self.row_number_prefix {
            draft.crm_id = format!("{prefix}-{ordinal}");
        }
        if let Some(as_of) = self.age_as_of
            && !draft.age.trim().is_empty()
            && draft.age_as_of.trim().is_empty()
        {
            draft.age_as_of = as_of.to_string();
        }
        if let Some(currency) = &self.default_income_currency
            && !draft.monthly_income.trim().is_empty()
            && draft.income_currency.trim().is_empty()
        {
            draft.income_currency.clone_from(currency);
        }
        let parsed = draft.parse(self.today);
        let crm_id = match &parsed {
            Ok(client) => Some(client.crm_id.clone()),
            Err(_) => CrmId::parse(&draft.crm_id).ok(),
        };
        let result = match parsed {
            Ok(client) if problems.is_empty() => Ok(client),
            Ok(_) => Err(problems),
            Err(errors) => {
                // A cell that could not be read was left blank: "is required" would be noise.
                let unreadable: Vec<Option<usize>> = problems.iter().map(|p| p.0).collect();
                for error in errors.0 {
                    let placed = self.place(error, &draft, &origins);
                    problems.extend(placed.into_iter().filter(|p| !unreadable.contains(&p.0)));
                }
                Err(problems)
            }
        };
        Outcome::Row { crm_id, result }
    }

    /// Puts one cell into the draft.
    fn fill(
        &self,
        slot: &Slot,
        text: &str,
        position: usize,
        draft: &mut ClientDraft,
        origins: &mut Vec<(String, usize)>,
    ) -> Result<(), Message> {
        match slot {
            Slot::Skip => Ok(()),
            Slot::Holding(code) => {
                if holds(text)? && !draft.products_held.contains(code) {
                    draft.products_held.push(code.clone());
                }
                Ok(())
            }
            Slot::Field(field, lookup) => match field.kind() {
                Kind::List => {
                    let items = self
                        .list_items(text)
                        .iter()
                        .map(|item| lookup.apply(item))
                        .filter(|item| !item.trim().is_empty())
                        .map(str::to_owned)
                        .collect();
                    set_list(draft, *field, items);
                    Ok(())
                }
                Kind::Packed => self.unpack(text, position, draft, origins),
                kind => scalar(kind, lookup.apply(text), &self.date_format)
                    .map(|value| set_scalar(draft, *field, value)),
            },
            Slot::Custom(key, lookup) => {
                let value = lookup.apply(text);
                if value.trim().is_empty() {
                    Ok(())
                } else {
                    origins.push((key.clone(), position));
                    add_attribute(&mut draft.custom_attributes, key, &self.custom_value(value))
                }
            }
        }
    }

    /// A list cell split at the separator (by character when it is one: the usual `|`, and much
    /// faster than a string search).
    fn list_items<'a>(&self, text: &'a str) -> Vec<&'a str> {
        let mut chars = self.list_separator.chars();
        match (chars.next(), chars.next()) {
            (Some(separator), None) => text.split(separator).collect(),
            _ => text.split(self.list_separator.as_str()).collect(),
        }
    }

    /// A custom attribute's value as stored: in a file whose decimal separator is the comma
    /// (`;` or tab separated), a number written with one (`106,025`, `1 234,5`) is stored with
    /// a point, exactly, so rules compare it as the number it is; anything else as it came.
    fn custom_value<'a>(&self, value: &'a str) -> std::borrow::Cow<'a, str> {
        if self.decimal_comma
            && value.contains(',')
            && let Ok(number) = super::cells::decimal(value)
        {
            return std::borrow::Cow::Owned(number);
        }
        std::borrow::Cow::Borrowed(value)
    }

    /// Parses a packed `key=value|key=value` cell into the draft's custom attributes.
    fn unpack(
        &self,
        text: &str,
        position: usize,
        draft: &mut ClientDraft,
        origins: &mut Vec<(String, usize)>,
    ) -> Result<(), Message> {
        for pair in self
            .list_items(text)
            .into_iter()
            .filter(|p| !p.trim().is_empty())
        {
            let (key, value) = pair.split_once('=').ok_or_else(|| {
                Message::new("import-not-key-value").with("pair", format!("{pair:?}"))
            })?;
            let key = key.trim();
            origins.push((key.to_owned(), position));
            add_attribute(&mut draft.custom_attributes, key, &self.custom_value(value))?;
        }
        Ok(())
    }

    /// The column (and message) a domain error belongs to.
    fn place(
        &self,
        error: FieldError,
        draft: &ClientDraft,
        origins: &[(String, usize)],
    ) -> Vec<Problem> {
        let field = Field::from_name(&error.field);
        if field == Some(Field::CustomAttributes) {
            let culprits = culprits(&draft.custom_attributes, origins);
            if !culprits.is_empty() {
                return culprits;
            }
        }
        match field.and_then(|f| self.column_of(f)) {
            Some(position) => vec![(Some(position), error.message)],
            None if field == Some(Field::IncomeCurrency) => vec![(
                None,
                Message::new("import-currency-unmapped").nest("detail_key", &error.message),
            )],
            None => vec![(
                None,
                Message::new("import-field-problem")
                    .with("unmapped_field", &error.field)
                    .nest("detail_key", &error.message),
            )],
        }
    }
}

fn add_attribute(
    attributes: &mut BTreeMap<String, String>,
    key: &str,
    value: &str,
) -> Result<(), Message> {
    match attributes.insert(key.to_owned(), value.to_owned()) {
        Some(_) => Err(Message::new("import-attribute-twice").with("key", format!("{key:?}"))),
        None => Ok(()),
    }
}

/// Checks each custom attribute alone, to find the ones the domain refuses. Runs only after the
/// record failed, so the happy path parses once.
fn culprits(attributes: &BTreeMap<String, String>, origins: &[(String, usize)]) -> Vec<Problem> {
    origins
        .iter()
        .filter_map(|(key, position)| {
            let value = attributes.get(key)?;
            let alone = ClientDraft {
                custom_attributes: BTreeMap::from([(key.clone(), value.clone())]),
                ..placeholder()
            };
            // Only the attribute is in question here: no date check applies.
            let errors = alone.parse(NaiveDate::MAX).err()?;
            let message = errors.message_for(Field::CustomAttributes.as_str())?;
            Some((Some(*position), message.clone()))
        })
        .collect()
}

/// A draft that parses, to check one value at a time.
fn placeholder() -> ClientDraft {
    ClientDraft {
        crm_id: "X".to_owned(),
        full_name: "X".to_owned(),
        ..ClientDraft::default()
    }
}

/// A scalar cell in the draft's canonical text.
fn scalar(kind: Kind, text: &str, date_format: &DateFormat) -> Result<String, Message> {
    match kind {
        Kind::Date => cells::date(text, date_format),
        Kind::Decimal => cells::decimal(text),
        Kind::Integer => Ok(cells::integer(text)),
        Kind::Flag => Ok(cells::flag(text)),
        Kind::Text | Kind::List | Kind::Packed => Ok(text.to_owned()),
    }
}

/// Whether a holding column's cell says the client holds the product: a yes (`1`, `yes`,
/// `true`, `y`, `да`, `x`) or a count above zero; a no (`0`, `no`, `false`, `n`, `нет`, blank)
/// or a zero count says not.
fn holds(text: &str) -> Result<bool, Message> {
    let cell = text.trim().to_lowercase();
    match cell.as_str() {
        "" | "0" | "no" | "false" | "n" | "нет" | "-" => return Ok(false),
        "1" | "yes" | "true" | "y" | "да" | "x" => return Ok(true),
        _ => {}
    }
    match super::cells::decimal(&cell)
        .ok()
        .and_then(|n| n.parse::<rust_decimal::Decimal>().ok())
    {
        Some(count) if !count.is_sign_negative() => Ok(!count.is_zero()),
        _ => Err(Message::new("import-not-a-holding").with("text", format!("{text:?}"))),
    }
}

fn set_list(draft: &mut ClientDraft, field: Field, items: Vec<String>) {
    match field {
        Field::LifestyleTags => draft.lifestyle_tags = items,
        // Columns per product may have added some already.
        Field::ProductsHeld => {
            for item in items {
                if !draft.products_held.contains(&item) {
                    draft.products_held.push(item);
                }
            }
        }
        _ => {}
    }
}

fn set_scalar(draft: &mut ClientDraft, field: Field, value: String) {
    let slot = match field {
        Field::CrmId => &mut draft.crm_id,
        Field::FullName => &mut draft.full_name,
        Field::Phone => &mut draft.phone,
        Field::BirthDate => &mut draft.birth_date,
        Field::Age => &mut draft.age,
        Field::AgeAsOf => &mut draft.age_as_of,
        Field::Gender => &mut draft.gender,
        Field::Employment => &mut draft.employment,
        Field::MonthlyIncome => &mut draft.monthly_income,
        Field::IncomeCurrency => &mut draft.income_currency,
        Field::City => &mut draft.city,
        Field::CityPopulation => &mut draft.city_population,
        Field::Region => &mut draft.region,
        Field::MaritalStatus => &mut draft.marital_status,
        Field::Children => &mut draft.children,
        Field::DigitalAffinity => &mut draft.digital_affinity,
        Field::PreferredLanguage => &mut draft.preferred_language,
        Field::IslamicBanking => &mut draft.islamic_banking,
        Field::ConsentToOffers => &mut draft.consent_to_offers,
        Field::DataVerifiedOn => &mut draft.data_verified_on,
        Field::HomeSalesPoint => &mut draft.home_sales_point,
        Field::LifestyleTags | Field::ProductsHeld | Field::CustomAttributes => return,
    };
    *slot = value;
}

/// Whether the domain accepts `text` (a value-map value) for `field`, read as a cell would be.
///
/// # Errors
/// The domain's message.
pub(super) fn check_value(field: Field, text: &str, options: &Options) -> Result<(), String> {
    let mut draft = placeholder();
    match field.kind() {
        Kind::Packed => return Ok(()),
        Kind::List => set_list(&mut draft, field, vec![text.to_owned()]),
        kind => {
            let value = scalar(kind, text, &options.date_format).map_err(|m| m.to_string())?;
            set_scalar(&mut draft, field, value);
        }
    }
    // The value's form is checked here, whatever the date of a later import.
    match draft.parse(NaiveDate::MAX) {
        Err(errors) => match errors.message_for(field.as_str()) {
            Some(message) => Err(message.to_string()),
            None => Ok(()),
        },
        Ok(_) => Ok(()),
    }
}
