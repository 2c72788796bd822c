use std::fmt;
use std::path::PathBuf;

use crate::validation::Violation;

/// A syntax error in an RDF document, with its position (1-based line and column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// The file (or `<request body>`) that failed to parse.
    pub source_name: String,
    pub line: Option<u64>,
    pub column: Option<u64>,
    pub message: String,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) => write!(
                f,
                "{}:{line}:{column}: syntax error: {}",
                self.source_name, self.message
            ),
            _ => write!(f, "{}: syntax error: {}", self.source_name, self.message),
        }
    }
}

/// Everything that can go wrong in the store. Messages are written for the person who sent the
/// data or the query: they name the file and position, or the focus node and path.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    Syntax(SyntaxError),
    #[error("{name}: unknown RDF format (use .ttl, .nt, .nq, .trig, .rdf/.owl/.xml or .jsonld)")]
    UnknownFormat { name: String },
    #[error("invalid IRI {iri:?}: {message}")]
    InvalidIri { iri: String, message: String },
    #[error("{} SHACL violation(s); nothing was written:\n{}", .0.len(), format_violations(.0))]
    ShapeViolations(Vec<Violation>),
    #[error("the SHACL shapes cannot be used: {0}")]
    Shapes(String),
    #[error("SPARQL syntax error: {0}")]
    QuerySyntax(String),
    #[error("conflicting datasets: {0}")]
    DatasetConflict(String),
    #[error("query evaluation failed: {0}")]
    Evaluation(String),
    #[error(
        "timeout: the query did not finish within its time budget of {0:.1} s and was cancelled"
    )]
    Timeout(f64),
    #[error("the query was cancelled")]
    Cancelled,
    #[error("too many queries are running ({0} in flight); try again shortly")]
    Busy(usize),
    #[error("the result has more than {0} rows; add a LIMIT")]
    ResultTooLarge(usize),
    #[error("storage error: {0}")]
    Storage(#[from] oxigraph::store::StorageError),
    #[error("serialization error: {0}")]
    Serialization(String),
}

fn format_violations(violations: &[Violation]) -> String {
    violations
        .iter()
        .map(|v| format!("  - {v}"))
        .collect::<Vec<_>>()
        .join("\n")
}
