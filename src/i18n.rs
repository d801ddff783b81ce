//! Translation catalogs: Fluent files under `locales/`, compiled into the binary.
//!
//! Every [`Message`] the domain raises has an entry in `locales/en/` (a test checks that each
//! key used exists). English is the reference language and what `Display` prints (logs, the
//! CLI, the API).

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::sync::{LazyLock, RwLock};

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, static_loader};

use crate::domain::message::Message;
use crate::domain::profitability::EngineError;
use crate::domain::segment::RuleError;

pub mod numbers;

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // No Unicode isolation marks around arguments: pages and logs show them as they are.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The languages of the interface. English is the reference (and the demo's default).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    Ru,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ru];

    /// The language tag: `en`, `ru`.
    pub const fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
        }
    }

    /// The language's own name, for the language switch.
    pub const fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ru => "Русский",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        Self::ALL.into_iter().find(|l| l.code() == code.trim())
    }

    /// The best of Kombi's languages for an `Accept-Language` header (`ru-RU,ru;q=0.9,en;q=0.8`);
    /// English when none is acceptable.
    pub fn negotiate(accept_language: &str) -> Lang {
        let mut best: Option<(Lang, f32)> = None;
        for range in accept_language.split(',') {
            let mut parts = range.split(';');
            let tag = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
            let quality = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            let primary = tag.split('-').next().unwrap_or_default();
            if let Some(lang) = Lang::parse(primary)
                && quality > 0.0
                && best.is_none_or(|(_, q)| quality > q)
            {
                best = Some((lang, quality));
            }
        }
        best.map_or(Lang::En, |(lang, _)| lang)
    }

    fn id(self) -> &'static LanguageIdentifier {
        static IDS: std::sync::OnceLock<[LanguageIdentifier; 2]> = std::sync::OnceLock::new();
        let ids = IDS.get_or_init(|| {
            [
                "en".parse().expect("a valid language tag"),
                "ru".parse().expect("a valid language tag"),
            ]
        });
        &ids[self as usize]
    }

    /// The text of `key` without arguments.
    pub fn text(self, key: &'static str) -> String {
        // A key alone always gives the same text: formatted once per language, not on every
        // page (formatting the labels was 6 % of a desk page's time). The keys are the
        // program's own constants, so the cache is bounded.
        type Texts = RwLock<HashMap<&'static str, String>>;
        static TEXTS: LazyLock<[Texts; 2]> = LazyLock::new(Default::default);
        let texts = &TEXTS[self as usize];
        if let Some(text) = texts.read().ok().and_then(|t| t.get(key).cloned()) {
            return text;
        }
        let text = self.message(&Message::new(key));
        if let Ok(mut t) = texts.write() {
            t.insert(key, text.clone());
        }
        text
    }

    /// A message in this language.
    pub fn message(self, message: &Message) -> String {
        render(message, self.id())
    }

    /// A message whose key and arguments were stored as text (an import's rejected rows);
    /// `None` when no catalog knows the key.
    pub fn stored_message(self, key: &str, args: &[(String, String)]) -> Option<String> {
        let args: Vec<(&str, &str)> = args
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str()))
            .collect();
        // An unknown key renders as itself.
        Some(render_parts(key, &args, self.id())).filter(|text| text != key)
    }

    /// Why the engine could not compute a figure, in this language.
    pub fn engine_error(self, error: &EngineError) -> String {
        let (detail, product) = error.parts();
        let detail = self.message(&detail);
        match product {
            Some(product) => self.message(
                &Message::new("engine-for-product")
                    .with("detail", detail)
                    .with("product", product),
            ),
            None => detail,
        }
    }

    /// Why a segment rule was refused, in this language: the frame (where), what is wrong,
    /// and the hint after ": ", each translated on its own.
    pub fn rule_error(self, error: &RuleError) -> String {
        let (frame, detail, hint) = error.parts();
        let mut text = match detail {
            Some(detail) => self.message(&frame.with("detail", self.message(detail))),
            None => self.message(&frame),
        };
        if let Some(hint) = hint {
            text.push_str(": ");
            text.push_str(&self.message(hint));
        }
        text
    }
}

fn english() -> &'static LanguageIdentifier {
    Lang::En.id()
}

/// The message in `language`; the key itself when no catalog has it (a test prevents that).
///
/// An argument named `x_key` holds a message key: it is passed as `x`, translated with the
/// message's other arguments (so a nested message's arguments travel beside it, see
/// [`Message::nest`]). One named `x_keys` holds comma-separated keys: passed as `x`, each
/// translated, joined with ", ".
pub fn render(message: &Message, language: &LanguageIdentifier) -> String {
    let args: Vec<(&str, &str)> = message
        .args
        .iter()
        .map(|(name, value)| (*name, value.as_str()))
        .collect();
    render_parts(message.key, &args, language)
}

/// [`render`] of a message whose key and arguments were stored as text.
pub fn render_parts(key: &str, args: &[(&str, &str)], language: &LanguageIdentifier) -> String {
    let is_key = |name: &str| name.ends_with("_key") || name.ends_with("_keys");
    let mut translated: Vec<(String, String)> = args
        .iter()
        .filter(|(name, _)| !is_key(name))
        .map(|(name, value)| formatted_arg(name, value, language))
        .collect();
    let nested: Vec<(String, String)> = args
        .iter()
        .filter(|(name, _)| is_key(name))
        .map(|(name, value)| {
            if let Some(base) = name.strip_suffix("_keys") {
                let texts: Vec<String> = value
                    .split(',')
                    .map(|key| lookup(key, &translated, language))
                    .collect();
                (base.to_string(), texts.join(", "))
            } else {
                let base = name.strip_suffix("_key").unwrap_or(name);
                (base.to_string(), lookup(value, &translated, language))
            }
        })
        .collect();
    translated.extend(nested);
    lookup(key, &translated, language)
}

/// An argument written as `language` writes it, by the suffix of its name.
fn formatted_arg(name: &str, value: &str, language: &LanguageIdentifier) -> (String, String) {
    let decimal = |value: &str| value.parse::<rust_decimal::Decimal>().ok();
    if let Some(base) = name.strip_suffix("_money") {
        (base.to_string(), money_text(value, lang_of(language)))
    } else if let Some(base) = name.strip_suffix("_percent") {
        let text = decimal(value).map_or_else(
            || value.to_string(),
            |fraction| numbers::margin(lang_of(language), fraction),
        );
        (base.to_string(), text)
    } else if let Some(base) = name.strip_suffix("_number") {
        let text = decimal(value).map_or_else(
            || value.to_string(),
            |number| numbers::plain(lang_of(language), number),
        );
        (base.to_string(), text)
    } else {
        (name.to_string(), value.to_string())
    }
}

fn lookup(key: &str, args: &[(String, String)], language: &LanguageIdentifier) -> String {
    let args: HashMap<Cow<'static, str>, FluentValue<'_>> = args
        .iter()
        .map(|(name, value)| {
            // Plain whole numbers go in as numbers, so that plural forms can be chosen.
            let value = match value.parse::<i64>() {
                Ok(number) if !value.starts_with('+') => FluentValue::from(number),
                _ => FluentValue::from(value.as_str()),
            };
            (Cow::Owned(name.clone()), value)
        })
        .collect();
    LOCALES
        .try_lookup_with_args(language, key, &args)
        .unwrap_or_else(|| key.to_string())
}

/// Which of Kombi's languages a catalog language is.
fn lang_of(language: &LanguageIdentifier) -> Lang {
    Lang::parse(language.language.as_str()).unwrap_or_default()
}

/// `"1234.5 RUB"` (an amount and its currency) written as `lang` writes money.
fn money_text(value: &str, lang: Lang) -> String {
    let parsed = value.split_once(' ').and_then(|(amount, code)| {
        let amount = amount.parse::<rust_decimal::Decimal>().ok()?;
        let currency = crate::domain::money::Currency::parse(code).ok()?;
        Some(numbers::money(lang, amount, currency))
    });
    parsed.unwrap_or_else(|| value.to_string())
}

/// The text of a key without arguments (for keys carried in arguments).
/// The message in English.
pub fn in_english(message: &Message) -> String {
    render(message, english())
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&in_english(self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_message_reads_in_either_language_and_an_unknown_key_is_none() {
        let args = [
            ("id".to_owned(), "C-1".to_owned()),
            ("first".to_owned(), "2".to_owned()),
        ];
        assert_eq!(
            Lang::Ru
                .stored_message("import-duplicate-id", &args)
                .as_deref(),
            Some("повторный CRM id C-1, впервые встречен в строке 2")
        );
        assert_eq!(Lang::En.stored_message("no-such-key", &args), None);
        assert_eq!(Lang::En.stored_message("", &args), None);
    }

    #[test]
    fn a_broken_link_reads_with_its_figures_in_either_language() {
        use crate::domain::matrix::{Link, LinkContext};
        use rust_decimal_macros::dec;
        let link = Link::LimitWithinShare {
            card: "CC_GRACE".into(),
            deposit: "DEP_PLUS".into(),
            share: dec!(0.5),
        };
        let context = LinkContext {
            in_bundle: ["CC_GRACE", "DEP_PLUS"].map(str::to_owned).into(),
            held: Default::default(),
            amounts: [("CC_GRACE", dec!(50000.01)), ("DEP_PLUS", dec!(100000))]
                .map(|(c, a)| (c.to_owned(), a))
                .into(),
        };
        let over = link.check(&context).unwrap().message;
        assert_eq!(
            Lang::En.message(&over),
            "the CC_GRACE limit 50,000.01 exceeds 50.00\u{a0}% of the DEP_PLUS amount 100,000"
        );
        assert_eq!(
            Lang::Ru.message(&over),
            "лимит CC_GRACE 50\u{a0}000,01 превышает 50,00\u{a0}% суммы DEP_PLUS 100\u{a0}000"
        );
    }

    #[test]
    fn an_engine_failure_reads_in_either_language_as_it_displays() {
        use crate::domain::profitability::{Failure, Quantity};
        let overflow = EngineError::Arithmetic {
            failure: Failure::DivisionByZero,
            quantity: Quantity::BundleMargin,
            product: Some("CC_GRACE".into()),
        };
        assert_eq!(Lang::En.engine_error(&overflow), overflow.to_string());
        assert_eq!(
            Lang::Ru.engine_error(&overflow),
            "деление на ноль при расчёте маржи комбинированного продукта для CC_GRACE"
        );
        let no_rate = EngineError::Conversion {
            source: crate::domain::money::MoneyError::NoRate {
                from: "USD".parse().unwrap(),
                to: "RUB".parse().unwrap(),
                on: chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
            },
            product: None,
        };
        assert_eq!(Lang::En.engine_error(&no_rate), no_rate.to_string());
        assert_eq!(
            Lang::Ru.engine_error(&no_rate),
            "нет курса USD→RUB на 2026-11-30 или раньше"
        );
    }

    #[test]
    fn a_refused_rule_reads_in_either_language_with_its_column_and_hint() {
        use crate::domain::segment::SegmentRule;
        let error = SegmentRule::parse("age >= 35 and income_currency = rubles").unwrap_err();

        assert_eq!(Lang::En.rule_error(&error), error.to_string());
        let russian = Lang::Ru.rule_error(&error);
        assert!(
            russian.starts_with("для income_currency ожидался код валюты, например RUB"),
            "{russian}"
        );
        assert!(russian.contains("(столбец 33)"), "{russian}");

        let hinted = SegmentRule::parse("gender = robot").unwrap_err();
        assert_eq!(
            Lang::Ru.rule_error(&hinted),
            "неизвестное значение «пол»: 'robot' (столбец 10): ожидалось male или female"
        );
    }

    #[test]
    fn the_language_comes_from_accept_language_by_quality() {
        assert_eq!(
            Lang::negotiate("ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7"),
            Lang::Ru
        );
        assert_eq!(Lang::negotiate("en-GB,ru;q=0.5"), Lang::En);
        assert_eq!(Lang::negotiate("de-DE,ru;q=0.3"), Lang::Ru);
        assert_eq!(Lang::negotiate("de-DE"), Lang::En);
        assert_eq!(Lang::negotiate(""), Lang::En);
        assert_eq!(Lang::negotiate("ru;q=0,en;q=0.1"), Lang::En);
    }

    #[test]
    fn every_english_key_has_a_russian_text_and_back() {
        let (english, russian) = (catalog_keys("en"), catalog_keys("ru"));
        let only_english: Vec<_> = english.difference(&russian).collect();
        let only_russian: Vec<_> = russian.difference(&english).collect();
        assert!(
            only_english.is_empty(),
            "no Russian text for {only_english:?}"
        );
        assert!(
            only_russian.is_empty(),
            "Russian text without English for {only_russian:?}"
        );
    }

    #[test]
    fn russian_counts_take_the_right_plural_form() {
        let ended =
            |n: u64| Lang::Ru.message(&Message::new("users-sessions-ended").with("count", n));
        assert_eq!(ended(1), "Завершён 1 сеанс.");
        assert_eq!(ended(3), "Завершено 3 сеанса.");
        assert_eq!(ended(5), "Завершено 5 сеансов.");
        assert_eq!(ended(21), "Завершён 21 сеанс.");
        let english = Lang::En.message(&Message::new("users-sessions-ended").with("count", 1));
        assert_eq!(english, "1 session ended.");
    }

    #[test]
    fn arguments_are_placed_without_isolation_marks() {
        let text = in_english(&Message::new("field-not-negative").with("value", "-5"));
        assert_eq!(text, "must not be negative, got -5");
    }

    /// The message ids of a catalog file (`key = …` at the start of a line).
    fn catalog_keys(language: &str) -> std::collections::BTreeSet<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("locales")
            .join(language);
        let mut keys = std::collections::BTreeSet::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for line in text.lines() {
                if let Some((key, _)) = line.split_once(" =")
                    && !key.is_empty()
                    && key
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                {
                    keys.insert(key.to_string());
                }
            }
        }
        keys
    }

    #[test]
    fn every_english_entry_renders_with_its_arguments() {
        let message = Message::new("date-out-of-range")
            .with("text", "\"1899-01-01\"")
            .with("first", 1900)
            .with("last", 9999);
        assert_eq!(
            in_english(&message),
            "\"1899-01-01\" is out of range (years 1900 to 9999)"
        );
        assert_eq!(in_english(&Message::new("no-such-key")), "no-such-key");
    }

    /// Every key the code raises has an English entry: the keys are read from the source.
    #[test]
    fn every_message_key_in_the_source_has_an_english_text() {
        let english = catalog_keys("en");
        fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    rust_files(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    out.push(path);
                }
            }
        }
        let mut files = Vec::new();
        rust_files(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut files,
        );
        let mut missing = Vec::new();
        let mut seen = 0;
        // This file names keys in its own tests (one of them deliberately missing).
        for file in files.iter().filter(|f| !f.ends_with("src/i18n.rs")) {
            let text = std::fs::read_to_string(file).unwrap();
            let uses = ["Message::new(\"", ".text(\"", ".t(\"", ".t1(\""];
            for part in uses.iter().flat_map(|u| text.split(u).skip(1)) {
                let key = part.split('"').next().unwrap();
                seen += 1;
                if !english.contains(key) {
                    missing.push(format!("{}: {key}", file.display()));
                }
            }
        }
        // Keys also travel as arguments (`what_key`) and from helper functions: any literal
        // shaped like a key (`rule-what-condition`) whose first word starts catalog keys.
        let prefixes: std::collections::BTreeSet<&str> =
            english.iter().filter_map(|k| k.split('-').next()).collect();
        let key_shaped = |s: &str| {
            s.contains('-')
                && s.split('-').all(|w| {
                    !w.is_empty()
                        && w.chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
                })
                && s.starts_with(|c: char| c.is_ascii_lowercase())
        };
        for file in files.iter().filter(|f| !f.ends_with("src/i18n.rs")) {
            let text = std::fs::read_to_string(file).unwrap();
            for literal in text.split('"').skip(1).step_by(2) {
                let prefix = literal.split('-').next().unwrap_or_default();
                // `crm-1`: a CRM id in a test, not a key.
                if key_shaped(literal)
                    && prefixes.contains(prefix)
                    && !english.contains(literal)
                    && literal != "crm-1"
                {
                    missing.push(format!("{}: {literal}", file.display()));
                }
            }
        }
        assert!(seen > 30, "the keys were read ({seen})");
        assert!(
            missing.is_empty(),
            "no English text for:\n{}",
            missing.join("\n")
        );
    }
}
