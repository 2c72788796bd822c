//! Content negotiation: picks the best supported media type for an `Accept` header.

use axum::http::HeaderMap;
use axum::http::header::ACCEPT;

/// One media range of an `Accept` header.
#[derive(Debug, PartialEq)]
struct Range {
    essence: String,
    quality: f32,
}

fn parse_accept(value: &str) -> Vec<Range> {
    value
        .split(',')
        .filter_map(|part| {
            let mut pieces = part.split(';');
            let essence = pieces.next()?.trim().to_ascii_lowercase();
            if essence.is_empty() {
                return None;
            }
            let quality = pieces
                .find_map(|p| {
                    p.trim()
                        .strip_prefix("q=")
                        .and_then(|q| q.trim().parse().ok())
                })
                .unwrap_or(1.0);
            Some(Range { essence, quality })
        })
        .collect()
}

fn matches(range: &str, media_type: &str) -> bool {
    if range == "*/*" || range == media_type {
        return true;
    }
    match (range.split_once('/'), media_type.split_once('/')) {
        (Some((rt, "*")), Some((mt, _))) => rt == mt,
        _ => false,
    }
}

/// The index in `offered` of the best media type for the request's `Accept` header: highest
/// quality, then most specific range, then the server's order. No header means the first
/// offered type. `None` when nothing offered is acceptable (answer 406).
pub fn choose(headers: &HeaderMap, offered: &[&str]) -> Option<usize> {
    let Some(accept) = headers.get(ACCEPT).and_then(|v| v.to_str().ok()) else {
        return Some(0);
    };
    let ranges = parse_accept(accept);
    if ranges.is_empty() {
        return Some(0);
    }
    let mut best: Option<(f32, u8, usize)> = None;
    for (index, media_type) in offered.iter().enumerate() {
        // The most specific matching range decides this type's quality.
        let mut decided: Option<(u8, f32)> = None;
        for range in &ranges {
            if matches(&range.essence, media_type) {
                let specificity = if range.essence == *media_type {
                    2
                } else if range.essence == "*/*" {
                    0
                } else {
                    1
                };
                if decided.is_none_or(|(s, _)| specificity > s) {
                    decided = Some((specificity, range.quality));
                }
            }
        }
        if let Some((specificity, quality)) = decided
            && quality > 0.0
        {
            let better = match best {
                None => true,
                Some((q, s, _)) => quality > q || (quality == q && specificity > s),
            };
            if better {
                best = Some((quality, specificity, index));
            }
        }
    }
    best.map(|(_, _, i)| i)
}

/// Does the client prefer HTML (a browser) over the RDF types offered?
pub fn prefers_html(headers: &HeaderMap, rdf_types: &[&str]) -> bool {
    let mut offered = vec!["text/html"];
    offered.extend_from_slice(rdf_types);
    match headers.get(ACCEPT) {
        None => false,
        Some(_) => choose(headers, &offered) == Some(0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn accept(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(ACCEPT, HeaderValue::from_str(value).expect("header"));
        h
    }

    #[test]
    fn picks_by_quality_then_specificity() {
        let offered = ["application/sparql-results+json", "text/csv"];
        assert_eq!(choose(&HeaderMap::new(), &offered), Some(0));
        assert_eq!(choose(&accept("text/csv"), &offered), Some(1));
        assert_eq!(
            choose(
                &accept("text/*;q=0.9, application/sparql-results+json;q=0.5"),
                &offered
            ),
            Some(1)
        );
        assert_eq!(choose(&accept("*/*"), &offered), Some(0));
        assert_eq!(choose(&accept("image/png"), &offered), None);
        assert_eq!(choose(&accept("text/csv;q=0, */*"), &offered), Some(0));
    }

    #[test]
    fn browsers_get_html() {
        let browser = accept("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        assert!(prefers_html(&browser, &["text/turtle"]));
        assert!(!prefers_html(&accept("text/turtle"), &["text/turtle"]));
    }
}
