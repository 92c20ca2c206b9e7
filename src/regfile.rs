//! Registry Editor's `.reg` files, out and in (issue 23): [`write`] makes the bytes File >
//! Export... writes, [`parse`] reads what Registry Editor would import, refusing with the line
//! and column of what is wrong, and [`lync_hive_keys`] is what an export of the lab's Lync key
//! holds (B7, W11). No I/O here: callers pass and take bytes.
//!
//! ## The format, and where each rule comes from
//!
//! Confirmed in Wine's reimplementation of regedit (`programs/regedit/regproc.c`, the code
//! corpus: `export_hex_data`, `export_value_name`, `export_dword_data`, `export_key_name`,
//! `REGPROC_open_export_file`, `export_key`) and in third-party descriptions of the format (the
//! pages corpus: "JSI Tip 8615. Understanding Regedit.exe .reg files", itprotoday.com;
//! "Identifying the Elements of a Reg File", jaugernaut.com; J. Mostert's ".reg file format";
//! a gist on .reg encodings, gist.github.com/SalviaSage):
//! - Version 5 files are UTF-16LE with the mark FF FE, header `Windows Registry Editor Version
//!   5.00`; `REGEDIT4` files are ANSI (Windows-1252 on Western systems). Lines end with CRLF.
//! - Each key line is `[path]` with the root spelled out (`HKEY_CURRENT_USER`, never `HKCU`),
//!   preceded by a blank line; `[-path]` deletes a key, `"Name"=-` a value.
//! - The default value is written `@=` (Wine's `export_value_name`; one of the pages writes
//!   `"@"=`, which is a value named `@`); an unset default value is not written.
//! - `REG_SZ` is `"Name"="data"`, with `\` written `\\` and `"` written `\"` in names and data.
//! - `REG_DWORD` is `dword:` and eight lowercase hex digits (`%08x`).
//! - Every other type is hex bytes, two lowercase digits each, comma separated: `hex:` for
//!   `REG_BINARY`, `hex(N):` with N in lowercase hex otherwise — `hex(2):` `REG_EXPAND_SZ`,
//!   `hex(7):` `REG_MULTI_SZ`, `hex(b):` `REG_QWORD`, `hex(0):` `REG_NONE`. In version 5 the
//!   strings in hex are UTF-16LE with their terminating NUL (a multi-string also ends with an
//!   empty one); in `REGEDIT4` they are ANSI bytes.
//! - Hex lines wrap: after a byte's comma, once the line holds 77 characters or more, the line
//!   ends with `\` and the next starts with two spaces, so no line passes 80 characters.
//! - The file ends with one more blank line after the last value.
//! - On import `;` starts a comment line (Wine's import tests also read `#` lines as comments).
//!
//! ## Lab assumptions
//! - Registry Editor writes a key's values in the order the registry enumerates them; the lab
//!   writes them in the order its Registry Editor window lists them (by name).
//! - Strings are read with the two escapes Registry Editor writes (`\\`, `\"`); anything else
//!   after a `\` is refused, as is a line that is none of header, key, value, comment or blank
//!   (Registry Editor skips such lines silently; the lab says where they are).
//! - A file without a byte-order mark is read as UTF-8 when it is valid UTF-8 and has the
//!   version 5 header (editors re-save exports so), otherwise as Windows-1252; a `REGEDIT4`
//!   file without a mark is always Windows-1252, as Registry Editor reads it.
//! - Key paths must start with one of the six root names Registry Editor's format lists.

use std::fmt::{self, Write as _};

use crate::lab::registry::{DelegatorListValue, LYNC_KEY, lync_key_path};
use crate::lab::{ComputerIx, Lab, UserIx};

/// A value's data as a .reg file writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RegData {
    /// `"Name"="value"`
    Sz(String),
    /// `hex(2):`
    ExpandSz(String),
    /// `hex(7):`
    MultiSz(Vec<String>),
    /// `dword:0000002a`
    Dword(u32),
    /// `hex(b):`
    Qword(u64),
    /// `hex:`
    Binary(Vec<u8>),
    /// `hex(N):`
    Other { kind: u32, bytes: Vec<u8> },
    /// `"Name"=-`
    Delete,
}

/// One value line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegValue {
    /// None: the default value, written `@`.
    pub name: Option<String>,
    pub data: RegData,
    /// 1-based line in the file it was read from; 0 when built.
    pub line: usize,
}

/// One key line and its values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegKey {
    /// `HKEY_CURRENT_USER\Software\...`
    pub path: String,
    /// `[-HKEY...]`
    pub delete: bool,
    /// 1-based line in the file it was read from; 0 when built.
    pub line: usize,
    pub values: Vec<RegValue>,
}

/// The two formats Registry Editor writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RegFormat {
    /// "Windows Registry Editor Version 5.00", UTF-16LE.
    Regedit5,
    /// "REGEDIT4", ANSI.
    Regedit4,
}

/// A file as read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegFile {
    pub format: RegFormat,
    pub keys: Vec<RegKey>,
}

/// Why a file is not a .reg file regedit would import: where (1-based line and column, in
/// characters) and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for RegError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

impl std::error::Error for RegError {}

fn error(line: usize, column: usize, message: impl Into<String>) -> RegError {
    RegError {
        line,
        column,
        message: message.into(),
    }
}

const HEADER_5: &str = "Windows Registry Editor Version 5.00";
const HEADER_4: &str = "REGEDIT4";
/// The roots a key path may start with.
const ROOTS: [&str; 6] = [
    "HKEY_LOCAL_MACHINE",
    "HKEY_CURRENT_USER",
    "HKEY_CLASSES_ROOT",
    "HKEY_USERS",
    "HKEY_CURRENT_CONFIG",
    "HKEY_DYN_DATA",
];
/// A hex line wraps once it holds this many characters (Wine's `MAX_HEX_CHARS`).
const HEX_WRAP: usize = 77;
const CRLF: &str = "\r\n";

// ---------------------------------------------------------------------------------------
// Writing

/// The bytes Registry Editor's File > Export... writes for these keys: FF FE, then UTF-16LE
/// "Windows Registry Editor Version 5.00", CRLF line ends, a blank line before each key line,
/// values as regedit escapes them, hex lines wrapped with "\" as regedit wraps them, and the
/// blank line regedit ends the file with.
pub fn write(keys: &[RegKey]) -> Vec<u8> {
    let text = export_text(keys);
    let mut bytes = Vec::with_capacity(2 + text.len() * 2);
    bytes.extend_from_slice(&[0xFF, 0xFE]);
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    bytes
}

/// The text [`write`] encodes (without the byte-order mark).
pub fn export_text(keys: &[RegKey]) -> String {
    let mut out = String::from(HEADER_5);
    out.push_str(CRLF);
    for key in keys {
        out.push_str(CRLF);
        out.push('[');
        if key.delete {
            out.push('-');
        }
        out.push_str(&key.path);
        out.push(']');
        out.push_str(CRLF);
        for value in &key.values {
            write_value(&mut out, value);
        }
    }
    out.push_str(CRLF);
    out
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c == '\\' || c == '"' {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Characters as regedit counts them for wrapping: UTF-16 units.
fn width(text: &str) -> usize {
    text.encode_utf16().count()
}

fn write_value(out: &mut String, value: &RegValue) {
    let lead = match &value.name {
        Some(name) => format!("\"{}\"=", escape(name)),
        None => "@=".to_owned(),
    };
    out.push_str(&lead);
    let line_len = width(&lead);
    match &value.data {
        RegData::Sz(text) => {
            out.push('"');
            out.push_str(&escape(text));
            out.push('"');
        }
        RegData::Dword(n) => {
            let _ = write!(out, "dword:{n:08x}");
        }
        RegData::Delete => out.push('-'),
        RegData::ExpandSz(text) => write_hex(out, line_len, Some(2), &utf16_z(text)),
        RegData::MultiSz(strings) => write_hex(out, line_len, Some(7), &multi_sz(strings)),
        RegData::Qword(n) => write_hex(out, line_len, Some(0xb), &n.to_le_bytes()),
        RegData::Binary(bytes) => write_hex(out, line_len, None, bytes),
        RegData::Other { kind, bytes } => write_hex(out, line_len, Some(*kind), bytes),
    }
    out.push_str(CRLF);
}

/// `hex:` or `hex(N):` and the bytes, wrapped as regedit wraps them.
fn write_hex(out: &mut String, mut line_len: usize, kind: Option<u32>, bytes: &[u8]) {
    let prefix = match kind {
        None => "hex:".to_owned(),
        Some(kind) => format!("hex({kind:x}):"),
    };
    out.push_str(&prefix);
    line_len += prefix.len();
    for (i, byte) in bytes.iter().enumerate() {
        let _ = write!(out, "{byte:02x}");
        if i + 1 == bytes.len() {
            break;
        }
        out.push(',');
        line_len += 3;
        if line_len >= HEX_WRAP {
            out.push('\\');
            out.push_str(CRLF);
            out.push_str("  ");
            line_len = 2;
        }
    }
}

fn utf16_le(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

/// A string with its terminating NUL, in UTF-16LE.
fn utf16_z(text: &str) -> Vec<u8> {
    let mut bytes = utf16_le(text);
    bytes.extend_from_slice(&[0, 0]);
    bytes
}

/// Each string with its NUL, then the empty string that ends the list.
fn multi_sz(strings: &[String]) -> Vec<u8> {
    let mut bytes: Vec<u8> = strings.iter().flat_map(|s| utf16_z(s)).collect();
    bytes.extend_from_slice(&[0, 0]);
    bytes
}

// ---------------------------------------------------------------------------------------
// Reading

/// Reads a .reg file: version 5 (UTF-16LE with BOM; also UTF-8 with or without BOM, as people
/// re-save exports in editors) or REGEDIT4 (ANSI, decoded as Windows-1252). CRLF or LF.
/// Continuation lines ("\" at the end, next line indented). Comments (";" lines). Refuses
/// with a [`RegError`] an empty file, a binary file, UTF-16 without a BOM, a missing or
/// unknown header, a value line before any key line, a bad escape or unterminated string, bad
/// hex, and a file cut short in the middle of a continued value.
pub fn parse(bytes: &[u8]) -> Result<RegFile, RegError> {
    let text = decode(bytes)?;
    if text.trim().is_empty() {
        return Err(error(1, 1, "an empty file: no header, no keys"));
    }
    let lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let format = header(lines[0])?;
    let mut keys: Vec<RegKey> = Vec::new();
    let mut i = 1;
    while i < lines.len() {
        let number = i + 1;
        let line = lines[i];
        i += 1;
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        let content = line[indent..].trim_end_matches([' ', '\t', '\x1a']);
        let column = line[..indent].chars().count() + 1;
        if content.is_empty() || content.starts_with(';') || content.starts_with('#') {
            continue;
        }
        if content.starts_with('[') {
            keys.push(key_line(content, number, column)?);
            continue;
        }
        if !(content.starts_with('"') || content.starts_with('@')) {
            return Err(error(
                number,
                column,
                "not a key, value or comment line: a key line starts with [, a value line with \" or @, a comment with ;",
            ));
        }
        let Some(key) = keys.last_mut() else {
            return Err(error(
                number,
                column,
                "a value line before any key line: values belong to the [key] line above them",
            ));
        };
        let value = value_line(&lines, &mut i, number, column, format)?;
        key.values.push(value);
    }
    Ok(RegFile { format, keys })
}

/// The file's text, by its byte-order mark (or its header, without one): what customers
/// send is read as [`crate::text`] reads any evidence, but for UTF-16 big-endian, which
/// Registry Editor does not read, and `REGEDIT4` files, ANSI always.
fn decode(bytes: &[u8]) -> Result<String, RegError> {
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(error(
            1,
            1,
            "UTF-16 big-endian text: Registry Editor reads .reg files in UTF-16 little-endian (FF FE) or ANSI",
        ));
    }
    if bytes.starts_with(HEADER_4.as_bytes()) {
        return Ok(crate::text::ansi(bytes));
    }
    crate::text::decode(bytes)
        .map(|(text, _)| text)
        .map_err(|e| error(e.line, e.column, e.message))
}

fn header(first: &str) -> Result<RegFormat, RegError> {
    let first = first.trim_end_matches([' ', '\t']);
    if first == HEADER_5 {
        return Ok(RegFormat::Regedit5);
    }
    if first == HEADER_4 {
        return Ok(RegFormat::Regedit4);
    }
    let versioned = ["Windows Registry Editor Version ", "REGEDIT"]
        .into_iter()
        .find(|stem| first.starts_with(stem));
    match versioned {
        Some(stem) => Err(error(
            1,
            stem.chars().count() + 1,
            format!(
                "unknown header {first:?}: Registry Editor writes \"{HEADER_5}\" or \"{HEADER_4}\""
            ),
        )),
        None => Err(error(
            1,
            1,
            format!(
                "missing header: a .reg file starts with the line \"{HEADER_5}\" (or \"{HEADER_4}\")"
            ),
        )),
    }
}

fn key_line(content: &str, line: usize, column: usize) -> Result<RegKey, RegError> {
    let Some(close) = content.rfind(']') else {
        return Err(error(
            line,
            column + content.chars().count(),
            "a key line that does not end with ]",
        ));
    };
    let after = &content[close + 1..];
    if !after.trim().is_empty() {
        return Err(error(
            line,
            column + content[..close + 1].chars().count(),
            "text after the key line's ]",
        ));
    }
    let (delete, path, path_column) = match content[1..close].strip_prefix('-') {
        Some(path) => (true, path, column + 2),
        None => (false, &content[1..close], column + 1),
    };
    let root = path.split('\\').next().unwrap_or_default();
    if !ROOTS.iter().any(|r| r.eq_ignore_ascii_case(root)) {
        return Err(error(
            line,
            path_column,
            format!(
                "unknown root key {root:?}: a key path starts with one of {}",
                ROOTS.join(", ")
            ),
        ));
    }
    Ok(RegKey {
        path: path.to_owned(),
        delete,
        line,
        values: Vec::new(),
    })
}

/// Characters of a line, with their 1-based columns.
struct Cursor {
    chars: Vec<char>,
    at: usize,
    /// The column of `chars[0]`.
    first_column: usize,
    line: usize,
}

impl Cursor {
    /// The hex digits from here, taken.
    fn hex_digits(&mut self) -> String {
        std::iter::from_fn(|| {
            let c = self.peek().filter(char::is_ascii_hexdigit)?;
            self.at += 1;
            Some(c)
        })
        .collect()
    }

    fn new(text: &str, line: usize, first_column: usize) -> Self {
        Cursor {
            chars: text.chars().collect(),
            at: 0,
            first_column,
            line,
        }
    }

    fn column(&self) -> usize {
        self.first_column + self.at
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn skip_blanks(&mut self) {
        while matches!(self.peek(), Some(' ' | '\t')) {
            self.at += 1;
        }
    }

    fn rest(&self) -> String {
        self.chars[self.at..].iter().collect()
    }

    fn fail(&self, message: impl Into<String>) -> RegError {
        error(self.line, self.column(), message)
    }

    /// A quoted string at the cursor (which is on its `"`).
    fn quoted(&mut self) -> Result<String, RegError> {
        let open = self.column();
        self.at += 1;
        let mut text = String::new();
        loop {
            match self.peek() {
                None => {
                    return Err(error(
                        self.line,
                        open,
                        "an unterminated string: no closing \" on this line",
                    ));
                }
                Some('"') => {
                    self.at += 1;
                    return Ok(text);
                }
                Some('\\') => match self.chars.get(self.at + 1) {
                    Some(&c @ ('\\' | '"')) => {
                        text.push(c);
                        self.at += 2;
                    }
                    Some(&c) => {
                        return Err(self.fail(format!(
                            "a bad escape \\{c}: in a string Registry Editor writes \\ as \\\\ and \" as \\\""
                        )));
                    }
                    None => {
                        return Err(error(
                            self.line,
                            open,
                            "an unterminated string: no closing \" on this line",
                        ));
                    }
                },
                Some(c) => {
                    text.push(c);
                    self.at += 1;
                }
            }
        }
    }

    /// Only blanks (or a comment) left.
    fn end(&mut self, what: &str) -> Result<(), RegError> {
        self.skip_blanks();
        match self.peek() {
            None | Some(';') => Ok(()),
            Some(_) => Err(self.fail(format!("text after {what}"))),
        }
    }
}

fn value_line(
    lines: &[&str],
    next: &mut usize,
    line: usize,
    column: usize,
    format: RegFormat,
) -> Result<RegValue, RegError> {
    let text = lines[line - 1];
    let indent = text.len() - text.trim_start_matches([' ', '\t']).len();
    let mut cursor = Cursor::new(
        text[indent..].trim_end_matches([' ', '\t', '\x1a']),
        line,
        column,
    );
    let name = if cursor.peek() == Some('@') {
        cursor.at += 1;
        None
    } else {
        Some(cursor.quoted()?)
    };
    cursor.skip_blanks();
    if cursor.peek() != Some('=') {
        return Err(cursor.fail("expected = after the value's name"));
    }
    cursor.at += 1;
    cursor.skip_blanks();
    let rest = cursor.rest();
    let lower = rest.to_ascii_lowercase();
    let data = if rest.starts_with('-') {
        cursor.at += 1;
        cursor.end("the - that deletes the value")?;
        RegData::Delete
    } else if rest.starts_with('"') {
        let text = cursor.quoted()?;
        cursor.end("the string's closing \"")?;
        RegData::Sz(text)
    } else if lower.starts_with("dword:") {
        cursor.at += "dword:".len();
        let start = cursor.column();
        let digits = cursor.hex_digits();
        if digits.is_empty() || digits.len() > 8 {
            return Err(error(
                line,
                start,
                "a bad dword: dword: takes one to eight hex digits (dword:0000002a)",
            ));
        }
        cursor.end("the dword's digits")?;
        RegData::Dword(u32::from_str_radix(&digits, 16).unwrap_or_default())
    } else if lower.starts_with("hex:") {
        cursor.at += "hex:".len();
        let bytes = hex_bytes(lines, next, cursor)?;
        RegData::Binary(bytes)
    } else if lower.starts_with("hex(") {
        cursor.at += "hex(".len();
        let start = cursor.column();
        let digits = cursor.hex_digits();
        let kind = u32::from_str_radix(&digits, 16)
            .ok()
            .filter(|_| digits.len() <= 8 && cursor.chars[cursor.at..].starts_with(&[')', ':']));
        let Some(kind) = kind else {
            return Err(error(
                line,
                start,
                "a bad value type: hex(N): takes the type in hex (hex(7):)",
            ));
        };
        cursor.at += 2;
        let bytes = hex_bytes(lines, next, cursor)?;
        typed(kind, bytes, format)
    } else {
        return Err(cursor
            .fail("unknown data: a value is \"text\", dword:, hex:, hex(N): or - (to delete it)"));
    };
    Ok(RegValue { name, data, line })
}

/// Hex bytes from the cursor on, through continuation lines.
fn hex_bytes(lines: &[&str], next: &mut usize, mut cursor: Cursor) -> Result<Vec<u8>, RegError> {
    let mut bytes = Vec::new();
    loop {
        cursor.skip_blanks();
        match cursor.peek() {
            None | Some(';') => return Ok(bytes),
            Some('\\') => {
                let (line, column) = (cursor.line, cursor.column());
                cursor.at += 1;
                cursor.end("the \\ that continues the value on the next line")?;
                let Some(&text) = lines.get(*next) else {
                    return Err(truncated(line, column));
                };
                let number = *next + 1;
                *next += 1;
                let text = text.trim_end_matches([' ', '\t', '\x1a']);
                if text.trim().is_empty() {
                    // Nothing but blank lines after it (a file that ends with a line end ends
                    // with an empty line): the file was cut short.
                    if lines[*next..].iter().all(|l| l.trim().is_empty()) {
                        return Err(truncated(line, column));
                    }
                    return Err(error(
                        number,
                        1,
                        format!(
                            "a blank line where the value continued with \\ on line {line} goes on"
                        ),
                    ));
                }
                cursor = Cursor::new(text, number, 1);
            }
            Some(_) => {
                let start = cursor.column();
                let token: String = std::iter::from_fn(|| {
                    let c = cursor
                        .peek()
                        .filter(|c| !matches!(c, ',' | ' ' | '\t' | '\\'))?;
                    cursor.at += 1;
                    Some(c)
                })
                .collect();
                let byte = (1..=2)
                    .contains(&token.len())
                    .then(|| u8::from_str_radix(&token, 16).ok())
                    .flatten()
                    .filter(|_| token.chars().all(|c| c.is_ascii_hexdigit()));
                let Some(byte) = byte else {
                    return Err(error(
                        cursor.line,
                        start,
                        format!(
                            "bad hex {token:?}: each byte is two hex digits, bytes are separated by commas"
                        ),
                    ));
                };
                bytes.push(byte);
                cursor.skip_blanks();
                match cursor.peek() {
                    Some(',') => cursor.at += 1,
                    None | Some('\\' | ';') => {}
                    Some(_) => {
                        return Err(cursor.fail("bad hex: expected , between bytes"));
                    }
                }
            }
        }
    }
}

fn truncated(line: usize, column: usize) -> RegError {
    error(
        line,
        column,
        "truncated: the file ends where the value continued with \\ goes on",
    )
}

/// A hex(N) value's data as its type reads it (the bytes kept as they are when they are not
/// what the type holds).
fn typed(kind: u32, bytes: Vec<u8>, format: RegFormat) -> RegData {
    let strings = |bytes: &[u8]| -> Option<Vec<String>> {
        let text = match format {
            RegFormat::Regedit5 => {
                if bytes.len() % 2 == 1 {
                    return None;
                }
                let units = bytes
                    .chunks_exact(2)
                    .map(|p| u16::from_le_bytes([p[0], p[1]]));
                char::decode_utf16(units)
                    .collect::<Result<String, _>>()
                    .ok()?
            }
            RegFormat::Regedit4 => crate::text::ansi(bytes),
        };
        let text = text.strip_suffix('\0')?;
        Some(text.split('\0').map(str::to_owned).collect())
    };
    match kind {
        3 => RegData::Binary(bytes),
        2 => match strings(&bytes) {
            Some(mut parts) if parts.len() == 1 => RegData::ExpandSz(parts.remove(0)),
            _ => RegData::Other { kind, bytes },
        },
        7 => match strings(&bytes) {
            Some(parts) => {
                // The list ends with an empty string: `a\0b\0\0` or, empty, `\0`.
                let mut parts = parts;
                if parts.len() > 1 && parts.last().is_some_and(String::is_empty) {
                    parts.pop();
                } else if parts == [""] {
                    parts.clear();
                }
                RegData::MultiSz(parts)
            }
            None => RegData::Other { kind, bytes },
        },
        0xb => match <[u8; 8]>::try_from(bytes.as_slice()) {
            Ok(le) => RegData::Qword(u64::from_le_bytes(le)),
            Err(_) => RegData::Other { kind, bytes },
        },
        _ => RegData::Other { kind, bytes },
    }
}

// ---------------------------------------------------------------------------------------
// The lab's hive

/// What Registry Editor exports for `HKEY_CURRENT_USER\Software\Microsoft\Office\15.0\Lync` in
/// this (user, computer) hive of the lab: the Lync key and, once Lync has signed in there, the
/// user's key under it with the three DelegatorList values (REG_SZ, SIP URIs joined by `;`: a
/// lab assumption, B7), in the order the Registry Editor window lists them.
pub fn lync_hive_keys(lab: &Lab, user: UserIx, computer: ComputerIx) -> Vec<RegKey> {
    let mut keys = vec![RegKey {
        path: LYNC_KEY.to_owned(),
        delete: false,
        line: 0,
        values: Vec::new(),
    }];
    if let Some(lists) = lab.delegator_lists((user, computer)) {
        keys.push(RegKey {
            path: lync_key_path(&lab.directory().email(user)),
            delete: false,
            line: 0,
            values: DelegatorListValue::ALL
                .into_iter()
                .map(|value| RegValue {
                    name: Some(value.name().to_owned()),
                    data: RegData::Sz(lab.registry_text(lists.get(value))),
                    line: 0,
                })
                .collect(),
        });
    }
    keys
}

#[cfg(test)]
mod tests;
