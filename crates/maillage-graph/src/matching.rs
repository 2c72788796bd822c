//! Supplier ↔ adopter matching: a weighted sum of four components in 0..1, each explained by the
//! facts and graph paths that produced it (see `docs/matching.md`).

use std::collections::HashMap;

use maillage_model::Label;

use crate::GraphError;
use crate::eligibility::{Eligibility, pair_rules};
use crate::graph::{EcosystemGraph, NeedsSource, OrgLink, Relation};

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

impl Weights {
    fn total(&self) -> Result<f64, GraphError> {
        let all = [
            self.need_coverage,
            self.sector_experience,
            self.network_proximity,
            self.zem_axis_alignment,
        ];
        if all.iter().any(|w| !w.is_finite() || *w < 0.0) {
            return Err(GraphError::InvalidWeights(
                "every weight must be a finite number ≥ 0".into(),
            ));
        }
        let total: f64 = all.iter().sum();
        if total <= 0.0 {
            return Err(GraphError::InvalidWeights(
                "at least one weight must be > 0".into(),
            ));
        }
        Ok(total)
    }

    fn score(&self, c: &Components, total: f64) -> f64 {
        let s = (self.need_coverage * c.need_coverage
            + self.sector_experience * c.sector_experience
            + self.network_proximity * c.network_proximity
            + self.zem_axis_alignment * c.zem_axis_alignment)
            / total;
        s.clamp(0.0, 1.0)
    }
}

/// What to return.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Options {
    /// Maximum number of matches (default 10).
    pub limit: usize,
    /// Keep only pairs that pass every eligibility rule.
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
    /// The components with their stable names, in a fixed order.
    pub fn named(&self) -> [(&'static str, f64); 4] {
        [
            ("need_coverage", self.need_coverage),
            ("sector_experience", self.sector_experience),
            ("network_proximity", self.network_proximity),
            ("zem_axis_alignment", self.zem_axis_alignment),
        ]
    }
}

/// One fact or path behind a component, in plain words, with the IRIs it rests on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExplanationItem {
    /// Name of the component (as in [`Components::named`]).
    pub component: &'static str,
    pub label: Label,
    pub iris: Vec<String>,
}

/// A scored, explained supplier–adopter pair.
#[derive(Clone, Debug, PartialEq)]
pub struct Match {
    pub supplier: String,
    pub adopter: String,
    /// Weighted score in 0..1.
    pub score: f64,
    pub components: Components,
    pub needs_source: NeedsSource,
    pub eligibility: Eligibility,
    pub explanation: Vec<ExplanationItem>,
}

/// Breadth-first distances from one organisation in the organisation network, with the
/// predecessor (first discovered in IRI order) to rebuild the path.
struct Reach {
    origin: usize,
    seen: HashMap<usize, (u32, Option<(usize, OrgLink)>)>,
}

impl EcosystemGraph {
    fn org_idx(&self, iri: &str) -> Result<usize, GraphError> {
        self.org_index
            .get(iri)
            .copied()
            .ok_or_else(|| GraphError::UnknownOrganization(iri.to_owned()))
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

    /// The best suppliers for an adopter, best first (ties by supplier IRI).
    pub fn best_suppliers_for(
        &self,
        adopter: &str,
        opts: &Options,
    ) -> Result<Vec<Match>, GraphError> {
        let a = self.org_idx(adopter)?;
        if !self.orgs[a].adopter {
            return Err(GraphError::NotAnAdopter(adopter.to_owned()));
        }
        let candidates = (0..self.orgs.len()).filter(|&s| s != a && self.orgs[s].supplier);
        self.rank(a, candidates.map(|s| (s, a)), opts)
    }

    /// The best adopters for a supplier, best first (ties by adopter IRI).
    pub fn best_adopters_for(
        &self,
        supplier: &str,
        opts: &Options,
    ) -> Result<Vec<Match>, GraphError> {
        let s = self.org_idx(supplier)?;
        if !self.orgs[s].supplier {
            return Err(GraphError::NotASupplier(supplier.to_owned()));
        }
        let candidates = (0..self.orgs.len()).filter(|&a| a != s && self.orgs[a].adopter);
        self.rank(s, candidates.map(|a| (s, a)), opts)
    }

    /// Scores and explains one pair.
    pub fn match_pair(
        &self,
        supplier: &str,
        adopter: &str,
        weights: &Weights,
    ) -> Result<Match, GraphError> {
        let s = self.org_idx(supplier)?;
        let a = self.org_idx(adopter)?;
        if !self.orgs[s].supplier {
            return Err(GraphError::NotASupplier(supplier.to_owned()));
        }
        if !self.orgs[a].adopter {
            return Err(GraphError::NotAnAdopter(adopter.to_owned()));
        }
        let total = weights.total()?;
        let reach = self.reach(a);
        Ok(self.full_match(s, a, &reach, weights, total))
    }

    fn rank(
        &self,
        origin: usize,
        pairs: impl Iterator<Item = (usize, usize)>,
        opts: &Options,
    ) -> Result<Vec<Match>, GraphError> {
        let total = opts.weights.total()?;
        let reach = self.reach(origin);
        let mut scored: Vec<(f64, usize, usize)> = pairs
            .map(|(s, a)| {
                let c = self.components(s, a, &reach, None);
                (opts.weights.score(&c, total), s, a)
            })
            .collect();
        let other = |s: usize, a: usize| if s == origin { a } else { s };
        scored.sort_by(|x, y| {
            y.0.total_cmp(&x.0).then_with(|| {
                self.orgs[other(x.1, x.2)]
                    .iri
                    .cmp(&self.orgs[other(y.1, y.2)].iri)
            })
        });
        let mut out = Vec::new();
        for (_, s, a) in scored {
            if out.len() >= opts.limit {
                break;
            }
            let m = self.full_match(s, a, &reach, &opts.weights, total);
            if opts.eligible_only && !m.eligibility.eligible {
                continue;
            }
            out.push(m);
        }
        Ok(out)
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
        let rules = pair_rules(&self.eco, so, ao);
        Match {
            supplier: so.iri.clone(),
            adopter: ao.iri.clone(),
            score: weights.score(&components, total),
            components,
            needs_source: self.orgs[a].needs_source.unwrap_or(NeedsSource::Explicit),
            eligibility: Eligibility {
                eligible: rules.iter().all(|r| r.passed),
                rules,
            },
            explanation,
        }
    }

    fn components(
        &self,
        s: usize,
        a: usize,
        reach: &Reach,
        mut explain: Option<&mut Vec<ExplanationItem>>,
    ) -> Components {
        Components {
            need_coverage: self.need_coverage(s, a, explain.as_deref_mut()),
            sector_experience: self.sector_experience(s, a, explain.as_deref_mut()),
            network_proximity: self.network_proximity(s, a, reach, explain.as_deref_mut()),
            zem_axis_alignment: self.zem_alignment(s, a, explain),
        }
    }

    fn need_coverage(
        &self,
        s: usize,
        a: usize,
        mut explain: Option<&mut Vec<ExplanationItem>>,
    ) -> f64 {
        const C: &str = "need_coverage";
        let (sup, ad) = (&self.orgs[s], &self.orgs[a]);
        if ad.needs.is_empty() {
            return 0.0;
        }
        let typical = ad.needs_source == Some(NeedsSource::SectorTypical);
        if typical && let Some(ex) = explain.as_deref_mut() {
            ex.push(ExplanationItem {
                component: C,
                label: Label::new(
                    format!(
                        "Aucun besoin déclaré : besoins typiques de son secteur, couverture × {SECTOR_TYPICAL_DISCOUNT}"
                    ),
                    format!(
                        "No stated needs: typical needs of its sector, coverage × {SECTOR_TYPICAL_DISCOUNT}"
                    ),
                ),
                iris: self.eco.organizations[&ad.iri].sectors.clone(),
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
                ex.push(self.coverage_item(n, best));
            }
        }
        let avg = sum / ad.needs.len() as f64;
        if typical {
            avg * SECTOR_TYPICAL_DISCOUNT
        } else {
            avg
        }
    }

    fn coverage_item(&self, need: usize, best: Option<(f64, usize, Relation)>) -> ExplanationItem {
        let nl = self.concept_label(need);
        let iri = |c: usize| self.tax.iris[c].clone();
        let (label, iris) = match best {
            None => (
                Label::new(
                    format!(
                        "Aucune expertise offerte ne couvre le besoin « {} »",
                        nl.fr()
                    ),
                    format!("No offered expertise covers the need “{}”", nl.en()),
                ),
                vec![iri(need)],
            ),
            Some((_, o, r)) => {
                let ol = self.concept_label(o);
                match r {
                    Relation::Exact | Relation::Unrelated => (
                        Label::new(
                            format!("Offre « {} », exactement le besoin", ol.fr()),
                            format!("Offers “{}”, exactly the need", ol.en()),
                        ),
                        vec![iri(o)],
                    ),
                    Relation::Broader(d) => (
                        Label::new(
                            format!(
                                "Offre « {} », concept plus général que le besoin « {} » (distance {d})",
                                ol.fr(),
                                nl.fr()
                            ),
                            format!(
                                "Offers “{}”, broader than the need “{}” (distance {d})",
                                ol.en(),
                                nl.en()
                            ),
                        ),
                        self.tax.up_path(need, o).into_iter().map(iri).collect(),
                    ),
                    Relation::Narrower(d) => (
                        Label::new(
                            format!(
                                "Offre « {} », concept plus précis que le besoin « {} » (distance {d})",
                                ol.fr(),
                                nl.fr()
                            ),
                            format!(
                                "Offers “{}”, narrower than the need “{}” (distance {d})",
                                ol.en(),
                                nl.en()
                            ),
                        ),
                        self.tax
                            .up_path(o, need)
                            .into_iter()
                            .rev()
                            .map(iri)
                            .collect(),
                    ),
                    Relation::Related { via, .. } => {
                        let vl = self.concept_label(via);
                        let mut path: Vec<String> =
                            self.tax.up_path(need, via).into_iter().map(iri).collect();
                        let down = self.tax.up_path(o, via);
                        path.extend(down.into_iter().rev().skip(1).map(iri));
                        (
                            Label::new(
                                format!(
                                    "Offre « {} », concept voisin du besoin « {} » (ancêtre commun « {} »)",
                                    ol.fr(),
                                    nl.fr(),
                                    vl.fr()
                                ),
                                format!(
                                    "Offers “{}”, related to the need “{}” (common ancestor “{}”)",
                                    ol.en(),
                                    nl.en(),
                                    vl.en()
                                ),
                            ),
                            path,
                        )
                    }
                }
            }
        };
        ExplanationItem {
            component: "need_coverage",
            label,
            iris,
        }
    }

    /// 1.0 for the same sector (or one containing the other), 0.5 for the same top-level
    /// (2-digit) sector, with the shared sector IRI.
    fn sector_relation(&self, a: usize, b: usize) -> (f64, Option<&str>) {
        let mut best: (f64, Option<&str>) = (0.0, None);
        for ca in &self.orgs[a].sector_chains {
            for cb in &self.orgs[b].sector_chains {
                let (v, shared) = if cb.contains(&ca[0]) {
                    (1.0, ca[0].as_str())
                } else if ca.contains(&cb[0]) {
                    (1.0, cb[0].as_str())
                } else if ca.last() == cb.last() {
                    (0.5, ca[ca.len() - 1].as_str())
                } else {
                    continue;
                };
                if v > best.0 {
                    best = (v, Some(shared));
                }
            }
        }
        best
    }

    fn sector_experience(
        &self,
        s: usize,
        a: usize,
        mut explain: Option<&mut Vec<ExplanationItem>>,
    ) -> f64 {
        let mut miss = 1.0;
        for (project, past) in &self.orgs[s].supplied {
            let (v, shared) = self.sector_relation(a, *past);
            if v <= 0.0 {
                continue;
            }
            miss *= 1.0 - v;
            if let (Some(ex), Some(sector)) = (explain.as_deref_mut(), shared) {
                let (pl, ol, sl) = (
                    self.label_of(project),
                    &self.orgs[*past].label,
                    self.label_of(sector),
                );
                let (fr, en) = if v >= 1.0 {
                    ("même secteur", "same sector")
                } else {
                    ("même grand secteur", "same top-level sector")
                };
                ex.push(ExplanationItem {
                    component: "sector_experience",
                    label: Label::new(
                        format!(
                            "Projet « {} » avec « {} » : {fr} « {} »",
                            pl.fr(),
                            ol.fr(),
                            sl.fr()
                        ),
                        format!(
                            "Project “{}” with “{}”: {en} “{}”",
                            pl.en(),
                            ol.en(),
                            sl.en()
                        ),
                    ),
                    iris: vec![
                        self.orgs[s].iri.clone(),
                        project.clone(),
                        self.orgs[*past].iri.clone(),
                        sector.to_owned(),
                    ],
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
        explain: Option<&mut Vec<ExplanationItem>>,
    ) -> f64 {
        let target = if reach.origin == a { s } else { a };
        let Some(&(d, _)) = reach.seen.get(&target) else {
            return 0.0;
        };
        if d == 0 {
            return 0.0;
        }
        if let Some(ex) = explain {
            // Path origin → target, then oriented adopter → supplier.
            let mut steps: Vec<(usize, Option<OrgLink>)> = vec![(target, None)];
            let mut cur = target;
            while let Some(&(_, Some((prev, link)))) = reach.seen.get(&cur) {
                if let Some(last) = steps.last_mut() {
                    last.1 = Some(link);
                }
                steps.push((prev, None));
                cur = prev;
            }
            // steps: target … origin, each with the link to the next one.
            if reach.origin != a {
                // origin is the supplier: target is the adopter, already first.
            } else {
                steps.reverse();
                // Reversed: links now describe the step to the previous element; shift them.
                let links: Vec<Option<OrgLink>> = steps.iter().map(|x| x.1).collect();
                for (i, st) in steps.iter_mut().enumerate() {
                    st.1 = if i + 1 < links.len() {
                        links[i + 1]
                    } else {
                        None
                    };
                }
            }
            let mut fr = String::new();
            let mut en = String::new();
            for (org, link) in &steps {
                let l = &self.orgs[*org].label;
                fr.push_str(&format!("« {} »", l.fr()));
                en.push_str(&format!("“{}”", l.en()));
                if let Some(link) = link {
                    let ll = link.label();
                    fr.push_str(&format!(" —({})— ", ll.fr()));
                    en.push_str(&format!(" —({})— ", ll.en()));
                }
            }
            ex.push(ExplanationItem {
                component: "network_proximity",
                label: Label::new(
                    format!("Lien à {d} pas dans le réseau : {fr}"),
                    format!("Linked in {d} step(s) in the network: {en}"),
                ),
                iris: steps
                    .iter()
                    .map(|(o, _)| self.orgs[*o].iri.clone())
                    .collect(),
            });
        }
        0.5f64.powi(d as i32 - 1)
    }

    fn zem_alignment(&self, s: usize, a: usize, explain: Option<&mut Vec<ExplanationItem>>) -> f64 {
        let (sup, ad) = (&self.orgs[s], &self.orgs[a]);
        let mut items = Vec::new();
        let mut value = 0.0;
        if sup.in_zem && ad.in_zem {
            value += 0.5;
            items.push((
                Label::new(
                    "Les deux organisations sont situées dans la ZEM",
                    "Both organisations are located in the ZEM",
                ),
                vec![sup.iri.clone(), ad.iri.clone()],
            ));
        }
        if !ad.axes_as_adopter.is_empty() {
            let shared: Vec<&String> = ad
                .axes_as_adopter
                .intersection(&sup.axes_as_supplier)
                .collect();
            if !shared.is_empty() {
                value += 0.5 * shared.len() as f64 / ad.axes_as_adopter.len() as f64;
                items.push((
                    self.axes_label("Axes ZEM communs", "Shared ZEM axes", &shared),
                    shared.into_iter().cloned().collect(),
                ));
            }
        } else if !sup.axes_as_supplier.is_empty() {
            value += 0.25;
            let axes: Vec<&String> = sup.axes_as_supplier.iter().collect();
            items.push((
                self.axes_label(
                    "Le fournisseur a réalisé des projets sur les axes ZEM",
                    "The supplier has carried out projects on the ZEM axes",
                    &axes,
                ),
                axes.into_iter().cloned().collect(),
            ));
        }
        if let Some(ex) = explain {
            ex.extend(items.into_iter().map(|(label, iris)| ExplanationItem {
                component: "zem_axis_alignment",
                label,
                iris,
            }));
        }
        value
    }

    fn axes_label(&self, fr: &str, en: &str, axes: &[&String]) -> Label {
        let names: Vec<Label> = axes.iter().map(|a| self.label_of(a)).collect();
        let fr_names: Vec<String> = names.iter().map(|l| format!("« {} »", l.fr())).collect();
        let en_names: Vec<String> = names.iter().map(|l| format!("“{}”", l.en())).collect();
        Label::new(
            format!("{fr} : {}", fr_names.join(", ")),
            format!("{en}: {}", en_names.join(", ")),
        )
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
        let item = broader
            .explanation
            .iter()
            .find(|e| e.component == "need_coverage")
            .unwrap();
        assert_eq!(
            item.label.fr(),
            "Offre « Vision numérique », concept plus général que le besoin « Détection d'objets » (distance 1)"
        );
        assert_eq!(
            item.label.en(),
            "Offers “Computer vision”, broader than the need “Object detection” (distance 1)"
        );
        assert_eq!(
            item.iris,
            vec![concept("object-detection"), concept("computer-vision")]
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
        assert!(m.explanation[0].label.en().starts_with("No stated needs"));
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
        let net = m
            .explanation
            .iter()
            .find(|e| e.component == "network_proximity")
            .unwrap();
        assert_eq!(
            net.iris,
            vec![org("acme"), org("other-mfg"), org("cv-generalist")]
        );
        assert!(net.label.en().contains("(partner)"), "{}", net.label.en());
        // And from the supplier's side, the same components.
        let back = g
            .best_adopters_for(&org("cv-generalist"), &Options::default())
            .unwrap();
        let m2 = back.iter().find(|m| m.adopter == org("acme")).unwrap();
        assert_eq!(m2.components, m.components);
        let net2 = m2
            .explanation
            .iter()
            .find(|e| e.component == "network_proximity")
            .unwrap();
        assert_eq!(net2.iris, net.iris);
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
            g.best_adopters_for(&org("acme"), &o),
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
        assert!(matches!(
            g.best_suppliers_for(&org("acme"), &bad),
            Err(GraphError::InvalidWeights(_))
        ));
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
    }
}
