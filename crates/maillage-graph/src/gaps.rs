//! Expertise gaps for the committee: per AI expertise concept, local demand against local supply,
//! the demand no eligible local supplier covers, and the region's specialisation (location
//! quotient) against organisations outside the ZEM. Definitions in `docs/matching.md`.

use std::collections::{BTreeMap, BTreeSet};

use crate::eligibility::parent_and_subsidiary;
use crate::graph::{EcosystemGraph, NeedsSource};

/// Demand weight of a stated need.
const EXPLICIT_DEMAND: f64 = 1.0;
/// Demand weight of a sector-typical need (a guess, half the weight).
const TYPICAL_DEMAND: f64 = 0.5;
/// Supply weight of a supplier's offer.
const OFFER_SUPPLY: f64 = 1.0;
/// Supply weight of a research area (capacity to help, not a product).
const RESEARCH_SUPPLY: f64 = 0.5;
/// Supply weight of a training programme (future workforce).
const TRAINING_SUPPLY: f64 = 0.25;

/// Parameters of the gap report.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GapOptions {
    /// A need is covered when an eligible ZEM supplier's coverage reaches this (default 0.6: an
    /// exact offer, a narrower one, or the direct parent concept).
    pub coverage_threshold: f64,
}

impl Default for GapOptions {
    fn default() -> Self {
        GapOptions {
            coverage_threshold: 0.6,
        }
    }
}

/// One row of the gap report.
#[derive(Clone, Debug, PartialEq)]
pub struct GapRow {
    pub concept: String,
    /// Weighted number of ZEM adopters needing the concept or a narrower one.
    pub demand: f64,
    /// The part of `demand` inferred from the adopters' sectors (needs they did not state,
    /// counted at half weight each).
    pub demand_inferred: f64,
    /// Weighted number of ZEM organisations offering, researching or teaching it or a narrower one.
    pub supply: f64,
    /// Part of `demand` that no eligible ZEM supplier covers above the threshold.
    pub unmet: f64,
    /// `supply` when there is no local demand, 0 otherwise.
    pub surplus: f64,
    /// Location quotient of local supply against outside supply; `None` when the outside has none.
    pub location_quotient: Option<f64>,
    /// Adopters with an unmet need rolling up to this concept, by IRI.
    pub unmet_adopters: Vec<String>,
    /// How much the demand exceeds the local supply, `demand − supply`, 0 when it does not.
    pub shortfall: f64,
    /// A root of the taxonomy ("artificial intelligence"): its numbers are the totals of every
    /// concept under it, so it is reported but not ranked.
    pub root: bool,
    /// Position among the gaps, 1 for the largest: the rows with local demand that are not a
    /// root, in the report's order. `None` for the others.
    pub rank: Option<usize>,
}

impl GapRow {
    /// Whether the row is one of the ranked gaps (local demand, not a taxonomy root).
    fn is_gap(&self) -> bool {
        self.demand > 0.0 && !self.root
    }
}

impl EcosystemGraph {
    /// The gap report, one row per AI expertise concept. The gaps (rows with local demand, not a
    /// taxonomy root) come first and are ranked: by unmet demand, then by demand − local supply
    /// (highest first), then IRI. Then the rows without local demand, then the roots.
    pub fn gap_report(&self, opts: &GapOptions) -> Vec<GapRow> {
        let n = self.tax.iris.len();
        let mut demand = vec![0.0; n];
        let mut demand_inferred = vec![0.0; n];
        let mut unmet = vec![0.0; n];
        let mut unmet_adopters: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); n];
        let mut supply_local = vec![0.0; n];
        let mut supply_out = vec![0.0; n];
        let (mut total_local, mut total_out) = (0.0, 0.0);

        // For each need concept, the ZEM suppliers offering AI that cover it above the threshold.
        let mut covering: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (s, o) in self.orgs.iter().enumerate() {
            if !(o.in_zem && o.offers_ai) {
                continue;
            }
            for (need, list) in covering.iter_mut().enumerate() {
                if o.offers
                    .iter()
                    .any(|&c| self.tax.relation(c, need).coverage() >= opts.coverage_threshold)
                {
                    list.push(s);
                }
            }
        }

        for (a, o) in self.orgs.iter().enumerate() {
            // Supply, per organisation the highest weight it brings to each concept (rolled up).
            let mut brings: BTreeMap<usize, f64> = BTreeMap::new();
            for (list, w) in [
                (&o.offers, OFFER_SUPPLY),
                (&o.research, RESEARCH_SUPPLY),
                (&o.trains, TRAINING_SUPPLY),
            ] {
                for &c in list {
                    for &anc in self.tax.ancestors[c].keys() {
                        let e = brings.entry(anc).or_insert(0.0);
                        *e = f64::max(*e, w);
                    }
                }
            }
            let weight = brings.values().copied().fold(0.0, f64::max);
            if o.in_zem {
                total_local += weight;
                for (&c, &w) in &brings {
                    supply_local[c] += w;
                }
            } else if o.outside_zem {
                total_out += weight;
                for (&c, &w) in &brings {
                    supply_out[c] += w;
                }
            }

            // Demand and unmet demand of ZEM adopters.
            if !(o.adopter && o.in_zem) {
                continue;
            }
            let w = match o.needs_source {
                Some(NeedsSource::SectorTypical) => TYPICAL_DEMAND,
                _ => EXPLICIT_DEMAND,
            };
            let mut needed: BTreeSet<usize> = BTreeSet::new();
            let mut missing: BTreeSet<usize> = BTreeSet::new();
            for &need in &o.needs {
                let rolled = self.tax.ancestors[need].keys().copied();
                needed.extend(rolled.clone());
                let covered = covering[need].iter().any(|&s| {
                    s != a && !parent_and_subsidiary(&self.eco, &self.orgs[s].iri, &o.iri)
                });
                if !covered {
                    missing.extend(rolled);
                }
            }
            let inferred = o.needs_source == Some(NeedsSource::SectorTypical);
            for c in needed {
                demand[c] += w;
                if inferred {
                    demand_inferred[c] += w;
                }
            }
            for c in missing {
                unmet[c] += w;
                unmet_adopters[c].insert(a);
            }
        }

        let mut rows: Vec<GapRow> = (0..n)
            .filter(|&c| self.tax.is_expertise[c])
            .map(|c| {
                let lq = (supply_out[c] > 0.0 && total_local > 0.0 && total_out > 0.0)
                    .then(|| (supply_local[c] / total_local) / (supply_out[c] / total_out));
                GapRow {
                    concept: self.tax.iris[c].clone(),
                    demand: demand[c],
                    demand_inferred: demand_inferred[c],
                    supply: supply_local[c],
                    unmet: unmet[c],
                    surplus: if demand[c] == 0.0 {
                        supply_local[c]
                    } else {
                        0.0
                    },
                    location_quotient: lq,
                    unmet_adopters: unmet_adopters[c]
                        .iter()
                        .map(|&a| self.orgs[a].iri.clone())
                        .collect(),
                    shortfall: (demand[c] - supply_local[c]).max(0.0),
                    root: self.tax.parents[c].is_empty(),
                    rank: None,
                }
            })
            .collect();
        // The gaps first: unmet demand (no eligible local supplier), then demand beyond the
        // local supply; then the areas without local demand (most supply first); the taxonomy
        // roots (totals) last.
        rows.sort_by(|a, b| {
            a.root
                .cmp(&b.root)
                .then_with(|| b.is_gap().cmp(&a.is_gap()))
                .then_with(|| {
                    if a.is_gap() {
                        b.unmet
                            .total_cmp(&a.unmet)
                            .then_with(|| (b.demand - b.supply).total_cmp(&(a.demand - a.supply)))
                    } else {
                        b.supply.total_cmp(&a.supply)
                    }
                })
                .then_with(|| a.concept.cmp(&b.concept))
        });
        for (i, r) in rows.iter_mut().take_while(|r| r.is_gap()).enumerate() {
            r.rank = Some(i + 1);
        }
        rows
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::testkit::*;

    fn report(eco: &maillage_model::Ecosystem) -> Vec<GapRow> {
        EcosystemGraph::build(eco).gap_report(&GapOptions::default())
    }

    fn row<'a>(rows: &'a [GapRow], slug: &str) -> &'a GapRow {
        rows.iter().find(|r| r.concept == concept(slug)).unwrap()
    }

    #[test]
    fn unmet_need_is_listed_with_its_adopter() {
        let rows = report(&small());
        let speech = row(&rows, "speech");
        assert_eq!(speech.demand, 1.0);
        assert_eq!(speech.unmet, 1.0);
        assert_eq!(speech.supply, 0.0);
        assert_eq!(speech.unmet_adopters, vec![org("clinic")]);
        // Rolled up: the root counts the same unmet adopter.
        assert_eq!(row(&rows, "ai").unmet_adopters, vec![org("clinic")]);
        // Speech, the one concept with unmet demand, is the first gap; the root comes last.
        assert_eq!(rows[0].concept, concept("speech"));
        assert_eq!(rows[0].rank, Some(1));
        assert_eq!(rows.last().unwrap().concept, concept("ai"));
        assert!(rows.last().unwrap().root);
        assert_eq!(rows.last().unwrap().rank, None);
    }

    #[test]
    fn gaps_are_ranked_by_unmet_then_by_demand_beyond_supply() {
        let rows = report(&small());
        let gaps: Vec<&GapRow> = rows.iter().filter(|r| r.rank.is_some()).collect();
        // Ranks are 1, 2, 3… at the head of the report, for the rows with demand only.
        for (i, r) in gaps.iter().enumerate() {
            assert_eq!(r.rank, Some(i + 1));
            assert_eq!(rows[i].concept, r.concept);
            assert!(r.demand > 0.0 && !r.root);
        }
        assert!(rows[gaps.len()..].iter().all(|r| r.demand == 0.0 || r.root));
        for w in gaps.windows(2) {
            let (a, b) = (w[0], w[1]);
            assert!(
                a.unmet > b.unmet
                    || (a.unmet == b.unmet && a.demand - a.supply >= b.demand - b.supply),
                "{a:?} before {b:?}"
            );
        }
        // Without demand, the most supplied area first.
        let rest: Vec<&GapRow> = rows[gaps.len()..].iter().filter(|r| !r.root).collect();
        assert!(rest.windows(2).all(|w| w[0].supply >= w[1].supply));
        // Shortfall: demand beyond supply, never negative.
        for r in &rows {
            assert_eq!(r.shortfall, (r.demand - r.supply).max(0.0));
        }
        assert_eq!(row(&rows, "speech").shortfall, 1.0);
        assert_eq!(row(&rows, "object-detection").shortfall, 0.0);
    }

    #[test]
    fn demand_inferred_from_the_sector_is_reported_apart() {
        let rows = report(&small());
        // quiet-mfg states no needs: its sector's typical need counts 0.5, inferred.
        let od = row(&rows, "object-detection");
        assert_eq!(od.demand_inferred, 0.5);
        assert_eq!(row(&rows, "speech").demand_inferred, 0.0);
        assert_eq!(row(&rows, "ai").demand_inferred, 0.5);
        assert!(rows.iter().all(|r| r.demand_inferred <= r.demand));
    }

    #[test]
    fn covered_needs_and_supply_roll_up() {
        let rows = report(&small());
        let od = row(&rows, "object-detection");
        // acme (explicit, 1.0) + quiet-mfg (sector-typical, 0.5).
        assert_eq!(od.demand, 1.5);
        assert_eq!(od.unmet, 0.0, "vision-inc covers it");
        // vision-inc + acme-labs offer it (1.0 each), the centre researches it (0.5).
        assert_eq!(od.supply, 2.5);
        let cv = row(&rows, "computer-vision");
        // + cv-generalist (1.0) + ulaval trains in it (0.25).
        assert_eq!(cv.supply, 3.75);
        assert_eq!(cv.demand, 1.5);
        let nlp = row(&rows, "nlp");
        assert_eq!(nlp.demand, 0.0);
        assert_eq!(nlp.surplus, nlp.supply);
        assert_eq!(
            nlp.location_quotient, None,
            "nothing outside the ZEM offers nlp"
        );
        // Outside the ZEM, only mtl-vision (object-detection): LQ = (2.5/4.75)/(1/1); local total = 4 suppliers + centre 0.5 + school 0.25.
        let lq = od.location_quotient.unwrap();
        assert!((lq - 2.5 / 4.75).abs() < 1e-12, "{lq}");
    }

    #[test]
    fn a_subsidiary_does_not_cover_its_parent() {
        let mut eco = small();
        eco.organizations.remove(&org("vision-inc"));
        eco.organizations.remove(&org("cv-generalist"));
        let rows = report(&eco);
        assert_eq!(
            row(&rows, "object-detection").unmet_adopters,
            vec![org("acme")]
        );
    }
}
