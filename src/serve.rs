//! `maillage serve`: opens (and if needed fills) the store, then serves HTTP until SIGINT or
//! SIGTERM, finishing the requests in progress. The demo graph is served only with `--demo`
//! (`MAILLAGE_DEMO`); without it the graph may be in the store, but no read shows it.

use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use maillage_api::{ApiConfig, AppState};
use maillage_store::oxigraph::model::NamedNode;
use maillage_store::{DEMO_GRAPH, Evaluator, MaillageStore, demo_graph_iri};

use crate::cli::ServeArgs;
use crate::commands::load_embedded;

pub fn serve(args: ServeArgs) -> Result<ExitCode> {
    if !(args.query_timeout.is_finite() && args.query_timeout > 0.0) {
        bail!("--query-timeout must be a positive number of seconds");
    }
    if args.max_concurrent_queries == 0 {
        bail!("--max-concurrent-queries must be at least 1");
    }
    if !(args.query_wait.is_finite() && args.query_wait >= 0.0) {
        bail!("--query-wait must be a number of seconds, 0 or more");
    }
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,tower_http=info".into()),
        )
        .with_writer(std::io::stderr)
        .init();

    let store = MaillageStore::open(&args.store)
        .with_context(|| {
            format!(
                "cannot open or create the store at {}",
                args.store.display()
            )
        })?
        .with_evaluator(
            Evaluator::new(args.max_concurrent_queries, 1_000_000)
                .with_queue(args.query_queue, Duration::from_secs_f64(args.query_wait)),
        );
    if args.empty {
        if !store.is_empty()? {
            eprintln!(
                "--empty: the store at {} is not empty; it is served as it is",
                args.store.display()
            );
        }
    } else if store.is_empty()? {
        eprintln!(
            "the store at {} is empty: loading the built-in default data",
            args.store.display()
        );
        load_embedded(&store, true)?;
    } else if args.demo && !store.contains_graph(&NamedNode::new(demo_graph_iri())?)? {
        // A store filled without the demo graph gets it from the binary when asked for it.
        eprintln!("--demo: loading the built-in demo graph");
        store
            .load_embedded(|f| f.graph == DEMO_GRAPH, |_, _| {})
            .map_err(|e| anyhow::anyhow!("cannot load the demo graph: {}", e.detail()))?;
    }
    let base_url = args
        .base_url
        .clone()
        .unwrap_or_else(|| format!("http://{}", args.bind));
    let config = ApiConfig {
        base_url: base_url.clone(),
        write_token: args.write_token.clone().filter(|t| !t.is_empty()),
        query_timeout: Duration::from_secs_f64(args.query_timeout),
        max_body_bytes: args.max_body_bytes,
        demo: args.demo,
        query_cache_bytes: args
            .query_cache_bytes
            .unwrap_or_else(maillage_api::answer_cache::default_capacity),
    };
    let writable = config.write_token.is_some();
    let demo = config.demo;
    let accounts = maillage_accounts::Accounts::open(&args.store).with_context(|| {
        format!(
            "cannot open the accounts database in {}",
            args.store.display()
        )
    })?;
    let users = accounts.list_users()?.len();
    let app = maillage_api::router(
        AppState::new(store.clone(), config, accounts)
            .context("cannot read the ecosystem snapshot")?,
    );

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(&args.bind)
            .await
            .with_context(|| format!("cannot listen on {}", args.bind))?;
        let local = listener.local_addr()?;
        eprintln!(
            "Maillage serves on http://{local} ({}; {users} account{}{}) — SPARQL at {base_url}/sparql",
            if writable {
                "writes by staff accounts and the --write-token"
            } else {
                "writes by staff accounts"
            },
            if users == 1 { "" } else { "s" },
            if demo { "; with the demo graph" } else { "" }
        );
        if users == 0 {
            eprintln!(
                "no account yet: create the first admin with `maillage user add --store {} --name NAME --role admin`",
                args.store.display()
            );
        }
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
            .with_graceful_shutdown(shutdown_signal())
            .await
            .context("the server stopped with an error")
    })?;
    store.flush()?;
    eprintln!("stopped");
    Ok(ExitCode::SUCCESS)
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    eprintln!("shutting down: finishing requests in progress");
}
