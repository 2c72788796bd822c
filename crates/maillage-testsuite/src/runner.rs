//! Runs one test against a fresh server: each manifest request is mapped onto Maillage's
//! endpoints, sent over HTTP, and its response checked against the manifest's expectations.
//!
//! Path mapping (the manifests say the prefixes are the endpoint's to choose):
//! - `/sparql/...` → `/update` for updates (`application/sparql-update`, an `update=` or
//!   `using-*` parameter, or a body that is an update and not a query), `/sparql` otherwise;
//! - `/gsp?...` → `/store?...` (indirect identification, and POST to the store itself);
//! - `/gsp/<path>` (direct identification, which Maillage does not serve) →
//!   `/store?graph=http://<connection authority>/gsp/<path>`: the graph IRI the direct request
//!   names, identified indirectly.

use std::collections::HashMap;
use std::time::Duration;

use maillage_store::oxigraph::io::{RdfFormat, RdfParser};
use maillage_store::oxigraph::model::dataset::CanonicalizationAlgorithm;
use maillage_store::oxigraph::model::{Graph, NamedNodeRef, TermRef};
use maillage_store::oxigraph::sparql::SparqlEvaluator;
use maillage_store::oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, SliceQueryResultsParserOutput,
};
use reqwest::Url;
use reqwest::blocking::Client;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use crate::manifest::{Body, Exchange, TestCase, TestKind};
use crate::server::{TOKEN, TestServer};

/// The HTTP client of the runner: no redirects followed (3xx are checked as sent).
pub fn client() -> Client {
    Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(60))
        .build()
        .expect("an HTTP client")
}

/// Runs one test on its own fresh server; `Err` explains the first failed expectation.
pub fn run(test: &TestCase, client: &Client) -> Result<(), String> {
    let server = TestServer::start(&test.graph_data)?;
    match test.kind {
        TestKind::Protocol | TestKind::GraphStore => {
            let mut variables: HashMap<String, String> = HashMap::new();
            for (index, exchange) in test.exchanges.iter().enumerate() {
                run_exchange(test, exchange, &server, client, &mut variables)
                    .map_err(|e| format!("request {}: {e}", index + 1))?;
            }
            if test.exchanges.is_empty() {
                return Err("the test has no HTTP requests".into());
            }
            Ok(())
        }
        TestKind::ServiceDescription => service_description(test, &server, client),
        TestKind::Other(ref kind) => Err(format!("unknown test type {kind}")),
    }
}

/// The request as sent to Maillage.
struct Mapped {
    path_and_query: String,
    write: bool,
}

fn content_type_essence(value: Option<&str>) -> Option<String> {
    value
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
}

/// Keys of an `application/x-www-form-urlencoded` string.
fn form_keys(encoded: &str) -> Vec<String> {
    let url = Url::parse("http://form.invalid/").expect("a fixed URL");
    let mut url = url;
    url.set_query(Some(encoded));
    url.query_pairs().map(|(k, _)| k.into_owned()).collect()
}

fn is_update(exchange: &Exchange, query_string: &str, body: &str) -> bool {
    let content_type = content_type_essence(exchange.header("content-type"));
    match content_type.as_deref() {
        Some("application/sparql-update") => return true,
        Some("application/sparql-query") => return false,
        _ => {}
    }
    let mut keys = form_keys(query_string);
    if matches!(
        content_type.as_deref(),
        None | Some("application/x-www-form-urlencoded")
    ) {
        keys.extend(form_keys(body));
    }
    if keys.iter().any(|k| {
        matches!(
            k.as_str(),
            "update" | "using-graph-uri" | "using-named-graph-uri"
        )
    }) {
        return true;
    }
    if keys.iter().any(|k| k == "query") || body.is_empty() {
        return false;
    }
    // A bare body with no (or a wrong) media type: an update if it parses as one and not as a
    // query.
    let parser = || {
        SparqlEvaluator::new()
            .with_base_iri("http://www.example/sparql/")
            .expect("a valid base IRI")
    };
    parser().parse_query(body).is_err() && parser().parse_update(body).is_ok()
}

fn map_path(
    test: &TestCase,
    exchange: &Exchange,
    path: &str,
    body: &str,
) -> Result<Mapped, String> {
    let read = matches!(exchange.method.as_str(), "GET" | "HEAD");
    if let Some(rest) = path.strip_prefix("/sparql") {
        let rest = rest.strip_prefix('/').unwrap_or(rest);
        let query_string = rest.strip_prefix('?').unwrap_or(rest);
        if !rest.is_empty() && !rest.starts_with('?') {
            return Err(format!("unexpected protocol path {path}"));
        }
        let update = is_update(exchange, query_string, body);
        let endpoint = if update { "/update" } else { "/sparql" };
        let path_and_query = if query_string.is_empty() {
            endpoint.to_owned()
        } else {
            format!("{endpoint}?{query_string}")
        };
        return Ok(Mapped {
            path_and_query,
            write: update,
        });
    }
    if let Some(rest) = path.strip_prefix("/gsp") {
        if rest.is_empty() || rest.starts_with('?') {
            return Ok(Mapped {
                path_and_query: format!("/store{rest}"),
                write: !read,
            });
        }
        if rest.starts_with('/') {
            let authority = test
                .authority
                .as_deref()
                .ok_or("direct identification needs ht:connectionAuthority")?;
            let iri = format!("http://{authority}/gsp{rest}");
            let mut url = Url::parse("http://store.invalid/store").expect("a fixed URL");
            url.query_pairs_mut().append_pair("graph", &iri);
            return Ok(Mapped {
                path_and_query: format!("/store?{}", url.query().unwrap_or_default()),
                write: !read,
            });
        }
    }
    Err(format!("no Maillage endpoint for the path {path}"))
}

fn encode(body: &Body, chars: &str) -> Result<Vec<u8>, String> {
    match body.encoding.to_ascii_uppercase().as_str() {
        "UTF-8" => Ok(chars.as_bytes().to_vec()),
        "UTF-16" => {
            // RFC 2781: big-endian with a byte-order mark.
            let mut bytes = vec![0xFE, 0xFF];
            for unit in chars.encode_utf16() {
                bytes.extend(unit.to_be_bytes());
            }
            Ok(bytes)
        }
        other => Err(format!("cannot encode a body in {other}")),
    }
}

fn substitute(text: &str, variables: &HashMap<String, String>) -> String {
    variables
        .iter()
        .fold(text.to_owned(), |acc, (name, value)| {
            acc.replace(name, value)
        })
}

fn snippet(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let mut s: String = text.chars().take(400).collect();
    if text.chars().count() > 400 {
        s.push('…');
    }
    s
}

fn run_exchange(
    test: &TestCase,
    exchange: &Exchange,
    server: &TestServer,
    client: &Client,
    variables: &mut HashMap<String, String>,
) -> Result<(), String> {
    let path = substitute(&exchange.absolute_path, variables);
    let chars = exchange
        .body
        .as_ref()
        .map(|b| substitute(&b.chars, variables));
    let mapped = map_path(test, exchange, &path, chars.as_deref().unwrap_or(""))?;
    let url = Url::parse(&format!("{}{}", server.base, mapped.path_and_query))
        .map_err(|e| format!("bad URL {}: {e}", mapped.path_and_query))?;
    let method = reqwest::Method::from_bytes(exchange.method.as_bytes())
        .map_err(|e| format!("bad method {}: {e}", exchange.method))?;
    let mut headers = HeaderMap::new();
    for (name, value) in &exchange.headers {
        headers.insert(
            HeaderName::from_bytes(name.as_bytes()).map_err(|e| e.to_string())?,
            HeaderValue::from_str(value).map_err(|e| e.to_string())?,
        );
    }
    if mapped.write {
        headers.insert(
            reqwest::header::AUTHORIZATION,
            HeaderValue::from_str(&format!("Bearer {TOKEN}")).map_err(|e| e.to_string())?,
        );
    }
    let mut request = client.request(method, url.clone()).headers(headers);
    if let (Some(body), Some(chars)) = (&exchange.body, &chars) {
        request = request.body(encode(body, chars)?);
    }
    let response = request
        .send()
        .map_err(|e| format!("{} {url}: {e}", exchange.method))?;
    let status = response.status().as_u16();
    let response_headers = response.headers().clone();
    let bytes = response
        .bytes()
        .map_err(|e| format!("reading the response: {e}"))?;
    let described = format!(
        "{} {} → {status} {}",
        exchange.method,
        mapped.path_and_query,
        snippet(&bytes)
    );
    let expect = &exchange.expect;
    if !expect.statuses.is_empty() && !expect.statuses.iter().any(|s| s.accepts(status)) {
        let wanted: Vec<String> = expect.statuses.iter().map(ToString::to_string).collect();
        return Err(format!(
            "expected status {}, got {described}",
            wanted.join(" or ")
        ));
    }
    let response_type = response_headers
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    for (name, value) in &expect.headers {
        let actual = response_headers
            .get(name.as_str())
            .and_then(|v| v.to_str().ok())
            .ok_or_else(|| format!("no {name} header in {described}"))?;
        let same = if name.eq_ignore_ascii_case("content-type") {
            normalise_media_type(actual) == normalise_media_type(value)
        } else {
            actual.trim() == value.trim()
        };
        if !same {
            return Err(format!("expected {name}: {value}, got {actual}"));
        }
    }
    if let Some(format) = &expect.format {
        check_format(format, expect.boolean, response_type.as_deref(), &bytes)
            .map_err(|e| format!("{e} in {described}"))?;
    }
    if let Some(expected_body) = &expect.body {
        let expected_type = expect
            .headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("content-type"))
            .map(|(_, v)| v.clone())
            .or_else(|| response_type.clone())
            .ok_or("no media type for the expected body")?;
        let expected = parse_graph(expected_body.chars.as_bytes(), &expected_type, url.as_str())
            .map_err(|e| format!("the manifest's expected body: {e}"))?;
        let actual = parse_graph(
            &bytes,
            response_type.as_deref().ok_or("no Content-Type")?,
            url.as_str(),
        )
        .map_err(|e| format!("the response body: {e}"))?;
        if expected != actual {
            return Err(format!(
                "the response graph is not isomorphic to the expected one: got {}",
                snippet(&bytes)
            ));
        }
    }
    if let Some(variable) = &expect.location_variable {
        let location = response_headers
            .get(reqwest::header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .ok_or_else(|| format!("no Location header in {described}"))?;
        variables.insert(variable.clone(), location.to_owned());
    }
    Ok(())
}

/// `Text/Turtle ;charset=UTF-8` → `text/turtle;charset=utf-8`.
fn normalise_media_type(value: &str) -> String {
    value
        .split(';')
        .map(|p| p.trim().to_ascii_lowercase().replace('"', ""))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(";")
}

fn check_format(
    format: &str,
    boolean: Option<bool>,
    content_type: Option<&str>,
    body: &[u8],
) -> Result<(), String> {
    let content_type = content_type.ok_or("no Content-Type")?;
    match format {
        "boolean" | "tabular" => {
            let results_format = QueryResultsFormat::from_media_type(content_type)
                .ok_or_else(|| format!("{content_type} is not a SPARQL results format"))?;
            let parsed = QueryResultsParser::from_format(results_format)
                .for_slice(body)
                .map_err(|e| format!("unparsable {content_type} results: {e}"))?;
            match (format, parsed) {
                ("boolean", SliceQueryResultsParserOutput::Boolean(value)) => match boolean {
                    Some(expected) if expected != value => {
                        Err(format!("expected the boolean {expected}, got {value}"))
                    }
                    _ => Ok(()),
                },
                ("tabular", SliceQueryResultsParserOutput::Solutions(solutions)) => {
                    for solution in solutions {
                        solution.map_err(|e| format!("unparsable solution: {e}"))?;
                    }
                    Ok(())
                }
                _ => Err(format!("expected {format} results")),
            }
        }
        "RDF" => parse_graph(body, content_type, "http://www.example/").map(|_| ()),
        other => Err(format!("unknown mf:expectedFormat {other:?}")),
    }
}

/// Parses an RDF document into a canonical graph (blank nodes relabelled) for comparison.
fn parse_graph(body: &[u8], content_type: &str, base: &str) -> Result<Graph, String> {
    let format = RdfFormat::from_media_type(content_type)
        .ok_or_else(|| format!("{content_type} is not an RDF format"))?;
    let parser = RdfParser::from_format(format)
        .with_base_iri(base)
        .map_err(|e| e.to_string())?;
    let mut graph = Graph::new();
    for quad in parser.for_slice(body) {
        let quad = quad.map_err(|e| format!("unparsable {content_type}: {e}"))?;
        graph.insert(quad.as_ref());
    }
    graph.canonicalize(CanonicalizationAlgorithm::Unstable);
    Ok(graph)
}

const SD: &str = "http://www.w3.org/ns/sparql-service-description#";

/// The three conformance criteria of SPARQL 1.1 Service Description §3 — the manifest has no
/// HTTP exchanges for them, only the test names.
fn service_description(
    test: &TestCase,
    server: &TestServer,
    client: &Client,
) -> Result<(), String> {
    let endpoint = format!("{}/sparql", server.base);
    let response = client
        .get(&endpoint)
        .send()
        .map_err(|e| format!("GET {endpoint}: {e}"))?;
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let bytes = response.bytes().map_err(|e| e.to_string())?;
    if status != 200 {
        return Err(format!("GET {endpoint} → {status} {}", snippet(&bytes)));
    }
    // returns-rdf: the endpoint URL, dereferenced, answers RDF.
    let graph = parse_graph(
        &bytes,
        content_type.as_deref().ok_or("no Content-Type")?,
        &endpoint,
    )?;
    let sd = |local: &str| format!("{SD}{local}");
    match test.local_name() {
        "returns-rdf" => Ok(()),
        "has-endpoint-triple" => {
            let predicate = sd("endpoint");
            let object = NamedNodeRef::new(&endpoint).map_err(|e| e.to_string())?;
            let found = graph
                .subjects_for_predicate_object(NamedNodeRef::new_unchecked(&predicate), object)
                .next()
                .is_some();
            if found {
                Ok(())
            } else {
                Err(format!("no triple ?service sd:endpoint <{endpoint}>"))
            }
        }
        "conforms-to-schema" => {
            // As the W3C validator checks it: every sd:NamedGraph has an sd:name; and every
            // sd:supportedLanguage is one of the languages the vocabulary defines.
            let rdf_type =
                NamedNodeRef::new_unchecked("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");
            let named_graph = sd("NamedGraph");
            let name = sd("name");
            for g in graph
                .subjects_for_predicate_object(rdf_type, NamedNodeRef::new_unchecked(&named_graph))
            {
                if graph
                    .object_for_subject_predicate(g, NamedNodeRef::new_unchecked(&name))
                    .is_none()
                {
                    return Err(format!("the sd:NamedGraph {g} has no sd:name"));
                }
            }
            let languages = [
                sd("SPARQL10Query"),
                sd("SPARQL11Query"),
                sd("SPARQL11Update"),
            ];
            let supported = sd("supportedLanguage");
            for t in graph.triples_for_predicate(NamedNodeRef::new_unchecked(&supported)) {
                let known = matches!(t.object, TermRef::NamedNode(n) if languages.iter().any(|l| l == n.as_str()));
                if !known {
                    return Err(format!(
                        "sd:supportedLanguage {} is not an sd:Language",
                        t.object
                    ));
                }
            }
            Ok(())
        }
        other => Err(format!(
            "no check is known for the service description test {other}"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graphs_compare_up_to_blank_node_renaming() {
        let a = parse_graph(b"_:x <http://p> \"1\" .", "text/turtle", "http://b/").expect("a");
        let b = parse_graph(
            b"[] <http://p> \"1\" .",
            "text/turtle; charset=utf-8",
            "http://b/",
        )
        .expect("b");
        let c = parse_graph(b"[] <http://p> \"2\" .", "text/turtle", "http://b/").expect("c");
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn media_types_compare_without_case_or_spaces() {
        assert_eq!(
            normalise_media_type("Text/Turtle ;charset=UTF-8"),
            normalise_media_type("text/turtle; charset=utf-8")
        );
    }

    #[test]
    fn a_boolean_result_must_have_the_expected_value() {
        let json = br#"{"head":{},"boolean":false}"#;
        assert!(
            check_format(
                "boolean",
                Some(true),
                Some("application/sparql-results+json"),
                json
            )
            .is_err()
        );
        assert!(
            check_format(
                "boolean",
                Some(false),
                Some("application/sparql-results+json"),
                json
            )
            .is_ok()
        );
        assert!(
            check_format(
                "tabular",
                None,
                Some("application/sparql-results+json"),
                json
            )
            .is_err()
        );
    }
}
