//! Bilingual labels of the data. French is the default language everywhere a person reads.
//! Which language a reader gets (`?lang=`, `Accept-Language`) and every sentence around the
//! labels are the language catalogue's business (`maillage-i18n`): a [`Lang`] only picks a
//! label the data holds.

use std::fmt;
use std::str::FromStr;

/// A language of the data's labels (a reader's language is a `maillage_i18n::Locale`, whose
/// `lang()` picks the labels). French first: it is the default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Error for an unsupported language code.
#[derive(Debug, thiserror::Error)]
#[error("unsupported language {0:?}: use \"fr\" or \"en\"")]
pub struct UnsupportedLang(pub String);

impl FromStr for Lang {
    type Err = UnsupportedLang;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "fr" => Ok(Lang::Fr),
            "en" => Ok(Lang::En),
            other => Err(UnsupportedLang(other.to_owned())),
        }
    }
}

/// A French and an English label. Either may be missing in the data; [`Label::get`] falls back
/// to the other language, then to the empty string, so readers always see a name.
/// [`Label::pick`] says which language the text it gives is really in, so that a page can mark
/// a label shown in another language than the reader's (the mark itself is a catalogue message:
/// the model holds no words).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Label {
    pub fr: Option<String>,
    pub en: Option<String>,
}

impl Label {
    pub fn new(fr: impl Into<String>, en: impl Into<String>) -> Self {
        Label {
            fr: Some(fr.into()),
            en: Some(en.into()),
        }
    }

    /// A label with the same text in both languages (proper names).
    pub fn same(name: impl Into<String>) -> Self {
        let name = name.into();
        Label::new(name.clone(), name)
    }

    /// The label in `lang`, else in the other language, else the empty string.
    pub fn get(&self, lang: Lang) -> &str {
        self.pick(lang).text
    }

    /// The label in `lang`, else in the other language, with the language it is in: a reader
    /// of `lang` who gets [`Picked::is_fallback`] text must be told it is in another language.
    pub fn pick(&self, lang: Lang) -> Picked<'_> {
        let other = match lang {
            Lang::Fr => Lang::En,
            Lang::En => Lang::Fr,
        };
        [lang, other]
            .into_iter()
            .find_map(|l| {
                self.slot(l)
                    .filter(|text| !text.is_empty())
                    .map(|text| Picked {
                        text,
                        lang: Some(l),
                        wanted: lang,
                    })
            })
            .unwrap_or(Picked {
                text: "",
                lang: None,
                wanted: lang,
            })
    }

    /// Whether the data has a (non-empty) label in `lang`.
    pub fn has(&self, lang: Lang) -> bool {
        self.slot(lang).is_some_and(|t| !t.is_empty())
    }

    fn slot(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::Fr => self.fr.as_deref(),
            Lang::En => self.en.as_deref(),
        }
    }

    pub fn fr(&self) -> &str {
        self.get(Lang::Fr)
    }

    pub fn en(&self) -> &str {
        self.get(Lang::En)
    }

    /// Sets the label of `lang` unless one is already there (first value wins, deterministic
    /// when the input is sorted).
    pub fn set_if_empty(&mut self, lang: Lang, value: &str) {
        let slot = match lang {
            Lang::Fr => &mut self.fr,
            Lang::En => &mut self.en,
        };
        if slot.is_none() {
            *slot = Some(value.to_owned());
        }
    }
}

/// A label picked for a reader ([`Label::pick`]): its text and the language it is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Picked<'a> {
    pub text: &'a str,
    /// The language of `text`; `None` when the data has no label at all (`text` is empty).
    pub lang: Option<Lang>,
    /// The reader's language the label was picked for.
    pub wanted: Lang,
}

impl Picked<'_> {
    /// True when the text is in another language than the reader's: never show it silently,
    /// mark it (the catalogue's `label-untranslated` messages).
    pub fn is_fallback(&self) -> bool {
        self.lang.is_some_and(|l| l != self.wanted)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_falls_back_to_the_other_language() {
        let only_fr = Label {
            fr: Some("Vision numérique".into()),
            en: None,
        };
        assert_eq!(only_fr.get(Lang::En), "Vision numérique");
        assert_eq!(Label::default().get(Lang::Fr), "");
    }

    #[test]
    fn a_label_in_the_other_language_is_reported_as_a_fallback() {
        // A NAICS class without a sourced French title: English only.
        let english_only = Label {
            fr: None,
            en: Some("Software publishers (except video game publishers)".into()),
        };
        let fr = english_only.pick(Lang::Fr);
        assert_eq!(
            fr.text,
            "Software publishers (except video game publishers)"
        );
        assert_eq!(fr.lang, Some(Lang::En));
        assert!(
            fr.is_fallback(),
            "English text for a French reader must be marked"
        );
        let en = english_only.pick(Lang::En);
        assert_eq!(en.lang, Some(Lang::En));
        assert!(!en.is_fallback());
        assert!(!english_only.has(Lang::Fr) && english_only.has(Lang::En));

        // An empty French value counts as missing, not as a French label.
        let empty_fr = Label {
            fr: Some(String::new()),
            en: Some("Universities".into()),
        };
        assert!(empty_fr.pick(Lang::Fr).is_fallback());

        // Both languages: no fallback either way; nothing at all: no fallback, empty text.
        let both = Label::new("Universités", "Universities");
        assert!(!both.pick(Lang::Fr).is_fallback() && !both.pick(Lang::En).is_fallback());
        assert_eq!(both.pick(Lang::Fr).text, "Universités");
        let nothing = Label::default();
        let none = nothing.pick(Lang::Fr);
        assert_eq!(
            (none.text, none.lang, none.is_fallback()),
            ("", None, false)
        );
    }
}
