//! Matching quality on a synthetic ecosystem: the taxonomy-, sector- and network-aware matcher
//! must rank good suppliers higher than plain Jaccard on stated expertise.

use maillage_graph::{EcosystemGraph, Options};
use maillage_synth::{evaluate, generate, jaccard_ranking};

#[test]
fn matcher_beats_the_jaccard_baseline() {
    let (eco, truth) = generate(2_000, 42);
    let graph = EcosystemGraph::build(&eco);
    let opts = Options {
        limit: 50,
        ..Options::default()
    };
    let matcher = evaluate(&eco, &truth, |_, adopter| {
        graph
            .best_suppliers_for(adopter, &opts)
            .map(|ms| ms.into_iter().map(|m| m.supplier).collect())
            .unwrap_or_default()
    });
    let baseline = evaluate(&eco, &truth, jaccard_ranking);
    println!(
        "queries {}: matcher MRR {:.3} Hits@10 {:.3} | Jaccard MRR {:.3} Hits@10 {:.3}",
        matcher.queries, matcher.mrr, matcher.hits_at_10, baseline.mrr, baseline.hits_at_10
    );
    assert!(matcher.queries >= 50);
    assert!(matcher.mrr > baseline.mrr);
    assert!(matcher.hits_at_10 >= baseline.hits_at_10);
}
