//! The Diagnose tab: "what would fix it?" on the lab as it is. The symptom is typed as steps in
//! scenario syntax, one a line (an action, then the expectation that fails today); Diagnose
//! asks the lab (`crate::diagnose`) and lists the smallest fixes, each with the rules that
//! explain it, the commands and clicks, and its field case; "Apply this fix" does them by
//! hand, so the session (and time travel) has them. The search is the lab's; this only draws
//! it.

use egui::{RichText, Ui};

use super::app::LabApp;
use super::theme;
use crate::diagnose::{self, Diagnosis};

/// What the Diagnose tab keeps between frames.
#[derive(Clone, Debug)]
pub struct DiagnoseView {
    /// The symptom as typed: one step a line.
    pub symptom: String,
    /// The last diagnosis: the timeline position it was made at, and what it found.
    pub result: Option<(usize, Diagnosis)>,
    /// Why the symptom could not be read.
    pub error: Option<String>,
}

impl Default for DiagnoseView {
    fn default() -> Self {
        DiagnoseView {
            symptom: "AddLyncMeeting(user: \"user21\", computer: \"USER21-PC\")\nExpectOk".into(),
            result: None,
            error: None,
        }
    }
}

impl DiagnoseView {
    /// The symptom's steps, one a line (blank lines and `//` comments left out).
    pub fn steps(&self) -> Vec<String> {
        self.symptom
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with("//"))
            .map(|l| l.trim_end_matches(',').to_owned())
            .collect()
    }
}

impl LabApp {
    pub(super) fn diagnose_ui(&mut self, ui: &mut Ui) {
        let mut run = false;
        let mut apply = None;
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.label("The symptom, one step a line: what is done, and what should hold but fails today.");
                // The lab diagnosed is the lab here: say so when the scenario goes on.
                if let Some(scenario) = self.session.scenario() {
                    let left = scenario.steps.len().saturating_sub(self.session.next_step());
                    if left > 0 {
                        ui.label(
                            RichText::new(format!(
                                "The scenario has {left} step(s) not played yet: this is the lab as it is at this step."
                            ))
                            .color(theme::SUBTLE_TEXT),
                        );
                    }
                }
                ui.add(
                    egui::TextEdit::multiline(&mut self.view.diagnose.symptom)
                        .code_editor()
                        .desired_rows(3)
                        .desired_width(f32::INFINITY)
                        .hint_text("ExpectGroup(user: \"user21\", computer: \"USER21-PC\", group: \"People I Manage Calls For\", members: [\"user20\"])"),
                )
                .on_hover_text("Steps in scenario syntax, as in a scenario file: actions and expectations");
                run = ui
                    .button("Find fixes")
                    .on_hover_text("Try every known remedy, alone and in short sequences, on copies of the lab")
                    .clicked();
                if let Some(error) = &self.view.diagnose.error {
                    ui.label(RichText::new(error).color(super::dialogs::ERROR_RED));
                }
                let position = self.session.position();
                let Some((at, diagnosis)) = &self.view.diagnose.result else {
                    return;
                };
                ui.separator();
                if *at != position {
                    ui.label(
                        RichText::new("The lab changed since this diagnosis: Find fixes again.")
                            .color(theme::SUBTLE_TEXT),
                    );
                }
                for check in &diagnosis.today {
                    let (mark, colour) = if check.passed {
                        ("holds", theme::SUBTLE_TEXT)
                    } else {
                        ("fails today", super::dialogs::ERROR_RED)
                    };
                    ui.label(RichText::new(format!("{mark}: {}", check.expected)).color(colour));
                    ui.label(RichText::new(format!("found {}", check.found)).color(theme::SUBTLE_TEXT));
                }
                if !diagnosis.symptom_present() {
                    ui.label("The symptom is not there: every expectation holds already.");
                    return;
                }
                if diagnosis.fixes.is_empty() {
                    ui.label(format!(
                        "No fix of up to {} remedies ({} sequences tried).",
                        diagnosis.depth, diagnosis.tried
                    ));
                    return;
                }
                ui.label(format!(
                    "{} smallest fix(es), {} remed{} each ({} sequences tried):",
                    diagnosis.fixes.len(),
                    diagnosis.depth,
                    if diagnosis.depth == 1 { "y" } else { "ies" },
                    diagnosis.tried
                ));
                for (i, fix) in diagnosis.fixes.iter().enumerate() {
                    ui.add_space(6.0);
                    ui.label(
                        RichText::new(format!("Fix {} ({})", i + 1, fix.rules().join(", ")))
                            .font(theme::semibold_font(12.5)),
                    );
                    for remedy in &fix.remedies {
                        ui.label(format!("• {}", remedy.what));
                        for action in &remedy.actions {
                            ui.label(RichText::new(action.to_string()).monospace().small());
                        }
                        if let Some(case) = remedy.kind.case() {
                            ui.label(RichText::new(format!("The case: {case}")).color(theme::SUBTLE_TEXT));
                        }
                    }
                    if *at == position
                        && ui
                            .button(format!("Apply fix {}", i + 1))
                            .on_hover_text("Do these steps by hand, one by one (Back undoes them)")
                            .clicked()
                    {
                        apply = Some(i);
                    }
                }
            });
        if run {
            let lab = self.session.lab();
            match diagnose::parse_symptom(lab, &self.view.diagnose.steps()) {
                Ok(steps) => {
                    let diagnosis = diagnose::diagnose(lab, &steps, diagnose::DEFAULT_DEPTH);
                    self.view.diagnose.result = Some((self.session.position(), diagnosis));
                    self.view.diagnose.error = None;
                }
                Err(e) => {
                    self.view.diagnose.error = Some(e);
                    self.view.diagnose.result = None;
                }
            }
        }
        if let Some(i) = apply {
            let actions: Vec<_> = self
                .view
                .diagnose
                .result
                .as_ref()
                .map(|(_, d)| {
                    d.fixes[i]
                        .remedies
                        .iter()
                        .flat_map(|r| r.actions.clone())
                        .collect()
                })
                .unwrap_or_default();
            for action in actions {
                self.apply_by_hand(action);
            }
        }
    }
}
