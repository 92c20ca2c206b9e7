//! The Lync Server Management Shell (B11): a PowerShell-like tokenizer, a cmdlet table with
//! named, positional and shortened parameters, and PowerShell's list output and error layout.
//!
//! Any input gets an answer: parse errors and cmdlet errors are text, never a panic.

use super::lync_rules::sync_setting;
use super::lync_server::{ClientPolicy, GLOBAL, normalize_policy_identity};
use super::{Lab, Notes, UserIx};

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

// ----- tokens --------------------------------------------------------------------------------

#[derive(Clone, Debug, PartialEq)]
enum TokKind {
    /// A bare or quoted word.
    Word {
        text: String,
        quoted: bool,
    },
    /// `-Name` or `-Name:value`.
    Param {
        name: String,
        attached: Option<String>,
    },
    /// `$name`
    Var(String),
    Pipe,
    Semi,
}

#[derive(Clone, Debug, PartialEq)]
struct Tok {
    kind: TokKind,
    /// 0-based char offsets of the token in the line.
    start: usize,
    end: usize,
}

/// PowerShell accepts the en dash, em dash and horizontal bar wherever `-` starts a parameter.
fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2013}' | '\u{2014}' | '\u{2015}')
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c.is_control()
}

fn ends_word(c: char) -> bool {
    is_space(c) || c == '|' || c == ';'
}

#[derive(Debug)]
struct ParseError {
    message: String,
    error_id: &'static str,
    at: usize,
}

fn tokenize(chars: &[char]) -> Result<Vec<Tok>, ParseError> {
    let mut toks = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_space(c) {
            i += 1;
            continue;
        }
        let start = i;
        let kind = match c {
            '#' => break,
            '|' => {
                i += 1;
                TokKind::Pipe
            }
            ';' => {
                i += 1;
                TokKind::Semi
            }
            '\'' | '"' | '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}' => {
                let (text, next) = quoted(chars, i)?;
                i = next;
                TokKind::Word { text, quoted: true }
            }
            '$' => {
                i += 1;
                let name_start = i;
                while i < chars.len()
                    && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == ':')
                {
                    i += 1;
                }
                TokKind::Var(chars[name_start..i].iter().collect())
            }
            c if is_dash(c) && chars.get(i + 1).is_some_and(|n| n.is_alphabetic()) => {
                i += 1;
                let name_start = i;
                while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
                let name: String = chars[name_start..i].iter().collect();
                let attached = if chars.get(i) == Some(&':') {
                    i += 1;
                    if chars.get(i).is_some_and(|&q| q == '\'' || q == '"') {
                        let (text, next) = quoted(chars, i)?;
                        i = next;
                        Some(text)
                    } else {
                        let value_start = i;
                        while i < chars.len() && !ends_word(chars[i]) {
                            i += 1;
                        }
                        Some(chars[value_start..i].iter().collect())
                    }
                } else {
                    None
                };
                TokKind::Param { name, attached }
            }
            _ => {
                let mut text = String::new();
                while i < chars.len() && !ends_word(chars[i]) {
                    if chars[i] == '`' && i + 1 < chars.len() {
                        i += 1;
                    }
                    text.push(chars[i]);
                    i += 1;
                }
                TokKind::Word {
                    text,
                    quoted: false,
                }
            }
        };
        toks.push(Tok {
            kind,
            start,
            end: i,
        });
    }
    Ok(toks)
}

/// Reads a quoted string starting at `open`; returns its text and the index after it.
fn quoted(chars: &[char], open: usize) -> Result<(String, usize), ParseError> {
    let q = chars[open];
    let single = matches!(q, '\'' | '\u{2018}' | '\u{2019}');
    let closes = |c: char| {
        if single {
            matches!(c, '\'' | '\u{2018}' | '\u{2019}')
        } else {
            matches!(c, '"' | '\u{201C}' | '\u{201D}')
        }
    };
    let mut text = String::new();
    let mut i = open + 1;
    while i < chars.len() {
        let c = chars[i];
        if closes(c) {
            if chars.get(i + 1).is_some_and(|&n| closes(n)) {
                text.push(c);
                i += 2;
                continue;
            }
            return Ok((text, i + 1));
        }
        if !single && c == '`' && i + 1 < chars.len() {
            i += 1;
            text.push(match chars[i] {
                'n' => '\n',
                't' => '\t',
                '0' => '\0',
                other => other,
            });
        } else {
            text.push(c);
        }
        i += 1;
    }
    Err(ParseError {
        message: format!(
            "The string is missing the terminator: {}.",
            if single { '\'' } else { '"' }
        ),
        error_id: "TerminatorExpectedAtEndOfString",
        at: open,
    })
}

// ----- cmdlets -------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq)]
enum ParamType {
    Text,
    /// `Nullable<bool>`: `$null` unsets.
    NullableBool,
    Bool,
    Switch,
    /// A policy name or `$null`.
    PolicyName,
}

impl ParamType {
    fn dotnet(self) -> &'static str {
        match self {
            ParamType::Text | ParamType::PolicyName => "System.String",
            ParamType::NullableBool => "System.Nullable`1[System.Boolean]",
            ParamType::Bool => "System.Boolean",
            ParamType::Switch => "System.Management.Automation.SwitchParameter",
        }
    }
}

struct ParamDef {
    name: &'static str,
    ty: ParamType,
    position: Option<usize>,
    mandatory: bool,
}

const fn p(
    name: &'static str,
    ty: ParamType,
    position: Option<usize>,
    mandatory: bool,
) -> ParamDef {
    ParamDef {
        name,
        ty,
        position,
        mandatory,
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Verb {
    GetClientPolicy,
    SetClientPolicy,
    NewClientPolicy,
    RemoveClientPolicy,
    GrantClientPolicy,
    GetUser,
    SetUser,
    FormatList,
    OutNull,
    ClearHost,
}

struct Cmdlet {
    name: &'static str,
    aliases: &'static [&'static str],
    verb: Verb,
    params: &'static [ParamDef],
    /// Changes configuration: takes -WhatIf and -Confirm.
    changes: bool,
}

use ParamType::*;

const CMDLETS: &[Cmdlet] = &[
    Cmdlet {
        name: "Get-CsClientPolicy",
        aliases: &[],
        verb: Verb::GetClientPolicy,
        params: &[p("Identity", Text, Some(0), false)],
        changes: false,
    },
    Cmdlet {
        name: "Set-CsClientPolicy",
        aliases: &[],
        verb: Verb::SetClientPolicy,
        params: &[
            p("Identity", Text, Some(0), false),
            p("EnableExchangeDelegateSync", NullableBool, None, false),
            p("Description", Text, None, false),
        ],
        changes: true,
    },
    Cmdlet {
        name: "New-CsClientPolicy",
        aliases: &[],
        verb: Verb::NewClientPolicy,
        params: &[
            p("Identity", Text, Some(0), true),
            p("EnableExchangeDelegateSync", NullableBool, None, false),
            p("Description", Text, None, false),
        ],
        changes: true,
    },
    Cmdlet {
        name: "Remove-CsClientPolicy",
        aliases: &[],
        verb: Verb::RemoveClientPolicy,
        params: &[
            p("Identity", Text, Some(0), true),
            p("Force", Switch, None, false),
        ],
        changes: true,
    },
    Cmdlet {
        name: "Grant-CsClientPolicy",
        aliases: &[],
        verb: Verb::GrantClientPolicy,
        params: &[
            p("Identity", Text, Some(0), true),
            p("PolicyName", PolicyName, Some(1), true),
            p("PassThru", Switch, None, false),
        ],
        changes: true,
    },
    Cmdlet {
        name: "Get-CsUser",
        aliases: &[],
        verb: Verb::GetUser,
        params: &[p("Identity", Text, Some(0), false)],
        changes: false,
    },
    Cmdlet {
        name: "Set-CsUser",
        aliases: &[],
        verb: Verb::SetUser,
        params: &[
            p("Identity", Text, Some(0), true),
            p("EnterpriseVoiceEnabled", Bool, None, false),
            p("PassThru", Switch, None, false),
        ],
        changes: true,
    },
    Cmdlet {
        name: "Format-List",
        aliases: &["fl"],
        verb: Verb::FormatList,
        params: &[],
        changes: false,
    },
    Cmdlet {
        name: "Out-Null",
        aliases: &[],
        verb: Verb::OutNull,
        params: &[],
        changes: false,
    },
    Cmdlet {
        name: "Clear-Host",
        aliases: &["cls", "clear"],
        verb: Verb::ClearHost,
        params: &[],
        changes: false,
    },
];

/// Common parameters every cmdlet takes (accepted; -WhatIf is honoured).
const COMMON: &[ParamDef] = &[
    p("Verbose", Switch, None, false),
    p("Debug", Switch, None, false),
    p("ErrorAction", Text, None, false),
    p("WarningAction", Text, None, false),
];
const CHANGE_COMMON: &[ParamDef] = &[
    p("WhatIf", Switch, None, false),
    p("Confirm", Switch, None, false),
];

#[derive(Clone, Debug, PartialEq)]
enum Value {
    Text(String),
    Bool(bool),
    Null,
}

impl Value {
    fn shown(&self) -> String {
        match self {
            Value::Text(t) => t.clone(),
            Value::Bool(true) => "True".into(),
            Value::Bool(false) => "False".into(),
            Value::Null => String::new(),
        }
    }
}

fn variable(name: &str) -> Value {
    match name.to_ascii_lowercase().as_str() {
        "true" => Value::Bool(true),
        "false" => Value::Bool(false),
        // Unset variables are $null in PowerShell.
        _ => Value::Null,
    }
}

/// A PowerShell error record, laid out as the console prints it.
struct ErrorRecord {
    command: String,
    message: String,
    category: String,
    error_id: String,
    /// Char span to underline.
    start: usize,
    end: usize,
}

impl ErrorRecord {
    fn lines(&self, line: &[char]) -> Vec<String> {
        let text: String = line.iter().collect();
        let width = self.end.saturating_sub(self.start).max(1);
        let prefix = if self.command.is_empty() {
            String::new()
        } else {
            format!("{} : ", self.command)
        };
        vec![
            format!("{prefix}{}", self.message),
            format!("At line:1 char:{}", self.start + 1),
            format!("+ {}", text.trim_end()),
            format!("+ {}{}", " ".repeat(self.start), "~".repeat(width)),
            format!("    + CategoryInfo          : {}", self.category),
            format!("    + FullyQualifiedErrorId : {}", self.error_id),
        ]
    }
}

/// An object on the pipeline.
#[derive(Clone, Debug, PartialEq)]
enum Obj {
    Policy(String),
    User(UserIx),
}

struct Invocation {
    cmdlet: &'static Cmdlet,
    bound: Vec<(&'static ParamDef, Value)>,
    /// Where the command sits in the line, for error underlines.
    start: usize,
    end: usize,
}

impl Invocation {
    fn get(&self, name: &str) -> Option<&Value> {
        self.bound
            .iter()
            .find(|(d, _)| d.name == name)
            .map(|(_, v)| v)
    }

    fn has(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    fn what_if(&self) -> bool {
        matches!(self.get("WhatIf"), Some(Value::Bool(true)))
    }

    fn error(&self, message: String, category: &str, error_id: &str) -> ErrorRecord {
        ErrorRecord {
            command: self.cmdlet.name.into(),
            message,
            category: category.into(),
            error_id: error_id.into(),
            start: self.start,
            end: self.end,
        }
    }
}

/// Runs one line typed into the shell against the lab.
pub(super) fn run(lab: &mut Lab, line: &str, notes: &mut Notes) -> ShellResult {
    let chars: Vec<char> = line.chars().collect();
    let mut result = ShellResult::default();
    let toks = match tokenize(&chars) {
        Ok(toks) => toks,
        Err(e) => {
            let record = ErrorRecord {
                command: String::new(),
                message: e.message.clone(),
                category: "ParserError: (:) [], ParentContainsErrorRecordException".into(),
                error_id: e.error_id.into(),
                start: e.at,
                end: chars.len(),
            };
            push_error(&mut result, &record, &chars);
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

fn push_error(result: &mut ShellResult, record: &ErrorRecord, chars: &[char]) {
    if result.error.is_none() {
        result.error = Some(record.message.clone());
    }
    for text in record.lines(chars) {
        result.lines.push(ShellLine { text, error: true });
    }
}

fn run_pipeline(
    lab: &mut Lab,
    statement: &[Tok],
    chars: &[char],
    notes: &mut Notes,
    result: &mut ShellResult,
) {
    // As PowerShell does, every command of the pipeline is found and bound before any runs.
    let stages: Vec<&[Tok]> = statement.split(|t| t.kind == TokKind::Pipe).collect();
    let mut invocations = Vec::with_capacity(stages.len());
    for (n, stage) in stages.iter().enumerate() {
        if stage.is_empty() {
            let at = statement
                .iter()
                .filter(|t| t.kind == TokKind::Pipe)
                .nth(n.saturating_sub(1))
                .map_or(0, |t| t.start);
            push_error(
                result,
                &ErrorRecord {
                    command: String::new(),
                    message: "An empty pipe element is not allowed.".into(),
                    category: "ParserError: (:) [], ParentContainsErrorRecordException".into(),
                    error_id: "EmptyPipeElement".into(),
                    start: at,
                    end: at + 1,
                },
                chars,
            );
            return;
        }
        match bind(stage, chars) {
            Ok(Some(inv)) => invocations.push(inv),
            Ok(None) if stages.len() == 1 => {
                // A bare value, like `$true`: PowerShell prints it.
                for t in stage.iter() {
                    let value = match &t.kind {
                        TokKind::Var(v) => variable(v).shown(),
                        TokKind::Word { text, .. } => text.clone(),
                        _ => String::new(),
                    };
                    if !value.is_empty() {
                        result.lines.push(ShellLine {
                            text: value,
                            error: false,
                        });
                    }
                }
                return;
            }
            Ok(None) => {
                push_error(
                    result,
                    &ErrorRecord {
                        command: String::new(),
                        message: "Expressions are only allowed as the first element of a pipeline."
                            .into(),
                        category: "ParserError: (:) [], ParentContainsErrorRecordException".into(),
                        error_id: "ExpressionsMustBeFirstInPipeline".into(),
                        start: stage[0].start,
                        end: stage[0].end,
                    },
                    chars,
                );
                return;
            }
            Err(record) => {
                push_error(result, &record, chars);
                return;
            }
        }
    }
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

/// Binds a command's parameters; Ok(None) when the stage is a bare value rather than a command.
fn bind(stage: &[Tok], chars: &[char]) -> Result<Option<Invocation>, ErrorRecord> {
    let first = &stage[0];
    let start = first.start;
    let end = stage.last().map_or(first.end, |t| t.end);
    let name = match &first.kind {
        TokKind::Word {
            text,
            quoted: false,
        } => text.clone(),
        TokKind::Var(_) | TokKind::Word { quoted: true, .. } => return Ok(None),
        TokKind::Param { .. } => {
            let text: String = chars[first.start..first.end].iter().collect();
            return Err(ErrorRecord {
                command: String::new(),
                message: format!(
                    "Missing expression after unary operator '{}'.",
                    text.chars().next().unwrap_or('-')
                ),
                category: "ParserError: (:) [], ParentContainsErrorRecordException".into(),
                error_id: "MissingExpressionAfterOperator".into(),
                start,
                end: start + 1,
            });
        }
        TokKind::Pipe | TokKind::Semi => return Ok(None),
    };
    let Some(cmdlet) = CMDLETS.iter().find(|c| {
        c.name.eq_ignore_ascii_case(&name)
            || c.aliases.iter().any(|a| a.eq_ignore_ascii_case(&name))
    }) else {
        return Err(ErrorRecord {
            command: name.clone(),
            message: format!(
                "The term '{name}' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again."
            ),
            category: format!("ObjectNotFound: ({name}:String) [], CommandNotFoundException"),
            error_id: "CommandNotFoundException".into(),
            start,
            end: first.end,
        });
    };
    let err = |message: String, category: &str, id: &str| ErrorRecord {
        command: cmdlet.name.into(),
        message,
        category: category.into(),
        error_id: format!("{id},{}", cmdlet.name),
        start,
        end,
    };
    let defs: Vec<&'static ParamDef> = cmdlet
        .params
        .iter()
        .chain(COMMON)
        .chain(if cmdlet.changes { CHANGE_COMMON } else { &[] })
        .collect();
    let mut bound: Vec<(&'static ParamDef, Value)> = Vec::new();
    let mut positional: Vec<Value> = Vec::new();
    let mut positional_text: Vec<String> = Vec::new();
    let mut i = 1;
    while i < stage.len() {
        let tok = &stage[i];
        i += 1;
        match &tok.kind {
            TokKind::Param { name, attached } => {
                let lower = name.to_ascii_lowercase();
                let exact = defs.iter().find(|d| d.name.eq_ignore_ascii_case(name));
                let matches: Vec<&&ParamDef> = defs
                    .iter()
                    .filter(|d| d.name.to_ascii_lowercase().starts_with(&lower))
                    .collect();
                let def: &'static ParamDef = match (exact, matches.as_slice()) {
                    (Some(d), _) => d,
                    (None, [d]) => d,
                    (None, []) => {
                        return Err(err(
                            format!(
                                "A parameter cannot be found that matches parameter name '{name}'."
                            ),
                            "InvalidArgument: (:) [], ParameterBindingException",
                            "NamedParameterNotFound",
                        ));
                    }
                    (None, many) => {
                        let names: Vec<String> =
                            many.iter().map(|d| format!("-{}", d.name)).collect();
                        return Err(err(
                            format!(
                                "Parameter cannot be processed because the parameter name '{name}' is ambiguous. Possible matches include: {}.",
                                names.join(" ")
                            ),
                            "InvalidArgument: (:) [], ParameterBindingException",
                            "AmbiguousParameter",
                        ));
                    }
                };
                if bound.iter().any(|(d, _)| d.name == def.name) {
                    return Err(err(
                        format!(
                            "Cannot bind parameter because parameter '{}' is specified more than once. To provide multiple values to parameters that can accept multiple values, use the array syntax. For example, \"-parameter value1,value2,value3\".",
                            def.name
                        ),
                        "InvalidArgument: (:) [], ParameterBindingException",
                        "ParameterAlreadyBound",
                    ));
                }
                let raw = if def.ty == Switch {
                    match attached {
                        None => Value::Bool(true),
                        Some(text) => raw_value(text),
                    }
                } else if let Some(text) = attached {
                    raw_value(text)
                } else {
                    match stage.get(i).map(|t| &t.kind) {
                        Some(TokKind::Word { text, quoted }) => {
                            i += 1;
                            if *quoted {
                                Value::Text(text.clone())
                            } else {
                                raw_value(text)
                            }
                        }
                        Some(TokKind::Var(v)) => {
                            i += 1;
                            variable(v)
                        }
                        _ => {
                            return Err(err(
                                format!(
                                    "Missing an argument for parameter '{}'. Specify a parameter of type '{}' and try again.",
                                    def.name,
                                    def.ty.dotnet()
                                ),
                                "InvalidArgument: (:) [], ParameterBindingException",
                                "MissingArgument",
                            ));
                        }
                    }
                };
                let value = convert(def, raw).map_err(|m| {
                    err(
                        m,
                        "InvalidData: (:) [], ParameterBindingValidationException",
                        "ParameterArgumentTransformationError",
                    )
                })?;
                bound.push((def, value));
            }
            TokKind::Word { text, quoted } => {
                positional_text.push(text.clone());
                positional.push(if *quoted {
                    Value::Text(text.clone())
                } else {
                    raw_value(text)
                });
            }
            TokKind::Var(v) => {
                positional_text.push(format!("${v}"));
                positional.push(variable(v));
            }
            TokKind::Pipe | TokKind::Semi => {}
        }
    }
    let mut slots: Vec<&'static ParamDef> = cmdlet
        .params
        .iter()
        .filter(|d| d.position.is_some() && !bound.iter().any(|(b, _)| b.name == d.name))
        .collect();
    slots.sort_by_key(|d| d.position);
    for (value, text) in positional.into_iter().zip(positional_text) {
        if slots.is_empty() {
            return Err(err(
                format!("A positional parameter cannot be found that accepts argument '{text}'."),
                "InvalidArgument: (:) [], ParameterBindingException",
                "PositionalParameterNotFound",
            ));
        }
        let def = slots.remove(0);
        let value = convert(def, value).map_err(|m| {
            err(
                m,
                "InvalidData: (:) [], ParameterBindingValidationException",
                "ParameterArgumentTransformationError",
            )
        })?;
        bound.push((def, value));
    }
    Ok(Some(Invocation {
        cmdlet,
        bound,
        start,
        end,
    }))
}

fn raw_value(text: &str) -> Value {
    match text.strip_prefix('$') {
        Some(v) => variable(v),
        None => Value::Text(text.to_owned()),
    }
}

fn convert(def: &ParamDef, value: Value) -> Result<Value, String> {
    let bool_error = |shown: &str| {
        format!(
            "Cannot process argument transformation on parameter '{}'. Cannot convert value \"{shown}\" to type \"System.Boolean\". Boolean parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0.",
            def.name
        )
    };
    match def.ty {
        Text => match value {
            Value::Null => Ok(Value::Null),
            other => Ok(Value::Text(other.shown())),
        },
        PolicyName => match value {
            Value::Null => Ok(Value::Null),
            other => Ok(Value::Text(other.shown())),
        },
        Bool | NullableBool | Switch => match value {
            Value::Bool(b) => Ok(Value::Bool(b)),
            Value::Null if def.ty == NullableBool => Ok(Value::Null),
            Value::Null => Err(bool_error("")),
            Value::Text(t) => match t.trim().parse::<f64>() {
                Ok(n) if n.is_finite() => Ok(Value::Bool(n != 0.0)),
                _ => Err(bool_error(&t)),
            },
        },
    }
}

// ----- execution -----------------------------------------------------------------------------

fn execute(
    lab: &mut Lab,
    inv: &Invocation,
    input: Option<Obj>,
    notes: &mut Notes,
    result: &mut ShellResult,
    chars: &[char],
) -> Vec<Obj> {
    match run_cmdlet(lab, inv, input, notes, result) {
        Ok(objects) => objects,
        Err(record) => {
            push_error(result, &record, chars);
            Vec::new()
        }
    }
}

fn identity_from(inv: &Invocation, input: &Option<Obj>, lab: &Lab) -> Option<String> {
    match inv.get("Identity") {
        Some(Value::Text(t)) => Some(t.clone()),
        Some(_) => None,
        None => match input {
            Some(Obj::Policy(id)) => Some(id.clone()),
            Some(Obj::User(u)) => Some(lab.dir.sip_uri(*u)),
            None => None,
        },
    }
}

fn run_cmdlet(
    lab: &mut Lab,
    inv: &Invocation,
    input: Option<Obj>,
    notes: &mut Notes,
    result: &mut ShellResult,
) -> Result<Vec<Obj>, ErrorRecord> {
    let identity = identity_from(inv, &input, lab);
    if let Some(def) =
        inv.cmdlet.params.iter().find(|d| {
            d.mandatory && !inv.has(d.name) && !(d.name == "Identity" && identity.is_some())
        })
    {
        return Err(inv.error(
            format!(
                "Cannot process command because of one or more missing mandatory parameters: {}.",
                def.name
            ),
            "InvalidArgument: (:) [], ParameterBindingException",
            &format!("MissingMandatoryParameter,{}", inv.cmdlet.name),
        ));
    }
    let not_found = |what: &str, id: &str| {
        inv.error(
            format!("Cannot find {what} \"{id}\" because it does not exist."),
            &format!(
                "ObjectNotFound: ({id}:String) [{}], ItemNotFoundException",
                inv.cmdlet.name
            ),
            &format!("ItemNotFound,{}", inv.cmdlet.name),
        )
    };
    let policy_identity = |id: &str| {
        normalize_policy_identity(id).ok_or_else(|| {
            inv.error(
                format!("\"{id}\" is not a valid client policy identity. Use \"Global\", \"Tag:<name>\" or \"<name>\"."),
                &format!("InvalidArgument: ({id}:String) [{}], ArgumentException", inv.cmdlet.name),
                &format!("InvalidIdentity,{}", inv.cmdlet.name),
            )
        })
    };
    let find_user = |lab: &Lab, id: &str| {
        lab.dir.find_user(id).ok_or_else(|| {
            inv.error(
                format!("Management object not found for identity \"{id}\"."),
                &format!(
                    "NotSpecified: (:) [{}], ManagementException",
                    inv.cmdlet.name
                ),
                &format!(
                    "Microsoft.Rtc.Management.AD.ManagementException,{}",
                    inv.cmdlet.name
                ),
            )
        })
    };
    let what_if = |target: &str, result: &mut ShellResult| {
        result.lines.push(ShellLine {
            text: format!(
                "What if: Performing operation \"{}\" on Target \"{target}\".",
                inv.cmdlet.name
            ),
            error: false,
        });
    };
    match inv.cmdlet.verb {
        Verb::ClearHost => {
            result.clears = true;
            result.lines.clear();
            Ok(Vec::new())
        }
        Verb::FormatList => Ok(input.into_iter().collect()),
        Verb::OutNull => Ok(Vec::new()),
        Verb::GetClientPolicy => match identity {
            None => Ok(lab
                .server
                .policies
                .iter()
                .map(|p| Obj::Policy(p.identity.clone()))
                .collect()),
            Some(id) => {
                let id = policy_identity(&id)?;
                if lab.server.policy(&id).is_none() {
                    return Err(not_found("ClientPolicy", &id));
                }
                Ok(vec![Obj::Policy(id)])
            }
        },
        Verb::SetClientPolicy => {
            let id = policy_identity(identity.as_deref().unwrap_or(GLOBAL))?;
            let Some(policy) = lab.server.policy(&id) else {
                return Err(not_found("ClientPolicy", &id));
            };
            if inv.what_if() {
                what_if(&id, result);
                return Ok(Vec::new());
            }
            let before = policy.enable_exchange_delegate_sync;
            if let Some(value) = inv.get("EnableExchangeDelegateSync") {
                let value = match value {
                    Value::Bool(b) => Some(*b),
                    _ => None,
                };
                lab.server
                    .policy_mut(&id)
                    .expect("found above")
                    .enable_exchange_delegate_sync = value;
                notes.say(format!(
                    "Lync Server: client policy {id}: EnableExchangeDelegateSync {} → {}.",
                    sync_setting(before),
                    sync_setting(value)
                ));
                policy_reach(lab, &id, notes);
            }
            if let Some(value) = inv.get("Description") {
                lab.server.policy_mut(&id).expect("found above").description = value.shown();
                notes.say(format!("Lync Server: client policy {id}: Description set."));
            }
            Ok(Vec::new())
        }
        Verb::NewClientPolicy => {
            let id = policy_identity(identity.as_deref().unwrap_or_default())?;
            if lab.server.policy(&id).is_some() {
                return Err(inv.error(
                    format!("Cannot create \"{id}\" because it already exists."),
                    &format!(
                        "InvalidOperation: ({id}:String) [{}], InvalidOperationException",
                        inv.cmdlet.name
                    ),
                    &format!("InstanceAlreadyExists,{}", inv.cmdlet.name),
                ));
            }
            if id == GLOBAL {
                return Err(not_found("ClientPolicy", &id));
            }
            if inv.what_if() {
                what_if(&id, result);
                return Ok(Vec::new());
            }
            let sync = match inv.get("EnableExchangeDelegateSync") {
                Some(Value::Bool(b)) => Some(*b),
                _ => None,
            };
            lab.server.policies.push(ClientPolicy {
                identity: id.clone(),
                description: inv.get("Description").map(Value::shown).unwrap_or_default(),
                enable_exchange_delegate_sync: sync,
            });
            notes.say(format!(
                "Lync Server: new client policy {id} (EnableExchangeDelegateSync {}).",
                sync_setting(sync)
            ));
            Ok(vec![Obj::Policy(id)])
        }
        Verb::RemoveClientPolicy => {
            let id = policy_identity(identity.as_deref().unwrap_or_default())?;
            if lab.server.policy(&id).is_none() {
                return Err(not_found("ClientPolicy", &id));
            }
            if inv.what_if() {
                what_if(&id, result);
                return Ok(Vec::new());
            }
            if id == GLOBAL {
                let global = lab.server.policy_mut(GLOBAL).expect("Global always exists");
                global.enable_exchange_delegate_sync = None;
                global.description.clear();
                notes.say("Lync Server: the Global client policy cannot be removed; its settings were reset to their defaults (EnableExchangeDelegateSync not set).");
                policy_reach(lab, GLOBAL, notes);
            } else {
                lab.server.policies.retain(|p| p.identity != id);
                let granted: Vec<UserIx> = lab
                    .server
                    .grants
                    .iter()
                    .filter(|(_, g)| **g == id)
                    .map(|(&u, _)| u)
                    .collect();
                for u in &granted {
                    lab.server.grants.remove(u);
                }
                notes.say(format!(
                    "Lync Server: removed client policy {id}{}.",
                    if granted.is_empty() {
                        String::new()
                    } else {
                        format!("; {} user(s) granted it now get Global", granted.len())
                    }
                ));
            }
            Ok(Vec::new())
        }
        Verb::GrantClientPolicy => {
            let user = find_user(lab, identity.as_deref().unwrap_or_default())?;
            let policy = match inv.get("PolicyName") {
                Some(Value::Text(name)) => {
                    let id = policy_identity(name)?;
                    if id == GLOBAL {
                        return Err(inv.error(
                            "The Global policy cannot be granted: it applies to every user without a granted policy. Use -PolicyName $null to remove a grant.".into(),
                            &format!("InvalidArgument: (:) [{}], ArgumentException", inv.cmdlet.name),
                            &format!("InvalidPolicyName,{}", inv.cmdlet.name),
                        ));
                    }
                    if lab.server.policy(&id).is_none() {
                        return Err(not_found("ClientPolicy", &id));
                    }
                    Some(id)
                }
                _ => None,
            };
            let who = lab.dir.name(user).to_owned();
            if inv.what_if() {
                what_if(&who, result);
                return Ok(Vec::new());
            }
            match &policy {
                Some(id) => {
                    lab.server.grants.insert(user, id.clone());
                    notes.say(format!("Lync Server: granted client policy {id} to {who}."));
                }
                None => {
                    lab.server.grants.remove(&user);
                    notes.say(format!(
                        "Lync Server: {who} has no granted client policy now; Global applies."
                    ));
                }
            }
            user_reach(lab, user, notes);
            Ok(if inv.has("PassThru") {
                vec![Obj::User(user)]
            } else {
                Vec::new()
            })
        }
        Verb::GetUser => match identity {
            None => Ok(lab.dir.users().map(|(u, _)| Obj::User(u)).collect()),
            Some(id) => Ok(vec![Obj::User(find_user(lab, &id)?)]),
        },
        Verb::SetUser => {
            let user = find_user(lab, identity.as_deref().unwrap_or_default())?;
            if inv.what_if() {
                let who = lab.dir.name(user).to_owned();
                what_if(&who, result);
                return Ok(Vec::new());
            }
            if let Some(Value::Bool(ev)) = inv.get("EnterpriseVoiceEnabled") {
                lab.dir.set_enterprise_voice(user, *ev);
                notes.say(format!(
                    "Lync Server: {} EnterpriseVoiceEnabled = {}.",
                    lab.dir.name(user),
                    if *ev { "True" } else { "False" }
                ));
            }
            Ok(if inv.has("PassThru") {
                vec![Obj::User(user)]
            } else {
                Vec::new()
            })
        }
    }
}

/// B4: a changed policy reaches clients only at their next sign-in; say which are waiting.
fn policy_reach(lab: &Lab, identity: &str, notes: &mut Notes) {
    let waiting: Vec<String> = lab
        .clients
        .iter()
        .filter(|((u, _), c)| c.signed_in && lab.server.effective_policy(*u).identity == identity)
        .map(|(&(u, c), _)| format!("{} on {}", lab.dir.name(u), lab.dir.computer(c)))
        .collect();
    say_waiting(waiting, notes);
}

fn user_reach(lab: &Lab, user: UserIx, notes: &mut Notes) {
    let waiting = lab
        .clients_of(user)
        .into_iter()
        .filter(|&c| lab.signed_in((user, c)))
        .map(|c| format!("{} on {}", lab.dir.name(user), lab.dir.computer(c)))
        .collect();
    say_waiting(waiting, notes);
}

fn say_waiting(waiting: Vec<String>, notes: &mut Notes) {
    if waiting.is_empty() {
        return;
    }
    const SHOWN: usize = 5;
    let mut text = waiting
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if waiting.len() > SHOWN {
        text.push_str(&format!(" and {} more", waiting.len() - SHOWN));
    }
    notes.say(format!(
        "Signed-in clients keep the policy they read at sign-in until they sign out and back in (B4): {text}."
    ));
}

// ----- output --------------------------------------------------------------------------------

fn render(lab: &Lab, objects: &[Obj], result: &mut ShellResult) {
    if objects.is_empty() {
        return;
    }
    result.lines.push(ShellLine {
        text: String::new(),
        error: false,
    });
    for obj in objects {
        let props: Vec<(&str, String)> = match obj {
            Obj::Policy(id) => {
                let Some(policy) = lab.server.policy(id) else {
                    continue;
                };
                vec![
                    ("Identity", policy.identity.clone()),
                    ("Description", policy.description.clone()),
                    (
                        "EnableExchangeDelegateSync",
                        match policy.enable_exchange_delegate_sync {
                            None => String::new(),
                            Some(true) => "True".into(),
                            Some(false) => "False".into(),
                        },
                    ),
                ]
            }
            Obj::User(u) => {
                let user = lab.dir.user(*u);
                let pool = lab
                    .dir
                    .front_end()
                    .map(|c| format!("{}.{}", lab.dir.computer(c).to_lowercase(), lab.dir.domain))
                    .unwrap_or_default();
                vec![
                    (
                        "Identity",
                        format!("CN={},CN=Users,{}", user.name, domain_dn(&lab.dir.domain)),
                    ),
                    ("VoicePolicy", String::new()),
                    (
                        "ClientPolicy",
                        lab.server
                            .grants
                            .get(u)
                            .and_then(|g| g.strip_prefix("Tag:"))
                            .unwrap_or_default()
                            .to_owned(),
                    ),
                    ("SipAddress", lab.dir.sip_uri(*u)),
                    ("LineURI", String::new()),
                    (
                        "EnterpriseVoiceEnabled",
                        if user.enterprise_voice {
                            "True"
                        } else {
                            "False"
                        }
                        .into(),
                    ),
                    ("DisplayName", user.name.clone()),
                    ("Enabled", "True".into()),
                    ("RegistrarPool", pool),
                ]
            }
        };
        let width = props
            .iter()
            .map(|(n, _)| n.chars().count())
            .max()
            .unwrap_or(0);
        for (name, value) in props {
            let text = format!("{name:<width$} : {value}");
            result.lines.push(ShellLine {
                text: text.trim_end().to_owned(),
                error: false,
            });
        }
        result.lines.push(ShellLine {
            text: String::new(),
            error: false,
        });
    }
}

fn domain_dn(domain: &str) -> String {
    domain
        .split('.')
        .map(|part| format!("DC={part}"))
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(line: &str) -> Vec<TokKind> {
        tokenize(&line.chars().collect::<Vec<_>>())
            .unwrap()
            .into_iter()
            .map(|t| t.kind)
            .collect()
    }

    #[test]
    fn en_dash_parameters_and_quotes_tokenize_like_powershell() {
        assert_eq!(
            tokens("Set-CsClientPolicy 'Tag:A B' –EnableExchangeDelegateSync:$True # comment"),
            vec![
                TokKind::Word {
                    text: "Set-CsClientPolicy".into(),
                    quoted: false
                },
                TokKind::Word {
                    text: "Tag:A B".into(),
                    quoted: true
                },
                TokKind::Param {
                    name: "EnableExchangeDelegateSync".into(),
                    attached: Some("$True".into())
                },
            ]
        );
        assert_eq!(
            tokens(r#""it""s" 'don''t' "a`"b""#),
            vec![
                TokKind::Word {
                    text: "it\"s".into(),
                    quoted: true
                },
                TokKind::Word {
                    text: "don't".into(),
                    quoted: true
                },
                TokKind::Word {
                    text: "a\"b".into(),
                    quoted: true
                },
            ]
        );
    }

    #[test]
    fn an_unterminated_string_is_a_parser_error() {
        let err = tokenize(&"Get-CsUser \"user20".chars().collect::<Vec<_>>()).unwrap_err();
        assert_eq!(err.message, "The string is missing the terminator: \".");
        assert_eq!(err.at, 11);
    }
}
