//! Reads W3C test manifests (Turtle) into [`TestCase`]s: the HTTP exchanges of each test as the
//! manifest encodes them (`ht:requests`, `ht:resp`), and the graphs to load before it
//! (`ut:graphData`). Nothing here is re-typed by hand: every request and expectation comes from
//! the manifest's triples.

use std::path::{Path, PathBuf};

use maillage_store::oxigraph::io::{RdfFormat, RdfParser};
use maillage_store::oxigraph::model::vocab::rdf;
use maillage_store::oxigraph::model::{
    Graph, NamedNode, NamedNodeRef, NamedOrBlankNode, NamedOrBlankNodeRef, Term, TermRef,
};

const MF: &str = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#";
const HT: &str = "http://www.w3.org/2011/http#";
const HTS: &str = "http://www.w3.org/2011/http-statusCodes#";
const CNT: &str = "http://www.w3.org/2011/content#";
const UT: &str = "http://www.w3.org/2009/sparql/tests/test-update#";
const RDFS_LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";

/// Why a manifest could not be read.
#[derive(Debug)]
pub struct ManifestError(pub String);

impl std::fmt::Display for ManifestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ManifestError {}

fn error(message: impl Into<String>) -> ManifestError {
    ManifestError(message.into())
}

/// One manifest file (its `mf:include`s are read as part of it).
#[derive(Debug)]
pub struct Manifest {
    pub label: String,
    pub path: PathBuf,
    pub tests: Vec<TestCase>,
}

/// What kind of test, from its `rdf:type`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TestKind {
    Protocol,
    GraphStore,
    ServiceDescription,
    Other(String),
}

/// One test of a manifest.
#[derive(Debug, Clone)]
pub struct TestCase {
    pub iri: String,
    pub name: String,
    pub kind: TestKind,
    /// `ut:graphData`: (file, named graph IRI) to load before the test.
    pub graph_data: Vec<(PathBuf, String)>,
    /// `ht:connectionAuthority` of the test's connection (e.g. `www.example`).
    pub authority: Option<String>,
    pub exchanges: Vec<Exchange>,
    /// `mf:requires` features (local names).
    pub requires: Vec<String>,
}

impl TestCase {
    /// The local name of the test IRI (after `#`).
    pub fn local_name(&self) -> &str {
        self.iri.rsplit('#').next().unwrap_or(&self.iri)
    }
}

/// A request body and the character encoding it must be sent in.
#[derive(Debug, Clone)]
pub struct Body {
    pub chars: String,
    pub encoding: String,
}

/// One `ht:Request` and its expected `ht:Response`.
#[derive(Debug, Clone)]
pub struct Exchange {
    pub method: String,
    pub absolute_path: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<Body>,
    pub expect: Expected,
}

impl Exchange {
    /// The value of a request header (case-insensitive name).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// An acceptable status: one code or a class (`hts:StatusCode2xx`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusExpectation {
    Code(u16),
    Class(u16),
}

impl StatusExpectation {
    pub fn accepts(self, status: u16) -> bool {
        match self {
            StatusExpectation::Code(c) => c == status,
            StatusExpectation::Class(c) => status / 100 == c,
        }
    }
}

impl std::fmt::Display for StatusExpectation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StatusExpectation::Code(c) => write!(f, "{c}"),
            StatusExpectation::Class(c) => write!(f, "{c}xx"),
        }
    }
}

/// The expectations of an `ht:Response`.
#[derive(Debug, Clone, Default)]
pub struct Expected {
    /// `mf:expectedStatus` (any one of them).
    pub statuses: Vec<StatusExpectation>,
    /// `mf:expectedFormat`: `boolean`, `tabular` or `RDF`.
    pub format: Option<String>,
    /// `mf:expectedBoolean`.
    pub boolean: Option<bool>,
    /// `mf:expectedLocation`: the template variable the `Location` header's value binds.
    pub location_variable: Option<String>,
    /// Response headers (`ht:headers` of the response).
    pub headers: Vec<(String, String)>,
    /// Response body (`ht:body`): an RDF document the response must be isomorphic to.
    pub body: Option<Body>,
}

/// The `file:` IRI of a path (the base IRI of a manifest).
pub fn file_iri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// Reads a manifest and the manifests it includes.
pub fn load(path: &Path) -> Result<Manifest, ManifestError> {
    let path = path
        .canonicalize()
        .map_err(|e| error(format!("{}: {e}", path.display())))?;
    let graph = parse_turtle(&path)?;
    let me = NamedNode::new(file_iri(&path)).map_err(|e| error(e.to_string()))?;
    let label = literal(&graph, me.as_ref().into(), RDFS_LABEL)
        .unwrap_or_else(|| path.display().to_string());
    let mut tests = Vec::new();
    if let Some(entries) = object(&graph, me.as_ref().into(), &format!("{MF}entries")) {
        for entry in list(&graph, entry_node(&entries)?)? {
            let TermRef::NamedNode(test) = entry.as_ref() else {
                return Err(error("a manifest entry is not an IRI"));
            };
            tests.push(read_test(&graph, test)?);
        }
    }
    if let Some(includes) = object(&graph, me.as_ref().into(), &format!("{MF}include")) {
        for included in list(&graph, entry_node(&includes)?)? {
            let Term::NamedNode(iri) = included else {
                return Err(error("an mf:include is not an IRI"));
            };
            let file = iri
                .as_str()
                .strip_prefix("file://")
                .ok_or_else(|| error(format!("cannot open included manifest {iri}")))?;
            tests.extend(load(Path::new(file))?.tests);
        }
    }
    Ok(Manifest { label, path, tests })
}

fn parse_turtle(path: &Path) -> Result<Graph, ManifestError> {
    let bytes = std::fs::read(path).map_err(|e| error(format!("{}: {e}", path.display())))?;
    let mut graph = Graph::new();
    let parser = RdfParser::from_format(RdfFormat::Turtle)
        .with_base_iri(file_iri(path))
        .map_err(|e| error(e.to_string()))?;
    for quad in parser.for_slice(&bytes) {
        let quad = quad.map_err(|e| error(format!("{}: {e}", path.display())))?;
        graph.insert(quad.as_ref());
    }
    Ok(graph)
}

fn entry_node(term: &Term) -> Result<NamedOrBlankNodeRef<'_>, ManifestError> {
    match term {
        Term::NamedNode(n) => Ok(n.as_ref().into()),
        Term::BlankNode(b) => Ok(b.as_ref().into()),
        _ => Err(error("expected a node, found a literal")),
    }
}

fn predicate(iri: &str) -> NamedNodeRef<'_> {
    NamedNodeRef::new_unchecked(iri)
}

fn object(graph: &Graph, subject: NamedOrBlankNodeRef<'_>, p: &str) -> Option<Term> {
    graph
        .object_for_subject_predicate(subject, predicate(p))
        .map(TermRef::into_owned)
}

fn objects(graph: &Graph, subject: NamedOrBlankNodeRef<'_>, p: &str) -> Vec<Term> {
    let mut all: Vec<Term> = graph
        .objects_for_subject_predicate(subject, predicate(p))
        .map(TermRef::into_owned)
        .collect();
    all.sort_by_key(ToString::to_string);
    all
}

fn literal(graph: &Graph, subject: NamedOrBlankNodeRef<'_>, p: &str) -> Option<String> {
    match object(graph, subject, p)? {
        Term::Literal(l) => Some(l.value().to_owned()),
        _ => None,
    }
}

/// The members of an RDF list, in order.
fn list(graph: &Graph, head: NamedOrBlankNodeRef<'_>) -> Result<Vec<Term>, ManifestError> {
    let mut items = Vec::new();
    let mut node: NamedOrBlankNode = head.into_owned();
    while node.as_ref() != NamedOrBlankNodeRef::NamedNode(rdf::NIL) {
        let first = object(graph, node.as_ref(), rdf::FIRST.as_str())
            .ok_or_else(|| error("an RDF list cell has no rdf:first"))?;
        items.push(first);
        node = match object(graph, node.as_ref(), rdf::REST.as_str()) {
            Some(Term::NamedNode(n)) => n.into(),
            Some(Term::BlankNode(b)) => b.into(),
            _ => return Err(error("an RDF list cell has no rdf:rest")),
        };
    }
    Ok(items)
}

fn local_name(iri: &str) -> &str {
    iri.rsplit(['#', '/']).next().unwrap_or(iri)
}

fn read_test(graph: &Graph, test: NamedNodeRef<'_>) -> Result<TestCase, ManifestError> {
    let subject: NamedOrBlankNodeRef<'_> = test.into();
    let kind = match object(graph, subject, rdf::TYPE.as_str()) {
        Some(Term::NamedNode(t)) => match local_name(t.as_str()) {
            "ProtocolTest" => TestKind::Protocol,
            "GraphStoreProtocolTest" => TestKind::GraphStore,
            "ServiceDescriptionTest" => TestKind::ServiceDescription,
            other => TestKind::Other(other.to_owned()),
        },
        _ => TestKind::Other("untyped".into()),
    };
    let name = literal(graph, subject, &format!("{MF}name")).unwrap_or_default();
    let mut graph_data = Vec::new();
    for data in objects(graph, subject, &format!("{UT}graphData")) {
        let node = entry_node(&data)?;
        let Some(Term::NamedNode(file)) = object(graph, node, &format!("{UT}graph")) else {
            return Err(error(format!("{test}: ut:graphData without ut:graph")));
        };
        let label = literal(graph, node, RDFS_LABEL)
            .ok_or_else(|| error(format!("{test}: ut:graphData without rdfs:label")))?;
        let path = file
            .as_str()
            .strip_prefix("file://")
            .ok_or_else(|| error(format!("{test}: graph file {file} is not local")))?;
        graph_data.push((PathBuf::from(path), label));
    }
    let requires = objects(graph, subject, &format!("{MF}requires"))
        .iter()
        .filter_map(|t| match t {
            Term::NamedNode(n) => Some(local_name(n.as_str()).to_owned()),
            _ => None,
        })
        .collect();
    let mut authority = None;
    let mut exchanges = Vec::new();
    if let Some(action) = object(graph, subject, &format!("{MF}action")) {
        let connection = entry_node(&action)?;
        authority = literal(graph, connection, &format!("{HT}connectionAuthority"));
        if let Some(requests) = object(graph, connection, &format!("{HT}requests")) {
            for request in list(graph, entry_node(&requests)?)? {
                exchanges.push(read_exchange(graph, entry_node(&request)?)?);
            }
        }
    }
    Ok(TestCase {
        iri: test.as_str().to_owned(),
        name,
        kind,
        graph_data,
        authority,
        exchanges,
        requires,
    })
}

fn read_headers(
    graph: &Graph,
    node: NamedOrBlankNodeRef<'_>,
) -> Result<Vec<(String, String)>, ManifestError> {
    let mut headers = Vec::new();
    if let Some(list_head) = object(graph, node, &format!("{HT}headers")) {
        for header in list(graph, entry_node(&list_head)?)? {
            let h = entry_node(&header)?;
            let name = literal(graph, h, &format!("{HT}fieldName"))
                .ok_or_else(|| error("a header without ht:fieldName"))?;
            let value = literal(graph, h, &format!("{HT}fieldValue"))
                .ok_or_else(|| error("a header without ht:fieldValue"))?;
            headers.push((name, value));
        }
    }
    Ok(headers)
}

fn read_body(graph: &Graph, node: NamedOrBlankNodeRef<'_>) -> Result<Option<Body>, ManifestError> {
    let Some(body) = object(graph, node, &format!("{HT}body")) else {
        return Ok(None);
    };
    let body = entry_node(&body)?;
    let chars = literal(graph, body, &format!("{CNT}chars"))
        .ok_or_else(|| error("an ht:body without cnt:chars"))?;
    let encoding =
        literal(graph, body, &format!("{CNT}characterEncoding")).unwrap_or_else(|| "UTF-8".into());
    Ok(Some(Body { chars, encoding }))
}

fn read_exchange(
    graph: &Graph,
    request: NamedOrBlankNodeRef<'_>,
) -> Result<Exchange, ManifestError> {
    let method = literal(graph, request, &format!("{HT}methodName"))
        .ok_or_else(|| error("an ht:Request without ht:methodName"))?;
    let absolute_path = literal(graph, request, &format!("{HT}absolutePath"))
        .ok_or_else(|| error("an ht:Request without ht:absolutePath"))?;
    let headers = read_headers(graph, request)?;
    let body = read_body(graph, request)?;
    let mut expect = Expected::default();
    if let Some(response) = object(graph, request, &format!("{HT}resp")) {
        let response = entry_node(&response)?;
        for status in objects(graph, response, &format!("{MF}expectedStatus")) {
            let Term::NamedNode(status) = status else {
                return Err(error("mf:expectedStatus is not an IRI"));
            };
            expect.statuses.push(status_expectation(status.as_str())?);
        }
        expect.format = literal(graph, response, &format!("{MF}expectedFormat"));
        expect.boolean = match object(graph, response, &format!("{MF}expectedBoolean")) {
            Some(Term::Literal(l)) => Some(matches!(l.value(), "true" | "1")),
            _ => None,
        };
        expect.location_variable = literal(graph, response, &format!("{MF}expectedLocation"));
        expect.headers = read_headers(graph, response)?;
        expect.body = read_body(graph, response)?;
    }
    Ok(Exchange {
        method,
        absolute_path,
        headers,
        body,
        expect,
    })
}

/// An `hts:` status term: `StatusCode2xx` (a class) or a reason phrase (`NoContent`).
fn status_expectation(iri: &str) -> Result<StatusExpectation, ManifestError> {
    let name = iri
        .strip_prefix(HTS)
        .ok_or_else(|| error(format!("unknown status term {iri}")))?;
    if let Some(class) = name
        .strip_prefix("StatusCode")
        .and_then(|c| c.strip_suffix("xx"))
        .and_then(|c| c.parse().ok())
    {
        return Ok(StatusExpectation::Class(class));
    }
    let code = match name {
        "OK" => 200,
        "Created" => 201,
        "Accepted" => 202,
        "NoContent" => 204,
        "MovedPermanently" => 301,
        "Found" => 302,
        "SeeOther" => 303,
        "NotModified" => 304,
        "BadRequest" => 400,
        "Unauthorized" => 401,
        "Forbidden" => 403,
        "NotFound" => 404,
        "MethodNotAllowed" => 405,
        "NotAcceptable" => 406,
        "Conflict" => 409,
        "RequestEntityTooLarge" => 413,
        "UnsupportedMediaType" => 415,
        "InternalServerError" => 500,
        "NotImplemented" => 501,
        _ => return Err(error(format!("unknown status term {iri}"))),
    };
    Ok(StatusExpectation::Code(code))
}
