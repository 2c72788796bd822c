//! SPARQL queries with a time budget.
//!
//! oxigraph has no query timeout, only a `CancellationToken` checked while the evaluator reads
//! the store, and some plans (large cross products) notice it late. So the evaluation runs on its
//! own thread and materialises its result there; the caller waits at most the budget and then
//! answers with [`StoreError::Timeout`] whether or not the thread has stopped yet. A result is
//! only ever returned complete: nothing is streamed, so nothing can be cut off after a success.
//! The number of evaluations in flight (including those cancelled but not yet stopped) is
//! bounded, so runaways cannot starve the machine.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode, Term, Triple, Variable};
use oxigraph::sparql::{
    CancellationToken, QueryDatasetSpecification, QueryEvaluationError, QueryResults,
    SparqlEvaluator,
};
use sparesults::QueryResultsSerializer;

use crate::error::{EvaluationError, StoreError};
use crate::formats::{GraphFormat, ResultsFormat};
use crate::scope::{GraphScope, VisibleGraphs};
use crate::store::MaillageStore;

/// A SPARQL query and its dataset, as the SPARQL protocol describes it.
#[derive(Clone, Debug, Default)]
pub struct QueryRequest {
    pub query: String,
    pub base_iri: Option<String>,
    /// `default-graph-uri`: when given, the default graph is the merge of these graphs.
    pub default_graphs: Vec<String>,
    /// `named-graph-uri`: when given, only these named graphs are visible to `GRAPH`.
    pub named_graphs: Vec<String>,
    /// The named graphs the reader may see: the query runs on a dataset without the others
    /// (as if they did not exist, even when `FROM`, `FROM NAMED` or the protocol name them).
    /// The default hides nothing.
    pub scope: GraphScope,
}

impl QueryRequest {
    pub fn new(query: impl Into<String>) -> Self {
        QueryRequest {
            query: query.into(),
            ..Default::default()
        }
    }

    /// This request, seeing only the graphs of `scope`.
    pub fn within(mut self, scope: GraphScope) -> Self {
        self.scope = scope;
        self
    }
}

/// How long a query may run, and an optional external cancellation (e.g. the client went away).
#[derive(Clone)]
pub struct Budget {
    pub timeout: Duration,
    pub cancel: CancellationToken,
}

impl std::fmt::Debug for Budget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Budget")
            .field("timeout", &self.timeout)
            .field("cancelled", &self.cancel.is_cancelled())
            .finish()
    }
}

impl Budget {
    pub fn new(timeout: Duration) -> Self {
        Budget {
            timeout,
            cancel: CancellationToken::new(),
        }
    }
}

/// A complete query result.
#[derive(Clone, Debug, PartialEq)]
pub enum QueryOutput {
    Solutions {
        variables: Vec<Variable>,
        rows: Vec<Vec<Option<Term>>>,
    },
    Boolean(bool),
    Graph(Vec<Triple>),
}

impl QueryOutput {
    /// Serialises SELECT/ASK results; CONSTRUCT/DESCRIBE results need [`Self::write_graph`].
    pub fn write_results(&self, format: ResultsFormat) -> Result<Vec<u8>, StoreError> {
        let err = StoreError::Serialization;
        let serializer = QueryResultsSerializer::from_format(format.results_format());
        match self {
            QueryOutput::Boolean(b) => serializer
                .serialize_boolean_to_writer(Vec::new(), *b)
                .map_err(err),
            QueryOutput::Solutions { variables, rows } => {
                let mut writer = serializer
                    .serialize_solutions_to_writer(Vec::new(), variables.clone())
                    .map_err(err)?;
                for row in rows {
                    writer
                        .serialize(
                            variables
                                .iter()
                                .zip(row)
                                .filter_map(|(v, t)| t.as_ref().map(|t| (v.as_ref(), t.as_ref()))),
                        )
                        .map_err(err)?;
                }
                writer.finish().map_err(err)
            }
            QueryOutput::Graph(_) => Err(StoreError::Serialization(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "CONSTRUCT and DESCRIBE results are graphs: ask for an RDF format",
            ))),
        }
    }

    /// Serialises CONSTRUCT/DESCRIBE results.
    pub fn write_graph(&self, format: GraphFormat) -> Result<Vec<u8>, StoreError> {
        let err = StoreError::Serialization;
        let QueryOutput::Graph(triples) = self else {
            return Err(StoreError::Serialization(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "SELECT and ASK results are not graphs: ask for a SPARQL results format",
            )));
        };
        let serializer = format.serializer()?;
        let mut writer = serializer.for_writer(Vec::new());
        for t in triples {
            writer.serialize_triple(t).map_err(err)?;
        }
        writer.finish().map_err(err)
    }

    pub fn is_graph(&self) -> bool {
        matches!(self, QueryOutput::Graph(_))
    }
}

/// Runs queries on their own threads with a bound on how many may be in flight.
#[derive(Clone, Debug)]
pub struct Evaluator {
    max_in_flight: usize,
    max_rows: usize,
    in_flight: Arc<AtomicUsize>,
}

impl Default for Evaluator {
    fn default() -> Self {
        Evaluator::new(4, 1_000_000)
    }
}

impl Evaluator {
    pub fn new(max_in_flight: usize, max_rows: usize) -> Self {
        Evaluator {
            max_in_flight: max_in_flight.max(1),
            max_rows,
            in_flight: Arc::new(AtomicUsize::new(0)),
        }
    }

    pub fn max_in_flight(&self) -> usize {
        self.max_in_flight
    }

    /// Evaluations running now, counting cancelled ones that have not stopped yet.
    pub fn in_flight(&self) -> usize {
        self.in_flight.load(Ordering::SeqCst)
    }

    fn acquire(&self) -> Result<InFlight, StoreError> {
        let mut current = self.in_flight.load(Ordering::SeqCst);
        loop {
            if current >= self.max_in_flight {
                return Err(StoreError::Busy(current));
            }
            match self.in_flight.compare_exchange(
                current,
                current + 1,
                Ordering::SeqCst,
                Ordering::SeqCst,
            ) {
                Ok(_) => return Ok(InFlight(self.in_flight.clone())),
                Err(actual) => current = actual,
            }
        }
    }
}

/// Decrements the in-flight count when the evaluation thread ends.
struct InFlight(Arc<AtomicUsize>);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Cancels a token when its budget runs out, unless dropped first.
pub(crate) struct Watchdog {
    done: Option<mpsc::Sender<()>>,
}

impl Watchdog {
    pub(crate) fn start(token: CancellationToken, timeout: Duration) -> Watchdog {
        let (done, rx) = mpsc::channel::<()>();
        std::thread::spawn(move || {
            if let Err(mpsc::RecvTimeoutError::Timeout) = rx.recv_timeout(timeout) {
                token.cancel();
            }
        });
        Watchdog { done: Some(done) }
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        if let Some(done) = self.done.take() {
            let _ = done.send(());
        }
    }
}

impl MaillageStore {
    /// Evaluates a query within its budget. Without `FROM`/`FROM NAMED` in the query and without
    /// protocol graphs, the default graph is the union of all graphs. Graphs the request's
    /// scope hides are out of the dataset whatever the query or the protocol name.
    pub fn query(
        &self,
        request: &QueryRequest,
        budget: &Budget,
    ) -> Result<QueryOutput, StoreError> {
        let evaluator = with_base_iri(
            SparqlEvaluator::new().without_default_http_service_handler(),
            request.base_iri.as_deref(),
        )?;
        check_nesting(&request.query)?;
        let token = budget.cancel.clone();
        let mut prepared = evaluator
            .with_cancellation_token(token.clone())
            .parse_query(&request.query)
            .map_err(StoreError::QuerySyntax)?;
        let visible = self.visible_graphs(&request.scope)?;
        let dataset = prepared.dataset_mut();
        if !request.default_graphs.is_empty() || !request.named_graphs.is_empty() {
            let default = request
                .default_graphs
                .iter()
                .map(|g| named_node(g).map(GraphName::from))
                .collect::<Result<Vec<_>, _>>()?;
            let named = request
                .named_graphs
                .iter()
                .map(|g| named_node(g).map(NamedOrBlankNode::from))
                .collect::<Result<Vec<_>, _>>()?;
            dataset.set_default_graph(default);
            if !named.is_empty() {
                dataset.set_available_named_graphs(named);
            }
        } else if dataset.is_default_dataset() {
            dataset.set_default_graph_as_union();
        }
        if let Some(visible) = &visible {
            restrict(dataset, visible, &request.scope);
        }

        let guard = self.evaluator().acquire()?;
        let max_rows = self.evaluator().max_rows;
        let store = self.oxigraph().clone();
        let (tx, rx) = mpsc::channel();
        std::thread::Builder::new()
            .name("sparql-eval".into())
            .spawn(move || {
                let _guard = guard;
                let outcome = prepared
                    .on_store(&store)
                    .execute()
                    .map_err(evaluation_error)
                    .and_then(|results| materialise(results, max_rows));
                let _ = tx.send(outcome);
            })
            .map_err(|e| StoreError::from(EvaluationError::Thread(e)))?;
        match rx.recv_timeout(budget.timeout) {
            Ok(Err(StoreError::Cancelled)) if !budget.cancel.is_cancelled() => {
                Err(StoreError::Timeout(budget.timeout.as_secs_f64()))
            }
            Ok(outcome) => outcome,
            Err(_) => {
                token.cancel();
                Err(StoreError::Timeout(budget.timeout.as_secs_f64()))
            }
        }
    }
}

/// Takes the hidden graphs out of a query's dataset: from its default graph (the union of all
/// graphs becomes the list of the visible ones; a hidden graph named by `FROM` or
/// `default-graph-uri` is left out, as an absent graph would be empty) and from its named
/// graphs (`GRAPH ?g` ranges over the visible ones; a hidden graph named by `FROM NAMED` or
/// `named-graph-uri` is left out).
fn restrict(dataset: &mut QueryDatasetSpecification, visible: &VisibleGraphs, scope: &GraphScope) {
    let default = match dataset.default_graph_graphs() {
        None => visible.union(),
        Some(graphs) => graphs
            .iter()
            .filter(|g| scope.shows(g.as_ref()))
            .cloned()
            .collect(),
    };
    let named = match dataset.available_named_graphs() {
        None => visible.named.clone(),
        Some(graphs) => graphs
            .iter()
            .filter(|g| scope.shows(g.as_ref().into()))
            .cloned()
            .collect(),
    };
    dataset.set_default_graph(default);
    dataset.set_available_named_graphs(named);
}

fn named_node(iri: &str) -> Result<NamedNode, StoreError> {
    NamedNode::new(iri).map_err(|source| StoreError::InvalidIri {
        iri: iri.to_owned(),
        source,
    })
}

fn evaluation_error(e: QueryEvaluationError) -> StoreError {
    match e {
        QueryEvaluationError::Cancelled => StoreError::Cancelled,
        other => EvaluationError::Query(other).into(),
    }
}

fn materialise(results: QueryResults<'_>, max_rows: usize) -> Result<QueryOutput, StoreError> {
    match results {
        QueryResults::Boolean(b) => Ok(QueryOutput::Boolean(b)),
        QueryResults::Solutions(solutions) => {
            let variables = solutions.variables().to_vec();
            let mut rows = Vec::new();
            for solution in solutions {
                let solution = solution.map_err(evaluation_error)?;
                if rows.len() >= max_rows {
                    return Err(StoreError::ResultTooLarge(max_rows));
                }
                rows.push(variables.iter().map(|v| solution.get(v).cloned()).collect());
            }
            Ok(QueryOutput::Solutions { variables, rows })
        }
        QueryResults::Graph(triples) => {
            let mut out = Vec::new();
            for t in triples {
                if out.len() >= max_rows {
                    return Err(StoreError::ResultTooLarge(max_rows));
                }
                out.push(t.map_err(evaluation_error)?);
            }
            Ok(QueryOutput::Graph(out))
        }
    }
}

#[cfg(test)]
pub(crate) mod tests;

/// The evaluator with the request's base IRI, if it has one (a relative IRI is resolved against
/// it); an invalid base is `StoreError::InvalidIri`. Shared by queries and updates.
pub(crate) fn with_base_iri(
    evaluator: SparqlEvaluator,
    base: Option<&str>,
) -> Result<SparqlEvaluator, StoreError> {
    match base {
        None => Ok(evaluator),
        Some(base) => evaluator
            .with_base_iri(base)
            .map_err(|source| StoreError::InvalidIri {
                iri: base.to_owned(),
                source,
            }),
    }
}

/// The deepest nesting of `{`/`(` a query or update may have. Real queries stay far below (the
/// cookbook's deepest has 6); oxigraph's recursive-descent parser overflows a thread's stack
/// somewhere above a thousand.
pub const MAX_NESTING: usize = 128;

/// Refuses, before any parsing, a text whose braces and parentheses nest deeper than
/// [`MAX_NESTING`]. Every bracket counts, even inside a string or an IRI: that can only make a
/// text look deeper than it is, never shallower, so no crafted text gets past it.
pub(crate) fn check_nesting(text: &str) -> Result<(), StoreError> {
    let mut depth: usize = 0;
    let mut deepest: usize = 0;
    for byte in text.bytes() {
        match byte {
            b'{' | b'(' | b'[' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b'}' | b')' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    if deepest > MAX_NESTING {
        return Err(StoreError::TooDeep {
            depth: deepest,
            max: MAX_NESTING,
        });
    }
    Ok(())
}
