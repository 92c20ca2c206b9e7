//! Writing a scenario for people: one step per line, comments kept, the lab written only when
//! it is not the default one. What `export` and File → "Save as Scenario..." write.

use super::{Scenario, Step};
use crate::lab::LabSpec;

/// A line of a scenario's step list: a step, or a `//` comment for the reader.
#[derive(Clone, Debug, PartialEq)]
pub enum Line {
    Step(Step),
    Comment(String),
}

/// The scenario's text: it parses back to the same title, lab and steps.
pub fn to_text(title: &str, lab: &LabSpec, lines: &[Line]) -> String {
    let mut out = String::from("Scenario(\n");
    out.push_str(&format!("    title: {},\n", ron_string(title)));
    if *lab != LabSpec::contoso() {
        let pretty = ron::ser::PrettyConfig::new()
            .struct_names(true)
            .indentor("    ".to_owned());
        let text = ron::ser::to_string_pretty(lab, pretty)
            .unwrap_or_else(|e| format!("/* the lab could not be written: {e} */"));
        out.push_str("    lab: ");
        for (i, line) in text.lines().enumerate() {
            if i > 0 {
                out.push_str("\n    ");
            }
            out.push_str(line);
        }
        out.push_str(",\n");
    }
    out.push_str("    steps: [\n");
    for line in lines {
        match line {
            Line::Step(step) => out.push_str(&format!("        {step},\n")),
            Line::Comment(text) => {
                for part in text.lines() {
                    out.push_str(&format!("        // {part}\n"));
                }
            }
        }
    }
    out.push_str("    ],\n)\n");
    out
}

/// The whole of a scenario, written for people (no comments).
pub fn scenario_text(scenario: &Scenario) -> String {
    let lines: Vec<Line> = scenario.steps.iter().cloned().map(Line::Step).collect();
    to_text(&scenario.title, &scenario.lab_spec(), &lines)
}

/// A string as RON writes it (quoted, escaped).
fn ron_string(text: &str) -> String {
    ron::to_string(text).unwrap_or_else(|_| format!("{text:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lab::directory::User;

    #[test]
    fn a_written_scenario_reads_back_the_same_one_step_per_line() {
        let text = r#"Scenario(
            title: "Say \"hi\" — to Zoë",
            steps: [
                Note(text: "Line one.\nLine two with \"quotes\"."),
                StartOutlook(user: "user20", computer: "USER20-PC"),
                ExpectOk,
                Wait(minutes: 30),
                Capture(name: "f", computer: "USER20-PC", window: Some("Delegates")),
                ExpectError(contains: "You do not have permissions"),
            ],
        )"#;
        let scenario = crate::scenario::parse(text).unwrap();
        let written = scenario_text(&scenario);
        assert_eq!(crate::scenario::parse(&written).unwrap(), scenario);
        assert!(
            !written.contains("lab:"),
            "the default lab is left out:\n{written}"
        );
        let steps: Vec<&str> = written
            .lines()
            .filter(|l| l.starts_with("        ") && !l.trim_start().starts_with("//"))
            .collect();
        assert_eq!(steps.len(), 6, "one step per line:\n{written}");
    }

    #[test]
    fn a_lab_other_than_the_default_is_written_and_comments_are_kept() {
        let mut lab = LabSpec::contoso();
        lab.users.push(User {
            id: "user30".into(),
            name: "User30".into(),
            enterprise_voice: true,
        });
        let lines = [
            Line::Comment("Done by hand:\nthe next step".into()),
            Line::Step(Step::Expect(crate::scenario::Expectation::ExpectOk)),
        ];
        let written = to_text("Case 4711", &lab, &lines);
        assert!(written.contains("        // Done by hand:\n        // the next step\n"));
        let back = crate::scenario::parse(&written).unwrap();
        assert_eq!(back.lab_spec(), lab);
        assert_eq!(back.steps.len(), 1);
    }
}
