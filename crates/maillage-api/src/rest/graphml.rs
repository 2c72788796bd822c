//! `/export/ecosystem.graphml`: the organisation network as GraphML (opens in Gephi, yEd,
//! Cytoscape), the same nodes and links as `/network`.

use axum::response::Response;
use maillage_graph::EcosystemGraph;
use maillage_i18n::Locale;

use super::Read;
use super::export::attachment;
use super::network::network_out;
use super::wire::LangQuery;

/// Escapes text for XML attributes and content.
fn xml_escape(s: &str) -> String {
    s.chars()
        .filter(|c| matches!(c, '\t' | '\n' | '\r') || !c.is_control())
        .fold(String::with_capacity(s.len()), |mut out, c| {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                '\'' => out.push_str("&apos;"),
                c => out.push(c),
            }
            out
        })
}

/// The organisation network as GraphML, labels in `locale`.
pub fn graphml(graph: &EcosystemGraph, locale: Locale) -> String {
    let net = network_out(graph, locale);
    let mut x = String::from(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n",
        "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n",
        "  <key id=\"kind\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>\n",
        "  <key id=\"in_zem\" for=\"node\" attr.name=\"in_zem\" attr.type=\"boolean\"/>\n",
        "  <key id=\"community\" for=\"node\" attr.name=\"community\" attr.type=\"int\"/>\n",
        "  <key id=\"betweenness\" for=\"node\" attr.name=\"betweenness\" attr.type=\"double\"/>\n",
        "  <key id=\"link\" for=\"edge\" attr.name=\"kind\" attr.type=\"string\"/>\n",
        "  <graph id=\"maillage\" edgedefault=\"undirected\">\n"
    ));
    for n in &net.nodes {
        x.push_str(&format!(
            "    <node id=\"{}\"><data key=\"label\">{}</data><data key=\"kind\">{}</data><data key=\"in_zem\">{}</data><data key=\"community\">{}</data><data key=\"betweenness\">{}</data></node>\n",
            xml_escape(&n.iri),
            xml_escape(&n.label),
            xml_escape(n.kind.as_deref().unwrap_or("")),
            n.in_zem,
            n.community.map(|c| c as i64).unwrap_or(-1),
            n.betweenness
        ));
    }
    for (i, e) in net.edges.iter().enumerate() {
        x.push_str(&format!(
            "    <edge id=\"e{i}\" source=\"{}\" target=\"{}\"><data key=\"link\">{}</data></edge>\n",
            xml_escape(&e.source),
            xml_escape(&e.target),
            e.kind.slug()
        ));
    }
    x.push_str("  </graph>\n</graphml>\n");
    x
}

read_route! {
    /// The organisation network as GraphML.
    get "/export/ecosystem.graphml", tag = "exports", params(LangQuery),
    ok(description = "GraphML file", body = String, content_type = "application/graphml+xml");
    fn graphml_route(read: Read) -> Response {
        let body = graphml(&read.snapshot.graph, read.locale).into_bytes();
        attachment(body, "application/graphml+xml; charset=utf-8", "maillage-ecosystem.graphml")
    }
}
