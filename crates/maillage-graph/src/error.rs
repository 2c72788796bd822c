//! Errors of the analytics: all are about the caller's input (an IRI or a parameter). Their
//! `Display` is a terse code with the IRI, for logs; people read them in their language through
//! the catalogue (`maillage_api::words::graph_error`). This crate holds no sentences.

/// Why an analytics request cannot be answered.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GraphError {
    #[error("unknown-organisation <{0}>")]
    UnknownOrganization(String),
    #[error("not-a-supplier <{0}>: no mo:offersExpertise")]
    NotASupplier(String),
    #[error("not-an-adopter <{0}>: no mo:hasNeed, no mo:typicalNeed")]
    NotAnAdopter(String),
    #[error("unknown-project <{0}>")]
    UnknownProject(String),
    #[error("unknown-envelope <{0}>")]
    UnknownEnvelope(String),
    #[error("unknown-node <{0}>")]
    UnknownNode(String),
    #[error("invalid-weights")]
    InvalidWeights(#[source] WeightsError),
}

/// What is wrong with the weights of a match score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum WeightsError {
    #[error("weight-negative-or-not-finite")]
    NegativeOrNotFinite,
    #[error("weights-all-zero")]
    AllZero,
}
