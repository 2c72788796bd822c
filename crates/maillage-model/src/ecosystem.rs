//! The ecosystem model: what the analytics need to know, read from the open graph.

use std::collections::BTreeMap;

use crate::label::Label;
use crate::vocab;

/// The kind of an organisation (its `mo:` class). Roles (supplier, adopter) are not kinds: they
/// are derived from facts, see [`Organization::is_supplier`] and [`Ecosystem::is_adopter`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OrgKind {
    Company,
    ResearchCentre,
    University,
    College,
    PublicBody,
    DevelopmentAgency,
    InnovationCluster,
    Committee,
}

impl OrgKind {
    pub const ALL: [OrgKind; 8] = [
        OrgKind::Company,
        OrgKind::ResearchCentre,
        OrgKind::University,
        OrgKind::College,
        OrgKind::PublicBody,
        OrgKind::DevelopmentAgency,
        OrgKind::InnovationCluster,
        OrgKind::Committee,
    ];

    /// The local name of the class in the `mo:` namespace.
    pub fn class_name(self) -> &'static str {
        match self {
            OrgKind::Company => "Company",
            OrgKind::ResearchCentre => "ResearchCentre",
            OrgKind::University => "University",
            OrgKind::College => "College",
            OrgKind::PublicBody => "PublicBody",
            OrgKind::DevelopmentAgency => "DevelopmentAgency",
            OrgKind::InnovationCluster => "InnovationCluster",
            OrgKind::Committee => "Committee",
        }
    }

    pub fn class_iri(self) -> String {
        vocab::mo(self.class_name())
    }

    pub fn from_class_iri(iri: &str) -> Option<OrgKind> {
        let local = iri.strip_prefix(vocab::MO)?;
        OrgKind::ALL.into_iter().find(|k| k.class_name() == local)
    }

    /// A short name for URLs and CLI flags (`company`, `research-centre`, …).
    pub fn slug(self) -> &'static str {
        match self {
            OrgKind::Company => "company",
            OrgKind::ResearchCentre => "research-centre",
            OrgKind::University => "university",
            OrgKind::College => "college",
            OrgKind::PublicBody => "public-body",
            OrgKind::DevelopmentAgency => "development-agency",
            OrgKind::InnovationCluster => "innovation-cluster",
            OrgKind::Committee => "committee",
        }
    }

    pub fn from_slug(slug: &str) -> Option<OrgKind> {
        OrgKind::ALL.into_iter().find(|k| k.slug() == slug)
    }

    pub fn label(self) -> Label {
        let (fr, en) = match self {
            OrgKind::Company => ("Entreprise", "Company"),
            OrgKind::ResearchCentre => ("Centre de recherche", "Research centre"),
            OrgKind::University => ("Université", "University"),
            OrgKind::College => ("Collège", "College"),
            OrgKind::PublicBody => ("Organisme public", "Public body"),
            OrgKind::DevelopmentAgency => ("Agence de développement", "Development agency"),
            OrgKind::InnovationCluster => ("Grappe d'innovation", "Innovation cluster"),
            OrgKind::Committee => ("Comité", "Committee"),
        };
        Label::new(fr, en)
    }

    /// Centres, universities and colleges: the knowledge side of the ecosystem.
    pub fn is_knowledge_institution(self) -> bool {
        matches!(
            self,
            OrgKind::ResearchCentre | OrgKind::University | OrgKind::College
        )
    }
}

/// An organisation of the ecosystem. Lists are sorted and deduplicated.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Organization {
    pub iri: String,
    /// Most specific kind when the data gives several.
    pub kind: Option<OrgKind>,
    pub label: Label,
    pub alt_labels: Vec<String>,
    pub description: Label,
    pub municipality: Option<String>,
    pub website: Option<String>,
    pub sectors: Vec<String>,
    /// `mo:offersExpertise`: what it sells (makes it an AI supplier).
    pub offers: Vec<String>,
    /// `mo:hasNeed`: stated needs (makes it an AI adopter).
    pub needs: Vec<String>,
    pub research_areas: Vec<String>,
    pub trains_in: Vec<String>,
    /// `org:subOrganizationOf`.
    pub parents: Vec<String>,
    /// `mo:collaboratesWith` (symmetric; both directions are stored).
    pub partners: Vec<String>,
    /// `mo:capacity`: how many projects a supplier can take at once.
    pub capacity: Option<u32>,
    pub sources: Vec<String>,
    /// Records of the demo graph (`mo:illustrative true`).
    pub illustrative: bool,
    /// The organisation's own coordinates (WGS84), when a source gives them.
    pub lat: Option<f64>,
    pub long: Option<f64>,
}

impl Organization {
    /// An AI supplier offers at least one expertise.
    pub fn is_supplier(&self) -> bool {
        !self.offers.is_empty()
    }
}

/// Which concept scheme a concept belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ConceptScheme {
    AiExpertise,
    ZemAxes,
    Other,
}

impl ConceptScheme {
    pub fn from_iri(iri: &str) -> ConceptScheme {
        match iri {
            vocab::SCHEME_AI_EXPERTISE => ConceptScheme::AiExpertise,
            vocab::SCHEME_ZEM_AXES => ConceptScheme::ZemAxes,
            _ => ConceptScheme::Other,
        }
    }
}

/// A SKOS concept of the AI expertise taxonomy or the ZEM axes.
#[derive(Clone, Debug, PartialEq)]
pub struct Concept {
    pub iri: String,
    pub scheme: ConceptScheme,
    pub label: Label,
    pub alt_labels: Vec<String>,
    pub broader: Vec<String>,
}

/// A NAICS Canada 2022 class with the AI needs typical of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Sector {
    pub iri: String,
    pub code: String,
    pub label: Label,
    pub broader: Option<String>,
    /// `mo:typicalNeed`: general-knowledge needs of the sector (not facts about any company).
    pub typical_needs: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Municipality {
    pub iri: String,
    pub code: String,
    pub label: Label,
    pub in_zem: bool,
    pub region: Option<String>,
    pub population: Option<u64>,
    pub lat: Option<f64>,
    pub long: Option<f64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ProjectStatus {
    Proposed,
    Selected,
    Funded,
    Completed,
}

impl ProjectStatus {
    pub fn from_iri(iri: &str) -> Option<ProjectStatus> {
        match iri.strip_prefix(vocab::MO)? {
            "proposed" => Some(ProjectStatus::Proposed),
            "selected" => Some(ProjectStatus::Selected),
            "funded" => Some(ProjectStatus::Funded),
            "completed" => Some(ProjectStatus::Completed),
            _ => None,
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            ProjectStatus::Proposed => "proposed",
            ProjectStatus::Selected => "selected",
            ProjectStatus::Funded => "funded",
            ProjectStatus::Completed => "completed",
        }
    }

    /// Money of funded and completed projects is committed; proposed and selected are not yet.
    pub fn commits_money(self) -> bool {
        matches!(self, ProjectStatus::Funded | ProjectStatus::Completed)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Project {
    pub iri: String,
    pub label: Label,
    pub supplier: Option<String>,
    pub adopter: Option<String>,
    pub envelope: Option<String>,
    pub axes: Vec<String>,
    /// CAD.
    pub amount: Option<f64>,
    pub status: Option<ProjectStatus>,
    pub illustrative: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Envelope {
    pub iri: String,
    pub label: Label,
    /// CAD.
    pub amount: f64,
    pub funder: Option<String>,
    pub recipient: Option<String>,
}

/// Everything the analytics read, keyed by IRI (sorted maps: iteration order is deterministic).
#[derive(Clone, Debug, Default)]
pub struct Ecosystem {
    pub organizations: BTreeMap<String, Organization>,
    pub concepts: BTreeMap<String, Concept>,
    pub sectors: BTreeMap<String, Sector>,
    pub municipalities: BTreeMap<String, Municipality>,
    pub projects: BTreeMap<String, Project>,
    pub envelopes: BTreeMap<String, Envelope>,
}

impl Ecosystem {
    /// Where to draw an organisation: its own coordinates, else its municipality's.
    pub fn coordinates(&self, org: &Organization) -> Option<(f64, f64)> {
        if let (Some(lat), Some(long)) = (org.lat, org.long) {
            return Some((lat, long));
        }
        let m = self.municipalities.get(org.municipality.as_ref()?)?;
        Some((m.lat?, m.long?))
    }

    /// Is the organisation located in a municipality of the ZEM?
    pub fn in_zem(&self, org: &Organization) -> bool {
        org.municipality
            .as_ref()
            .and_then(|m| self.municipalities.get(m))
            .is_some_and(|m| m.in_zem)
    }

    /// AI needs typical of the organisation's sectors, walking up the NAICS hierarchy until a
    /// level carries some (a 6-digit industry inherits its sector's needs).
    pub fn typical_needs(&self, org: &Organization) -> Vec<String> {
        let mut needs = Vec::new();
        for sector in &org.sectors {
            let mut current = self.sectors.get(sector);
            let mut guard = 0;
            while let Some(s) = current {
                if !s.typical_needs.is_empty() {
                    needs.extend(s.typical_needs.iter().cloned());
                    break;
                }
                guard += 1;
                if guard > 8 {
                    break;
                }
                current = s.broader.as_ref().and_then(|b| self.sectors.get(b));
            }
        }
        needs.sort();
        needs.dedup();
        needs
    }

    /// A (potential) AI adopter: a company or public body that states needs, or that offers no
    /// expertise and belongs to a sector with typical AI needs.
    pub fn is_adopter(&self, org: &Organization) -> bool {
        let can_adopt = matches!(org.kind, Some(OrgKind::Company) | Some(OrgKind::PublicBody));
        can_adopt
            && (!org.needs.is_empty()
                || (!org.is_supplier() && !self.typical_needs(org).is_empty()))
    }

    /// Concepts of the AI expertise scheme.
    pub fn expertise_concepts(&self) -> impl Iterator<Item = &Concept> {
        self.concepts
            .values()
            .filter(|c| c.scheme == ConceptScheme::AiExpertise)
    }

    /// The ancestors of a concept through `skos:broader`, nearest first, with their distance.
    /// Cycles in the data are tolerated (each concept is visited once).
    pub fn ancestors(&self, concept: &str) -> Vec<(String, usize)> {
        let mut seen = std::collections::BTreeSet::from([concept.to_owned()]);
        let mut out: Vec<(String, usize)> = Vec::new();
        let mut frontier = vec![concept.to_owned()];
        let mut depth = 0;
        while !frontier.is_empty() {
            depth += 1;
            let mut next = Vec::new();
            for c in &frontier {
                let Some(concept) = self.concepts.get(c) else {
                    continue;
                };
                for b in &concept.broader {
                    if seen.insert(b.clone()) {
                        out.push((b.clone(), depth));
                        next.push(b.clone());
                    }
                }
            }
            frontier = next;
        }
        out
    }

    /// A label for any IRI the ecosystem knows, the IRI itself otherwise.
    pub fn label_of(&self, iri: &str) -> Label {
        if let Some(o) = self.organizations.get(iri) {
            return o.label.clone();
        }
        if let Some(c) = self.concepts.get(iri) {
            return c.label.clone();
        }
        if let Some(s) = self.sectors.get(iri) {
            return s.label.clone();
        }
        if let Some(m) = self.municipalities.get(iri) {
            return m.label.clone();
        }
        if let Some(p) = self.projects.get(iri) {
            return p.label.clone();
        }
        if let Some(e) = self.envelopes.get(iri) {
            return e.label.clone();
        }
        Label::same(iri)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn concept(iri: &str, broader: &[&str]) -> Concept {
        Concept {
            iri: iri.into(),
            scheme: ConceptScheme::AiExpertise,
            label: Label::same(iri),
            alt_labels: vec![],
            broader: broader.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn ancestors_are_nearest_first_and_survive_cycles() {
        let mut eco = Ecosystem::default();
        for c in [
            concept("od", &["cv"]),
            concept("cv", &["ai"]),
            concept("ai", &["od"]),
        ] {
            eco.concepts.insert(c.iri.clone(), c);
        }
        let anc = eco.ancestors("od");
        assert_eq!(
            anc,
            vec![("cv".into(), 1), ("ai".into(), 2)],
            "the cycle back to od is not followed"
        );
    }

    #[test]
    fn class_iris_round_trip() {
        for k in OrgKind::ALL {
            assert_eq!(OrgKind::from_class_iri(&k.class_iri()), Some(k));
            assert_eq!(OrgKind::from_slug(k.slug()), Some(k));
        }
    }
}
