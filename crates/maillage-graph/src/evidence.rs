//! Typed explanations of a match score: which component, which facts and paths, as IRIs and
//! numbers. This crate holds no words; the API phrases the evidence in the reader's language.

use crate::graph::OrgLink;

/// A component of the match score (each in 0..1, see `docs/matching.md`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Component {
    NeedCoverage,
    SectorExperience,
    NetworkProximity,
    ZemAxisAlignment,
}

impl Component {
    /// The components in their fixed order.
    pub const ALL: [Component; 4] = [
        Component::NeedCoverage,
        Component::SectorExperience,
        Component::NetworkProximity,
        Component::ZemAxisAlignment,
    ];

    /// The stable name (JSON keys, weights): `need_coverage`, `sector_experience`,
    /// `network_proximity`, `zem_axis_alignment`.
    pub fn name(self) -> &'static str {
        match self {
            Component::NeedCoverage => "need_coverage",
            Component::SectorExperience => "sector_experience",
            Component::NetworkProximity => "network_proximity",
            Component::ZemAxisAlignment => "zem_axis_alignment",
        }
    }
}

/// How close the sector of a past project's adopter is to the target adopter's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SectorScope {
    /// The same NAICS class, or one containing the other (value 1.0).
    Same,
    /// Only the same top-level class (value 0.5).
    TopLevel,
}

/// One fact or graph path behind a score component, with the IRIs it rests on.
#[derive(Clone, Debug, PartialEq)]
pub enum Evidence {
    /// `need_coverage`: the adopter states no needs; the typical needs of its `sectors` are
    /// used and the coverage is multiplied by `discount`.
    SectorTypicalNeeds { sectors: Vec<String>, discount: f64 },
    /// `need_coverage`: no offered expertise covers `need`.
    UncoveredNeed { need: String },
    /// `need_coverage`: the supplier offers exactly the needed concept.
    ExactNeed { offer: String, need: String },
    /// `need_coverage`: the offer is `steps` levels above the need; `path` goes from the need
    /// up to the offer.
    BroaderOffer {
        offer: String,
        need: String,
        steps: u32,
        path: Vec<String>,
    },
    /// `need_coverage`: the offer is `steps` levels below the need; `path` goes from the need
    /// down to the offer.
    NarrowerOffer {
        offer: String,
        need: String,
        steps: u32,
        path: Vec<String>,
    },
    /// `need_coverage`: offer and need descend from `common_ancestor` (not a taxonomy root);
    /// `path` goes from the need up to the ancestor and down to the offer.
    RelatedOffer {
        offer: String,
        need: String,
        common_ancestor: String,
        path: Vec<String>,
    },
    /// `sector_experience`: a past project of the supplier with an adopter whose sector is
    /// close to the target adopter's; `sector` is the class they share.
    PastProject {
        supplier: String,
        project: String,
        adopter: String,
        sector: String,
        scope: SectorScope,
    },
    /// `network_proximity`: a shortest path in the organisation network from the adopter to
    /// the supplier; `links[i]` joins `path[i]` and `path[i + 1]`.
    NetworkPath {
        path: Vec<String>,
        links: Vec<OrgLink>,
    },
    /// `zem_axis_alignment`: both organisations are located in the ZEM.
    BothInZem { supplier: String, adopter: String },
    /// `zem_axis_alignment`: ZEM axes of the adopter's projects the supplier has also worked on.
    SharedAxes { axes: Vec<String> },
    /// `zem_axis_alignment`: the adopter has no project on a ZEM axis; the supplier has carried
    /// out projects on these.
    SupplierAxes { axes: Vec<String> },
}

impl Evidence {
    /// The component this evidence explains.
    pub fn component(&self) -> Component {
        match self {
            Evidence::SectorTypicalNeeds { .. }
            | Evidence::UncoveredNeed { .. }
            | Evidence::ExactNeed { .. }
            | Evidence::BroaderOffer { .. }
            | Evidence::NarrowerOffer { .. }
            | Evidence::RelatedOffer { .. } => Component::NeedCoverage,
            Evidence::PastProject { .. } => Component::SectorExperience,
            Evidence::NetworkPath { .. } => Component::NetworkProximity,
            Evidence::BothInZem { .. }
            | Evidence::SharedAxes { .. }
            | Evidence::SupplierAxes { .. } => Component::ZemAxisAlignment,
        }
    }

    /// The IRIs the evidence rests on, in path order.
    pub fn iris(&self) -> Vec<String> {
        match self {
            Evidence::SectorTypicalNeeds { sectors, .. } => sectors.clone(),
            Evidence::UncoveredNeed { need } => vec![need.clone()],
            Evidence::ExactNeed { offer, .. } => vec![offer.clone()],
            Evidence::BroaderOffer { path, .. }
            | Evidence::NarrowerOffer { path, .. }
            | Evidence::RelatedOffer { path, .. }
            | Evidence::NetworkPath { path, .. } => path.clone(),
            Evidence::PastProject {
                supplier,
                project,
                adopter,
                sector,
                ..
            } => vec![
                supplier.clone(),
                project.clone(),
                adopter.clone(),
                sector.clone(),
            ],
            Evidence::BothInZem { supplier, adopter } => vec![supplier.clone(), adopter.clone()],
            Evidence::SharedAxes { axes } | Evidence::SupplierAxes { axes } => axes.clone(),
        }
    }
}
