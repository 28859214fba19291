//! The draft reply letter: its content for the examples (Markdown and HTML snapshots), the Word
//! document's structure, escaping of everything taken from the agreement, and the command's
//! refusals (unfinished letters with --strict, existing files without --force).

use std::io::Read;

mod common;
use common::aftale;

use aftale::error::SourceFile;
use aftale::evaluate::{self, EvaluationOptions};
use aftale::letter::{self, Letter, Templates};
use aftale::load;
use aftale::reference::Reference;
use aftale::rules::Registry;

const EXAMPLES: [&str; 9] = [
    "hovedstaden-2024-2027",
    "midtjylland-2024-2027",
    "nordjylland-2024-2027",
    "sjaelland-2019-2023",
    "sjaelland-2024-2027",
    "syddanmark-2024-2027",
    "fejl/manglende-kommuner",
    "fejl/mangler-ikrafttraedelse",
    "fejl/sen-indsendelse-accepteret",
];

fn draft(text: &str, as_of: (i32, u32, u32)) -> Letter {
    let reference = Reference::builtin();
    let registry = Registry::builtin().unwrap();
    let loaded = load::load(SourceFile::new("aftale.yaml", text), reference).unwrap();
    let date = chrono::NaiveDate::from_ymd_opt(as_of.0, as_of.1, as_of.2).unwrap();
    let assessment = evaluate::evaluate(loaded, &registry, reference, &EvaluationOptions::on(date)).unwrap();
    // Dated on the --as-of date, as a case officer's `--dato` would (the default is tested below).
    let options = letter::LetterOptions { date: Some(date), ..letter::LetterOptions::default() };
    letter::draft(&assessment, &registry, reference, Templates::Pack, &options).unwrap()
}

fn example(name: &str) -> String {
    std::fs::read_to_string(format!("{}/examples/{name}.yaml", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

#[test]
fn markdown_and_html_letters_of_every_example() {
    for name in EXAMPLES {
        let letter = draft(&example(name), (2024, 2, 20));
        let snapshot = name.replace('/', "-");
        insta::assert_snapshot!(format!("{snapshot}.md"), letter.markdown);
        insta::assert_snapshot!(format!("{snapshot}.html"), letter::html::render(&letter));
    }
}

#[test]
fn the_hovedstaden_letter_says_what_sundhedsstyrelsen_said() {
    let letter = draft(&example("hovedstaden-2024-2027"), (2024, 2, 20));
    let text = &letter.markdown;
    assert!(text.contains("# Sundhedsaftalerne 2024-2027"));
    assert!(text.contains("Sundhedsstyrelsen har den 9. januar 2024 modtaget sundhedsaftalen"));
    assert!(text.contains("**Vi kan hermed meddele, at sundhedsaftalen er godkendt.**"));
    // The recommendations Sundhedsstyrelsen gave, each citing its afsnit.
    assert!(text.contains("Versionsnummer bør tilføjes sundhedsaftalen, jf. vejledningens afsnit 5.1"));
    assert!(text.contains("delmål og succeskriterier") && text.contains("afsnit 3.2"));
    assert!(text.contains("selvstændige mål") && text.contains("afsnit 2.1"));
    assert!(text.contains("samarbejdsaftaler videreudvikles"));
    // The agreement states no entry into force: the duties are stated without computed dates,
    // and no place asks the case officer for a date the agreement does not give.
    assert!(text.contains("senest to år inde i perioden sendes til Sundhedsstyrelsen til orientering"));
    assert!(!text.contains("ikrafttrædelsesdato]]"));
    // No remark on the receipt after the deadline: Sundhedsstyrelsen made none.
    assert!(!text.contains("efter fristen 1. januar 2024"));
    // Every municipal council by official name.
    assert!(text.contains("Københavns Kommune") && text.contains("Bornholms Regionskommune"));
    // The headings in the letter's order.
    let order = [
        "## Rammerne for godkendelse af sundhedsaftalerne",
        "## Sundhedsaftalen mellem Region Hovedstaden og kommunerne i regionen",
        "## Generelt",
        "## Sammenhæng til de nationale mål for sundhedsvæsenet",
        "## Afsæt i grundlaget for samarbejde om målgrupper og indsatser",
        "## Øvrigt",
        "## Rådgivning",
        "## Implementering og opfølgning",
        "Med venlig hilsen",
    ];
    let positions: Vec<usize> = order.iter().map(|h| text.find(h).unwrap_or_else(|| panic!("missing {h}"))).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "headings out of order");
    let to_fill: Vec<&String> = letter.placeholders.iter().filter(|p| p.starts_with("Udfyld")).collect();
    assert_eq!(to_fill.len(), 3, "case number, signatory and contact: {:?}", letter.placeholders);
    // Everything else left open is a judgement for the case officer to confirm.
    assert!(letter.placeholders.iter().all(|p| p.starts_with("Udfyld") || p.starts_with("Bekræft")));
    // The letterhead, and the legal references as footnotes with their addresses.
    assert!(
        text.starts_with(
            "Sundhedsstyrelsen  \nwww.sst.dk\n\nDato: 20. februar 2024  \nSagsnr.: [[Udfyld: sagsnummer]]"
        )
    );
    assert!(
        text.contains("Vejledning om sundhedsklynger, sundhedssamarbejdsudvalg og sundhedsaftaler (januar 2024)[^2]")
    );
    assert!(text.contains("[^2]: https://www.retsinformation.dk/eli/retsinfo/2024/9008"));
}

#[test]
fn a_failing_agreement_gets_a_letter_that_says_why_it_cannot_be_approved() {
    let letter = draft(&example("fejl/mangler-ikrafttraedelse"), (2024, 2, 20));
    assert!(letter.markdown.contains("kan ikke godkende sundhedsaftalen i sin nuværende form"));
    assert!(letter.markdown.contains("Det fremgår ikke af aftalen, hvornår den træder i kraft"));
    assert!(!letter.markdown.contains("hermed meddele"));
    // Two councils are not among the parties, so they have not approved: not concluded, and
    // the letter says what Sundhedsstyrelsen awaits instead of approving or refusing.
    let letter = draft(&example("fejl/manglende-kommuner"), (2024, 2, 20));
    assert!(
        letter.markdown.contains("Sundhedsstyrelsen afventer:\n\n- godkendelse fra Læsø og Morsø"),
        "{}",
        letter.markdown
    );
    assert!(!letter.markdown.contains("hermed meddele") && !letter.markdown.contains("## Rådgivning"));
}

#[test]
fn html_escapes_everything_from_the_agreement() {
    let text = example("nordjylland-2024-2027")
        .replace(
            "  - navn: Sammen om forebyggelse",
            "  - navn: \"Sammen om <script>alert('x')</script> & forebyggelse\"",
        )
        .replace(
            "  - navn: Sammen om borgere med kronisk sygdom",
            "  - navn: \"<b>Fed</b> & *stjerne* [link](javascript:alert(1))\"",
        );
    let letter = draft(&text, (2026, 11, 22));
    let html = letter::html::render(&letter);
    assert!(html.contains("Sammen om &lt;script&gt;alert('x')&lt;/script&gt; &amp; forebyggelse"), "{html}");
    assert!(html.contains("&lt;b&gt;Fed&lt;/b&gt; &amp; *stjerne* [link](javascript:alert(1))"), "{html}");
    assert!(!html.contains("<script>") && !html.contains("<b>Fed") && !html.contains("href=\"javascript"));
    assert!(!html.contains("<em>stjerne"), "a value must not become emphasis");
}

#[test]
fn the_docx_is_a_word_document_with_headings() {
    let letter = draft(&example("hovedstaden-2024-2027"), (2024, 2, 20));
    let bytes = letter::docx::render(&letter).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a DOCX is a zip file");
    for part in ["[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml"] {
        assert!(zip.by_name(part).is_ok(), "missing {part}");
    }
    // Real core properties: the title, the author, Danish, and the letter's date.
    let mut core = String::new();
    zip.by_name("docProps/core.xml").unwrap().read_to_string(&mut core).unwrap();
    let props = roxmltree::Document::parse(&core).expect("well-formed core properties");
    let field = |name: &str| {
        props.descendants().find(|n| n.tag_name().name() == name).and_then(|n| n.text()).unwrap_or_default().to_owned()
    };
    assert_eq!(field("title"), "Sundhedsaftalerne 2024-2027");
    assert_eq!(field("creator"), "Sundhedsstyrelsen");
    assert_eq!(field("language"), "da-DK");
    assert_eq!(field("created"), "2024-02-20T00:00:00Z");
    let mut document = String::new();
    zip.by_name("word/document.xml").unwrap().read_to_string(&mut document).unwrap();
    let mut styles = String::new();
    zip.by_name("word/styles.xml").unwrap().read_to_string(&mut styles).unwrap();
    assert!(styles.contains(r#"w:styleId="Heading1""#) && styles.contains(r#"w:styleId="Heading2""#));
    // Each heading is a paragraph with a heading style and the heading's text.
    let paragraph_start = regex::Regex::new(r"<w:p[ >]").unwrap();
    let headings: Vec<(String, String)> = paragraph_start
        .split(&document)
        .filter_map(|p| {
            let style = p.split(r#"<w:pStyle w:val=""#).nth(1)?.split('"').next()?.to_owned();
            let text: String =
                p.split("<w:t xml:space=\"preserve\">").skip(1).filter_map(|t| t.split("</w:t>").next()).collect();
            style.starts_with("Heading").then_some((style, text))
        })
        .collect();
    let expected = [
        ("Heading1", "Sundhedsaftalerne 2024-2027"),
        ("Heading2", "Rammerne for godkendelse af sundhedsaftalerne"),
        ("Heading2", "Sundhedsaftalen mellem Region Hovedstaden og kommunerne i regionen"),
        ("Heading2", "Generelt"),
        ("Heading2", "Sammenhæng til de nationale mål for sundhedsvæsenet"),
        ("Heading2", "Afsæt i grundlaget for samarbejde om målgrupper og indsatser"),
        ("Heading2", "Øvrigt"),
        ("Heading2", "Rådgivning"),
        ("Heading2", "Implementering og opfølgning"),
    ];
    let actual: Vec<(&str, &str)> = headings.iter().map(|(s, t)| (s.as_str(), t.as_str())).collect();
    assert_eq!(actual, expected);
    // The places to complete are highlighted.
    assert!(document.contains(r#"<w:highlight w:val="yellow" />"#) && document.contains("[[Udfyld: kontaktperson"));
    // The legal references are Word footnotes, numbered by Word's own footnote mark, and the
    // definitions are not repeated in the body.
    let mut notes = String::new();
    zip.by_name("word/footnotes.xml").unwrap().read_to_string(&mut notes).unwrap();
    roxmltree::Document::parse(&notes).expect("well-formed footnotes");
    assert_eq!(document.matches("<w:footnoteReference").count(), 2);
    assert_eq!(notes.matches("<w:footnoteRef/>").count(), 2);
    assert!(notes.contains("https://www.retsinformation.dk/eli/retsinfo/2024/9008"));
    assert!(!document.contains("retsinformation") && !document.contains("[^"));
    // Every page's footer numbers it: "Side" and a PAGE field.
    let footer = (1..4).find_map(|n| {
        let mut text = String::new();
        zip.by_name(&format!("word/footer{n}.xml")).ok()?.read_to_string(&mut text).ok()?;
        Some(text)
    });
    let footer = footer.expect("a footer part");
    assert!(footer.contains(">Side </w:t>") && footer.contains("PAGE"), "{footer}");
}

#[test]
fn strict_refuses_a_letter_with_places_left_to_complete() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("brev.md");
    let out = aftale(&[
        "letter",
        "examples/hovedstaden-2024-2027.yaml",
        "--as-of",
        "2024-02-20",
        "--strict",
        "-o",
        target.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("«Udfyld: sagsnummer»") && stderr.contains("«Bekræft»"), "{stderr}");
    assert!(!target.exists(), "nothing is written");
    let out = aftale(&[
        "letter",
        "examples/hovedstaden-2024-2027.yaml",
        "--as-of",
        "2024-02-20",
        "--strict",
        "--signatory",
        "Navn Navnesen, enhedschef",
        "--contact",
        "Kontakt Person, kp@example.dk",
        "--case-number",
        "24/00123",
        "-o",
        target.to_str().unwrap(),
    ]);
    // The judgements drafted on Sundhedsstyrelsen's behalf are still to confirm: never signed
    // unreviewed, so --strict refuses until a person has confirmed them in the letter itself.
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("«Bekræft»") && !stderr.contains("Udfyld"), "{stderr}");
    assert!(!target.exists(), "nothing is written");
    let out = aftale(&[
        "letter",
        "examples/hovedstaden-2024-2027.yaml",
        "--as-of",
        "2024-02-20",
        "-o",
        target.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(std::fs::read_to_string(&target).unwrap().contains("[[Bekræft]]"));
}

/// While the agreement itself holds a place to fill, `--strict` writes no letter of any kind.
#[test]
fn strict_refuses_while_the_agreement_holds_a_place_to_fill() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sundhedsaftale.yaml");
    let text = example("nordjylland-2024-2027")
        .replace("  - navn: Sammen om forebyggelse", "  - navn: \"[[Udfyld: fokusområdets navn]]\"");
    std::fs::write(&file, text).unwrap();
    for kind in ["reply", "cover"] {
        let out = aftale(&[
            "letter",
            file.to_str().unwrap(),
            "--kind",
            kind,
            "--strict",
            "--signatory",
            "X",
            "--contact",
            "Y",
            "--case-number",
            "1",
        ]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{kind}: {stderr}");
        assert!(stderr.contains("aftalefilen") && stderr.contains("fokusområdets navn"), "{kind}: {stderr}");
    }
}

#[test]
fn an_existing_file_is_replaced_only_with_force_and_the_format_follows_the_extension() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("brev.html");
    std::fs::write(&html, "gammelt").unwrap();
    let args = ["letter", "examples/nordjylland-2024-2027.yaml", "--date", "2024-02-20", "-o", html.to_str().unwrap()];
    let out = aftale(&args);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("findes allerede"));
    assert_eq!(std::fs::read_to_string(&html).unwrap(), "gammelt");
    let out = aftale(&[&args[..], &["--force"]].concat());
    assert_eq!(out.status.code(), Some(0));
    assert!(std::fs::read_to_string(&html).unwrap().starts_with("<!DOCTYPE html>"));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary files left");

    let docx = dir.path().join("brev.docx");
    assert_eq!(
        aftale(&["letter", "examples/nordjylland-2024-2027.yaml", "-o", docx.to_str().unwrap()]).status.code(),
        Some(0)
    );
    assert!(std::fs::read(&docx).unwrap().starts_with(b"PK"), "a DOCX is a zip file");

    let odd = dir.path().join("brev.pdf");
    let out = aftale(&["letter", "examples/nordjylland-2024-2027.yaml", "-o", odd.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("formatet kan ikke udledes"));
}

#[test]
fn a_letter_is_dated_by_the_latest_event_it_reports_unless_given() {
    let date = |args: &[&str]| {
        let out = aftale(&[&["letter", "examples/nordjylland-2024-2027.yaml"][..], args].concat());
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        text.lines().find(|l| l.starts_with("Dato: ")).unwrap_or_default().trim_end().to_owned()
    };
    // The reply reports the submission on 20 December 2023; the cover letter the committee's
    // adoption on 20 October 2023; nothing after the --as-of date counts.
    assert_eq!(date(&["--as-of", "2025-03-04"]), "Dato: 20. december 2023");
    assert_eq!(date(&["--as-of", "2025-03-04", "--kind", "cover"]), "Dato: 20. oktober 2023");
    assert_eq!(date(&["--as-of", "2023-12-15"]), "Dato: 12. december 2023");
    assert_eq!(date(&["--as-of", "2023-06-01"]), "Dato: 1. juni 2023");
    // --dato (or --date) decides.
    assert_eq!(date(&["--as-of", "2025-03-04", "--dato", "2025-03-10"]), "Dato: 10. marts 2025");
    assert_eq!(date(&["--date", "2024-01-05"]), "Dato: 5. januar 2024");
    // A cover letter dated after its own deadlines says so, for the signer to confirm.
    assert_eq!(
        date(&["--kind", "cover", "--dato", "2024-01-05"]),
        "Dato: 5. januar 2024 [[Bekræft: brevet er dateret efter fristen for indsendelse 1. januar 2024]]"
    );
    let out = aftale(&["letter", "examples/hovedstaden-2024-2027.yaml", "--kind", "cover", "--as-of", "2026-12-05"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Dato: 5. december 2026 [[Bekræft: brevet er dateret efter svarfristen 21. december 2023]]"));
    let strict = aftale(&[
        "letter",
        "examples/hovedstaden-2024-2027.yaml",
        "--kind",
        "cover",
        "--strict",
        "--as-of",
        "2026-12-05",
    ]);
    assert_ne!(strict.status.code(), Some(0), "a date to confirm is a place left open");
}

#[test]
fn a_template_directory_replaces_the_wording() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("brev.md.j2"),
        "# Til {{ region }}\n\n{% for r in raadgivning %}- {{ r }}\n{% endfor %}",
    )
    .unwrap();
    let out = aftale(&[
        "letter",
        "examples/hovedstaden-2024-2027.yaml",
        "--as-of",
        "2024-02-20",
        "--template",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("# Til Region Hovedstaden"));
    assert!(text.contains("- Versionsnummer bør tilføjes sundhedsaftalen"));
    let empty = tempfile::tempdir().unwrap();
    let out = aftale(&["letter", "examples/hovedstaden-2024-2027.yaml", "--template", empty.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("indeholder ingen brev.md.j2"));
}

/// The signature block spans several lines, as the real letter's does (name, then title): each
/// `--signatory` is one line, in every form of the letter.
#[test]
fn the_signature_block_spans_several_lines() {
    let args = ["letter", "examples/nordjylland-2024-2027.yaml", "--as-of", "2024-02-20"];
    let signed = ["--signatory", "Tanja Popp", "--signatory", "Enhedschef"];
    let out = aftale(&[&args[..], &signed[..]].concat());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Med venlig hilsen\n\nTanja Popp  \nEnhedschef  \nSundhedsstyrelsen\n"), "{text}");
    let out = aftale(&[&args[..], &signed[..], &["--format", "html"][..]].concat());
    let html = String::from_utf8_lossy(&out.stdout);
    assert!(html.contains("Tanja Popp<br />\nEnhedschef<br />\nSundhedsstyrelsen"), "{html}");
}
