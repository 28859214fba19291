//! "Did you mean …?" for keys, names and rule ids.

/// The candidate closest to `word`, when one is close enough to be a likely typo.
///
/// Authors often write æ, ø and å as ae, oe and aa, so both sides are folded to those spellings
/// before comparing; a candidate that is then equal is always suggested.
pub fn closest<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    // A typo is short; comparing a long text with every candidate would only cost time.
    if word.len() > 200 {
        return None;
    }
    let folded = fold(word);
    let mut best: Option<(f64, &str)> = None;
    for candidate in candidates {
        let score = strsim::jaro_winkler(&folded, &fold(candidate));
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, candidate));
        }
    }
    best.filter(|(score, _)| *score >= 0.85).map(|(_, c)| c)
}

fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in crate::text::nfc(text.trim()).chars().flat_map(char::to_lowercase) {
        match c {
            'æ' => out.push_str("ae"),
            'ø' => out.push_str("oe"),
            'å' => out.push_str("aa"),
            '_' | '-' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn folds_danish_letters() {
        let keys = ["ikrafttrædelse", "udløb", "titel"];
        assert_eq!(closest("ikrafttraedelse", keys), Some("ikrafttrædelse"));
        assert_eq!(closest("udloeb", keys), Some("udløb"));
    }

    #[test]
    fn ignores_distant_words() {
        assert_eq!(closest("xyz", ["ikrafttrædelse", "udløb"]), None);
    }

    #[test]
    fn finds_typos_in_names() {
        assert_eq!(closest("Hovedstanden", ["Hovedstaden", "Sjælland"]), Some("Hovedstaden"));
        assert_eq!(closest("Tarnby", ["Tårnby", "Dragør"]), Some("Tårnby"));
    }
}
