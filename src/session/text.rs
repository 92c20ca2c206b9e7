//! A session's text as the lab writes it: RON, `Session(format: 3, ...)`, each field of the
//! session on a line of its own and each entry of its lists too — every timeline entry,
//! branch entry, scenario step and user of the lab on one line — rather than one field of
//! each on a line (about 100 bytes a step instead of 160 to 190, and still readable; files of
//! either layout read the same, since RON does not care where lines break). Written straight
//! to its destination, and never larger than the lab reads back: [`MAX_FILE_BYTES`] and
//! [`MAX_STEPS`] are the reader's own limits.

use std::fmt;
use std::io;

use serde::Serialize;

use super::view::ViewFile;
use super::{Branch, Entry, Session, SessionFile};
use crate::lab::LabSpec;
use crate::scenario::{MAX_FILE_BYTES, MAX_STEPS, Scenario};

/// What a session file holds, borrowed: from a [`SessionFile`], or straight from a
/// [`Session`] (`record` writes a long session without copying its timeline first).
pub struct Parts<'a> {
    pub format: u32,
    pub name: &'a str,
    pub lab: &'a LabSpec,
    pub scenario: Option<&'a Scenario>,
    pub timeline: &'a [Entry],
    pub position: usize,
    pub branches: &'a [Branch],
    pub fingerprint: String,
    pub view: Option<&'a ViewFile>,
    pub exercise: Option<&'a crate::exercise::Exercise>,
}

impl<'a> From<&'a SessionFile> for Parts<'a> {
    fn from(file: &'a SessionFile) -> Self {
        // Every field, so a new one is not forgotten here.
        let SessionFile {
            format,
            name,
            lab,
            scenario,
            timeline,
            position,
            branches,
            fingerprint,
            view,
            exercise,
        } = file;
        Parts {
            format: *format,
            name,
            lab,
            scenario: scenario.as_ref(),
            timeline,
            position: *position,
            branches,
            fingerprint: fingerprint.clone(),
            view: view.as_ref(),
            exercise: exercise.as_ref(),
        }
    }
}

impl<'a> Parts<'a> {
    /// The file form of a session, as [`super::to_file`] makes it, without copying it.
    pub fn of(session: &'a Session, view: Option<&'a ViewFile>) -> Self {
        Parts {
            format: super::FORMAT,
            name: &session.name,
            lab: session.spec(),
            scenario: session.scenario(),
            timeline: session.timeline(),
            position: session.position(),
            branches: session.branches(),
            fingerprint: super::fingerprint(session.lab()),
            view,
            exercise: session.exercise.as_ref(),
        }
    }
}

/// What the reader takes, and so what the writer writes: at most `bytes` of text, and lists
/// of at most `entries`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    pub bytes: u64,
    pub entries: usize,
}

impl Limits {
    /// The reader's own limits.
    pub const READER: Limits = Limits {
        bytes: MAX_FILE_BYTES,
        entries: MAX_STEPS,
    };
}

/// A size as a message gives it: in MB, or bytes under one.
pub fn size_text(bytes: u64) -> String {
    match bytes / (1024 * 1024) {
        0 => format!("{bytes} bytes"),
        mb => format!("{mb} MB"),
    }
}

/// Why a session's text was not written: over a limit of the reader, or the writer failed.
#[derive(Debug)]
pub enum TextError {
    /// The text would be larger than the lab reads (`limit` bytes): what went past it.
    TooLarge {
        limit: u64,
    },
    /// A list longer than a session file may hold: what, how many of what, the most.
    TooLong {
        what: String,
        entries: usize,
        noun: &'static str,
        most: usize,
    },
    Ron(ron::Error),
    Io(io::Error),
}

impl fmt::Display for TextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TextError::TooLarge { limit } => write!(
                f,
                "the session would be larger than the {} the lab reads back, so it was not written (discard branches, or save what was done as a scenario from an earlier position)",
                size_text(*limit)
            ),
            TextError::TooLong {
                what,
                entries,
                noun,
                most,
            } => write!(
                f,
                "{what} has {entries} {noun}, more than the {most} a session file holds, so it was not written (the lab would not read it back)"
            ),
            TextError::Ron(e) => write!(f, "{e}"),
            TextError::Io(e) => write!(f, "{e}"),
        }
    }
}

/// Checks the lists a reader bounds before anything is written.
pub fn check_lengths(file: &Parts<'_>, limits: Limits) -> Result<(), TextError> {
    let too_long = |what: String, entries: usize, noun| {
        (entries > limits.entries).then_some(TextError::TooLong {
            what,
            entries,
            noun,
            most: limits.entries,
        })
    };
    let steps = file.scenario.map_or(0, |s| s.steps.len());
    let problem = too_long("the scenario".into(), steps, "steps")
        .or_else(|| too_long("the timeline".into(), file.timeline.len(), "entries"))
        .or_else(|| {
            file.branches.iter().enumerate().find_map(|(b, branch)| {
                too_long(format!("branch {}", b + 1), branch.entries.len(), "entries")
            })
        });
    problem.map_or(Ok(()), Err)
}

/// Writes the session's text to `out`, failing with [`TextError::TooLarge`] as soon as it
/// passes `limits.bytes`.
pub fn write_text(
    file: &Parts<'_>,
    out: &mut impl fmt::Write,
    limits: Limits,
) -> Result<(), TextError> {
    check_lengths(file, limits)?;
    let mut sink = Limited {
        out,
        written: 0,
        limit: limits.bytes,
        over: false,
    };
    match write_fields(file, &mut sink) {
        Ok(()) => Ok(()),
        Err(_) if sink.over => Err(TextError::TooLarge {
            limit: limits.bytes,
        }),
        Err(e) => Err(TextError::Ron(e)),
    }
}

/// The session's text as a string (the recovery snapshot, tests), within the reader's limit.
pub fn to_string(file: &Parts<'_>) -> Result<String, TextError> {
    let mut text = String::new();
    write_text(file, &mut text, Limits::READER)?;
    Ok(text)
}

/// Streams the session's text into a file (through a buffer), within `limits`.
pub fn write_to(
    file: &Parts<'_>,
    to: &mut impl io::Write,
    limits: Limits,
) -> Result<(), TextError> {
    let mut out = IoText {
        to: io::BufWriter::with_capacity(1 << 16, to),
        error: None,
    };
    let result = write_text(file, &mut out, limits);
    let IoText { to, error } = out;
    if let Some(e) = error {
        return Err(TextError::Io(e));
    }
    result?;
    to.into_inner()
        .map(|_| ())
        .map_err(|e| TextError::Io(e.into_error()))
}

fn write_fields(file: &Parts<'_>, out: &mut impl fmt::Write) -> Result<(), ron::Error> {
    out.write_str("#![enable(implicit_some)]\nSession(\n")?;
    // Each field with how deep its lines go: 1 puts each element of a list on its own line,
    // 2 each element of a list in a struct, and so on; deeper, everything is on one line.
    field(out, "format", &file.format, 0)?;
    field(out, "name", &file.name, 0)?;
    field(out, "lab", file.lab, 2)?;
    field(out, "scenario", &file.scenario, 2)?;
    field(out, "timeline", &file.timeline, 1)?;
    field(out, "position", &file.position, 0)?;
    field(out, "branches", &file.branches, 3)?;
    field(out, "fingerprint", &file.fingerprint, 0)?;
    field(out, "view", &file.view, 3)?;
    if let Some(exercise) = file.exercise {
        field(out, "exercise", exercise, 3)?;
    }
    out.write_str(")\n")?;
    Ok(())
}

/// `    name: <value>,` with the value's own lines indented under the field.
fn field(
    out: &mut impl fmt::Write,
    name: &str,
    value: &impl Serialize,
    depth: usize,
) -> Result<(), ron::Error> {
    write!(out, "    {name}: ")?;
    let pretty = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .indentor("    ".to_owned())
        .depth_limit(depth);
    let options =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    options.to_writer_pretty(&mut Indented { out }, value, pretty)?;
    out.write_str(",\n")?;
    Ok(())
}

/// Indents every line after the first by one level. (Strings are written escaped, so every
/// line break in a value's text is the pretty printer's.)
struct Indented<'a, W: fmt::Write> {
    out: &'a mut W,
}

impl<W: fmt::Write> fmt::Write for Indented<'_, W> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        // Most writes are a character of a string, or a name: no line break.
        if !s.as_bytes().contains(&b'\n') {
            return self.out.write_str(s);
        }
        let mut parts = s.split('\n');
        if let Some(first) = parts.next() {
            self.out.write_str(first)?;
        }
        for part in parts {
            self.out.write_str("\n    ")?;
            self.out.write_str(part)?;
        }
        Ok(())
    }
}

/// Passes text on until `limit` bytes have been written, then fails.
struct Limited<'a, W: fmt::Write> {
    out: &'a mut W,
    written: u64,
    limit: u64,
    over: bool,
}

impl<W: fmt::Write> fmt::Write for Limited<'_, W> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.written += s.len() as u64;
        if self.written > self.limit {
            self.over = true;
            return Err(fmt::Error);
        }
        self.out.write_str(s)
    }
}

/// Text into an `io::Write`, keeping its error (fmt::Write has none to give).
struct IoText<W: io::Write> {
    to: io::BufWriter<W>,
    error: Option<io::Error>,
}

impl<W: io::Write> fmt::Write for IoText<W> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        io::Write::write_all(&mut self.to, s.as_bytes()).map_err(|e| {
            self.error = Some(e);
            fmt::Error
        })
    }
}
