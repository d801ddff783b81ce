//! The file as a whole: encoding marks, delimiters, quoting, line numbers, header problems.

use super::*;

const HEADER: &str = "Client ID,Full name,Date of birth,Sex,Monthly income,Loyalty";

fn ids(rows: &[Result<Client, RowErrors>]) -> Vec<String> {
    rows.iter()
        .map(|row| match row {
            Ok(client) => client.crm_id.to_string(),
            Err(errors) => format!("line {}", errors.line()),
        })
        .collect()
}

#[test]
fn a_utf8_bom_is_ignored() {
    let text = format!("\u{feff}{HEADER}\nC1,Ivanov Ivan,,,,\n");
    let (rows, _) = read_all(text.as_bytes(), &example());
    assert_eq!(ids(&rows), ["C1"]);
}

#[test]
fn semicolons_are_detected() {
    let text = "Client ID;Full name;Date of birth;Sex;Monthly income;Loyalty\n\
                C1;Ivanova Anna;23.11.1990;Ж;87 450,50;gold\n";
    let client = only_client(text, &example());
    assert_eq!(client.full_name, "Ivanova Anna");
    assert_eq!(client.monthly_income.unwrap().to_string(), "87450.50");
}

#[test]
fn tabs_are_detected_and_can_be_configured() {
    let text = "Client ID\tFull name\tNote, with commas\nC1\tIvanov Ivan\ta, b\n";
    let client = only_client(text, &mapping_with("", ""));
    assert_eq!(client.custom_attributes["note_with_commas"], "a, b");
    let tab = mapping_with("", "delimiter = \"\\t\"");
    assert_eq!(only_client(text, &tab).crm_id.as_str(), "C1");
}

#[test]
fn a_tie_between_delimiters_asks_for_the_option() {
    let text = "Client ID;Full name;x,y,z\n";
    let error = ImportReader::new(text.as_bytes(), &mapping_with("", ""))
        .err()
        .unwrap();
    assert!(matches!(error, ImportError::AmbiguousDelimiter { .. }));
    assert!(
        error.to_string().contains("set options.delimiter"),
        "{error}"
    );
    let semicolon = mapping_with("", "delimiter = \";\"");
    assert!(ImportReader::new(text.as_bytes(), &semicolon).is_ok());
}

#[test]
fn quoted_line_breaks_keep_the_line_numbers_right() {
    // The domain refuses line breaks in names, so they sit in the ignored note column.
    let text = format!(
        "{HEADER},Internal note\nC1,Ivanov Ivan,,,,,\"two\nlines\"\nC2,Petrov Petr,bad,,,,\n\n\
         C3,Sidorov Sidor,,,,,\"a\r\nb\"\nC4,Kuznetsov Kuzma,bad,,,,\n"
    );
    let (rows, stats) = read_all(text.as_bytes(), &example());
    assert_eq!(ids(&rows), ["C1", "line 4", "C3", "line 8"]);
    assert_eq!(
        (stats.rows_read, stats.rows_ok, stats.rows_failed),
        (4, 2, 2)
    );
}

#[test]
fn crlf_files_read_like_lf_files() {
    let text =
        format!("{HEADER}\r\nC1,Ivanov Ivan,,M,,gold\r\n\r\nC2,Petrov Petr,bad,,,\"silver\"\r\n");
    let (rows, _) = read_all(text.as_bytes(), &example());
    assert_eq!(ids(&rows), ["C1", "line 4"]);
    let client = rows[0].as_ref().unwrap();
    assert_eq!(client.custom_attributes["loyalty_tier"], "gold");
}

#[test]
fn an_empty_file_is_an_error() {
    for empty in ["", "\u{feff}", "\n\n", " \r\n"] {
        let error = ImportReader::new(empty.as_bytes(), &example())
            .err()
            .unwrap();
        assert_eq!(error.to_string(), "the file is empty", "{empty:?}");
    }
}

#[test]
fn a_header_without_rows_gives_no_rows() {
    for text in [
        HEADER.to_owned(),
        format!("{HEADER}\n"),
        format!("{HEADER}\n\n\n"),
    ] {
        let (rows, stats) = read_all(text.as_bytes(), &example());
        assert!(rows.is_empty());
        assert_eq!(stats, ImportStats::default());
    }
}

#[test]
fn a_row_with_the_wrong_number_of_fields_is_skipped() {
    let text =
        format!("{HEADER}\nC1,Ivanov Ivan,,,\nC2,Petrov Petr,,,,,extra\nC3,Sidorov Sidor,,,,\n");
    let (rows, stats) = read_all(text.as_bytes(), &example());
    assert_eq!(ids(&rows), ["line 2", "line 3", "C3"]);
    let errors = rows[0].as_ref().unwrap_err().errors();
    assert_eq!(
        described(errors),
        [(
            2,
            None,
            "the row has 5 fields but the header has 6".to_owned()
        )]
    );
    let errors = rows[1].as_ref().unwrap_err().errors();
    assert_eq!(
        errors[0].reason.to_string(),
        "the row has 7 fields but the header has 6"
    );
    assert_eq!(stats.rows_failed, 2);
}

#[test]
fn a_mapped_column_missing_from_the_header_is_named() {
    let text = "Client ID,Name,Sex\nC1,x,M\n";
    let error = ImportReader::new(text.as_bytes(), &example())
        .err()
        .unwrap();
    let ImportError::MissingColumns { missing, found } = &error else {
        panic!("{error}");
    };
    assert_eq!(
        missing,
        &["Full name", "Date of birth", "Monthly income", "Loyalty"]
    );
    assert_eq!(found, &["Client ID", "Name", "Sex"]);
    assert!(error.to_string().starts_with(
        "the header lacks the mapped column(s) \"Full name\", \"Date of birth\", \"Monthly income\", \"Loyalty\"; it has \"Client ID\""
    ));
}

#[test]
fn a_mapped_column_twice_in_the_header_is_refused() {
    let text = "Client ID,Full name,Full name\n";
    let error = ImportReader::new(text.as_bytes(), &mapping_with("", ""))
        .err()
        .unwrap();
    assert!(matches!(error, ImportError::DuplicateColumn { name } if name == "Full name"));
}

#[test]
fn an_unclosed_quote_stops_reading_with_a_bounded_record() {
    let mut text = format!("{HEADER}\nC1,Ivanov Ivan,,,,\nC2,\"Petrov,,,,\n");
    text.push_str(&"C9,Filler Row,,,,\n".repeat(80_000));
    let (rows, stats) = read_all(text.as_bytes(), &example());
    assert_eq!(rows.len(), 2);
    let errors = rows[1].as_ref().unwrap_err().errors();
    assert_eq!(errors[0].line, 3);
    assert!(
        errors[0]
            .reason
            .to_string()
            .contains("longer than 1048576 bytes"),
        "{errors:?}"
    );
    assert_eq!((stats.rows_ok, stats.rows_failed), (1, 1));
}

#[test]
fn an_unclosed_quote_at_the_end_is_one_bad_row() {
    let text = format!("{HEADER}\nC1,Ivanov Ivan,,,,\nC2,\"Petrov\n\n");
    let (rows, _) = read_all(text.as_bytes(), &example());
    assert_eq!(ids(&rows), ["C1", "line 3"]);
}
