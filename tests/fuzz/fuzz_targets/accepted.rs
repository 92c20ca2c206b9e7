//! Whatever the session loader accepts is what the window can draw: every timeline entry that
//! runs a scenario step names a step the scenario has, in order; the position is within the
//! timeline; branches leave it within it; and the window state names only users and places
//! the lab has (the window indexes by them). And every branch, restored, saves a file that
//! loads again (names in branches are checked as the timeline's are).
#![no_main]

use delegate_lab::session::{Entry, Session};
use libfuzzer_sys::fuzz_target;

fn steps_fit(session: &Session, entries: &[Entry], mut next: usize) {
    let steps = session.scenario().map_or(0, |s| s.steps.len());
    for entry in entries {
        if let Entry::Step { index, .. } = entry {
            assert!(*index < steps && *index >= next);
            next = index + 1;
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(loaded) = delegate_lab::session::parse_session(text, std::path::Path::new("fuzz.ron"))
    else {
        return;
    };
    let session = &loaded.session;
    assert!(session.position() <= session.timeline().len());
    steps_fit(session, session.timeline(), 0);
    for (b, branch) in session.branches().iter().enumerate() {
        assert!(branch.from <= session.timeline().len());
        let mut restored = session.clone();
        assert!(restored.restore_branch(b));
        let text = delegate_lab::session::to_text(&delegate_lab::session::to_file(&restored, None))
            .expect("a session can be written");
        if let Err(e) = delegate_lab::session::parse_session(&text, std::path::Path::new("restored.ron")) {
            panic!("branch {b} restored saves a file that does not load: {e}");
        }
    }
    let users = session.lab().directory().user_count();
    if let Some(view) = &loaded.view {
        assert_eq!(view.problem(users), None);
    }
});
