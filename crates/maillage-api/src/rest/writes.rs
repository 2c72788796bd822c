//! Writes (bearer token): create, replace and delete organisations (projects: `projects.rs`). The
//! request is turned into RDF terms directly (never into SPARQL text), validated by the SHACL
//! shapes and applied atomically; the snapshot is rebuilt once the write is committed.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use maillage_model::{OrgKind, vocab};
use maillage_store::oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};
use serde::Deserialize;
use utoipa::ToSchema;

use super::organisations::resolve;
use super::{JsonBodyProblems, Problem, Writer};
use crate::AppState;
use crate::error::{ApiError, ApiJson, ApiPath, Message};
use crate::store_protocol::blocking;
use maillage_store::Origin;

/// An organisation as sent by a client.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrganizationInput {
    /// Slug of the IRI (`https://w3id.org/maillage/id/org/{id}`); default: from `name_fr`.
    /// Ignored on PUT (the path gives it).
    #[schema(example = "exemple-ia", pattern = "^[a-z0-9-]{1,100}$")]
    pub id: Option<String>,
    #[schema(example = "Exemple IA inc.", min_length = 1, max_length = 300)]
    pub name_fr: String,
    #[schema(min_length = 1, max_length = 300)]
    pub name_en: Option<String>,
    #[schema(inline)]
    pub kind: super::wire::KindParam,
    /// MAMH code (e.g. `23027`) or municipality IRI.
    #[schema(
        example = "23027",
        pattern = "^([0-9]{5}|https://w3id\\.org/maillage/id/municipality/[0-9]{5})$"
    )]
    pub municipality: String,
    /// Addresses of the pages that state the facts (at least one).
    #[schema(example = json!(["https://example.org/a-propos"]), min_items = 1)]
    pub sources: Vec<String>,
    #[schema(pattern = "^https?://[^\\s<>\"{}|\\\\^`]+$")]
    pub website: Option<String>,
    #[schema(min_length = 1, max_length = 2000)]
    pub description_fr: Option<String>,
    #[schema(min_length = 1, max_length = 2000)]
    pub description_en: Option<String>,
    /// Expertise offered (concept slugs or IRIs).
    #[serde(default)]
    pub expertise: Vec<String>,
    /// Stated needs (concept slugs or IRIs).
    #[serde(default)]
    pub needs: Vec<String>,
    #[serde(default)]
    pub research_areas: Vec<String>,
    #[serde(default)]
    pub trains_in: Vec<String>,
    /// NAICS codes or IRIs.
    #[serde(default)]
    pub sectors: Vec<String>,
    /// Projects a supplier can take at once.
    #[schema(minimum = 0, maximum = 1000)]
    pub capacity: Option<u32>,
}

/// The graph that holds what the API writes.
fn api_graph() -> GraphName {
    NamedNode::new_unchecked(vocab::graph("api")).into()
}

pub(super) fn iri(value: &str, what: &str) -> Result<NamedNode, ApiError> {
    NamedNode::new(value).map_err(|e| {
        ApiError::bad_request(
            Message::new("err-field-iri")
                .arg("field", what)
                .arg("value", value)
                .arg("detail", e),
        )
    })
}

/// A municipality as the schema documents it: a five-digit MAMH code or its IRI (an empty or
/// other value would make an IRI of no municipality).
fn municipality_iri(value: &str) -> Result<NamedNode, ApiError> {
    let code = value
        .trim()
        .strip_prefix(&vocab::id("municipality", ""))
        .unwrap_or(value.trim());
    if code.len() == 5 && code.bytes().all(|b| b.is_ascii_digit()) {
        iri(&vocab::id("municipality", code), "municipality")
    } else {
        Err(
            ApiError::bad_request(Message::new("err-field-municipality").arg("value", value))
                .parameter("municipality"),
        )
    }
}

pub(super) fn text(value: &str, what: &str, max: usize) -> Result<String, ApiError> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(ApiError::bad_request(
            Message::new("err-field-empty").arg("field", what),
        ));
    }
    if trimmed.chars().count() > max || trimmed.chars().any(|c| c.is_control() && c != '\n') {
        return Err(ApiError::bad_request(
            Message::new("err-field-too-long")
                .arg("field", what)
                .count("max", max),
        ));
    }
    Ok(trimmed.to_owned())
}

pub(super) fn slug(value: &str) -> Result<String, ApiError> {
    let ok = !value.is_empty()
        && value.len() <= 100
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if ok {
        Ok(value.to_owned())
    } else {
        Err(ApiError::bad_request(
            Message::new("err-id-invalid").arg("id", value),
        ))
    }
}

pub(super) fn web_iri(value: &str, what: &str) -> Result<NamedNode, ApiError> {
    if !(value.starts_with("https://") || value.starts_with("http://")) {
        return Err(ApiError::bad_request(
            Message::new("err-field-web")
                .arg("field", what)
                .arg("value", value),
        ));
    }
    iri(value, what)
}

struct Quads {
    subject: NamedNode,
    quads: Vec<Quad>,
}

impl Quads {
    /// The statements of a new record: its class and its French and (optional) English names.
    fn named(
        subject: NamedNode,
        class: String,
        name_fr: &str,
        name_en: Option<&String>,
    ) -> Result<Quads, ApiError> {
        let mut q = Quads {
            subject,
            quads: Vec::new(),
        };
        q.add(
            format!("{}type", vocab::RDF),
            NamedNode::new_unchecked(class),
        );
        for (name, field, lang) in [
            (Some(name_fr), "name_fr", "fr"),
            (name_en.map(String::as_str), "name_en", "en"),
        ] {
            if let Some(name) = name {
                q.lang(
                    format!("{}label", vocab::RDFS),
                    &text(name, field, 300)?,
                    lang,
                )?;
            }
        }
        Ok(q)
    }

    fn add(&mut self, predicate: String, object: impl Into<Term>) {
        self.quads.push(Quad::new(
            self.subject.clone(),
            NamedNode::new_unchecked(predicate),
            object,
            api_graph(),
        ));
    }

    fn lang(&mut self, predicate: String, value: &str, lang: &str) -> Result<(), ApiError> {
        let literal = Literal::new_language_tagged_literal(value, lang).map_err(|e| {
            ApiError::bad_request(
                Message::new("err-field-literal")
                    .arg("field", lang)
                    .arg("detail", e),
            )
        })?;
        self.add(predicate, literal);
        Ok(())
    }
}

fn organisation_quads(input: &OrganizationInput, id: &str) -> Result<Quads, ApiError> {
    let kind: OrgKind = input.kind.kind();
    let subject = iri(&vocab::id("org", id), "id")?;
    let mut q = Quads::named(
        subject,
        kind.class_iri(),
        &input.name_fr,
        input.name_en.as_ref(),
    )?;
    for (value, lang) in [(&input.description_fr, "fr"), (&input.description_en, "en")] {
        if let Some(v) = value {
            q.lang(
                format!("{}comment", vocab::RDFS),
                &text(v, "description", 2000)?,
                lang,
            )?;
        }
    }
    q.add(
        vocab::mo("locatedIn"),
        municipality_iri(&input.municipality)?,
    );
    if input.sources.is_empty() {
        return Err(ApiError::bad_request(Message::new("err-sources-missing")));
    }
    for s in &input.sources {
        q.add(format!("{}source", vocab::DCTERMS), web_iri(s, "sources")?);
    }
    if let Some(w) = &input.website {
        q.add(format!("{}url", vocab::SCHEMA), web_iri(w, "website")?);
    }
    for (values, property) in [
        (&input.expertise, "offersExpertise"),
        (&input.needs, "hasNeed"),
        (&input.research_areas, "researchArea"),
        (&input.trains_in, "trainsIn"),
    ] {
        for v in values {
            q.add(vocab::mo(property), iri(&resolve(v, "concept"), property)?);
        }
    }
    for s in &input.sectors {
        q.add(vocab::mo("sector"), iri(&resolve(s, "naics"), "sectors")?);
    }
    if let Some(c) = input.capacity {
        if c > 1000 {
            return Err(ApiError::bad_request(Message::new("err-capacity-range")));
        }
        q.add(vocab::mo("capacity"), Literal::from(i64::from(c)));
    }
    q.add(
        format!("{}modified", vocab::DCTERMS),
        Literal::new_typed_literal(
            today(),
            NamedNode::new_unchecked(format!("{}date", vocab::XSD)),
        ),
    );
    Ok(q)
}

/// Today's date (UTC) as `YYYY-MM-DD`, for `dcterms:modified`.
pub(super) fn today() -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() / 86_400)
        .unwrap_or(0) as i64;
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    format!("{y:04}-{m:02}-{d:02}")
}

/// Applies a write: removes every statement about `subject` (when replacing or deleting),
/// inserts `quads`, validates, commits, then rebuilds the snapshot.
async fn apply(
    writer: &Writer,
    subject: NamedNode,
    remove_existing: bool,
    quads: Vec<Quad>,
) -> Result<(), ApiError> {
    let state = &writer.state;
    let store = state.store.clone();
    let context = writer.access.context(Origin::Rest);
    let outcome = blocking(move || {
        store.write(&context, |tx| {
            if remove_existing {
                for q in tx.quads_for_pattern(Some(subject.as_ref().into()), None, None, None)? {
                    tx.remove(q.as_ref())?;
                }
            }
            for q in &quads {
                tx.insert(q.as_ref())?;
            }
            Ok(())
        })
    })
    .await;
    if let Err(e) = &outcome
        && e.is_shape_rejection()
    {
        state.metrics.write_rejected();
    }
    outcome?;
    state.refresh_snapshot().await
}

/// The id of a new record: the one given, else the slug of its French name.
pub(super) fn new_id(given: Option<&str>, name_fr: &str) -> Result<String, ApiError> {
    match given {
        Some(id) => slug(id),
        None => slug(&vocab::slugify(name_fr)),
    }
}

/// 404 unless the snapshot has an organisation with this id.
fn existing_organisation(state: &AppState, id: &str) -> Result<(), ApiError> {
    if state
        .snapshot
        .get()
        .eco
        .organizations
        .contains_key(&vocab::id("org", id))
    {
        Ok(())
    } else {
        Err(ApiError::not_found(
            Message::new("err-no-organisation").arg("id", id),
        ))
    }
}

pub(super) fn created(location: String) -> Response {
    let mut response = StatusCode::CREATED.into_response();
    if let Ok(v) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, v);
    }
    response
}

write_route! {
    /// Create an organisation.
    post "/organisations", tag = "organisations", request_body = OrganizationInput,
    responses(
        (status = 201, description = "Created; `Location` gives its API address"),
        JsonBodyProblems,
        (status = 409, description = "An organisation with this id exists", body = Problem, content_type = "application/problem+json")
    );
    fn create_organisation(
        writer: Writer,
        ApiJson(input): ApiJson<OrganizationInput>,
    ) -> Result<Response, ApiError> {
        let id = create_organisation_with(&writer, &input).await?;
        Ok(created(format!("/api/v1/organisations/{id}")))
    }
}

/// Creates the organisation `input` describes, unless one with its id exists; its id.
async fn create_organisation_with(
    writer: &Writer,
    input: &OrganizationInput,
) -> Result<String, ApiError> {
    let id = new_id(input.id.as_deref(), &input.name_fr)?;
    let q = organisation_quads(input, &id)?;
    let subject = q.subject.clone();
    let store = writer.state.store.clone();
    let probe = subject.clone();
    let exists = blocking(move || Ok(!store.describe(&probe)?.is_empty())).await?;
    if exists {
        return Err(ApiError::conflict(
            Message::new("err-organisation-exists").arg("id", &id),
        ));
    }
    apply(writer, subject, false, q.quads).await?;
    Ok(id)
}

write_route! {
    /// Replace an organisation: every statement about it (in any graph) is replaced by the input.
    put "/organisations/{id}", tag = "organisations",
    params(("id" = String, Path, description = "Last segment of the organisation's IRI")),
    request_body = OrganizationInput,
    responses((status = 204, description = "Replaced"), JsonBodyProblems, super::NoOrganisation);
    fn replace_organisation(
        writer: Writer,
        ApiPath(id): ApiPath<String>,
        ApiJson(input): ApiJson<OrganizationInput>,
    ) -> Result<Response, ApiError> {
        replace_organisation_with(&writer, &id, &input).await?;
        Ok(StatusCode::NO_CONTENT.into_response())
    }
}

/// Replaces organisation `id` (which must exist) by what `input` describes.
async fn replace_organisation_with(
    writer: &Writer,
    id: &str,
    input: &OrganizationInput,
) -> Result<(), ApiError> {
    let id = slug(id)?;
    if let Some(body_id) = &input.id
        && slug(body_id)? != id
    {
        return Err(ApiError::bad_request(
            Message::new("err-id-mismatch")
                .arg("body", body_id)
                .arg("path", &id),
        ));
    }
    existing_organisation(&writer.state, &id)?;
    let q = organisation_quads(input, &id)?;
    apply(writer, q.subject.clone(), true, q.quads).await
}

write_route! {
    /// Delete an organisation (every statement about it). Rejected with the violations when other
    /// records still point to it.
    delete "/organisations/{id}", tag = "organisations",
    params(("id" = String, Path, description = "Last segment of the organisation's IRI")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 400, description = "Invalid id", body = Problem, content_type = "application/problem+json"),
        super::NoOrganisation,
        (status = 422, description = "Other records depend on it; nothing was deleted", body = Problem, content_type = "application/problem+json")
    );
    fn delete_organisation(
        writer: Writer,
        ApiPath(id): ApiPath<String>,
    ) -> Result<Response, ApiError> {
        let id = slug(&id)?;
        let subject = iri(&vocab::id("org", &id), "id")?;
        existing_organisation(&writer.state, &id)?;
        apply(&writer, subject, true, Vec::new()).await?;
        Ok(StatusCode::NO_CONTENT.into_response())
    }
}
