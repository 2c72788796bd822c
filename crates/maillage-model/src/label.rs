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

    pub fn get(&self, lang: Lang) -> &str {
        let (first, second) = match lang {
            Lang::Fr => (&self.fr, &self.en),
            Lang::En => (&self.en, &self.fr),
        };
        first.as_deref().or(second.as_deref()).unwrap_or("")
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
}
