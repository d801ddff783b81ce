//! Shared state handed to every handler.

use sea_orm::DatabaseConnection;

use super::throttle::SignInThrottle;
use super::verifier::PasswordVerifier;
use crate::config::CookieSecure;

pub struct AppState {
    pub db: DatabaseConnection,
    pub throttle: SignInThrottle,
    pub verifier: PasswordVerifier,
    pub cookie_secure: CookieSecure,
    /// What the desk offers from, kept while the bank does not change.
    pub desk: crate::service::desk::DeskCache,
    /// The desk's views of client data recorded lately (one audit entry per visit).
    pub views: super::viewed::RecentViews,
    /// What the bank still lacks, for every page's notice.
    pub readiness: super::readiness::ReadinessCache,
    /// Sessions and API tokens read in the last second.
    pub sessions: super::credentials::CredentialCache<crate::persistence::sessions::ActiveSession>,
    pub tokens: super::credentials::CredentialCache<crate::persistence::users::StaffUser>,
}

impl AppState {
    pub fn new(db: DatabaseConnection, cookie_secure: CookieSecure) -> Self {
        Self {
            db,
            throttle: SignInThrottle::default(),
            verifier: PasswordVerifier::for_this_machine(),
            cookie_secure,
            desk: crate::service::desk::DeskCache::default(),
            views: super::viewed::RecentViews::default(),
            readiness: super::readiness::ReadinessCache::default(),
            sessions: super::credentials::CredentialCache::default(),
            tokens: super::credentials::CredentialCache::default(),
        }
    }
}
