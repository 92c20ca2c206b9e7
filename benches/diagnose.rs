//! "What would fix it?" on the default lab (goal: under a second): the seed walkthrough at
//! Figure 3 with User21's Lync Meeting as the symptom (found at two remedies), and the worst
//! case, a symptom no remedy fixes, searched to the default depth of three. Also `import` of
//! the evidence a customer sends from that lab.
//!
//! Run with `cargo bench --bench diagnose`.

use criterion::{Criterion, criterion_group, criterion_main};
use delegate_lab::diagnose;
use delegate_lab::scenario;

fn at_figure_3() -> delegate_lab::lab::Lab {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let seed = scenario::load(&root.join("saves/seed-walkthrough.ron")).expect("the seed loads");
    scenario::run_each(&seed, Some(27), |_, _, _, _| {})
}

fn steps(lab: &delegate_lab::lab::Lab, symptom: &[&str]) -> Vec<scenario::Step> {
    let owned: Vec<String> = symptom.iter().map(|s| (*s).to_owned()).collect();
    diagnose::parse_symptom(lab, &owned).expect("the symptom reads")
}

fn bench(c: &mut Criterion) {
    let lab = at_figure_3();
    let meeting = steps(
        &lab,
        &[
            r#"AddLyncMeeting(user: "user21", computer: "USER21-PC")"#,
            "ExpectOk",
        ],
    );
    let found = diagnose::diagnose(&lab, &meeting, diagnose::DEFAULT_DEPTH);
    assert_eq!(found.depth, 2, "the fix takes two remedies");
    eprintln!("figure 3: {} sequences tried", found.tried);
    c.bench_function(
        "diagnose the seed at Figure 3 (Lync Meeting refused)",
        |b| b.iter(|| diagnose::diagnose(&lab, &meeting, diagnose::DEFAULT_DEPTH)),
    );
    let nothing = steps(
        &lab,
        &[r#"ExpectWindow(computer: "LYNC-FE01", window: "Delegates", open: true)"#],
    );
    let none = diagnose::diagnose(&lab, &nothing, diagnose::DEFAULT_DEPTH);
    assert!(none.fixes.is_empty() && none.depth == 3, "the whole search");
    eprintln!("no fix: {} sequences tried", none.tried);
    c.bench_function(
        "diagnose: no fix, every sequence of up to 3 remedies",
        |b| b.iter(|| diagnose::diagnose(&lab, &nothing, diagnose::DEFAULT_DEPTH)),
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
