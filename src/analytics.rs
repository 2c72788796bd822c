//! `maillage match|gaps|portfolio|network|evaluate`: the analytics from the command line. The
//! JSON is the API's wire types, so scripts and the REST API see the same fields.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use comfy_table::{Table, presets::UTF8_FULL_CONDENSED};
use maillage_api::analytics::{self, Direction};
use maillage_graph::EcosystemGraph;
use maillage_model::{Lang, vocab};

use crate::cli::{GapsFormat, ReportFormat};
use crate::output::out;

fn graph_of(dir: &Path) -> Result<EcosystemGraph> {
    let store = crate::commands::open_existing(dir)?;
    let (eco, _) = maillage_store::snapshot::read(&store)?;
    Ok(EcosystemGraph::build(&eco))
}

fn lang(code: &str) -> Result<Lang> {
    code.parse().map_err(|e| anyhow::anyhow!("--lang: {e}"))
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

fn table(header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED);
    t.set_header(header.iter().copied());
    t
}

#[allow(clippy::too_many_arguments)]
pub fn run_match(
    dir: &Path,
    adopter: Option<&str>,
    supplier: Option<&str>,
    limit: usize,
    eligible_only: bool,
    format: ReportFormat,
    lang_code: &str,
) -> Result<ExitCode> {
    let lang = lang(lang_code)?;
    if limit == 0 {
        bail!("--limit must be at least 1");
    }
    let graph = graph_of(dir)?;
    let (org, direction) = match (adopter, supplier) {
        (Some(a), None) => (resolve_org(a), Direction::Suppliers),
        (None, Some(s)) => (resolve_org(s), Direction::Adopters),
        _ => bail!("give exactly one of --adopter or --supplier"),
    };
    let found = analytics::ranked_matches(&graph, &org, direction, limit, eligible_only)?;
    let out: Vec<_> = found
        .iter()
        .map(|m| analytics::match_out(graph.ecosystem(), m, lang))
        .collect();
    match format {
        ReportFormat::Json => print_json(&out)?,
        ReportFormat::Table => {
            let mut t = table(&["#", "supplier", "adopter", "score", "eligible", "why"]);
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
                    format!("{:.3}", m.score),
                    if m.eligible { "yes" } else { "no" }.to_owned(),
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
    format: GapsFormat,
    threshold: f64,
    lang_code: &str,
) -> Result<ExitCode> {
    let lang = lang(lang_code)?;
    if !(0.0..=1.0).contains(&threshold) {
        bail!("--threshold must be between 0 and 1");
    }
    let graph = graph_of(dir)?;
    let rows = graph.gap_report(&maillage_graph::GapOptions {
        coverage_threshold: threshold,
    });
    let eco = graph.ecosystem();
    match format {
        GapsFormat::Json => print_json(
            &rows
                .iter()
                .map(|r| analytics::gap_out(eco, r, lang))
                .collect::<Vec<_>>(),
        )?,
        GapsFormat::Csv => {
            let bytes = analytics::gaps_csv(eco, &rows, lang).context("cannot write CSV")?;
            crate::output::write_stdout(&bytes)?;
        }
        GapsFormat::Table => {
            let mut t = table(&[
                "concept",
                "demand",
                "supply",
                "unmet",
                "LQ",
                "unmet adopters",
            ]);
            for r in &rows {
                let g = analytics::gap_out(eco, r, lang);
                t.add_row([
                    g.label,
                    format!("{:.1}", g.demand),
                    format!("{:.1}", g.supply),
                    format!("{:.1}", g.unmet),
                    g.location_quotient
                        .map(|q| format!("{q:.2}"))
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
    budget: Option<f64>,
    format: ReportFormat,
    lang_code: &str,
) -> Result<ExitCode> {
    let lang = lang(lang_code)?;
    if let Some(b) = budget
        && !(b.is_finite() && b >= 0.0)
    {
        bail!("--budget must be a non-negative amount in CAD");
    }
    let graph = graph_of(dir)?;
    let out = analytics::portfolio(&graph, vocab::ZEM_ENVELOPE, budget, lang)?;
    match format {
        ReportFormat::Json => print_json(&out)?,
        ReportFormat::Table => {
            let mut t = table(&[
                "project",
                "supplier",
                "adopter",
                "score",
                "CAD",
                "chosen / why not",
            ]);
            for c in out.chosen.iter().chain(&out.rejected) {
                t.add_row([
                    c.project.label.clone(),
                    c.supplier.label.clone(),
                    c.adopter.label.clone(),
                    format!("{:.3}", c.score),
                    format!("{:.0}", c.amount),
                    c.reason.clone().unwrap_or_else(|| "✓".to_owned()),
                ]);
            }
            out!("{t}");
            out!(
                "budget {:.0} CAD, chosen {:.0} CAD, remaining {:.0} CAD, total score {:.3}\n{}",
                out.budget,
                out.total_amount,
                out.remaining_budget,
                out.total_score,
                out.method
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn run_network(dir: &Path, format: ReportFormat, lang_code: &str) -> Result<ExitCode> {
    let lang = lang(lang_code)?;
    let graph = graph_of(dir)?;
    let out = analytics::network_out(&graph, lang);
    match format {
        ReportFormat::Json => print_json(&out)?,
        ReportFormat::Table => {
            let mut t = table(&["broker", "betweenness", "articulation point"]);
            for b in &out.brokers {
                t.add_row([
                    b.org.label.clone(),
                    format!("{:.3}", b.betweenness),
                    b.articulation_point.to_string(),
                ]);
            }
            out!("{t}");
            for (i, c) in out.communities.iter().enumerate() {
                out!(
                    "community {}: {}",
                    i + 1,
                    c.iter()
                        .map(|r| r.label.clone())
                        .collect::<Vec<_>>()
                        .join(", ")
                );
            }
            out!("isolated organisations: {}", out.isolated.len());
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn run_evaluate(orgs: usize, seed: u64) -> Result<ExitCode> {
    if orgs < 50 {
        bail!("--orgs must be at least 50");
    }
    let started = std::time::Instant::now();
    let (eco, truth) = maillage_synth::generate(orgs, seed);
    let graph = EcosystemGraph::build(&eco);
    let options = maillage_graph::Options {
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
    let mut t = table(&["ranker", "Hits@10", "MRR", "queries"]);
    for (name, m) in [
        ("maillage matcher", &matcher),
        ("Jaccard baseline", &baseline),
    ] {
        t.add_row([
            name.to_owned(),
            format!("{:.3}", m.hits_at_10),
            format!("{:.3}", m.mrr),
            m.queries.to_string(),
        ]);
    }
    out!("{t}");
    out!(
        "{orgs} synthetic organisations, seed {seed}, {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}
