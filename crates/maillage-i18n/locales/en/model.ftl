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
