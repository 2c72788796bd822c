//! `maillage history` and `maillage revert`.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use comfy_table::{Table, presets::UTF8_FULL_CONDENSED};
use maillage_api::rest::changes::ChangeView;
use maillage_store::{Actor, MaillageStore, StoreError};

use crate::cli::ReportFormat;
use crate::commands::{open_existing, report_store_error};
use crate::output::out;

pub fn run_history(dir: &Path, limit: usize, format: ReportFormat, lang: &str) -> Result<ExitCode> {
    let locale: maillage_i18n::Locale = lang.parse().map_err(|e| anyhow::anyhow!("--lang: {e}"))?;
    let store = open_existing(dir)?;
    let changes: Vec<ChangeView> = store
        .history(limit)?
        .into_iter()
        .map(ChangeView::from)
        .collect();
    match format {
        ReportFormat::Json => {
            out!("{}", serde_json::to_string_pretty(&changes)?);
        }
        ReportFormat::Table => {
            let mut table = Table::new();
            table.load_preset(UTF8_FULL_CONDENSED);
            table.set_header(["id", "at", "actor", "origin", "added", "removed", "graphs"]);
            for c in &changes {
                let mut graphs: Vec<String> =
                    c.graphs.iter().map(|g| crate::output::shorten(g)).collect();
                if c.default_graph {
                    graphs.push(locale.t("cli-history-default-graph"));
                }
                let origin = match c.reverts {
                    Some(r) => locale.t_args(
                        "cli-history-reverts",
                        &[("id", maillage_i18n::Arg::from(r.to_string()))],
                    ),
                    None => c.origin.clone(),
                };
                table.add_row([
                    c.id.to_string(),
                    c.at.clone(),
                    c.actor.clone(),
                    origin,
                    c.added.to_string(),
                    c.removed.to_string(),
                    graphs.join(" "),
                ]);
            }
            out!("{table}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn run_revert(dir: &Path, id: u64) -> Result<ExitCode> {
    if !dir.exists() {
        return open_existing(dir).map(|_| ExitCode::FAILURE);
    }
    let store = MaillageStore::open(dir).with_context(|| {
        format!(
            "cannot open the store at {} for writing (is a server running on it?)",
            dir.display()
        )
    })?;
    match store.revert(id, Actor::cli()) {
        Ok(report) => {
            store.flush()?;
            match report.change {
                Some(change) => eprintln!(
                    "reverted change {id}: change {} removed {} and added {} quads",
                    change.id, change.removed, change.added
                ),
                None => eprintln!("change {id} had nothing left to revert"),
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(error @ StoreError::RevertConflict { .. })
        | Err(error @ StoreError::NoSuchChange(_)) => {
            eprintln!("error: {error}; nothing was written");
            Ok(ExitCode::FAILURE)
        }
        Err(error) => report_store_error(error),
    }
}
