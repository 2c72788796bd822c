//! The analytics snapshot: the ecosystem read from the store, behind an atomic swap. Readers
//! clone an `Arc` and never see a half-built snapshot; a committed write rebuilds it.

use std::sync::{Arc, Mutex, RwLock};
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
    /// The last change of the store's history this snapshot includes (0: none recorded).
    pub change: u64,
}

impl Snapshot {
    /// Reads the ecosystem of the graphs `scope` shows and indexes it.
    pub fn build(
        store: &MaillageStore,
        scope: &GraphScope,
        version: u64,
    ) -> Result<Snapshot, StoreError> {
        let started = Instant::now();
        // Read before the data: the snapshot holds at least this change (perhaps a later one,
        // which only makes the next refresh rebuild once more).
        let change = store.last_change()?;
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
            change,
        })
    }

    /// A snapshot of nothing, for unit tests of the pages.
    #[cfg(test)]
    pub(crate) fn empty() -> Snapshot {
        let eco = Arc::new(Ecosystem::default());
        Snapshot {
            graph: maillage_graph::EcosystemGraph::from_shared(eco.clone()),
            search: crate::search_index::SearchIndex::build(&eco),
            eco,
            build_time: Duration::ZERO,
            version: 0,
            change: 0,
        }
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
///
/// Refreshes are serialised (one rebuild at a time in the process) and versioned by the store's last change:
/// a refresh that finds the snapshot already holding every committed change does nothing (so
/// writes arriving together share one rebuild), and a snapshot is never replaced by one that
/// holds fewer changes — a later write can never be hidden by an earlier rebuild.
#[derive(Debug)]
pub struct SnapshotCell {
    current: RwLock<Arc<Snapshot>>,
    scope: GraphScope,
}

/// Serialises every snapshot rebuild of the process.
static REBUILDS: Mutex<()> = Mutex::new(());

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

    /// Rebuilds from the store, unless the snapshot already holds every committed change, and
    /// swaps it in (the old one stays valid for its readers). Returns whether it rebuilt.
    pub fn refresh(&self, store: &MaillageStore) -> Result<bool, StoreError> {
        self.rebuild_unless(store, |current, last| last > 0 && current >= last)
    }

    /// Rebuilds only when the store holds a change the snapshot lacks (a store without history
    /// is taken as unchanged since the snapshot was built). Returns whether it rebuilt.
    pub fn refresh_if_behind(&self, store: &MaillageStore) -> Result<bool, StoreError> {
        self.rebuild_unless(store, |current, last| current >= last)
    }

    fn rebuild_unless(
        &self,
        store: &MaillageStore,
        up_to_date: impl Fn(u64, u64) -> bool,
    ) -> Result<bool, StoreError> {
        // One rebuild at a time in the whole process, whichever the cell (the public one after a
        // write, the members' one when a member reads after it): each rebuild runs queries on
        // the store's evaluator, whose slots the requests need too.
        let _one_at_a_time = REBUILDS.lock().unwrap_or_else(|p| p.into_inner());
        let current = self.get();
        let last = store.last_change()?;
        if up_to_date(current.change, last) {
            return Ok(false);
        }
        let fresh = Arc::new(Snapshot::build(store, &self.scope, current.version + 1)?);
        match self.current.write() {
            Ok(mut guard) => {
                if fresh.change >= guard.change {
                    *guard = fresh;
                }
            }
            Err(poisoned) => *poisoned.into_inner() = fresh,
        }
        Ok(true)
    }
}

/// A [`SnapshotCell`] built on first use: the snapshot of the public and confidential graphs,
/// which only signed-in users read, costs nothing to a server nobody signs in to.
#[derive(Debug)]
pub struct LazySnapshotCell {
    scope: GraphScope,
    cell: std::sync::OnceLock<SnapshotCell>,
    init: Mutex<()>,
}

impl LazySnapshotCell {
    pub fn new(scope: GraphScope) -> Self {
        LazySnapshotCell {
            scope,
            cell: std::sync::OnceLock::new(),
            init: Mutex::new(()),
        }
    }

    /// The snapshot, built now if it never was, rebuilt if the store holds a later change
    /// (blocking: call it off the async threads).
    pub fn current(&self, store: &MaillageStore) -> Result<Arc<Snapshot>, StoreError> {
        if let Some(cell) = self.cell.get() {
            cell.refresh_if_behind(store)?;
            return Ok(cell.get());
        }
        let _one_builder = self.init.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(cell) = self.cell.get() {
            cell.refresh_if_behind(store)?;
            return Ok(cell.get());
        }
        let snapshot = Snapshot::build(store, &self.scope, 1)?;
        let cell = self
            .cell
            .get_or_init(|| SnapshotCell::new(snapshot, self.scope.clone()));
        Ok(cell.get())
    }
}
