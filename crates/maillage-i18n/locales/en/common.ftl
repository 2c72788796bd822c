# Shared catalogue — numbers and words of every area. English.

## Numbers (used by Locale::int, dec, percent and money)
number-decimal = .
number-group = ,
number-percent = { $value }%
number-money = ${ $amount }

# maillage history --format table
cli-history-default-graph = (default graph)
cli-history-reverts = revert of { $id }
