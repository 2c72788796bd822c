//! Synthetic organisations over a *real* vocabulary: the AI expertise concepts, NAICS sectors
//! (with their typical needs) and municipalities of an [`Ecosystem`] read from the built-in data,
//! drawn the way [`crate::generate`] draws its own (same kinds and shares, same share in the ZEM,
//! same numbers of offers, needs, research areas and training fields, partnerships mostly inside
//! a cluster, research centres inside universities). Used by `maillage generate synthetic` for
//! scale runs: every organisation it returns is shape-valid once given a source.
//!
//! No ground truth and no projects: these organisations are load for the store, not a test of
//! the matcher. Deterministic for a seed (ChaCha8, the vocabulary read in IRI order).

use std::collections::{BTreeMap, BTreeSet};

use maillage_model::{ConceptScheme, Ecosystem, Municipality, OrgKind, Organization};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::{
    ZEM_SHARE, partnerships, public_kind, research_centres_in_universities, school, skeleton,
};

/// The parts of a vocabulary the draw needs, in IRI order.
struct Vocabulary<'a> {
    children: BTreeMap<&'a str, Vec<&'a str>>,
    parent_of: BTreeMap<&'a str, &'a str>,
    /// Concepts under a root that have children of their own (an organisation's specialty).
    branches: Vec<&'a str>,
    leaves: Vec<&'a str>,
    /// Sectors with typical needs (expertise concepts), and their direct subsectors.
    sectors: Vec<(&'a str, Vec<&'a str>, Vec<&'a str>)>,
    zem: Vec<&'a str>,
    outside: Vec<&'a str>,
}

impl<'a> Vocabulary<'a> {
    fn of(eco: &'a Ecosystem) -> Option<Vocabulary<'a>> {
        let expertise: BTreeSet<&str> = eco
            .concepts
            .values()
            .filter(|c| c.scheme == ConceptScheme::AiExpertise)
            .map(|c| c.iri.as_str())
            .collect();
        let mut children: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        let mut parent_of = BTreeMap::new();
        let mut roots = BTreeSet::new();
        for iri in &expertise {
            let concept = &eco.concepts[*iri];
            let broader = among(&concept.broader, &expertise);
            if broader.is_empty() {
                roots.insert(*iri);
            }
            for b in &broader {
                children.entry(b).or_default().push(iri);
            }
            if let Some(first) = broader.first() {
                parent_of.insert(*iri, *first);
            }
        }
        let mut branches: Vec<&str> = expertise
            .iter()
            .copied()
            .filter(|c| {
                children.contains_key(c) && parent_of.get(c).is_some_and(|p| roots.contains(p))
            })
            .collect();
        if branches.is_empty() {
            branches = children.keys().copied().collect();
        }
        let leaves: Vec<&str> = expertise
            .iter()
            .copied()
            .filter(|c| !children.contains_key(c))
            .collect();

        let mut subsectors: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for sector in eco.sectors.values() {
            if let Some(b) = &sector.broader {
                subsectors.entry(b).or_default().push(&sector.iri);
            }
        }
        let sectors = eco
            .sectors
            .values()
            .filter_map(|s| {
                let needs = among(&s.typical_needs, &expertise);
                (!needs.is_empty()).then(|| {
                    (
                        s.iri.as_str(),
                        needs,
                        subsectors.get(s.iri.as_str()).cloned().unwrap_or_default(),
                    )
                })
            })
            .collect::<Vec<_>>();

        let in_zem: Vec<&Municipality> = eco.municipalities.values().filter(|m| m.in_zem).collect();
        let zem: Vec<&str> = in_zem.iter().map(|m| m.iri.as_str()).collect();
        // Outside the ZEM but in the same administrative regions (the Québec City region),
        // else anywhere outside it.
        let regions: BTreeSet<&str> = in_zem.iter().filter_map(|m| m.region.as_deref()).collect();
        let mut outside: Vec<&str> = eco
            .municipalities
            .values()
            .filter(|m| !m.in_zem && m.region.as_deref().is_some_and(|r| regions.contains(r)))
            .map(|m| m.iri.as_str())
            .collect();
        if outside.is_empty() {
            outside = eco
                .municipalities
                .values()
                .filter(|m| !m.in_zem)
                .map(|m| m.iri.as_str())
                .collect();
        }
        if leaves.is_empty() || sectors.is_empty() || (zem.is_empty() && outside.is_empty()) {
            return None;
        }
        Some(Vocabulary {
            children,
            parent_of,
            branches,
            leaves,
            sectors,
            zem,
            outside,
        })
    }
}

/// The IRIs of `iris` that are in `set`, in their order.
fn among<'a>(iris: &'a [String], set: &BTreeSet<&str>) -> Vec<&'a str> {
    iris.iter()
        .map(String::as_str)
        .filter(|i| set.contains(i))
        .collect()
}

/// `n_orgs` organisations drawn over the concepts, sectors and municipalities of `base`
/// (`None` when `base` has no expertise concepts, no sector with typical needs or no
/// municipality). Every organisation has a kind, a French and an English label and a
/// municipality; `sources` is left empty for the caller. Lists are sorted.
pub fn populate(base: &Ecosystem, n_orgs: usize, seed: u64) -> Option<Vec<Organization>> {
    let v = Vocabulary::of(base)?;
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let n_clusters = (n_orgs / 50).max(1);
    let mut orgs: Vec<Organization> = Vec::with_capacity(n_orgs);
    let mut clusters: Vec<usize> = Vec::with_capacity(n_orgs);
    let mut universities_by_cluster: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let pick = |rng: &mut ChaCha8Rng, list: &[&str]| list.choose(rng).map(|s| (*s).to_owned());
    for i in 0..n_orgs {
        let cluster = rng.random_range(0..n_clusters);
        let in_zem = rng.random_bool(ZEM_SHARE);
        let municipality = match (in_zem, v.zem.is_empty(), v.outside.is_empty()) {
            (true, false, _) | (false, false, true) => pick(&mut rng, &v.zem),
            _ => pick(&mut rng, &v.outside),
        };
        let mut org = skeleton(i, municipality);
        let role: f64 = rng.random();
        if role < 0.25 {
            // Supplier: specialised in one branch, sometimes a second field.
            org.kind = Some(OrgKind::Company);
            let branch = v.branches.choose(&mut rng).copied().unwrap_or(v.leaves[0]);
            let kids = v.children.get(branch).cloned().unwrap_or_default();
            if rng.random_bool(0.4) || kids.is_empty() {
                org.offers.push(branch.to_owned());
            }
            let k = rng.random_range(1..=3).min(kids.len());
            for leaf in kids.choose_multiple(&mut rng, k) {
                org.offers.push((*leaf).to_owned());
            }
            if rng.random_bool(0.3)
                && let Some(leaf) = pick(&mut rng, &v.leaves)
            {
                org.offers.push(leaf);
            }
            // Sector experience: a sector whose typical needs meet the offer, sometimes.
            if rng.random_bool(0.3) {
                let fitting: Vec<&str> = v
                    .sectors
                    .iter()
                    .filter(|(_, needs, _)| needs.iter().any(|n| org.offers.iter().any(|o| o == n)))
                    .map(|(s, _, _)| *s)
                    .collect();
                if let Some(s) = pick(&mut rng, &fitting) {
                    org.sectors.push(s);
                }
            }
            org.capacity = Some(rng.random_range(1..=3));
        } else if role < 0.75 {
            // Adopter: a sector (often a subsector), needs from its typical needs, stated as
            // they are, more generally or as a neighbour; one in five states none.
            org.kind = Some(OrgKind::Company);
            // `sectors` is never empty (see `Vocabulary::of`).
            let (sector, typical, subs) = &v.sectors[rng.random_range(0..v.sectors.len())];
            let chosen = if rng.random_bool(0.6) && !subs.is_empty() {
                subs.choose(&mut rng).copied().unwrap_or(sector)
            } else {
                sector
            };
            org.sectors.push(chosen.to_owned());
            let k = rng.random_range(1..=2);
            let latent: Vec<&str> = typical.choose_multiple(&mut rng, k).copied().collect();
            if !rng.random_bool(0.2) {
                for need in latent {
                    let u: f64 = rng.random();
                    let parent = v.parent_of.get(need).copied().unwrap_or(need);
                    let stated = if u < 0.6 {
                        need
                    } else if u < 0.85 {
                        parent
                    } else {
                        v.children
                            .get(parent)
                            .and_then(|sib| sib.choose(&mut rng).copied())
                            .unwrap_or(need)
                    };
                    org.needs.push(stated.to_owned());
                }
                if rng.random_bool(0.2)
                    && let Some(leaf) = pick(&mut rng, &v.leaves)
                {
                    org.needs.push(leaf);
                }
            }
        } else if role < 0.85 {
            org.kind = Some(OrgKind::ResearchCentre);
            let branch = v.branches.choose(&mut rng).copied().unwrap_or(v.leaves[0]);
            org.research_areas.push(branch.to_owned());
            if let Some(kids) = v.children.get(branch) {
                for leaf in kids.choose_multiple(&mut rng, 2) {
                    org.research_areas.push((*leaf).to_owned());
                }
            }
        } else if role < 0.90 {
            if school(&mut org, &v.branches, str::to_owned, &mut rng) {
                universities_by_cluster.entry(cluster).or_default().push(i);
            }
        } else {
            org.kind = Some(public_kind(&mut rng));
        }
        orgs.push(org);
        clusters.push(cluster);
    }
    research_centres_in_universities(&mut orgs, &clusters, &universities_by_cluster, &mut rng);
    partnerships(&mut orgs, &clusters, &mut rng);
    for org in &mut orgs {
        org.sort_lists();
    }
    Some(orgs)
}

#[cfg(test)]
mod tests {
    use maillage_model::{Concept, Label, Sector, vocab};

    use super::*;

    /// A small real-looking vocabulary: a root, two branches with leaves, sectors with needs.
    fn vocabulary() -> Ecosystem {
        let mut eco = Ecosystem::default();
        let concept = |slug: &str, broader: Option<&str>| Concept {
            iri: vocab::id("concept", slug),
            scheme: ConceptScheme::AiExpertise,
            label: Label::same(slug),
            alt_labels: vec![],
            broader: broader
                .map(|b| vocab::id("concept", b))
                .into_iter()
                .collect(),
        };
        for (slug, broader) in [
            ("ai", None),
            ("ml", Some("ai")),
            ("vision", Some("ai")),
            ("forecasting", Some("ml")),
            ("anomalies", Some("ml")),
            ("inspection", Some("vision")),
            ("ocr", Some("vision")),
        ] {
            let c = concept(slug, broader);
            eco.concepts.insert(c.iri.clone(), c);
        }
        for (code, broader, needs) in [
            ("31-33", None, vec!["inspection", "forecasting"]),
            ("332", Some("31-33"), vec![]),
            ("52", None, vec!["anomalies"]),
        ] {
            let iri = vocab::id("naics", code);
            eco.sectors.insert(
                iri.clone(),
                Sector {
                    iri,
                    code: code.into(),
                    label: Label::same(code),
                    broader: broader.map(|b| vocab::id("naics", b)),
                    typical_needs: needs.iter().map(|n| vocab::id("concept", n)).collect(),
                },
            );
        }
        for (code, in_zem, region) in [
            ("23027", true, "03"),
            ("23057", true, "03"),
            ("34017", false, "03"),
            ("66023", false, "06"),
        ] {
            let iri = vocab::municipality(code);
            eco.municipalities.insert(
                iri.clone(),
                Municipality {
                    iri,
                    code: code.into(),
                    label: Label::same(code),
                    in_zem,
                    region: Some(region.into()),
                    population: None,
                    lat: None,
                    long: None,
                },
            );
        }
        eco
    }

    #[test]
    fn organisations_use_only_the_vocabulary_and_are_deterministic() {
        let eco = vocabulary();
        let orgs = populate(&eco, 500, 7).expect("a vocabulary");
        assert_eq!(orgs.len(), 500);
        assert_eq!(orgs, populate(&eco, 500, 7).expect("a vocabulary"));
        assert_ne!(orgs, populate(&eco, 500, 8).expect("a vocabulary"));
        let iris: BTreeSet<&str> = orgs.iter().map(|o| o.iri.as_str()).collect();
        for org in &orgs {
            assert!(org.kind.is_some(), "{}", org.iri);
            let m = org.municipality.as_deref().expect("a municipality");
            // Never the municipality of another region.
            assert_ne!(m, vocab::municipality("66023"));
            for c in org.concepts() {
                assert!(eco.concepts.contains_key(c), "{c}");
            }
            for s in &org.sectors {
                assert!(eco.sectors.contains_key(s), "{s}");
            }
            for p in org.partners.iter().chain(&org.parents) {
                assert!(iris.contains(p.as_str()), "{p}");
            }
        }
        let suppliers = orgs.iter().filter(|o| o.is_supplier()).count();
        let stated = orgs.iter().filter(|o| !o.needs.is_empty()).count();
        let in_zem = orgs
            .iter()
            .filter(|o| eco.municipalities[o.municipality.as_deref().unwrap_or_default()].in_zem)
            .count();
        // The shares of maillage-synth: a quarter suppliers, 40 % adopters stating needs,
        // 60 % in the ZEM (with a margin for chance).
        assert!((90..=160).contains(&suppliers), "{suppliers} suppliers");
        assert!(
            (160..=240).contains(&stated),
            "{stated} adopters stating needs"
        );
        assert!((260..=340).contains(&in_zem), "{in_zem} in the ZEM");
    }

    #[test]
    fn an_empty_vocabulary_gives_nothing() {
        assert!(populate(&Ecosystem::default(), 10, 1).is_none());
    }
}
