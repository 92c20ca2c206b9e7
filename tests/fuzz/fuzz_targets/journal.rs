//! Feeds arbitrary bytes to crash recovery as the journal beside a valid snapshot: reading
//! what was left behind and resuming it never panics, and whatever is resumed saves a file
//! that loads again.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use delegate_lab::lab::{Action, LabSpec};
use delegate_lab::session::recovery::Instance;
use delegate_lab::session::{self, Session};
use libfuzzer_sys::fuzz_target;

/// A snapshot of a short session, written once.
fn snapshot_text() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let mut session = Session::new("Fuzz", LabSpec::contoso());
        session.apply(Action::SignIn {
            user: "user20".into(),
            computer: "USER20-PC".into(),
        });
        session::to_text(&session::to_file(&session, None)).expect("a session can be written")
    })
}

fn data_dir() -> PathBuf {
    std::env::temp_dir().join(format!("delegate-lab-fuzz-journal-{}", std::process::id()))
}

fuzz_target!(|data: &[u8]| {
    let dir = data_dir();
    let recovery = dir.join("recovery");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&recovery).expect("a temporary folder");
    std::fs::write(recovery.join("7-0-fuzz.ron"), snapshot_text()).expect("the snapshot");
    std::fs::write(recovery.join("7-0-fuzz.journal"), data).expect("the journal");
    let instance = Instance::acquire(&dir).expect("a slot");
    for left in instance.left_behind() {
        let Ok(resumed) = left.load() else {
            continue;
        };
        let text = session::to_text(&session::to_file(&resumed.loaded.session, None))
            .expect("a session can be written");
        if let Err(e) = session::parse_session(&text, std::path::Path::new("resumed.ron")) {
            panic!("a resumed session saves a file that does not load: {e}");
        }
    }
});
