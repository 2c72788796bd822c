use std::error::Error as _;
use std::fmt;
use std::path::PathBuf;

use oxigraph::io::RdfSyntaxError;
use oxigraph::model::IriParseError;
use oxigraph::sparql::{QueryEvaluationError, SparqlSyntaxError, UpdateEvaluationError};

use crate::validation::Violation;

/// A syntax error in an RDF document, with its position (1-based line and column); the parser's
/// own error (what it expected) is the source.
#[derive(Debug, thiserror::Error)]
pub struct SyntaxError {
    /// The file (or `<request body>`) that failed to parse.
    pub source_name: String,
    pub line: Option<u64>,
    pub column: Option<u64>,
    #[source]
    pub source: RdfSyntaxError,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) => {
                write!(f, "{}:{line}:{column}: syntax error", self.source_name)
            }
            _ => write!(f, "{}: syntax error", self.source_name),
        }
    }
}

/// Why a query or update could not be evaluated (the evaluator's own error, kept as a source).
#[derive(Debug, thiserror::Error)]
pub enum EvaluationError {
    #[error(transparent)]
    Query(#[from] QueryEvaluationError),
    #[error(transparent)]
    Update(#[from] UpdateEvaluationError),
    #[error("cannot start the evaluation thread")]
    Thread(#[source] std::io::Error),
    /// A query of our own answered with the wrong kind of result (a bug, not bad input).
    #[error("unexpected result: {0}")]
    UnexpectedResult(&'static str),
}

/// Why the SHACL engine could not compile the shapes or run a validation.
#[derive(Debug, thiserror::Error)]
pub enum ShapesError {
    #[error("no shapes.ttl was embedded")]
    Missing,
    #[error(transparent)]
    Engine(#[from] shacl::error::ValidationError),
    #[error(transparent)]
    Graph(#[from] rudof_rdf::rdf_impl::OxigraphInMemoryError),
}

/// Everything that can go wrong in the store. Messages are written for the person who sent the
/// data or the query: they name the file and position, or the focus node and path.
///
/// The error of the library underneath (parser, evaluator, RocksDB, SHACL engine) is kept as the
/// [`source`](std::error::Error::source), never flattened into a string, and is not repeated in
/// this error's own message: print the whole chain with [`StoreError::detail`] (or anyhow's
/// `{:#}`).
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot read {path}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Boxed: the parser's error is large, and `StoreError` is returned everywhere.
    #[error(transparent)]
    Syntax(Box<SyntaxError>),
    #[error("{name}: unknown RDF format (use .ttl, .nt, .nq, .trig, .rdf/.owl/.xml or .jsonld)")]
    UnknownFormat { name: String },
    #[error("invalid IRI {iri:?}")]
    InvalidIri {
        iri: String,
        #[source]
        source: IriParseError,
    },
    #[error("{} SHACL violation(s); nothing was written:\n{}", .0.len(), format_violations(.0))]
    ShapeViolations(Vec<Violation>),
    #[error("the SHACL shapes cannot be used")]
    Shapes(#[source] ShapesError),
    #[error("SPARQL syntax error")]
    QuerySyntax(#[source] SparqlSyntaxError),
    /// A query or update nests its groups and parentheses deeper than the parser may safely
    /// follow (checked before parsing: a recursive parser would exhaust its stack).
    #[error("the query nests {depth} levels of braces and parentheses; at most {max} are accepted")]
    TooDeep { depth: usize, max: usize },
    /// The text chains more operators and pattern keywords than [`crate::MAX_OPERATORS`]
    /// (each can add a level to the parsed query: `a/b/c/…`, `x || y || …`, `UNION` chains).
    #[error("the query holds {count} operators and pattern keywords; at most {max} are accepted")]
    TooManyOperators { count: usize, max: usize },
    /// A query text longer than [`crate::MAX_QUERY_BYTES`] (huge `VALUES`, giant literals).
    #[error("the query is {bytes} bytes long; at most {max} are accepted")]
    QueryTooLong { bytes: usize, max: usize },
    #[error("conflicting datasets: {0}")]
    DatasetConflict(String),
    #[error("query evaluation failed")]
    Evaluation(#[source] EvaluationError),
    #[error(
        "timeout: the query did not finish within its time budget of {0:.1} s and was cancelled"
    )]
    Timeout(f64),
    #[error("the query was cancelled")]
    Cancelled,
    #[error(
        "too many queries are running ({0} in flight, the queue is full or the wait ran out); try again shortly"
    )]
    Busy(usize),
    #[error("the result has more than {0} rows; add a LIMIT")]
    ResultTooLarge(usize),
    #[error("storage error")]
    Storage(#[from] oxigraph::store::StorageError),
    #[error("serialization error")]
    Serialization(#[source] std::io::Error),
    /// A write would change a system graph (ontology, shapes, taxonomies, territory) without a
    /// system load, or the history graph (never writable).
    #[error("the graph {graph} is protected: it changes only through `maillage load --system`")]
    ProtectedGraph { graph: String },
    #[error("there is no change {0} in the history")]
    NoSuchChange(u64),
    /// The store no longer holds what the change left (`quads` differ); `later` are the
    /// changes since that touched those quads.
    #[error("change {change} cannot be reverted: {quads} of its quads were changed since{}", later_list(.later))]
    RevertConflict {
        change: u64,
        later: Vec<u64>,
        quads: usize,
    },
    /// Only an admin reverts a change someone else made.
    #[error("change {change} was made by {actor}: only an admin may revert another's change")]
    NotYourChange { change: u64, actor: String },
    #[error("the history is damaged: {0}")]
    CorruptHistory(String),
}

fn later_list(later: &[u64]) -> String {
    if later.is_empty() {
        String::new()
    } else {
        let ids: Vec<String> = later.iter().map(u64::to_string).collect();
        format!(" by change(s) {}", ids.join(", "))
    }
}

impl StoreError {
    /// The message with its chain of sources, `outer: inner: innermost`, for a person (a CLI
    /// message, a problem document's `detail` for a client error, a log line).
    pub fn detail(&self) -> String {
        let mut text = self.to_string();
        let mut source = self.source();
        while let Some(error) = source {
            let message = error.to_string();
            // `transparent` variants show their source's message as their own: say it once.
            if !text.ends_with(&message) {
                text.push_str(": ");
                text.push_str(&message);
            }
            source = error.source();
        }
        text
    }
}

impl From<SyntaxError> for StoreError {
    fn from(error: SyntaxError) -> Self {
        StoreError::Syntax(Box::new(error))
    }
}

impl From<ShapesError> for StoreError {
    fn from(error: ShapesError) -> Self {
        StoreError::Shapes(error)
    }
}

impl From<EvaluationError> for StoreError {
    fn from(error: EvaluationError) -> Self {
        StoreError::Evaluation(error)
    }
}

fn format_violations(violations: &[Violation]) -> String {
    violations
        .iter()
        .map(|v| format!("  - {v}"))
        .collect::<Vec<_>>()
        .join("\n")
}
