//! The default data set, embedded at build time from `ontology/` and `datasets/` (see build.rs).

use maillage_model::vocab;

/// One embedded RDF file and the named graph it is loaded into.
#[derive(Debug)]
pub struct EmbeddedFile {
    /// Short graph name: the IRI is `https://w3id.org/maillage/graph/{graph}`.
    pub graph: &'static str,
    /// Path in the source tree, for messages.
    pub path: &'static str,
    pub content: &'static [u8],
}

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// Graphs every new store gets: the vocabulary and the territory it refers to.
pub const BASE_GRAPHS: &[&str] = &["ontology", "shapes", "taxonomies", "territory"];

impl EmbeddedFile {
    pub fn graph_iri(&self) -> String {
        vocab::graph(self.graph)
    }

    pub fn is_base(&self) -> bool {
        BASE_GRAPHS.contains(&self.graph)
    }
}

/// The embedded SHACL shapes.
pub fn shapes() -> Option<&'static EmbeddedFile> {
    EMBEDDED_FILES.iter().find(|f| f.graph == "shapes")
}

/// The embedded ontology (class hierarchy used by validation).
pub fn ontology() -> Option<&'static EmbeddedFile> {
    EMBEDDED_FILES.iter().find(|f| f.graph == "ontology")
}
