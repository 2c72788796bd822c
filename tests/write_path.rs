//! The write path from the command line, as an operator uses it: history, revert (and its
//! refusal), full validation of a store, protected system graphs, and a load killed with
//! SIGKILL halfway, which leaves the data and its history all or nothing.

mod support;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::Value;
use support::{fails_saying, load_args, maillage, path_str, stderr, succeed};

const GRAPH: &str = "https://w3id.org/maillage/graph/essais";

/// `n` valid companies in Turtle (a French label, a municipality of the ZEM, a source).
fn companies(n: usize, tag: &str) -> String {
    let mut ttl = String::from(
        "@prefix mo: <https://w3id.org/maillage/ontology#> .\n\
         @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n\
         @prefix dcterms: <http://purl.org/dc/terms/> .\n",
    );
    for i in 0..n {
        ttl.push_str(&format!(
            "<https://w3id.org/maillage/id/org/{tag}-{i}> a mo:Company ;\n  \
             rdfs:label \"Essai {tag} {i}\"@fr ;\n  \
             mo:locatedIn <https://w3id.org/maillage/id/municipality/23027> ;\n  \
             dcterms:source <https://example.org/essais/{tag}/{i}> .\n"
        ));
    }
    ttl
}

fn history(store: &Path) -> Vec<Value> {
    let out = succeed(&["history", "--store", path_str(store), "--limit", "100"]);
    serde_json::from_str::<Value>(&out)
        .expect("history prints JSON")
        .as_array()
        .expect("an array")
        .clone()
}

fn count(store: &Path, graph: &str) -> u64 {
    support::count(
        store,
        &format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"),
    )
}

#[test]
fn load_edit_history_revert_and_a_refused_revert() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("store");
    let file = dir.path().join("deux.ttl");
    std::fs::write(&file, companies(2, "hist")).expect("write");
    succeed(&load_args(&store, &["--graph", GRAPH], &file));
    let changes = history(&store);
    let load = &changes[0];
    assert_eq!(load["origin"], "load");
    assert_eq!(load["actor"], "cli");
    assert_eq!(load["added"], 8);
    assert_eq!(load["graphs"], serde_json::json!([GRAPH]));
    let load_id = load["id"].as_u64().expect("an id").to_string();

    // A second load touches the same triples (replaces the graph): reverting the first is
    // refused, names the later change, and writes nothing.
    let other = dir.path().join("autre.ttl");
    std::fs::write(&other, companies(1, "autre")).expect("write");
    succeed(&load_args(&store, &["--graph", GRAPH, "--replace"], &other));
    let later_id = history(&store)[0]["id"].as_u64().expect("id");
    let refused = maillage(&["revert", "--store", path_str(&store), &load_id]);
    assert_eq!(refused.status.code(), Some(1));
    let message = stderr(&refused);
    assert!(message.contains(&later_id.to_string()), "{message}");
    assert!(message.contains("nothing was written"), "{message}");
    assert_eq!(count(&store, GRAPH), 4);

    // Revert the replacement, then the first load: the graph is empty again.
    succeed(&["revert", "--store", path_str(&store), &later_id.to_string()]);
    assert_eq!(count(&store, GRAPH), 8);
    succeed(&["revert", "--store", path_str(&store), &load_id]);
    assert_eq!(count(&store, GRAPH), 0);
    let table = succeed(&[
        "history",
        "--store",
        path_str(&store),
        "--format",
        "table",
        "--lang",
        "en",
    ]);
    assert!(table.contains("revert of"), "{table}");

    // The whole store still conforms.
    let valid = succeed(&["validate", "--store", path_str(&store)]);
    assert!(valid.starts_with("valid:"), "{valid}");
}

#[test]
fn a_file_for_a_system_graph_needs_system() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("store");
    let file = dir.path().join("note.ttl");
    std::fs::write(
        &file,
        "<urn:maillage:note> <http://www.w3.org/2000/01/rdf-schema#comment> \"une note\" .\n",
    )
    .expect("write");
    let shapes = "https://w3id.org/maillage/graph/shapes";
    let refused = maillage(&load_args(&store, &["--graph", shapes], &file));
    fails_saying(&refused, "protected");
    succeed(&load_args(&store, &["--graph", shapes, "--system"], &file));
    assert!(count(&store, shapes) > 0);
}

/// SIGKILL during a large load: after a restart the history holds the load exactly when the
/// data does, whatever the moment of the kill.
#[test]
fn a_load_killed_halfway_is_all_or_nothing_with_its_history() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("beaucoup.ttl");
    let n = 3_000;
    std::fs::write(&file, companies(n, "masse")).expect("write");
    let template = dir.path().join("template");
    succeed(&["load", "--store", path_str(&template), "--defaults"]);
    // Kill at several moments: early (parsing), later (validation, commit), and never.
    for (round, delay) in [150u64, 600, 1_500, 4_000, 60_000].into_iter().enumerate() {
        let store = dir.path().join(format!("store-{round}"));
        copy_dir(&template, &store);
        let mut child = Command::new(env!("CARGO_BIN_EXE_maillage"))
            .args([
                "load",
                "--store",
                path_str(&store),
                "--graph",
                GRAPH,
                path_str(&file),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("load starts");
        let deadline = std::time::Instant::now() + Duration::from_millis(delay);
        let finished = loop {
            if child.try_wait().expect("wait").is_some() {
                break true;
            }
            if std::time::Instant::now() >= deadline {
                break false;
            }
            std::thread::sleep(Duration::from_millis(10));
        };
        if !finished {
            child.kill().expect("SIGKILL");
            child.wait().expect("reaped");
        }
        let quads = count(&store, GRAPH);
        let loads: Vec<Value> = history(&store)
            .into_iter()
            .filter(|c| {
                c["graphs"]
                    .as_array()
                    .is_some_and(|g| g.iter().any(|g| g == GRAPH))
            })
            .collect();
        match quads {
            0 => assert!(
                loads.is_empty(),
                "round {round}: history without data: {loads:?}"
            ),
            q => {
                assert_eq!(q, 4 * n as u64, "round {round}: a partial load");
                assert_eq!(loads.len(), 1, "round {round}: data without history");
                assert_eq!(loads[0]["added"], 4 * n as u64);
            }
        }
        if delay == 60_000 {
            assert_eq!(quads, 4 * n as u64, "an uninterrupted load completes");
        }
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else if entry.file_name() != "LOCK" {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}
