//! Finds where a value is written in a scenario's RON text, so that a name that does not
//! exist can be reported with its line and column. The RON parser has already accepted the
//! text; this is a light lexer over the same text that knows where the steps list is.

/// A token of the text with its 1-based line and column.
#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Ident(String),
    Str(String),
    Punct(char),
}

#[derive(Clone, Debug)]
struct Located {
    tok: Tok,
    line: usize,
    column: usize,
}

pub struct RonIndex {
    toks: Vec<Located>,
}

/// The name of the struct a RON text holds (`Session`, `Scenario`), past comments and
/// `#![enable(...)]`: read from the text's beginning, so telling a session from a scenario
/// costs what the first lines do, not an index of the whole file.
pub fn first_ident(source: &str) -> Option<String> {
    // A prefix lexes to the same tokens as the whole text up to where it is cut, so a name
    // and its parenthesis found in it are the whole text's first.
    let mut end = 0;
    loop {
        end = (end * 8).max(4096).min(source.len());
        while !source.is_char_boundary(end) {
            end += 1;
        }
        let found = RonIndex::new(&source[..end])
            .first_ident()
            .map(str::to_owned);
        if found.is_some() || end == source.len() {
            return found;
        }
    }
}

impl RonIndex {
    pub fn new(source: &str) -> Self {
        let chars: Vec<char> = source.chars().collect();
        let mut toks = Vec::new();
        let (mut i, mut line, mut column) = (0usize, 1usize, 1usize);
        // Advances over `n` chars keeping line and column.
        let advance = |i: &mut usize, line: &mut usize, column: &mut usize, n: usize| {
            for _ in 0..n {
                if *i >= chars.len() {
                    return;
                }
                if chars[*i] == '\n' {
                    *line += 1;
                    *column = 1;
                } else {
                    *column += 1;
                }
                *i += 1;
            }
        };
        while i < chars.len() {
            let c = chars[i];
            let (start_line, start_col) = (line, column);
            if c.is_whitespace() {
                advance(&mut i, &mut line, &mut column, 1);
            } else if c == '/' && chars.get(i + 1) == Some(&'/') {
                while i < chars.len() && chars[i] != '\n' {
                    advance(&mut i, &mut line, &mut column, 1);
                }
            } else if c == '/' && chars.get(i + 1) == Some(&'*') {
                let mut depth = 0usize;
                while i < chars.len() {
                    if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                        depth += 1;
                        advance(&mut i, &mut line, &mut column, 2);
                    } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                        depth -= 1;
                        advance(&mut i, &mut line, &mut column, 2);
                        if depth == 0 {
                            break;
                        }
                    } else {
                        advance(&mut i, &mut line, &mut column, 1);
                    }
                }
            } else if c == '"' {
                advance(&mut i, &mut line, &mut column, 1);
                let mut text = String::new();
                while i < chars.len() && chars[i] != '"' {
                    if chars[i] == '\\' && i + 1 < chars.len() {
                        advance(&mut i, &mut line, &mut column, 1);
                        text.push(match chars[i] {
                            'n' => '\n',
                            't' => '\t',
                            'r' => '\r',
                            '0' => '\0',
                            other => other,
                        });
                    } else {
                        text.push(chars[i]);
                    }
                    advance(&mut i, &mut line, &mut column, 1);
                }
                advance(&mut i, &mut line, &mut column, 1);
                toks.push(Located {
                    tok: Tok::Str(text),
                    line: start_line,
                    column: start_col,
                });
            } else if c == 'r' && matches!(chars.get(i + 1), Some('"') | Some('#')) {
                // Raw string r#"..."#
                let mut j = i + 1;
                let mut hashes = 0;
                while chars.get(j) == Some(&'#') {
                    hashes += 1;
                    j += 1;
                }
                if chars.get(j) != Some(&'"') {
                    advance(&mut i, &mut line, &mut column, 1);
                    continue;
                }
                let skip = j + 1 - i;
                advance(&mut i, &mut line, &mut column, skip);
                let mut text = String::new();
                while i < chars.len() {
                    if chars[i] == '"' && (1..=hashes).all(|k| chars.get(i + k) == Some(&'#')) {
                        advance(&mut i, &mut line, &mut column, hashes + 1);
                        break;
                    }
                    text.push(chars[i]);
                    advance(&mut i, &mut line, &mut column, 1);
                }
                toks.push(Located {
                    tok: Tok::Str(text),
                    line: start_line,
                    column: start_col,
                });
            } else if c == '\'' {
                // A char literal: skip it.
                advance(&mut i, &mut line, &mut column, 1);
                while i < chars.len() && chars[i] != '\'' {
                    let n = if chars[i] == '\\' { 2 } else { 1 };
                    advance(&mut i, &mut line, &mut column, n);
                }
                advance(&mut i, &mut line, &mut column, 1);
            } else if c.is_alphabetic() || c == '_' {
                let mut text = String::new();
                while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                    text.push(chars[i]);
                    advance(&mut i, &mut line, &mut column, 1);
                }
                toks.push(Located {
                    tok: Tok::Ident(text),
                    line: start_line,
                    column: start_col,
                });
            } else {
                if "()[]{},:".contains(c) {
                    toks.push(Located {
                        tok: Tok::Punct(c),
                        line: start_line,
                        column: start_col,
                    });
                }
                advance(&mut i, &mut line, &mut column, 1);
            }
        }
        RonIndex { toks }
    }

    /// The token range of the value of a top-level field of the Scenario (`steps`, `lab`), or
    /// else of the first field of that name at any depth (a session's player has `steps`).
    fn top_field(&self, name: &str) -> Option<(usize, usize)> {
        self.field_at_depth(name, Some(1))
            .or_else(|| self.field_at_depth(name, None))
    }

    /// Where the first `name:` is written, at any depth.
    pub fn field_position(&self, name: &str) -> Option<(usize, usize)> {
        let (start, _) = self.field_at_depth(name, None)?;
        let t = self.toks.get(start.checked_sub(2)?)?;
        Some((t.line, t.column))
    }

    /// Where a string is first written.
    pub fn string_position(&self, value: &str) -> Option<(usize, usize)> {
        self.toks
            .iter()
            .find(|t| matches!(&t.tok, Tok::Str(s) if s == value))
            .map(|t| (t.line, t.column))
    }

    fn field_at_depth(&self, name: &str, wanted: Option<i32>) -> Option<(usize, usize)> {
        let mut depth = 0i32;
        for (i, t) in self.toks.iter().enumerate() {
            match &t.tok {
                Tok::Punct('(' | '[' | '{') => depth += 1,
                Tok::Punct(')' | ']' | '}') => depth -= 1,
                Tok::Ident(id)
                    if wanted.is_none_or(|d| d == depth)
                        && id == name
                        && matches!(
                            self.toks.get(i + 1).map(|t| &t.tok),
                            Some(Tok::Punct(':'))
                        ) =>
                {
                    let start = i + 2;
                    return Some((start, self.value_end(start)));
                }
                _ => {}
            }
        }
        None
    }

    /// The index after a value starting at `start` (up to the next `,` or closing bracket at
    /// its own depth).
    fn value_end(&self, start: usize) -> usize {
        let mut depth = 0i32;
        for (i, t) in self.toks.iter().enumerate().skip(start) {
            match t.tok {
                Tok::Punct('(' | '[' | '{') => depth += 1,
                Tok::Punct(')' | ']' | '}') => {
                    if depth == 0 {
                        return i;
                    }
                    depth -= 1;
                }
                Tok::Punct(',') if depth == 0 => return i,
                _ => {}
            }
        }
        self.toks.len()
    }

    /// The first identifier of the text: the top-level struct's name (`Scenario`, `Session`).
    fn first_ident(&self) -> Option<&str> {
        // Skips `#![enable(implicit_some)]`: the struct name is the first identifier opening
        // a parenthesis that is not `enable`.
        self.toks
            .windows(2)
            .find_map(|pair| match (&pair[0].tok, &pair[1].tok) {
                (Tok::Ident(id), Tok::Punct('(')) if id != "enable" => Some(id.as_str()),
                _ => None,
            })
    }

    /// Token ranges of the elements of a top-level list field (`steps`, `actions`).
    fn list_items(&self, list: &str) -> Vec<(usize, usize)> {
        match self.top_field(list) {
            Some(range) => self.items(range),
            None => Vec::new(),
        }
    }

    /// Token ranges of the elements of the list written in `(start, end)`.
    fn items(&self, (start, end): (usize, usize)) -> Vec<(usize, usize)> {
        if !matches!(self.toks.get(start).map(|t| &t.tok), Some(Tok::Punct('['))) {
            return Vec::new();
        }
        let mut elements = Vec::new();
        let mut i = start + 1;
        while i < end {
            if matches!(self.toks[i].tok, Tok::Punct(']')) {
                break;
            }
            let stop = self.value_end(i);
            elements.push((i, stop));
            i = stop + 1;
        }
        elements
    }

    /// Where a field's string value (or the matching string in its list) is written within a
    /// token range.
    fn field_in(
        &self,
        (start, end): (usize, usize),
        field: &str,
        value: &str,
    ) -> Option<(usize, usize)> {
        self.fields_in((start, end), field, value)
            .into_iter()
            .next()
    }

    /// Every place a field's string value is written within a token range, in order; when the
    /// field itself is not found, every place the value is written at all.
    fn fields_in(
        &self,
        (start, end): (usize, usize),
        field: &str,
        value: &str,
    ) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        let mut i = start;
        while i + 1 < end {
            if let Tok::Ident(id) = &self.toks[i].tok
                && id == field
                && matches!(self.toks[i + 1].tok, Tok::Punct(':'))
            {
                let value_end = self.value_end(i + 2).min(end);
                for t in &self.toks[i + 2..value_end] {
                    if let Tok::Str(s) = &t.tok
                        && s == value
                    {
                        found.push((t.line, t.column));
                    }
                }
            }
            i += 1;
        }
        if !found.is_empty() {
            return found;
        }
        // A list of values (`computers: [...]`) or the value written elsewhere in the range.
        self.toks[start..end.min(self.toks.len())]
            .iter()
            .filter(|t| matches!(&t.tok, Tok::Str(s) if s == value))
            .map(|t| (t.line, t.column))
            .collect()
    }

    /// Where item `index` (0-based) of a top-level list writes `field: "value"`.
    pub fn list_item_field(
        &self,
        list: &str,
        index: usize,
        field: &str,
        value: &str,
    ) -> Option<(usize, usize)> {
        let range = *self.list_items(list).get(index)?;
        self.field_in(range, field, value)
            .or_else(|| self.toks.get(range.0).map(|t| (t.line, t.column)))
    }

    /// Where item `index` (0-based) of a top-level list writes the name of its field `field`
    /// (for values that are not strings: `size: Some((NaN, NaN))`), or where the item starts.
    pub fn list_item_field_name(
        &self,
        list: &str,
        index: usize,
        field: &str,
    ) -> Option<(usize, usize)> {
        let (start, end) = *self.list_items(list).get(index)?;
        let at = (start..end.saturating_sub(1))
            .find(|&i| {
                matches!(&self.toks[i].tok, Tok::Ident(id) if id == field)
                    && matches!(self.toks[i + 1].tok, Tok::Punct(':'))
            })
            .unwrap_or(start);
        self.toks.get(at).map(|t| (t.line, t.column))
    }

    /// Where item `index` (0-based) of a top-level list starts.
    pub fn list_item(&self, list: &str, index: usize) -> Option<(usize, usize)> {
        let (start, _) = *self.list_items(list).get(index)?;
        self.toks.get(start).map(|t| (t.line, t.column))
    }

    /// Where item `inner` (0-based) of the list field `field` of item `outer` of a top-level
    /// list starts (entry 3 of branch 1: `("branches", 1, "entries", 3)`).
    pub fn nested_list_item(
        &self,
        list: &str,
        outer: usize,
        field: &str,
        inner: usize,
    ) -> Option<(usize, usize)> {
        let (item, _) = self.nested_item(list, outer, field, inner)?;
        self.toks.get(item).map(|t| (t.line, t.column))
    }

    /// Where that nested item (see [`RonIndex::nested_list_item`]) writes
    /// `item_field: "value"`, or where it starts.
    pub fn nested_list_item_field(
        &self,
        (list, outer, field, inner): (&str, usize, &str, usize),
        item_field: &str,
        value: &str,
    ) -> Option<(usize, usize)> {
        let range = self.nested_item(list, outer, field, inner)?;
        self.field_in(range, item_field, value)
            .or_else(|| self.toks.get(range.0).map(|t| (t.line, t.column)))
    }

    fn nested_item(
        &self,
        list: &str,
        outer: usize,
        field: &str,
        inner: usize,
    ) -> Option<(usize, usize)> {
        let (start, end) = *self.list_items(list).get(outer)?;
        let field_at = (start..end).find(|&i| {
            matches!(&self.toks[i].tok, Tok::Ident(id) if id == field)
                && matches!(self.toks.get(i + 1).map(|t| &t.tok), Some(Tok::Punct(':')))
        })?;
        let value = (field_at + 2, self.value_end(field_at + 2));
        self.items(value).get(inner).copied()
    }

    /// Where the lab description writes `field: "value"` (the last place when `last`, for
    /// duplicates), or where the lab starts.
    pub fn lab_field(&self, field: &str, value: &str, last: bool) -> Option<(usize, usize)> {
        let range = self.top_field("lab")?;
        let found = self.fields_in(range, field, value);
        let place = if last { found.last() } else { found.first() };
        place
            .copied()
            .or_else(|| self.toks.get(range.0).map(|t| (t.line, t.column)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_field_of_a_step_past_comments_and_strings() {
        let text = "Scenario(\n  title: \"a, (b]\", // steps: [\n  steps: [\n    SignIn(user: \"x\", computer: \"PC\"),\n    /* SignIn(user: \"y\") */ SignOut(user: \"y\", computer: \"PC\"),\n  ],\n)";
        let index = RonIndex::new(text);
        assert_eq!(
            index.list_item_field("steps", 0, "user", "x"),
            Some((4, 18))
        );
        assert_eq!(
            index.list_item_field("steps", 1, "user", "y"),
            Some((5, 43))
        );
        assert_eq!(
            index.list_item_field("steps", 1, "computer", "PC"),
            Some((5, 58))
        );
        assert_eq!(index.list_item_field("steps", 2, "user", "y"), None);
    }

    #[test]
    fn finds_values_in_the_lab_lists() {
        let text = "Scenario(title: \"t\", lab: Some(Lab(domain: \"c.com\", users: [User(id: \"a\", name: \"A\")], computers: [\"PC1\", \"PC1\"])), steps: [])";
        let index = RonIndex::new(text);
        assert_eq!(index.lab_field("id", "a", false), Some((1, 70)));
        assert_eq!(index.lab_field("computers", "PC1", false), Some((1, 100)));
        assert_eq!(index.lab_field("computers", "PC1", true), Some((1, 107)));
    }
}
