//! SHACL validation with rudof's `shacl` crate (SHACL Core, native engine).
//!
//! The data graph is the dataset a write would produce with all named graphs merged, so that
//! `sh:class` checks see the types of referenced municipalities and concepts, and
//! `sh:targetClass` sees the ontology's `rdfs:subClassOf` hierarchy.
//!
//! **Incremental validation** ([`Validator::validate_change`]). A write is checked on the part of
//! the dataset it can affect, not the whole of it. Our shapes (`ontology/shapes.ttl`, SHACL Core)
//! only use class targets and predicate paths, and their constraints look at a focus node's own
//! values and at the `rdf:type` of those values (`sh:class`, `sh:or` of `sh:class`). So a
//! focus node's verdict depends on (1) its own triples, (2) the types of the nodes it points at,
//! (3) the class hierarchy. A write can therefore change the verdict of: every subject of a quad
//! it adds or removes, and — when it changes the `rdf:type` of a node — every node that points at
//! that node. rudof validates a graph, not a list of focus nodes, so we hand it exactly the
//! context those verdicts need: each affected node's triples, the `rdf:type` triples of every
//! node they point at, and every `rdfs:subClassOf` triple; and keep only the results whose focus
//! node is affected (the referenced nodes appear with their types only and would otherwise fail
//! their own shapes). A write to the class hierarchy or the shapes themselves is validated in
//! full. A property test (`store/tests.rs`) checks on random writes that incremental and full
//! validation agree. If a shape ever uses an inverse or sequence path, `sh:node` or property
//! pairs, this reasoning no longer holds: `Validator::is_incremental_safe` checks the shapes for
//! those constructs and, if it finds one, every write is validated in full.

use std::collections::HashSet;
use std::fmt;

use maillage_model::vocab;
use oxigraph::model::{
    NamedNode, NamedOrBlankNode, NamedOrBlankNodeRef, Quad, Term, Triple, TripleRef,
};
use oxigraph::store::Transaction;
use rudof_rdf::rdf_core::RDFFormat;
use rudof_rdf::rdf_impl::OxigraphInMemory;
use shacl::ir::IRSchema;
use shacl::types::Severity;
use shacl::validator::processor::{GraphValidation, ShaclProcessor};
use shacl::validator::store::{Graph, ShaclDataManager};
use shacl::validator::{ShaclConfig, ShaclValidationMode};

use crate::change::ChangeSet;
use crate::embedded;
use crate::error::{ShapesError, StoreError};

/// One shape violation: the node that failed, the property path, the offending value and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    pub focus_node: String,
    pub path: Option<String>,
    pub value: Option<String>,
    /// The SHACL constraint component (e.g. `sh:MinCountConstraintComponent`).
    pub component: String,
    /// The shape's `sh:message` in English (or a generic reason).
    pub message: String,
    /// The shape's `sh:message` in French, when it has one.
    pub message_fr: Option<String>,
    /// `Violation` or `Warning`, …
    pub severity: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "focus node {}", self.focus_node)?;
        if let Some(path) = &self.path {
            write!(f, ", path {path}")?;
        }
        if let Some(value) = &self.value {
            write!(f, ", value {value}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Compiled shapes, ready to validate data graphs.
#[derive(Clone, Debug)]
pub struct Validator {
    schema: IRSchema,
    /// Whether the shapes only use constructs incremental validation reasons about.
    incremental: bool,
}

/// SHACL predicates under which a node's verdict can depend on more than its own triples and
/// its values' types (complex paths are blank nodes as `sh:path` values, checked apart).
const NON_LOCAL: &[&str] = &[
    "node",
    "equals",
    "disjoint",
    "lessThan",
    "lessThanOrEquals",
    "targetSubjectsOf",
    "targetObjectsOf",
    "targetNode",
    "sparql",
    "qualifiedValueShapesDisjoint",
    "closed",
];

/// Do these shapes only use what incremental validation reasons about?
fn shapes_are_local(turtle: &[u8]) -> bool {
    let parser = oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::Turtle);
    let mut local = true;
    for quad in parser.for_slice(turtle) {
        let Ok(q) = quad else { return false };
        let Some(name) = q.predicate.as_str().strip_prefix(vocab::SH) else {
            continue;
        };
        if NON_LOCAL.contains(&name) || (name == "path" && !q.object.is_named_node()) {
            local = false;
        }
    }
    local
}

impl Validator {
    /// Compiles shapes from Turtle text.
    pub fn from_turtle(turtle: &[u8], source_name: &str) -> Result<Self, StoreError> {
        let mut reader = turtle;
        let schema = ShaclDataManager::load(&mut reader, source_name, &RDFFormat::Turtle, None)
            .map_err(ShapesError::from)?;
        let incremental = shapes_are_local(turtle);
        Ok(Validator {
            schema,
            incremental,
        })
    }

    /// Can a write be validated on the nodes it affects only (see the module documentation)?
    pub fn is_incremental_safe(&self) -> bool {
        self.incremental
    }

    /// Validates the state a transaction has reached after `change`, looking only at what the
    /// change can affect when that is sound, else at the whole dataset.
    pub(crate) fn validate_change(
        &self,
        tx: &Transaction<'_>,
        change: &ChangeSet,
    ) -> Result<Vec<Violation>, StoreError> {
        let sub_class_of = NamedNode::new_unchecked(format!("{}subClassOf", vocab::RDFS));
        let rdf_type = NamedNode::new_unchecked(format!("{}type", vocab::RDF));
        let schema_graphs = [vocab::graph("ontology"), vocab::graph("shapes")];
        let structural = change.added.iter().chain(&change.removed).any(|q| {
            q.predicate == sub_class_of
                || matches!(&q.graph_name, oxigraph::model::GraphName::NamedNode(g)
                    if schema_graphs.iter().any(|s| s == g.as_str()))
        });
        if !self.incremental || structural {
            return self.validate_transaction(tx);
        }
        // The affected focus nodes.
        let mut affected: HashSet<NamedOrBlankNode> = HashSet::new();
        let mut retyped: HashSet<NamedOrBlankNode> = HashSet::new();
        for q in change.added.iter().chain(&change.removed) {
            if crate::history::is_history(q.graph_name.as_ref()) {
                continue;
            }
            affected.insert(q.subject.clone());
            if q.predicate == rdf_type {
                retyped.insert(q.subject.clone());
            }
        }
        for node in &retyped {
            let object: Term = match node {
                NamedOrBlankNode::NamedNode(n) => n.clone().into(),
                NamedOrBlankNode::BlankNode(b) => b.clone().into(),
            };
            for q in tx.quads_for_pattern(None, None, Some(object.as_ref()), None) {
                let q = q?;
                if !crate::history::is_history(q.graph_name.as_ref()) {
                    affected.insert(q.subject);
                }
            }
        }
        if affected.is_empty() {
            return Ok(Vec::new());
        }
        // Their context: own triples, the types of their values, the class hierarchy.
        let mut triples: HashSet<Triple> = HashSet::new();
        let mut values: HashSet<NamedOrBlankNode> = HashSet::new();
        for node in &affected {
            for q in tx.quads_for_pattern(Some(node.as_ref()), None, None, None) {
                let q = q?;
                if crate::history::is_history(q.graph_name.as_ref()) {
                    continue;
                }
                match &q.object {
                    Term::NamedNode(n) => {
                        values.insert(n.clone().into());
                    }
                    Term::BlankNode(b) => {
                        values.insert(b.clone().into());
                    }
                    _ => {}
                }
                triples.insert(triple(q));
            }
        }
        for value in values.iter().filter(|v| !affected.contains(*v)) {
            for q in tx.quads_for_pattern(Some(value.as_ref()), Some(rdf_type.as_ref()), None, None)
            {
                triples.insert(triple(q?));
            }
        }
        for q in tx.quads_for_pattern(None, Some(sub_class_of.as_ref()), None, None) {
            triples.insert(triple(q?));
        }
        let names: HashSet<String> = affected.iter().flat_map(node_names).collect();
        Ok(self
            .validate(triples.iter().map(Triple::as_ref))?
            .into_iter()
            .filter(|v| names.contains(&v.focus_node))
            .collect())
    }

    /// Validates the whole state a transaction has reached (all graphs but the history).
    pub(crate) fn validate_transaction(
        &self,
        tx: &Transaction<'_>,
    ) -> Result<Vec<Violation>, StoreError> {
        let mut triples: Vec<Triple> = Vec::new();
        for q in tx.iter() {
            let q = q?;
            if !crate::history::is_history(q.graph_name.as_ref()) {
                triples.push(triple(q));
            }
        }
        self.validate(triples.iter().map(Triple::as_ref))
    }

    /// Validates a whole store (`maillage validate --store`).
    pub(crate) fn validate_quads(
        &self,
        quads: impl Iterator<Item = Result<Quad, oxigraph::store::StorageError>>,
    ) -> Result<Vec<Violation>, StoreError> {
        let mut triples: HashSet<Triple> = HashSet::new();
        for q in quads {
            let q = q?;
            if !crate::history::is_history(q.graph_name.as_ref()) {
                triples.insert(triple(q));
            }
        }
        self.validate(triples.iter().map(Triple::as_ref))
    }

    /// The shapes embedded in the binary (`ontology/shapes.ttl`).
    pub fn embedded() -> Result<Self, StoreError> {
        let shapes = embedded::shapes().ok_or(StoreError::Shapes(ShapesError::Missing))?;
        Self::from_turtle(shapes.content, shapes.path)
    }

    /// Validates a data graph. Only results of severity `Violation` are returned; warnings and
    /// informational results do not block a write.
    pub fn validate<'a>(
        &self,
        triples: impl IntoIterator<Item = TripleRef<'a>>,
    ) -> Result<Vec<Violation>, StoreError> {
        let mut graph = OxigraphInMemory::new();
        for t in triples {
            graph
                .add_triple_ref(t.subject, t.predicate, t.object)
                .map_err(ShapesError::from)?;
        }
        let mut validation = GraphValidation::new(Graph::from(graph));
        let report = validation
            .validate(
                &self.schema,
                &ShaclValidationMode::Native,
                &ShaclConfig::new(),
            )
            .map_err(ShapesError::from)?;
        let mut violations: Vec<Violation> = report
            .results()
            .iter()
            .filter(|r| matches!(r.severity(), Severity::Violation))
            .map(|r| {
                let component = r.constraint_component().to_string();
                let mut message_en = None;
                let mut message_fr = None;
                let mut message_any = None;
                for (lang, text) in r.message().iter() {
                    match lang.as_ref().map(|l| l.to_string().to_ascii_lowercase()) {
                        Some(l) if l.starts_with("en") => message_en = Some(text.clone()),
                        Some(l) if l.starts_with("fr") => message_fr = Some(text.clone()),
                        _ => message_any = Some(text.clone()),
                    }
                }
                Violation {
                    focus_node: r.focus_node().to_string(),
                    path: r.path().map(|p| p.to_string()),
                    value: r.value().map(|v| v.to_string()),
                    message: message_en
                        .or(message_any)
                        .unwrap_or_else(|| describe_component(&component)),
                    message_fr,
                    component,
                    severity: "Violation".into(),
                }
            })
            .collect();
        violations.sort_by(|a, b| {
            (&a.focus_node, &a.path, &a.component).cmp(&(&b.focus_node, &b.path, &b.component))
        });
        violations.dedup();
        Ok(violations)
    }
}

fn triple(q: Quad) -> Triple {
    Triple::new(q.subject, q.predicate, q.object)
}

/// The ways the SHACL engine may print a focus node.
fn node_names(node: &NamedOrBlankNode) -> Vec<String> {
    match node.as_ref() {
        NamedOrBlankNodeRef::NamedNode(n) => vec![n.as_str().to_owned(), n.to_string()],
        NamedOrBlankNodeRef::BlankNode(b) => vec![b.to_string(), b.as_str().to_owned()],
    }
}

/// A plain-language reason for the common SHACL Core components, used when the shape gives no
/// `sh:message`.
fn describe_component(component: &str) -> String {
    let local = component
        .trim_start_matches('<')
        .trim_end_matches('>')
        .rsplit(['#', ':'])
        .next()
        .unwrap_or(component);
    let reason = match local {
        "MinCountConstraintComponent" => "a required value is missing",
        "MaxCountConstraintComponent" => "too many values",
        "ClassConstraintComponent" => "the value is not of the expected class",
        "DatatypeConstraintComponent" => "the value has the wrong datatype",
        "NodeKindConstraintComponent" => "the value is of the wrong kind (IRI, literal…)",
        "LanguageInConstraintComponent" => "the value has a language tag that is not allowed",
        "QualifiedMinCountConstraintComponent" => {
            "not enough values of the required form (e.g. a label in French)"
        }
        "MinInclusiveConstraintComponent" | "MinExclusiveConstraintComponent" => {
            "the value is too small"
        }
        "MaxInclusiveConstraintComponent" | "MaxExclusiveConstraintComponent" => {
            "the value is too large"
        }
        "PatternConstraintComponent" => "the value does not match the expected pattern",
        "InConstraintComponent" => "the value is not one of the allowed values",
        "UniqueLangConstraintComponent" => "several values share a language",
        _ => local,
    };
    reason.to_owned()
}
