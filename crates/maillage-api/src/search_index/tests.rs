//! The index on a small hand-made ecosystem: words not substrings, accents, stemming, SKOS
//! labels, the last word's prefix, and the reasons.

use maillage_model::{Concept, ConceptScheme, Ecosystem, Label, Municipality, Organization};

use super::*;

fn concept(slug: &str, fr: &str, en: &str, alt: &[&str], broader: &[&str]) -> Concept {
    Concept {
        iri: format!("c:{slug}"),
        scheme: ConceptScheme::AiExpertise,
        label: Label::new(fr, en),
        alt_labels: alt.iter().map(|s| (*s).to_owned()).collect(),
        broader: broader.iter().map(|b| format!("c:{b}")).collect(),
    }
}

fn org(slug: &str, name: &str, description: &str) -> Organization {
    Organization {
        iri: format!("o:{slug}"),
        label: Label::same(name),
        description: Label {
            fr: Some(description.to_owned()),
            en: None,
        },
        ..Organization::default()
    }
}

fn ecosystem() -> Ecosystem {
    let mut eco = Ecosystem::default();
    for c in [
        concept(
            "ai",
            "Intelligence artificielle",
            "Artificial intelligence",
            &["IA", "AI"],
            &[],
        ),
        concept(
            "cv",
            "Vision numérique",
            "Computer vision",
            &["vision par ordinateur"],
            &["ai"],
        ),
        concept("od", "Détection d'objets", "Object detection", &[], &["cv"]),
        concept(
            "ml",
            "Apprentissage automatique",
            "Machine learning",
            &["ML"],
            &["ai"],
        ),
    ] {
        eco.concepts.insert(c.iri.clone(), c);
    }
    eco.municipalities.insert(
        "m:quebec".to_owned(),
        Municipality {
            iri: "m:quebec".to_owned(),
            code: "23027".to_owned(),
            label: Label::same("Québec"),
            in_zem: true,
            region: None,
            population: None,
            lat: None,
            long: None,
        },
    );
    let mut vision = org("visionneuse", "Optique Nord", "Caméras industrielles.");
    vision.offers = vec!["c:cv".to_owned()];
    let mut detection = org("leddar", "Capteurs Est", "Capteurs pour véhicules.");
    detection.offers = vec!["c:od".to_owned()];
    let division = org(
        "division",
        "Division Télévision Activision",
        "Une division de télévision.",
    );
    let media = org("media", "Groupe Média Pharmacia", "Des médias.");
    let mut ia = org(
        "ia-inc",
        "Conseils IA",
        "Conseil en IA pour les entreprises.",
    );
    ia.municipality = Some("m:quebec".to_owned());
    let mut generic = org("generic", "Atelier Boréal", "Logiciels de gestion.");
    generic.offers = vec!["c:ai".to_owned()];
    let mut learning = org("ecole", "École du Nord", "Formation continue.");
    learning.trains_in = vec!["c:ml".to_owned()];
    let mut alt = org("sigle", "Institut Lumière", "Recherche.");
    alt.alt_labels = vec!["ILUM".to_owned()];
    let enterprise = org("pme", "Regroupement", "Au service d'une entreprise locale.");
    for o in [
        vision, detection, division, media, ia, generic, learning, alt, enterprise,
    ] {
        eco.organizations.insert(o.iri.clone(), o);
    }
    eco
}

fn found(index: &SearchIndex, eco: &Ecosystem, query: &str) -> Vec<String> {
    let mut iris: Vec<String> = index
        .search(eco, query)
        .expect("the search runs")
        .into_iter()
        .map(|h| h.iri)
        .collect();
    iris.sort();
    iris
}

fn hit(index: &SearchIndex, eco: &Ecosystem, query: &str, iri: &str) -> Hit {
    index
        .search(eco, query)
        .expect("the search runs")
        .into_iter()
        .find(|h| h.iri == iri)
        .unwrap_or_else(|| panic!("{query:?} finds {iri}"))
}

#[test]
fn vision_is_a_word_not_a_substring() {
    let eco = ecosystem();
    let index = SearchIndex::build(&eco);
    let iris = found(&index, &eco, "vision");
    assert!(iris.contains(&"o:visionneuse".to_owned()), "{iris:?}");
    // Object detection is narrower than computer vision.
    assert!(iris.contains(&"o:leddar".to_owned()), "{iris:?}");
    assert!(!iris.contains(&"o:division".to_owned()), "{iris:?}");
    // "vision par ordinateur": every word, in the altLabel.
    let phrase = found(&index, &eco, "vision par ordinateur");
    assert!(phrase.contains(&"o:visionneuse".to_owned()), "{phrase:?}");
    assert!(!phrase.contains(&"o:division".to_owned()), "{phrase:?}");
}

#[test]
fn ia_is_the_word_ia_and_the_concept_labelled_ia() {
    let eco = ecosystem();
    let index = SearchIndex::build(&eco);
    for query in ["ia", "IA", "Ia"] {
        let iris = found(&index, &eco, query);
        assert_eq!(
            iris,
            vec!["o:generic".to_owned(), "o:ia-inc".to_owned()],
            "{query:?}: the word IA and the concept whose altLabel is IA, never « média »"
        );
    }
    let why = hit(&index, &eco, "ia", "o:generic");
    assert_eq!(why.reasons.len(), 1, "{why:?}");
    assert_eq!(why.reasons[0].field, Field::Expertise);
    assert_eq!(why.reasons[0].value.as_deref(), Some("c:ai"));
    assert_eq!(why.reasons[0].text, "IA");
    // The taxonomy's root is not a reason to match every organisation below it.
    assert!(!found(&index, &eco, "intelligence").contains(&"o:visionneuse".to_owned()));
}

#[test]
fn accents_and_case_are_ignored() {
    let eco = ecosystem();
    let index = SearchIndex::build(&eco);
    assert_eq!(found(&index, &eco, "Quebec"), vec!["o:ia-inc".to_owned()]);
    assert_eq!(found(&index, &eco, "QUÉBEC"), vec!["o:ia-inc".to_owned()]);
    let why = hit(&index, &eco, "quebec", "o:ia-inc");
    assert_eq!(why.reasons[0].field, Field::Municipality);
    assert_eq!(why.reasons[0].text, "Québec");
    assert_eq!(why.reasons[0].marks, vec![0.."Québec".len()]);
    assert_eq!(found(&index, &eco, "ecole"), vec!["o:ecole".to_owned()]);
}

#[test]
fn stemming_finds_singular_and_plural() {
    let eco = ecosystem();
    let index = SearchIndex::build(&eco);
    let plural = found(&index, &eco, "entreprises");
    let singular = found(&index, &eco, "entreprise");
    assert_eq!(plural, singular);
    assert!(plural.contains(&"o:pme".to_owned()), "{plural:?}");
    assert!(plural.contains(&"o:ia-inc".to_owned()), "{plural:?}");
    // "apprentissage" finds « Apprentissage automatique » (here a training).
    let why = hit(&index, &eco, "apprentissage", "o:ecole");
    assert_eq!(why.reasons[0].field, Field::Training);
    assert_eq!(why.reasons[0].text, "Apprentissage automatique");
    assert_eq!(why.reasons[0].marks, vec![0.."Apprentissage".len()]);
}

#[test]
fn alternative_labels_match() {
    let eco = ecosystem();
    let index = SearchIndex::build(&eco);
    let why = hit(&index, &eco, "ilum", "o:sigle");
    assert!(why.name_match);
    assert_eq!(why.reasons[0].field, Field::AlternativeName);
    // A concept's altLabel ("ML" of machine learning).
    let ml = hit(&index, &eco, "ml", "o:ecole");
    assert_eq!(ml.reasons[0].text, "ML");
    assert!(!ml.name_match);
}

#[test]
fn the_last_word_matches_as_a_prefix() {
    let eco = ecosystem();
    let index = SearchIndex::build(&eco);
    assert_eq!(found(&index, &eco, "appren"), vec!["o:ecole".to_owned()]);
    assert_eq!(found(&index, &eco, "optique nd"), Vec::<String>::new());
    assert_eq!(
        found(&index, &eco, "optique nor"),
        vec!["o:visionneuse".to_owned()]
    );
    // Only the last word, and not a word of fewer than three letters.
    assert!(found(&index, &eco, "appren automatique").is_empty());
    assert!(found(&index, &eco, "co").is_empty());
    let why = hit(&index, &eco, "appren", "o:ecole");
    assert_eq!(why.reasons[0].marks, vec![0.."Apprentissage".len()]);
}

#[test]
fn names_rank_first_and_say_so() {
    let eco = ecosystem();
    let index = SearchIndex::build(&eco);
    let hits = index.search(&eco, "vision").expect("search");
    let optique = hits
        .iter()
        .find(|h| h.iri == "o:visionneuse")
        .expect("found");
    assert!(!optique.name_match);
    let expertise = &optique.reasons[0];
    assert_eq!(expertise.field, Field::Expertise);
    assert_eq!(expertise.value.as_deref(), Some("c:cv"));
    assert_eq!(expertise.via, None);
    let leddar = hits.iter().find(|h| h.iri == "o:leddar").expect("found");
    let through = &leddar.reasons[0];
    assert_eq!(through.field, Field::Expertise);
    assert_eq!(through.value.as_deref(), Some("c:od"));
    assert_eq!(through.via.as_deref(), Some("c:cv"));
    // The direct expertise scores above the broader concept's.
    assert!(optique.score > leddar.score, "{hits:?}");

    let conseils = hit(&index, &eco, "conseils", "o:ia-inc");
    assert!(conseils.name_match);
    assert_eq!(conseils.reasons[0].field, Field::Name);
}

#[test]
fn stop_words_and_empty_queries() {
    let eco = ecosystem();
    let index = SearchIndex::build(&eco);
    assert!(found(&index, &eco, "").is_empty());
    assert!(found(&index, &eco, " ,;! ").is_empty());
    // "de" and "la" carry no meaning: "capteurs de la" is "capteurs".
    assert_eq!(
        found(&index, &eco, "capteurs de la"),
        vec!["o:leddar".to_owned()]
    );
}

#[test]
fn highlights_are_escaped_html_around_the_words() {
    let text = "R&D <b>vision</b> par ordinateur";
    let start = text.find("vision").expect("vision");
    let mark = Range {
        start,
        end: start + 6,
    };
    let html = highlight_html(text, &[mark], 200);
    assert_eq!(
        html,
        "R&amp;D &lt;b&gt;<mark>vision</mark>&lt;/b&gt; par ordinateur"
    );
    // A long description is cut around its first match.
    let long = format!("{} vision {}", "mot ".repeat(100), "fin ".repeat(100));
    let start = long.find("vision").expect("vision");
    let mark = Range {
        start,
        end: start + 6,
    };
    let html = highlight_html(&long, &[mark], 80);
    assert!(html.starts_with('…') && html.ends_with('…'), "{html}");
    assert!(html.contains("<mark>vision</mark>"), "{html}");
    assert!(html.chars().count() < 100, "{html}");
}

#[test]
fn the_search_index_survives_an_empty_ecosystem() {
    let eco = Ecosystem::default();
    let index = SearchIndex::build(&eco);
    assert!(found(&index, &eco, "vision").is_empty());
}
