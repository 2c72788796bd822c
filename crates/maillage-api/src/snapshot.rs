//! The analytics snapshot: the ecosystem read from the store, behind an atomic swap. Readers
//! clone an `Arc` and never see a half-built snapshot; a committed write rebuilds it.

use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use maillage_model::Ecosystem;
use maillage_store::{GraphScope, MaillageStore, StoreError};

/// One consistent view of the ecosystem and what the search needs.
#[derive(Debug)]
pub struct Snapshot {
    pub eco: Arc<Ecosystem>,
    /// The petgraph ecosystem graph the analytics run on (shares `eco`).
    pub graph: maillage_graph::EcosystemGraph,
    /// Search by words over the organisations (`search_index.rs`).
    pub search: crate::search_index::SearchIndex,
    /// Build time (SPARQL snapshot + indexes).
    pub build_time: Duration,
    /// Monotonic version, incremented by every rebuild.
    pub version: u64,
}

impl Snapshot {
    /// Reads the ecosystem of the graphs `scope` shows and indexes it.
    pub fn build(
        store: &MaillageStore,
        scope: &GraphScope,
        version: u64,
    ) -> Result<Snapshot, StoreError> {
        let started = Instant::now();
        let (eco, _) = maillage_store::snapshot::read_within(store, scope)?;
        let eco = Arc::new(eco);
        let graph = maillage_graph::EcosystemGraph::from_shared(eco.clone());
        let search = crate::search_index::SearchIndex::build(&eco);
        Ok(Snapshot {
            eco,
            graph,
            search,
            build_time: started.elapsed(),
            version,
        })
    }

    /// Adds every concept below those of `set` (transitively).
    pub fn add_narrower(&self, set: &mut std::collections::BTreeSet<String>) {
        loop {
            let before = set.len();
            let additions: Vec<String> = self
                .eco
                .concepts
                .values()
                .filter(|c| !set.contains(&c.iri) && c.broader.iter().any(|b| set.contains(b)))
                .map(|c| c.iri.clone())
                .collect();
            set.extend(additions);
            if set.len() == before {
                break;
            }
        }
    }
}

/// Holds the current snapshot of the graphs of one scope; swapped whole.
#[derive(Debug)]
pub struct SnapshotCell {
    current: RwLock<Arc<Snapshot>>,
    scope: GraphScope,
}

impl SnapshotCell {
    /// A cell for `snapshot`, built (and rebuilt) from the graphs of `scope`.
    pub fn new(snapshot: Snapshot, scope: GraphScope) -> Self {
        SnapshotCell {
            current: RwLock::new(Arc::new(snapshot)),
            scope,
        }
    }

    pub fn get(&self) -> Arc<Snapshot> {
        match self.current.read() {
            Ok(guard) => guard.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Rebuilds from the store and swaps it in (the old one stays valid for its readers).
    pub fn refresh(&self, store: &MaillageStore) -> Result<(), StoreError> {
        let version = self.get().version + 1;
        let fresh = Arc::new(Snapshot::build(store, &self.scope, version)?);
        match self.current.write() {
            Ok(mut guard) => *guard = fresh,
            Err(poisoned) => *poisoned.into_inner() = fresh,
        }
        Ok(())
    }
}
