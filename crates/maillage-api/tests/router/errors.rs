//! Errors for people: SPARQL syntax errors summarised with their line and column, REST
//! parameter and JSON body errors naming the parameter and what it accepts, unknown addresses
//! as a French (or English) page for browsers and a problem document for programs, `/docs`
//! inside the site, and `Vary` on every answer whose content depends on the request's
//! languages or accepted formats.

use axum::http::{Method, StatusCode};
use serde_json::json;

use super::{App, Reply, call, uri};

const BROWSER: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

/// A query whose fourth line has a word instead of a number at column 7.
const MISSPELT: &str = "PREFIX mo: <https://w3id.org/maillage/ontology#>\nSELECT ?o\nWHERE { ?o a mo:Organization }\nLIMIT dix";

fn vary(reply: &Reply) -> Vec<String> {
    reply
        .headers
        .get_all("vary")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim().to_ascii_lowercase())
        .collect()
}

fn assert_varies(reply: &Reply, tokens: &[&str], what: &str) {
    let present = vary(reply);
    for token in tokens {
        assert!(
            present.iter().any(|t| t == &token.to_ascii_lowercase()),
            "{what}: Vary {present:?} lacks {token}"
        );
    }
}

fn problem_text(reply: &Reply, field: &str) -> String {
    reply.json()[field]
        .as_str()
        .unwrap_or_else(|| panic!("no {field} in {}", reply.text()))
        .to_owned()
}

#[tokio::test]
async fn a_sparql_syntax_error_is_summarised_with_its_line_and_column_in_the_reader_s_language() {
    let app = App::shared();
    let french = app
        .send(call(Method::POST, "/sparql").form(&[("query", MISSPELT)]))
        .await;
    assert_eq!(french.status, StatusCode::BAD_REQUEST, "{}", french.text());
    assert_eq!(french.header("content-type"), "application/problem+json");
    let problem = french.json();
    assert_eq!(problem["title"], "Erreur de syntaxe SPARQL", "{problem}");
    assert_eq!(problem["line"], 4, "{problem}");
    assert_eq!(problem["column"], 7, "{problem}");
    let detail = problem_text(&french, "detail");
    assert!(
        detail.starts_with("Erreur de syntaxe ligne 4, colonne 7 : « dix » inattendu ; attendu : "),
        "{detail}"
    );
    assert!(detail.contains("« OFFSET »"), "{detail}");
    // The parser's own message stays for experts, not as the headline.
    let technical = problem_text(&french, "technical_detail");
    assert!(technical.contains("4:7"), "{technical}");
    assert!(!detail.contains("error at"), "{detail}");
    assert_varies(&french, &["Accept-Language"], "a SPARQL problem");

    let english = app
        .send(
            call(Method::POST, "/sparql")
                .header("accept-language", "en-CA,en;q=0.8")
                .form(&[("query", MISSPELT)]),
        )
        .await;
    assert_eq!(english.status, StatusCode::BAD_REQUEST);
    let detail = problem_text(&english, "detail");
    assert!(
        detail.starts_with("Syntax error at line 4, column 7: unexpected \"dix\"; expected "),
        "{detail}"
    );
    assert_eq!(problem_text(&english, "title"), "SPARQL syntax error");

    // A query cut short says so, at the end of the text.
    let cut = app
        .get(&uri("/sparql", &[("query", "SELECT * WHERE { ?s ?p ?o")]))
        .await;
    let detail = problem_text(&cut, "detail");
    assert!(
        detail.starts_with("Erreur de syntaxe ligne 1, colonne 26 : la requête s'arrête trop tôt"),
        "{detail}"
    );
}

#[tokio::test]
async fn a_sparql_update_syntax_error_is_summarised_too() {
    let app = App::writable();
    let update = "PREFIX ex: <http://example.org/>\nINSERT DATA { ex:a ex:b }";
    let reply = app.update(update).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.text());
    let problem = reply.json();
    assert_eq!(problem["line"], 2, "{problem}");
    let detail = problem_text(&reply, "detail");
    assert!(
        detail.starts_with("Erreur de syntaxe ligne 2, colonne 25 : « } » inattendu ; attendu : "),
        "{detail}"
    );
    assert!(problem["technical_detail"].is_string(), "{problem}");
}

#[tokio::test]
async fn a_bad_rest_filter_value_is_a_french_problem_naming_the_parameter_and_its_values() {
    let app = App::shared();
    let reply = app.get("/api/v1/organisations?kind=robot").await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(reply.header("content-type"), "application/problem+json");
    let problem = reply.json();
    assert_eq!(problem["parameter"], "kind", "{problem}");
    let detail = problem_text(&reply, "detail");
    assert!(
        detail.starts_with("Le paramètre « kind » ne peut pas valoir « robot » : valeurs possibles « company », « research-centre »"),
        "{detail}"
    );
    assert!(!detail.contains("deserialize"), "{detail}");
    assert_varies(&reply, &["Accept-Language"], "a REST problem");

    let english = app
        .send(call(Method::GET, "/api/v1/organisations?role=buyer").header("accept-language", "en"))
        .await;
    let detail = problem_text(&english, "detail");
    assert_eq!(
        detail,
        "The parameter \"role\" cannot be \"buyer\": possible values are \"supplier\", \"adopter\"."
    );

    // Numbers say their bounds (from the OpenAPI document), booleans their two values; then a
    // required parameter that is missing, and one given twice.
    for (uri, parameter, detail) in [
        (
            "/api/v1/organisations?limit=abc",
            "limit",
            Some("Le paramètre « limit » doit être un nombre entier de 1 à 500, pas « abc »."),
        ),
        (
            "/api/v1/organisations?in_zem=peut-etre&lang=en",
            "in_zem",
            Some("The parameter \"in_zem\" is \"true\" or \"false\", not \"peut-etre\"."),
        ),
        (
            "/api/v1/path?from=coveo",
            "to",
            Some("Le paramètre « to » est obligatoire."),
        ),
        (
            "/api/v1/organisations?kind=company&kind=college",
            "kind",
            None,
        ),
    ] {
        let reply = app.get(uri).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{uri}");
        assert_eq!(reply.json()["parameter"], parameter, "{uri}");
        if let Some(detail) = detail {
            assert_eq!(problem_text(&reply, "detail"), detail, "{uri}");
        }
    }
}

#[tokio::test]
async fn the_search_page_says_a_bad_filter_in_french() {
    let app = App::shared();
    let page = app.get("/recherche?kind=robot").await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    let html = page.text();
    assert!(html.contains("<header class=\"site\">"), "{html}");
    assert!(
        html.contains("Le paramètre « kind » ne peut pas valoir « robot »"),
        "{html}"
    );
    assert!(!html.contains("deserialize"), "{html}");
}

#[tokio::test]
async fn json_bodies_of_the_wrong_shape_name_the_field() {
    let app = App::writable();
    let wrong_kind = app
        .write_json(
            Method::POST,
            "/api/v1/organisations",
            &json!({
                "id": "robotique-test", "name_fr": "Robotique", "kind": "robot",
                "municipality": "23027", "sources": ["https://example.org"]
            }),
        )
        .await;
    assert_eq!(
        wrong_kind.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        wrong_kind.text()
    );
    assert_eq!(wrong_kind.json()["parameter"], "kind");
    let detail = problem_text(&wrong_kind, "detail");
    assert!(
        detail.starts_with(
            "Le champ « kind » ne peut pas valoir « robot » : valeurs possibles « company »"
        ),
        "{detail}"
    );
    let not_json = app
        .write(
            Method::POST,
            "/api/v1/organisations",
            "application/json",
            "{\n  \"id\": oops\n}",
        )
        .await;
    assert_eq!(not_json.status, StatusCode::BAD_REQUEST);
    let problem = not_json.json();
    assert_eq!(problem["line"], 2, "{problem}");
    assert!(
        problem_text(&not_json, "detail")
            .starts_with("Le corps n'est pas du JSON valide : erreur ligne 2, colonne "),
        "{problem}"
    );
    let no_type = app
        .write(Method::POST, "/api/v1/organisations", "text/plain", "{}")
        .await;
    assert_eq!(no_type.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(problem_text(&no_type, "detail").contains("text/plain"));
}

#[tokio::test]
async fn an_unknown_address_is_a_french_page_for_browsers_and_a_problem_for_programs() {
    let app = App::shared();
    let page = app
        .send(call(Method::GET, "/nulle-part").header("accept", BROWSER))
        .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.header("content-type").starts_with("text/html"));
    let html = page.text();
    assert!(html.contains("<html lang=\"fr\">"), "{html}");
    assert!(html.contains("<header class=\"site\">"), "{html}");
    assert!(html.contains("<h1>Page introuvable</h1>"), "{html}");
    assert!(html.contains("« /nulle-part »"), "{html}");
    assert!(html.contains("href=\"/recherche\""), "{html}");
    assert!(html.contains("<footer class=\"site\">"), "{html}");
    assert_varies(&page, &["Accept", "Accept-Language"], "the 404 page");

    let english = app
        .send(
            call(Method::GET, "/nowhere")
                .header("accept", BROWSER)
                .header("accept-language", "en-GB,en;q=0.9"),
        )
        .await;
    assert_eq!(english.status, StatusCode::NOT_FOUND);
    let html = english.text();
    assert!(html.contains("<html lang=\"en\">"), "{html}");
    assert!(html.contains("<h1>Not found</h1>"), "{html}");
    assert!(
        html.contains("There is no page at &quot;/nowhere&quot;."),
        "{html}"
    );

    let program = app
        .send(call(Method::GET, "/nulle-part").header("accept", "application/json"))
        .await;
    assert_eq!(program.status, StatusCode::NOT_FOUND);
    assert_eq!(program.header("content-type"), "application/problem+json");
    assert_eq!(
        problem_text(&program, "detail"),
        "Aucune page n'a l'adresse « /nulle-part »."
    );
    // Under /api/ a browser gets the problem document too.
    let api = app
        .send(call(Method::GET, "/api/v1/nothing").header("accept", BROWSER))
        .await;
    assert_eq!(api.status, StatusCode::NOT_FOUND);
    assert_eq!(api.header("content-type"), "application/problem+json");
    // An unknown entity of the linked data is the same page for a browser.
    let entity = app
        .send(call(Method::GET, "/id/org/nobody-at-all").header("accept", BROWSER))
        .await;
    assert_eq!(entity.status, StatusCode::NOT_FOUND);
    let html = entity.text();
    assert!(html.contains("<header class=\"site\">"), "{html}");
    assert!(html.contains("nobody-at-all"), "{html}");
    // A known address with a method it does not answer is a 405 problem with Allow.
    let put = app.send(call(Method::PUT, "/api/v1/stats")).await;
    assert_eq!(put.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(put.header("content-type"), "application/problem+json");
    assert!(put.header("allow").contains("GET"));
}

#[tokio::test]
async fn docs_is_the_swagger_ui_inside_the_site_s_header() {
    let app = App::shared();
    for (path, language, heading) in [
        ("/docs", None, "Documentation de l'API REST"),
        ("/docs/", Some("en"), "REST API documentation"),
    ] {
        let mut request = call(Method::GET, path).header("accept", BROWSER);
        if let Some(language) = language {
            request = request.header("accept-language", language);
        }
        let page = app.send(request).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        let html = page.text();
        assert!(html.contains("<header class=\"site\">"), "{html}");
        assert!(html.contains(&format!("<h1>{heading}</h1>")), "{html}");
        assert!(html.contains("id=\"swagger-ui\""), "{html}");
        assert!(html.contains("/docs/ui/swagger-ui-bundle.js"), "{html}");
        assert!(html.contains("href=\"/\""), "a link back: {html}");
        assert_varies(&page, &["Accept-Language"], path);
    }
    for asset in [
        "/docs/ui/",
        "/docs/ui/swagger-ui-bundle.js",
        "/docs/ui/swagger-ui.css",
    ] {
        assert_eq!(app.get(asset).await.status, StatusCode::OK, "{asset}");
    }
}

#[tokio::test]
async fn answers_say_what_they_vary_on() {
    let app = App::shared();
    let home = app.get("/").await;
    assert_eq!(home.status, StatusCode::OK);
    assert_varies(&home, &["Accept-Language"], "the home page");
    let rest = app.get("/api/v1/stats").await;
    assert_eq!(rest.status, StatusCode::OK);
    assert_varies(&rest, &["Accept-Language"], "a REST answer");
    let bad_lang = app.get("/api/v1/stats?lang=de").await;
    assert_eq!(bad_lang.status, StatusCode::BAD_REQUEST);
    assert_varies(&bad_lang, &["Accept-Language"], "a problem");
    let results = app
        .get(&uri("/sparql", &[("query", "ASK { ?s ?p ?o }")]))
        .await;
    assert_eq!(results.status, StatusCode::OK);
    assert_varies(&results, &["Accept"], "SPARQL results");
    let resource = app
        .send(call(Method::GET, "/id/org/coveo").header("accept", BROWSER))
        .await;
    assert_eq!(resource.status, StatusCode::OK, "{}", resource.text());
    assert_varies(
        &resource,
        &["Accept", "Accept-Language"],
        "a linked-data page",
    );
    let turtle = app
        .send(call(Method::GET, "/id/org/coveo").header("accept", "text/turtle"))
        .await;
    assert_varies(
        &turtle,
        &["Accept", "Accept-Language"],
        "linked data in Turtle",
    );
    // One Vary line, each token once.
    assert_eq!(turtle.headers.get_all("vary").iter().count(), 1);
    assert_eq!(
        vary(&turtle).iter().filter(|t| *t == "accept").count(),
        1,
        "{:?}",
        vary(&turtle)
    );
    // A static file does not depend on the language.
    let css = app.get("/assets/app.css").await;
    assert_eq!(css.status, StatusCode::OK);
    assert!(!vary(&css).contains(&"accept-language".to_owned()));
}
