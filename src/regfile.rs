//! STUB until helper-reg merges (not to be committed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RegData {
    Sz(String),
    ExpandSz(String),
    MultiSz(Vec<String>),
    Dword(u32),
    Qword(u64),
    Binary(Vec<u8>),
    Other { kind: u32, bytes: Vec<u8> },
    Delete,
}
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegValue {
    pub name: Option<String>,
    pub data: RegData,
    pub line: usize,
}
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegKey {
    pub path: String,
    pub delete: bool,
    pub line: usize,
    pub values: Vec<RegValue>,
}
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegFile {
    pub keys: Vec<RegKey>,
}
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}
pub fn parse(_bytes: &[u8]) -> Result<RegFile, RegError> {
    Err(RegError {
        line: 1,
        column: 1,
        message: "stub".into(),
    })
}
