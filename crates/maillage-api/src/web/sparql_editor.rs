//! The SPARQL editor: a textarea with the cookbook's recipes as examples. The script runs the
//! query against `/sparql` and draws the result table; without it, "Run" downloads the CSV.
//! A syntax error is shown as the problem document's summary (line, column, what was
//! expected, in the page's language), with the caret put on the error in the textarea and
//! the parser's own message folded below.

use std::sync::OnceLock;

use axum::response::Response;
use maillage_i18n::Arg;
use maud::html;

use super::{Ctx, Section, noscript};
use crate::cookbook::{COOKBOOK, Recipe, heading_label, recipes};

fn examples() -> &'static [Recipe] {
    static RECIPES: OnceLock<Vec<Recipe>> = OnceLock::new();
    RECIPES.get_or_init(|| recipes(COOKBOOK))
}

pub(crate) async fn page(ctx: Ctx) -> Response {
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
    let heading = |r: &Recipe| heading_label(&r.heading).get(ctx.lang).to_owned();
    let csv_href = {
        let mut q = form_urlencoded::Serializer::new(String::from("/sparql?"));
        q.append_pair("query", &query);
        q.append_pair("format", "csv");
        q.finish()
    };
    let title = ctx.t("web-sparql-title");
    let body = html! {
        h1 { (title) }
        p.lead {
            (ctx.t("web-sparql-lead"))
        }
        form.example-picker #example-form method="get" action="/sparql-editeur" {
            label for="example" { (ctx.t("web-sparql-example")) }
            div.row {
                select #example name="example" {
                    @for (i, r) in examples.iter().enumerate() {
                        option value=(i) selected[chosen == Some(i)] data-query=(r.query) { (heading(r)) }
                    }
                }
                (ctx.lang_field())
                button type="submit" { (ctx.t("web-sparql-load")) }
            }
        }
        form #sparql-form method="get" action="/sparql"
            data-running=(ctx.t("web-sparql-running"))
            data-done=(ctx.t_args("web-sparql-done", &[("rows", Arg::from("{rows}")), ("ms", Arg::from("{ms}"))]))
            data-time=(ctx.t_args("web-sparql-time", &[("ms", Arg::from("{ms}"))]))
            data-yes=(ctx.t("web-sparql-true"))
            data-no=(ctx.t("web-sparql-false"))
            data-technical=(ctx.t("web-sparql-technical"))
            data-error=(ctx.t_args("web-sparql-error", &[("message", Arg::from("{message}"))])) {
            label for="query" { (ctx.t("web-sparql-query")) }
            textarea #query name="query" rows="12" spellcheck="false" autocapitalize="off" { (query) }
            input type="hidden" name="format" value="csv";
            div.actions {
                button #run type="submit" { (ctx.t("web-sparql-run")) }
                " "
                a.button.secondary #download href=(csv_href) download="maillage-sparql.csv" { (ctx.t("web-sparql-download")) }
                span.small { " " (ctx.t("web-sparql-shortcut")) }
            }
        }
        (noscript(&ctx.t("web-sparql-noscript")))
        p #status.status role="status" aria-live="polite" {}
        div #results.table-wrap {}
    };
    ctx.page(Section::Sparql, &title, body)
}
