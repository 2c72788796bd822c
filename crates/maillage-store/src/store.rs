//! Opening the store, parsing RDF files with precise errors, validated atomic writes, dumps.

use std::collections::HashSet;
use std::io::{Read, Write};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use maillage_model::vocab;
use oxigraph::io::{RdfParseError, RdfParser};
use oxigraph::model::{
    GraphName, GraphNameRef, NamedNode, NamedOrBlankNode, Quad, QuadRef, Triple,
};
use oxigraph::sparql::{
    CancellationToken, QueryEvaluationError, SparqlEvaluator, UpdateEvaluationError,
};
use oxigraph::store::{Store, Transaction};

use crate::embedded::{self, EmbeddedFile};
use crate::error::{EvaluationError, StoreError, SyntaxError};
use crate::formats::GraphFormat;
use crate::query::Evaluator;
use crate::validation::Validator;

/// What a committed write did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WriteReport {
    pub quads_before: usize,
    pub quads_after: usize,
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
        Self::from_store(Store::open(dir)?)
    }

    /// Opens an existing store for reading only: several processes may read at once, and a
    /// reader may run beside the server that writes (RocksDB secondary-free read-only mode).
    pub fn open_read_only(dir: impl AsRef<Path>) -> Result<Self, StoreError> {
        Self::from_store(Store::open_read_only(dir.as_ref())?)
    }

    /// A store in memory (tests, one-shot validation).
    pub fn in_memory() -> Result<Self, StoreError> {
        Self::from_store(Store::new()?)
    }

    fn from_store(store: Store) -> Result<Self, StoreError> {
        Ok(MaillageStore {
            store,
            validator: Arc::new(Validator::embedded()?),
            evaluator: Evaluator::default(),
        })
    }

    /// Replaces the query evaluator (limits on evaluations in flight and result size).
    pub fn with_evaluator(mut self, evaluator: Evaluator) -> Self {
        self.evaluator = evaluator;
        self
    }

    pub fn evaluator(&self) -> &Evaluator {
        &self.evaluator
    }

    /// The underlying oxigraph store. Private to this crate, so that nothing outside can write
    /// around [`MaillageStore::write`] (and its SHACL validation).
    pub(crate) fn oxigraph(&self) -> &Store {
        &self.store
    }

    pub fn validator(&self) -> &Validator {
        &self.validator
    }

    pub fn quad_count(&self) -> Result<usize, StoreError> {
        Ok(self.store.len()?)
    }

    pub fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.store.is_empty()?)
    }

    /// Named graphs present in the store, sorted.
    pub fn graph_names(&self) -> Result<Vec<String>, StoreError> {
        let mut names = Vec::new();
        for g in self.store.named_graphs() {
            names.push(g?.to_string().trim_matches(['<', '>']).to_owned());
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
        report.write = Some(self.write(|tx| {
            for g in &graphs {
                tx.clear_graph(g.as_ref())?;
            }
            for q in &quads {
                tx.insert(q.as_ref());
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
    pub fn insert_quads(&self, quads: &[Quad], replace: bool) -> Result<WriteReport, StoreError> {
        let graphs: HashSet<GraphName> = quads.iter().map(|q| q.graph_name.clone()).collect();
        self.write(|tx| {
            if replace {
                for g in &graphs {
                    tx.clear_graph(g.as_ref())?;
                }
            }
            for q in quads {
                tx.insert(q.as_ref());
            }
            Ok(())
        })
    }

    /// Loads RDF files; triples go to `graph` (or, when absent, to
    /// `https://w3id.org/maillage/graph/file/{file-name-slug}`); quads of N-Quads/TriG files keep
    /// their graph unless `graph` is given. All files are one transaction.
    pub fn load_files(
        &self,
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
        report.write = Some(self.insert_quads(&quads, replace)?);
        report.elapsed = started.elapsed();
        Ok(report)
    }

    /// Removes a named graph (or empties the default graph), validated and atomic.
    pub fn drop_graph(&self, graph: GraphNameRef<'_>) -> Result<WriteReport, StoreError> {
        self.write(|tx| {
            match graph {
                GraphNameRef::DefaultGraph => tx.clear_graph(graph)?,
                GraphNameRef::NamedNode(n) => tx.remove_named_graph(n)?,
                GraphNameRef::BlankNode(b) => tx.remove_named_graph(b)?,
            };
            Ok(())
        })
    }

    /// Runs a SPARQL 1.1 update, validated and atomic, with a time budget.
    pub fn update(
        &self,
        update: &str,
        base_iri: Option<&str>,
        timeout: Duration,
    ) -> Result<WriteReport, StoreError> {
        self.update_request(
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
        request: &UpdateRequest,
        timeout: Duration,
    ) -> Result<WriteReport, StoreError> {
        let evaluator =
            crate::query::with_base_iri(SparqlEvaluator::new(), request.base_iri.as_deref())?;
        let token = CancellationToken::new();
        let mut prepared = evaluator
            .with_cancellation_token(token.clone())
            .parse_update(&request.update)
            .map_err(StoreError::QuerySyntax)?;
        if !request.using_graphs.is_empty() || !request.using_named_graphs.is_empty() {
            let default = request
                .using_graphs
                .iter()
                .map(|g| iri(g).map(GraphName::from))
                .collect::<Result<Vec<_>, _>>()?;
            let named = request
                .using_named_graphs
                .iter()
                .map(|g| iri(g).map(NamedOrBlankNode::from))
                .collect::<Result<Vec<_>, _>>()?;
            // Like USING and USING NAMED: the WHERE clause of every DELETE/INSERT sees exactly
            // these graphs. The protocol forbids combining them with USING or WITH.
            for dataset in prepared.using_datasets_mut() {
                if !dataset.is_default_dataset() {
                    return Err(StoreError::DatasetConflict(
                        "the update has USING, USING NAMED or WITH and the request gives \
                         using-graph-uri or using-named-graph-uri; give the dataset once"
                            .into(),
                    ));
                }
                dataset.set_default_graph(default.clone());
                dataset.set_available_named_graphs(named.clone());
            }
        }
        let _watchdog = crate::query::Watchdog::start(token.clone(), timeout);
        self.write(|tx| {
            prepared.on_transaction(tx).execute().map_err(|e| match e {
                UpdateEvaluationError::Storage(s) => StoreError::Storage(s),
                other if is_cancellation(&other) || token.is_cancelled() => {
                    StoreError::Timeout(timeout.as_secs_f64())
                }
                other => EvaluationError::Update(other).into(),
            })
        })
    }

    /// The validated write primitive: applies `change` in a transaction, validates the dataset
    /// the transaction would produce against the shapes, and commits only if it conforms.
    /// Dropping the transaction on any error leaves the store exactly as it was.
    pub fn write(
        &self,
        change: impl FnOnce(&mut Transaction<'_>) -> Result<(), StoreError>,
    ) -> Result<WriteReport, StoreError> {
        let quads_before = self.store.len()?;
        let mut tx = self.store.start_transaction()?;
        change(&mut tx)?;
        let mut triples: Vec<Triple> = Vec::new();
        for q in tx.iter() {
            let q = q?;
            triples.push(Triple::new(q.subject, q.predicate, q.object));
        }
        let violations = self
            .validator
            .validate(triples.iter().map(|t| t.as_ref()))?;
        if !violations.is_empty() {
            return Err(StoreError::ShapeViolations(violations));
        }
        let quads_after = tx.len()?;
        tx.commit()?;
        Ok(WriteReport {
            quads_before,
            quads_after,
        })
    }

    /// Writes the dataset (N-Quads, TriG) or one graph (any format). Turtle, N-Triples, RDF/XML
    /// and JSON-LD without a graph write the merge of all graphs (graph names are lost).
    pub fn dump(
        &self,
        format: GraphFormat,
        graph: Option<&NamedNode>,
        writer: impl Write,
    ) -> Result<(), StoreError> {
        let ser_err = StoreError::Serialization;
        let serializer = format.serializer()?;
        let mut serializer = serializer.for_writer(writer);
        match (graph, format.supports_datasets()) {
            (Some(g), _) => {
                for q in self
                    .store
                    .quads_for_pattern(None, None, None, Some(g.as_ref().into()))
                {
                    let q = q?;
                    if format.supports_datasets() {
                        serializer.serialize_quad(&q).map_err(ser_err)?;
                    } else {
                        serializer
                            .serialize_triple(
                                Triple::new(q.subject, q.predicate, q.object).as_ref(),
                            )
                            .map_err(ser_err)?;
                    }
                }
            }
            (None, true) => {
                for q in self.store.iter() {
                    serializer.serialize_quad(&q?).map_err(ser_err)?;
                }
            }
            (None, false) => {
                let mut seen = HashSet::new();
                for q in self.store.iter() {
                    let q = q?;
                    let t = Triple::new(q.subject, q.predicate, q.object);
                    if seen.insert(t.clone()) {
                        serializer.serialize_triple(t.as_ref()).map_err(ser_err)?;
                    }
                }
            }
        }
        serializer.finish().map_err(ser_err)?;
        Ok(())
    }

    /// Writes one graph as triples: a named graph, or the store's own default graph (`None`).
    pub fn dump_graph(
        &self,
        format: GraphFormat,
        graph: Option<&NamedNode>,
        writer: impl Write,
    ) -> Result<(), StoreError> {
        let ser_err = StoreError::Serialization;
        let serializer = format.serializer()?;
        let mut serializer = serializer.for_writer(writer);
        let graph_name = match graph {
            Some(g) => GraphNameRef::NamedNode(g.as_ref()),
            None => GraphNameRef::DefaultGraph,
        };
        for q in self
            .store
            .quads_for_pattern(None, None, None, Some(graph_name))
        {
            let q = q?;
            serializer
                .serialize_triple(Triple::new(q.subject, q.predicate, q.object).as_ref())
                .map_err(ser_err)?;
        }
        serializer.finish().map_err(ser_err)?;
        Ok(())
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

fn iri(iri: &str) -> Result<NamedNode, StoreError> {
    NamedNode::new(iri).map_err(|source| StoreError::InvalidIri {
        iri: iri.to_owned(),
        source,
    })
}

/// Did the update stop because its cancellation token fired (the time budget ran out)? oxigraph
/// wraps the evaluator's `Cancelled` into `UpdateEvaluationError::Unexpected`, whose `source()`
/// skips it (it is `transparent`), so look at the wrapped error itself.
fn is_cancellation(error: &UpdateEvaluationError) -> bool {
    match error {
        UpdateEvaluationError::Unexpected(inner) => matches!(
            inner.downcast_ref::<QueryEvaluationError>(),
            Some(QueryEvaluationError::Cancelled)
        ),
        _ => false,
    }
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
    let mut parser = RdfParser::from_format(format.rdf_format()).rename_blank_nodes();
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
mod tests;
