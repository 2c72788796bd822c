//! Command-line interface (a contract: other programs call these commands and flags).

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Maillage — the AI ecosystem of the Québec City region as a knowledge graph.
///
/// Maillage — l'écosystème de l'IA de la région de Québec en graphe de connaissances.
#[derive(Debug, Parser)]
#[command(name = "maillage", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Include the demo graph's fictional organisations in the analytics (`match`, `gaps`,
    /// `portfolio`, `network`, `stats`); without it they read the real data only, as
    /// `serve` does.
    #[arg(long, global = true, env = "MAILLAGE_DEMO")]
    pub demo: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the SPARQL endpoint, Graph Store Protocol, linked data and web page over HTTP.
    ///
    /// On an empty or new store, the built-in default data is loaded first.
    Serve(ServeArgs),
    /// Load RDF files (and/or the built-in default data) into a store, validated and atomic.
    ///
    /// Creates the store if missing; a new store always gets the ontology, shapes, taxonomies and
    /// territory. On any error (syntax, shape violation) nothing is written and the exit code is 1.
    Load {
        /// Store directory (created if missing).
        #[arg(long, env = "MAILLAGE_STORE")]
        store: PathBuf,
        /// Load the built-in default data set (ontology, taxonomies, territory, funding, region,
        /// rest of Québec, demo), replacing those graphs.
        #[arg(long)]
        defaults: bool,
        /// Named graph for the files' triples (default: one graph per file,
        /// https://w3id.org/maillage/graph/file/{file-name}).
        #[arg(long)]
        graph: Option<String>,
        /// Empty the target graphs before loading instead of adding to them.
        #[arg(long)]
        replace: bool,
        /// Allow the files to change the system graphs (ontology, shapes, taxonomies,
        /// territory), which no other write may touch.
        #[arg(long)]
        system: bool,
        /// RDF files: .ttl, .nt, .nq, .trig, .rdf/.owl, .jsonld.
        files: Vec<PathBuf>,
    },
    /// Validate RDF files against the SHACL shapes (with the built-in vocabulary and territory
    /// as context); prints a report, exit code 1 on any violation or syntax error.
    ///
    /// With `--store DIR`, validates the whole store instead (every graph, in full).
    Validate {
        /// Validate this store in full instead of files (opened read-only).
        #[arg(long)]
        store: Option<PathBuf>,
        /// RDF files to validate together.
        #[arg(required_unless_present = "store", conflicts_with = "store")]
        files: Vec<PathBuf>,
    },
    /// The changes recorded in a store's history, newest first.
    History {
        #[arg(long, env = "MAILLAGE_STORE")]
        store: PathBuf,
        /// At most this many changes.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[arg(long, value_enum, default_value_t = ReportFormat::Json)]
        format: ReportFormat,
        /// Language of the table's words.
        #[arg(long, default_value = "fr")]
        lang: String,
    },
    /// Undo a recorded change: applies its inverse as a new, validated change. Refused (exit 1,
    /// nothing written) when later changes touched the same triples; they are named.
    Revert {
        #[arg(long, env = "MAILLAGE_STORE")]
        store: PathBuf,
        /// The id of the change (see `maillage history`).
        change_id: u64,
    },
    /// Run a SPARQL query on a store (the default graph is the union of all graphs).
    Query {
        #[arg(long, env = "MAILLAGE_STORE")]
        store: PathBuf,
        /// Output format for SELECT/ASK (CONSTRUCT/DESCRIBE always print Turtle unless json/csv/tsv is refused).
        #[arg(long, value_enum, default_value_t = QueryFormat::Table)]
        format: QueryFormat,
        /// Time budget in seconds; past it the query is cancelled with a timeout error.
        #[arg(long, default_value_t = 30.0, env = "MAILLAGE_QUERY_TIMEOUT")]
        timeout: f64,
        /// The query text, or `-` to read it from standard input.
        query: String,
    },
    /// Export the store (or one named graph) as N-Quads or Turtle.
    Export {
        #[arg(long, env = "MAILLAGE_STORE")]
        store: PathBuf,
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Only this named graph. Turtle without a graph writes the merge of all graphs.
        #[arg(long)]
        graph: Option<String>,
        /// Output file (default: standard output).
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Show what a store holds: quads per named graph, organisations by type, ZEM members.
    Stats {
        #[arg(long, env = "MAILLAGE_STORE")]
        store: PathBuf,
    },
    /// Rank partners: the best suppliers for an adopter, or the best adopters for a supplier,
    /// with score components, eligibility rules and explanations.
    #[command(group(clap::ArgGroup::new("who").required(true).args(["adopter", "supplier"])))]
    Match {
        #[arg(long, env = "MAILLAGE_STORE")]
        store: PathBuf,
        /// Adopter IRI (or its id, e.g. demo-usinage-precision): rank suppliers for it.
        #[arg(long)]
        adopter: Option<String>,
        /// Supplier IRI (or its id): rank adopters for it.
        #[arg(long)]
        supplier: Option<String>,
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Keep only pairs that pass every eligibility rule of the ZEM envelope.
        #[arg(long)]
        eligible_only: bool,
        #[arg(long, value_enum, default_value_t = ReportFormat::Json)]
        format: ReportFormat,
        /// Language of labels and explanations.
        #[arg(long, default_value = "fr")]
        lang: String,
    },
    /// The committee's gap table: demand, local supply, unmet demand per expertise concept.
    Gaps {
        #[arg(long, env = "MAILLAGE_STORE")]
        store: PathBuf,
        #[arg(long, value_enum, default_value_t = GapsFormat::Json)]
        format: GapsFormat,
        /// Coverage a local eligible supplier must reach for a need to count as met.
        #[arg(long, default_value_t = 0.6)]
        threshold: f64,
        #[arg(long, default_value = "fr")]
        lang: String,
    },
    /// Choose projects for the envelope: maximum total match score under the budget, one
    /// project per adopter, within suppliers' capacity.
    Portfolio {
        #[arg(long, env = "MAILLAGE_STORE")]
        store: PathBuf,
        /// CAD available (default: the envelope's remaining amount).
        #[arg(long)]
        budget: Option<f64>,
        #[arg(long, value_enum, default_value_t = ReportFormat::Json)]
        format: ReportFormat,
        #[arg(long, default_value = "fr")]
        lang: String,
    },
    /// The organisation network: brokers, communities, isolated organisations.
    Network {
        #[arg(long, env = "MAILLAGE_STORE")]
        store: PathBuf,
        #[arg(long, value_enum, default_value_t = ReportFormat::Json)]
        format: ReportFormat,
        #[arg(long, default_value = "fr")]
        lang: String,
    },
    /// Measure the matcher on a seeded synthetic ecosystem with a hidden ground truth: Hits@10
    /// and MRR against a plain-Jaccard baseline.
    Evaluate {
        /// Organisations in the synthetic ecosystem.
        #[arg(long, default_value_t = 2000)]
        orgs: usize,
        #[arg(long, default_value_t = 42)]
        seed: u64,
    },
    /// Take a consistent backup of a store, also while `maillage serve` runs on it and writes.
    ///
    /// The backup is a new store at one point in time (whole writes only, the history graph
    /// included): open it as a store, or copy it back with `maillage restore`.
    Backup {
        /// Store to back up (opened read-only).
        #[arg(long, env = "MAILLAGE_STORE")]
        store: PathBuf,
        /// New directory for the backup (must not exist, or be empty).
        #[arg(long)]
        to: PathBuf,
    },
    /// Restore a backup into a new store directory: exactly the same quads and history.
    Restore {
        /// The backup directory (made by `maillage backup`).
        #[arg(long)]
        from: PathBuf,
        /// New store directory (must not exist, or be empty).
        #[arg(long)]
        store: PathBuf,
    },
    /// Staff accounts of a store: add, list and remove the people who sign in, with their role
    /// (reader, staff, admin).
    ///
    /// Kept in the store directory's own database (accounts.sqlite3), never in a graph; works
    /// while `maillage serve` runs on the same store.
    User {
        #[command(subcommand)]
        action: UserCommand,
    },
    /// API tokens of users (`Authorization: Bearer TOKEN` acts as the token's user): create
    /// (shown once), list, revoke (at once, also for a running server).
    Token {
        #[command(subcommand)]
        action: TokenCommand,
    },
    /// Regenerate the project's RDF files from the public reference data in `reference/`, or
    /// write a synthetic ecosystem for scale runs.
    Generate {
        #[command(subcommand)]
        what: GenerateCommand,
    },
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Store directory (created and filled with the default data if missing or empty).
    #[arg(long, env = "MAILLAGE_STORE", default_value = "maillage.store")]
    pub store: PathBuf,
    /// Address to listen on.
    #[arg(long, env = "MAILLAGE_BIND", default_value = "127.0.0.1:8080")]
    pub bind: String,
    /// Public base URL used in links (default: http://{bind}).
    #[arg(long, env = "MAILLAGE_BASE_URL")]
    pub base_url: Option<String>,
    /// Bearer token that allows writes (/update, /store); without it the service is read-only.
    #[arg(long, env = "MAILLAGE_WRITE_TOKEN", hide_env_values = true)]
    pub write_token: Option<String>,
    /// Time budget of one query or update, in seconds.
    #[arg(long, env = "MAILLAGE_QUERY_TIMEOUT", default_value_t = 30.0)]
    pub query_timeout: f64,
    /// Queries evaluated at once (cancelled ones count until they stop); beyond, they queue.
    #[arg(long, env = "MAILLAGE_MAX_CONCURRENT_QUERIES", default_value_t = 4)]
    pub max_concurrent_queries: usize,
    /// Queries that may wait for a free slot (served fairly: the client with the fewest running
    /// first); beyond, 503 with Retry-After at once. 0 refuses at once when all slots are busy.
    #[arg(long, env = "MAILLAGE_QUERY_QUEUE", default_value_t = 256)]
    pub query_queue: usize,
    /// How long a query may wait in the queue, in seconds; then 503 with Retry-After.
    #[arg(long, env = "MAILLAGE_QUERY_WAIT", default_value_t = 10.0)]
    pub query_wait: f64,
    /// Bytes the SPARQL result cache may hold (0 disables it); default 1/16 of the machine's
    /// memory, between 64 MiB and 1 GiB.
    #[arg(long, env = "MAILLAGE_QUERY_CACHE_BYTES")]
    pub query_cache_bytes: Option<usize>,
    /// Largest request body in bytes; beyond, 413.
    #[arg(long, env = "MAILLAGE_MAX_BODY_BYTES", default_value_t = 8 * 1024 * 1024)]
    pub max_body_bytes: usize,
    /// Also serve the demo graph (fictional organisations and projects, marked « [Démo] »),
    /// with a banner on every page. Without it the demo graph stays in the store but nothing
    /// shows it.
    #[arg(long, env = "MAILLAGE_DEMO")]
    pub demo: bool,
    /// Serve an empty store as it is, without loading the built-in data into it: Maillage as a
    /// plain SPARQL server (the W3C protocol tests start it so, since they drop everything).
    #[arg(long, env = "MAILLAGE_EMPTY", conflicts_with = "demo")]
    pub empty: bool,
}

/// Where the accounts are, and the language of the messages.
#[derive(Debug, clap::Args)]
pub struct AccountsAt {
    /// Store directory; its accounts are in the file accounts.sqlite3 inside it.
    #[arg(long, env = "MAILLAGE_STORE")]
    pub store: PathBuf,
    /// Language of the messages and tables.
    #[arg(long, default_value = "fr")]
    pub lang: String,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user (creates the store directory if missing: the first admin can be added before
    /// the first `serve`). The password is asked twice without echo, or read from the first
    /// line of standard input with `--password-stdin`; at least 12 characters.
    Add {
        #[command(flatten)]
        at: AccountsAt,
        /// 1 to 64 unaccented letters, digits, `.`, `_` or `-` (`cli` and `write-token` are
        /// reserved); names compare without case.
        #[arg(long)]
        name: String,
        /// `reader` (signed-in reading, confidential graphs included), `staff` (also edits),
        /// or `admin` (also users, system loads, reverts).
        #[arg(long)]
        role: String,
        /// Read the password from the first line of standard input instead of asking.
        #[arg(long)]
        password_stdin: bool,
    },
    /// List the users with their role.
    List {
        #[command(flatten)]
        at: AccountsAt,
        #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
        format: ReportFormat,
    },
    /// Remove a user, with their tokens and sessions (signed out at once).
    Remove {
        #[command(flatten)]
        at: AccountsAt,
        /// The user's name.
        name: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create an API token for a user. The token is printed once, alone on the last line of
    /// standard output; only a hash of it is kept.
    Create {
        #[command(flatten)]
        at: AccountsAt,
        /// The user the token acts as.
        #[arg(long)]
        user: String,
        /// What the token is for (shown by `token list`).
        #[arg(long)]
        label: Option<String>,
    },
    /// Revoke a token: it stops working at once, also for a server running on the store.
    Revoke {
        #[command(flatten)]
        at: AccountsAt,
        /// The token's id (see `maillage token list`).
        id: String,
    },
    /// List the tokens (ids, users, labels, revoked or not; never the tokens themselves).
    List {
        #[command(flatten)]
        at: AccountsAt,
        /// Only this user's tokens.
        #[arg(long)]
        user: Option<String>,
        #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
        format: ReportFormat,
    },
}

#[derive(Debug, Subcommand)]
pub enum GenerateCommand {
    /// N synthetic, shape-valid organisations for scale runs and benchmarks: real municipalities,
    /// AI expertise concepts and NAICS sectors of the built-in data, drawn as `maillage-synth`
    /// draws them, each sourced to an example.org page. Load them into the synthetic graph:
    /// `maillage load --graph https://w3id.org/maillage/graph/synthetic FILE`.
    /// Deterministic for a seed. Turtle, or TriG in that graph when FILE ends with .trig.
    Synthetic {
        /// Number of organisations.
        #[arg(long)]
        orgs: usize,
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// Output file (.ttl, or .trig for quads in the synthetic graph).
        #[arg(long, short)]
        output: PathBuf,
    },
    /// NAICS Canada 2022 (CSV from Statistics Canada) → SKOS Turtle.
    Naics {
        #[arg(long, default_value = "reference/naics-canada-2022-eng.csv")]
        input: PathBuf,
        /// The sourced French titles (code, title_fr, source page).
        #[arg(long, default_value = "reference/scian-canada-2022-fra.csv")]
        french: PathBuf,
        #[arg(long, short, default_value = "ontology/naics-2022.ttl")]
        output: PathBuf,
    },
    /// Québec municipalities (MAMH register) + GeoNames coordinates → territory Turtle.
    Territory {
        #[arg(long, default_value = "reference/municipalites-quebec.csv")]
        municipalities: PathBuf,
        #[arg(long, default_value = "reference/quebec-places-geonames.csv")]
        places: PathBuf,
        #[arg(long, short, default_value = "datasets/territory/municipalities.ttl")]
        output: PathBuf,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum QueryFormat {
    Table,
    Json,
    Csv,
    Tsv,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Json,
    Table,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum GapsFormat {
    Json,
    Csv,
    Table,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Nquads,
    Turtle,
}
