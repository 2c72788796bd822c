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

## Libellés des données montrés dans une autre langue (maillage-api, labels.rs ; titres SCIAN)
# Un libellé que les données n'ont pas en français est montré dans sa langue, marqué, jamais
# en silence ; une classe SCIAN montre aussi son code.

label-lang-fr = FR
label-lang-en = EN
# $title : le libellé dans l'autre langue ; $lang : label-lang-…
label-untranslated = { $title } ({ $lang })
# $code : le code SCIAN ; $title : son titre dans l'autre langue ; $lang : label-lang-…
label-untranslated-sector = { $code } { $title } ({ $lang })

## Statuts d'un projet dans la sélection (ProjectStatus::label_id)

status-proposed = proposé
status-under-review = en analyse
status-recommended = recommandé
status-selected = retenu
status-funded = financé
status-completed = terminé
status-rejected = refusé
status-withdrawn = retiré
