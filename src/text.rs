//! What customers send as text: UTF-16 (with its byte-order mark, as Windows PowerShell's `>`
//! and Registry Editor write it), UTF-8 with or without one, or ANSI (Windows-1252, as Notepad
//! saves it); CRLF or LF. Binary files and UTF-16 without a byte-order mark are refused with
//! where and why.

/// Where in a file and what is wrong (1-based line and column, in characters).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// How the bytes were read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf16Le,
    Utf16Be,
    Utf8,
    /// Not UTF-8: read as Windows-1252 (ANSI on Western Windows).
    Ansi,
}

impl Encoding {
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Utf8 => "UTF-8",
            Encoding::Ansi => "ANSI (Windows-1252)",
        }
    }
}

/// The text of a file, its byte-order mark dropped and line ends left as they are.
pub fn decode(bytes: &[u8]) -> Result<(String, Encoding), TextError> {
    let at_start = |message: &str| TextError {
        line: 1,
        column: 1,
        message: message.to_owned(),
    };
    // Form feeds and an old editor's Ctrl+Z at the end are text too.
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        (utf16(rest, u16::from_le_bytes)?, Encoding::Utf16Le)
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        (utf16(rest, u16::from_be_bytes)?, Encoding::Utf16Be)
    } else if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        match std::str::from_utf8(rest) {
            Ok(text) => (text.to_owned(), Encoding::Utf8),
            Err(e) => {
                let (line, column) = position(&String::from_utf8_lossy(&rest[..e.valid_up_to()]));
                return Err(TextError {
                    line,
                    column,
                    message: "not UTF-8 text, although it starts with UTF-8's byte-order mark"
                        .into(),
                });
            }
        }
    } else if let Some(at) = bytes.iter().position(|&b| b == 0) {
        if looks_like_utf16(bytes) {
            return Err(at_start(
                "UTF-16 text without a byte-order mark (the bytes FF FE): save it again as Unicode or UTF-8",
            ));
        }
        let (line, column) = position(&String::from_utf8_lossy(&bytes[..at]));
        return Err(TextError {
            line,
            column,
            message: "a binary file, not text (a NUL byte)".into(),
        });
    } else {
        match std::str::from_utf8(bytes) {
            Ok(text) => (text.to_owned(), Encoding::Utf8),
            Err(_) => (
                bytes.iter().map(|&b| windows_1252(b)).collect(),
                Encoding::Ansi,
            ),
        }
    };
    if text.trim().is_empty() {
        return Err(at_start("the file is empty"));
    }
    if let Some((i, _)) = text
        .char_indices()
        .find(|&(_, c)| c.is_control() && !matches!(c, '\t' | '\r' | '\n' | '\u{c}' | '\u{1a}'))
    {
        let (line, column) = position(&text[..i]);
        return Err(TextError {
            line,
            column,
            message: "a binary file, not text (a control character)".into(),
        });
    }
    Ok((text, encoding))
}

/// Text as lines, without their line ends (CRLF or LF).
pub fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l))
}

/// The 1-based line and column just after `before`.
pub fn position(before: &str) -> (usize, usize) {
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

/// Text in Latin script as UTF-16 has a NUL in every other byte.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(512)];
    let zeros = |offset: usize| {
        sample
            .iter()
            .skip(offset)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let half = sample.len() / 2;
    half > 0 && (zeros(0) * 3 >= half * 2 || zeros(1) * 3 >= half * 2)
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, TextError> {
    let units: Vec<u16> = bytes.chunks_exact(2).map(|p| unit([p[0], p[1]])).collect();
    let mut text = String::with_capacity(units.len());
    for c in char::decode_utf16(units.iter().copied()) {
        match c {
            Ok(c) => text.push(c),
            Err(_) => {
                let (line, column) = position(&text);
                return Err(TextError {
                    line,
                    column,
                    message: "not UTF-16 text (half of a surrogate pair)".into(),
                });
            }
        }
    }
    if bytes.len() % 2 == 1 {
        let (line, column) = position(&text);
        return Err(TextError {
            line,
            column,
            message: "UTF-16 text cut short (an odd number of bytes): the file is truncated".into(),
        });
    }
    Ok(text)
}

/// ANSI text (Windows-1252) as a string.
pub fn ansi(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| windows_1252(b)).collect()
}

/// A byte of Windows-1252 as a character (its 0x80–0x9F block differs from Latin-1; the five
/// bytes it leaves undefined read as the C1 controls of the same number, as Windows does).
pub fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9F => HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

/// Text for XML (attribute values too): markup characters escaped, line breaks and tabs as
/// character references (an attribute keeps them so), and characters XML 1.0 cannot hold
/// left out.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if c < ' ' => {}
            c => out.push(c),
        }
    }
    out
}

/// A word as a POSIX shell reads it back: as it is when it needs no quoting, else in single
/// quotes (a quote inside written `'\''`), for commands the lab prints to be pasted.
pub fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_./:=@%+,-".contains(c));
    match plain {
        true => word.to_owned(),
        false => format!("'{}'", word.replace('\'', "'\\''")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shell_word_is_quoted_only_when_it_must_be() {
        assert_eq!(shell_word("saves/seed.ron"), "saves/seed.ron");
        assert_eq!(shell_word("my figures/x"), "'my figures/x'");
        assert_eq!(shell_word("it's"), "'it'\\''s'");
        assert_eq!(shell_word(""), "''");
    }

    fn utf16le(text: &str, bom: bool) -> Vec<u8> {
        let mut bytes = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        bytes
    }

    #[test]
    fn every_encoding_customers_send_reads_to_the_same_text() {
        let text = "Identity : Global\r\nEnableExchangeDelegateSync : True\r\n";
        let mut utf8_bom = vec![0xEF, 0xBB, 0xBF];
        utf8_bom.extend(text.as_bytes());
        let mut utf16be = vec![0xFE, 0xFF];
        utf16be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        for (bytes, encoding) in [
            (utf16le(text, true), Encoding::Utf16Le),
            (utf16be, Encoding::Utf16Be),
            (utf8_bom, Encoding::Utf8),
            (text.as_bytes().to_vec(), Encoding::Utf8),
        ] {
            assert_eq!(decode(&bytes), Ok((text.to_owned(), encoding)));
        }
        assert_eq!(
            lines(text).collect::<Vec<_>>(),
            ["Identity : Global", "EnableExchangeDelegateSync : True", ""]
        );
        // Notepad's ANSI: é is 0xE9, the euro sign 0x80.
        assert_eq!(
            decode(b"DisplayName : Ren\xE9 \x80").unwrap(),
            ("DisplayName : René €".to_owned(), Encoding::Ansi)
        );
    }

    #[test]
    fn binary_empty_and_unmarked_utf16_are_refused_with_where() {
        let unmarked = decode(&utf16le("Identity : Global\r\n", false)).unwrap_err();
        assert!(
            unmarked.message.contains("without a byte-order mark"),
            "{unmarked:?}"
        );
        // Positive control: the same bytes with the mark read.
        assert!(decode(&utf16le("Identity : Global\r\n", true)).is_ok());
        let binary = decode(b"Identity : Global\nPNG\x00\x01\x02\xff").unwrap_err();
        assert_eq!((binary.line, binary.column), (2, 4));
        assert!(binary.message.contains("binary"), "{binary:?}");
        for empty in [&b""[..], b"\r\n  \r\n", &[0xFF, 0xFE]] {
            assert_eq!(decode(empty).unwrap_err().message, "the file is empty");
        }
        let mut odd = utf16le("Identity : Global", true);
        odd.pop();
        assert!(decode(&odd).unwrap_err().message.contains("truncated"));
    }
}
