//! Errors of the analytics: all are about the caller's input (an IRI or a parameter), so each
//! message says what was asked and why it cannot be answered.

/// Why an analytics request cannot be answered.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GraphError {
    #[error("unknown organisation {0}: no organisation with this IRI in the ecosystem")]
    UnknownOrganization(String),
    #[error("{0} is not an AI supplier: it offers no expertise (mo:offersExpertise)")]
    NotASupplier(String),
    #[error(
        "{0} is not an AI adopter: it is not a company or public body with stated needs \
         (mo:hasNeed) or a sector with typical needs"
    )]
    NotAnAdopter(String),
    #[error("unknown project {0}")]
    UnknownProject(String),
    #[error("unknown envelope {0}")]
    UnknownEnvelope(String),
    #[error(
        "unknown node {0}: the IRI is neither an organisation, a concept, a sector, a municipality nor a project"
    )]
    UnknownNode(String),
    #[error("invalid weights: {0}")]
    InvalidWeights(String),
}
