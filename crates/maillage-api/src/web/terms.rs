//! Jargon explained where it appears: a word (or a small "?" after a sentence) that opens a
//! short explanation. It is a `<details>` element, so a click, a tap or the keyboard (Enter,
//! Space) opens it without any script, and assistive technologies announce it as a disclosure
//! button; `app.js` also opens it while a mouse hovers it. No `title` tooltip: those never show
//! on a touch screen.

use maud::{Markup, html};

use super::Ctx;

/// `word`, which opens the explanation `text` (a sentence of the catalogue, already in words).
pub(crate) fn term(word: &str, text: &str) -> Markup {
    html! {
        details.term {
            summary { (word) span.term-mark aria-hidden="true" { "?" } }
            span.term-def role="note" { (text) }
        }
    }
}

/// A small "?" after a sentence, named `about` for screen readers, which opens `text`.
pub(crate) fn info(ctx: &Ctx, about: &str, text: &str) -> Markup {
    let name = ctx.t_args(
        "web-term-about",
        &[("term", maillage_i18n::Arg::from(about))],
    );
    html! {
        details.term.info {
            summary { span.term-mark aria-hidden="true" { "?" } span.visually-hidden { (name) } }
            span.term-def role="note" { (text) }
        }
    }
}
