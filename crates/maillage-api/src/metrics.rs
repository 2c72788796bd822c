//! Prometheus metrics: requests by route and status, latencies, query timeouts, queries shed
//! (queue full or wait run out), the result cache's hits, misses and size, the view cache's
//! hits and misses, rejected writes.

use std::sync::Mutex;
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

use crate::AppState;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: String,
    route: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    route: String,
}

/// The service's metrics and their registry.
pub struct Metrics {
    registry: Mutex<Registry>,
    requests: Family<RequestLabels, Counter>,
    latency: Family<RouteLabels, Histogram>,
    timeouts: Counter,
    shed: Counter,
    cache_hits: Counter,
    cache_misses: Counter,
    cache_bytes: Gauge,
    view_hits: Counter,
    view_misses: Counter,
    rejected_writes: Counter,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Metrics").finish_non_exhaustive()
    }
}

impl Default for Metrics {
    fn default() -> Self {
        let mut registry = Registry::with_prefix("maillage");
        let requests = Family::<RequestLabels, Counter>::default();
        let latency = Family::<RouteLabels, Histogram>::new_with_constructor(|| {
            Histogram::new(exponential_buckets(0.001, 2.0, 16))
        });
        let timeouts = Counter::default();
        let shed = Counter::default();
        let cache_hits = Counter::default();
        let cache_misses = Counter::default();
        let cache_bytes = Gauge::default();
        let view_hits = Counter::default();
        let view_misses = Counter::default();
        let rejected_writes = Counter::default();
        registry.register(
            "http_requests",
            "HTTP requests by route and status",
            requests.clone(),
        );
        registry.register(
            "http_request_duration_seconds",
            "HTTP request latency by route",
            latency.clone(),
        );
        registry.register(
            "query_timeouts",
            "SPARQL queries stopped by their time budget",
            timeouts.clone(),
        );
        registry.register(
            "queries_shed",
            "SPARQL queries refused with 503 because the queue was full or their wait ran out",
            shed.clone(),
        );
        registry.register(
            "query_cache_hits",
            "SPARQL queries answered from the result cache",
            cache_hits.clone(),
        );
        registry.register(
            "query_cache_misses",
            "SPARQL queries evaluated because the result cache had no answer",
            cache_misses.clone(),
        );
        registry.register(
            "query_cache_bytes",
            "Bytes the result cache holds",
            cache_bytes.clone(),
        );
        registry.register(
            "view_cache_hits",
            "Anonymous pages and analytics reports answered from the view cache",
            view_hits.clone(),
        );
        registry.register(
            "view_cache_misses",
            "Anonymous pages and analytics reports computed because the view cache had none",
            view_misses.clone(),
        );
        registry.register(
            "rejected_writes",
            "Writes rejected by the SHACL shapes",
            rejected_writes.clone(),
        );
        Metrics {
            registry: Mutex::new(registry),
            requests,
            latency,
            timeouts,
            shed,
            cache_hits,
            cache_misses,
            cache_bytes,
            view_hits,
            view_misses,
            rejected_writes,
        }
    }
}

impl Metrics {
    pub fn query_timeout(&self) {
        self.timeouts.inc();
    }

    pub fn query_shed(&self) {
        self.shed.inc();
    }

    pub fn answer_cache_hit(&self) {
        self.cache_hits.inc();
    }

    pub fn answer_cache_miss(&self) {
        self.cache_misses.inc();
    }

    pub fn answer_cache_size(&self, bytes: usize) {
        self.cache_bytes
            .set(i64::try_from(bytes).unwrap_or(i64::MAX));
    }

    pub fn view_cache_hit(&self) {
        self.view_hits.inc();
    }

    pub fn view_cache_miss(&self) {
        self.view_misses.inc();
    }

    pub fn write_rejected(&self) {
        self.rejected_writes.inc();
    }

    /// The Prometheus text exposition.
    pub fn render(&self) -> String {
        let mut out = String::new();
        if let Ok(registry) = self.registry.lock() {
            let _ = prometheus_client::encoding::text::encode(&mut out, &registry);
        }
        out
    }
}

/// Middleware that counts every request and observes its latency.
pub async fn record(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().to_string();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "unmatched".to_owned());
    let response = next.run(request).await;
    state
        .metrics
        .requests
        .get_or_create(&RequestLabels {
            method,
            route: route.clone(),
            status: response.status().as_u16(),
        })
        .inc();
    state
        .metrics
        .latency
        .get_or_create(&RouteLabels { route })
        .observe(started.elapsed().as_secs_f64());
    response
}
