# HTML pages of the linked data (/id/…, crates/maillage-api/src/linked_data.rs). English.

ld-properties = Properties
ld-incoming = Incoming links
ld-formats = Other formats
ld-property = Property
ld-value = Value
ld-graph = Graph
# Followed by the header to send, "Accept: text/turtle".
ld-formats-hint = Turtle, JSON-LD, N-Triples, RDF/XML:
