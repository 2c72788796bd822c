//! The project-selection pipeline: the statuses a candidate project goes through, which moves
//! between them are allowed, what each status means for the envelope's money, and the check
//! that no move commits more than an envelope holds. The one definition of these rules: the
//! REST API, the web pages and the portfolio call them, never restate them.
//!
//! ```text
//! proposed → under-review → recommended → selected → funded → completed
//!     └───────────┴──────────────┴────────────┴──→ rejected | withdrawn
//! ```

use crate::ecosystem::{Ecosystem, Envelope, Project};
use crate::vocab;

/// The predicates of a project's public facts — title, organisations, envelope, axes, amount
/// granted, status, dates — which funding publishes to the open graph
/// ([`vocab::PROJECTS_GRAPH`]). Every other fact of a project (description, requested amount,
/// total cost, contacts, notes, sources, status history) stays in the confidential graph
/// ([`vocab::PIPELINE_GRAPH`]).
pub fn public_project_predicates() -> [String; 11] {
    [
        format!("{}type", vocab::RDF),
        format!("{}label", vocab::RDFS),
        vocab::mo("supplier"),
        vocab::mo("adopter"),
        vocab::mo("fundedBy"),
        vocab::mo("addressesAxis"),
        vocab::mo("amount"),
        vocab::mo("status"),
        vocab::mo("startDate"),
        vocab::mo("endDate"),
        vocab::mo("illustrative"),
    ]
}

/// Is `predicate` one of a project's public facts ([`public_project_predicates`])?
pub fn is_public_project_fact(predicate: &str) -> bool {
    public_project_predicates().iter().any(|p| p == predicate)
}

/// The status of a project (`mo:status`), a closed list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ProjectStatus {
    Proposed,
    UnderReview,
    Recommended,
    Selected,
    Funded,
    Completed,
    Rejected,
    Withdrawn,
}

impl ProjectStatus {
    /// Every status, in the pipeline's order (the closing ones last).
    pub const ALL: [ProjectStatus; 8] = [
        ProjectStatus::Proposed,
        ProjectStatus::UnderReview,
        ProjectStatus::Recommended,
        ProjectStatus::Selected,
        ProjectStatus::Funded,
        ProjectStatus::Completed,
        ProjectStatus::Rejected,
        ProjectStatus::Withdrawn,
    ];

    /// The local name of its IRI in the `mo:` namespace (`mo:underReview`).
    pub fn local_name(self) -> &'static str {
        match self {
            ProjectStatus::Proposed => "proposed",
            ProjectStatus::UnderReview => "underReview",
            ProjectStatus::Recommended => "recommended",
            ProjectStatus::Selected => "selected",
            ProjectStatus::Funded => "funded",
            ProjectStatus::Completed => "completed",
            ProjectStatus::Rejected => "rejected",
            ProjectStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn iri(self) -> String {
        vocab::mo(self.local_name())
    }

    pub fn from_iri(iri: &str) -> Option<ProjectStatus> {
        let local = iri.strip_prefix(vocab::MO)?;
        ProjectStatus::ALL
            .into_iter()
            .find(|s| s.local_name() == local)
    }

    /// The stable name on the wire and in URLs: `proposed`, `under-review`, `recommended`,
    /// `selected`, `funded`, `completed`, `rejected`, `withdrawn`.
    pub fn slug(self) -> &'static str {
        match self {
            ProjectStatus::UnderReview => "under-review",
            other => other.local_name(),
        }
    }

    pub fn from_slug(slug: &str) -> Option<ProjectStatus> {
        ProjectStatus::ALL.into_iter().find(|s| s.slug() == slug)
    }

    /// The message id of its name in the catalogue (`status-under-review`).
    pub fn label_id(self) -> &'static str {
        match self {
            ProjectStatus::Proposed => "status-proposed",
            ProjectStatus::UnderReview => "status-under-review",
            ProjectStatus::Recommended => "status-recommended",
            ProjectStatus::Selected => "status-selected",
            ProjectStatus::Funded => "status-funded",
            ProjectStatus::Completed => "status-completed",
            ProjectStatus::Rejected => "status-rejected",
            ProjectStatus::Withdrawn => "status-withdrawn",
        }
    }

    /// Money of funded and completed projects is committed.
    pub fn commits_money(self) -> bool {
        matches!(self, ProjectStatus::Funded | ProjectStatus::Completed)
    }

    /// Open: still in selection (a candidate), from `proposed` to `selected`.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            ProjectStatus::Proposed
                | ProjectStatus::UnderReview
                | ProjectStatus::Recommended
                | ProjectStatus::Selected
        )
    }

    /// Public: the project's public facts are published in an open graph (funded and
    /// completed); before, the whole project is confidential.
    pub fn is_public(self) -> bool {
        self.commits_money()
    }

    /// Chosen: the selection retained it (selected, funded, completed).
    pub fn was_chosen(self) -> bool {
        matches!(
            self,
            ProjectStatus::Selected | ProjectStatus::Funded | ProjectStatus::Completed
        )
    }

    /// The statuses a project may move to from this one: the next step of the pipeline, and
    /// `rejected` or `withdrawn` from an open status. Closed statuses lead nowhere but
    /// `funded → completed`.
    pub fn moves(self) -> Vec<ProjectStatus> {
        let next = match self {
            ProjectStatus::Proposed => Some(ProjectStatus::UnderReview),
            ProjectStatus::UnderReview => Some(ProjectStatus::Recommended),
            ProjectStatus::Recommended => Some(ProjectStatus::Selected),
            ProjectStatus::Selected => Some(ProjectStatus::Funded),
            ProjectStatus::Funded => Some(ProjectStatus::Completed),
            _ => None,
        };
        let mut out: Vec<ProjectStatus> = next.into_iter().collect();
        if self.is_open() {
            out.extend([ProjectStatus::Rejected, ProjectStatus::Withdrawn]);
        }
        out
    }

    /// May a project move from this status to `to`?
    pub fn may_move_to(self, to: ProjectStatus) -> bool {
        self.moves().contains(&to)
    }
}

/// One move of a project's status, as the pipeline records it (`mo:StatusChange`): when, by
/// whom, with an optional note. The first one of a project created through the pipeline has no
/// `from`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StatusChange {
    pub iri: String,
    pub from: Option<ProjectStatus>,
    /// `None` only when the data names a status this version does not know.
    pub to: Option<ProjectStatus>,
    /// RFC 3339 time.
    pub at: String,
    /// The signed-in user (account name) who made it.
    pub by: String,
    pub note: Option<String>,
    /// An admin confirmed that it commits more than the envelope holds.
    pub overrun: bool,
}

/// The money of an envelope (CAD), see [`Ecosystem::balance`].
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Balance {
    pub amount: f64,
    /// Granted amounts of the real funded and completed projects.
    pub committed: f64,
    /// Granted amounts of the real selected projects: earmarked, not yet committed.
    pub in_preparation: f64,
    /// Requested amounts of the real open projects (proposed to selected): the demand.
    pub requested: f64,
    /// `amount − committed`.
    pub remaining: f64,
    /// Illustrative (demo) projects marked funded or completed; never in `committed`.
    pub illustrative_committed: f64,
}

impl Balance {
    /// What the envelope holds against commitments and selections: `committed + in_preparation`.
    pub fn held(&self) -> f64 {
        self.committed + self.in_preparation
    }

    /// What is still free for new selections: `remaining − in_preparation`.
    pub fn free(&self) -> f64 {
        self.remaining - self.in_preparation
    }
}

/// Amounts are compared to the cent.
const CENT: f64 = 0.005;

/// Why a move of status is refused.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum TransitionError {
    #[error("unknown project {0}")]
    UnknownProject(String),
    /// The pipeline has no such move (`from` is `None` for a project without a status).
    #[error("a project cannot move from {from:?} to {to:?}")]
    Illegal {
        from: Option<ProjectStatus>,
        to: ProjectStatus,
    },
    /// Selecting or funding it needs an amount (granted or requested).
    #[error("project {0} has no amount")]
    NoAmount(String),
    /// The move would hold more than the envelope's amount.
    #[error("envelope {envelope} holds {amount}, the move would hold {held_after}")]
    Overcommit {
        envelope: String,
        amount: f64,
        held_before: f64,
        held_after: f64,
    },
}

/// A move the pipeline allows, with what it does to the envelope.
#[derive(Clone, Debug, PartialEq)]
pub struct Transition {
    pub from: Option<ProjectStatus>,
    pub to: ProjectStatus,
    /// The granted amount after the move (`mo:amount`): the one given at selection, else the
    /// one already granted, else the request.
    pub granted: Option<f64>,
    /// The envelope's balance before and after, when the project draws on one.
    pub before: Option<Balance>,
    pub after: Option<Balance>,
    /// Holds more than the envelope's amount (allowed only when the caller let it).
    pub overrun: bool,
}

/// Whether a move that would overrun the envelope may go through (an admin confirmed it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overrun {
    Refuse,
    Confirmed,
}

impl Ecosystem {
    /// How much of an envelope is committed, earmarked, asked for and left. The one definition
    /// of the accounting (the REST API, the web pages, the committee dossier and the
    /// portfolio's default budget use it), over the envelope's projects that are real, i.e.
    /// not illustrative (`mo:illustrative`, the fictional demo records):
    /// committed = granted amounts ([`Project::granted`]) of funded and completed projects;
    /// in preparation = granted amounts of selected ones; requested = requested amounts
    /// ([`Project::requested`]) of open ones (proposed to selected); remaining = amount −
    /// committed. Demo projects never count against a real envelope: their committed amounts
    /// are reported apart in `illustrative_committed`.
    pub fn balance(&self, envelope: &Envelope) -> Balance {
        let mut b = Balance {
            amount: envelope.amount,
            ..Balance::default()
        };
        for p in self.projects_of(&envelope.iri) {
            let Some(status) = p.status else { continue };
            let granted = p.granted().unwrap_or(0.0);
            if p.illustrative {
                if status.commits_money() {
                    b.illustrative_committed += granted;
                }
                continue;
            }
            if status.commits_money() {
                b.committed += granted;
            }
            if status == ProjectStatus::Selected {
                b.in_preparation += granted;
            }
            if status.is_open() {
                b.requested += p.requested().unwrap_or(0.0);
            }
        }
        b.remaining = b.amount - b.committed;
        b
    }

    /// Checks a move of `project` to `to`, `granted` being the amount granted at selection (by
    /// default the one already granted, else the request). Refused when the pipeline has no
    /// such move, when selecting or funding a project without an amount, and — unless
    /// `overrun` is [`Overrun::Confirmed`] — when the move would make the envelope hold
    /// (commit plus earmark, [`Balance::held`]) more than its amount: selecting adds the
    /// granted amount to what is earmarked, funding moves it to what is committed (and adds it
    /// when it was not earmarked). Illustrative projects never draw on a real envelope.
    pub fn check_transition(
        &self,
        project: &str,
        to: ProjectStatus,
        granted: Option<f64>,
        overrun: Overrun,
    ) -> Result<Transition, TransitionError> {
        let p = self
            .projects
            .get(project)
            .ok_or_else(|| TransitionError::UnknownProject(project.to_owned()))?;
        let from = p.status;
        if !from.is_some_and(|f| f.may_move_to(to)) {
            return Err(TransitionError::Illegal { from, to });
        }
        let granted = granted.or(p.granted());
        if to.was_chosen() && granted.is_none() {
            return Err(TransitionError::NoAmount(project.to_owned()));
        }
        let mut after_project = p.clone();
        after_project.status = Some(to);
        after_project.amount = granted;
        self.check_money(p, &after_project, overrun)
            .map(|(before, after, overrun)| Transition {
                from,
                to,
                granted,
                before,
                after,
                overrun,
            })
    }

    /// Checks a new project recorded directly at `project.status` (a project created as
    /// selected or funded draws on its envelope at once), as [`Ecosystem::check_transition`]
    /// checks a move.
    pub fn check_new_project(
        &self,
        project: &Project,
        overrun: Overrun,
    ) -> Result<Transition, TransitionError> {
        let Some(to) = project.status else {
            return Err(TransitionError::Illegal {
                from: None,
                to: ProjectStatus::Proposed,
            });
        };
        if to.was_chosen() && project.granted().is_none() {
            return Err(TransitionError::NoAmount(project.iri.clone()));
        }
        let nothing = Project {
            iri: project.iri.clone(),
            envelope: project.envelope.clone(),
            illustrative: project.illustrative,
            ..Project::default()
        };
        self.check_money(&nothing, project, overrun)
            .map(|(before, after, overrun)| Transition {
                from: None,
                to,
                granted: project.granted(),
                before,
                after,
                overrun,
            })
    }

    /// The envelope's balance before and after replacing `before` by `after`, and whether the
    /// replacement overruns it (an error unless confirmed).
    #[allow(clippy::type_complexity)]
    fn check_money(
        &self,
        before: &Project,
        after: &Project,
        overrun: Overrun,
    ) -> Result<(Option<Balance>, Option<Balance>, bool), TransitionError> {
        let envelope = after.envelope.as_ref().and_then(|e| self.envelopes.get(e));
        let (Some(envelope), false) = (envelope, after.illustrative) else {
            return Ok((None, None, false));
        };
        let balance_before = self.balance(envelope);
        let mut changed = self.clone_projects_with(after);
        if before.iri != after.iri {
            changed.projects.remove(&before.iri);
        }
        let balance_after = changed.balance(envelope);
        let grows = balance_after.held() > balance_before.held() + CENT
            || balance_after.committed > balance_before.committed + CENT;
        let over = balance_after.held() > envelope.amount + CENT
            || balance_after.committed > envelope.amount + CENT;
        if grows && over && overrun == Overrun::Refuse {
            return Err(TransitionError::Overcommit {
                envelope: envelope.iri.clone(),
                amount: envelope.amount,
                held_before: balance_before.held(),
                held_after: balance_after.held(),
            });
        }
        Ok((Some(balance_before), Some(balance_after), grows && over))
    }

    /// The projects and envelopes of this ecosystem with `project` in place (for a balance
    /// "as if"); the other collections are left empty.
    fn clone_projects_with(&self, project: &Project) -> Ecosystem {
        let mut projects = self.projects.clone();
        projects.insert(project.iri.clone(), project.clone());
        Ecosystem {
            projects,
            envelopes: self.envelopes.clone(),
            ..Ecosystem::default()
        }
    }

    /// The open projects (candidates) of an envelope, in IRI order.
    pub fn open_projects_of<'a>(&'a self, envelope: &'a str) -> impl Iterator<Item = &'a Project> {
        self.projects_of(envelope)
            .filter(|p| p.status.is_some_and(ProjectStatus::is_open))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::label::Label;

    fn eco(projects: &[(&str, ProjectStatus, f64, bool)]) -> Ecosystem {
        let mut eco = Ecosystem::default();
        eco.envelopes.insert(
            "env".into(),
            Envelope {
                iri: "env".into(),
                label: Label::same("env"),
                amount: 1_000.0,
                funder: None,
                recipient: None,
            },
        );
        for (iri, status, amount, illustrative) in projects {
            eco.projects.insert(
                (*iri).into(),
                Project {
                    iri: (*iri).into(),
                    label: Label::same(*iri),
                    envelope: Some("env".into()),
                    amount_requested: Some(*amount),
                    status: Some(*status),
                    illustrative: *illustrative,
                    ..Project::default()
                },
            );
        }
        eco
    }

    #[test]
    fn statuses_round_trip_and_the_pipeline_is_linear() {
        for s in ProjectStatus::ALL {
            assert_eq!(ProjectStatus::from_iri(&s.iri()), Some(s));
            assert_eq!(ProjectStatus::from_slug(s.slug()), Some(s));
        }
        assert_eq!(ProjectStatus::UnderReview.slug(), "under-review");
        assert!(ProjectStatus::Proposed.may_move_to(ProjectStatus::UnderReview));
        assert!(!ProjectStatus::Proposed.may_move_to(ProjectStatus::Selected));
        assert!(!ProjectStatus::Proposed.may_move_to(ProjectStatus::Funded));
        assert!(ProjectStatus::Selected.may_move_to(ProjectStatus::Withdrawn));
        assert!(!ProjectStatus::Funded.may_move_to(ProjectStatus::Rejected));
        assert_eq!(
            ProjectStatus::Funded.moves(),
            vec![ProjectStatus::Completed]
        );
        assert!(ProjectStatus::Rejected.moves().is_empty());
        assert!(ProjectStatus::Completed.moves().is_empty());
    }

    #[test]
    fn the_balance_counts_granted_committed_earmarked_and_requested_real_money() {
        let mut eco = eco(&[
            ("funded", ProjectStatus::Funded, 300.0, false),
            ("done", ProjectStatus::Completed, 100.0, false),
            ("proposed", ProjectStatus::Proposed, 50.0, false),
            ("review", ProjectStatus::UnderReview, 5.0, false),
            ("selected", ProjectStatus::Selected, 20.0, false),
            ("rejected", ProjectStatus::Rejected, 999.0, false),
            ("demo", ProjectStatus::Funded, 200.0, true),
            ("demo-proposed", ProjectStatus::Proposed, 7.0, true),
        ]);
        // Granted 15 of the 20 requested at selection.
        if let Some(p) = eco.projects.get_mut("selected") {
            p.amount = Some(15.0);
        }
        let env = eco.envelopes["env"].clone();
        assert_eq!(
            eco.balance(&env),
            Balance {
                amount: 1_000.0,
                committed: 400.0,
                in_preparation: 15.0,
                requested: 75.0,
                remaining: 600.0,
                illustrative_committed: 200.0,
            }
        );
        assert_eq!(eco.open_projects_of("env").count(), 4);
    }

    #[test]
    fn illegal_moves_are_refused_and_legal_ones_report_the_money() {
        let eco = eco(&[("p", ProjectStatus::Recommended, 100.0, false)]);
        assert_eq!(
            eco.check_transition("p", ProjectStatus::Funded, None, Overrun::Refuse),
            Err(TransitionError::Illegal {
                from: Some(ProjectStatus::Recommended),
                to: ProjectStatus::Funded
            })
        );
        let t = eco
            .check_transition("p", ProjectStatus::Selected, Some(80.0), Overrun::Refuse)
            .expect("selection within the envelope");
        assert_eq!(t.granted, Some(80.0));
        assert_eq!(t.before.map(|b| b.in_preparation), Some(0.0));
        assert_eq!(t.after.map(|b| b.in_preparation), Some(80.0));
        assert!(!t.overrun);
        assert!(matches!(
            eco.check_transition("nope", ProjectStatus::Selected, None, Overrun::Refuse),
            Err(TransitionError::UnknownProject(_))
        ));
    }

    #[test]
    fn a_move_that_holds_more_than_the_envelope_needs_a_confirmed_overrun() {
        let eco = eco(&[
            ("big", ProjectStatus::Funded, 900.0, false),
            ("p", ProjectStatus::Recommended, 200.0, false),
            ("demo", ProjectStatus::Recommended, 5_000.0, true),
        ]);
        let refused = eco.check_transition("p", ProjectStatus::Selected, None, Overrun::Refuse);
        assert!(
            matches!(
                refused,
                Err(TransitionError::Overcommit { held_after, .. }) if held_after == 1_100.0
            ),
            "{refused:?}"
        );
        let confirmed = eco
            .check_transition("p", ProjectStatus::Selected, None, Overrun::Confirmed)
            .expect("confirmed");
        assert!(confirmed.overrun);
        // A smaller grant fits.
        assert!(
            eco.check_transition("p", ProjectStatus::Selected, Some(100.0), Overrun::Refuse)
                .is_ok()
        );
        // Demo projects never draw on the real envelope.
        assert!(
            eco.check_transition("demo", ProjectStatus::Selected, None, Overrun::Refuse)
                .is_ok()
        );
    }

    #[test]
    fn funding_a_selected_project_moves_its_money_without_counting_it_twice() {
        let mut eco = eco(&[
            ("a", ProjectStatus::Selected, 600.0, false),
            ("b", ProjectStatus::Selected, 400.0, false),
        ]);
        let t = eco
            .check_transition("a", ProjectStatus::Funded, None, Overrun::Refuse)
            .expect("already earmarked");
        assert_eq!(t.after.map(|b| b.committed), Some(600.0));
        assert_eq!(t.after.map(|b| b.held()), Some(1_000.0));
        // A new project recorded as funded on top of a full envelope overruns.
        let extra = Project {
            iri: "c".into(),
            envelope: Some("env".into()),
            amount: Some(1.0),
            status: Some(ProjectStatus::Funded),
            ..Project::default()
        };
        assert!(matches!(
            eco.check_new_project(&extra, Overrun::Refuse),
            Err(TransitionError::Overcommit { .. })
        ));
        if let Some(a) = eco.projects.get_mut("a") {
            a.amount_requested = None;
        }
        let no_amount = eco.check_transition("a", ProjectStatus::Funded, None, Overrun::Refuse);
        assert_eq!(no_amount, Err(TransitionError::NoAmount("a".into())));
    }
}
