//! SHACL validation with rudof's `shacl_validation` (SHACL Core, native engine).
//!
//! The data graph handed to the validator is the whole dataset a write would produce (all named
//! graphs merged), so that `sh:class` checks see the types of referenced municipalities and
//! concepts, and `sh:targetClass` sees the ontology's `rdfs:subClassOf` hierarchy.

use std::fmt;

use oxigraph::model::TripleRef;
use rudof_rdf::rdf_core::RDFFormat;
use rudof_rdf::rdf_impl::OxigraphInMemory;
use shacl::ir::IRSchema;
use shacl::types::Severity;
use shacl::validator::processor::{GraphValidation, ShaclProcessor};
use shacl::validator::store::{Graph, ShaclDataManager};
use shacl::validator::{ShaclConfig, ShaclValidationMode};

use crate::embedded;
use crate::error::{ShapesError, StoreError};

/// One shape violation: the node that failed, the property path, the offending value and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    pub focus_node: String,
    pub path: Option<String>,
    pub value: Option<String>,
    /// The SHACL constraint component (e.g. `sh:MinCountConstraintComponent`).
    pub component: String,
    /// The shape's `sh:message` in English (or a generic reason).
    pub message: String,
    /// The shape's `sh:message` in French, when it has one.
    pub message_fr: Option<String>,
    /// `Violation` or `Warning`, …
    pub severity: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "focus node {}", self.focus_node)?;
        if let Some(path) = &self.path {
            write!(f, ", path {path}")?;
        }
        if let Some(value) = &self.value {
            write!(f, ", value {value}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Compiled shapes, ready to validate data graphs.
#[derive(Clone, Debug)]
pub struct Validator {
    schema: IRSchema,
}

impl Validator {
    /// Compiles shapes from Turtle text.
    pub fn from_turtle(turtle: &[u8], source_name: &str) -> Result<Self, StoreError> {
        let mut reader = turtle;
        let schema = ShaclDataManager::load(&mut reader, source_name, &RDFFormat::Turtle, None)
            .map_err(ShapesError::from)?;
        Ok(Validator { schema })
    }

    /// The shapes embedded in the binary (`ontology/shapes.ttl`).
    pub fn embedded() -> Result<Self, StoreError> {
        let shapes = embedded::shapes().ok_or(StoreError::Shapes(ShapesError::Missing))?;
        Self::from_turtle(shapes.content, shapes.path)
    }

    /// Validates a data graph. Only results of severity `Violation` are returned; warnings and
    /// informational results do not block a write.
    pub fn validate<'a>(
        &self,
        triples: impl IntoIterator<Item = TripleRef<'a>>,
    ) -> Result<Vec<Violation>, StoreError> {
        let mut graph = OxigraphInMemory::new();
        for t in triples {
            graph
                .add_triple_ref(t.subject, t.predicate, t.object)
                .map_err(ShapesError::from)?;
        }
        let mut validation = GraphValidation::new(Graph::from(graph));
        let report = validation
            .validate(
                &self.schema,
                &ShaclValidationMode::Native,
                &ShaclConfig::new(),
            )
            .map_err(ShapesError::from)?;
        let mut violations: Vec<Violation> = report
            .results()
            .iter()
            .filter(|r| matches!(r.severity(), Severity::Violation))
            .map(|r| {
                let component = r.constraint_component().to_string();
                let mut message_en = None;
                let mut message_fr = None;
                let mut message_any = None;
                for (lang, text) in r.message().iter() {
                    match lang.as_ref().map(|l| l.to_string().to_ascii_lowercase()) {
                        Some(l) if l.starts_with("en") => message_en = Some(text.clone()),
                        Some(l) if l.starts_with("fr") => message_fr = Some(text.clone()),
                        _ => message_any = Some(text.clone()),
                    }
                }
                Violation {
                    focus_node: r.focus_node().to_string(),
                    path: r.path().map(|p| p.to_string()),
                    value: r.value().map(|v| v.to_string()),
                    message: message_en
                        .or(message_any)
                        .unwrap_or_else(|| describe_component(&component)),
                    message_fr,
                    component,
                    severity: "Violation".into(),
                }
            })
            .collect();
        violations.sort_by(|a, b| {
            (&a.focus_node, &a.path, &a.component).cmp(&(&b.focus_node, &b.path, &b.component))
        });
        violations.dedup();
        Ok(violations)
    }
}

/// A plain-language reason for the common SHACL Core components, used when the shape gives no
/// `sh:message`.
fn describe_component(component: &str) -> String {
    let local = component
        .trim_start_matches('<')
        .trim_end_matches('>')
        .rsplit(['#', ':'])
        .next()
        .unwrap_or(component);
    let reason = match local {
        "MinCountConstraintComponent" => "a required value is missing",
        "MaxCountConstraintComponent" => "too many values",
        "ClassConstraintComponent" => "the value is not of the expected class",
        "DatatypeConstraintComponent" => "the value has the wrong datatype",
        "NodeKindConstraintComponent" => "the value is of the wrong kind (IRI, literal…)",
        "LanguageInConstraintComponent" => "the value has a language tag that is not allowed",
        "QualifiedMinCountConstraintComponent" => {
            "not enough values of the required form (e.g. a label in French)"
        }
        "MinInclusiveConstraintComponent" | "MinExclusiveConstraintComponent" => {
            "the value is too small"
        }
        "MaxInclusiveConstraintComponent" | "MaxExclusiveConstraintComponent" => {
            "the value is too large"
        }
        "PatternConstraintComponent" => "the value does not match the expected pattern",
        "InConstraintComponent" => "the value is not one of the allowed values",
        "UniqueLangConstraintComponent" => "several values share a language",
        _ => local,
    };
    reason.to_owned()
}
