//! The Exercise tab: the session's exercise (`crate::exercise`) as a student works on it —
//! its instructions, a live completion percentage, each task's state as of the last Check
//! (not checked, met, not met with the goals not met and why, in the lab's own words), a Hint
//! for a task a check found not met, Reset Exercise (which asks first when there is work), and
//! a message when every task is done. The grading is the lab's (`Exercise::grade`); this
//! only draws it.

use std::collections::BTreeSet;

use egui::{RichText, Ui};

use super::app::LabApp;
use super::command::AppCommand;
use super::theme;
use crate::exercise::Grade;

/// What the Exercise tab keeps between frames.
#[derive(Clone, Debug, Default)]
pub struct ExerciseView {
    /// The last Check: the timeline position it was made at, and what it found.
    pub checked: Option<(usize, Grade)>,
    /// The tasks whose hint was asked for.
    pub hints: BTreeSet<usize>,
}

impl LabApp {
    pub(super) fn exercise_ui(&mut self, ui: &mut Ui) {
        let Some(exercise) = self.session.exercise.as_ref() else {
            return;
        };
        let lab = self.session.lab();
        let progress = exercise.progress(self.session.next_step());
        let live = exercise.grade(lab, progress);
        let mut check = false;
        let mut reset = false;
        let mut solve = None;
        let exam = exercise.exam;
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.label(RichText::new(&exercise.title).font(theme::semibold_font(14.0)));
                for page in &exercise.instructions {
                    ui.label(page);
                }
                ui.add_space(6.0);
                ui.label(format!(
                    "Completion: {}% ({} of {} points)",
                    live.percent(),
                    live.points,
                    live.of
                ));
                ui.add(egui::ProgressBar::new(live.percent() as f32 / 100.0).desired_height(6.0));
                ui.horizontal(|ui| {
                    check = ui
                        .button("Check")
                        .on_hover_text("Check every task's goals on the lab as it is now")
                        .clicked();
                    reset = ui
                        .button("Reset Exercise")
                        .on_hover_text("Start the exercise again from its start (asks first when there is work)")
                        .clicked();
                });
                if live.complete() {
                    ui.label(
                        RichText::new(format!(
                            "All tasks are done: {} of {} points. Save the session to hand it in.",
                            live.points, live.of
                        ))
                        .color(theme::OUTLOOK_BLUE),
                    );
                }
                ui.separator();
                // A check of another lab (before the last change) says nothing of this one.
                let position = self.session.position();
                let checked = self.view.exercise.checked.as_ref();
                let stale = checked.is_some_and(|(at, _)| *at != position);
                if stale {
                    ui.label(
                        RichText::new("Changed since the last Check: Check again.")
                            .color(theme::SUBTLE_TEXT),
                    );
                }
                let checked = checked.filter(|_| !stale);
                for (i, task) in exercise.tasks.iter().enumerate() {
                    let state = checked.map(|(_, grade)| &grade.tasks[i]);
                    let (mark, colour) = match state {
                        None => ("not checked", theme::SUBTLE_TEXT),
                        Some(t) if t.met() => ("met", theme::OUTLOOK_BLUE),
                        Some(_) => ("not met", super::dialogs::ERROR_RED),
                    };
                    ui.horizontal_wrapped(|ui| {
                        ui.label(
                            RichText::new(format!("{}. {}", i + 1, task.title))
                                .font(theme::semibold_font(12.5)),
                        );
                        ui.label(RichText::new(mark).color(colour));
                        ui.label(
                            RichText::new(format!("{} of {}", live.tasks[i].points, task.weight))
                                .color(theme::SUBTLE_TEXT),
                        );
                    });
                    // Solve: the trainer's steps for the task, done by hand (not in an exam).
                    if !exam
                        && !task.solve.is_empty()
                        && !live.tasks[i].met()
                        && ui
                            .button(format!("Solve task {}", i + 1))
                            .on_hover_text("Do the trainer's steps for this task, one by one, as if by hand")
                            .clicked()
                    {
                        solve = Some(i);
                    }
                    let Some(state) = state.filter(|t| !t.met()) else {
                        continue;
                    };
                    for unmet in &state.unmet {
                        ui.label(format!("Not met: {}", unmet.goal));
                        ui.label(
                            RichText::new(format!("found {}", unmet.found))
                                .color(theme::SUBTLE_TEXT),
                        );
                    }
                    if self.view.exercise.hints.contains(&i) {
                        ui.label(RichText::new(format!("Hint: {}", task.hint)).italics());
                    } else if !task.hint.is_empty() && ui.button(format!("Hint for task {}", i + 1)).clicked() {
                        self.view.exercise.hints.insert(i);
                    }
                }
            });
        if check {
            self.view.exercise.checked = Some((self.session.position(), live));
        }
        if let Some(i) = solve {
            let steps = exercise.tasks[i].solve.clone();
            for step in steps {
                if let crate::scenario::Step::Action(action) = step {
                    self.apply_by_hand(action);
                }
            }
        }
        if reset {
            self.files.commands.push(AppCommand::ResetExercise);
        }
    }
}
