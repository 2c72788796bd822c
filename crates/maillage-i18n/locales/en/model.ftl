# Names of the model's notions (crates/maillage-model): the model holds only their ids
# (OrgKind::label_id). English.

## Organisation kinds (mo: classes)

kind-company = Company
kind-research-centre = Research centre
kind-university = University
kind-college = College
kind-public-body = Public body
kind-development-agency = Development agency
kind-innovation-cluster = Innovation cluster
kind-committee = Committee

## Data labels shown in another language (maillage-api, labels.rs; NAICS titles)
# A label the data lacks in English is shown in its own language, marked, never silently;
# a NAICS class also shows its code.

label-lang-fr = FR
label-lang-en = EN
# $title: the label in the other language; $lang: label-lang-…
label-untranslated = { $title } ({ $lang })
# $code: the NAICS code; $title: its title in the other language; $lang: label-lang-…
label-untranslated-sector = { $code } { $title } ({ $lang })

## Statuses of a project in the selection (ProjectStatus::label_id)

status-proposed = proposed
status-under-review = under review
status-recommended = recommended
status-selected = selected
status-funded = funded
status-completed = completed
status-rejected = rejected
status-withdrawn = withdrawn
