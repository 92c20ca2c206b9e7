//! PowerShell's list format (`Format-List`, and what Get-CsUser, Get-CsClientPolicy and
//! Get-CsVoicePolicy print by default): blocks of `Name : Value` lines, one block an object,
//! blank lines between them; a value too long for the console goes on in lines indented to
//! its column. Prompt lines (`PS C:\> Get-CsUser`) and PowerShell's error records are left
//! out, as a customer pastes them along.

/// One property as printed, with the 1-based line it starts on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Property {
    pub name: String,
    pub value: String,
    pub line: usize,
}

/// One object: its properties in the order printed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub line: usize,
    pub properties: Vec<Property>,
}

impl Block {
    pub fn get(&self, name: &str) -> Option<&Property> {
        self.properties
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(name))
    }
}

/// A line that is neither a property, nor its continuation, nor a prompt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotAList {
    pub line: usize,
    pub column: usize,
    pub text: String,
}

/// The blocks of a printout.
pub fn parse<'a>(lines: impl IntoIterator<Item = &'a str>) -> Result<Vec<Block>, NotAList> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut open = false;
    for (i, line) in lines.into_iter().enumerate() {
        let n = i + 1;
        let trimmed = line.trim_end();
        if trimmed.trim().is_empty() {
            open = false;
            continue;
        }
        if is_prompt(trimmed) {
            open = false;
            continue;
        }
        let indented = trimmed.starts_with([' ', '\t']);
        if indented && open {
            // A long value goes on in the next line, indented to the value's column.
            if let Some(last) = blocks.last_mut().and_then(|b| b.properties.last_mut()) {
                last.value.push_str(trimmed.trim_start());
            }
            continue;
        }
        match property(trimmed) {
            Some((name, value)) => {
                if !open {
                    blocks.push(Block {
                        line: n,
                        properties: Vec::new(),
                    });
                    open = true;
                }
                if let Some(block) = blocks.last_mut() {
                    block.properties.push(Property {
                        name: name.to_owned(),
                        value: value.to_owned(),
                        line: n,
                    });
                }
            }
            None => {
                return Err(NotAList {
                    line: n,
                    column: trimmed.len() - trimmed.trim_start().len() + 1,
                    text: trimmed.trim().to_owned(),
                });
            }
        }
    }
    Ok(blocks)
}

/// `Name : Value` (the name an identifier, padded; the value may hold colons, `Tag:X`,
/// `sip:a@b`).
fn property(line: &str) -> Option<(&str, &str)> {
    let (name, value) = line.split_once(':')?;
    let name = name.trim_end();
    let identifier = !name.is_empty()
        && !name.starts_with(char::is_whitespace)
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    identifier.then(|| (name, value.strip_prefix(' ').unwrap_or(value).trim_end()))
}

/// A prompt with its command (`PS C:\Users\administrator.CONTOSO> Get-CsUser`), a
/// continuation prompt (`>>`), or the lines of an error record PowerShell printed.
fn is_prompt(line: &str) -> bool {
    let line = line.trim_start();
    (line.starts_with("PS ") && line.contains('>'))
        || line.starts_with(">>")
        || line.starts_with("+ ")
        || line.starts_with("    + ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_objects_and_wrapped_values_are_joined() {
        let text = "PS C:\\> Get-CsTrustedApplication\n\n\
Identity    : lync-fe01.contoso.com/urn:application:sefautil\n\
ServiceGruu : sip:lync-fe01.contoso.com;gruu;opaque=srvr:\n              sefautil\n\
Port        : 7489\n\
\n\
Identity : Global\n";
        let blocks = parse(text.lines()).unwrap();
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[0].line, 3);
        assert_eq!(
            blocks[0].get("servicegruu").unwrap().value,
            "sip:lync-fe01.contoso.com;gruu;opaque=srvr:sefautil"
        );
        assert_eq!(blocks[0].get("Port").unwrap().line, 6);
        assert_eq!(blocks[1].get("Identity").unwrap().value, "Global");
    }

    #[test]
    fn a_line_that_is_not_a_property_is_named_with_its_place() {
        let err = parse(["Identity : Global", "this is a sentence"]).unwrap_err();
        assert_eq!((err.line, err.column), (2, 1));
        // Positive control: the property lines alone read.
        assert_eq!(parse(["Identity : Global"]).unwrap().len(), 1);
    }
}
