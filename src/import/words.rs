//! Danish running text: dates written the Danish way ("den 1. januar 2024", "1/1-2024"),
//! enumerations ("a, b og c"), numbers written as words, and a paragraph's sentences.

use chrono::NaiveDate;

use crate::danish::MONTHS;

/// Every date the text writes, in order: "1. januar 2024", "den 1. januar 2024", "1/1-2024",
/// "1/1 2024", "2024-01-01".
pub fn dates_in(text: &str) -> Vec<NaiveDate> {
    let words: Vec<&str> =
        text.split(|c: char| c.is_whitespace() || c == ',' || c == '(' || c == ')').filter(|w| !w.is_empty()).collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = words[i].trim_end_matches(['.', ';', ':']);
        // 1. januar 2024; "fra den 15. maj til den 25. august 2023" takes its year from the date
        // that follows.
        let year_at = |j: usize| {
            words
                .get(j)
                .and_then(|y| y.trim_end_matches(['.', ',', ';', ':']).parse::<i32>().ok())
                .filter(|y| (1000..=9999).contains(y))
        };
        if let Some(day) = words[i].strip_suffix('.').and_then(|d| d.parse::<u32>().ok())
            && let Some(month) = words
                .get(i + 1)
                .and_then(|m| MONTHS.iter().position(|x| m.to_lowercase().trim_end_matches(['.', ',']) == *x))
        {
            let (year, used) = match year_at(i + 2) {
                Some(y) => (Some(y), 3),
                None => (
                    (i + 3..(i + 9).min(words.len())).find_map(|j| {
                        let is_month = words
                            .get(j - 1)
                            .is_some_and(|m| MONTHS.contains(&m.to_lowercase().trim_end_matches(['.', ','])));
                        if is_month { year_at(j) } else { None }
                    }),
                    2,
                ),
            };
            if let Some(d) = year.and_then(|y| NaiveDate::from_ymd_opt(y, month as u32 + 1, day)) {
                found.push(d);
                i += used;
                continue;
            }
        }
        // 2024-01-01
        if w.len() == 10
            && w.as_bytes()[4] == b'-'
            && w.as_bytes()[7] == b'-'
            && let Ok(d) = NaiveDate::parse_from_str(w, "%Y-%m-%d")
        {
            found.push(d);
            i += 1;
            continue;
        }
        // 1/1-2024 or 1/1 2024
        if let Some((day, rest)) = w.split_once('/') {
            let (month, year) = match rest.split_once('-') {
                Some((m, y)) => (m.to_owned(), Some(y.to_owned())),
                None => {
                    (rest.to_owned(), words.get(i + 1).map(|y| y.trim_end_matches(['.', ',', ';', ':']).to_owned()))
                }
            };
            let consumed = if rest.contains('-') { 1 } else { 2 };
            if let (Ok(d), Ok(m), Some(Ok(y))) =
                (day.parse::<u32>(), month.parse::<u32>(), year.map(|y| y.parse::<i32>()))
                && let Some(date) = NaiveDate::from_ymd_opt(y, m, d)
            {
                found.push(date);
                i += consumed;
                continue;
            }
        }
        i += 1;
    }
    found
}

/// "A, B og C" as its items.
pub(super) fn list_items(text: &str) -> Vec<String> {
    let text = text.trim().trim_end_matches(['.', ';']);
    let mut parts: Vec<String> = Vec::new();
    for piece in text.split(", ") {
        let mut rest = piece;
        while let Some((a, b)) = rest.split_once(" og ") {
            parts.push(a.to_owned());
            rest = b;
        }
        parts.push(rest.to_owned());
    }
    parts.into_iter().map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()).collect()
}

pub(super) fn number_word(word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    ["en", "to", "tre", "fire", "fem", "seks", "syv", "otte", "ni", "ti"]
        .iter()
        .position(|n| *n == w)
        .map(|i| i as u32 + 1)
        .or_else(|| w.parse().ok())
}

/// The sentences of a paragraph.
pub(super) fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        if matches!(c, '.' | '!' | '?') && bytes.get(i + 1).is_none_or(|b| *b == b' ') {
            // "1. januar", "fx." are not sentence ends.
            let before = text[start..i].split_whitespace().last().unwrap_or_default().to_lowercase();
            if (before.len() <= 2 && before.chars().all(|c| c.is_ascii_digit()))
                || ["fx", "bl.a", "jf", "nr", "ca", "mv", "m.v", "pct"].contains(&before.as_str())
            {
                continue;
            }
            out.push(text[start..=i].trim());
            start = i + 1;
        }
    }
    if start < text.len() && !text[start..].trim().is_empty() {
        out.push(text[start..].trim());
    }
    out
}
