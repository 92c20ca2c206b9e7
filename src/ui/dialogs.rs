//! The lab's own dialogs (lab chrome, not mimics): the error notice, "Do you want to save
//! changes…?", the offer to resume what a crash left behind, and the Save As / Open dialog for
//! desktops without one. The questions are modal — nothing behind them can be clicked — with
//! Enter for the default button and Escape to cancel.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use egui::{Color32, Key, RichText, Ui};

use super::app::LabApp;
use super::files::{AppCommand, SaveChanges};
use super::theme;
use super::window::{DialogButton, DialogKey};
use crate::lab::Seat;

/// What the lab's path dialog is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathPurpose {
    SaveAs,
    SaveScenario,
    SaveExercise,
    Open,
    /// Registry Editor's File > Export... of this seat's hive (a `.reg` file).
    ExportRegistry(Seat),
}

impl PathPurpose {
    /// The extension a name typed without one gets, and the desktop dialog's filter.
    pub fn extension(self) -> &'static str {
        match self {
            PathPurpose::SaveAs
            | PathPurpose::SaveScenario
            | PathPurpose::SaveExercise
            | PathPurpose::Open => "ron",
            PathPurpose::ExportRegistry(_) => "reg",
        }
    }
}

/// The lab's own Save As / Open dialog: a folder and a file name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathDialog {
    pub purpose: PathPurpose,
    pub folder: String,
    pub name: String,
    /// Why the desktop's dialog is not used.
    pub why: String,
    /// The file exists: replacing it waits for a yes.
    pub confirm_replace: Option<PathBuf>,
    pub error: Option<String>,
}

impl PathDialog {
    pub fn new(purpose: PathPurpose, folder: Option<&Path>, name: &str, why: String) -> Self {
        let folder = folder
            .map(Path::to_owned)
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_default();
        PathDialog {
            purpose,
            folder: folder.display().to_string(),
            name: name.to_owned(),
            why,
            confirm_replace: None,
            error: None,
        }
    }

    /// The chosen file (the purpose's extension added to a name without one).
    fn path(&self) -> Option<PathBuf> {
        let name = self.name.trim();
        if name.is_empty() {
            return None;
        }
        let mut path = Path::new(self.folder.trim()).join(name);
        if path.extension().is_none() {
            path.set_extension(self.purpose.extension());
        }
        Some(path)
    }
}

/// Open Field Case's buttons.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum OpenCancel {
    Open,
    Cancel,
}

/// New Case from Evidence's buttons.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ImportCancel {
    Import,
    Cancel,
}

impl From<ImportCancel> for DialogButton {
    fn from(button: ImportCancel) -> Self {
        match button {
            ImportCancel::Import => DialogButton::Import,
            ImportCancel::Cancel => DialogButton::Cancel,
        }
    }
}

/// File → New Case from Evidence...: one piece of evidence a row (a file, `COMPUTER=FILE`
/// or `COMPUTER=BUILD`), and what could not be read, a line each.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvidenceDialog {
    pub rows: Vec<String>,
    pub problems: Vec<String>,
}

impl Default for EvidenceDialog {
    fn default() -> Self {
        EvidenceDialog {
            rows: vec![String::new()],
            problems: Vec::new(),
        }
    }
}

/// The offer to resume: Resume, or Discard (which takes a click: no key throws recovered
/// work away).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ResumeDiscard {
    Resume,
    Discard,
}

/// Confirm Save As: replace the file?
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum YesNo {
    Yes,
    No,
}

/// The path dialog's buttons: Save or Open (by its purpose), and Cancel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PathButton {
    Save,
    Open,
    Cancel,
}

impl From<OpenCancel> for DialogButton {
    fn from(button: OpenCancel) -> Self {
        match button {
            OpenCancel::Open => DialogButton::Open,
            OpenCancel::Cancel => DialogButton::Cancel,
        }
    }
}

impl From<ResumeDiscard> for DialogButton {
    fn from(button: ResumeDiscard) -> Self {
        match button {
            ResumeDiscard::Resume => DialogButton::Resume,
            ResumeDiscard::Discard => DialogButton::Discard,
        }
    }
}

impl From<YesNo> for DialogButton {
    fn from(button: YesNo) -> Self {
        match button {
            YesNo::Yes => DialogButton::Yes,
            YesNo::No => DialogButton::No,
        }
    }
}

impl From<PathButton> for DialogButton {
    fn from(button: PathButton) -> Self {
        match button {
            PathButton::Save => DialogButton::Save,
            PathButton::Open => DialogButton::Open,
            PathButton::Cancel => DialogButton::Cancel,
        }
    }
}

impl From<SaveChanges> for DialogButton {
    fn from(answer: SaveChanges) -> Self {
        match answer {
            SaveChanges::Save => DialogButton::Save,
            SaveChanges::DontSave => DialogButton::DontSave,
            SaveChanges::Cancel => DialogButton::Cancel,
        }
    }
}

/// A modal question: title, text, buttons; returns the button clicked, or pressed by its key
/// (Enter the default, the first; Escape the one that backs out, if it has one). As in
/// Windows, a click beside it does not answer it.
fn question<B: Copy + Into<DialogButton>>(
    ctx: &egui::Context,
    id: &str,
    title: &str,
    body: impl FnOnce(&mut Ui),
    buttons: &[B],
) -> Option<B> {
    let mut choice = None;
    egui::Modal::new(egui::Id::unique(id)).show(ctx, |ui| {
        ui.set_max_width(520.0);
        ui.label(RichText::new(title).font(theme::semibold_font(15.0)));
        ui.add_space(6.0);
        body(ui);
        ui.add_space(10.0);
        ui.horizontal(|ui| {
            for &b in buttons {
                let button = ui.button(b.into().label());
                if b.into().key() == Some(DialogKey::Enter)
                    && !ui.ctx().memory(|m| m.focused().is_some())
                {
                    button.request_focus();
                }
                if button.clicked() {
                    choice = Some(b);
                }
            }
        });
    });
    // A key is taken from the input only by a dialog with a button for it.
    let with = |key| {
        buttons
            .iter()
            .copied()
            .find(|b| (*b).into().key() == Some(key))
    };
    let consume = |key| ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, key));
    if choice.is_none() {
        if let Some(default) = with(DialogKey::Enter)
            && consume(Key::Enter)
        {
            choice = Some(default);
        } else if let Some(back) = with(DialogKey::Escape)
            && consume(Key::Escape)
        {
            choice = Some(back);
        }
    }
    choice
}

impl LabApp {
    /// A modal question or dialog is up: nothing else takes input.
    pub(super) fn modal_open(&self) -> bool {
        self.files.confirm.is_some()
            || self.files.path_dialog.is_some()
            || self.files.field_cases.is_some()
            || self.files.evidence.is_some()
            || !self.files.left_behind.is_empty()
    }

    /// The error notice and whichever question is open.
    pub(super) fn notices(&mut self, ctx: &egui::Context) {
        if let Some(error) = self.files.error.clone()
            && notice_window(
                ctx,
                "lab-error",
                &error,
                Some(ERROR_RED),
                DialogButton::Dismiss,
            )
        {
            self.files.error = None;
        }
        if let Some(notice) = self.files.notice.clone()
            && notice_window(ctx, "lab-notice", &notice, None, DialogButton::Ok)
        {
            self.files.notice = None;
        }
        if self.files.confirm.is_some() {
            self.save_changes_question(ctx);
        } else if self.files.path_dialog.is_some() {
            self.path_dialog(ctx);
        } else if self.files.field_cases.is_some() {
            self.field_case_picker(ctx);
        } else if self.files.evidence.is_some() {
            self.evidence_dialog(ctx);
        } else if !self.files.left_behind.is_empty() {
            self.resume_question(ctx);
        }
    }

    /// File → Open Field Case...: the catalogue by symptom, with where each is documented.
    /// Double-click or Open opens the selected case; Up and Down move the selection.
    fn field_case_picker(&mut self, ctx: &egui::Context) {
        use crate::field::CASES;
        let mut selected = self.files.field_cases.unwrap_or(0).min(CASES.len() - 1);
        // Every press counts, however many arrive in one frame.
        let down =
            ctx.input_mut(|i| i.count_and_consume_key(egui::Modifiers::NONE, Key::ArrowDown));
        let up = ctx.input_mut(|i| i.count_and_consume_key(egui::Modifiers::NONE, Key::ArrowUp));
        selected = (selected + down).saturating_sub(up).min(CASES.len() - 1);
        let mut open_now = false;
        let choice = question(
            ctx,
            "field-cases",
            "Open Field Case",
            |ui| {
                ui.set_min_width(640.0);
                ui.label("What does the customer report? Each case reproduces the symptom, shows why in the event log and the inspector, and applies the documented fix.");
                ui.add_space(6.0);
                egui::Frame::new()
                    .stroke(egui::Stroke::new(1.0, theme::BORDER))
                    .show(ui, |ui| {
                        ui.spacing_mut().item_spacing.y = 0.0;
                        for (i, case) in CASES.iter().enumerate() {
                            let (rect, row) = super::window::list_row(
                                ui,
                                40.0,
                                egui::Role::ListItem,
                                case.symptom,
                                i == selected,
                            );
                            let painter = ui.painter();
                            painter.text(
                                rect.left_top() + egui::vec2(8.0, 4.0),
                                egui::Align2::LEFT_TOP,
                                case.symptom,
                                theme::font(13.0),
                                theme::TEXT,
                            );
                            ui.painter_at(rect).text(
                                rect.left_top() + egui::vec2(8.0, 22.0),
                                egui::Align2::LEFT_TOP,
                                case.source,
                                theme::font(11.0),
                                theme::SUBTLE_TEXT,
                            );
                            let row = row.on_hover_text(crate::field::path_of(case));
                            if row.clicked() {
                                selected = i;
                            }
                            if row.double_clicked() {
                                selected = i;
                                open_now = true;
                            }
                        }
                    });
            },
            &[OpenCancel::Open, OpenCancel::Cancel],
        );
        self.files.field_cases = Some(selected);
        let open = match choice {
            Some(OpenCancel::Open) => true,
            Some(OpenCancel::Cancel) => {
                self.files.field_cases = None;
                false
            }
            None => open_now,
        };
        if open {
            self.files.field_cases = None;
            self.files
                .commands
                .push(AppCommand::OpenFieldCase(selected));
        }
    }

    /// File → New Case from Evidence...: Import reads every row (`crate::evidence`); what
    /// cannot be read is listed, a line each, and the dialog stays; else the case opens as a
    /// new session (asking first about unsaved work).
    fn evidence_dialog(&mut self, ctx: &egui::Context) {
        let Some(mut dialog) = self.files.evidence.take() else {
            return;
        };
        let choice = question(
            ctx,
            "evidence",
            "New Case from Evidence",
            |ui| {
                ui.set_min_width(560.0);
                ui.label("What the customer sent, one piece a row: Get-CsUser, Get-CsClientPolicy or Get-CsVoicePolicy output (a text file), SEFAUtil's printout; a .reg export or an About Lync text as COMPUTER=FILE; a Lync build as COMPUTER=15.0.x.y.");
                ui.add_space(6.0);
                let mut remove = None;
                let mut edited = false;
                let rows = dialog.rows.len();
                for (i, row) in dialog.rows.iter_mut().enumerate() {
                    ui.horizontal(|ui| {
                        let field = ui.add(
                            egui::TextEdit::singleline(row)
                                .desired_width(440.0)
                                .hint_text(
                                    "users.txt, USER21-PC=hkcu.reg, USER21-PC=15.0.4569.1503",
                                ),
                        );
                        // Focus lands in the first field when the dialog opens.
                        if i == 0 && !ui.ctx().memory(|m| m.focused().is_some()) {
                            field.request_focus();
                        }
                        edited |= field.changed();
                        if rows > 1 && ui.button("Remove").clicked() {
                            remove = Some(i);
                        }
                    });
                }
                if let Some(i) = remove {
                    dialog.rows.remove(i);
                }
                // What could not be read was of the rows as they were.
                if edited || remove.is_some() {
                    dialog.problems.clear();
                }
                if ui.button("Add evidence").clicked() {
                    dialog.rows.push(String::new());
                }
                for problem in &dialog.problems {
                    ui.label(RichText::new(problem).color(ERROR_RED));
                }
            },
            &[ImportCancel::Import, ImportCancel::Cancel],
        );
        match choice {
            Some(ImportCancel::Cancel) => return,
            Some(ImportCancel::Import) => {
                let inputs: Vec<crate::evidence::Input> = dialog
                    .rows
                    .iter()
                    .map(|r| r.trim())
                    .filter(|r| !r.is_empty())
                    .map(crate::evidence::Input::parse)
                    .collect();
                if inputs.is_empty() {
                    dialog.problems = vec!["Give at least one piece of evidence.".into()];
                } else {
                    match crate::evidence::import(&inputs) {
                        Ok(case) => {
                            // The dialog stays until the case replaces the session (which
                            // asks first about unsaved work: Cancel there comes back here).
                            let title = format!("Case from {}", inputs[0].label());
                            self.files
                                .commands
                                .push(AppCommand::OpenCase(case.text(&title)));
                            dialog.problems.clear();
                        }
                        Err(problems) => {
                            dialog.problems = problems.iter().map(ToString::to_string).collect();
                        }
                    }
                }
            }
            None => {}
        }
        self.files.evidence = Some(dialog);
    }

    fn save_changes_question(&mut self, ctx: &egui::Context) {
        let name = self.session.name.clone();
        let choice = question(
            ctx,
            "save-changes",
            "Delegate Lab",
            |ui| {
                ui.label(format!("Do you want to save changes to {name}?"));
            },
            &[
                SaveChanges::Save,
                SaveChanges::DontSave,
                SaveChanges::Cancel,
            ],
        );
        if let Some(answer) = choice {
            self.answer(answer);
        }
    }

    fn resume_question(&mut self, ctx: &egui::Context) {
        let left = &self.files.left_behind[0];
        let more = self.files.left_behind.len() - 1;
        let name = left.name.clone();
        let file = match (&left.file, left.file_known) {
            (Some(file), _) => format!("Its file: {}", file.display()),
            (None, true) => "It had not been saved to a file.".to_owned(),
            (None, false) => {
                "Its file is not known (the journal does not say: it is damaged).".to_owned()
            }
        };
        let changed = format!("Last changed {}.", utc(left.changed));
        let damage = match left.damage.len() {
            0 => None,
            n => Some(format!(
                "Its journal is damaged: {n} line{} cannot be read. Resume keeps everything else and lists what is missing; the journal is kept, in recovery/damaged/.",
                if n == 1 { "" } else { "s" }
            )),
        };
        let recovery = left.snapshot.display().to_string();
        let choice = question(
            ctx,
            "resume",
            "Resume?",
            |ui| {
                ui.label(format!(
                    "Delegate Lab did not close cleanly while the session \u{201c}{name}\u{201d} had unsaved changes."
                ));
                ui.label(file);
                ui.label(changed);
                if let Some(damage) = damage {
                    ui.label(RichText::new(damage).color(ERROR_RED));
                }
                ui.label(
                    RichText::new(format!("Recovery file: {recovery}"))
                        .small()
                        .color(theme::SUBTLE_TEXT),
                );
                if more > 0 {
                    ui.label(format!("{more} more left behind after this one."));
                }
            },
            // Escape must not throw recovered work away: Discard is a click.
            &[ResumeDiscard::Resume, ResumeDiscard::Discard],
        );
        match choice {
            Some(ResumeDiscard::Resume) => self.files.commands.push(AppCommand::Resume),
            Some(ResumeDiscard::Discard) => self.files.commands.push(AppCommand::DiscardLeftBehind),
            None => {}
        }
    }

    fn path_dialog(&mut self, ctx: &egui::Context) {
        let Some(mut dialog) = self.files.path_dialog.take() else {
            return;
        };
        let title = match dialog.purpose {
            PathPurpose::SaveAs => "Save As",
            PathPurpose::SaveScenario => "Save as Scenario",
            PathPurpose::SaveExercise => "Save as Exercise",
            PathPurpose::Open => "Open",
            PathPurpose::ExportRegistry(_) => "Export Registry File",
        };
        if let Some(existing) = dialog.confirm_replace.clone() {
            let choice = question(
                ctx,
                "confirm-replace",
                "Confirm Save As",
                |ui| {
                    ui.label(format!(
                        "{} already exists.\nDo you want to replace it?",
                        existing.display()
                    ));
                },
                &[YesNo::Yes, YesNo::No],
            );
            match choice {
                Some(YesNo::Yes) => {
                    match dialog.purpose {
                        PathPurpose::SaveScenario => self.export_and_report(&existing),
                        PathPurpose::SaveExercise => self.write_exercise_and_report(&existing),
                        PathPurpose::ExportRegistry(seat) => {
                            self.export_registry_and_report(seat, &existing)
                        }
                        PathPurpose::SaveAs | PathPurpose::Open => {
                            self.save_then_continue(&existing)
                        }
                    }
                    return;
                }
                Some(YesNo::No) => dialog.confirm_replace = None,
                None => {}
            }
            self.files.path_dialog = Some(dialog);
            return;
        }
        let mut done = None;
        let choice = question(
            ctx,
            "path-dialog",
            title,
            |ui| {
                ui.label(
                    RichText::new(format!(
                        "The desktop's file dialog is not available: {}.",
                        dialog.why
                    ))
                    .small()
                    .color(theme::SUBTLE_TEXT),
                );
                egui::Grid::new("path-dialog-fields")
                    .num_columns(2)
                    .show(ui, |ui| {
                        let label = ui.label("Folder:");
                        ui.add(egui::TextEdit::singleline(&mut dialog.folder).desired_width(380.0))
                            .labelled_by(label.id);
                        ui.end_row();
                        let label = ui.label("File name:");
                        let name = ui
                            .add(egui::TextEdit::singleline(&mut dialog.name).desired_width(380.0))
                            .labelled_by(label.id);
                        if !name.has_focus() && ui.ctx().memory(|m| m.focused().is_none()) {
                            name.request_focus();
                        }
                        ui.end_row();
                    });
                if let Some(error) = &dialog.error {
                    ui.colored_label(Color32::from_rgb(0xC0, 0x10, 0x20), error);
                }
            },
            &[
                match dialog.purpose {
                    PathPurpose::SaveAs
                    | PathPurpose::SaveScenario
                    | PathPurpose::SaveExercise
                    | PathPurpose::ExportRegistry(_) => PathButton::Save,
                    PathPurpose::Open => PathButton::Open,
                },
                PathButton::Cancel,
            ],
        );
        match choice {
            Some(PathButton::Cancel) => {
                self.files.after_save = None;
                return;
            }
            Some(PathButton::Save | PathButton::Open) => match dialog.path() {
                None => dialog.error = Some("Type a file name.".into()),
                Some(path) => done = Some(path),
            },
            None => {}
        }
        match (done, dialog.purpose) {
            (Some(path), PathPurpose::SaveAs) if path.exists() => {
                match crate::session::may_replace_with_session(&path) {
                    Ok(()) => dialog.confirm_replace = Some(path),
                    Err(why) => dialog.error = Some(why),
                }
                self.files.path_dialog = Some(dialog);
            }
            (Some(path), PathPurpose::SaveAs) => self.save_then_continue(&path),
            (Some(path), PathPurpose::SaveScenario) if path.exists() => {
                match crate::session::may_replace_with_scenario(&path) {
                    Ok(()) => dialog.confirm_replace = Some(path),
                    Err(why) => dialog.error = Some(why),
                }
                self.files.path_dialog = Some(dialog);
            }
            (Some(path), PathPurpose::SaveScenario) => self.export_and_report(&path),
            (Some(path), PathPurpose::SaveExercise) if path.exists() => {
                match crate::session::may_replace_with_exercise(&path) {
                    Ok(()) => dialog.confirm_replace = Some(path),
                    Err(why) => dialog.error = Some(why),
                }
                self.files.path_dialog = Some(dialog);
            }
            (Some(path), PathPurpose::SaveExercise) => self.write_exercise_and_report(&path),
            (Some(path), PathPurpose::ExportRegistry(_)) if path.exists() => {
                match crate::session::may_replace_with_registry_file(&path) {
                    Ok(()) => dialog.confirm_replace = Some(path),
                    Err(why) => dialog.error = Some(why),
                }
                self.files.path_dialog = Some(dialog);
            }
            (Some(path), PathPurpose::ExportRegistry(seat)) => {
                self.export_registry_and_report(seat, &path)
            }
            (Some(path), PathPurpose::Open) => self.files.commands.push(AppCommand::Open(path)),
            (None, _) => self.files.path_dialog = Some(dialog),
        }
    }
}

pub(super) const ERROR_RED: Color32 = Color32::from_rgb(0xC0, 0x10, 0x20);

/// A notice at the top of the lab (not modal: the lab goes on behind it); true when its
/// button was clicked.
fn notice_window(
    ctx: &egui::Context,
    id: &str,
    text: &str,
    color: Option<Color32>,
    button: DialogButton,
) -> bool {
    let mut clicked = false;
    // In front of the lab's desktop windows, which must not hide it.
    egui::Window::new("Delegate Lab")
        .id(egui::Id::unique(id))
        .order(egui::Order::Foreground)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 60.0))
        .show(ctx, |ui| {
            ui.set_max_width(560.0);
            match color {
                Some(color) => ui.colored_label(color, text),
                None => ui.label(text),
            };
            clicked = ui.button(button.label()).clicked();
        });
    clicked
}

/// A time as "2026-11-30 02:31 UTC" (a file's time, shown to the user; never in the lab).
pub fn utc(time: SystemTime) -> String {
    let secs = time
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let (days, rest) = (secs / 86_400, secs % 86_400);
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02} UTC",
        rest / 3600,
        rest % 3600 / 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_times_read_as_dates() {
        let at = |secs| utc(SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(secs));
        assert_eq!(at(0), "1970-01-01 00:00 UTC");
        assert_eq!(at(951_782_400), "2000-02-29 00:00 UTC");
        assert_eq!(at(1_795_919_460), "2026-11-29 02:31 UTC");
    }
}
