//! How figures are shown on pages, by language: see [`crate::i18n::numbers`] (messages format
//! their money and percentage arguments the same way).

pub use crate::i18n::numbers::{amount, date, integer, margin, moment, money, percent, plain};
