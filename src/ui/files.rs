//! The File menu and everything that touches disk from the window: New, Open..., Save (Ctrl+S),
//! Save As..., Open Recent, Open path; the question before unsaved changes are replaced; the
//! recovery file that follows every change; and the offer to resume what a crash left behind.
//! Errors are shown in the window; the app keeps running and nothing is lost.
//!
//! Whatever replaces or writes the session is an [`AppCommand`], queued with the frame's
//! other commands while it is drawn and done after it ([`LabApp::run_command`]).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use egui::{Key, KeyboardShortcut, Modifiers, RichText, Ui};

use super::app::LabApp;
pub use super::command::AppCommand;
use super::command::Commands;
use super::dialogs::{PathDialog, PathPurpose};
use super::theme;
use crate::scenario::{Step, StepResultKind};
use crate::session::recovery::{Instance, JournalEntry, LeftBehind, RecoveryFile};
use crate::session::view::DesktopState;
use crate::session::{self, Applied, LoadedSession, Opened, SessionError, ViewFile};

/// The app's relation to files.
#[derive(Default)]
pub struct Files {
    /// The file this session was opened from or last saved to.
    pub path: Option<PathBuf>,
    /// Changed since it was last saved.
    pub dirty: bool,
    /// The data directory (recovery files, recent files); None in tests that want no disk.
    pub data_dir: Option<PathBuf>,
    /// The last error, shown until dismissed.
    pub error: Option<String>,
    /// Something to tell the user that is not an error (a session rebuilt by replay).
    pub notice: Option<String>,
    /// Files that failed to load: never saved over.
    pub refuse_overwrite: BTreeSet<PathBuf>,
    /// What "Open path" is typing (for machines without a file dialog).
    pub path_input: String,
    /// What the user asked during this frame — of the lab, the timeline or the app — done
    /// once after it is drawn, in order.
    pub commands: Commands,
    /// The session opened at start has not been drawn yet (see [`session::StartupProbe`]).
    pub opening_at_start: bool,
    /// This window's instance slot in the data directory.
    pub instance: Option<Instance>,
    /// The current session's recovery file.
    pub recovery: Option<RecoveryFile>,
    /// What earlier runs left to recover, offered first to last.
    pub left_behind: Vec<LeftBehind>,
    /// A command waiting for the answer to "Do you want to save changes…?".
    pub confirm: Option<AppCommand>,
    /// A command to run once the save it waits for is done.
    pub after_save: Option<AppCommand>,
    /// The lab's own Save As / Open dialog, where the desktop has none.
    pub path_dialog: Option<PathDialog>,
    /// File → Open Field Case...: the catalogue's picker, with the case selected.
    pub field_cases: Option<usize>,
    /// File → New Case from Evidence...: the evidence given so far, and why it failed.
    pub evidence: Option<super::dialogs::EvidenceDialog>,
    /// Why the desktop's file dialogs cannot be used here (None: they can).
    pub no_native_dialogs: Option<String>,
    /// Set from another thread when the process is asked to end (SIGTERM, SIGINT).
    pub terminate: Arc<AtomicBool>,
    /// The window may close now (the user answered, or nothing was unsaved).
    pub may_close: bool,
    /// The window was told to close.
    close_sent: bool,
    /// For a resumed session, the file it had been saved to: Save As starts there (Save still
    /// asks, as the file does not hold what was resumed).
    pub origin: Option<PathBuf>,
    /// The session's file as this window last read or wrote it (modified time, size), to tell
    /// when something else wrote it since.
    disk_stamp: Option<session::DiskStamp>,
    /// The window state as last written to the journal (computer, inspector).
    journaled_view: Option<(crate::lab::ComputerIx, bool)>,
    title: String,
}

impl Files {
    /// What a replaced session keeps: the data directory, the instance slot, files that must
    /// not be overwritten, what is left to recover, how dialogs are shown.
    fn carry_over(&mut self) -> Files {
        Files {
            data_dir: self.data_dir.take(),
            refuse_overwrite: std::mem::take(&mut self.refuse_overwrite),
            instance: self.instance.take(),
            left_behind: std::mem::take(&mut self.left_behind),
            no_native_dialogs: self.no_native_dialogs.take(),
            terminate: self.terminate.clone(),
            opening_at_start: self.opening_at_start,
            ..Files::default()
        }
    }
}

/// The answer to "Do you want to save changes to …?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveChanges {
    Save,
    DontSave,
    Cancel,
}

impl LabApp {
    /// The app as `delegate-lab` starts it: an instance slot and recovery file in `data_dir`,
    /// the session the user last had open (the newest of the recent files, if it still loads)
    /// else the default lab, and what earlier runs left behind to offer.
    pub fn start(data_dir: PathBuf) -> Self {
        let mut app = LabApp::default_lab();
        app.files.no_native_dialogs = native_dialogs_missing();
        session::remove_stale_temps(&data_dir);
        match Instance::acquire(&data_dir) {
            Ok(instance) => {
                app.files.left_behind = instance.left_behind();
                app.files.instance = Some(instance);
            }
            Err(e) => {
                app.files.error = Some(format!(
                    "Crash recovery is off: cannot use the data directory ({e}): {}",
                    data_dir.display()
                ));
            }
        }
        app.files.data_dir = Some(data_dir.clone());
        let probe = session::StartupProbe::new(&data_dir);
        if let Some(stopped) = probe.failed() {
            // The last start stopped while opening this file (a crash, or the user ending a
            // long load): not this time. It stays in Open Recent.
            probe.done();
            app.files.error = Some(format!(
                "Delegate Lab stopped while reopening the last session last time, so it was not reopened now (File → Open Recent can): {}",
                stopped.display()
            ));
        } else if app.files.left_behind.is_empty()
            && let Some(last) = session::recent(&data_dir).into_iter().next()
        {
            // A file that no longer loads leaves the default lab (and is not saved over), and
            // is dropped from the recent files so that the next start does not try it again.
            probe.opening(&last);
            app.files.opening_at_start = true;
            if let Err(e) = app.open(&last) {
                session::forget(&data_dir, &last);
                app.files.error = Some(format!("The last session could not be reopened: {e}"));
            }
        }
        if app.files.recovery.is_none() {
            app.start_recovery();
        }
        app
    }

    /// At the end of the process: the recovery file goes unless it holds unsaved changes
    /// (ended by a signal, say), which the next start then offers. The instance slot is
    /// released with the process.
    pub fn clean_exit(&mut self) {
        if let Some(recovery) = self.files.recovery.take()
            && !self.files.dirty
        {
            recovery.remove();
        }
    }

    /// A new recovery file for the session now shown, with a snapshot of it.
    fn start_recovery(&mut self) {
        let Some(instance) = self.files.instance.as_mut() else {
            return;
        };
        self.files.recovery = Some(instance.recovery_file(&self.session.name));
        self.snapshot_recovery(&self.session_file());
    }

    /// Writes the session (`file`, its current form) whole into its recovery file again: the
    /// journal starts afresh after it.
    fn snapshot_recovery(&mut self, file: &session::SessionFile) {
        match session::to_text(file) {
            Ok(text) => self.snapshot_recovery_text(&text),
            Err(e) => self.recovery_off(SessionError::Write {
                path: self
                    .files
                    .recovery
                    .as_ref()
                    .map_or_else(PathBuf::new, |r| r.path().to_owned()),
                source: std::io::Error::other(e.to_string()),
            }),
        }
    }

    /// [`LabApp::snapshot_recovery`] of the session already written as `text`.
    fn snapshot_recovery_text(&mut self, text: &str) {
        self.files.journaled_view = Some((self.view.computer, self.view.inspector_open));
        let own = self.files.path.as_deref().or(self.files.origin.as_deref());
        let dirty = self.files.dirty;
        if let Some(recovery) = self.files.recovery.as_mut()
            && let Err(e) = recovery.snapshot_text(text, own, dirty)
        {
            self.recovery_off(e);
        }
    }

    /// One change, into the recovery file's journal, and the session is unsaved.
    fn journal(&mut self, entry: JournalEntry) {
        self.files.dirty = true;
        self.append_to_journal(&entry);
    }

    fn append_to_journal(&mut self, entry: &JournalEntry) {
        if let Some(recovery) = self.files.recovery.as_mut()
            && let Err(e) = recovery.append(entry)
        {
            self.recovery_off(e);
        }
    }

    /// The recovery file cannot be written: say so, and stop trying.
    fn recovery_off(&mut self, e: SessionError) {
        self.files.error = Some(format!("Crash recovery is off: {e}"));
        self.files.recovery = None;
    }

    /// Writes the window state to the journal when which computer is looked at, or the
    /// inspector, changed (so a resumed session looks as it did).
    pub(super) fn journal_view(&mut self) {
        let now = Some((self.view.computer, self.view.inspector_open));
        if self.files.journaled_view != now {
            self.files.journaled_view = now;
            self.append_to_journal(&JournalEntry::View(self.view_file()));
        }
    }

    /// Applies an action taken by hand in a window.
    pub fn apply_by_hand(&mut self, action: crate::lab::Action) {
        let outcome = self.session.apply(action.clone());
        self.journal(JournalEntry::Applied(Applied { action, outcome }));
    }

    /// Runs the next scenario step; false when there is none.
    pub fn step(&mut self) -> bool {
        let index = self.session.next_step();
        let Some(kind) = self.session.play_next() else {
            return false;
        };
        let step = &self.session.scenario().expect("a step was played").steps[index];
        let applied = match (step, &kind) {
            (Step::Action(action), StepResultKind::Action(entry)) => Some(Applied {
                action: action.clone(),
                outcome: entry.outcome.clone(),
            }),
            _ => None,
        };
        let mark = crate::session::StepMark::from(&kind);
        self.journal(JournalEntry::Step { applied, mark });
        true
    }

    /// Shows the lab at another position of the timeline.
    pub fn goto(&mut self, position: usize) {
        let before = self.session.position();
        self.session.goto(position);
        if self.session.position() != before {
            self.forget_drafts();
            self.journal(JournalEntry::Goto(self.session.position()));
        }
    }

    /// What was typed into dialogs belonged to the lab that was shown.
    fn forget_drafts(&mut self) {
        for desktop in &mut self.view.desktops {
            desktop.forget_drafts();
        }
    }

    /// Adds an expectation about what the lab shows now ("Expect this").
    pub fn expect_by_hand(&mut self, expectation: crate::scenario::Expectation) {
        match self.session.expect(expectation.clone()) {
            Ok(()) => self.journal(JournalEntry::Expect(expectation)),
            Err(check) => {
                self.files.error = Some(format!(
                    "Not added: the lab does not show that here (expected {}; found {}).",
                    check.expected, check.found
                ))
            }
        }
    }

    /// Makes a replaced branch the timeline again.
    pub fn restore_branch(&mut self, branch: usize) {
        if self.session.restore_branch(branch) {
            self.forget_drafts();
            self.journal(JournalEntry::Restore(branch));
        }
    }

    /// Lets a replaced branch go.
    pub fn discard_branch(&mut self, branch: usize) {
        if self.session.discard_branch(branch) {
            self.journal(JournalEntry::Discard(branch));
        }
    }

    /// The session as it would be saved, with the window state.
    pub fn session_file(&self) -> session::SessionFile {
        session::to_file(&self.session, Some(self.view_file()))
    }

    /// The window state as sessions keep it.
    fn view_file(&self) -> ViewFile {
        let dir = self.session.lab().directory();
        ViewFile {
            computer: dir.computer(self.view.computer).to_owned(),
            inspector_open: self.view.inspector_open,
            desktops: self.view.desktops.clone(),
        }
    }

    /// File → Save as Scenario...: asks where, then [`LabApp::export_to`].
    fn save_scenario_as(&mut self) {
        let file_name = format!("{}-scenario.ron", self.file_stem());
        let kind = "Delegate Lab scenario";
        if let Asked::Path(path) =
            self.ask_where_to_save(PathPurpose::SaveScenario, file_name, kind)
        {
            self.export_and_report(&path);
        }
    }

    /// The stem the files made from this session are named after: its file's, else its
    /// name made safe.
    fn file_stem(&self) -> String {
        let known = self.files.path.as_deref().or(self.files.origin.as_deref());
        known
            .and_then(Path::file_stem)
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| session::file_stem(&self.session.name, "session"))
    }

    /// File → Save as Exercise...: asks where (unless there is nothing to make one of: then
    /// says why), then writes it.
    fn save_exercise_as(&mut self) {
        if let Err(why) = session::export::exercise_of(&self.session) {
            self.files.error = Some(format!("No exercise was written: {why}."));
            return;
        }
        let file_name = format!("{}-exercise.ron", self.file_stem());
        if let Asked::Path(path) = self.ask_where_to_save(
            PathPurpose::SaveExercise,
            file_name,
            "Delegate Lab exercise",
        ) {
            self.write_exercise_and_report(&path);
        }
    }

    /// Registry Editor's File > Export...: asks where, then writes the seat's Lync key as
    /// Registry Editor exports it (the same bytes as `delegate-lab reg`).
    fn export_registry_as(&mut self, seat: crate::lab::Seat) {
        let dir = self.session.lab().directory();
        let file_name = format!("{}-{}-lync.reg", dir.id(seat.0), dir.computer(seat.1));
        if let Asked::Path(path) = self.ask_where_to_save(
            PathPurpose::ExportRegistry(seat),
            file_name,
            "Registration Files",
        ) {
            self.export_registry_and_report(seat, &path);
        }
    }

    /// Writes the seat's Lync key as a `.reg` file at `path` (never over a file that is not
    /// one), and says so — or why not.
    pub(super) fn export_registry_and_report(&mut self, seat: crate::lab::Seat, path: &Path) {
        let lab = self.session.lab();
        let keys = crate::regfile::lync_hive_keys(lab, seat.0, seat.1);
        let written = session::may_replace_with_registry_file(path)
            .map_err(SessionError::Refused)
            .and_then(|()| {
                session::write_file(path, &crate::regfile::write(&keys), session::Backup::None)
            });
        match written {
            Ok(()) => {
                let dir = lab.directory();
                self.files.notice = Some(format!(
                    "Exported {} of {} on {}: {}",
                    keys[0].path,
                    dir.id(seat.0),
                    dir.computer(seat.1),
                    path.display()
                ));
            }
            Err(e) => self.files.error = Some(e.to_string()),
        }
    }

    pub(super) fn write_exercise_and_report(&mut self, path: &Path) {
        match session::export::write_exercise(&self.session, path) {
            Ok(()) => {
                self.files.notice = Some(format!(
                    "Saved an exercise: {}\nGrade students' sessions on it with: delegate-lab grade \"{}\" SESSION...",
                    path.display(),
                    path.display()
                ));
            }
            Err(e) => self.files.error = Some(e.to_string()),
        }
    }

    /// Writes what was done up to the position as a scenario at `path` (never over a
    /// session, or over anything that is not a scenario).
    pub fn export_to(&mut self, path: &Path) -> Result<(), SessionError> {
        session::may_replace_with_scenario(path).map_err(SessionError::Refused)?;
        session::export::write_scenario(&self.session, path)
    }

    pub(super) fn export_and_report(&mut self, path: &Path) {
        match self.export_to(path) {
            Ok(()) => {
                self.files.notice = Some(format!(
                    "Saved what was done as a scenario: {}\nReplay it with: delegate-lab check \"{}\"",
                    path.display(),
                    path.display()
                ));
            }
            Err(e) => self.files.error = Some(e.to_string()),
        }
    }

    /// Saves to `path` (Save As), refusing files that failed to load and scenarios. A session
    /// file reached through a symbolic link is saved where the link points, as editors do.
    pub fn save_to(&mut self, path: &Path) -> Result<(), SessionError> {
        let linked = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        let target = match linked.then(|| path.canonicalize()) {
            Some(Ok(target)) => target,
            _ => path.to_owned(),
        };
        self.save_to_file(&target, path)
    }

    fn save_to_file(&mut self, path: &Path, as_named: &Path) -> Result<(), SessionError> {
        if self.files.refuse_overwrite.contains(path) {
            return Err(SessionError::RefuseOverwrite {
                path: path.to_owned(),
            });
        }
        session::may_replace_with_session(path).map_err(SessionError::Refused)?;
        // Its own file must still be the one this window last read or wrote (checked as the
        // file is replaced); any other was chosen to be replaced.
        let seen = self
            .files
            .disk_stamp
            .filter(|_| self.files.path.as_deref() == Some(as_named));
        // Err when the session is more than the lab reads back (it says so).
        let text = session::to_text(&self.session_file())
            .map_err(|e| SessionError::Refused(format!("{e}: {}", path.display())))?;
        // The journal hears of the save first: a kill after the file is replaced and before
        // the recovery file's new snapshot finds the file holding this text.
        self.append_to_journal(&JournalEntry::Saving {
            file: as_named.to_owned(),
            hash: session::text_hash(&text),
        });
        let stamp = session::save_text_checked(path, &text, seen)?;
        self.files.path = Some(as_named.to_owned());
        self.files.origin = None;
        self.files.disk_stamp = Some(stamp);
        self.files.dirty = false;
        // The recovery file learns of the save first: nothing slow comes between.
        self.snapshot_recovery_text(&text);
        if let Some(dir) = &self.files.data_dir {
            session::remember(dir, as_named);
        }
        Ok(())
    }

    /// Save: to the session's file, or ask where (Save As). Then whatever waited for it.
    fn save(&mut self) {
        match self.files.path.clone() {
            Some(path) => self.save_then_continue(&path),
            None => self.save_as(),
        }
    }

    /// Saves to `path`; on success runs what waited for the save, on failure says why (and
    /// what waited is dropped: the session was not saved).
    pub(super) fn save_then_continue(&mut self, path: &Path) {
        match self.save_to(path) {
            Ok(()) => {
                if let Some(next) = self.files.after_save.take() {
                    self.run_command(next);
                }
            }
            Err(e) => {
                self.files.after_save = None;
                self.files.error = Some(e.to_string());
            }
        }
    }

    /// Asks where to save: the desktop's dialog, or the lab's own where there is none.
    fn save_as(&mut self) {
        let known = self.files.path.as_deref().or(self.files.origin.as_deref());
        let file_name = known
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| {
                format!("{}.ron", session::file_stem(&self.session.name, "session"))
            });
        match self.ask_where_to_save(PathPurpose::SaveAs, file_name, "Delegate Lab session") {
            Asked::Path(path) => self.save_then_continue(&path),
            Asked::Cancelled => self.files.after_save = None,
            Asked::InTheLabsDialog => {}
        }
    }

    /// Asks where to save, beside the session's file: the desktop's dialog, or — where there
    /// is none — the lab's own, which answers in a later frame.
    fn ask_where_to_save(&mut self, purpose: PathPurpose, file_name: String, kind: &str) -> Asked {
        let known = self.files.path.as_deref().or(self.files.origin.as_deref());
        let folder = known.and_then(Path::parent).map(Path::to_owned);
        if let Some(why) = self.files.no_native_dialogs.clone() {
            self.files.path_dialog =
                Some(PathDialog::new(purpose, folder.as_deref(), &file_name, why));
            return Asked::InTheLabsDialog;
        }
        let mut dialog = rfd::FileDialog::new()
            .add_filter(kind, &[purpose.extension()])
            .set_file_name(file_name);
        if let Some(folder) = folder {
            dialog = dialog.set_directory(folder);
        }
        dialog.save_file().map_or(Asked::Cancelled, Asked::Path)
    }

    /// Asks for a file to open: the desktop's dialog, or the lab's own where there is none.
    fn open_dialog(&mut self) {
        if let Some(why) = self.files.no_native_dialogs.clone() {
            let folder = self.files.path.as_deref().and_then(Path::parent);
            self.files.path_dialog = Some(PathDialog::new(PathPurpose::Open, folder, "", why));
            return;
        }
        if let Some(path) = rfd::FileDialog::new()
            .add_filter("Session, scenario or exercise", &["ron"])
            .pick_file()
        {
            self.open_and_report(&path);
        }
    }

    /// Opens a session or a scenario (which becomes a new session at its step 0, ready to
    /// play). On
    /// failure the current session stays and the error is shown.
    pub fn open(&mut self, path: &Path) -> Result<(), SessionError> {
        if let Some(dir) = &self.files.data_dir
            && session::recovery::is_recovery_file(dir, path)
        {
            return Err(SessionError::Refused(format!(
                "this is a recovery file: Delegate Lab offers it when it starts, if it holds unsaved work (copy it elsewhere to open it as it was last snapshotted): {}",
                path.display()
            )));
        }
        if crate::exercise::is_exercise(path) {
            let exercise = match crate::exercise::load(path) {
                Ok(exercise) => exercise,
                Err(e) => return Err(SessionError::File(e)),
            };
            self.start_exercise(exercise);
            if let Some(dir) = &self.files.data_dir {
                session::remember(dir, path);
            }
            return Ok(());
        }
        let opened = match session::open(path) {
            Ok(opened) => opened,
            Err(e) => {
                self.files.refuse_overwrite.insert(path.to_owned());
                return Err(e);
            }
        };
        // A scenario becomes a new session: saving it must not overwrite the scenario.
        let own = match opened {
            Opened::Session(loaded) => {
                self.replace_with(*loaded);
                Some(path.to_owned())
            }
            Opened::Scenario(scenario) => {
                self.replace_session(LabApp::from_scenario(*scenario));
                None
            }
        };
        self.files.disk_stamp = own.as_deref().and_then(session::disk_stamp);
        self.files.path = own;
        self.files.dirty = false;
        if let Some(dir) = &self.files.data_dir {
            session::remember(dir, path);
        }
        self.start_recovery();
        Ok(())
    }

    /// A new, unsaved session of `exercise`: its lab with the setup played (the student does
    /// not see it done), the Exercise tab showing.
    pub fn start_exercise(&mut self, exercise: crate::exercise::Exercise) {
        let mut session = crate::session::Session::with_scenario(exercise.starting_scenario());
        while session.play_next().is_some() {}
        session.exercise = Some(exercise);
        let mut app = LabApp::new(session);
        app.view.side_tab = super::app::SideTab::Exercise;
        self.replace_session(app);
        self.files.path = None;
        self.files.dirty = false;
        self.start_recovery();
    }

    /// Shows a loaded session instead of the current one.
    fn replace_with(&mut self, loaded: LoadedSession) {
        let mut app = LabApp::new(loaded.session);
        if let Some(view) = loaded.view {
            app.restore_view(view);
        }
        self.replace_session(app);
        if loaded.rebuilt {
            self.files.notice = Some(REBUILT.into());
        }
    }

    /// Replaces the session (the user has answered about unsaved changes, or there were
    /// none): its recovery file goes; the caller starts the new session's.
    fn replace_session(&mut self, app: LabApp) {
        if let Some(recovery) = self.files.recovery.take() {
            recovery.remove();
        }
        let files = self.files.carry_over();
        *self = app;
        self.files = files;
    }

    /// A case of the field catalogue as a new, unsaved session at step 0.
    fn open_field_case(&mut self, index: usize) {
        let Some(case) = crate::field::CASES.get(index) else {
            return;
        };
        match crate::scenario::parse(case.text) {
            Ok(scenario) => {
                self.replace_session(LabApp::from_scenario(scenario));
                self.start_recovery();
            }
            Err(e) => {
                self.files.error = Some(format!(
                    "The field case could not be read: {e} ({})",
                    crate::field::path_of(case)
                ))
            }
        }
    }

    /// A case made from evidence (its scenario text) as a new, unsaved session, its setup
    /// played: the lab is the customer's from the start (grants and settings done), so what
    /// is looked at or diagnosed is theirs.
    fn open_case(&mut self, text: &str) {
        match crate::scenario::parse(text) {
            Ok(scenario) => {
                self.replace_session(LabApp::from_scenario(scenario));
                self.start_recovery();
                while self.step() {}
            }
            Err(e) => self.files.error = Some(format!("The case could not be read: {e}")),
        }
    }

    fn open_and_report(&mut self, path: &Path) {
        if let Err(e) = self.open(path) {
            self.files.error = Some(e.to_string());
        }
    }

    /// Resumes the first of what earlier runs left behind, as an unsaved session (Save asks
    /// where: the recovery file is not the user's).
    fn resume(&mut self) {
        if self.files.left_behind.is_empty() {
            return;
        }
        let left = self.files.left_behind.remove(0);
        match left.load() {
            Ok(resumed) => {
                self.replace_with(resumed.loaded);
                self.files.dirty = true;
                self.files.origin = left.file.clone();
                self.start_recovery();
                if !resumed.problems.is_empty() {
                    // Never deleted: moved aside, and the user is told what was not resumed.
                    let kept = format!("The journal {}", kept_aside(&left));
                    self.files.notice = Some(damage_notice(&resumed.problems, &kept));
                } else if self.files.recovery.is_some() {
                    // Its recovery file now has the session: the old one can go.
                    left.discard();
                }
                if let Some(line) = resumed.cut_short {
                    let notice = self.files.notice.get_or_insert_default();
                    if !notice.is_empty() {
                        notice.push('\n');
                    }
                    notice.push_str(&format!(
                        "The change Delegate Lab was writing when it ended (journal line {line}) was cut short and is not in the resumed session."
                    ));
                }
            }
            Err(e) => {
                // Offered again it would fail again: kept aside, never deleted.
                self.files.error = Some(format!(
                    "The session left behind could not be resumed ({e}); its journal {}.",
                    kept_aside(&left)
                ));
            }
        }
    }

    /// Runs a command, first asking about unsaved changes when it would replace them.
    pub fn run_command(&mut self, command: AppCommand) {
        if command.replaces_session() && self.files.dirty {
            self.files.confirm = Some(command);
            return;
        }
        self.run_confirmed(command);
    }

    /// The answer to "Do you want to save changes…?".
    pub fn answer(&mut self, answer: SaveChanges) {
        let Some(command) = self.files.confirm.take() else {
            return;
        };
        match answer {
            SaveChanges::Save => {
                self.files.after_save = Some(command);
                self.save();
            }
            SaveChanges::DontSave if command == AppCommand::Quit => {
                // The user let these changes go: so does their recovery file.
                if let Some(recovery) = self.files.recovery.take() {
                    recovery.remove();
                }
                self.files.may_close = true;
            }
            // The session stays unsaved until something replaces it: an Open that fails or
            // is cancelled leaves it as it was.
            SaveChanges::DontSave => self.run_confirmed(command),
            SaveChanges::Cancel => {}
        }
    }

    fn run_confirmed(&mut self, command: AppCommand) {
        match command {
            AppCommand::New => {
                self.replace_session(LabApp::default_lab());
                self.start_recovery();
            }
            AppCommand::OpenDialog => self.open_dialog(),
            AppCommand::Open(path) => self.open_and_report(&path),
            AppCommand::Save => self.save(),
            AppCommand::SaveAs => self.save_as(),
            AppCommand::SaveScenarioAs => self.save_scenario_as(),
            AppCommand::SaveExerciseAs => self.save_exercise_as(),
            AppCommand::ExportRegistry(seat) => self.export_registry_as(seat),
            AppCommand::FieldCases => self.files.field_cases = Some(0),
            AppCommand::OpenFieldCase(index) => self.open_field_case(index),
            AppCommand::EvidenceDialog => {
                self.files.evidence = Some(super::dialogs::EvidenceDialog::default());
            }
            AppCommand::OpenCase(text) => self.open_case(&text),
            AppCommand::Resume => self.resume(),
            AppCommand::ResetExercise => {
                if let Some(exercise) = self.session.exercise.clone() {
                    self.start_exercise(exercise);
                }
            }
            AppCommand::DiscardLeftBehind => {
                if !self.files.left_behind.is_empty() {
                    self.files.left_behind.remove(0).discard();
                }
            }
            AppCommand::Quit => self.files.may_close = true,
        }
    }

    fn restore_view(&mut self, view: ViewFile) {
        if let Some(c) = self.session.lab().directory().find_computer(&view.computer) {
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
        // The menu stays open while its "Open path" field is clicked and typed into; every
        // item closes it itself.
        let config = egui::containers::menu::MenuConfig::new()
            .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside);
        egui::containers::menu::MenuButton::new("File").config(config).ui(ui, |ui| {
            let mut item = |ui: &mut Ui, button: egui::Button<'_>, command: AppCommand| {
                let response = ui.add(button);
                if response.clicked() {
                    ui.close();
                    commands.push(command);
                }
                response
            };
            item(ui, egui::Button::new("New"), AppCommand::New)
                .on_hover_text("The default lab: contoso, nothing done yet, the seed walkthrough ready to play");
            item(ui, egui::Button::new("Open..."), AppCommand::OpenDialog);
            item(ui, egui::Button::new("Open Exercise..."), AppCommand::OpenDialog)
                .on_hover_text("A trainer's exercise: its tasks in the Exercise tab, checked on the lab whatever path you take");
            item(
                ui,
                egui::Button::new("Open Field Case..."),
                AppCommand::FieldCases,
            )
            .on_hover_text("The documented ways delegation fails in the field, by symptom: each case reproduces the symptom and its fix");
            item(
                ui,
                egui::Button::new("New Case from Evidence..."),
                AppCommand::EvidenceDialog,
            )
            .on_hover_text("The customer's lab from what they sent: Get-CsUser, Get-CsClientPolicy and Get-CsVoicePolicy output, .reg exports, About Lync, SEFAUtil");
            item(
                ui,
                egui::Button::new("Save").shortcut_text("Ctrl+S"),
                AppCommand::Save,
            );
            item(ui, egui::Button::new("Save As..."), AppCommand::SaveAs);
            item(
                ui,
                egui::Button::new("Save as Scenario..."),
                AppCommand::SaveScenarioAs,
            )
            .on_hover_text("What was done up to here as a scenario file: every action followed by the expectation of its outcome, notes and expectations kept");
            item(
                ui,
                egui::Button::new("Save as Exercise..."),
                AppCommand::SaveExerciseAs,
            )
            .on_hover_text("An exercise for students: what you chose with Expect this becomes its goals, what you did its solution");
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
        if self.modal_open() {
            return;
        }
        let save = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
        if ctx.input_mut(|i| i.consume_shortcut(&save)) {
            self.files.commands.push(AppCommand::Save);
        }
    }

    /// Closing the window, by its close button or a signal: ask about unsaved changes first
    /// (a signal cannot be asked: its changes stay in the recovery file for the next start).
    pub(super) fn closing(&mut self, ctx: &egui::Context) {
        if self.files.close_sent {
            return;
        }
        if self.files.terminate.load(Ordering::Relaxed) {
            self.clean_exit();
            self.files.may_close = true;
        } else if ctx.input(|i| i.viewport().close_requested()) && !self.files.may_close {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            // Done with the next frame's commands (this frame's are done).
            self.files.commands.push(AppCommand::Quit);
            ctx.request_repaint();
        }
        if self.files.may_close {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            self.files.close_sent = true;
        }
    }

    /// The window title: the session's name and a * while unsaved.
    pub(super) fn update_title(&mut self, ctx: &egui::Context) {
        let star = if self.files.dirty { " *" } else { "" };
        // Which file the window's session is, as editors show it.
        let title = match &self.files.path {
            Some(path) => format!(
                "{}{star} — {} — Delegate Lab",
                self.session.name,
                path.display()
            ),
            None => format!("{}{star} (not saved) — Delegate Lab", self.session.name),
        };
        if title != self.files.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.files.title = title;
        }
    }
}

/// Where the user said to save.
enum Asked {
    Path(PathBuf),
    Cancelled,
    /// The lab's own dialog is open and will answer.
    InTheLabsDialog,
}

/// What opening a session saved by an earlier version says.
const REBUILT: &str = "This session was saved by an earlier version of Delegate Lab. Its actions were replayed under this version's rules and every one came out as saved, but the lab can differ in details those rules changed (opening or closing a window no longer moves the lab clock). Save the session to keep it in this version's format.";

/// Moves a recovery file left behind to `recovery/damaged/` and says where it is now ("was
/// kept: …", or why it stays where it was).
fn kept_aside(left: &LeftBehind) -> String {
    match left.move_aside() {
        Ok(journal) => format!("was kept: {}", journal.display()),
        Err(e) => format!(
            "could not be moved aside ({e}) and stays: {}",
            left.snapshot.with_extension("journal").display()
        ),
    }
}

/// What the window says after resuming a session whose journal was damaged: each line that
/// was not resumed (at most ten, then how many more) and where the journal was kept.
fn damage_notice(problems: &[String], kept: &str) -> String {
    const SHOWN: usize = 10;
    let mut notice = format!(
        "Resumed. {} of its journal's lines could not be read or did not replay as written; everything else is here:",
        problems.len()
    );
    for problem in problems.iter().take(SHOWN) {
        notice.push_str("\n  ");
        notice.push_str(problem);
    }
    if problems.len() > SHOWN {
        notice.push_str(&format!("\n  … and {} more", problems.len() - SHOWN));
    }
    notice.push('\n');
    notice.push_str(kept);
    notice
}

/// Why the desktop's file dialogs cannot be shown here, if they cannot: `rfd` asks the XDG
/// desktop portal over the session bus, or else zenity; with neither (many Linux desktops, and
/// every machine without a display) it returns as if the user had cancelled.
fn native_dialogs_missing() -> Option<String> {
    if !cfg!(target_os = "linux") {
        return None;
    }
    let env = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    if env("DISPLAY").is_none() && env("WAYLAND_DISPLAY").is_none() {
        return Some("there is no display to show the desktop's file dialog on".into());
    }
    let on_path = |program: &str| {
        std::env::var_os("PATH")
            .is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join(program).is_file()))
    };
    let bus = env("DBUS_SESSION_BUS_ADDRESS").is_some()
        || env("XDG_RUNTIME_DIR").is_some_and(|d| Path::new(&d).join("bus").exists());
    let data_dirs = env("XDG_DATA_DIRS").unwrap_or_else(|| "/usr/local/share:/usr/share".into());
    let portal = std::env::split_paths(&data_dirs).any(|d| {
        d.join("dbus-1/services/org.freedesktop.portal.Desktop.service")
            .is_file()
    });
    if (bus && portal) || on_path("zenity") {
        None
    } else {
        Some(
            "this desktop has no XDG desktop portal and no zenity to show its own file dialog"
                .into(),
        )
    }
}
