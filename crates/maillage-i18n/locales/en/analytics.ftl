# Analytics (crates/maillage-graph, phrased by crates/maillage-api/src/words.rs): match
# explanations, eligibility rules, network links, portfolio, errors. English. Names ($offer,
# $org, …) are labels from the data; numbers arrive formatted, except $steps and $count,
# integers used to choose the plural form.

## Common words
analytics-quoted = “{ $name }”
analytics-list-separator = {", "}
# Between the name of a component and its explanation ("Need coverage: …").
analytics-label-colon = :{" "}

## Score components
match-component-need-coverage = Need coverage
match-component-sector-experience = Sector experience
match-component-network-proximity = Network proximity
match-component-zem-axis-alignment = ZEM axis alignment

## Score bands (thresholds: crates/maillage-graph/src/band.rs; readable scores)
match-band-strong = strong
match-band-possible = possible
match-band-weak = weak

## Explanations of the components
match-typical-needs = No stated needs: the typical needs of its sector are used, their coverage counted at { $discount }
match-uncovered = No offered expertise covers the need “{ $need }”
match-exact = Offers “{ $offer }”, exactly the need
match-broader = Offers “{ $offer }”, broader than the need “{ $need }” ({ $steps ->
    [one] one level
   *[other] { $steps } levels
} up in the classification of expertise)
match-narrower = Offers “{ $offer }”, narrower than the need “{ $need }” ({ $steps ->
    [one] one level
   *[other] { $steps } levels
} down in the classification of expertise)
match-related = Offers “{ $offer }”, related to the need “{ $need }” (common ancestor “{ $ancestor }”)
match-past-project = Project “{ $project }” with “{ $adopter }”: { $scope ->
    [same] same sector
   *[top-level] same top-level sector
} “{ $sector }”
match-network = Linked in { $steps ->
    [one] one step
   *[other] { $steps } steps
} in the network: { $path }
# Between two organisations of a path: “A” —(partner)— “B”.
match-network-hop = {" "}—({ $link })—{" "}
match-both-in-zem = Both organisations are located in the ZEM
match-shared-axes = Shared ZEM axes: { $axes }
match-supplier-axes = The supplier has carried out projects on the ZEM axes: { $axes }

## Reasons of the verdicts
elig-located = The { $role ->
    [supplier] supplier
   *[adopter] adopter
} “{ $org }” is located in { $municipality }, { $zone ->
    [in] in the ZEM
   *[out] outside the ZEM
}
elig-no-municipality = The municipality of the { $role ->
    [supplier] supplier
   *[adopter] adopter
} “{ $org }” is unknown
elig-offers-ai = “{ $org }” offers AI expertise (“{ $concept }”)
elig-offers-no-ai = “{ $org }” offers no expertise of the AI taxonomy
elig-distinct = The supplier and the adopter are two distinct organisations
elig-same-organisation = The supplier and the adopter are the same organisation
elig-parent-subsidiary = “{ $supplier }” and “{ $adopter }” are parent and subsidiary (org:subOrganizationOf)
elig-no-parent-subsidiary = No parent–subsidiary relation between the supplier and the adopter
elig-addresses-axis = The project addresses the ZEM axis “{ $axis }”
elig-no-axis = The project addresses no ZEM priority axis
elig-sme-takes-part = “{ $org }” has { $headcount } employees, fewer than { $limit }: it is an SME
elig-no-sme = Neither the supplier nor the adopter has fewer than { $limit } employees
elig-cost-share-within = The programme would pay { $share } of the total cost ({ $requested } of { $total }), at most { $limit }
elig-cost-share-above = The programme would pay { $share } of the total cost ({ $requested } of { $total }), more than { $limit }
elig-missing = Unknown: missing { $facts }
elig-no-check = Unknown: no check is named “{ $notation }” in this version
elig-fact-headcount = the head count of “{ $org }”
elig-fact-total-cost = the project's total cost
elig-fact-amount-requested = the amount requested
elig-fact-party = { $role ->
    [supplier] the supplier
   *[adopter] the adopter
}
elig-fact-threshold = the rule's threshold

## Network: links between organisations and steps of a path
net-link-partner = partner
net-link-shared-project = shared project
net-link-sub-organisation = sub-organisation
net-edge-offers = “{ $from }” offers “{ $to }”
net-edge-needs = “{ $from }” needs “{ $to }”
net-edge-researches = “{ $from }” does research in “{ $to }”
net-edge-trains = “{ $from }” trains in “{ $to }”
net-edge-broader = “{ $from }” is narrower than “{ $to }”
net-edge-in-sector = “{ $from }” is in the sector “{ $to }”
net-edge-located-in = “{ $from }” is located in “{ $to }”
net-edge-sub-organisation-of = “{ $from }” is part of “{ $to }”
net-edge-partner = “{ $from }” collaborates with “{ $to }”
net-edge-supplier-of = “{ $from }” is the supplier of project “{ $to }”
net-edge-adopter-of = “{ $from }” is the adopter of project “{ $to }”

## Portfolio
portfolio-reject-invalid-input = Invalid amount or score
portfolio-reject-duplicate-pair = A better project exists for the same supplier–adopter pair
portfolio-reject-adopter-taken = The adopter already has a chosen project (one project per adopter)
portfolio-reject-supplier-full = The supplier's capacity is used up
portfolio-reject-budget = Does not fit in the remaining budget
portfolio-reject-no-value = Zero score
portfolio-method = Kuhn–Munkres assignment (one project per adopter, supplier capacity), then heuristic removal of the lowest score-per-dollar projects until the budget holds.

## Errors of the analytics
err-analytics-unknown-organisation = Unknown organisation { $iri }: no organisation has this IRI.
err-analytics-not-supplier = { $iri } is not an AI supplier: it offers no expertise (mo:offersExpertise).
err-analytics-not-adopter = { $iri } is not an AI adopter: it is not a company or public body with stated needs (mo:hasNeed) or a sector with typical needs.
err-analytics-unknown-project = Unknown project { $iri }.
err-analytics-unknown-envelope = Unknown envelope { $iri }.
err-analytics-unknown-node = Unknown node { $iri }: the IRI is neither an organisation, a concept, a sector, a municipality nor a project.
err-analytics-weights-negative = Invalid weights: every weight must be a finite number ≥ 0.
err-analytics-weights-zero = Invalid weights: at least one weight must be > 0.
err-analytics-limit = limit must be between 1 and { $max }.
err-analytics-threshold = threshold must be between 0 and 1.
err-analytics-budget = budget must be between 0 and 10^12 CAD.
err-analytics-eligibility-params = Give either supplier and adopter, or project.

## Command-line tables (maillage match|gaps|portfolio|network|evaluate)
match-col-rank = #
match-col-supplier = supplier
match-col-adopter = adopter
match-col-score = score
match-col-eligible = eligible
match-col-why = why
match-yes = yes
match-no = no
match-unknown = to be confirmed
match-eval-col-ranker = ranker
match-eval-col-hits = Hits@10
match-eval-col-mrr = MRR
match-eval-col-queries = queries
match-eval-matcher = maillage matcher
match-eval-baseline = Jaccard baseline
match-eval-summary = { $count } synthetic organisations, seed { $seed }, { $seconds } s
gap-col-concept = concept
gap-col-demand = demand
gap-col-supply = supply
gap-col-unmet = unmet
gap-col-lq = LQ
gap-col-adopters = unmet adopters
portfolio-col-project = project
portfolio-col-supplier = supplier
portfolio-col-adopter = adopter
portfolio-col-score = score
portfolio-col-amount = amount
portfolio-col-verdict = chosen / why not
portfolio-summary = budget { $budget }, chosen { $chosen }, remaining { $remaining }, total score { $score }
net-col-broker = broker
net-col-betweenness = betweenness
net-col-articulation-point = articulation point
net-community-line = community { $number }: { $members }
net-isolated-count = isolated organisations: { $count }
