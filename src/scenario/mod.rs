//! Scenario files (SPEC section S): reading them with positions for every error, and running
//! them with expectations.

pub mod locate;
mod mark;
mod plain;
mod run;
mod step;
pub mod write;

use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::lab::directory::{Directory, LabSpec};
use crate::lab::lync_server::GROUP_NAMES;
use crate::lab::registry::DelegatorListValue;
use crate::lab::windows::Names;
use crate::lab::{NameKind, NameRef, WindowClass, WindowName};

pub use mark::StepMark;
pub use run::{Check, Run, Stage, StepResult, StepResultKind, check, run, run_each, run_step};
pub use step::{Capture, CaptureSize, Expectation, Narration, Step};

/// A scenario: an optional lab (the default contoso lab when left out) and its steps.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Scenario")]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lab: Option<LabSpec>,
    #[serde(deserialize_with = "at_most_max_steps")]
    pub steps: Vec<Step>,
}

impl Scenario {
    pub fn lab_spec(&self) -> LabSpec {
        self.lab.clone().unwrap_or_else(LabSpec::contoso)
    }
}

/// Every file the lab reads — scenario or session, from any command or the window — is
/// refused over this size, and the lab writes none larger: a session or a scenario that
/// would be is refused before it is written, saying why. (A scenario is a few kilobytes; a
/// session of a million actions is about 100 MB.)
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// The most steps a scenario may have, and the most entries a session's timeline, or one
/// of its branches, may hold: two million — a session of a million actions exported as a
/// scenario, each action with its expectation. Checked while the file is read, with the line
/// and column where a list goes past it, before its steps fill memory; the lab writes no
/// list longer.
pub const MAX_STEPS: usize = 2_000_000;

/// A list of steps or entries, refused as it is read once it has more than [`MAX_STEPS`].
pub(crate) fn at_most_max_steps<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    at_most(deserializer, MAX_STEPS)
}

/// A list of at most `most` elements (more is refused where it goes past).
pub(crate) fn at_most<'de, D, T>(deserializer: D, most: usize) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct AtMost<T> {
        most: usize,
        element: std::marker::PhantomData<T>,
    }
    impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for AtMost<T> {
        type Value = Vec<T>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a sequence")
        }

        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut items = Vec::new();
            while let Some(item) = seq.next_element()? {
                if items.len() == self.most {
                    return Err(serde::de::Error::custom(format!(
                        "this list has more than {} entries, the most a file may hold, from the one that ends here on (the lab refuses it rather than run out of memory)",
                        self.most
                    )));
                }
                items.push(item);
            }
            Ok(items)
        }
    }
    deserializer.deserialize_seq(AtMost {
        most,
        element: std::marker::PhantomData,
    })
}

/// Why a scenario file was refused.
#[derive(Debug, thiserror::Error)]
pub enum ScenarioError {
    #[error("cannot read the file ({source}): {path}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the file is larger than the limit of {} MB: {path}", limit / (1024 * 1024))]
    TooLarge { limit: u64, path: PathBuf },
    #[error("{what}, not a file: {path}")]
    NotAFile { what: &'static str, path: PathBuf },
    #[error(
        "the file is not UTF-8 text: invalid byte at line {line}, column {column} (byte offset {offset}) in {path}"
    )]
    NotText {
        offset: usize,
        line: usize,
        column: usize,
        path: PathBuf,
    },
    #[error("{message} at line {line}, column {column}{}", in_path(path))]
    Invalid {
        line: usize,
        column: usize,
        message: String,
        path: Option<PathBuf>,
    },
}

fn in_path(path: &Option<PathBuf>) -> String {
    path.as_ref()
        .map(|p| format!(" in {}", p.display()))
        .unwrap_or_default()
}

/// `text` cut after `max` characters (marked with "…"), so a megabyte-long value makes a
/// one-line message.
pub(crate) fn cut(text: &str, max: usize) -> (&str, &'static str) {
    match text.char_indices().nth(max) {
        Some((end, _)) => (&text[..end], "…"),
        None => (text, ""),
    }
}

/// A value as an error message quotes it: cut after 60 characters.
pub(crate) fn quoted(value: &str) -> String {
    let (value, more) = cut(value, 60);
    format!("{value:?}{more}")
}

impl ScenarioError {
    /// A RON syntax or type error, where it happened, in words for people.
    pub(crate) fn from_ron(e: &ron::error::SpannedError) -> Self {
        let message = match &e.code {
            ron::Error::ExceededRecursionLimit => "the file is nested too deeply".to_owned(),
            other => {
                let text = other.to_string();
                let (text, more) = cut(&text, 200);
                format!("{text}{more}")
            }
        };
        ScenarioError::at(e.span.start.line, e.span.start.col, message)
    }

    pub(crate) fn at(line: usize, column: usize, message: impl Into<String>) -> Self {
        ScenarioError::Invalid {
            line,
            column,
            message: message.into(),
            path: None,
        }
    }

    pub(crate) fn with_path(self, file: &Path) -> Self {
        match self {
            ScenarioError::Invalid {
                line,
                column,
                message,
                ..
            } => ScenarioError::Invalid {
                line,
                column,
                message,
                path: Some(file.to_owned()),
            },
            other => other,
        }
    }

    /// (line, column) for errors inside the file.
    pub fn position(&self) -> Option<(usize, usize)> {
        match self {
            ScenarioError::Invalid { line, column, .. } => Some((*line, *column)),
            _ => None,
        }
    }
}

/// Reads and validates a scenario file.
pub fn load(path: &Path) -> Result<Scenario, ScenarioError> {
    let text = read_text(path)?;
    parse(&text).map_err(|e| e.with_path(path))
}

/// Reads a file's text: only a regular file (a FIFO or a device would hang the reader or never
/// end), at most [`MAX_FILE_BYTES`] of it however large it says it is (one that says it is
/// larger is refused unread), UTF-8, with a leading byte-order mark dropped.
pub(crate) fn read_text(path: &Path) -> Result<String, ScenarioError> {
    let mut bytes = read_regular(path, MAX_FILE_BYTES)?;
    if bytes.starts_with("\u{feff}".as_bytes()) {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let (line, column) = line_and_column(e.as_bytes(), offset);
        ScenarioError::NotText {
            path: path.to_owned(),
            offset,
            line,
            column,
        }
    })
}

/// The 1-based line and column (in characters) of the byte at `offset` of `bytes`, which are
/// UTF-8 before it.
fn line_and_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

/// The name of the struct the RON file at `path` holds (`Scenario`, `Session`, `Exercise`),
/// read from its first 64 KB only (never the whole of a large session); None when it is not a
/// regular file, cannot be read, or names none there.
pub fn file_kind(path: &Path) -> Option<String> {
    use std::io::Read as _;
    const START: u64 = 64 * 1024;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = options.open(path).ok()?;
    if !file.metadata().ok()?.is_file() {
        return None;
    }
    let mut bytes = Vec::new();
    file.take(START).read_to_end(&mut bytes).ok()?;
    // A prefix may end inside a character: what is valid before it is what counts.
    let text = match std::str::from_utf8(&bytes) {
        Ok(text) => text,
        Err(e) => std::str::from_utf8(&bytes[..e.valid_up_to()]).ok()?,
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    locate::first_ident(text)
}

/// The bytes of the regular file at `path`, at most `limit` of them however large it says it
/// is. Anything else is refused without being read: a FIFO (opened without waiting for a
/// writer), a device (`/dev/zero` through a symlink), a directory.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, ScenarioError> {
    use std::io::Read as _;
    let read = |source| ScenarioError::Read {
        path: path.to_owned(),
        source,
    };
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    // Opening a FIFO for reading would wait for a writer: don't.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = options.open(path).map_err(read)?;
    let meta = file.metadata().map_err(read)?;
    let kind = meta.file_type();
    if !kind.is_file() {
        return Err(ScenarioError::NotAFile {
            what: file_type_name(kind),
            path: path.to_owned(),
        });
    }
    let too_large = || ScenarioError::TooLarge {
        limit,
        path: path.to_owned(),
    };
    if meta.len() > limit {
        return Err(too_large());
    }
    // Read into one piece of the size the file says it has (a vector grown as it goes needs
    // up to half as much again while it moves), and no more than the limit whatever it says.
    let size = usize::try_from(meta.len()).unwrap_or(0);
    let mut bytes = Vec::with_capacity(size.saturating_add(1));
    file.take(limit + 1).read_to_end(&mut bytes).map_err(read)?;
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(bytes)
}

fn file_type_name(kind: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if kind.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() {
        "a directory"
    } else {
        "something other than a regular file"
    }
}

/// Parses and validates scenario text: malformed RON, unknown verbs and fields, and names of
/// users, computers, groups and registry values that do not exist are refused with the line
/// and column of the offending text.
pub fn parse(source: &str) -> Result<Scenario, ScenarioError> {
    let scenario: Scenario = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(source)
        .map_err(|e| ScenarioError::from_ron(&e))?;
    validate(&scenario, source)?;
    Ok(scenario)
}

fn validate(scenario: &Scenario, source: &str) -> Result<(), ScenarioError> {
    check_names(
        &scenario.lab_spec(),
        scenario.steps.iter().enumerate(),
        source,
        StepList::STEPS,
        "step",
    )?;
    check_capture_files(scenario, source)?;
    check_capture_sizes(scenario, source)?;
    check_capture_highlights(scenario, source)
}

/// A highlight names a widget by its label: an empty one names none (many widgets have no
/// label), refused with where `highlight` is written.
fn check_capture_highlights(scenario: &Scenario, source: &str) -> Result<(), ScenarioError> {
    for (i, step) in scenario.steps.iter().enumerate() {
        if let Step::Capture(Capture::Capture {
            name, highlight, ..
        }) = step
            && let Some(k) = highlight.iter().position(|h| h.trim().is_empty())
        {
            let (line, column) = locate::RonIndex::new(source)
                .list_item_field_name("steps", i, "highlight")
                .unwrap_or((1, 1));
            let message = format!(
                "capture {} has an empty highlight (number {} of its list) in step {}: a highlight names a widget by its label",
                quoted(name),
                k + 1,
                i + 1
            );
            return Err(ScenarioError::at(line, column, message));
        }
    }
    Ok(())
}

/// A capture may not ask for a size no window can be drawn at (NaN, not more than 0, larger
/// than the desktop): refused with where `size` is written.
fn check_capture_sizes(scenario: &Scenario, source: &str) -> Result<(), ScenarioError> {
    for (i, step) in scenario.steps.iter().enumerate() {
        if let Step::Capture(Capture::Capture {
            name,
            size: Some(size),
            ..
        }) = step
            && let Some(problem) = size.problem()
        {
            let (line, column) = locate::RonIndex::new(source)
                .list_item_field_name("steps", i, "size")
                .unwrap_or((1, 1));
            let message = format!(
                "capture {} asks for {problem} in step {}",
                quoted(name),
                i + 1
            );
            return Err(ScenarioError::at(line, column, message));
        }
    }
    Ok(())
}

/// The PNG file a capture is written to (by `shots`): its name made safe as a file name.
pub fn capture_file_name(name: &str) -> String {
    format!("{}.png", file_stem(name, "capture"))
}

/// A file name stem from any name (a session's, a capture's): letters and digits of any
/// script and '_' (every other run of characters becomes one '-'), so no name can reach
/// outside its directory or hide itself; `fallback` when nothing is left.
pub fn file_stem(name: &str, fallback: &str) -> String {
    let mut stem = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_alphanumeric() || c == '_' {
            stem.push(c);
        } else if !stem.ends_with('-') {
            stem.push('-');
        }
    }
    let stem = stem.trim_matches('-');
    if stem.is_empty() {
        fallback.to_owned()
    } else {
        stem.to_owned()
    }
}

/// Two captures may not be written to the same file.
fn check_capture_files(scenario: &Scenario, source: &str) -> Result<(), ScenarioError> {
    let mut seen: std::collections::BTreeMap<String, (usize, &str)> = Default::default();
    for (i, step) in scenario.steps.iter().enumerate() {
        let Step::Capture(Capture::Capture { name, .. }) = step else {
            continue;
        };
        let file = capture_file_name(name);
        if let Some(&(first, first_name)) = seen.get(&file) {
            let index = locate::RonIndex::new(source);
            let at = |i: usize, name: &str| {
                index
                    .list_item_field("steps", i, "name", name)
                    .unwrap_or((1, 1))
            };
            let (line, column) = at(i, name);
            let (first_line, _) = at(first, first_name);
            return Err(ScenarioError::at(
                line,
                column,
                format!(
                    "the captures {} (step {}, line {first_line}) and {} (step {}) would both be written to {file}",
                    quoted(first_name),
                    first + 1,
                    quoted(name),
                    i + 1
                ),
            ));
        }
        seen.insert(file, (i, name));
    }
    Ok(())
}

/// Checks the lab description and every name the given steps use; each step comes with its
/// 0-based place in `list`, the RON field holding them (`steps` in a scenario, `actions` in a
/// session), and `noun` is what one is called.
pub(crate) fn check_names<'a>(
    spec: &LabSpec,
    steps: impl IntoIterator<Item = (usize, &'a Step)>,
    source: &str,
    list: StepList,
    noun: &str,
) -> Result<(), ScenarioError> {
    // The index of positions is built only when there is something to point at.
    let index = || locate::RonIndex::new(source);
    if let Some(problem) = spec.problems().into_iter().next() {
        let (line, column) = index()
            .lab_field(problem.field, &problem.value, problem.duplicate)
            .unwrap_or((1, 1));
        return Err(ScenarioError::at(
            line,
            column,
            format!("in the lab: {}", problem.message),
        ));
    }
    let dir = Directory::new(spec);
    for (i, step) in steps {
        for name in step.names() {
            let Some((problem, kind)) = unknown_name(&dir, &name) else {
                continue;
            };
            let n = i + 1;
            let field = name.field;
            let message = match name.kind {
                NameKind::User | NameKind::Computer => {
                    format!(
                        "{problem} in `{field}` of {noun} {n} ({})",
                        known(&dir, kind)
                    )
                }
                NameKind::Group | NameKind::RegistryValue | NameKind::Window => {
                    format!("{problem} in {noun} {n} ({})", known(&dir, kind))
                }
            };
            let (line, column) = list
                .item_field(&index(), i, name.field, name.value)
                .unwrap_or((1, 1));
            return Err(ScenarioError::at(line, column, message));
        }
        // What a scenario may not ask for even with names that exist (a saved session keeps
        // what was refused by hand, so only scenarios are held to this).
        if !list.holds_what_was_done()
            && let Some((field, value, problem)) = value_problem(&dir, step)
        {
            let (line, column) = list
                .item_field(&index(), i, field, &value)
                .unwrap_or((1, 1));
            return Err(ScenarioError::at(
                line,
                column,
                format!("{problem} in {noun} {}", i + 1),
            ));
        }
    }
    Ok(())
}

/// Where the steps [`check_names`] checks are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum StepList {
    /// A top-level list: a scenario's `steps`, a session's `timeline`, an exercise's `setup`.
    Top(&'static str),
    /// The list field `field` of item `outer` (0-based) of the top-level list `list`: a
    /// session's branch's `entries`, an exercise's task's `goals` or `solve`.
    Nested(&'static str, usize, &'static str),
}

impl StepList {
    /// A scenario's steps.
    pub const STEPS: StepList = StepList::Top("steps");
    /// A session's timeline.
    pub const TIMELINE: StepList = StepList::Top("timeline");

    /// A session's branch `b` (0-based).
    pub fn branch(b: usize) -> StepList {
        StepList::Nested("branches", b, "entries")
    }

    /// Whether it holds what was done (a session's timeline and branches), where actions
    /// refused by hand are kept, rather than steps a file asks for.
    fn holds_what_was_done(self) -> bool {
        self == StepList::TIMELINE || matches!(self, StepList::Nested("branches", _, _))
    }

    /// Where item `i` writes `field: "value"`, or where it starts.
    fn item_field(
        self,
        index: &locate::RonIndex,
        i: usize,
        field: &str,
        value: &str,
    ) -> Option<(usize, usize)> {
        match self {
            StepList::Top(list) => index.list_item_field(list, i, field, value),
            StepList::Nested(list, outer, inner) => {
                index.nested_list_item_field((list, outer, inner, i), field, value)
            }
        }
    }
}

/// A value a step may not have: a security group acting (B15), a Lync build that is not one
/// (B13), a ClearFault for the stuck sync (B10: it has no ClearFault). The field, its value
/// as written, and what is wrong.
fn value_problem(dir: &Directory, step: &Step) -> Option<(&'static str, String, String)> {
    use crate::lab::{Action, Fault};
    let Step::Action(action) = step else {
        return None;
    };
    if let Some((user, _)) = action.seat()
        && let Some(ix) = dir.find_user(user)
        && dir.is_group(ix)
    {
        return Some((
            "user",
            user.to_owned(),
            format!(
                "{} is a security group, not a person: it cannot act (B15)",
                quoted(user)
            ),
        ));
    }
    if let Action::InstallLync { build, .. } = action
        && !crate::lab::install::Build(build.trim().to_owned()).is_valid()
    {
        return Some((
            "build",
            build.clone(),
            format!(
                "{} is not a Lync 2013 build (15.0.x.y, such as {})",
                quoted(build),
                crate::lab::install::FIXED_BUILD
            ),
        ));
    }
    if let Action::ClearFault(Fault::StuckSync { user, .. }) = action {
        return Some((
            "user",
            user.to_string(),
            "the stuck sync has no ClearFault: it clears only through its workaround (delete the delegator's Lync profile, reboot) (B10)".into(),
        ));
    }
    None
}

/// What is wrong with a name ("unknown user \"ghost\"") and which names to list instead, or
/// None when it names something.
/// Whether every name one step uses exists in the lab, or the first that does not, with the
/// names that do (a step typed outside a file: `diagnose --symptom`, the Diagnose panel).
pub fn check_step_names(dir: &Directory, step: &Step) -> Result<(), String> {
    match step.names().iter().find_map(|name| unknown_name(dir, name)) {
        Some((problem, kind)) => Err(format!("{problem} ({})", known(dir, kind))),
        None => Ok(()),
    }
}

fn unknown_name(dir: &Directory, name: &NameRef<'_>) -> Option<(String, NameKind)> {
    let value = name.value;
    let known = match name.kind {
        NameKind::User => dir.find_user(value).is_some(),
        NameKind::Computer => dir.find_computer(value).is_some(),
        NameKind::Group => GROUP_NAMES
            .iter()
            .any(|g| g.eq_ignore_ascii_case(value.trim())),
        NameKind::RegistryValue => DelegatorListValue::from_name(value).is_some(),
        NameKind::Window => {
            let window = WindowName::new(value);
            // "Delegate Permissions: <Name>", "Calendar - <address> - Outlook" and "Call for
            // <Name>" name a user (the table of windows says which titles do).
            let names_user = matches!(
                window.class().and_then(WindowClass::title_names),
                Some(Names::Mailbox | Names::User)
            );
            let user = window.named().filter(|_| names_user);
            if let Some(user) = user.filter(|u| dir.find_user(u).is_none()) {
                return Some((
                    format!(
                        "unknown user {} in the window name {}",
                        quoted(user),
                        quoted(value)
                    ),
                    NameKind::User,
                ));
            }
            window.class().is_some()
        }
    };
    let what = match name.kind {
        NameKind::User => "user",
        NameKind::Computer => "computer",
        NameKind::Group => "contact-list group",
        NameKind::RegistryValue => "registry value",
        NameKind::Window => "window",
    };
    (!known).then(|| (format!("unknown {what} {}", quoted(value)), name.kind))
}

/// The names of a kind that exist, for an error message.
fn known(dir: &Directory, kind: NameKind) -> String {
    match kind {
        NameKind::User => format!("users: {}", dir.user_list()),
        NameKind::Computer => format!("computers: {}", dir.computer_list()),
        NameKind::Group => format!("groups: {}", GROUP_NAMES.join(", ")),
        NameKind::RegistryValue => format!(
            "values: {}",
            DelegatorListValue::ALL.map(|v| v.name()).join(", ")
        ),
        NameKind::Window => format!(
            "windows: {}, or a window's title",
            WindowClass::ALL.map(|c| c.name()).join(", ")
        ),
    }
}

impl fmt::Display for Scenario {
    /// The scenario as pretty RON, the way shipped files are written.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pretty = ron::ser::PrettyConfig::new()
            .struct_names(true)
            .indentor("    ".to_owned());
        match ron::ser::to_string_pretty(self, pretty) {
            Ok(text) => f.write_str(&text),
            Err(e) => write!(f, "<cannot write scenario: {e}>"),
        }
    }
}

#[cfg(test)]
mod tests;
