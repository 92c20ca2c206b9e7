//! The app: lab chrome (W1) around the desktop of the computer being looked at. Windows return
//! actions; they are applied here, after drawing, through `Lab::apply`.

use egui::{Color32, RichText, Ui};

use super::desktop::{self, DesktopState};
use super::theme;
use crate::lab::{ComputerIx, Lab, LabSpec, Outcome};
use crate::scenario::{self, Scenario, Step};
pub use crate::session::{Player, Session, StepMark};

/// The seed walkthrough, built in: the default lab opens on it at step 0.
pub const SEED_WALKTHROUGH: &str = include_str!("../../saves/seed-walkthrough.ron");

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SideTab {
    #[default]
    Steps,
    EventLog,
}

/// UI state of the app that is not part of the lab.
pub struct View {
    pub computer: ComputerIx,
    pub desktops: Vec<DesktopState>,
    pub inspector_open: bool,
    pub side_tab: SideTab,
    /// The step the step list last scrolled to, so it follows the player.
    pub scrolled_to_step: Option<usize>,
    /// Where the desktop was drawn in the last frame (for screenshots of a whole desktop).
    pub desktop_rect: Option<egui::Rect>,
    /// Forget egui's window positions once (a session was opened: its own positions apply).
    pub reset_layout: bool,
    /// The step list's texts, made once per scenario rather than every frame.
    pub step_texts: Vec<String>,
}

pub struct LabApp {
    pub session: Session,
    pub player: Option<Player>,
    pub view: View,
    /// Where the session lives on disk, its recovery file, recent files, errors to show.
    pub files: super::files::Files,
}

impl LabApp {
    /// A session on a scenario's lab, at step 0, with its steps ready to play.
    pub fn from_scenario(scenario: Scenario) -> Self {
        let mut app = LabApp::new(Session::new(scenario.title.clone(), scenario.lab_spec()));
        app.player = Some(Player::new(scenario));
        app
    }

    pub fn new(session: Session) -> Self {
        let computers = session.lab.directory().computers().len();
        let view = View {
            computer: ComputerIx(0),
            desktops: vec![DesktopState::default(); computers],
            inspector_open: false,
            side_tab: SideTab::Steps,
            scrolled_to_step: None,
            desktop_rect: None,
            reset_layout: true,
            step_texts: Vec::new(),
        };
        LabApp {
            session,
            player: None,
            view,
            files: super::files::Files::default(),
        }
    }

    /// The built-in default lab: the seed walkthrough's lab at step 0.
    pub fn default_lab() -> Self {
        match scenario::parse(SEED_WALKTHROUGH) {
            Ok(scenario) => LabApp::from_scenario(scenario),
            Err(_) => LabApp::new(Session::new("Delegate Lab", LabSpec::contoso())),
        }
    }

    /// Draws the whole app into `ui` and applies what the user did.
    pub fn ui_root(&mut self, ui: &mut Ui) {
        let mut actions = Vec::new();
        let mut steps_to_run = 0usize;
        if std::mem::take(&mut self.view.reset_layout) {
            ui.ctx().memory_mut(|m| m.reset_areas());
        }
        self.shortcuts(ui.ctx());
        self.chrome_top(ui);
        self.notices(ui.ctx());
        egui::Panel::left("lab-side")
            .resizable(true)
            .default_size(330.0)
            .show(ui, |ui| self.side_panel(ui, &mut steps_to_run));
        egui::CentralPanel::default()
            .frame(egui::Frame::new())
            .show(ui, |ui| {
                let computer = self.view.computer;
                self.view.desktop_rect = Some(ui.max_rect());
                let state = &mut self.view.desktops[computer.0 as usize];
                desktop::ui(ui, &self.session.lab, computer, state, &mut actions);
                if self.view.inspector_open {
                    let bounds = ui.max_rect();
                    desktop::inspector_window(
                        ui.ctx(),
                        &self.session.lab,
                        bounds,
                        &mut self.view.inspector_open,
                    );
                }
            });
        let changed = !actions.is_empty() || steps_to_run > 0;
        for action in actions {
            self.apply_by_hand(action);
        }
        for _ in 0..steps_to_run {
            if !self.step() {
                break;
            }
        }
        if changed {
            ui.ctx().request_repaint();
        }
        self.journal_view();
        self.closing(ui.ctx());
        if !self.files.commands.is_empty() {
            self.run_commands();
            ui.ctx().request_repaint();
        }
        self.update_title(ui.ctx());
        if std::mem::take(&mut self.files.opening_at_start)
            && let Some(dir) = &self.files.data_dir
        {
            crate::session::StartupProbe::new(dir).done();
        }
    }

    fn chrome_top(&mut self, ui: &mut Ui) {
        egui::Panel::top("lab-chrome")
            .frame(egui::Frame::new().fill(Color32::WHITE).inner_margin(egui::Margin::symmetric(10, 6)))
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.label(RichText::new("Delegate Lab").font(theme::semibold_font(15.0)).color(theme::OUTLOOK_BLUE));
                    self.file_menu(ui);
                    let star = if self.files.dirty { " *" } else { "" };
                    ui.label(RichText::new(format!("{}{star}", self.session.name)).color(theme::SUBTLE_TEXT));
                    let lab = &self.session.lab;
                    ui.separator();
                    for (computer, name) in lab.directory().computers() {
                        let who = lab
                            .screen_of(computer)
                            .logged_on
                            .map(|u| lab.directory().name(u).to_owned())
                            .unwrap_or_else(|| "nobody".into());
                        let selected = self.view.computer == computer;
                        let response = ui
                            .add(egui::Button::selectable(selected, name))
                            .on_hover_text(format!("Look at {name} ({who} logged on)"));
                        if response.clicked() {
                            self.view.computer = computer;
                        }
                    }
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        ui.toggle_value(&mut self.view.inspector_open, "Back End Inspector")
                            .on_hover_text("The lab's view of the Lync back end: delegate records, groups, pending deletions");
                        ui.separator();
                        ui.label(RichText::new(lab.now().to_string()).font(theme::semibold_font(13.0)))
                            .on_hover_text("The lab clock: one minute per action; it never reads the wall clock.");
                    });
                });
            });
    }

    fn side_panel(&mut self, ui: &mut Ui, steps_to_run: &mut usize) {
        ui.horizontal(|ui| {
            ui.selectable_value(&mut self.view.side_tab, SideTab::Steps, "Steps");
            ui.selectable_value(&mut self.view.side_tab, SideTab::EventLog, "Event log");
        });
        ui.separator();
        match self.view.side_tab {
            SideTab::Steps => self.steps_ui(ui, steps_to_run),
            SideTab::EventLog => log_ui(ui, &self.session.lab),
        }
    }

    fn steps_ui(&mut self, ui: &mut Ui, steps_to_run: &mut usize) {
        let Some(player) = self.player.as_ref() else {
            ui.label(
                "No scenario is loaded: act in the windows; the event log records every action.",
            );
            return;
        };
        if self.view.step_texts.len() != player.scenario.steps.len() {
            self.view.step_texts = player.scenario.steps.iter().map(step_text).collect();
        }
        ui.label(RichText::new(&player.scenario.title).font(theme::semibold_font(13.0)));
        ui.horizontal(|ui| {
            let remaining = player.scenario.steps.len() - player.next;
            if ui
                .add_enabled(remaining > 0, egui::Button::new("Next step"))
                .clicked()
            {
                *steps_to_run = 1;
            }
            if ui
                .add_enabled(remaining > 0, egui::Button::new("Run to end"))
                .clicked()
            {
                *steps_to_run = remaining;
            }
            let failed = player
                .marks
                .iter()
                .filter(|m| matches!(m, StepMark::Failed { .. }))
                .count();
            let passed = player
                .marks
                .iter()
                .filter(|m| matches!(m, StepMark::Passed))
                .count();
            ui.label(
                RichText::new(format!("{passed} passed, {failed} failed"))
                    .color(theme::SUBTLE_TEXT),
            );
        });
        ui.separator();
        let current = player.next;
        let follow = self.view.scrolled_to_step != Some(current);
        self.view.scrolled_to_step = Some(current);
        egui::ScrollArea::vertical()
            .id_salt("steps")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for (i, mark) in player.marks.iter().enumerate() {
                    let (color, status) = match mark {
                        StepMark::Pending => (theme::BORDER, String::new()),
                        StepMark::Applied(Outcome::Ok) => (theme::OUTLOOK_BLUE, "ok".into()),
                        StepMark::Applied(other) => {
                            (Color32::from_rgb(0xD8, 0x8C, 0x00), other.to_string())
                        }
                        StepMark::Passed => (
                            theme::presence_color(crate::lab::Presence::Available),
                            "passed".into(),
                        ),
                        StepMark::Failed { expected, found } => (
                            theme::presence_color(crate::lab::Presence::Busy),
                            format!("FAILED: expected {expected}; found {found}"),
                        ),
                        StepMark::Captured => (theme::SUBTLE_TEXT, "capture".into()),
                    };
                    let text = self.view.step_texts[i].as_str();
                    let frame = egui::Frame::new()
                        .fill(if i == current {
                            theme::SELECTED_FILL
                        } else {
                            Color32::TRANSPARENT
                        })
                        .inner_margin(egui::Margin::symmetric(4, 2));
                    let row = frame.show(ui, |ui| {
                        ui.horizontal_top(|ui| {
                            let (dot, _) = ui
                                .allocate_exact_size(egui::vec2(10.0, 16.0), egui::Sense::hover());
                            ui.painter().circle_filled(dot.center(), 4.0, color);
                            ui.label(
                                RichText::new(format!("{:>2}", i + 1))
                                    .color(theme::SUBTLE_TEXT)
                                    .monospace(),
                            );
                            let label =
                                ui.add(egui::Label::new(RichText::new(text).size(12.0)).wrap());
                            if !status.is_empty() {
                                label.on_hover_text(status);
                            }
                        });
                    });
                    if follow && i == current {
                        row.response.scroll_to_me(Some(egui::Align::Center));
                    }
                }
            });
    }
}

/// A step as the step list shows it: the verb and its values, without field names
/// (`AddDelegate(user20, USER20-PC, user21)`); default permissions are left out.
pub fn step_text(step: &Step) -> String {
    let Ok(serde_json::Value::Object(map)) = serde_json::to_value(step) else {
        // Unit variants (`ExpectOk`) serialize as a plain string.
        return step.to_string();
    };
    let Some((verb, fields)) = map.into_iter().next() else {
        return step.to_string();
    };
    let default_permissions = serde_json::to_value(crate::lab::Permissions::default()).ok();
    let mut parts = Vec::new();
    let mut push = |value: &serde_json::Value| match value {
        serde_json::Value::String(s) => parts.push(s.clone()),
        serde_json::Value::Null => {}
        other => parts.push(other.to_string()),
    };
    match &fields {
        serde_json::Value::Object(fields) => {
            for (name, value) in fields {
                if name == "permissions" && Some(value) == default_permissions.as_ref() {
                    continue;
                }
                match value {
                    serde_json::Value::Object(inner) if name != "permissions" => {
                        inner.values().for_each(&mut push)
                    }
                    other => push(other),
                }
            }
        }
        other => push(other),
    }
    format!("{verb}({})", parts.join(", "))
}

/// The event log: one line per row, drawn only where visible, so a long session costs what
/// the panel shows. Long lines are cut; hovering shows them whole (egui's elided tooltip).
fn log_ui(ui: &mut Ui, lab: &Lab) {
    if lab.log().is_empty() {
        ui.label(RichText::new("Nothing has happened yet.").color(theme::SUBTLE_TEXT));
        return;
    }
    // (entry, row within the entry): 0 the action, 1 its outcome, 2.. what it changed.
    let rows: Vec<(usize, usize)> = lab
        .log()
        .iter()
        .enumerate()
        .flat_map(|(e, entry)| (0..entry.lines.len() + 2).map(move |r| (e, r)))
        .collect();
    egui::ScrollArea::vertical()
        .id_salt("event-log")
        .stick_to_bottom(true)
        .auto_shrink([false, false])
        .show_rows(ui, 17.0, rows.len(), |ui, range| {
            for &(e, r) in &rows[range] {
                let entry = &lab.log()[e];
                let (text, color) = match r {
                    0 => (
                        format!(
                            "{:>3}  {}  {}",
                            entry.number,
                            entry.time.hhmm(),
                            entry.action
                        ),
                        theme::TEXT,
                    ),
                    1 => (
                        format!("      → {}", entry.outcome),
                        match entry.outcome {
                            Outcome::Ok => theme::TEXT,
                            Outcome::Error { .. } => {
                                theme::presence_color(crate::lab::Presence::Busy)
                            }
                            Outcome::NoResponse => Color32::from_rgb(0xD8, 0x8C, 0x00),
                        },
                    ),
                    _ => (format!("      {}", entry.lines[r - 2]), theme::SUBTLE_TEXT),
                };
                let size = if r < 2 { 12.0 } else { 11.5 };
                ui.add(egui::Label::new(RichText::new(text).size(size).color(color)).truncate());
            }
        });
}
