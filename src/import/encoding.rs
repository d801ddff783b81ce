//! The text encoding of an extract: UTF-8 as is; anything else (Windows-1251 from Russian CRM
//! and accounting systems, say) decoded to UTF-8 while it streams, as the mapping names it or
//! as detected from the first 64 KB.
//!
//! Design decisions:
//! - A file that is valid UTF-8 in its first 64 KB is read as UTF-8, untouched (a cut
//!   multi-byte character at the end of the sample does not count against it); a cell in
//!   another encoding further down is then a row error, as before.
//! - Detection is `chardetng`'s (the Firefox detector), told the text is not from a `.ru` page
//!   or any other: it decides on the bytes alone.

use std::io::{self, Chain, Cursor, Read};

use encoding_rs::{Encoding, UTF_8};
use encoding_rs_io::{DecodeReaderBytes, DecodeReaderBytesBuilder};

/// Bytes looked at to tell the encoding.
const SAMPLE_BYTES: u64 = 64 << 10;

type Sampled<R> = Chain<Cursor<Vec<u8>>, R>;

/// The extract as UTF-8.
pub enum Decoded<R: Read> {
    Utf8(Sampled<R>),
    Other(Box<DecodeReaderBytes<Sampled<R>, Vec<u8>>>),
}

impl<R: Read> Read for Decoded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Self::Utf8(inner) => inner.read(buf),
            Self::Other(inner) => inner.read(buf),
        }
    }
}

/// The encoding a label names (`windows-1251`, `cp1251`, `koi8-r`, `utf-8` …), by the WHATWG
/// list of labels.
pub fn by_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

/// `reader` decoded to UTF-8 from `named`, or from the encoding its first 64 KB show; and the
/// encoding used.
///
/// # Errors
/// Reading the sample.
pub fn decoded<R: Read>(
    mut reader: R,
    named: Option<&'static Encoding>,
) -> io::Result<(Decoded<R>, &'static Encoding)> {
    let mut sample = Vec::new();
    (&mut reader).take(SAMPLE_BYTES).read_to_end(&mut sample)?;
    let encoding = named.unwrap_or_else(|| detect(&sample));
    let stream = Cursor::new(sample).chain(reader);
    if encoding == UTF_8 {
        return Ok((Decoded::Utf8(stream), UTF_8));
    }
    let decoder = DecodeReaderBytesBuilder::new()
        .encoding(Some(encoding))
        .bom_override(true)
        .build(stream);
    Ok((Decoded::Other(Box::new(decoder)), encoding))
}

fn detect(sample: &[u8]) -> &'static Encoding {
    let sample = sample.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(sample);
    match std::str::from_utf8(sample) {
        Ok(_) => return UTF_8,
        // Only the sample's last character was cut short.
        Err(e) if e.error_len().is_none() => return UTF_8,
        Err(_) => {}
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(sample, false);
    detector.guess(None, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(bytes: &[u8], named: Option<&'static Encoding>) -> (String, &'static str) {
        let (mut decoded, encoding) = decoded(bytes, named).unwrap();
        let mut text = String::new();
        decoded.read_to_string(&mut text).unwrap();
        (text, encoding.name())
    }

    #[test]
    fn windows_1251_is_detected_and_decoded() {
        let text =
            "crm_id;full_name;city\nC1;Иванов Иван Петрович;Новосибирск\nC2;Петрова Анна;Тверь\n";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
        assert!(
            std::str::from_utf8(&bytes).is_err(),
            "the sample is not UTF-8"
        );
        assert_eq!(read_all(&bytes, None), (text.to_owned(), "windows-1251"));
    }

    #[test]
    fn utf8_passes_untouched_and_a_named_encoding_wins() {
        let text = "crm_id,full_name\nC1,Иванов\n";
        assert_eq!(read_all(text.as_bytes(), None), (text.to_owned(), "UTF-8"));
        let (bytes, _, _) = encoding_rs::KOI8_R.encode(text);
        let named = by_label("koi8-r");
        assert_eq!(read_all(&bytes, named), (text.to_owned(), "KOI8-R"));
        assert!(by_label("cp1251").is_some_and(|e| e == encoding_rs::WINDOWS_1251));
        assert!(by_label("klingon").is_none());
    }
}
