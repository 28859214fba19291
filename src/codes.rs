//! Every error code an input error can have, in one place: a stable code (`aftale::ukendt_nøgle`)
//! that scripts can match in the JSON output's `errors[].code`, and what it means.

use std::fmt;

/// The code of an input error.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// `aftale::io`: Filen kan ikke læses (den findes ikke, eller rettighederne mangler).
    Io,
    /// `aftale::mappe`: Der er angivet en mappe, hvor der skal stå en fil.
    Directory,
    /// `aftale::ikke_fil`: Filen er ikke en almindelig fil (en navngiven pipe, en enhed eller en socket).
    NotRegularFile,
    /// `aftale::for_stor`: Filen er større end grænsen (--max-size).
    TooLarge,
    /// `aftale::dokument`: Dokumentet, der skal importeres, kan ikke læses.
    Import,
    /// `aftale::ikke_utf8`: Filen er ikke gemt som UTF-8.
    NotUtf8,
    /// `aftale::ingen_filer`: Mappen indeholder ingen aftalefiler.
    NoFiles,
    /// `aftale::tom_fil`: Filen er tom eller indeholder kun kommentarer.
    EmptyFile,
    /// `aftale::yaml`: Filen er ikke gyldig YAML, eller en værdi har en forkert type.
    Yaml,
    /// `aftale::ukendt_nøgle`: En nøgle, som formatet ikke kender (ofte en stavefejl).
    UnknownKey,
    /// `aftale::ukendt_værdi`: Et ord, som ikke er en af de mulige værdier.
    UnknownWord,
    /// `aftale::manglende_nøgle`: En nøgle, der skal være der, mangler.
    MissingKey,
    /// `aftale::dobbelt_nøgle`: Den samme nøgle står to gange i samme tabel.
    DuplicateKey,
    /// `aftale::ugyldig_dato`: En dato, der ikke findes i kalenderen.
    InvalidDate,
    /// `aftale::format`: Filens `format` er ikke et, programmet kender.
    FormatVersion,
    /// `aftale::ukendt_region`: Regionen findes ikke.
    UnknownRegion,
    /// `aftale::ukendt_nationalt_mål`: Et nationalt mål, der ikke er et af de otte.
    UnknownNationalGoal,
    /// `aftale::udsat_frist_uden_kilde`: En udsat frist uden angivelse af, hvem der udsatte den.
    PostponementWithoutSource,
    /// `aftale::afvigelse_uden_begrundelse`: En accepteret afvigelse uden begrundelse.
    DeviationWithoutReason,
    /// `aftale::ukendt_regel`: En regel-id, der ikke findes i regelsættet.
    UnknownRule,
    /// `aftale::ukendt_regelsæt`: Et regelsæt, der ikke findes.
    UnknownRuleset,
    /// `aftale::intet_regelsæt`: Intet regelsæt gælder for aftalens datoer.
    NoRuleset,
    /// `aftale::flere_regelsæt`: Flere regelsæt gælder for aftalens datoer.
    SeveralRulesets,
    /// `aftale::periode`: En aftaleperiode, der ikke er to årstal.
    Period,
    /// `aftale::efter_reformen`: Aftalen træder i kraft efter sundhedsreformen; intet regelsæt dækker den.
    AfterReform,
    /// `aftale::filmønster`: Et filmønster i konfigurationen, der ikke kan bruges.
    BadGlob,
    /// `aftale::flere_fejl`: Der er flere fejl i filen end dem, der vises.
    MoreErrors,
    /// `aftale::regel`: En regelfil kan ikke læses, eller dens kontrol er ugyldig.
    RuleFile,
    /// `aftale::regelsæt`: En regelsætsmappe uden pack.yaml.
    RulesetDirectory,
    /// `aftale::regelmappe`: En mappe med regelsæt kan ikke læses.
    RuleDirectory,
    /// `aftale::dobbelt_regel`: To regler med samme id.
    DuplicateRule,
    /// `aftale::skabelon`: En regels besked-, hjælpe- eller brevskabelon kan ikke læses.
    RuleTemplate,
    /// `aftale::brevskabelon`: Brevskabelonen kan ikke læses eller udfyldes.
    LetterTemplate,
    /// `aftale::brevformat`: Brevets format kan ikke udledes, eller et Word-dokument skal skrives til en terminal.
    LetterFormat,
    /// `aftale::ufærdigt_brev`: Brevet har steder, der skal udfyldes (--strict).
    UnfinishedLetter,
    /// `aftale::brevets_kommune`: Sagsfremstillingen mangler --kommune, eller kommunen er ikke part i aftalen.
    LetterMunicipality,
    /// `aftale::docx`: Word-dokumentet kan ikke skrives.
    Docx,
    /// `aftale::findes`: Uddatafilen findes allerede (brug --force).
    OutputExists,
    /// `aftale::uddata`: Uddata kan ikke skrives.
    Output,
    /// `aftale::uddata_er_inddata`: Uddatafilen er en af de filer, der læses.
    OutputIsInput,
}

impl ErrorCode {
    /// Every code.
    pub const ALL: [ErrorCode; 40] = [
        ErrorCode::Io,
        ErrorCode::Directory,
        ErrorCode::NotRegularFile,
        ErrorCode::TooLarge,
        ErrorCode::Import,
        ErrorCode::NotUtf8,
        ErrorCode::NoFiles,
        ErrorCode::EmptyFile,
        ErrorCode::Yaml,
        ErrorCode::UnknownKey,
        ErrorCode::UnknownWord,
        ErrorCode::MissingKey,
        ErrorCode::DuplicateKey,
        ErrorCode::InvalidDate,
        ErrorCode::FormatVersion,
        ErrorCode::UnknownRegion,
        ErrorCode::UnknownNationalGoal,
        ErrorCode::PostponementWithoutSource,
        ErrorCode::DeviationWithoutReason,
        ErrorCode::UnknownRule,
        ErrorCode::UnknownRuleset,
        ErrorCode::NoRuleset,
        ErrorCode::SeveralRulesets,
        ErrorCode::AfterReform,
        ErrorCode::Period,
        ErrorCode::BadGlob,
        ErrorCode::MoreErrors,
        ErrorCode::RuleFile,
        ErrorCode::RulesetDirectory,
        ErrorCode::RuleDirectory,
        ErrorCode::DuplicateRule,
        ErrorCode::RuleTemplate,
        ErrorCode::LetterTemplate,
        ErrorCode::LetterFormat,
        ErrorCode::UnfinishedLetter,
        ErrorCode::LetterMunicipality,
        ErrorCode::Docx,
        ErrorCode::OutputExists,
        ErrorCode::Output,
        ErrorCode::OutputIsInput,
    ];

    /// The code as it is shown and written in JSON: `aftale::ukendt_nøgle`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Io => "aftale::io",
            ErrorCode::Directory => "aftale::mappe",
            ErrorCode::NotRegularFile => "aftale::ikke_fil",
            ErrorCode::TooLarge => "aftale::for_stor",
            ErrorCode::Import => "aftale::dokument",
            ErrorCode::NotUtf8 => "aftale::ikke_utf8",
            ErrorCode::NoFiles => "aftale::ingen_filer",
            ErrorCode::EmptyFile => "aftale::tom_fil",
            ErrorCode::Yaml => "aftale::yaml",
            ErrorCode::UnknownKey => "aftale::ukendt_nøgle",
            ErrorCode::UnknownWord => "aftale::ukendt_værdi",
            ErrorCode::MissingKey => "aftale::manglende_nøgle",
            ErrorCode::DuplicateKey => "aftale::dobbelt_nøgle",
            ErrorCode::InvalidDate => "aftale::ugyldig_dato",
            ErrorCode::FormatVersion => "aftale::format",
            ErrorCode::UnknownRegion => "aftale::ukendt_region",
            ErrorCode::UnknownNationalGoal => "aftale::ukendt_nationalt_mål",
            ErrorCode::PostponementWithoutSource => "aftale::udsat_frist_uden_kilde",
            ErrorCode::DeviationWithoutReason => "aftale::afvigelse_uden_begrundelse",
            ErrorCode::UnknownRule => "aftale::ukendt_regel",
            ErrorCode::UnknownRuleset => "aftale::ukendt_regelsæt",
            ErrorCode::NoRuleset => "aftale::intet_regelsæt",
            ErrorCode::SeveralRulesets => "aftale::flere_regelsæt",
            ErrorCode::AfterReform => "aftale::efter_reformen",
            ErrorCode::Period => "aftale::periode",
            ErrorCode::BadGlob => "aftale::filmønster",
            ErrorCode::MoreErrors => "aftale::flere_fejl",
            ErrorCode::RuleFile => "aftale::regel",
            ErrorCode::RulesetDirectory => "aftale::regelsæt",
            ErrorCode::RuleDirectory => "aftale::regelmappe",
            ErrorCode::DuplicateRule => "aftale::dobbelt_regel",
            ErrorCode::RuleTemplate => "aftale::skabelon",
            ErrorCode::LetterTemplate => "aftale::brevskabelon",
            ErrorCode::LetterFormat => "aftale::brevformat",
            ErrorCode::UnfinishedLetter => "aftale::ufærdigt_brev",
            ErrorCode::LetterMunicipality => "aftale::brevets_kommune",
            ErrorCode::Docx => "aftale::docx",
            ErrorCode::OutputExists => "aftale::findes",
            ErrorCode::Output => "aftale::uddata",
            ErrorCode::OutputIsInput => "aftale::uddata_er_inddata",
        }
    }

    /// What the code means, in Danish.
    pub fn meaning(self) -> &'static str {
        match self {
            ErrorCode::Io => "Filen kan ikke læses (den findes ikke, eller rettighederne mangler).",
            ErrorCode::Directory => "Der er angivet en mappe, hvor der skal stå en fil.",
            ErrorCode::NotRegularFile => {
                "Filen er ikke en almindelig fil (en navngiven pipe, en enhed eller en socket)."
            }
            ErrorCode::TooLarge => "Filen er større end grænsen (--max-size).",
            ErrorCode::Import => "Dokumentet, der skal importeres, kan ikke læses.",
            ErrorCode::NotUtf8 => "Filen er ikke gemt som UTF-8.",
            ErrorCode::NoFiles => "Mappen indeholder ingen aftalefiler.",
            ErrorCode::EmptyFile => "Filen er tom eller indeholder kun kommentarer.",
            ErrorCode::Yaml => "Filen er ikke gyldig YAML, eller en værdi har en forkert type.",
            ErrorCode::UnknownKey => "En nøgle, som formatet ikke kender (ofte en stavefejl).",
            ErrorCode::UnknownWord => "Et ord, som ikke er en af de mulige værdier.",
            ErrorCode::MissingKey => "En nøgle, der skal være der, mangler.",
            ErrorCode::DuplicateKey => "Den samme nøgle står to gange i samme tabel.",
            ErrorCode::InvalidDate => "En dato, der ikke findes i kalenderen.",
            ErrorCode::FormatVersion => "Filens `format` er ikke et, programmet kender.",
            ErrorCode::UnknownRegion => "Regionen findes ikke.",
            ErrorCode::UnknownNationalGoal => "Et nationalt mål, der ikke er et af de otte.",
            ErrorCode::PostponementWithoutSource => "En udsat frist uden angivelse af, hvem der udsatte den.",
            ErrorCode::DeviationWithoutReason => "En accepteret afvigelse uden begrundelse.",
            ErrorCode::UnknownRule => "En regel-id, der ikke findes i regelsættet.",
            ErrorCode::UnknownRuleset => "Et regelsæt, der ikke findes.",
            ErrorCode::NoRuleset => "Intet regelsæt gælder for aftalens datoer.",
            ErrorCode::SeveralRulesets => "Flere regelsæt gælder for aftalens datoer.",
            ErrorCode::Period => "En aftaleperiode, der ikke er to årstal.",
            ErrorCode::AfterReform => "Aftalen træder i kraft efter sundhedsreformen; intet regelsæt dækker den.",
            ErrorCode::BadGlob => "Et filmønster i konfigurationen, der ikke kan bruges.",
            ErrorCode::MoreErrors => "Der er flere fejl i filen end dem, der vises.",
            ErrorCode::RuleFile => "En regelfil kan ikke læses, eller dens kontrol er ugyldig.",
            ErrorCode::RulesetDirectory => "En regelsætsmappe uden pack.yaml.",
            ErrorCode::RuleDirectory => "En mappe med regelsæt kan ikke læses.",
            ErrorCode::DuplicateRule => "To regler med samme id.",
            ErrorCode::RuleTemplate => "En regels besked-, hjælpe- eller brevskabelon kan ikke læses.",
            ErrorCode::LetterTemplate => "Brevskabelonen kan ikke læses eller udfyldes.",
            ErrorCode::LetterFormat => {
                "Brevets format kan ikke udledes, eller et Word-dokument skal skrives til en terminal."
            }
            ErrorCode::UnfinishedLetter => "Brevet har steder, der skal udfyldes (--strict).",
            ErrorCode::LetterMunicipality => {
                "Sagsfremstillingen mangler --kommune, eller kommunen er ikke part i aftalen."
            }
            ErrorCode::Docx => "Word-dokumentet kan ikke skrives.",
            ErrorCode::OutputExists => "Uddatafilen findes allerede (brug --force).",
            ErrorCode::Output => "Uddata kan ikke skrives.",
            ErrorCode::OutputIsInput => "Uddatafilen er en af de filer, der læses.",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::ErrorCode;

    #[test]
    fn codes_are_unique_and_each_is_documented() {
        let mut seen = std::collections::BTreeSet::new();
        for code in ErrorCode::ALL {
            assert!(code.as_str().starts_with("aftale::"), "{code}");
            assert!(seen.insert(code.as_str()), "{code} twice");
            assert!(code.meaning().ends_with('.') && code.meaning().len() > 20, "{code} is not documented");
        }
    }
}
