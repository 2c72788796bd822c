//! End-to-end tests of `maillage user …` and `maillage token …` on real store directories: an
//! operator creates the first admin, gives a script a token, revokes it, removes the user —
//! and the mistakes they can make, each refused with exit code 1 and a message naming it.

mod support;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use maillage_accounts::{Accounts, Role};
use support::{stderr, stdout};

const PASSWORD: &str = "correct horse battery";

fn path_str(p: &Path) -> &str {
    p.to_str().expect("utf-8 temp path")
}

/// Runs `maillage args` with `input` on standard input (closed after it).
fn maillage_with_input(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_maillage"))
        .args(args)
        .env_remove("MAILLAGE_STORE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the maillage binary runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("maillage ends")
}

fn run(args: &[&str]) -> Output {
    maillage_with_input(args, "")
}

fn succeed(args: &[&str]) -> String {
    let out = run(args);
    assert!(
        out.status.success(),
        "maillage {args:?} failed:\n{}",
        stderr(&out)
    );
    stdout(&out)
}

/// Runs `maillage args`, which must fail with exit code 1; gives its standard error.
fn refused(args: &[&str], input: &str) -> String {
    let out = maillage_with_input(args, input);
    assert_eq!(
        out.status.code(),
        Some(1),
        "maillage {args:?}: {}\n{}",
        stdout(&out),
        stderr(&out)
    );
    stderr(&out)
}

fn add_user(store: &Path, name: &str, role: &str, password: &str) -> Output {
    maillage_with_input(
        &[
            "user",
            "add",
            "--store",
            path_str(store),
            "--name",
            name,
            "--role",
            role,
            "--password-stdin",
        ],
        &format!("{password}\n"),
    )
}

fn users_json(store: &Path) -> serde_json::Value {
    let json = succeed(&[
        "user",
        "list",
        "--store",
        path_str(store),
        "--format",
        "json",
    ]);
    serde_json::from_str(&json).expect("JSON")
}

#[test]
fn the_first_admin_gets_a_token_that_is_revoked_then_the_admin_is_removed() {
    let dir = tempfile::tempdir().expect("temp dir");
    // A store directory that does not exist yet: the first admin comes before the first serve.
    let store = dir.path().join("store");

    let out = add_user(&store, "alice", "admin", PASSWORD);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("utilisateur « alice » ajouté, rôle admin"),
        "{}",
        stderr(&out)
    );
    assert!(store.join("accounts.sqlite3").is_file());

    let users = users_json(&store);
    let list = users.as_array().expect("an array");
    assert_eq!(list.len(), 1, "{users}");
    assert_eq!(list[0]["name"], "alice");
    assert_eq!(list[0]["role"], "admin");
    assert!(
        list[0]["created"]
            .as_str()
            .is_some_and(|c| c.ends_with('Z')),
        "{users}"
    );
    // The table, French by default; the store from MAILLAGE_STORE as for the other commands.
    let out = Command::new(env!("CARGO_BIN_EXE_maillage"))
        .args(["user", "list"])
        .env("MAILLAGE_STORE", &store)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let table = stdout(&out);
    assert!(
        table.contains("rôle") && table.contains("alice") && table.contains("admin"),
        "{table}"
    );

    // The password is Argon2id-hashed; the server side (the library on the same file) agrees.
    let server = Accounts::open(&store).expect("opens beside the CLI");
    let alice = server
        .verify_password("alice", PASSWORD)
        .expect("verifies")
        .expect("the password typed on stdin, without its newline");
    assert_eq!(alice.role, Role::Admin);

    let out = run(&[
        "token",
        "create",
        "--store",
        path_str(&store),
        "--user",
        "alice",
        "--label",
        "import script",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let printed = stdout(&out);
    let lines: Vec<&str> = printed.lines().collect();
    let token = *lines.last().expect("a last line");
    assert!(
        token.starts_with("mlg_") && !token.contains(' '),
        "{printed}"
    );
    let id = token
        .strip_prefix("mlg_")
        .and_then(|rest| rest.split('_').next())
        .expect("an id");
    assert!(
        lines[..lines.len() - 1].iter().any(|l| l.contains(id)),
        "the explanation names the token's id: {printed}"
    );
    assert_eq!(
        server.authenticate_token(token).expect("checks"),
        Some(alice.clone())
    );

    let listed: serde_json::Value = serde_json::from_str(&succeed(&[
        "token",
        "list",
        "--store",
        path_str(&store),
        "--user",
        "alice",
        "--format",
        "json",
    ]))
    .expect("JSON");
    assert_eq!(listed[0]["id"], id, "{listed}");
    assert_eq!(listed[0]["label"], "import script");
    assert_eq!(listed[0]["revoked"], false);
    assert!(!listed.to_string().contains(token), "never shown again");

    // Revoked by the CLI: the server's handle, which had verified the token, refuses it now.
    let out = run(&["token", "revoke", "--store", path_str(&store), id]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("révoqué"), "{}", stderr(&out));
    assert_eq!(server.authenticate_token(token).expect("checks"), None);
    let table = succeed(&["token", "list", "--store", path_str(&store)]);
    assert!(table.contains(id) && table.contains("révoqué"), "{table}");

    // A second token, then the user is removed: their tokens go with them.
    let printed = succeed(&[
        "token",
        "create",
        "--store",
        path_str(&store),
        "--user",
        "alice",
    ]);
    let second = printed.lines().last().expect("a token").to_owned();
    assert!(
        server
            .authenticate_token(&second)
            .expect("checks")
            .is_some()
    );
    let out = run(&["user", "remove", "--store", path_str(&store), "alice"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("« alice » supprimé"),
        "{}",
        stderr(&out)
    );
    assert_eq!(server.authenticate_token(&second).expect("checks"), None);
    assert_eq!(users_json(&store), serde_json::json!([]));
}

#[test]
fn mistakes_are_refused_with_exit_code_1_and_a_message_naming_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("store");
    let s = path_str(&store);
    let out = add_user(&store, "alice", "staff", PASSWORD);
    assert!(out.status.success(), "{}", stderr(&out));

    let add = |name: &str, role: &str| {
        vec![
            "user".to_owned(),
            "add".to_owned(),
            "--store".to_owned(),
            s.to_owned(),
            "--name".to_owned(),
            name.to_owned(),
            "--role".to_owned(),
            role.to_owned(),
            "--password-stdin".to_owned(),
        ]
    };
    let refused_add = |name: &str, role: &str, input: &str| {
        let args = add(name, role);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        refused(&args, input)
    };

    let message = refused_add("alice", "admin", "another long password\n");
    assert!(
        message.contains("erreur : l'utilisateur « alice » existe déjà"),
        "{message}"
    );
    // Without regard to case.
    let message = refused_add("ALICE", "admin", "another long password\n");
    assert!(message.contains("existe déjà"), "{message}");

    let message = refused_add("bob", "staff", "short\n");
    assert!(
        message.contains("mot de passe trop court : au moins 12 caractères"),
        "{message}"
    );
    let message = refused_add("bob", "staff", "");
    assert!(
        message.contains("aucun mot de passe sur l'entrée standard"),
        "{message}"
    );

    let message = refused_add("bob", "root", &format!("{PASSWORD}\n"));
    assert!(
        message.contains("rôle « root » inconnu : admin, staff ou reader"),
        "{message}"
    );
    let message = refused_add("bob smith", "staff", &format!("{PASSWORD}\n"));
    assert!(
        message.contains("« bob smith » n'est pas un nom d'utilisateur valide"),
        "{message}"
    );
    let message = refused_add("write-token", "admin", &format!("{PASSWORD}\n"));
    assert!(
        message.contains("le nom « write-token » est réservé"),
        "{message}"
    );
    // None of these added anyone.
    let users = users_json(&store);
    assert_eq!(users.as_array().map(Vec::len), Some(1), "{users}");

    // An unknown role does not create a store directory either.
    let elsewhere = dir.path().join("typo");
    let out = add_user(&elsewhere, "bob", "boss", PASSWORD);
    assert_eq!(out.status.code(), Some(1));
    assert!(!elsewhere.exists());

    let message = refused(&["token", "create", "--store", s, "--user", "bob"], "");
    assert!(
        message.contains("l'utilisateur « bob » n'existe pas"),
        "{message}"
    );
    let message = refused(&["token", "revoke", "--store", s, "0123456789abcdef"], "");
    assert!(
        message.contains("le jeton « 0123456789abcdef » n'existe pas"),
        "{message}"
    );
    let message = refused(&["user", "remove", "--store", s, "bob"], "");
    assert!(
        message.contains("l'utilisateur « bob » n'existe pas"),
        "{message}"
    );
    let message = refused(&["token", "list", "--store", s, "--user", "bob"], "");
    assert!(message.contains("« bob » n'existe pas"), "{message}");
    let missing = path_str(&elsewhere);
    let message = refused(&["user", "list", "--store", missing], "");
    assert!(message.contains("aucun magasin à"), "{message}");
    assert!(!elsewhere.exists(), "listing creates nothing");

    // In English on request.
    let message = refused(&["user", "remove", "--store", s, "--lang", "en", "bob"], "");
    assert!(
        message.contains("error: there is no user \"bob\""),
        "{message}"
    );
}

/// `maillage backup` carries the accounts database with the quads, and `restore` brings it
/// back: the same users, passwords and tokens.
#[test]
fn backup_and_restore_carry_the_accounts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("store");
    support::copy_default_store(&store);
    let out = add_user(&store, "alice", "admin", PASSWORD);
    assert!(out.status.success(), "{}", stderr(&out));
    let printed = succeed(&[
        "token",
        "create",
        "--store",
        path_str(&store),
        "--user",
        "alice",
    ]);
    let token = printed.lines().last().expect("a token").to_owned();
    // A server holds the accounts open meanwhile.
    let server = Accounts::open(&store).expect("opens");
    server
        .save_session_for("some-session", Some("alice"), b"{}", i64::MAX)
        .expect("saved");

    let backup = dir.path().join("backup");
    let out = run(&[
        "backup",
        "--store",
        path_str(&store),
        "--to",
        path_str(&backup),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("accounts"), "{}", stderr(&out));
    let restored = dir.path().join("restored");
    succeed(&[
        "restore",
        "--from",
        path_str(&backup),
        "--store",
        path_str(&restored),
    ]);
    for copy in [&backup, &restored] {
        let accounts = Accounts::open(copy).expect("opens");
        assert!(
            accounts
                .verify_password("alice", PASSWORD)
                .expect("verifies")
                .is_some(),
            "{}",
            copy.display()
        );
        assert!(
            accounts
                .authenticate_token(&token)
                .expect("checks")
                .is_some(),
            "{}",
            copy.display()
        );
    }
    // The restored store is still a store.
    let stats = succeed(&["stats", "--store", path_str(&restored)]);
    assert!(!stats.trim().is_empty());

    // A store without accounts backs up without them.
    let plain = dir.path().join("plain");
    support::copy_default_store(&plain);
    let plain_backup = dir.path().join("plain-backup");
    succeed(&[
        "backup",
        "--store",
        path_str(&plain),
        "--to",
        path_str(&plain_backup),
    ]);
    assert!(!plain_backup.join("accounts.sqlite3").exists());
}
