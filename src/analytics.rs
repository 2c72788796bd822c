//! `maillage match|gaps|portfolio|network|evaluate`: the analytics from the command line. The
//! answers come from the graph crate directly (the same calls the REST handlers make); the JSON
//! is the API's wire types and the words come from the catalogue, so scripts, the REST API and
//! the tables see the same fields and sentences.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow, bail};
use comfy_table::{Table, presets::UTF8_FULL_CONDENSED};
use maillage_api::rest::{gaps, matches, network, portfolio};
use maillage_api::words;
use maillage_graph::{Direction, EcosystemGraph, GapOptions, GraphError, Options};
use maillage_i18n::{Arg, Locale};
use maillage_model::vocab;

use crate::cli::{GapsFormat, ReportFormat};
use crate::output::out;

/// The analytics graph of the store's real data (and of the demo graph with `demo`).
fn graph_of(dir: &Path, demo: bool) -> Result<EcosystemGraph> {
    let store = crate::commands::open_existing(dir)?;
    let (eco, _) =
        maillage_store::snapshot::read_within(&store, &maillage_store::GraphScope::member(demo))?;
    Ok(EcosystemGraph::build(&eco))
}

fn locale(code: &str) -> Result<Locale> {
    code.parse().map_err(|e| anyhow!("--lang: {e}"))
}

/// An analytics error in the reader's language.
fn explained(locale: Locale) -> impl Fn(GraphError) -> anyhow::Error {
    move |e| anyhow!(words::graph_error(&e).render(locale))
}

fn resolve_org(value: &str) -> String {
    if value.starts_with("http://") || value.starts_with("https://") {
        value.to_owned()
    } else {
        vocab::id("org", value)
    }
}

fn print_json(value: &impl serde::Serialize) -> Result<()> {
    out!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}

/// The tables' columns: the headers are the catalogue's messages `{area}-col-{column}`.
const MATCH_COLUMNS: (&str, &[&str]) = (
    "match",
    &["rank", "supplier", "adopter", "score", "eligible", "why"],
);
const GAP_COLUMNS: (&str, &[&str]) = (
    "gap",
    &["concept", "demand", "supply", "unmet", "lq", "adopters"],
);
const PORTFOLIO_COLUMNS: (&str, &[&str]) = (
    "portfolio",
    &[
        "project", "supplier", "adopter", "score", "amount", "verdict",
    ],
);
const NETWORK_COLUMNS: (&str, &[&str]) = ("net", &["broker", "betweenness", "articulation-point"]);
const EVALUATION_COLUMNS: (&str, &[&str]) = ("match-eval", &["ranker", "hits", "mrr", "queries"]);

fn column_ids((area, columns): (&str, &[&str])) -> Vec<String> {
    columns.iter().map(|c| format!("{area}-col-{c}")).collect()
}

/// A table with the headers of `columns` in `locale`.
fn table(locale: Locale, columns: (&str, &[&str])) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED);
    t.set_header(column_ids(columns).iter().map(|id| locale.t(id)));
    t
}

#[allow(clippy::too_many_arguments)]
pub fn run_match(
    dir: &Path,
    demo: bool,
    adopter: Option<&str>,
    supplier: Option<&str>,
    limit: usize,
    eligible_only: bool,
    format: ReportFormat,
    lang_code: &str,
) -> Result<ExitCode> {
    let locale = locale(lang_code)?;
    if limit == 0 {
        bail!("--limit must be at least 1");
    }
    let graph = graph_of(dir, demo)?;
    let (org, direction) = match (adopter, supplier) {
        (Some(a), None) => (resolve_org(a), Direction::Suppliers),
        (None, Some(s)) => (resolve_org(s), Direction::Adopters),
        _ => bail!("give exactly one of --adopter or --supplier"),
    };
    let options = Options {
        limit,
        eligible_only,
        ..Options::default()
    };
    let found = graph
        .matches_for(&org, direction, &options)
        .map_err(explained(locale))?;
    let out: Vec<_> = found
        .iter()
        .map(|m| matches::match_out(graph.ecosystem(), m, locale))
        .collect();
    match format {
        ReportFormat::Json => print_json(&out)?,
        ReportFormat::Table => {
            let mut t = table(locale, MATCH_COLUMNS);
            for (i, m) in out.iter().enumerate() {
                let why = m
                    .explanation
                    .iter()
                    .map(|e| e.text.clone())
                    .collect::<Vec<_>>()
                    .join("\n");
                t.add_row([
                    (i + 1).to_string(),
                    m.supplier_name.clone(),
                    m.adopter_name.clone(),
                    locale.dec(m.score, 3),
                    locale.t(match m.eligible {
                        Some(true) => "match-yes",
                        Some(false) => "match-no",
                        None => "match-unknown",
                    }),
                    why,
                ]);
            }
            out!("{t}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn run_gaps(
    dir: &Path,
    demo: bool,
    format: GapsFormat,
    threshold: f64,
    lang_code: &str,
) -> Result<ExitCode> {
    let locale = locale(lang_code)?;
    if !(0.0..=1.0).contains(&threshold) {
        bail!("--threshold must be between 0 and 1");
    }
    let graph = graph_of(dir, demo)?;
    let rows = graph.gap_report(&GapOptions {
        coverage_threshold: threshold,
    });
    let eco = graph.ecosystem();
    match format {
        GapsFormat::Json => print_json(
            &rows
                .iter()
                .map(|r| gaps::gap_out(eco, r, locale))
                .collect::<Vec<_>>(),
        )?,
        GapsFormat::Csv => {
            let bytes = gaps::gaps_table(eco, &rows, locale)
                .csv()
                .context("cannot write CSV")?;
            crate::output::write_stdout(&bytes)?;
        }
        GapsFormat::Table => {
            let mut t = table(locale, GAP_COLUMNS);
            for r in &rows {
                let g = gaps::gap_out(eco, r, locale);
                t.add_row([
                    g.label,
                    locale.dec(g.demand, 1),
                    locale.dec(g.supply, 1),
                    locale.dec(g.unmet, 1),
                    g.location_quotient
                        .map(|q| locale.dec(q, 2))
                        .unwrap_or_default(),
                    g.unmet_adopter_refs
                        .iter()
                        .map(|a| a.label.clone())
                        .collect::<Vec<_>>()
                        .join(", "),
                ]);
            }
            out!("{t}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn run_portfolio(
    dir: &Path,
    demo: bool,
    budget: Option<f64>,
    format: ReportFormat,
    lang_code: &str,
) -> Result<ExitCode> {
    let locale = locale(lang_code)?;
    if let Some(b) = budget
        && !(b.is_finite() && b >= 0.0)
    {
        bail!("--budget must be a non-negative amount in CAD");
    }
    let graph = graph_of(dir, demo)?;
    let out = portfolio::portfolio_out(&graph, vocab::ZEM_ENVELOPE, budget, locale)
        .map_err(explained(locale))?;
    match format {
        ReportFormat::Json => print_json(&out)?,
        ReportFormat::Table => {
            let mut t = table(locale, PORTFOLIO_COLUMNS);
            for c in out.chosen.iter().chain(&out.rejected) {
                t.add_row([
                    c.project.label.clone(),
                    c.supplier.label.clone(),
                    c.adopter.label.clone(),
                    locale.dec(c.score, 3),
                    locale.money(c.amount),
                    c.reason.clone().unwrap_or_else(|| "✓".to_owned()),
                ]);
            }
            out!("{t}");
            let summary = locale.t_args(
                "portfolio-summary",
                &[
                    ("budget", Arg::from(locale.money(out.budget))),
                    ("chosen", Arg::from(locale.money(out.total_amount))),
                    ("remaining", Arg::from(locale.money(out.remaining_budget))),
                    ("score", Arg::from(locale.dec(out.total_score, 3))),
                ],
            );
            out!("{summary}\n{}", out.method);
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn run_network(
    dir: &Path,
    demo: bool,
    format: ReportFormat,
    lang_code: &str,
) -> Result<ExitCode> {
    let locale = locale(lang_code)?;
    let graph = graph_of(dir, demo)?;
    let out = network::network_out(&graph, locale);
    match format {
        ReportFormat::Json => print_json(&out)?,
        ReportFormat::Table => {
            let mut t = table(locale, NETWORK_COLUMNS);
            for b in &out.brokers {
                t.add_row([
                    b.org.label.clone(),
                    locale.dec(b.betweenness, 3),
                    locale.t(if b.articulation_point {
                        "match-yes"
                    } else {
                        "match-no"
                    }),
                ]);
            }
            out!("{t}");
            for (i, c) in out.communities.iter().enumerate() {
                let members = c
                    .iter()
                    .map(|r| r.label.clone())
                    .collect::<Vec<_>>()
                    .join(", ");
                out!(
                    "{}",
                    locale.t_args(
                        "net-community-line",
                        &[
                            ("number", Arg::from(i + 1)),
                            ("members", Arg::from(members))
                        ],
                    )
                );
            }
            out!(
                "{}",
                locale.t_args(
                    "net-isolated-count",
                    &[("count", Arg::from(out.isolated.len()))]
                )
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn run_evaluate(orgs: usize, seed: u64) -> Result<ExitCode> {
    if orgs < 50 {
        bail!("--orgs must be at least 50");
    }
    let locale = Locale::default();
    let started = std::time::Instant::now();
    let (eco, truth) = maillage_synth::generate(orgs, seed);
    let graph = EcosystemGraph::build(&eco);
    let options = Options {
        limit: 10,
        ..Default::default()
    };
    let matcher = maillage_synth::evaluate(&eco, &truth, |_, adopter| {
        graph
            .best_suppliers_for(adopter, &options)
            .map(|ms| ms.into_iter().map(|m| m.supplier).collect())
            .unwrap_or_default()
    });
    let baseline = maillage_synth::evaluate(&eco, &truth, maillage_synth::jaccard_ranking);
    let mut t = table(locale, EVALUATION_COLUMNS);
    for (id, m) in [
        ("match-eval-matcher", &matcher),
        ("match-eval-baseline", &baseline),
    ] {
        t.add_row([
            locale.t(id),
            locale.dec(m.hits_at_10, 3),
            locale.dec(m.mrr, 3),
            m.queries.to_string(),
        ]);
    }
    out!("{t}");
    out!(
        "{}",
        locale.t_args(
            "match-eval-summary",
            &[
                ("count", Arg::from(orgs)),
                ("seed", Arg::from(seed.to_string())),
                (
                    "seconds",
                    Arg::from(locale.dec(started.elapsed().as_secs_f64(), 1))
                ),
            ],
        )
    );
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_has_a_header_in_every_locale() {
        for columns in [
            MATCH_COLUMNS,
            GAP_COLUMNS,
            PORTFOLIO_COLUMNS,
            NETWORK_COLUMNS,
            EVALUATION_COLUMNS,
        ] {
            for id in column_ids(columns) {
                for locale in Locale::all() {
                    assert!(locale.has(&id), "{locale}: no message {id}");
                }
            }
        }
    }
}
