# Problem documents (RFC 9457): titles and details of the errors of the API, SPARQL and the
# Graph Store Protocol.

## Titles
err-title-bad-request = Bad request
err-title-not-found = Not found
err-title-not-acceptable = Not acceptable
err-title-conflict = Conflict
err-title-unsupported-media-type = Unsupported media type
err-title-unauthorized = Unauthorized
err-title-too-many = Too many attempts
err-title-forbidden = Forbidden
err-title-internal = Internal error
err-title-shape-violations = SHACL shape violations
err-title-timeout = Query timeout
err-title-busy = Too busy
err-title-result-too-large = Result too large
err-title-cancelled = Cancelled
err-title-invalid-json = Invalid JSON body
err-title-body-too-large = Request body too large
err-title-query-too-long = Query too long
err-title-not-applicable = Not applicable

## General errors
err-internal = The server could not handle the request. The cause is in the server's log under request id { $request }.
err-invalid-json = The JSON body is invalid: { $detail }
err-invalid-query = Invalid query parameters: { $detail }
err-invalid-path = Invalid address (see the technical detail).
err-param-repeated = The parameter "{ $name }" was given { $count } times; give it once.
err-body-too-large = The request body is larger than the limit of { $limit } bytes.
err-body-unreadable = Cannot read the request body: { $detail }
err-charset = The body must be UTF-8, not { $charset }.
err-not-utf8 = { $what ->
    [query] The SPARQL query is not valid UTF-8.
   *[update] The SPARQL update is not valid UTF-8.
}

## Store and SPARQL
err-rdf-syntax = RDF syntax error: { $detail }
err-rdf-format = { $name }: unknown RDF format (use .ttl, .nt, .nq, .trig, .rdf/.owl/.xml or .jsonld).
err-invalid-iri = { $iri } is not a valid IRI: { $detail }
err-sparql-syntax = { $what ->
    [update] The SPARQL update is malformed (see the technical detail).
   *[query] The SPARQL query is malformed (see the technical detail).
}
err-dataset-conflict = Conflicting datasets: { $detail }
err-shape-violations = { $count ->
    [one] One SHACL violation: the write was rejected and nothing changed.
   *[other] { $count } SHACL violations: the write was rejected and nothing changed.
}
err-timeout = The query did not finish within its time budget of { $seconds } s and was cancelled.
err-busy = Too many queries are running ({ $count }); try again shortly.
err-result-too-large = The result has more than { $rows } rows; add a LIMIT.
err-cancelled = The query was cancelled.
err-evaluation = Query evaluation failed: { $detail }
err-query-twice = A query was sent both in the URL and in the body; send it once.
err-form-missing = The form has no "{ $name }" parameter.
err-sparql-media-type = POST { $route } takes { $accepted }, not { $given }.
err-results-not-acceptable = { $kind } results are available as { $formats }.
err-unknown-format = Unknown { $kind } format "{ $name }": use { $formats }.
err-sparql-no-type = POST { $route } takes { $accepted }; this body has no Content-Type.
err-update-by-get = A SPARQL update is sent by POST (application/sparql-update, or a form with update=), never by GET.

## Graph Store Protocol
err-graph-and-default = Give either ?graph=IRI or ?default, not both.
err-direct-and-indirect = The address { $path } already names its graph; add neither ?graph=IRI nor ?default.
err-graph-iri = ?graph={ $iri } is not a valid IRI: { $detail }
err-dataset-not-acceptable = The whole dataset is available as application/n-quads or application/trig.
err-graph-not-acceptable = Graphs are available as text/turtle, application/n-triples, application/rdf+xml or application/ld+json.
err-no-such-graph = No such graph in the store.
err-put-dataset = Without ?graph=IRI or ?default, PUT a dataset (application/n-quads or application/trig).
err-rdf-media-type = Send RDF as text/turtle, application/n-triples, application/n-quads, application/trig, application/rdf+xml or application/ld+json (or several in multipart/form-data), not { $given }.
err-rdf-no-type = Send RDF as text/turtle, application/n-triples, application/n-quads, application/trig, application/rdf+xml or application/ld+json (or several in multipart/form-data) with its Content-Type.
err-multipart-boundary = multipart/form-data without a boundary.
err-multipart-malformed = Malformed multipart/form-data body.
err-multipart-part-type = Each multipart/form-data part needs an RDF Content-Type or file name.
err-delete-target = DELETE needs ?graph=IRI or ?default.

## Write access
err-token-invalid = The bearer token is not valid: unknown, revoked or mistyped.
err-token-malformed = The Authorization header must read "Bearer TOKEN".
err-token-missing = Writes need an account: an "Authorization: Bearer TOKEN" header (maillage token create) or a signed-in session (/login).
err-role-cannot-write = The role "{ $role }" may read, not write: the staff or admin role is needed.
err-admin-only = Only an admin account may do this.
err-csrf = Missing or wrong anti-CSRF token: reload the page and try again (scripts send the X-CSRF-Token header given by GET /api/v1/session, or use a bearer token).
err-revert-not-yours = Change { $change } was made by "{ $actor }": only an admin may revert someone else's change.
err-sign-in-failed = Wrong name or password.
err-sign-in-throttled = Too many failed sign-ins: try again in { $minutes } min.
err-sign-in-fields = Give a name and a password.

## REST writes
err-field-iri = { $field }: "{ $value }" is not a valid IRI ({ $detail }).
err-field-empty = { $field } must not be empty.
err-field-too-long = { $field } must be at most { $max } characters, without control characters.
err-field-web = { $field }: "{ $value }" must be an http(s) address.
err-field-literal = { $field }: invalid value ({ $detail }).
err-id-invalid = The id "{ $id }" must be 1 to 100 characters among a-z, 0-9 and -.
err-sources-missing = sources must list at least one address that states the facts.
err-capacity-range = capacity must be between 0 and 1000.
err-amount-range = amount must be between 0 and 10^12 CAD.
err-organisation-exists = An organisation with id "{ $id }" exists: use PUT to replace it.
err-project-exists = A project with id "{ $id }" exists.
err-no-project = No project has the id "{ $id }".
err-unknown-envelope = envelope: unknown envelope "{ $value }".
err-unknown-axis = axes: "{ $value }" is not an axis of the ZEM action plan (e.g. innovation-productivite).
err-field-date = { $field }: "{ $value }" is not a YYYY-MM-DD date.
err-dates-order = The end date is before the start date.
err-transition-illegal = A project does not move from "{ $from }" to "{ $to }": selection goes from proposed to under review, recommended, selected, funded and completed, and an open project can be rejected or withdrawn.
err-transition-no-amount = The project has no amount (requested or granted): it cannot be selected or funded.
err-transition-stale = The status of project "{ $id }" changed meanwhile; reload it and try again.
err-overcommit = Envelope { $envelope } holds ${ $amount }; this change would commit ${ $held } of it. An admin can confirm the overrun with a note.
err-overrun-admin = Only an admin can confirm an overrun of the envelope.
err-overrun-note = Confirming an overrun of the envelope needs a note that justifies it.
err-granted-at-selection = amount_granted is set when the project is selected (status "selected").
err-id-mismatch = The body's id "{ $body }" differs from the path's "{ $path }".
err-no-organisation = No organisation has the id "{ $id }".
err-unknown-organisation = { $field }: unknown organisation "{ $value }".

## REST filters
err-range = { $name } must be between { $min } and { $max }.
err-unknown-sector = Unknown NAICS class "{ $value }".
err-unknown-concept = Unknown expertise concept "{ $value }".
err-unknown-municipality = Unknown municipality "{ $value }": give a MAMH code such as 23027.

## Linked data (/id/…)
err-unknown-resource = Nothing is known about <{ $iri }>.
err-resource-not-acceptable = Resources are available as text/html, text/turtle, application/ld+json, application/n-triples or application/rdf+xml.

## Errors explained to people: SPARQL syntax, parameters, JSON bodies, unknown addresses
err-title-sparql-syntax = SPARQL syntax error
err-title-method-not-allowed = Method not allowed
err-quoted = "{ $item }"
err-sparql-syntax-at = Syntax error at line { $line }, column { $column }: unexpected "{ $found }"; expected { $expected }.
err-sparql-syntax-at-plain = Syntax error at line { $line }, column { $column }: unexpected "{ $found }".
err-sparql-syntax-end = { $what ->
    [update] Syntax error at line { $line }, column { $column }: the update ends too early; expected { $expected }.
   *[query] Syntax error at line { $line }, column { $column }: the query ends too early; expected { $expected }.
}
err-sparql-syntax-end-plain = { $what ->
    [update] Syntax error at line { $line }, column { $column }: the update ends too early.
   *[query] Syntax error at line { $line }, column { $column }: the query ends too early.
}
err-param-one-of = The parameter "{ $name }" cannot be "{ $value }": possible values are { $values }.
err-param-integer = The parameter "{ $name }" must be a whole number from { $min } to { $max }, not "{ $value }".
err-param-integer-any = The parameter "{ $name }" must be a whole number, not "{ $value }".
err-param-number = The parameter "{ $name }" must be a number (decimal point, for example 2.5), not "{ $value }".
err-param-boolean = The parameter "{ $name }" is "true" or "false", not "{ $value }".
err-param-invalid = The parameter "{ $name }" has an invalid value: "{ $value }".
err-param-missing = The parameter "{ $name }" is required.
err-path-utf8 = The address segment "{ $name }" is not valid UTF-8.
err-path-value = The address segment "{ $name }" has an invalid value: "{ $value }".
err-json-content-type = The body must be JSON (Content-Type: application/json), not { $given }.
err-json-no-content-type = The body must be JSON, sent with the header "Content-Type: application/json".
err-json-syntax = The body is not valid JSON: error at line { $line }, column { $column }.
err-json-shape = The JSON body does not have the expected shape (see the technical detail).
err-json-field-missing = The field "{ $name }" is required.
err-json-field-one-of = The field "{ $name }" cannot be "{ $value }": possible values are { $values }.
err-json-field-type = The field "{ $name }" does not have the expected type (see the technical detail).
err-json-field-unknown = The field "{ $name }" is unknown: possible fields are { $values }.
err-json-field-invalid = The field "{ $name }" has an invalid value (see the technical detail).
err-unknown-address = There is no page at "{ $path }".
err-method-not-allowed = The method { $method } is not allowed at "{ $path }".
err-body-too-large-unknown = The request body is larger than allowed.

# Write path: protected graphs, history and revert (issue 9)
err-title-protected-graph = Protected graph
err-protected-graph = The graph { $graph } is a system graph (ontology, shapes, taxonomies or territory, or the history): it changes only through “maillage load --system”. Nothing was written.
err-title-no-such-change = Unknown change
err-no-such-change = The history has no change { $id }.
err-title-revert-conflict = Cannot revert
err-revert-conflict = Change { $id } cannot be reverted: { $quads ->
    [one] one of its triples has
   *[other] { $quads } of its triples have
  } changed since{ $later ->
    [none] {""}
   *[other] {" "}(changes { $later })
  }. Nothing was written.
err-query-too-deep = The query nests { $depth } levels of braces, parentheses or brackets; the service accepts at most { $max }.
err-query-too-many-operators = The query chains { $count } operators and pattern keywords (/, |, &&, +, UNION, OPTIONAL, BIND…); the service accepts at most { $max }. For a long list of values, use VALUES.
err-query-too-long = The query is { $bytes } bytes long; the service accepts at most { $max }. Split it into several queries.
err-field-municipality = municipality: "{ $value }" is neither a five-digit MAMH municipality code (e.g. 23027) nor its IRI.
