# Documents de problème (RFC 9457) : titres et détails des erreurs de l'API, du SPARQL et du
# Graph Store Protocol.

## Titres
err-title-bad-request = Requête invalide
err-title-not-found = Introuvable
err-title-not-acceptable = Format non disponible
err-title-conflict = Conflit
err-title-unsupported-media-type = Type de contenu non pris en charge
err-title-unauthorized = Authentification requise
err-title-too-many = Trop de tentatives
err-title-forbidden = Accès refusé
err-title-internal = Erreur interne
err-title-shape-violations = Données non conformes aux formes SHACL
err-title-timeout = Délai dépassé
err-title-busy = Service occupé
err-title-result-too-large = Résultat trop volumineux
err-title-cancelled = Requête annulée
err-title-invalid-json = Corps JSON invalide
err-title-body-too-large = Corps de requête trop volumineux
err-title-query-too-long = Requête trop longue
err-title-not-applicable = Non applicable

## Erreurs générales
err-internal = Le serveur n'a pas pu traiter la requête. La cause est consignée dans le journal du serveur sous l'identifiant de requête { $request }.
err-invalid-json = Le corps JSON est invalide : { $detail }
err-invalid-query = Paramètres d'adresse invalides : { $detail }
err-invalid-path = Adresse invalide (voir le détail technique).
err-param-repeated = Le paramètre « { $name } » est donné { $count } fois ; donnez-le une seule fois.
err-body-too-large = Le corps de la requête dépasse la limite de { $limit } octets.
err-body-unreadable = Le corps de la requête est illisible : { $detail }
err-charset = Le corps doit être en UTF-8, pas en { $charset }.
err-not-utf8 = { $what ->
    [query] La requête SPARQL n'est pas en UTF-8 valide.
   *[update] La mise à jour SPARQL n'est pas en UTF-8 valide.
}

## Magasin et SPARQL
err-rdf-syntax = Erreur de syntaxe RDF : { $detail }
err-rdf-format = { $name } : format RDF inconnu (utilisez .ttl, .nt, .nq, .trig, .rdf/.owl/.xml ou .jsonld).
err-invalid-iri = { $iri } n'est pas une IRI valide : { $detail }
err-sparql-syntax = { $what ->
    [update] La mise à jour SPARQL est mal formée (voir le détail technique).
   *[query] La requête SPARQL est mal formée (voir le détail technique).
}
err-dataset-conflict = Jeux de données en conflit : { $detail }
err-shape-violations = { $count ->
    [one] Une violation des formes SHACL : l'écriture est refusée et rien n'a changé.
   *[other] { $count } violations des formes SHACL : l'écriture est refusée et rien n'a changé.
}
err-timeout = La requête n'a pas fini dans son budget de { $seconds } s ; elle a été annulée.
err-busy = Trop de requêtes sont en cours ({ $count }) ; réessayez dans un instant.
err-result-too-large = Le résultat dépasse { $rows } lignes ; ajoutez une clause LIMIT.
err-cancelled = La requête a été annulée.
err-evaluation = L'évaluation de la requête a échoué : { $detail }
err-query-twice = La requête est envoyée à la fois dans l'adresse et dans le corps ; envoyez-la une seule fois.
err-form-missing = Le formulaire n'a pas de paramètre « { $name } ».
err-sparql-media-type = POST { $route } accepte { $accepted }, pas { $given }.
err-results-not-acceptable = Les résultats { $kind } sont disponibles en { $formats }.
err-unknown-format = Format { $kind } inconnu « { $name } » : utilisez { $formats }.
err-sparql-no-type = POST { $route } accepte { $accepted } ; ce corps n'a pas de Content-Type.
err-update-by-get = Une mise à jour SPARQL s'envoie par POST (application/sparql-update, ou un formulaire avec update=), jamais par GET.

## Graph Store Protocol
err-graph-and-default = Donnez soit ?graph=IRI, soit ?default, pas les deux.
err-direct-and-indirect = L'adresse { $path } désigne déjà son graphe ; n'y ajoutez ni ?graph=IRI ni ?default.
err-graph-iri = ?graph={ $iri } n'est pas une IRI valide : { $detail }
err-dataset-not-acceptable = Le jeu de données complet est disponible en application/n-quads ou application/trig.
err-graph-not-acceptable = Les graphes sont disponibles en text/turtle, application/n-triples, application/rdf+xml ou application/ld+json.
err-no-such-graph = Ce graphe n'existe pas dans le magasin.
err-put-dataset = Sans ?graph=IRI ni ?default, envoyez un jeu de données (application/n-quads ou application/trig).
err-rdf-media-type = Envoyez du RDF en text/turtle, application/n-triples, application/n-quads, application/trig, application/rdf+xml ou application/ld+json (ou plusieurs documents en multipart/form-data), pas { $given }.
err-rdf-no-type = Envoyez du RDF en text/turtle, application/n-triples, application/n-quads, application/trig, application/rdf+xml ou application/ld+json (ou plusieurs documents en multipart/form-data) avec son Content-Type.
err-multipart-boundary = Corps multipart/form-data sans délimiteur (boundary).
err-multipart-malformed = Corps multipart/form-data mal formé.
err-multipart-part-type = Chaque partie multipart/form-data doit avoir un Content-Type RDF ou un nom de fichier.
err-delete-target = DELETE demande ?graph=IRI ou ?default.

## Droits d'écriture
err-token-invalid = Le jeton porteur (bearer) n'est pas valide : inconnu, révoqué ou mal recopié.
err-token-malformed = L'en-tête Authorization doit avoir la forme « Bearer JETON ».
err-token-missing = Les écritures demandent un compte : un en-tête « Authorization: Bearer JETON » (maillage token create) ou une session ouverte (/connexion).
err-role-cannot-write = Le rôle « { $role } » permet de lire, pas d'écrire : il faut le rôle staff ou admin.
err-admin-only = Seul un compte admin peut faire cette opération.
err-csrf = Jeton anti-CSRF absent ou incorrect : rechargez la page et recommencez (les scripts envoient l'en-tête X-CSRF-Token donné par GET /api/v1/session, ou un jeton porteur).
err-revert-not-yours = La modification { $change } a été faite par « { $actor } » : seul un compte admin peut annuler la modification d'un autre.
err-sign-in-failed = Nom ou mot de passe incorrect.
err-sign-in-throttled = Trop de tentatives de connexion échouées : réessayez dans { $minutes } min.
err-sign-in-fields = Donnez un nom et un mot de passe.

## Écritures REST
err-field-iri = { $field } : « { $value } » n'est pas une IRI valide ({ $detail }).
err-field-empty = { $field } ne doit pas être vide.
err-field-too-long = { $field } doit compter au plus { $max } caractères, sans caractères de contrôle.
err-field-web = { $field } : « { $value } » doit être une adresse http(s).
err-field-literal = { $field } : valeur invalide ({ $detail }).
err-id-invalid = L'identifiant « { $id } » doit compter de 1 à 100 caractères parmi a-z, 0-9 et -.
err-sources-missing = sources doit donner au moins une adresse qui atteste les faits.
err-capacity-range = capacity doit être entre 0 et 1000.
err-amount-range = amount doit être entre 0 et 10^12 $ CA.
err-organisation-exists = Une organisation d'identifiant « { $id } » existe déjà : utilisez PUT pour la remplacer.
err-project-exists = Un projet d'identifiant « { $id } » existe déjà.
err-no-project = Aucun projet n'a l'identifiant « { $id } ».
err-unknown-envelope = envelope : enveloppe inconnue « { $value } ».
err-unknown-axis = axes : « { $value } » n'est pas un axe du plan d'action de la ZEM (p. ex. innovation-productivite).
err-field-date = { $field } : « { $value } » n'est pas une date AAAA-MM-JJ.
err-dates-order = La date de fin précède la date de début.
err-transition-illegal = Un projet ne passe pas de « { $from } » à « { $to } » : la sélection va de proposé à en analyse, recommandé, retenu, financé puis terminé, et un projet ouvert peut être refusé ou retiré.
err-transition-no-amount = Le projet n'a aucun montant (demandé ou accordé) : impossible de le retenir ou de le financer.
err-transition-stale = Le statut du projet « { $id } » a changé entre-temps ; rechargez-le et recommencez.
err-overcommit = L'enveloppe { $envelope } contient { $amount } $ ; ce changement y engagerait { $held } $. Un administrateur peut confirmer le dépassement avec une note.
err-overrun-admin = Seul un administrateur peut confirmer un dépassement de l'enveloppe.
err-overrun-note = Confirmer un dépassement de l'enveloppe demande une note qui le justifie.
err-granted-at-selection = amount_granted se fixe quand le projet est retenu (status « selected »).
err-id-mismatch = L'identifiant du corps « { $body } » diffère de celui de l'adresse « { $path } ».
err-no-organisation = Aucune organisation n'a l'identifiant « { $id } ».
err-unknown-organisation = { $field } : organisation inconnue « { $value } ».

## Filtres REST
err-range = { $name } doit être entre { $min } et { $max }.
err-unknown-sector = Classe SCIAN inconnue « { $value } ».
err-unknown-concept = Concept d'expertise inconnu « { $value } ».
err-unknown-municipality = Municipalité inconnue « { $value } » : donnez un code du MAMH, par exemple 23027.

## Données liées (/id/…)
err-unknown-resource = Rien n'est connu de <{ $iri }>.
err-resource-not-acceptable = Les ressources sont disponibles en text/html, text/turtle, application/ld+json, application/n-triples ou application/rdf+xml.

## Erreurs expliquées aux personnes : syntaxe SPARQL, paramètres, corps JSON, adresses inconnues
err-title-sparql-syntax = Erreur de syntaxe SPARQL
err-title-method-not-allowed = Méthode non permise
err-quoted = « { $item } »
err-sparql-syntax-at = Erreur de syntaxe ligne { $line }, colonne { $column } : « { $found } » inattendu ; attendu : { $expected }.
err-sparql-syntax-at-plain = Erreur de syntaxe ligne { $line }, colonne { $column } : « { $found } » inattendu.
err-sparql-syntax-end = { $what ->
    [update] Erreur de syntaxe ligne { $line }, colonne { $column } : la mise à jour s'arrête trop tôt ; attendu : { $expected }.
   *[query] Erreur de syntaxe ligne { $line }, colonne { $column } : la requête s'arrête trop tôt ; attendu : { $expected }.
}
err-sparql-syntax-end-plain = { $what ->
    [update] Erreur de syntaxe ligne { $line }, colonne { $column } : la mise à jour s'arrête trop tôt.
   *[query] Erreur de syntaxe ligne { $line }, colonne { $column } : la requête s'arrête trop tôt.
}
err-param-one-of = Le paramètre « { $name } » ne peut pas valoir « { $value } » : valeurs possibles { $values }.
err-param-integer = Le paramètre « { $name } » doit être un nombre entier de { $min } à { $max }, pas « { $value } ».
err-param-integer-any = Le paramètre « { $name } » doit être un nombre entier, pas « { $value } ».
err-param-number = Le paramètre « { $name } » doit être un nombre (point décimal, par exemple 2.5), pas « { $value } ».
err-param-boolean = Le paramètre « { $name } » vaut « true » ou « false », pas « { $value } ».
err-param-invalid = Le paramètre « { $name } » a une valeur invalide : « { $value } ».
err-param-missing = Le paramètre « { $name } » est obligatoire.
err-path-utf8 = Le segment « { $name } » de l'adresse n'est pas de l'UTF-8 valide.
err-path-value = Le segment « { $name } » de l'adresse a une valeur invalide : « { $value } ».
err-json-content-type = Le corps doit être du JSON (Content-Type: application/json), pas { $given }.
err-json-no-content-type = Le corps doit être du JSON, envoyé avec l'en-tête « Content-Type: application/json ».
err-json-syntax = Le corps n'est pas du JSON valide : erreur ligne { $line }, colonne { $column }.
err-json-shape = Le corps JSON n'a pas la forme attendue (voir le détail technique).
err-json-field-missing = Le champ « { $name } » est obligatoire.
err-json-field-one-of = Le champ « { $name } » ne peut pas valoir « { $value } » : valeurs possibles { $values }.
err-json-field-type = Le champ « { $name } » n'a pas le type attendu (voir le détail technique).
err-json-field-unknown = Le champ « { $name } » est inconnu : champs possibles { $values }.
err-json-field-invalid = Le champ « { $name } » a une valeur invalide (voir le détail technique).
err-unknown-address = Aucune page n'a l'adresse « { $path } ».
err-method-not-allowed = La méthode { $method } n'est pas permise à l'adresse « { $path } ».
err-body-too-large-unknown = Le corps de la requête dépasse la taille permise.

# Write path: protected graphs, history and revert (issue 9)
err-title-protected-graph = Graphe protégé
err-protected-graph = Le graphe { $graph } est un graphe système (ontologie, formes, taxonomies ou territoire, ou l'historique) : il ne change que par « maillage load --system ». Rien n'a été écrit.
err-title-no-such-change = Modification inconnue
err-no-such-change = L'historique n'a pas de modification { $id }.
err-title-revert-conflict = Annulation impossible
err-revert-conflict = La modification { $id } ne peut pas être annulée : { $quads ->
    [one] un de ses triplets a changé
   *[other] { $quads } de ses triplets ont changé
  } depuis{ $later ->
    [none] {""}
   *[other] {" "}(modifications { $later })
  }. Rien n'a été écrit.
err-query-too-deep = La requête imbrique { $depth } niveaux d’accolades, de parenthèses ou de crochets ; le service en accepte au plus { $max }.
err-query-too-many-operators = La requête enchaîne { $count } opérateurs et mots-clés de motif (/, |, &&, +, UNION, OPTIONAL, BIND…) ; le service en accepte au plus { $max }. Pour une longue liste de valeurs, utilisez VALUES.
err-query-too-long = La requête fait { $bytes } octets ; le service en accepte au plus { $max }. Découpez-la en plusieurs requêtes.
err-field-municipality = municipality : « { $value } » n’est ni un code de municipalité du MAMH à 5 chiffres (p. ex. 23027) ni son IRI.
