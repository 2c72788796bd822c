//! The data's labels as a reader sees them. A label the data has only in another language than
//! the reader's is never shown silently: it carries the catalogue's mark of its language, and a
//! NAICS class also shows its code — on a French page, a class without a sourced French title
//! reads « 513211 Software publishers (except video game publishers) (EN) ». Every place that
//! shows a data label (pages, match explanations, REST `label` fields, the CLI) goes through
//! [`name`] or [`sector_title`].

use maillage_i18n::{Arg, Locale};
use maillage_model::{Ecosystem, Label, Lang, Picked, Sector};

/// The label of any IRI the ecosystem knows, in the reader's language; marked when it is in
/// another language; a sector's fallback also shows its code. The IRI itself when unknown.
pub fn name(eco: &Ecosystem, iri: &str, locale: Locale) -> String {
    if let Some(sector) = eco.sectors.get(iri) {
        return sector_name(sector, locale);
    }
    let label = eco.label_of(iri);
    marked(label.pick(locale.lang()), None, locale)
}

/// A sector's title in the reader's language; « CODE title (EN) » when the data has no title
/// in that language.
pub fn sector_name(sector: &Sector, locale: Locale) -> String {
    marked(sector.label.pick(locale.lang()), Some(&sector.code), locale)
}

/// A sector's title without its code (for places that show the code beside it, such as the
/// search form's list of sectors): « title (EN) » when it is in another language.
pub fn sector_title(sector: &Sector, locale: Locale) -> String {
    marked(sector.label.pick(locale.lang()), None, locale)
}

/// Any data label (from the store, not the ecosystem) in the reader's language, marked when it
/// is only in another language; `None` when it has no text at all.
pub fn label(label: &Label, locale: Locale) -> Option<String> {
    let picked = label.pick(locale.lang());
    (!picked.text.is_empty()).then(|| marked(picked, None, locale))
}

fn marked(picked: Picked<'_>, code: Option<&str>, locale: Locale) -> String {
    let Some(lang) = picked.lang.filter(|_| picked.is_fallback()) else {
        return picked.text.to_owned();
    };
    let mark = locale.t(match lang {
        Lang::Fr => "label-lang-fr",
        Lang::En => "label-lang-en",
    });
    match code {
        Some(code) => locale.t_args(
            "label-untranslated-sector",
            &[
                ("code", Arg::from(code)),
                ("title", Arg::from(picked.text)),
                ("lang", Arg::from(mark)),
            ],
        ),
        None => locale.t_args(
            "label-untranslated",
            &[("title", Arg::from(picked.text)), ("lang", Arg::from(mark))],
        ),
    }
}

#[cfg(test)]
mod tests {
    use maillage_model::{Label, vocab};

    use super::*;

    fn sector(code: &str, label: Label) -> Sector {
        Sector {
            iri: vocab::id("naics", code),
            code: code.into(),
            label,
            broader: None,
            typical_needs: vec![],
        }
    }

    #[test]
    fn a_sector_without_a_french_title_shows_its_code_and_the_english_title_marked() {
        let fr = Locale::default();
        let en = Locale::parse("en").expect("English is in the catalogue");
        let english_only = sector(
            "513211",
            Label {
                fr: None,
                en: Some("Software publishers (except video game publishers)".into()),
            },
        );
        assert_eq!(
            sector_name(&english_only, fr),
            "513211 Software publishers (except video game publishers) (EN)"
        );
        assert_eq!(
            sector_title(&english_only, fr),
            "Software publishers (except video game publishers) (EN)"
        );
        // In English nothing is marked.
        assert_eq!(
            sector_name(&english_only, en),
            "Software publishers (except video game publishers)"
        );

        let both = sector("611310", Label::new("Universités", "Universities"));
        assert_eq!(sector_name(&both, fr), "Universités");
        assert_eq!(sector_name(&both, en), "Universities");

        let mut eco = Ecosystem::default();
        eco.sectors
            .insert(english_only.iri.clone(), english_only.clone());
        assert_eq!(
            name(&eco, &english_only.iri, fr),
            "513211 Software publishers (except video game publishers) (EN)"
        );
        // An IRI the ecosystem does not know is shown as it is.
        assert_eq!(
            name(&eco, "https://example.org/x", fr),
            "https://example.org/x"
        );
    }
}
