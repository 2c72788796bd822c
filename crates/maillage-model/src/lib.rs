//! Plain domain types of the Maillage ecosystem: organisations, concepts, sectors, territory,
//! funding and projects.
//!
//! This crate does no I/O and knows nothing of RDF libraries or HTTP: the store builds an
//! [`Ecosystem`] from SPARQL results, the graph layer analyses it, the API serialises it. Every
//! entity is identified by its IRI (see [`vocab`] for the namespaces), so results can always be
//! traced back to the open graph.

pub mod ecosystem;
pub mod label;
pub mod pipeline;
pub mod rules;
pub mod vocab;

pub use ecosystem::{
    Concept, ConceptScheme, Ecosystem, Envelope, Municipality, OrgKind, Organization, Project,
    Sector,
};
pub use label::{Label, Lang, Picked};
pub use pipeline::{Balance, Overrun, ProjectStatus, StatusChange, Transition, TransitionError};
pub use rules::{EligibilityRule, RuleSet};
