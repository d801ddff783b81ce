//! Sessions and API tokens read lately, so that a page at a busy desk, or an API call, costs
//! the database one query, not two.
//!
//! Design decisions:
//! - A session or token found in the database is trusted for at most [`RECHECK`], then read
//!   again (which also extends a session's idle timeout and stamps a token's last use, at most
//!   once a minute, as before).
//! - Every form this server handles forgets every cached session and token (`access::guard`):
//!   signing out, an administrator ending a session, disabling a user, changing a role or a
//!   password are all forms, so on this server they apply at once. (The API changes no user,
//!   session or token: its calls forget nothing.) Another server on the same database, or the
//!   command line (`kombi user …`, `kombi token …`), is at most [`RECHECK`] behind — the same
//!   second the bank's generation and readiness may lag.
//! - Keyed by the secret's SHA-256, as the database keeps it; at most [`MAX_ENTRIES`] entries
//!   (when full, all are dropped: each is one query to read again).

use std::collections::HashMap;
use std::sync::RwLock;
use std::time::{Duration, Instant};

/// How long a credential read from the database is trusted without reading it again.
pub const RECHECK: Duration = Duration::from_secs(1);
/// Entries kept at most: far more than a bank's staff signed in at once.
pub const MAX_ENTRIES: usize = 10_000;

/// What a session's or a token's secret stands for (`T`: the session, or the token's user).
pub struct CredentialCache<T> {
    entries: RwLock<HashMap<String, (T, Instant)>>,
}

impl<T> Default for CredentialCache<T> {
    fn default() -> Self {
        Self {
            entries: RwLock::new(HashMap::new()),
        }
    }
}

impl<T: Clone> CredentialCache<T> {
    /// What this secret's hash stands for, if read from the database under [`RECHECK`] ago.
    pub fn get(&self, secret_hash: &str) -> Option<T> {
        let entries = self.entries.read().ok()?;
        let (found, read_at) = entries.get(secret_hash)?;
        (read_at.elapsed() < RECHECK).then(|| found.clone())
    }

    /// Keeps what was just read from the database.
    pub fn keep(&self, secret_hash: String, found: T) {
        if let Ok(mut entries) = self.entries.write() {
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
            entries.insert(secret_hash, (found, Instant::now()));
        }
    }

    /// Forgets everything: the next request of each reads its credential again.
    pub fn forget(&self) {
        if let Ok(mut entries) = self.entries.write() {
            entries.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::user::Role;
    use crate::persistence::sessions::ActiveSession;
    use crate::persistence::users::StaffUser;

    fn session(id: i32) -> ActiveSession {
        ActiveSession {
            id,
            user: StaffUser {
                id,
                username: format!("user{id}"),
                display_name: String::new(),
                role: Role::Advisor,
                active: true,
                language: None,
                home_sales_point: None,
                day_sales_point: None,
                last_sign_in_at: None,
                must_change_password: false,
            },
            csrf_token: "csrf".into(),
        }
    }

    #[test]
    fn a_session_is_kept_for_a_second_and_forgotten_on_any_change() {
        let cache = CredentialCache::<ActiveSession>::default();
        assert!(cache.get("a").is_none());
        cache.keep("a".into(), session(1));
        assert_eq!(cache.get("a").map(|s| s.id), Some(1));
        assert!(cache.get("b").is_none());
        cache.forget();
        assert!(cache.get("a").is_none());
    }

    #[test]
    fn a_session_read_over_a_second_ago_is_read_again() {
        let cache = CredentialCache::<ActiveSession>::default();
        let stale = Instant::now()
            .checked_sub(RECHECK)
            .expect("the clock is past a second");
        cache
            .entries
            .write()
            .unwrap()
            .insert("a".into(), (session(1), stale));
        assert!(cache.get("a").is_none());
    }

    #[test]
    fn a_full_cache_starts_again_instead_of_growing() {
        let cache = CredentialCache::<ActiveSession>::default();
        for i in 0..MAX_ENTRIES {
            cache.keep(format!("t{i}"), session(1));
        }
        cache.keep("last".into(), session(2));
        assert!(cache.get("t0").is_none());
        assert_eq!(cache.get("last").map(|s| s.id), Some(2));
        assert_eq!(cache.entries.read().unwrap().len(), 1);
    }
}
