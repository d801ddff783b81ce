//! Views of a client's personal data at the desk, for the audit trail: bank secrecy and
//! personal-data law require knowing who looked at whom, when and from where. One entry per
//! user, page and object in a ten-minute window: the reloads and recomputations of one visit
//! do not flood the trail (a view after the window is a new entry). A page whose view cannot be
//! recorded is not shown (fail closed).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::identity::Identity;
use super::state::AppState;
use crate::domain::audit::{Action, Fields, Subject};
use crate::persistence::{StoreError, audit};

const WINDOW: Duration = Duration::from_secs(10 * 60);
/// Views remembered at most (a day of a large branch network); older ones are dropped first.
const REMEMBERED: usize = 20_000;

type ViewKey = (i32, &'static str, String);

/// The views recorded in the last window, by user, page and object.
#[derive(Default)]
pub struct RecentViews {
    seen: Mutex<HashMap<ViewKey, Instant>>,
}

impl RecentViews {
    /// Whether this view is the first of its window (and remembers it if so).
    fn first_in_window(&self, key: &ViewKey, now: Instant) -> bool {
        let Ok(mut seen) = self.seen.lock() else {
            return true; // a poisoned memory only costs an extra entry
        };
        if seen.len() >= REMEMBERED {
            seen.retain(|_, at| now.duration_since(*at) < WINDOW);
            if seen.len() >= REMEMBERED {
                seen.clear();
            }
        }
        match seen.get(key) {
            Some(at) if now.duration_since(*at) < WINDOW => false,
            _ => {
                seen.insert(key.clone(), now);
                true
            }
        }
    }

    fn forget(&self, key: &ViewKey) {
        if let Ok(mut seen) = self.seen.lock() {
            seen.remove(key);
        }
    }
}

/// Records that `identity` sees `object` on `page` (`card`, `proposal`, `offer`, `print`).
///
/// # Errors
/// When the entry cannot be written: the caller does not show the page.
pub async fn record_view(
    state: &AppState,
    identity: &Identity,
    subject: Subject,
    object: &str,
    page: &'static str,
) -> Result<(), StoreError> {
    let key = (identity.user.id, page, object.to_owned());
    if !state.views.first_in_window(&key, Instant::now()) {
        return Ok(());
    }
    let entry = identity
        .author()
        .entry(Action::Viewed, subject, object)
        .after(Fields::new().with("page", page));
    let written = audit::record(&state.db, &entry).await;
    if written.is_err() {
        state.views.forget(&key);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_view_is_recorded_once_per_window_per_user_page_and_object() {
        let views = RecentViews::default();
        let start = Instant::now();
        let card = (1, "card", "CRM-1".to_owned());
        assert!(views.first_in_window(&card, start));
        assert!(!views.first_in_window(&card, start + Duration::from_secs(60)));
        assert!(views.first_in_window(&(2, "card", "CRM-1".to_owned()), start));
        assert!(views.first_in_window(&(1, "proposal", "CRM-1".to_owned()), start));
        assert!(views.first_in_window(&card, start + WINDOW));
        views.forget(&card);
        assert!(views.first_in_window(&card, start + WINDOW));
    }
}
