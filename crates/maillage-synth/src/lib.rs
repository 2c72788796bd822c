//! Seeded synthetic ecosystems for scale tests, benchmarks and the evaluation of the matcher.
//!
//! [`generate`] builds an [`Ecosystem`] that looks like the region's (the real AI expertise
//! taxonomy, NAICS sectors with typical needs, municipalities in and out of the ZEM, suppliers,
//! adopters, research centres, schools, partnerships and past projects) together with a hidden
//! [`GroundTruth`]: for sampled adopters, the suppliers that truly cover their *latent* needs and
//! share their network or sector context. The adopters' stated needs are a noisy view of the latent
//! ones (stated more generally, replaced by a neighbour, or absent), which is what makes matching
//! hard. [`evaluate`] scores any ranking function against the truth; [`jaccard_ranking`] is the
//! naive baseline a matcher must beat.
//!
//! Everything is deterministic for a seed (ChaCha8, sorted maps).

mod populate;
mod taxonomy;

pub use populate::populate;

use std::collections::{BTreeMap, BTreeSet};

use maillage_model::{
    Concept, ConceptScheme, Ecosystem, Envelope, Label, Municipality, OrgKind, Organization,
    Project, ProjectStatus, Sector, vocab,
};
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use taxonomy::TAXONOMY;

/// Share of organisations located in the ZEM.
const ZEM_SHARE: f64 = 0.6;
/// Adopters sampled into the ground truth, at most.
const MAX_QUERIES: usize = 200;

/// The hidden answer key of a synthetic ecosystem.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GroundTruth {
    /// For each sampled adopter IRI, the IRIs of its good suppliers (never empty).
    pub good_suppliers: BTreeMap<String, BTreeSet<String>>,
    /// The latent needs of every adopter (concept IRIs), which the matcher never sees.
    pub latent_needs: BTreeMap<String, Vec<String>>,
}

/// Ranking quality over the sampled adopters of a [`GroundTruth`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Metrics {
    /// Share of queries with at least one good supplier in the first 10.
    pub hits_at_10: f64,
    /// Mean reciprocal rank of the first good supplier (0 when it is absent from the ranking).
    pub mrr: f64,
    /// Number of adopters evaluated.
    pub queries: usize,
}

/// A sector: (NAICS code, fr, en, typical needs as concept slugs, subsector codes).
type SectorSpec = (
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
);

const SECTORS: &[SectorSpec] = &[
    (
        "31-33",
        "Fabrication",
        "Manufacturing",
        &[
            "visual-inspection",
            "predictive-maintenance",
            "industrial-robotics",
            "supply-chain-optimisation",
        ],
        &["332", "336"],
    ),
    (
        "62",
        "Soins de santé et assistance sociale",
        "Health care and social assistance",
        &[
            "medical-imaging",
            "information-extraction",
            "conversational-agents",
            "time-series-forecasting",
        ],
        &["621", "622"],
    ),
    (
        "44-45",
        "Commerce de détail",
        "Retail trade",
        &[
            "demand-forecasting",
            "personalisation",
            "conversational-agents",
            "fraud-detection",
        ],
        &["445", "455"],
    ),
    (
        "52",
        "Finance et assurances",
        "Finance and insurance",
        &[
            "fraud-detection",
            "document-understanding",
            "anomaly-detection",
            "large-language-models",
        ],
        &["522", "524"],
    ),
    (
        "48-49",
        "Transport et entreposage",
        "Transportation and warehousing",
        &[
            "vehicle-routing",
            "scheduling",
            "demand-forecasting",
            "autonomous-vehicles",
        ],
        &["484", "493"],
    ),
    (
        "72",
        "Hébergement et services de restauration",
        "Accommodation and food services",
        &[
            "demand-forecasting",
            "personalisation",
            "sentiment-analysis",
            "machine-translation",
        ],
        &["721", "722"],
    ),
    (
        "11",
        "Agriculture, foresterie, pêche et chasse",
        "Agriculture, forestry, fishing and hunting",
        &[
            "remote-sensing",
            "drones",
            "time-series-forecasting",
            "object-detection",
        ],
        &["111", "113"],
    ),
    (
        "22",
        "Services publics",
        "Utilities",
        &[
            "energy-optimisation",
            "predictive-maintenance",
            "anomaly-detection",
            "time-series-forecasting",
        ],
        &["221"],
    ),
    (
        "54",
        "Services professionnels, scientifiques et techniques",
        "Professional, scientific and technical services",
        &[
            "document-understanding",
            "retrieval-augmented-generation",
            "knowledge-graphs",
            "decision-support",
        ],
        &["541"],
    ),
];

const AXES: &[(&str, &str, &str)] = &[
    ("main-d-oeuvre", "Main-d'œuvre", "Workforce"),
    ("entrepreneuriat", "Entrepreneuriat", "Entrepreneurship"),
    (
        "tourisme-culture",
        "Tourisme et culture",
        "Tourism and culture",
    ),
    (
        "innovation-productivite",
        "Innovation et productivité",
        "Innovation and productivity",
    ),
    (
        "chaine-approvisionnement",
        "Chaîne d'approvisionnement",
        "Supply chain",
    ),
    (
        "mobilite-developpement-durable",
        "Mobilité et développement durable",
        "Mobility and sustainable development",
    ),
];

/// The IRI of a synthetic organisation.
pub fn org_iri(i: usize) -> String {
    vocab::id("org", &format!("synth-{i:06}"))
}

fn concept_iri(slug: &str) -> String {
    vocab::id("concept", slug)
}

fn naics_iri(code: &str) -> String {
    vocab::id("naics", code)
}

/// Synthetic organisation `i` before it is given a role: its IRI, French and English labels and
/// municipality, marked illustrative.
fn skeleton(i: usize, municipality: Option<String>) -> Organization {
    Organization {
        iri: org_iri(i),
        label: Label::new(
            format!("Organisation synthétique {i:06}"),
            format!("Synthetic organisation {i:06}"),
        ),
        municipality,
        illustrative: true,
        ..Organization::default()
    }
}

/// Makes `org` a university (three times in ten) or a college, training in two of `branches`
/// (concepts named by `iri`); true for a university.
fn school(
    org: &mut Organization,
    branches: &[&str],
    iri: impl Fn(&str) -> String,
    rng: &mut ChaCha8Rng,
) -> bool {
    let university = rng.random_bool(0.3);
    org.kind = Some(if university {
        OrgKind::University
    } else {
        OrgKind::College
    });
    for b in branches.choose_multiple(rng, 2) {
        org.trains_in.push(iri(b));
    }
    university
}

/// A public body (seven times in ten) or a development agency.
fn public_kind(rng: &mut ChaCha8Rng) -> OrgKind {
    if rng.random_bool(0.7) {
        OrgKind::PublicBody
    } else {
        OrgKind::DevelopmentAgency
    }
}

/// Puts half of the research centres inside a university of their cluster (`clusters[i]` is
/// organisation `i`'s, `universities` the universities of each cluster).
fn research_centres_in_universities(
    orgs: &mut [Organization],
    clusters: &[usize],
    universities: &BTreeMap<usize, Vec<usize>>,
    rng: &mut ChaCha8Rng,
) {
    for (org, cluster) in orgs.iter_mut().zip(clusters) {
        if org.kind == Some(OrgKind::ResearchCentre)
            && rng.random_bool(0.5)
            && let Some(us) = universities.get(cluster)
            && let Some(&u) = us.choose(rng)
        {
            org.parents.push(org_iri(u));
        }
    }
}

/// Partnerships, both ways: about one organisation in ten has none of its own, the others one
/// or two, mostly inside their cluster (`clusters[i]` is organisation `i`'s).
fn partnerships(orgs: &mut [Organization], clusters: &[usize], rng: &mut ChaCha8Rng) {
    let n = orgs.len();
    let mut by_cluster: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, c) in clusters.iter().enumerate() {
        by_cluster.entry(*c).or_default().push(i);
    }
    for i in 0..n {
        if rng.random_bool(0.1) || n < 2 {
            continue;
        }
        for _ in 0..rng.random_range(1..=2) {
            let j = if rng.random_bool(0.85) {
                by_cluster
                    .get(&clusters[i])
                    .and_then(|m| m.choose(rng).copied())
                    .unwrap_or(i)
            } else {
                rng.random_range(0..n)
            };
            if j != i {
                let (a, b) = (orgs[i].iri.clone(), orgs[j].iri.clone());
                orgs[i].partners.push(b);
                orgs[j].partners.push(a);
            }
        }
    }
}

/// What the generator knows about an organisation beyond the model record.
#[derive(Clone, Debug, Default)]
struct Hidden {
    cluster: usize,
    /// Index into `SECTORS` of the adopter's (or supplier focus') top sector.
    top_sectors: Vec<usize>,
    latent: Vec<String>,
}

/// Generates `n_orgs` organisations and the answer key, deterministically for `seed`.
pub fn generate(n_orgs: usize, seed: u64) -> (Ecosystem, GroundTruth) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut eco = Ecosystem::default();

    // Taxonomy: the real AI expertise concepts, and the ZEM axes.
    let mut children: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for &(slug, broader, fr, en) in TAXONOMY {
        if let Some(b) = broader {
            children.entry(b).or_default().push(slug);
        }
        let iri = concept_iri(slug);
        eco.concepts.insert(
            iri.clone(),
            Concept {
                iri,
                scheme: ConceptScheme::AiExpertise,
                label: Label::new(fr, en),
                alt_labels: vec![],
                broader: broader.map(concept_iri).into_iter().collect(),
            },
        );
    }
    let parent_of: BTreeMap<&str, &str> = TAXONOMY
        .iter()
        .filter_map(|&(s, b, _, _)| b.map(|b| (s, b)))
        .collect();
    // Branches: second-level concepts that have children of their own.
    let branches: Vec<&str> = TAXONOMY
        .iter()
        .filter(|(s, b, _, _)| *b == Some("artificial-intelligence") && children.contains_key(s))
        .map(|(s, _, _, _)| *s)
        .collect();
    let leaves: Vec<&str> = TAXONOMY
        .iter()
        .filter(|(s, _, _, _)| !children.contains_key(s))
        .map(|(s, _, _, _)| *s)
        .collect();
    for &(slug, fr, en) in AXES {
        let iri = vocab::id("axis", slug);
        eco.concepts.insert(
            iri.clone(),
            Concept {
                iri,
                scheme: ConceptScheme::ZemAxes,
                label: Label::new(fr, en),
                alt_labels: vec![],
                broader: vec![],
            },
        );
    }
    let axes: Vec<String> = AXES.iter().map(|(s, _, _)| vocab::id("axis", s)).collect();

    // Sectors: 2-digit classes carry the typical needs, subsectors inherit them.
    for &(code, fr, en, needs, subs) in SECTORS {
        let iri = naics_iri(code);
        eco.sectors.insert(
            iri.clone(),
            Sector {
                iri: iri.clone(),
                code: code.into(),
                label: Label::new(fr, en),
                broader: None,
                typical_needs: needs.iter().map(|s| concept_iri(s)).collect(),
            },
        );
        for &sub in subs {
            eco.sectors.insert(
                naics_iri(sub),
                Sector {
                    iri: naics_iri(sub),
                    code: sub.into(),
                    label: Label::new(format!("{fr} ({sub})"), format!("{en} ({sub})")),
                    broader: Some(iri.clone()),
                    typical_needs: vec![],
                },
            );
        }
    }

    // Territory: 28 ZEM municipalities, 20 outside.
    let mut zem_muns = Vec::new();
    let mut out_muns = Vec::new();
    for i in 0..48 {
        let in_zem = i < 28;
        let code = if in_zem {
            format!("{}", 23000 + i)
        } else {
            format!("{}", 50000 + i)
        };
        let iri = vocab::municipality(&code);
        let name = if in_zem {
            format!("Municipalité ZEM {i}")
        } else {
            format!("Municipalité hors ZEM {i}")
        };
        eco.municipalities.insert(
            iri.clone(),
            Municipality {
                iri: iri.clone(),
                code,
                label: Label::same(name),
                in_zem,
                region: None,
                population: None,
                lat: None,
                long: None,
            },
        );
        if in_zem {
            zem_muns.push(iri);
        } else {
            out_muns.push(iri);
        }
    }

    eco.envelopes.insert(
        vocab::ZEM_ENVELOPE.into(),
        Envelope {
            iri: vocab::ZEM_ENVELOPE.into(),
            label: Label::new("Enveloppe Scale AI – ZEM", "Scale AI envelope – ZEM"),
            amount: 4_348_000.0,
            funder: None,
            recipient: None,
        },
    );

    // Organisations.
    let n_clusters = (n_orgs / 50).max(1);
    let mut orgs: Vec<Organization> = Vec::with_capacity(n_orgs);
    let mut hidden: Vec<Hidden> = Vec::with_capacity(n_orgs);
    let mut suppliers = Vec::new();
    let mut adopters = Vec::new();
    let mut universities_by_cluster: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..n_orgs {
        let cluster = rng.random_range(0..n_clusters);
        let in_zem = rng.random_bool(ZEM_SHARE);
        let municipality = if in_zem {
            zem_muns.choose(&mut rng).cloned()
        } else {
            out_muns.choose(&mut rng).cloned()
        };
        let mut org = skeleton(i, municipality);
        let mut h = Hidden {
            cluster,
            ..Hidden::default()
        };
        let role: f64 = rng.random();
        if role < 0.25 {
            // Supplier: specialised in one branch, sometimes a second one.
            org.kind = Some(OrgKind::Company);
            let branch = *branches.choose(&mut rng).unwrap_or(&"machine-learning");
            let kids = children.get(branch).cloned().unwrap_or_default();
            if rng.random_bool(0.4) {
                org.offers.push(concept_iri(branch));
            }
            let k = rng.random_range(1..=3).min(kids.len().max(1));
            for leaf in kids.choose_multiple(&mut rng, k) {
                org.offers.push(concept_iri(leaf));
            }
            if rng.random_bool(0.3) {
                org.offers
                    .push(concept_iri(leaves.choose(&mut rng).unwrap_or(&branch)));
            }
            // Sector focus: sectors whose typical needs meet the offer, else any.
            let mut fitting: Vec<usize> = (0..SECTORS.len())
                .filter(|&s| {
                    SECTORS[s]
                        .3
                        .iter()
                        .any(|n| org.offers.contains(&concept_iri(n)))
                })
                .collect();
            if fitting.is_empty() {
                fitting = (0..SECTORS.len()).collect();
            }
            fitting.shuffle(&mut rng);
            fitting.truncate(rng.random_range(1..=2));
            h.top_sectors = fitting;
            org.capacity = Some(rng.random_range(1..=3));
            suppliers.push(i);
        } else if role < 0.75 {
            // Adopter: a sector, latent needs from its typical needs, noisy stated needs.
            org.kind = Some(OrgKind::Company);
            let s = rng.random_range(0..SECTORS.len());
            let (code, _, _, typical, subs) = SECTORS[s];
            let sector = if rng.random_bool(0.6) && !subs.is_empty() {
                subs.choose(&mut rng).copied().unwrap_or(code)
            } else {
                code
            };
            org.sectors.push(naics_iri(sector));
            h.top_sectors = vec![s];
            let k = rng.random_range(1..=2);
            let latent: Vec<&str> = typical.choose_multiple(&mut rng, k).copied().collect();
            if !rng.random_bool(0.2) {
                for &need in &latent {
                    let u: f64 = rng.random();
                    let stated = if u < 0.6 {
                        need
                    } else if u < 0.85 {
                        parent_of.get(need).copied().unwrap_or(need)
                    } else {
                        let parent = parent_of.get(need).copied().unwrap_or(need);
                        children
                            .get(parent)
                            .and_then(|sib| sib.choose(&mut rng).copied())
                            .unwrap_or(need)
                    };
                    org.needs.push(concept_iri(stated));
                }
                if rng.random_bool(0.2) {
                    org.needs
                        .push(concept_iri(leaves.choose(&mut rng).unwrap_or(&"mlops")));
                }
            }
            h.latent = latent.iter().map(|s| concept_iri(s)).collect();
            adopters.push(i);
        } else if role < 0.85 {
            org.kind = Some(OrgKind::ResearchCentre);
            let branch = *branches.choose(&mut rng).unwrap_or(&"machine-learning");
            org.research_areas.push(concept_iri(branch));
            if let Some(kids) = children.get(branch) {
                for leaf in kids.choose_multiple(&mut rng, 2) {
                    org.research_areas.push(concept_iri(leaf));
                }
            }
        } else if role < 0.90 {
            if school(&mut org, &branches, concept_iri, &mut rng) {
                universities_by_cluster.entry(cluster).or_default().push(i);
            }
        } else {
            org.kind = Some(public_kind(&mut rng));
        }
        orgs.push(org);
        hidden.push(h);
    }

    let clusters: Vec<usize> = hidden.iter().map(|h| h.cluster).collect();
    research_centres_in_universities(&mut orgs, &clusters, &universities_by_cluster, &mut rng);
    partnerships(&mut orgs, &clusters, &mut rng);

    // Past projects: each supplier worked for 0–3 adopters of its focus sectors, preferably in
    // its cluster.
    let mut adopters_by_sector: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut adopters_by_sector_cluster: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
    for &a in &adopters {
        let key = (hidden[a].top_sectors[0], hidden[a].cluster);
        adopters_by_sector.entry(key.0).or_default().push(a);
        adopters_by_sector_cluster.entry(key).or_default().push(a);
    }
    let mut project_no = 0usize;
    for &s in &suppliers {
        let n_projects = rng.random_range(0..=3);
        for _ in 0..n_projects {
            let Some(&sector) = hidden[s].top_sectors.choose(&mut rng) else {
                continue;
            };
            let Some(pool) = adopters_by_sector.get(&sector) else {
                continue;
            };
            let same_cluster = adopters_by_sector_cluster
                .get(&(sector, hidden[s].cluster))
                .map(Vec::as_slice)
                .unwrap_or_default();
            let a = if !same_cluster.is_empty() && rng.random_bool(0.6) {
                same_cluster.choose(&mut rng).copied()
            } else {
                pool.choose(&mut rng).copied()
            };
            let Some(a) = a else { continue };
            let funded = rng.random_bool(0.1);
            let iri = vocab::id("project", &format!("synth-{project_no:06}"));
            project_no += 1;
            eco.projects.insert(
                iri.clone(),
                Project {
                    iri,
                    label: Label::new(
                        format!("Projet synthétique {project_no}"),
                        format!("Synthetic project {project_no}"),
                    ),
                    supplier: Some(org_iri(s)),
                    adopter: Some(org_iri(a)),
                    envelope: funded.then(|| vocab::ZEM_ENVELOPE.to_owned()),
                    axes: axes.choose(&mut rng).cloned().into_iter().collect(),
                    amount: Some(f64::from(rng.random_range(50u32..=400)) * 1000.0),
                    status: Some(if funded {
                        ProjectStatus::Funded
                    } else {
                        ProjectStatus::Completed
                    }),
                    illustrative: true,
                    ..Project::default()
                },
            );
        }
    }

    for org in &mut orgs {
        org.sort_lists();
    }

    // The answer key: suppliers covering every latent need (exactly or by its direct parent) and
    // sharing the adopter's cluster or serving its sector.
    let mut truth = GroundTruth::default();
    for &a in &adopters {
        truth
            .latent_needs
            .insert(orgs[a].iri.clone(), hidden[a].latent.clone());
    }
    // Sample adopters first, then keep those with at least one good supplier: the cost stays
    // proportional to MAX_QUERIES × suppliers, not adopters × suppliers.
    let mut sampled = adopters.clone();
    sampled.shuffle(&mut rng);
    let mut candidates = Vec::new();
    for &a in &sampled {
        if candidates.len() >= MAX_QUERIES {
            break;
        }
        let latent = &hidden[a].latent;
        let good: BTreeSet<String> = suppliers
            .iter()
            .copied()
            .filter(|&s| {
                let offers = &orgs[s].offers;
                let covers = latent.iter().all(|need| {
                    offers.contains(need)
                        || eco
                            .concepts
                            .get(need)
                            .is_some_and(|c| c.broader.iter().any(|b| offers.contains(b)))
                });
                let context = hidden[s].cluster == hidden[a].cluster
                    || hidden[s].top_sectors.contains(&hidden[a].top_sectors[0]);
                covers && context
            })
            .map(|s| orgs[s].iri.clone())
            .collect();
        if !good.is_empty() {
            candidates.push((orgs[a].iri.clone(), good));
        }
    }
    truth.good_suppliers = candidates.into_iter().collect();

    for org in orgs {
        eco.organizations.insert(org.iri.clone(), org);
    }
    (eco, truth)
}

/// Scores a ranking function: for each sampled adopter, `ranker(eco, adopter)` returns supplier
/// IRIs best first; the rank of the first good supplier gives Hits@10 and MRR.
pub fn evaluate<F>(eco: &Ecosystem, truth: &GroundTruth, mut ranker: F) -> Metrics
where
    F: FnMut(&Ecosystem, &str) -> Vec<String>,
{
    let mut hits = 0usize;
    let mut rr = 0.0;
    for (adopter, good) in &truth.good_suppliers {
        let ranking = ranker(eco, adopter);
        if let Some(pos) = ranking.iter().position(|s| good.contains(s)) {
            rr += 1.0 / (pos as f64 + 1.0);
            if pos < 10 {
                hits += 1;
            }
        }
    }
    let queries = truth.good_suppliers.len();
    let denom = queries.max(1) as f64;
    Metrics {
        hits_at_10: hits as f64 / denom,
        mrr: rr / denom,
        queries,
    }
}

/// The baseline: suppliers ranked by the Jaccard index of their offers and the adopter's stated
/// needs (exact concepts only, no taxonomy, no sector, no network), ties by IRI.
pub fn jaccard_ranking(eco: &Ecosystem, adopter: &str) -> Vec<String> {
    let needs: BTreeSet<&String> = eco
        .organizations
        .get(adopter)
        .map(|o| o.needs.iter().collect())
        .unwrap_or_default();
    let mut scored: Vec<(f64, &str)> = eco
        .organizations
        .values()
        .filter(|o| o.is_supplier() && o.iri != adopter)
        .map(|o| {
            let offers: BTreeSet<&String> = o.offers.iter().collect();
            let inter = offers.intersection(&needs).count();
            let union = offers.union(&needs).count();
            let j = if union == 0 {
                0.0
            } else {
                inter as f64 / union as f64
            };
            (j, o.iri.as_str())
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored.into_iter().map(|(_, s)| s.to_owned()).collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn generation_is_deterministic_for_a_seed() {
        let (a, ta) = generate(300, 7);
        let (b, tb) = generate(300, 7);
        assert_eq!(a.organizations, b.organizations);
        assert_eq!(a.projects, b.projects);
        assert_eq!(ta, tb);
        let (c, _) = generate(300, 8);
        assert_ne!(a.organizations, c.organizations);
    }

    #[test]
    fn proportions_are_roughly_as_documented() {
        let (eco, truth) = generate(2000, 1);
        assert_eq!(eco.organizations.len(), 2000);
        let n = eco.organizations.len() as f64;
        let in_zem = eco.organizations.values().filter(|o| eco.in_zem(o)).count() as f64;
        let suppliers = eco
            .organizations
            .values()
            .filter(|o| o.is_supplier())
            .count() as f64;
        let adopters = eco
            .organizations
            .values()
            .filter(|o| eco.is_adopter(o))
            .count() as f64;
        assert!((in_zem / n - 0.6).abs() < 0.05, "zem share {}", in_zem / n);
        assert!((suppliers / n - 0.25).abs() < 0.05);
        assert!((adopters / n - 0.5).abs() < 0.05);
        let no_needs = eco
            .organizations
            .values()
            .filter(|o| eco.is_adopter(o) && o.needs.is_empty())
            .count();
        assert!(no_needs > 0, "some adopters rely on sector-typical needs");
        assert!(!eco.projects.is_empty());
        assert!(truth.good_suppliers.len() > 50);
        for (a, good) in &truth.good_suppliers {
            assert!(eco.is_adopter(&eco.organizations[a]));
            assert!(good.iter().all(|s| eco.organizations[s].is_supplier()));
        }
    }

    #[test]
    fn partnerships_are_symmetric_and_references_resolve() {
        let (eco, _) = generate(500, 3);
        for o in eco.organizations.values() {
            for p in &o.partners {
                assert!(eco.organizations[p].partners.contains(&o.iri));
            }
            for c in o.offers.iter().chain(&o.needs) {
                assert!(eco.concepts.contains_key(c), "{c}");
            }
            assert!(
                eco.municipalities
                    .contains_key(o.municipality.as_ref().unwrap())
            );
        }
    }

    #[test]
    fn evaluate_counts_ranks() {
        let mut truth = GroundTruth::default();
        truth
            .good_suppliers
            .insert("a1".into(), BTreeSet::from(["s2".to_owned()]));
        truth
            .good_suppliers
            .insert("a2".into(), BTreeSet::from(["s9".to_owned()]));
        let eco = Ecosystem::default();
        let m = evaluate(&eco, &truth, |_, _| vec!["s1".into(), "s2".into()]);
        assert_eq!(m.queries, 2);
        assert!((m.mrr - 0.25).abs() < 1e-12);
        assert!((m.hits_at_10 - 0.5).abs() < 1e-12);
    }

    #[test]
    fn jaccard_prefers_exact_overlap() {
        let (eco, truth) = generate(400, 5);
        let (adopter, _) = truth
            .good_suppliers
            .iter()
            .find(|(a, _)| !eco.organizations[*a].needs.is_empty())
            .unwrap();
        let ranking = jaccard_ranking(&eco, adopter);
        let needs = &eco.organizations[adopter].needs;
        let first = &eco.organizations[&ranking[0]];
        assert!(first.offers.iter().any(|o| needs.contains(o)));
    }
}
