//! Extracts without an id column: ids from row numbers, asked for in so many words.

use super::*;

#[test]
fn row_numbers_become_ids_only_when_the_mapping_says_so() {
    let text = "Name,Age\n,\nA,1\n\nB,2\n";
    let refused = Mapping::from_toml("[columns]\n\"Name\" = \"full_name\"\n").unwrap_err();
    assert!(
        refused
            .to_string()
            .contains("no column is mapped to crm_id"),
        "{refused}"
    );
    let mapping =
        Mapping::from_toml("[columns]\n\"Name\" = \"full_name\"\n[options]\nignore = [\"Age\"]\n[crm_id]\nunstable_ids = true\n")
            .unwrap();
    assert_eq!(mapping.row_number_prefix(), Some("ROW"));
    let (rows, _) = read_all(text.as_bytes(), &mapping);
    let ids: Vec<String> = rows
        .iter()
        .map(|r| r.as_ref().unwrap().crm_id.to_string())
        .collect();
    // Blank lines are no rows: the numbers count data rows.
    assert_eq!(ids, ["ROW-1", "ROW-2"]);
    let again = Mapping::from_toml(&mapping.to_toml()).unwrap();
    assert_eq!(again, mapping, "written back and read alike");
}

#[test]
fn a_prefix_names_the_file_and_conflicting_id_sources_are_refused() {
    let mapping = Mapping::from_toml(
        "[columns]\n\"Name\" = \"full_name\"\n[crm_id]\nunstable_ids = true\nprefix = \"KAGGLE_2026\"\n",
    )
    .unwrap();
    let client = only_client("Name\nA\n", &mapping);
    assert_eq!(client.crm_id.as_str(), "KAGGLE_2026-1");
    let both =
        Mapping::from_toml("[columns]\n\"ID\" = \"crm_id\"\n[crm_id]\nunstable_ids = true\n")
            .unwrap_err()
            .to_string();
    assert!(
        both.contains("crm_id: a column is mapped to crm_id too"),
        "{both}"
    );
    let template = Mapping::from_toml(
        "[columns]\n\"Name\" = \"full_name\"\n[crm_id]\ntemplate = \"{Name}\"\nunstable_ids = true\n",
    )
    .unwrap_err()
    .to_string();
    assert!(
        template.contains("line 5: crm_id.unstable_ids"),
        "{template}"
    );
    let stray = Mapping::from_toml("[columns]\n\"ID\" = \"crm_id\"\n[crm_id]\nprefix = \"X\"\n")
        .unwrap_err()
        .to_string();
    assert!(
        stray.contains("crm_id.prefix: a prefix is for row-number ids"),
        "{stray}"
    );
    let bad = Mapping::from_toml(
        "[columns]\n\"Name\" = \"full_name\"\n[crm_id]\nunstable_ids = true\nprefix = \"a b\"\n",
    )
    .unwrap_err()
    .to_string();
    assert!(bad.contains("line 5: crm_id.prefix"), "{bad}");
}
