//! Feeds arbitrary bytes to the loaders: they must answer with an error, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = delegate_lab::session::parse_session(text, std::path::Path::new("fuzz.ron"));
        let _ = delegate_lab::scenario::parse(text);
    }
});
