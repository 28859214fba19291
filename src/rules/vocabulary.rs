//! The words a rule is written in: its level, the letter heading it belongs under, its source
//! in the law, and the dates it applies to.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::Date;

/// How much a finding weighs (Danish: niveau).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Content requirement: decides whether the agreement can be approved.
    Indholdskrav,
    /// Process requirement: reported, but does not by itself block approval.
    Proceskrav,
    /// Recommendation (bør): goes under Rådgivning; fails a run only in strict mode.
    Anbefaling,
    /// An observation for the report and the letter.
    Info,
}

impl Level {
    /// The Danish word.
    pub fn danish(self) -> &'static str {
        match self {
            Level::Indholdskrav => "indholdskrav",
            Level::Proceskrav => "proceskrav",
            Level::Anbefaling => "anbefaling",
            Level::Info => "info",
        }
    }

    /// The English key used in JSON and other machine formats.
    pub fn key(self) -> &'static str {
        match self {
            Level::Indholdskrav => "content_requirement",
            Level::Proceskrav => "process_requirement",
            Level::Anbefaling => "recommendation",
            Level::Info => "info",
        }
    }

    /// A requirement (content or process).
    pub fn is_requirement(self) -> bool {
        matches!(self, Level::Indholdskrav | Level::Proceskrav)
    }

    /// Every level, in order.
    pub const ALL: [Level; 4] = [Level::Indholdskrav, Level::Proceskrav, Level::Anbefaling, Level::Info];
}

/// The heading of Sundhedsstyrelsen's reply letter a finding is reported under.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
pub enum Heading {
    #[serde(rename = "generelt")]
    Generelt,
    #[serde(rename = "nationale_mål")]
    NationaleMaal,
    #[serde(rename = "grundlag")]
    Grundlag,
    #[serde(rename = "øvrigt")]
    Oevrigt,
    #[serde(rename = "rådgivning")]
    Raadgivning,
    #[serde(rename = "implementering")]
    Implementering,
}

impl Heading {
    /// The headings in the letter's order.
    pub const ALL: [Heading; 6] = [
        Heading::Generelt,
        Heading::NationaleMaal,
        Heading::Grundlag,
        Heading::Oevrigt,
        Heading::Raadgivning,
        Heading::Implementering,
    ];

    /// The heading as Sundhedsstyrelsen writes it.
    pub fn title(self) -> &'static str {
        match self {
            Heading::Generelt => "Generelt",
            Heading::NationaleMaal => "Sammenhæng til de nationale mål for sundhedsvæsenet",
            Heading::Grundlag => "Afsæt i grundlaget for samarbejde om målgrupper og indsatser",
            Heading::Oevrigt => "Øvrigt",
            Heading::Raadgivning => "Rådgivning",
            Heading::Implementering => "Implementering og opfølgning",
        }
    }

    /// The key used in rule files and machine formats.
    pub fn key(self) -> &'static str {
        match self {
            Heading::Generelt => "generelt",
            Heading::NationaleMaal => "nationale_mål",
            Heading::Grundlag => "grundlag",
            Heading::Oevrigt => "øvrigt",
            Heading::Raadgivning => "rådgivning",
            Heading::Implementering => "implementering",
        }
    }
}

/// Where a rule comes from in the law or the guidance.
#[derive(Clone, Debug, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The document: a law, an executive order, the guidance, or Sundhedsstyrelsen's letter.
    pub document: String,
    /// § / stk. or afsnit.
    pub section: String,
    /// The section's title.
    pub title: String,
    /// A link, ideally an ELI address on retsinformation.dk.
    #[serde(default)]
    pub url: Option<String>,
}

impl Source {
    /// The citation in one line: each document with its section ("Sundhedsloven, § 205;
    /// BEK nr. 679/2018, § 6"), and the section's title in parentheses. When the document and
    /// section lists do not pair up, the documents, then the sections.
    pub fn cite(&self) -> String {
        let documents: Vec<&str> = self.document.split(';').map(str::trim).filter(|d| !d.is_empty()).collect();
        let sections: Vec<&str> = self.section.split(';').map(str::trim).filter(|s| !s.is_empty()).collect();
        let places = if documents.len() == sections.len() {
            documents.iter().zip(&sections).map(|(d, s)| format!("{d}, {s}")).collect::<Vec<_>>().join("; ")
        } else {
            format!("{} – {}", documents.join("; "), sections.join("; "))
        };
        format!("{places} ({})", self.title.trim())
    }
}

/// The words a rule encodes, where they have been read: the quoted sentence and where it stands.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Quote {
    /// The sentence, word for word.
    pub tekst: String,
    /// The document and section it stands in.
    pub kilde: String,
}

/// A rule's evidence: its quote, and whether the quote has been read in the source that binds.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Evidence {
    pub quote: Option<Quote>,
    /// `None` when the rule file does not say (a user's pack may not).
    pub verified: Option<bool>,
    /// What has not been read, when not verified.
    pub unverified: Option<String>,
    /// Whether the § or afsnit the rule's source names has been read; `None` when the rule
    /// file does not say.
    pub reference_verified: Option<bool>,
}

impl Evidence {
    /// Checks that the evidence says what it claims: a verified rule has its quote, an
    /// unverified one says what is not verified.
    pub fn validate(&self) -> Result<(), String> {
        match (self.verified, &self.quote, &self.unverified) {
            (Some(true), None, _) => Err("`verificeret: true` kræver et `citat` med `tekst` og `kilde`".to_owned()),
            (Some(false), _, None) => {
                Err("`verificeret: false` kræver `ikke_verificeret`: hvad er ikke læst?".to_owned())
            }
            _ => Ok(()),
        }
    }

    /// Whether the rule's source has been read word for word.
    pub fn is_verified(&self) -> bool {
        self.verified == Some(true)
    }

    /// "ja / nej": whether the quote, and the § or afsnit, have been read.
    pub fn yes_no(&self) -> &'static str {
        match (self.is_verified(), self.is_reference_verified()) {
            (true, true) => "ja / ja",
            (true, false) => "ja / nej",
            (false, true) => "nej / ja",
            (false, false) => "nej / nej",
        }
    }

    /// Whether the § or afsnit the source names has been read.
    pub fn is_reference_verified(&self) -> bool {
        self.reference_verified == Some(true)
    }

    /// The status in Danish: "verificeret" or "ikke verificeret: …", and whether the reference
    /// (§ or afsnit) has been read.
    pub fn danish(&self) -> String {
        let quote = match (self.verified, &self.unverified) {
            (Some(true), _) => "citatet er verificeret".to_owned(),
            (_, Some(what)) => format!("ikke verificeret: {}", what.trim().trim_end_matches('.')),
            _ => "ikke verificeret: regelfilen angiver det ikke".to_owned(),
        };
        match self.reference_verified {
            Some(true) => format!("{quote}; henvisningen er læst"),
            _ => format!("{quote}; henvisningen (§ eller afsnit) er ikke læst"),
        }
    }
}

/// The dates something applies to, both ends included; open when absent.
#[derive(Clone, Copy, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Validity {
    #[serde(default)]
    pub from: Option<Date>,
    #[serde(default)]
    pub to: Option<Date>,
}

impl Validity {
    /// True when `date` lies within.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|f| f.0 <= date) && self.to.is_none_or(|t| date <= t.0)
    }

    /// "fra 1. juli 2022" / "1. juli 2019 – 30. juni 2022" / "altid".
    pub fn danish(&self) -> String {
        use crate::danish::date;
        match (self.from, self.to) {
            (Some(f), Some(t)) => format!("{} – {}", date(f.0), date(t.0)),
            (Some(f), None) => format!("fra {}", date(f.0)),
            (None, Some(t)) => format!("til og med {}", date(t.0)),
            (None, None) => "uden tidsgrænse".to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Evidence, Quote, Source};

    #[test]
    fn several_documents_are_cited_each_with_its_section() {
        let source = |document: &str, section: &str| Source {
            document: document.to_owned(),
            section: section.to_owned(),
            title: "Titel".to_owned(),
            url: None,
        };
        assert_eq!(source("Sundhedsloven", "§ 205").cite(), "Sundhedsloven, § 205 (Titel)");
        assert_eq!(source("A; B", "§ 1; afsnit 2").cite(), "A, § 1; B, afsnit 2 (Titel)");
        assert_eq!(source("A; B; C", "§ 1; afsnit 2").cite(), "A; B; C – § 1; afsnit 2 (Titel)");
    }

    #[test]
    fn evidence_says_what_it_claims() {
        let quote = Some(Quote { tekst: "Det skal fremgå af aftalen.".to_owned(), kilde: "seed 001".to_owned() });
        assert!(
            Evidence { quote: quote.clone(), verified: Some(true), unverified: None, reference_verified: None }
                .validate()
                .is_ok()
        );
        assert!(
            Evidence { quote: None, verified: Some(true), unverified: None, reference_verified: None }
                .validate()
                .is_err()
        );
        assert!(
            Evidence { quote, verified: Some(false), unverified: None, reference_verified: None }.validate().is_err()
        );
        let unread = Evidence {
            quote: None,
            verified: Some(false),
            unverified: Some("§ 204 er ikke læst.".to_owned()),
            reference_verified: None,
        };
        assert_eq!(unread.danish(), "ikke verificeret: § 204 er ikke læst; henvisningen (§ eller afsnit) er ikke læst");
    }
}
