//! `maillage user …` and `maillage token …`: the staff accounts of a store directory (the
//! `maillage_accounts` database beside the RDF store). They run while `maillage serve` holds
//! the same store: the accounts database takes writers from several processes.
//!
//! Messages come from the catalogue (`accounts.ftl`) in the `--lang` language, French by
//! default; an error names what was wrong and ends with exit code 1.

use std::io::BufRead;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use comfy_table::{Table, presets::UTF8_FULL_CONDENSED};
use maillage_accounts::{Accounts, AccountsError, MAX_NAME_CHARS, MIN_PASSWORD_CHARS, Role};
use maillage_i18n::{Arg, Locale};

use crate::cli::{AccountsAt, ReportFormat, TokenCommand, UserCommand};
use crate::output::out;

/// A failure already put in words for the person at the terminal.
struct Refusal(String);

/// What a command gives back: done, or refused with a message.
type Outcome = std::result::Result<(), Refusal>;

fn args<'a>(pairs: &[(&'a str, String)]) -> Vec<(&'a str, Arg<'static>)> {
    pairs
        .iter()
        .map(|(k, v)| (*k, Arg::from(v.clone())))
        .collect()
}

fn say(locale: Locale, id: &str, pairs: &[(&str, String)]) -> String {
    locale.t_args(id, &args(pairs))
}

/// The catalogue's words for an accounts error; `path` is the database's or store's path.
fn describe(locale: Locale, error: &AccountsError, path: &Path) -> String {
    let s = |id: &str, pairs: &[(&str, String)]| say(locale, id, pairs);
    match error {
        AccountsError::UserExists { name } => {
            s("cli-accounts-user-exists", &[("name", name.clone())])
        }
        AccountsError::NoSuchUser { name } => {
            s("cli-accounts-no-such-user", &[("name", name.clone())])
        }
        AccountsError::NoSuchToken { id } => s("cli-accounts-no-such-token", &[("id", id.clone())]),
        AccountsError::InvalidName { name } => s(
            "cli-accounts-invalid-name",
            &[("name", name.clone()), ("max", MAX_NAME_CHARS.to_string())],
        ),
        AccountsError::ReservedName { name } => {
            s("cli-accounts-reserved-name", &[("name", name.clone())])
        }
        AccountsError::WeakPassword { min } => {
            s("cli-accounts-weak-password", &[("min", min.to_string())])
        }
        AccountsError::PasswordTooLong { max } => s(
            "cli-accounts-password-too-long",
            &[("max", max.to_string())],
        ),
        AccountsError::InvalidRole { given } => {
            s("cli-accounts-invalid-role", &[("given", given.clone())])
        }
        AccountsError::InvalidLabel { max } => {
            s("cli-accounts-invalid-label", &[("max", max.to_string())])
        }
        AccountsError::NewerSchema { found, supported } => s(
            "cli-accounts-newer-schema",
            &[
                ("found", found.to_string()),
                ("supported", supported.to_string()),
            ],
        ),
        AccountsError::Database { .. }
        | AccountsError::Io { .. }
        | AccountsError::Hash { .. }
        | AccountsError::Random { .. }
        | AccountsError::Corrupt { .. }
        | AccountsError::BackupTargetExists { .. } => s(
            "cli-accounts-database",
            &[
                ("path", path.display().to_string()),
                ("detail", error.detail()),
            ],
        ),
    }
}

fn locale_of(at: &AccountsAt) -> Result<Locale> {
    at.lang.parse().map_err(|e| anyhow::anyhow!("--lang: {e}"))
}

/// Prints a refusal; exit code 1.
fn refuse(locale: Locale, message: String) -> ExitCode {
    eprintln!("{}", say(locale, "cli-error", &[("message", message)]));
    ExitCode::FAILURE
}

/// Runs `command` with the accounts of `at.store` (an existing store directory unless
/// `create`), printing a refusal and giving exit code 1.
fn with_accounts(
    at: &AccountsAt,
    create: bool,
    command: impl FnOnce(Locale, &Accounts) -> Result<Outcome>,
) -> Result<ExitCode> {
    let locale = locale_of(at)?;
    if !create && !at.store.is_dir() {
        let message = say(
            locale,
            "cli-accounts-no-store",
            &[("path", at.store.display().to_string())],
        );
        return Ok(refuse(locale, message));
    }
    let database = maillage_accounts::database_path(&at.store);
    let accounts = match Accounts::open(&at.store) {
        Ok(accounts) => accounts,
        Err(error) => return Ok(refuse(locale, describe(locale, &error, &database))),
    };
    match command(locale, &accounts)? {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(Refusal(message)) => Ok(refuse(locale, message)),
    }
}

/// Turns an accounts error into a refusal in words.
fn refusal(locale: Locale, accounts: &Accounts) -> impl Fn(AccountsError) -> Refusal + '_ {
    move |error| {
        let path = accounts.path().unwrap_or(Path::new(""));
        Refusal(describe(locale, &error, path))
    }
}

pub fn run_user(action: UserCommand) -> Result<ExitCode> {
    match action {
        UserCommand::Add {
            at,
            name,
            role,
            password_stdin,
        } => {
            // The name and the role are checked before anything is created or asked for.
            let locale = locale_of(&at)?;
            let checked = role.parse::<Role>().and_then(|role| {
                maillage_accounts::check_name(&name)?;
                Ok(role)
            });
            match checked {
                Ok(role) => with_accounts(&at, true, |locale, accounts| {
                    Ok(add_user(locale, accounts, &name, role, password_stdin))
                }),
                Err(e) => Ok(refuse(locale, describe(locale, &e, &at.store))),
            }
        }
        UserCommand::List { at, format } => with_accounts(&at, false, |locale, accounts| {
            let users = match accounts.list_users() {
                Ok(users) => users,
                Err(e) => return Ok(Err(refusal(locale, accounts)(e))),
            };
            match format {
                ReportFormat::Json => out!("{}", serde_json::to_string_pretty(&users)?),
                ReportFormat::Table if users.is_empty() => {
                    eprintln!("{}", locale.t("cli-user-none"));
                }
                ReportFormat::Table => {
                    let mut table = Table::new();
                    table.load_preset(UTF8_FULL_CONDENSED);
                    table.set_header([
                        locale.t("cli-accounts-header-name"),
                        locale.t("cli-accounts-header-role"),
                        locale.t("cli-accounts-header-created"),
                    ]);
                    for user in &users {
                        table.add_row([
                            user.name.clone(),
                            user.role.to_string(),
                            user.created.clone(),
                        ]);
                    }
                    out!("{table}");
                }
            }
            Ok(Ok(()))
        }),
        UserCommand::Remove { at, name } => with_accounts(&at, false, |locale, accounts| {
            // The stored spelling of the name, for the message.
            let shown = match accounts.user(&name) {
                Ok(Some(user)) => user.name,
                Ok(None) => name.clone(),
                Err(e) => return Ok(Err(refusal(locale, accounts)(e))),
            };
            Ok(accounts
                .remove_user(&name)
                .map(|()| eprintln!("{}", say(locale, "cli-user-removed", &[("name", shown)])))
                .map_err(refusal(locale, accounts)))
        }),
    }
}

fn add_user(
    locale: Locale,
    accounts: &Accounts,
    name: &str,
    role: Role,
    password_stdin: bool,
) -> Outcome {
    let refuse = refusal(locale, accounts);
    // A name taken is said before the password is asked for.
    if accounts.user(name).map_err(&refuse)?.is_some() {
        return Err(refuse(AccountsError::UserExists {
            name: name.to_owned(),
        }));
    }
    let password = if password_stdin {
        password_from_stdin(locale)?
    } else {
        password_from_prompt(locale, name)?
    };
    let user = accounts.add_user(name, role, &password).map_err(&refuse)?;
    eprintln!(
        "{}",
        say(
            locale,
            "cli-user-added",
            &[("name", user.name), ("role", user.role.to_string())]
        )
    );
    Ok(())
}

/// The first line of standard input, without its line ending.
fn password_from_stdin(locale: Locale) -> std::result::Result<String, Refusal> {
    let mut line = String::new();
    let read = std::io::stdin().lock().read_line(&mut line).map_err(|e| {
        Refusal(say(
            locale,
            "cli-password-stdin-unreadable",
            &[("detail", e.to_string())],
        ))
    })?;
    let password = line
        .strip_suffix('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .unwrap_or(&line);
    if read == 0 || password.is_empty() {
        return Err(Refusal(locale.t("cli-password-stdin-empty")));
    }
    Ok(password.to_owned())
}

/// The password typed twice at the terminal, without echo.
fn password_from_prompt(locale: Locale, name: &str) -> std::result::Result<String, Refusal> {
    let unreadable = |e: std::io::Error| {
        Refusal(say(
            locale,
            "cli-password-unreadable",
            &[("detail", e.to_string())],
        ))
    };
    let first = rpassword::prompt_password(format!(
        "{} ",
        say(
            locale,
            "cli-password-prompt",
            &[
                ("name", name.to_owned()),
                ("min", MIN_PASSWORD_CHARS.to_string())
            ]
        )
    ))
    .map_err(unreadable)?;
    // Too short: say so now rather than after the second typing.
    if let Err(e) = maillage_accounts::check_password(&first) {
        return Err(Refusal(describe(locale, &e, Path::new(""))));
    }
    let second = rpassword::prompt_password(format!("{} ", locale.t("cli-password-confirm")))
        .map_err(unreadable)?;
    if first != second {
        return Err(Refusal(locale.t("cli-password-mismatch")));
    }
    Ok(first)
}

pub fn run_token(action: TokenCommand) -> Result<ExitCode> {
    match action {
        TokenCommand::Create { at, user, label } => {
            with_accounts(&at, false, |locale, accounts| {
                let (info, token) = match accounts.create_token(&user, label.as_deref()) {
                    Ok(created) => created,
                    Err(e) => return Ok(Err(refusal(locale, accounts)(e))),
                };
                out!(
                    "{}",
                    say(
                        locale,
                        "cli-token-created",
                        &[("id", info.id), ("user", info.user)]
                    )
                );
                // Alone on the last line, for `| tail -n 1`.
                out!("{token}");
                Ok(Ok(()))
            })
        }
        TokenCommand::Revoke { at, id } => with_accounts(&at, false, |locale, accounts| {
            Ok(accounts
                .revoke_token(&id)
                .map(|()| {
                    eprintln!(
                        "{}",
                        say(locale, "cli-token-revoked", &[("id", id.clone())])
                    )
                })
                .map_err(refusal(locale, accounts)))
        }),
        TokenCommand::List { at, user, format } => with_accounts(&at, false, |locale, accounts| {
            let tokens = match accounts.list_tokens(user.as_deref()) {
                Ok(tokens) => tokens,
                Err(e) => return Ok(Err(refusal(locale, accounts)(e))),
            };
            match format {
                ReportFormat::Json => out!("{}", serde_json::to_string_pretty(&tokens)?),
                ReportFormat::Table if tokens.is_empty() => {
                    eprintln!("{}", locale.t("cli-token-none"));
                }
                ReportFormat::Table => {
                    let mut table = Table::new();
                    table.load_preset(UTF8_FULL_CONDENSED);
                    table.set_header([
                        locale.t("cli-accounts-header-id"),
                        locale.t("cli-accounts-header-user"),
                        locale.t("cli-accounts-header-label"),
                        locale.t("cli-accounts-header-created"),
                        locale.t("cli-accounts-header-state"),
                    ]);
                    for token in &tokens {
                        table.add_row([
                            token.id.clone(),
                            token.user.clone(),
                            token.label.clone().unwrap_or_default(),
                            token.created.clone(),
                            if token.revoked {
                                locale.t("cli-token-state-revoked")
                            } else {
                                locale.t("cli-token-state-active")
                            },
                        ]);
                    }
                    out!("{table}");
                }
            }
            Ok(Ok(()))
        }),
    }
}
