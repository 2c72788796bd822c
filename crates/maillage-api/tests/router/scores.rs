//! Scores people can read and the gaps page's one story: a match explanation shows the weights,
//! each component's points, the rank among the candidates and a plain band, with French
//! numbers on French pages; the gaps page's chart draws the first rows of its table, in the
//! table's order, which is also the REST answer's.

use serde_json::Value;

use crate::{App, text_of};

const API: &str = "/api/v1";

/// The part of `page` from the element with `id` to the end of `end` after it.
fn section<'a>(page: &'a str, id: &str, end: &str) -> &'a str {
    let start = page
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no #{id} in the page"));
    let rest = &page[start..];
    let stop = rest.find(end).map_or(rest.len(), |i| i + end.len());
    &rest[..stop]
}

/// The values of `data-concept` attributes, in document order.
fn concepts(html: &str) -> Vec<String> {
    html.split("data-concept=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(str::to_owned)
        .collect()
}

/// Whether `text` has a number written with a decimal point ("0.55").
fn has_decimal_point(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars
        .windows(3)
        .any(|w| w[0].is_ascii_digit() && w[1] == '.' && w[2].is_ascii_digit())
}

#[tokio::test]
async fn a_french_match_explanation_shows_weights_points_rank_and_band() {
    let app = App::shared();
    for org in ["coveo", "beneva"] {
        let page = app.get(&format!("/organisations/{org}")).await.text();
        let matches = text_of(section(&page, "match-list", "</ol>"));
        assert!(
            matches.contains("× poids 0,55 ="),
            "{org}: the weight of need coverage, with a decimal comma: {matches}"
        );
        assert!(matches.contains("points sur 100"), "{org}: {matches}");
        assert!(
            matches.contains("1er sur ") && matches.contains(" candidats"),
            "{org}: the rank among the candidates: {matches}"
        );
        assert!(
            ["fort", "possible", "faible"]
                .iter()
                .any(|b| matches.contains(b)),
            "{org}: a plain band: {matches}"
        );
        assert!(
            !has_decimal_point(&matches),
            "{org}: no English decimal point in French: {matches}"
        );
        assert!(!matches.contains("(distance"), "{org}: {matches}");
        // The jargon is explained where it appears, in a disclosure that opens without a mouse.
        assert!(
            page.contains("<details class=\"term") && page.contains("class=\"term-def\""),
            "{org}"
        );
    }
    // The same page in English writes English numbers.
    let en = app.get("/organisations/coveo?lang=en").await.text();
    let matches = text_of(section(&en, "match-list", "</ol>"));
    assert!(matches.contains("× weight 0.55 ="), "{matches}");
    assert!(matches.contains("first of "), "{matches}");
}

#[tokio::test]
async fn rest_matches_carry_rank_band_weights_and_contributions() {
    let app = App::shared();
    let list = app
        .get_json(&format!("{API}/organisations/beneva/matches?limit=20"))
        .await;
    let list = list.as_array().expect("an array");
    assert!(!list.is_empty());
    let mut previous = 0;
    for m in list {
        let score = m["score"].as_f64().expect("score");
        let rank = m["rank"].as_u64().expect("rank");
        let candidates = m["candidates"].as_u64().expect("candidates");
        assert!(rank >= previous && rank <= candidates, "{m}");
        previous = rank;
        let band = m["band"].as_str().expect("band");
        let expected = if score >= maillage_graph::STRONG_FROM {
            "strong"
        } else if score >= maillage_graph::POSSIBLE_FROM {
            "possible"
        } else {
            "weak"
        };
        assert_eq!(band, expected, "{m}");
        assert!(!m["band_label"].as_str().unwrap_or_default().is_empty());
        let sum = |key: &str| -> f64 {
            m[key]
                .as_object()
                .unwrap_or_else(|| panic!("{key}"))
                .values()
                .filter_map(Value::as_f64)
                .sum()
        };
        assert!((sum("weights") - 1.0).abs() < 1e-9, "{m}");
        assert!((sum("contributions") - score).abs() < 1e-9, "{m}");
        assert_eq!(m["weights"]["need_coverage"].as_f64(), Some(0.55));
    }
    assert_eq!(list[0]["rank"], 1);
}

#[tokio::test]
async fn the_gaps_chart_draws_the_first_rows_of_the_table_in_its_order() {
    let app = App::shared();
    let page = app.get("/lacunes").await.text();
    let chart = concepts(section(&page, "gap-chart", "</svg>"));
    let table = concepts(section(&page, "gap-table", "</table>"));
    assert!(chart.len() >= 5, "{chart:?}");
    assert!(table.len() >= chart.len());
    assert_eq!(chart[..], table[..chart.len()], "same entries, same order");
    // The page defines its measures and marks the inferred demand.
    let defs = text_of(section(&page, "gap-definitions", "</dl>"));
    for word in [
        "Demande",
        "Offre locale",
        "Non satisfaite",
        "Demande déduite",
    ] {
        assert!(defs.contains(word), "{word} in {defs}");
    }
    assert!(page.contains("rect class=\"demand-inferred\""));
    assert!(!has_decimal_point(&text_of(section(
        &page,
        "gap-table",
        "</table>"
    ))));
    // No label is cut: every label of the table appears whole in the chart.
    let rows = app.get_json(&format!("{API}/gaps?lang=fr")).await;
    let rows = rows.as_array().expect("an array");
    // The REST answer has the same order: its ranked rows first, ranks 1, 2, 3…
    let ranked: Vec<&Value> = rows.iter().take_while(|r| !r["rank"].is_null()).collect();
    assert_eq!(
        ranked
            .iter()
            .filter_map(|r| r["concept"].as_str())
            .collect::<Vec<_>>(),
        table,
        "the REST order is the page's"
    );
    for (i, r) in ranked.iter().enumerate() {
        assert_eq!(r["rank"].as_u64(), Some(i as u64 + 1));
        let (demand, supply) = (
            r["demand"].as_f64().unwrap_or(0.0),
            r["supply"].as_f64().unwrap_or(0.0),
        );
        assert_eq!(r["shortfall"].as_f64(), Some((demand - supply).max(0.0)));
        assert!(r["demand_inferred"].as_f64().unwrap_or(-1.0) <= demand);
    }
    for pair in ranked.windows(2) {
        let u = |r: &Value| r["unmet"].as_f64().unwrap_or(0.0);
        let gap =
            |r: &Value| r["demand"].as_f64().unwrap_or(0.0) - r["supply"].as_f64().unwrap_or(0.0);
        assert!(
            u(pair[0]) > u(pair[1]) || (u(pair[0]) == u(pair[1]) && gap(pair[0]) >= gap(pair[1])),
            "{} before {}",
            pair[0],
            pair[1]
        );
    }
    let chart_svg = section(&page, "gap-chart", "</svg>");
    for r in ranked.iter().take(chart.len()) {
        let label = r["label"].as_str().expect("label");
        for word in label.split_whitespace() {
            let escaped = word.replace('&', "&amp;").replace('\'', "&#39;");
            assert!(
                chart_svg.contains(word) || chart_svg.contains(&escaped),
                "{word} of {label} is in the chart"
            );
        }
    }
    // The taxonomy root is a total, reported apart.
    assert!(
        rows.iter()
            .any(|r| r["root"] == true && r["rank"].is_null())
    );
    assert!(page.contains("id=\"gap-total\""));
}
