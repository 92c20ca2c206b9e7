//! Moving in a long session's timeline: going to any position of a 10,000-action session
//! (goal ≤ 50 ms) and undoing one action (goal ≤ 16 ms, a frame), on a lab of the default
//! lab's size (a handful of users) and on a 10,000-user one. Each move restores the nearest
//! checkpoint and replays from it.
//!
//! Run with `cargo bench --bench timeline`.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use delegate_lab::session::Session;
use delegate_lab::workload;

fn session(users: usize, computers: usize, actions: usize) -> Session {
    let mut s = Session::new("bench", workload::lab_spec(users, computers));
    for action in workload::actions(users, computers, actions) {
        s.apply(action);
    }
    s
}

fn moves(c: &mut Criterion) {
    let mut group = c.benchmark_group("timeline");
    group.sample_size(30);
    for (users, computers) in [(8, 4), (10_000, 200)] {
        let mut s = session(users, computers, 10_000);
        let len = s.timeline().len();
        // Positions spread over the whole session, the same every run.
        let mut state: u64 = 7;
        let mut next = move || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as usize % (len + 1)
        };
        group.bench_function(
            BenchmarkId::new(
                "go to any position of 10k actions",
                format!("{users} users"),
            ),
            |b| b.iter(|| s.goto(next())),
        );
        group.bench_function(
            BenchmarkId::new("undo one action of 10k", format!("{users} users")),
            |b| {
                b.iter_custom(|iterations| {
                    let mut total = std::time::Duration::ZERO;
                    for _ in 0..iterations {
                        // Undo from anywhere: getting there is not timed.
                        s.goto(next().max(1));
                        let started = std::time::Instant::now();
                        std::hint::black_box(s.undo());
                        total += started.elapsed();
                    }
                    total
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, moves);
criterion_main!(benches);
