//! What a write changes: the quads it really adds and removes, recorded as it runs.
//!
//! Every write goes through [`Changes`], a thin layer over an oxigraph transaction that keeps
//! the *effective* delta: inserting a quad that is already there, or removing one that is not,
//! changes nothing and is not recorded; inserting then removing the same quad cancels out. The
//! delta is what incremental validation checks, what the protected-graph rule inspects, what
//! the history stores and what a revert inverts.

use std::collections::{BTreeSet, HashSet};
use std::fmt;

use oxigraph::model::{
    GraphName, GraphNameRef, NamedNodeRef, NamedOrBlankNodeRef, Quad, QuadRef, TermRef,
};
use oxigraph::store::{StorageError, Transaction};

/// Who made a write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor(pub String);

impl Actor {
    /// The command line (`maillage load`, `revert`, …).
    pub fn cli() -> Self {
        Actor("cli".into())
    }

    /// The holder of the server's `--write-token`.
    pub fn write_token() -> Self {
        Actor("write-token".into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Through which door a write came in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Origin {
    /// SPARQL 1.1 Update (`/update`).
    Update,
    /// The Graph Store Protocol (`/store`).
    Gsp,
    /// A REST resource (`/api/v1/…`).
    Rest,
    /// `maillage load` (files or the built-in data).
    Load,
    /// The inverse of an earlier change.
    Revert,
}

impl Origin {
    /// The name stored in the history (a contract: `maillage history` prints it).
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Update => "update",
            Origin::Gsp => "gsp",
            Origin::Rest => "rest",
            Origin::Load => "load",
            Origin::Revert => "revert",
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who writes, how, and whether the write may touch the system graphs (ontology, shapes,
/// taxonomies, territory): only `maillage load --system` and regenerations may.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WriteContext {
    pub actor: Actor,
    pub origin: Origin,
    pub system: bool,
    /// The change this write reverts, if it is a revert.
    pub reverts: Option<u64>,
}

impl WriteContext {
    pub fn new(actor: Actor, origin: Origin) -> Self {
        WriteContext {
            actor,
            origin,
            system: false,
            reverts: None,
        }
    }

    /// The command line's own writes (`maillage load`).
    pub fn cli_load() -> Self {
        WriteContext::new(Actor::cli(), Origin::Load)
    }

    /// Allows the write to change the system graphs.
    pub fn system(mut self) -> Self {
        self.system = true;
        self
    }
}

/// The effective delta of a write.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChangeSet {
    pub added: Vec<Quad>,
    pub removed: Vec<Quad>,
}

impl ChangeSet {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty()
    }

    /// The graphs the change touches, sorted (the default graph as `None`).
    pub fn graphs(&self) -> BTreeSet<Option<String>> {
        self.added
            .iter()
            .chain(&self.removed)
            .map(|q| match &q.graph_name {
                GraphName::NamedNode(n) => Some(n.as_str().to_owned()),
                GraphName::BlankNode(b) => Some(b.to_string()),
                GraphName::DefaultGraph => None,
            })
            .collect()
    }

    /// The change that undoes this one.
    pub fn inverse(&self) -> ChangeSet {
        ChangeSet {
            added: self.removed.clone(),
            removed: self.added.clone(),
        }
    }
}

/// A transaction that records what it changes. Reads see the transaction's own writes.
pub struct Changes<'t, 'a> {
    tx: &'t mut Transaction<'a>,
    added: HashSet<Quad>,
    removed: HashSet<Quad>,
}

impl std::fmt::Debug for Changes<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Changes")
            .field("added", &self.added.len())
            .field("removed", &self.removed.len())
            .finish_non_exhaustive()
    }
}

impl<'t, 'a> Changes<'t, 'a> {
    pub(crate) fn new(tx: &'t mut Transaction<'a>) -> Self {
        Changes {
            tx,
            added: HashSet::new(),
            removed: HashSet::new(),
        }
    }

    /// The transaction, for reading (queries evaluated inside the write).
    pub fn transaction(&self) -> &Transaction<'a> {
        self.tx
    }

    /// Adds a quad; returns whether it was new.
    pub fn insert(&mut self, quad: QuadRef<'_>) -> Result<bool, StorageError> {
        self.apply(quad, true)
    }

    /// Removes a quad; returns whether it was there.
    pub fn remove(&mut self, quad: QuadRef<'_>) -> Result<bool, StorageError> {
        self.apply(quad, false)
    }

    /// Adds (`add`) or removes a quad unless the transaction already has it so, and keeps the
    /// effective delta: undoing a change this write made cancels it instead of recording the
    /// opposite one. Returns whether the quad changed.
    fn apply(&mut self, quad: QuadRef<'_>, add: bool) -> Result<bool, StorageError> {
        if self.tx.contains(quad)? == add {
            return Ok(false);
        }
        let (undone, done) = if add {
            self.tx.insert(quad);
            (&mut self.removed, &mut self.added)
        } else {
            self.tx.remove(quad);
            (&mut self.added, &mut self.removed)
        };
        let owned = quad.into_owned();
        if !undone.remove(&owned) {
            done.insert(owned);
        }
        Ok(true)
    }

    /// Every quad matching a pattern (in the state the transaction has reached).
    pub fn quads_for_pattern(
        &self,
        subject: Option<NamedOrBlankNodeRef<'_>>,
        predicate: Option<NamedNodeRef<'_>>,
        object: Option<TermRef<'_>>,
        graph_name: Option<GraphNameRef<'_>>,
    ) -> Result<Vec<Quad>, StorageError> {
        self.tx
            .quads_for_pattern(subject, predicate, object, graph_name)
            .collect()
    }

    pub fn contains(&self, quad: QuadRef<'_>) -> Result<bool, StorageError> {
        self.tx.contains(quad)
    }

    pub fn contains_named_graph(
        &self,
        graph: NamedOrBlankNodeRef<'_>,
    ) -> Result<bool, StorageError> {
        self.tx.contains_named_graph(graph)
    }

    /// Declares a named graph (an empty graph exists after `CREATE GRAPH` or a GSP PUT of an
    /// empty body). Not a change of quads.
    pub fn insert_named_graph(&mut self, graph: NamedOrBlankNodeRef<'_>) {
        self.tx.insert_named_graph(graph);
    }

    /// Empties one graph.
    pub fn clear_graph(&mut self, graph: GraphNameRef<'_>) -> Result<(), StorageError> {
        for q in self.quads_for_pattern(None, None, None, Some(graph))? {
            self.remove(q.as_ref())?;
        }
        Ok(())
    }

    /// Empties a named graph and removes it from the dataset.
    pub fn remove_named_graph(
        &mut self,
        graph: NamedOrBlankNodeRef<'_>,
    ) -> Result<(), StorageError> {
        self.clear_graph(graph.into())?;
        self.tx.remove_named_graph(graph)?;
        Ok(())
    }

    /// Every named graph of the dataset (the history graph is not part of it: `DROP ALL`
    /// leaves it alone).
    pub fn named_graphs(&self) -> Result<Vec<oxigraph::model::NamedOrBlankNode>, StorageError> {
        let mut graphs = Vec::new();
        for g in self.tx.named_graphs() {
            let g = g?;
            if !crate::history::is_history(g.as_ref().into()) {
                graphs.push(g);
            }
        }
        Ok(graphs)
    }

    /// Empties every named graph (they are removed) and the default graph.
    pub fn clear_all(&mut self) -> Result<(), StorageError> {
        for g in self.named_graphs()? {
            self.remove_named_graph(g.as_ref())?;
        }
        self.clear_graph(GraphNameRef::DefaultGraph)
    }

    /// The effective delta so far, sorted (deterministic history records).
    pub fn change_set(&self) -> ChangeSet {
        let mut added: Vec<Quad> = self.added.iter().cloned().collect();
        let mut removed: Vec<Quad> = self.removed.iter().cloned().collect();
        added.sort_by_cached_key(|q| q.to_string());
        removed.sort_by_cached_key(|q| q.to_string());
        ChangeSet { added, removed }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::NamedNode;
    use oxigraph::store::Store;

    fn quad(s: &str, o: &str) -> Quad {
        Quad::new(
            NamedNode::new_unchecked(format!("http://ex.org/{s}")),
            NamedNode::new_unchecked("http://ex.org/p"),
            NamedNode::new_unchecked(format!("http://ex.org/{o}")),
            NamedNode::new_unchecked("http://ex.org/g"),
        )
    }

    #[test]
    fn only_effective_changes_are_recorded() {
        let store = Store::new().expect("in memory");
        let kept = quad("a", "b");
        store.insert(&kept).expect("in memory");
        let mut tx = store.start_transaction().expect("in memory");
        let mut changes = Changes::new(&mut tx);
        // Already there: no change.
        assert!(!changes.insert(kept.as_ref()).expect("in memory"));
        // Not there: no change.
        assert!(!changes.remove(quad("x", "y").as_ref()).expect("in memory"));
        // Insert then remove: cancels out.
        let transient = quad("c", "d");
        assert!(changes.insert(transient.as_ref()).expect("in memory"));
        assert!(changes.remove(transient.as_ref()).expect("in memory"));
        // Remove then insert back: cancels out.
        assert!(changes.remove(kept.as_ref()).expect("in memory"));
        assert!(changes.insert(kept.as_ref()).expect("in memory"));
        let new = quad("e", "f");
        changes.insert(new.as_ref()).expect("in memory");
        assert_eq!(
            changes.change_set(),
            ChangeSet {
                added: vec![new],
                removed: vec![]
            }
        );
    }

    #[test]
    fn clearing_a_graph_records_what_it_held() {
        let store = Store::new().expect("in memory");
        for q in [quad("a", "b"), quad("c", "d")] {
            store.insert(&q).expect("in memory");
        }
        let mut tx = store.start_transaction().expect("in memory");
        let mut changes = Changes::new(&mut tx);
        changes.clear_all().expect("in memory");
        let set = changes.change_set();
        assert_eq!(set.removed, vec![quad("a", "b"), quad("c", "d")]);
        assert_eq!(
            set.graphs(),
            BTreeSet::from([Some("http://ex.org/g".to_owned())])
        );
        assert_eq!(set.inverse().added.len(), 2);
    }
}
