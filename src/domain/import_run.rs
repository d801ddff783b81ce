//! A CRM import as the people who started it follow it: running, finished, failed, or
//! interrupted (Kombi stopped while it ran).

use chrono::{DateTime, TimeDelta, Utc};

/// Silence after which a running import is taken for stopped. Progress comes after every batch
/// (well under a second); the longest pause is building the indexes after a PostgreSQL initial
/// load, seconds for a million clients.
pub const STALLED_AFTER: TimeDelta = TimeDelta::minutes(15);

/// What is stored of a run's progress: it ends finished or failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordedStatus {
    Running,
    Finished,
    Failed,
}

impl RecordedStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RecordedStatus::Running => "running",
            RecordedStatus::Finished => "finished",
            RecordedStatus::Failed => "failed",
        }
    }

    /// `None` for a value Kombi never writes.
    pub fn parse(text: &str) -> Option<Self> {
        [Self::Running, Self::Finished, Self::Failed]
            .into_iter()
            .find(|s| s.as_str() == text)
    }
}

/// How a run reads now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunState {
    Running,
    Finished,
    Failed,
    /// Recorded as running, but silent for [`STALLED_AFTER`]: it will never finish.
    Interrupted,
}

impl RunState {
    pub fn as_str(self) -> &'static str {
        match self {
            RunState::Running => "running",
            RunState::Finished => "finished",
            RunState::Failed => "failed",
            RunState::Interrupted => "interrupted",
        }
    }
}

/// One import run.
#[derive(Clone, Debug)]
pub struct ImportRun {
    pub id: i32,
    pub file_name: String,
    pub status: RecordedStatus,
    pub started_at: DateTime<Utc>,
    pub progressed_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
    pub bytes_total: u64,
    pub bytes_read: u64,
    pub rows: u64,
    pub written: u64,
    /// Of `written`, the clients that were new.
    pub inserted: u64,
    pub skipped: u64,
    /// The report (finished) or the reason (failed).
    pub message: String,
    /// The rejected rows as CSV (line, column, reason).
    pub errors_csv: String,
    /// The text encoding the file was read in (`UTF-8`, `windows-1251` …), once known.
    pub encoding: Option<String>,
    /// Per custom attribute: its name, the stored values rules read as numbers, and as text.
    pub custom_attributes: Vec<AttributeCount>,
}

/// How the values of one custom attribute came out of an import.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttributeCount {
    pub name: String,
    /// The extract's column it came from, when a column of its own filled it.
    pub column: Option<String>,
    pub numbers: u64,
    pub texts: u64,
}

impl AttributeCount {
    /// Numbers and text both: a rule comparing it as a number skips the text values.
    pub fn is_mixed(&self) -> bool {
        self.numbers > 0 && self.texts > 0
    }
}

impl ImportRun {
    /// The run's state at `now`: a running import that stopped reporting is interrupted.
    pub fn state(&self, now: DateTime<Utc>) -> RunState {
        match self.status {
            RecordedStatus::Finished => RunState::Finished,
            RecordedStatus::Failed => RunState::Failed,
            RecordedStatus::Running => {
                let last_sign = self.progressed_at.unwrap_or(self.started_at);
                if now - last_sign > STALLED_AFTER {
                    RunState::Interrupted
                } else {
                    RunState::Running
                }
            }
        }
    }

    /// Clients whose stored record changed.
    pub fn updated(&self) -> u64 {
        self.written.saturating_sub(self.inserted)
    }

    /// Rows read whose client was stored already, exactly as read.
    pub fn unchanged(&self) -> u64 {
        self.rows
            .saturating_sub(self.skipped)
            .saturating_sub(self.written)
    }

    /// How much of the file was read, 0 to 100.
    pub fn percent_read(&self) -> u64 {
        if self.bytes_total == 0 {
            return 0;
        }
        (u128::from(self.bytes_read) * 100 / u128::from(self.bytes_total)).min(100) as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(status: RecordedStatus, minutes_since_start: i64, progressed: Option<i64>) -> ImportRun {
        let now = Utc::now();
        ImportRun {
            id: 1,
            file_name: "crm.csv".into(),
            status,
            started_at: now - TimeDelta::minutes(minutes_since_start),
            progressed_at: progressed.map(|m| now - TimeDelta::minutes(m)),
            finished_at: None,
            bytes_total: 200,
            bytes_read: 50,
            rows: 0,
            written: 0,
            inserted: 0,
            skipped: 0,
            message: String::new(),
            errors_csv: String::new(),
            encoding: None,
            custom_attributes: Vec::new(),
        }
    }

    #[test]
    fn a_running_import_silent_for_long_is_interrupted() {
        use RecordedStatus::{Finished, Running};
        let now = Utc::now();
        assert_eq!(
            run(Running, 60, Some(1)).state(now),
            RunState::Running,
            "progress a minute ago"
        );
        assert_eq!(run(Running, 60, Some(16)).state(now), RunState::Interrupted);
        assert_eq!(
            run(Running, 5, None).state(now),
            RunState::Running,
            "just started"
        );
        assert_eq!(
            run(Running, 16, None).state(now),
            RunState::Interrupted,
            "never reported"
        );
        assert_eq!(
            run(Finished, 600, Some(590)).state(now),
            RunState::Finished,
            "ended runs are not"
        );
    }

    #[test]
    fn recorded_statuses_read_back_and_the_percentage_is_capped() {
        for status in [
            RecordedStatus::Running,
            RecordedStatus::Finished,
            RecordedStatus::Failed,
        ] {
            assert_eq!(RecordedStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(RecordedStatus::parse("interrupted"), None);
        let mut r = run(RecordedStatus::Running, 0, None);
        assert_eq!(r.percent_read(), 25);
        r.bytes_read = 500;
        assert_eq!(r.percent_read(), 100);
        r.bytes_total = 0;
        assert_eq!(r.percent_read(), 0);
    }
}
