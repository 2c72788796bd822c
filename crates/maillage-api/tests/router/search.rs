//! Search by words, as a QI officer types them in `/recherche` or an application sends `q` to
//! `GET /api/v1/organisations`: words, not substrings; accents and case ignored; each result
//! says which field matched, with the words highlighted; the filters still apply.

use serde_json::Value;

use crate::{App, uri};

const ORGANISATIONS: &str = "/api/v1/organisations";

async fn search(pairs: &[(&str, &str)]) -> Value {
    let mut all = vec![("limit", "500")];
    all.extend_from_slice(pairs);
    App::shared().get_json(&uri(ORGANISATIONS, &all)).await
}

fn items(page: &Value) -> &[Value] {
    page["items"].as_array().expect("items")
}

fn names(page: &Value) -> Vec<&str> {
    items(page)
        .iter()
        .filter_map(|i| i["name"].as_str())
        .collect()
}

/// The highlighted words of every reason of a result, lowercased.
fn marks(item: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for m in item["matched"].as_array().expect("matched") {
        let html = m["highlighted"].as_str().expect("highlighted");
        let mut rest = html;
        while let Some(start) = rest.find("<mark>") {
            let after = &rest[start + "<mark>".len()..];
            let end = after.find("</mark>").expect("a closed mark");
            out.push(after[..end].to_lowercase());
            rest = &after[end..];
        }
    }
    out
}

#[tokio::test]
async fn vision_finds_the_word_vision_and_says_where() {
    let page = search(&[("q", "vision")]).await;
    let names = names(&page);
    assert!(page["total"].as_u64().expect("total") >= 5, "{names:?}");
    for item in items(&page) {
        let marks = marks(item);
        assert!(!marks.is_empty(), "every result says why: {item}");
        // The last word also matches the words it begins ("visionnage"), never "division"
        // or "télévision".
        for m in &marks {
            assert!(m.starts_with("vision"), "{m:?} in {}", item["name"]);
        }
    }
    // The examples: "vision" found them inside « division », « Télévision » and
    // « Activision » (these two have no vision expertise).
    for never in ["Collège Radio Télévision", "Beenox"] {
        assert!(
            !names.iter().any(|n| n.contains(never)),
            "{never} is not a vision word: {names:?}"
        );
    }
    // An organisation offering object detection is found through « Vision numérique », and
    // says so.
    let leddar = items(&page)
        .iter()
        .find(|i| i["name"] == "LeddarTech")
        .expect("LeddarTech, through object detection");
    let through = leddar["matched"]
        .as_array()
        .expect("matched")
        .iter()
        .find(|m| !m["via"].is_null())
        .expect("a match through a broader concept");
    assert_eq!(through["field"], "expertise");
    assert_eq!(
        through["via"]["iri"],
        "https://w3id.org/maillage/id/concept/computer-vision"
    );
}

#[tokio::test]
async fn ia_is_the_word_ia_never_inside_a_word() {
    let page = search(&[("q", "ia")]).await;
    let total = page["total"].as_u64().expect("total");
    assert!(total > 0);
    let all = search(&[]).await;
    assert!(
        total < all["total"].as_u64().expect("total") / 2,
        "\"ia\" is a word, not a substring of half the names: {total}"
    );
    for item in items(&page) {
        let marks = marks(item);
        assert!(!marks.is_empty(), "{item}");
        assert!(
            marks.iter().all(|m| m == "ia"),
            "{marks:?} in {}",
            item["name"]
        );
    }
    let upper = search(&[("q", "IA")]).await;
    assert_eq!(upper["total"], page["total"]);
}

#[tokio::test]
async fn accents_case_and_stems_do_not_matter() {
    let plain = search(&[("q", "Quebec")]).await;
    let accented = search(&[("q", "québec")]).await;
    assert_eq!(plain["total"], accented["total"]);
    assert!(plain["total"].as_u64().expect("total") > 10);

    let plural = search(&[("q", "entreprises")]).await;
    let singular = search(&[("q", "entreprise")]).await;
    assert_eq!(plural["total"], singular["total"]);

    // "apprentissage" finds « Apprentissage automatique », highlighted, in an expertise.
    let learning = search(&[("q", "apprentissage")]).await;
    let expertise = items(&learning)
        .iter()
        .flat_map(|i| i["matched"].as_array().expect("matched"))
        .find(|m| m["field"] == "expertise" && m["text"] == "Apprentissage automatique")
        .expect("an organisation offering machine learning");
    assert_eq!(
        expertise["highlighted"],
        "<mark>Apprentissage</mark> automatique"
    );
    assert_eq!(
        expertise["value"]["iri"],
        "https://w3id.org/maillage/id/concept/machine-learning"
    );
}

#[tokio::test]
async fn names_come_first_and_filters_still_apply() {
    let page = search(&[("q", "coveo")]).await;
    let first = &items(&page)[0];
    assert_eq!(first["name"], "Coveo");
    assert_eq!(first["matched"][0]["field"], "name");
    assert_eq!(first["matched"][0]["highlighted"], "<mark>Coveo</mark>");

    let vision = search(&[("q", "vision")]).await;
    let suppliers = search(&[("q", "vision"), ("role", "supplier"), ("in_zem", "true")]).await;
    assert!(suppliers["total"].as_u64() <= vision["total"].as_u64());
    assert!(suppliers["total"].as_u64().expect("total") >= 1);
    for item in items(&suppliers) {
        assert_eq!(item["in_zem"], true);
        assert!(
            item["roles"]
                .as_array()
                .expect("roles")
                .contains(&"supplier".into())
        );
        assert!(!marks(item).is_empty());
    }
    // Without words, no reasons.
    let unfiltered = search(&[("kind", "university")]).await;
    for item in items(&unfiltered) {
        assert_eq!(item["matched"], serde_json::json!([]));
    }
}

#[tokio::test]
async fn the_search_page_highlights_why_each_result_matched() {
    let app = App::shared();
    let reply = app.get(&uri("/recherche", &[("q", "vision")])).await;
    assert_eq!(reply.status, axum::http::StatusCode::OK);
    let html = reply.text();
    assert!(html.contains("Mots trouvés dans"), "{html}");
    assert!(html.contains("<mark>"), "{html}");
    assert!(html.contains("class=\"why-field\""), "{html}");
    assert!(
        !html.contains("Télévision"),
        "no substring match on the page"
    );

    // Markup in the data never becomes markup on the page.
    let hostile = app
        .get(&uri("/recherche", &[("q", "<script>vision</script>")]))
        .await;
    assert!(!hostile.text().contains("<script>vision"));

    let english = app
        .get(&uri("/recherche", &[("q", "Quebec"), ("lang", "en")]))
        .await
        .text();
    assert!(english.contains("Words found in:"), "{english}");
    assert!(english.contains("<mark>Québec</mark>"), "{english}");
}
