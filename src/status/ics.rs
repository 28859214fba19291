//! The deadlines still ahead as an iCalendar file (RFC 5545, written with the `icalendar`
//! crate): one all-day event per deadline with a reminder some days before. Each event's UID
//! is made from the region, the agreement period and the step, never from a date, so importing
//! a newer file moves an event instead of adding a second one.

use chrono::{Days, NaiveDate, TimeZone, Utc};
use icalendar::{Alarm, Calendar, Component, Event, EventLike, Property};

use crate::danish;
use crate::lifecycle::{Lifecycle, State, Step};
use crate::text;

use super::FileStatus;

/// A name as the lower-case ASCII letters, digits and hyphens of an identifier.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.to_lowercase().chars() {
        match c {
            'æ' => out.push_str("ae"),
            'ø' => out.push_str("oe"),
            'å' => out.push_str("aa"),
            c if c.is_ascii_alphanumeric() => out.push(c),
            _ if !out.ends_with('-') => out.push('-'),
            _ => {}
        }
    }
    out.trim_matches('-').to_owned()
}

/// The stable identifier of a step's event: the region, the period, the step, and the file it
/// comes from – two files for the same region and period (a draft beside the agreement) must
/// not overwrite each other's events – never a date.
pub fn uid(l: &Lifecycle, step: &Step) -> String {
    let period = l.period.as_deref().map_or_else(|| "periode-ukendt".to_owned(), slug);
    format!("{}-{period}-{}-{:08x}@aftale", slug(&l.region), slug(&step.key), file_hash(&l.file))
}

/// A short, stable hash of the file's name (FNV-1a, folded to 32 bits).
fn file_hash(name: &str) -> u32 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in name.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    (hash ^ (hash >> 32)) as u32
}

/// The deadlines of an agreement still ahead on the `--as-of` date, and not yet met.
pub fn ahead(l: &Lifecycle) -> impl Iterator<Item = (&Step, NaiveDate)> {
    l.steps.iter().filter_map(move |s| {
        let due = s.due?;
        (s.state != State::Done && due >= l.as_of).then_some((s, due))
    })
}

fn event(l: &Lifecycle, step: &Step, due: NaiveDate, remind_days: u32) -> Event {
    let summary = format!("{}: {}", step.title, l.region);
    let mut description = format!("{} – {}", text::shown_long(&l.title), l.region);
    if let Some(rule) = &step.rule {
        description.push_str(&format!("\nRegel: {rule}"));
    }
    if let Some(detail) = &step.detail {
        description.push_str(&format!("\n{}", text::visible(detail)));
    }
    description.push_str(&format!("\nFil: {}\nStatus pr. {}", text::visible(&l.file), danish::date(l.as_of)));
    // `visible` leaves no carriage return or other control character that could end a line of
    // the file; the crate escapes line feeds, commas and semicolons.
    let description = text::visible_keep_lines(&description).into_owned();
    let stamp = Utc.from_utc_datetime(&l.as_of.and_hms_opt(0, 0, 0).unwrap_or_default());
    let reminder = format!("{} – frist {}", step.title, danish::date(due));
    let mut event = Event::new();
    event
        .uid(&uid(l, step))
        .timestamp(stamp)
        .summary(&text::visible(&summary))
        .description(&description)
        .starts(due)
        .ends(due.checked_add_days(Days::new(1)).unwrap_or(due))
        .append_property(Property::new("TRANSP", "TRANSPARENT"));
    if remind_days > 0 {
        // The crate gives every component a DTSTAMP and a UID, by default now and random; both
        // are fixed here so that the same file as of the same date gives the same calendar.
        let mut alarm = Alarm::display(&reminder, -chrono::Duration::days(i64::from(remind_days)));
        alarm
            .append_property(Property::new("TRIGGER", format!("-P{remind_days}D")))
            .timestamp(stamp)
            .uid(&uid(l, step).replacen('@', "-paamindelse@", 1));
        event.alarm(alarm.done());
    }
    event.done()
}

/// The calendar of every followed agreement's deadlines still ahead.
pub fn render(statuses: &[FileStatus], remind_days: u32) -> String {
    let mut calendar = Calendar::empty();
    calendar
        .append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", concat!("-//aftale//aftale ", env!("CARGO_PKG_VERSION"), "//DA")))
        .append_property(Property::new("CALSCALE", "GREGORIAN"));
    let followed: Vec<&Lifecycle> = statuses
        .iter()
        .filter_map(|s| match s {
            FileStatus::Followed(l) => Some(l.as_ref()),
            FileStatus::Unusable(_) => None,
        })
        .collect();
    let name = match followed.as_slice() {
        [one] => format!("Sundhedsaftale {} – {}", one.period.as_deref().unwrap_or(""), one.region),
        _ => "Sundhedsaftaler – frister".to_owned(),
    };
    calendar.name(&name);
    for l in followed {
        for (step, due) in ahead(l) {
            calendar.push(event(l, step, due, remind_days));
        }
    }
    refold(&text::inert(&calendar.done().to_string()))
}

/// The calendar with every content line folded at 75 octets, the space that starts a
/// continuation line included (RFC 5545 § 3.1). The crate folds after 75 octets of content, so
/// its continuation lines are 76; unfolding (CRLF and one space) and folding again fixes that.
fn refold(text: &str) -> String {
    const LIMIT: usize = 75;
    let mut out = String::with_capacity(text.len() + text.len() / 64);
    for line in text.replace("\r\n ", "").split_terminator("\r\n") {
        let mut rest = line;
        let mut limit = LIMIT;
        while rest.len() > limit {
            let mut cut = limit;
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            out.push_str(&rest[..cut]);
            out.push_str("\r\n ");
            rest = &rest[cut..];
            limit = LIMIT - 1;
        }
        out.push_str(rest);
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_folded_at_75_octets_on_character_boundaries() {
        let long = format!("DESCRIPTION:{}\r\n", "æ".repeat(100));
        let folded = refold(&long);
        assert!(folded.split("\r\n").all(|l| l.len() <= 75), "{folded}");
        assert_eq!(folded.replace("\r\n ", ""), long);
        assert_eq!(refold("A:b\r\n c\r\nEND:X\r\n"), "A:bc\r\nEND:X\r\n");
    }

    #[test]
    fn identifiers_are_plain_ascii() {
        assert_eq!(slug("Region Hovedstaden"), "region-hovedstaden");
        assert_eq!(slug("offentliggørelse"), "offentliggoerelse");
        assert_eq!(slug("Årlig  vurdering!"), "aarlig-vurdering");
    }
}
