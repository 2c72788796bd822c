//! Generators that turn the public reference data of `reference/` into the project's RDF
//! files: NAICS Canada 2022 as a SKOS scheme, and the territory (municipalities, MRCs,
//! administrative regions, ZEM membership). Both are deterministic: the same input gives
//! byte-identical output, so the committed files can be checked by regenerating them.

pub mod naics;
pub mod synthetic;
pub mod territory;

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use maillage_model::vocab;
use maillage_store::oxigraph::io::{RdfFormat, RdfSerializer};
use maillage_store::oxigraph::model::{Literal, NamedNode, Triple};

/// Collects triples and writes them as Turtle with the project's prefixes.
#[derive(Default)]
pub struct TripleSink {
    triples: Vec<Triple>,
}

impl TripleSink {
    pub fn add(&mut self, s: &str, p: &str, o: impl Into<maillage_store::oxigraph::model::Term>) {
        self.triples.push(Triple::new(
            NamedNode::new_unchecked(s),
            NamedNode::new_unchecked(p),
            o,
        ));
    }

    pub fn iri(&mut self, s: &str, p: &str, o: &str) {
        self.add(s, p, NamedNode::new_unchecked(o));
    }

    pub fn lang(&mut self, s: &str, p: &str, value: &str, lang: &str) {
        if let Ok(lit) = Literal::new_language_tagged_literal(value, lang) {
            self.add(s, p, lit);
        }
    }

    pub fn string(&mut self, s: &str, p: &str, value: &str) {
        self.add(s, p, Literal::new_simple_literal(value));
    }

    pub fn typed(&mut self, s: &str, p: &str, value: &str, datatype: &str) {
        self.add(
            s,
            p,
            Literal::new_typed_literal(value, NamedNode::new_unchecked(datatype)),
        );
    }

    /// An `xsd:integer` literal.
    pub fn integer(&mut self, s: &str, p: &str, value: u64) {
        self.typed(s, p, &value.to_string(), &xsd("integer"));
    }

    pub fn len(&self) -> usize {
        self.triples.len()
    }

    pub fn write_turtle(self, header: &str, mut out: impl Write) -> Result<()> {
        for line in header.lines() {
            writeln!(out, "# {line}")?;
        }
        let mut serializer = RdfSerializer::from_format(RdfFormat::Turtle);
        for (prefix, ns) in vocab::PREFIXES {
            serializer = serializer.with_prefix(*prefix, *ns)?;
        }
        let mut writer = serializer.for_writer(out);
        for t in &self.triples {
            writer.serialize_triple(t)?;
        }
        writer.finish().context("cannot write Turtle")?;
        Ok(())
    }
}

/// Opens a CSV file with a header row; the second value finds a column by its header name (a
/// byte-order mark before the first name is ignored).
pub fn csv_with_columns(
    path: &Path,
) -> Result<(csv::Reader<std::fs::File>, impl Fn(&str) -> Result<usize>)> {
    let mut reader =
        csv::Reader::from_path(path).with_context(|| format!("cannot read {}", path.display()))?;
    let headers = reader.headers()?.clone();
    let file = path.display().to_string();
    let column = move |name: &str| -> Result<usize> {
        headers
            .iter()
            .position(|h| h.trim_start_matches('\u{feff}') == name)
            .with_context(|| format!("{file}: no column {name:?}"))
    };
    Ok((reader, column))
}

pub fn rdf(local: &str) -> String {
    format!("{}{local}", vocab::RDF)
}
pub fn rdfs(local: &str) -> String {
    format!("{}{local}", vocab::RDFS)
}
pub fn skos(local: &str) -> String {
    format!("{}{local}", vocab::SKOS)
}
pub fn xsd(local: &str) -> String {
    format!("{}{local}", vocab::XSD)
}
pub fn dcterms(local: &str) -> String {
    format!("{}{local}", vocab::DCTERMS)
}
