//! An eligibility verdict on a page: the overall badge and the table of rules (name, verdict,
//! reason, the document that states the rule). Shared by the matches of a profile, the project
//! page and the new-project form, so a verdict always reads the same.

use maud::{Markup, html};

use super::{Ctx, badge};
use crate::rest::eligibility::RuleOut;

/// The overall verdict as a badge: eligible, not eligible, or to be confirmed (a rule lacks a
/// fact).
pub(crate) fn verdict_badge(ctx: &Ctx, eligible: Option<bool>) -> Markup {
    match eligible {
        Some(true) => badge("ok", &ctx.t("web-match-eligible")),
        Some(false) => badge("ko", &ctx.t("web-match-not-eligible")),
        None => badge("unknown", &ctx.t("web-match-undetermined")),
    }
}

/// One rule's verdict: passed, failed or unknown (never shown as passed without its facts).
pub(crate) fn passed_cell(ctx: &Ctx, passed: Option<bool>) -> Markup {
    html! {
        @match passed {
            Some(true) => { span.pass { "✓ " (ctx.t("web-rule-passed")) } }
            Some(false) => { span.fail { "✗ " (ctx.t("web-rule-failed")) } }
            None => { span.unknown { "? " (ctx.t("web-rule-unknown")) } }
        }
    }
}

/// The rules of a verdict as a table with its caption.
pub(crate) fn rules_table(ctx: &Ctx, caption: &str, rules: &[RuleOut], id: Option<&str>) -> Markup {
    html! {
        table.compact.rules id=[id] {
            caption { (caption) }
            thead { tr {
                th scope="col" { (ctx.t("web-rule-name")) }
                th scope="col" { (ctx.t("web-rule-verdict")) }
                th scope="col" { (ctx.t("web-rule-reason")) }
                th scope="col" { (ctx.t("web-rule-source")) }
            } }
            tbody {
                @for r in rules {
                    tr data-rule=(r.rule) data-passed=(match r.passed { Some(true) => "true", Some(false) => "false", None => "null" }) {
                        th scope="row" { (r.name) }
                        td { (passed_cell(ctx, r.passed)) }
                        td { (r.reason) }
                        td {
                            @for (i, s) in r.sources.iter().enumerate() {
                                @if i > 0 { " " }
                                a href=(s) rel="external" title=(r.text) {
                                    (ctx.t_args("web-rule-source-link", &[("n", maillage_i18n::Arg::from(i + 1))]))
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
