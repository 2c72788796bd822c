//! SPARQL 1.1 Update evaluated operation by operation through [`Changes`], so that the write
//! knows exactly which quads it added and removed.
//!
//! oxigraph's own update evaluator writes straight into its transaction and does not say what
//! it changed. Here the update is parsed with spargebra (the parser oxigraph itself uses), and
//! each operation is applied with the semantics of SPARQL 1.1 Update §3:
//! `INSERT DATA`/`DELETE DATA` directly; `DELETE/INSERT … WHERE` by evaluating the `WHERE`
//! pattern with oxigraph's query engine on the transaction (so it sees the earlier operations
//! of the same request), then instantiating the templates for every solution — deletions first,
//! then insertions, fresh blank nodes per solution; `CLEAR`/`DROP`/`CREATE` as graph-level
//! operations. The W3C update tests run against this path (`maillage-testsuite`).

use std::collections::HashMap;

use oxigraph::model::{
    BlankNode, GraphName, GraphNameRef, NamedNode, NamedOrBlankNode, Quad, Term, Triple,
};
use oxigraph::sparql::{
    CancellationToken, QueryResults, QuerySolution, SparqlEvaluator, UpdateEvaluationError,
};
use spargebra::algebra::{GraphTarget, QueryDataset};
use spargebra::term::{
    GraphNamePattern, GroundQuad, GroundQuadPattern, GroundTermPattern, GroundTriplePattern,
    NamedNodePattern, Quad as DataQuad, QuadPattern, TermPattern, TriplePattern,
};
use spargebra::{GraphUpdateOperation, Query, Update};

use crate::change::Changes;
use crate::error::{EvaluationError, StoreError};

/// Applies every operation of `update`, in order. `using` (the protocol's `using-graph-uri` and
/// `using-named-graph-uri`) replaces the dataset of every `DELETE/INSERT`'s `WHERE`.
pub(crate) fn apply(
    changes: &mut Changes<'_, '_>,
    update: &Update,
    using: Option<&QueryDataset>,
    token: &CancellationToken,
) -> Result<(), StoreError> {
    for operation in &update.operations {
        if token.is_cancelled() {
            return Err(StoreError::Cancelled);
        }
        apply_operation(changes, operation, update, using, token)?;
    }
    Ok(())
}

fn apply_operation(
    changes: &mut Changes<'_, '_>,
    operation: &GraphUpdateOperation,
    update: &Update,
    using: Option<&QueryDataset>,
    token: &CancellationToken,
) -> Result<(), StoreError> {
    match operation {
        GraphUpdateOperation::InsertData { data } => {
            let mut bnodes = HashMap::new();
            for q in data {
                changes.insert(data_quad(q, &mut bnodes).as_ref())?;
            }
        }
        GraphUpdateOperation::DeleteData { data } => {
            for q in data {
                changes.remove(ground_quad(q).as_ref())?;
            }
        }
        GraphUpdateOperation::DeleteInsert {
            delete,
            insert,
            using: own_using,
            pattern,
        } => {
            let dataset = match (own_using, using) {
                (Some(_), Some(_)) => {
                    return Err(StoreError::DatasetConflict(
                        "the update has USING, USING NAMED or WITH and the request gives \
                         using-graph-uri or using-named-graph-uri; give the dataset once"
                            .into(),
                    ));
                }
                (Some(d), None) => Some(d.clone()),
                (None, Some(d)) => Some(d.clone()),
                (None, None) => None,
            };
            let query = Query::Select {
                dataset,
                pattern: (**pattern).clone(),
                base_iri: update.base_iri.clone(),
            };
            let solutions = select(changes, query, token)?;
            let mut deletions = Vec::new();
            let mut insertions = Vec::new();
            for solution in &solutions {
                for template in delete {
                    if let Some(q) = delete_quad(template, solution) {
                        deletions.push(q);
                    }
                }
                let mut instance = Instance {
                    solution,
                    bnodes: HashMap::new(),
                };
                for template in insert {
                    if let Some(q) = instance.quad(template) {
                        insertions.push(q);
                    }
                }
            }
            for q in &deletions {
                changes.remove(q.as_ref())?;
            }
            for q in &insertions {
                changes.insert(q.as_ref())?;
            }
        }
        GraphUpdateOperation::Load { silent, source, .. } => {
            // This server never fetches remote documents on behalf of a client.
            if !silent {
                return Err(
                    EvaluationError::Update(UpdateEvaluationError::UnsupportedService(
                        source.clone(),
                    ))
                    .into(),
                );
            }
        }
        GraphUpdateOperation::Clear { silent, graph } => {
            empty_graphs(changes, graph, *silent, false)?;
        }
        GraphUpdateOperation::Create { silent, graph } => {
            if changes.contains_named_graph(graph.as_ref().into())? {
                if !silent {
                    return Err(EvaluationError::Update(
                        UpdateEvaluationError::GraphAlreadyExists(graph.clone()),
                    )
                    .into());
                }
            } else {
                changes.insert_named_graph(graph.as_ref().into());
            }
        }
        GraphUpdateOperation::Drop { silent, graph } => {
            empty_graphs(changes, graph, *silent, true)?;
        }
    }
    Ok(())
}

/// `CLEAR` (`drop` false: the graphs stay, empty) or `DROP` (named graphs are removed too) of
/// a graph target. A named graph that does not exist is an error unless `silent`.
fn empty_graphs(
    changes: &mut Changes<'_, '_>,
    target: &GraphTarget,
    silent: bool,
    drop: bool,
) -> Result<(), StoreError> {
    let named: Vec<NamedOrBlankNode> = match target {
        GraphTarget::NamedNode(g) if changes.contains_named_graph(g.as_ref().into())? => {
            vec![g.clone().into()]
        }
        GraphTarget::NamedNode(_) if silent => Vec::new(),
        GraphTarget::NamedNode(g) => return Err(graph_does_not_exist(g)),
        GraphTarget::DefaultGraph => Vec::new(),
        GraphTarget::NamedGraphs | GraphTarget::AllGraphs => changes.named_graphs()?,
    };
    for g in &named {
        if drop {
            changes.remove_named_graph(g.as_ref())?;
        } else {
            changes.clear_graph(g.as_ref().into())?;
        }
    }
    if matches!(target, GraphTarget::DefaultGraph | GraphTarget::AllGraphs) {
        changes.clear_graph(GraphNameRef::DefaultGraph)?;
    }
    Ok(())
}

fn graph_does_not_exist(graph: &NamedNode) -> StoreError {
    EvaluationError::Update(UpdateEvaluationError::GraphDoesNotExist(graph.clone())).into()
}

/// Evaluates a `WHERE` pattern on the transaction (seeing the request's earlier operations).
fn select(
    changes: &Changes<'_, '_>,
    query: Query,
    token: &CancellationToken,
) -> Result<Vec<QuerySolution>, StoreError> {
    let results = SparqlEvaluator::new()
        .with_cancellation_token(token.clone())
        .for_query(query)
        .on_transaction(changes.transaction())
        .execute()
        .map_err(|e| query_error(e, token))?;
    let QueryResults::Solutions(solutions) = results else {
        return Err(EvaluationError::UnexpectedResult("a SELECT gave no solutions").into());
    };
    solutions
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| query_error(e, token))
}

fn query_error(
    error: oxigraph::sparql::QueryEvaluationError,
    token: &CancellationToken,
) -> StoreError {
    match error {
        oxigraph::sparql::QueryEvaluationError::Cancelled => StoreError::Cancelled,
        _ if token.is_cancelled() => StoreError::Cancelled,
        other => EvaluationError::Query(other).into(),
    }
}

fn graph_name(g: &spargebra::term::GraphName) -> GraphName {
    match g {
        spargebra::term::GraphName::NamedNode(n) => n.clone().into(),
        spargebra::term::GraphName::DefaultGraph => GraphName::DefaultGraph,
    }
}

/// A quad of `INSERT DATA`: its blank nodes are fresh, the same within the operation.
fn data_quad(q: &DataQuad, bnodes: &mut HashMap<BlankNode, BlankNode>) -> Quad {
    Quad::new(
        match &q.subject {
            NamedOrBlankNode::NamedNode(n) => NamedOrBlankNode::NamedNode(n.clone()),
            NamedOrBlankNode::BlankNode(b) => NamedOrBlankNode::BlankNode(fresh(b, bnodes)),
        },
        q.predicate.clone(),
        data_term(&q.object, bnodes),
        graph_name(&q.graph_name),
    )
}

fn data_term(t: &Term, bnodes: &mut HashMap<BlankNode, BlankNode>) -> Term {
    match t {
        Term::BlankNode(b) => Term::BlankNode(fresh(b, bnodes)),
        Term::Triple(triple) => Term::Triple(Box::new(Triple::new(
            match &triple.subject {
                NamedOrBlankNode::BlankNode(b) => NamedOrBlankNode::BlankNode(fresh(b, bnodes)),
                other => other.clone(),
            },
            triple.predicate.clone(),
            data_term(&triple.object, bnodes),
        ))),
        other => other.clone(),
    }
}

fn fresh(b: &BlankNode, bnodes: &mut HashMap<BlankNode, BlankNode>) -> BlankNode {
    bnodes.entry(b.clone()).or_default().clone()
}

fn ground_quad(q: &GroundQuad) -> Quad {
    Quad::new(
        q.subject.clone(),
        q.predicate.clone(),
        Term::from(q.object.clone()),
        graph_name(&q.graph_name),
    )
}

/// Instantiates a `DELETE` template; `None` when a variable is unbound or the result is not a
/// valid quad (the quad is then skipped, as the standard says).
fn delete_quad(t: &GroundQuadPattern, s: &QuerySolution) -> Option<Quad> {
    Some(Quad::new(
        subject_of(ground_term(&t.subject, s)?)?,
        named_node(&t.predicate, s)?,
        ground_term(&t.object, s)?,
        graph_of(&t.graph_name, s)?,
    ))
}

fn ground_term(t: &GroundTermPattern, s: &QuerySolution) -> Option<Term> {
    match t {
        GroundTermPattern::NamedNode(n) => Some(n.clone().into()),
        GroundTermPattern::Literal(l) => Some(l.clone().into()),
        GroundTermPattern::Variable(v) => s.get(v).cloned(),
        GroundTermPattern::Triple(triple) => ground_triple(triple, s).map(|t| t.into()),
    }
}

fn ground_triple(t: &GroundTriplePattern, s: &QuerySolution) -> Option<Triple> {
    Some(Triple::new(
        subject_of(ground_term(&t.subject, s)?)?,
        named_node(&t.predicate, s)?,
        ground_term(&t.object, s)?,
    ))
}

/// The instantiation of the `INSERT` templates for one solution: its bindings, and the fresh
/// blank nodes that stand for the templates' own (the same across the templates of one
/// solution, new for the next solution).
struct Instance<'s> {
    solution: &'s QuerySolution,
    bnodes: HashMap<BlankNode, BlankNode>,
}

impl Instance<'_> {
    /// An `INSERT` template with this solution's values; `None` as for [`delete_quad`].
    fn quad(&mut self, t: &QuadPattern) -> Option<Quad> {
        Some(Quad::new(
            subject_of(self.term(&t.subject)?)?,
            named_node(&t.predicate, self.solution)?,
            self.term(&t.object)?,
            graph_of(&t.graph_name, self.solution)?,
        ))
    }

    fn term(&mut self, t: &TermPattern) -> Option<Term> {
        match t {
            TermPattern::NamedNode(n) => Some(n.clone().into()),
            TermPattern::BlankNode(b) => Some(fresh(b, &mut self.bnodes).into()),
            TermPattern::Literal(l) => Some(l.clone().into()),
            TermPattern::Variable(v) => self.solution.get(v).cloned(),
            TermPattern::Triple(triple) => self.triple(triple).map(|t| t.into()),
        }
    }

    fn triple(&mut self, t: &TriplePattern) -> Option<Triple> {
        Some(Triple::new(
            subject_of(self.term(&t.subject)?)?,
            named_node(&t.predicate, self.solution)?,
            self.term(&t.object)?,
        ))
    }
}

fn subject_of(t: Term) -> Option<NamedOrBlankNode> {
    match t {
        Term::NamedNode(n) => Some(n.into()),
        Term::BlankNode(b) => Some(b.into()),
        _ => None,
    }
}

fn named_node(p: &NamedNodePattern, s: &QuerySolution) -> Option<NamedNode> {
    match p {
        NamedNodePattern::NamedNode(n) => Some(n.clone()),
        NamedNodePattern::Variable(v) => match s.get(v) {
            Some(Term::NamedNode(n)) => Some(n.clone()),
            _ => None,
        },
    }
}

fn graph_of(g: &GraphNamePattern, s: &QuerySolution) -> Option<GraphName> {
    match g {
        GraphNamePattern::NamedNode(n) => Some(n.clone().into()),
        GraphNamePattern::DefaultGraph => Some(GraphName::DefaultGraph),
        GraphNamePattern::Variable(v) => match s.get(v) {
            Some(Term::NamedNode(n)) => Some(n.clone().into()),
            _ => None,
        },
    }
}
