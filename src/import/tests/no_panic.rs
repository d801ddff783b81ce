//! No input makes the reader panic: every byte string gives an error or rows.

use proptest::prelude::*;

use super::*;

/// Reads everything, checking the invariants that hold for any input.
fn exercise(bytes: &[u8], mapping: &Mapping) -> Result<(), TestCaseError> {
    let Ok(mut reader) = ImportReader::new(bytes, mapping) else {
        return Ok(());
    };
    let mut yielded = 0u64;
    for row in reader.by_ref() {
        yielded += 1;
        if let Err(errors) = row {
            prop_assert!(!errors.errors().is_empty());
            prop_assert!(errors.errors().iter().all(|e| e.line >= 1));
        }
    }
    let stats = reader.stats();
    prop_assert_eq!(stats.rows_read, yielded);
    prop_assert_eq!(stats.rows_ok + stats.rows_failed, yielded);
    Ok(())
}

/// Text that looks like an extract, so that rows get past the header often.
fn extract_like() -> impl Strategy<Value = Vec<u8>> {
    let cell = prop_oneof![
        Just(String::new()),
        "[A-Za-z0-9 ]{0,8}",
        "[0-9]{1,3}([ ,.][0-9]{1,4}){0,3}",
        "[0-9]{1,2}[.-][0-9]{1,2}[.-][0-9]{2,4}",
        "\\PC{0,6}",
        "\"[^\"]{0,6}\"",
        "[\";,\t\r\n=|]{1,3}",
    ];
    let row = prop::collection::vec(cell, 0..8).prop_map(|cells| cells.join(";"));
    prop::collection::vec(row, 0..6).prop_map(|rows| {
        let mut text =
            "\u{feff}Client ID;Full name;Date of birth;Sex;Monthly income;Loyalty\n".to_owned();
        text.push_str(&rows.join("\n"));
        text.into_bytes()
    })
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        exercise(&bytes, &example())?;
        exercise(&bytes, &Mapping::canonical())?;
    }

    #[test]
    fn extract_like_text_never_panics(bytes in extract_like()) {
        exercise(&bytes, &example())?;
        exercise(&bytes, &mapping_with("Sex = \"gender\"", "delimiter = \";\"\ndate_format = \"%d-%m-%y\""))?;
    }

    #[test]
    fn arbitrary_mapping_text_never_panics(text in "\\PC{0,200}") {
        let _ = Mapping::from_toml(&text);
    }
}
