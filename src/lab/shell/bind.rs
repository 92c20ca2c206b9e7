//! Parameter definitions and binding: named parameters (case-insensitive, shortened to any
//! unambiguous prefix, `-Name value` or `-Name:value`), positional ones, the common parameters,
//! and conversion to the parameter's type.

use std::iter::Peekable;
use std::slice;

use super::cmdlets::{self, Cmdlet};
use super::format::ErrorRecord;
use super::tokens::{Tok, TokKind};
use ParamType::*;

#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum ParamType {
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
            Text | PolicyName => "System.String",
            NullableBool => "System.Nullable`1[System.Boolean]",
            Bool => "System.Boolean",
            Switch => "System.Management.Automation.SwitchParameter",
        }
    }
}

pub(super) struct ParamDef {
    pub(super) name: &'static str,
    ty: ParamType,
    position: Option<usize>,
    pub(super) mandatory: bool,
}

pub(super) const fn p(
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
pub(super) enum Value {
    Text(String),
    Bool(bool),
    Null,
}

impl Value {
    pub(super) fn shown(&self) -> String {
        match self {
            Value::Text(t) => t.clone(),
            Value::Bool(true) => "True".into(),
            Value::Bool(false) => "False".into(),
            Value::Null => String::new(),
        }
    }
}

pub(super) fn variable(name: &str) -> Value {
    match name.to_ascii_lowercase().as_str() {
        "true" => Value::Bool(true),
        "false" => Value::Bool(false),
        // Unset variables are $null in PowerShell.
        _ => Value::Null,
    }
}

/// A command found and bound, ready to run.
pub(super) struct Invocation {
    pub(super) cmdlet: &'static Cmdlet,
    bound: Vec<(&'static ParamDef, Value)>,
    /// Where the command sits in the line, for error underlines.
    start: usize,
    end: usize,
}

impl Invocation {
    pub(super) fn get(&self, name: &str) -> Option<&Value> {
        self.bound
            .iter()
            .find(|(d, _)| d.name == name)
            .map(|(_, v)| v)
    }

    pub(super) fn has(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// Every parameter bound, by its full name, in the order given.
    pub(super) fn bound(&self) -> impl Iterator<Item = (&'static str, &Value)> {
        self.bound.iter().map(|(d, v)| (d.name, v))
    }

    pub(super) fn what_if(&self) -> bool {
        matches!(self.get("WhatIf"), Some(Value::Bool(true)))
    }

    /// An error of this command, underlining it; `error_id` gets the cmdlet's name appended.
    pub(super) fn error(&self, message: String, category: &str, error_id: &str) -> ErrorRecord {
        ErrorRecord {
            command: self.cmdlet.name.into(),
            message,
            category: category.into(),
            error_id: format!("{error_id},{}", self.cmdlet.name),
            start: self.start,
            end: self.end,
        }
    }
}

type Args<'t> = Peekable<slice::Iter<'t, Tok>>;

/// A token's char offsets in the line: start, end.
type Span = (usize, usize);

/// Binds a command's parameters; Ok(None) when the stage is a bare value rather than a command.
pub(super) fn bind(stage: &[Tok], chars: &[char]) -> Result<Option<Invocation>, ErrorRecord> {
    let Some(cmdlet) = command(stage, chars)? else {
        return Ok(None);
    };
    let first = &stage[0];
    let mut binder = Binder {
        inv: Invocation {
            cmdlet,
            bound: Vec::new(),
            start: first.start,
            end: stage.last().map_or(first.end, |t| t.end),
        },
        defs: cmdlet
            .params
            .iter()
            .chain(COMMON)
            .chain(if cmdlet.changes { CHANGE_COMMON } else { &[] })
            .collect(),
        positional: Vec::new(),
    };
    let mut args: Args<'_> = stage[1..].iter().peekable();
    while let Some(tok) = args.next() {
        match &tok.kind {
            TokKind::Param { name, attached } => {
                binder.named(name, attached.as_deref(), (tok.start, tok.end), &mut args)?;
            }
            other => binder.positional.extend(argument(other)),
        }
    }
    binder.positionals().map(Some)
}

/// The cmdlet a stage's first token names; Ok(None) when it is a value, not a name.
fn command(stage: &[Tok], chars: &[char]) -> Result<Option<&'static Cmdlet>, ErrorRecord> {
    let first = &stage[0];
    let name = match &first.kind {
        TokKind::Word {
            text,
            quoted: false,
        } => text,
        TokKind::Var(_) | TokKind::Word { quoted: true, .. } => return Ok(None),
        TokKind::Param { .. } => {
            let operator = chars[first.start..first.end].first().copied();
            return Err(ErrorRecord::parser(
                format!(
                    "Missing expression after unary operator '{}'.",
                    operator.unwrap_or('-')
                ),
                "MissingExpressionAfterOperator",
                first.start,
                first.start + 1,
            ));
        }
        TokKind::Pipe | TokKind::Semi => return Ok(None),
    };
    match cmdlets::find(name) {
        Some(cmdlet) => Ok(Some(cmdlet)),
        None => Err(ErrorRecord {
            command: name.clone(),
            message: format!(
                "The term '{name}' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again."
            ),
            category: format!("ObjectNotFound: ({name}:String) [], CommandNotFoundException"),
            error_id: "CommandNotFoundException".into(),
            start: first.start,
            end: first.end,
        }),
    }
}

/// A word or variable as an argument, with the text a positional error quotes.
fn argument(kind: &TokKind) -> Option<(Value, String)> {
    match kind {
        TokKind::Word { text, quoted } => {
            let value = if *quoted {
                Value::Text(text.clone())
            } else {
                raw_value(text)
            };
            Some((value, text.clone()))
        }
        TokKind::Var(v) => Some((variable(v), format!("${v}"))),
        TokKind::Param { .. } | TokKind::Pipe | TokKind::Semi => None,
    }
}

/// The parameters of one command as they get bound.
struct Binder {
    inv: Invocation,
    /// The cmdlet's own parameters, then the common ones.
    defs: Vec<&'static ParamDef>,
    /// Arguments not bound by name, in order, with their text.
    positional: Vec<(Value, String)>,
}

impl Binder {
    fn err(&self, message: String, category: &str, error_id: &str) -> ErrorRecord {
        self.inv.error(message, category, error_id)
    }

    /// A parameter binding error, as PowerShell lays it out: the cmdlet in its category, the
    /// whole command underlined.
    fn binding_err(&self, message: String, error_id: &str) -> ErrorRecord {
        self.err(
            message,
            &format!(
                "InvalidArgument: (:) [{}], ParameterBindingException",
                self.inv.cmdlet.name
            ),
            error_id,
        )
    }

    /// A binding error about one `-Parameter`: PowerShell points at that token (`At line:1
    /// char:<where it starts>`, the token underlined).
    fn param_err(&self, message: String, error_id: &str, (start, end): Span) -> ErrorRecord {
        ErrorRecord {
            start,
            end,
            ..self.binding_err(message, error_id)
        }
    }

    /// `-Name value`, `-Name:value` or a switch; `span` is the `-Name` token's.
    fn named(
        &mut self,
        name: &str,
        attached: Option<&str>,
        span: Span,
        args: &mut Args<'_>,
    ) -> Result<(), ErrorRecord> {
        let def = self.resolve(name, span)?;
        if self.inv.has(def.name) {
            return Err(self.param_err(
                format!(
                    "Cannot bind parameter because parameter '{}' is specified more than once. To provide multiple values to parameters that can accept multiple values, use the array syntax. For example, \"-parameter value1,value2,value3\".",
                    def.name
                ),
                "ParameterAlreadyBound",
                span,
            ));
        }
        let raw = match attached {
            Some(text) => raw_value(text),
            None if def.ty == Switch => Value::Bool(true),
            None => match args.peek().and_then(|t| argument(&t.kind)) {
                Some((value, _)) => {
                    args.next();
                    value
                }
                None => {
                    return Err(self.param_err(
                        format!(
                            "Missing an argument for parameter '{}'. Specify a parameter of type '{}' and try again.",
                            def.name,
                            def.ty.dotnet()
                        ),
                        "MissingArgument",
                        span,
                    ));
                }
            },
        };
        self.push(def, raw)
    }

    /// The parameter a name means: its full name, else the only one it starts. Several:
    /// PowerShell's AmbiguousParameter error, listing them in the cmdlet's parameter order.
    fn resolve(&self, name: &str, span: Span) -> Result<&'static ParamDef, ErrorRecord> {
        let lower = name.to_ascii_lowercase();
        let exact = self.defs.iter().find(|d| d.name.eq_ignore_ascii_case(name));
        let matches: Vec<&'static ParamDef> = self
            .defs
            .iter()
            .copied()
            .filter(|d| d.name.to_ascii_lowercase().starts_with(&lower))
            .collect();
        match (exact, matches.as_slice()) {
            (Some(d), _) => Ok(d),
            (None, [d]) => Ok(d),
            (None, []) => Err(self.param_err(
                format!("A parameter cannot be found that matches parameter name '{name}'."),
                "NamedParameterNotFound",
                span,
            )),
            (None, many) => {
                let names: Vec<String> = many.iter().map(|d| format!("-{}", d.name)).collect();
                Err(self.param_err(
                    format!(
                        "Parameter cannot be processed because the parameter name '{name}' is ambiguous. Possible matches include: {}.",
                        names.join(" ")
                    ),
                    "AmbiguousParameter",
                    span,
                ))
            }
        }
    }

    /// Converts a value to the parameter's type and binds it.
    fn push(&mut self, def: &'static ParamDef, value: Value) -> Result<(), ErrorRecord> {
        let value = convert(def, value).map_err(|m| {
            self.err(
                m,
                "InvalidData: (:) [], ParameterBindingValidationException",
                "ParameterArgumentTransformationError",
            )
        })?;
        self.inv.bound.push((def, value));
        Ok(())
    }

    /// Binds the positional arguments to the positional parameters not bound by name, in
    /// position order.
    fn positionals(mut self) -> Result<Invocation, ErrorRecord> {
        let mut slots: Vec<&'static ParamDef> = self
            .inv
            .cmdlet
            .params
            .iter()
            .filter(|d| d.position.is_some() && !self.inv.has(d.name))
            .collect();
        slots.sort_by_key(|d| d.position);
        for (value, text) in std::mem::take(&mut self.positional) {
            if slots.is_empty() {
                return Err(self.binding_err(
                    format!(
                        "A positional parameter cannot be found that accepts argument '{text}'."
                    ),
                    "PositionalParameterNotFound",
                ));
            }
            let def = slots.remove(0);
            self.push(def, value)?;
        }
        Ok(self.inv)
    }
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
