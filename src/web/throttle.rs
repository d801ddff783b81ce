//! Slows down repeated failed sign-ins, per account and per client address.
//!
//! The first [`FREE_FAILURES`] failures within [`WINDOW`] cost nothing; after that each attempt
//! must wait twice as long as the previous one (1 s, 2 s, 4 s … up to [`MAX_DELAY`]).
//!
//! An attempt is *reserved* before its password is checked: [`SignInThrottle::reserve`] checks
//! and counts it as a failure in one step, so parallel attempts cannot all pass the check before
//! any of them is counted. A successful sign-in gives its reservation back
//! ([`SignInThrottle::succeeded`]): the account's record is cleared and the address's count goes
//! down again (many advisors sign in from one branch's address). Kept in memory: a restart
//! forgets it, which is acceptable for a slowdown (it is not a lockout).

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
    /// Reserves an attempt for `keys`, counting it as a failure until [`Self::succeeded`]
    /// says otherwise; `Err(wait)` when an attempt for any key must wait `wait` longer.
    ///
    /// # Errors
    /// The longest wait among `keys`, when the attempt is refused (and not counted).
    pub fn reserve(&self, keys: &[String], now: Instant) -> Result<(), Duration> {
        let mut map = self
            .failures
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let wait = keys
            .iter()
            .filter_map(|key| map.get(key))
            .filter(|f| now.duration_since(f.last) < WINDOW)
            .filter_map(|f| {
                let ready_at = f.last + delay_after(f.count);
                (ready_at > now).then(|| ready_at - now)
            })
            .max();
        if let Some(wait) = wait {
            return Err(wait);
        }
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
        Ok(())
    }

    /// The reserved attempt was not made after all (no password was checked).
    pub fn release(&self, keys: &[String]) {
        let mut map = self
            .failures
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        for key in keys {
            if let Some(entry) = map.get_mut(key) {
                entry.count = entry.count.saturating_sub(1);
            }
        }
    }

    /// The reserved attempt succeeded: clears `account_key` and takes the attempt back from
    /// the other keys.
    pub fn succeeded(&self, account_key: &str, other_keys: &[String]) {
        let mut map = self
            .failures
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        map.remove(account_key);
        for key in other_keys {
            if let Some(entry) = map.get_mut(key) {
                entry.count = entry.count.saturating_sub(1);
            }
        }
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
        for _ in 0..FREE_FAILURES {
            assert_eq!(throttle.reserve(&keys, start), Ok(()));
        }
        assert_eq!(throttle.reserve(&keys, start), Err(Duration::from_secs(1)));
        assert_eq!(
            throttle.reserve(&keys, start + Duration::from_secs(1)),
            Ok(())
        );
        throttle.succeeded("user:anna", &[]);
        assert_eq!(throttle.reserve(&keys, start), Ok(()));
    }

    #[test]
    fn a_refused_attempt_is_not_counted() {
        let throttle = SignInThrottle::default();
        let keys = vec!["user:anna".to_string()];
        let start = Instant::now();
        for _ in 0..FREE_FAILURES {
            throttle.reserve(&keys, start).unwrap();
        }
        for _ in 0..100 {
            assert!(throttle.reserve(&keys, start).is_err());
        }
        // Still one second after the fifth failure, not doubled by the refusals.
        assert_eq!(
            throttle.reserve(&keys, start + Duration::from_secs(1)),
            Ok(())
        );
    }

    #[test]
    fn successful_sign_ins_from_one_address_never_slow_it_down() {
        let throttle = SignInThrottle::default();
        let start = Instant::now();
        for i in 0..50 {
            let account = format!("user:advisor{i}");
            let keys = vec![account.clone(), "ip:10.0.0.1".to_string()];
            assert_eq!(throttle.reserve(&keys, start), Ok(()), "sign-in {i}");
            throttle.succeeded(&account, &keys[1..]);
        }
    }

    #[test]
    fn failures_older_than_the_window_are_forgotten() {
        let throttle = SignInThrottle::default();
        let keys = vec!["ip:10.0.0.1".to_string()];
        let start = Instant::now();
        for _ in 0..FREE_FAILURES {
            throttle.reserve(&keys, start).unwrap();
        }
        assert!(throttle.reserve(&keys, start).is_err());
        assert_eq!(throttle.reserve(&keys, start + WINDOW), Ok(()));
    }
}
