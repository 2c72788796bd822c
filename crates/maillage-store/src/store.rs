//! Opening the store, parsing RDF files with precise errors, validated atomic writes, dumps.

use std::collections::HashSet;
use std::io::{Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use maillage_model::vocab;
use oxigraph::io::{RdfParseError, RdfParser, WriterQuadSerializer};
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, Quad, QuadRef, Triple};
use oxigraph::sparql::CancellationToken;
use oxigraph::store::Store;
use spargebra::algebra::QueryDataset;

use crate::change::{ChangeSet, Changes, Origin, WriteContext};
use crate::embedded::{self, EmbeddedFile};
use crate::error::{StoreError, SyntaxError};
use crate::formats::GraphFormat;
use crate::history::{self, ChangeRecord, ChangeSummary};
use crate::public_view::PublicView;
use crate::query::Evaluator;
use crate::validation::Validator;

/// What a committed write did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WriteReport {
    /// Quads in the store before and after (the history graph is not counted).
    pub quads_before: usize,
    pub quads_after: usize,
    /// The change recorded in the history; `None` when the write changed no quad.
    pub change: Option<ChangeSummary>,
}

impl WriteReport {
    /// Net change in the number of quads.
    pub fn delta(&self) -> i64 {
        self.quads_after as i64 - self.quads_before as i64
    }
}

/// A SPARQL update as the SPARQL protocol sends it.
#[derive(Clone, Debug, Default)]
pub struct UpdateRequest {
    pub update: String,
    /// Base IRI for relative IRIs in the update.
    pub base_iri: Option<String>,
    /// `using-graph-uri`: the default graph of the WHERE clauses (like `USING`).
    pub using_graphs: Vec<String>,
    /// `using-named-graph-uri`: the named graphs of the WHERE clauses (like `USING NAMED`).
    pub using_named_graphs: Vec<String>,
}

/// What a load of files did, per named graph.
#[derive(Clone, Debug, Default)]
pub struct LoadReport {
    /// (graph IRI, quads parsed for it)
    pub graphs: Vec<(String, usize)>,
    pub write: Option<WriteReport>,
    pub elapsed: Duration,
}

/// The Maillage store: an oxigraph store plus the compiled shapes every write is checked against.
/// Cloning is cheap and shares the same store.
#[derive(Clone)]
pub struct MaillageStore {
    store: Store,
    validator: Arc<Validator>,
    evaluator: Evaluator,
    writer: Arc<Mutex<Writer>>,
    /// Committed writes since the store was opened ([`MaillageStore::generation`]).
    generation: Arc<AtomicU64>,
    /// The graphs an anonymous reader sees, kept in step with every write
    /// (`public_view.rs`); `None` for a read-only store, or once applying a write to it failed
    /// (queries then read the store itself, and the next read-write open rebuilds it).
    public_view: Arc<std::sync::RwLock<Option<PublicView>>>,
}

/// What the one writer knows between writes. Writes are serialised through it: one at a time,
/// each numbered after the last (readers are never blocked).
#[derive(Debug, Default)]
struct Writer {
    /// The last change number, once read from the history.
    last_change: Option<u64>,
    /// Quads outside the history graph, once counted.
    quads: Option<usize>,
}

/// The graphs that hold the vocabulary and the territory: only system loads change them.
pub fn system_graphs() -> Vec<String> {
    embedded::BASE_GRAPHS
        .iter()
        .map(|g| vocab::graph(g))
        .collect()
}

impl std::fmt::Debug for MaillageStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MaillageStore").finish_non_exhaustive()
    }
}

impl MaillageStore {
    /// Opens (or creates) a persistent store in `dir`. One read-write process per directory.
    pub fn open(dir: impl AsRef<Path>) -> Result<Self, StoreError> {
        let dir = dir.as_ref();
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let store = Self::from_store(Store::open(dir)?)?;
        let last = history::last_id(&store.store)?;
        store.set_public_view(Some(PublicView::open(dir, &store.store, last)?));
        Ok(store)
    }

    /// Opens an existing store for reading only: several processes may read at once, and a
    /// reader may run beside the server that writes (RocksDB secondary-free read-only mode).
    pub fn open_read_only(dir: impl AsRef<Path>) -> Result<Self, StoreError> {
        Self::from_store(Store::open_read_only(dir.as_ref())?)
    }

    /// A store in memory (tests, one-shot validation).
    pub fn in_memory() -> Result<Self, StoreError> {
        let store = Self::from_store(Store::new()?)?;
        store.set_public_view(Some(PublicView::in_memory(&store.store)?));
        Ok(store)
    }

    fn from_store(store: Store) -> Result<Self, StoreError> {
        Ok(MaillageStore {
            store,
            validator: Arc::new(Validator::embedded()?),
            evaluator: Evaluator::default(),
            writer: Arc::new(Mutex::new(Writer::default())),
            generation: Arc::default(),
            public_view: Arc::default(),
        })
    }

    fn set_public_view(&self, view: Option<PublicView>) {
        *self
            .public_view
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = view;
    }

    /// The public view, when there is one in step with the store.
    pub(crate) fn public_view(&self) -> Option<PublicView> {
        self.public_view
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// Brings the public view in step with a write just committed; if that fails, the view is
    /// dropped (queries read the store itself) rather than the write reported as failed: it is
    /// committed. Its state file was removed first, so the next read-write open rebuilds it.
    fn follow(&self, set: &ChangeSet, last_change: u64) {
        if let Some(view) = self.public_view()
            && view.apply(&self.store, set, last_change).is_err()
        {
            self.set_public_view(None);
        }
    }

    /// Replaces the query evaluator (limits on evaluations in flight and result size).
    pub fn with_evaluator(mut self, evaluator: Evaluator) -> Self {
        self.evaluator = evaluator;
        self
    }

    pub fn evaluator(&self) -> &Evaluator {
        &self.evaluator
    }

    /// The number of committed writes since this store was opened: any write changes it, so a
    /// result computed at one generation is the store's answer for as long as it stays.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// The underlying oxigraph store. Private to this crate, so that nothing outside can write
    /// around [`MaillageStore::write`] (and its SHACL validation).
    pub(crate) fn oxigraph(&self) -> &Store {
        &self.store
    }

    pub fn validator(&self) -> &Validator {
        &self.validator
    }

    /// Quads of the dataset: every graph but the history (which is bookkeeping, not data).
    pub fn quad_count(&self) -> Result<usize, StoreError> {
        let history = history::history_graph();
        Ok(self.store.len()? - self.graph_len(&history)?)
    }

    /// Has any change been recorded?
    pub fn has_history(&self) -> Result<bool, StoreError> {
        self.contains_graph(&history::history_graph())
    }

    pub fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.store.is_empty()?)
    }

    /// Named graphs present in the store, sorted.
    pub fn graph_names(&self) -> Result<Vec<String>, StoreError> {
        let mut names = Vec::new();
        for g in self.store.named_graphs() {
            let name = g?.to_string().trim_matches(['<', '>']).to_owned();
            if history::is_history_iri(&name) {
                continue;
            }
            names.push(name);
        }
        names.sort();
        Ok(names)
    }

    /// Does the store have this named graph (even an empty one, e.g. after `CREATE GRAPH`)?
    pub fn contains_graph(&self, graph: &NamedNode) -> Result<bool, StoreError> {
        Ok(self.store.contains_named_graph(graph)?)
    }

    /// Number of quads in one named graph.
    pub fn graph_len(&self, graph: &NamedNode) -> Result<usize, StoreError> {
        let mut n = 0;
        for q in self
            .store
            .quads_for_pattern(None, None, None, Some(graph.as_ref().into()))
        {
            q?;
            n += 1;
        }
        Ok(n)
    }

    pub fn flush(&self) -> Result<(), StoreError> {
        Ok(self.store.flush()?)
    }

    /// Does the store hold the base vocabulary (ontology graph)?
    pub fn is_initialised(&self) -> Result<bool, StoreError> {
        self.contains_graph(&NamedNode::new_unchecked(vocab::graph("ontology")))
    }

    /// Loads embedded files (the base vocabulary, or the whole default data set), replacing the
    /// graphs they belong to, validated and atomic. `progress` is called after each file is parsed.
    /// These are system loads: they may replace the system graphs.
    pub fn load_embedded(
        &self,
        include: impl Fn(&EmbeddedFile) -> bool,
        mut progress: impl FnMut(&EmbeddedFile, usize),
    ) -> Result<LoadReport, StoreError> {
        let started = Instant::now();
        let mut quads = Vec::new();
        let mut report = LoadReport::default();
        for file in embedded::EMBEDDED_FILES.iter().filter(|f| include(f)) {
            let format = format_of_name(file.path)?;
            let graph = NamedNode::new_unchecked(file.graph_iri());
            let parsed = parse(file.content, format, file.path, Some(&graph))?;
            progress(file, parsed.len());
            add_to_report(&mut report, file.graph_iri(), parsed.len());
            quads.extend(parsed);
        }
        let graphs: Vec<NamedNode> = report
            .graphs
            .iter()
            .map(|(g, _)| NamedNode::new_unchecked(g.clone()))
            .collect();
        report.write = Some(self.write(&WriteContext::cli_load().system(), |tx| {
            for g in &graphs {
                tx.clear_graph(g.as_ref().into())?;
            }
            for q in &quads {
                tx.insert(q.as_ref())?;
            }
            Ok(())
        })?);
        report.elapsed = started.elapsed();
        Ok(report)
    }

    /// Gives a new store its vocabulary (ontology, shapes, taxonomies, territory) if missing.
    pub fn ensure_initialised(&self) -> Result<Option<LoadReport>, StoreError> {
        if self.is_initialised()? {
            return Ok(None);
        }
        self.load_embedded(EmbeddedFile::is_base, |_, _| {})
            .map(Some)
    }

    /// Adds quads (already parsed) to the store, validated and atomic. With `replace`, the named
    /// graphs the quads belong to are emptied first.
    pub fn insert_quads(
        &self,
        context: &WriteContext,
        quads: &[Quad],
        replace: bool,
    ) -> Result<WriteReport, StoreError> {
        let graphs: HashSet<GraphName> = quads.iter().map(|q| q.graph_name.clone()).collect();
        self.write(context, |tx| {
            if replace {
                for g in &graphs {
                    tx.clear_graph(g.as_ref())?;
                }
            }
            for q in quads {
                tx.insert(q.as_ref())?;
            }
            Ok(())
        })
    }

    /// Loads RDF files; triples go to `graph` (or, when absent, to
    /// `https://w3id.org/maillage/graph/file/{file-name-slug}`); quads of N-Quads/TriG files keep
    /// their graph unless `graph` is given. All files are one transaction.
    pub fn load_files(
        &self,
        context: &WriteContext,
        files: &[impl AsRef<Path>],
        graph: Option<&NamedNode>,
        replace: bool,
    ) -> Result<LoadReport, StoreError> {
        let started = Instant::now();
        let mut report = LoadReport::default();
        let mut quads = Vec::new();
        for path in files {
            let path = path.as_ref();
            let name = path.display().to_string();
            let format = format_of_name(&name)?;
            let bytes = std::fs::read(path).map_err(|source| StoreError::Io {
                path: path.to_path_buf(),
                source,
            })?;
            let target = match graph {
                Some(g) => g.clone(),
                None => NamedNode::new_unchecked(vocab::graph(&format!(
                    "file/{}",
                    vocab::slugify(
                        &path
                            .file_name()
                            .map(|n| n.to_string_lossy())
                            .unwrap_or_default()
                    )
                ))),
            };
            let mut parsed = parse(bytes.as_slice(), format, &name, Some(&target))?;
            if graph.is_some() && format.supports_datasets() {
                for q in &mut parsed {
                    q.graph_name = target.clone().into();
                }
            }
            let mut per_graph: Vec<(String, usize)> = Vec::new();
            for q in &parsed {
                let g = graph_label(q.graph_name.as_ref());
                match per_graph.iter_mut().find(|(name, _)| *name == g) {
                    Some((_, n)) => *n += 1,
                    None => per_graph.push((g, 1)),
                }
            }
            for (g, n) in per_graph {
                add_to_report(&mut report, g, n);
            }
            quads.extend(parsed);
        }
        report.write = Some(self.insert_quads(context, &quads, replace)?);
        report.elapsed = started.elapsed();
        Ok(report)
    }

    /// Removes a named graph (or empties the default graph), validated and atomic.
    pub fn drop_graph(
        &self,
        context: &WriteContext,
        graph: GraphNameRef<'_>,
    ) -> Result<WriteReport, StoreError> {
        self.write(context, |tx| {
            match graph {
                GraphNameRef::DefaultGraph => tx.clear_graph(graph)?,
                GraphNameRef::NamedNode(n) => tx.remove_named_graph(n.into())?,
                GraphNameRef::BlankNode(b) => tx.remove_named_graph(b.into())?,
            };
            Ok(())
        })
    }

    /// Runs a SPARQL 1.1 update, validated and atomic, with a time budget.
    pub fn update(
        &self,
        context: &WriteContext,
        update: &str,
        base_iri: Option<&str>,
        timeout: Duration,
    ) -> Result<WriteReport, StoreError> {
        self.update_request(
            context,
            &UpdateRequest {
                update: update.to_owned(),
                base_iri: base_iri.map(str::to_owned),
                ..UpdateRequest::default()
            },
            timeout,
        )
    }

    /// Runs a SPARQL 1.1 update with the protocol's `using-graph-uri`/`using-named-graph-uri`
    /// dataset, validated and atomic, with a time budget.
    pub fn update_request(
        &self,
        context: &WriteContext,
        request: &UpdateRequest,
        timeout: Duration,
    ) -> Result<WriteReport, StoreError> {
        crate::query::check_text(&request.update)?;
        // The parser and the evaluator recurse: both run on a thread with a known large stack.
        std::thread::scope(|scope| {
            std::thread::Builder::new()
                .name("sparql-update".into())
                .stack_size(crate::query::EVALUATION_STACK)
                .spawn_scoped(scope, || self.parse_and_apply(context, request, timeout))
                .map_err(|e| StoreError::from(crate::error::EvaluationError::Thread(e)))?
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })
    }

    fn parse_and_apply(
        &self,
        context: &WriteContext,
        request: &UpdateRequest,
        timeout: Duration,
    ) -> Result<WriteReport, StoreError> {
        let mut parser = spargebra::SparqlParser::new();
        if let Some(base) = &request.base_iri {
            parser =
                parser
                    .with_base_iri(base.as_str())
                    .map_err(|source| StoreError::InvalidIri {
                        iri: base.clone(),
                        source,
                    })?;
        }
        let update = parser
            .parse_update(&request.update)
            .map_err(StoreError::QuerySyntax)?;
        let using = if request.using_graphs.is_empty() && request.using_named_graphs.is_empty() {
            None
        } else {
            Some(QueryDataset {
                default: request
                    .using_graphs
                    .iter()
                    .map(|g| iri(g))
                    .collect::<Result<Vec<_>, _>>()?,
                named: Some(
                    request
                        .using_named_graphs
                        .iter()
                        .map(|g| iri(g))
                        .collect::<Result<Vec<_>, _>>()?,
                ),
            })
        };
        let token = CancellationToken::new();
        let _watchdog = crate::query::Watchdog::start(token.clone(), timeout);
        self.write(context, |changes| {
            crate::update::apply(changes, &update, using.as_ref(), &token).map_err(|e| {
                if token.is_cancelled()
                    && matches!(e, StoreError::Cancelled | StoreError::Evaluation(_))
                {
                    StoreError::Timeout(timeout.as_secs_f64())
                } else {
                    e
                }
            })
        })
    }

    /// The validated write primitive: applies `change` in a transaction that records what it
    /// really adds and removes; refuses a change to a system graph unless the context allows
    /// it; validates what the change can affect against the shapes; records the change in the
    /// history; and commits all of it at once, or nothing. Writes are serialised.
    pub fn write(
        &self,
        context: &WriteContext,
        change: impl FnOnce(&mut Changes<'_, '_>) -> Result<(), StoreError>,
    ) -> Result<WriteReport, StoreError> {
        let mut writer = self.writer()?;
        let quads_before = match writer.quads {
            Some(n) => n,
            None => {
                let n = self.quad_count()?;
                writer.quads = Some(n);
                n
            }
        };
        let last = match writer.last_change {
            Some(n) => n,
            None => history::last_id(&self.store)?,
        };
        let mut tx = self.store.start_transaction()?;
        let set = {
            let mut changes = Changes::new(&mut tx);
            change(&mut changes)?;
            changes.change_set()
        };
        check_protected(context, &set)?;
        if set.is_empty() {
            // Perhaps an empty graph was created: nothing to validate or record.
            tx.commit()?;
            self.follow(&set, last);
            self.generation.fetch_add(1, Ordering::SeqCst);
            writer.last_change = Some(last);
            return Ok(WriteReport {
                quads_before,
                quads_after: quads_before,
                change: None,
            });
        }
        let violations = self.validator.validate_change(&tx, &set)?;
        if !violations.is_empty() {
            return Err(StoreError::ShapeViolations(violations));
        }
        let id = last + 1;
        let summary = history::record(&mut tx, id, context, &set)?;
        tx.commit()?;
        self.follow(&set, id);
        self.generation.fetch_add(1, Ordering::SeqCst);
        let quads_after = (quads_before + set.added.len()).saturating_sub(set.removed.len());
        writer.last_change = Some(id);
        writer.quads = Some(quads_after);
        Ok(WriteReport {
            quads_before,
            quads_after,
            change: Some(summary),
        })
    }

    fn writer(&self) -> Result<MutexGuard<'_, Writer>, StoreError> {
        // A panic during a write leaves nothing half-written (the transaction is dropped), so a
        // poisoned lock only means the cached counters may be stale: forget them.
        Ok(self.writer.lock().unwrap_or_else(|poisoned| {
            let mut guard = poisoned.into_inner();
            *guard = Writer::default();
            guard
        }))
    }

    /// The number of the last committed change (0 when none is recorded).
    pub fn last_change(&self) -> Result<u64, StoreError> {
        if let Some(n) = self.writer()?.last_change {
            return Ok(n);
        }
        history::last_id(&self.store)
    }

    /// The recorded changes, newest first.
    pub fn history(&self, limit: usize) -> Result<Vec<ChangeSummary>, StoreError> {
        history::list(&self.store, limit)
    }

    /// One recorded change with its quads.
    pub fn change(&self, id: u64) -> Result<Option<ChangeRecord>, StoreError> {
        history::read(&self.store, id, true)
    }

    /// Applies the inverse of change `id` as a new, validated change. Refused (and nothing is
    /// written) when the store no longer holds what that change left: the later changes that
    /// touched those quads are named.
    /// The last change that added or removed a triple about `subject` ("last changed by … on
    /// …"), if the history has one.
    pub fn last_change_of(&self, subject: &str) -> Result<Option<ChangeSummary>, StoreError> {
        let Ok(subject) = NamedNode::new(subject) else {
            return Ok(None);
        };
        history::last_change_of(&self.store, &subject)
    }

    /// Reverts change `id` for `actor`, who (unless `anyones`: an admin) may revert only a
    /// change they made themselves ([`StoreError::NotYourChange`] otherwise, nothing written).
    pub fn revert_as(
        &self,
        id: u64,
        actor: crate::change::Actor,
        anyones: bool,
    ) -> Result<WriteReport, StoreError> {
        if !anyones {
            let record = self.change(id)?.ok_or(StoreError::NoSuchChange(id))?;
            if record.summary.actor != actor.0 {
                return Err(StoreError::NotYourChange {
                    change: id,
                    actor: record.summary.actor,
                });
            }
        }
        self.revert(id, actor)
    }

    pub fn revert(&self, id: u64, actor: crate::change::Actor) -> Result<WriteReport, StoreError> {
        let record = self.change(id)?.ok_or(StoreError::NoSuchChange(id))?;
        let inverse = record.change.inverse();
        let context = WriteContext {
            actor,
            origin: Origin::Revert,
            // Reverting a system load is itself a system write; anything else stays protected.
            system: record.summary.origin == Origin::Load.as_str()
                && touches_system(&record.change),
            reverts: Some(id),
        };
        self.write(&context, |changes| {
            let mut differing: HashSet<Quad> = HashSet::new();
            for q in &record.change.added {
                if !changes.contains(q.as_ref())? {
                    differing.insert(q.clone());
                }
            }
            for q in &record.change.removed {
                if changes.contains(q.as_ref())? {
                    differing.insert(q.clone());
                }
            }
            if !differing.is_empty() {
                let later = history::later_changes_touching(&self.store, id, &differing)?;
                return Err(StoreError::RevertConflict {
                    change: id,
                    later,
                    quads: differing.len(),
                });
            }
            apply_change_set(changes, &inverse)
        })
    }

    /// Validates the whole store against the shapes (the history graph aside).
    pub fn validate_all(&self) -> Result<Vec<crate::Violation>, StoreError> {
        self.validator.validate_quads(self.store.iter())
    }

    /// Writes the dataset (N-Quads, TriG) or one graph (any format), without the history. Turtle, N-Triples, RDF/XML
    /// and JSON-LD without a graph write the merge of all graphs (graph names are lost).
    pub fn dump(
        &self,
        format: GraphFormat,
        graph: Option<&NamedNode>,
        writer: impl Write,
    ) -> Result<(), StoreError> {
        let ser_err = StoreError::Serialization;
        match graph {
            Some(g) if !format.supports_datasets() => {
                self.dump_graph(format, g.as_ref().into(), writer)
            }
            Some(g) => serialize(format, writer, |out| {
                for q in self
                    .store
                    .quads_for_pattern(None, None, None, Some(g.as_ref().into()))
                {
                    out.serialize_quad(&q?).map_err(ser_err)?;
                }
                Ok(())
            }),
            None if format.supports_datasets() => serialize(format, writer, |out| {
                for q in self.store.iter() {
                    let q = q?;
                    if !history::is_history(q.graph_name.as_ref()) {
                        out.serialize_quad(&q).map_err(ser_err)?;
                    }
                }
                Ok(())
            }),
            None => serialize(format, writer, |out| {
                let mut seen = HashSet::new();
                for q in self.store.iter() {
                    let q = q?;
                    if history::is_history(q.graph_name.as_ref()) {
                        continue;
                    }
                    let t = Triple::new(q.subject, q.predicate, q.object);
                    if seen.insert(t.clone()) {
                        out.serialize_triple(t.as_ref()).map_err(ser_err)?;
                    }
                }
                Ok(())
            }),
        }
    }

    /// Writes one graph as triples: a named graph, or the store's own default graph.
    pub fn dump_graph(
        &self,
        format: GraphFormat,
        graph: GraphNameRef<'_>,
        writer: impl Write,
    ) -> Result<(), StoreError> {
        serialize(format, writer, |out| {
            for q in self.store.quads_for_pattern(None, None, None, Some(graph)) {
                let q = q?;
                out.serialize_triple(Triple::new(q.subject, q.predicate, q.object).as_ref())
                    .map_err(StoreError::Serialization)?;
            }
            Ok(())
        })
    }

    /// All quads with this subject, in any graph (linked-data pages, neighbours).
    pub fn describe(&self, subject: &NamedNode) -> Result<Vec<Quad>, StoreError> {
        let mut out = Vec::new();
        for q in self
            .store
            .quads_for_pattern(Some(subject.as_ref().into()), None, None, None)
        {
            out.push(q?);
        }
        Ok(out)
    }

    /// Quads whose object is this IRI (incoming links).
    pub fn incoming(&self, object: &NamedNode) -> Result<Vec<Quad>, StoreError> {
        let mut out = Vec::new();
        for q in self
            .store
            .quads_for_pattern(None, None, Some(object.as_ref().into()), None)
        {
            out.push(q?);
        }
        Ok(out)
    }

    /// Does the dataset contain this quad?
    pub fn contains(&self, quad: QuadRef<'_>) -> Result<bool, StoreError> {
        Ok(self.store.contains(quad)?)
    }
}

/// Serialises in `format` to `writer` what `fill` writes, then ends the document.
fn serialize<W: Write>(
    format: GraphFormat,
    writer: W,
    fill: impl FnOnce(&mut WriterQuadSerializer<W>) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    let mut serializer = format.serializer()?.for_writer(writer);
    fill(&mut serializer)?;
    serializer.finish().map_err(StoreError::Serialization)?;
    Ok(())
}

fn apply_change_set(changes: &mut Changes<'_, '_>, set: &ChangeSet) -> Result<(), StoreError> {
    for q in &set.removed {
        changes.remove(q.as_ref())?;
    }
    for q in &set.added {
        changes.insert(q.as_ref())?;
    }
    Ok(())
}

fn touches_system(set: &ChangeSet) -> bool {
    let system = system_graphs();
    set.graphs()
        .iter()
        .flatten()
        .any(|g| system.iter().any(|s| s == g))
}

/// Refuses a change to the history graph (always) or to a system graph (unless allowed).
fn check_protected(context: &WriteContext, set: &ChangeSet) -> Result<(), StoreError> {
    let history = history::history_graph();
    let system = system_graphs();
    for g in set.graphs().into_iter().flatten() {
        if g == history.as_str() || (!context.system && system.contains(&g)) {
            return Err(StoreError::ProtectedGraph { graph: g });
        }
    }
    Ok(())
}

fn iri(iri: &str) -> Result<NamedNode, StoreError> {
    NamedNode::new(iri).map_err(|source| StoreError::InvalidIri {
        iri: iri.to_owned(),
        source,
    })
}

fn add_to_report(report: &mut LoadReport, graph: String, n: usize) {
    match report.graphs.iter_mut().find(|(g, _)| *g == graph) {
        Some((_, count)) => *count += n,
        None => report.graphs.push((graph, n)),
    }
}

fn graph_label(graph: GraphNameRef<'_>) -> String {
    match graph {
        GraphNameRef::NamedNode(n) => n.as_str().to_owned(),
        GraphNameRef::BlankNode(b) => b.to_string(),
        GraphNameRef::DefaultGraph => "(default graph)".to_owned(),
    }
}

/// The format of a file from its extension.
pub fn format_of_name(name: &str) -> Result<GraphFormat, StoreError> {
    Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .and_then(GraphFormat::from_extension)
        .ok_or_else(|| StoreError::UnknownFormat {
            name: name.to_owned(),
        })
}

/// Parses an RDF document completely (nothing is written on error). Triples go to `graph`
/// (the default graph when `None`); blank nodes are renamed so separate documents never share
/// one by accident.
pub fn parse(
    data: impl Read,
    format: GraphFormat,
    source_name: &str,
    graph: Option<&NamedNode>,
) -> Result<Vec<Quad>, StoreError> {
    parse_with_base(data, format, source_name, graph, None)
}

/// [`parse`], with relative IRIs of the document resolved against `base` (the Graph Store
/// Protocol's target graph IRI, as `oxigraph serve` does).
pub fn parse_with_base(
    data: impl Read,
    format: GraphFormat,
    source_name: &str,
    graph: Option<&NamedNode>,
    base: Option<&str>,
) -> Result<Vec<Quad>, StoreError> {
    let mut parser = RdfParser::from_format(format.rdf_format()).rename_blank_nodes();
    if let Some(base) = base {
        parser = parser
            .with_base_iri(base)
            .map_err(|source| StoreError::InvalidIri {
                iri: base.to_owned(),
                source,
            })?;
    }
    if let Some(g) = graph {
        parser = parser.with_default_graph(g.clone());
    }
    parser
        .for_reader(data)
        .map(|r| r.map_err(|e| parse_error(e, source_name)))
        .collect()
}

fn parse_error(error: RdfParseError, source_name: &str) -> StoreError {
    match error {
        RdfParseError::Io(e) => StoreError::Io {
            path: source_name.into(),
            source: e,
        },
        RdfParseError::Syntax(e) => {
            let start = e.location().map(|l| l.start);
            SyntaxError {
                source_name: source_name.to_owned(),
                line: start.map(|p| p.line + 1),
                column: start.map(|p| p.column + 1),
                source: e,
            }
            .into()
        }
    }
}

/// Converts an RDF document from one format to another (graph formats keep only triples).
pub fn convert(data: &[u8], from: GraphFormat, to: GraphFormat) -> Result<Vec<u8>, StoreError> {
    let quads = parse(data, from, "<document>", None)?;
    let ser_err = StoreError::Serialization;
    let serializer = to.serializer()?;
    let mut writer = serializer.for_writer(Vec::new());
    for q in quads {
        if to.supports_datasets() {
            writer.serialize_quad(&q).map_err(ser_err)?;
        } else {
            writer
                .serialize_triple(Triple::new(q.subject, q.predicate, q.object).as_ref())
                .map_err(ser_err)?;
        }
    }
    writer.finish().map_err(ser_err)
}

#[cfg(test)]
pub(crate) mod tests;
#[cfg(test)]
mod write_tests;
