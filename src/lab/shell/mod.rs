//! The Lync Server Management Shell (B11): a PowerShell-like tokenizer, a cmdlet table with
//! named, positional and shortened parameters, and PowerShell's list output and error layout.
//!
//! Any input gets an answer: parse errors and cmdlet errors are text, never a panic.
//!
//! Where things live:
//! - here: the public entry `run`, statements (`;`) and pipelines (`|`);
//! - `tokens`: the tokenizer (words, quotes, `-Parameters`, `$variables`);
//! - `bind`: parameter definitions and binding (named, positional, shortened; value conversion);
//! - `cmdlets`: the cmdlet table (`cmdlets::CMDLETS`), with one file per cmdlet family;
//! - `format`: PowerShell's list output and error record layout.

mod bind;
mod cmdlets;
mod format;
mod sefautil;
mod tokens;

use bind::{Invocation, bind, variable};
use cmdlets::Obj;
use format::{ErrorRecord, render};
use tokens::{Tok, TokKind, tokenize};

use super::{Lab, Notes};

/// The prompt the console shows (W12).
pub const PROMPT: &str = "PS C:\\Users\\administrator.CONTOSO>";

/// What one line typed into the shell printed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ShellResult {
    /// Output and error lines in the order printed; error lines are flagged.
    pub lines: Vec<ShellLine>,
    /// The first error's message (without the layout around it), if any.
    pub error: Option<String>,
    /// `cls` / `Clear-Host` was run: the console clears before this output.
    pub clears: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ShellLine {
    pub text: String,
    pub error: bool,
}

impl ShellResult {
    fn print(&mut self, text: String) {
        self.lines.push(ShellLine { text, error: false });
    }

    fn push_error(&mut self, record: &ErrorRecord, chars: &[char]) {
        if self.error.is_none() {
            self.error = Some(record.message.clone());
        }
        for text in record.lines(chars) {
            self.lines.push(ShellLine { text, error: true });
        }
    }
}

/// Runs one line typed into the shell against the lab.
pub(super) fn run(lab: &mut Lab, line: &str, notes: &mut Notes) -> ShellResult {
    if sefautil::is_sefautil(line) {
        return sefautil::run(lab, line, notes);
    }
    let chars: Vec<char> = line.chars().collect();
    let mut result = ShellResult::default();
    let toks = match tokenize(&chars) {
        Ok(toks) => toks,
        Err(e) => {
            let record = ErrorRecord::parser(e.message, e.error_id, e.at, chars.len());
            result.push_error(&record, &chars);
            return result;
        }
    };
    for statement in toks.split(|t| t.kind == TokKind::Semi) {
        if statement.is_empty() {
            continue;
        }
        run_pipeline(lab, statement, &chars, notes, &mut result);
    }
    result
}

fn run_pipeline(
    lab: &mut Lab,
    statement: &[Tok],
    chars: &[char],
    notes: &mut Notes,
    result: &mut ShellResult,
) {
    let Some(invocations) = bind_pipeline(statement, chars, result) else {
        return;
    };
    let mut input: Option<Vec<Obj>> = None;
    for invocation in &invocations {
        let objects = match input.take() {
            None => execute(lab, invocation, None, notes, result, chars),
            Some(objs) => {
                let mut out = Vec::new();
                for obj in objs {
                    out.extend(execute(lab, invocation, Some(obj), notes, result, chars));
                }
                out
            }
        };
        input = Some(objects);
    }
    if let Some(objects) = input {
        render(lab, &objects, result);
    }
}

/// As PowerShell does, every command of the pipeline is found and bound before any runs.
/// None when nothing is to run: an error was printed, or the statement was a bare value.
fn bind_pipeline(
    statement: &[Tok],
    chars: &[char],
    result: &mut ShellResult,
) -> Option<Vec<Invocation>> {
    let stages: Vec<&[Tok]> = statement.split(|t| t.kind == TokKind::Pipe).collect();
    let mut invocations = Vec::with_capacity(stages.len());
    for (n, stage) in stages.iter().enumerate() {
        if stage.is_empty() {
            let at = statement
                .iter()
                .filter(|t| t.kind == TokKind::Pipe)
                .nth(n.saturating_sub(1))
                .map_or(0, |t| t.start);
            let record = ErrorRecord::parser(
                "An empty pipe element is not allowed.".into(),
                "EmptyPipeElement",
                at,
                at + 1,
            );
            result.push_error(&record, chars);
            return None;
        }
        match bind(stage, chars) {
            Ok(Some(inv)) => invocations.push(inv),
            Ok(None) if stages.len() == 1 => {
                print_value(stage, result);
                return None;
            }
            Ok(None) => {
                let record = ErrorRecord::parser(
                    "Expressions are only allowed as the first element of a pipeline.".into(),
                    "ExpressionsMustBeFirstInPipeline",
                    stage[0].start,
                    stage[0].end,
                );
                result.push_error(&record, chars);
                return None;
            }
            Err(record) => {
                result.push_error(&record, chars);
                return None;
            }
        }
    }
    Some(invocations)
}

/// A bare value, like `$true`: PowerShell prints it.
fn print_value(stage: &[Tok], result: &mut ShellResult) {
    for t in stage {
        let value = match &t.kind {
            TokKind::Var(v) => variable(v).shown(),
            TokKind::Word { text, .. } => text.clone(),
            _ => String::new(),
        };
        if !value.is_empty() {
            result.print(value);
        }
    }
}

/// Runs one command of a pipeline on one input object; a cmdlet error is printed, not passed on.
fn execute(
    lab: &mut Lab,
    inv: &Invocation,
    input: Option<Obj>,
    notes: &mut Notes,
    result: &mut ShellResult,
    chars: &[char],
) -> Vec<Obj> {
    match cmdlets::invoke(lab, inv, input, notes, result) {
        Ok(objects) => objects,
        Err(record) => {
            result.push_error(&record, chars);
            Vec::new()
        }
    }
}
