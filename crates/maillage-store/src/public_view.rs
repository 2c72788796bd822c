//! The public view: a second oxigraph store that holds exactly the graphs an anonymous reader
//! may see ([`GraphScope::public`] without the demo), kept in step with the store by every
//! committed write, so that anonymous SPARQL queries run on it with oxigraph's own union default
//! graph — one index seek per triple pattern — instead of on the whole store with a dataset
//! that lists every visible graph (one seek per listed graph and pattern: 3–6 times slower,
//! measured in `docs/benchmarks.md`).
//!
//! It is derived data, never a source: the store is the truth, and the view is rebuilt from it
//! whenever it may be behind. A persistent store keeps its view in `DIR/public-view/` with a
//! state file that names the last change the view holds; the state file is removed before a
//! change is applied to the view and written again after, so a crash in between (or a write by
//! a process that does not keep a view) leaves a view that does not say it is current, and the
//! next read-write open rebuilds it. The history graph, the demo graph and every confidential
//! graph are never in it, so no anonymous query can reach them whatever its dataset.

use std::fs;
use std::path::{Path, PathBuf};

use oxigraph::model::{NamedOrBlankNode, Quad};
use oxigraph::store::Store;

use crate::change::ChangeSet;
use crate::error::StoreError;
use crate::scope::GraphScope;

/// The first line of the state file, with the format's version.
const STATE_HEADER: &str = "maillage public view 1";
/// Beyond this many added quads, a change reaches the view through the bulk loader.
const BULK_FROM: usize = 50_000;

/// The graphs of the view: what an anonymous reader sees when the demo is not served.
pub fn public_view_scope() -> GraphScope {
    GraphScope::public(false)
}

/// The view and where its state is kept (`None` in memory).
#[derive(Clone)]
pub(crate) struct PublicView {
    store: Store,
    state: Option<PathBuf>,
}

impl std::fmt::Debug for PublicView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PublicView")
            .field("state", &self.state)
            .finish_non_exhaustive()
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}

impl PublicView {
    /// The view of a persistent store in `dir` whose last change is `last_change`: opened as it
    /// is when its state file says it holds that change, else rebuilt from `main`.
    pub(crate) fn open(dir: &Path, main: &Store, last_change: u64) -> Result<Self, StoreError> {
        let view_dir = dir.join("public-view");
        let state = dir.join("public-view.state");
        if read_state(&state) == Some(last_change) && view_dir.is_dir() {
            return Ok(PublicView {
                store: Store::open(&view_dir)?,
                state: Some(state),
            });
        }
        remove_state(&state)?;
        if view_dir.exists() {
            fs::remove_dir_all(&view_dir).map_err(io(&view_dir))?;
        }
        fs::create_dir_all(&view_dir).map_err(io(&view_dir))?;
        let view = PublicView {
            store: Store::open(&view_dir)?,
            state: Some(state),
        };
        view.copy_from(main)?;
        view.write_state(last_change)?;
        Ok(view)
    }

    /// The view of an in-memory store, built from it as it is now.
    pub(crate) fn in_memory(main: &Store) -> Result<Self, StoreError> {
        let view = PublicView {
            store: Store::new()?,
            state: None,
        };
        view.copy_from(main)?;
        Ok(view)
    }

    pub(crate) fn store(&self) -> &Store {
        &self.store
    }

    /// Copies the visible quads and named graphs of `main` into the (empty) view.
    fn copy_from(&self, main: &Store) -> Result<(), StoreError> {
        let scope = public_view_scope();
        let mut loader = self.store.bulk_loader();
        loader.load_ok_quads::<_, StoreError>(
            main.iter()
                .filter(|q| q.as_ref().map_or(true, |q| scope.shows_quad(q))),
        )?;
        loader.commit()?;
        self.sync_graphs(main)
    }

    /// Applies a change just committed to `main`, after which `main`'s last change is
    /// `last_change`: its quads in visible graphs, then the named graphs (a graph created or
    /// dropped empty changes no quad).
    pub(crate) fn apply(
        &self,
        main: &Store,
        set: &ChangeSet,
        last_change: u64,
    ) -> Result<(), StoreError> {
        let scope = public_view_scope();
        let visible = |q: &&Quad| scope.shows_quad(q);
        if let Some(state) = &self.state {
            remove_state(state)?;
        }
        if set.added.len() > BULK_FROM {
            let mut tx = self.store.start_transaction()?;
            for q in set.removed.iter().filter(visible) {
                tx.remove(q);
            }
            tx.commit()?;
            let mut loader = self.store.bulk_loader();
            loader.load_quads(set.added.iter().filter(visible).cloned())?;
            loader.commit()?;
        } else {
            let mut tx = self.store.start_transaction()?;
            for q in set.removed.iter().filter(visible) {
                tx.remove(q);
            }
            for q in set.added.iter().filter(visible) {
                tx.insert(q);
            }
            tx.commit()?;
        }
        self.sync_graphs(main)?;
        self.write_state(last_change)
    }

    /// Makes the view's named graphs the visible named graphs of `main`.
    fn sync_graphs(&self, main: &Store) -> Result<(), StoreError> {
        let scope = public_view_scope();
        let wanted: Vec<NamedOrBlankNode> = main
            .named_graphs()
            .filter(|g| g.as_ref().map_or(true, |g| scope.shows(g.as_ref().into())))
            .collect::<Result<_, _>>()?;
        let present: Vec<NamedOrBlankNode> = self.store.named_graphs().collect::<Result<_, _>>()?;
        for g in &present {
            if !wanted.contains(g) {
                self.store.remove_named_graph(g)?;
            }
        }
        for g in &wanted {
            if !present.contains(g) {
                self.store.insert_named_graph(g)?;
            }
        }
        Ok(())
    }

    fn write_state(&self, change: u64) -> Result<(), StoreError> {
        let Some(state) = &self.state else {
            return Ok(());
        };
        let tmp = state.with_extension("state.tmp");
        fs::write(&tmp, format!("{STATE_HEADER}\nlast-change {change}\n")).map_err(io(&tmp))?;
        fs::rename(&tmp, state).map_err(io(state))
    }
}

/// The last change a view's state file says it holds.
fn read_state(state: &Path) -> Option<u64> {
    let text = fs::read_to_string(state).ok()?;
    let mut lines = text.lines();
    if lines.next()? != STATE_HEADER {
        return None;
    }
    lines.next()?.strip_prefix("last-change ")?.parse().ok()
}

fn remove_state(state: &Path) -> Result<(), StoreError> {
    match fs::remove_file(state) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io(state)(e)),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests;
