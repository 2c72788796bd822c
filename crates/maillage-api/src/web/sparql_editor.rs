//! The SPARQL editor: a textarea with the cookbook's recipes as examples. The script runs the
//! query against `/sparql` and draws the result table; without it, "Run" downloads the CSV.

use std::sync::OnceLock;

use axum::extract::{RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;
use maud::html;

use super::{Ctx, Section, layout, noscript, respond};
use crate::AppState;
use crate::cookbook::{COOKBOOK, Recipe, heading_halves, recipes};
use crate::error::ApiError;

fn examples() -> &'static [Recipe] {
    static RECIPES: OnceLock<Vec<Recipe>> = OnceLock::new();
    RECIPES.get_or_init(|| recipes(COOKBOOK))
}

pub(crate) async fn page(
    State(_state): State<AppState>,
    raw: RawQuery,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let ctx = Ctx::new("/sparql-editeur", &raw, &headers)?;
    let examples = examples();
    let chosen: Option<usize> = ctx
        .param("example")
        .and_then(|e| e.parse::<usize>().ok())
        .filter(|i| *i < examples.len());
    let query = match (ctx.param("query"), chosen) {
        (Some(q), _) => q.to_owned(),
        (None, Some(i)) => examples[i].query.clone(),
        (None, None) => examples
            .first()
            .map(|r| r.query.clone())
            .unwrap_or_default(),
    };
    let heading = |r: &Recipe| {
        let (fr, en) = heading_halves(&r.heading);
        ctx.t(&fr, &en).to_owned()
    };
    let csv_href = {
        let mut q = form_urlencoded::Serializer::new(String::from("/sparql?"));
        q.append_pair("query", &query);
        q.append_pair("format", "csv");
        q.finish()
    };
    let title = ctx.t("Éditeur SPARQL", "SPARQL editor");
    let body = html! {
        h1 { (title) }
        p.lead {
            (ctx.t(
                "Interrogez le graphe de connaissances en SPARQL 1.1. Le graphe par défaut est l'union de tous les graphes nommés. Les exemples viennent du livre de recettes SPARQL du projet.",
                "Query the knowledge graph in SPARQL 1.1. The default graph is the union of all named graphs. The examples come from the project's SPARQL cookbook.",
            ))
        }
        form.example-picker #example-form method="get" action="/sparql-editeur" {
            label for="example" { (ctx.t("Exemple", "Example")) }
            div.row {
                select #example name="example" {
                    @for (i, r) in examples.iter().enumerate() {
                        option value=(i) selected[chosen == Some(i)] data-query=(r.query) { (heading(r)) }
                    }
                }
                @if ctx.param("lang").is_some() { input type="hidden" name="lang" value=(ctx.lang.code()); }
                button type="submit" { (ctx.t("Charger", "Load")) }
            }
        }
        form #sparql-form method="get" action="/sparql"
            data-running=(ctx.t("Exécution…", "Running…"))
            data-rows=(ctx.t("ligne(s)", "row(s)"))
            data-ms=(ctx.t("ms", "ms"))
            data-yes=(ctx.t("vrai", "true"))
            data-no=(ctx.t("faux", "false"))
            data-error=(ctx.t("Erreur\u{a0}:", "Error:")) {
            label for="query" { (ctx.t("Requête SPARQL", "SPARQL query")) }
            textarea #query name="query" rows="12" spellcheck="false" autocapitalize="off" { (query) }
            input type="hidden" name="format" value="csv";
            div.actions {
                button #run type="submit" { (ctx.t("Exécuter", "Run")) }
                " "
                a.button.secondary #download href=(csv_href) download="maillage-sparql.csv" { (ctx.t("Télécharger en CSV", "Download as CSV")) }
                span.small { (ctx.t(" Ctrl+Entrée pour exécuter", " Ctrl+Enter to run")) }
            }
        }
        (noscript(ctx.t(
            "Sans JavaScript, « Exécuter » télécharge le résultat en CSV au lieu de l'afficher.",
            "Without JavaScript, “Run” downloads the result as CSV instead of showing it.",
        )))
        p #status.status role="status" aria-live="polite" {}
        div #results.table-wrap {}
    };
    Ok(respond(layout(&ctx, Section::Sparql, title, body)))
}
