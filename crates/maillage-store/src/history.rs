//! The history of changes, kept as quads in a confidential named graph of the same store.
//!
//! Keeping it in the store (rather than a file beside it) makes it all-or-nothing with the
//! write it records — both are in one RocksDB transaction, so after a crash the history has a
//! change exactly when the data has it — and makes a backup carry it. The graph is a system
//! graph: no SPARQL Update, Graph Store Protocol request or REST call can write it, and it
//! lives under `…/graph/private/`, which anonymous requests never see.
//!
//! One change is one resource `https://w3id.org/maillage/change/{n}`:
//! ```turtle
//! <…/change/17> a mo:Change ; mo:changeNumber 17 ; dcterms:created "…"^^xsd:dateTime ;
//!     mo:actor "write-token" ; mo:origin "update" ; mo:addedCount 3 ; mo:removedCount 1 ;
//!     mo:touchesGraph <…/graph/region> ; mo:addedQuads "<s> <p> <o> <g> .\n…" ;
//!     mo:removedQuads "…" ; mo:reverts <…/change/12> .
//! ```
//! The quads are N-Quads text, in chunks of [`CHUNK`] lines (a set: chunk order is irrelevant).

use std::collections::BTreeSet;

use maillage_model::vocab;
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{GraphNameRef, Literal, NamedNode, NamedNodeRef, Quad, QuadRef, Term};
use oxigraph::store::{Store, Transaction};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::change::{ChangeSet, WriteContext};
use crate::error::StoreError;

/// Lines of N-Quads per literal.
const CHUNK: usize = 10_000;

/// A change names each subject it touched (`mo:touchesSubject`) when it touched at most this
/// many; a larger one (a bulk load) says `mo:touchesManySubjects true` instead, and
/// [`last_change_of`] reads its quads.
pub(crate) const SUBJECTS_NAMED: usize = 1_000;

/// The graph that holds the history.
pub fn history_graph() -> NamedNode {
    NamedNode::new_unchecked(vocab::graph("private/history"))
}

/// The IRI of change `n`.
pub fn change_iri(n: u64) -> NamedNode {
    NamedNode::new_unchecked(format!("{}change/{n}", vocab::ID))
}

fn mo(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{}{local}", vocab::MO))
}

fn dcterms_created() -> NamedNode {
    NamedNode::new_unchecked(format!("{}created", vocab::DCTERMS))
}

/// One recorded change, as listed (counts, not the quads).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangeSummary {
    pub id: u64,
    /// RFC 3339, UTC.
    pub at: String,
    pub actor: String,
    pub origin: String,
    pub added: usize,
    pub removed: usize,
    /// The graphs touched (`None`: the default graph), sorted.
    pub graphs: Vec<Option<String>>,
    pub reverts: Option<u64>,
}

/// A recorded change with its quads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangeRecord {
    pub summary: ChangeSummary,
    pub change: ChangeSet,
}

/// Writes the record of a change into the transaction that makes it.
pub(crate) fn record(
    tx: &mut Transaction<'_>,
    id: u64,
    context: &WriteContext,
    change: &ChangeSet,
) -> Result<ChangeSummary, StoreError> {
    let graph = history_graph();
    let node = change_iri(id);
    let at = OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .unwrap_or_else(|_| OffsetDateTime::now_utc())
        .format(&Rfc3339)
        .map_err(|e| StoreError::Serialization(std::io::Error::other(e)))?;
    let graphs: Vec<Option<String>> = change.graphs().into_iter().collect();
    let mut put = |p: NamedNode, o: Term| {
        tx.insert(QuadRef::new(&node, &p, &o, &graph));
    };
    put(
        NamedNode::new_unchecked(format!("{}type", vocab::RDF)),
        mo("Change").into(),
    );
    put(mo("changeNumber"), Literal::from(id as i64).into());
    put(
        dcterms_created(),
        Literal::new_typed_literal(
            &at,
            NamedNode::new_unchecked(format!("{}dateTime", vocab::XSD)),
        )
        .into(),
    );
    put(
        mo("actor"),
        Literal::new_simple_literal(context.actor.as_str()).into(),
    );
    put(
        mo("origin"),
        Literal::new_simple_literal(context.origin.as_str()).into(),
    );
    put(
        mo("addedCount"),
        Literal::from(change.added.len() as i64).into(),
    );
    put(
        mo("removedCount"),
        Literal::from(change.removed.len() as i64).into(),
    );
    for g in &graphs {
        match g {
            Some(g) => put(mo("touchesGraph"), NamedNode::new_unchecked(g).into()),
            None => put(mo("touchesDefaultGraph"), Literal::from(true).into()),
        }
    }
    for chunk in change.added.chunks(CHUNK) {
        put(
            mo("addedQuads"),
            Literal::new_simple_literal(nquads(chunk)?).into(),
        );
    }
    for chunk in change.removed.chunks(CHUNK) {
        put(
            mo("removedQuads"),
            Literal::new_simple_literal(nquads(chunk)?).into(),
        );
    }
    if let Some(r) = context.reverts {
        put(mo("reverts"), change_iri(r).into());
    }
    let subjects: BTreeSet<&NamedNode> = change
        .added
        .iter()
        .chain(&change.removed)
        .filter_map(|q| match &q.subject {
            oxigraph::model::NamedOrBlankNode::NamedNode(n) => Some(n),
            _ => None,
        })
        .collect();
    if subjects.len() <= SUBJECTS_NAMED {
        for subject in subjects {
            put(mo("touchesSubject"), subject.clone().into());
        }
    } else {
        put(mo("touchesManySubjects"), Literal::from(true).into());
    }
    Ok(ChangeSummary {
        id,
        at,
        actor: context.actor.to_string(),
        origin: context.origin.to_string(),
        added: change.added.len(),
        removed: change.removed.len(),
        graphs,
        reverts: context.reverts,
    })
}

fn nquads(quads: &[Quad]) -> Result<String, StoreError> {
    let mut out = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(Vec::new());
    for q in quads {
        out.serialize_quad(q).map_err(StoreError::Serialization)?;
    }
    let bytes = out.finish().map_err(StoreError::Serialization)?;
    String::from_utf8(bytes).map_err(|e| StoreError::Serialization(std::io::Error::other(e)))
}

fn parse_nquads(text: &str) -> Result<Vec<Quad>, StoreError> {
    RdfParser::from_format(RdfFormat::NQuads)
        .for_slice(text.as_bytes())
        .map(|q| {
            q.map_err(|e| {
                StoreError::CorruptHistory(format!("a recorded quad does not parse: {e}"))
            })
        })
        .collect()
}

/// The highest change number in the store (0 when there is none).
pub(crate) fn last_id(store: &Store) -> Result<u64, StoreError> {
    let graph = history_graph();
    let p = mo("changeNumber");
    let mut last = 0;
    for q in store.quads_for_pattern(None, Some(p.as_ref()), None, Some(graph.as_ref().into())) {
        if let Some(n) = integer(&q?.object) {
            last = last.max(n);
        }
    }
    Ok(last)
}

fn integer(term: &Term) -> Option<u64> {
    match term {
        Term::Literal(l) => l.value().parse().ok(),
        _ => None,
    }
}

/// Reads one change's summary (and its quads when `with_quads`).
pub(crate) fn read(
    store: &Store,
    id: u64,
    with_quads: bool,
) -> Result<Option<ChangeRecord>, StoreError> {
    let graph = history_graph();
    let node = change_iri(id);
    let mut summary = ChangeSummary {
        id,
        at: String::new(),
        actor: String::new(),
        origin: String::new(),
        added: 0,
        removed: 0,
        graphs: Vec::new(),
        reverts: None,
    };
    let mut found = false;
    let mut graphs = BTreeSet::new();
    let mut change = ChangeSet::default();
    for q in store.quads_for_pattern(
        Some(node.as_ref().into()),
        None,
        None,
        Some(GraphNameRef::NamedNode(graph.as_ref())),
    ) {
        let q = q?;
        found = true;
        let p = q.predicate.as_str();
        let Some(local) = p
            .strip_prefix(vocab::MO)
            .or_else(|| (p == dcterms_created().as_str()).then_some("created"))
        else {
            continue;
        };
        let text = match &q.object {
            Term::Literal(l) => l.value().to_owned(),
            Term::NamedNode(n) => n.as_str().to_owned(),
            _ => continue,
        };
        match local {
            "created" => summary.at = text,
            "actor" => summary.actor = text,
            "origin" => summary.origin = text,
            "addedCount" => summary.added = text.parse().unwrap_or(0),
            "removedCount" => summary.removed = text.parse().unwrap_or(0),
            "touchesGraph" => {
                graphs.insert(Some(text));
            }
            "touchesDefaultGraph" => {
                graphs.insert(None);
            }
            "reverts" => {
                summary.reverts = text.rsplit('/').next().and_then(|n| n.parse().ok());
            }
            "addedQuads" if with_quads => change.added.extend(parse_nquads(&text)?),
            "removedQuads" if with_quads => change.removed.extend(parse_nquads(&text)?),
            _ => {}
        }
    }
    if !found {
        return Ok(None);
    }
    summary.graphs = graphs.into_iter().collect();
    Ok(Some(ChangeRecord { summary, change }))
}

/// The changes, newest first, at most `limit`.
pub(crate) fn list(store: &Store, limit: usize) -> Result<Vec<ChangeSummary>, StoreError> {
    let graph = history_graph();
    let p = mo("changeNumber");
    let mut ids: Vec<u64> = Vec::new();
    for q in store.quads_for_pattern(None, Some(p.as_ref()), None, Some(graph.as_ref().into())) {
        if let Some(n) = integer(&q?.object) {
            ids.push(n);
        }
    }
    ids.sort_unstable_by(|a, b| b.cmp(a));
    let mut out = Vec::new();
    for id in ids.into_iter().take(limit) {
        if let Some(record) = read(store, id, false)? {
            out.push(record.summary);
        }
    }
    Ok(out)
}

/// The later changes that touched quads of `change` (for a refused revert).
pub(crate) fn later_changes_touching(
    store: &Store,
    after: u64,
    quads: &std::collections::HashSet<Quad>,
) -> Result<Vec<u64>, StoreError> {
    let last = last_id(store)?;
    let mut touching = Vec::new();
    for id in after + 1..=last {
        let Some(record) = read(store, id, true)? else {
            continue;
        };
        if record
            .change
            .added
            .iter()
            .chain(&record.change.removed)
            .any(|q| quads.contains(q))
        {
            touching.push(id);
        }
    }
    Ok(touching)
}

/// The last change that added or removed a triple about `subject` (its summary), if any.
pub(crate) fn last_change_of(
    store: &Store,
    subject: &NamedNode,
) -> Result<Option<ChangeSummary>, StoreError> {
    let graph = history_graph();
    let number = |node: &oxigraph::model::NamedOrBlankNode| -> Option<u64> {
        match node {
            oxigraph::model::NamedOrBlankNode::NamedNode(n) => {
                n.as_str().rsplit('/').next().and_then(|id| id.parse().ok())
            }
            _ => None,
        }
    };
    let mut named = 0;
    let touches = mo("touchesSubject");
    for q in store.quads_for_pattern(
        None,
        Some(touches.as_ref()),
        Some(subject.as_ref().into()),
        Some(graph.as_ref().into()),
    ) {
        named = named.max(number(&q?.subject).unwrap_or(0));
    }
    // Bulk changes after the last one that names it may have touched it too: read them.
    let many = mo("touchesManySubjects");
    let mut bulk: Vec<u64> = Vec::new();
    for q in store.quads_for_pattern(None, Some(many.as_ref()), None, Some(graph.as_ref().into())) {
        if let Some(n) = number(&q?.subject).filter(|n| *n > named) {
            bulk.push(n);
        }
    }
    bulk.sort_unstable_by(|a, b| b.cmp(a));
    for id in bulk {
        if let Some(record) = read(store, id, true)?
            && record
                .change
                .added
                .iter()
                .chain(&record.change.removed)
                .any(|q| {
                    q.subject.as_ref()
                        == oxigraph::model::NamedOrBlankNodeRef::from(subject.as_ref())
                })
        {
            return Ok(Some(record.summary));
        }
    }
    if named == 0 {
        return Ok(None);
    }
    Ok(read(store, named, false)?.map(|r| r.summary))
}

/// Is this the history graph's IRI?
pub(crate) fn is_history_iri(iri: &str) -> bool {
    iri == history_graph_ref().as_str()
}

/// Is this a quad of the history graph?
pub(crate) fn is_history(graph: GraphNameRef<'_>) -> bool {
    matches!(graph, GraphNameRef::NamedNode(n) if n == history_graph_ref())
}

fn history_graph_ref() -> NamedNodeRef<'static> {
    static IRI: std::sync::OnceLock<NamedNode> = std::sync::OnceLock::new();
    IRI.get_or_init(history_graph).as_ref()
}
