//! End-to-end tests of `maillage backup` and `maillage restore` on real stores on disk: an
//! operator's backup of a quiet store, and one taken while `maillage serve` runs on the store
//! and an editor keeps writing to it.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use support::{TOKEN, maillage, path_str, stderr, succeed};

/// Every quad of the store at `dir` as sorted N-Quads lines (`maillage export`).
fn quads(dir: &Path) -> Vec<String> {
    let dump = succeed(&["export", "--store", path_str(dir), "--format", "nquads"]);
    let mut lines: Vec<String> = dump
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_owned)
        .collect();
    lines.sort();
    lines
}

#[test]
fn a_backup_and_its_restore_hold_exactly_the_quads_of_the_store() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("store");
    support::copy_default_store(&store);
    let original = quads(&store);
    assert!(original.len() > 30_000, "{} quads", original.len());

    let backup = dir.path().join("backup");
    let out = support::backup(&store, &backup);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(quads(&backup), original, "the backup opens as a store");

    let restored = dir.path().join("restored");
    support::restore(&backup, &restored);
    assert_eq!(quads(&restored), original);
    // The restored store is a store like any other: it takes writes.
    let file = dir.path().join("org.ttl");
    std::fs::write(
        &file,
        "@prefix mo: <https://w3id.org/maillage/ontology#> .
         @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
         @prefix dcterms: <http://purl.org/dc/terms/> .
         <https://w3id.org/maillage/id/org/restored-ia> a mo:Company ;
             rdfs:label \"Restaurée IA\"@fr ;
             mo:locatedIn <https://w3id.org/maillage/id/municipality/23027> ;
             dcterms:source <https://example.org/restored> .",
    )
    .expect("write");
    succeed(&["load", "--store", path_str(&restored), path_str(&file)]);
    assert!(quads(&restored).len() > original.len());
    assert_eq!(quads(&backup), original, "the backup is independent");

    // A target that exists and is not empty is refused, and left as it was.
    for args in [
        [
            "backup",
            "--store",
            path_str(&store),
            "--to",
            path_str(&restored),
        ],
        [
            "restore",
            "--from",
            path_str(&backup),
            "--store",
            path_str(&restored),
        ],
    ] {
        let before = quads(&restored);
        let out = maillage(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            stderr(&out).contains("exists and is not empty"),
            "{args:?}: {}",
            stderr(&out)
        );
        assert_eq!(quads(&restored), before);
    }
    // Backing up something that is not a store is an error too.
    let out = support::backup(&dir.path().join("nothing"), &dir.path().join("b2"));
    assert_eq!(out.status.code(), Some(1));
    assert!(!dir.path().join("b2").exists());
}

const TEST_GRAPH: &str = "https://w3id.org/maillage/graph/backup-test";
/// Triples each write adds (one valid organisation).
const TRIPLES_PER_WRITE: usize = 6;

fn write_number(subject: &str) -> Option<usize> {
    subject
        .strip_prefix("<https://w3id.org/maillage/id/org/backup-test-")?
        .strip_suffix('>')?
        .parse()
        .ok()
}

/// The organisation of write `i`: six triples, all about one subject of its own.
fn insert(i: usize) -> String {
    format!(
        "PREFIX mo: <https://w3id.org/maillage/ontology#>
         PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
         PREFIX dcterms: <http://purl.org/dc/terms/>
         INSERT DATA {{ GRAPH <{TEST_GRAPH}> {{
           <https://w3id.org/maillage/id/org/backup-test-{i}> a mo:Company ;
             rdfs:label \"Sauvegarde {i}\"@fr , \"Backup {i}\"@en ;
             mo:locatedIn <https://w3id.org/maillage/id/municipality/23027> ;
             dcterms:source <https://example.org/backup-test/{i}> ;
             mo:hasNeed <https://w3id.org/maillage/id/concept/computer-vision> .
         }} }}"
    )
}

/// Groups the test graph's quads by write number.
fn writes_in(quads: &[String]) -> BTreeMap<usize, usize> {
    let mut writes = BTreeMap::new();
    for q in quads.iter().filter(|q| q.contains(TEST_GRAPH)) {
        let subject = q.split_whitespace().next().unwrap_or_default();
        let n = write_number(subject).unwrap_or_else(|| panic!("unexpected quad {q}"));
        *writes.entry(n).or_insert(0) += 1;
    }
    writes
}

#[test]
fn a_backup_taken_while_the_server_writes_holds_whole_writes_at_one_point_in_time() {
    let server = support::start(&["--write-token", TOKEN]);
    let store = server.store();
    let base = server.base.clone();
    let acknowledged = Arc::new(AtomicUsize::new(0));
    let sent = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (acknowledged, sent, stop) = (
            Arc::clone(&acknowledged),
            Arc::clone(&sent),
            Arc::clone(&stop),
        );
        std::thread::spawn(move || {
            let client = support::client();
            let started = Instant::now();
            // Bounded: at most 200 writes and 120 s, whatever happens.
            for i in 0..200 {
                if stop.load(Ordering::SeqCst) || started.elapsed() > Duration::from_secs(120) {
                    break;
                }
                sent.store(i + 1, Ordering::SeqCst);
                let response = client
                    .post(format!("{base}/update"))
                    .bearer_auth(TOKEN)
                    .header("Content-Type", "application/sparql-update")
                    .body(insert(i))
                    .send()
                    .expect("the server answers");
                let status = response.status();
                assert!(
                    status.is_success(),
                    "write {i}: {status} {}",
                    response.text().unwrap_or_default()
                );
                acknowledged.store(i + 1, Ordering::SeqCst);
            }
        })
    };
    let wait_for = |n: usize| {
        let started = Instant::now();
        while acknowledged.load(Ordering::SeqCst) < n {
            assert!(
                started.elapsed() < Duration::from_secs(90),
                "the writes go through"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    };
    wait_for(2);

    let dir = tempfile::tempdir().expect("temp dir");
    let backup = dir.path().join("backup");
    let before = acknowledged.load(Ordering::SeqCst);
    let out = support::backup(&store, &backup);
    let after = sent.load(Ordering::SeqCst);
    assert!(out.status.success(), "{}", stderr(&out));
    // Writes go on after the backup, then stop.
    wait_for(after + 1);
    stop.store(true, Ordering::SeqCst);
    writer.join().expect("the writer finished");

    let backed_up = quads(&backup);
    let writes = writes_in(&backed_up);
    // Whole writes only, and a prefix of them (the writes are sequential): the store at one
    // point in time, between the last write acknowledged before the backup started and the
    // last one sent before it ended.
    for (n, triples) in &writes {
        assert_eq!(
            *triples, TRIPLES_PER_WRITE,
            "write {n} is partial in the backup"
        );
    }
    let numbers: Vec<usize> = writes.keys().copied().collect();
    assert_eq!(numbers, (0..numbers.len()).collect::<Vec<_>>(), "a prefix");
    assert!(
        (before..=after).contains(&numbers.len()),
        "{} writes in the backup, {before} acknowledged before it, {after} sent before its end",
        numbers.len()
    );

    // Everything else in the backup is what the server's store holds now (the server only
    // added quads since), and what it holds beyond the backup in the test graph is later
    // writes only.
    let now = quads(&store);
    let now_set: BTreeSet<&String> = now.iter().collect();
    let missing: Vec<&String> = backed_up.iter().filter(|q| !now_set.contains(q)).collect();
    assert!(missing.is_empty(), "not in the store: {missing:?}");
    let later = writes_in(&now);
    assert!(later.len() > numbers.len());
    for (n, triples) in later {
        assert_eq!(triples, TRIPLES_PER_WRITE, "write {n} in the store");
    }

    // The backup opens as a store and passes full validation; its history records exactly the
    // writes its data holds (the history is written with each write, in the same transaction).
    succeed(&["stats", "--store", path_str(&backup)]);
    succeed(&["validate", "--store", path_str(&backup)]);
    let history: serde_json::Value = serde_json::from_str(&succeed(&[
        "history",
        "--store",
        path_str(&backup),
        "--limit",
        "100000",
        "--format",
        "json",
    ]))
    .expect("the history is JSON");
    let recorded = history
        .as_array()
        .expect("an array of changes")
        .iter()
        .filter(|change| {
            change["graphs"]
                .as_array()
                .is_some_and(|g| g.iter().any(|g| g.as_str() == Some(TEST_GRAPH)))
        })
        .inspect(|change| {
            assert_eq!(change["added"].as_u64(), Some(TRIPLES_PER_WRITE as u64));
        })
        .count();
    assert_eq!(
        recorded,
        numbers.len(),
        "one change per write in the backup"
    );
    // Its writes pass the shapes on their own too, and it restores to the same quads.
    let graph = dir.path().join("test-graph.nq");
    succeed(&[
        "export",
        "--store",
        path_str(&backup),
        "--format",
        "nquads",
        "--graph",
        TEST_GRAPH,
        "--output",
        path_str(&graph),
    ]);
    succeed(&["validate", path_str(&graph)]);
    let restored = dir.path().join("restored");
    support::restore(&backup, &restored);
    assert_eq!(quads(&restored), backed_up);
}
