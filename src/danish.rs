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

/// Today's date in Danish time (Europe/Copenhagen), whatever the machine's time zone: a deadline
/// is passed at midnight in Denmark, not at midnight where a CI runner happens to be.
pub fn today() -> NaiveDate {
    today_at(chrono::Utc::now())
}

/// The Danish date at an instant.
pub fn today_at(now: chrono::DateTime<chrono::Utc>) -> NaiveDate {
    now.with_timezone(&chrono_tz::Europe::Copenhagen).date_naive()
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
    fn today_is_the_date_in_copenhagen() {
        use chrono::TimeZone;
        // 23:30 UTC on 31 December is already New Year's Day in Denmark (UTC+1 in winter).
        let late = chrono::Utc.with_ymd_and_hms(2023, 12, 31, 23, 30, 0).unwrap();
        assert_eq!(today_at(late), NaiveDate::from_ymd_opt(2024, 1, 1).unwrap());
        // 22:30 UTC on 30 June is 00:30 on 1 July in summer time (UTC+2).
        let summer = chrono::Utc.with_ymd_and_hms(2023, 6, 30, 22, 30, 0).unwrap();
        assert_eq!(today_at(summer), NaiveDate::from_ymd_opt(2023, 7, 1).unwrap());
        let before = chrono::Utc.with_ymd_and_hms(2023, 6, 30, 21, 59, 0).unwrap();
        assert_eq!(today_at(before), NaiveDate::from_ymd_opt(2023, 6, 30).unwrap());
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
