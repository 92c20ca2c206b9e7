//! The README says what the code does: its field catalogue table is the one `src/field.rs`
//! renders, row for row.

use delegate_lab::field;

/// The README's table that starts with `header`: from that line to the last `|` line after it.
fn table_starting_with<'a>(readme: &'a str, header: &str) -> Option<Vec<&'a str>> {
    let mut lines = readme.lines().skip_while(|l| !l.starts_with(header));
    let first = lines.next()?;
    Some(
        std::iter::once(first)
            .chain(lines.take_while(|l| l.starts_with('|')))
            .collect(),
    )
}

#[test]
fn the_readmes_field_catalogue_table_is_the_one_field_rs_renders() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}: {}", path.display()));
    let expected = field::markdown_table();
    let expected_rows: Vec<&str> = expected.lines().collect();
    let paste = format!(
        "README.md's field catalogue table should read (from src/field.rs, to paste):\n\n{expected}"
    );
    let Some(rows) = table_starting_with(&readme, expected_rows[0]) else {
        panic!(
            "README.md has no table headed {:?}\n{paste}",
            expected_rows[0]
        );
    };
    let differing: Vec<String> = (0..rows.len().max(expected_rows.len()))
        .filter(|&i| rows.get(i) != expected_rows.get(i))
        .map(|i| {
            let which = match i {
                0 => "the header".to_owned(),
                1 => "the rule under the header".to_owned(),
                _ => field::CASES
                    .get(i - 2)
                    .map_or_else(|| "a row past the cases".to_owned(), |c| c.file.to_owned()),
            };
            format!(
                "{which}:\n  README.md:    {}\n  src/field.rs: {}",
                rows.get(i).unwrap_or(&"(none)"),
                expected_rows.get(i).unwrap_or(&"(none)")
            )
        })
        .collect();
    assert!(
        differing.is_empty(),
        "{} of the table's rows differ from src/field.rs:\n{}\n\n{paste}",
        differing.len(),
        differing.join("\n")
    );
}

#[test]
fn the_table_has_a_row_for_every_case_with_its_own_texts() {
    let table = field::markdown_table();
    let rows: Vec<&str> = table.lines().skip(2).collect();
    assert_eq!(rows.len(), field::CASES.len());
    for (row, case) in rows.iter().zip(field::CASES) {
        assert!(row.contains(case.symptom), "{row}");
        assert!(row.contains(case.source), "{row}");
        assert!(
            row.ends_with(&format!("`check saves/field/{}` |", case.file)),
            "{row}"
        );
    }
}
