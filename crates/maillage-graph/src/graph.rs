//! The ecosystem as a typed petgraph graph, plus the lookup tables the analytics share (concept
//! taxonomy distances, per-organisation facts, the organisation-to-organisation network), all
//! computed once per snapshot so that each query is cheap.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::packed::Packed;
use std::sync::Arc;
use std::time::{Duration, Instant};

use maillage_model::{ConceptScheme, Ecosystem, ProjectStatus};
use petgraph::graph::{DiGraph, NodeIndex};

/// What a node stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NodeKind {
    Organization,
    Concept,
    Sector,
    Municipality,
    Project,
}

/// A node: the IRI of an entity of the ecosystem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    pub iri: String,
    pub kind: NodeKind,
}

/// A typed edge, pointing the way the RDF property does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EdgeKind {
    /// organisation → concept (`mo:offersExpertise`).
    Offers,
    /// organisation → concept (`mo:hasNeed`).
    Needs,
    /// organisation → concept (`mo:researchArea`).
    Researches,
    /// organisation → concept (`mo:trainsIn`).
    Trains,
    /// concept → more general concept (`skos:broader`), also sector → parent sector.
    Broader,
    /// organisation → sector (`mo:sector`).
    InSector,
    /// organisation → municipality (`mo:locatedIn`).
    LocatedIn,
    /// organisation → parent organisation (`org:subOrganizationOf`).
    SubOrganizationOf,
    /// organisation → organisation (`mo:collaboratesWith`, stored once per pair).
    Partner,
    /// organisation → project (`mo:supplier`).
    SupplierOf,
    /// organisation → project (`mo:adopter`).
    AdopterOf,
}

impl EdgeKind {
    pub const ALL: [EdgeKind; 11] = [
        EdgeKind::Offers,
        EdgeKind::Needs,
        EdgeKind::Researches,
        EdgeKind::Trains,
        EdgeKind::Broader,
        EdgeKind::InSector,
        EdgeKind::LocatedIn,
        EdgeKind::SubOrganizationOf,
        EdgeKind::Partner,
        EdgeKind::SupplierOf,
        EdgeKind::AdopterOf,
    ];
}

/// Size of the graph and how long it took to build (for metrics and benchmarks).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct GraphStats {
    pub nodes: usize,
    pub edges: usize,
    pub organizations: usize,
    pub concepts: usize,
    pub projects: usize,
    pub build_time: Duration,
}

/// Where the needs used for an adopter come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NeedsSource {
    /// Its own `mo:hasNeed` facts.
    Explicit,
    /// No stated needs: the typical needs of its NAICS sector (`Ecosystem::typical_needs`).
    SectorTypical,
}

/// How an offered concept relates to a needed concept in the `skos:broader` hierarchy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Relation {
    Exact,
    /// The offer is an ancestor of the need, `d` levels up.
    Broader(u32),
    /// The offer is a descendant of the need, `d` levels down.
    Narrower(u32),
    /// Both descend from `via` (not a root), `up` levels above the need, `down` above the offer.
    Related {
        via: usize,
        up: u32,
        down: u32,
    },
    Unrelated,
}

/// Decay per level when the offer is more general than the need.
pub const BROADER_DECAY: f64 = 0.6;
/// Decay per level when the offer is more specific than the need.
pub const NARROWER_DECAY: f64 = 0.8;
/// Coverage of a sibling (common parent one level above both).
pub const SIBLING_COVERAGE: f64 = 0.3;
/// Extra decay per level for more distant cousins.
pub const COUSIN_DECAY: f64 = 0.5;

impl Relation {
    pub(crate) fn coverage(self) -> f64 {
        match self {
            Relation::Exact => 1.0,
            Relation::Broader(d) => BROADER_DECAY.powi(d as i32),
            Relation::Narrower(d) => NARROWER_DECAY.powi(d as i32),
            Relation::Related { up, down, .. } => {
                SIBLING_COVERAGE * COUSIN_DECAY.powi((up + down).saturating_sub(2) as i32)
            }
            Relation::Unrelated => 0.0,
        }
    }
}

/// The concept hierarchy, interned: index = position in IRI order.
#[derive(Debug, Default)]
pub(crate) struct Taxonomy {
    pub iris: Vec<String>,
    pub index: BTreeMap<String, usize>,
    pub parents: Vec<Vec<usize>>,
    /// Ancestors with their (shortest) distance, itself included at 0.
    pub ancestors: Vec<BTreeMap<usize, u32>>,
    /// Concepts that are not known to belong to another scheme than AI expertise.
    pub is_expertise: Vec<bool>,
    relations: Vec<Relation>,
}

impl Taxonomy {
    fn build(eco: &Ecosystem) -> Taxonomy {
        let mut all: BTreeSet<&str> = eco.concepts.keys().map(String::as_str).collect();
        for o in eco.organizations.values() {
            all.extend(o.concepts().map(String::as_str));
        }
        for s in eco.sectors.values() {
            all.extend(s.typical_needs.iter().map(String::as_str));
        }
        for c in eco.concepts.values() {
            all.extend(c.broader.iter().map(String::as_str));
        }
        let iris: Vec<String> = all.iter().map(|s| (*s).to_owned()).collect();
        let index: BTreeMap<String, usize> = iris
            .iter()
            .enumerate()
            .map(|(i, s)| (s.clone(), i))
            .collect();
        let n = iris.len();
        let parents: Vec<Vec<usize>> = iris
            .iter()
            .map(|iri| {
                let mut p: Vec<usize> = eco
                    .concepts
                    .get(iri)
                    .map(|c| {
                        c.broader
                            .iter()
                            .filter_map(|b| index.get(b).copied())
                            .collect()
                    })
                    .unwrap_or_default();
                p.sort_unstable();
                p.dedup();
                p
            })
            .collect();
        let ancestors: Vec<BTreeMap<usize, u32>> = iris
            .iter()
            .enumerate()
            .map(|(i, iri)| {
                let mut dist = BTreeMap::from([(i, 0u32)]);
                for (a, d) in eco.ancestors(iri) {
                    if let Some(&j) = index.get(a) {
                        dist.entry(j).or_insert(d as u32);
                    }
                }
                dist
            })
            .collect();
        let is_root: Vec<bool> = parents.iter().map(Vec::is_empty).collect();
        let is_expertise = iris
            .iter()
            .map(|iri| {
                eco.concepts
                    .get(iri)
                    .is_none_or(|c| c.scheme != ConceptScheme::ZemAxes)
            })
            .collect();
        let mut relations = vec![Relation::Unrelated; n * n];
        for offer in 0..n {
            for need in 0..n {
                relations[offer * n + need] = relation(&ancestors, &is_root, offer, need);
            }
        }
        Taxonomy {
            iris,
            index,
            parents,
            ancestors,
            is_expertise,
            relations,
        }
    }

    pub(crate) fn relation(&self, offer: usize, need: usize) -> Relation {
        self.relations[offer * self.iris.len() + need]
    }

    /// The chain of concepts from `from` up to its ancestor `to`, both included.
    pub(crate) fn up_path(&self, from: usize, to: usize) -> Vec<usize> {
        let mut path = vec![from];
        let mut current = from;
        while current != to {
            let Some(&d) = self.ancestors[current].get(&to) else {
                break;
            };
            let next = self.parents[current]
                .iter()
                .copied()
                .find(|p| self.ancestors[*p].get(&to) == Some(&(d - 1)));
            match next {
                Some(p) => {
                    path.push(p);
                    current = p;
                }
                None => break,
            }
        }
        path
    }
}

fn relation(
    ancestors: &[BTreeMap<usize, u32>],
    is_root: &[bool],
    offer: usize,
    need: usize,
) -> Relation {
    if offer == need {
        return Relation::Exact;
    }
    if let Some(&d) = ancestors[need].get(&offer) {
        return Relation::Broader(d);
    }
    if let Some(&d) = ancestors[offer].get(&need) {
        return Relation::Narrower(d);
    }
    let mut best: Option<(u32, usize, u32, u32)> = None;
    for (&a, &up) in &ancestors[need] {
        if is_root[a] {
            continue;
        }
        if let Some(&down) = ancestors[offer].get(&a) {
            let key = (up + down, a, up, down);
            if best.is_none_or(|b| (key.0, key.1) < (b.0, b.1)) {
                best = Some(key);
            }
        }
    }
    match best {
        Some((_, via, up, down)) => Relation::Related { via, up, down },
        None => Relation::Unrelated,
    }
}

/// A link between two organisations in the organisation network (variants in the order of
/// their stable names).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OrgLink {
    /// `mo:collaboratesWith`, either way.
    Partner,
    /// Supplier and adopter of the same project (any status).
    SharedProject,
    /// `org:subOrganizationOf`.
    SubOrganization,
}

impl OrgLink {
    pub const ALL: [OrgLink; 3] = [
        OrgLink::Partner,
        OrgLink::SharedProject,
        OrgLink::SubOrganization,
    ];
}

/// One link of the organisation network, oriented: sub-organisation → parent, supplier →
/// adopter, and for partners the smaller IRI first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OrgEdge<'a> {
    pub source: &'a str,
    pub target: &'a str,
    pub link: OrgLink,
}

/// Facts about one organisation, resolved to indices.
#[derive(Debug, Default)]
pub(crate) struct OrgInfo {
    pub iri: String,
    pub in_zem: bool,
    /// Located in a known municipality outside the ZEM.
    pub outside_zem: bool,
    pub supplier: bool,
    /// Offers at least one AI expertise concept.
    pub offers_ai: bool,
    pub adopter: bool,
    pub offers: Vec<usize>,
    pub needs: Vec<usize>,
    pub needs_source: Option<NeedsSource>,
    pub research: Vec<usize>,
    pub trains: Vec<usize>,
    /// Sector chains: each of its sectors with its ancestors, itself first, as indices of
    /// [`EcosystemGraph::sector_iris`] (matching compares them for every candidate).
    pub sector_chains: Vec<Vec<u32>>,
    /// Past projects as supplier: (project IRI, adopter org index).
    pub supplied: Vec<(String, usize)>,
    pub axes_as_supplier: BTreeSet<String>,
    pub axes_as_adopter: BTreeSet<String>,
}

/// The ecosystem graph of one snapshot. Cheap to query, immutable, `Send + Sync`.
#[derive(Debug)]
pub struct EcosystemGraph {
    pub(crate) eco: Arc<Ecosystem>,
    graph: DiGraph<Node, EdgeKind>,
    index: BTreeMap<String, NodeIndex>,
    stats: GraphStats,
    pub(crate) tax: Taxonomy,
    pub(crate) orgs: Vec<OrgInfo>,
    pub(crate) org_index: BTreeMap<String, usize>,
    /// The IRIs of the sectors in [`OrgInfo::sector_chains`], by index.
    pub(crate) sector_iris: Vec<String>,
    /// What ranking reads of every candidate, packed ([`crate::packed`]).
    pub(crate) packed: Packed,
    /// Organisation network: sorted, deduplicated (neighbour, link).
    pub(crate) org_adj: Vec<Vec<(usize, OrgLink)>>,
    /// The same links once each, oriented, sorted: (source, target, link).
    org_edges: Vec<(usize, usize, OrgLink)>,
}

impl EcosystemGraph {
    /// Builds the graph from a snapshot (cloned; use [`EcosystemGraph::from_shared`] to avoid it).
    pub fn build(eco: &Ecosystem) -> EcosystemGraph {
        EcosystemGraph::from_shared(Arc::new(eco.clone()))
    }

    /// Builds the graph from a shared snapshot without copying it.
    pub fn from_shared(eco: Arc<Ecosystem>) -> EcosystemGraph {
        let start = Instant::now();
        let mut b = Builder::default();
        for c in eco.concepts.values() {
            b.node(&c.iri, NodeKind::Concept);
        }
        for s in eco.sectors.values() {
            b.node(&s.iri, NodeKind::Sector);
        }
        for m in eco.municipalities.values() {
            b.node(&m.iri, NodeKind::Municipality);
        }
        for o in eco.organizations.values() {
            b.node(&o.iri, NodeKind::Organization);
        }
        for p in eco.projects.values() {
            b.node(&p.iri, NodeKind::Project);
        }
        for c in eco.concepts.values() {
            for p in &c.broader {
                b.edge(
                    &c.iri,
                    NodeKind::Concept,
                    p,
                    NodeKind::Concept,
                    EdgeKind::Broader,
                );
            }
        }
        for s in eco.sectors.values() {
            if let Some(p) = &s.broader {
                b.edge(
                    &s.iri,
                    NodeKind::Sector,
                    p,
                    NodeKind::Sector,
                    EdgeKind::Broader,
                );
            }
        }
        use NodeKind as K;
        for o in eco.organizations.values() {
            let from = &o.iri;
            let org = K::Organization;
            for c in &o.offers {
                b.edge(from, org, c, K::Concept, EdgeKind::Offers);
            }
            for c in &o.needs {
                b.edge(from, org, c, K::Concept, EdgeKind::Needs);
            }
            for c in &o.research_areas {
                b.edge(from, org, c, K::Concept, EdgeKind::Researches);
            }
            for c in &o.trains_in {
                b.edge(from, org, c, K::Concept, EdgeKind::Trains);
            }
            for s in &o.sectors {
                b.edge(from, org, s, K::Sector, EdgeKind::InSector);
            }
            if let Some(m) = &o.municipality {
                b.edge(from, org, m, K::Municipality, EdgeKind::LocatedIn);
            }
            for p in &o.parents {
                b.edge(from, org, p, org, EdgeKind::SubOrganizationOf);
            }
            for p in &o.partners {
                if from < p || !eco.organizations.contains_key(p) {
                    b.edge(from, org, p, org, EdgeKind::Partner);
                }
            }
        }
        for p in eco.projects.values() {
            if let Some(s) = &p.supplier {
                b.edge(s, K::Organization, &p.iri, K::Project, EdgeKind::SupplierOf);
            }
            if let Some(a) = &p.adopter {
                b.edge(a, K::Organization, &p.iri, K::Project, EdgeKind::AdopterOf);
            }
        }

        let tax = Taxonomy::build(&eco);
        let (orgs, org_index, org_edges, sector_iris) = org_tables(&eco, &tax);
        let mut org_adj: Vec<Vec<(usize, OrgLink)>> = vec![Vec::new(); orgs.len()];
        for &(a, b, link) in &org_edges {
            org_adj[a].push((b, link));
            org_adj[b].push((a, link));
        }
        for list in &mut org_adj {
            list.sort_unstable();
            list.dedup();
        }
        let mut stats = GraphStats {
            nodes: b.graph.node_count(),
            edges: b.graph.edge_count(),
            organizations: eco.organizations.len(),
            concepts: eco.concepts.len(),
            projects: eco.projects.len(),
            build_time: Duration::ZERO,
        };
        stats.build_time = start.elapsed();
        EcosystemGraph {
            eco,
            graph: b.graph,
            index: b.index,
            stats,
            tax,
            packed: Packed::build(&orgs, sector_iris.len()),
            orgs,
            org_index,
            sector_iris,
            org_adj,
            org_edges,
        }
    }

    /// The snapshot this graph was built from.
    pub fn ecosystem(&self) -> &Ecosystem {
        &self.eco
    }

    pub fn stats(&self) -> GraphStats {
        self.stats
    }

    /// The petgraph graph, for analyses this crate does not provide.
    pub fn graph(&self) -> &DiGraph<Node, EdgeKind> {
        &self.graph
    }

    /// The node of an IRI.
    pub fn node(&self, iri: &str) -> Option<NodeIndex> {
        self.index.get(iri).copied()
    }

    /// The links of the organisation network (the one definition: `mo:collaboratesWith`,
    /// `org:subOrganizationOf`, supplier and adopter of a same project), each once, sorted by
    /// source IRI, target IRI and link. Links to IRIs that are not organisations of the
    /// snapshot, and an organisation's links to itself, are left out.
    pub fn org_edges(&self) -> impl Iterator<Item = OrgEdge<'_>> {
        self.org_edges.iter().map(|&(s, t, link)| OrgEdge {
            source: &self.orgs[s].iri,
            target: &self.orgs[t].iri,
            link,
        })
    }

    /// The organisations linked to `org` in the organisation network, by IRI (empty for an
    /// unknown IRI).
    pub fn org_neighbours(&self, org: &str) -> Vec<(&str, OrgLink)> {
        self.org_index
            .get(org)
            .map(|&i| {
                self.org_adj[i]
                    .iter()
                    .map(|&(j, link)| (self.orgs[j].iri.as_str(), link))
                    .collect()
            })
            .unwrap_or_default()
    }
}

#[derive(Default)]
struct Builder {
    graph: DiGraph<Node, EdgeKind>,
    index: BTreeMap<String, NodeIndex>,
}

impl Builder {
    fn node(&mut self, iri: &str, kind: NodeKind) -> NodeIndex {
        if let Some(&i) = self.index.get(iri) {
            return i;
        }
        let i = self.graph.add_node(Node {
            iri: iri.to_owned(),
            kind,
        });
        self.index.insert(iri.to_owned(), i);
        i
    }

    fn edge(&mut self, from: &str, fk: NodeKind, to: &str, tk: NodeKind, kind: EdgeKind) {
        let a = self.node(from, fk);
        let b = self.node(to, tk);
        self.graph.add_edge(a, b, kind);
    }
}

type OrgTables = (
    Vec<OrgInfo>,
    BTreeMap<String, usize>,
    Vec<(usize, usize, OrgLink)>,
    Vec<String>,
);

fn org_tables(eco: &Ecosystem, tax: &Taxonomy) -> OrgTables {
    let org_index: BTreeMap<String, usize> = eco
        .organizations
        .keys()
        .enumerate()
        .map(|(i, iri)| (iri.clone(), i))
        .collect();
    let concepts = |list: &[String]| -> Vec<usize> {
        let mut v: Vec<usize> = list
            .iter()
            .filter_map(|c| tax.index.get(c).copied())
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let mut sector_chain_cache: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    let mut sector_ids: HashMap<&str, u32> = HashMap::new();
    let mut sector_iris: Vec<String> = Vec::new();
    let mut orgs: Vec<OrgInfo> = eco
        .organizations
        .values()
        .map(|o| {
            let adopter = eco.is_adopter(o);
            let (needs, needs_source) = if !o.needs.is_empty() {
                (concepts(&o.needs), Some(NeedsSource::Explicit))
            } else if adopter {
                (
                    concepts(&eco.typical_needs(o)),
                    Some(NeedsSource::SectorTypical),
                )
            } else {
                (Vec::new(), None)
            };
            let offers = concepts(&o.offers);
            let municipality = o
                .municipality
                .as_ref()
                .and_then(|m| eco.municipalities.get(m));
            let sector_chains = o
                .sectors
                .iter()
                .map(|s| {
                    sector_chain_cache
                        .entry(s.as_str())
                        .or_insert_with(|| {
                            eco.self_and_ancestors(s)
                                .map(|sector| {
                                    *sector_ids.entry(sector).or_insert_with(|| {
                                        sector_iris.push(sector.to_owned());
                                        (sector_iris.len() - 1) as u32
                                    })
                                })
                                .collect()
                        })
                        .clone()
                })
                .collect();
            OrgInfo {
                iri: o.iri.clone(),
                in_zem: municipality.is_some_and(|m| m.in_zem),
                outside_zem: municipality.is_some_and(|m| !m.in_zem),
                supplier: o.is_supplier(),
                offers_ai: offers.iter().any(|&c| tax.is_expertise[c]),
                adopter,
                offers,
                needs,
                needs_source,
                research: concepts(&o.research_areas),
                trains: concepts(&o.trains_in),
                sector_chains,
                ..OrgInfo::default()
            }
        })
        .collect();
    let mut edges: BTreeSet<(usize, usize, OrgLink)> = BTreeSet::new();
    let mut link = |a: usize, b: usize, l: OrgLink| {
        if a != b {
            edges.insert((a, b, l));
        }
    };
    for (i, o) in eco.organizations.values().enumerate() {
        for p in &o.partners {
            if let Some(&j) = org_index.get(p) {
                link(i.min(j), i.max(j), OrgLink::Partner);
            }
        }
        for p in &o.parents {
            if let Some(&j) = org_index.get(p) {
                link(i, j, OrgLink::SubOrganization);
            }
        }
    }
    for p in eco.projects.values() {
        let s = p.supplier.as_ref().and_then(|s| org_index.get(s)).copied();
        let a = p.adopter.as_ref().and_then(|a| org_index.get(a)).copied();
        if let (Some(s), Some(a)) = (s, a) {
            link(s, a, OrgLink::SharedProject);
            // Past projects: chosen by a selection (or of unknown status, as older data).
            if p.status.is_none_or(ProjectStatus::was_chosen) {
                orgs[s].supplied.push((p.iri.clone(), a));
            }
        }
        if let Some(s) = s {
            orgs[s].axes_as_supplier.extend(p.axes.iter().cloned());
        }
        if let Some(a) = a {
            orgs[a].axes_as_adopter.extend(p.axes.iter().cloned());
        }
    }
    (orgs, org_index, edges.into_iter().collect(), sector_iris)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::testkit::*;

    #[test]
    fn builds_typed_nodes_and_edges() {
        let eco = small();
        let g = EcosystemGraph::build(&eco);
        let s = g.stats();
        assert_eq!(s.organizations, eco.organizations.len());
        assert!(s.nodes >= eco.organizations.len() + eco.concepts.len());
        let sup = g.node(&org("vision-inc")).unwrap();
        let od = g.node(&concept("object-detection")).unwrap();
        assert!(
            g.graph()
                .edges_connecting(sup, od)
                .any(|e| *e.weight() == EdgeKind::Offers)
        );
    }

    #[test]
    fn relations_follow_the_hierarchy() {
        let g = EcosystemGraph::build(&small());
        let i = |s: &str| g.tax.index[&concept(s)];
        assert_eq!(
            g.tax.relation(i("object-detection"), i("object-detection")),
            Relation::Exact
        );
        assert_eq!(
            g.tax.relation(i("computer-vision"), i("object-detection")),
            Relation::Broader(1)
        );
        assert_eq!(
            g.tax.relation(i("ai"), i("object-detection")),
            Relation::Broader(2)
        );
        assert_eq!(
            g.tax.relation(i("object-detection"), i("computer-vision")),
            Relation::Narrower(1)
        );
        assert!(matches!(
            g.tax
                .relation(i("image-segmentation"), i("object-detection")),
            Relation::Related { up: 1, down: 1, .. }
        ));
        // Siblings under the root only are unrelated.
        assert_eq!(
            g.tax.relation(i("nlp"), i("computer-vision")),
            Relation::Unrelated
        );
        assert_eq!(
            g.tax.up_path(i("object-detection"), i("ai")),
            vec![i("object-detection"), i("computer-vision"), i("ai")]
        );
    }
}
