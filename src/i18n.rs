//! Translation catalogs: Fluent files under `locales/`, compiled into the binary.
//!
//! Every [`Message`] the domain raises has an entry in `locales/en/` (a test checks that each
//! key used exists). English is the reference language and what `Display` prints (logs, the
//! CLI, the API).

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, static_loader};

use crate::domain::message::Message;

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // No Unicode isolation marks around arguments: pages and logs show them as they are.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

fn english() -> &'static LanguageIdentifier {
    static EN: std::sync::OnceLock<LanguageIdentifier> = std::sync::OnceLock::new();
    EN.get_or_init(|| "en".parse().expect("a valid language tag"))
}

/// The message in `language`; the key itself when no catalog has it (a test prevents that).
pub fn render(message: &Message, language: &LanguageIdentifier) -> String {
    let args: HashMap<Cow<'static, str>, FluentValue<'_>> = message
        .args
        .iter()
        .map(|(name, value)| (Cow::Borrowed(*name), FluentValue::from(value.as_str())))
        .collect();
    LOCALES
        .try_lookup_with_args(language, message.key, &args)
        .unwrap_or_else(|| message.key.to_string())
}

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
            for part in text.split("Message::new(\"").skip(1) {
                let key = part.split('"').next().unwrap();
                seen += 1;
                if !english.contains(key) {
                    missing.push(format!("{}: {key}", file.display()));
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
