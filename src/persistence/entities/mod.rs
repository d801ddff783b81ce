//! sea-orm entities, one per table. Kept plain: conversions to domain types live in the
//! repositories beside them, so that these mirror the migrations exactly.

pub mod api_token;
pub mod audit_entry;
pub mod bank_settings;
pub mod client;
pub mod company;
pub mod exchange_rate;
pub mod import_mapping;
pub mod import_run;
pub mod matrix_cell;
pub mod matrix_cell_figure;
pub mod matrix_frozen_term;
pub mod matrix_link;
pub mod matrix_review;
pub mod matrix_version;
pub mod offer;
pub mod offer_opening;
pub mod offer_position;
pub mod population_count;
pub mod product;
pub mod product_change;
pub mod product_change_figure;
pub mod sales_point;
pub mod scenario;
pub mod segment;
pub mod session;
pub mod settings_change;
pub mod user;
