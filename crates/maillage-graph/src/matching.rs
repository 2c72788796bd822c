//! Supplier ↔ adopter matching: a weighted sum of four components in 0..1, each explained by the
//! facts and graph paths that produced it (see `docs/matching.md`).

use std::collections::HashMap;

use crate::band::{Band, Rank, band, competition_ranks};
use crate::eligibility::{Eligibility, pair_rules};
use crate::evidence::{Component, Evidence, SectorScope};
use crate::graph::{EcosystemGraph, NeedsSource, OrgLink, Relation};
use crate::{GraphError, WeightsError};

/// Multiplier of `need_coverage` when the needs are the sector's typical ones rather than the
/// adopter's own: a guess about a company is weaker evidence than what it states.
pub const SECTOR_TYPICAL_DISCOUNT: f64 = 0.8;
/// Organisation-network hops beyond which proximity is 0.
const MAX_HOPS: u32 = 3;

/// Weights of the components. The score is the weighted sum divided by the sum of the weights, so
/// it stays in 0..1 whatever the weights.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Weights {
    pub need_coverage: f64,
    pub sector_experience: f64,
    pub network_proximity: f64,
    pub zem_axis_alignment: f64,
}

impl Default for Weights {
    /// Expertise fit dominates (0.55); sector experience, network proximity and ZEM alignment
    /// break ties between suppliers that fit (0.15 each).
    fn default() -> Self {
        Weights {
            need_coverage: 0.55,
            sector_experience: 0.15,
            network_proximity: 0.15,
            zem_axis_alignment: 0.15,
        }
    }
}

/// `get(component)` for the structs that hold one number per component ([`Weights`],
/// [`Components`]), written once.
macro_rules! per_component {
    ($t:ty) => {
        impl $t {
            /// The number of one component.
            pub fn get(&self, c: Component) -> f64 {
                match c {
                    Component::NeedCoverage => self.need_coverage,
                    Component::SectorExperience => self.sector_experience,
                    Component::NetworkProximity => self.network_proximity,
                    Component::ZemAxisAlignment => self.zem_axis_alignment,
                }
            }
        }
    };
}
per_component!(Weights);
per_component!(Components);

impl Weights {
    fn total(&self) -> Result<f64, GraphError> {
        let all = Component::ALL.map(|c| self.get(c));
        if all.iter().any(|w| !w.is_finite() || *w < 0.0) {
            return Err(GraphError::InvalidWeights(
                WeightsError::NegativeOrNotFinite,
            ));
        }
        let total: f64 = all.iter().sum();
        if total <= 0.0 {
            return Err(GraphError::InvalidWeights(WeightsError::AllZero));
        }
        Ok(total)
    }

    /// The weights divided by their sum `total`, so that they add up to 1.
    fn normalised(&self, total: f64) -> Weights {
        Weights {
            need_coverage: self.need_coverage / total,
            sector_experience: self.sector_experience / total,
            network_proximity: self.network_proximity / total,
            zem_axis_alignment: self.zem_axis_alignment / total,
        }
    }

    fn score(&self, c: &Components, total: f64) -> f64 {
        let s: f64 = Component::ALL
            .iter()
            .map(|&k| self.get(k) * c.get(k))
            .sum::<f64>()
            / total;
        s.clamp(0.0, 1.0)
    }
}

/// Which side to rank for an organisation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Suppliers for an adopter, otherwise adopters for a supplier (suppliers first when the
    /// organisation is both).
    #[default]
    Auto,
    /// The best suppliers for this adopter.
    Suppliers,
    /// The best adopters for this supplier.
    Adopters,
}

/// What to return.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Options {
    /// Maximum number of matches (default 10).
    pub limit: usize,
    /// Keep only pairs that no eligibility rule rules out (eligible, or undecided for lack of
    /// a fact).
    pub eligible_only: bool,
    pub weights: Weights,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            limit: 10,
            eligible_only: false,
            weights: Weights::default(),
        }
    }
}

/// The four components of a score, each in 0..1.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Components {
    pub need_coverage: f64,
    pub sector_experience: f64,
    pub network_proximity: f64,
    pub zem_axis_alignment: f64,
}

impl Components {
    /// The components with their values, in the fixed order of [`Component::ALL`].
    pub fn named(&self) -> [(Component, f64); 4] {
        Component::ALL.map(|c| (c, self.get(c)))
    }
}

/// A scored, explained supplier–adopter pair.
#[derive(Clone, Debug, PartialEq)]
pub struct Match {
    pub supplier: String,
    pub adopter: String,
    /// Weighted score in 0..1: the sum of the [`Match::contribution`]s.
    pub score: f64,
    /// The plain reading of the score ([`band`]).
    pub band: Band,
    /// Its position among the candidates of the ranking that produced it; `None` for a pair
    /// scored alone ([`EcosystemGraph::match_pair`]).
    pub rank: Option<Rank>,
    pub components: Components,
    /// The weights used, divided by their sum (they add up to 1).
    pub weights: Weights,
    pub needs_source: NeedsSource,
    pub eligibility: Eligibility,
    /// The facts and paths behind the components, component by component.
    pub explanation: Vec<Evidence>,
}

impl Match {
    /// What one component brings to the score: its normalised weight times its value (the
    /// contributions add up to the score).
    pub fn contribution(&self, c: Component) -> f64 {
        self.weights.get(c) * self.components.get(c)
    }
}

/// Breadth-first distances from one organisation in the organisation network, with the
/// predecessor (first discovered in IRI order) to rebuild the path.
struct Reach {
    origin: usize,
    seen: HashMap<usize, (u32, Option<(usize, OrgLink)>)>,
}

impl Reach {
    /// The path from `target` back to the origin: organisations and the links between them.
    fn path_from(&self, target: usize) -> (Vec<usize>, Vec<OrgLink>) {
        let mut nodes = vec![target];
        let mut links = Vec::new();
        let mut cur = target;
        while let Some(&(_, Some((prev, link)))) = self.seen.get(&cur) {
            nodes.push(prev);
            links.push(link);
            cur = prev;
        }
        (nodes, links)
    }
}

impl EcosystemGraph {
    fn org_idx(&self, iri: &str) -> Result<usize, GraphError> {
        self.org_index
            .get(iri)
            .copied()
            .ok_or_else(|| GraphError::UnknownOrganization(iri.to_owned()))
    }

    fn supplier_idx(&self, iri: &str) -> Result<usize, GraphError> {
        let s = self.org_idx(iri)?;
        if !self.orgs[s].supplier {
            return Err(GraphError::NotASupplier(iri.to_owned()));
        }
        Ok(s)
    }

    fn adopter_idx(&self, iri: &str) -> Result<usize, GraphError> {
        let a = self.org_idx(iri)?;
        if !self.orgs[a].adopter {
            return Err(GraphError::NotAnAdopter(iri.to_owned()));
        }
        Ok(a)
    }

    fn reach(&self, origin: usize) -> Reach {
        let mut seen = HashMap::from([(origin, (0u32, None))]);
        let mut frontier = vec![origin];
        for d in 1..=MAX_HOPS {
            let mut next = Vec::new();
            for &u in &frontier {
                for &(v, link) in &self.org_adj[u] {
                    if let std::collections::hash_map::Entry::Vacant(e) = seen.entry(v) {
                        e.insert((d, Some((u, link))));
                        next.push(v);
                    }
                }
            }
            frontier = next;
        }
        Reach { origin, seen }
    }

    /// The best partners of an organisation in a direction, best first (ties by the partner's
    /// IRI): suppliers for an adopter, adopters for a supplier. With [`Direction::Auto`],
    /// suppliers when the organisation is an adopter, adopters otherwise.
    pub fn matches_for(
        &self,
        org: &str,
        direction: Direction,
        opts: &Options,
    ) -> Result<Vec<Match>, GraphError> {
        let o = self.org_idx(org)?;
        let suppliers = match direction {
            Direction::Suppliers => true,
            Direction::Adopters => false,
            Direction::Auto => self.orgs[o].adopter,
        };
        if suppliers {
            let a = self.adopter_idx(org)?;
            let candidates = self.packed.suppliers.iter().filter(|&&s| s != a);
            self.rank(a, Side::Adopter, candidates.map(|&s| (s, a)), opts)
        } else {
            let s = self.supplier_idx(org)?;
            let candidates = self.packed.adopters.iter().filter(|&&a| a != s);
            self.rank(s, Side::Supplier, candidates.map(|&a| (s, a)), opts)
        }
    }

    /// The best suppliers for an adopter, best first (ties by supplier IRI).
    pub fn best_suppliers_for(
        &self,
        adopter: &str,
        opts: &Options,
    ) -> Result<Vec<Match>, GraphError> {
        self.matches_for(adopter, Direction::Suppliers, opts)
    }

    /// Scores and explains one pair.
    pub fn match_pair(
        &self,
        supplier: &str,
        adopter: &str,
        weights: &Weights,
    ) -> Result<Match, GraphError> {
        let s = self.supplier_idx(supplier)?;
        let a = self.adopter_idx(adopter)?;
        let total = weights.total()?;
        let reach = self.reach(a);
        Ok(self.full_match(s, a, &reach, weights, total))
    }

    fn rank(
        &self,
        origin: usize,
        side: Side,
        pairs: impl Iterator<Item = (usize, usize)>,
        opts: &Options,
    ) -> Result<Vec<Match>, GraphError> {
        let total = opts.weights.total()?;
        let reach = self.reach(origin);
        let cover = Cover::new(self, origin, side);
        // (score, the candidate, supplier, adopter). `orgs` is in IRI order (it is built from
        // the ecosystem's `BTreeMap`), so comparing candidate indices compares their IRIs.
        let mut scored: Vec<(f64, usize, usize, usize)> = pairs
            .map(|(s, a)| {
                let c = self.ranking_components(s, a, &reach, &cover);
                let other = if s == origin { a } else { s };
                (opts.weights.score(&c, total), other, s, a)
            })
            .collect();
        // With `eligible_only`, the candidates are the eligible pairs only, so that the ranks
        // read 1, 2, 3… down the list shown.
        if opts.eligible_only {
            scored.retain(|&(_, _, s, a)| {
                let (so, ao) = (&self.orgs[s].iri, &self.orgs[a].iri);
                Eligibility::from_rules(pair_rules(
                    &self.eco,
                    &self.eco.organizations[so],
                    &self.eco.organizations[ao],
                ))
                .not_ruled_out()
            });
        }
        let of = scored.len();
        // Best first, ties by the candidate's IRI. Only the first `limit` are ordered: a
        // candidate's competition rank is one more than the number of better scores, and every
        // better score is among the ones before it, so the ranks of the first `limit` are exact
        // without sorting the rest.
        let best_first = |x: &(f64, usize, usize, usize), y: &(f64, usize, usize, usize)| {
            y.0.total_cmp(&x.0).then_with(|| x.1.cmp(&y.1))
        };
        let shown = opts.limit.min(of);
        if shown < of && shown > 0 {
            scored.select_nth_unstable_by(shown - 1, best_first);
        }
        scored.truncate(shown);
        scored.sort_unstable_by(best_first);
        let scores: Vec<f64> = scored.iter().map(|x| x.0).collect();
        let ranks = competition_ranks(&scores);
        Ok(scored
            .iter()
            .zip(ranks)
            .map(|(&(_, _, s, a), position)| Match {
                rank: Some(Rank { position, of }),
                ..self.full_match(s, a, &reach, &opts.weights, total)
            })
            .collect())
    }

    /// The components of a candidate pair for ranking, from the packed table
    /// ([`crate::packed`]): the same values as [`Self::components`], without the evidence.
    fn ranking_components(&self, s: usize, a: usize, reach: &Reach, cover: &Cover) -> Components {
        let p = &self.packed;
        Components {
            need_coverage: cover.need_coverage(p, s, a),
            sector_experience: match &cover.sectors {
                Sectors::OfAdopter(closeness) => {
                    p.sector_experience(s, |_, b| p.best_in(b, closeness))
                }
                Sectors::OfPastAdopters(tables) => {
                    p.sector_experience(s, |i, _| p.best_in(a, &tables[i]))
                }
            },
            network_proximity: self.network_proximity(s, a, reach, None),
            zem_axis_alignment: p.zem_alignment(s, a),
        }
    }

    fn full_match(
        &self,
        s: usize,
        a: usize,
        reach: &Reach,
        weights: &Weights,
        total: f64,
    ) -> Match {
        let mut explanation = Vec::new();
        let components = self.components(s, a, reach, Some(&mut explanation));
        let so = &self.eco.organizations[&self.orgs[s].iri];
        let ao = &self.eco.organizations[&self.orgs[a].iri];
        let score = weights.score(&components, total);
        Match {
            supplier: so.iri.clone(),
            adopter: ao.iri.clone(),
            score,
            band: band(score),
            rank: None,
            components,
            weights: weights.normalised(total),
            needs_source: self.orgs[a].needs_source.unwrap_or(NeedsSource::Explicit),
            eligibility: Eligibility::from_rules(pair_rules(&self.eco, so, ao)),
            explanation,
        }
    }

    fn components(
        &self,
        s: usize,
        a: usize,
        reach: &Reach,
        mut explain: Option<&mut Vec<Evidence>>,
    ) -> Components {
        Components {
            need_coverage: self.need_coverage(s, a, explain.as_deref_mut()),
            sector_experience: self.sector_experience(s, a, explain.as_deref_mut()),
            network_proximity: self.network_proximity(s, a, reach, explain.as_deref_mut()),
            zem_axis_alignment: self.zem_alignment(s, a, explain),
        }
    }

    fn need_coverage(&self, s: usize, a: usize, mut explain: Option<&mut Vec<Evidence>>) -> f64 {
        let (sup, ad) = (&self.orgs[s], &self.orgs[a]);
        if ad.needs.is_empty() {
            return 0.0;
        }
        let typical = ad.needs_source == Some(NeedsSource::SectorTypical);
        if typical && let Some(ex) = explain.as_deref_mut() {
            ex.push(Evidence::SectorTypicalNeeds {
                sectors: self.eco.organizations[&ad.iri].sectors.clone(),
                discount: SECTOR_TYPICAL_DISCOUNT,
            });
        }
        let mut sum = 0.0;
        for &n in &ad.needs {
            let mut best: Option<(f64, usize, Relation)> = None;
            for &o in &sup.offers {
                let r = self.tax.relation(o, n);
                let c = r.coverage();
                if c > 0.0 && best.is_none_or(|b| c > b.0) {
                    best = Some((c, o, r));
                }
            }
            sum += best.map_or(0.0, |b| b.0);
            if let Some(ex) = explain.as_deref_mut() {
                ex.push(self.coverage_evidence(n, best.map(|(_, o, r)| (o, r))));
            }
        }
        let avg = sum / ad.needs.len() as f64;
        if typical {
            avg * SECTOR_TYPICAL_DISCOUNT
        } else {
            avg
        }
    }

    fn coverage_evidence(&self, need: usize, best: Option<(usize, Relation)>) -> Evidence {
        let iri = |c: usize| self.tax.iris[c].clone();
        let Some((o, r)) = best else {
            return Evidence::UncoveredNeed { need: iri(need) };
        };
        let (offer, need_iri) = (iri(o), iri(need));
        match r {
            Relation::Exact | Relation::Unrelated => Evidence::ExactNeed {
                offer,
                need: need_iri,
            },
            Relation::Broader(steps) => Evidence::BroaderOffer {
                offer,
                need: need_iri,
                steps,
                path: self.tax.up_path(need, o).into_iter().map(iri).collect(),
            },
            Relation::Narrower(steps) => Evidence::NarrowerOffer {
                offer,
                need: need_iri,
                steps,
                path: self
                    .tax
                    .up_path(o, need)
                    .into_iter()
                    .rev()
                    .map(iri)
                    .collect(),
            },
            Relation::Related { via, .. } => {
                let mut path: Vec<String> =
                    self.tax.up_path(need, via).into_iter().map(iri).collect();
                let down = self.tax.up_path(o, via);
                path.extend(down.into_iter().rev().skip(1).map(iri));
                Evidence::RelatedOffer {
                    offer,
                    need: need_iri,
                    common_ancestor: iri(via),
                    path,
                }
            }
        }
    }

    /// 1.0 for the same sector (or one containing the other), 0.5 for the same top-level
    /// (2-digit) sector, with the shared sector (an index of `sector_iris`).
    fn sector_relation(&self, a: usize, b: usize) -> Option<(SectorScope, u32)> {
        let mut best: Option<(SectorScope, u32)> = None;
        for ca in &self.orgs[a].sector_chains {
            for cb in &self.orgs[b].sector_chains {
                let found = if cb.contains(&ca[0]) {
                    (SectorScope::Same, ca[0])
                } else if ca.contains(&cb[0]) {
                    (SectorScope::Same, cb[0])
                } else if ca.last() == cb.last() {
                    (SectorScope::TopLevel, ca[ca.len() - 1])
                } else {
                    continue;
                };
                if best.is_none_or(|b| scope_value(found.0) > scope_value(b.0)) {
                    best = Some(found);
                }
            }
        }
        best
    }

    fn sector_experience(
        &self,
        s: usize,
        a: usize,
        mut explain: Option<&mut Vec<Evidence>>,
    ) -> f64 {
        let mut miss = 1.0;
        for (project, past) in &self.orgs[s].supplied {
            let Some((scope, sector)) = self.sector_relation(a, *past) else {
                continue;
            };
            miss *= 1.0 - scope_value(scope);
            if let Some(ex) = explain.as_deref_mut() {
                ex.push(Evidence::PastProject {
                    supplier: self.orgs[s].iri.clone(),
                    project: project.clone(),
                    adopter: self.orgs[*past].iri.clone(),
                    sector: self.sector_iris[sector as usize].clone(),
                    scope,
                });
            }
        }
        1.0 - miss
    }

    fn network_proximity(
        &self,
        s: usize,
        a: usize,
        reach: &Reach,
        explain: Option<&mut Vec<Evidence>>,
    ) -> f64 {
        let target = if reach.origin == a { s } else { a };
        let Some(&(d, _)) = reach.seen.get(&target) else {
            return 0.0;
        };
        if d == 0 {
            return 0.0;
        }
        if let Some(ex) = explain {
            // target … origin; oriented adopter → supplier.
            let (mut nodes, mut links) = reach.path_from(target);
            if nodes.first() != Some(&a) {
                nodes.reverse();
                links.reverse();
            }
            ex.push(Evidence::NetworkPath {
                path: nodes.iter().map(|&o| self.orgs[o].iri.clone()).collect(),
                links,
            });
        }
        0.5f64.powi(d as i32 - 1)
    }

    fn zem_alignment(&self, s: usize, a: usize, mut explain: Option<&mut Vec<Evidence>>) -> f64 {
        let (sup, ad) = (&self.orgs[s], &self.orgs[a]);
        let mut value = 0.0;
        if sup.in_zem && ad.in_zem {
            value += 0.5;
            if let Some(ex) = explain.as_deref_mut() {
                ex.push(Evidence::BothInZem {
                    supplier: sup.iri.clone(),
                    adopter: ad.iri.clone(),
                });
            }
        }
        // Ranking computes this for every candidate: the shared axes are only counted, and
        // collected when the match is explained.
        if !ad.axes_as_adopter.is_empty() {
            let shared = ad.axes_as_adopter.intersection(&sup.axes_as_supplier);
            let count = shared.clone().count();
            if count > 0 {
                value += 0.5 * count as f64 / ad.axes_as_adopter.len() as f64;
                if let Some(ex) = explain {
                    ex.push(Evidence::SharedAxes {
                        axes: shared.cloned().collect(),
                    });
                }
            }
        } else if !sup.axes_as_supplier.is_empty() {
            value += 0.25;
            if let Some(ex) = explain {
                ex.push(Evidence::SupplierAxes {
                    axes: sup.axes_as_supplier.iter().cloned().collect(),
                });
            }
        }
        value
    }
}

/// The side of the organisation a ranking is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    /// Suppliers are ranked for this adopter.
    Adopter,
    /// Adopters are ranked for this supplier.
    Supplier,
}

/// The coverage of needs by offers from one organisation's side, computed once per ranking:
/// for an adopter, the coverage of each of its needs by every concept; for a supplier, the
/// best coverage of every concept by its offers. [`EcosystemGraph::need_coverage`] is the
/// explained form of the same sum.
/// The same for sector experience: how close every sector is to the adopter's sectors, or
/// to those of each past adopter of the supplier.
struct Cover {
    needs: Needs,
    sectors: Sectors,
}

enum Needs {
    /// `table[offer * needs + j]`: how far `offer` covers the adopter's `j`-th need.
    Adopter { needs: usize, table: Vec<f64> },
    /// `best[need]`: the best coverage of `need` by one of the supplier's offers.
    Supplier { best: Vec<f64> },
}

enum Sectors {
    /// `closeness[sector]` to the adopter's sectors.
    OfAdopter(Vec<f64>),
    /// `closeness[sector]` to the sectors of each past adopter of the supplier, in order.
    OfPastAdopters(Vec<Vec<f64>>),
}

impl Cover {
    fn new(g: &EcosystemGraph, origin: usize, side: Side) -> Cover {
        let concepts = g.tax.iris.len();
        let p = &g.packed;
        if side == Side::Adopter {
            let needs = p.needs(origin);
            let mut table = vec![0.0; concepts * needs.len()];
            for o in 0..concepts {
                for (j, &n) in needs.iter().enumerate() {
                    table[o * needs.len() + j] = g.tax.relation(o, n as usize).coverage();
                }
            }
            Cover {
                needs: Needs::Adopter {
                    needs: needs.len(),
                    table,
                },
                sectors: Sectors::OfAdopter(p.closeness_to(origin)),
            }
        } else {
            let mut best = vec![0.0f64; concepts];
            for (n, b) in best.iter_mut().enumerate() {
                for &o in p.offers(origin) {
                    let c = g.tax.relation(o as usize, n).coverage();
                    if c > *b {
                        *b = c;
                    }
                }
            }
            Cover {
                needs: Needs::Supplier { best },
                sectors: Sectors::OfPastAdopters(p.past_closeness(origin)),
            }
        }
    }

    fn need_coverage(&self, p: &crate::packed::Packed, s: usize, a: usize) -> f64 {
        let needs = p.needs(a);
        if needs.is_empty() {
            return 0.0;
        }
        let mut sum = 0.0;
        match &self.needs {
            Needs::Adopter { needs: len, table } => {
                for j in 0..*len {
                    let mut best = 0.0;
                    for &o in p.offers(s) {
                        let c = table[o as usize * len + j];
                        if c > best {
                            best = c;
                        }
                    }
                    sum += best;
                }
            }
            Needs::Supplier { best } => {
                for &n in needs {
                    sum += best[n as usize];
                }
            }
        }
        let avg = sum / needs.len() as f64;
        if p.typical_needs(a) {
            avg * SECTOR_TYPICAL_DISCOUNT
        } else {
            avg
        }
    }
}

/// The value of a past project for sector experience.
fn scope_value(scope: SectorScope) -> f64 {
    match scope {
        SectorScope::Same => 1.0,
        SectorScope::TopLevel => 0.5,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::testkit::*;
    use maillage_model::{OrgKind, ProjectStatus};

    fn rank(g: &EcosystemGraph, adopter: &str) -> Vec<Match> {
        let opts = Options {
            limit: 100,
            ..Options::default()
        };
        g.best_suppliers_for(adopter, &opts).unwrap()
    }

    /// The first explanation of a match that belongs to component `c`.
    fn first_evidence(m: &Match, c: Component) -> &Evidence {
        m.explanation.iter().find(|e| e.component() == c).unwrap()
    }

    #[test]
    fn exact_beats_broader_beats_unrelated() {
        let g = EcosystemGraph::build(&small());
        let ms = rank(&g, &org("acme"));
        let pos = |slug: &str| ms.iter().position(|m| m.supplier == org(slug)).unwrap();
        assert!(pos("vision-inc") < pos("cv-generalist"));
        assert!(pos("cv-generalist") < pos("text-co"));
        let exact = &ms[pos("vision-inc")];
        let broader = &ms[pos("cv-generalist")];
        assert_eq!(exact.components.need_coverage, 1.0);
        assert!((broader.components.need_coverage - BROADER_DECAY_TEST).abs() < 1e-12);
        assert_eq!(ms[pos("text-co")].components.need_coverage, 0.0);
        let item = first_evidence(broader, Component::NeedCoverage);
        assert_eq!(
            *item,
            Evidence::BroaderOffer {
                offer: concept("computer-vision"),
                need: concept("object-detection"),
                steps: 1,
                path: vec![concept("object-detection"), concept("computer-vision")],
            }
        );
        assert_eq!(
            item.iris(),
            vec![concept("object-detection"), concept("computer-vision")]
        );
        assert_eq!(
            exact.explanation[0],
            Evidence::ExactNeed {
                offer: concept("object-detection"),
                need: concept("object-detection"),
            }
        );
        assert_eq!(
            ms[pos("text-co")].explanation[0],
            Evidence::UncoveredNeed {
                need: concept("object-detection")
            }
        );
        assert_eq!(exact.needs_source, NeedsSource::Explicit);
    }

    const BROADER_DECAY_TEST: f64 = crate::graph::BROADER_DECAY;

    #[test]
    fn eligible_only_drops_out_of_zone_and_subsidiaries() {
        let g = EcosystemGraph::build(&small());
        let all = rank(&g, &org("acme"));
        assert!(all.iter().any(|m| m.supplier == org("mtl-vision")));
        let opts = Options {
            limit: 100,
            eligible_only: true,
            ..Options::default()
        };
        let eligible = g.best_suppliers_for(&org("acme"), &opts).unwrap();
        let names: Vec<&str> = eligible.iter().map(|m| m.supplier.as_str()).collect();
        assert!(!names.contains(&org("mtl-vision").as_str()));
        assert!(!names.contains(&org("acme-labs").as_str()));
        assert_eq!(names[0], org("vision-inc"));
    }

    #[test]
    fn sector_typical_needs_are_used_and_flagged() {
        let g = EcosystemGraph::build(&small());
        let ms = rank(&g, &org("quiet-mfg"));
        let m = ms.iter().find(|m| m.supplier == org("vision-inc")).unwrap();
        assert_eq!(m.needs_source, NeedsSource::SectorTypical);
        assert!((m.components.need_coverage - SECTOR_TYPICAL_DISCOUNT).abs() < 1e-12);
        assert_eq!(
            m.explanation[0],
            Evidence::SectorTypicalNeeds {
                sectors: vec![naics("336")],
                discount: SECTOR_TYPICAL_DISCOUNT,
            }
        );
    }

    #[test]
    fn sector_experience_network_and_axes_count() {
        let mut eco = small();
        let other = add_org(&mut eco, "other-mfg", OrgKind::Company, "23027");
        other.sectors = vec![naics("332")];
        other.needs = vec![concept("object-detection")];
        add_project(
            &mut eco,
            "past",
            "cv-generalist",
            "other-mfg",
            ProjectStatus::Completed,
            1.0,
            &["innovation-productivite"],
        );
        eco.organizations.get_mut(&org("acme")).unwrap().partners = vec![org("other-mfg")];
        eco.organizations
            .get_mut(&org("other-mfg"))
            .unwrap()
            .partners = vec![org("acme")];
        let g = EcosystemGraph::build(&eco);
        let m = g
            .match_pair(&org("cv-generalist"), &org("acme"), &Weights::default())
            .unwrap();
        assert_eq!(
            m.components.sector_experience, 0.5,
            "same 2-digit sector 31-33"
        );
        assert_eq!(
            m.components.network_proximity, 0.5,
            "acme — other-mfg — cv-generalist"
        );
        assert_eq!(m.components.zem_axis_alignment, 0.75);
        let net = first_evidence(&m, Component::NetworkProximity);
        assert_eq!(
            *net,
            Evidence::NetworkPath {
                path: vec![org("acme"), org("other-mfg"), org("cv-generalist")],
                links: vec![OrgLink::Partner, OrgLink::SharedProject],
            }
        );
        assert!(m.explanation.contains(&Evidence::PastProject {
            supplier: org("cv-generalist"),
            project: maillage_model::vocab::id("project", "past"),
            adopter: org("other-mfg"),
            sector: naics("31-33"),
            scope: SectorScope::TopLevel,
        }));
        assert!(m.explanation.contains(&Evidence::BothInZem {
            supplier: org("cv-generalist"),
            adopter: org("acme"),
        }));
        assert!(m.explanation.contains(&Evidence::SupplierAxes {
            axes: vec![axis("innovation-productivite")],
        }));
        // And from the supplier's side, the same components.
        let back = g
            .matches_for(
                &org("cv-generalist"),
                Direction::Adopters,
                &Options::default(),
            )
            .unwrap();
        let m2 = back.iter().find(|m| m.adopter == org("acme")).unwrap();
        assert_eq!(m2.components, m.components);
        let net2 = first_evidence(m2, Component::NetworkProximity);
        assert_eq!(
            net2, net,
            "the path is oriented adopter → supplier both ways"
        );
        let auto = g
            .matches_for(&org("cv-generalist"), Direction::Auto, &Options::default())
            .unwrap();
        assert_eq!(auto, back, "a supplier that is no adopter gets adopters");
    }

    #[test]
    fn every_match_has_its_rank_band_and_contributions() {
        let g = EcosystemGraph::build(&small());
        let ms = rank(&g, &org("acme"));
        let suppliers = g.orgs.iter().filter(|o| o.supplier).count();
        for (i, m) in ms.iter().enumerate() {
            let r = m.rank.unwrap();
            assert_eq!(r.of, suppliers, "every supplier is a candidate");
            // Competition ranking: one more than the number of strictly better candidates.
            assert_eq!(
                r.position,
                1 + ms.iter().filter(|x| x.score > m.score).count()
            );
            assert!(r.position <= i + 1);
            assert_eq!(m.band, band(m.score));
            let sum: f64 = Component::ALL.iter().map(|&c| m.contribution(c)).sum();
            assert!((sum - m.score).abs() < 1e-12, "{sum} vs {}", m.score);
        }
        // acme-labs (exact, in the ZEM, one step away as a subsidiary), then vision-inc: exact
        // coverage of the one need, both in the ZEM, 0.55 + 0.075.
        assert_eq!(ms[0].supplier, org("acme-labs"));
        assert_eq!(ms[1].supplier, org("vision-inc"));
        assert_eq!(ms[1].rank, Some(Rank { position: 2, of: 5 }));
        assert!((ms[1].score - 0.625).abs() < 1e-12);
        assert_eq!(ms[1].band, Band::Strong);
        // cv-generalist: one level more general, both in the ZEM, 0.55 × 0.6 + 0.075 = 0.405.
        assert_eq!(ms[3].supplier, org("cv-generalist"));
        assert_eq!(ms[3].band, Band::Strong);
        assert!((ms[1].contribution(Component::NeedCoverage) - 0.55).abs() < 1e-12);
        assert_eq!(ms.last().unwrap().band, Band::Weak);
        // The weights are reported divided by their sum.
        let doubled = Options {
            limit: 100,
            weights: Weights {
                need_coverage: 1.1,
                sector_experience: 0.3,
                network_proximity: 0.3,
                zem_axis_alignment: 0.3,
            },
            ..Options::default()
        };
        let again = g.best_suppliers_for(&org("acme"), &doubled).unwrap();
        assert!((again[0].weights.need_coverage - 0.55).abs() < 1e-12);
        assert!((again[0].score - ms[0].score).abs() < 1e-12);
        // A pair scored alone has no rank.
        let alone = g
            .match_pair(&org("vision-inc"), &org("acme"), &Weights::default())
            .unwrap();
        assert_eq!(alone.rank, None);
        assert_eq!(alone.band, ms[0].band);
    }

    #[test]
    fn eligible_only_ranks_among_the_eligible_candidates() {
        let g = EcosystemGraph::build(&small());
        let opts = Options {
            limit: 2,
            eligible_only: true,
            ..Options::default()
        };
        let ms = g.best_suppliers_for(&org("acme"), &opts).unwrap();
        assert_eq!(ms.len(), 2, "the limit still applies");
        let all = rank(&g, &org("acme"));
        let eligible = all.iter().filter(|m| m.eligibility.not_ruled_out()).count();
        assert!(eligible < all.len());
        for m in &ms {
            assert_eq!(m.rank.unwrap().of, eligible);
        }
        assert_eq!(ms[0].rank.unwrap().position, 1);
    }

    #[test]
    fn errors_name_the_problem() {
        let g = EcosystemGraph::build(&small());
        let o = Options::default();
        assert!(matches!(
            g.best_suppliers_for("urn:x", &o),
            Err(GraphError::UnknownOrganization(_))
        ));
        assert!(matches!(
            g.best_suppliers_for(&org("vision-inc"), &o),
            Err(GraphError::NotAnAdopter(_))
        ));
        assert!(matches!(
            g.matches_for(&org("acme"), Direction::Adopters, &o),
            Err(GraphError::NotASupplier(_))
        ));
        let bad = Options {
            weights: Weights {
                need_coverage: 0.0,
                sector_experience: 0.0,
                network_proximity: 0.0,
                zem_axis_alignment: 0.0,
            },
            ..o
        };
        assert_eq!(
            g.best_suppliers_for(&org("acme"), &bad),
            Err(GraphError::InvalidWeights(WeightsError::AllZero))
        );
        assert_eq!(
            g.matches_for(&org("vision-inc"), Direction::Suppliers, &o),
            Err(GraphError::NotAnAdopter(org("vision-inc")))
        );
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod props {
    use super::*;
    use maillage_model::{Ecosystem, OrgKind, Organization};
    use proptest::prelude::*;

    fn rename(eco: &Ecosystem, from: &str, to: &str) -> Ecosystem {
        let r = |s: &String| s.replacen(from, to, 1);
        let mut out = eco.clone();
        out.organizations = eco
            .organizations
            .values()
            .map(|o| {
                let mut o = o.clone();
                o.iri = r(&o.iri);
                o.partners = o.partners.iter().map(r).collect();
                o.parents = o.parents.iter().map(r).collect();
                (o.iri.clone(), o)
            })
            .collect();
        for p in out.projects.values_mut() {
            p.supplier = p.supplier.as_ref().map(r);
            p.adopter = p.adopter.as_ref().map(r);
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(12))]

        #[test]
        fn scores_are_in_unit_range_and_stable(seed in 0u64..1000, w in prop::array::uniform4(0.0f64..1.0)) {
            let (eco, _) = maillage_synth::generate(150, seed);
            let g = EcosystemGraph::build(&eco);
            let weights = Weights { need_coverage: w[0] + 0.01, sector_experience: w[1], network_proximity: w[2], zem_axis_alignment: w[3] };
            let opts = Options { limit: 20, eligible_only: false, weights };
            let adopter = eco.organizations.values().find(|o| eco.is_adopter(o)).unwrap().iri.clone();
            let ms = g.best_suppliers_for(&adopter, &opts).unwrap();
            for m in &ms {
                prop_assert!((0.0..=1.0).contains(&m.score));
                for (_, v) in m.components.named() {
                    prop_assert!((0.0..=1.0).contains(&v));
                }
            }
            for pair in ms.windows(2) {
                prop_assert!(pair[0].score > pair[1].score || (pair[0].score == pair[1].score && pair[0].supplier < pair[1].supplier));
            }

            // Consistent renaming (order-preserving prefix change) keeps the ranking.
            let prefix = maillage_model::vocab::id("org", "");
            let renamed = rename(&eco, &prefix, "urn:renamed:org/");
            let g2 = EcosystemGraph::build(&renamed);
            let ms2 = g2.best_suppliers_for(&adopter.replacen(&prefix, "urn:renamed:org/", 1), &opts).unwrap();
            let a: Vec<(String, f64)> = ms.iter().map(|m| (m.supplier.replacen(&prefix, "", 1), m.score)).collect();
            let b: Vec<(String, f64)> = ms2.iter().map(|m| (m.supplier.replacen("urn:renamed:org/", "", 1), m.score)).collect();
            prop_assert_eq!(a, b);

            // An unrelated organisation changes no score.
            let mut more = eco.clone();
            let iri = maillage_model::vocab::id("org", "zz-unrelated");
            more.organizations.insert(iri.clone(), Organization { iri, kind: Some(OrgKind::Company), offers: vec![maillage_model::vocab::id("concept", "drones")], ..Organization::default() });
            let g3 = EcosystemGraph::build(&more);
            for m in &ms {
                let m3 = g3.match_pair(&m.supplier, &m.adopter, &weights).unwrap();
                prop_assert_eq!(m3.score, m.score);
            }
        }

        /// Ranking scores every candidate from the packed table; the explained path computes
        /// the components from the organisations' own facts. Both must agree to the bit, in
        /// both directions, or the ranking would not be the order of the scores shown.
        #[test]
        fn ranking_components_equal_the_explained_ones(seed in 0u64..1000) {
            let (eco, _) = maillage_synth::generate(300, seed);
            let g = EcosystemGraph::build(&eco);
            let adopters: Vec<usize> = g.packed.adopters.iter().copied().step_by(7).collect();
            let suppliers: Vec<usize> = g.packed.suppliers.iter().copied().step_by(5).collect();
            for &a in &adopters {
                let reach = g.reach(a);
                let cover = Cover::new(&g, a, Side::Adopter);
                for &s in g.packed.suppliers.iter().filter(|&&s| s != a) {
                    prop_assert_eq!(
                        g.ranking_components(s, a, &reach, &cover),
                        g.components(s, a, &reach, None)
                    );
                }
            }
            for &s in &suppliers {
                let reach = g.reach(s);
                let cover = Cover::new(&g, s, Side::Supplier);
                for &a in g.packed.adopters.iter().filter(|&&a| a != s) {
                    prop_assert_eq!(
                        g.ranking_components(s, a, &reach, &cover),
                        g.components(s, a, &reach, None)
                    );
                }
            }
        }
    }
}
