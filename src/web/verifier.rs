//! Bounded password verification.
//!
//! Argon2 is slow and memory-hard on purpose (about 19 MiB and tens of milliseconds per check).
//! Run on the blocking pool, a burst of a few hundred sign-ins took the process to gigabytes:
//! every check allocated its own memory, on whichever of hundreds of threads, and the allocator
//! kept it. Here a fixed set of verifier threads, one per core, each reuses one buffer; further
//! sign-ins wait in line for a short while and are then told that the server is busy. Memory
//! stays at cores × 19 MiB whatever the burst.

use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use argon2::Block;
use tokio::sync::{Semaphore, oneshot};

use crate::security::verify_password_in;

/// How long a sign-in waits for a free verifier before it is answered "busy".
pub const QUEUE_WAIT: Duration = Duration::from_secs(5);

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum VerifyError {
    #[error("every password verifier stayed busy")]
    Busy,
    #[error("the password verifier thread is gone")]
    Failed,
}

struct Job {
    password: String,
    stored_hash: String,
    reply: oneshot::Sender<bool>,
}

pub struct PasswordVerifier {
    /// One permit per verifier thread: a job is sent only with a permit, so it never queues
    /// behind another inside the channel.
    permits: Semaphore,
    wait: Duration,
    jobs: mpsc::Sender<Job>,
}

impl PasswordVerifier {
    /// Starts `threads` verifier threads; they end when the verifier is dropped.
    ///
    /// # Panics
    /// When the operating system refuses to start a thread.
    pub fn new(threads: usize, wait: Duration) -> Self {
        let threads = threads.max(1);
        let (jobs, queue) = mpsc::channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        for i in 0..threads {
            let queue = Arc::clone(&queue);
            std::thread::Builder::new()
                .name(format!("kombi-password-{i}"))
                .spawn(move || serve(&queue))
                .expect("starting a password verifier thread");
        }
        Self {
            permits: Semaphore::new(threads),
            wait,
            jobs,
        }
    }

    /// One verifier per core.
    pub fn for_this_machine() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        Self::new(cores, QUEUE_WAIT)
    }

    /// Whether `password` matches `stored_hash`, checked once a verifier is free.
    ///
    /// # Errors
    /// [`VerifyError::Busy`] when no verifier became free within the wait.
    pub async fn verify(&self, password: String, stored_hash: String) -> Result<bool, VerifyError> {
        let _permit = tokio::time::timeout(self.wait, self.permits.acquire())
            .await
            .map_err(|_| VerifyError::Busy)?
            .map_err(|_| VerifyError::Failed)?;
        let (reply, answer) = oneshot::channel();
        let job = Job {
            password,
            stored_hash,
            reply,
        };
        self.jobs.send(job).map_err(|_| VerifyError::Failed)?;
        answer.await.map_err(|_| VerifyError::Failed)
    }
}

/// A verifier thread: takes jobs until the verifier is dropped, in one reused buffer.
fn serve(queue: &Mutex<mpsc::Receiver<Job>>) {
    let mut memory: Vec<Block> = Vec::new();
    loop {
        let job = {
            let queue = queue
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            queue.recv()
        };
        let Ok(job) = job else {
            return;
        };
        let verified = verify_password_in(&job.password, &job.stored_hash, &mut memory);
        // The sign-in may have gone (client disconnected): nobody to tell.
        let _ = job.reply.send(verified);
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

    #[tokio::test]
    async fn parallel_checks_all_get_their_own_answer() {
        let verifier = Arc::new(PasswordVerifier::new(2, QUEUE_WAIT));
        let hash = hash_password("right").unwrap();
        let checks = (0..6).map(|i| {
            let (verifier, hash) = (Arc::clone(&verifier), hash.clone());
            let password = if i % 2 == 0 { "right" } else { "wrong" };
            tokio::spawn(async move { verifier.verify(password.into(), hash).await })
        });
        let mut answers = Vec::new();
        for check in checks {
            answers.push(check.await.unwrap());
        }
        let expected: Vec<_> = (0..6).map(|i| Ok(i % 2 == 0)).collect();
        assert_eq!(answers, expected);
    }
}
