//! `/projects`: the candidates of the selection pipeline. Create one, read one with its
//! eligibility and the history of its status, move its status.
//!
//! Where the facts go is the pipeline's rule ([`maillage_model::pipeline`]): until a project
//! is funded every fact of it is in the confidential graph `graph/private/pipeline`; funding
//! moves its public facts (title, organisations, envelope, axes, amount granted, status, dates)
//! to the open graph `graph/projects`, and its other facts (description, request, total cost,
//! contacts, notes, sources, status history) stay confidential. Which moves are allowed and
//! what they do to the envelope is decided by `Ecosystem::check_transition`; this module turns
//! requests into those calls and into RDF terms (never SPARQL text), and writes through
//! `MaillageStore::write` — one change per creation or move, in the history, revertible.
//! Pipeline decisions are serialised ([`crate::AppState::pipeline`]) so that two moves never
//! both pass the envelope's check against the same balance.

use axum::Json;
use axum::http::StatusCode;
use axum::response::Response;
use maillage_graph::check_project;
use maillage_i18n::Locale;
use maillage_model::pipeline::is_public_project_fact;
use maillage_model::{
    ConceptScheme, Ecosystem, Overrun, Project, ProjectStatus, TransitionError, vocab,
};
use maillage_store::Origin;
use maillage_store::oxigraph::model::{
    GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, Quad, Term,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::eligibility::{EligibilityOut, eligibility_out};
use super::organisations::resolve;
use super::wire::{Bilingual, LangQuery, PipelineStatus, Ref};
use super::writes::{created, iri, new_id, text, web_iri};
use super::{JsonBodyProblems, Problem, Read, Writer};
use crate::error::{ApiError, ApiJson, ApiPath, Message};
use crate::extract::Language;
use crate::identity::Identity;
use crate::store_protocol::blocking;

/// Largest amount a request may give (CAD).
const MAX_AMOUNT: f64 = 1e12;

/// A project as sent by a client: a new candidate of the pipeline (`proposed` unless
/// `status` says otherwise, for recording an older project).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProjectInput {
    /// Slug of the IRI (`https://w3id.org/maillage/id/project/{id}`); default: from `name_fr`.
    #[schema(pattern = "^[a-z0-9-]{1,100}$")]
    pub id: Option<String>,
    /// The title in French.
    #[schema(
        example = "Inspection visuelle des pièces usinées",
        min_length = 1,
        max_length = 300
    )]
    pub name_fr: String,
    #[schema(min_length = 1, max_length = 300)]
    pub name_en: Option<String>,
    #[schema(min_length = 1, max_length = 4000)]
    pub description_fr: Option<String>,
    #[schema(min_length = 1, max_length = 4000)]
    pub description_en: Option<String>,
    /// The organisation that supplies the AI (id or IRI).
    #[schema(example = "coveo")]
    pub supplier: String,
    /// The organisation that adopts it (id or IRI).
    #[schema(example = "ia-usinage")]
    pub adopter: String,
    /// Envelope slug or IRI (default: the Scale AI ZEM envelope).
    pub envelope: Option<String>,
    /// ZEM axes (slugs such as `innovation-productivite`, or IRIs).
    #[serde(default)]
    pub axes: Vec<String>,
    /// CAD asked of the envelope (`mo:amountRequested`, confidential).
    #[schema(minimum = 0, maximum = 1000000000000.0)]
    pub amount_requested: Option<f64>,
    /// CAD: the project's total cost (`mo:totalCost`, confidential).
    #[schema(minimum = 0, maximum = 1000000000000.0)]
    pub total_cost: Option<f64>,
    /// CAD: the amount granted (`mo:amount`); for a candidate, taken as the request when
    /// `amount_requested` is absent.
    #[schema(minimum = 0, maximum = 1000000000000.0)]
    pub amount: Option<f64>,
    /// `YYYY-MM-DD`.
    #[schema(example = "2026-04-01", pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]
    pub start_date: Option<String>,
    /// `YYYY-MM-DD`, not before the start.
    #[schema(example = "2027-03-31", pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]
    pub end_date: Option<String>,
    /// People to contact (free text each; confidential).
    #[serde(default)]
    pub contacts: Vec<String>,
    /// Internal notes (confidential).
    #[serde(default)]
    pub notes: Vec<String>,
    /// `proposed` by default.
    pub status: Option<PipelineStatus>,
    /// Addresses of documents about the project (confidential).
    pub sources: Option<Vec<String>>,
}

/// A move of a project's status.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TransitionInput {
    /// The new status: the next step of the pipeline, or `rejected` / `withdrawn` from an open
    /// status.
    pub status: PipelineStatus,
    /// Why (kept in the project's history; confidential).
    #[schema(max_length = 2000)]
    pub note: Option<String>,
    /// CAD granted, when moving to `selected` (default: the amount requested).
    #[schema(minimum = 0, maximum = 1000000000000.0)]
    pub amount_granted: Option<f64>,
    /// An admin confirms a move that commits more than the envelope holds (a `note` is
    /// required).
    pub confirm_overrun: Option<bool>,
}

/// One move of a project's status.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HistoryEntry {
    /// The status it moved to.
    pub status: Option<PipelineStatus>,
    /// The status it moved from (absent at creation).
    pub from: Option<PipelineStatus>,
    /// RFC 3339 time.
    pub at: String,
    /// The account that made it.
    pub by: String,
    pub note: Option<String>,
    /// An admin confirmed that it commits more than the envelope holds.
    pub overrun: bool,
}

/// A project with its eligibility and history.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProjectDetail {
    /// The last segment of the IRI.
    pub id: String,
    pub iri: String,
    /// The title in the requested language.
    pub name: String,
    pub names: Bilingual,
    pub description: Bilingual,
    pub status: Option<PipelineStatus>,
    /// The status in the requested language.
    pub status_label: Option<String>,
    pub supplier: Option<Ref>,
    pub adopter: Option<Ref>,
    pub envelope: Option<Ref>,
    pub axes: Vec<Ref>,
    /// CAD asked of the envelope.
    pub amount_requested: Option<f64>,
    /// CAD granted: set at selection, by default the request.
    pub amount_granted: Option<f64>,
    /// CAD.
    pub total_cost: Option<f64>,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    /// Confidential: members only (empty for anonymous readers).
    pub contacts: Vec<String>,
    /// Confidential: members only (empty for anonymous readers).
    pub notes: Vec<String>,
    /// Confidential: members only (empty for anonymous readers).
    pub sources: Vec<String>,
    pub eligibility: EligibilityOut,
    /// The moves of its status, oldest first (members only; empty for anonymous readers).
    pub history: Vec<HistoryEntry>,
    /// The statuses it may move to now.
    pub moves: Vec<PipelineStatus>,
    /// Not funded yet: only signed-in users see it.
    pub confidential: bool,
    /// Fictional demo project.
    pub illustrative: bool,
    /// This server's linked-data page for the IRI.
    pub linked_data: String,
}

/// The problem of a route about one project whose id is unknown.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)] // documentation only: the answers are `ApiError`s
pub(crate) enum NoProject {
    /// No project has this id (or it is confidential and the caller is not signed in)
    #[response(status = 404, content_type = "application/problem+json")]
    NotFound(Problem),
}

/// Project `id` of `eco` in words, in `locale`; confidential facts only for a `member`.
pub fn project_detail(
    eco: &Ecosystem,
    p: &Project,
    locale: Locale,
    member: bool,
    base_url: &str,
) -> ProjectDetail {
    let lang = locale.lang();
    let id = p.iri.rsplit('/').next().unwrap_or_default().to_owned();
    let eligibility =
        check_project(eco, &p.iri).unwrap_or_else(|_| maillage_graph::check_candidate(eco, p));
    let history = if member {
        p.history
            .iter()
            .map(|c| HistoryEntry {
                status: c.to.map(PipelineStatus::from),
                from: c.from.map(PipelineStatus::from),
                at: c.at.clone(),
                by: c.by.clone(),
                note: c.note.clone(),
                overrun: c.overrun,
            })
            .collect()
    } else {
        Vec::new()
    };
    let confidential_list = |list: &[String]| if member { list.to_vec() } else { Vec::new() };
    ProjectDetail {
        linked_data: format!("{}/id/project/{id}", base_url.trim_end_matches('/')),
        id,
        iri: p.iri.clone(),
        name: p.label.get(lang).to_owned(),
        names: (&p.label).into(),
        description: (&p.description).into(),
        status: p.status.map(PipelineStatus::from),
        status_label: p.status.map(|s| locale.t(s.label_id())),
        supplier: Ref::maybe(eco, p.supplier.as_deref(), lang),
        adopter: Ref::maybe(eco, p.adopter.as_deref(), lang),
        envelope: Ref::maybe(eco, p.envelope.as_deref(), lang),
        axes: Ref::list(eco, &p.axes, lang),
        amount_requested: p.requested(),
        amount_granted: p.granted(),
        total_cost: p.total_cost,
        start_date: p.start.clone(),
        end_date: p.end.clone(),
        contacts: confidential_list(&p.contacts),
        notes: confidential_list(&p.notes),
        sources: confidential_list(&p.sources),
        eligibility: eligibility_out(eco, &eligibility, locale),
        history,
        moves: p
            .status
            .map(|s| s.moves().into_iter().map(PipelineStatus::from).collect())
            .unwrap_or_default(),
        confidential: !p.status.is_some_and(ProjectStatus::is_public),
        illustrative: p.illustrative,
    }
}

/// The project `id` (slug or IRI) of `eco`, or 404.
pub fn find<'a>(eco: &'a Ecosystem, id: &str) -> Result<&'a Project, ApiError> {
    eco.projects
        .get(&resolve(id, "project"))
        .ok_or_else(|| ApiError::not_found(Message::new("err-no-project").arg("id", id)))
}

read_route! {
    /// One project with its eligibility (every rule of the rule set, with its verdict, reason
    /// and source) and the history of its status. A candidate (not funded yet) exists only for
    /// signed-in users; anonymous readers get the public facts of funded projects.
    get "/projects/{id}", tag = "funding",
    params(("id" = String, Path, description = "Last segment of the project's IRI"), LangQuery),
    ok(description = "The project", body = ProjectDetail),
    also(NoProject);
    fn detail(
        identity: Identity,
        ApiPath(id): ApiPath<String>,
        read: Read,
    ) -> Result<Json<ProjectDetail>, ApiError> {
        let eco = &read.snapshot.eco;
        let p = find(eco, &id)?;
        let member = identity.sees_confidential();
        Ok(Json(project_detail(eco, p, read.locale, member, &read.state.config.base_url)))
    }
}

write_route! {
    /// Create a candidate project between a supplier and an adopter, in the confidential graph
    /// of the pipeline (`proposed` unless `status` says otherwise). Recording a project
    /// directly as selected or funded is refused (409) when it would commit more than the
    /// envelope holds.
    post "/projects", tag = "funding", request_body = ProjectInput,
    responses(
        (status = 201, description = "Created; `Location` gives its API address"),
        JsonBodyProblems,
        (status = 409, description = "A project with this id exists, or the envelope cannot hold it", body = Problem, content_type = "application/problem+json")
    );
    fn create(
        writer: Writer,
        ApiJson(input): ApiJson<ProjectInput>,
    ) -> Result<Response, ApiError> {
        let id = create_with(&writer, &input).await?;
        Ok(created(format!("/api/v1/projects/{id}")))
    }
}

write_route! {
    /// Move a project's status (`{"status": "...", "note": "..."}`): the next step of the
    /// pipeline, or `rejected` / `withdrawn` from an open status. Dated and signed with the
    /// caller's account in the project's history. 409 when the pipeline has no such move, or
    /// when the move would commit more than the envelope holds — unless an admin confirms the
    /// overrun (`confirm_overrun`, with a `note`). Funding publishes the project's public facts.
    post "/projects/{id}/status", tag = "funding",
    params(("id" = String, Path, description = "Last segment of the project's IRI")),
    request_body = TransitionInput,
    responses(
        (status = 200, description = "Moved; the project as it is now", body = ProjectDetail),
        JsonBodyProblems,
        NoProject,
        (status = 409, description = "Not a move of the pipeline, or the envelope cannot hold it", body = Problem, content_type = "application/problem+json")
    );
    fn move_status(
        writer: Writer,
        Language(locale): Language,
        ApiPath(id): ApiPath<String>,
        ApiJson(input): ApiJson<TransitionInput>,
    ) -> Result<Json<ProjectDetail>, ApiError> {
        transition_with(&writer, &id, &input).await?;
        let snapshot = writer.state.members_snapshot().await?;
        let p = find(&snapshot.eco, &id)?;
        let base_url = &writer.state.config.base_url;
        Ok(Json(project_detail(&snapshot.eco, p, locale, true, base_url)))
    }
}

/// The statements of a project, each placed in its graph by the pipeline's rule.
struct Facts {
    subject: NamedNode,
    facts: Vec<(NamedNode, Term)>,
}

impl Facts {
    fn add(&mut self, predicate: String, object: impl Into<Term>) {
        self.facts
            .push((NamedNode::new_unchecked(predicate), object.into()));
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

    /// The quads: public facts in the open graph once the status is public, every other fact
    /// in the confidential graph of the pipeline.
    fn placed(self, status: ProjectStatus) -> Vec<Quad> {
        self.facts
            .into_iter()
            .map(|(p, o)| {
                let graph = if status.is_public() && is_public_project_fact(p.as_str()) {
                    vocab::PROJECTS_GRAPH
                } else {
                    vocab::PIPELINE_GRAPH
                };
                Quad::new(self.subject.clone(), p, o, graph_name(graph))
            })
            .collect()
    }
}

fn graph_name(iri: &str) -> GraphName {
    NamedNode::new_unchecked(iri).into()
}

fn decimal(amount: f64) -> Literal {
    Literal::new_typed_literal(
        format!("{amount:.2}"),
        NamedNode::new_unchecked(format!("{}decimal", vocab::XSD)),
    )
}

fn typed(value: &str, datatype: &str) -> Literal {
    Literal::new_typed_literal(
        value,
        NamedNode::new_unchecked(format!("{}{datatype}", vocab::XSD)),
    )
}

/// An amount a request may give: finite, from 0 to [`MAX_AMOUNT`].
fn amount(value: Option<f64>, field: &'static str) -> Result<Option<f64>, ApiError> {
    match value {
        Some(v) if !(v.is_finite() && (0.0..=MAX_AMOUNT).contains(&v)) => {
            Err(ApiError::bad_request(Message::new("err-amount-range")).parameter(field))
        }
        other => Ok(other),
    }
}

/// A calendar date `YYYY-MM-DD`.
fn date(value: Option<&str>, field: &'static str) -> Result<Option<String>, ApiError> {
    let Some(value) = value.map(str::trim) else {
        return Ok(None);
    };
    let format = time::format_description::parse_borrowed::<2>("[year]-[month]-[day]")
        .map_err(|e| ApiError::internal(e.to_string()))?;
    match time::Date::parse(value, &format) {
        Ok(d) => Ok(Some(d.to_string())),
        Err(_) => Err(ApiError::bad_request(
            Message::new("err-field-date")
                .arg("field", field)
                .arg("value", value),
        )
        .parameter(field)),
    }
}

/// Now, RFC 3339 (UTC, seconds).
fn now() -> String {
    let now = time::OffsetDateTime::now_utc();
    let now = now.replace_nanosecond(0).unwrap_or(now);
    now.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// An organisation of the members' view, or 400 naming the field.
fn organisation(eco: &Ecosystem, value: &str, field: &'static str) -> Result<String, ApiError> {
    let org = resolve(value.trim(), "org");
    if eco.organizations.contains_key(&org) {
        Ok(org)
    } else {
        Err(ApiError::bad_request(
            Message::new("err-unknown-organisation")
                .arg("field", field)
                .arg("value", value),
        )
        .parameter(field))
    }
}

/// The project `input` describes, checked against the members' view `eco`: its model value
/// (for the envelope's check) and its statements.
fn new_project(
    eco: &Ecosystem,
    input: &ProjectInput,
    subject: &NamedNode,
) -> Result<(Project, Facts), ApiError> {
    let status: ProjectStatus = input.status.map_or(ProjectStatus::Proposed, Into::into);
    let supplier = organisation(eco, &input.supplier, "supplier")?;
    let adopter = organisation(eco, &input.adopter, "adopter")?;
    let envelope = input
        .envelope
        .as_deref()
        .map(|e| resolve(e.trim(), "envelope"))
        .unwrap_or_else(|| vocab::ZEM_ENVELOPE.to_owned());
    if !eco.envelopes.contains_key(&envelope) {
        return Err(ApiError::bad_request(
            Message::new("err-unknown-envelope").arg("value", &envelope),
        )
        .parameter("envelope"));
    }
    let mut axes = Vec::new();
    for a in &input.axes {
        let axis = resolve(a.trim(), "axis");
        let is_axis = eco
            .concepts
            .get(&axis)
            .is_some_and(|c| c.scheme == ConceptScheme::ZemAxes);
        if !is_axis {
            return Err(
                ApiError::bad_request(Message::new("err-unknown-axis").arg("value", a))
                    .parameter("axes"),
            );
        }
        axes.push(axis);
    }
    axes.sort();
    axes.dedup();
    let given = amount(input.amount, "amount")?;
    let mut requested = amount(input.amount_requested, "amount_requested")?;
    let total_cost = amount(input.total_cost, "total_cost")?;
    // A candidate's only amount is its request; a chosen project's is what it was granted.
    let mut granted = given;
    if !status.was_chosen() && requested.is_none() {
        requested = granted.take();
    }
    if status.was_chosen() && granted.is_none() {
        granted = requested;
    }
    let start = date(input.start_date.as_deref(), "start_date")?;
    let end = date(input.end_date.as_deref(), "end_date")?;
    if let (Some(s), Some(e)) = (&start, &end)
        && e < s
    {
        return Err(ApiError::bad_request(Message::new("err-dates-order")).parameter("end_date"));
    }

    let mut f = Facts {
        subject: subject.clone(),
        facts: Vec::new(),
    };
    f.add(
        format!("{}type", vocab::RDF),
        NamedNode::new_unchecked(vocab::mo("Project")),
    );
    f.lang(
        format!("{}label", vocab::RDFS),
        &text(&input.name_fr, "name_fr", 300)?,
        "fr",
    )?;
    if let Some(en) = &input.name_en {
        f.lang(
            format!("{}label", vocab::RDFS),
            &text(en, "name_en", 300)?,
            "en",
        )?;
    }
    for (value, field, lang) in [
        (&input.description_fr, "description_fr", "fr"),
        (&input.description_en, "description_en", "en"),
    ] {
        if let Some(v) = value {
            f.lang(
                format!("{}comment", vocab::RDFS),
                &text(v, field, 4000)?,
                lang,
            )?;
        }
    }
    f.add(vocab::mo("supplier"), iri(&supplier, "supplier")?);
    f.add(vocab::mo("adopter"), iri(&adopter, "adopter")?);
    f.add(vocab::mo("fundedBy"), iri(&envelope, "envelope")?);
    for a in &axes {
        f.add(vocab::mo("addressesAxis"), iri(a, "axes")?);
    }
    if let Some(v) = granted {
        f.add(vocab::mo("amount"), decimal(v));
    }
    if let Some(v) = requested {
        f.add(vocab::mo("amountRequested"), decimal(v));
    }
    if let Some(v) = total_cost {
        f.add(vocab::mo("totalCost"), decimal(v));
    }
    if let Some(d) = &start {
        f.add(vocab::mo("startDate"), typed(d, "date"));
    }
    if let Some(d) = &end {
        f.add(vocab::mo("endDate"), typed(d, "date"));
    }
    let mut contacts = Vec::new();
    for c in &input.contacts {
        let c = text(c, "contacts", 500)?;
        f.add(vocab::mo("contact"), Literal::new_simple_literal(&c));
        contacts.push(c);
    }
    let mut notes = Vec::new();
    for n in &input.notes {
        let n = text(n, "notes", 4000)?;
        f.add(vocab::mo("note"), Literal::new_simple_literal(&n));
        notes.push(n);
    }
    for s in input.sources.iter().flatten() {
        f.add(format!("{}source", vocab::DCTERMS), web_iri(s, "sources")?);
    }
    f.add(vocab::mo("status"), NamedNode::new_unchecked(status.iri()));
    let project = Project {
        iri: subject.as_str().to_owned(),
        supplier: Some(supplier),
        adopter: Some(adopter),
        envelope: Some(envelope),
        axes,
        amount: granted,
        amount_requested: requested,
        total_cost,
        start,
        end,
        contacts,
        notes,
        status: Some(status),
        ..Project::default()
    };
    Ok((project, f))
}

/// The statements of one status change of `project` (always confidential).
fn status_change(
    project: &NamedNode,
    n: usize,
    from: Option<ProjectStatus>,
    to: ProjectStatus,
    by: &str,
    note: Option<&str>,
    overrun: bool,
) -> Vec<Quad> {
    let change = NamedNode::new_unchecked(format!("{}/status/{n}", project.as_str()));
    let graph = graph_name(vocab::PIPELINE_GRAPH);
    let mut facts: Vec<(String, Term)> = vec![
        (
            format!("{}type", vocab::RDF),
            NamedNode::new_unchecked(vocab::mo("StatusChange")).into(),
        ),
        (vocab::mo("changeOf"), project.clone().into()),
        (
            vocab::mo("toStatus"),
            NamedNode::new_unchecked(to.iri()).into(),
        ),
        (
            format!("{}atTime", vocab::PROV),
            typed(&now(), "dateTime").into(),
        ),
        (
            vocab::mo("changedBy"),
            Literal::new_simple_literal(by).into(),
        ),
    ];
    if let Some(from) = from {
        facts.push((
            vocab::mo("fromStatus"),
            NamedNode::new_unchecked(from.iri()).into(),
        ));
    }
    if let Some(note) = note {
        facts.push((vocab::mo("note"), Literal::new_simple_literal(note).into()));
    }
    if overrun {
        facts.push((vocab::mo("overrun"), Literal::from(true).into()));
    }
    facts
        .into_iter()
        .map(|(p, o)| {
            Quad::new(
                change.clone(),
                NamedNode::new_unchecked(p),
                o,
                graph.clone(),
            )
        })
        .collect()
}

/// A transition refused by the pipeline's rules, as a problem.
fn refused(e: TransitionError, id: &str) -> ApiError {
    let status_name = |s: Option<ProjectStatus>| s.map_or("—", ProjectStatus::slug);
    match e {
        TransitionError::UnknownProject(_) => {
            ApiError::not_found(Message::new("err-no-project").arg("id", id))
        }
        TransitionError::Illegal { from, to } => ApiError::conflict(
            Message::new("err-transition-illegal")
                .arg("from", status_name(from))
                .arg("to", to.slug()),
        ),
        TransitionError::NoAmount(_) => {
            ApiError::conflict(Message::new("err-transition-no-amount"))
        }
        TransitionError::Overcommit {
            envelope,
            amount,
            held_after,
            ..
        } => ApiError::conflict(
            Message::new("err-overcommit")
                .arg("envelope", envelope)
                .decimal("amount", amount, 0)
                .decimal("held", held_after, 0),
        ),
    }
}

/// Creates the candidate `input` describes; its id.
pub(crate) async fn create_with(writer: &Writer, input: &ProjectInput) -> Result<String, ApiError> {
    let state = &writer.state;
    let id = new_id(input.id.as_deref(), &input.name_fr)?;
    let subject = iri(&vocab::id("project", &id), "id")?;
    let _one_decision = state.pipeline.lock().await;
    // A writer is signed in: the confidential candidates count too.
    let snapshot = state.members_snapshot().await?;
    let eco = &snapshot.eco;
    if eco.projects.contains_key(subject.as_str()) {
        return Err(ApiError::conflict(
            Message::new("err-project-exists").arg("id", &id),
        ));
    }
    let (project, facts) = new_project(eco, input, &subject)?;
    let status = project.status.unwrap_or(ProjectStatus::Proposed);
    eco.check_new_project(&project, Overrun::Refuse)
        .map_err(|e| refused(e, &id))?;
    let mut quads = facts.placed(status);
    quads.extend(status_change(
        &subject,
        1,
        None,
        status,
        writer.access.actor().as_str(),
        None,
        false,
    ));
    write(writer, move |tx| {
        // Nothing may exist under this IRI (in any graph, hidden or not).
        let taken = !tx
            .quads_for_pattern(Some(subject.as_ref().into()), None, None, None)?
            .is_empty();
        if taken {
            return Ok(false);
        }
        for q in &quads {
            tx.insert(q.as_ref())?;
        }
        Ok(true)
    })
    .await?
    .then_some(id.clone())
    .ok_or_else(|| ApiError::conflict(Message::new("err-project-exists").arg("id", &id)))
}

/// Moves project `id` as `input` asks.
pub(crate) async fn transition_with(
    writer: &Writer,
    id: &str,
    input: &TransitionInput,
) -> Result<(), ApiError> {
    let state = &writer.state;
    let to: ProjectStatus = input.status.into();
    let note = input
        .note
        .as_deref()
        .map(|n| text(n, "note", 2000))
        .transpose()?;
    let confirm = input.confirm_overrun.unwrap_or(false);
    if confirm && !writer.access.is_admin() {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "err-title-forbidden",
            Message::new("err-overrun-admin"),
        ));
    }
    if confirm && note.is_none() {
        return Err(ApiError::bad_request(Message::new("err-overrun-note")).parameter("note"));
    }
    let granted = amount(input.amount_granted, "amount_granted")?;
    if granted.is_some() && to != ProjectStatus::Selected {
        return Err(
            ApiError::bad_request(Message::new("err-granted-at-selection"))
                .parameter("amount_granted"),
        );
    }
    let _one_decision = state.pipeline.lock().await;
    let snapshot = state.members_snapshot().await?;
    let eco = &snapshot.eco;
    let p = find(eco, id)?;
    let overrun = if confirm {
        Overrun::Confirmed
    } else {
        Overrun::Refuse
    };
    let t = eco
        .check_transition(&p.iri, to, granted, overrun)
        .map_err(|e| refused(e, id))?;
    let subject = NamedNode::new(p.iri.as_str()).map_err(|e| ApiError::internal(e.to_string()))?;
    let granted_changes = to.was_chosen() && t.granted != p.amount;
    let change = status_change(
        &subject,
        p.history.len() + 1,
        t.from,
        to,
        writer.access.actor().as_str(),
        note.as_deref(),
        t.overrun,
    );
    let expected = t.from;
    write(writer, move |tx| {
        let status_p = NamedNode::new_unchecked(vocab::mo("status"));
        let amount_p = NamedNode::new_unchecked(vocab::mo("amount"));
        let s = subject.as_ref();
        // The status now, read in the transaction: a concurrent change through another
        // protocol makes this move stale.
        let current = tx.quads_for_pattern(Some(s.into()), Some(status_p.as_ref()), None, None)?;
        let now_status = current.iter().find_map(|q| match &q.object {
            Term::NamedNode(n) => ProjectStatus::from_iri(n.as_str()),
            _ => None,
        });
        if now_status != expected {
            return Ok(false);
        }
        for q in current {
            tx.remove(q.as_ref())?;
        }
        if granted_changes {
            for q in tx.quads_for_pattern(Some(s.into()), Some(amount_p.as_ref()), None, None)? {
                tx.remove(q.as_ref())?;
            }
        }
        // Funding publishes the public facts kept in the pipeline's graph.
        let pipeline = NamedNode::new_unchecked(vocab::PIPELINE_GRAPH);
        let open = NamedNode::new_unchecked(vocab::PROJECTS_GRAPH);
        if to.is_public() {
            let private = GraphNameRef::NamedNode(pipeline.as_ref());
            for q in tx.quads_for_pattern(Some(s.into()), None, None, Some(private))? {
                if is_public_project_fact(q.predicate.as_str()) {
                    tx.remove(q.as_ref())?;
                    let moved = Quad::new(
                        q.subject.clone(),
                        q.predicate.clone(),
                        q.object.clone(),
                        graph_name(vocab::PROJECTS_GRAPH),
                    );
                    tx.insert(moved.as_ref())?;
                }
            }
        }
        // The status (and a new grant) go where the project's own type statement is.
        let home = type_graph(tx, s, &pipeline, &open, to)?;
        tx.insert(
            Quad::new(
                subject.clone(),
                status_p.clone(),
                NamedNode::new_unchecked(to.iri()),
                home.clone(),
            )
            .as_ref(),
        )?;
        if granted_changes && let Some(g) = t.granted {
            tx.insert(Quad::new(subject.clone(), amount_p, decimal(g), home).as_ref())?;
        }
        for q in &change {
            tx.insert(q.as_ref())?;
        }
        Ok(true)
    })
    .await?
    .then_some(())
    .ok_or_else(|| ApiError::conflict(Message::new("err-transition-stale").arg("id", id)))
}

/// The graph holding `subject`'s `rdf:type mo:Project` (the pipeline's, the open one once
/// funded, or the graph of a project loaded from a data set); the pipeline's when none.
fn type_graph(
    tx: &maillage_store::Changes<'_, '_>,
    subject: NamedNodeRef<'_>,
    pipeline: &NamedNode,
    open: &NamedNode,
    to: ProjectStatus,
) -> Result<GraphName, maillage_store::oxigraph::store::StorageError> {
    let type_p = NamedNode::new_unchecked(format!("{}type", vocab::RDF));
    let class = NamedNode::new_unchecked(vocab::mo("Project"));
    let graphs: Vec<GraphName> = tx
        .quads_for_pattern(
            Some(subject.into()),
            Some(type_p.as_ref()),
            Some(class.as_ref().into()),
            None,
        )?
        .into_iter()
        .map(|q| q.graph_name)
        .collect();
    let open_graph = GraphName::from(open.clone());
    let pipeline_graph = GraphName::from(pipeline.clone());
    Ok(if to.is_public() && graphs.contains(&open_graph) {
        open_graph
    } else if let Some(g) = graphs.iter().find(|g| **g != pipeline_graph) {
        g.clone()
    } else {
        pipeline_graph
    })
}

/// Applies a pipeline write (`change` says whether it went ahead), then rebuilds the
/// snapshot.
async fn write(
    writer: &Writer,
    change: impl FnOnce(
        &mut maillage_store::Changes<'_, '_>,
    ) -> Result<bool, maillage_store::oxigraph::store::StorageError>
    + Send
    + 'static,
) -> Result<bool, ApiError> {
    let state = &writer.state;
    let store = state.store.clone();
    let context = writer.access.context(Origin::Rest);
    let outcome = blocking(move || {
        let mut went_ahead = false;
        store.write(&context, |tx| {
            went_ahead = change(tx)?;
            Ok(())
        })?;
        Ok(went_ahead)
    })
    .await;
    if let Err(e) = &outcome
        && e.is_shape_rejection()
    {
        state.metrics.write_rejected();
    }
    let went_ahead = outcome?;
    state.refresh_snapshot().await?;
    Ok(went_ahead)
}
