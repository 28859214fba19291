//! Danish wording that many modules share: dates and lists.

use chrono::{Datelike, NaiveDate};

const MONTHS: [&str; 12] = [
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
