# Staff accounts on the command line: maillage user … and maillage token …

cli-error = error: { $message }
cli-nothing-written = nothing was written

## The store and the accounts database
cli-accounts-no-store = no store at { $path }: create the first account with `maillage user add --store { $path } --name NAME --role admin`
cli-accounts-database = the accounts database { $path } cannot be used: { $detail }
cli-accounts-newer-schema = the accounts database has schema version { $found } and this Maillage knows versions up to { $supported }: update Maillage

## Errors about an account or a token
cli-accounts-user-exists = the user "{ $name }" already exists
cli-accounts-no-such-user = there is no user "{ $name }" (see `maillage user list`)
cli-accounts-no-such-token = there is no token "{ $id }" (see `maillage token list`)
cli-accounts-invalid-name = "{ $name }" is not a valid user name: 1 to { $max } unaccented letters, digits, ".", "_" or "-"
cli-accounts-reserved-name = the name "{ $name }" is reserved: the history calls the write token or the command line so
cli-accounts-weak-password = password too short: at least { $min } characters
cli-accounts-password-too-long = password too long: at most { $max } bytes
cli-accounts-invalid-role = unknown role "{ $given }": admin, staff or reader
cli-accounts-invalid-label = token label refused: at most { $max } characters, without line breaks or control characters

## Password
cli-password-prompt = Password of "{ $name }" (at least { $min } characters):
cli-password-confirm = The same password again:
cli-password-mismatch = the two passwords differ
cli-password-stdin-empty = no password on standard input (--password-stdin reads its first line)
cli-password-stdin-unreadable = cannot read the password on standard input: { $detail }
cli-password-unreadable = cannot read the password at the terminal ({ $detail }): without a terminal, give it on standard input with --password-stdin

## Results
cli-user-added = user "{ $name }" added, role { $role }
cli-user-removed = user "{ $name }" removed, with their tokens and sessions
cli-user-none = no users; add one with `maillage user add`
cli-token-created = token { $id } created for "{ $user }"; copy it now, it will not be shown again:
cli-token-revoked = token { $id } revoked: it opens nothing any more, from now on
cli-token-none = no tokens

## Tables
cli-accounts-header-name = name
cli-accounts-header-role = role
cli-accounts-header-created = created
cli-accounts-header-id = id
cli-accounts-header-user = user
cli-accounts-header-label = label
cli-accounts-header-state = state
cli-token-state-active = active
cli-token-state-revoked = revoked

