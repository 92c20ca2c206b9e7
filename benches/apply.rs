//! `apply` on a big lab: 100,000 actions on a generated 10,000-user lab (goal: under 2 s).
//!
//! Run with `cargo bench --bench apply`.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use delegate_lab::lab::Lab;
use delegate_lab::workload;

const USERS: usize = 10_000;
const COMPUTERS: usize = 200;
const ACTIONS: usize = 100_000;

fn apply_100k_actions(c: &mut Criterion) {
    let spec = workload::lab_spec(USERS, COMPUTERS);
    let actions = workload::actions(USERS, COMPUTERS, ACTIONS);
    let mut group = c.benchmark_group("apply");
    group.sample_size(10);
    group.bench_function("100k actions on a 10k-user lab", |b| {
        b.iter_batched(
            || Lab::new(spec.clone()),
            |mut lab| {
                for action in &actions {
                    lab.apply(action);
                }
                lab
            },
            BatchSize::PerIteration,
        )
    });
    group.bench_function("new 10k-user lab", |b| b.iter(|| Lab::new(spec.clone())));
    group.finish();
}

criterion_group!(benches, apply_100k_actions);
criterion_main!(benches);
