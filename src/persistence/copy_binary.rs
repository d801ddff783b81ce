//! Rows in PostgreSQL's binary `COPY` format (manual: "COPY", "Binary Format"): a header, then
//! per row a field count and each field as a length and its bytes in network order, then a
//! trailer. The server then has nothing to parse (no dates, numbers or escapes in text), which
//! is most of what a text `COPY` costs it; the writer only copies bytes.
//!
//! Each field must have exactly the binary form of its column's type: `int4` for `integer`,
//! `int8` for `bigint`, and so on. A mismatch is refused by the server, never stored wrongly.

use chrono::{DateTime, Datelike, NaiveDate, Utc};

/// Signature, flags (no OIDs), header extension length (none).
pub const HEADER: &[u8] = b"PGCOPY\n\xff\r\n\0\0\0\0\0\0\0\0\0";
/// A field count of -1 ends the data.
pub const TRAILER: &[u8] = &[0xff, 0xff];

/// `date` and `timestamptz` count from 2000-01-01 (UTC for timestamps).
const EPOCH_DAYS_FROM_CE: i32 = 730_120;
const EPOCH_UNIX_MICROS: i64 = 946_684_800_000_000;

/// Starts a row of `fields` fields; write them next, in the statement's column order.
pub fn begin_row(out: &mut Vec<u8>, fields: i16) -> Fields<'_> {
    out.extend_from_slice(&fields.to_be_bytes());
    Fields { out }
}

/// Writes fields one after another (also used without a row header, to hash a row's values).
pub struct Fields<'a> {
    out: &'a mut Vec<u8>,
}

impl<'a> Fields<'a> {
    pub fn new(out: &'a mut Vec<u8>) -> Self {
        Self { out }
    }

    fn null(&mut self) {
        self.out.extend_from_slice(&(-1_i32).to_be_bytes());
    }

    fn field(&mut self, bytes: &[u8]) {
        // Imported records are capped at 1 MiB, far below a field's 1 GiB limit; a longer
        // value would reach the server as a length it refuses, never as a panic here.
        let length = i32::try_from(bytes.len()).unwrap_or(i32::MAX);
        self.out.extend_from_slice(&length.to_be_bytes());
        self.out.extend_from_slice(bytes);
    }

    /// `text` or `varchar`: the UTF-8 bytes as they are.
    pub fn text(&mut self, value: Option<&str>) {
        match value {
            Some(text) => self.field(text.as_bytes()),
            None => self.null(),
        }
    }

    /// `bigint`.
    pub fn int8(&mut self, value: Option<i64>) {
        match value {
            Some(n) => self.field(&n.to_be_bytes()),
            None => self.null(),
        }
    }

    /// `integer`.
    pub fn int4(&mut self, value: Option<i32>) {
        match value {
            Some(n) => self.field(&n.to_be_bytes()),
            None => self.null(),
        }
    }

    pub fn boolean(&mut self, value: bool) {
        self.field(&[u8::from(value)]);
    }

    /// `date`: days since 2000-01-01.
    pub fn date(&mut self, value: Option<NaiveDate>) {
        match value {
            Some(day) => self.field(&(day.num_days_from_ce() - EPOCH_DAYS_FROM_CE).to_be_bytes()),
            None => self.null(),
        }
    }

    /// `timestamptz`: microseconds since 2000-01-01 00:00 UTC.
    pub fn timestamptz(&mut self, value: DateTime<Utc>) {
        self.field(&(value.timestamp_micros() - EPOCH_UNIX_MICROS).to_be_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(write: impl FnOnce(&mut Fields)) -> Vec<u8> {
        let mut out = Vec::new();
        write(&mut Fields::new(&mut out));
        out
    }

    #[test]
    fn fields_are_length_prefixed_in_network_order_and_null_is_minus_one() {
        assert_eq!(
            written(|f| f.text(Some("Ёж"))),
            [0, 0, 0, 4, 0xd0, 0x81, 0xd0, 0xb6]
        );
        assert_eq!(written(|f| f.text(None)), [0xff; 4]);
        assert_eq!(
            written(|f| f.int4(Some(-2))),
            [0, 0, 0, 4, 0xff, 0xff, 0xff, 0xfe]
        );
        assert_eq!(
            written(|f| f.int8(Some(258))),
            [0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 1, 2]
        );
        assert_eq!(written(|f| f.boolean(true)), [0, 0, 0, 1, 1]);
        assert_eq!(written(|f| f.text(Some(""))), [0, 0, 0, 0]);
    }

    #[test]
    fn dates_and_timestamps_count_from_the_year_2000() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(
            written(|f| f.date(day(2000, 1, 1))),
            [0, 0, 0, 4, 0, 0, 0, 0]
        );
        assert_eq!(
            written(|f| f.date(day(2000, 1, 2))),
            [0, 0, 0, 4, 0, 0, 0, 1]
        );
        assert_eq!(
            written(|f| f.date(day(1999, 12, 31))),
            [0, 0, 0, 4, 0xff, 0xff, 0xff, 0xff]
        );
        let second = DateTime::from_timestamp(946_684_801, 0).unwrap();
        assert_eq!(
            written(|f| f.timestamptz(second)),
            [0, 0, 0, 8, 0, 0, 0, 0, 0, 0x0f, 0x42, 0x40]
        );
    }

    #[test]
    fn a_row_begins_with_its_field_count() {
        let mut out = Vec::new();
        begin_row(&mut out, 2).boolean(false);
        assert_eq!(out, [0, 2, 0, 0, 0, 1, 0]);
        assert_eq!(HEADER.len(), 19);
    }
}
