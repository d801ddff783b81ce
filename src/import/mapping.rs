//! Which column of a CRM extract fills which client attribute, and how its cells are spelt.
//!
//! ```toml
//! [columns]                      # source column = target (a client field or custom:NAME)
//! "Client ID" = "crm_id"
//! "Full name" = "full_name"
//! "Sex" = "gender"
//! "Loyalty" = "custom:loyalty_tier"
//! [values.gender]                # cell text → canonical text, before parsing
//! "Ж" = "female"
//! [options]                      # all optional; these are the defaults
//! delimiter = "auto"             # or "," ";" "\t"
//! date_format = "auto"           # YYYY-MM-DD or DD.MM.YYYY; or a chrono format
//! trim = true
//! case_fold = true               # value-map keys match case-insensitively
//! list_separator = "|"
//! ignore = []                    # columns to drop instead of keeping as custom attributes
//! optional = []                  # mapped columns an extract may lack
//! # default_income_currency = "RUB"
//! # age_as_of = "2026-06-30"   # the date an "age" column's ages are stated on
//! [crm_id]                       # only for an extract without an id column:
//! # template = "{branch}-{account_no}"   # an id made of stable columns, or
//! # unstable_ids = true                  # row numbers (ROW-1 …), one import only
//! # prefix = "ROW"
//! ```
//!
//! Design decisions:
//! - A mapping is TOML (`[columns]`, `[values.TARGET]`, `[options]`) because people edit it by
//!   hand and the UI keeps it in the database as text; [`Mapping::to_toml`] writes a text that
//!   [`Mapping::from_toml`] reads back into an equal mapping, every option spelt out.
//! - A [`Mapping`] exists only once checked: every problem is reported at once, each with its
//!   TOML key and line, so a typo fails when the mapping is saved, not on every row.
//! - Columns absent from `[columns]` and `ignore` are kept as custom attributes: an import must
//!   not drop data silently. Value maps are checked against the domain's own parsers.
//! - Without a mapping file, [`Mapping::canonical`] reads the canonical CSV of
//!   [`super::canonical`] as is.

mod options;
mod parse;
pub(super) use parse::is_bare_key;
mod write;

use super::canonical::CANONICAL_COLUMNS;

pub use super::cells::DateFormat;
pub use super::target::{Field, Target};

/// A checked mapping; see the module documentation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapping {
    /// Source column (as written in the mapping) → target, in the file's order.
    columns: Vec<(String, Target)>,
    /// Per target, the value map as written: source spelling → canonical spelling.
    values: Vec<(Target, Vec<(String, String)>)>,
    options: Options,
    /// Source column → the product code it says the client holds (a flag or a count).
    holdings: Vec<(String, String)>,
    /// Units of numeric columns.
    scales: Vec<Scale>,
    /// The CRM id made of other columns, when the extract has no id column.
    id_template: Option<IdTemplate>,
    /// `[crm_id] unstable_ids = true`: ids are this prefix and the row's number.
    row_number_prefix: Option<String>,
}

/// The prefix of row-number ids when the mapping names none.
pub const ROW_NUMBER_PREFIX: &str = "ROW";

/// A CRM id made of stable columns: `"{branch}-{account_no}"`, the text between placeholders
/// kept as written. Each placeholder names a column of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdTemplate {
    text: String,
    parts: Vec<IdPart>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdPart {
    Text(String),
    Column(String),
}

impl IdTemplate {
    /// # Errors
    /// No placeholder, an unclosed or empty one.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut parts = Vec::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            if open > 0 {
                parts.push(IdPart::Text(rest[..open].to_owned()));
            }
            let after = &rest[open + 1..];
            let close = after
                .find('}')
                .ok_or_else(|| format!("{text:?}: a '{{' is not closed"))?;
            let column = after[..close].trim();
            if column.is_empty() {
                return Err(format!("{text:?}: a placeholder names no column"));
            }
            parts.push(IdPart::Column(column.to_owned()));
            rest = &after[close + 1..];
        }
        if !rest.is_empty() {
            parts.push(IdPart::Text(rest.to_owned()));
        }
        if !parts.iter().any(|p| matches!(p, IdPart::Column(_))) {
            return Err(format!(
                "{text:?} names no column: write e.g. \"{{branch}}-{{account_no}}\""
            ));
        }
        Ok(Self {
            text: text.to_owned(),
            parts,
        })
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn parts(&self) -> &[IdPart] {
        &self.parts
    }
}

/// A numeric column's unit: each value is multiplied by `factor`, then divided by `divide_by`
/// (a yearly income in thousands into a monthly income: 1000 and 12), in exact decimals; a
/// quotient that does not end is cut at the 28 significant digits a decimal holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scale {
    pub column: String,
    pub factor: rust_decimal::Decimal,
    pub divide_by: rust_decimal::Decimal,
}

impl Scale {
    /// `value` (as a cell reads, decimal comma allowed) in the target's unit.
    ///
    /// # Errors
    /// A value that is not a number, or that overflows.
    pub fn apply(&self, value: &str) -> Result<String, crate::domain::message::Message> {
        let text = super::cells::decimal(value)?;
        if text.is_empty() {
            return Ok(text);
        }
        let number: rust_decimal::Decimal = text.parse().map_err(|_| {
            crate::domain::message::Message::new("import-not-an-amount")
                .with("text", format!("{value:?}"))
        })?;
        number
            .checked_mul(self.factor)
            .and_then(|n| n.checked_div(self.divide_by))
            .map(|n| n.normalize().to_string())
            .ok_or_else(|| {
                crate::domain::message::Message::new("import-too-many-digits")
                    .with("text", format!("{value:?}"))
            })
    }
}

/// The `[options]` table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub delimiter: Delimiter,
    pub date_format: DateFormat,
    /// Trim cells and header names before matching them.
    pub trim: bool,
    /// Value-map keys match case-insensitively.
    pub case_fold: bool,
    /// Separates entries of list cells (`lifestyle_tags`, `products_held`, packed custom
    /// attributes); never empty.
    pub list_separator: String,
    /// Columns dropped instead of kept as custom attributes.
    pub ignore: Vec<String>,
    /// Mapped columns an extract may lack; their targets are then not recorded. (Kombi's own
    /// layout marks `phone` so: files written before that column was added lack it.)
    pub optional: Vec<String>,
    /// Currency of incomes whose row gives none (three upper-case letters).
    pub default_income_currency: Option<String>,
    /// The file's text encoding (`windows-1251` …); detected when not given.
    pub encoding: Option<String>,
    /// The date the extract's ages are stated on (its snapshot date), for rows without a
    /// column mapped to `age_as_of` or with that cell blank.
    pub age_as_of: Option<chrono::NaiveDate>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            delimiter: Delimiter::Auto,
            date_format: DateFormat::Auto,
            trim: true,
            case_fold: true,
            list_separator: "|".to_owned(),
            ignore: Vec::new(),
            optional: Vec::new(),
            default_income_currency: None,
            encoding: None,
            age_as_of: None,
        }
    }
}

/// The field separator of the extract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delimiter {
    /// Whichever of `,` `;` tab occurs most often outside quotes in the header line.
    Auto,
    Comma,
    Semicolon,
    Tab,
}

impl Delimiter {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Auto => "auto",
            Self::Comma => ",",
            Self::Semicolon => ";",
            Self::Tab => "\t",
        }
    }

    /// The byte, unless it is to be detected.
    pub const fn byte(self) -> Option<u8> {
        match self {
            Self::Auto => None,
            Self::Comma => Some(b','),
            Self::Semicolon => Some(b';'),
            Self::Tab => Some(b'\t'),
        }
    }
}

/// Every problem of a mapping, in file order; never empty.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid mapping: {}", join_problems(.0))]
pub struct MappingError(pub Vec<MappingProblem>);

/// One problem of a mapping, with the TOML key and line where it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{}{message}",
    line.map(|l| format!("line {l}: ")).unwrap_or_default(),
    if key.is_empty() { String::new() } else { format!("{key}: ") })]
pub struct MappingProblem {
    /// 1-based line in the TOML text, when known.
    pub line: Option<usize>,
    /// Dotted TOML key such as `columns."Sex"`; empty for syntax errors.
    pub key: String,
    pub message: String,
}

fn join_problems(problems: &[MappingProblem]) -> String {
    let all: Vec<String> = problems.iter().map(ToString::to_string).collect();
    all.join("; ")
}

impl Mapping {
    /// Reads and checks a mapping.
    ///
    /// # Errors
    /// [`MappingError`] listing every problem: TOML syntax, unknown keys or targets, a target
    /// filled by two columns, no column for `crm_id` or `full_name`, a value map whose values
    /// the domain would refuse, an invalid option.
    pub fn from_toml(text: &str) -> Result<Self, MappingError> {
        parse::from_toml(text)
    }

    /// The mapping as TOML, with every option written out.
    #[must_use]
    pub fn to_toml(&self) -> String {
        write::to_toml(self)
    }

    /// The columns of [`super::canonical::CANONICAL_COLUMNS`] onto the fields of the same
    /// name; the packed `custom` column onto [`Field::CustomAttributes`]. Only `crm_id` is
    /// required: a file with some of Kombi's own columns imports without a mapping, the others
    /// unknown (and files written before a column was added still read).
    #[must_use]
    pub fn canonical() -> Self {
        let columns = CANONICAL_COLUMNS
            .iter()
            .map(|&column| {
                let field = Field::from_name(column).unwrap_or(Field::CustomAttributes);
                (column.to_owned(), Target::Field(field))
            })
            .collect();
        Self {
            columns,
            holdings: Vec::new(),
            scales: Vec::new(),
            id_template: None,
            row_number_prefix: None,
            values: Vec::new(),
            options: Options {
                optional: CANONICAL_COLUMNS
                    .iter()
                    .filter(|&&c| c != "crm_id")
                    .map(|&c| c.to_owned())
                    .collect(),
                ..Options::default()
            },
        }
    }

    /// With `[crm_id] unstable_ids = true`, the prefix of the ids made of row numbers
    /// (`ROW-1`, `ROW-2` …, by the order of the data rows). Such ids name a row, not a person:
    /// an import into a database already holding ids with this prefix is refused.
    pub fn row_number_prefix(&self) -> Option<&str> {
        self.row_number_prefix.as_deref()
    }

    /// The CRM id template, when the id is made of other columns.
    pub fn id_template(&self) -> Option<&IdTemplate> {
        self.id_template.as_ref()
    }

    /// The unit of each scaled column.
    pub fn scales(&self) -> &[Scale] {
        &self.scales
    }

    /// Source column → product code, for extracts with a column per product held.
    pub fn holdings(&self) -> &[(String, String)] {
        &self.holdings
    }

    /// Source column → target, in the mapping's order.
    pub fn columns(&self) -> &[(String, Target)] {
        &self.columns
    }

    /// The source column mapped to the client field named `field` (as in
    /// [`Field::as_str`]), to name it in a row's error.
    pub fn source_column(&self, field: &str) -> Option<&str> {
        self.columns
            .iter()
            .find(|(_, target)| matches!(target, Target::Field(f) if f.as_str() == field))
            .map(|(column, _)| column.as_str())
    }

    /// The value map of `target` (source spelling → canonical spelling), if it has one.
    pub fn value_map(&self, target: &Target) -> Option<&[(String, String)]> {
        self.values
            .iter()
            .find(|(t, _)| t == target)
            .map(|(_, entries)| entries.as_slice())
    }

    pub fn options(&self) -> &Options {
        &self.options
    }
}

#[cfg(test)]
mod tests;
