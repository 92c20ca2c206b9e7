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

/// Every `fn` named in `dir` (recursively), in `.rs` files.
fn functions_in(dir: &std::path::Path, found: &mut std::collections::BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "target") {
                functions_in(&path, found);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            for rest in text.split("fn ").skip(1) {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                found.insert(name);
            }
        }
    }
}

#[test]
fn every_reliability_promise_names_tests_that_exist() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let Some(rows) = table_starting_with(&readme, "| # | Promise |") else {
        panic!("README.md has no reliability table headed \"| # | Promise |\"");
    };
    let mut functions = std::collections::BTreeSet::new();
    for dir in ["src", "tests", "benches"] {
        functions_in(&root.join(dir), &mut functions);
    }
    let mut named = 0;
    for row in &rows[2..] {
        let tests = row.rsplit('|').nth(1).expect("a row has a Tests column");
        let names: Vec<&str> = tests.split('`').skip(1).step_by(2).collect();
        assert!(!names.is_empty(), "a promise with no test: {row}");
        for name in names {
            assert!(
                functions.contains(name),
                "README.md's reliability table names a test that does not exist: {name}"
            );
            named += 1;
        }
    }
    assert!(named >= 9, "{named} tests named: the table lost its rows");
}

#[test]
fn the_readmes_remedies_table_is_the_one_diagnose_rs_renders() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let expected = delegate_lab::diagnose::markdown_table();
    let expected_rows: Vec<&str> = expected.lines().collect();
    let rows = table_starting_with(&readme, expected_rows[0]).unwrap_or_default();
    assert_eq!(
        rows, expected_rows,
        "README.md's remedies table should read (from src/diagnose.rs, to paste):\n\n{expected}"
    );
}

fn readme() -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .unwrap()
}

fn committed_manifest() -> serde_json::Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/figures/figures.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn the_readmes_manifest_table_names_every_field_the_lab_writes() {
    let readme = readme();
    let table = table_starting_with(&readme, "| field | what it records |").expect("the table");
    let in_table: std::collections::BTreeSet<String> = table
        .iter()
        .skip(2)
        .map(|row| {
            row.split('|')
                .nth(1)
                .unwrap()
                .trim()
                .trim_matches('`')
                .to_owned()
        })
        .collect();
    let manifest = committed_manifest();
    let mut written = std::collections::BTreeSet::new();
    written.extend(manifest.as_object().unwrap().keys().cloned());
    for figure in manifest["figures"].as_array().unwrap() {
        written.extend(figure.as_object().unwrap().keys().cloned());
    }
    assert!(
        written.len() > 10,
        "setup: the manifest's fields: {written:?}"
    );
    assert_eq!(in_table, written);
}

#[test]
fn the_readmes_seed_figures_are_the_committed_manifests_in_its_order() {
    let readme = readme();
    let shown: Vec<&str> = readme
        .lines()
        .filter_map(|l| l.trim().strip_prefix("![Figure "))
        .filter_map(|l| l.split_once("](assets/figures/"))
        .map(|(_, file)| file.trim_end_matches(')'))
        .collect();
    let manifest = committed_manifest();
    let recorded: Vec<&str> = manifest["figures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert_eq!(recorded.len(), 7, "setup: the seed's seven figures");
    assert_eq!(shown, recorded);
}
