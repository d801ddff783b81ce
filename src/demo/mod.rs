//! The demo bank: a Moscow-region bank with a small office in Novosibirsk, the worked example's
//! products, the seed's segments, demo users and a deterministic synthetic CRM.

pub mod bank;
pub mod crm_generator;
pub mod matrices;
pub mod offers;
pub mod seed;
