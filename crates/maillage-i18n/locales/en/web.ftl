# Web application (crates/maillage-api/src/web) and errors of the HTTP edge. English. Numbers
# arrive formatted (Locale::int, dec, percent, money), except $count, a whole number used to
# choose the plural.

## Layout: header, navigation, footer

# The tab title: "page — Maillage".
web-page-title = { $page } — Maillage
web-skip = Skip to content
web-nav-label = Main navigation
web-nav-home = Home
web-nav-search = Search
web-nav-gaps = Gaps
web-nav-network = Network
web-nav-sparql = SPARQL
web-nav-api-docs = API docs
# The name of this language in this language (the link of the language switch).
web-lang-name = English
web-footer-open-data = Open data:
web-footer-dataset = whole dataset (RDF)
web-footer-sparql = SPARQL endpoint
web-footer-csv = organisations (CSV)
web-footer-xlsx = organisations (Excel, XLSX)
web-footer-rest = REST API
web-footer-about = Maillage — the AI ecosystem of the Québec City region. Organisations marked “demo” are fictional.

## Error pages

web-error-not-found = Not found
web-error-invalid = Invalid request
web-error-back = Back to the home page

## Words shared by several pages

web-role-supplier = AI supplier
web-role-adopter = Adopter
web-type = Type
web-expertise = Expertise
web-organisations = Organisations
web-organisation = Organisation
web-in-zem = In the ZEM
web-zem = ZEM
web-demo = demo
web-search-button = Search
web-hover-dot = Each dot is an organisation: tap or click it to open its profile (its name shows on hover; from the keyboard, the arrow keys move from dot to dot); the tables below the graph name the same organisations.
web-network-skip = Skip the graph
web-count-organisations =
    { $count ->
        [one] { $count } organisation
       *[other] { $count } organisations
    }

## Map of the region (SVG) — map by municipality, legend, counted caption (layouts and map helper)

web-map-label = Map of the organisations of the Québec metropolitan economic zone, grouped by municipality
web-map-zem-municipality = ZEM municipality with no listed organisation
web-map-legend-water = St. Lawrence River (shores: Natural Earth at 1:10,000,000, public domain)
web-map-legend-place = ZEM municipality: the circle's area is proportional to its number of organisations
web-map-how = Each circle is a municipality of the ZEM, with its number of organisations. Tap or click a circle to see the list of its organisations. With a keyboard, the map is a single tab stop: the arrow keys move from one municipality to the next, Enter opens the list.
web-map-skip = Skip the map
# A municipality's name on the map and in the list; $n is the formatted number, $count picks the plural.
web-map-place =
    { $count ->
        [one] { $name }: { $n } organisation
       *[other] { $name }: { $n } organisations
    }
# Label of a small circle: the name and the number.
web-map-place-label = { $name } ({ $n })
web-map-scale = { $km } km
web-map-list = Organisations by ZEM municipality (list)
web-map-no-coordinates = (no coordinates in the data: not on the map)
# Counted caption: $n is the (formatted) number, $count picks the plural.
web-map-where =
    { $count ->
        [one] Where the only organisation is:
       *[other] Where the { $n } organisations are:
    }
web-map-in-zem = { $n } in the ZEM, of which:
web-map-drawn =
    { $n } on the map, { $places ->
        [one] in { $places_n } municipality
       *[other] in { $places_n } municipalities
    }
web-map-unplaced =
    { $count ->
        [one] { $n } in a municipality without coordinates in the data (in the list below the map, not on the map)
       *[other] { $n } in municipalities without coordinates in the data (in the list below the map, not on the map)
    }
web-map-outside = { $n } elsewhere in Québec, outside the ZEM and the map
web-map-unknown = { $n } without a known municipality

## Home

web-home-title = The AI ecosystem of the Québec City region
web-home-lead = AI suppliers and adopters, research centres, schools and funding of the Québec metropolitan economic zone (ZEM).
web-home-search-label = Search an organisation or an expertise
web-home-search-placeholder = e.g. vision, insurance, Lévis
web-home-counts = At a glance
# The "215 organisations" cards: the number is shown apart, $count chooses the plural.
web-home-card-organisations =
    { $count ->
        [one] organisation
       *[other] organisations
    }
web-home-card-suppliers =
    { $count ->
        [one] AI supplier
       *[other] AI suppliers
    }
web-home-card-adopters =
    { $count ->
        [one] adopter (stated or potential)
       *[other] adopters (stated or potential)
    }
web-home-card-in-zem = in the ZEM
web-home-by-kind = Organisations by type
web-home-count = Count
web-home-demo-organisations =
    { $count ->
        [one] Including { $count } fictional demo organisation.
       *[other] Including { $count } fictional demo organisations.
    }
# $amount is shown in bold.
web-home-envelope-of = Envelope of { $amount }
web-home-envelope-funder = — funder: { $funder }
web-home-envelope-recipient = — entrusted to { $recipient }
web-home-budget-bar = Committed: { $committed }, in the pipeline: { $pipeline }, remaining: { $remaining }
web-home-committed = Committed
web-home-pipeline = Pipeline (proposed, selected)
web-home-remaining = Remaining
web-home-demo-projects = Fictional demo projects
web-home-demo-projects-detail =
    — shown apart, never counted in the envelope: { $count ->
        [one] { $count } project
       *[other] { $count } projects
    }, { $amount }.
web-home-map = Map of the region
web-home-top-expertise = Top expertise areas
web-home-top-expertise-caption = Number of organisations offering, researching or teaching each expertise

## Search

web-search-title = Search
web-search-title-query = Search for “{ $query }”
web-search-heading = Search the ecosystem
web-search-keywords = Keywords (name, description, expertise; accents ignored)
web-search-all-masculine = All
web-search-all-feminine = All
web-search-role = Role
web-search-expertise = AI expertise
web-search-sector = Sector (NAICS)
web-search-municipality = Municipality
web-search-any = Any
web-search-yes = Yes
web-search-no = No
web-search-clear = Clear filters
web-search-results =
    { $count ->
        [one] { $count } result
       *[other] { $count } results
    }
web-search-no-result = No organisation matches. Try fewer filters or another word.
web-search-demo = demo (fictional)
web-search-expertise-list = Expertise:
web-search-pages = Result pages
web-search-previous = Previous
web-search-next = Next

## An organisation's profile

web-profile-not-found = No organisation has the id “{ $id }”.
web-profile-breadcrumb = Breadcrumb
web-profile-demo = demo — fictional organisation
web-profile-facts = Facts
web-profile-other-names = Other names
web-profile-website = Website
web-profile-sectors = Sectors (NAICS)
web-profile-location = Location
web-profile-zem = metropolitan economic zone
web-profile-outside-zem = outside the ZEM
web-profile-location-unknown = unknown
web-profile-municipality-centre = centre of the municipality
web-profile-capacity = Capacity (simultaneous projects)
web-profile-sources = Sources
web-profile-no-source = No source given.
web-profile-linked-data = Linked data (RDF)
web-profile-expertise-needs = Expertise and needs
web-profile-offers = Expertise offered
web-profile-research = Research areas
web-profile-trains = Trains in
web-profile-stated-needs = Stated needs
web-profile-typical-needs = Needs typical of the sector
web-profile-inferred = inferred, not stated
web-profile-typical-needs-note = The organisation has stated no needs: these are typical of its sector.
web-profile-no-expertise = No known expertise or need.
web-profile-relations = Relations
web-profile-parents = Parent organisation
web-profile-children = Sub-organisations
web-profile-partners = Partners
web-profile-no-relation = No known relation.
web-profile-projects = Projects
web-profile-no-project = No known project.
web-project = Project
web-project-supplier = Supplier
web-project-adopter = Adopter
web-project-status = Status
web-project-amount = Amount

## Best partners (profile)

web-matches-suppliers = Best suppliers
web-matches-adopters = Best adopters
web-matches-note = Ranking computed from expertise, needs, sector experience, network proximity and the ZEM axes. Eligibility for the ZEM envelope is checked rule by rule.
web-matches-none = No partner found.
web-matches-typical = typical needs
web-matches-typical-note = The adopter's needs are those typical of its sector (not stated).
web-match-score = Score:
web-match-eligible = ✓ Eligible (ZEM)
web-match-not-eligible = ✗ Not eligible (ZEM)
web-match-undetermined = ? Eligibility to be confirmed (ZEM)
web-match-details = Score breakdown and eligibility
web-match-components = Score components
web-match-rules = Eligibility rules
# Readable scores (web/profile.rs, web/terms.rs): rank, band, breakdown, jargon explained
web-term-about = Explanation: { $term }
web-match-rank = { $position ->
    [1] first
   *[other] no. { $rank }
} of { $count } { $candidates ->
    [one] candidate
   *[other] candidates
}
web-term-band-text = Reading the score: strong from { $strong } (the offer covers most of the needs), possible from { $possible } to { $strong } (part of the needs), weak below { $possible } (the score rests mostly on location or the network). The rank places this partner among all the candidates scored; equal scores share a rank.
web-match-breakdown = How the score adds up:
web-match-breakdown-none = no component brings any point.
web-match-part = { $component } { $value } × weight { $weight } = { $points }
web-match-total = = { $points } points out of 100
web-match-total-one = points out of 100
web-match-component = Component
web-match-value = Value
web-match-weight = Weight
web-match-points = Points
web-match-score-total = Score (points out of 100)
web-term-need-coverage-text = The share of the adopter's needs that the supplier's expertise covers: 100% when every need is offered as such, less when the offer is broader or narrower than the need.
web-term-sector-experience-text = The supplier's past projects with adopters of the same sector (or of the same top-level sector, for half).
web-term-network-proximity-text = Closeness in the network of organisations: 100% for a direct link, 50% at two steps, 25% at three, 0 beyond.
web-term-zem-axis-alignment-text = 50% when both organisations are in the ZEM, plus the share of the ZEM's priority axes that the supplier has also worked on in its projects.
web-term-levels = levels of the classification
web-term-levels-text = Areas of expertise form a tree, from the most general (“Artificial intelligence”) to the most specific (“Object detection”). Each level between the offer and the need lowers the coverage: × { $broader } per level when the offer is broader, × { $narrower } when it is narrower.
web-term-network-steps = steps in the network
web-term-network-steps-text = The network links organisations through their partnerships, parent–subsidiary ties and shared projects; each link is a step. The fewer steps between two organisations, the better they know each other.
web-term-inferred = needs inferred from the sector
web-term-inferred-text = The organisation stated no needs: it is given those typical of its sector. A guess weighs less than a stated need, and the coverage is counted at { $discount }.
web-term-betweenness-text = The share of the shortest paths between two organisations of the network that go through this one. The higher it is, the more the organisation acts as a go-between for groups that would otherwise be loosely linked.
web-term-articulation-text = An organisation whose disappearance would split the network into separate pieces.
web-term-community-text = A group of organisations more linked with each other than with the rest of the network, found automatically from the links.
web-rule-passed = passed
web-rule-failed = failed
web-rule-unknown = unknown
web-rule-name = Rule
web-rule-verdict = Verdict
web-rule-reason = Why
web-rule-source = Source
web-rule-source-link = source { $n }

## Gaps

web-gaps-title = Expertise gaps
web-gaps-lead = Where the AI demand of the ZEM's adopters exceeds what the region offers, expertise area by expertise area.
web-gaps-csv = Download the table (CSV)
web-gaps-xlsx = Download the table (Excel, XLSX)
web-gaps-how-to-read = How to read this page
web-gaps-def-demand = Number of ZEM adopters that need this area or a narrower area within it. A stated need counts 1, a need inferred from the sector ½: hence the halves.
web-gaps-inferred = Inferred demand
web-gaps-def-inferred = The part of the demand from organisations that stated no needs: they are given the typical needs of their sector, at half weight. Marked ◐ in the table and hatched in the chart.
web-gaps-def-supply = Number of ZEM organisations that bring this area or a narrower one: 1 for a company offering it, ½ for a research centre working on it, ¼ for a school teaching it.
web-gaps-def-unmet = The part of the demand that no eligible ZEM supplier covers at least { $threshold }: these adopters find nobody in the region.
web-gaps-shortfall = Shortfall
web-gaps-def-shortfall = Demand minus local supply, when demand exceeds supply: many adopters for few organisations able to serve them.
web-gaps-order = Ranking
web-gaps-def-order = Areas are ranked by unmet demand first, then by shortfall. The chart shows the table's first areas, in the same order.
web-gaps-total = For “{ $label }” as a whole (all areas together, not ranked): demand { $demand } (of which { $inferred } inferred), local supply { $supply }, unmet demand { $unmet }.
web-gaps-no-demand = No known demand from the ZEM's adopters.
web-gaps-chart = { $count ->
    [one] The first area of the ranking
   *[other] The first { $count } areas of the ranking
}
web-gaps-table = Gaps by expertise area
web-gaps-quotient-note = Location quotient: specialisation of the ZEM against the organisations outside it in the data (above 1: the region is more specialised; “—”: nothing outside the ZEM).
web-gaps-rank = Rank
web-gaps-demand = Demand
web-gaps-supply = Local supply
web-gaps-unmet-column = Unmet
web-gaps-quotient = Location quotient
web-gaps-adopters = Adopters without a local supplier
web-gaps-of-which-inferred = of which { $inferred } inferred
web-gaps-legend-demand = Stated demand
web-gaps-legend-inferred = Demand inferred from the sector
web-gaps-legend-unmet = Unmet demand
web-gaps-legend-supply = Local supply (ZEM)
web-gaps-chart-title = Demand, unmet demand and local supply by area, in the order of the ranking
web-gaps-chart-label = { $rank }. { $label }
web-gaps-chart-row = { $rank }. { $label }: demand { $demand } (of which { $inferred } inferred), unmet { $unmet }, local supply { $supply }.
web-gaps-surplus = Supply without known local demand
web-gaps-surplus-note = Areas that ZEM organisations bring although no ZEM adopter needs them (local supply in brackets).

## Network

web-network-title = Ecosystem network
web-network-lead = Links between organisations: partnerships, sub-organisations and shared projects. Colours tell communities (tightly linked groups) apart; dots ringed in black are brokers, who connect otherwise separate groups.
web-network-graphml = Download the network (GraphML, for Gephi or yEd)
web-network-brokers = Brokers
web-network-no-broker = No broker.
web-network-betweenness = Betweenness
web-network-articulation = Articulation point
web-network-articulation-yes = yes — removing it splits the network
web-network-articulation-no = no
web-network-communities = Communities
web-network-isolated =
    { $count ->
        [one] { $count } isolated organisation (no known link)
       *[other] { $count } isolated organisations (no known link)
    }
web-network-no-link = No known link between organisations.
web-network-picture-title = Network of the organisations by community
web-network-broker = broker
web-network-community = community { $number }
web-network-caption =
    { $nodes ->
        [one] { $nodes } linked organisation
       *[other] { $nodes } linked organisations
    }, { $edges ->
        [one] { $edges } link
       *[other] { $edges } links
    }, { $communities ->
        [one] { $communities } community (numbered as in the list below).
       *[other] { $communities } communities (numbered as in the list below).
    }

## SPARQL editor

web-sparql-title = SPARQL editor
web-sparql-lead = Query the knowledge graph in SPARQL 1.1. The default graph is the union of all named graphs. The examples come from the project's SPARQL cookbook.
web-sparql-example = Example
web-sparql-load = Load
web-sparql-running = Running…
# Rendered with $rows = "{rows}" and $ms = "{ms}": the script puts the row count and the time there.
web-sparql-done = { $rows } row(s) — { $ms } ms
web-sparql-time = { $ms } ms
web-sparql-true = true
web-sparql-false = false
web-sparql-error = Error: { $message }
web-sparql-query = SPARQL query
web-sparql-run = Run
web-sparql-download = Download as CSV
web-sparql-shortcut = Ctrl+Enter to run
web-sparql-noscript = Without JavaScript, “Run” downloads the result as CSV instead of showing it.

## Errors of the HTTP edge (problem documents)

# $supported: the accepted codes, e.g. "fr", "en".
err-unsupported-language = Unsupported language "{ $code }": use { $supported }.

## Demo data (serve --demo): banner and counts

web-demo-banner-label = Demo data
web-demo-banner-title = Demo.
# $organisations, $projects: numbers (for the plural); $organisations_n, $projects_n: the same, formatted.
web-demo-banner = This server also shows { $organisations ->
        [one] { $organisations_n } fictional organisation
       *[other] { $organisations_n } fictional organisations
    } and { $projects ->
        [one] { $projects_n } fictional project
       *[other] { $projects_n } fictional projects
    }, marked "demo": these records are illustrative, they do not exist. The counts on the pages include them and say how many are illustrative.
# After a count: "52 suppliers (of which 12 are illustrative)". $count: number; $n: the same, formatted.
web-demo-of-which = { $count ->
        [one] of which { $n } is illustrative
       *[other] of which { $n } are illustrative
    }
# On the gaps and network pages. $total: number; $total_n: the same, formatted.
web-demo-page-note = { $total ->
        [one] The figures of this page are computed over { $total_n } organisation
       *[other] The figures of this page are computed over { $total_n } organisations
    }

## Error pages, /docs and the SPARQL editor's errors (helper "French errors")
web-error-position = Line { $line }, column { $column }.
web-error-technical = Technical detail
web-error-not-found-hint = Check the address, or start again from the home page or the search.
web-error-search = Search for an organisation
web-error-search-label = Search the ecosystem
web-error-search-button = Search
web-docs-title = REST API documentation
web-docs-lead = Maillage's JSON API (/api/v1) is described by its OpenAPI document; the explorer below lets you try each route.
web-docs-openapi = OpenAPI document (JSON)
web-docs-fullscreen = Swagger UI on its own page
web-docs-english = The explorer and the routes' descriptions are in English, for developers; answers are in French by default (lang=en for English).
web-docs-noscript = The interactive explorer needs JavaScript; the OpenAPI document can be read without it.
web-sparql-technical = The SPARQL parser's message

## Search by words: why a result matched (web/search.rs)
web-search-why = Words found in:
web-search-field-name = Name
web-search-field-alternative-name = Alternative name
web-search-field-description = Description
web-search-field-expertise = Expertise
web-search-field-need = Need
web-search-field-research-area = Research area
web-search-field-training = Training
web-search-field-sector = Sector
web-search-field-municipality = Municipality
web-search-match = { $field }: { $text }
web-search-match-value = { $field } “{ $value }”: { $text }
web-search-match-via = { $field } “{ $value }”, under “{ $text }”

## Accounts and sign-in
web-nav-signin = Sign in
web-signin-title = Sign in
web-signin-lead = Québec International staff accounts give access to the confidential graphs (candidate projects, notes) and, depending on the role, to changes.
web-signin-name = User name
web-signin-password = Password
web-signin-button = Sign in
web-signin-help = No account? An administrator creates it with "maillage user add". After 10 failures in 15 minutes, attempts are paused for a while.
web-signout-button = Sign out
web-signed-in-as = { $name } ({ $role })
web-role-reader = reader
web-role-staff = staff
web-role-admin = administrator
web-last-change = Last changed by { $actor } on { $at } (change { $id }).

## Project selection (/projects), form, project, envelope

web-pipeline-title = Projects
web-pipeline-lead = The projects that are candidates for the envelope, by status: from proposal to funding. Each project shows its eligibility, rule by rule.
web-pipeline-public-note = Candidate projects are confidential until they are funded: this list only shows funded or completed projects.
web-pipeline-new = New project
web-pipeline-envelope-link = Envelope and commitments
web-pipeline-committee-link = Committee dossier
web-pipeline-xlsx = Export (XLSX)
web-pipeline-csv = Export (CSV)
web-pipeline-filter-status = Status
web-pipeline-filter-envelope = Envelope
web-pipeline-filter-eligibility = Eligibility
web-pipeline-filter-all = All
web-pipeline-filter-open = Open (proposed to selected)
web-pipeline-filter-apply = Filter
web-pipeline-eligible = eligible
web-pipeline-not-eligible = not eligible
web-pipeline-undetermined = to be confirmed
web-pipeline-totals = Totals by status
web-pipeline-status = Status
web-pipeline-count = Projects
web-pipeline-requested = Amount requested
web-pipeline-granted = Amount granted
web-pipeline-total = Total
web-pipeline-empty = No project.
web-pipeline-project = Project
web-pipeline-eligibility = Eligibility
web-pipeline-no-status = no status
web-pipeline-readers-cannot-edit = Your account is read-only: only staff (role staff or admin) create projects and change their status.
web-project-form-title = New project
web-project-form-lead = A candidate project between an AI supplier and an adopter. It stays confidential until it is funded; its eligibility shows before you save it.
web-project-form-errors = The project is not saved:
web-project-form-what = The project
web-project-form-name-fr = Title (French)
web-project-form-name-en = Title (English, optional)
web-project-form-description = Description (optional)
web-project-form-who = The organisations
web-project-form-picker-hint = Type the name or the id: the list offers the matching organisations.
web-project-form-choose = Several organisations match: choose the { $field }
web-project-form-ambiguous = { $field }: several organisations match, choose one.
web-project-form-no-organisation = { $field }: no organisation matches “{ $text }”.
web-project-form-not-a-number = { $field }: this is not an amount.
web-project-form-axes = Axes of the ZEM action plan addressed
web-project-form-money = Funding and dates
web-project-form-confidential = Confidential (never leaves Maillage)
web-project-form-contacts-hint = One person per line: name, e-mail, telephone.
web-project-form-verdict = Eligibility
web-project-form-verdict-empty = Choose the supplier, the adopter and the axes: the verdict shows here (or with “Check”).
web-project-form-check = Check eligibility
web-project-form-save = Save the project
web-project-verdict-eligible = Every rule is met.
web-project-verdict-failed = Not eligible: { $rules }.
web-project-verdict-unknown = No rule is broken, but some lack a fact to be checked.
web-project-rules = Eligibility rules
web-project-rule-set = Eligibility rules, version { $version }.
web-project-not-found = No project has the id “{ $id }”.
web-project-confidential = confidential
web-project-axes = ZEM axes
web-project-total-cost = Total cost
web-project-dates = Dates
web-project-start = Start date
web-project-end = End date
web-project-contacts = Contacts
web-project-notes = Internal notes
web-project-moves = Change the status
web-project-move-note = Note (optional)
web-project-move-granted = Amount granted (by default: the amount requested)
web-project-move-overrun = I confirm the overrun of the envelope (admin; the note is required)
web-project-move-to = Move to “{ $status }”
web-project-move-unknown = Unknown status.
web-project-eligibility = Eligibility
web-project-history = History
web-project-history-empty = No status change recorded.
web-project-history-line = { $by }: { $status }
web-project-overrun = confirmed overrun
web-project-linked-data = Linked data
web-envelope-title = Envelopes
web-envelope-lead = What each envelope has committed (funded or completed projects), what it sets aside for selected projects, what is still free, and what the open projects ask for.
web-envelope-public-note = Only funded or completed projects are public: sign in to see the amounts set aside for and requested by candidates.
web-envelope-amount = Amount of the envelope
web-envelope-committed = Committed
web-envelope-in-preparation = In preparation (selected)
web-envelope-free = Free
web-envelope-remaining = Remaining (amount − committed)
web-envelope-requested = Requested (open projects)
web-envelope-bar-envelope = Envelope
web-envelope-bar-requested = Requests
web-envelope-chart-title = Envelope “{ $envelope }”: committed, in preparation, free and requested
web-envelope-chart-desc = Of { $amount }, { $committed } committed, { $preparation } in preparation, { $free } free; { $remaining } remaining; open projects request { $requested }.
web-envelope-portfolio = Suggested portfolio
web-envelope-portfolio-score = Match score
web-envelope-portfolio-empty = No candidate fits in what remains.
web-envelope-portfolio-caption = Within a budget of { $budget }: { $total } for the suggested projects
web-nav-projects = Projects
web-nav-committee = Committee

## Committee dossier (/committee)

web-committee-title = Dossier of the regional AI committee
web-committee-kicker = Québec International · Metropolitan Economic Zone
web-committee-lead = Scale AI's envelope for the ZEM and its projects, the region's expertise gaps, its specialisation against the rest of Québec, and the actors that link the ecosystem.
web-committee-confidential = confidential version
web-committee-confidential-note = It holds the candidate projects: do not circulate.
web-committee-public = public version
web-committee-public-note = It holds only public facts and totals of funded projects: it can be circulated as is.
web-committee-date = Data as of { $date }.
web-committee-last-change = Last recorded change: { $at }.
web-committee-print = Print the dossier
web-committee-print-hint = (or Ctrl+P; A4 or Letter paper)
web-committee-contents = Contents
web-committee-part-envelope = The envelope and the projects
web-committee-part-gaps = Gaps and unmet needs
web-committee-part-specialisation = The region's specialisation
web-committee-part-network = Brokers and isolated actors
web-committee-part-sources = Sources and date of the data
web-committee-envelope-intro = Committed: amounts granted to funded or completed projects. In preparation: selected projects. Requested: what open projects ask for.
web-committee-pipeline-totals = Projects by status
web-committee-candidates = Candidate projects (confidential)
web-committee-gaps-intro = The region's demand for expertise against the local supply: the needs that no eligible ZEM supplier covers, and the adopters concerned.
web-committee-unmet = Unmet needs and the adopters concerned
web-committee-caveat = Caution:
web-gaps-of-which-inferred-column = of which inferred
web-committee-network-intro = Brokers link parts of the ecosystem that would otherwise talk little; isolated actors have no known link.
web-committee-brokers = Brokers
web-committee-betweenness = betweenness { $value }
web-committee-articulation = articulation point
web-committee-isolated = { $count ->
    [one] One isolated actor
   *[other] Isolated actors ({ $count })
}
web-committee-isolated-none = No isolated actor.
web-committee-sources-intro = { $organisations ->
    [one] One organisation, with the page that states its facts.
   *[other] { $organisations_n } organisations, each with the pages that state its facts.
}
web-committee-rule-sources = Documents that state the eligibility rules
web-committee-organisation-sources = Sites most cited as sources of the organisations
web-committee-open-data = All the data are open:
