# Noms des notions du modèle (crates/maillage-model) : le modèle ne contient que leurs
# identifiants (OrgKind::label_id). Français.

## Types d'organisations (classes mo:)

kind-company = Entreprise
kind-research-centre = Centre de recherche
kind-university = Université
kind-college = Collège
kind-public-body = Organisme public
kind-development-agency = Agence de développement
kind-innovation-cluster = Grappe d'innovation
kind-committee = Comité
