//! The bytes under the CSV parser: BOM removed, delimiter detected, record size capped.
//!
//! Design decisions:
//! - To detect the delimiter we read the header line ahead, then hand the parser that line
//!   followed by the rest of the stream, so nothing is read twice and line numbers stay right.
//! - A newline is appended to the stream so that the last record, like every other, ends with
//!   one; the reader derives line numbers from where records end (see `reader`).
//! - The CSV parser keeps a whole record in memory, and an unclosed quote makes the rest of the
//!   file one record. [`Source`] refuses to deliver more than [`MAX_RECORD_BYTES`] past the
//!   start of the current record, which keeps memory bounded whatever the input.

use std::io::{self, BufRead, BufReader, Chain, Cursor, Read};

use super::errors::ImportError;

/// The longest record (or header line) accepted: far beyond any real client row.
pub const MAX_RECORD_BYTES: u64 = 1 << 20;
/// The longest header line accepted: real extracts have a few hundred columns at most.
pub const MAX_HEADER_BYTES: u64 = 64 << 10;

const BOM: &[u8] = b"\xEF\xBB\xBF";
const CANDIDATES: [(u8, &str); 3] = [(b',', "','"), (b';', "';'"), (b'\t', "tab")];

type Stream<R> = Chain<Chain<Cursor<Vec<u8>>, BufReader<R>>, Cursor<&'static [u8]>>;

/// The input stream, with a byte budget for the record being read.
pub(super) struct Source<R> {
    inner: Stream<R>,
    delivered: u64,
    limit: u64,
    /// Set when the budget ran out: the reader then reports an over-long record rather than
    /// an I/O failure.
    pub(super) tripped: bool,
}

impl<R: Read> Source<R> {
    /// Allows reading up to [`MAX_RECORD_BYTES`] past `record_start` (a byte offset as the CSV
    /// parser counts them, which is this stream's).
    pub(super) fn budget_from(&mut self, record_start: u64) {
        self.limit = record_start.saturating_add(MAX_RECORD_BYTES);
    }
}

impl<R: Read> Read for Source<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let allowed = self.limit.saturating_sub(self.delivered);
        if allowed == 0 {
            self.tripped = true;
            return Err(io::Error::other("record too long"));
        }
        let take = buf
            .len()
            .min(usize::try_from(allowed).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..take])?;
        self.delivered += n as u64;
        Ok(n)
    }
}

/// Opens `reader`: strips a UTF-8 BOM and reads the header line ahead.
///
/// Returns the header line (for delimiter detection; empty for an empty file) and the stream.
/// The scan is linear (each byte is looked at once, quotes counted as they arrive) and reads at
/// most [`MAX_HEADER_BYTES`]: a quote left open in the first line cannot make it read the whole
/// file.
///
/// # Errors
/// [`ImportError::Io`]; [`ImportError::HeaderTooLong`] when the header line does not end within
/// [`MAX_HEADER_BYTES`]; [`ImportError::HeaderQuoteOpen`] when the file ends inside a quote
/// the header opened.
pub(super) fn open<R: Read>(reader: R) -> Result<(Vec<u8>, Source<R>), ImportError> {
    let mut buffered = BufReader::new(reader);
    let mut ahead = Vec::new();
    let mut header_start = 0;
    let mut quotes_open = false;
    loop {
        let line_start = ahead.len();
        let room = (MAX_HEADER_BYTES + 1).saturating_sub(ahead.len() as u64);
        let read = (&mut buffered).take(room).read_until(b'\n', &mut ahead)?;
        if line_start == 0 && ahead.starts_with(BOM) {
            ahead.drain(..BOM.len());
        }
        if ahead.len() as u64 > MAX_HEADER_BYTES {
            return Err(ImportError::HeaderTooLong);
        }
        let line = &ahead[line_start.min(ahead.len())..];
        let blank = !quotes_open && line.iter().all(u8::is_ascii_whitespace);
        quotes_open ^= line.iter().filter(|&&b| b == b'"').count() % 2 == 1;
        if read == 0 {
            if quotes_open {
                return Err(ImportError::HeaderQuoteOpen);
            }
            break;
        }
        if blank {
            header_start = ahead.len();
        } else if !quotes_open {
            break;
        }
    }
    let header = ahead[header_start..].to_vec();
    // A spreadsheet, an image, a zip: not text at all (text never holds a NUL byte). Said
    // plainly before anything else.
    let next = buffered.fill_buf()?;
    if header.contains(&0) || next.iter().take(1024).any(|&b| b == 0) {
        return Err(ImportError::NotText);
    }
    let source = Source {
        inner: Cursor::new(ahead).chain(buffered).chain(Cursor::new(b"\n")),
        delivered: 0,
        limit: MAX_RECORD_BYTES,
        tripped: false,
    };
    Ok((header, source))
}

/// The most frequent of `,` `;` tab outside quotes in the header line; `,` when there is none
/// (a one-column file).
///
/// # Errors
/// [`ImportError::AmbiguousDelimiter`] when two candidates tie.
pub(super) fn detect_delimiter(header: &[u8]) -> Result<u8, ImportError> {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &byte in header {
        if byte == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(i) = CANDIDATES.iter().position(|(c, _)| *c == byte) {
            counts[i] += 1;
        }
    }
    let most = counts.iter().copied().max().unwrap_or(0);
    if most == 0 {
        return Ok(b',');
    }
    let winners: Vec<usize> = (0..3).filter(|&i| counts[i] == most).collect();
    if let [winner] = winners[..] {
        return Ok(CANDIDATES[winner].0);
    }
    let counts = winners
        .iter()
        .map(|&i| format!("{} × {}", counts[i], CANDIDATES[i].1))
        .collect::<Vec<_>>()
        .join(" and ");
    Err(ImportError::AmbiguousDelimiter { counts })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opened(bytes: &[u8]) -> (Vec<u8>, Vec<u8>) {
        let (header, mut source) = open(bytes).unwrap();
        let mut all = Vec::new();
        source.read_to_end(&mut all).unwrap();
        (header, all)
    }

    #[test]
    fn the_bom_is_dropped_and_the_stream_kept_whole() {
        let (header, all) = opened(b"\xEF\xBB\xBFa;b\n1;2");
        assert_eq!(header, b"a;b\n");
        assert_eq!(all, b"a;b\n1;2\n");
    }

    #[test]
    fn the_header_line_is_the_first_non_blank_one_and_may_span_lines() {
        let (header, all) = opened(b"\n \r\n\"a\nb\",c\n1,2\n");
        assert_eq!(header, b"\"a\nb\",c\n");
        assert_eq!(all, b"\n \r\n\"a\nb\",c\n1,2\n\n");
    }

    #[test]
    fn delimiters_are_counted_outside_quotes() {
        assert_eq!(detect_delimiter(b"a;b;\"c,d,e\"").unwrap(), b';');
        assert_eq!(detect_delimiter(b"a\tb\tc,d").unwrap(), b'\t');
        assert_eq!(detect_delimiter(b"single").unwrap(), b',');
        let error = detect_delimiter(b"a,b;c").unwrap_err().to_string();
        assert!(error.contains("1 × ',' and 1 × ';'"), "{error}");
    }

    #[test]
    fn an_endless_header_is_refused() {
        let long = vec![b'a'; MAX_HEADER_BYTES as usize + 10];
        assert!(matches!(open(&long[..]), Err(ImportError::HeaderTooLong)));
    }

    /// Counts what was taken from the underlying reader.
    struct Counted<'a> {
        bytes: &'a [u8],
        taken: &'a std::cell::Cell<usize>,
    }

    impl Read for Counted<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.bytes.read(buf)?;
            self.taken.set(self.taken.get() + n);
            Ok(n)
        }
    }

    #[test]
    fn a_quote_left_open_in_the_header_stops_the_scan_within_the_bound() {
        // '"' and then 10 MB of line breaks: the header never ends.
        let mut file = b"\"".to_vec();
        file.resize(10 << 20, b'\n');
        let taken = std::cell::Cell::new(0);
        let reader = Counted {
            bytes: &file,
            taken: &taken,
        };
        assert!(matches!(open(reader), Err(ImportError::HeaderTooLong)));
        assert!(
            taken.get() < (MAX_HEADER_BYTES as usize) * 2,
            "read {}",
            taken.get()
        );
    }

    #[test]
    fn a_binary_file_is_refused_as_not_text() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01";
        assert!(matches!(open(&png[..]), Err(ImportError::NotText)));
        let xlsx = b"PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0";
        assert!(matches!(open(&xlsx[..]), Err(ImportError::NotText)));
    }

    #[test]
    fn a_file_ending_inside_the_header_quote_is_refused() {
        assert!(matches!(
            open(&b"\"crm_id,name\n\n1,2\n"[..]),
            Err(ImportError::HeaderQuoteOpen)
        ));
    }

    #[test]
    fn a_quoted_blank_line_belongs_to_the_header() {
        let (header, _) = open(&b"\"a\n\n\nb\",c\n1,2\n"[..]).unwrap();
        assert_eq!(header, b"\"a\n\n\nb\",c\n");
    }

    #[test]
    fn the_budget_stops_a_runaway_record() {
        let long = vec![b'a'; MAX_RECORD_BYTES as usize * 3];
        let mut text = b"h\n".to_vec();
        text.extend_from_slice(&long);
        let (_, mut source) = open(&text[..]).unwrap();
        let mut sink = Vec::new();
        assert!(source.read_to_end(&mut sink).is_err());
        assert!(source.tripped);
        assert_eq!(sink.len() as u64, MAX_RECORD_BYTES);
    }
}
