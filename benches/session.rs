//! Loading a session: parse and replay 100,000 actions on a 10,000-user lab (goal: ≤ 1 s).
//!
//! Run with `cargo bench --bench session`.

use criterion::{Criterion, criterion_group, criterion_main};
use delegate_lab::session::{self, Session};
use delegate_lab::workload;

fn load_100k(c: &mut Criterion) {
    let (users, computers) = (10_000, 200);
    let mut s = Session::new("bench", workload::lab_spec(users, computers));
    for action in workload::actions(users, computers, 100_000) {
        s.apply(action);
    }
    let text = session::to_text(&session::to_file(&s, None, None)).expect("serializes");
    eprintln!("session file: {} MB", text.len() / 1_000_000);
    let path = std::path::Path::new("bench.ron");
    let mut group = c.benchmark_group("session");
    group.sample_size(10);
    group.bench_function("load and replay 100k actions on a 10k-user lab", |b| {
        b.iter(|| session::parse_session(&text, path).expect("loads"))
    });
    group.finish();
}

criterion_group!(benches, load_100k);
criterion_main!(benches);
