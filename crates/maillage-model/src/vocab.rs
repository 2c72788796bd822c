//! IRIs of the Maillage vocabulary and data, kept in one place. These are a public contract:
//! queries and other programs depend on them (see `docs/ontology.md`).

/// Ontology namespace (`mo:`).
pub const MO: &str = "https://w3id.org/maillage/ontology#";
/// Data namespace: `{ID}{kind}/{slug}`.
pub const ID: &str = "https://w3id.org/maillage/id/";
/// Named graphs: `{GRAPH}{name}`.
pub const GRAPH: &str = "https://w3id.org/maillage/graph/";
/// The Zone économique métropolitaine de Québec.
pub const ZEM: &str = "https://w3id.org/maillage/id/zone/zem-quebec";
/// The Scale AI envelope for ZEM projects ($4,348,000).
pub const ZEM_ENVELOPE: &str = "https://w3id.org/maillage/id/envelope/scale-ai-zem-2025";
/// The confidential graph of the selection pipeline: candidate projects, and every project's
/// confidential facts (requested amount, total cost, contacts, notes, status history).
pub const PIPELINE_GRAPH: &str = "https://w3id.org/maillage/graph/private/pipeline";
/// The open graph of the public facts of funded projects (published when they are funded).
pub const PROJECTS_GRAPH: &str = "https://w3id.org/maillage/graph/projects";
/// Concept schemes.
pub const SCHEME_AI_EXPERTISE: &str = "https://w3id.org/maillage/id/scheme/ai-expertise";
pub const SCHEME_NAICS: &str = "https://w3id.org/maillage/id/scheme/naics-2022";
pub const SCHEME_ZEM_AXES: &str = "https://w3id.org/maillage/id/scheme/zem-axes";

pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
pub const OWL: &str = "http://www.w3.org/2002/07/owl#";
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
pub const DCTERMS: &str = "http://purl.org/dc/terms/";
pub const SCHEMA: &str = "https://schema.org/";
pub const ORG: &str = "http://www.w3.org/ns/org#";
pub const PROV: &str = "http://www.w3.org/ns/prov#";
pub const WGS84: &str = "http://www.w3.org/2003/01/geo/wgs84_pos#";
pub const SH: &str = "http://www.w3.org/ns/shacl#";

/// The prefixes used in SPARQL text and Turtle output, in a stable order.
pub const PREFIXES: &[(&str, &str)] = &[
    ("mo", MO),
    ("id", ID),
    ("rdf", RDF),
    ("rdfs", RDFS),
    ("owl", OWL),
    ("xsd", XSD),
    ("skos", SKOS),
    ("dcterms", DCTERMS),
    ("schema", SCHEMA),
    ("org", ORG),
    ("prov", PROV),
    ("wgs84", WGS84),
];

/// The prefixes as a SPARQL prologue.
pub fn sparql_prologue() -> String {
    PREFIXES
        .iter()
        .map(|(p, ns)| format!("PREFIX {p}: <{ns}>\n"))
        .collect()
}

/// `mo:` term.
pub fn mo(local: &str) -> String {
    format!("{MO}{local}")
}

/// A data IRI `https://w3id.org/maillage/id/{kind}/{slug}`.
pub fn id(kind: &str, slug: &str) -> String {
    format!("{ID}{kind}/{slug}")
}

/// A named graph IRI `https://w3id.org/maillage/graph/{name}`.
pub fn graph(name: &str) -> String {
    format!("{GRAPH}{name}")
}

/// The municipality IRI for a MAMH code.
pub fn municipality(mamh_code: &str) -> String {
    id("municipality", mamh_code)
}

/// A slug as the data conventions define it: lower case, accents removed, every run of other
/// characters replaced by one `-`.
pub fn slugify(name: &str) -> String {
    let mut slug = String::with_capacity(name.len());
    let mut pending_dash = false;
    for c in fold_accents(name).chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push(c.to_ascii_lowercase());
        } else {
            pending_dash = true;
        }
    }
    slug
}

/// Removes diacritics (Unicode canonical decomposition, combining marks dropped) and spells out
/// the ligatures French uses; the basis of slugs and accent-insensitive search.
pub fn fold_accents(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(|c| {
            let spelled: &str = match c {
                'œ' => "oe",
                'Œ' => "OE",
                'æ' => "ae",
                'Æ' => "AE",
                'ß' => "ss",
                '\u{2019}' | '\u{2018}' => "'",
                _ => "",
            };
            let single = spelled.is_empty().then_some(c);
            spelled.chars().chain(single)
        })
        .collect()
}

/// Lower-cases and folds accents: the key used for accent- and case-insensitive matching.
pub fn search_key(text: &str) -> String {
    fold_accents(text).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_follow_the_data_conventions() {
        assert_eq!(slugify("Cégep Garneau"), "cegep-garneau");
        assert_eq!(
            slugify("Institut national d'optique"),
            "institut-national-d-optique"
        );
        assert_eq!(slugify("  Œuvre -- Été  "), "oeuvre-ete");
    }

    #[test]
    fn search_key_ignores_case_and_accents() {
        assert_eq!(search_key("Détection d’OBJETS"), "detection d'objets");
        assert_eq!(search_key("Lévis"), search_key("LEVIS"));
    }
}
