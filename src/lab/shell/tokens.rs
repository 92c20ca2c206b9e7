//! The tokenizer: bare and quoted words, `-Parameters` (also with PowerShell's other dashes),
//! `$variables`, `|` and `;`, and `#` comments.

#[derive(Clone, Debug, PartialEq)]
pub(super) enum TokKind {
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
pub(super) struct Tok {
    pub(super) kind: TokKind,
    /// 0-based char offsets of the token in the line.
    pub(super) start: usize,
    pub(super) end: usize,
}

#[derive(Debug)]
pub(super) struct ParseError {
    pub(super) message: String,
    pub(super) error_id: &'static str,
    pub(super) at: usize,
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

pub(super) fn tokenize(chars: &[char]) -> Result<Vec<Tok>, ParseError> {
    let mut toks = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_space(c) {
            i += 1;
            continue;
        }
        let start = i;
        let (kind, end) = match c {
            '#' => break,
            '|' => (TokKind::Pipe, i + 1),
            ';' => (TokKind::Semi, i + 1),
            '\'' | '"' | '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}' => {
                let (text, next) = quoted(chars, i)?;
                (TokKind::Word { text, quoted: true }, next)
            }
            '$' => var_token(chars, i + 1),
            c if is_dash(c) && chars.get(i + 1).is_some_and(|n| n.is_alphabetic()) => {
                param_token(chars, i + 1)?
            }
            _ => bare_word(chars, i),
        };
        toks.push(Tok { kind, start, end });
        i = end;
    }
    Ok(toks)
}

/// `$name`, its name starting at `from`; returns the token and the index after it.
fn var_token(chars: &[char], from: usize) -> (TokKind, usize) {
    let mut i = from;
    while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == ':') {
        i += 1;
    }
    (TokKind::Var(chars[from..i].iter().collect()), i)
}

/// `-Name` or `-Name:value`, the name starting at `from`; returns the token and the index
/// after it.
fn param_token(chars: &[char], from: usize) -> Result<(TokKind, usize), ParseError> {
    let mut i = from;
    while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
        i += 1;
    }
    let name: String = chars[from..i].iter().collect();
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
    Ok((TokKind::Param { name, attached }, i))
}

/// An unquoted word from `from`, where a backtick escapes the next char; returns the token and
/// the index after it.
fn bare_word(chars: &[char], from: usize) -> (TokKind, usize) {
    let mut i = from;
    let mut text = String::new();
    while i < chars.len() && !ends_word(chars[i]) {
        if chars[i] == '`' && i + 1 < chars.len() {
            i += 1;
        }
        text.push(chars[i]);
        i += 1;
    }
    let word = TokKind::Word {
        text,
        quoted: false,
    };
    (word, i)
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
