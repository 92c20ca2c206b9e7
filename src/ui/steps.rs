//! The Steps panel: the session's timeline — scenario steps and what was done by hand, in the
//! order it happened — with the scenario's steps still to come after it. Click an entry to
//! see the lab there; Back and Forward (Ctrl+Z, Ctrl+Y), Home and End; the player's Next step
//! and Run to end; what a new entry replaced, to restore.

use egui::{Color32, Key, KeyboardShortcut, Modifiers, RichText, Sense, Ui};

use super::app::LabApp;
use super::command::{Commands, StepCommand};
use super::theme;
use crate::lab::{Lab, Outcome, Presence};
use crate::scenario::{Narration, Step};
use crate::session::{Entry, Session, StepMark};

/// Height of one row of the list: rows are one line (hover shows the rest), so a timeline
/// of any length draws only the rows in view.
const ROW_HEIGHT: f32 = 20.0;

/// One row of the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Row {
    /// The lab as it starts.
    Start,
    /// A timeline entry.
    Entry(usize),
    /// A scenario step not run yet.
    Pending(usize),
}

impl LabApp {
    /// The panel; what it asks for goes into the frame's commands.
    pub(super) fn steps_ui(&mut self, ui: &mut Ui) {
        let session = &self.session;
        let commands = &mut self.files.commands;
        let title = session
            .scenario()
            .map_or("Timeline", |s| s.title.as_str())
            .to_owned();
        ui.label(RichText::new(title).font(theme::semibold_font(13.0)));
        let divergence = session
            .divergence()
            .filter(|d| self.view.continued_at != Some(d.position));
        let position = session.position();
        let len = session.timeline().len();
        ui.horizontal_wrapped(|ui| {
            if ui
                .add_enabled(position > 0, egui::Button::new("◀ Back"))
                .on_hover_text("Undo one entry (Ctrl+Z); Home goes to the start")
                .clicked()
            {
                commands.push(StepCommand::Back);
            }
            if ui
                .add_enabled(position < len, egui::Button::new("Forward ▶"))
                .on_hover_text("Redo one entry (Ctrl+Y or Ctrl+Shift+Z); End goes to the end")
                .clicked()
            {
                commands.push(StepCommand::Forward);
            }
            if session.scenario().is_some() {
                let left = session.steps_left();
                let why = if divergence.is_some() {
                    "Answer the notice below first: the lab has diverged from the scenario"
                } else if left == 0 {
                    "The scenario has no steps left"
                } else {
                    "Run the scenario's next step"
                };
                let can = left > 0 && divergence.is_none();
                if ui
                    .add_enabled(can, egui::Button::new("Next step"))
                    .on_hover_text(why)
                    .on_disabled_hover_text(why)
                    .clicked()
                {
                    commands.push(StepCommand::Play(1));
                }
                if ui
                    .add_enabled(can, egui::Button::new("Run to end"))
                    .on_disabled_hover_text(why)
                    .clicked()
                {
                    commands.push(StepCommand::Play(left));
                }
                let marks = session.marks();
                let count = |f: fn(&StepMark) -> bool| marks.iter().filter(|m| f(m)).count();
                // Expectations added by hand held when added (and hold wherever they are).
                let by_hand = session
                    .done()
                    .iter()
                    .filter(|e| matches!(e, Entry::Expect(_)))
                    .count();
                let passed = count(|m| matches!(m, StepMark::Passed)) + by_hand;
                let failed = count(|m| matches!(m, StepMark::Failed { .. }));
                ui.label(
                    RichText::new(format!("{passed} passed, {failed} failed"))
                        .color(theme::SUBTLE_TEXT),
                );
            }
        });
        legend(ui);
        if let Some(d) = divergence {
            divergence_notice(ui, d, commands);
        }
        branches_ui(ui, session, commands);
        ui.separator();
        self.list_ui(ui);
    }

    fn list_ui(&mut self, ui: &mut Ui) {
        let session = &self.session;
        let commands = &mut self.files.commands;
        let timeline = session.timeline();
        let position = session.position();
        let steps = session.scenario().map_or(&[][..], |s| &s.steps[..]);
        let first_pending = crate::session::next_step_after(timeline);
        let rows = 1 + timeline.len() + steps.len().saturating_sub(first_pending);
        let row = |r: usize| match r {
            0 => Row::Start,
            r if r <= timeline.len() => Row::Entry(r - 1),
            r => Row::Pending(first_pending + r - 1 - timeline.len()),
        };
        // Follow the position when it moves: its row in the middle of the list.
        let mut scroll = egui::ScrollArea::vertical()
            .id_salt("steps")
            .auto_shrink([false, false]);
        if self.view.followed_position != Some(position) {
            self.view.followed_position = Some(position);
            // Within the content: an offset past its end would spring back, frame after frame.
            let pitch = ROW_HEIGHT + ui.spacing().item_spacing.y;
            let view = ui.available_height();
            let most = (rows as f32 * pitch - view).max(0.0);
            let y = position as f32 * pitch - view / 2.0;
            scroll = scroll.vertical_scroll_offset(y.clamp(0.0, most));
        }
        let lab = session.lab();
        scroll.show_rows(ui, ROW_HEIGHT, rows, |ui, range| {
            // Each done action's words as the event log wrote them, before it was applied.
            let mut action_number = timeline[..range.start.saturating_sub(1).min(timeline.len())]
                .iter()
                .filter(|e| applies_action(session, e))
                .count();
            for r in range {
                let kind = row(r);
                let text = RowText::of(session, lab, kind, action_number);
                if let Row::Entry(i) = kind
                    && applies_action(session, &timeline[i])
                {
                    action_number += 1;
                }
                let current = match kind {
                    Row::Start => position == 0,
                    Row::Entry(i) => i + 1 == position,
                    Row::Pending(_) => false,
                };
                let ahead = match kind {
                    Row::Start => false,
                    Row::Entry(i) => i >= position,
                    Row::Pending(_) => true,
                };
                if row_ui(ui, &text, current, ahead).clicked() {
                    commands.push(match kind {
                        Row::Start => StepCommand::Goto(0),
                        Row::Entry(i) => StepCommand::Goto(i + 1),
                        Row::Pending(step) => StepCommand::PlayThrough(step),
                    });
                }
            }
        });
    }
}

/// Whether a timeline entry applies an action (so it has an event-log entry).
fn applies_action(session: &Session, entry: &Entry) -> bool {
    match entry {
        Entry::Manual(_) => true,
        Entry::Expect(_) => false,
        Entry::Step { index, .. } => matches!(
            session.scenario().and_then(|s| s.steps.get(*index)),
            Some(Step::Action(_))
        ),
    }
}

/// What a row shows.
struct RowText {
    /// The step's number in the scenario, or "hand" for what was done by hand.
    number: String,
    text: String,
    /// The RON form and how it went, on hover.
    detail: String,
    color: Color32,
    note: bool,
    by_hand: bool,
}

impl RowText {
    fn of(session: &Session, lab: &Lab, row: Row, action_number: usize) -> RowText {
        let logged = |fallback: String| {
            u32::try_from(action_number + 1)
                .ok()
                .and_then(|number| lab.logged(number))
                .map_or(fallback, |e| e.plain.clone())
        };
        let steps = session.scenario().map_or(&[][..], |s| &s.steps[..]);
        match row {
            Row::Start => RowText {
                number: String::new(),
                text: "Start: the lab before anything is done".into(),
                detail: "The lab as the scenario or session begins (Home)".into(),
                color: theme::BORDER,
                note: false,
                by_hand: false,
            },
            Row::Entry(i) => match &session.timeline()[i] {
                Entry::Manual(applied) => RowText {
                    number: "hand".into(),
                    text: logged(applied.action.plain(lab)),
                    detail: format!("Done by hand: {}\n→ {}", applied.action, applied.outcome),
                    color: outcome_color(&applied.outcome),
                    note: false,
                    by_hand: true,
                },
                Entry::Expect(expectation) => RowText {
                    number: "hand".into(),
                    text: expectation.plain(lab),
                    detail: format!(
                        "Added by hand with Expect this: {}",
                        Step::Expect(expectation.clone())
                    ),
                    color: theme::presence_color(Presence::Available),
                    note: false,
                    by_hand: true,
                },
                // An exercise's setup is done before the student starts, unseen.
                Entry::Step { .. } if session.exercise.is_some() => RowText {
                    number: String::new(),
                    text: "The exercise's setup (not shown)".into(),
                    detail: "Done before the exercise starts; the exercise does not show what"
                        .into(),
                    color: theme::BORDER,
                    note: false,
                    by_hand: false,
                },
                Entry::Step { index, mark } => {
                    let step = &steps[*index];
                    let text = match step {
                        Step::Action(action) => logged(action.plain(lab)),
                        other => other.plain(lab),
                    };
                    step_row(*index, step, text, mark)
                }
            },
            Row::Pending(index) => {
                let step = &steps[index];
                step_row(index, step, step.plain(lab), &StepMark::Pending)
            }
        }
    }
}

fn step_row(index: usize, step: &Step, text: String, mark: &StepMark) -> RowText {
    let (color, status) = match mark {
        StepMark::Pending => (theme::BORDER, "not run yet".to_owned()),
        StepMark::Applied(outcome) => (outcome_color(outcome), format!("→ {outcome}")),
        StepMark::Passed => (theme::presence_color(Presence::Available), "passed".into()),
        StepMark::Failed { expected, found } => (
            theme::presence_color(Presence::Busy),
            format!("FAILED: expected {expected}; found {found}"),
        ),
        StepMark::Captured => (theme::SUBTLE_TEXT, "a figure in `shots`".into()),
        StepMark::Noted => (Color32::TRANSPARENT, "a note".into()),
        StepMark::Waited => (theme::SUBTLE_TEXT, "the clock moved on".into()),
    };
    RowText {
        number: (index + 1).to_string(),
        detail: format!("Step {}: {step}\n{status}", index + 1),
        text,
        color,
        note: matches!(step, Step::Narration(Narration::Note { .. })),
        by_hand: false,
    }
}

/// What the dots mean.
fn legend(ui: &mut Ui) {
    let error = Outcome::Error {
        text: String::new(),
    };
    let marks = [
        (outcome_color(&Outcome::Ok), "ok"),
        (outcome_color(&error), "error"),
        (outcome_color(&Outcome::NoResponse), "no response"),
        (theme::presence_color(Presence::Available), "passed"),
        (theme::presence_color(Presence::Busy), "failed"),
        (theme::SUBTLE_TEXT, "capture or wait"),
    ];
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        for (color, what) in marks {
            let (dot, _) = ui.allocate_exact_size(egui::vec2(8.0, 12.0), Sense::hover());
            ui.painter().circle_filled(dot.center(), 3.5, color);
            ui.label(RichText::new(what).size(11.0).color(theme::SUBTLE_TEXT));
            ui.add_space(4.0);
        }
        ui.label(
            RichText::new("hand")
                .size(11.0)
                .monospace()
                .color(Color32::from_rgb(0xB0, 0x5A, 0x00)),
        )
        .on_hover_text("Done by hand, not by the scenario");
    });
}

fn outcome_color(outcome: &Outcome) -> Color32 {
    match outcome {
        Outcome::Ok => theme::OUTLOOK_BLUE,
        Outcome::Error { .. } => theme::presence_color(Presence::Busy),
        Outcome::NoResponse => Color32::from_rgb(0xD8, 0x8C, 0x00),
    }
}

/// One row: a status dot, the step number (or "hand"), the text on one line. It is a
/// selectable item to assistive technology (and to the tests), named by its text.
fn row_ui(ui: &mut Ui, row: &RowText, current: bool, ahead: bool) -> egui::Response {
    let width = ui.available_width();
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, ROW_HEIGHT), Sense::click());
    response
        .widget_info(|| egui::WidgetInfo::selected(egui::Role::ListItem, true, current, &row.text));
    if ui.is_rect_visible(rect) {
        let painter = ui.painter_at(rect);
        let fill = if current {
            theme::SELECTED_FILL
        } else if response.hovered() {
            theme::HOVER_FILL
        } else {
            Color32::TRANSPARENT
        };
        painter.rect_filled(rect, 2.0, fill);
        let faded = |c: Color32| if ahead { c.gamma_multiply(0.45) } else { c };
        let mid = rect.center().y;
        painter.circle_filled(egui::pos2(rect.left() + 8.0, mid), 4.0, faded(row.color));
        let number_color = if row.by_hand {
            Color32::from_rgb(0xB0, 0x5A, 0x00)
        } else {
            theme::SUBTLE_TEXT
        };
        painter.text(
            egui::pos2(rect.left() + 44.0, mid),
            egui::Align2::RIGHT_CENTER,
            &row.number,
            egui::FontId::monospace(11.0),
            faded(number_color),
        );
        // Notes read as captions: italic, in Outlook's blue.
        let color = faded(if row.note {
            theme::OUTLOOK_BLUE
        } else {
            theme::TEXT
        });
        let text_left = rect.left() + 50.0;
        let mut job = egui::text::LayoutJob::single_section(
            row.text.clone(),
            egui::TextFormat {
                font_id: egui::FontId::proportional(12.0),
                color,
                italics: row.note,
                ..Default::default()
            },
        );
        job.wrap = egui::text::TextWrapping::truncate_at_width(rect.right() - text_left - 4.0);
        let galley = painter.layout_job(job);
        painter.galley(
            egui::pos2(text_left, mid - galley.size().y / 2.0),
            galley,
            color,
        );
    }
    response.on_hover_text(format!("{}\n{}", row.text, row.detail))
}

fn divergence_notice(ui: &mut Ui, d: crate::session::Divergence, commands: &mut Commands) {
    egui::Frame::new()
        .fill(theme::BANNER_FILL)
        .stroke(egui::Stroke::new(1.0, theme::BANNER_BORDER))
        .inner_margin(egui::Margin::same(6))
        .show(ui, |ui| {
            let n = d.step + 1;
            ui.label(format!(
                "The lab has diverged from the scenario at step {n}: actions were taken by hand since its last step, so the scenario's next steps may not do what it expects."
            ));
            ui.horizontal_wrapped(|ui| {
                if ui.button("Continue the scenario here").clicked() {
                    commands.push(StepCommand::Continue(d.position));
                }
                if ui
                    .button(format!("Go back to step {n}"))
                    .on_hover_text("Show the lab before the actions taken by hand (they stay ahead of you until you do something else)")
                    .clicked()
                {
                    commands.push(StepCommand::Goto(d.position));
                }
            });
        });
}

/// The branches: what new entries replaced, kept to restore. One line each, in a section
/// of its own that scrolls, so any number of them leaves the step list in view.
fn branches_ui(ui: &mut Ui, session: &Session, commands: &mut Commands) {
    let branches = session.branches();
    if branches.is_empty() {
        return;
    }
    let lab = session.lab();
    egui::CollapsingHeader::new(format!("Replaced entries ({})", branches.len()))
        .id_salt("branches")
        .default_open(true)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("branches-list")
                .max_height(110.0)
                .show(ui, |ui| {
                    for (i, branch) in branches.iter().enumerate() {
                        ui.horizontal(|ui| {
                            if ui
                                .small_button("Restore")
                                .on_hover_text("Make these the timeline again (what replaced them is kept in turn)")
                                .clicked()
                            {
                                commands.push(StepCommand::Restore(i));
                            }
                            if ui.small_button("Discard").clicked() {
                                commands.push(StepCommand::Discard(i));
                            }
                            let n = branch.entries.len();
                            let first = branch
                                .entries
                                .first()
                                .map(|e| entry_text(session, lab, e))
                                .unwrap_or_default();
                            let label = format!(
                                "{n} {} after {}: {first}",
                                if n == 1 { "entry" } else { "entries" },
                                fork_name(session, branch.from)
                            );
                            let list: Vec<String> = branch
                                .entries
                                .iter()
                                .take(12)
                                .map(|e| format!("• {}", entry_text(session, lab, e)))
                                .collect();
                            let more = n.saturating_sub(12);
                            let hover = if more > 0 {
                                format!("{}\n… and {more} more", list.join("\n"))
                            } else {
                                list.join("\n")
                            };
                            ui.add(
                                egui::Label::new(RichText::new(label).color(theme::SUBTLE_TEXT))
                                    .truncate()
                                    .show_tooltip_when_elided(false),
                            )
                            .on_hover_text(hover);
                        });
                    }
                });
        });
}

/// Where a branch leaves the timeline, as the list shows it: after a scenario step's number,
/// or at the start.
fn fork_name(session: &Session, from: usize) -> String {
    match crate::session::next_step_after(&session.timeline()[..from]) {
        0 if from == 0 => "the start".into(),
        0 => format!("{from} entries by hand"),
        step => format!("step {step}"),
    }
}

/// An entry in plain words (on today's lab: for lists of entries not shown).
fn entry_text(session: &Session, lab: &Lab, entry: &Entry) -> String {
    match entry {
        Entry::Manual(applied) => format!("(hand) {}", applied.action.plain(lab)),
        Entry::Expect(expectation) => format!("(hand) {}", expectation.plain(lab)),
        Entry::Step { index, .. } => session
            .scenario()
            .and_then(|s| s.steps.get(*index))
            .map_or_else(String::new, |step| {
                format!("{}. {}", index + 1, step.plain(lab))
            }),
    }
}

impl LabApp {
    /// Does what the Steps panel or a timeline key asked.
    pub(super) fn run_step_command(&mut self, command: StepCommand) {
        let at = self.session.position();
        let end = self.session.timeline().len();
        match command {
            StepCommand::Goto(position) => self.goto(position),
            StepCommand::Back => self.goto(at.saturating_sub(1)),
            StepCommand::Forward => self.goto((at + 1).min(end)),
            StepCommand::Start => self.goto(0),
            StepCommand::End => self.goto(end),
            StepCommand::Play(n) => {
                for _ in 0..n {
                    if !self.step() {
                        break;
                    }
                }
            }
            StepCommand::PlayThrough(step) => {
                self.goto(end);
                while self.session.next_step() <= step
                    && self
                        .session
                        .divergence()
                        .is_none_or(|d| self.view.continued_at == Some(d.position))
                    && self.step()
                {}
            }
            StepCommand::Restore(branch) => self.restore_branch(branch),
            StepCommand::Discard(branch) => self.discard_branch(branch),
            StepCommand::Continue(position) => self.view.continued_at = Some(position),
        }
    }

    /// Ctrl+Z, Ctrl+Y / Ctrl+Shift+Z, Home, End — unless a text field has the keyboard: moves
    /// along the timeline, done with the frame's other commands.
    pub(super) fn timeline_keys(&mut self, ctx: &egui::Context) {
        if ctx.egui_wants_keyboard_input() {
            return;
        }
        let redo = [
            KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z),
            KeyboardShortcut::new(Modifiers::COMMAND, Key::Y),
        ];
        let undo = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
        let command = ctx.input_mut(|i| {
            if redo.iter().any(|k| i.consume_shortcut(k)) {
                Some(StepCommand::Forward)
            } else if i.consume_shortcut(&undo) {
                Some(StepCommand::Back)
            } else if i.consume_key(Modifiers::NONE, Key::Home) {
                Some(StepCommand::Start)
            } else if i.consume_key(Modifiers::NONE, Key::End) {
                Some(StepCommand::End)
            } else {
                None
            }
        });
        if let Some(command) = command {
            self.files.commands.push(command);
        }
    }
}
