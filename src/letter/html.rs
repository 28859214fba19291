//! The letter as one self-contained HTML page with print-ready A4 styling. The Markdown is
//! parsed with pulldown-cmark; any raw HTML in it is written as text, so nothing from the
//! agreement can become markup, and the places to complete are highlighted.

use pulldown_cmark::{Event, Parser, html};

use super::{Letter, split_placeholders};

const CSS: &str = r#"
@page {
  size: A4; margin: 25mm 22mm 25mm 25mm;
  @bottom-right { content: "Side " counter(page); font: 9pt Calibri, Carlito, "Liberation Sans", Arial, sans-serif; }
}
html { background: #f2f2f2; }
body {
  font-family: Calibri, Carlito, "Liberation Sans", Arial, sans-serif;
  font-size: 11pt; line-height: 1.45; color: #000; background: #fff;
  max-width: 160mm; margin: 2em auto; padding: 20mm 22mm 20mm 25mm;
  box-shadow: 0 0 4px rgba(0,0,0,.25);
}
h1 { font-size: 17pt; margin: 1.2em 0 .8em; }
h2 { font-size: 12.5pt; margin: 1.5em 0 .4em; page-break-after: avoid; break-after: avoid; }
p, li { orphans: 3; widows: 3; }
ul { padding-left: 1.4em; }
mark.udfyld { background: #ffe066; padding: 0 .15em; border-radius: 2px; }
sup.footnote-reference { font-size: 75%; line-height: 0; }
sup.footnote-reference a { color: inherit; text-decoration: none; }
.footnote-definition { font-size: 9pt; display: flex; gap: .4em; }
.footnote-definition:first-of-type { border-top: 1px solid #999; margin-top: 2em; padding-top: .5em; }
.footnote-definition p { margin: 0 0 .3em; overflow-wrap: anywhere; }
.kladde { font-size: 9pt; color: #555; border-bottom: 1px solid #bbb; padding-bottom: .4em; margin-bottom: 1.5em; }
@media print {
  html { background: none; }
  body { margin: 0; padding: 0; max-width: none; box-shadow: none; }
}
"#;

/// Renders the letter as a complete HTML document.
pub fn render(letter: &Letter) -> String {
    let events = Parser::new_ext(&letter.markdown, super::MARKDOWN).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
    });
    let mut body = String::new();
    html::push_html(&mut body, events);
    let mut marked = String::with_capacity(body.len());
    for (is_place, part) in split_placeholders(&body) {
        if is_place {
            marked.push_str(&format!("<mark class=\"udfyld\">{part}</mark>"));
        } else {
            marked.push_str(part);
        }
    }
    let mut title = String::new();
    // Writing to a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut title, &letter.title);
    let note = if letter.placeholders.is_empty() {
        String::new()
    } else {
        let (places, marked) = match letter.placeholders.len() {
            1 => ("1 sted".to_owned(), "det er markeret"),
            n => (format!("{} steder", crate::danish::number(n)), "de er markeret"),
        };
        format!("<p class=\"kladde\">Kladde: {places} skal udfyldes eller bekræftes; {marked} med gult.</p>\n")
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"da\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{note}{marked}</body>\n</html>\n"
    )
}
