# Application web (crates/maillage-api/src/web) et erreurs de la couche HTTP. Français : langue
# par défaut. Les nombres arrivent déjà formatés (Locale::int, dec, percent, money), sauf
# $count, un entier qui sert au choix du pluriel.

## Mise en page : en-tête, navigation, pied de page

# Le titre de l'onglet : « page — Maillage ».
web-page-title = { $page } — Maillage
web-skip = Aller au contenu
web-nav-label = Navigation principale
web-nav-home = Accueil
web-nav-search = Recherche
web-nav-gaps = Lacunes
web-nav-network = Réseau
web-nav-sparql = SPARQL
web-nav-api-docs = Doc. de l'API
# Le nom de cette langue dans cette langue (le lien du sélecteur de langue).
web-lang-name = Français
web-footer-open-data = Données ouvertes :
web-footer-dataset = jeu de données complet (RDF)
web-footer-sparql = point d'accès SPARQL
web-footer-csv = organisations (CSV)
web-footer-xlsx = organisations (Excel, XLSX)
web-footer-rest = API REST
web-footer-about = Maillage — l'écosystème de l'IA de la région de Québec. Les organisations marquées « démo » sont fictives.

## Pages d'erreur

web-error-not-found = Page introuvable
web-error-invalid = Requête invalide
web-error-back = Retour à l'accueil

## Mots communs à plusieurs pages

web-role-supplier = Fournisseur d'IA
web-role-adopter = Adoptant
web-type = Type
web-expertise = Expertise
web-organisations = Organisations
web-organisation = Organisation
web-in-zem = Dans la ZEM
web-zem = ZEM
web-demo = démo
web-search-button = Rechercher
web-hover-dot = Chaque point est une organisation : touchez-le ou cliquez pour ouvrir son profil (son nom s’affiche au survol ; au clavier, les flèches passent d’un point à l’autre) ; les tableaux sous le graphe nomment les mêmes organisations.
web-network-skip = Passer le graphe
web-count-organisations =
    { $count ->
        [one] { $count } organisation
       *[other] { $count } organisations
    }

## Carte de la région (SVG) — carte par municipalité, légende, légende chiffrée (aide « mise en page et carte »)

web-map-label = Carte des organisations de la Zone économique métropolitaine de Québec, regroupées par municipalité
web-map-zem-municipality = Municipalité de la ZEM sans organisation répertoriée
web-map-legend-water = Fleuve Saint-Laurent (rives : Natural Earth au 1:10 000 000, domaine public)
web-map-legend-place = Municipalité de la ZEM : l'aire du cercle est proportionnelle au nombre d'organisations
web-map-how = Chaque cercle est une municipalité de la ZEM, avec son nombre d'organisations. Touchez ou cliquez un cercle pour voir la liste de ses organisations. Au clavier, la carte est un seul arrêt de tabulation : les flèches passent d'une municipalité à l'autre, Entrée ouvre la liste.
web-map-skip = Passer la carte
# Nom d'une municipalité sur la carte et dans la liste ; $n est le nombre déjà formaté, $count choisit le pluriel.
web-map-place =
    { $count ->
        [one] { $name } : { $n } organisation
       *[other] { $name } : { $n } organisations
    }
# Étiquette d'un petit cercle : le nom et le nombre.
web-map-place-label = { $name } ({ $n })
web-map-scale = { $km } km
web-map-list = Organisations par municipalité de la ZEM (liste)
web-map-no-coordinates = (sans coordonnées dans les données : hors carte)
# Légende chiffrée : $n est le nombre (mis en forme), $count choisit le pluriel.
web-map-where =
    { $count ->
        [one] Où se trouve la seule organisation :
       *[other] Où se trouvent les { $n } organisations :
    }
web-map-in-zem = { $n } dans la ZEM, dont :
web-map-drawn =
    { $n } sur la carte, { $places ->
        [one] dans { $places_n } municipalité
       *[other] dans { $places_n } municipalités
    }
web-map-unplaced =
    { $count ->
        [one] { $n } dans une municipalité sans coordonnées dans les données (dans la liste sous la carte, pas sur la carte)
       *[other] { $n } dans des municipalités sans coordonnées dans les données (dans la liste sous la carte, pas sur la carte)
    }
web-map-outside = { $n } ailleurs au Québec, hors de la ZEM et de la carte
web-map-unknown = { $n } sans municipalité connue

## Accueil

web-home-title = L'écosystème de l'IA de la région de Québec
web-home-lead = Fournisseurs et adoptants d'IA, centres de recherche, établissements et financement de la Zone économique métropolitaine (ZEM) de Québec.
web-home-search-label = Rechercher une organisation ou une expertise
web-home-search-placeholder = p. ex. vision, assurance, Lévis
web-home-counts = En chiffres
# Les cartes « 215 organisations » : le nombre est affiché à part, $count choisit le pluriel.
web-home-card-organisations =
    { $count ->
        [one] organisation
       *[other] organisations
    }
web-home-card-suppliers =
    { $count ->
        [one] fournisseur d'IA
       *[other] fournisseurs d'IA
    }
web-home-card-adopters =
    { $count ->
        [one] adoptant (déclaré ou potentiel)
       *[other] adoptants (déclarés ou potentiels)
    }
web-home-card-in-zem = dans la ZEM
web-home-by-kind = Organisations par type
web-home-count = Nombre
web-home-demo-organisations =
    { $count ->
        [one] Dont { $count } organisation fictive de démonstration.
       *[other] Dont { $count } organisations fictives de démonstration.
    }
# $amount est mis en gras.
web-home-envelope-of = Enveloppe de { $amount }
web-home-envelope-funder = — bailleur : { $funder }
web-home-envelope-recipient = — confiée à { $recipient }
web-home-budget-bar = Engagé : { $committed }, en préparation : { $pipeline }, restant : { $remaining }
web-home-committed = Engagé
web-home-pipeline = En préparation (proposé, sélectionné)
web-home-remaining = Restant
web-home-demo-projects = Projets fictifs de démonstration
web-home-demo-projects-detail =
    — montrés à part, jamais comptés dans l'enveloppe : { $count ->
        [one] { $count } projet
       *[other] { $count } projets
    }, { $amount }.
web-home-map = Carte de la région
web-home-top-expertise = Principales expertises
web-home-top-expertise-caption = Nombre d'organisations qui offrent, étudient ou enseignent chaque expertise

## Recherche

web-search-title = Recherche
web-search-title-query = Recherche « { $query } »
web-search-heading = Rechercher dans l'écosystème
web-search-keywords = Mots-clés (nom, description, expertise ; accents ignorés)
web-search-all-masculine = Tous
web-search-all-feminine = Toutes
web-search-role = Rôle
web-search-expertise = Expertise en IA
web-search-sector = Secteur (SCIAN)
web-search-municipality = Municipalité
web-search-any = Peu importe
web-search-yes = Oui
web-search-no = Non
web-search-clear = Effacer les filtres
web-search-results =
    { $count ->
        [one] { $count } résultat
       *[other] { $count } résultats
    }
web-search-no-result = Aucune organisation ne correspond. Essayez moins de filtres ou un autre mot.
web-search-demo = démo (fictif)
web-search-expertise-list = Expertises :
web-search-pages = Pages de résultats
web-search-previous = Précédents
web-search-next = Suivants

## Profil d'une organisation

web-profile-not-found = Aucune organisation n'a l'identifiant « { $id } ».
web-profile-breadcrumb = Fil d'Ariane
web-profile-demo = démo — organisation fictive
web-profile-facts = Fiche
web-profile-other-names = Autres noms
web-profile-website = Site web
web-profile-sectors = Secteurs (SCIAN)
web-profile-location = Localisation
web-profile-zem = Zone économique métropolitaine
web-profile-outside-zem = hors ZEM
web-profile-location-unknown = inconnue
web-profile-municipality-centre = centre de la municipalité
web-profile-capacity = Capacité (projets simultanés)
web-profile-sources = Sources
web-profile-no-source = Aucune source indiquée.
web-profile-linked-data = Données liées (RDF)
web-profile-expertise-needs = Expertises et besoins
web-profile-offers = Expertises offertes
web-profile-research = Domaines de recherche
web-profile-trains = Formations en
web-profile-stated-needs = Besoins déclarés
web-profile-typical-needs = Besoins typiques du secteur
web-profile-inferred = déduits, non déclarés
web-profile-typical-needs-note = L'organisation n'a pas déclaré de besoins : ceux-ci sont typiques de son secteur d'activité.
web-profile-no-expertise = Aucune expertise ni aucun besoin connu.
web-profile-relations = Relations
web-profile-parents = Organisation mère
web-profile-children = Sous-organisations
web-profile-partners = Partenaires
web-profile-no-relation = Aucune relation connue.
web-profile-projects = Projets
web-profile-no-project = Aucun projet connu.
web-project = Projet
web-project-supplier = Fournisseur
web-project-adopter = Adoptant
web-project-status = Statut
web-project-amount = Montant

## Meilleurs partenaires (profil)

web-matches-suppliers = Meilleurs fournisseurs
web-matches-adopters = Meilleurs adoptants
web-matches-note = Classement calculé à partir des expertises, des besoins, de l'expérience sectorielle, de la proximité dans le réseau et des axes de la ZEM. L'admissibilité à l'enveloppe de la ZEM est vérifiée règle par règle.
web-matches-none = Aucun partenaire trouvé.
web-matches-typical = besoins typiques
web-matches-typical-note = Les besoins de l'adoptant sont ceux typiques de son secteur (non déclarés).
web-match-score = Score :
web-match-eligible = ✓ Admissible (ZEM)
web-match-not-eligible = ✗ Non admissible (ZEM)
web-match-undetermined = ? Admissibilité à confirmer (ZEM)
web-match-details = Détail du score et de l'admissibilité
web-match-components = Composantes du score
web-match-rules = Règles d'admissibilité
# Scores lisibles (web/profile.rs, web/terms.rs) : rang, bande, calcul, explications du jargon
web-term-about = Explication : { $term }
web-match-rank = { $position ->
    [1] 1er
   *[other] { $rank }e
} sur { $count } { $candidates ->
    [one] candidat
   *[other] candidats
}
web-term-band-text = Lecture du score : fort à partir de { $strong } (l'offre couvre l'essentiel des besoins), possible de { $possible } à { $strong } (une partie des besoins), faible en dessous de { $possible } (le score tient surtout à la localisation ou au réseau). Le rang situe ce partenaire parmi tous les candidats évalués ; à score égal, rang égal.
web-match-breakdown = Calcul du score :
web-match-breakdown-none = aucune composante n'apporte de point.
web-match-part = { $component } { $value } × poids { $weight } = { $points }
web-match-total = = { $points } points sur 100
web-match-total-one = points sur 100
web-match-component = Composante
web-match-value = Valeur
web-match-weight = Poids
web-match-points = Points
web-match-score-total = Score (points sur 100)
web-term-need-coverage-text = Part des besoins de l'adoptant que les expertises du fournisseur couvrent : 100 % quand chaque besoin est offert tel quel, moins quand l'offre est plus générale ou plus précise que le besoin.
web-term-sector-experience-text = Projets passés du fournisseur chez des adoptants du même secteur d'activité (ou d'un grand secteur commun, pour moitié).
web-term-network-proximity-text = Proximité dans le réseau des organisations : 100 % pour un lien direct, 50 % à deux étapes, 25 % à trois, 0 au-delà.
web-term-zem-axis-alignment-text = 50 % quand les deux organisations sont dans la ZEM, plus la part des axes prioritaires de la ZEM que le fournisseur a aussi traités dans ses projets.
web-term-levels = niveaux de la classification
web-term-levels-text = Les expertises sont rangées en arbre, du plus général (« Intelligence artificielle ») au plus précis (« Détection d'objets »). Chaque niveau qui sépare l'offre du besoin réduit la couverture : × { $broader } par niveau quand l'offre est plus générale, × { $narrower } quand elle est plus précise.
web-term-network-steps = étapes dans le réseau
web-term-network-steps-text = Le réseau relie les organisations par leurs partenariats, leurs liens mère-filiale et leurs projets communs ; chaque lien est une étape. Moins il y a d'étapes entre deux organisations, plus elles se connaissent.
web-term-inferred = besoins déduits du secteur
web-term-inferred-text = L'organisation n'a pas déclaré ses besoins : on lui prête ceux qui sont typiques de son secteur d'activité. Une supposition vaut moins qu'un besoin déclaré, et la couverture est comptée à { $discount }.
web-term-betweenness-text = Part des plus courts chemins entre deux organisations du réseau qui passent par celle-ci. Plus elle est élevée, plus l'organisation sert d'intermédiaire entre des groupes qui, sans elle, seraient peu reliés.
web-term-articulation-text = Une organisation dont la disparition couperait le réseau en morceaux séparés.
web-term-community-text = Groupe d'organisations plus liées entre elles qu'avec le reste du réseau, trouvé automatiquement à partir des liens.
web-rule-passed = respectée
web-rule-failed = non respectée
web-rule-unknown = inconnue
web-rule-name = Règle
web-rule-verdict = Verdict
web-rule-reason = Pourquoi
web-rule-source = Source
web-rule-source-link = source { $n }

## Lacunes

web-gaps-title = Lacunes d'expertise
web-gaps-lead = Où la demande d'IA des adoptants de la ZEM dépasse ce que la région offre, domaine d'expertise par domaine.
web-gaps-csv = Télécharger le tableau (CSV)
web-gaps-xlsx = Télécharger le tableau (Excel, XLSX)
web-gaps-how-to-read = Comment lire cette page
web-gaps-def-demand = Nombre d'adoptants de la ZEM qui ont besoin de ce domaine ou d'un domaine plus précis qu'il contient. Un besoin déclaré compte pour 1, un besoin déduit du secteur pour ½ : d'où les demi-unités.
web-gaps-inferred = Demande déduite
web-gaps-def-inferred = Part de la demande qui vient d'organisations sans besoins déclarés : on leur prête les besoins typiques de leur secteur d'activité, à demi-poids. Marquée ◐ dans le tableau et hachurée dans le graphique.
web-gaps-def-supply = Nombre d'organisations de la ZEM qui apportent ce domaine ou un domaine plus précis : 1 pour une entreprise qui l'offre, ½ pour un centre de recherche qui y travaille, ¼ pour un établissement qui y forme.
web-gaps-def-unmet = Part de la demande qu'aucun fournisseur admissible de la ZEM ne couvre à au moins { $threshold } : ces adoptants ne trouvent personne dans la région.
web-gaps-shortfall = Écart
web-gaps-def-shortfall = Demande moins offre locale, quand la demande dépasse l'offre : beaucoup d'adoptants pour peu d'organisations qui peuvent les servir.
web-gaps-order = Classement
web-gaps-def-order = Les domaines sont classés d'abord par demande non satisfaite, puis par écart. Le graphique montre les premiers domaines du tableau, dans le même ordre.
web-gaps-total = Pour l'ensemble « { $label } » (tous les domaines réunis, non classé) : demande { $demand } (dont { $inferred } déduite), offre locale { $supply }, demande non satisfaite { $unmet }.
web-gaps-no-demand = Aucune demande connue des adoptants de la ZEM.
web-gaps-chart = { $count ->
    [one] Le premier domaine du classement
   *[other] Les { $count } premiers domaines du classement
}
web-gaps-table = Lacunes par domaine d'expertise
web-gaps-quotient-note = Quotient de localisation : spécialisation de la ZEM par rapport aux organisations hors ZEM des données (plus de 1 : la région est plus spécialisée ; « — » : rien hors ZEM).
web-gaps-rank = Rang
web-gaps-demand = Demande
web-gaps-supply = Offre locale
web-gaps-unmet-column = Non satisfaite
web-gaps-quotient = Quotient de localisation
web-gaps-adopters = Adoptants sans fournisseur local
web-gaps-of-which-inferred = dont { $inferred } déduite
web-gaps-legend-demand = Demande déclarée
web-gaps-legend-inferred = Demande déduite du secteur
web-gaps-legend-unmet = Demande non satisfaite
web-gaps-legend-supply = Offre locale (ZEM)
web-gaps-chart-title = Demande, demande non satisfaite et offre locale par domaine, dans l'ordre du classement
web-gaps-chart-label = { $rank }. { $label }
web-gaps-chart-row = { $rank }. { $label } : demande { $demand } (dont { $inferred } déduite), non satisfaite { $unmet }, offre locale { $supply }.
web-gaps-surplus = Offre sans demande locale connue
web-gaps-surplus-note = Domaines que des organisations de la ZEM apportent sans qu'aucun adoptant de la ZEM n'en ait besoin (offre locale entre parenthèses).

## Réseau

web-network-title = Réseau de l'écosystème
web-network-lead = Liens entre organisations : partenariats, sous-organisations et projets communs. Les couleurs distinguent les communautés (groupes très liés entre eux) ; les points cerclés de noir sont les courtiers, qui relient des groupes autrement séparés.
web-network-graphml = Télécharger le réseau (GraphML, pour Gephi ou yEd)
web-network-brokers = Courtiers
web-network-no-broker = Aucun courtier.
web-network-betweenness = Intermédiarité
web-network-articulation = Point d'articulation
web-network-articulation-yes = oui — sa disparition coupe le réseau
web-network-articulation-no = non
web-network-communities = Communautés
web-network-isolated =
    { $count ->
        [one] { $count } organisation isolée (aucun lien connu)
       *[other] { $count } organisations isolées (aucun lien connu)
    }
web-network-no-link = Aucun lien connu entre organisations.
web-network-picture-title = Réseau des organisations par communauté
web-network-broker = courtier
web-network-community = communauté { $number }
web-network-caption =
    { $nodes ->
        [one] { $nodes } organisation reliée
       *[other] { $nodes } organisations reliées
    }, { $edges ->
        [one] { $edges } lien
       *[other] { $edges } liens
    }, { $communities ->
        [one] { $communities } communauté (numérotée comme dans la liste ci-dessous).
       *[other] { $communities } communautés (numérotées comme dans la liste ci-dessous).
    }

## Éditeur SPARQL

web-sparql-title = Éditeur SPARQL
web-sparql-lead = Interrogez le graphe de connaissances en SPARQL 1.1. Le graphe par défaut est l'union de tous les graphes nommés. Les exemples viennent du livre de recettes SPARQL du projet.
web-sparql-example = Exemple
web-sparql-load = Charger
web-sparql-running = Exécution…
# Rendu avec $rows = « {rows} » et $ms = « {ms} » : le script y met le nombre de lignes et la durée.
web-sparql-done = { $rows } ligne(s) — { $ms } ms
web-sparql-time = { $ms } ms
web-sparql-true = vrai
web-sparql-false = faux
web-sparql-error = Erreur{"\u00A0"}: { $message }
web-sparql-query = Requête SPARQL
web-sparql-run = Exécuter
web-sparql-download = Télécharger en CSV
web-sparql-shortcut = Ctrl+Entrée pour exécuter
web-sparql-noscript = Sans JavaScript, « Exécuter » télécharge le résultat en CSV au lieu de l'afficher.

## Erreurs de la couche HTTP (problem documents)

# $supported : les codes acceptés, p. ex. "fr", "en".
err-unsupported-language = La langue « { $code } » n'est pas prise en charge : utilisez { $supported }.

## Données de démonstration (serve --demo) : bannière et comptes

web-demo-banner-label = Données de démonstration
web-demo-banner-title = Démonstration.
# $organisations, $projects : nombres (pour l'accord) ; $organisations_n, $projects_n : les mêmes, formatés.
web-demo-banner = Ce serveur montre aussi { $organisations ->
        [one] { $organisations_n } organisation fictive
       *[other] { $organisations_n } organisations fictives
    } et { $projects ->
        [one] { $projects_n } projet fictif
       *[other] { $projects_n } projets fictifs
    }, marqués « démo » : ces enregistrements sont illustratifs, ils n'existent pas. Les comptes des pages les incluent et disent combien sont de démonstration.
# Après un compte : « 52 fournisseurs (dont 12 de démonstration) ». $count : nombre ; $n : le même, formaté.
web-demo-of-which = { $count ->
        [one] dont { $n } de démonstration
       *[other] dont { $n } de démonstration
    }
# Sur les pages de lacunes et de réseau. $total : nombre ; $total_n : le même, formaté.
web-demo-page-note = { $total ->
        [one] Les calculs de cette page portent sur { $total_n } organisation
       *[other] Les calculs de cette page portent sur { $total_n } organisations
    }

## Pages d'erreur, /docs et erreurs de l'éditeur SPARQL (aide « erreurs en français »)
web-error-position = Ligne { $line }, colonne { $column }.
web-error-technical = Détail technique
web-error-not-found-hint = Vérifiez l'adresse, ou repartez de l'accueil ou de la recherche.
web-error-search = Rechercher une organisation
web-error-search-label = Rechercher dans l'écosystème
web-error-search-button = Rechercher
web-docs-title = Documentation de l'API REST
web-docs-lead = L'API JSON de Maillage (/api/v1) est décrite par son document OpenAPI ; l'explorateur ci-dessous permet d'essayer chaque route.
web-docs-openapi = Document OpenAPI (JSON)
web-docs-fullscreen = Swagger UI en pleine page
web-docs-english = L'explorateur et les descriptions des routes sont en anglais, pour les développeurs ; les réponses sont en français par défaut (lang=en pour l'anglais).
web-docs-noscript = L'explorateur interactif demande JavaScript ; le document OpenAPI se lit sans lui.
web-sparql-technical = Message de l'analyseur SPARQL

## Search by words: why a result matched (web/search.rs)
web-search-why = Mots trouvés dans :
web-search-field-name = Nom
web-search-field-alternative-name = Autre nom
web-search-field-description = Description
web-search-field-expertise = Expertise
web-search-field-need = Besoin
web-search-field-research-area = Recherche
web-search-field-training = Formation
web-search-field-sector = Secteur
web-search-field-municipality = Municipalité
web-search-match = { $field } : { $text }
web-search-match-value = { $field } « { $value } » : { $text }
web-search-match-via = { $field } « { $value } », sous « { $text } »

## Comptes et connexion
web-nav-signin = Se connecter
web-signin-title = Connexion
web-signin-lead = Les comptes du personnel de Québec International donnent accès aux graphes confidentiels (projets candidats, notes) et, selon le rôle, aux modifications.
web-signin-name = Nom d’utilisateur
web-signin-password = Mot de passe
web-signin-button = Se connecter
web-signin-help = Pas de compte ? Un administrateur le crée avec « maillage user add ». Après 10 échecs en 15 minutes, les tentatives sont suspendues un moment.
web-signout-button = Se déconnecter
web-signed-in-as = { $name } ({ $role })
web-role-reader = lecteur
web-role-staff = personnel
web-role-admin = administrateur
web-last-change = Dernière modification : par { $actor } le { $at } (modification n° { $id }).

## Sélection des projets (/projets), formulaire, projet, enveloppe

web-pipeline-title = Projets
web-pipeline-lead = Les projets candidats à l'enveloppe, par statut : de la proposition au financement. Chaque projet montre son admissibilité, règle par règle.
web-pipeline-public-note = Les projets candidats sont confidentiels jusqu'à leur financement : cette liste ne montre que les projets financés ou terminés.
web-pipeline-new = Nouveau projet
web-pipeline-envelope-link = Enveloppe et engagements
web-pipeline-committee-link = Dossier du comité
web-pipeline-xlsx = Exporter (XLSX)
web-pipeline-csv = Exporter (CSV)
web-pipeline-filter-status = Statut
web-pipeline-filter-envelope = Enveloppe
web-pipeline-filter-eligibility = Admissibilité
web-pipeline-filter-all = Tous
web-pipeline-filter-open = Ouverts (de proposé à retenu)
web-pipeline-filter-apply = Filtrer
web-pipeline-eligible = admissible
web-pipeline-not-eligible = non admissible
web-pipeline-undetermined = à confirmer
web-pipeline-totals = Totaux par statut
web-pipeline-status = Statut
web-pipeline-count = Projets
web-pipeline-requested = Montant demandé
web-pipeline-granted = Montant accordé
web-pipeline-total = Total
web-pipeline-empty = Aucun projet.
web-pipeline-project = Projet
web-pipeline-eligibility = Admissibilité
web-pipeline-no-status = sans statut
web-pipeline-readers-cannot-edit = Votre compte est en lecture seule : seul le personnel (rôle staff ou admin) crée des projets et change leur statut.
web-project-form-title = Nouveau projet
web-project-form-lead = Un projet candidat entre un fournisseur d'IA et un adoptant. Il reste confidentiel jusqu'à son financement ; son admissibilité s'affiche avant l'enregistrement.
web-project-form-errors = Le projet n'est pas enregistré :
web-project-form-what = Le projet
web-project-form-name-fr = Titre (français)
web-project-form-name-en = Titre (anglais, facultatif)
web-project-form-description = Description (facultative)
web-project-form-who = Les organisations
web-project-form-picker-hint = Tapez le nom ou l'identifiant : la liste propose les organisations qui correspondent.
web-project-form-choose = Plusieurs organisations correspondent : choisissez le { $field }
web-project-form-ambiguous = { $field } : plusieurs organisations correspondent, choisissez-en une.
web-project-form-no-organisation = { $field } : aucune organisation ne correspond à « { $text } ».
web-project-form-not-a-number = { $field } : ce n'est pas un montant.
web-project-form-axes = Axes du plan d'action de la ZEM visés
web-project-form-money = Financement et dates
web-project-form-confidential = Confidentiel (ne quitte jamais Maillage)
web-project-form-contacts-hint = Une personne par ligne : nom, courriel, téléphone.
web-project-form-verdict = Admissibilité
web-project-form-verdict-empty = Choisissez le fournisseur, l'adoptant et les axes : le verdict s'affiche ici (ou avec « Vérifier »).
web-project-form-check = Vérifier l'admissibilité
web-project-form-save = Enregistrer le projet
web-project-verdict-eligible = Toutes les règles sont respectées.
web-project-verdict-failed = Non admissible : { $rules }.
web-project-verdict-unknown = Aucune règle n'est enfreinte, mais certaines manquent d'un fait pour être vérifiées.
web-project-rules = Règles d'admissibilité
web-project-rule-set = Règles d'admissibilité, version { $version }.
web-project-not-found = Aucun projet n'a l'identifiant « { $id } ».
web-project-confidential = confidentiel
web-project-axes = Axes de la ZEM
web-project-total-cost = Coût total
web-project-dates = Dates
web-project-start = Date de début
web-project-end = Date de fin
web-project-contacts = Personnes-ressources
web-project-notes = Notes internes
web-project-moves = Changer le statut
web-project-move-note = Note (facultative)
web-project-move-granted = Montant accordé (par défaut : le montant demandé)
web-project-move-overrun = Je confirme le dépassement de l'enveloppe (administrateur ; la note est obligatoire)
web-project-move-to = Passer à « { $status } »
web-project-move-unknown = Statut inconnu.
web-project-eligibility = Admissibilité
web-project-history = Historique
web-project-history-empty = Aucun changement de statut enregistré.
web-project-history-line = { $by } : { $status }
web-project-overrun = dépassement confirmé
web-project-linked-data = Données liées
web-envelope-title = Enveloppes
web-envelope-lead = Ce que chaque enveloppe a engagé (projets financés ou terminés), ce qu'elle réserve aux projets retenus, ce qui reste libre, et ce que demandent les projets ouverts.
web-envelope-public-note = Seuls les projets financés ou terminés sont publics : connectez-vous pour voir les montants réservés et demandés par les candidats.
web-envelope-amount = Montant de l'enveloppe
web-envelope-committed = Engagé
web-envelope-in-preparation = En préparation (retenus)
web-envelope-free = Libre
web-envelope-remaining = Reste (montant − engagé)
web-envelope-requested = Demandé (projets ouverts)
web-envelope-bar-envelope = Enveloppe
web-envelope-bar-requested = Demandes
web-envelope-chart-title = Enveloppe « { $envelope } » : engagé, en préparation, libre et demandé
web-envelope-chart-desc = Sur { $amount }, { $committed } engagés, { $preparation } en préparation, { $free } libres ; reste { $remaining } ; les projets ouverts demandent { $requested }.
web-envelope-portfolio = Portefeuille suggéré
web-envelope-portfolio-score = Score d'appariement
web-envelope-portfolio-empty = Aucun candidat ne tient dans ce qui reste.
web-envelope-portfolio-caption = Dans un budget de { $budget } : { $total } pour les projets suggérés
web-nav-projects = Projets
web-nav-committee = Comité

## Dossier du comité (/comite)

web-committee-title = Dossier du comité régional en IA
web-committee-kicker = Québec International · Zone économique métropolitaine
web-committee-lead = L'enveloppe de Scale AI pour la ZEM et ses projets, les lacunes d'expertise de la région, sa spécialisation face au reste du Québec, et les acteurs qui relient l'écosystème.
web-committee-confidential = version confidentielle
web-committee-confidential-note = Elle contient les projets candidats : à ne pas diffuser.
web-committee-public = version publique
web-committee-public-note = Elle ne contient que des faits publics et des totaux des projets financés : elle peut être diffusée telle quelle.
web-committee-date = Données au { $date }.
web-committee-last-change = Dernière modification enregistrée : { $at }.
web-committee-print = Imprimer le dossier
web-committee-print-hint = (ou Ctrl+P ; format A4 ou Lettre)
web-committee-contents = Sommaire
web-committee-part-envelope = L'enveloppe et les projets
web-committee-part-gaps = Lacunes et besoins non satisfaits
web-committee-part-specialisation = Spécialisation de la région
web-committee-part-network = Courtiers et acteurs isolés
web-committee-part-sources = Sources et date des données
web-committee-envelope-intro = Engagé : montants accordés aux projets financés ou terminés. En préparation : projets retenus. Demandé : ce que demandent les projets ouverts.
web-committee-pipeline-totals = Projets par statut
web-committee-candidates = Projets candidats (confidentiel)
web-committee-gaps-intro = La demande d'expertise de la région comparée à l'offre locale : les besoins qu'aucun fournisseur admissible de la ZEM ne couvre, et les adoptants concernés.
web-committee-unmet = Besoins non satisfaits et adoptants concernés
web-committee-caveat = Attention :
web-gaps-of-which-inferred-column = dont déduite
web-committee-network-intro = Les courtiers relient des parties de l'écosystème qui, sans eux, se parleraient peu ; les acteurs isolés n'ont aucun lien connu.
web-committee-brokers = Courtiers
web-committee-betweenness = intermédiarité { $value }
web-committee-articulation = point d'articulation
web-committee-isolated = { $count ->
    [one] Un acteur isolé
   *[other] Acteurs isolés ({ $count })
}
web-committee-isolated-none = Aucun acteur isolé.
web-committee-sources-intro = { $organisations ->
    [one] Une organisation, chacune avec la page qui établit ses faits.
   *[other] { $organisations_n } organisations, chacune avec les pages qui établissent ses faits.
}
web-committee-rule-sources = Documents qui énoncent les règles d'admissibilité
web-committee-organisation-sources = Sites les plus cités comme sources des organisations
web-committee-open-data = Toutes les données sont ouvertes :
