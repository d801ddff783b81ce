//! A mapping applied to one file's header: what to do with each column, by position.

use chrono::NaiveDate;
use std::collections::HashMap;

use super::cells::{DateFormat, ValueLookup};
use super::errors::ImportError;
use super::mapping::{Mapping, Options};
use super::target::{Field, Target, attribute_name};

/// What happens to the cells of one column.
#[derive(Debug, Clone)]
pub(super) enum Slot {
    /// Ignored, or a column without a name (a trailing delimiter in the header).
    Skip,
    Field(Field, ValueLookup),
    Custom(String, ValueLookup),
    /// A column that says whether the client holds this product: a flag or a count.
    Holding(String),
}

/// Everything the row converter needs, worked out once per file.
#[derive(Debug)]
pub(super) struct Plan {
    pub(super) slots: Vec<Slot>,
    /// The header's column names, for messages.
    pub(super) columns: Vec<String>,
    /// Position of the column filling each field, indexed by `Field as usize`.
    pub(super) field_columns: [Option<usize>; Field::ALL.len()],
    pub(super) date_format: DateFormat,
    pub(super) list_separator: String,
    pub(super) default_income_currency: Option<String>,
    /// The date the extract's ages are stated on, for rows whose own date is blank.
    pub(super) age_as_of: Option<NaiveDate>,
    /// The import's date, for checks that depend on it (no birth date after it).
    pub(super) today: NaiveDate,
    /// The CRM id made of columns (text, or a column's position), when the mapping says so.
    pub(super) id_parts: Option<Vec<(String, Option<usize>)>>,
    /// Ids made of this prefix and the row's number (`[crm_id] unstable_ids = true`).
    pub(super) row_number_prefix: Option<String>,
    /// The unit of each scaled column, by position.
    pub(super) scales: Vec<Option<crate::import::mapping::Scale>>,
    /// Numbers use a decimal comma (a `;` or tab separated file): custom numbers are stored
    /// with a point.
    pub(super) decimal_comma: bool,
}

impl Plan {
    /// Matches the mapping against `header` (names as read, untrimmed).
    ///
    /// # Errors
    /// [`ImportError::MissingColumns`] naming every mapped column the header lacks,
    /// [`ImportError::DuplicateColumn`], [`ImportError::AttributeClash`].
    pub(super) fn new(header: Vec<String>, mapping: &Mapping) -> Result<Self, ImportError> {
        let options = mapping.options();
        let name = |raw: &str| {
            if options.trim {
                raw.trim().to_owned()
            } else {
                raw.to_owned()
            }
        };
        let columns: Vec<String> = header.iter().map(|h| name(h)).collect();
        let lookup = |target: &Target| lookup_for(mapping, options, target);
        let mut slots = vec![Slot::Skip; columns.len()];
        let mut field_columns = [None; Field::ALL.len()];
        let mut custom_names: HashMap<String, usize> = HashMap::new();
        let mut missing = Vec::new();
        let optional: Vec<String> = options.optional.iter().map(|c| name(c)).collect();
        for (source, target) in mapping.columns() {
            let source = name(source);
            let mut found = columns.iter().enumerate().filter(|(_, c)| **c == source);
            let Some((position, _)) = found.next() else {
                if !optional.contains(&source) {
                    missing.push(source);
                }
                continue;
            };
            if found.next().is_some() {
                return Err(ImportError::DuplicateColumn { name: source });
            }
            slots[position] = match target {
                Target::Field(field) => {
                    field_columns[*field as usize] = Some(position);
                    Slot::Field(*field, lookup(target))
                }
                Target::Custom(key) => {
                    custom_names.insert(key.clone(), position);
                    Slot::Custom(key.clone(), lookup(target))
                }
            };
        }
        for (source, code) in mapping.holdings() {
            let source = name(source);
            match columns.iter().position(|c| *c == source) {
                Some(position) => slots[position] = Slot::Holding(code.clone()),
                None if optional.contains(&source) => {}
                None => missing.push(source),
            }
        }
        let id_parts = mapping.id_template().map(|template| {
            template
                .parts()
                .iter()
                .map(|part| match part {
                    crate::import::IdPart::Text(text) => (text.clone(), None),
                    crate::import::IdPart::Column(column) => {
                        let column = name(column);
                        let position = columns.iter().position(|c| *c == column);
                        if position.is_none() {
                            missing.push(column.clone());
                        }
                        (column, position)
                    }
                })
                .collect()
        });
        if !missing.is_empty() {
            return Err(ImportError::MissingColumns {
                missing,
                found: columns,
            });
        }
        let ignored: Vec<String> = options.ignore.iter().map(|c| name(c)).collect();
        for (position, column) in columns.iter().enumerate() {
            let unclaimed = matches!(slots[position], Slot::Skip)
                && !column.trim().is_empty()
                && !ignored.contains(column);
            if !unclaimed {
                continue;
            }
            let key = attribute_name(column).unwrap_or_else(|| format!("column_{}", position + 1));
            if let Err(why) = super::target::unshadowed(&key) {
                return Err(ImportError::ShadowedAttribute {
                    column: column.clone(),
                    why,
                });
            }
            if let Some(&first) = custom_names.get(&key) {
                return Err(ImportError::AttributeClash {
                    first: columns[first].clone(),
                    second: column.clone(),
                    name: key,
                });
            }
            custom_names.insert(key.clone(), position);
            let target = Target::Custom(key.clone());
            slots[position] = Slot::Custom(key, lookup(&target));
        }
        let scales = columns
            .iter()
            .map(|c| {
                mapping
                    .scales()
                    .iter()
                    .find(|s| name(&s.column) == *c)
                    .cloned()
            })
            .collect();
        Ok(Self {
            id_parts,
            slots,
            columns,
            field_columns,
            date_format: options.date_format.clone(),
            list_separator: options.list_separator.clone(),
            default_income_currency: options.default_income_currency.clone(),
            age_as_of: options.age_as_of,
            row_number_prefix: mapping.row_number_prefix().map(str::to_owned),
            today: chrono::Utc::now().date_naive(),
            scales,
            decimal_comma: false,
        })
    }

    /// The column filling `field`, if one does.
    pub(super) fn column_of(&self, field: Field) -> Option<usize> {
        self.field_columns[field as usize]
    }
}

fn lookup_for(mapping: &Mapping, options: &Options, target: &Target) -> ValueLookup {
    mapping
        .value_map(target)
        .map(|entries| {
            ValueLookup::new(
                entries.iter().map(|(from, to)| (from, to)),
                options.trim,
                options.case_fold,
            )
        })
        .unwrap_or_default()
}
