//! Row errors: which column, which line, and what happens to the other rows.

use super::*;

const HEADER: &str = "Client ID,Full name,Date of birth,Sex,Monthly income,Loyalty";

#[test]
fn a_second_occurrence_of_a_crm_id_is_a_row_error() {
    let text = format!(
        "{HEADER}\nC1,Ivanov Ivan,,,,\nC2,Petrov Petr,,,,\n C1 ,Ivanov Ivan Jr,,,,\nC1,Again,,,,\n"
    );
    let (rows, stats) = read_all(text.as_bytes(), &example());
    assert!(rows[0].is_ok() && rows[1].is_ok());
    assert_eq!(
        described(rows[2].as_ref().unwrap_err().errors()),
        [(
            4,
            Some("Client ID"),
            "duplicate CRM id C1, first seen on line 2".to_owned()
        )]
    );
    assert_eq!(
        rows[3].as_ref().unwrap_err().errors()[0].reason.to_string(),
        "duplicate CRM id C1, first seen on line 2"
    );
    assert_eq!(
        (stats.rows_read, stats.rows_ok, stats.rows_failed),
        (4, 2, 2)
    );
}

#[test]
fn an_id_first_seen_on_a_skipped_row_still_makes_a_duplicate() {
    let text = format!("{HEADER}\nC1,Ivanov Ivan,bad,,,\nC1,Ivanov Ivan,,,,\n");
    let (rows, _) = read_all(text.as_bytes(), &example());
    let errors = rows[1].as_ref().unwrap_err().errors();
    assert_eq!(
        errors[0].reason.to_string(),
        "duplicate CRM id C1, first seen on line 2"
    );
}

#[test]
fn every_problem_of_a_row_is_reported_in_column_order_under_its_source_column() {
    let text = format!("{HEADER}\nC 1,Bad\u{7}Name,1990-13-01,x,-5,\n");
    let errors = only_errors(&text, &example());
    let columns: Vec<Option<&str>> = errors.iter().map(|e| e.column.as_deref()).collect();
    assert_eq!(
        columns,
        [
            Some("Client ID"),
            Some("Full name"),
            Some("Date of birth"),
            Some("Sex"),
            Some("Monthly income")
        ]
    );
    assert!(
        errors[0].reason.to_string().contains("' ' at position 2"),
        "{errors:?}"
    );
    assert!(
        errors[1].reason.to_string().contains("control character"),
        "{errors:?}"
    );
    assert_eq!(errors[4].reason.to_string(), "must not be negative, got -5");
    assert!(errors.iter().all(|e| e.line == 2));
}

/// The example mapping, saying the file is UTF-8.
fn utf8_example() -> Mapping {
    Mapping::from_toml(&format!("{EXAMPLE_MAPPING}encoding = \"utf-8\"\n")).unwrap()
}

#[test]
fn a_cell_that_is_not_utf8_is_a_row_error() {
    let mut text = format!("{HEADER}\nC1,").into_bytes();
    text.extend_from_slice(b"Ivanov \xC8van,,,,\nC2,Petrov Petr,,,,\n");
    // A mapping that says the file is UTF-8: it is not decoded from a guessed encoding.
    let (rows, _) = read_all(&text, &utf8_example());
    assert_eq!(
        described(rows[0].as_ref().unwrap_err().errors()),
        [(2, Some("Full name"), "is not UTF-8 text".to_owned())]
    );
    assert!(rows[1].is_ok());
}

#[test]
fn a_header_that_is_not_utf8_is_refused() {
    let error = ImportReader::new(&b"Client ID,F\xFFll name\n"[..], &utf8_example())
        .err()
        .unwrap();
    assert!(
        matches!(error, ImportError::HeaderNotUtf8 { position: 2 }),
        "{error}"
    );
}

#[test]
fn blank_rows_are_not_rows() {
    let text = format!("{HEADER}\n,,,,,\n  ,\t,,,,\nC1,Ivanov Ivan,,,,\n\n");
    let (rows, stats) = read_all(text.as_bytes(), &example());
    assert_eq!(rows.len(), 1);
    assert_eq!(stats.rows_read, 1);
}

#[test]
fn the_report_adds_up_what_the_reader_yields() {
    let text = format!("{HEADER}\nC1,Ivanov Ivan,,,,\nC2,,bad,,,\nC3,Sidorov Sidor,bad,x,,\n");
    let mut reader = ImportReader::new(text.as_bytes(), &example()).unwrap();
    let mut report = ImportReport::new();
    let mut imported = Vec::new();
    for row in reader.by_ref() {
        report.record(&row);
        imported.extend(row.ok());
    }
    assert_eq!(imported.len(), 1);
    assert_eq!((report.rows, report.imported, report.skipped), (3, 1, 2));
    assert_eq!(report.errors.len(), 3);
    let stats = reader.stats();
    assert_eq!(
        (stats.rows_read, stats.rows_ok, stats.rows_failed),
        (3, 1, 2)
    );
    let csv = report.to_csv();
    assert!(
        csv.starts_with("line,column,reason\n3,Date of birth,")
            && csv.contains("\n4,Date of birth,"),
        "{csv}"
    );
}

#[test]
fn the_reader_tells_the_columns_and_delimiter_it_found() {
    let reader = ImportReader::new(&b" Client ID ;Full name\n"[..], &mapping_with("", "")).unwrap();
    assert_eq!(reader.columns(), ["Client ID", "Full name"]);
    assert_eq!(reader.delimiter(), b';');
}
