//! Unit tests of the accounts database: real Argon2id (default parameters), real SQLite files
//! in temporary directories.

use super::*;

const PASSWORD: &str = "correct horse battery";

fn stored_password_hash(accounts: &Accounts, name: &str) -> String {
    accounts
        .conn()
        .query_row(
            "SELECT password_hash FROM users WHERE name = ?1",
            [name],
            |row| row.get(0),
        )
        .expect("the user has a hash")
}

#[test]
fn passwords_are_stored_as_argon2id_phc_strings_and_verified() {
    let accounts = Accounts::in_memory().expect("opens");
    let alice = accounts
        .add_user("alice", Role::Staff, PASSWORD)
        .expect("added");
    assert_eq!(alice.name, "alice");
    assert_eq!(alice.role, Role::Staff);
    assert!(alice.created.ends_with('Z'), "{}", alice.created);
    time::OffsetDateTime::parse(
        &alice.created,
        &time::format_description::well_known::Rfc3339,
    )
    .expect("RFC 3339");

    let hash = stored_password_hash(&accounts, "alice");
    assert!(
        hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "{hash}"
    );
    assert!(!hash.contains(PASSWORD));

    assert_eq!(
        accounts
            .verify_password("alice", PASSWORD)
            .expect("verifies"),
        Some(alice.clone())
    );
    // Names compare without ASCII case.
    assert_eq!(
        accounts
            .verify_password("ALICE", PASSWORD)
            .expect("verifies"),
        Some(alice.clone())
    );
    assert_eq!(
        accounts
            .verify_password("alice", "correct horse battery!")
            .expect("verifies"),
        None
    );
    assert_eq!(
        accounts.verify_password("bob", PASSWORD).expect("verifies"),
        None
    );
    assert_eq!(
        accounts
            .verify_password("not a name", "")
            .expect("verifies"),
        None
    );

    // Same password, another salt.
    accounts
        .add_user("bob", Role::Reader, PASSWORD)
        .expect("added");
    assert_ne!(stored_password_hash(&accounts, "bob"), hash);

    accounts
        .set_password("alice", "another long password")
        .expect("changed");
    assert_eq!(
        accounts.verify_password("alice", PASSWORD).expect("ok"),
        None
    );
    assert_eq!(
        accounts
            .verify_password("alice", "another long password")
            .expect("ok"),
        Some(alice)
    );
    assert!(matches!(
        accounts.set_password("carol", "another long password"),
        Err(AccountsError::NoSuchUser { name }) if name == "carol"
    ));
    assert!(matches!(
        accounts.set_password("alice", "short"),
        Err(AccountsError::WeakPassword { min: 12 })
    ));
}

#[test]
fn names_roles_and_passwords_are_checked() {
    let accounts = Accounts::in_memory().expect("opens");
    for bad in ["", "a b", "é", "x/y", &"n".repeat(65), "a:b"] {
        assert!(
            matches!(
                accounts.add_user(bad, Role::Reader, PASSWORD),
                Err(AccountsError::InvalidName { .. })
            ),
            "{bad:?}"
        );
    }
    for reserved in ["cli", "write-token", "CLI", "Write-Token"] {
        assert!(
            matches!(
                accounts.add_user(reserved, Role::Admin, PASSWORD),
                Err(AccountsError::ReservedName { .. })
            ),
            "{reserved:?}"
        );
    }
    assert!(matches!(
        accounts.add_user("dora", Role::Reader, "eleven char"),
        Err(AccountsError::WeakPassword { min: 12 })
    ));
    assert!(matches!(
        accounts.add_user("dora", Role::Reader, &"x".repeat(MAX_PASSWORD_BYTES + 1)),
        Err(AccountsError::PasswordTooLong { .. })
    ));
    // Twelve characters, not twelve bytes: « é » is two bytes.
    assert!(matches!(
        accounts.add_user("dora", Role::Reader, "ééééééééééé"),
        Err(AccountsError::WeakPassword { .. })
    ));
    accounts
        .add_user("dora", Role::Reader, "éééééééééééé")
        .expect("twelve characters");
    accounts
        .add_user(&"n".repeat(64), Role::Reader, PASSWORD)
        .expect("64 characters");
    accounts
        .add_user("j.tremblay-2_x", Role::Admin, PASSWORD)
        .expect("dots, dashes, underscores");
    assert!(matches!(
        accounts.add_user("Dora", Role::Admin, PASSWORD),
        Err(AccountsError::UserExists { name }) if name == "Dora"
    ));
    assert_eq!(
        accounts
            .list_users()
            .expect("lists")
            .iter()
            .map(|u| u.name.as_str())
            .collect::<Vec<_>>(),
        ["dora", "j.tremblay-2_x", &"n".repeat(64)]
    );
    assert_eq!(
        accounts.user("DORA").expect("reads").map(|u| u.name),
        Some("dora".to_owned())
    );
    assert!(matches!(
        accounts.remove_user("nobody"),
        Err(AccountsError::NoSuchUser { .. })
    ));

    assert!(Role::Reader < Role::Staff && Role::Staff < Role::Admin);
    for role in Role::ALL {
        assert_eq!(role.as_str().parse::<Role>().expect("parses"), role);
        assert_eq!(
            serde_json::to_string(&role).expect("serialises"),
            format!("\"{}\"", role.as_str())
        );
    }
    assert_eq!(" Admin ".parse::<Role>().expect("parses"), Role::Admin);
    assert!(matches!(
        "root".parse::<Role>(),
        Err(AccountsError::InvalidRole { given }) if given == "root"
    ));
    assert_eq!(
        serde_json::from_str::<Role>("\"staff\"").expect("deserialises"),
        Role::Staff
    );
}

#[test]
fn a_token_is_shown_once_stored_hashed_and_authenticates_its_user() {
    let dir = tempfile::tempdir().expect("temp dir");
    let accounts = Accounts::open(dir.path()).expect("opens");
    let erin = accounts
        .add_user("erin", Role::Staff, PASSWORD)
        .expect("added");
    let (info, token) = accounts
        .create_token("ERIN", Some("  import script "))
        .expect("created");
    assert_eq!(info.user, "erin");
    assert_eq!(info.label.as_deref(), Some("import script"));
    assert!(!info.revoked);
    assert!(token.starts_with(&format!("mlg_{}_", info.id)), "{token}");
    assert_eq!(info.id.len(), 16);

    let secret = token.rsplit_once(&format!("{}_", info.id)).expect("id").1;
    let stored: String = accounts
        .conn()
        .query_row(
            "SELECT secret_hash FROM tokens WHERE id = ?1",
            [&info.id],
            |row| row.get(0),
        )
        .expect("stored");
    assert!(stored.starts_with("$argon2id$"), "{stored}");
    assert!(!stored.contains(secret));
    // Neither the secret nor the password is anywhere in the files.
    accounts
        .conn()
        .execute_batch("PRAGMA wal_checkpoint(FULL)")
        .expect("checkpoint");
    for entry in std::fs::read_dir(dir.path()).expect("read dir").flatten() {
        let bytes = std::fs::read(entry.path()).expect("read");
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains(secret), "{}", entry.path().display());
        assert!(!text.contains(PASSWORD), "{}", entry.path().display());
    }

    assert_eq!(
        accounts.authenticate_token(&token).expect("checks"),
        Some(erin.clone())
    );
    // Twice: the second time from the cache, same answer.
    assert_eq!(
        accounts.authenticate_token(&token).expect("checks"),
        Some(erin.clone())
    );
    assert_eq!(
        accounts
            .authenticate_token(&format!(" {token}\n"))
            .expect("checks"),
        Some(erin)
    );

    // Same id, another secret (also after the right one was cached).
    let forged = format!(
        "mlg_{}_{}",
        info.id,
        URL_SAFE_NO_PAD.encode([7u8; SECRET_BYTES])
    );
    assert_eq!(accounts.authenticate_token(&forged).expect("checks"), None);
    let fresh = Accounts::open(dir.path()).expect("opens again");
    assert_eq!(fresh.authenticate_token(&forged).expect("checks"), None);
    // Malformed or unknown.
    let unknown_id = format!("mlg_0000000000000000_{secret}");
    for bad in [
        "",
        "mlg_",
        secret,
        &token[..token.len() - 1],
        &format!("{token}x"),
        &token.replacen("mlg_", "mlh_", 1),
        &unknown_id,
        &info.id,
    ] {
        assert_eq!(
            accounts.authenticate_token(bad).expect("checks"),
            None,
            "{bad:?}"
        );
    }

    assert!(matches!(
        accounts.create_token("nobody", None),
        Err(AccountsError::NoSuchUser { .. })
    ));
    assert!(matches!(
        accounts.create_token("erin", Some("a\nb")),
        Err(AccountsError::InvalidLabel { .. })
    ));
    let (second, _) = accounts.create_token("erin", Some("")).expect("created");
    assert_eq!(second.label, None);
    let listed = accounts.list_tokens(Some("erin")).expect("lists");
    assert_eq!(
        listed.iter().map(|t| &t.id).collect::<Vec<_>>().len(),
        2,
        "{listed:?}"
    );
    assert!(listed.contains(&info));
    assert_eq!(accounts.list_tokens(None).expect("lists").len(), 2);
    assert!(matches!(
        accounts.list_tokens(Some("nobody")),
        Err(AccountsError::NoSuchUser { .. })
    ));
}

#[test]
fn revocation_is_immediate_even_from_another_handle_on_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Accounts::open(dir.path()).expect("opens");
    server
        .add_user("fay", Role::Reader, PASSWORD)
        .expect("added");
    let (info, token) = server.create_token("fay", None).expect("created");
    // The server has verified (and cached) the token.
    assert!(server.authenticate_token(&token).expect("checks").is_some());

    // The CLI, another connection to the same file, revokes it.
    let cli = Accounts::open(dir.path()).expect("opens again");
    assert_eq!(cli.path(), Some(dir.path().join(FILE_NAME).as_path()));
    cli.revoke_token(&info.id).expect("revoked");
    assert_eq!(server.authenticate_token(&token).expect("checks"), None);
    assert_eq!(cli.authenticate_token(&token).expect("checks"), None);
    assert!(
        server
            .list_tokens(None)
            .expect("lists")
            .iter()
            .all(|t| t.revoked)
    );
    // Revoking again is fine; an unknown id is not.
    cli.revoke_token(&info.id).expect("already revoked");
    assert!(matches!(
        cli.revoke_token("0123456789abcdef"),
        Err(AccountsError::NoSuchToken { id }) if id == "0123456789abcdef"
    ));
}

#[test]
fn a_removed_users_tokens_and_sessions_stop_working() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Accounts::open(dir.path()).expect("opens");
    server
        .add_user("gus", Role::Admin, PASSWORD)
        .expect("added");
    let (_, token) = server.create_token("gus", Some("ci")).expect("created");
    assert!(server.authenticate_token(&token).expect("checks").is_some());
    server
        .save_session_for("s1", Some("gus"), b"{}", i64::MAX)
        .expect("saved");
    server
        .save_session("s2", b"anonymous", i64::MAX)
        .expect("saved");

    let cli = Accounts::open(dir.path()).expect("opens again");
    cli.remove_user("GUS").expect("removed");
    assert_eq!(server.authenticate_token(&token).expect("checks"), None);
    assert_eq!(server.user("gus").expect("reads"), None);
    assert!(server.list_tokens(None).expect("lists").is_empty());
    assert_eq!(server.load_session("s1", 0).expect("loads"), None);
    assert_eq!(
        server.load_session("s2", 0).expect("loads"),
        Some(b"anonymous".to_vec())
    );

    // A user of the same name later is someone else: the old token stays dead.
    cli.add_user("gus", Role::Admin, PASSWORD).expect("added");
    assert_eq!(server.authenticate_token(&token).expect("checks"), None);
}

#[test]
fn sessions_are_saved_loaded_until_they_expire_and_deleted() {
    let accounts = Accounts::in_memory().expect("opens");
    accounts
        .save_session_for("a", Some("hana"), b"one", 1_000)
        .expect("saved");
    assert_eq!(
        accounts.load_session("a", 999).expect("loads"),
        Some(b"one".to_vec())
    );
    // Replaced.
    accounts
        .save_session_for("a", Some("hana"), b"two", 2_000)
        .expect("saved");
    assert_eq!(
        accounts.load_session("a", 1_500).expect("loads"),
        Some(b"two".to_vec())
    );
    // Expired: not loaded (and gone).
    assert_eq!(accounts.load_session("a", 2_000).expect("loads"), None);
    assert_eq!(accounts.load_session("a", 0).expect("loads"), None);

    // A new id only if it is free.
    assert!(
        accounts
            .insert_session("b", None, b"x", 5_000)
            .expect("inserts")
    );
    assert!(
        !accounts
            .insert_session("b", Some("ivan"), b"y", 5_000)
            .expect("collision")
    );
    assert_eq!(
        accounts.load_session("b", 0).expect("loads"),
        Some(b"x".to_vec())
    );
    accounts.delete_session("b").expect("deleted");
    assert_eq!(accounts.load_session("b", 0).expect("loads"), None);
    accounts.delete_session("b").expect("deleting nothing");

    for (id, user, expires) in [
        ("c", Some("hana"), 100),
        ("d", Some("hana"), 10_000),
        ("e", Some("HANA"), 10_000),
        ("f", Some("ivan"), 10_000),
        ("g", None, 50),
    ] {
        accounts
            .save_session_for(id, user, b"z", expires)
            .expect("saved");
    }
    assert_eq!(accounts.delete_expired_sessions(100).expect("deletes"), 2);
    assert_eq!(accounts.load_session("c", 0).expect("loads"), None);
    accounts.delete_sessions_of("hana").expect("deletes");
    for (id, kept) in [("d", false), ("e", false), ("f", true)] {
        assert_eq!(
            accounts.load_session(id, 0).expect("loads").is_some(),
            kept,
            "{id}"
        );
    }
}

#[test]
fn two_handles_on_one_file_from_two_threads_work() {
    let dir = tempfile::tempdir().expect("temp dir");
    let first = Accounts::open(dir.path()).expect("opens");
    let second = Accounts::open(dir.path()).expect("opens again");
    first.add_user("jo", Role::Staff, PASSWORD).expect("added");
    let (_, token) = first.create_token("jo", None).expect("created");
    let writers: Vec<_> = [first.clone(), second.clone()]
        .into_iter()
        .enumerate()
        .map(|(t, accounts)| {
            std::thread::spawn(move || {
                for i in 0..200 {
                    accounts
                        .save_session_for(&format!("t{t}-{i}"), Some("jo"), b"data", i64::MAX)
                        .expect("saved while the other thread writes");
                }
            })
        })
        .collect();
    // Meanwhile, a thread reading with a clone of the second handle.
    let reader = {
        let accounts = second.clone();
        std::thread::spawn(move || {
            for _ in 0..3 {
                assert!(
                    accounts
                        .authenticate_token(&token)
                        .expect("checks")
                        .is_some()
                );
            }
        })
    };
    for w in writers {
        w.join().expect("writer thread");
    }
    reader.join().expect("reader thread");
    let count: i64 = second
        .conn()
        .query_row("SELECT COUNT(*) FROM sessions", [], |row| row.get(0))
        .expect("counts");
    assert_eq!(count, 400);
    let mode: String = first
        .conn()
        .query_row("PRAGMA journal_mode", [], |row| row.get(0))
        .expect("mode");
    assert_eq!(mode, "wal");
}

#[test]
fn a_backup_is_a_copy_and_never_overwrites() {
    let dir = tempfile::tempdir().expect("temp dir");
    let accounts = Accounts::open(&dir.path().join("store")).expect("opens");
    accounts
        .add_user("kim", Role::Admin, PASSWORD)
        .expect("added");
    let (_, token) = accounts.create_token("kim", None).expect("created");

    let copy_dir = dir.path().join("copy");
    std::fs::create_dir_all(&copy_dir).expect("mkdir");
    accounts
        .backup_to(&database_path(&copy_dir))
        .expect("backed up");
    assert!(matches!(
        accounts.backup_to(&database_path(&copy_dir)),
        Err(AccountsError::BackupTargetExists { .. })
    ));
    let copy = Accounts::open(&copy_dir).expect("the copy opens");
    assert!(copy.verify_password("kim", PASSWORD).expect("ok").is_some());
    assert!(copy.authenticate_token(&token).expect("ok").is_some());

    // The read-only copy between store directories; nothing to copy from a directory
    // without accounts.
    let again = dir.path().join("again");
    std::fs::create_dir_all(&again).expect("mkdir");
    assert!(copy_database(&copy_dir, &again).expect("copied"));
    assert!(matches!(
        copy_database(&copy_dir, &again),
        Err(AccountsError::BackupTargetExists { .. })
    ));
    assert_eq!(
        Accounts::open(&again)
            .expect("opens")
            .list_users()
            .expect("lists")
            .len(),
        1
    );
    let empty = dir.path().join("empty");
    std::fs::create_dir_all(&empty).expect("mkdir");
    assert!(!copy_database(&empty, &again).expect("nothing to copy"));
    assert!(!database_path(&empty).exists());

    let memory = Accounts::in_memory().expect("opens");
    assert_eq!(memory.path(), None);
    memory
        .backup_to(&dir.path().join("memory.sqlite3"))
        .expect("an in-memory database backs up too");
}

#[test]
fn the_schema_has_a_version_and_a_newer_one_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let accounts = Accounts::open(dir.path()).expect("opens");
    assert_eq!(
        schema::version(&accounts.conn()).expect("version"),
        SCHEMA_VERSION
    );
    drop(accounts);
    // Opening again migrates nothing and keeps the data.
    let accounts = Accounts::open(dir.path()).expect("opens again");
    accounts
        .add_user("lee", Role::Reader, PASSWORD)
        .expect("added");
    accounts
        .conn()
        .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .expect("bumped");
    drop(accounts);
    assert!(matches!(
        Accounts::open(dir.path()),
        Err(AccountsError::NewerSchema { found, supported })
            if found == SCHEMA_VERSION + 1 && supported == SCHEMA_VERSION
    ));
}

#[cfg(unix)]
#[test]
fn the_database_file_is_readable_by_its_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let accounts = Accounts::open(&dir.path().join("new-store")).expect("creates the directory");
    let path = accounts.path().expect("on disk");
    let mode = std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600, "{mode:o}");
}
