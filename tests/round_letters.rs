//! The two other letters of the approval round: the committee's cover letter and a
//! municipality's case presentation, snapshot-tested in every format, from the command line.

mod common;

use std::io::Read as _;

use common::aftale;

const HOVEDSTADEN: &str = "tests/fixtures/hovedstaden-illustrativ.yaml";
const MIDTJYLLAND: &str = "examples/midtjylland-2024-2027.yaml";

/// The letter on standard output, asserting that it was written.
fn letter(args: &[&str]) -> String {
    let out = aftale(&[&["letter"], args].concat());
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_cover_letter_asks_every_council_for_approval_by_the_reply_deadline() {
    let md = letter(&[HOVEDSTADEN, "--kind", "cover", "--as-of", "2023-10-02"]);
    assert!(md.contains("# Politisk godkendelse af sundhedssamarbejdsudvalgets forslag til Sundhedsaftale 2024-2027"));
    assert!(md.contains("Regionsrådet i Region Hovedstaden og kommunalbestyrelserne i Albertslund Kommune"));
    assert!(md.contains("Der skal inden den 1. januar 2024 være indgået en ny sundhedsaftale"));
    assert!(md.contains("politisk godkendt i regionsrådet og i alle 29 kommuner i regionen"));
    // The reply deadline of the real letter (seed 000), and the changes from the version history.
    assert!(md.contains("## Tilbagemelding senest 21. december 2023"));
    assert!(md.contains("i høring fra den 14. april 2023 til den 9. juni 2023"));
    assert!(md.contains("- Afsnittet om aftalens principper er ændret for at sikre et stærkere fokus på rekruttering"));
    assert!(!md.contains("høringsudkast"), "the draft itself is not a change");
    insta::assert_snapshot!("cover-hovedstaden.md", md);
    let html = letter(&[HOVEDSTADEN, "--kind", "cover", "--as-of", "2023-10-02", "--format", "html"]);
    insta::assert_snapshot!("cover-hovedstaden.html", html);
}

#[test]
fn the_case_presentation_has_the_municipal_case_headings_and_its_decisions() {
    let md = letter(&[MIDTJYLLAND, "--kind", "agenda", "--kommune", "Favrskov", "--as-of", "2023-12-15"]);
    let headings: Vec<&str> = md.lines().filter(|l| l.starts_with('#')).collect();
    assert_eq!(
        headings,
        [
            "# Godkendelse af Sundhedsaftalen 2024-2027 – Nærhed, tilgængelighed og sammenhæng for borgeren",
            "## Sagsfremstilling",
            "## Økonomiske konsekvenser",
            "## Lovgrundlag",
            "## Indstilling",
            "## Beslutning i Voksen- og plejeudvalget den 22. november 2023",
            "## Beslutning i Økonomiudvalget den 5. december 2023",
            "## Beslutning i Kommunalbestyrelsen den 12. december 2023",
        ]
    );
    assert!(md.contains("Sagsgang: Voksen- og plejeudvalget, Økonomiudvalget, Kommunalbestyrelsen"));
    // The law and the executive order in force, from the rule pack, not the outdated one the
    // real case cites.
    assert!(md.contains("Sundhedslovens §§ 203-205 samt BEK nr. 1248 af 5. september 2022 om sundhedsklynger"));
    assert!(md.contains("[[Udfyld: de økonomiske konsekvenser for kommunen]]"));
    insta::assert_snapshot!("agenda-midtjylland-favrskov.md", md);
    let html = letter(&[
        MIDTJYLLAND,
        "--kind",
        "agenda",
        "--kommune",
        "Favrskov",
        "--as-of",
        "2023-12-15",
        "--format",
        "html",
    ]);
    insta::assert_snapshot!("agenda-midtjylland-favrskov.html", html);
    // Before the council met, its decision is a place to complete; so is one not recorded.
    let early = letter(&[MIDTJYLLAND, "--kind", "agenda", "--kommune", "Favrskov", "--as-of", "2023-12-01"]);
    assert!(early.contains("## Beslutning i Kommunalbestyrelsen den [[Udfyld: dato]]"));
    assert!(!early.contains("Økonomiudvalget den 5. december"));
    let simple = letter(&[HOVEDSTADEN, "--kind", "agenda", "--kommune", "Københavns Kommune", "--as-of", "2023-10-02"]);
    assert!(simple.starts_with("Københavns Kommune\n"));
    assert!(simple.contains("Sagsgang: [[Udfyld: udvalg]], Kommunalbestyrelsen"));
}

#[test]
fn the_case_presentation_needs_one_of_the_regions_municipalities() {
    let out = aftale(&["letter", HOVEDSTADEN, "--kind", "agenda"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("sagsfremstillingen skrives for én kommune"));
    let out = aftale(&["letter", HOVEDSTADEN, "--kind", "agenda", "--kommune", "Gentofe"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("«Gentofe» er ikke en kommune i Region Hovedstaden") && stderr.contains("Mente du Gentofte?")
    );
    let out = aftale(&["letter", HOVEDSTADEN, "--kommune", "Gentofte"]);
    assert_eq!(out.status.code(), Some(2), "--kommune belongs to the case presentation");
}

#[test]
fn strict_holds_back_an_unfinished_cover_letter() {
    let out = aftale(&["letter", HOVEDSTADEN, "--kind", "cover", "--as-of", "2023-10-02", "--strict"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("«Udfyld: e-mailadresse til svar»") && stderr.contains("--signatory"), "{stderr}");
    let finished = letter(&[
        HOVEDSTADEN,
        "--kind",
        "cover",
        "--as-of",
        "2023-10-02",
        "--strict",
        "--signatory",
        "Lars Gaardhøj, formand",
        "--signatory",
        "Sisse Marie Welling, næstforperson",
        "--contact",
        "stb-sundhedsaftalen@regionh.dk",
    ]);
    assert!(finished.contains("Oplysningen bedes sendt til stb-sundhedsaftalen@regionh.dk."));
    assert!(finished.contains("Lars Gaardhøj, formand  \nSisse Marie Welling, næstforperson"));
}

/// The text of a Word document, a paragraph a line, headings marked with their style.
fn docx_text(document: &roxmltree::Document) -> String {
    let mut out = String::new();
    for p in document.descendants().filter(|n| n.tag_name().name() == "p") {
        let style = p
            .descendants()
            .find(|s| s.tag_name().name() == "pStyle")
            .and_then(|s| s.attributes().next().map(|a| a.value().to_owned()));
        // Text runs, and a line break inside the paragraph as " ⏎ ".
        let text: String = p
            .descendants()
            .filter_map(|n| match n.tag_name().name() {
                "t" => n.text(),
                "br" => Some(" ⏎ "),
                _ => None,
            })
            .collect();
        match style {
            Some(style) => out.push_str(&format!("[{style}] {text}\n")),
            None => out.push_str(&format!("{text}\n")),
        }
    }
    out
}

/// The paragraphs of a Word document with a heading style, its core properties' subject and
/// creator, and its text.
fn docx(args: &[&str]) -> (Vec<String>, String, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("brev.docx");
    let out = aftale(&[&["letter"], args, &["-o", path.to_str().unwrap()]].concat());
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let mut document = String::new();
    zip.by_name("word/document.xml").unwrap().read_to_string(&mut document).unwrap();
    let mut core = String::new();
    zip.by_name("docProps/core.xml").unwrap().read_to_string(&mut core).unwrap();
    let props = roxmltree::Document::parse(&core).unwrap();
    let field = |name: &str| {
        props.descendants().find(|n| n.tag_name().name() == name).and_then(|n| n.text()).unwrap_or_default().to_owned()
    };
    let xml = roxmltree::Document::parse(&document).unwrap();
    let headings = xml
        .descendants()
        .filter(|n| n.tag_name().name() == "p")
        .filter(|p| {
            p.descendants()
                .any(|s| s.tag_name().name() == "pStyle" && s.attributes().any(|a| a.value().starts_with("Heading")))
        })
        .map(|p| p.descendants().filter(|t| t.tag_name().name() == "t").filter_map(|t| t.text()).collect())
        .collect();
    (headings, field("subject"), field("creator"), docx_text(&xml))
}

#[test]
fn both_letters_are_word_documents_with_their_own_headings_and_properties() {
    let (headings, subject, creator, text) = docx(&[HOVEDSTADEN, "--kind", "cover", "--as-of", "2023-10-02"]);
    insta::assert_snapshot!("cover-hovedstaden.docx.txt", text);
    assert_eq!(headings[1..], ["Ændringer på baggrund af høringen", "Tilbagemelding senest 21. december 2023"]);
    assert_eq!(
        (subject.as_str(), creator.as_str()),
        ("Følgebrev om politisk godkendelse af sundhedsaftalen", "Sundhedssamarbejdsudvalget")
    );
    let (headings, subject, creator, text) =
        docx(&[MIDTJYLLAND, "--kind", "agenda", "--kommune", "Favrskov", "--as-of", "2023-12-15"]);
    insta::assert_snapshot!("agenda-midtjylland-favrskov.docx.txt", text);
    assert_eq!(headings[1..5], ["Sagsfremstilling", "Økonomiske konsekvenser", "Lovgrundlag", "Indstilling"]);
    assert_eq!(subject, "Sagsfremstilling om godkendelse af sundhedsaftalen");
    assert_eq!(creator, "Favrskov Kommune");
}

#[test]
fn a_word_letter_is_danish_and_keeps_its_enclosures_and_signature_together() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("brev.docx");
    let args = ["letter", HOVEDSTADEN, "--kind", "cover", "--as-of", "2023-10-02", "-o", path.to_str().unwrap()];
    assert_eq!(aftale(&args).status.code(), Some(0));
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let mut styles = String::new();
    zip.by_name("word/styles.xml").unwrap().read_to_string(&mut styles).unwrap();
    let styles = roxmltree::Document::parse(&styles).unwrap();
    let lang = styles.descendants().find(|n| n.tag_name().name() == "lang").expect("a language");
    assert_eq!(lang.attributes().find(|a| a.name() == "val").map(|a| a.value()), Some("da-DK"));
    let mut document = String::new();
    zip.by_name("word/document.xml").unwrap().read_to_string(&mut document).unwrap();
    let xml = roxmltree::Document::parse(&document).unwrap();
    let kept = |start: &str| {
        xml.descendants().filter(|n| n.tag_name().name() == "p").any(|p| {
            let text: String =
                p.descendants().filter(|t| t.tag_name().name() == "t").filter_map(|t| t.text()).collect();
            text.starts_with(start) && p.descendants().any(|k| k.tag_name().name() == "keepNext")
        })
    };
    assert!(kept("Bilag:") && kept("1. ") && kept("Med venlig hilsen"));
}
