//! The SPARQL result cache (QLever's model): the complete serialised answer of a query, kept
//! under everything that decides it, so that a repeated query costs a lookup.
//!
//! The key is the query's normalised text ([`maillage_store::lexical`]: comments dropped,
//! white space made one space), its dataset (the protocol's `default-graph-uri` and
//! `named-graph-uri`), the graphs the caller may see (its [`GraphScope`]: an anonymous reader
//! and a signed-in one never share an entry), the answer's format (the `format` parameter and
//! the `Accept` header) and the store's generation, which every committed write moves on: an
//! entry of an earlier generation is never found again, so no stale answer is ever served, and
//! it leaves the list as newer ones come. Only complete successes are kept. The list is capped
//! in bytes (`--query-cache-bytes`, 0 disables it); the least recently used answers go first.

use std::hash::Hash;
use std::sync::Mutex;

use axum::body::Bytes;
use lru::LruCache;
use maillage_store::GraphScope;

/// Everything that decides a query's answer.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct AnswerKey {
    pub generation: u64,
    pub query: String,
    pub default_graphs: Vec<String>,
    pub named_graphs: Vec<String>,
    pub scope: GraphScope,
    pub format: Option<String>,
    pub accept: Option<String>,
}

impl Weigh for AnswerKey {
    fn weight(&self) -> usize {
        // The key's strings, and a fixed share for the entry's bookkeeping.
        self.query.len()
            + self.default_graphs.iter().map(String::len).sum::<usize>()
            + self.named_graphs.iter().map(String::len).sum::<usize>()
            + self.accept.as_deref().map_or(0, str::len)
            + 256
    }
}

/// A complete answer: its media type and body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    pub media_type: &'static str,
    pub body: Bytes,
}

impl Weigh for Answer {
    fn weight(&self) -> usize {
        self.body.len()
    }
}

/// The SPARQL result cache.
pub type AnswerCache = ByteLru<AnswerKey, Answer>;

/// What an entry of a [`ByteLru`] weighs, in bytes (near enough: what it holds on the heap).
pub trait Weigh {
    fn weight(&self) -> usize;
}

/// A least-recently-used list capped in bytes (the weights of its keys and values), shared
/// between threads. Also the cache of the analytics views ([`crate::view_cache`]).
#[derive(Debug)]
pub struct ByteLru<K: Hash + Eq, V> {
    capacity: usize,
    inner: Mutex<Inner<K, V>>,
}

#[derive(Debug)]
struct Inner<K: Hash + Eq, V> {
    entries: LruCache<K, V>,
    bytes: usize,
}

impl<K: Hash + Eq + Clone + Weigh, V: Clone + Weigh> ByteLru<K, V> {
    /// A cache of at most `capacity` bytes (keys and values); 0 keeps nothing.
    pub fn new(capacity: usize) -> Self {
        ByteLru {
            capacity,
            inner: Mutex::new(Inner {
                entries: LruCache::unbounded(),
                bytes: 0,
            }),
        }
    }

    pub fn is_enabled(&self) -> bool {
        self.capacity > 0
    }

    /// The bytes the kept entries weigh now.
    pub fn bytes(&self) -> usize {
        self.lock().bytes
    }

    pub fn len(&self) -> usize {
        self.lock().entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner<K, V>> {
        // A panic while holding the lock leaves a consistent list (each step is one call).
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The value kept for `key`, now the most recently used.
    pub fn get(&self, key: &K) -> Option<V> {
        if !self.is_enabled() {
            return None;
        }
        self.lock().entries.get(key).cloned()
    }

    /// Keeps a value, then lets the least recently used ones go until the list fits. A value
    /// heavier than a quarter of the cache is not kept (it would empty the list).
    pub fn put(&self, key: K, value: V) {
        let weight = key.weight() + value.weight();
        if weight > self.capacity / 4 {
            return;
        }
        let mut inner = self.lock();
        if let Some((old_key, old)) = inner.entries.push(key, value) {
            // `push` gives back the replaced entry (same key) or the evicted one (none here:
            // the list is unbounded in entries).
            inner.bytes = inner.bytes.saturating_sub(old_key.weight() + old.weight());
        }
        inner.bytes += weight;
        while inner.bytes > self.capacity {
            match inner.entries.pop_lru() {
                Some((k, v)) => inner.bytes = inner.bytes.saturating_sub(k.weight() + v.weight()),
                None => {
                    inner.bytes = 0;
                    break;
                }
            }
        }
    }
}

/// A default share of memory for the cache: 1/16 of the machine's, between 64 MiB and 1 GiB
/// (256 MiB when the machine's memory cannot be read).
pub fn default_capacity() -> usize {
    const MIB: usize = 1 << 20;
    let total = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find_map(|l| l.strip_prefix("MemTotal:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<usize>().ok())
                .map(|kib| kib * 1024)
        });
    match total {
        Some(bytes) => (bytes / 16).clamp(64 * MIB, 1024 * MIB),
        None => 256 * MIB,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(query: &str, generation: u64) -> AnswerKey {
        AnswerKey {
            generation,
            query: query.to_owned(),
            default_graphs: vec![],
            named_graphs: vec![],
            scope: GraphScope::public(false),
            format: None,
            accept: Some("application/sparql-results+json".into()),
        }
    }

    fn answer(n: usize) -> Answer {
        Answer {
            media_type: "application/sparql-results+json",
            body: Bytes::from(vec![b'x'; n]),
        }
    }

    #[test]
    fn an_answer_is_found_under_its_whole_key_only() {
        let cache = AnswerCache::new(1 << 20);
        cache.put(key("ASK {}", 1), answer(10));
        assert_eq!(cache.get(&key("ASK {}", 1)), Some(answer(10)));
        // A write moved the generation on: the old answer is never served.
        assert_eq!(cache.get(&key("ASK {}", 2)), None);
        let mut member = key("ASK {}", 1);
        member.scope = GraphScope::member(false);
        assert_eq!(cache.get(&member), None, "another reader's visibility");
        let mut csv = key("ASK {}", 1);
        csv.accept = Some("text/csv".into());
        assert_eq!(cache.get(&csv), None, "another format");
    }

    #[test]
    fn the_list_keeps_within_its_bytes_letting_the_least_recently_used_go() {
        let cache = AnswerCache::new(10_000);
        // Four answers of about 2,250 bytes fit in 10,000; a fifth does not.
        for i in 0..4 {
            cache.put(key(&format!("q{i}"), 1), answer(2_000));
        }
        assert_eq!(cache.len(), 4);
        // q0 is used again, so q1 is the least recently used when q4 comes.
        assert!(cache.get(&key("q0", 1)).is_some());
        cache.put(key("q4", 1), answer(2_000));
        assert!(cache.bytes() <= 10_000, "{}", cache.bytes());
        assert_eq!(cache.len(), 4);
        assert!(cache.get(&key("q1", 1)).is_none(), "q1 was evicted");
        assert!(cache.get(&key("q0", 1)).is_some());
        assert!(cache.get(&key("q4", 1)).is_some());
        // Replacing an entry does not count it twice.
        let before = cache.bytes();
        cache.put(key("q4", 1), answer(2_000));
        assert_eq!(cache.bytes(), before);
        // Too heavy for the cache: not kept, nothing evicted.
        cache.put(key("big", 1), answer(5_000));
        assert!(cache.get(&key("big", 1)).is_none());
        assert_eq!(cache.bytes(), before);
    }

    #[test]
    fn a_cache_of_zero_bytes_keeps_nothing() {
        let cache = AnswerCache::new(0);
        cache.put(key("ASK {}", 1), answer(1));
        assert!(cache.get(&key("ASK {}", 1)).is_none());
        assert!(cache.is_empty());
    }
}
