//! What the bank still lacks, as every page's notice says it: counted again only when the bank
//! changed (its generation counter), and the counter itself read at most once a second, so the
//! notice costs a busy page nothing (it may lag a change by a second).

use std::sync::RwLock;
use std::time::{Duration, Instant};

use sea_orm::DatabaseConnection;

use crate::domain::setup::Readiness;
use crate::persistence::{StoreError, generation, setup};

const RECHECK: Duration = Duration::from_secs(1);

#[derive(Clone, Copy)]
struct Known {
    generation: i64,
    checked: Instant,
    readiness: Readiness,
}

#[derive(Default)]
pub struct ReadinessCache {
    known: RwLock<Option<Known>>,
}

impl ReadinessCache {
    /// Forgets what is known, so that the next page counts again: after a change made through
    /// this server, its next page (the redirect after the form) is never a second behind.
    pub fn forget(&self) {
        if let Ok(mut slot) = self.known.write() {
            *slot = None;
        }
    }

    /// The bank's readiness now (or a second ago).
    ///
    /// # Errors
    /// Database errors only.
    pub async fn get(&self, db: &DatabaseConnection) -> Result<Readiness, StoreError> {
        let known = self.known.read().ok().and_then(|k| *k);
        if let Some(k) = known
            && k.checked.elapsed() < RECHECK
        {
            return Ok(k.readiness);
        }
        let now = generation::current(db).await?;
        let readiness = match known {
            Some(k) if k.generation == now => k.readiness,
            _ => setup::readiness(db).await?,
        };
        if let Ok(mut slot) = self.known.write() {
            *slot = Some(Known {
                generation: now,
                checked: Instant::now(),
                readiness,
            });
        }
        Ok(readiness)
    }
}
