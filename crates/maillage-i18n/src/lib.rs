//! The language catalogue: every sentence a person reads in Maillage — web pages, error
//! messages, match explanations, CLI tables — comes from the Fluent files of
//! `locales/<language>/*.ftl`, French first (the default and the fallback), English second.
//!
//! Why Fluent (with `fluent-templates`) rather than a message enum: translators edit plain
//! text files with plural and gender selection built in, a third language is one new folder
//! of `.ftl` files and nothing else (the locales are discovered at build time, see
//! [`Locale::all`]), and the unit tests below check that every locale defines every message
//! with the same variables, so a missing translation fails the build's tests, not a user.
//!
//! The numbers a sentence carries are formatted here too ([`Locale::int`], [`Locale::dec`],
//! [`Locale::percent`], [`Locale::money`]), from separators that are themselves messages of the
//! catalogue (`number-decimal`, `number-group`, …): French gets a decimal comma and narrow
//! no-break spaces, English a decimal point and commas. Never hand a raw `f64` to Fluent.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use fluent_templates::{LanguageIdentifier, Loader};
use maillage_model::Lang;

pub use fluent_templates::fluent_bundle::FluentValue as Arg;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "fr",
        // No Unicode isolation marks around arguments: the text goes into HTML and CSV.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The language of a person reading Maillage: one of the catalogue's locales. French is the
/// default. Cheap to copy; ordered as [`Locale::all`] lists them.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Locale(u8);

/// The catalogue's locales, French first, then by code.
fn locales() -> &'static [LanguageIdentifier] {
    static ALL: OnceLock<Vec<LanguageIdentifier>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut all: Vec<LanguageIdentifier> = LOCALES.locales().cloned().collect();
        all.sort_by_key(|l| (l.language.as_str() != "fr", l.to_string()));
        all.dedup();
        all
    })
}

impl Locale {
    /// French, the default language.
    pub const FRENCH: Locale = Locale(0);

    /// Every locale of the catalogue, French first.
    pub fn all() -> impl Iterator<Item = Locale> {
        (0..locales().len()).map(|i| Locale(i as u8))
    }

    fn id(self) -> &'static LanguageIdentifier {
        let all = locales();
        &all[usize::from(self.0).min(all.len().saturating_sub(1))]
    }

    /// The language code (`fr`, `en`), as used in `?lang=` and `lang="…"`.
    pub fn code(self) -> &'static str {
        self.id().language.as_str()
    }

    /// The language to pick among the data's labels: the data holds French and English.
    pub fn lang(self) -> Lang {
        match self.code() {
            "en" => Lang::En,
            _ => Lang::Fr,
        }
    }

    /// The locale of a language code or tag (`en`, `en-CA`, `FR`), if the catalogue has it.
    pub fn parse(code: &str) -> Option<Locale> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        if primary.is_empty() {
            return None;
        }
        locales()
            .iter()
            .position(|l| l.language.as_str() == primary)
            .map(|i| Locale(i as u8))
    }

    /// The locale for data labels of language `lang`.
    pub fn of(lang: Lang) -> Locale {
        Locale::parse(lang.code()).unwrap_or_default()
    }

    /// The best locale for an HTTP `Accept-Language` value (quality first, then order), French
    /// when none is supported.
    pub fn negotiate(accept_language: &str) -> Locale {
        let mut best: Option<(f32, Locale)> = None;
        for part in accept_language.split(',') {
            let mut pieces = part.trim().split(';');
            let Some(locale) = pieces.next().and_then(Locale::parse) else {
                continue;
            };
            let quality = pieces
                .find_map(|p| p.trim().strip_prefix("q=")?.parse::<f32>().ok())
                .unwrap_or(1.0);
            if quality > 0.0 && best.is_none_or(|(q, _)| quality > q) {
                best = Some((quality, locale));
            }
        }
        best.map(|(_, l)| l).unwrap_or_default()
    }

    /// The catalogue's text for `id`. A missing id falls back to French, then to the id itself
    /// (the tests make sure no id in use is missing).
    pub fn t(self, id: &str) -> String {
        LOCALES
            .try_lookup(self.id(), id)
            .unwrap_or_else(|| id.to_owned())
    }

    /// The catalogue's text for `id` with named arguments.
    pub fn t_args(self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        let map: HashMap<Cow<'static, str>, Arg<'_>> = args
            .iter()
            .map(|(k, v)| (Cow::Owned((*k).to_owned()), v.clone()))
            .collect();
        LOCALES
            .try_lookup_with_args(self.id(), id, &map)
            .unwrap_or_else(|| id.to_owned())
    }

    /// Whether the catalogue defines `id` in this locale (without falling back).
    pub fn has(self, id: &str) -> bool {
        LOCALES
            .lookup_no_default_fallback::<&str>(self.id(), id, None)
            .is_some()
    }

    /// A whole number in this language (`1 234` / `1,234`).
    pub fn int(self, n: f64) -> String {
        let rounded = n.round();
        let digits = format!("{:.0}", rounded.abs());
        let grouped = self.group(&digits);
        if rounded < 0.0 {
            format!("-{grouped}")
        } else {
            grouped
        }
    }

    /// A decimal number with `places` decimals (`0,75` / `0.75`), digits grouped.
    pub fn dec(self, n: f64, places: usize) -> String {
        let s = format!("{:.places$}", n.abs());
        let (whole, frac) = s.split_once('.').unwrap_or((s.as_str(), ""));
        let mut out = String::new();
        if n < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
            out.push('-');
        }
        out.push_str(&self.group(whole));
        if !frac.is_empty() {
            out.push_str(&self.t("number-decimal"));
            out.push_str(frac);
        }
        out
    }

    /// A share of 0..1 in percent, rounded to a whole number (`75 %` / `75%`).
    pub fn percent(self, share: f64) -> String {
        self.t_args(
            "number-percent",
            &[("value", Arg::from(self.int(share * 100.0)))],
        )
    }

    /// An amount of Canadian dollars, whole dollars (`4 348 000 $` / `$4,348,000`).
    pub fn money(self, amount: f64) -> String {
        self.t_args("number-money", &[("amount", Arg::from(self.int(amount)))])
    }

    fn group(self, digits: &str) -> String {
        let sep = self.t("number-group");
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push_str(&sep);
            }
            out.push(c);
        }
        out
    }
}

impl fmt::Debug for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Locale({})", self.code())
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Error for a language the catalogue does not have.
#[derive(Debug, thiserror::Error)]
#[error("unsupported language {0:?}: use one of {list}", list = supported_codes())]
pub struct UnsupportedLocale(pub String);

fn supported_codes() -> String {
    Locale::all()
        .map(|l| format!("\"{}\"", l.code()))
        .collect::<Vec<_>>()
        .join(", ")
}

impl std::str::FromStr for Locale {
    type Err = UnsupportedLocale;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Locale::parse(s).ok_or_else(|| UnsupportedLocale(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};
    use std::path::{Path, PathBuf};

    use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

    use super::*;

    fn locale_dir() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("locales")
    }

    /// Message id → the variables its patterns use, for every `.ftl` file of one locale.
    fn messages(dir: &Path) -> BTreeMap<String, BTreeSet<String>> {
        let mut out = BTreeMap::new();
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .expect("locale folder")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
            .collect();
        files.sort();
        for file in files {
            let text = std::fs::read_to_string(&file).expect("readable .ftl");
            let resource = fluent_syntax::parser::parse(text.as_str())
                .unwrap_or_else(|(_, errs)| panic!("{}: {errs:?}", file.display()));
            for entry in &resource.body {
                if let Entry::Message(m) = entry {
                    let mut vars = BTreeSet::new();
                    if let Some(p) = &m.value {
                        pattern_vars(p, &mut vars);
                    }
                    for a in &m.attributes {
                        pattern_vars(&a.value, &mut vars);
                    }
                    let id = m.id.name.to_owned();
                    assert!(
                        out.insert(id.clone(), vars).is_none(),
                        "{}: message {id} defined twice",
                        dir.display()
                    );
                }
            }
        }
        out
    }

    fn pattern_vars(p: &Pattern<&str>, vars: &mut BTreeSet<String>) {
        for el in &p.elements {
            if let PatternElement::Placeable { expression } = el {
                expression_vars(expression, vars);
            }
        }
    }

    fn expression_vars(e: &Expression<&str>, vars: &mut BTreeSet<String>) {
        match e {
            Expression::Inline(i) => inline_vars(i, vars),
            Expression::Select { selector, variants } => {
                inline_vars(selector, vars);
                for v in variants {
                    pattern_vars(&v.value, vars);
                }
            }
        }
    }

    fn inline_vars(i: &InlineExpression<&str>, vars: &mut BTreeSet<String>) {
        match i {
            InlineExpression::VariableReference { id } => {
                vars.insert(id.name.to_owned());
            }
            InlineExpression::Placeable { expression } => expression_vars(expression, vars),
            _ => {}
        }
    }

    #[test]
    fn every_locale_defines_every_message_with_the_same_variables() {
        let dirs: Vec<PathBuf> = {
            let mut d: Vec<PathBuf> = std::fs::read_dir(locale_dir())
                .expect("locales/")
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_dir())
                .collect();
            d.sort();
            d
        };
        assert!(dirs.len() >= 2, "French and English at least");
        let french = messages(&locale_dir().join("fr"));
        assert!(!french.is_empty());
        for dir in &dirs {
            let other = messages(dir);
            let missing: Vec<_> = french.keys().filter(|k| !other.contains_key(*k)).collect();
            let extra: Vec<_> = other.keys().filter(|k| !french.contains_key(*k)).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{}: missing {missing:?}, not in French {extra:?}",
                dir.display()
            );
            for (id, vars) in &french {
                assert_eq!(
                    Some(vars),
                    other.get(id),
                    "{}: message {id} uses other variables than in French",
                    dir.display()
                );
            }
        }
    }

    /// Every message id the workspace's code names literally (`.t("id")`, `.t_args("id", …)`)
    /// exists in the catalogue: a typo is a failing test, not an id shown to a user.
    #[test]
    fn every_id_used_in_the_code_exists() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let french = messages(&locale_dir().join("fr"));
        let mut missing = Vec::new();
        let mut stack = vec![root.join("src"), root.join("crates")];
        while let Some(dir) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    // This crate's own tests name a missing id on purpose.
                    if !path.ends_with("maillage-i18n") && !path.ends_with("target") {
                        stack.push(path);
                    }
                } else if path.extension().is_some_and(|x| x == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap_or_default();
                    for id in literal_ids(&text) {
                        if !french.contains_key(id) {
                            missing.push(format!("{}: {id}", path.display()));
                        }
                    }
                }
            }
        }
        assert!(missing.is_empty(), "ids not in the catalogue: {missing:#?}");
    }

    /// The literal first arguments of `.t(` and `.t_args(` calls that look like message ids.
    fn literal_ids(text: &str) -> Vec<&str> {
        let mut ids = Vec::new();
        for pattern in [".t(\"", ".t_args(\""] {
            for (at, _) in text.match_indices(pattern) {
                let rest = &text[at + pattern.len()..];
                if let Some(end) = rest.find('"') {
                    let id = &rest[..end];
                    let id_like = id.contains('-')
                        && id
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
                    if id_like {
                        ids.push(id);
                    }
                }
            }
        }
        ids
    }

    #[test]
    fn every_locale_folder_is_a_locale() {
        let codes: BTreeSet<&str> = Locale::all().map(Locale::code).collect();
        for entry in std::fs::read_dir(locale_dir()).expect("locales/").flatten() {
            if entry.path().is_dir() {
                let name = entry.file_name().to_string_lossy().into_owned();
                assert!(codes.contains(name.as_str()), "{name} not loaded");
            }
        }
        assert_eq!(Locale::default().code(), "fr");
        assert_eq!(Locale::FRENCH.code(), "fr");
    }

    #[test]
    fn negotiation_prefers_quality_and_defaults_to_french() {
        let en = Locale::parse("en").expect("English");
        assert_eq!(Locale::negotiate("en-CA,en;q=0.9,fr;q=0.8"), en);
        assert_eq!(Locale::negotiate("fr-CA,fr;q=0.9,en;q=0.8"), Locale::FRENCH);
        assert_eq!(Locale::negotiate("xx-YY,en;q=0.5"), en);
        assert_eq!(Locale::negotiate("xx-YY"), Locale::FRENCH);
        assert_eq!(Locale::negotiate("en;q=0,fr;q=0.1"), Locale::FRENCH);
        assert_eq!(Locale::negotiate(""), Locale::FRENCH);
        assert_eq!(Locale::parse("EN-us"), Some(en));
        assert_eq!(Locale::parse("xx"), None);
        assert!("xx".parse::<Locale>().is_err());
        assert_eq!(en.lang(), Lang::En);
        assert_eq!(Locale::of(Lang::En), en);
    }

    #[test]
    fn numbers_follow_the_language() {
        let fr = Locale::FRENCH;
        let en = Locale::parse("en").expect("English");
        assert_eq!(fr.int(4_348_000.0), "4\u{202f}348\u{202f}000");
        assert_eq!(en.int(4_348_000.0), "4,348,000");
        assert_eq!(fr.money(4_348_000.0), "4\u{202f}348\u{202f}000\u{a0}$");
        assert_eq!(en.money(252_000.0), "$252,000");
        assert_eq!(fr.dec(0.8, 1), "0,8");
        assert_eq!(en.dec(1234.5, 2), "1,234.50");
        assert_eq!(fr.dec(-0.04, 2), "-0,04");
        assert_eq!(fr.dec(-0.001, 2), "0,00");
        assert_eq!(fr.percent(0.444), "44\u{a0}%");
        assert_eq!(en.percent(0.444), "44%");
        assert_eq!(fr.int(-1234.0), "-1\u{202f}234");
    }

    #[test]
    fn missing_ids_fall_back_to_the_id() {
        assert_eq!(Locale::FRENCH.t("no-such-message"), "no-such-message");
        assert!(!Locale::FRENCH.has("no-such-message"));
        assert!(Locale::FRENCH.has("number-decimal"));
    }
}
