//! Bounded password verification.
//!
//! Argon2 is slow and memory-hard on purpose (about 19 MiB and tens of milliseconds per check).
//! Run on an unbounded blocking pool, a burst of a few hundred sign-ins took the process to
//! gigabytes. At most one check per core runs at a time; further sign-ins wait in line for a
//! short while and are then told that the server is busy, so memory stays flat under any burst.

use std::time::Duration;

use tokio::sync::Semaphore;

use crate::security::verify_password;

/// How long a sign-in waits for a free verifier before it is answered "busy".
pub const QUEUE_WAIT: Duration = Duration::from_secs(5);

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum VerifyError {
    #[error("every password verifier stayed busy")]
    Busy,
    #[error("the password check could not run")]
    Failed,
}

pub struct PasswordVerifier {
    permits: Semaphore,
    wait: Duration,
}

impl PasswordVerifier {
    pub fn new(concurrent: usize, wait: Duration) -> Self {
        Self {
            permits: Semaphore::new(concurrent.max(1)),
            wait,
        }
    }

    /// One verification per core.
    pub fn for_this_machine() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        Self::new(cores, QUEUE_WAIT)
    }

    /// Whether `password` matches `stored_hash`, checked on the blocking pool once a verifier
    /// is free.
    ///
    /// # Errors
    /// [`VerifyError::Busy`] when no verifier became free within the wait.
    pub async fn verify(&self, password: String, stored_hash: String) -> Result<bool, VerifyError> {
        let permit = tokio::time::timeout(self.wait, self.permits.acquire())
            .await
            .map_err(|_| VerifyError::Busy)?
            .map_err(|_| VerifyError::Failed)?;
        let verified =
            tokio::task::spawn_blocking(move || verify_password(&password, &stored_hash)).await;
        drop(permit);
        verified.map_err(|_| VerifyError::Failed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::security::hash_password;

    #[tokio::test]
    async fn checks_passwords() {
        let verifier = PasswordVerifier::new(1, QUEUE_WAIT);
        let hash = hash_password("right-password").unwrap();
        assert_eq!(
            verifier.verify("right-password".into(), hash.clone()).await,
            Ok(true)
        );
        assert_eq!(verifier.verify("wrong".into(), hash).await, Ok(false));
    }

    #[tokio::test]
    async fn a_check_that_finds_no_free_verifier_is_busy() {
        let verifier = PasswordVerifier::new(1, Duration::ZERO);
        let _taken = verifier.permits.acquire().await.unwrap();
        let hash = hash_password("p").unwrap();
        assert_eq!(
            verifier.verify("p".into(), hash).await,
            Err(VerifyError::Busy)
        );
    }
}
