//! Scenario files (SPEC section S): reading them with positions for every error, and running
//! them with expectations.

pub(crate) mod locate;
mod run;
mod step;

use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::lab::directory::{Directory, LabSpec};
use crate::lab::lync_server::GROUP_NAMES;
use crate::lab::registry::DelegatorListValue;

pub use run::{Check, Run, StepResult, StepResultKind, check, run};
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

/// What a name in a step must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NameKind {
    User,
    Computer,
    Group,
    RegistryValue,
}

/// A name a step uses, with the field it is written in.
#[derive(Clone, Debug)]
pub(crate) struct NameRef<'a> {
    pub field: &'static str,
    pub value: &'a str,
    pub kind: NameKind,
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
            let known = match name.kind {
                NameKind::User => dir.find_user(name.value).is_some(),
                NameKind::Computer => dir.find_computer(name.value).is_some(),
                NameKind::Group => GROUP_NAMES
                    .iter()
                    .any(|g| g.eq_ignore_ascii_case(name.value.trim())),
                NameKind::RegistryValue => DelegatorListValue::from_name(name.value).is_some(),
            };
            if known {
                continue;
            }
            let n = i + 1;
            let message = match name.kind {
                NameKind::User => format!(
                    "unknown user {:?} in `{}` of {noun} {n} (users: {})",
                    name.value,
                    name.field,
                    dir.user_list()
                ),
                NameKind::Computer => format!(
                    "unknown computer {:?} in `{}` of {noun} {n} (computers: {})",
                    name.value,
                    name.field,
                    dir.computer_list()
                ),
                NameKind::Group => format!(
                    "unknown contact-list group {:?} in {noun} {n} (groups: {})",
                    name.value,
                    GROUP_NAMES.join(", ")
                ),
                NameKind::RegistryValue => format!(
                    "unknown registry value {:?} in {noun} {n} (values: {})",
                    name.value,
                    DelegatorListValue::ALL.map(|v| v.name()).join(", ")
                ),
            };
            let (line, column) = index()
                .list_item_field(list, i, name.field, name.value)
                .unwrap_or((1, 1));
            return Err(ScenarioError::at(line, column, message));
        }
    }
    Ok(())
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
