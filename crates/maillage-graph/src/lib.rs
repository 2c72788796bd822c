//! Analytics on a snapshot of the Maillage knowledge graph: supplier ↔ adopter matching,
//! eligibility for the ZEM / Scale AI envelope, portfolio selection under a budget, expertise gaps
//! and network measures.
//!
//! The crate is pure and deterministic: it reads an [`Ecosystem`](maillage_model::Ecosystem)
//! built elsewhere, does no I/O, iterates in IRI order and breaks every tie by IRI, so the same
//! snapshot always gives the same answers. Methods are described in `docs/matching.md`.

mod band;
mod eligibility;
mod error;
mod evidence;
mod gaps;
mod graph;
mod matching;
mod network;
mod packed;
mod portfolio;
#[cfg(test)]
mod testkit;

pub use band::{Band, POSSIBLE_FROM, Rank, STRONG_FROM, band};
pub use eligibility::{
    Eligibility, Fact, Reason, Role, Rule, RuleId, check_candidate, check_pair, check_project,
};
pub use error::{GraphError, WeightsError};
pub use evidence::{Component, Evidence, SectorScope};
pub use gaps::{GapOptions, GapRow};
pub use graph::{
    BROADER_DECAY, COUSIN_DECAY, EcosystemGraph, EdgeKind, GraphStats, NARROWER_DECAY, NeedsSource,
    Node, NodeKind, OrgEdge, OrgLink, SIBLING_COVERAGE,
};
pub use matching::{Components, Direction, Match, Options, SECTOR_TYPICAL_DISCOUNT, Weights};
pub use network::{Broker, Community, NetworkReport, PathExplanation, PathStep};
pub use portfolio::{Candidate, Portfolio, RejectReason, Rejected, plan_portfolio};
