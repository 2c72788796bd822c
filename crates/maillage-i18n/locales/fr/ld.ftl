# Pages HTML des données liées (/id/…, crates/maillage-api/src/linked_data.rs). Français.

ld-properties = Propriétés
ld-incoming = Liens entrants
ld-formats = Autres formats
ld-property = Propriété
ld-value = Valeur
ld-graph = Graphe
# Suivi de l'en-tête à envoyer, « Accept: text/turtle ».
ld-formats-hint = Turtle, JSON-LD, N-Triples, RDF/XML :
