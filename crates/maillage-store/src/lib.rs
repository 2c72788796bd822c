//! The embedded oxigraph store of Maillage.
//!
//! - [`MaillageStore`] opens or creates a persistent store on disk (RocksDB) or in memory.
//! - Every write (file load, graph replacement, SPARQL update) is validated against the SHACL
//!   shapes of `ontology/shapes.ttl` and applied in one transaction: a rejected write leaves the
//!   store exactly as it was.
//! - Queries run with a time budget ([`Budget`]) and a bound on evaluations in flight.
//! - A [`GraphScope`] says which named graphs a reader may see (the server hides the demo
//!   graph unless asked): queries, the snapshot, dumps and descriptions leave the others out.
//! - [`snapshot`] reads the whole ecosystem into the plain [`maillage_model::Ecosystem`].
//! - The default data set is embedded in the binary ([`embedded`]).

pub mod backup;
pub mod embedded;
mod error;
mod formats;
mod query;
mod scope;
pub mod snapshot;
mod store;
mod validation;

pub use error::{EvaluationError, ShapesError, StoreError, SyntaxError};
pub use formats::{GraphFormat, ResultsFormat};
pub use oxigraph;
pub use query::{Budget, Evaluator, QueryOutput, QueryRequest};
pub use scope::{DEMO_GRAPH, GraphScope, demo_graph_iri};
pub use store::{
    LoadReport, MaillageStore, UpdateRequest, WriteReport, convert, format_of_name, parse,
};
pub use validation::{Validator, Violation};
