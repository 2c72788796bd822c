//! Shared by the end-to-end HTTP tests: a real `maillage serve` process on 127.0.0.1 with
//! its own copy of a store holding the default data (RocksDB on disk).
#![allow(dead_code)]

pub mod naics;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::Duration;

use reqwest::blocking::Client;

/// Runs the `maillage` binary with `args`.
pub fn maillage(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_maillage"))
        .args(args)
        .output()
        .expect("the maillage binary runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Runs `maillage args`, fails the test with its standard error unless it succeeds, and gives
/// its standard output.
pub fn succeed(args: &[&str]) -> String {
    let out = maillage(args);
    assert!(
        out.status.success(),
        "maillage {args:?} failed:\n{}",
        stderr(&out)
    );
    stdout(&out)
}

/// A temporary path as an argument (tests only make UTF-8 ones).
pub fn path_str(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 temp path")
}

/// Asserts that a run failed and said `needle` on its standard error.
pub fn fails_saying(out: &Output, needle: &str) {
    assert!(
        !out.status.success(),
        "maillage succeeded:\n{}",
        stdout(out)
    );
    assert!(stderr(out).contains(needle), "{}", stderr(out));
}

/// The arguments of `maillage load --store STORE OPTIONS… FILE`.
pub fn load_args<'a>(store: &'a Path, options: &[&'a str], file: &'a Path) -> Vec<&'a str> {
    let mut args = vec!["load", "--store", path_str(store)];
    args.extend_from_slice(options);
    args.push(path_str(file));
    args
}

/// `maillage backup --store STORE --to TO`.
pub fn backup(store: &Path, to: &Path) -> Output {
    maillage(&["backup", "--store", path_str(store), "--to", path_str(to)])
}

/// `maillage restore --from BACKUP --store STORE`, which must succeed.
pub fn restore(backup: &Path, store: &Path) {
    succeed(&[
        "restore",
        "--from",
        path_str(backup),
        "--store",
        path_str(store),
    ]);
}

/// The single integer a one-cell SELECT on the store at `store` returns (CSV output, header
/// skipped).
pub fn count(store: &Path, query: &str) -> u64 {
    let csv = succeed(&[
        "query",
        "--store",
        path_str(store),
        "--format",
        "csv",
        query,
    ]);
    csv.lines()
        .nth(1)
        .and_then(|l| l.trim().parse().ok())
        .unwrap_or_else(|| panic!("no count in {csv:?}"))
}

pub const TOKEN: &str = "s3cret-token";

/// A running server on its own store; killed when dropped.
pub struct Server {
    child: Child,
    pub base: String,
    _dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A store with the default data, made once and copied for each server (servers lock their
/// store directory).
fn template_store() -> &'static std::path::Path {
    static TEMPLATE: OnceLock<tempfile::TempDir> = OnceLock::new();
    TEMPLATE
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("temp dir");
            let status = Command::new(env!("CARGO_BIN_EXE_maillage"))
                .args(["load", "--defaults", "--store"])
                .arg(dir.path().join("store"))
                .stderr(Stdio::null())
                .status()
                .expect("load runs");
            assert!(status.success());
            dir
        })
        .path()
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        if entry.file_name() == "LOCK" {
            continue;
        }
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// Makes `to` a store holding the default data: a copy of the one `maillage load --defaults`
/// made for this test binary (loading takes seconds, copying milliseconds).
pub fn copy_default_store(to: &std::path::Path) {
    copy_dir(&template_store().join("store"), to);
}

pub fn start(extra: &[&str]) -> Server {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_default_store(&dir.path().join("store"));
    spawn(dir, extra)
}

/// Like [`start`], after creating the accounts `(name, role, password)` with
/// `maillage user add --password-stdin`, as an operator would before the first start.
pub fn start_with_users(users: &[(&str, &str, &str)], extra: &[&str]) -> Server {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("store");
    copy_default_store(&store);
    for (name, role, password) in users {
        add_user(&store, name, role, password);
    }
    spawn(dir, extra)
}

/// `maillage user add --store STORE --name NAME --role ROLE --password-stdin`.
pub fn add_user(store: &std::path::Path, name: &str, role: &str, password: &str) {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_maillage"))
        .args(["user", "add", "--store"])
        .arg(store)
        .args(["--name", name, "--role", role, "--password-stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("user add runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(format!("{password}\n").as_bytes())
        .expect("password written");
    let out = child.wait_with_output().expect("user add ends");
    assert!(out.status.success(), "user add {name}: {}", stderr(&out));
}

impl Server {
    /// The store directory the server runs on.
    pub fn store(&self) -> std::path::PathBuf {
        self._dir.path().join("store")
    }

    /// Stops the server as an operator would (SIGTERM: it finishes requests in progress and
    /// flushes the store), then starts a new one on the same store with the same settings.
    pub fn restart(mut self, extra: &[&str]) -> Server {
        let stopped = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(stopped.success(), "SIGTERM was delivered");
        let status = self.child.wait().expect("the server exits");
        assert!(status.success(), "the server stopped cleanly: {status}");
        let dir = std::mem::replace(&mut self._dir, tempfile::tempdir().expect("temp dir"));
        drop(self);
        spawn(dir, extra)
    }
}

/// Starts `maillage serve` on `dir/store` and waits until it listens.
fn spawn(dir: tempfile::TempDir, extra: &[&str]) -> Server {
    let store = dir.path().join("store");
    let mut child = Command::new(env!("CARGO_BIN_EXE_maillage"))
        .args(["serve", "--bind", "127.0.0.1:0", "--store"])
        .arg(&store)
        .args(extra)
        .env("RUST_LOG", "warn")
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("serve starts");
    let stderr = child.stderr.take().expect("stderr");
    let mut lines = BufReader::new(stderr).lines();
    // The first URL the server prints is the address it listens on (whatever the language).
    let base = loop {
        let line = lines
            .next()
            .expect("the server printed its address")
            .expect("utf-8");
        if let Some(at) = line.find("http://127.0.0.1:") {
            break line[at..]
                .split_whitespace()
                .next()
                .expect("address")
                .trim_end_matches(|c: char| !c.is_ascii_digit())
                .to_owned();
        }
    };
    // Keep draining stderr so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Server {
        child,
        base,
        _dir: dir,
    }
}

pub fn client() -> Client {
    Client::builder()
        .timeout(Duration::from_secs(60))
        .build()
        .expect("client")
}

/// A SPARQL update POSTed to the server's `/update` with the write token.
pub fn update(server: &Server, update: &str) -> reqwest::blocking::Response {
    client()
        .post(format!("{}/update", server.base))
        .bearer_auth(TOKEN)
        .header("Content-Type", "application/sparql-update")
        .body(update.to_owned())
        .send()
        .expect("update")
}

/// The JSON answer of a GET of `path` (with its query `pairs`) on the server.
pub fn get_json(server: &Server, path: &str, pairs: &[(&str, &str)]) -> serde_json::Value {
    client()
        .get(format!("{}{path}", server.base))
        .query(pairs)
        .send()
        .expect("GET")
        .json()
        .expect("json")
}

/// The text of a GET of `path` on the server.
pub fn get_text(server: &Server, path: &str) -> String {
    client()
        .get(format!("{}{path}", server.base))
        .send()
        .expect("GET")
        .text()
        .expect("text")
}

/// The quad count `/health` reports.
pub fn quads(server: &Server) -> u64 {
    let health: serde_json::Value = client()
        .get(format!("{}/health", server.base))
        .send()
        .expect("health")
        .json()
        .expect("json");
    health["quads"].as_u64().expect("quad count")
}
