//! The report page of a scenario (`delegate-lab report`): its title, the notes as prose, each
//! action in plain words with its outcome and the lab's explanation (the event log's "why"),
//! each expectation with pass or fail, and each capture as a figure with its alt text — as
//! Markdown beside the PNGs, or as one self-contained HTML file that reads well printed.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use base64::Engine as _;

use crate::lab::Outcome;
use crate::scenario::{Scenario, StepResultKind, capture_file_name, run_step};

/// What became of a figure in the run that writes the page.
#[derive(Clone, Debug, PartialEq)]
pub enum Figure {
    /// Drawn, with its alt text and its width in points (the PNG's pixels over the scale).
    Drawn { alt: String, width: u32 },
    /// Not drawn: why.
    Failed(String),
}

/// A page, built from a scenario run.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    pub title: String,
    pub items: Vec<Item>,
    pub passed: usize,
    pub failed: usize,
    /// An exercise's page: its tasks and their points in all.
    pub tasks: Option<(usize, u64)>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    Note(String),
    Action {
        step: usize,
        time: String,
        plain: String,
        outcome: Outcome,
        why: Vec<String>,
        output: Vec<String>,
    },
    Expectation {
        step: usize,
        plain: String,
        passed: bool,
        expected: String,
        found: String,
    },
    Wait(u32),
    Figure {
        step: usize,
        /// The PNG's file name (beside the page).
        file: String,
        plain: String,
    },
}

impl Item {
    /// Step `step`'s action, as the event log wrote it.
    fn action(step: usize, entry: crate::lab::LogEntry) -> Item {
        Item::Action {
            step,
            time: entry.time.to_string(),
            plain: entry.plain,
            outcome: entry.outcome,
            why: entry.lines,
            output: entry.output,
        }
    }
}

impl Page {
    /// Replays the scenario (as `check` does) and lays out what happened.
    pub fn new(scenario: &Scenario) -> Page {
        let mut lab = crate::lab::Lab::new(scenario.lab_spec());
        let mut previous: Option<Outcome> = None;
        let mut items = Vec::new();
        let (mut passed, mut failed) = (0, 0);
        for (i, step) in scenario.steps.iter().enumerate() {
            let number = i + 1;
            // Named as the lab stands before the step (display names, windows).
            let plain = step.plain(&lab);
            let item = match run_step(&mut lab, step, previous.as_ref()) {
                StepResultKind::Note(text) => Item::Note(text),
                StepResultKind::Wait(minutes) => Item::Wait(minutes),
                StepResultKind::Action(entry) => {
                    previous = Some(entry.outcome.clone());
                    Item::action(number, entry)
                }
                StepResultKind::Expectation(check) => {
                    if check.passed {
                        passed += 1;
                    } else {
                        failed += 1;
                    }
                    Item::Expectation {
                        step: number,
                        plain,
                        passed: check.passed,
                        expected: check.expected,
                        found: check.found,
                    }
                }
                StepResultKind::Capture { name, .. } => Item::Figure {
                    step: number,
                    file: capture_file_name(&name),
                    plain,
                },
            };
            items.push(item);
        }
        Page {
            title: scenario.title.clone(),
            items,
            passed,
            failed,
            tasks: None,
        }
    }

    /// An exercise's page: the student's handout — its title, instructions and tasks, and
    /// the figures the setup captures, but none of the setup's steps — or, with `solutions`,
    /// the trainer's version, which adds each task's goals, hint and solve steps (replayed,
    /// with their outcomes and the lab's explanation) and the goals checked after them.
    /// The captures are those of `Exercise::scenario`, in its order.
    pub fn exercise(exercise: &crate::exercise::Exercise, solutions: bool) -> Page {
        let mut lab = crate::lab::Lab::new(exercise.lab_spec());
        let mut items: Vec<Item> = exercise
            .instructions
            .iter()
            .cloned()
            .map(Item::Note)
            .collect();
        let mut previous: Option<Outcome> = None;
        let mut number = 0;
        let mut run = |lab: &mut crate::lab::Lab,
                       items: &mut Vec<Item>,
                       step: &crate::scenario::Step,
                       shown: bool| {
            // Numbered as the page shows them: the setup's hidden steps are not counted.
            if shown || matches!(step, crate::scenario::Step::Capture(_)) {
                number += 1;
            }
            let plain = step.plain(lab);
            let result = run_step(lab, step, previous.as_ref());
            match result {
                StepResultKind::Capture { name, .. } => items.push(Item::Figure {
                    step: number,
                    file: capture_file_name(&name),
                    plain,
                }),
                StepResultKind::Action(entry) => {
                    previous = Some(entry.outcome.clone());
                    if shown {
                        items.push(Item::action(number, entry));
                    }
                }
                StepResultKind::Note(text) if shown => items.push(Item::Note(text)),
                StepResultKind::Note(_)
                | StepResultKind::Wait(_)
                | StepResultKind::Expectation(_) => {}
            }
        };
        for step in &exercise.setup {
            run(&mut lab, &mut items, step, false);
        }
        for (i, task) in exercise.tasks.iter().enumerate() {
            let points = crate::exercise::points_word(task.weight);
            items.push(Item::Note(format!(
                "Task {}: {} ({} {points})",
                i + 1,
                task.title,
                task.weight
            )));
            if !solutions {
                continue;
            }
            for goal in &task.goals {
                items.push(Item::Note(format!("Goal: {}", goal.plain(&lab))));
            }
            if !task.hint.is_empty() {
                items.push(Item::Note(format!("Hint: {}", task.hint)));
            }
            for step in &task.solve {
                run(&mut lab, &mut items, step, true);
            }
        }
        let (mut passed, mut failed) = (0, 0);
        if solutions {
            items.push(Item::Note("After the solution:".into()));
            let goals = exercise.tasks.iter().flat_map(|t| t.goals.iter());
            for (i, goal) in goals.enumerate() {
                {
                    let check = crate::scenario::check(&lab, None, goal);
                    if check.passed {
                        passed += 1;
                    } else {
                        failed += 1;
                    }
                    items.push(Item::Expectation {
                        step: i + 1,
                        plain: goal.plain(&lab),
                        passed: check.passed,
                        expected: check.expected,
                        found: check.found,
                    });
                }
            }
        }
        let points = exercise.tasks.iter().map(|t| u64::from(t.weight)).sum();
        Page {
            title: exercise.title.clone(),
            items,
            passed,
            failed,
            tasks: Some((exercise.tasks.len(), points)),
        }
    }

    /// The figures' files on the page, in order.
    pub fn figures(&self) -> impl Iterator<Item = &str> {
        self.items.iter().filter_map(|item| match item {
            Item::Figure { file, .. } => Some(file.as_str()),
            _ => None,
        })
    }

    fn summary(&self) -> String {
        let many = |n: u64, one: &str, more: &str| match n {
            1 => format!("1 {one}"),
            n => format!("{n} {more}"),
        };
        match (self.passed + self.failed, self.tasks) {
            (0, Some((tasks, points))) => format!(
                "{}, {} in all.",
                many(tasks as u64, "task", "tasks"),
                many(points, "point", "points")
            ),
            (all, Some(_)) => format!("{} of {all} goals met after the solution.", self.passed),
            (0, None) => "No expectations on this page.".to_owned(),
            (all, None) => format!("{} of {all} expectations passed.", self.passed),
        }
    }

    /// Markdown, with the figures as images beside the page (`figures`: file → what became of
    /// it; a figure not there was not drawn in this run).
    pub fn to_markdown(&self, figures: &BTreeMap<String, Figure>) -> String {
        let mut out = String::new();
        // A heading is one line: the title's line breaks and runs of spaces become one space.
        let title = self.title.split_whitespace().collect::<Vec<_>>().join(" ");
        let _ = writeln!(out, "# {}\n", escape_md(&title));
        let _ = writeln!(out, "*{}*\n", self.summary());
        for item in &self.items {
            match item {
                Item::Note(text) => {
                    let _ = writeln!(out, "{}\n", escape_md(text));
                }
                Item::Wait(minutes) => {
                    let _ = writeln!(out, "*{minutes} minutes pass.*\n");
                }
                Item::Action {
                    step,
                    time,
                    plain,
                    outcome,
                    why,
                    output,
                } => {
                    let _ = writeln!(
                        out,
                        "{step}. **{}** ({time}) — {}",
                        escape_md(plain),
                        outcome_words(outcome)
                    );
                    for line in why {
                        let _ = writeln!(out, "   - {}", escape_md(line));
                    }
                    if !output.is_empty() {
                        let _ = writeln!(out, "\n   ```text");
                        for line in output {
                            let _ = writeln!(out, "   {line}");
                        }
                        let _ = writeln!(out, "   ```");
                    }
                    out.push('\n');
                }
                Item::Expectation {
                    step,
                    plain,
                    passed,
                    expected,
                    found,
                } => {
                    if *passed {
                        let _ = writeln!(out, "{step}. ✔ {} — passed\n", escape_md(plain));
                    } else {
                        let _ = writeln!(
                            out,
                            "{step}. ✘ {} — **failed**: expected {}, found {}\n",
                            escape_md(plain),
                            escape_md(expected),
                            escape_md(found)
                        );
                    }
                }
                Item::Figure {
                    step, file, plain, ..
                } => {
                    let _ = write!(out, "{step}. {}\n\n   ", escape_md(plain));
                    let _ = match figures.get(file) {
                        Some(Figure::Drawn { alt, .. }) => writeln!(
                            out,
                            "![{}]({file})\n",
                            escape_md(alt).replace(['[', ']'], "")
                        ),
                        Some(Figure::Failed(why)) => {
                            writeln!(out, "✘ **Not drawn**: {}\n", escape_md(why))
                        }
                        None => writeln!(out, "*(not drawn in this run)*\n"),
                    };
                }
            }
        }
        out
    }

    /// One HTML file with the figures embedded (`images`: file → PNG bytes; `figures`: file →
    /// what became of it), styled to read well on screen and printed.
    pub fn to_html(
        &self,
        images: &BTreeMap<String, Vec<u8>>,
        figures: &BTreeMap<String, Figure>,
    ) -> String {
        let mut out = String::new();
        let _ = write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n<p class=\"summary\">{}</p>\n",
            html(&self.title),
            html(&self.title),
            html(&self.summary())
        );
        // Steps are list items; a note between them ends one list and the next step starts
        // another (numbered by its step).
        let mut in_list = false;
        for item in &self.items {
            let is_note = matches!(item, Item::Note(_));
            if is_note && in_list {
                out.push_str("</ol>\n");
            } else if !is_note && !in_list {
                out.push_str("<ol class=\"steps\">\n");
            }
            in_list = !is_note;
            match item {
                Item::Note(text) => {
                    let _ = writeln!(out, "<p class=\"note\">{}</p>", html(text));
                }
                Item::Wait(minutes) => {
                    let _ = writeln!(out, "<li class=\"wait\">{minutes} minutes pass.</li>");
                }
                Item::Action {
                    step,
                    time,
                    plain,
                    outcome,
                    why,
                    output,
                } => {
                    let class = match outcome {
                        Outcome::Ok => "ok",
                        Outcome::Error { .. } => "error",
                        Outcome::NoResponse => "silent",
                    };
                    let _ = write!(
                        out,
                        "<li value=\"{step}\" class=\"action {class}\"><span class=\"time\">{time}</span> <strong>{}</strong> — {}",
                        html(plain),
                        html(&outcome_words(outcome))
                    );
                    if !why.is_empty() {
                        out.push_str("<ul class=\"why\">");
                        for line in why {
                            let _ = write!(out, "<li>{}</li>", html(line));
                        }
                        out.push_str("</ul>");
                    }
                    if !output.is_empty() {
                        let _ = write!(out, "<pre>{}</pre>", html(&output.join("\n")));
                    }
                    out.push_str("</li>\n");
                }
                Item::Expectation {
                    step,
                    plain,
                    passed,
                    expected,
                    found,
                } => {
                    if *passed {
                        let _ = writeln!(
                            out,
                            "<li value=\"{step}\" class=\"expect passed\">✔ {} — passed</li>",
                            html(plain)
                        );
                    } else {
                        let _ = writeln!(
                            out,
                            "<li value=\"{step}\" class=\"expect failed\">✘ {} — <strong>failed</strong>: expected {}, found {}</li>",
                            html(plain),
                            html(expected),
                            html(found)
                        );
                    }
                }
                Item::Figure {
                    step, file, plain, ..
                } => {
                    let shown = match figures.get(file) {
                        Some(Figure::Drawn { alt, width }) => {
                            let src = match images.get(file) {
                                Some(png) => format!(
                                    "data:image/png;base64,{}",
                                    base64::engine::general_purpose::STANDARD.encode(png)
                                ),
                                None => html(file),
                            };
                            format!(
                                "<img src=\"{src}\" width=\"{width}\" alt=\"{}\">",
                                html(alt)
                            )
                        }
                        Some(Figure::Failed(why)) => format!(
                            "<p class=\"failed\">✘ <strong>Not drawn</strong>: {}</p>",
                            html(why)
                        ),
                        None => "<p><em>(not drawn in this run)</em></p>".to_owned(),
                    };
                    let _ = writeln!(
                        out,
                        "<li value=\"{step}\" class=\"figure\"><figure>{shown}<figcaption>{}</figcaption></figure></li>",
                        html(plain)
                    );
                }
            }
        }
        if in_list {
            out.push_str("</ol>\n");
        }
        out.push_str("</body>\n</html>\n");
        out
    }
}

const STYLE: &str = "body { font-family: 'Segoe UI', 'Open Sans', sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; line-height: 1.45; }
h1 { color: #0072C6; font-weight: 400; }
.summary { color: #555; }
.note { font-style: italic; color: #1f4e79; margin: 1.2rem 0; }
ol.steps { padding-left: 2.5rem; }
li { margin: 0.35rem 0; }
.time { color: #777; font-size: 0.85em; }
.error strong { color: #b00020; }
.silent strong { color: #b36b00; }
.why { color: #444; font-size: 0.92em; }
.passed { color: #2e7d32; }
.failed { color: #b00020; }
pre { background: #012456; color: #eee; padding: 0.5rem; overflow-x: auto; font-size: 0.8em; }
figure { margin: 0.5rem 0; }
img { max-width: 100%; border: 1px solid #ccc; }
figcaption { color: #555; font-size: 0.9em; }
@media print { body { max-width: none; margin: 0; } figure, pre { break-inside: avoid; } a { color: inherit; } }
";

fn outcome_words(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Ok => "ok".into(),
        Outcome::Error { text } => format!("error: {text}"),
        Outcome::NoResponse => "no response".into(),
    }
}

fn html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn escape_md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '<' | '>' | '#' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_walkthroughs_page_has_its_notes_expectations_and_seven_figures() {
        let scenario =
            crate::scenario::parse(include_str!("../saves/seed-walkthrough.ron")).unwrap();
        let page = Page::new(&scenario);
        assert_eq!(page.figures().count(), 7);
        assert_eq!((page.passed, page.failed), (41, 0));
        let mut figures: BTreeMap<String, Figure> = page
            .figures()
            .map(|f| {
                let alt = format!("alt of {f}");
                (f.to_owned(), Figure::Drawn { alt, width: 500 })
            })
            .collect();
        figures.insert("figure-2.png".into(), Figure::Failed("no window".into()));
        figures.remove("figure-4.png");
        let md = page.to_markdown(&figures);
        assert!(md.starts_with("# Delegates without Enterprise Voice"));
        assert!(md.contains("![alt of figure-3.png](figure-3.png)"));
        assert!(md.contains("✘ **Not drawn**: no window") && !md.contains("(figure-2.png)"));
        assert!(md.contains("*(not drawn in this run)*") && !md.contains("(figure-4.png)"));
        assert_eq!(md.matches("— passed").count(), 41);
        let html = page.to_html(&BTreeMap::new(), &figures);
        assert!(
            html.contains("<img src=\"figure-1.png\" width=\"500\" alt=\"alt of figure-1.png\">")
        );
        assert!(html.contains("<strong>Not drawn</strong>: no window"));
        assert!(html.contains("You do not have permissions to schedule Lync Meetings"));
        // Every list opened is closed, and none is empty.
        assert_eq!(
            html.matches("<ol class=\"steps\">").count(),
            html.matches("</ol>").count()
        );
        assert!(!html.contains("<ol class=\"steps\">\n</ol>"));
    }
}
