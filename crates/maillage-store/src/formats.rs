//! The serialisation formats the store reads and writes, with their media types and extensions.

use oxigraph::io::RdfFormat;
use sparesults::QueryResultsFormat;

/// RDF document formats for loads, exports and CONSTRUCT/DESCRIBE results.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GraphFormat {
    Turtle,
    NTriples,
    NQuads,
    TriG,
    RdfXml,
    JsonLd,
}

impl GraphFormat {
    pub const ALL: [GraphFormat; 6] = [
        GraphFormat::Turtle,
        GraphFormat::NTriples,
        GraphFormat::NQuads,
        GraphFormat::TriG,
        GraphFormat::RdfXml,
        GraphFormat::JsonLd,
    ];

    pub fn rdf_format(self) -> RdfFormat {
        match self {
            GraphFormat::Turtle => RdfFormat::Turtle,
            GraphFormat::NTriples => RdfFormat::NTriples,
            GraphFormat::NQuads => RdfFormat::NQuads,
            GraphFormat::TriG => RdfFormat::TriG,
            GraphFormat::RdfXml => RdfFormat::RdfXml,
            GraphFormat::JsonLd => RdfFormat::JsonLd {
                profile: oxigraph::io::JsonLdProfileSet::empty(),
            },
        }
    }

    pub fn media_type(self) -> &'static str {
        match self {
            GraphFormat::Turtle => "text/turtle",
            GraphFormat::NTriples => "application/n-triples",
            GraphFormat::NQuads => "application/n-quads",
            GraphFormat::TriG => "application/trig",
            GraphFormat::RdfXml => "application/rdf+xml",
            GraphFormat::JsonLd => "application/ld+json",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            GraphFormat::Turtle => "ttl",
            GraphFormat::NTriples => "nt",
            GraphFormat::NQuads => "nq",
            GraphFormat::TriG => "trig",
            GraphFormat::RdfXml => "rdf",
            GraphFormat::JsonLd => "jsonld",
        }
    }

    /// A serializer for this format, with the project's prefixes where the format has them.
    pub fn serializer(self) -> Result<oxigraph::io::RdfSerializer, crate::StoreError> {
        let mut serializer = oxigraph::io::RdfSerializer::from_format(self.rdf_format());
        if matches!(self, GraphFormat::Turtle | GraphFormat::TriG) {
            for (prefix, ns) in maillage_model::vocab::PREFIXES {
                serializer = serializer.with_prefix(*prefix, *ns).map_err(|source| {
                    crate::StoreError::InvalidIri {
                        iri: (*ns).to_owned(),
                        source,
                    }
                })?;
            }
        }
        Ok(serializer)
    }

    /// Formats that can carry named graphs.
    pub fn supports_datasets(self) -> bool {
        matches!(self, GraphFormat::NQuads | GraphFormat::TriG)
    }

    pub fn from_extension(ext: &str) -> Option<GraphFormat> {
        match ext.to_ascii_lowercase().as_str() {
            "ttl" | "turtle" => Some(GraphFormat::Turtle),
            "nt" | "ntriples" | "n-triples" => Some(GraphFormat::NTriples),
            "nq" | "nquads" | "n-quads" => Some(GraphFormat::NQuads),
            "trig" => Some(GraphFormat::TriG),
            "rdf" | "owl" | "xml" | "rdfxml" => Some(GraphFormat::RdfXml),
            "jsonld" | "json-ld" | "json" => Some(GraphFormat::JsonLd),
            _ => None,
        }
    }

    /// From a media type such as `text/turtle; charset=utf-8`.
    pub fn from_media_type(media_type: &str) -> Option<GraphFormat> {
        let essence = media_type.split(';').next()?.trim().to_ascii_lowercase();
        match essence.as_str() {
            "text/turtle" | "application/x-turtle" => Some(GraphFormat::Turtle),
            "application/n-triples" | "text/plain" => Some(GraphFormat::NTriples),
            "application/n-quads" | "text/x-nquads" => Some(GraphFormat::NQuads),
            "application/trig" => Some(GraphFormat::TriG),
            "application/rdf+xml" | "application/xml" | "text/xml" => Some(GraphFormat::RdfXml),
            "application/ld+json" | "application/json" => Some(GraphFormat::JsonLd),
            _ => None,
        }
    }
}

/// SPARQL results formats for SELECT and ASK.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResultsFormat {
    Json,
    Xml,
    Csv,
    Tsv,
}

impl ResultsFormat {
    pub const ALL: [ResultsFormat; 4] = [
        ResultsFormat::Json,
        ResultsFormat::Xml,
        ResultsFormat::Csv,
        ResultsFormat::Tsv,
    ];

    pub fn results_format(self) -> QueryResultsFormat {
        match self {
            ResultsFormat::Json => QueryResultsFormat::Json,
            ResultsFormat::Xml => QueryResultsFormat::Xml,
            ResultsFormat::Csv => QueryResultsFormat::Csv,
            ResultsFormat::Tsv => QueryResultsFormat::Tsv,
        }
    }

    pub fn media_type(self) -> &'static str {
        self.results_format().media_type()
    }

    pub fn from_name(name: &str) -> Option<ResultsFormat> {
        match name.to_ascii_lowercase().as_str() {
            "json" | "srj" => Some(ResultsFormat::Json),
            "xml" | "srx" => Some(ResultsFormat::Xml),
            "csv" => Some(ResultsFormat::Csv),
            "tsv" => Some(ResultsFormat::Tsv),
            _ => None,
        }
    }

    pub fn from_media_type(media_type: &str) -> Option<ResultsFormat> {
        let essence = media_type.split(';').next()?.trim().to_ascii_lowercase();
        match essence.as_str() {
            "application/sparql-results+json" | "application/json" => Some(ResultsFormat::Json),
            "application/sparql-results+xml" | "application/xml" | "text/xml" => {
                Some(ResultsFormat::Xml)
            }
            "text/csv" => Some(ResultsFormat::Csv),
            "text/tab-separated-values" => Some(ResultsFormat::Tsv),
            _ => None,
        }
    }
}
