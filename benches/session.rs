//! Sessions of 100,000 actions on a 10,000-user lab: loading one (parse, replay, verify;
//! goal ≤ 1 s), and keeping its recovery file current after each action, which the window
//! does on its UI thread (goal ≤ 5 ms per action): the action applied, and one journal line
//! appended.
//!
//! Run with `cargo bench --bench session`.

use criterion::{Criterion, criterion_group, criterion_main};
use delegate_lab::session::recovery::{Instance, JournalEntry};
use delegate_lab::session::{self, Applied, Session};
use delegate_lab::workload;

fn load_100k(c: &mut Criterion) {
    let (users, computers) = (10_000, 200);
    let mut s = Session::new("bench", workload::lab_spec(users, computers));
    for action in workload::actions(users, computers, 100_000) {
        s.apply(action);
    }
    let text = session::to_text(&session::to_file(&s, None)).expect("serializes");
    eprintln!("session file: {} MB", text.len() / 1_000_000);
    let path = std::path::Path::new("bench.ron");
    let mut group = c.benchmark_group("session");
    group.sample_size(10);
    group.bench_function("load and replay 100k actions on a 10k-user lab", |b| {
        b.iter(|| session::parse_session(&text, path).expect("loads"))
    });

    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut instance = Instance::acquire(dir.path()).expect("a slot");
    let mut recovery = instance.recovery_file("bench");
    let file = session::to_file(&s, None);
    recovery
        .snapshot(&file, None, true)
        .expect("the snapshot is written");
    let more = workload::actions(users, computers, 200_000);
    let mut next = more[100_000..].iter().cycle();
    group.sample_size(50);
    group.bench_function(
        "one action on a 100k-action session, with its recovery journal line",
        |b| {
            b.iter(|| {
                let action = next.next().expect("cycles").clone();
                let outcome = s.apply(action.clone());
                recovery
                    .append(&JournalEntry::Applied(Applied { action, outcome }))
                    .expect("appends")
            })
        },
    );
    group.finish();
}

criterion_group!(benches, load_100k);
criterion_main!(benches);
