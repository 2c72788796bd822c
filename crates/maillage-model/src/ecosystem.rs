//! The ecosystem model: what the analytics need to know, read from the open graph.

use std::collections::{BTreeMap, BTreeSet};

use crate::label::Label;
use crate::pipeline::{ProjectStatus, StatusChange};
use crate::rules::RuleSet;
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

    /// The message id of the kind's name in the language catalogue (`kind-company`, …): the
    /// model holds no words; `maillage-i18n` has the names in every language.
    pub fn label_id(self) -> &'static str {
        match self {
            OrgKind::Company => "kind-company",
            OrgKind::ResearchCentre => "kind-research-centre",
            OrgKind::University => "kind-university",
            OrgKind::College => "kind-college",
            OrgKind::PublicBody => "kind-public-body",
            OrgKind::DevelopmentAgency => "kind-development-agency",
            OrgKind::InnovationCluster => "kind-innovation-cluster",
            OrgKind::Committee => "kind-committee",
        }
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
    /// `mo:headcount`: employees, when a source gives it (the SME rule needs it).
    pub headcount: Option<u32>,
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

    /// Every concept it names: what it offers, needs, researches and trains in, in that order
    /// (a concept named twice comes twice).
    pub fn concepts(&self) -> impl Iterator<Item = &String> {
        self.offers
            .iter()
            .chain(&self.needs)
            .chain(&self.research_areas)
            .chain(&self.trains_in)
    }

    /// Sorts and deduplicates every list, as the model's invariant wants (whoever builds an
    /// organisation calls this once it is complete).
    pub fn sort_lists(&mut self) {
        for list in [
            &mut self.alt_labels,
            &mut self.sectors,
            &mut self.offers,
            &mut self.needs,
            &mut self.research_areas,
            &mut self.trains_in,
            &mut self.parents,
            &mut self.partners,
            &mut self.sources,
        ] {
            list.sort();
            list.dedup();
        }
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

/// A project between a supplier and an adopter: a candidate of the pipeline until it is
/// funded ([`crate::pipeline`]). Confidential facts (requested amount, total cost, contacts,
/// notes, status history) are only there when the snapshot reads the confidential graphs.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Project {
    pub iri: String,
    /// `rdfs:label`: the title.
    pub label: Label,
    /// `rdfs:comment`: the description.
    pub description: Label,
    pub supplier: Option<String>,
    pub adopter: Option<String>,
    pub envelope: Option<String>,
    pub axes: Vec<String>,
    /// `mo:amount` (CAD): the amount granted (set at selection), or the only amount known.
    pub amount: Option<f64>,
    /// `mo:amountRequested` (CAD).
    pub amount_requested: Option<f64>,
    /// `mo:totalCost` (CAD).
    pub total_cost: Option<f64>,
    /// `mo:startDate`, `mo:endDate` (xsd:date, `YYYY-MM-DD`).
    pub start: Option<String>,
    pub end: Option<String>,
    /// `mo:contact`: people to talk to (free text).
    pub contacts: Vec<String>,
    /// `mo:note`: internal notes.
    pub notes: Vec<String>,
    pub status: Option<ProjectStatus>,
    /// The recorded moves of its status, oldest first.
    pub history: Vec<StatusChange>,
    pub sources: Vec<String>,
    pub illustrative: bool,
}

impl Project {
    /// The amount asked of the envelope: `mo:amountRequested`, else `mo:amount`.
    pub fn requested(&self) -> Option<f64> {
        self.amount_requested.or(self.amount)
    }

    /// The amount granted: `mo:amount` (set at selection), else the request.
    pub fn granted(&self) -> Option<f64> {
        self.amount.or(self.amount_requested)
    }
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
    /// The eligibility rules in force (`datasets/funding/eligibility-rules.ttl`).
    pub rule_set: RuleSet,
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

    /// AI needs typical of the organisation's sectors: for each sector, the needs of the first
    /// level that carries some, walking up the NAICS hierarchy (a 6-digit industry inherits its
    /// sector's needs).
    pub fn typical_needs(&self, org: &Organization) -> Vec<String> {
        let mut needs = Vec::new();
        for sector in &org.sectors {
            let first = self
                .self_and_ancestors(sector)
                .filter_map(|s| self.sectors.get(s))
                .find(|s| !s.typical_needs.is_empty());
            if let Some(s) = first {
                needs.extend(s.typical_needs.iter().cloned());
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

    /// The direct parents of an entity in its own hierarchy: a concept's `skos:broader`
    /// concepts, a NAICS class's parent class, an organisation's `org:subOrganizationOf`
    /// parents; nothing for other IRIs.
    pub fn parents(&self, iri: &str) -> &[String] {
        if let Some(c) = self.concepts.get(iri) {
            return &c.broader;
        }
        if let Some(s) = self.sectors.get(iri) {
            return s.broader.as_slice();
        }
        if let Some(o) = self.organizations.get(iri) {
            return &o.parents;
        }
        &[]
    }

    /// Every entity above `iri` in its own hierarchy (see [`Ecosystem::parents`]), transitively,
    /// nearest first, each with its distance (1 = a direct parent); breadth-first, so the
    /// distance is the shortest one, and parents in data order at each level.
    ///
    /// This is the one walk up the hierarchies (concepts, sectors, organisations), with the one
    /// cycle rule: every entity is visited once, and a branch that comes back to an entity
    /// already seen — the start included — stops there. Cyclic data therefore never loops and
    /// never lists the start as its own ancestor.
    pub fn ancestors(&self, iri: &str) -> Vec<(&str, usize)> {
        let mut seen: BTreeSet<&str> = BTreeSet::from([iri]);
        let mut out: Vec<(&str, usize)> = Vec::new();
        let mut frontier: Vec<&str> = vec![iri];
        let mut depth = 0;
        while !frontier.is_empty() {
            depth += 1;
            let mut next = Vec::new();
            for current in frontier {
                for parent in self.parents(current) {
                    if seen.insert(parent) {
                        out.push((parent, depth));
                        next.push(parent.as_str());
                    }
                }
            }
            frontier = next;
        }
        out
    }

    /// `iri` itself, then its ancestors nearest first ([`Ecosystem::ancestors`]).
    pub fn self_and_ancestors<'a>(&'a self, iri: &'a str) -> impl Iterator<Item = &'a str> {
        std::iter::once(iri).chain(self.ancestors(iri).into_iter().map(|(a, _)| a))
    }

    /// Is `ancestor` strictly above `iri` in its hierarchy (a broader concept, a parent sector,
    /// a parent organisation, transitively)?
    pub fn is_ancestor(&self, ancestor: &str, iri: &str) -> bool {
        ancestor != iri && self.ancestors(iri).iter().any(|(a, _)| *a == ancestor)
    }

    /// Is `iri` equal to `ancestor` or below it?
    pub fn is_within(&self, iri: &str, ancestor: &str) -> bool {
        iri == ancestor || self.is_ancestor(ancestor, iri)
    }

    /// The projects an envelope funds or would fund, in IRI order.
    pub fn projects_of<'a>(&'a self, envelope: &'a str) -> impl Iterator<Item = &'a Project> {
        self.projects
            .values()
            .filter(move |p| p.envelope.as_deref() == Some(envelope))
    }

    /// The organisations that name `org` as their parent (`org:subOrganizationOf`), in IRI
    /// order.
    pub fn children_of<'a>(&'a self, org: &'a str) -> impl Iterator<Item = &'a Organization> {
        self.organizations
            .values()
            .filter(move |c| c.parents.iter().any(|p| p == org))
    }

    /// The projects an organisation is the supplier or the adopter of, in IRI order.
    pub fn projects_with<'a>(&'a self, org: &'a str) -> impl Iterator<Item = &'a Project> {
        self.projects.values().filter(move |p| {
            p.supplier.as_deref() == Some(org) || p.adopter.as_deref() == Some(org)
        })
    }

    /// A label for any IRI the ecosystem knows, the IRI itself otherwise.
    pub fn label_of(&self, iri: &str) -> Label {
        let label = self
            .organizations
            .get(iri)
            .map(|o| &o.label)
            .or_else(|| self.concepts.get(iri).map(|c| &c.label))
            .or_else(|| self.sectors.get(iri).map(|s| &s.label))
            .or_else(|| self.municipalities.get(iri).map(|m| &m.label))
            .or_else(|| self.projects.get(iri).map(|p| &p.label))
            .or_else(|| self.envelopes.get(iri).map(|e| &e.label));
        label.cloned().unwrap_or_else(|| Label::same(iri))
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

    fn sector(iri: &str, broader: Option<&str>, needs: &[&str]) -> Sector {
        Sector {
            iri: iri.into(),
            code: iri.into(),
            label: Label::same(iri),
            broader: broader.map(str::to_owned),
            typical_needs: needs.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn ancestors_are_nearest_first_and_survive_cycles() {
        let mut eco = Ecosystem::default();
        for c in [
            concept("od", &["cv"]),
            concept("cv", &["ai", "ml"]),
            concept("ml", &["ai"]),
            concept("ai", &["od"]),
        ] {
            eco.concepts.insert(c.iri.clone(), c);
        }
        assert_eq!(
            eco.ancestors("od"),
            vec![("cv", 1), ("ai", 2), ("ml", 2)],
            "shortest distances; the cycle back to od is not followed"
        );
        assert!(eco.is_ancestor("ai", "od"));
        assert!(!eco.is_ancestor("od", "od"), "never its own ancestor");
        assert!(eco.is_within("od", "od"));
        assert_eq!(eco.ancestors("unknown"), vec![]);
    }

    #[test]
    fn sectors_and_organisations_use_the_same_walk() {
        let mut eco = Ecosystem::default();
        for s in [
            sector("336110", Some("336"), &[]),
            sector("336", Some("31-33"), &[]),
            sector("31-33", Some("336110"), &["vision"]),
        ] {
            eco.sectors.insert(s.iri.clone(), s);
        }
        let chain: Vec<&str> = eco.self_and_ancestors("336110").collect();
        assert_eq!(
            chain,
            vec!["336110", "336", "31-33"],
            "the cycle stops at 336110"
        );
        let mut firm = Organization {
            iri: "firm".into(),
            kind: Some(OrgKind::Company),
            sectors: vec!["336110".into()],
            parents: vec!["group".into()],
            ..Organization::default()
        };
        assert_eq!(eco.typical_needs(&firm), vec!["vision".to_owned()]);
        assert!(eco.is_adopter(&firm));
        let group = Organization {
            iri: "group".into(),
            parents: vec!["firm".into()],
            ..Organization::default()
        };
        firm.needs = vec!["nlp".into()];
        eco.organizations.insert(firm.iri.clone(), firm);
        eco.organizations.insert(group.iri.clone(), group);
        assert_eq!(eco.ancestors("firm"), vec![("group", 1)]);
        assert!(eco.is_ancestor("group", "firm") && eco.is_ancestor("firm", "group"));
    }

    #[test]
    fn class_iris_round_trip() {
        for k in OrgKind::ALL {
            assert_eq!(OrgKind::from_class_iri(&k.class_iri()), Some(k));
            assert_eq!(OrgKind::from_slug(k.slug()), Some(k));
        }
    }
}
