//! Graph build, top-10 matches for one adopter (all candidates, and eligible ones only) and the full gap report on synthetic ecosystems
//! of 1k, 10k and 100k organisations.

use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use maillage_graph::{EcosystemGraph, GapOptions, Options};

fn analytics(c: &mut Criterion) {
    for n in [1_000usize, 10_000, 100_000] {
        let (eco, truth) = maillage_synth::generate(n, 7);
        let eco = Arc::new(eco);
        let mut group = c.benchmark_group(format!("analytics/{n}"));
        group
            .sample_size(if n >= 100_000 { 10 } else { 20 })
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(if n >= 100_000 { 10 } else { 3 }));
        group.bench_function("build", |b| {
            b.iter(|| EcosystemGraph::from_shared(black_box(eco.clone())))
        });
        let graph = EcosystemGraph::from_shared(eco.clone());
        let adopter = truth
            .good_suppliers
            .keys()
            .next()
            .cloned()
            .or_else(|| {
                eco.organizations
                    .values()
                    .find(|o| eco.is_adopter(o))
                    .map(|o| o.iri.clone())
            })
            .unwrap_or_default();
        let opts = Options::default();
        group.bench_function("top10", |b| {
            b.iter(|| graph.best_suppliers_for(black_box(&adopter), &opts))
        });
        let eligible = Options {
            eligible_only: true,
            ..Options::default()
        };
        group.bench_function("top10-eligible", |b| {
            b.iter(|| graph.best_suppliers_for(black_box(&adopter), &eligible))
        });
        group.bench_function("gaps", |b| {
            b.iter(|| graph.gap_report(black_box(&GapOptions::default())))
        });
        group.finish();
    }
}

criterion_group!(benches, analytics);
criterion_main!(benches);
