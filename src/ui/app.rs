//! The app: lab chrome (W1) around the desktop of the computer being looked at. Windows return
//! actions; they are applied here, after drawing, through `Lab::apply`.

use egui::{Color32, RichText, Ui};

use super::command::{Command, Commands};
use super::desktop::{self, DesktopState};
use super::theme;
pub use super::window::{Annotation, FigureView};
use crate::lab::{Action, ComputerIx, LabSpec, WindowName};
use crate::scenario::{self, Scenario};
pub use crate::session::{Session, StepMark};

/// The seed walkthrough, built in: the default lab opens on it at step 0.
pub const SEED_WALKTHROUGH: &str = include_str!("../../saves/seed-walkthrough.ron");

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SideTab {
    #[default]
    Steps,
    EventLog,
    /// The session's exercise: its instructions and tasks (only when it has one).
    Exercise,
    /// "What would fix it?" (not in an exam).
    Diagnose,
}

/// UI state of the app that is not part of the lab.
pub struct View {
    pub computer: ComputerIx,
    pub desktops: Vec<DesktopState>,
    pub inspector_open: bool,
    pub side_tab: SideTab,
    /// The timeline position the step list last scrolled to, so it follows the position.
    pub followed_position: Option<usize>,
    /// The divergence from the scenario (its position) the user chose to continue past.
    pub continued_at: Option<usize>,
    /// The event log's filter and layout.
    pub event_log: super::event_log::EventLogView,
    /// The Exercise tab's last check and the hints asked for.
    pub exercise: super::exercise::ExerciseView,
    /// The Diagnose tab's symptom and last diagnosis.
    pub diagnose: super::diagnose::DiagnoseView,
    /// Where the desktop was drawn in the last frame (for screenshots of a whole desktop).
    pub desktop_rect: Option<egui::Rect>,
    /// Forget egui's window positions once (a session was opened: its own positions apply).
    pub reset_layout: bool,
    /// Set by `shots` only, for the frame it captures: which window alone is drawn, its size,
    /// and the annotations drawn over everything. Never part of the window's own UI.
    pub figure: Option<FigureView>,
}

/// The red of highlights and badges (as screenshot tools draw them).
const ANNOTATION_RED: egui::Color32 = egui::Color32::from_rgb(0xE0, 0x1B, 0x24);

impl LabApp {
    /// A frame for `shots`: the desktop alone, its top left at `at`, at the size it has in
    /// the lab window; nothing is done by hand in it.
    fn figure_frame(&mut self, ui: &mut Ui, at: egui::Pos2) {
        let computer = self.view.computer;
        let size = self
            .view
            .desktop_rect
            .map_or(super::harness::SIZE, |r| r.size());
        let rect = egui::Rect::from_min_size(at, size);
        // Nothing is done by hand in a figure: what its frame asks is dropped.
        let mut dropped = Commands::default();
        // A Ui of its own on the background layer, over the whole frame: none of the root's
        // margin, so the desktop's top left is exactly `at`.
        let screen = ui.ctx().content_rect();
        let mut desktop_ui = Ui::new(
            ui.ctx().clone(),
            egui::Id::unique("figure-frame"),
            egui::UiBuilder::new()
                .layer_id(egui::LayerId::background())
                .max_rect(rect),
        );
        desktop_ui.set_clip_rect(screen);
        // The desktop's colour under all of the frame: a window at the desktop's edge has its
        // margin beyond it.
        desktop_ui
            .painter()
            .rect_filled(screen, 0.0, super::theme::DESKTOP);
        let state = &mut self.view.desktops[computer.0 as usize];
        desktop::ui(
            &mut desktop_ui,
            self.session.lab(),
            computer,
            state,
            false,
            self.view.figure.as_ref(),
            &mut dropped,
        );
        if let Some(figure) = &self.view.figure {
            paint_annotations(ui.ctx(), &figure.annotations);
        }
    }
}

/// Draws the annotations on a layer above every window.
fn paint_annotations(ctx: &egui::Context, annotations: &[Annotation]) {
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Debug,
        egui::Id::unique("figure-annotations"),
    ));
    for annotation in annotations {
        painter.rect_stroke(
            annotation.rect.expand(3.0),
            2.0,
            egui::Stroke::new(2.5, ANNOTATION_RED),
            egui::StrokeKind::Outside,
        );
        if let Some(n) = annotation.number {
            let center = annotation.rect.left_top() + egui::vec2(-4.0, -4.0);
            painter.circle_filled(center, 10.0, ANNOTATION_RED);
            painter.circle_stroke(center, 10.0, egui::Stroke::new(1.5, egui::Color32::WHITE));
            painter.text(
                center,
                egui::Align2::CENTER_CENTER,
                n.to_string(),
                super::theme::semibold_font(12.0),
                egui::Color32::WHITE,
            );
        }
    }
}

pub struct LabApp {
    /// The lab, its timeline and the scenario being played, if any.
    pub session: Session,
    pub view: View,
    /// Where the session lives on disk, its recovery file, recent files, errors to show.
    pub files: super::files::Files,
}

impl LabApp {
    /// A session on a scenario's lab, at step 0, with its steps ready to play.
    pub fn from_scenario(scenario: Scenario) -> Self {
        LabApp::new(Session::with_scenario(scenario))
    }

    pub fn new(session: Session) -> Self {
        let computers = session.lab().directory().computers().len();
        let view = View {
            computer: ComputerIx(0),
            desktops: vec![DesktopState::default(); computers],
            inspector_open: false,
            side_tab: match session.exercise {
                Some(_) => SideTab::Exercise,
                None => SideTab::Steps,
            },
            followed_position: None,
            continued_at: None,
            event_log: super::event_log::EventLogView::default(),
            exercise: super::exercise::ExerciseView::default(),
            diagnose: super::diagnose::DiagnoseView::default(),
            desktop_rect: None,
            reset_layout: true,
            figure: None,
        };
        LabApp {
            session,
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

    /// Draws the whole app into `ui`, then does what the frame asked, in order.
    pub fn ui_root(&mut self, ui: &mut Ui) {
        if std::mem::take(&mut self.view.reset_layout) {
            ui.ctx().memory_mut(|m| m.reset_areas());
        }
        if let Some(at) = self.view.figure.as_ref().and_then(|f| f.desktop_at) {
            self.figure_frame(ui, at);
            return;
        }
        self.shortcuts(ui.ctx());
        self.chrome_top(ui);
        self.notices(ui.ctx());
        egui::Panel::left("lab-side")
            .resizable(true)
            .default_size(330.0)
            .show(ui, |ui| self.side_panel(ui));
        egui::CentralPanel::default()
            .frame(egui::Frame::new())
            .show(ui, |ui| {
                let computer = self.view.computer;
                self.view.desktop_rect = Some(ui.max_rect());
                let keyboard = !self.modal_open();
                let state = &mut self.view.desktops[computer.0 as usize];
                desktop::ui(
                    ui,
                    self.session.lab(),
                    computer,
                    state,
                    keyboard,
                    self.view.figure.as_ref(),
                    &mut self.files.commands,
                );
                if self.view.inspector_open && !self.exam() {
                    let bounds = ui.max_rect();
                    desktop::inspector_window(
                        ui.ctx(),
                        self.session.lab(),
                        bounds,
                        &mut self.view.inspector_open,
                        &mut self.files.commands,
                    );
                }
            });
        if let Some(figure) = &self.view.figure {
            paint_annotations(ui.ctx(), &figure.annotations);
        }
        if !self.modal_open() {
            self.timeline_keys(ui.ctx());
        }
        self.run_commands(ui.ctx());
        self.journal_view();
        self.closing(ui.ctx());
        self.update_title(ui.ctx());
        if std::mem::take(&mut self.files.opening_at_start)
            && let Some(dir) = &self.files.data_dir
        {
            crate::session::StartupProbe::new(dir).done();
        }
    }

    /// Does what the frame asked — actions and expectations from the windows, moves along the
    /// timeline, the app's own commands — in the order asked: the one place the frame's
    /// commands are done. A command queued while they are done waits for the next frame.
    #[warn(clippy::wildcard_enum_match_arm)]
    fn run_commands(&mut self, ctx: &egui::Context) {
        let commands = std::mem::take(&mut self.files.commands);
        if commands.is_empty() {
            return;
        }
        for command in commands {
            match command {
                Command::Act(action) => self.act_by_hand(ctx, action),
                Command::Expect(expectation) => self.expect_by_hand(expectation),
                Command::Step(command) => self.run_step_command(command),
                Command::App(command) => self.run_command(command),
            }
        }
        ctx.request_repaint();
    }

    /// Applies an action taken by hand; a window it opens comes to the front.
    fn act_by_hand(&mut self, ctx: &egui::Context, action: Action) {
        // The computer a window is opened on, found once by its name.
        let opens = if let Action::OpenWindow { computer, window } = &action {
            let lab = self.session.lab();
            let pc = lab.directory().find_computer(computer);
            pc.map(|pc| (pc, window.clone()))
        } else {
            None
        };
        self.apply_by_hand(action);
        if let Some((computer, window)) = opens {
            self.bring_to_front(ctx, computer, &window);
        }
    }

    /// A window opened by hand comes to the front, even when it was open already (behind
    /// others): the lab has put it on top of its screen, and egui's order follows.
    fn bring_to_front(&self, ctx: &egui::Context, computer: ComputerIx, window: &WindowName) {
        if let Some(found) = self.session.lab().find_window(computer, window) {
            // Only a window drawn already: a new one appears on top by itself, and must not
            // look as if it had been shown before (it focuses its first field then).
            let layer =
                egui::LayerId::new(egui::Order::Middle, desktop::window_id(computer, found));
            if ctx.memory(|m| m.areas().is_visible(&layer)) {
                ctx.move_to_top(layer);
            }
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
                    let lab = &self.session.lab();
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
                    let exam = self.exam();
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        // An exam's student finds the back end out for themselves.
                        if !exam {
                            ui.toggle_value(&mut self.view.inspector_open, "Back End Inspector")
                                .on_hover_text("The lab's view of the Lync back end: delegate records, groups, pending deletions");
                            ui.separator();
                        }
                        ui.label(RichText::new(lab.now().to_string()).font(theme::semibold_font(13.0)))
                            .on_hover_text("The lab clock: one minute per action; it never reads the wall clock.");
                    });
                });
            });
    }

    /// The session is an exam's: the Back End Inspector, the event log and Solve are hidden.
    pub fn exam(&self) -> bool {
        self.session.exercise.as_ref().is_some_and(|e| e.exam)
    }

    fn side_panel(&mut self, ui: &mut Ui) {
        let has_exercise = self.session.exercise.is_some();
        let exam = self.exam();
        let shown = match self.view.side_tab {
            SideTab::Exercise => has_exercise,
            SideTab::EventLog | SideTab::Diagnose => !exam,
            SideTab::Steps => true,
        };
        if !shown {
            self.view.side_tab = SideTab::Steps;
        }
        ui.horizontal(|ui| {
            if has_exercise {
                ui.selectable_value(&mut self.view.side_tab, SideTab::Exercise, "Exercise");
            }
            ui.selectable_value(&mut self.view.side_tab, SideTab::Steps, "Steps");
            // The event log says why each action came out as it did: not in an exam.
            if !exam {
                ui.selectable_value(&mut self.view.side_tab, SideTab::EventLog, "Event log");
                // The lab says what would fix a symptom: not in an exam either.
                ui.selectable_value(&mut self.view.side_tab, SideTab::Diagnose, "Diagnose")
                    .on_hover_text("What would fix it? A symptom in, the smallest fixes out");
            }
        });
        ui.separator();
        match self.view.side_tab {
            SideTab::Exercise => self.exercise_ui(ui),
            SideTab::Diagnose => self.diagnose_ui(ui),
            SideTab::Steps => self.steps_ui(ui),
            SideTab::EventLog => {
                ui.checkbox(&mut self.view.event_log.hide_gestures, "Hide window gestures")
                    .on_hover_text("Leave out opening and closing windows, which change nothing in the lab but what is on screen");
                super::event_log::ui(ui, self.session.lab(), &mut self.view.event_log);
            }
        }
    }
}
