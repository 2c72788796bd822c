//! The embedded oxigraph store of Maillage.
//!
//! - [`MaillageStore`] opens or creates a persistent store on disk (RocksDB) or in memory.
//! - Every write (file load, graph replacement, SPARQL update) records what it adds and removes
//!   ([`Changes`]), is refused if it touches a system graph without a system load, is validated
//!   against the SHACL shapes of `ontology/shapes.ttl` on what it can affect, and is committed
//!   in one transaction together with its record in the history: a rejected write leaves the
//!   store exactly as it was, and every committed one can be listed and reverted.
//! - Queries run with a time budget ([`Budget`]) and a bound on evaluations in flight.
//! - A [`GraphScope`] says which named graphs a reader may see (the server hides the demo
//!   graph unless asked): queries, the snapshot, dumps and descriptions leave the others out.
//! - [`snapshot`] reads the whole ecosystem into the plain [`maillage_model::Ecosystem`].
//! - The default data set is embedded in the binary ([`embedded`]).

pub mod backup;
mod change;
pub mod embedded;
mod error;
mod formats;
mod history;
pub mod lexical;
mod public_view;
mod query;
mod scope;
pub mod snapshot;
mod store;
mod update;
mod validation;

pub use change::{Actor, ChangeSet, Changes, Origin, WriteContext};
pub use error::{EvaluationError, ShapesError, StoreError, SyntaxError};
pub use formats::{GraphFormat, ResultsFormat};
pub use history::{ChangeRecord, ChangeSummary, change_iri, history_graph};
pub use oxigraph;
pub use public_view::public_view_scope;
pub use query::{
    Budget, Evaluator, MAX_NESTING, MAX_OPERATORS, MAX_QUERY_BYTES, QueryOutput, QueryRequest,
};
pub use scope::{
    DEMO_GRAPH, GraphScope, demo_graph_iri, is_confidential_iri, private_graph_prefix,
};
pub use store::{
    LoadReport, MaillageStore, UpdateRequest, WriteReport, convert, format_of_name, parse,
    parse_with_base, system_graphs,
};
pub use validation::{Validator, Violation};
