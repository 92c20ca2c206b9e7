//! Scenario files (SPEC section S): reading them with positions for every error, and running
//! them with expectations.

pub(crate) mod locate;
mod player;
mod run;
mod step;

use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::lab::directory::{Directory, LabSpec};
use crate::lab::lync_server::GROUP_NAMES;
use crate::lab::registry::DelegatorListValue;
use crate::lab::{NameKind, NameRef, WindowClass, WindowName};

pub use player::{Player, StepMark};
pub use run::{Check, Run, Stage, StepResult, StepResultKind, check, run, run_step};
pub use step::{Capture, Expectation, Step};

/// A scenario: an optional lab (the default contoso lab when left out) and its steps.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Scenario")]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lab: Option<LabSpec>,
    pub steps: Vec<Step>,
}

impl Scenario {
    pub fn lab_spec(&self) -> LabSpec {
        self.lab.clone().unwrap_or_else(LabSpec::contoso)
    }
}

/// Files larger than this are refused before parsing (a scenario is a few kilobytes).
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Why a scenario file was refused.
#[derive(Debug, thiserror::Error)]
pub enum ScenarioError {
    #[error("cannot read the file ({source}): {path}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the file is {size} bytes, over the limit of {limit} bytes: {path}")]
    TooLarge {
        size: u64,
        limit: u64,
        path: PathBuf,
    },
    #[error("the file is not UTF-8 text (invalid byte at offset {offset}): {path}")]
    NotText { offset: usize, path: PathBuf },
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

impl ScenarioError {
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
    let text = read_text(path, MAX_FILE_BYTES)?;
    parse(&text).map_err(|e| e.with_path(path))
}

/// Reads a file's text, refusing files over `limit` bytes and files that are not UTF-8.
pub(crate) fn read_text(path: &Path, limit: u64) -> Result<String, ScenarioError> {
    let read = |source| ScenarioError::Read {
        path: path.to_owned(),
        source,
    };
    let size = std::fs::metadata(path).map_err(read)?.len();
    if size > limit {
        return Err(ScenarioError::TooLarge {
            path: path.to_owned(),
            size,
            limit,
        });
    }
    let bytes = std::fs::read(path).map_err(read)?;
    String::from_utf8(bytes).map_err(|e| ScenarioError::NotText {
        path: path.to_owned(),
        offset: e.utf8_error().valid_up_to(),
    })
}

/// Parses and validates scenario text: malformed RON, unknown verbs and fields, and names of
/// users, computers, groups and registry values that do not exist are refused with the line
/// and column of the offending text.
pub fn parse(source: &str) -> Result<Scenario, ScenarioError> {
    let scenario: Scenario = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(source)
        .map_err(|e| ScenarioError::at(e.span.start.line, e.span.start.col, e.code.to_string()))?;
    validate(&scenario, source)?;
    Ok(scenario)
}

fn validate(scenario: &Scenario, source: &str) -> Result<(), ScenarioError> {
    check_names(
        &scenario.lab_spec(),
        scenario.steps.iter().enumerate(),
        source,
        "steps",
        "step",
    )
}

/// Checks the lab description and every name the given steps use; each step comes with its
/// 0-based place in `list`, the RON field holding them (`steps` in a scenario, `actions` in a
/// session), and `noun` is what one is called.
pub(crate) fn check_names<'a>(
    spec: &LabSpec,
    steps: impl IntoIterator<Item = (usize, &'a Step)>,
    source: &str,
    list: &str,
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
            let Some(problem) = unknown_name(&dir, &name) else {
                continue;
            };
            let n = i + 1;
            let field = name.field;
            let message = match name.kind {
                NameKind::User | NameKind::Computer => {
                    format!(
                        "{problem} in `{field}` of {noun} {n} ({})",
                        known(&dir, name.kind)
                    )
                }
                NameKind::Group | NameKind::RegistryValue | NameKind::Window => {
                    format!("{problem} in {noun} {n} ({})", known(&dir, name.kind))
                }
            };
            let (line, column) = index()
                .list_item_field(list, i, name.field, name.value)
                .unwrap_or((1, 1));
            return Err(ScenarioError::at(line, column, message));
        }
    }
    Ok(())
}

/// What is wrong with a name ("unknown user \"ghost\""), or None when it names something.
fn unknown_name(dir: &Directory, name: &NameRef<'_>) -> Option<String> {
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
            // "Delegate Permissions: <Name>" names a user as well.
            let user = window
                .named()
                .filter(|_| window.class() == Some(WindowClass::DelegatePermissions));
            if let Some(user) = user.filter(|u| dir.find_user(u).is_none()) {
                return Some(format!(
                    "unknown user {user:?} in the window name {value:?}"
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
    (!known).then(|| format!("unknown {what} {value:?}"))
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
