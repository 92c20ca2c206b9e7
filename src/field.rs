//! The field catalogue (issue "field catalogue", SPEC B13–B16): every documented way Lync
//! delegation fails in the field as a scenario under `saves/field/` — the symptom as a
//! customer reports it, where it is documented, and the file that reproduces it and its fix.
//! File → "Open Field Case..." lists them by symptom; the README has the same table.

/// One case of the catalogue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldCase {
    /// The file under `saves/field/`.
    pub file: &'static str,
    /// The symptom in the customer's words.
    pub symptom: &'static str,
    /// Where it is documented: the KB or Microsoft article, or the seed article.
    pub source: &'static str,
    /// The scenario's text, built in so the window opens it from anywhere.
    pub text: &'static str,
}

macro_rules! case {
    ($file:literal, $symptom:literal, $source:literal) => {
        FieldCase {
            file: $file,
            symptom: $symptom,
            source: $source,
            text: include_str!(concat!("../saves/field/", $file)),
        }
    };
}

/// The catalogue, in the order the picker lists it.
pub const CASES: [FieldCase; 8] = [
    case!(
        "outlook-must-be-open.ron",
        "My assistant never got the delegate notice (I manage delegates from another computer)",
        "Seed article: the sync reads delegates through MAPI, so Outlook must run on the delegator's computer"
    ),
    case!(
        "stuck-sync-workaround.ron",
        "Delegation never shows up in Lync, whatever we do",
        "Field report in the seed article's comments (workaround: delete the Lync profile, reboot)"
    ),
    case!(
        "stale-remnants-after-outlook-removal.ron",
        "My former assistant still has me under People I Manage Calls For",
        "Seed article: records are created once and never deleted by the sync"
    ),
    case!(
        "kb3114502-notice-keeps-coming-back.ron",
        "The delegate notice keeps coming back",
        "KB3114502 (fixed in 15.0.4787.1002)"
    ),
    case!(
        "no-delegation-voice-policy.ron",
        "Outlook says delegate, Lync says nothing: no delegation relationship",
        "KB: No delegation relationship in Lync 2013 even though you're a delegate in Outlook 2013"
    ),
    case!(
        "mapi-not-connected.ron",
        "Lync Meeting button: You do not have permissions to schedule... and MAPI is not connected",
        "Configuration Information (KB3026442); SfB delegation guide: the SIP and SMTP values must match"
    ),
    case!(
        "security-group-as-delegate.ron",
        "We gave a security group delegate access and nobody can schedule Lync Meetings",
        "SfB delegation guide: security groups as delegates aren't supported"
    ),
    case!(
        "assistant-on-lync-basic.ron",
        "My assistant on Lync Basic cannot schedule Lync Meetings for me",
        "Lync Meeting add-in KB: Lync Basic does not include any Delegate functionality"
    ),
];

/// The path of a case's file relative to the repository (`saves/field/...`).
pub fn path_of(case: &FieldCase) -> String {
    format!("saves/field/{}", case.file)
}

/// The README's table of the catalogue in Markdown, one row a case in `CASES` order: the
/// symptom, where it is documented, and the `check` line that replays it. README.md holds it
/// as written here (`tests/readme.rs` compares them).
pub fn markdown_table() -> String {
    let rows = CASES.iter().map(|case| {
        format!(
            "| {} | {} | `check {}` |\n",
            table_cell(case.symptom),
            table_cell(case.source),
            path_of(case)
        )
    });
    std::iter::once("| The customer reports | Documented in | Replay |\n|---|---|---|\n".to_owned())
        .chain(rows)
        .collect()
}

/// Text as one Markdown table cell: a `|` would end the cell.
fn table_cell(text: &str) -> String {
    text.replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_markdown_table_has_a_header_and_one_row_a_case_and_escapes_bars() {
        let table = markdown_table();
        assert_eq!(table.lines().count(), 2 + CASES.len());
        assert!(
            table
                .lines()
                .all(|l| l.starts_with("| ") || l == "|---|---|---|")
        );
        assert_eq!(table_cell("SIP | SMTP"), "SIP \\| SMTP");
    }

    #[test]
    fn the_catalogue_lists_every_file_under_saves_field_once_and_each_parses() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/field");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".ron"))
            .collect();
        files.sort();
        let mut listed: Vec<String> = CASES.iter().map(|c| c.file.to_owned()).collect();
        listed.sort();
        assert_eq!(listed, files);
        for case in CASES {
            let scenario =
                crate::scenario::parse(case.text).unwrap_or_else(|e| panic!("{}: {e}", case.file));
            assert!(
                matches!(
                    scenario.steps.first(),
                    Some(crate::scenario::Step::Narration(_))
                ),
                "{} opens with a note (the symptom)",
                case.file
            );
        }
    }
}
