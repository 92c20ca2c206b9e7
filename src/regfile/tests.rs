use super::*;

fn key(path: &str, values: Vec<RegValue>) -> RegKey {
    RegKey {
        path: path.to_owned(),
        delete: false,
        line: 0,
        values,
    }
}

fn value(name: Option<&str>, data: RegData) -> RegValue {
    RegValue {
        name: name.map(str::to_owned),
        data,
        line: 0,
    }
}

/// UTF-16LE with the mark, as Registry Editor writes version 5 files.
fn utf16(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    bytes
}

/// The line numbers a parse gives are the file's: forget them to compare with built keys.
fn unlined(mut keys: Vec<RegKey>) -> Vec<RegKey> {
    for key in &mut keys {
        key.line = 0;
        for value in &mut key.values {
            value.line = 0;
        }
    }
    keys
}

fn refused(bytes: &[u8]) -> (usize, usize, String) {
    match parse(bytes) {
        Ok(file) => panic!("parsed, but must be refused: {file:?}"),
        Err(e) => (e.line, e.column, e.message),
    }
}

#[test]
fn a_small_export_is_byte_for_byte_what_regedit_writes() {
    let keys = vec![
        key("HKEY_CURRENT_USER\\Software\\Lab", vec![]),
        key(
            "HKEY_CURRENT_USER\\Software\\Lab\\Sub",
            vec![
                value(None, RegData::Sz("C:\\Path \"quoted\"".into())),
                value(Some("Say \"hi\""), RegData::Dword(42)),
                value(
                    Some("List"),
                    RegData::MultiSz(vec![
                        "sip:user20@contoso.com".into(),
                        "sip:user22@contoso.com".into(),
                    ]),
                ),
            ],
        ),
    ];
    let expected = concat!(
        "Windows Registry Editor Version 5.00\r\n",
        "\r\n",
        "[HKEY_CURRENT_USER\\Software\\Lab]\r\n",
        "\r\n",
        "[HKEY_CURRENT_USER\\Software\\Lab\\Sub]\r\n",
        "@=\"C:\\\\Path \\\"quoted\\\"\"\r\n",
        "\"Say \\\"hi\\\"\"=dword:0000002a\r\n",
        "\"List\"=hex(7):73,00,69,00,70,00,3a,00,75,00,73,00,65,00,72,00,32,00,30,00,40,\\\r\n",
        "  00,63,00,6f,00,6e,00,74,00,6f,00,73,00,6f,00,2e,00,63,00,6f,00,6d,00,00,00,\\\r\n",
        "  73,00,69,00,70,00,3a,00,75,00,73,00,65,00,72,00,32,00,32,00,40,00,63,00,6f,\\\r\n",
        "  00,6e,00,74,00,6f,00,73,00,6f,00,2e,00,63,00,6f,00,6d,00,00,00,00,00\r\n",
        "\r\n",
    );
    let bytes = write(&keys);
    assert_eq!(
        &bytes[..4],
        &[0xFF, 0xFE, b'W', 0],
        "the mark, then UTF-16LE"
    );
    assert_eq!(bytes, utf16(expected));
    // No line passes 80 characters.
    assert!(expected.lines().all(|l| l.chars().count() <= 80));
    // And it reads back as written.
    let file = parse(&bytes).unwrap();
    assert_eq!(file.format, RegFormat::Regedit5);
    assert_eq!(unlined(file.keys.clone()), keys);
    assert_eq!(
        (file.keys[1].line, file.keys[1].values[2].line),
        (5, 8),
        "lines as in the file"
    );
}

#[test]
fn every_kind_of_value_reads_back_as_written() {
    let long: Vec<u8> = (0..=255).collect();
    let keys = vec![
        key(
            "HKEY_LOCAL_MACHINE\\SOFTWARE\\Lab",
            vec![
                value(
                    Some("Sz"),
                    RegData::Sz("sip:user20@contoso.com;sip:user22@contoso.com".into()),
                ),
                value(Some("Empty"), RegData::Sz(String::new())),
                value(
                    Some("Back\\slash"),
                    RegData::Sz("\\\\server\\share\\\"x\"".into()),
                ),
                value(Some("Unicode"), RegData::Sz("Zoë — 日本".into())),
                value(
                    Some("Multi"),
                    RegData::MultiSz(vec!["a".into(), "b c".into(), "dé".into()]),
                ),
                value(Some("NoStrings"), RegData::MultiSz(vec![])),
                value(Some("OneEmpty"), RegData::MultiSz(vec![String::new()])),
                value(Some("Dword"), RegData::Dword(0xDEAD_BEEF)),
                value(Some("Zero"), RegData::Dword(0)),
                value(Some("Binary"), RegData::Binary(long)),
                value(Some("NoBytes"), RegData::Binary(vec![])),
                value(
                    Some("Expand"),
                    RegData::ExpandSz("%USERPROFILE%\\AppData".into()),
                ),
                value(Some("Qword"), RegData::Qword(0x0102_0304_0506_0708)),
                value(
                    Some("None"),
                    RegData::Other {
                        kind: 0,
                        bytes: vec![1, 2],
                    },
                ),
                value(
                    Some("Odd"),
                    RegData::Other {
                        kind: 0x2a,
                        bytes: vec![0xff],
                    },
                ),
                value(Some("Gone"), RegData::Delete),
                value(None, RegData::Delete),
            ],
        ),
        RegKey {
            path: "HKEY_CURRENT_USER\\Software\\Old".into(),
            delete: true,
            line: 0,
            values: vec![],
        },
    ];
    let file = parse(&write(&keys)).unwrap();
    assert_eq!(unlined(file.keys), keys);
}

#[test]
fn a_regedit4_file_in_ansi_reads_as_windows_1252() {
    let mut bytes = b"REGEDIT4\r\n\r\n[HKEY_CURRENT_USER\\Software\\Caf".to_vec();
    bytes.push(0xE9); // é
    bytes.extend_from_slice(b"]\r\n\"Name\"=\"Ren");
    bytes.push(0xE9);
    bytes.extend_from_slice(b" \x80 5\"\r\n\"Exp\"=hex(2):43,61,66,e9,00\r\n");
    let file = parse(&bytes).unwrap();
    assert_eq!(file.format, RegFormat::Regedit4);
    assert_eq!(file.keys[0].path, "HKEY_CURRENT_USER\\Software\\Café");
    assert_eq!(file.keys[0].values[0].data, RegData::Sz("René € 5".into()));
    assert_eq!(
        file.keys[0].values[1].data,
        RegData::ExpandSz("Café".into()),
        "REGEDIT4's strings in hex are ANSI bytes"
    );
}

#[test]
fn crlf_and_lf_and_utf8_read_alike() {
    let text = "Windows Registry Editor Version 5.00\r\n\r\n; a comment\r\n[HKEY_CURRENT_USER\\Software\\Lab]\r\n\"A\"=hex:01,02,\\\r\n    03\r\n  \"B\" = \"é\"\r\n";
    let expected = vec![key(
        "HKEY_CURRENT_USER\\Software\\Lab",
        vec![
            value(Some("A"), RegData::Binary(vec![1, 2, 3])),
            value(Some("B"), RegData::Sz("é".into())),
        ],
    )];
    let lf = text.replace("\r\n", "\n");
    let mut bom_utf8 = vec![0xEF, 0xBB, 0xBF];
    bom_utf8.extend_from_slice(lf.as_bytes());
    for bytes in [
        utf16(text),
        utf16(&lf),
        text.as_bytes().to_vec(),
        lf.into_bytes(),
        bom_utf8,
    ] {
        let file = parse(&bytes).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(file.format, RegFormat::Regedit5);
        assert_eq!(unlined(file.keys.clone()), expected);
        assert_eq!(file.keys[0].values[1].line, 7);
    }
}

/// What is spoiled, the file, where it is refused (line, column), and what it says.
type Refusal = (&'static str, Vec<u8>, (usize, usize), &'static str);

/// A good file, and each way of spoiling it, refused where it is spoiled.
#[test]
fn each_refusal_says_where() {
    let good = "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CURRENT_USER\\Software\\Lab]\r\n\"Name\"=\"a\\\\b\"\r\n\"Hex\"=hex:01,02,\\\r\n  03,04\r\n";
    assert!(parse(&utf16(good)).is_ok(), "the positive control parses");
    assert!(parse(good.as_bytes()).is_ok());

    let cases: [Refusal; 14] = [
        ("empty", vec![], (1, 1), "empty"),
        ("only a mark", vec![0xFF, 0xFE], (1, 1), "empty"),
        (
            "binary",
            good.replacen("Lab]", "La\0]", 1).into_bytes(),
            (3, 31),
            "binary",
        ),
        (
            "UTF-16 without a mark",
            utf16(good)[2..].to_vec(),
            (1, 1),
            "UTF-16 text without a byte-order mark",
        ),
        (
            "missing header",
            utf16(&good.replacen("Windows Registry Editor Version 5.00\r\n", "", 1)),
            (1, 1),
            "missing header",
        ),
        (
            "unknown header",
            utf16(&good.replacen("5.00", "6.00", 1)),
            (1, 33),
            "unknown header",
        ),
        (
            "value before key",
            utf16(&good.replacen("\r\n\r\n[", "\r\n  \"Early\"=\"x\"\r\n[", 1)),
            (2, 3),
            "before any key line",
        ),
        (
            "bad escape",
            utf16(&good.replacen("a\\\\b", "a\\qb", 1)),
            (4, 10),
            "bad escape \\q",
        ),
        (
            "unterminated string",
            utf16(&good.replacen("\"a\\\\b\"", "\"a\\\\b", 1)),
            (4, 8),
            "unterminated string",
        ),
        (
            "bad hex",
            utf16(&good.replacen("03,04", "03,0g", 1)),
            (6, 6),
            "bad hex \"0g\"",
        ),
        (
            "a byte of three digits",
            utf16(&good.replacen("01,02", "01,002", 1)),
            (5, 14),
            "bad hex",
        ),
        (
            "truncated",
            utf16(&good.replacen("\r\n  03,04\r\n", "\r\n", 1)),
            (5, 17),
            "truncated",
        ),
        (
            "truncated without a last line end",
            utf16(&good.replacen("\r\n  03,04\r\n", "", 1)),
            (5, 17),
            "truncated",
        ),
        (
            "odd UTF-16",
            {
                let mut b = utf16(good);
                b.push(b'x');
                b
            },
            (7, 1),
            "truncated",
        ),
    ];
    for (what, bytes, (line, column), says) in cases {
        let (l, c, message) = refused(&bytes);
        assert_eq!((l, c), (line, column), "{what}: {message}");
        assert!(message.contains(says), "{what}: {message}");
    }
}

#[test]
fn errors_read_as_line_and_column() {
    let e = error(3, 7, "bad hex");
    assert_eq!(e.to_string(), "line 3, column 7: bad hex");
}

#[test]
fn the_lync_key_alone_before_lync_signs_in_then_the_users_key() {
    use crate::lab::Action;
    let mut lab = Lab::default();
    let dir = lab.directory();
    let (user, computer) = (
        dir.find_user("user21").unwrap(),
        dir.find_computer("USER21-PC").unwrap(),
    );
    assert_eq!(
        lync_hive_keys(&lab, user, computer),
        vec![key(LYNC_KEY, vec![])]
    );
    let sign_in: Action =
        ron::from_str(r#"SignIn(user: "user21", computer: "USER21-PC")"#).unwrap();
    assert!(lab.apply(&sign_in).is_ok());
    let keys = lync_hive_keys(&lab, user, computer);
    assert_eq!(keys.len(), 2);
    assert_eq!(
        keys[1].path,
        "HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\15.0\\Lync\\user21@contoso.com"
    );
    let names: Vec<_> = keys[1]
        .values
        .iter()
        .map(|v| v.name.clone().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Dismissed DelegatorList",
            "Last DelegatorList",
            "Outstanding DelegatorList"
        ]
    );
}
