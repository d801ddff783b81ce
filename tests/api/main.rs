//! Integration tests: each test starts Kombi on a random port against its own fresh database:
//! a temporary SQLite file, or a schema of its own in PostgreSQL when `TEST_DATABASE_URL` is set.

mod access;
mod anonymised_extract;
mod api;
mod audit;
mod auth;
mod bank_setup;
mod catalog;
mod clients_api;
mod clients_bulk;
mod clients_copy;
mod clients_phone;
mod clients_store;
mod clients_ui;
mod crm_import;
mod demo_seed;
mod desk_offers;
mod encoded_paths;
mod health;
mod helpers;
mod mapping_suggest;
mod matrices_review;
mod matrices_store;
mod matrices_ui;
mod money_storage;
mod offers_api;
mod openapi;
mod portfolio;
mod product_changes;
mod security;
mod segment_rules;
mod segment_sizes;
mod segments_ui;
mod settings;
mod users_admin;
mod what_if;
