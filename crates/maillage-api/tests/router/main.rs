//! In-process tests of the whole HTTP surface: `maillage_api::router(state)` on an in-memory
//! store holding the default data, called with `tower::ServiceExt::oneshot` — no process, no
//! port, no network, so they are quick and exact (the store is at hand to count quads).
//!
//! One binary (`cargo test -p maillage-api --test router`), one module per surface:
//! `sparql` (SPARQL 1.1 Protocol), `writes` (write access, validated atomic updates, Graph Store
//! Protocol, body limit), `linked_data` (`/id/…`, the home page), `rest` (the JSON API, its spec,
//! hostile inputs, writes and analytics), `demo` (no demo record anywhere by default, all of
//! them with `--demo`), `errors` (errors for people: SPARQL syntax, parameters, unknown
//! addresses, `/docs`, `Vary`). Real-process sessions stay in the root `tests/`.

mod accounts;
mod confidential;
mod demo;
mod errors;
mod history;
mod hostile;
mod linked_data;
#[path = "../../../../tests/support/naics.rs"]
mod naics;
mod pipeline;
mod rest;
mod scores;
mod search;
mod sectors;
mod sparql;
mod views;
mod writes;

use std::sync::LazyLock;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, request};
use maillage_accounts::Accounts;
use maillage_api::{ApiConfig, AppState};
use maillage_store::MaillageStore;
use serde_json::Value;
use tower::ServiceExt;

/// The media type of an XLSX workbook.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The bearer token of the writable test apps.
pub const TOKEN: &str = "s3cret-token";

/// An application on its own in-memory store.
#[derive(Debug)]
pub struct App {
    pub router: Router,
    pub store: MaillageStore,
    /// The app's accounts database (in memory): tests add users and tokens to it.
    pub accounts: Accounts,
}

/// A store holding the whole default data set, loaded (and validated) like `serve` does.
fn default_store() -> MaillageStore {
    let store = MaillageStore::in_memory().expect("an in-memory store");
    store
        .load_embedded(|_| true, |_, _| {})
        .expect("the default data loads");
    store
}

impl App {
    /// One read-only application shared by the tests of this binary that only read.
    pub fn shared() -> &'static App {
        static SHARED: LazyLock<App> = LazyLock::new(|| App::with(ApiConfig::default()));
        &SHARED
    }

    /// One read-only application that serves the demo graph (`serve --demo`), shared by the
    /// tests that read demo records.
    pub fn demo() -> &'static App {
        static DEMO: LazyLock<App> = LazyLock::new(|| {
            App::with(ApiConfig {
                demo: true,
                ..ApiConfig::default()
            })
        });
        &DEMO
    }

    /// A fresh application that serves the demo graph and accepts writes with [`TOKEN`].
    pub fn writable_demo() -> App {
        App::with(ApiConfig {
            write_token: Some(TOKEN.to_owned()),
            demo: true,
            ..ApiConfig::default()
        })
    }

    /// A fresh application that accepts writes with [`TOKEN`], for a test that writes.
    pub fn writable() -> App {
        App::with(ApiConfig {
            write_token: Some(TOKEN.to_owned()),
            ..ApiConfig::default()
        })
    }

    pub fn with(config: ApiConfig) -> App {
        let store = default_store();
        let accounts = Accounts::in_memory().expect("an in-memory accounts database");
        let state =
            AppState::new(store.clone(), config, accounts.clone()).expect("the first snapshot");
        App {
            router: maillage_api::router(state),
            store,
            accounts,
        }
    }

    /// Quads in the store right now.
    pub fn quads(&self) -> usize {
        self.store.quad_count().expect("quad count")
    }

    pub async fn send(&self, call: Call) -> Reply {
        let request = call
            .builder
            .body(call.body)
            .expect("a well-formed test request");
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("the router never fails");
        let (parts, body) = response.into_parts();
        let body = axum::body::to_bytes(body, usize::MAX)
            .await
            .expect("the whole body");
        Reply {
            status: parts.status,
            headers: parts.headers,
            body: body.to_vec(),
        }
    }

    pub async fn get(&self, uri: &str) -> Reply {
        self.send(call(Method::GET, uri)).await
    }

    /// A write with the write token and a body of `content_type`.
    pub async fn write(
        &self,
        method: Method,
        uri: &str,
        content_type: &str,
        body: impl Into<Body>,
    ) -> Reply {
        self.send(call(method, uri).bearer(TOKEN).body(content_type, body))
            .await
    }

    /// A SPARQL update sent to `/update` with the write token.
    pub async fn update(&self, update: impl Into<Body>) -> Reply {
        self.write(Method::POST, "/update", "application/sparql-update", update)
            .await
    }

    /// A write with a JSON body and the write token.
    pub async fn write_json(&self, method: Method, uri: &str, value: &Value) -> Reply {
        let body = serde_json::to_vec(value).expect("serialisable");
        self.write(method, uri, "application/json", body).await
    }

    /// GET, expecting 200 and JSON.
    pub async fn get_json(&self, uri: &str) -> Value {
        let reply = self.get(uri).await;
        assert_eq!(reply.status, StatusCode::OK, "{uri}: {}", reply.text());
        reply.json()
    }
}

/// A request being built.
#[derive(Debug)]
pub struct Call {
    builder: request::Builder,
    body: Body,
}

pub fn call(method: Method, uri: &str) -> Call {
    Call {
        builder: Request::builder().method(method).uri(uri),
        body: Body::empty(),
    }
}

impl Call {
    pub fn header(mut self, name: &str, value: &str) -> Call {
        self.builder = self.builder.header(name, value);
        self
    }

    pub fn bearer(self, token: &str) -> Call {
        self.header("authorization", &format!("Bearer {token}"))
    }

    pub fn body(mut self, content_type: &str, body: impl Into<Body>) -> Call {
        self.builder = self.builder.header("content-type", content_type);
        self.body = body.into();
        self
    }

    /// An `application/x-www-form-urlencoded` body.
    pub fn form(self, pairs: &[(&str, &str)]) -> Call {
        self.body(
            "application/x-www-form-urlencoded",
            encode(pairs).into_bytes(),
        )
    }

    pub fn json(self, value: &Value) -> Call {
        self.body(
            "application/json",
            serde_json::to_vec(value).expect("serialisable"),
        )
    }
}

/// `path?k=v&…` with the values form-encoded.
pub fn uri(path: &str, pairs: &[(&str, &str)]) -> String {
    if pairs.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", encode(pairs))
    }
}

fn encode(pairs: &[(&str, &str)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

/// The text of an HTML fragment: each tag becomes a space, entities are left as they are.
pub fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// The value of the metric `name` in an OpenMetrics text (panics if absent).
pub fn metric(text: &str, name: &str) -> f64 {
    text.lines()
        .find_map(|l| l.strip_prefix(name).and_then(|rest| rest.strip_prefix(' ')))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("no {name} in the metrics"))
}

/// Whether a JSON array holds an object whose `key` is `value`.
pub fn lists(array: &Value, key: &str, value: &str) -> bool {
    array
        .as_array()
        .expect("an array")
        .iter()
        .any(|item| item[key] == value)
}

/// A complete response.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    /// The body as a person reads it: the text, or for an XLSX workbook the text of its cells
    /// (see [`Reply::sheets`]), so that the leak and demo checks read exports of both kinds.
    pub fn text(&self) -> String {
        if self.is_xlsx() {
            return self
                .sheets()
                .iter()
                .flat_map(|(_, rows)| rows.iter().map(|row| row.join("\t")))
                .collect::<Vec<_>>()
                .join("\n");
        }
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// Is the body an XLSX workbook (by its media type)?
    pub fn is_xlsx(&self) -> bool {
        self.headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|t| t.starts_with(XLSX))
    }

    /// An XLSX body opened as a spreadsheet would (calamine): each sheet's name and its rows of
    /// cells, as text (`true`/`false`, numbers as Rust writes them).
    pub fn sheets(&self) -> Vec<(String, Vec<Vec<String>>)> {
        use calamine::{Reader, Xlsx};
        let mut workbook: Xlsx<_> = Xlsx::new(std::io::Cursor::new(self.body.clone()))
            .unwrap_or_else(|e| panic!("not an XLSX workbook: {e}"));
        workbook
            .worksheets()
            .into_iter()
            .map(|(name, range)| {
                let rows = range
                    .rows()
                    .map(|row| row.iter().map(ToString::to_string).collect())
                    .collect();
                (name, rows)
            })
            .collect()
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }

    /// A header's value (panics if absent).
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .unwrap_or_else(|| panic!("no {name} header in {:?}", self.headers))
            .to_str()
            .expect("an ASCII header")
    }
}

/// `/health` reports the store's own quad count: all of it with the demo, without the demo
/// graph's quads otherwise (they stay in the store).
#[tokio::test]
async fn health_reports_the_quad_count_of_the_store() {
    let demo = App::demo();
    let health = demo.get_json("/health").await;
    assert_eq!(
        health["quads"].as_u64().expect("quad count"),
        demo.quads() as u64
    );
    assert_eq!(health["demo"], true);
    let app = App::shared();
    let health = app.get_json("/health").await;
    let demo_graph =
        maillage_store::oxigraph::model::NamedNode::new(maillage_store::demo_graph_iri())
            .expect("an IRI");
    let demo_quads = app.store.graph_len(&demo_graph).expect("the demo graph");
    assert!(demo_quads > 0, "the demo graph stays in the store");
    assert_eq!(
        health["quads"].as_u64().expect("quad count"),
        (app.quads() - demo_quads) as u64
    );
    assert_eq!(health["demo"], false);
}
