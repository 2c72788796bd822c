//! Accounts as a user would attack them: who may write, sessions and their cookie, CSRF,
//! throttled sign-ins, revoked tokens, reverts of someone else's change, attribution.

use axum::http::{Method, StatusCode};
use maillage_accounts::Role;
use serde_json::{Value, json};

use crate::{App, Reply, TOKEN, call, uri};

const API: &str = "/api/v1";

fn organisation(id: &str, name: &str) -> Value {
    json!({
        "id": id,
        "name_fr": name,
        "kind": "company",
        "municipality": "23027",
        "sources": ["https://example.org/comptes"],
    })
}

/// The session cookie (`name=value`) a response sets.
fn session_cookie(reply: &Reply) -> String {
    let set = reply.header("set-cookie");
    set.split(';').next().expect("name=value").to_owned()
}

async fn create(app: &App, call_: crate::Call, id: &str) -> Reply {
    app.send(call_.json(&organisation(id, &format!("Essai {id}"))))
        .await
}

#[tokio::test]
async fn anonymous_and_reader_writes_are_refused_on_every_write_route_staff_and_admin_write() {
    let app = App::writable();
    app.accounts
        .add_user("rene", Role::Reader, "mot-de-passe-lecteur")
        .expect("reader");
    app.accounts
        .add_user("sophie", Role::Staff, "mot-de-passe-staff")
        .expect("staff");
    let (_, reader) = app.accounts.create_token("rene", None).expect("token");
    let (_, staff) = app
        .accounts
        .create_token("sophie", Some("scripts"))
        .expect("token");
    let before = app.quads();
    let insert = "INSERT DATA { GRAPH <https://w3id.org/maillage/graph/api> { <https://w3id.org/maillage/id/org/x> <http://www.w3.org/2000/01/rdf-schema#label> \"x\"@fr } }";
    let writes: Vec<(Method, String, &str, String)> = vec![
        (Method::POST, "/update".into(), "application/sparql-update", insert.into()),
        (
            Method::PUT,
            uri("/store", &[("graph", "https://w3id.org/maillage/graph/api")]),
            "text/turtle",
            "<https://w3id.org/maillage/id/org/x> <http://www.w3.org/2000/01/rdf-schema#label> \"x\"@fr .".into(),
        ),
        (
            Method::POST,
            uri("/store", &[("graph", "https://w3id.org/maillage/graph/api")]),
            "text/turtle",
            "<https://w3id.org/maillage/id/org/x> <http://www.w3.org/2000/01/rdf-schema#label> \"x\"@fr .".into(),
        ),
        (
            Method::DELETE,
            uri("/store", &[("graph", "https://w3id.org/maillage/graph/region")]),
            "text/plain",
            String::new(),
        ),
        (
            Method::POST,
            format!("{API}/organisations"),
            "application/json",
            organisation("refus", "Refus").to_string(),
        ),
        (
            Method::PUT,
            format!("{API}/organisations/universite-laval"),
            "application/json",
            organisation("universite-laval", "Laval").to_string(),
        ),
        (
            Method::DELETE,
            format!("{API}/organisations/universite-laval"),
            "text/plain",
            String::new(),
        ),
        (
            Method::POST,
            format!("{API}/projects"),
            "application/json",
            "{}".into(),
        ),
        (
            Method::POST,
            format!("{API}/changes/1/revert"),
            "text/plain",
            String::new(),
        ),
    ];
    for (method, path, content_type, body) in &writes {
        let anonymous = app
            .send(call(method.clone(), path).body(content_type, body.clone()))
            .await;
        assert_eq!(
            anonymous.status,
            StatusCode::UNAUTHORIZED,
            "{method} {path}"
        );
        assert!(anonymous.headers.contains_key("www-authenticate"));
        let as_reader = app
            .send(
                call(method.clone(), path)
                    .bearer(&reader)
                    .body(content_type, body.clone()),
            )
            .await;
        assert_eq!(as_reader.status, StatusCode::FORBIDDEN, "{method} {path}");
        assert!(as_reader.text().contains("reader"), "{}", as_reader.text());
        let wrong = app
            .send(
                call(method.clone(), path)
                    .bearer("mlg_nope_nope")
                    .body(content_type, body.clone()),
            )
            .await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED, "{method} {path}");
    }
    assert_eq!(app.quads(), before, "no refused write changed anything");

    // Staff never touch a system graph (nor does anyone over HTTP): DROP ALL is refused whole.
    let drop_all = app
        .send(
            call(Method::POST, "/update")
                .bearer(&staff)
                .body("application/sparql-update", "DROP ALL"),
        )
        .await;
    assert_eq!(
        drop_all.status,
        StatusCode::FORBIDDEN,
        "{}",
        drop_all.text()
    );
    assert_eq!(app.quads(), before);

    // Staff write, and the history names them.
    let created = create(
        &app,
        call(Method::POST, &format!("{API}/organisations")).bearer(&staff),
        "par-sophie",
    )
    .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    let history = app
        .send(call(Method::GET, &format!("{API}/changes")).bearer(&staff))
        .await
        .json();
    assert_eq!(history[0]["actor"], "sophie", "{history}");
    // Members see who changed an organisation last; anonymous readers do not.
    let seen = app
        .send(call(Method::GET, &format!("{API}/organisations/par-sophie")).bearer(&reader))
        .await
        .json();
    assert_eq!(seen["last_change"]["actor"], "sophie", "{seen}");
    let anonymous = app
        .get_json(&format!("{API}/organisations/par-sophie"))
        .await;
    assert!(anonymous.get("last_change").is_none(), "{anonymous}");
    // The write token still acts as an admin named write-token.
    let by_token = create(
        &app,
        call(Method::POST, &format!("{API}/organisations")).bearer(TOKEN),
        "par-jeton",
    )
    .await;
    assert_eq!(by_token.status, StatusCode::CREATED);
    let history = app
        .send(call(Method::GET, &format!("{API}/changes")).bearer(TOKEN))
        .await
        .json();
    assert_eq!(history[0]["actor"], "write-token", "{history}");
}

#[tokio::test]
async fn a_revoked_token_stops_at_once_and_a_removed_user_with_it() {
    let app = App::writable();
    app.accounts
        .add_user("sophie", Role::Staff, "mot-de-passe-staff")
        .expect("staff");
    let (info, token) = app.accounts.create_token("sophie", None).expect("token");
    let me = app
        .send(call(Method::GET, &format!("{API}/session")).bearer(&token))
        .await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.json()["name"], "sophie");
    assert_eq!(me.json()["role"], "staff");
    app.accounts.revoke_token(&info.id).expect("revoke");
    for path in [
        format!("{API}/session"),
        "/sparql?query=ASK%7B%7D".into(),
        "/".into(),
    ] {
        let after = app.send(call(Method::GET, &path).bearer(&token)).await;
        assert_eq!(after.status, StatusCode::UNAUTHORIZED, "{path}");
    }
    let (_, second) = app.accounts.create_token("sophie", None).expect("token");
    app.accounts.remove_user("sophie").expect("remove");
    let gone = app
        .send(call(Method::GET, &format!("{API}/session")).bearer(&second))
        .await;
    assert_eq!(gone.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_session_signs_in_with_a_safe_cookie_writes_only_with_its_csrf_token_and_signs_out() {
    let app = App::writable();
    app.accounts
        .add_user("sophie", Role::Staff, "mot-de-passe-staff")
        .expect("staff");
    let wrong = app
        .send(
            call(Method::POST, &format!("{API}/session"))
                .json(&json!({"name": "sophie", "password": "pas-le-bon-mot"})),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    let signed = app
        .send(
            call(Method::POST, &format!("{API}/session"))
                .json(&json!({"name": "sophie", "password": "mot-de-passe-staff"})),
        )
        .await;
    assert_eq!(signed.status, StatusCode::NO_CONTENT, "{}", signed.text());
    let set = signed.header("set-cookie").to_owned();
    assert!(set.contains("HttpOnly"), "{set}");
    assert!(set.contains("SameSite=Lax"), "{set}");
    assert!(
        !set.contains("Secure"),
        "plain http: no Secure flag ({set})"
    );
    let cookie = session_cookie(&signed);

    let me = app
        .send(call(Method::GET, &format!("{API}/session")).header("cookie", &cookie))
        .await
        .json();
    assert_eq!(me["signed_in"], true, "{me}");
    assert_eq!(me["via"], "session");
    assert_eq!(me["sees_confidential"], true);
    let csrf = me["csrf_token"].as_str().expect("a CSRF token").to_owned();

    // A write with the cookie alone (what a cross-site form would send) is refused.
    let forged = create(
        &app,
        call(Method::POST, &format!("{API}/organisations")).header("cookie", &cookie),
        "forgee",
    )
    .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN, "{}", forged.text());
    let wrong_token = create(
        &app,
        call(Method::POST, &format!("{API}/organisations"))
            .header("cookie", &cookie)
            .header("x-csrf-token", "0000"),
        "forgee",
    )
    .await;
    assert_eq!(wrong_token.status, StatusCode::FORBIDDEN);
    let written = create(
        &app,
        call(Method::POST, &format!("{API}/organisations"))
            .header("cookie", &cookie)
            .header("x-csrf-token", &csrf),
        "par-session",
    )
    .await;
    assert_eq!(written.status, StatusCode::CREATED, "{}", written.text());
    let profile = app
        .send(call(Method::GET, "/organisations/par-session").header("cookie", &cookie))
        .await
        .text();
    assert!(
        profile.contains("Dernière modification : par sophie"),
        "the profile says who changed it last"
    );
    let anonymous_profile = app.get("/organisations/par-session").await.text();
    assert!(!anonymous_profile.contains("Dernière modification"));

    // The page header names the user and their role.
    let home = app
        .send(call(Method::GET, "/").header("cookie", &cookie))
        .await
        .text();
    assert!(
        home.contains("sophie (personnel)"),
        "the header shows who is signed in"
    );

    let out = app
        .send(call(Method::DELETE, &format!("{API}/session")).header("cookie", &cookie))
        .await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    let after = app
        .send(call(Method::GET, &format!("{API}/session")).header("cookie", &cookie))
        .await
        .json();
    assert_eq!(
        after["signed_in"], false,
        "the old cookie is worth nothing: {after}"
    );
}

#[tokio::test]
async fn the_cookie_is_secure_behind_an_https_base_url() {
    let app = App::with(maillage_api::ApiConfig {
        base_url: "https://maillage.example.org".into(),
        ..maillage_api::ApiConfig::default()
    });
    app.accounts
        .add_user("sophie", Role::Staff, "mot-de-passe-staff")
        .expect("staff");
    let signed = app
        .send(
            call(Method::POST, &format!("{API}/session"))
                .json(&json!({"name": "sophie", "password": "mot-de-passe-staff"})),
        )
        .await;
    assert_eq!(signed.status, StatusCode::NO_CONTENT);
    assert!(signed.header("set-cookie").contains("Secure"));
}

#[tokio::test]
async fn ten_failed_sign_ins_throttle_the_account_on_the_api_and_the_form_alike() {
    let app = App::writable();
    app.accounts
        .add_user("sophie", Role::Staff, "mot-de-passe-staff")
        .expect("staff");
    for i in 0..10 {
        let wrong = app
            .send(
                call(Method::POST, &format!("{API}/session"))
                    .json(&json!({"name": "sophie", "password": format!("essai-{i}")})),
            )
            .await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED, "attempt {i}");
    }
    // Even the right password waits now.
    let blocked = app
        .send(
            call(Method::POST, &format!("{API}/session"))
                .json(&json!({"name": "sophie", "password": "mot-de-passe-staff"})),
        )
        .await;
    assert_eq!(blocked.status, StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = blocked.header("retry-after").parse().expect("seconds");
    assert!(wait > 0 && wait <= 15 * 60, "{wait}");
    assert!(
        blocked.text().contains("Trop de tentatives"),
        "{}",
        blocked.text()
    );

    // The form says the same, with the same status.
    let form = app.get("/connexion").await;
    assert_eq!(form.status, StatusCode::OK);
    let cookie = session_cookie(&form);
    let csrf = csrf_field(&form.text());
    let posted = app
        .send(
            call(Method::POST, "/connexion")
                .header("cookie", &cookie)
                .form(&[
                    ("csrf", &csrf),
                    ("name", "sophie"),
                    ("password", "mot-de-passe-staff"),
                ]),
        )
        .await;
    assert_eq!(posted.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(posted.headers.contains_key("retry-after"));
    assert!(posted.text().contains("Trop de tentatives"));
}

/// The value of the form's hidden `csrf` field.
fn csrf_field(html: &str) -> String {
    let at =
        html.find("name=\"csrf\" value=\"").expect("a csrf field") + "name=\"csrf\" value=\"".len();
    html[at..].split('"').next().expect("value").to_owned()
}

#[tokio::test]
async fn the_sign_in_form_needs_its_csrf_token_then_signs_in_and_the_sign_out_form_too() {
    let app = App::writable();
    app.accounts
        .add_user("amelie", Role::Admin, "mot-de-passe-admin")
        .expect("admin");
    let form = app.get("/connexion").await;
    assert_eq!(form.status, StatusCode::OK);
    let html = form.text();
    assert!(html.contains("Connexion") && html.contains("type=\"password\""));
    let cookie = session_cookie(&form);
    let csrf = csrf_field(&html);

    // Without the token, or with another one: 403, not signed in.
    for token in ["", "0123"] {
        let refused = app
            .send(
                call(Method::POST, "/connexion")
                    .header("cookie", &cookie)
                    .form(&[
                        ("csrf", token),
                        ("name", "amelie"),
                        ("password", "mot-de-passe-admin"),
                    ]),
            )
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "csrf {token:?}");
    }
    let wrong = app
        .send(
            call(Method::POST, "/connexion")
                .header("cookie", &cookie)
                .form(&[
                    ("csrf", &csrf),
                    ("name", "amelie"),
                    ("password", "faux-mot-de-passe"),
                ]),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert!(wrong.text().contains("Nom ou mot de passe incorrect"));

    let signed = app
        .send(
            call(Method::POST, "/connexion")
                .header("cookie", &cookie)
                .form(&[
                    ("csrf", &csrf),
                    ("name", "amelie"),
                    ("password", "mot-de-passe-admin"),
                    ("suivant", "/reseau"),
                ]),
        )
        .await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER, "{}", signed.text());
    assert_eq!(signed.header("location"), "/reseau");
    // A new session id on sign-in (no fixation): the cookie changes.
    let cookie = session_cookie(&signed);
    let page = app
        .send(call(Method::GET, "/reseau").header("cookie", &cookie))
        .await
        .text();
    assert!(
        page.contains("amelie (administrateur)"),
        "header names the admin"
    );
    // Somewhere else than this site is never a destination.
    let form = app.get("/connexion?suivant=//evil.example").await.text();
    assert!(form.contains("name=\"suivant\" value=\"/\""), "{form}");

    // Signing out needs the token too.
    let out_csrf = csrf_field(&page);
    let refused = app
        .send(
            call(Method::POST, "/deconnexion")
                .header("cookie", &cookie)
                .form(&[("csrf", "x")]),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let out = app
        .send(
            call(Method::POST, "/deconnexion")
                .header("cookie", &cookie)
                .form(&[("csrf", &out_csrf)]),
        )
        .await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    let after = app
        .send(call(Method::GET, "/").header("cookie", &cookie))
        .await
        .text();
    assert!(!after.contains("amelie (administrateur)"));
    assert!(after.contains("Se connecter"));
}

/// Creates an organisation as `token` and gives the number of the change that did it.
async fn created_change(app: &App, token: &str, id: &str) -> u64 {
    let created = create(
        app,
        call(Method::POST, &format!("{API}/organisations")).bearer(token),
        id,
    )
    .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    app.send(call(Method::GET, &format!("{API}/changes?limit=1")).bearer(token))
        .await
        .json()[0]["id"]
        .as_u64()
        .expect("id")
}

async fn revert(app: &App, token: &str, change: u64) -> Reply {
    app.send(call(Method::POST, &format!("{API}/changes/{change}/revert")).bearer(token))
        .await
}

#[tokio::test]
async fn staff_revert_their_own_changes_only_and_an_admin_reverts_anyones() {
    let app = App::writable();
    let mut tokens = Vec::new();
    for name in ["sophie", "marc"] {
        app.accounts
            .add_user(name, Role::Staff, &format!("mot-de-passe-{name}"))
            .expect("staff");
        tokens.push(app.accounts.create_token(name, None).expect("token").1);
    }
    let (sophie, marc) = (&tokens[0], &tokens[1]);
    let change = created_change(&app, sophie, "a-sophie").await;
    let before = app.quads();
    let by_marc = revert(&app, marc, change).await;
    assert_eq!(by_marc.status, StatusCode::FORBIDDEN, "{}", by_marc.text());
    assert!(by_marc.text().contains("sophie"));
    assert_eq!(app.quads(), before);
    let by_admin = revert(&app, TOKEN, change).await;
    assert_eq!(by_admin.status, StatusCode::CREATED, "{}", by_admin.text());
    // Her own change, reverted by herself, is allowed too.
    let own = created_change(&app, sophie, "b-sophie").await;
    let mine = revert(&app, sophie, own).await;
    assert_eq!(mine.status, StatusCode::CREATED, "{}", mine.text());
}

/// Found by schemathesis: an empty municipality made an IRI of no municipality and was
/// accepted; it is a 400 naming the field now, and nothing is written.
#[tokio::test]
async fn an_organisation_without_a_real_municipality_code_is_refused() {
    let app = App::writable();
    let before = app.quads();
    for bad in [
        "",
        "2302",
        "abcde",
        "https://w3id.org/maillage/id/municipality/",
    ] {
        let mut body = organisation("sans-municipalite", "Sans municipalité");
        body["municipality"] = json!(bad);
        let refused = app
            .send(
                call(Method::POST, &format!("{API}/organisations"))
                    .bearer(TOKEN)
                    .json(&body),
            )
            .await;
        assert_eq!(
            refused.status,
            StatusCode::BAD_REQUEST,
            "{bad:?}: {}",
            refused.text()
        );
        assert_eq!(refused.json()["parameter"], "municipality");
    }
    assert_eq!(app.quads(), before);
    let mut body = organisation("avec-municipalite", "Avec municipalité");
    body["municipality"] = json!("https://w3id.org/maillage/id/municipality/23027");
    let accepted = app
        .send(
            call(Method::POST, &format!("{API}/organisations"))
                .bearer(TOKEN)
                .json(&body),
        )
        .await;
    assert_eq!(accepted.status, StatusCode::CREATED, "{}", accepted.text());
}

#[tokio::test]
async fn members_see_who_changed_a_project_last_and_anonymous_readers_do_not() {
    let app = App::writable();
    app.accounts
        .add_user("sophie", Role::Staff, "mot-de-passe-staff")
        .expect("staff");
    let (_, sophie) = app.accounts.create_token("sophie", None).expect("token");
    let project = json!({
        "id": "essai-projet-suivi",
        "name_fr": "Projet suivi",
        "supplier": "coveo",
        "adopter": "universite-laval",
    });
    let created = app
        .send(
            call(Method::POST, &format!("{API}/projects"))
                .bearer(&sophie)
                .json(&project),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    let find = |list: &Value| -> Value {
        list.as_array()
            .expect("a list")
            .iter()
            .find(|p| {
                p["iri"]
                    .as_str()
                    .is_some_and(|i| i.ends_with("/essai-projet-suivi"))
            })
            .cloned()
            .expect("the project is listed")
    };
    let seen = app
        .send(call(Method::GET, &format!("{API}/projects")).bearer(&sophie))
        .await
        .json();
    assert_eq!(find(&seen)["last_change"]["actor"], "sophie", "{seen}");
    // A new project is a confidential candidate of the pipeline: anonymous readers do not see it.
    let anonymous = app.get_json(&format!("{API}/projects")).await;
    assert!(
        !anonymous.to_string().contains("essai-projet-suivi"),
        "{anonymous}"
    );
}
