//! Errors of the analytics: all are about the caller's input (an IRI or a parameter). The
//! messages are for logs and developers; the API phrases them for people through its catalogue.

/// Why an analytics request cannot be answered.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GraphError {
    #[error("unknown organisation {0}")]
    UnknownOrganization(String),
    #[error("{0} is not an AI supplier (no mo:offersExpertise)")]
    NotASupplier(String),
    #[error("{0} is not an AI adopter (no mo:hasNeed, no sector with typical needs)")]
    NotAnAdopter(String),
    #[error("unknown project {0}")]
    UnknownProject(String),
    #[error("unknown envelope {0}")]
    UnknownEnvelope(String),
    #[error("unknown node {0}")]
    UnknownNode(String),
    #[error("invalid weights: {0}")]
    InvalidWeights(#[source] WeightsError),
}

/// What is wrong with the weights of a match score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum WeightsError {
    #[error("a weight is negative or not finite")]
    NegativeOrNotFinite,
    #[error("every weight is 0")]
    AllZero,
}
