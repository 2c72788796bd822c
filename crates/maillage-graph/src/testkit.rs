//! Small hand-built ecosystems for unit tests, where the right answer is obvious.
#![allow(clippy::unwrap_used)]

use maillage_model::{
    Concept, ConceptScheme, Ecosystem, EligibilityRule, Envelope, Label, Municipality, OrgKind,
    Organization, Project, ProjectStatus, RuleSet, Sector, vocab,
};

pub fn org(slug: &str) -> String {
    vocab::id("org", slug)
}
pub fn concept(slug: &str) -> String {
    vocab::id("concept", slug)
}
pub fn naics(code: &str) -> String {
    vocab::id("naics", code)
}
pub fn mun(code: &str) -> String {
    vocab::municipality(code)
}
pub fn axis(slug: &str) -> String {
    vocab::id("axis", slug)
}

pub fn add_concept(eco: &mut Ecosystem, slug: &str, fr: &str, en: &str, broader: &[&str]) {
    eco.concepts.insert(
        concept(slug),
        Concept {
            iri: concept(slug),
            scheme: ConceptScheme::AiExpertise,
            label: Label::new(fr, en),
            alt_labels: vec![],
            broader: broader.iter().map(|b| concept(b)).collect(),
        },
    );
}

pub fn add_org<'a>(
    eco: &'a mut Ecosystem,
    slug: &str,
    kind: OrgKind,
    municipality: &str,
) -> &'a mut Organization {
    let iri = org(slug);
    eco.organizations.insert(
        iri.clone(),
        Organization {
            iri: iri.clone(),
            kind: Some(kind),
            label: Label::same(slug),
            municipality: Some(mun(municipality)),
            ..Organization::default()
        },
    );
    eco.organizations.get_mut(&iri).unwrap()
}

pub fn add_project(
    eco: &mut Ecosystem,
    slug: &str,
    supplier: &str,
    adopter: &str,
    status: ProjectStatus,
    amount: f64,
    axes: &[&str],
) {
    let iri = vocab::id("project", slug);
    eco.projects.insert(
        iri.clone(),
        Project {
            iri,
            label: Label::same(slug),
            supplier: Some(org(supplier)),
            adopter: Some(org(adopter)),
            envelope: Some(vocab::ZEM_ENVELOPE.into()),
            axes: axes.iter().map(|a| axis(a)).collect(),
            amount: Some(amount),
            status: Some(status),
            ..Project::default()
        },
    );
}

pub fn rule(slug: &str) -> String {
    vocab::id("rule", slug)
}

/// The rule set of `datasets/funding/eligibility-rules.ttl`, in its order, with its
/// thresholds (an SME has fewer than 500 employees; the programme pays at most 40 %).
pub fn rule_set() -> RuleSet {
    let rules = [
        ("supplier-in-zem", None),
        ("adopter-in-zem", None),
        ("supplier-offers-ai", None),
        ("distinct-organisations", None),
        ("not-parent-subsidiary", None),
        ("project-addresses-axis", None),
        ("sme-participant", Some(500.0)),
        ("programme-cost-share", Some(0.4)),
    ];
    RuleSet {
        iri: Some(vocab::id("ruleset", "test")),
        version: Some("test".into()),
        modified: None,
        rules: rules
            .iter()
            .enumerate()
            .map(|(i, (slug, threshold))| EligibilityRule {
                iri: rule(slug),
                notation: (*slug).into(),
                label: Label::same(*slug),
                text: Label::same(*slug),
                sources: vec![format!("https://example.org/{slug}")],
                threshold: *threshold,
                order: Some(i as u32 + 1),
            })
            .collect(),
    }
}

fn list(slugs: &[&str], f: fn(&str) -> String) -> Vec<String> {
    let mut v: Vec<String> = slugs.iter().map(|s| f(s)).collect();
    v.sort();
    v
}

/// The reference test ecosystem:
/// taxonomy ai > {computer-vision > {object-detection, image-segmentation}, nlp, speech};
/// `acme` (Québec, sector 336) needs object-detection; suppliers `vision-inc` (exact),
/// `cv-generalist` (broader), `text-co` (unrelated), `mtl-vision` (exact, outside the ZEM),
/// `acme-labs` (exact, subsidiary of acme); `quiet-mfg` (sector 336, no stated needs);
/// `clinic` needs speech, which nobody offers. Only `vision-inc`'s head count is known (40,
/// an SME). The rule set is [`rule_set`].
pub fn small() -> Ecosystem {
    let mut eco = Ecosystem {
        rule_set: rule_set(),
        ..Ecosystem::default()
    };
    add_concept(
        &mut eco,
        "ai",
        "Intelligence artificielle",
        "Artificial intelligence",
        &[],
    );
    add_concept(
        &mut eco,
        "computer-vision",
        "Vision numérique",
        "Computer vision",
        &["ai"],
    );
    add_concept(
        &mut eco,
        "nlp",
        "Traitement du langage",
        "Natural language processing",
        &["ai"],
    );
    add_concept(
        &mut eco,
        "speech",
        "Traitement de la parole",
        "Speech processing",
        &["ai"],
    );
    add_concept(
        &mut eco,
        "object-detection",
        "Détection d'objets",
        "Object detection",
        &["computer-vision"],
    );
    add_concept(
        &mut eco,
        "image-segmentation",
        "Segmentation d'images",
        "Image segmentation",
        &["computer-vision"],
    );
    eco.concepts.insert(
        axis("innovation-productivite"),
        Concept {
            iri: axis("innovation-productivite"),
            scheme: ConceptScheme::ZemAxes,
            label: Label::new("Innovation et productivité", "Innovation and productivity"),
            alt_labels: vec![],
            broader: vec![],
        },
    );
    for (code, zem) in [("23027", true), ("25213", true), ("66023", false)] {
        eco.municipalities.insert(
            mun(code),
            Municipality {
                iri: mun(code),
                code: code.into(),
                label: Label::same(code),
                in_zem: zem,
                region: None,
                population: None,
                lat: None,
                long: None,
            },
        );
    }
    for (code, broader, needs) in [
        ("31-33", None, vec![concept("object-detection")]),
        ("336", Some(naics("31-33")), vec![]),
        ("332", Some(naics("31-33")), vec![]),
        ("62", None, vec![concept("nlp")]),
    ] {
        eco.sectors.insert(
            naics(code),
            Sector {
                iri: naics(code),
                code: code.into(),
                label: Label::same(code),
                broader,
                typical_needs: needs,
            },
        );
    }
    eco.envelopes.insert(
        vocab::ZEM_ENVELOPE.into(),
        Envelope {
            iri: vocab::ZEM_ENVELOPE.into(),
            label: Label::same("ZEM"),
            amount: 1_000_000.0,
            funder: None,
            recipient: None,
        },
    );
    let a = add_org(&mut eco, "acme", OrgKind::Company, "23027");
    a.sectors = list(&["336"], naics);
    a.needs = list(&["object-detection"], concept);
    for (slug, offers, m) in [
        ("vision-inc", "object-detection", "23027"),
        ("cv-generalist", "computer-vision", "25213"),
        ("text-co", "nlp", "23027"),
        ("mtl-vision", "object-detection", "66023"),
        ("acme-labs", "object-detection", "23027"),
    ] {
        let o = add_org(&mut eco, slug, OrgKind::Company, m);
        o.offers = list(&[offers], concept);
    }
    eco.organizations
        .get_mut(&org("acme-labs"))
        .unwrap()
        .parents = vec![org("acme")];
    eco.organizations
        .get_mut(&org("vision-inc"))
        .unwrap()
        .headcount = Some(40);
    let q = add_org(&mut eco, "quiet-mfg", OrgKind::Company, "25213");
    q.sectors = list(&["336"], naics);
    let c = add_org(&mut eco, "clinic", OrgKind::Company, "23027");
    c.sectors = list(&["62"], naics);
    c.needs = list(&["speech"], concept);
    let u = add_org(&mut eco, "ulaval", OrgKind::University, "23027");
    u.trains_in = list(&["computer-vision"], concept);
    let r = add_org(&mut eco, "centre", OrgKind::ResearchCentre, "23027");
    r.research_areas = list(&["object-detection"], concept);
    r.parents = vec![org("ulaval")];
    eco
}
