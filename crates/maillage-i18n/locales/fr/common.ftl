# Catalogue commun — nombres et mots de tous les domaines. Français : langue par défaut.

## Nombres (utilisés par Locale::int, dec, percent et money)
number-decimal = ,
number-group = {"\u202F"}
number-percent = { $value }{"\u00A0"}%
number-money = { $amount }{"\u00A0"}$

# maillage history --format table
cli-history-default-graph = (graphe par défaut)
cli-history-reverts = annulation de { $id }
