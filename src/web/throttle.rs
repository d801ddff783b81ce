//! Slows down repeated failed sign-ins, per account and per client address.
//!
//! The first [`FREE_FAILURES`] failures within [`WINDOW`] cost nothing; after that each attempt
//! must wait twice as long as the previous one (1 s, 2 s, 4 s … up to [`MAX_DELAY`]). A
//! successful sign-in clears the account's record. Kept in memory: a restart forgets it, which
//! is acceptable for a slowdown (it is not a lockout).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub const FREE_FAILURES: u32 = 5;
pub const WINDOW: Duration = Duration::from_secs(15 * 60);
pub const MAX_DELAY: Duration = Duration::from_secs(5 * 60);
/// Bound on remembered keys, so a flood of made-up usernames cannot exhaust memory.
const MAX_KEYS: usize = 100_000;

#[derive(Clone, Copy, Debug)]
struct Failures {
    count: u32,
    last: Instant,
}

/// How long after the last failure the next attempt must wait, given `count` failures.
pub fn delay_after(count: u32) -> Duration {
    if count < FREE_FAILURES {
        return Duration::ZERO;
    }
    let doublings = (count - FREE_FAILURES).min(16);
    Duration::from_secs(1_u64 << doublings).min(MAX_DELAY)
}

#[derive(Default)]
pub struct SignInThrottle {
    failures: Mutex<HashMap<String, Failures>>,
}

impl SignInThrottle {
    /// `Some(wait)` when an attempt for any of `keys` must wait `wait` longer.
    pub fn check(&self, keys: &[String], now: Instant) -> Option<Duration> {
        let map = self
            .failures
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        keys.iter()
            .filter_map(|key| map.get(key))
            .filter(|f| now.duration_since(f.last) < WINDOW)
            .filter_map(|f| {
                let ready_at = f.last + delay_after(f.count);
                (ready_at > now).then(|| ready_at - now)
            })
            .max()
    }

    pub fn record_failure(&self, keys: &[String], now: Instant) {
        let mut map = self
            .failures
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if map.len() >= MAX_KEYS {
            map.retain(|_, f| now.duration_since(f.last) < WINDOW);
        }
        for key in keys {
            let entry = map.entry(key.clone()).or_insert(Failures {
                count: 0,
                last: now,
            });
            if now.duration_since(entry.last) >= WINDOW {
                entry.count = 0;
            }
            entry.count = entry.count.saturating_add(1);
            entry.last = now;
        }
    }

    pub fn record_success(&self, account_key: &str) {
        let mut map = self
            .failures
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        map.remove(account_key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delay_doubles_after_the_free_failures_and_is_capped() {
        assert_eq!(delay_after(4), Duration::ZERO);
        assert_eq!(delay_after(5), Duration::from_secs(1));
        assert_eq!(delay_after(6), Duration::from_secs(2));
        assert_eq!(delay_after(9), Duration::from_secs(16));
        assert_eq!(delay_after(100), MAX_DELAY);
    }

    #[test]
    fn an_account_is_slowed_after_five_failures_and_cleared_by_success() {
        let throttle = SignInThrottle::default();
        let keys = vec!["user:anna".to_string()];
        let start = Instant::now();
        for _ in 0..4 {
            throttle.record_failure(&keys, start);
        }
        assert_eq!(throttle.check(&keys, start), None);
        throttle.record_failure(&keys, start);
        assert_eq!(throttle.check(&keys, start), Some(Duration::from_secs(1)));
        assert_eq!(throttle.check(&keys, start + Duration::from_secs(1)), None);
        throttle.record_success("user:anna");
        assert_eq!(throttle.check(&keys, start), None);
    }

    #[test]
    fn failures_older_than_the_window_are_forgotten() {
        let throttle = SignInThrottle::default();
        let keys = vec!["ip:10.0.0.1".to_string()];
        let start = Instant::now();
        for _ in 0..10 {
            throttle.record_failure(&keys, start);
        }
        assert!(throttle.check(&keys, start).is_some());
        assert_eq!(throttle.check(&keys, start + WINDOW), None);
    }
}
