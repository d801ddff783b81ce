//! Schema migrations for Kombi. The same migrations run on SQLite and PostgreSQL.
//!
//! Exact quantities are stored as scaled integers (BIGINT), never as REAL or as text,
//! so that SQL can compare, sort and add them up exactly on both backends:
//! amounts, minutes, counts and years at scale 4 (1/10,000), rates at scale 8.
//! Columns holding scaled values are commented in their migration.

pub use sea_orm_migration::prelude::*;

mod m20261123_000001_foundation;
mod m20261123_000002_catalog_and_crm;
mod m20261123_000003_crm_import;
mod m20261123_000004_client_indexes_for_imports;
mod m20261123_000005_byte_order_client_keys;
mod m20261123_000006_import_run_heartbeat;
mod m20261130_000007_session_origin;
mod m20261130_000008_segment_version;
mod m20261130_000009_user_language;
mod m20261130_000010_search_name_yo;
mod m20261130_000011_user_administration;
mod m20261130_000012_import_run_new_clients;
mod m20261130_000013_product_matrices;
mod m20261130_000014_client_phone;
mod m20261130_000015_desk_offers;
mod m20261130_000016_bank_generation;
mod m20261130_000017_covering_search_index;
mod m20261130_000018_audit_log;
mod m20261130_000019_matrix_review;
mod m20261130_000020_product_changes;
mod m20261130_000021_population_counts;
mod m20261130_000022_scenarios;
mod m20261130_000023_settings_changes;
mod m20261130_000024_bank_setup;
mod m20261130_000025_stated_age;
mod m20261130_000026_import_run_details;
mod m20261201_000027_clients_changed;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_foundation::Migration),
            Box::new(m20261123_000002_catalog_and_crm::Migration),
            Box::new(m20261123_000003_crm_import::Migration),
            Box::new(m20261123_000004_client_indexes_for_imports::Migration),
            Box::new(m20261123_000005_byte_order_client_keys::Migration),
            Box::new(m20261123_000006_import_run_heartbeat::Migration),
            Box::new(m20261130_000007_session_origin::Migration),
            Box::new(m20261130_000008_segment_version::Migration),
            Box::new(m20261130_000009_user_language::Migration),
            Box::new(m20261130_000010_search_name_yo::Migration),
            Box::new(m20261130_000011_user_administration::Migration),
            Box::new(m20261130_000012_import_run_new_clients::Migration),
            Box::new(m20261130_000013_product_matrices::Migration),
            Box::new(m20261130_000014_client_phone::Migration),
            Box::new(m20261130_000015_desk_offers::Migration),
            Box::new(m20261130_000016_bank_generation::Migration),
            Box::new(m20261130_000017_covering_search_index::Migration),
            Box::new(m20261130_000018_audit_log::Migration),
            Box::new(m20261130_000019_matrix_review::Migration),
            Box::new(m20261130_000020_product_changes::Migration),
            Box::new(m20261130_000021_population_counts::Migration),
            Box::new(m20261130_000022_scenarios::Migration),
            Box::new(m20261130_000023_settings_changes::Migration),
            Box::new(m20261130_000024_bank_setup::Migration),
            Box::new(m20261130_000025_stated_age::Migration),
            Box::new(m20261130_000026_import_run_details::Migration),
            Box::new(m20261201_000027_clients_changed::Migration),
        ]
    }
}
