//! A fresh Maillage server for each test: a new in-memory store holding the test's graphs,
//! the real router (`maillage_api::router`) served by `axum::serve` on 127.0.0.1, port 0.
//!
//! The store gets no embedded vocabulary: SHACL validation runs on every write all the same
//! (the shapes are compiled into the validator), the W3C data is not typed with Maillage
//! classes, and several tests begin with `CLEAR ALL` / `DROP ALL` anyway.

use std::path::PathBuf;
use std::sync::OnceLock;

use maillage_api::{ApiConfig, AppState};
use maillage_store::oxigraph::model::NamedNode;
use maillage_store::{MaillageStore, format_of_name, parse};
use tokio::runtime::Runtime;
use tokio::sync::oneshot;

/// The bearer token the test servers accept for writes.
pub const TOKEN: &str = "conformance-token";

/// The runtime every test server runs on (the runner itself is blocking).
fn runtime() -> &'static Runtime {
    static RUNTIME: OnceLock<Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("a tokio runtime")
    })
}

/// A running server; shut down when dropped.
#[derive(Debug)]
pub struct TestServer {
    /// `http://127.0.0.1:PORT`, also the server's configured `base_url`.
    pub base: String,
    shutdown: Option<oneshot::Sender<()>>,
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

impl TestServer {
    /// Starts a server on a new in-memory store holding `graph_data` (file, named graph IRI).
    pub fn start(graph_data: &[(PathBuf, String)]) -> Result<TestServer, String> {
        let store = MaillageStore::in_memory().map_err(|e| format!("store: {}", e.detail()))?;
        let mut quads = Vec::new();
        for (file, graph) in graph_data {
            let name = file.display().to_string();
            let format = format_of_name(&name).map_err(|e| e.detail())?;
            let bytes = std::fs::read(file).map_err(|e| format!("{name}: {e}"))?;
            let graph = NamedNode::new(graph.as_str()).map_err(|e| format!("{graph}: {e}"))?;
            quads.extend(
                parse(bytes.as_slice(), format, &name, Some(&graph)).map_err(|e| e.detail())?,
            );
        }
        if !quads.is_empty() {
            store
                .insert_quads(&maillage_store::WriteContext::cli_load(), &quads, true)
                .map_err(|e| format!("loading the test graphs: {}", e.detail()))?;
        }
        let listener = runtime()
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .map_err(|e| format!("bind: {e}"))?;
        let address = listener.local_addr().map_err(|e| e.to_string())?;
        let base = format!("http://{address}");
        let config = ApiConfig {
            base_url: base.clone(),
            write_token: Some(TOKEN.to_owned()),
            ..ApiConfig::default()
        };
        let accounts =
            maillage_accounts::Accounts::in_memory().map_err(|e| format!("accounts: {e}"))?;
        let state = AppState::new(store, config, accounts)
            .map_err(|e| format!("app state: {}", e.detail()))?;
        let app = maillage_api::router(state);
        let (shutdown, stopped) = oneshot::channel::<()>();
        runtime().spawn(async move {
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await;
        });
        Ok(TestServer {
            base,
            shutdown: Some(shutdown),
        })
    }
}
