//! Danish wording that many modules share: dates and lists.

use chrono::{Datelike, NaiveDate};

/// The months' names, January first.
pub const MONTHS: [&str; 12] = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
];

/// The text with a capital first letter, to start a sentence.
pub fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A count the Danish way, with a full stop between thousands: "19.981".
pub fn number(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// A count with its noun in the right number: "1 sted", "3 steder", "1.200 steder".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", number(n), if n == 1 { one } else { many })
}

/// A name as it reads inside a sentence: "Samme høje kvalitet" → "samme høje kvalitet". Only a
/// capital first letter followed by small letters is lowered, so "LUP" and "KOL-forløb" stay;
/// with `articles_only`, only a name that starts with an article ("De otte nationale mål"), so
/// proper names such as "Sundhedsprofilen" keep their capital.
pub fn mid_sentence(text: &str, articles_only: bool) -> String {
    let first_word = text.split_whitespace().next().unwrap_or_default();
    let mut letters = first_word.chars();
    let capitalised = letters.next().is_some_and(char::is_uppercase) && letters.all(|c| !c.is_uppercase());
    let is_article = matches!(first_word, "De" | "Den" | "Det" | "En" | "Et");
    if !capitalised || first_word.chars().count() < 2 || (articles_only && !is_article) {
        return text.to_owned();
    }
    let mut chars = text.chars();
    chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

/// Why the operating system refused to read or write, in Danish; a reason without a Danish
/// wording keeps the system's own words, quoted.
pub fn io_error(err: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match err.kind() {
        ErrorKind::NotFound => "filen eller mappen findes ikke".to_owned(),
        ErrorKind::PermissionDenied => "adgang nægtet (manglende rettigheder)".to_owned(),
        ErrorKind::AlreadyExists => "filen findes allerede".to_owned(),
        ErrorKind::IsADirectory => "det er en mappe, ikke en fil".to_owned(),
        ErrorKind::NotADirectory => "en del af stien er ikke en mappe".to_owned(),
        ErrorKind::StorageFull => "der er ikke plads på disken".to_owned(),
        ErrorKind::ReadOnlyFilesystem => "filsystemet er skrivebeskyttet".to_owned(),
        ErrorKind::InvalidData => "indholdet er ikke gyldig UTF-8".to_owned(),
        ErrorKind::BrokenPipe => "modtageren lukkede forbindelsen".to_owned(),
        _ => format!("styresystemet svarede «{err}»"),
    }
}

/// A date the way Danish letters write it: "9. januar 2024".
pub fn date(date: NaiveDate) -> String {
    format!("{}. {} {}", date.day(), MONTHS[date.month0() as usize], date.year())
}

/// "A", "A og B", "A, B og C".
pub fn list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        [init @ .., last] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} og {}", init.join(", "), last.as_ref())
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_read_in_small_letters_inside_a_sentence() {
        assert_eq!(super::mid_sentence("Samme høje kvalitet", false), "samme høje kvalitet");
        assert_eq!(super::mid_sentence("LUP", false), "LUP");
        assert_eq!(super::mid_sentence("De otte nationale mål", true), "de otte nationale mål");
        assert_eq!(super::mid_sentence("Sundhedsprofilen", true), "Sundhedsprofilen");
    }

    #[test]
    fn counts_take_the_singular_for_one() {
        assert_eq!(super::count(1, "sted", "steder"), "1 sted");
        assert_eq!(super::count(2, "sted", "steder"), "2 steder");
        assert_eq!(super::count(0, "sted", "steder"), "0 steder");
    }

    use super::*;

    #[test]
    fn numbers_have_thousands_separators() {
        assert_eq!(number(7), "7");
        assert_eq!(number(1000), "1.000");
        assert_eq!(number(19_981), "19.981");
        assert_eq!(number(1_234_567), "1.234.567");
    }

    #[test]
    fn writes_dates_the_danish_way() {
        let d = NaiveDate::from_ymd_opt(2024, 1, 9).unwrap();
        assert_eq!(date(d), "9. januar 2024");
    }

    #[test]
    fn joins_lists_with_og() {
        assert_eq!(list::<&str>(&[]), "");
        assert_eq!(list(&["Dragør"]), "Dragør");
        assert_eq!(list(&["Dragør", "Tårnby", "Ishøj"]), "Dragør, Tårnby og Ishøj");
    }
}
