//! Search by words: an in-memory tantivy index of the organisations, rebuilt with every
//! snapshot.
//!
//! Each organisation is one document. What it is indexed by, field by field: its names
//! (`rdfs:label`), alternative names (`skos:altLabel`), description (`rdfs:comment`), and the
//! preferred and alternative labels (`skos:prefLabel`, `skos:altLabel`) of its expertise, needs,
//! research areas, training, sectors (SCIAN) and municipality; plus, with a lower weight, the
//! labels of the broader concepts of its expertise, research areas and training (so "vision"
//! finds an organisation offering object detection through « Vision numérique »), except the
//! taxonomy's roots: every AI organisation sits under « Intelligence artificielle », so "IA"
//! would otherwise find them all.
//!
//! Words, not substrings: text is cut into words, lowercased, folded to ASCII (accents
//! ignored), then stemmed — French labels with the French Snowball stemmer, English ones with
//! the English stemmer, texts of unknown language (alternative labels) with both. A query's
//! words must all match (in any field); its last word of at least [`PREFIX_MIN_CHARS`]
//! characters also matches the words it begins, as a person types. Ranking is BM25 with
//! per-field weights.
//!
//! [`SearchIndex::search`] says why each organisation matched: the field, the value (a concept,
//! sector or municipality) and the positions of the matching words, found by the same analyzers
//! as the index, so the explanation and the match cannot disagree.

use std::collections::BTreeSet;
use std::fmt;
use std::ops::Range;

use maillage_model::{Ecosystem, Label, Lang, Organization};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    Field as TantivyField, INDEXED, IndexRecordOption, STORED, Schema, TextFieldIndexing,
    TextOptions, Value,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    StopWordFilter, TextAnalyzer, TokenStream,
};
use tantivy::{Index, IndexReader, TantivyDocument, TantivyError, Term};

/// The last word of a query matches the words it begins when it has at least this many
/// characters ("appren" finds « Apprentissage automatique »; "ia" only the word IA).
pub const PREFIX_MIN_CHARS: usize = 3;

/// Words of a query beyond this many are ignored.
const MAX_WORDS: usize = 16;

/// Words longer than this (in bytes) are not indexed (tantivy's default limit).
const MAX_WORD_BYTES: usize = 40;

/// Expansions of the last word's prefix kept per field.
const MAX_PREFIX_TERMS: usize = 64;

/// A prefix expansion weighs this much of an exact word.
const PREFIX_WEIGHT: f32 = 0.6;

/// Where words of the query were found.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, utoipa::ToSchema,
)]
#[serde(rename_all = "kebab-case")]
#[schema(as = MatchedField)]
pub enum Field {
    /// `rdfs:label`.
    Name,
    /// `skos:altLabel` of the organisation.
    AlternativeName,
    /// `rdfs:comment`.
    Description,
    /// A label (`skos:prefLabel`, `skos:altLabel`) of an expertise it offers.
    Expertise,
    /// A label of a need it states.
    Need,
    /// A label of one of its research areas.
    ResearchArea,
    /// A label of a field it trains in.
    Training,
    /// The title of one of its sectors (SCIAN).
    Sector,
    /// The name of its municipality.
    Municipality,
}

impl Field {
    /// Every field, in the order explanations list them.
    pub const ALL: [Field; 9] = [
        Field::Name,
        Field::AlternativeName,
        Field::Expertise,
        Field::Need,
        Field::ResearchArea,
        Field::Training,
        Field::Sector,
        Field::Municipality,
        Field::Description,
    ];
}

/// The indexed fields: the organisation's own [`Field`]s, and the broader concepts of its
/// expertise, research areas and training.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Slot {
    Own(Field),
    Broader,
}

impl Slot {
    const ALL: [Slot; 10] = [
        Slot::Own(Field::Name),
        Slot::Own(Field::AlternativeName),
        Slot::Own(Field::Expertise),
        Slot::Own(Field::Need),
        Slot::Own(Field::ResearchArea),
        Slot::Own(Field::Training),
        Slot::Own(Field::Sector),
        Slot::Own(Field::Municipality),
        Slot::Own(Field::Description),
        Slot::Broader,
    ];

    fn index(self) -> usize {
        Slot::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    fn name(self) -> &'static str {
        match self {
            Slot::Own(Field::Name) => "name",
            Slot::Own(Field::AlternativeName) => "alt_name",
            Slot::Own(Field::Description) => "description",
            Slot::Own(Field::Expertise) => "expertise",
            Slot::Own(Field::Need) => "need",
            Slot::Own(Field::ResearchArea) => "research",
            Slot::Own(Field::Training) => "training",
            Slot::Own(Field::Sector) => "sector",
            Slot::Own(Field::Municipality) => "municipality",
            Slot::Broader => "broader",
        }
    }

    /// BM25 boost of a match in this field.
    fn weight(self) -> f32 {
        match self {
            Slot::Own(Field::Name) => 4.0,
            Slot::Own(Field::AlternativeName) => 3.0,
            Slot::Own(Field::Expertise) => 2.0,
            Slot::Own(Field::Need | Field::ResearchArea | Field::Training) => 1.5,
            Slot::Own(Field::Sector | Field::Municipality) => 1.2,
            Slot::Own(Field::Description) => 1.0,
            Slot::Broader => 0.5,
        }
    }
}

/// The two analyzers' languages, in the order of the index's fields.
const LANGS: [Lang; 2] = [Lang::Fr, Lang::En];

fn lang_index(lang: Lang) -> usize {
    match lang {
        Lang::Fr => 0,
        Lang::En => 1,
    }
}

/// One text an organisation is indexed by.
#[derive(Clone, Debug)]
struct Text<'a> {
    slot: Slot,
    /// The language of the text (`None`: unknown, analysed in both).
    lang: Option<Lang>,
    text: &'a str,
    /// The concept, sector or municipality the text labels.
    value: Option<&'a str>,
    /// For a broader concept's label: the organisation's own concept below it, and the field
    /// that holds that concept.
    below: Option<(&'a str, Field)>,
}

/// Every text an organisation is indexed by — the one list both indexing and explaining read.
fn texts<'a>(eco: &'a Ecosystem, o: &'a Organization) -> Vec<Text<'a>> {
    let mut out = Vec::new();
    let labelled = |out: &mut Vec<Text<'a>>,
                    slot: Slot,
                    label: &'a Label,
                    value: Option<&'a str>,
                    below: Option<(&'a str, Field)>| {
        for (lang, text) in [(Lang::Fr, &label.fr), (Lang::En, &label.en)] {
            if let Some(text) = text.as_deref() {
                out.push(Text {
                    slot,
                    lang: Some(lang),
                    text,
                    value,
                    below,
                });
            }
        }
    };
    labelled(&mut out, Slot::Own(Field::Name), &o.label, None, None);
    for alt in &o.alt_labels {
        out.push(Text {
            slot: Slot::Own(Field::AlternativeName),
            lang: None,
            text: alt,
            value: None,
            below: None,
        });
    }
    labelled(
        &mut out,
        Slot::Own(Field::Description),
        &o.description,
        None,
        None,
    );
    let concept =
        |out: &mut Vec<Text<'a>>, slot: Slot, iri: &'a str, below: Option<(&'a str, Field)>| {
            if let Some(c) = eco.concepts.get(iri) {
                labelled(out, slot, &c.label, Some(iri), below);
                for alt in &c.alt_labels {
                    out.push(Text {
                        slot,
                        lang: None,
                        text: alt,
                        value: Some(iri),
                        below,
                    });
                }
            }
        };
    for (field, concepts) in [
        (Field::Expertise, &o.offers),
        (Field::Need, &o.needs),
        (Field::ResearchArea, &o.research_areas),
        (Field::Training, &o.trains_in),
    ] {
        for iri in concepts {
            concept(&mut out, Slot::Own(field), iri, None);
        }
    }
    for (field, concepts) in [
        (Field::Expertise, &o.offers),
        (Field::ResearchArea, &o.research_areas),
        (Field::Training, &o.trains_in),
    ] {
        for iri in concepts {
            for (ancestor, _) in eco.ancestors(iri) {
                let is_root = eco
                    .concepts
                    .get(ancestor)
                    .is_none_or(|a| a.broader.is_empty());
                if !is_root {
                    concept(&mut out, Slot::Broader, ancestor, Some((iri, field)));
                }
            }
        }
    }
    for iri in &o.sectors {
        if let Some(s) = eco.sectors.get(iri) {
            labelled(
                &mut out,
                Slot::Own(Field::Sector),
                &s.label,
                Some(iri),
                None,
            );
        }
    }
    if let Some(iri) = o.municipality.as_deref()
        && let Some(m) = eco.municipalities.get(iri)
    {
        labelled(
            &mut out,
            Slot::Own(Field::Municipality),
            &m.label,
            Some(iri),
            None,
        );
    }
    out
}

/// Why an organisation matched: one of its texts, with the matching words.
#[derive(Clone, Debug, PartialEq)]
pub struct Reason {
    pub field: Field,
    /// The concept, sector or municipality of the field (none for names and descriptions).
    pub value: Option<String>,
    /// When the words are in the label of a broader concept of `value`: that concept.
    pub via: Option<String>,
    /// The text that matched (a label, a name, the description).
    pub text: String,
    /// Byte ranges of the matching words in `text`, sorted, not overlapping.
    pub marks: Vec<Range<usize>>,
}

/// An organisation matching a query.
#[derive(Clone, Debug)]
pub struct Hit {
    pub iri: String,
    /// BM25 relevance (higher is better).
    pub score: f32,
    /// Its names and alternative names alone hold every word of the query.
    pub name_match: bool,
    /// Why it matched, field by field in [`Field::ALL`]'s order.
    pub reasons: Vec<Reason>,
}

/// The index could not be built or searched.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("the search index could not be built")]
    Build(#[source] TantivyError),
    #[error("the search index could not be searched")]
    Search(#[source] TantivyError),
}

/// The search index of one snapshot.
pub struct SearchIndex {
    inner: Result<Inner, TantivyError>,
}

impl fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.inner {
            Ok(inner) => f
                .debug_struct("SearchIndex")
                .field("organisations", &inner.iris.len())
                .finish(),
            Err(e) => f.debug_struct("SearchIndex").field("error", e).finish(),
        }
    }
}

struct Inner {
    reader: IndexReader,
    /// `fields[slot][lang]`.
    fields: Vec<[TantivyField; 2]>,
    ord: TantivyField,
    analyzers: Analyzers,
    /// Organisation IRIs by document ordinal.
    iris: Vec<String>,
}

/// The analyzers of the index (French, English) and of a query's words.
#[derive(Clone)]
struct Analyzers {
    stemmed: [TextAnalyzer; 2],
    /// Words, lowercased and folded, without the French and English stop words.
    words: TextAnalyzer,
    /// Words, lowercased and folded (for a query made of stop words only).
    all_words: TextAnalyzer,
}

impl Analyzers {
    fn new() -> Analyzers {
        let stemmed = |language| {
            TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(RemoveLongFilter::limit(MAX_WORD_BYTES))
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .filter(Stemmer::new(language))
                .build()
        };
        // Stop words are removed before folding: the lists hold accented words (« à »).
        let words = |stop: bool| {
            let mut builder = TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(RemoveLongFilter::limit(MAX_WORD_BYTES))
                .filter(LowerCaser)
                .dynamic();
            if stop {
                for language in [Language::French, Language::English] {
                    if let Some(filter) = StopWordFilter::new(language) {
                        builder = builder.filter_dynamic(filter);
                    }
                }
            }
            builder.filter_dynamic(AsciiFoldingFilter).build()
        };
        Analyzers {
            stemmed: [stemmed(Language::French), stemmed(Language::English)],
            words: words(true),
            all_words: words(false),
        }
    }

    /// The stem of an already folded word in `lang`'s analyzer (`None` for a word too long to
    /// be indexed).
    fn stem(&self, lang: Lang, word: &str) -> Option<String> {
        let mut analyzer = self.stemmed[lang_index(lang)].clone();
        analyse(&mut analyzer, word)
            .into_iter()
            .next()
            .map(|(t, _)| t)
    }
}

/// The tokens of `text`: (term, byte range in `text`).
fn analyse(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, Range<usize>)> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        out.push((token.text.clone(), token.offset_from..token.offset_to));
    }
    out
}

/// A query's words, analysed once per language.
struct Words {
    /// `stems[lang][i]`: the stem of word `i` in each analyzer.
    stems: [Vec<Option<String>>; 2],
    /// The last word, folded, when it also matches as a prefix.
    prefix: Option<String>,
}

impl Words {
    fn new(analyzers: &Analyzers, query: &str) -> Words {
        let mut words: Vec<String> = analyse(&mut analyzers.words.clone(), query)
            .into_iter()
            .map(|(t, _)| t)
            .collect();
        if words.is_empty() {
            words = analyse(&mut analyzers.all_words.clone(), query)
                .into_iter()
                .map(|(t, _)| t)
                .collect();
        }
        words.truncate(MAX_WORDS);
        let prefix = words
            .last()
            .filter(|w| w.chars().count() >= PREFIX_MIN_CHARS)
            .cloned();
        let stems = LANGS.map(|lang| words.iter().map(|w| analyzers.stem(lang, w)).collect());
        Words { stems, prefix }
    }

    fn len(&self) -> usize {
        self.stems[0].len()
    }

    /// The words (by index) a token `term` of a text in `lang` matches.
    fn matched_by(&self, lang: Lang, term: &str) -> impl Iterator<Item = usize> + '_ {
        let last = self.len().saturating_sub(1);
        let stems = &self.stems[lang_index(lang)];
        let prefix = self.prefix.clone();
        let term = term.to_owned();
        (0..self.len()).filter(move |&i| {
            stems[i].as_deref() == Some(term.as_str())
                || (i == last && prefix.as_deref().is_some_and(|p| term.starts_with(p)))
        })
    }
}

impl SearchIndex {
    /// Indexes every organisation of `eco`. Never fails outright: an index that could not be
    /// built answers every search with its error (and the snapshot still serves everything
    /// else).
    pub fn build(eco: &Ecosystem) -> SearchIndex {
        let inner = Inner::build(eco);
        if let Err(e) = &inner {
            tracing::error!(error = %e, "the search index could not be built");
        }
        SearchIndex { inner }
    }

    /// The organisations matching every word of `query`, with the reasons, in no particular
    /// order (the caller filters and sorts). A query without words matches nothing.
    pub fn search(&self, eco: &Ecosystem, query: &str) -> Result<Vec<Hit>, SearchError> {
        let inner = self
            .inner
            .as_ref()
            .map_err(|e| SearchError::Build(e.clone()))?;
        inner.search(eco, query).map_err(SearchError::Search)
    }
}

impl Inner {
    fn build(eco: &Ecosystem) -> Result<Inner, TantivyError> {
        let mut schema = Schema::builder();
        let fields: Vec<[TantivyField; 2]> = Slot::ALL
            .iter()
            .map(|slot| {
                LANGS.map(|lang| {
                    let indexing = TextFieldIndexing::default()
                        .set_tokenizer(lang.code())
                        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
                    schema.add_text_field(
                        &format!("{}_{}", slot.name(), lang.code()),
                        TextOptions::default().set_indexing_options(indexing),
                    )
                })
            })
            .collect();
        let ord = schema.add_u64_field("ord", INDEXED | STORED);
        let index = Index::create_in_ram(schema.build());
        let analyzers = Analyzers::new();
        for lang in LANGS {
            index
                .tokenizers()
                .register(lang.code(), analyzers.stemmed[lang_index(lang)].clone());
        }
        // One thread: one segment, the same document order and scores on every build.
        let mut writer = index.writer_with_num_threads(1, 15_000_000)?;
        let mut iris = Vec::with_capacity(eco.organizations.len());
        for (n, o) in eco.organizations.values().enumerate() {
            let mut doc = TantivyDocument::default();
            doc.add_u64(ord, n as u64);
            for text in texts(eco, o) {
                let slot = text.slot.index();
                for lang in LANGS {
                    if text.lang.is_none_or(|l| l == lang) {
                        doc.add_text(fields[slot][lang_index(lang)], text.text);
                    }
                }
            }
            writer.add_document(doc)?;
            iris.push(o.iri.clone());
        }
        writer.commit()?;
        let reader = index.reader()?;
        reader.reload()?;
        Ok(Inner {
            reader,
            fields,
            ord,
            analyzers,
            iris,
        })
    }

    fn search(&self, eco: &Ecosystem, query: &str) -> Result<Vec<Hit>, TantivyError> {
        let words = Words::new(&self.analyzers, query);
        if words.len() == 0 || self.iris.is_empty() {
            return Ok(Vec::new());
        }
        let searcher = self.reader.searcher();
        let last = words.len() - 1;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for i in 0..words.len() {
            let mut any: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for slot in Slot::ALL {
                for lang in LANGS {
                    let field = self.fields[slot.index()][lang_index(lang)];
                    let stem = words.stems[lang_index(lang)][i].as_deref();
                    let mut terms: Vec<(String, f32)> =
                        stem.map(|s| (s.to_owned(), 1.0)).into_iter().collect();
                    if i == last
                        && let Some(prefix) = &words.prefix
                    {
                        for term in expansions(&searcher, field, prefix)? {
                            if Some(term.as_str()) != stem {
                                terms.push((term, PREFIX_WEIGHT));
                            }
                        }
                    }
                    for (term, weight) in terms {
                        let q = TermQuery::new(
                            Term::from_field_text(field, &term),
                            IndexRecordOption::WithFreqs,
                        );
                        any.push((
                            Occur::Should,
                            Box::new(BoostQuery::new(Box::new(q), slot.weight() * weight)),
                        ));
                    }
                }
            }
            if any.is_empty() {
                return Ok(Vec::new());
            }
            clauses.push((Occur::Must, Box::new(BooleanQuery::new(any))));
        }
        let query = BooleanQuery::new(clauses);
        let top = searcher.search(
            &query,
            &TopDocs::with_limit(self.iris.len()).order_by_score(),
        )?;
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            let Some(iri) = doc
                .get_first(self.ord)
                .and_then(|v| v.as_u64())
                .and_then(|n| self.iris.get(usize::try_from(n).ok()?))
            else {
                continue;
            };
            let Some(o) = eco.organizations.get(iri) else {
                continue;
            };
            let (reasons, name_words) = explain(&self.analyzers, &words, eco, o);
            hits.push(Hit {
                iri: iri.clone(),
                score,
                name_match: name_words.len() == words.len(),
                reasons,
            });
        }
        Ok(hits)
    }
}

/// The indexed terms of `field` that begin with `prefix` (at most [`MAX_PREFIX_TERMS`]).
fn expansions(
    searcher: &tantivy::Searcher,
    field: TantivyField,
    prefix: &str,
) -> Result<BTreeSet<String>, TantivyError> {
    let mut out = BTreeSet::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted
            .terms()
            .range()
            .ge(prefix.as_bytes())
            .into_stream()?;
        while stream.advance() && out.len() < MAX_PREFIX_TERMS {
            let key = stream.key();
            if !key.starts_with(prefix.as_bytes()) {
                break;
            }
            if let Ok(term) = std::str::from_utf8(key) {
                out.insert(term.to_owned());
            }
        }
    }
    Ok(out)
}

/// The reasons an organisation matches `words`, and the words its names hold.
fn explain(
    analyzers: &Analyzers,
    words: &Words,
    eco: &Ecosystem,
    o: &Organization,
) -> (Vec<Reason>, BTreeSet<usize>) {
    let mut reasons: Vec<(Slot, Reason)> = Vec::new();
    let mut name_words = BTreeSet::new();
    for text in texts(eco, o) {
        let mut marks: Vec<Range<usize>> = Vec::new();
        for lang in LANGS {
            if text.lang.is_some_and(|l| l != lang) {
                continue;
            }
            let mut analyzer = analyzers.stemmed[lang_index(lang)].clone();
            for (term, range) in analyse(&mut analyzer, text.text) {
                let mut hit = false;
                for i in words.matched_by(lang, &term) {
                    hit = true;
                    if matches!(text.slot, Slot::Own(Field::Name | Field::AlternativeName)) {
                        name_words.insert(i);
                    }
                }
                if hit {
                    marks.push(range);
                }
            }
        }
        if marks.is_empty() {
            continue;
        }
        marks.sort_by_key(|r| (r.start, r.end));
        marks.dedup();
        let (field, value, via) = match (text.slot, text.below) {
            (Slot::Broader, Some((own, field))) => (field, Some(own), text.value),
            (Slot::Own(field), _) => (field, text.value, None),
            (Slot::Broader, None) => continue,
        };
        let reason = Reason {
            field,
            value: value.map(str::to_owned),
            via: via.map(str::to_owned),
            text: text.text.to_owned(),
            marks,
        };
        if !reasons.iter().any(|(_, r)| {
            r.field == reason.field && r.value == reason.value && r.text == reason.text
        }) {
            reasons.push((text.slot, reason));
        }
    }
    // Own fields in the order of Field::ALL, then the matches through a broader concept.
    reasons.sort_by_key(|(slot, r)| {
        (
            *slot == Slot::Broader,
            Field::ALL.iter().position(|f| *f == r.field),
        )
    });
    (reasons.into_iter().map(|(_, r)| r).collect(), name_words)
}

/// `text` as HTML (escaped) with each mark in `<mark>`; long texts are cut to a window of about
/// `max_chars` characters around the first mark, with "…" where they are cut.
pub fn highlight_html(text: &str, marks: &[Range<usize>], max_chars: usize) -> String {
    let window = window(text, marks, max_chars);
    let mut out = String::new();
    if window.start > 0 {
        out.push('…');
    }
    let mut at = window.start;
    for m in marks {
        let (start, end) = (m.start.max(at), m.end.min(window.end));
        if start >= end || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        escape_into(&mut out, &text[at..start]);
        out.push_str("<mark>");
        escape_into(&mut out, &text[start..end]);
        out.push_str("</mark>");
        at = end;
    }
    escape_into(&mut out, &text[at..window.end]);
    if window.end < text.len() {
        out.push('…');
    }
    out
}

/// The byte range of `text` shown: all of it when short, else about `max_chars` characters
/// starting a little before the first mark, cut at spaces.
fn window(text: &str, marks: &[Range<usize>], max_chars: usize) -> Range<usize> {
    if text.chars().count() <= max_chars {
        return 0..text.len();
    }
    let first = marks.first().map_or(0, |m| m.start);
    let lead = max_chars / 4;
    // Back `lead` characters from the first mark, then forward to a word's start.
    let mut start = text[..first]
        .char_indices()
        .rev()
        .nth(lead)
        .map_or(0, |(i, _)| i);
    if start > 0 {
        start = text[start..first]
            .find(char::is_whitespace)
            .map_or(first, |i| start + i + 1);
    }
    let mut end = text[start..]
        .char_indices()
        .nth(max_chars)
        .map_or(text.len(), |(i, _)| start + i);
    if end < text.len() {
        end = text[start..end]
            .rfind(char::is_whitespace)
            .map_or(end, |i| start + i);
    }
    start..end.max(start)
}

fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests;
