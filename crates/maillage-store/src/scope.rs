//! Which named graphs a reader may see.
//!
//! A [`GraphScope`] lists hidden named graphs, by IRI or by IRI prefix. The data of a hidden
//! graph stays in the store (it is validated with the rest, written like the rest), but every
//! read that takes a scope behaves as if the graph did not exist: SPARQL queries (the union
//! default graph, `GRAPH ?g`, `FROM`/`FROM NAMED` and the protocol's
//! `default-graph-uri`/`named-graph-uri`), the snapshot, dumps, graph reads, descriptions of a
//! resource and quad counts.
//!
//! `maillage serve` hides the demo graph unless it runs with `--demo`, and hides every
//! confidential graph (IRI under `https://w3id.org/maillage/graph/private/`) from anonymous
//! readers ([`GraphScope::public`]); signed-in users read with [`GraphScope::member`], which
//! shows the confidential graphs. The history graph stays hidden in every scope.

use std::collections::BTreeSet;
use std::io::Write;

use maillage_model::vocab;
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, NamedOrBlankNode, Quad, Triple};

use crate::embedded::EmbeddedFile;
use crate::error::StoreError;
use crate::formats::GraphFormat;
use crate::store::MaillageStore;

/// The short name of the embedded demo graph (`datasets/demo/`): fictional records marked
/// `mo:illustrative true`.
pub const DEMO_GRAPH: &str = "demo";

/// The IRI of the demo graph, `https://w3id.org/maillage/graph/demo`.
pub fn demo_graph_iri() -> String {
    vocab::graph(DEMO_GRAPH)
}

/// The IRI prefix of the confidential graphs, `https://w3id.org/maillage/graph/private/`.
pub fn private_graph_prefix() -> String {
    vocab::graph("private/")
}

/// Is the named graph `iri` confidential (under [`private_graph_prefix`])?
pub fn is_confidential_iri(iri: &str) -> bool {
    iri.starts_with(&private_graph_prefix())
}

/// The named graphs a reader may see: all but the hidden ones. The store's own default graph
/// is always visible. `GraphScope::default()` hides nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct GraphScope {
    hidden_graphs: BTreeSet<String>,
    hidden_prefixes: BTreeSet<String>,
}

impl GraphScope {
    /// Every graph is visible (the CLI's reads, and the write path).
    pub fn everything() -> Self {
        GraphScope::default()
    }

    /// What the server shows an anonymous reader: the open graphs, never a confidential one
    /// (under [`private_graph_prefix`]), and the demo graph only when `demo`.
    pub fn public(demo: bool) -> Self {
        GraphScope::member(demo).hiding_prefix(private_graph_prefix())
    }

    /// What the server shows a signed-in user (any role): the open and the confidential graphs,
    /// and the demo graph only when `demo`.
    pub fn member(demo: bool) -> Self {
        let scope = GraphScope::everything();
        if demo {
            scope
        } else {
            scope.hiding_graph(demo_graph_iri())
        }
    }

    /// Does this scope show confidential graphs?
    pub fn shows_confidential(&self) -> bool {
        !self
            .hidden_prefixes
            .iter()
            .any(|p| private_graph_prefix().starts_with(p.as_str()))
    }

    /// This scope, with the graph `iri` hidden too.
    pub fn hiding_graph(mut self, iri: impl Into<String>) -> Self {
        self.hidden_graphs.insert(iri.into());
        self
    }

    /// This scope, with every graph whose IRI starts with `prefix` hidden too.
    pub fn hiding_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.hidden_prefixes.insert(prefix.into());
        self
    }

    /// Does this scope show every graph?
    pub fn hides_nothing(&self) -> bool {
        self.hidden_graphs.is_empty() && self.hidden_prefixes.is_empty()
    }

    /// May a reader see the named graph `iri`? Never the history graph, in any scope: it is
    /// read through [`MaillageStore::history`], by those who may.
    pub fn shows_iri(&self, iri: &str) -> bool {
        !crate::history::is_history_iri(iri)
            && !self.hidden_graphs.contains(iri)
            && !self.hidden_prefixes.iter().any(|p| iri.starts_with(p))
    }

    /// May a reader see this graph? The default graph and blank-node graphs always are.
    pub fn shows(&self, graph: GraphNameRef<'_>) -> bool {
        match graph {
            GraphNameRef::NamedNode(n) => self.shows_iri(n.as_str()),
            GraphNameRef::BlankNode(_) | GraphNameRef::DefaultGraph => true,
        }
    }

    /// May a reader see this embedded file's graph?
    pub fn shows_file(&self, file: &EmbeddedFile) -> bool {
        self.shows_iri(&file.graph_iri())
    }

    /// May a reader see this quad (is its graph visible)?
    pub fn shows_quad(&self, quad: &Quad) -> bool {
        self.shows(quad.graph_name.as_ref())
    }
}

/// The visible graphs of a store for one query: `None` when the store holds no hidden graph
/// (then the query runs on the store as it is, the cheapest plan).
pub(crate) struct VisibleGraphs {
    pub named: Vec<NamedOrBlankNode>,
}

impl VisibleGraphs {
    /// The default graph of a query without a dataset: the store's default graph and every
    /// visible named graph (what the union of all graphs is without the hidden ones).
    pub fn union(&self) -> Vec<GraphName> {
        std::iter::once(GraphName::DefaultGraph)
            .chain(self.named.iter().cloned().map(GraphName::from))
            .collect()
    }
}

impl MaillageStore {
    /// The named graphs of the store that `scope` hides (those present now).
    /// The history graph is not among them: it is out of every dataset (see
    /// [`MaillageStore::quad_count`]).
    pub fn hidden_graphs(&self, scope: &GraphScope) -> Result<Vec<NamedNode>, StoreError> {
        if scope.hides_nothing() {
            return Ok(Vec::new());
        }
        let mut hidden = Vec::new();
        for g in self.oxigraph().named_graphs() {
            if let NamedOrBlankNode::NamedNode(n) = g?
                && !scope.shows_iri(n.as_str())
                && !crate::history::is_history_iri(n.as_str())
            {
                hidden.push(n);
            }
        }
        Ok(hidden)
    }

    /// The visible named graphs when the store holds a hidden one, else `None`.
    pub(crate) fn visible_graphs(
        &self,
        scope: &GraphScope,
    ) -> Result<Option<VisibleGraphs>, StoreError> {
        if scope.hides_nothing() && !self.has_history()? {
            return Ok(None);
        }
        let mut named = Vec::new();
        let mut any_hidden = false;
        for g in self.oxigraph().named_graphs() {
            let g = g?;
            if scope.shows(g.as_ref().into()) {
                named.push(g);
            } else {
                any_hidden = true;
            }
        }
        Ok(any_hidden.then_some(VisibleGraphs { named }))
    }

    /// Does the store have this named graph, and may the reader see it?
    pub fn contains_visible_graph(
        &self,
        graph: &NamedNode,
        scope: &GraphScope,
    ) -> Result<bool, StoreError> {
        Ok(scope.shows_iri(graph.as_str()) && self.contains_graph(graph)?)
    }

    /// Quads a reader may see (the store's count minus the hidden graphs').
    pub fn visible_quad_count(&self, scope: &GraphScope) -> Result<usize, StoreError> {
        let mut n = self.quad_count()?;
        for g in self.hidden_graphs(scope)? {
            n = n.saturating_sub(self.graph_len(&g)?);
        }
        Ok(n)
    }

    /// Named graphs a reader may see, sorted.
    pub fn visible_graph_names(&self, scope: &GraphScope) -> Result<Vec<String>, StoreError> {
        Ok(self
            .graph_names()?
            .into_iter()
            .filter(|g| scope.shows_iri(g))
            .collect())
    }

    /// All quads with this subject in the graphs a reader may see.
    pub fn describe_visible(
        &self,
        subject: &NamedNode,
        scope: &GraphScope,
    ) -> Result<Vec<Quad>, StoreError> {
        let mut out = Vec::new();
        for q in self
            .oxigraph()
            .quads_for_pattern(Some(subject.as_ref().into()), None, None, None)
        {
            let q = q?;
            if scope.shows_quad(&q) {
                out.push(q);
            }
        }
        Ok(out)
    }

    /// Quads whose object is this IRI, in the graphs a reader may see.
    pub fn incoming_visible(
        &self,
        object: &NamedNode,
        scope: &GraphScope,
    ) -> Result<Vec<Quad>, StoreError> {
        let mut out = Vec::new();
        for q in self
            .oxigraph()
            .quads_for_pattern(None, None, Some(object.as_ref().into()), None)
        {
            let q = q?;
            if scope.shows_quad(&q) {
                out.push(q);
            }
        }
        Ok(out)
    }

    /// [`MaillageStore::dump`] of what a reader may see: the dataset without the hidden graphs,
    /// or one graph (nothing, as for a graph that does not exist, when it is hidden).
    pub fn dump_visible(
        &self,
        format: GraphFormat,
        graph: Option<&NamedNode>,
        scope: &GraphScope,
        writer: impl Write,
    ) -> Result<(), StoreError> {
        if scope.hides_nothing() && !self.has_history()? {
            return self.dump(format, graph, writer);
        }
        let ser_err = StoreError::Serialization;
        let serializer = format.serializer()?;
        let mut serializer = serializer.for_writer(writer);
        let datasets = format.supports_datasets();
        let pattern_graph = graph.map(|g| GraphNameRef::from(g.as_ref()));
        let visible_graph = graph.is_none_or(|g| scope.shows_iri(g.as_str()));
        let mut seen = std::collections::HashSet::new();
        if visible_graph {
            for q in self
                .oxigraph()
                .quads_for_pattern(None, None, None, pattern_graph)
            {
                let q = q?;
                if !scope.shows_quad(&q) {
                    continue;
                }
                if datasets {
                    serializer.serialize_quad(&q).map_err(ser_err)?;
                } else {
                    let t = Triple::new(q.subject, q.predicate, q.object);
                    // The merge of several graphs names each triple once.
                    if graph.is_some() || seen.insert(t.clone()) {
                        serializer.serialize_triple(t.as_ref()).map_err(ser_err)?;
                    }
                }
            }
        }
        serializer.finish().map_err(ser_err)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_public_scope_hides_the_demo_graph_unless_asked() {
        let demo = demo_graph_iri();
        assert_eq!(demo, "https://w3id.org/maillage/graph/demo");
        assert!(!GraphScope::public(false).shows_iri(&demo));
        assert!(GraphScope::public(false).shows_iri(&vocab::graph("region")));
        assert!(GraphScope::public(true).shows_iri(&demo));
        assert!(GraphScope::member(true).hides_nothing());
        assert!(!GraphScope::member(false).shows_iri(&demo));
        assert!(GraphScope::everything().hides_nothing());
    }

    #[test]
    fn confidential_graphs_are_for_members_only_and_the_history_for_no_scope() {
        let notes = vocab::graph("private/notes");
        assert!(is_confidential_iri(&notes));
        assert!(!is_confidential_iri(&vocab::graph("region")));
        for demo in [false, true] {
            assert!(!GraphScope::public(demo).shows_iri(&notes));
            assert!(!GraphScope::public(demo).shows_confidential());
            assert!(GraphScope::member(demo).shows_iri(&notes));
            assert!(GraphScope::member(demo).shows_confidential());
            assert!(!GraphScope::member(demo).shows_iri(&vocab::graph("private/history")));
        }
    }

    #[test]
    fn a_prefix_hides_every_graph_below_it_and_the_default_graph_stays_visible() {
        let scope = GraphScope::everything().hiding_prefix(vocab::graph("private/"));
        assert!(!scope.shows_iri(&vocab::graph("private/board")));
        assert!(scope.shows_iri(&vocab::graph("privateer")));
        assert!(scope.shows(GraphNameRef::DefaultGraph));
    }
}
