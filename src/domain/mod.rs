//! The pure domain core: business rules with no I/O and no framework types.

pub mod audit;
pub mod bank;
pub mod client;
pub mod code;
pub mod evaluation;
pub mod import_run;
pub mod matrix;
pub mod message;
pub mod money;
pub mod offer;
pub mod portfolio;
pub mod product;
pub mod profitability;
pub mod segment;
pub mod settings_change;
pub mod setup;
pub mod user;
pub mod validation;
pub mod what_if;
