//! Grading a class: thirty students' sessions of a shipped exercise, each read from its file,
//! verified by replay and graded, as `delegate-lab grade` does (goal: well under a second).
//! Each student did the task and then went on by hand for 100 more actions, so a session is
//! a few hundred lines, as a student's is.
//!
//! Run with `cargo bench --bench grade`.

use criterion::{Criterion, criterion_group, criterion_main};
use delegate_lab::exercise;
use delegate_lab::lab::Action;
use delegate_lab::session::{self, Session};

fn class(c: &mut Criterion) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let file = root.join("saves/exercises/schedule-lync-meetings.ron");
    let ex = exercise::load(&file).expect("the shipped exercise loads");
    let dir = tempfile::tempdir().expect("a temporary folder");
    let sessions: Vec<_> = (0..30)
        .map(|student| {
            let mut session = Session::with_scenario(ex.solution_scenario());
            while session.play_next().is_some() {}
            for i in 0..100 {
                // Signing in and out on the laptop: something else, a different amount each.
                let action = if (i + student) % 2 == 0 {
                    Action::SignIn {
                        user: "user21".into(),
                        computer: "USER21-LAPTOP".into(),
                    }
                } else {
                    Action::SignOut {
                        user: "user21".into(),
                        computer: "USER21-LAPTOP".into(),
                    }
                };
                session.apply(action);
            }
            let path = dir.path().join(format!("student-{student:02}.ron"));
            session::save_session(&session, None, &path).expect("a session is saved");
            path
        })
        .collect();
    c.bench_function("grade 30 sessions", |b| {
        b.iter(|| {
            let ex = exercise::load(&file).expect("the exercise loads");
            let graded: Vec<exercise::Graded> = sessions
                .iter()
                .map(|path| {
                    let session::Opened::Session(loaded) = session::open(path).expect("loads")
                    else {
                        panic!("a session");
                    };
                    ex.owns(loaded.session.spec(), loaded.session.scenario())
                        .expect("of this exercise");
                    exercise::Graded {
                        session: path.display().to_string(),
                        grade: ex.grade(
                            loaded.session.lab(),
                            ex.progress(loaded.session.next_step()),
                        ),
                    }
                })
                .collect();
            exercise::write(&ex, &graded, exercise::Format::Csv)
        })
    });
}

criterion_group!(benches, class);
criterion_main!(benches);
