//! SPARQL queries with a time budget.
//!
//! oxigraph has no query timeout, only a `CancellationToken` checked while the evaluator reads
//! the store, and some plans (large cross products) notice it late. So the evaluation runs on its
//! own thread and materialises its result there; the caller waits at most the budget and then
//! answers with [`StoreError::Timeout`] whether or not the thread has stopped yet. A result is
//! only ever returned complete: nothing is streamed, so nothing can be cut off after a success.
//! The number of evaluations in flight (including those cancelled but not yet stopped) is
//! bounded, so runaways cannot starve the machine.

use std::collections::HashMap;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock, mpsc};
use std::time::{Duration, Instant};

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
    /// Who asks (a user, or the client's address): when evaluations queue, the one whose
    /// client has the fewest running goes first. `None` is one anonymous client.
    pub client: Option<String>,
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

/// Runs queries on their own threads with a bound on how many may be in flight. Beyond it,
/// evaluations wait in a bounded queue, at most [`Evaluator::wait`] each; the next slot goes to
/// the waiter whose client has the fewest evaluations running, then to the client served least
/// recently (the oldest waiter among equals), so one client's burst cannot hold others back. A full queue or a wait run out is
/// [`StoreError::Busy`].
#[derive(Clone, Debug)]
pub struct Evaluator {
    max_in_flight: usize,
    max_rows: usize,
    max_waiting: usize,
    wait: Duration,
    slots: Arc<Slots>,
    /// The evaluation threads, started at the first query: as many as evaluations may run at
    /// once, each with the large stack the parser and the evaluator need. Kept, not spawned
    /// per query: mapping and unmapping a 256 MiB stack per query cost more than a small
    /// query itself (TLB shootdowns on every core; measured in `docs/benchmarks.md`).
    pool: Arc<OnceLock<rayon::ThreadPool>>,
}

#[derive(Debug, Default)]
struct Slots {
    state: Mutex<SlotState>,
    freed: Condvar,
}

#[derive(Debug, Default)]
struct SlotState {
    in_flight: usize,
    running: HashMap<String, usize>,
    /// The grant number of each client's last slot (clients never served are not there).
    last_served: HashMap<String, u64>,
    grants: u64,
    waiting: Vec<(u64, String)>,
    next_ticket: u64,
}

impl SlotState {
    /// The waiter to serve next: fewest running for its client, then the client served least
    /// recently, then the oldest.
    fn next(&self) -> Option<u64> {
        self.waiting
            .iter()
            .min_by_key(|(ticket, client)| {
                (
                    self.running.get(client).copied().unwrap_or(0),
                    self.last_served.get(client).copied().unwrap_or(0),
                    *ticket,
                )
            })
            .map(|(ticket, _)| *ticket)
    }

    fn grant(&mut self, client: &str) {
        self.in_flight += 1;
        *self.running.entry(client.to_owned()).or_default() += 1;
        self.grants += 1;
        if self.last_served.len() >= 4096 {
            // Forget the clients that have left (bounded memory under many addresses).
            let (running, waiting) = (&self.running, &self.waiting);
            self.last_served
                .retain(|c, _| running.contains_key(c) || waiting.iter().any(|(_, w)| w == c));
        }
        self.last_served.insert(client.to_owned(), self.grants);
    }
}

impl Default for Evaluator {
    fn default() -> Self {
        Evaluator::new(4, 1_000_000)
    }
}

impl Evaluator {
    /// At most `max_in_flight` evaluations at once, each of at most `max_rows` rows; a queue of
    /// 64 waiting at most 10 s (see [`Evaluator::with_queue`]).
    pub fn new(max_in_flight: usize, max_rows: usize) -> Self {
        Evaluator {
            max_in_flight: max_in_flight.max(1),
            max_rows,
            max_waiting: 64,
            wait: Duration::from_secs(10),
            slots: Arc::default(),
            pool: Arc::default(),
        }
    }

    /// The evaluation threads ("sparql-eval-N"), started on first use.
    fn pool(&self) -> Result<&rayon::ThreadPool, StoreError> {
        if let Some(pool) = self.pool.get() {
            return Ok(pool);
        }
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(self.max_in_flight)
            .stack_size(EVALUATION_STACK)
            .thread_name(|i| format!("sparql-eval-{i}"))
            .build()
            .map_err(|e| StoreError::from(EvaluationError::Thread(std::io::Error::other(e))))?;
        // Two first queries at once may both build one; the second is dropped unused.
        Ok(self.pool.get_or_init(|| pool))
    }

    /// How many evaluations may wait for a slot (0: none, refuse at once), and how long each
    /// may wait.
    pub fn with_queue(mut self, max_waiting: usize, wait: Duration) -> Self {
        self.max_waiting = max_waiting;
        self.wait = wait;
        self
    }

    pub fn max_in_flight(&self) -> usize {
        self.max_in_flight
    }

    fn lock(&self) -> MutexGuard<'_, SlotState> {
        self.slots.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Evaluations running now, counting cancelled ones that have not stopped yet.
    pub fn in_flight(&self) -> usize {
        self.lock().in_flight
    }

    /// Evaluations waiting for a slot now.
    pub fn waiting(&self) -> usize {
        self.lock().waiting.len()
    }

    fn acquire(&self, client: Option<&str>) -> Result<InFlight, StoreError> {
        let client = client.unwrap_or("").to_owned();
        let mut state = self.lock();
        if state.waiting.is_empty() && state.in_flight < self.max_in_flight {
            state.grant(&client);
            return Ok(self.in_flight_for(client));
        }
        if state.waiting.len() >= self.max_waiting {
            return Err(StoreError::Busy(state.in_flight));
        }
        let ticket = state.next_ticket;
        state.next_ticket += 1;
        state.waiting.push((ticket, client.clone()));
        let deadline = Instant::now() + self.wait;
        loop {
            if state.in_flight < self.max_in_flight && state.next() == Some(ticket) {
                state.waiting.retain(|(t, _)| *t != ticket);
                state.grant(&client);
                // Another slot may be free for the next waiter.
                self.slots.freed.notify_all();
                return Ok(self.in_flight_for(client));
            }
            let now = Instant::now();
            if now >= deadline {
                state.waiting.retain(|(t, _)| *t != ticket);
                self.slots.freed.notify_all();
                return Err(StoreError::Busy(state.in_flight));
            }
            state = self
                .slots
                .freed
                .wait_timeout(state, deadline - now)
                .map(|(guard, _)| guard)
                .unwrap_or_else(|p| p.into_inner().0);
        }
    }

    fn in_flight_for(&self, client: String) -> InFlight {
        InFlight {
            slots: self.slots.clone(),
            client,
        }
    }
}

/// Gives the slot back when the evaluation thread ends, and wakes the waiters.
struct InFlight {
    slots: Arc<Slots>,
    client: String,
}

impl Drop for InFlight {
    fn drop(&mut self) {
        let mut state = self.slots.state.lock().unwrap_or_else(|p| p.into_inner());
        state.in_flight = state.in_flight.saturating_sub(1);
        if let Some(n) = state.running.get_mut(&self.client) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                state.running.remove(&self.client);
            }
        }
        drop(state);
        self.slots.freed.notify_all();
    }
}

/// The stack of the threads that parse and evaluate queries and updates. With the limits of
/// [`check_text`] the parser and the evaluator recurse at most some ten thousand levels, far
/// within it; the memory is reserved, and only what is used is ever touched.
pub(crate) const EVALUATION_STACK: usize = 256 << 20;

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
        if request.query.len() > MAX_QUERY_BYTES {
            return Err(StoreError::QueryTooLong {
                bytes: request.query.len(),
                max: MAX_QUERY_BYTES,
            });
        }
        check_text(&request.query)?;
        // An anonymous reader's query runs on the public view, which holds exactly the graphs
        // it may see: oxigraph's own union default graph, nothing to take out.
        let (store, visible) = match self.public_view() {
            Some(view) if request.scope == crate::public_view::public_view_scope() => {
                (view.store().clone(), None)
            }
            _ => (
                self.oxigraph().clone(),
                self.visible_graphs(&request.scope)?,
            ),
        };
        let guard = self.evaluator().acquire(request.client.as_deref())?;
        let max_rows = self.evaluator().max_rows;
        let token = budget.cancel.clone();
        let request = request.clone();
        let (tx, rx) = mpsc::channel();
        let thread_token = token.clone();
        self.evaluator().pool()?.spawn(move || {
            let outcome = prepare(&request, visible.as_ref(), thread_token).and_then(|prepared| {
                prepared
                    .on_store(&store)
                    .execute()
                    .map_err(evaluation_error)
                    .and_then(|results| materialise(results, max_rows))
            });
            // The store handle and the slot go before the answer does, so that no thread
            // holds the store when a command exits after its query (RocksDB aborts with
            // "pthread lock: Invalid argument" if a database is closed after its static
            // state is destroyed).
            drop(store);
            drop(guard);
            let _ = tx.send(outcome);
        });
        let answered = rx.recv_timeout(budget.timeout);
        match answered {
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

/// Parses a query (on the evaluation thread: the parser recurses) and sets its dataset: the
/// union default graph unless the query or the protocol name graphs, then without the graphs
/// the scope hides.
fn prepare(
    request: &QueryRequest,
    visible: Option<&VisibleGraphs>,
    token: CancellationToken,
) -> Result<oxigraph::sparql::PreparedSparqlQuery, StoreError> {
    let evaluator = with_base_iri(
        SparqlEvaluator::new().without_default_http_service_handler(),
        request.base_iri.as_deref(),
    )?;
    let mut prepared = evaluator
        .with_cancellation_token(token)
        .parse_query(&request.query)
        .map_err(StoreError::QuerySyntax)?;
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
    if let Some(visible) = visible {
        restrict(dataset, visible, &request.scope);
    }
    Ok(prepared)
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

/// The deepest nesting of `{`/`(`/`[` a query or update may have. Real queries stay far below
/// (the cookbook's deepest has 6).
pub const MAX_NESTING: usize = 128;

/// The most operators and pattern keywords a query or update may hold (see
/// [`crate::lexical`]): each can add one level to the parsed query, and real queries hold a
/// few dozen. Together with [`MAX_NESTING`] it bounds how deep the parser and the evaluator
/// recurse, within [`EVALUATION_STACK`].
pub const MAX_OPERATORS: usize = 10_000;

/// The longest query text, in bytes (2 MiB: a `VALUES` of some 30,000 IRIs). Updates are
/// bounded by the request body limit instead.
pub const MAX_QUERY_BYTES: usize = 2 << 20;

/// Refuses, before any parsing, a text that nests deeper than [`MAX_NESTING`] or holds more
/// than [`MAX_OPERATORS`] operators; returns what the scan saw.
pub(crate) fn check_text(text: &str) -> Result<crate::lexical::Scan, StoreError> {
    let scan = crate::lexical::scan(text);
    if scan.deepest > MAX_NESTING {
        return Err(StoreError::TooDeep {
            depth: scan.deepest,
            max: MAX_NESTING,
        });
    }
    if scan.operators > MAX_OPERATORS {
        return Err(StoreError::TooManyOperators {
            count: scan.operators,
            max: MAX_OPERATORS,
        });
    }
    Ok(scan)
}
