//! Application services: what one page or API call needs, gathered from the repositories and
//! worked out by the domain. No HTTP here (handlers stay thin), no SQL (repositories own it).

pub mod catalog;
pub mod desk;
pub mod matrices;
pub mod portfolio;
pub mod product_change;
pub mod repricing;
pub mod review;
pub mod settings;
pub mod setup;
pub mod what_if;
