//! The selection pipeline's pages for QI staff: the board of projects by status with filters
//! and totals (`/projets`), the new-project form with its organisation pickers and live
//! eligibility verdict (`/projets/nouveau`), a project with its history and the moves of its
//! status (`/projets/{id}`), and the envelopes with their accounting chart (`/enveloppe`).
//!
//! Every form is a plain HTML form that works without the script (the pickers are text fields
//! the server resolves; « Vérifier » shows the verdict); `app.js` makes the pickers search as
//! you type and the verdict follow the form. The writes are the REST API's
//! (`rest::projects::create_with`, `transition_with`), with the form's CSRF field for the
//! header. Anonymous readers see only public projects (funded, completed): for them the
//! candidates do not exist.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use maillage_i18n::Arg;
use maillage_model::{Balance, ConceptScheme, Ecosystem, Envelope, Project, ProjectStatus, vocab};
use maud::{Markup, html};
use tower_sessions::Session;

use super::eligibility::{rules_table, verdict_badge};
use super::{Ctx, Section, badge, error_page, iri_href, slug};
use crate::AppState;
use crate::access::WriteAccess;
use crate::error::{ApiError, ApiPath};
use crate::identity;
use crate::params::Params;
use crate::rest::Writer;
use crate::rest::eligibility::{EligibilityOut, eligibility_out};
use crate::rest::projects::{ProjectDetail, ProjectInput, TransitionInput, project_detail};
use crate::rest::wire::PipelineStatus;

/// The status of a project as a badge.
fn status_badge(ctx: &Ctx, status: Option<ProjectStatus>) -> Markup {
    match status {
        Some(s) => badge(&format!("stage stage-{}", s.slug()), &ctx.t(s.label_id())),
        None => badge("stage", &ctx.t("web-pipeline-no-status")),
    }
}

/// An amount, or a dash.
fn money(ctx: &Ctx, amount: Option<f64>) -> String {
    amount.map_or_else(|| "—".to_owned(), |a| ctx.money(a))
}

/// May the reader create and move projects (staff or admin)?
fn can_edit(ctx: &Ctx) -> bool {
    ctx.identity
        .member()
        .is_some_and(|m| m.role >= maillage_accounts::Role::Staff)
}

/// The eligibility filter of the board.
#[derive(Clone, Copy, PartialEq, Eq)]
enum EligibilityFilter {
    Any,
    Eligible,
    NotEligible,
    Undetermined,
}

impl EligibilityFilter {
    fn parse(value: Option<&str>) -> EligibilityFilter {
        match value {
            Some("oui") | Some("yes") => EligibilityFilter::Eligible,
            Some("non") | Some("no") => EligibilityFilter::NotEligible,
            Some("inconnue") | Some("unknown") => EligibilityFilter::Undetermined,
            _ => EligibilityFilter::Any,
        }
    }

    fn keeps(self, eligible: Option<bool>) -> bool {
        match self {
            EligibilityFilter::Any => true,
            EligibilityFilter::Eligible => eligible == Some(true),
            EligibilityFilter::NotEligible => eligible == Some(false),
            EligibilityFilter::Undetermined => eligible.is_none(),
        }
    }
}

/// A project of the board with its overall verdict.
type Row<'a> = (&'a Project, Option<bool>);

/// `GET /projets`: the projects by status, with filters (status, envelope, eligibility) and
/// the totals of each status.
pub(crate) async fn board(ctx: Ctx) -> Result<Response, ApiError> {
    let snapshot = ctx.snapshot.clone();
    let eco = &snapshot.eco;
    let member = ctx.identity.sees_confidential();
    let status_filter = ctx.param("statut").or(ctx.param("status"));
    let only_open = status_filter == Some("ouverts") || status_filter == Some("open");
    let status_filter = status_filter.and_then(ProjectStatus::from_slug);
    let envelope_filter = ctx
        .param("enveloppe")
        .or(ctx.param("envelope"))
        .map(|e| crate::rest::organisations::resolve(e, "envelope"));
    let eligibility_filter =
        EligibilityFilter::parse(ctx.param("admissibilite").or(ctx.param("eligibility")));
    let rows: Vec<Row<'_>> = eco
        .projects
        .values()
        .filter(|p| status_filter.is_none_or(|s| p.status == Some(s)))
        .filter(|p| !only_open || p.status.is_some_and(ProjectStatus::is_open))
        .filter(|p| envelope_filter.is_none() || p.envelope == envelope_filter)
        .map(|p| {
            let eligible = maillage_graph::check_project(eco, &p.iri)
                .ok()
                .and_then(|e| e.eligible);
            (p, eligible)
        })
        .filter(|(_, e)| eligibility_filter.keeps(*e))
        .collect();
    let title = ctx.t("web-pipeline-title");
    let mut groups: Vec<(Option<ProjectStatus>, Vec<&Row<'_>>)> = Vec::new();
    for status in ProjectStatus::ALL.map(Some).into_iter().chain([None]) {
        let mut in_group: Vec<&Row<'_>> = rows.iter().filter(|(p, _)| p.status == status).collect();
        if in_group.is_empty() {
            continue;
        }
        in_group.sort_by(|a, b| a.0.label.get(ctx.lang).cmp(b.0.label.get(ctx.lang)));
        groups.push((status, in_group));
    }
    let selected = |value: &str, current: Option<&str>| current == Some(value);
    let status_param = ctx.param("statut").or(ctx.param("status"));
    let envelope_param = ctx.param("enveloppe").or(ctx.param("envelope"));
    let eligibility_param = ctx.param("admissibilite").or(ctx.param("eligibility"));
    let body = html! {
        h1 { (title) }
        p.lead { (ctx.t("web-pipeline-lead")) }
        @if !member {
            p.note #pipeline-public-note {
                (ctx.t("web-pipeline-public-note")) " "
                a href=(ctx.href_with("/connexion", &[("suivant", "/projets")])) { (ctx.t("web-nav-signin")) }
            }
        }
        p.actions {
            @if can_edit(&ctx) {
                a.button #new-project href=(ctx.href("/projets/nouveau")) { (ctx.t("web-pipeline-new")) }
                " "
            }
            a href=(ctx.href("/enveloppe")) { (ctx.t("web-pipeline-envelope-link")) }
            " · "
            a href=(ctx.href("/comite")) { (ctx.t("web-pipeline-committee-link")) }
            " · "
            a #pipeline-csv href=(ctx.api_href("/api/v1/export/pipeline.csv", &[])) download="maillage-pipeline.csv" { (ctx.t("web-pipeline-csv")) }
            " · "
            a #pipeline-xlsx href=(ctx.api_href("/api/v1/export/pipeline.xlsx", &[])) download="maillage-pipeline.xlsx" { (ctx.t("web-pipeline-xlsx")) }
        }
        form.filters #pipeline-filters method="get" action=(ctx.href("/projets")) {
            (ctx.lang_field())
            p {
                label for="f-status" { (ctx.t("web-pipeline-filter-status")) }
                select #f-status name="statut" {
                    option value="" { (ctx.t("web-pipeline-filter-all")) }
                    option value="ouverts" selected[selected("ouverts", status_param) || selected("open", status_param)] { (ctx.t("web-pipeline-filter-open")) }
                    @for s in ProjectStatus::ALL {
                        option value=(s.slug()) selected[selected(s.slug(), status_param)] { (ctx.t(s.label_id())) }
                    }
                }
            }
            p {
                label for="f-envelope" { (ctx.t("web-pipeline-filter-envelope")) }
                select #f-envelope name="enveloppe" {
                    option value="" { (ctx.t("web-pipeline-filter-all")) }
                    @for e in eco.envelopes.values() {
                        option value=(slug(&e.iri)) selected[selected(slug(&e.iri), envelope_param)] { (e.label.get(ctx.lang)) }
                    }
                }
            }
            p {
                label for="f-eligibility" { (ctx.t("web-pipeline-filter-eligibility")) }
                select #f-eligibility name="admissibilite" {
                    option value="" { (ctx.t("web-pipeline-filter-all")) }
                    option value="oui" selected[selected("oui", eligibility_param)] { (ctx.t("web-pipeline-eligible")) }
                    option value="non" selected[selected("non", eligibility_param)] { (ctx.t("web-pipeline-not-eligible")) }
                    option value="inconnue" selected[selected("inconnue", eligibility_param)] { (ctx.t("web-pipeline-undetermined")) }
                }
            }
            p { button type="submit" { (ctx.t("web-pipeline-filter-apply")) } }
        }
        section aria-labelledby="totals-h" {
            h2 #totals-h { (ctx.t("web-pipeline-totals")) }
            div.table-wrap {
                table.compact #pipeline-totals {
                    thead { tr {
                        th scope="col" { (ctx.t("web-pipeline-status")) }
                        th.num scope="col" { (ctx.t("web-pipeline-count")) }
                        th.num scope="col" { (ctx.t("web-pipeline-requested")) }
                        th.num scope="col" { (ctx.t("web-pipeline-granted")) }
                    } }
                    tbody {
                        @for (status, projects) in &groups {
                            tr data-status=(status.map_or("none", ProjectStatus::slug)) {
                                th scope="row" { (status_badge(&ctx, *status)) }
                                td.num { (ctx.int(projects.len() as f64)) }
                                td.num { (ctx.money(projects.iter().filter_map(|(p, _)| p.requested()).sum::<f64>())) }
                                td.num { (ctx.money(projects.iter().filter_map(|(p, _)| p.granted()).sum::<f64>())) }
                            }
                        }
                    }
                    tfoot { tr {
                        th scope="row" { (ctx.t("web-pipeline-total")) }
                        td.num #pipeline-count { (ctx.int(rows.len() as f64)) }
                        td.num { (ctx.money(rows.iter().filter_map(|(p, _)| p.requested()).sum::<f64>())) }
                        td.num { (ctx.money(rows.iter().filter_map(|(p, _)| p.granted()).sum::<f64>())) }
                    } }
                }
            }
        }
        @if groups.is_empty() {
            p #pipeline-empty { (ctx.t("web-pipeline-empty")) }
        }
        @for (status, projects) in &groups {
            @let h = format!("status-{}-h", status.map_or("none", ProjectStatus::slug));
            section.status-group aria-labelledby=(h) data-status=(status.map_or("none", ProjectStatus::slug)) {
                h2 id=(h) { (status_badge(&ctx, *status)) " " span.count { "(" (ctx.int(projects.len() as f64)) ")" } }
                div.table-wrap {
                    table.compact.pipeline {
                        thead { tr {
                            th scope="col" { (ctx.t("web-pipeline-project")) }
                            th scope="col" { (ctx.t("web-role-supplier")) }
                            th scope="col" { (ctx.t("web-role-adopter")) }
                            th.num scope="col" { (ctx.t("web-pipeline-requested")) }
                            th.num scope="col" { (ctx.t("web-pipeline-granted")) }
                            th scope="col" { (ctx.t("web-pipeline-eligibility")) }
                        } }
                        tbody {
                            @for (p, eligible) in projects {
                                tr data-project=(slug(&p.iri)) {
                                    th scope="row" {
                                        a href=(ctx.href(&format!("/projets/{}", slug(&p.iri)))) { (p.label.get(ctx.lang)) }
                                        @if p.illustrative { " " (badge("demo", &ctx.t("web-demo"))) }
                                    }
                                    td { (party(&ctx, eco, p.supplier.as_deref())) }
                                    td { (party(&ctx, eco, p.adopter.as_deref())) }
                                    td.num { (money(&ctx, p.requested())) }
                                    td.num { (money(&ctx, p.granted())) }
                                    td { (verdict_badge(&ctx, *eligible)) }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    Ok(ctx.page(Section::Projects, &title, body))
}

/// A link to an organisation of a project.
fn party(ctx: &Ctx, eco: &Ecosystem, iri: Option<&str>) -> Markup {
    html! {
        @if let Some(iri) = iri {
            a href=(iri_href(ctx, iri)) { (crate::labels::name(eco, iri, ctx.locale)) }
        } @else { "—" }
    }
}

/// The values of the new-project form, as sent (to show them again).
#[derive(Debug, Default, Clone)]
struct Draft {
    name_fr: String,
    name_en: String,
    description_fr: String,
    supplier: String,
    adopter: String,
    /// The organisation the script's picker chose (its id), when it did.
    supplier_id: String,
    adopter_id: String,
    envelope: String,
    axes: Vec<String>,
    amount_requested: String,
    total_cost: String,
    start_date: String,
    end_date: String,
    contacts: String,
    notes: String,
}

impl Draft {
    fn from_form(form: &Params) -> Draft {
        let one = |k: &str| form.one(k).ok().flatten().unwrap_or_default();
        Draft {
            name_fr: one("name_fr"),
            name_en: one("name_en"),
            description_fr: one("description_fr"),
            supplier: one("supplier"),
            adopter: one("adopter"),
            supplier_id: one("supplier_id"),
            adopter_id: one("adopter_id"),
            envelope: one("envelope"),
            axes: form
                .0
                .iter()
                .filter(|(k, v)| k == "axes" && !v.trim().is_empty())
                .map(|(_, v)| v.clone())
                .collect(),
            amount_requested: one("amount_requested"),
            total_cost: one("total_cost"),
            start_date: one("start_date"),
            end_date: one("end_date"),
            contacts: one("contacts"),
            notes: one("notes"),
        }
    }
}

/// What a picker's text names: an organisation (by id, IRI or a search that finds exactly one,
/// or one whose name is the text), or the organisations it could mean.
enum Picked {
    One(String),
    Ambiguous(Vec<(String, String)>),
    Nothing,
}

fn pick(ctx: &Ctx, text: &str) -> Picked {
    let text = text.trim();
    if text.is_empty() {
        return Picked::Nothing;
    }
    let snapshot = &ctx.snapshot;
    let eco = &snapshot.eco;
    let iri = crate::rest::organisations::resolve(text, "org");
    if eco.organizations.contains_key(&iri) {
        return Picked::One(iri);
    }
    let query = crate::rest::wire::OrganizationQuery {
        q: Some(text.to_owned()),
        limit: Some(8),
        ..Default::default()
    };
    let Ok(page) = crate::rest::organisations::search(snapshot, &query, ctx.lang) else {
        return Picked::Nothing;
    };
    let folded = vocab::search_key(text);
    if let Some(exact) = page
        .items
        .iter()
        .find(|h| vocab::search_key(&h.summary.name) == folded)
    {
        return Picked::One(exact.summary.iri.clone());
    }
    match page.items.as_slice() {
        [] => Picked::Nothing,
        [one] => Picked::One(one.summary.iri.clone()),
        many => Picked::Ambiguous(
            many.iter()
                .map(|h| (h.summary.id.clone(), h.summary.name.clone()))
                .collect(),
        ),
    }
}

/// A number typed in a form, the reader's way: spaces and `$` ignored; in French the comma is
/// the decimal mark (`250 000,50`), in English it separates thousands (`250,000.50`).
fn number(text: &str, decimal_comma: bool) -> Result<Option<f64>, ()> {
    let cleaned: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '$' && (decimal_comma || *c != ','))
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    if cleaned.is_empty() {
        return Ok(None);
    }
    cleaned.parse::<f64>().map(Some).map_err(|_| ())
}

/// The form's values as the REST API's input, with the errors of the fields that are not
/// right yet (a picker that names no single organisation, an amount that is not a number).
fn input_of(ctx: &Ctx, draft: &Draft) -> (ProjectInput, Vec<String>, PickerChoices) {
    let mut errors = Vec::new();
    let mut choices = PickerChoices::default();
    let mut org = |text: &str, field: &str, slot: &mut Vec<(String, String)>| match pick(ctx, text)
    {
        Picked::One(iri) => iri,
        Picked::Ambiguous(list) => {
            errors.push(ctx.t_args(
                "web-project-form-ambiguous",
                &[("field", Arg::from(field.to_owned()))],
            ));
            *slot = list;
            String::new()
        }
        Picked::Nothing => {
            if !text.trim().is_empty() {
                errors.push(ctx.t_args(
                    "web-project-form-no-organisation",
                    &[
                        ("field", Arg::from(field.to_owned())),
                        ("text", Arg::from(text.trim().to_owned())),
                    ],
                ));
            }
            String::new()
        }
    };
    let supplier_label = ctx.t("web-role-supplier");
    let adopter_label = ctx.t("web-role-adopter");
    // The picker's choice (an id) when the script made one, else the text typed.
    let chosen = |id: &str, text: &str| {
        if id.trim().is_empty() {
            text.to_owned()
        } else {
            id.to_owned()
        }
    };
    let supplier = org(
        &chosen(&draft.supplier_id, &draft.supplier),
        &supplier_label,
        &mut choices.supplier,
    );
    let adopter = org(
        &chosen(&draft.adopter_id, &draft.adopter),
        &adopter_label,
        &mut choices.adopter,
    );
    let french = ctx.locale.code() == "fr";
    let mut amount = |text: &str, field: String| match number(text, french) {
        Ok(v) => v,
        Err(()) => {
            errors.push(ctx.t_args(
                "web-project-form-not-a-number",
                &[("field", Arg::from(field))],
            ));
            None
        }
    };
    let amount_requested = amount(&draft.amount_requested, ctx.t("web-pipeline-requested"));
    let total_cost = amount(&draft.total_cost, ctx.t("web-project-total-cost"));
    let optional = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
    let input = ProjectInput {
        name_fr: draft.name_fr.clone(),
        name_en: optional(&draft.name_en),
        description_fr: optional(&draft.description_fr),
        supplier,
        adopter,
        envelope: optional(&draft.envelope),
        axes: draft.axes.clone(),
        amount_requested,
        total_cost,
        start_date: optional(&draft.start_date),
        end_date: optional(&draft.end_date),
        contacts: draft
            .contacts
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect(),
        notes: optional(&draft.notes).into_iter().collect(),
        ..ProjectInput::default()
    };
    (input, errors, choices)
}

/// Organisations a picker's text could mean, to choose from.
#[derive(Debug, Default)]
struct PickerChoices {
    supplier: Vec<(String, String)>,
    adopter: Vec<(String, String)>,
}

/// The verdict of the draft: every rule of the rule set for what the form says so far.
fn draft_verdict(ctx: &Ctx, input: &ProjectInput) -> EligibilityOut {
    let eco = &ctx.snapshot.eco;
    let draft = Project {
        iri: vocab::id("project", "draft"),
        supplier: Some(input.supplier.clone()).filter(|s| eco.organizations.contains_key(s)),
        adopter: Some(input.adopter.clone()).filter(|s| eco.organizations.contains_key(s)),
        axes: input
            .axes
            .iter()
            .map(|a| crate::rest::organisations::resolve(a, "axis"))
            .collect(),
        amount_requested: input.amount_requested,
        total_cost: input.total_cost,
        ..Project::default()
    };
    eligibility_out(
        eco,
        &maillage_graph::check_candidate(eco, &draft),
        ctx.locale,
    )
}

/// `GET /projets/nouveau`: the form (staff and admins; others are sent to sign in).
pub(crate) async fn new_form(ctx: Ctx, session: Session) -> Result<Response, ApiError> {
    if let Some(refusal) = editors_only(&ctx, "/projets/nouveau") {
        return Ok(refusal);
    }
    let csrf = identity::csrf_token(&session).await?;
    let draft = Draft {
        envelope: slug(vocab::ZEM_ENVELOPE).to_owned(),
        ..Draft::default()
    };
    Ok(form_page(
        &ctx,
        &csrf,
        &draft,
        None,
        &[],
        &PickerChoices::default(),
        StatusCode::OK,
    ))
}

/// Anonymous readers go to the sign-in page (and back); readers get a 403 page.
fn editors_only(ctx: &Ctx, back_to: &str) -> Option<Response> {
    if ctx.identity.member().is_none() {
        let to = ctx.href_with("/connexion", &[("suivant", back_to)]);
        let mut response = StatusCode::SEE_OTHER.into_response();
        if let Ok(v) = HeaderValue::from_str(&to) {
            response.headers_mut().insert(header::LOCATION, v);
        }
        return Some(response);
    }
    if !can_edit(ctx) {
        return Some(error_page(
            ctx,
            StatusCode::FORBIDDEN,
            &ctx.t("web-pipeline-readers-cannot-edit"),
        ));
    }
    None
}

/// The write access of a page's form (its `csrf` field checked against the session).
async fn form_access(
    state: &AppState,
    ctx: &Ctx,
    session: &Session,
    form: &Params,
) -> Result<Result<Writer, Response>, ApiError> {
    let given = form.one("csrf").ok().flatten().unwrap_or_default();
    let matches = identity::csrf_matches(session, &given).await?;
    Ok(
        match WriteAccess::from_form(ctx.identity.clone(), matches) {
            Ok(access) => Ok(Writer {
                state: state.clone(),
                access,
            }),
            Err(e) => Err(error_page(ctx, e.status(), &e.detail(ctx.locale))),
        },
    )
}

/// `POST /projets/nouveau`: « Vérifier » shows the form again with the verdict; « Enregistrer »
/// creates the project and goes to its page (or shows the form again with what is wrong).
pub(crate) async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    session: Session,
    body: Bytes,
) -> Result<Response, ApiError> {
    if let Some(refusal) = editors_only(&ctx, "/projets/nouveau") {
        return Ok(refusal);
    }
    let form = Params::parse(&String::from_utf8_lossy(&body));
    let writer = match form_access(&state, &ctx, &session, &form).await? {
        Ok(w) => w,
        Err(page) => return Ok(page),
    };
    let draft = Draft::from_form(&form);
    let (input, mut errors, choices) = input_of(&ctx, &draft);
    let check_only = form.one("action").ok().flatten().as_deref() == Some("check");
    let csrf = identity::csrf_token(&session).await?;
    if check_only || !errors.is_empty() {
        let verdict = draft_verdict(&ctx, &input);
        let status = if errors.is_empty() {
            StatusCode::OK
        } else {
            StatusCode::BAD_REQUEST
        };
        return Ok(form_page(
            &ctx,
            &csrf,
            &draft,
            Some(&verdict),
            &errors,
            &choices,
            status,
        ));
    }
    match crate::rest::projects::create_with(&writer, &input).await {
        Ok(id) => Ok(see_other(&ctx.href(&format!("/projets/{id}")))),
        Err(e) => {
            errors.push(e.detail(ctx.locale));
            let verdict = draft_verdict(&ctx, &input);
            Ok(form_page(
                &ctx,
                &csrf,
                &draft,
                Some(&verdict),
                &errors,
                &choices,
                e.status(),
            ))
        }
    }
}

fn see_other(to: &str) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(location) = HeaderValue::from_str(to) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}

/// One organisation picker: a text field (an id, an IRI or words of a name) that the script
/// turns into a combobox searching as you type; the organisations it could mean, when the
/// server found several.
fn picker(
    ctx: &Ctx,
    name: &str,
    label: &str,
    value: &str,
    chosen: &str,
    choices: &[(String, String)],
) -> Markup {
    let id = format!("f-{name}");
    let list = format!("{id}-list");
    let hint = format!("{id}-hint");
    html! {
        div.picker data-picker=(name) {
            label for=(id) { (label) }
            input id=(id) type="text" name=(name) value=(value) required autocomplete="off"
                aria-describedby=(hint) data-list=(list);
            span.hint id=(hint) { (ctx.t("web-project-form-picker-hint")) }
            ul.picker-list id=(list) role="listbox" hidden aria-label=(label) {}
            input type="hidden" name={ (name) "_id" } value=(chosen);
            @if !choices.is_empty() {
                fieldset.choices {
                    legend { (ctx.t_args("web-project-form-choose", &[("field", Arg::from(label))])) }
                    @for (i, (id_value, name_value)) in choices.iter().enumerate() {
                        @let choice_id = format!("{id}-choice-{i}");
                        p {
                            input type="radio" id=(choice_id) name=(name) value=(id_value);
                            " "
                            label for=(choice_id) { (name_value) }
                        }
                    }
                }
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn form_page(
    ctx: &Ctx,
    csrf: &str,
    draft: &Draft,
    verdict: Option<&EligibilityOut>,
    errors: &[String],
    choices: &PickerChoices,
    status: StatusCode,
) -> Response {
    let eco = &ctx.snapshot.eco;
    let title = ctx.t("web-project-form-title");
    let axes: Vec<&maillage_model::Concept> = eco
        .concepts
        .values()
        .filter(|c| c.scheme == ConceptScheme::ZemAxes)
        .collect();
    let checked = |iri: &str| {
        draft
            .axes
            .iter()
            .any(|a| crate::rest::organisations::resolve(a, "axis") == iri)
    };
    let body = html! {
        nav.crumbs aria-label=(ctx.t("web-profile-breadcrumb")) {
            a href=(ctx.href("/projets")) { (ctx.t("web-pipeline-title")) } " › "
            span aria-current="page" { (title) }
        }
        h1 { (title) }
        p.lead { (ctx.t("web-project-form-lead")) }
        @if !errors.is_empty() {
            div.alert role="alert" #form-errors {
                p { (ctx.t("web-project-form-errors")) }
                ul { @for e in errors { li { (e) } } }
            }
        }
        form.project-form #project-form method="post" action=(ctx.href("/projets/nouveau"))
            data-verdict-url="/api/v1/eligibility" data-search-url="/api/v1/organisations"
            data-lang=(ctx.locale.code()) {
            input type="hidden" name="csrf" value=(csrf);
            fieldset {
                legend { (ctx.t("web-project-form-what")) }
                p {
                    label for="f-name_fr" { (ctx.t("web-project-form-name-fr")) }
                    input #f-name_fr type="text" name="name_fr" value=(draft.name_fr) required maxlength="300";
                }
                p {
                    label for="f-name_en" { (ctx.t("web-project-form-name-en")) }
                    input #f-name_en type="text" name="name_en" value=(draft.name_en) maxlength="300" lang="en";
                }
                p {
                    label for="f-description_fr" { (ctx.t("web-project-form-description")) }
                    textarea #f-description_fr name="description_fr" rows="3" maxlength="4000" { (draft.description_fr) }
                }
            }
            fieldset {
                legend { (ctx.t("web-project-form-who")) }
                (picker(ctx, "supplier", &ctx.t("web-role-supplier"), &draft.supplier, &draft.supplier_id, &choices.supplier))
                (picker(ctx, "adopter", &ctx.t("web-role-adopter"), &draft.adopter, &draft.adopter_id, &choices.adopter))
            }
            fieldset #f-axes {
                legend { (ctx.t("web-project-form-axes")) }
                @for (i, a) in axes.iter().enumerate() {
                    @let id = format!("f-axis-{i}");
                    p.check {
                        input type="checkbox" id=(id) name="axes" value=(slug(&a.iri)) checked[checked(&a.iri)];
                        " "
                        label for=(id) { (a.label.get(ctx.lang)) }
                    }
                }
            }
            fieldset {
                legend { (ctx.t("web-project-form-money")) }
                p {
                    label for="f-envelope" { (ctx.t("web-pipeline-filter-envelope")) }
                    select #f-envelope name="envelope" {
                        @for e in eco.envelopes.values() {
                            option value=(slug(&e.iri)) selected[slug(&e.iri) == draft.envelope] { (e.label.get(ctx.lang)) }
                        }
                    }
                }
                p {
                    label for="f-amount_requested" { (ctx.t("web-pipeline-requested")) " (CAD)" }
                    input #f-amount_requested type="text" inputmode="decimal" name="amount_requested" value=(draft.amount_requested);
                }
                p {
                    label for="f-total_cost" { (ctx.t("web-project-total-cost")) " (CAD)" }
                    input #f-total_cost type="text" inputmode="decimal" name="total_cost" value=(draft.total_cost);
                }
                p {
                    label for="f-start_date" { (ctx.t("web-project-start")) }
                    input #f-start_date type="date" name="start_date" value=(draft.start_date);
                }
                p {
                    label for="f-end_date" { (ctx.t("web-project-end")) }
                    input #f-end_date type="date" name="end_date" value=(draft.end_date);
                }
            }
            fieldset {
                legend { (ctx.t("web-project-form-confidential")) }
                p {
                    label for="f-contacts" { (ctx.t("web-project-contacts")) }
                    textarea #f-contacts name="contacts" rows="2" aria-describedby="f-contacts-hint" { (draft.contacts) }
                    span.hint #f-contacts-hint { (ctx.t("web-project-form-contacts-hint")) }
                }
                p {
                    label for="f-notes" { (ctx.t("web-project-notes")) }
                    textarea #f-notes name="notes" rows="3" { (draft.notes) }
                }
            }
            section #verdict aria-live="polite" aria-labelledby="verdict-h"
                data-t-eligible=(ctx.t("web-match-eligible"))
                data-t-not-eligible=(ctx.t("web-match-not-eligible"))
                data-t-undetermined=(ctx.t("web-match-undetermined"))
                data-t-all-passed=(ctx.t("web-project-verdict-eligible"))
                data-t-failed=(ctx.t_args("web-project-verdict-failed", &[("rules", Arg::from("{rules}"))]))
                data-t-some-unknown=(ctx.t("web-project-verdict-unknown"))
                data-t-caption=(ctx.t("web-project-rules"))
                data-t-rule=(ctx.t("web-rule-name"))
                data-t-verdict=(ctx.t("web-rule-verdict"))
                data-t-reason=(ctx.t("web-rule-reason"))
                data-t-source=(ctx.t("web-rule-source"))
                data-t-source-link=(ctx.t_args("web-rule-source-link", &[("n", Arg::from("{n}"))]))
                data-t-passed=(ctx.t("web-rule-passed"))
                data-t-failed-rule=(ctx.t("web-rule-failed"))
                data-t-unknown=(ctx.t("web-rule-unknown")) {
                h2 #verdict-h { (ctx.t("web-project-form-verdict")) }
                @if let Some(v) = verdict {
                    (verdict_block(ctx, v))
                } @else {
                    p.note #verdict-empty { (ctx.t("web-project-form-verdict-empty")) }
                }
            }
            p.actions {
                button type="submit" name="action" value="check" #check-button { (ctx.t("web-project-form-check")) }
                " "
                button.primary type="submit" name="action" value="save" #save-button { (ctx.t("web-project-form-save")) }
            }
        }
    };
    let mut response = ctx.page(Section::Projects, &title, body);
    *response.status_mut() = status;
    response
}

/// A verdict: the badge, what is missing, and the rules.
fn verdict_block(ctx: &Ctx, v: &EligibilityOut) -> Markup {
    html! {
        p #verdict-summary data-eligible=(match v.eligible { Some(true) => "true", Some(false) => "false", None => "null" }) {
            (verdict_badge(ctx, v.eligible)) " "
            @match v.eligible {
                Some(true) => { (ctx.t("web-project-verdict-eligible")) }
                Some(false) => { (ctx.t_args("web-project-verdict-failed", &[("rules", Arg::from(
                    v.rules.iter().filter(|r| r.passed == Some(false)).map(|r| r.name.clone()).collect::<Vec<_>>().join(", ")
                ))])) }
                None => { (ctx.t("web-project-verdict-unknown")) }
            }
        }
        (rules_table(ctx, &ctx.t("web-project-rules"), &v.rules, Some("verdict-rules")))
        @if let Some(version) = &v.rule_set_version {
            p.note { (ctx.t_args("web-project-rule-set", &[("version", Arg::from(version.as_str()))])) }
        }
    }
}

/// `GET /projets/{id}`: a project with its verdict, history and the moves of its status.
pub(crate) async fn project(ApiPath(id): ApiPath<String>, ctx: Ctx) -> Result<Response, ApiError> {
    Ok(project_page(&ctx, &id, None))
}

fn project_page(ctx: &Ctx, id: &str, error: Option<(StatusCode, String)>) -> Response {
    let snapshot = ctx.snapshot.clone();
    let eco = &snapshot.eco;
    let Ok(p) = crate::rest::projects::find(eco, id) else {
        let message = ctx.t_args("web-project-not-found", &[("id", Arg::from(id))]);
        return error_page(ctx, StatusCode::NOT_FOUND, &message);
    };
    let member = ctx.identity.sees_confidential();
    let d: ProjectDetail = project_detail(eco, p, ctx.locale, member, &ctx.href("/"));
    let title = d.name.clone();
    let next_selected = d.moves.contains(&PipelineStatus::Selected);
    let is_admin = ctx
        .identity
        .member()
        .is_some_and(|m| m.role == maillage_accounts::Role::Admin);
    let body = html! {
        nav.crumbs aria-label=(ctx.t("web-profile-breadcrumb")) {
            a href=(ctx.href("/projets")) { (ctx.t("web-pipeline-title")) } " › "
            span aria-current="page" { (d.name) }
        }
        h1 { (d.name) }
        p.badges {
            (status_badge(ctx, p.status)) " "
            @if d.confidential { (badge("confidential", &ctx.t("web-project-confidential"))) " " }
            @if d.illustrative { (badge("demo", &ctx.t("web-demo"))) " " }
            (verdict_badge(ctx, d.eligibility.eligible))
        }
        @if let Some((_, message)) = &error {
            p.alert role="alert" #project-error { (message) }
        }
        @let description = p.description.get(ctx.lang);
        @if member && !description.is_empty() { p.lead { (description) } }
        dl.facts #project-facts {
            dt { (ctx.t("web-role-supplier")) } dd { (party(ctx, eco, p.supplier.as_deref())) }
            dt { (ctx.t("web-role-adopter")) } dd { (party(ctx, eco, p.adopter.as_deref())) }
            dt { (ctx.t("web-pipeline-filter-envelope")) } dd { (party(ctx, eco, p.envelope.as_deref())) }
            dt { (ctx.t("web-project-axes")) }
            dd { @if d.axes.is_empty() { "—" } @for (i, a) in d.axes.iter().enumerate() { @if i > 0 { ", " } (a.label) } }
            @if member {
                dt { (ctx.t("web-pipeline-requested")) } dd #project-requested { (money(ctx, d.amount_requested)) }
                dt { (ctx.t("web-project-total-cost")) } dd { (money(ctx, d.total_cost)) }
            }
            dt { (ctx.t("web-pipeline-granted")) } dd #project-granted { (money(ctx, d.amount_granted)) }
            dt { (ctx.t("web-project-dates")) }
            dd { (d.start_date.clone().unwrap_or_else(|| "—".into())) " → " (d.end_date.clone().unwrap_or_else(|| "—".into())) }
            @if member && !d.contacts.is_empty() {
                dt { (ctx.t("web-project-contacts")) }
                dd #project-contacts { @for (i, c) in d.contacts.iter().enumerate() { @if i > 0 { br; } (c) } }
            }
            @if member && !d.notes.is_empty() {
                dt { (ctx.t("web-project-notes")) }
                dd #project-notes { @for (i, n) in d.notes.iter().enumerate() { @if i > 0 { br; } (n) } }
            }
        }
        @if member && can_edit(ctx) && !d.moves.is_empty() {
            section #moves aria-labelledby="moves-h" {
                h2 #moves-h { (ctx.t("web-project-moves")) }
                @for m in &d.moves {
                    @let to: ProjectStatus = (*m).into();
                    form class="move" method="post" action=(ctx.href(&format!("/projets/{}/statut", d.id))) data-to=(to.slug()) {
                        @if let Some(csrf) = &ctx.csrf { input type="hidden" name="csrf" value=(csrf); }
                        input type="hidden" name="status" value=(to.slug());
                        @let note_id = format!("note-{}", to.slug());
                        p {
                            label for=(note_id) { (ctx.t("web-project-move-note")) }
                            input id=(note_id) type="text" name="note" maxlength="2000";
                        }
                        @if to == ProjectStatus::Selected && next_selected {
                            @let granted_id = "granted-selected";
                            p {
                                label for=(granted_id) { (ctx.t("web-project-move-granted")) }
                                input id=(granted_id) type="text" inputmode="decimal" name="amount_granted"
                                    placeholder=(d.amount_requested.map(|a| ctx.dec(a, 0)).unwrap_or_default());
                            }
                        }
                        @if is_admin && to.was_chosen() {
                            @let overrun_id = format!("overrun-{}", to.slug());
                            p.check {
                                input id=(overrun_id) type="checkbox" name="confirm_overrun" value="true";
                                " " label for=(overrun_id) { (ctx.t("web-project-move-overrun")) }
                            }
                        }
                        p { button type="submit" class=(if matches!(to, ProjectStatus::Rejected | ProjectStatus::Withdrawn) { "danger" } else { "primary" }) {
                            (ctx.t_args("web-project-move-to", &[("status", Arg::from(ctx.t(to.label_id())))]))
                        } }
                    }
                }
            }
        }
        section aria-labelledby="elig-h" {
            h2 #elig-h { (ctx.t("web-project-eligibility")) }
            (verdict_block(ctx, &d.eligibility))
        }
        @if member {
            section aria-labelledby="history-h" {
                h2 #history-h { (ctx.t("web-project-history")) }
                @if d.history.is_empty() {
                    p.note { (ctx.t("web-project-history-empty")) }
                } @else {
                    ol.history #project-history {
                        @for h in &d.history {
                            li {
                                time datetime=(h.at) { (super::human_time(&h.at)) } " — "
                                (ctx.t_args("web-project-history-line", &[
                                    ("by", Arg::from(h.by.as_str())),
                                    ("status", Arg::from(h.status.map(|s| ctx.t(ProjectStatus::from(s).label_id())).unwrap_or_default())),
                                ]))
                                @if h.overrun { " " (badge("ko", &ctx.t("web-project-overrun"))) }
                                @if let Some(note) = &h.note { br; q { (note) } }
                            }
                        }
                    }
                }
            }
        }
        p.note {
            a href=(ctx.api_href(&format!("/api/v1/projects/{}", d.id), &[])) { "JSON" }
            @if !d.confidential { " · " a href=(iri_href(ctx, &d.iri)) { (ctx.t("web-project-linked-data")) } }
        }
    };
    let mut response = ctx.page(Section::Projects, &title, body);
    if let Some((status, _)) = error {
        *response.status_mut() = status;
    }
    response
}

/// `POST /projets/{id}/statut`: moves the status (the REST API's rules), then back to the
/// project's page; a refused move shows the page again with why.
pub(crate) async fn move_status(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ctx: Ctx,
    session: Session,
    body: Bytes,
) -> Result<Response, ApiError> {
    let back = format!("/projets/{id}");
    if let Some(refusal) = editors_only(&ctx, &back) {
        return Ok(refusal);
    }
    let form = Params::parse(&String::from_utf8_lossy(&body));
    let writer = match form_access(&state, &ctx, &session, &form).await? {
        Ok(w) => w,
        Err(page) => return Ok(page),
    };
    let one = |k: &str| form.one(k).ok().flatten().filter(|v| !v.trim().is_empty());
    let Some(status) = one("status").as_deref().and_then(ProjectStatus::from_slug) else {
        return Ok(project_page(
            &ctx,
            &id,
            Some((StatusCode::BAD_REQUEST, ctx.t("web-project-move-unknown"))),
        ));
    };
    let granted = match one("amount_granted").map(|g| number(&g, ctx.locale.code() == "fr")) {
        None => None,
        Some(Ok(v)) => v,
        Some(Err(())) => {
            let message = ctx.t_args(
                "web-project-form-not-a-number",
                &[("field", Arg::from(ctx.t("web-project-move-granted")))],
            );
            return Ok(project_page(
                &ctx,
                &id,
                Some((StatusCode::BAD_REQUEST, message)),
            ));
        }
    };
    let input = TransitionInput {
        status: status.into(),
        note: one("note"),
        amount_granted: granted,
        confirm_overrun: one("confirm_overrun").map(|v| v == "true"),
    };
    match crate::rest::projects::transition_with(&writer, &id, &input).await {
        Ok(()) => Ok(see_other(&ctx.href(&back))),
        Err(e) => {
            // The page as it is now (the refusal changed nothing), with why.
            let ctx = Ctx {
                snapshot: state.members_snapshot().await?,
                ..ctx
            };
            Ok(project_page(
                &ctx,
                &id,
                Some((e.status(), e.detail(ctx.locale))),
            ))
        }
    }
}

/// `GET /enveloppe`: every envelope with its accounting and chart; for signed-in users, the
/// portfolio the assignment suggests among the open candidates within what remains.
pub(crate) async fn envelope(ctx: Ctx) -> Result<Response, ApiError> {
    let snapshot = ctx.snapshot.clone();
    let eco = &snapshot.eco;
    let title = ctx.t("web-envelope-title");
    let mut envelopes: Vec<&Envelope> = eco.envelopes.values().collect();
    envelopes.sort_by(|a, b| {
        (a.iri != vocab::ZEM_ENVELOPE, &a.iri).cmp(&(b.iri != vocab::ZEM_ENVELOPE, &b.iri))
    });
    let member = ctx.identity.sees_confidential();
    let body = html! {
        h1 { (title) }
        p.lead { (ctx.t("web-envelope-lead")) }
        @if !member {
            p.note { (ctx.t("web-envelope-public-note")) }
        }
        @for e in &envelopes {
            @let b = eco.balance(e);
            @let h = format!("env-{}-h", slug(&e.iri));
            section.envelope aria-labelledby=(h) data-envelope=(slug(&e.iri)) {
                h2 id=(h) { (e.label.get(ctx.lang)) }
                (balance_chart(&ctx, e, &b))
                (balance_list(&ctx, e, &b))
                @if member && e.iri == vocab::ZEM_ENVELOPE {
                    (portfolio_section(&ctx, e))
                }
            }
        }
    };
    Ok(ctx.page(Section::Projects, &title, body))
}

/// An envelope's accounting as a definition list (the chart's figures, for every reader).
pub(crate) fn balance_list(ctx: &Ctx, e: &Envelope, b: &Balance) -> Markup {
    let id = slug(&e.iri);
    html! {
        dl.amounts.balance data-envelope=(id) {
            div { dt { (ctx.t("web-envelope-amount")) } dd { (ctx.money(b.amount)) } }
            div { dt { span.swatch.committed aria-hidden="true" {} (ctx.t("web-envelope-committed")) } dd.committed { (ctx.money(b.committed)) } }
            div { dt { span.swatch.in-preparation aria-hidden="true" {} (ctx.t("web-envelope-in-preparation")) } dd.in-preparation { (ctx.money(b.in_preparation)) } }
            div { dt { span.swatch.free aria-hidden="true" {} (ctx.t("web-envelope-free")) } dd.free { (ctx.money(b.free())) } }
            div { dt { (ctx.t("web-envelope-remaining")) } dd.remaining id=(format!("remaining-{id}")) { (ctx.money(b.remaining)) } }
            div { dt { span.swatch.requested aria-hidden="true" {} (ctx.t("web-envelope-requested")) } dd.requested { (ctx.money(b.requested)) } }
        }
    }
}

/// The chart of an envelope: one bar of its amount split into committed, in preparation and
/// free (remaining − in preparation), and one bar of the open candidates' requests on the
/// same scale (longer than the first when demand exceeds the envelope). Inline SVG; the
/// numbers are written beside it ([`balance_list`]) and in its description.
pub(crate) fn balance_chart(ctx: &Ctx, e: &Envelope, b: &Balance) -> Markup {
    const W: f64 = 560.0;
    const LABEL_W: f64 = 150.0;
    const BAR_H: f64 = 26.0;
    let id = slug(&e.iri);
    let scale_max = b.amount.max(b.requested).max(b.held()).max(1.0);
    let x = |v: f64| super::svg::r1(v.max(0.0) / scale_max * (W - LABEL_W - 10.0));
    let committed = x(b.committed);
    let preparing = x(b.in_preparation);
    let free = x(b.free());
    let requested = x(b.requested);
    let amount = x(b.amount);
    let description = ctx.t_args(
        "web-envelope-chart-desc",
        &[
            ("amount", Arg::from(ctx.money(b.amount))),
            ("committed", Arg::from(ctx.money(b.committed))),
            ("preparation", Arg::from(ctx.money(b.in_preparation))),
            ("free", Arg::from(ctx.money(b.free()))),
            ("remaining", Arg::from(ctx.money(b.remaining))),
            ("requested", Arg::from(ctx.money(b.requested))),
        ],
    );
    let title_id = format!("chart-{id}-title");
    let desc_id = format!("chart-{id}-desc");
    html! {
        svg.chart.envelope-chart viewBox={ "0 0 " (W) " 96" } role="img"
            aria-labelledby={ (title_id) " " (desc_id) } data-envelope=(id) {
            title id=(title_id) { (ctx.t_args("web-envelope-chart-title", &[("envelope", Arg::from(e.label.get(ctx.lang)))])) }
            desc id=(desc_id) { (description) }
            text.label x=(LABEL_W - 8.0) y="30" text-anchor="end" { (ctx.t("web-envelope-bar-envelope")) }
            rect.committed x=(LABEL_W) y="12" width=(committed) height=(BAR_H) {}
            rect.in-preparation x=(super::svg::r1(LABEL_W + committed)) y="12" width=(preparing) height=(BAR_H) {}
            rect.free x=(super::svg::r1(LABEL_W + committed + preparing)) y="12" width=(free) height=(BAR_H) {}
            rect.outline x=(LABEL_W) y="12" width=(amount) height=(BAR_H) fill="none" {}
            text.label x=(LABEL_W - 8.0) y="74" text-anchor="end" { (ctx.t("web-envelope-bar-requested")) }
            rect.requested x=(LABEL_W) y="56" width=(requested) height=(BAR_H) {}
            line.limit x1=(super::svg::r1(LABEL_W + amount)) x2=(super::svg::r1(LABEL_W + amount)) y1="6" y2="90" {}
        }
        ul.legend {
            li { span.swatch.committed aria-hidden="true" {} (ctx.t("web-envelope-committed")) }
            li { span.swatch.in-preparation aria-hidden="true" {} (ctx.t("web-envelope-in-preparation")) }
            li { span.swatch.free aria-hidden="true" {} (ctx.t("web-envelope-free")) }
            li { span.swatch.requested aria-hidden="true" {} (ctx.t("web-envelope-requested")) }
        }
    }
}

/// The portfolio the assignment suggests (Kuhn–Munkres over the open candidates, within what
/// remains of the envelope): the REST API's `/portfolio`.
fn portfolio_section(ctx: &Ctx, e: &Envelope) -> Markup {
    let planned =
        crate::rest::portfolio::portfolio_out(&ctx.snapshot.graph, &e.iri, None, ctx.locale);
    html! {
        section #portfolio aria-labelledby="portfolio-h" {
            h3 #portfolio-h { (ctx.t("web-envelope-portfolio")) }
            @match planned {
                Err(err) => { p { (crate::words::graph_error(&err).render(ctx.locale)) } }
                Ok(out) => {
                    p.note { (out.method) }
                    @if out.chosen.is_empty() {
                        p { (ctx.t("web-envelope-portfolio-empty")) }
                    } @else {
                        div.table-wrap {
                            table.compact #portfolio-table {
                                caption { (ctx.t_args("web-envelope-portfolio-caption", &[
                                    ("budget", Arg::from(ctx.money(out.budget))),
                                    ("total", Arg::from(ctx.money(out.total_amount))),
                                ])) }
                                thead { tr {
                                    th scope="col" { (ctx.t("web-pipeline-project")) }
                                    th scope="col" { (ctx.t("web-role-supplier")) }
                                    th scope="col" { (ctx.t("web-role-adopter")) }
                                    th.num scope="col" { (ctx.t("web-envelope-portfolio-score")) }
                                    th.num scope="col" { (ctx.t("web-pipeline-granted")) }
                                } }
                                tbody {
                                    @for c in &out.chosen {
                                        tr {
                                            th scope="row" { a href=(ctx.href(&format!("/projets/{}", slug(&c.project.iri)))) { (c.project.label) } }
                                            td { (c.supplier.label) }
                                            td { (c.adopter.label) }
                                            td.num { (ctx.percent(c.score)) }
                                            td.num { (ctx.money(c.amount)) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use maillage_i18n::Locale;
    use maillage_model::ProjectStatus;

    use super::number;

    /// The statuses' names are looked up by an id the model computes: every locale must have
    /// each of them (the catalogue's own check only sees literal ids).
    #[test]
    fn every_status_is_named_in_every_locale() {
        for locale in Locale::all() {
            for s in ProjectStatus::ALL {
                assert!(locale.has(s.label_id()), "{locale}: {}", s.label_id());
            }
        }
    }

    #[test]
    fn amounts_typed_in_french_or_english_are_read() {
        assert_eq!(number("250 000 $", true), Ok(Some(250_000.0)));
        assert_eq!(number("250\u{202f}000,50", true), Ok(Some(250_000.5)));
        assert_eq!(number("250000.5", true), Ok(Some(250_000.5)));
        assert_eq!(number("$250,000.50", false), Ok(Some(250_000.5)));
        assert_eq!(number("  ", true), Ok(None));
        assert_eq!(number("beaucoup", true), Err(()));
        assert_eq!(number("1,5,0", true), Err(()));
    }
}
