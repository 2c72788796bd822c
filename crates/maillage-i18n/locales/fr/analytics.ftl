# Analyses (crates/maillage-graph, phrasées par crates/maillage-api/src/words.rs) : explications
# des appariements, règles d'admissibilité, liens du réseau, portefeuille, erreurs. Français :
# langue par défaut. Les noms ($offer, $org, …) sont des libellés des données ; les nombres
# arrivent déjà formatés, sauf $steps et $count, des entiers qui servent au choix du pluriel.

## Mots communs
analytics-quoted = « { $name } »
analytics-list-separator = {", "}
# Entre le nom d'une composante et son explication (« Couverture des besoins : … »).
analytics-label-colon = {"\u00A0"}:{" "}

## Composantes du score
match-component-need-coverage = Couverture des besoins
match-component-sector-experience = Expérience du secteur
match-component-network-proximity = Proximité dans le réseau
match-component-zem-axis-alignment = Alignement sur les axes de la ZEM

## Bandes du score (crates/maillage-graph/src/band.rs : seuils ; scores lisibles)
match-band-strong = fort
match-band-possible = possible
match-band-weak = faible

## Explications des composantes
match-typical-needs = Aucun besoin déclaré : on retient les besoins typiques de son secteur, et leur couverture est comptée à { $discount }
match-uncovered = Aucune expertise offerte ne couvre le besoin « { $need } »
match-exact = Offre « { $offer } », exactement le besoin
match-broader = Offre « { $offer } », plus générale que le besoin « { $need } » ({ $steps ->
    [one] un niveau
   *[other] { $steps } niveaux
} au-dessus dans la classification des expertises)
match-narrower = Offre « { $offer } », plus précise que le besoin « { $need } » ({ $steps ->
    [one] un niveau
   *[other] { $steps } niveaux
} en dessous dans la classification des expertises)
match-related = Offre « { $offer } », concept voisin du besoin « { $need } » (ancêtre commun « { $ancestor } »)
match-past-project = Projet « { $project } » avec « { $adopter } » : { $scope ->
    [same] même secteur
   *[top-level] même grand secteur
} « { $sector } »
match-network = { $steps ->
    [one] Lien direct
   *[other] Relié en { $steps } étapes
} dans le réseau : { $path }
# Entre deux organisations d'un chemin : « A » —(partenaire)— « B ».
match-network-hop = {" "}—({ $link })—{" "}
match-both-in-zem = Les deux organisations sont situées dans la ZEM
match-shared-axes = Axes ZEM communs : { $axes }
match-supplier-axes = Le fournisseur a réalisé des projets sur les axes ZEM : { $axes }

## Raisons des verdicts
elig-located = { $role ->
    [supplier] Le fournisseur
   *[adopter] L’adoptant
} « { $org } » est situé à { $municipality }, { $zone ->
    [in] dans la ZEM
   *[out] hors de la ZEM
}
elig-no-municipality = { $role ->
    [supplier] Le fournisseur
   *[adopter] L’adoptant
} « { $org } » n'a pas de municipalité connue
elig-offers-ai = « { $org } » offre une expertise en IA (« { $concept } »)
elig-offers-no-ai = « { $org } » n'offre aucune expertise de la taxonomie IA
elig-distinct = Le fournisseur et l'adoptant sont deux organisations distinctes
elig-same-organisation = Le fournisseur et l'adoptant sont la même organisation
elig-parent-subsidiary = « { $supplier } » et « { $adopter } » sont liées par une relation mère-filiale (org:subOrganizationOf)
elig-no-parent-subsidiary = Aucune relation mère-filiale entre le fournisseur et l'adoptant
elig-addresses-axis = Le projet répond à l'axe ZEM « { $axis } »
elig-no-axis = Le projet ne répond à aucun axe prioritaire de la ZEM
elig-sme-takes-part = « { $org } » compte { $headcount } employés, moins de { $limit } : c'est une PME
elig-no-sme = Ni le fournisseur ni l'adoptant n'ont moins de { $limit } employés
elig-cost-share-within = Le programme paierait { $share } du coût total ({ $requested } sur { $total }), au plus { $limit }
elig-cost-share-above = Le programme paierait { $share } du coût total ({ $requested } sur { $total }), plus que { $limit }
elig-missing = Inconnu : il manque { $facts }
elig-no-check = Inconnu : aucune vérification ne porte le nom « { $notation } » dans cette version
elig-fact-headcount = l'effectif de « { $org } »
elig-fact-total-cost = le coût total du projet
elig-fact-amount-requested = le montant demandé
elig-fact-party = { $role ->
    [supplier] le fournisseur
   *[adopter] l'adoptant
}
elig-fact-threshold = le seuil de la règle

## Réseau : liens entre organisations et étapes d'un chemin
net-link-partner = partenaire
net-link-shared-project = projet commun
net-link-sub-organisation = sous-organisation
net-edge-offers = « { $from } » offre « { $to } »
net-edge-needs = « { $from } » a besoin de « { $to } »
net-edge-researches = « { $from } » fait de la recherche en « { $to } »
net-edge-trains = « { $from } » forme en « { $to } »
net-edge-broader = « { $from } » est un cas particulier de « { $to } »
net-edge-in-sector = « { $from } » est du secteur « { $to } »
net-edge-located-in = « { $from } » est situé à « { $to } »
net-edge-sub-organisation-of = « { $from } » fait partie de « { $to } »
net-edge-partner = « { $from } » collabore avec « { $to } »
net-edge-supplier-of = « { $from } » est fournisseur du projet « { $to } »
net-edge-adopter-of = « { $from } » est adoptant du projet « { $to } »

## Portefeuille
portfolio-reject-invalid-input = Montant ou score invalide
portfolio-reject-duplicate-pair = Un meilleur projet existe pour le même couple fournisseur–adoptant
portfolio-reject-adopter-taken = L'adoptant a déjà un projet retenu (un projet par adoptant)
portfolio-reject-supplier-full = La capacité du fournisseur est atteinte
portfolio-reject-budget = Ne tient pas dans le budget restant
portfolio-reject-no-value = Score nul
portfolio-method = Affectation de Kuhn–Munkres (un projet par adoptant, capacité des fournisseurs), puis retrait heuristique des projets au plus faible score par dollar jusqu'à respecter le budget.

## Erreurs des analyses
err-analytics-unknown-organisation = Organisation inconnue : { $iri } (aucune organisation n'a cette IRI).
err-analytics-not-supplier = { $iri } n'est pas un fournisseur d'IA : elle n'offre aucune expertise (mo:offersExpertise).
err-analytics-not-adopter = { $iri } n'est pas un adoptant d'IA : ce n'est pas une entreprise ou un organisme public avec des besoins déclarés (mo:hasNeed) ou un secteur aux besoins typiques.
err-analytics-unknown-project = Projet inconnu : { $iri }.
err-analytics-unknown-envelope = Enveloppe inconnue : { $iri }.
err-analytics-unknown-node = Nœud inconnu : { $iri } n'est ni une organisation, ni un concept, ni un secteur, ni une municipalité, ni un projet.
err-analytics-weights-negative = Poids invalides : chaque poids doit être un nombre fini ≥ 0.
err-analytics-weights-zero = Poids invalides : au moins un poids doit être > 0.
err-analytics-limit = limit doit être entre 1 et { $max }.
err-analytics-threshold = threshold doit être entre 0 et 1.
err-analytics-budget = budget doit être entre 0 et 10^12 $ CA.
err-analytics-eligibility-params = Donnez soit supplier et adopter, soit project.

## Tableaux de la ligne de commande (maillage match|gaps|portfolio|network|evaluate)
match-col-rank = #
match-col-supplier = fournisseur
match-col-adopter = adoptant
match-col-score = score
match-col-eligible = admissible
match-col-why = pourquoi
match-yes = oui
match-no = non
match-unknown = à confirmer
match-eval-col-ranker = classement
match-eval-col-hits = Hits@10
match-eval-col-mrr = MRR
match-eval-col-queries = requêtes
match-eval-matcher = appariement de Maillage
match-eval-baseline = référence de Jaccard
match-eval-summary = { $count } organisations synthétiques, graine { $seed }, { $seconds } s
gap-col-concept = concept
gap-col-demand = demande
gap-col-supply = offre
gap-col-unmet = non comblée
gap-col-lq = QL
gap-col-adopters = adoptants non servis
portfolio-col-project = projet
portfolio-col-supplier = fournisseur
portfolio-col-adopter = adoptant
portfolio-col-score = score
portfolio-col-amount = montant
portfolio-col-verdict = retenu / pourquoi pas
portfolio-summary = budget { $budget }, retenu { $chosen }, reste { $remaining }, score total { $score }
net-col-broker = courtier
net-col-betweenness = intermédiarité
net-col-articulation-point = point d'articulation
net-community-line = communauté { $number } : { $members }
net-isolated-count = organisations isolées : { $count }
