//! The File menu and everything that touches disk from the window: New, Open..., Save (Ctrl+S),
//! Save As..., Open Recent, the autosave after every change, and the offer to resume after a
//! crash. Errors are shown in the window; the app keeps running and nothing is lost.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use egui::{Color32, Key, KeyboardShortcut, Modifiers, RichText, Ui};

use super::app::LabApp;
use super::theme;
use crate::lab::LabSpec;
use crate::session::view::DesktopState;
use crate::session::{self, Autosave, Opened, Session, SessionError, ViewFile};

/// The app's relation to files.
#[derive(Default)]
pub struct Files {
    /// The file this session was opened from or last saved to.
    pub path: Option<PathBuf>,
    /// Changed since it was last saved.
    pub dirty: bool,
    /// The data directory (autosave, recent files); None in tests that want no disk.
    pub data_dir: Option<PathBuf>,
    /// The last error, shown until dismissed.
    pub error: Option<String>,
    /// Files that failed to load: never saved over.
    pub refuse_overwrite: BTreeSet<PathBuf>,
    /// The last run did not exit cleanly; offer its autosave.
    pub offer_recovery: bool,
    /// What "Open path" is typing (for machines without a file dialog).
    pub path_input: String,
    /// What the user asked of the app during this frame, done after it is drawn.
    pub commands: Vec<AppCommand>,
    /// The session opened at start has not been drawn yet (see [`session::StartupProbe`]).
    pub opening_at_start: bool,
    title: String,
}

/// Something asked of the app itself rather than of the lab: each replaces or writes the
/// session, so it is queued while the frame is drawn and done after it
/// ([`LabApp::run_commands`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AppCommand {
    /// File → New: the default contoso lab, nothing done yet.
    New,
    /// File → Open...: ask for a file with the native dialog.
    OpenDialog,
    /// Open Recent, Open path, or a file given on the command line.
    Open(PathBuf),
    /// File → Save or Ctrl+S.
    Save,
    /// File → Save As...
    SaveAs,
    /// Resume the autosaved session after a crash.
    Resume,
    /// Leave the autosaved session after a crash.
    DiscardRecovery,
}

impl LabApp {
    /// The app as `delegate-lab` starts it: the session the user last had open (the newest of
    /// the recent files, if it still loads), else the default lab; autosave in `data_dir`; and
    /// an offer to resume when the last run crashed.
    pub fn start(data_dir: PathBuf) -> Self {
        let mut app = LabApp::default_lab();
        let autosave = Autosave {
            dir: data_dir.clone(),
        };
        let crashed = autosave.crashed();
        session::remove_stale_temps(&data_dir);
        let probe = session::StartupProbe::new(&data_dir);
        if let Some(stopped) = probe.failed() {
            // The last start stopped while opening this file: never again at start.
            session::forget(&data_dir, &stopped);
            probe.done();
            app.files.error = Some(format!(
                "Delegate Lab stopped while reopening the last session, so it was not reopened (File → Open still can): {}",
                stopped.display()
            ));
        } else if !crashed && let Some(last) = session::recent(&data_dir).into_iter().next() {
            // A file that no longer loads leaves the default lab (and is not saved over), and
            // is dropped from the recent files so that the next start does not try it again.
            probe.opening(&last);
            app.files.opening_at_start = true;
            if let Err(e) = app.open(&last) {
                session::forget(&data_dir, &last);
                app.files.error = Some(format!("The last session could not be reopened: {e}"));
            }
        }
        app.files.offer_recovery = crashed;
        if let Err(e) = autosave.start() {
            app.files.error = Some(format!(
                "Autosave is off: cannot write to {}: {e}",
                data_dir.display()
            ));
        }
        app.files.data_dir = Some(data_dir);
        app
    }

    /// Call at a clean exit.
    pub fn clean_exit(&self) {
        if let Some(dir) = &self.files.data_dir {
            Autosave { dir: dir.clone() }.clean_exit();
        }
    }

    /// After any change: mark unsaved and autosave.
    pub(super) fn changed(&mut self) {
        self.files.dirty = true;
        if let Some(dir) = &self.files.data_dir {
            let file = self.session_file();
            if let Err(e) = (Autosave { dir: dir.clone() }).write(&file) {
                self.files.error = Some(format!("Autosave failed: {e}"));
            }
        }
    }

    /// The session as it would be saved, with the window state.
    pub fn session_file(&self) -> session::SessionFile {
        let dir = self.session.lab.directory();
        let view = ViewFile {
            computer: dir.computer(self.view.computer).to_owned(),
            inspector_open: self.view.inspector_open,
            desktops: self.view.desktops.clone(),
        };
        session::to_file(&self.session, self.player.clone(), Some(view))
    }

    /// Saves to `path` (Save As), refusing files that failed to load.
    pub fn save_to(&mut self, path: &Path) -> Result<(), SessionError> {
        if self.files.refuse_overwrite.contains(path) {
            return Err(SessionError::RefuseOverwrite {
                path: path.to_owned(),
            });
        }
        session::may_replace_with_session(path).map_err(SessionError::WontReplace)?;
        session::save(&self.session_file(), path)?;
        self.files.path = Some(path.to_owned());
        self.files.dirty = false;
        if let Some(dir) = &self.files.data_dir {
            session::remember(dir, path);
        }
        Ok(())
    }

    /// Save: to the session's file, or ask where (Save As).
    pub fn save(&mut self) {
        let result = match self.files.path.clone() {
            Some(path) => self.save_to(&path),
            None => return self.save_as_dialog(),
        };
        if let Err(e) = result {
            self.files.error = Some(e.to_string());
        }
    }

    fn save_as_dialog(&mut self) {
        let file_name = format!("{}.ron", session::file_stem(&self.session.name, "session"));
        let picked = rfd::FileDialog::new()
            .add_filter("Delegate Lab session", &["ron"])
            .set_file_name(file_name)
            .save_file();
        if let Some(path) = picked
            && let Err(e) = self.save_to(&path)
        {
            self.files.error = Some(e.to_string());
        }
    }

    /// Opens a session or a scenario (which becomes a new session at its last step). On
    /// failure the current session stays and the error is shown.
    pub fn open(&mut self, path: &Path) -> Result<(), SessionError> {
        match session::open(path) {
            Ok(opened) => {
                // A scenario becomes a new session: saving it must not overwrite the scenario.
                let was_session = matches!(opened, Opened::Session(_));
                let files = std::mem::take(&mut self.files);
                *self = match opened {
                    Opened::Session(loaded) => {
                        let mut app = LabApp::new(loaded.session);
                        app.player = loaded.player;
                        if let Some(view) = loaded.view {
                            app.restore_view(view);
                        }
                        app
                    }
                    Opened::Scenario(scenario) => {
                        let mut app = LabApp::from_scenario(scenario);
                        while app.step() {}
                        app
                    }
                };
                self.files = Files {
                    path: was_session.then(|| path.to_owned()),
                    dirty: false,
                    data_dir: files.data_dir,
                    error: None,
                    refuse_overwrite: files.refuse_overwrite,
                    offer_recovery: false,
                    path_input: String::new(),
                    commands: Vec::new(),
                    opening_at_start: files.opening_at_start,
                    title: String::new(),
                };
                if let Some(dir) = &self.files.data_dir {
                    session::remember(dir, path);
                }
                Ok(())
            }
            Err(e) => {
                self.files.refuse_overwrite.insert(path.to_owned());
                Err(e)
            }
        }
    }

    fn open_and_report(&mut self, path: &Path) {
        if let Err(e) = self.open(path) {
            self.files.error = Some(e.to_string());
        }
    }

    /// Does what was asked of the app during the frame.
    pub(super) fn run_commands(&mut self) {
        for command in std::mem::take(&mut self.files.commands) {
            self.run_command(command);
        }
    }

    pub fn run_command(&mut self, command: AppCommand) {
        match command {
            AppCommand::New => {
                let files = std::mem::take(&mut self.files);
                *self = LabApp::new(Session::new("New lab", LabSpec::contoso()));
                self.files = Files {
                    data_dir: files.data_dir,
                    refuse_overwrite: files.refuse_overwrite,
                    ..Files::default()
                };
            }
            AppCommand::OpenDialog => {
                if let Some(path) = rfd::FileDialog::new()
                    .add_filter("Session or scenario", &["ron"])
                    .pick_file()
                {
                    self.open_and_report(&path);
                }
            }
            AppCommand::Open(path) => self.open_and_report(&path),
            AppCommand::Save => self.save(),
            AppCommand::SaveAs => self.save_as_dialog(),
            AppCommand::Resume => {
                self.files.offer_recovery = false;
                if let Some(dir) = self.files.data_dir.clone() {
                    let file = (Autosave { dir }).file();
                    self.open_and_report(&file);
                    // The autosave is not the user's file: Save asks where.
                    self.files.path = None;
                    self.files.dirty = true;
                }
            }
            AppCommand::DiscardRecovery => self.files.offer_recovery = false,
        }
    }

    fn restore_view(&mut self, view: ViewFile) {
        if let Some(c) = self.session.lab.directory().find_computer(&view.computer) {
            self.view.computer = c;
        }
        self.view.inspector_open = view.inspector_open;
        let count = self.view.desktops.len();
        self.view.desktops = view.desktops;
        self.view.desktops.resize(count, DesktopState::default());
    }

    /// File ▾ in the lab chrome.
    pub(super) fn file_menu(&mut self, ui: &mut Ui) {
        let commands = &mut self.files.commands;
        ui.menu_button("File", |ui| {
            let mut item = |ui: &mut Ui, button: egui::Button<'_>, command: AppCommand| {
                let response = ui.add(button);
                if response.clicked() {
                    ui.close();
                    commands.push(command);
                }
                response
            };
            item(ui, egui::Button::new("New"), AppCommand::New)
                .on_hover_text("The default contoso lab, nothing done yet");
            item(ui, egui::Button::new("Open..."), AppCommand::OpenDialog);
            item(
                ui,
                egui::Button::new("Save").shortcut_text("Ctrl+S"),
                AppCommand::Save,
            );
            item(ui, egui::Button::new("Save As..."), AppCommand::SaveAs);
            let recent = self
                .files
                .data_dir
                .as_deref()
                .map(session::recent)
                .unwrap_or_default();
            ui.menu_button("Open Recent", |ui| {
                if recent.is_empty() {
                    ui.label(RichText::new("No recent files").color(theme::SUBTLE_TEXT));
                }
                for path in recent {
                    let label = path.display().to_string();
                    item(ui, egui::Button::new(label), AppCommand::Open(path));
                }
            });
            ui.separator();
            ui.label(RichText::new("Open a path (without a file dialog):").small());
            ui.horizontal(|ui| {
                let field = ui.add(
                    egui::TextEdit::singleline(&mut self.files.path_input)
                        .desired_width(260.0)
                        .hint_text("saves/seed-walkthrough.ron"),
                );
                let go = ui.button("Open path");
                field.labelled_by(go.id);
                if go.clicked() && !self.files.path_input.trim().is_empty() {
                    ui.close();
                    let path = PathBuf::from(self.files.path_input.trim());
                    commands.push(AppCommand::Open(path));
                }
            });
        });
    }

    pub(super) fn shortcuts(&mut self, ctx: &egui::Context) {
        let save = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
        if ctx.input_mut(|i| i.consume_shortcut(&save)) {
            self.files.commands.push(AppCommand::Save);
        }
    }

    /// The window title: the session's name and a * while unsaved.
    pub(super) fn update_title(&mut self, ctx: &egui::Context) {
        let title = format!(
            "{}{} — Delegate Lab",
            self.session.name,
            if self.files.dirty { " *" } else { "" }
        );
        if title != self.files.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.files.title = title;
        }
    }

    /// The error banner and the crash-recovery offer.
    pub(super) fn notices(&mut self, ctx: &egui::Context) {
        if let Some(error) = self.files.error.clone() {
            egui::Window::new("Delegate Lab")
                .id(egui::Id::unique("lab-error"))
                .collapsible(false)
                .resizable(false)
                .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 60.0))
                .show(ctx, |ui| {
                    ui.set_max_width(560.0);
                    ui.colored_label(Color32::from_rgb(0xC0, 0x10, 0x20), error);
                    if ui.button("Dismiss").clicked() {
                        self.files.error = None;
                    }
                });
        }
        if self.files.offer_recovery {
            egui::Window::new("Resume?")
                .id(egui::Id::unique("lab-recovery"))
                .collapsible(false)
                .resizable(false)
                .anchor(egui::Align2::CENTER_CENTER, egui::vec2(0.0, 0.0))
                .show(ctx, |ui| {
                    ui.label("Delegate Lab did not close cleanly last time. Resume the autosaved session?");
                    ui.horizontal(|ui| {
                        if ui.button("Resume").clicked() {
                            self.files.commands.push(AppCommand::Resume);
                        }
                        if ui.button("Discard").clicked() {
                            self.files.commands.push(AppCommand::DiscardRecovery);
                        }
                    });
                });
        }
    }
}
