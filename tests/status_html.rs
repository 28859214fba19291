//! `status --format html`: the page's content on the examples at several dates – the counts,
//! the states, the marked date, the councils – and that it is one self-contained page whose
//! drawings are well-formed SVG.

mod common;

#[path = "common/safety.rs"]
#[allow(dead_code)]
mod safety;

use common::aftale;

const HOVEDSTADEN: &str = "tests/fixtures/hovedstaden-illustrativ.yaml";
const MIDTJYLLAND: &str = "examples/midtjylland-2024-2027.yaml";

fn page(args: &[&str]) -> (String, Option<i32>) {
    let out = aftale(&[&["status"][..], args, &["--format", "html"]].concat());
    (String::from_utf8(out.stdout).expect("UTF-8"), out.status.code())
}

/// Every inline drawing parses as XML, and the page loads nothing from outside.
fn self_contained(html: &str) {
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"da\">") && html.ends_with("</html>\n"));
    for external in ["src=", "href=", "@import", "url(", "<script"] {
        assert!(!html.contains(external), "{external}");
    }
    safety::html_is_safe(html).unwrap();
    let mut rest = html;
    let mut drawings = 0;
    while let Some(start) = rest.find("<svg") {
        let end = rest[start..].find("</svg>").expect("a closed drawing") + start + 6;
        let svg = rest[start..end].replace("<svg ", "<svg xmlns=\"http://www.w3.org/2000/svg\" ");
        let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{e}: {svg:.300}"));
        assert!(doc.descendants().any(|n| n.has_tag_name("title")), "an accessible name");
        drawings += 1;
        rest = &rest[end..];
    }
    assert!(drawings > 0);
}

#[test]
fn the_approval_round_in_progress() {
    let (html, code) = page(&[HOVEDSTADEN, "--as-of", "2023-11-29"]);
    assert_eq!(code, Some(0));
    self_contained(&html);
    // The count and the reply deadline; a tile for each council, by its state.
    assert!(html.contains("9 af 29 kommunalbestyrelser har godkendt · svarfrist 21. december 2023 (om 22 dage)"));
    assert_eq!(html.matches("<li class=\"tile approved").count(), 9);
    assert_eq!(html.matches("<li class=\"tile pending").count(), 21, "20 municipalities and the regional council");
    assert!(html.contains("<li class=\"tile pending regional\"><strong>◷ Regionsrådet i Region Hovedstaden"));
    assert!(html.contains("<strong>✓ Albertslund</strong><span class=\"what\">godkendt 28. november 2023</span>"));
    // The date marked, the approval round drawn, the states by shape and word.
    assert!(html.contains(">pr. 29. november 2023</text>"));
    assert!(html.contains(
        "<title>Godkendelsesrunden: fra udvalgets forslag 26. september 2023 til svarfristen 21. december 2023</title>"
    ));
    assert!(html.contains("<title>Høring: gennemført, 9. juni 2023</title>"));
    assert!(html.contains("<title>Regionsrådets godkendelse: forestår, frist 21. december 2023</title>"));
    assert!(html.contains("Reformen 1. januar 2027"));
    assert!(html.contains("<td class=\"state s-due\">○ forestår</td>"));
}

#[test]
fn the_agreements_life_later_with_overdue_steps() {
    let (html, code) = page(&[MIDTJYLLAND, "--as-of", "2026-02-01"]);
    assert_eq!(code, Some(1), "an overdue step fails the run, as in the other reports");
    self_contained(&html);
    assert!(html.contains("17 af 19 kommunalbestyrelser har godkendt"));
    assert!(
        html.contains(
            "<strong>◷ Samsø</strong><span class=\"what\">afventer – senest behandlet i Økonomiudvalget</span>"
        )
    );
    assert!(html.contains(">pr. 1. februar 2026</text>"));
    // Four steps overdue: the submission, two revision assessments and the midterm status.
    assert_eq!(html.matches("class=\"m overdue\"").count(), 4);
    assert_eq!(html.matches("<td class=\"state s-overdue\">▲ overskredet</td>").count(), 4);
    assert!(html.contains("<strong>Næste:</strong> Indsendelse til Sundhedsstyrelsen (overskredet) – frist 1. januar 2024 (762 dage for sent)"));
    assert!(html.contains("Uden dato på tidslinjen: ○ Regionsrådets godkendelse (forestår)"));
    // Earlier, the same file: the councils still deciding, nothing overdue yet.
    let (early, code) = page(&[MIDTJYLLAND, "--as-of", "2023-12-01"]);
    assert_eq!(code, Some(0));
    assert!(early.contains(">pr. 1. december 2023</text>"));
    assert!(!early.contains("class=\"m overdue\""));
    assert!(early.contains("1 af 19 kommunalbestyrelser har godkendt"));
}

#[test]
fn several_agreements_get_a_row_and_a_small_timeline_each() {
    let (html, _) = page(&["examples", "--exclude", "fejl", "--as-of", "2026-02-01"]);
    self_contained(&html);
    assert!(html.contains("<h1>Sundhedsaftaler pr. 1. februar 2026</h1>"));
    assert_eq!(html.matches("<svg class=\"timeline small\"").count(), 6);
    assert!(html.contains("<td>examples/midtjylland-2024-2027.yaml</td><td>Region Midtjylland"));
}
