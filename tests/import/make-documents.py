#!/usr/bin/env python3
"""Makes the test documents of `aftale import` (run by hand; the outputs are committed, so
`cargo test` needs nothing but Rust). Each document is written as HTML with real headings (h1
for a section, h2 for an item, h3 below), lists and tables, then converted by LibreOffice
(Debian's package, headless) to a Word document with heading styles, and that to a PDF:

    python3 tests/import/make-documents.py      # needs: apt-get install libreoffice-writer

- seed-002: Region Hovedstaden's agreement text (../shared/seeds/002), its structure marked by
  the headings listed below, which are the seed's own lines; no word is changed.
- midtjylland: Region Midtjylland's agreement in its own style ("indsatsområder"), from the
  facts of seed 003 and ../shared/spec/real-agreements/2024-midtjylland.md: the title, the three
  indsatsområder, the hearing in running text, the committee's approval, the entry into force.
  Its follow-up sentence (midtvejsstatus, slutstatus, the yearly assessment) is ILLUSTRATIVE test text.
  Its goals and target groups beyond seed 003's are ILLUSTRATIVE test text.
- nordjylland: Region Nordjylland's agreement in another style ("temaer", a version line,
  clusters in a table). The four clusters around Hjørring, Aalborg, Hobro and Thisted are from
  legal-background.md § 8; the clusters' municipalities, the version and the goals are
  ILLUSTRATIVE test text.
"""

import html
import pathlib
import subprocess
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
SEED = HERE.parents[1] / ".." / "shared" / "seeds" / "002_eb08f57882dfb2c0.txt"

SECTIONS = [
    "Indledning", "Rammen for vores sundhedsaftale", "Vores visioner - Sammen om sundhed",
    "Vores principper for samarbejdet", "Sundhedsaftalens fokusområder", "Fra aftale til handling",
    "Opfølgning", "Bilagsoversigt",
]
ITEMS = [
    "Styrket sammenhæng i borgerens forløb", "Mere lighed i sundhed", "Tættere samspil med borgerne",
    "Bedre brug af ressourcerne", "Samme høje kvalitet", "Borgernes perspektiv", "Effektiv ressourceudnyttelse",
    "Rekruttering og fælles kompetenceudvikling", "Klar opgave- og ansvarsfordeling", "Helhedssyn",
    "Sammenhængskraft", "Datadeling", "Sammen om børn og unges sundhed", "Sammen om borgere med psykisk sygdom",
    "Sammen om ældre og borgere med kronisk sygdom", "Sundhedsklyngerne", "Sundhedssamarbejdsudvalget",
    "Tværsektoriel strategisk styregruppe",
]
SUBHEADINGS = ["Sammen om ældre og borgere med kroniske sygdomme"]


def seed_html():
    lines = [l.strip() for l in SEED.read_text(encoding="utf-8").splitlines()]
    out, para, in_list = [], [], False

    def flush():
        nonlocal para
        if para:
            text = " ".join(para)
            out.append(f"<p>{html.escape(text)}</p>")
            para = []

    for line in lines:
        if not line or line.isdigit():
            continue
        tag = "h1" if line in SECTIONS else "h2" if line in ITEMS else "h3" if line in SUBHEADINGS else None
        if tag or line.startswith("•"):
            flush()
        if tag:
            if in_list:
                out.append("</ul>")
                in_list = False
            out.append(f"<{tag}>{html.escape(line)}</{tag}>")
        elif line.startswith("•"):
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{html.escape(line.lstrip('•').strip())}</li>")
        elif in_list and out[-1].startswith("<li>") and not out[-1].endswith(".</li>"):
            # A bullet's wrapped line.
            out[-1] = out[-1][: -len("</li>")] + " " + html.escape(line) + "</li>"
        else:
            if in_list:
                out.append("</ul>")
                in_list = False
            para.append(line)
            if line.endswith((".", "!", "?", ":")) and not line.endswith(" i."):
                flush()
    flush()
    if in_list:
        out.append("</ul>")
    return "\n".join(out)


MIDTJYLLAND = """
<h1>Sundhedsaftalen 2024-2027 – Nærhed, tilgængelighed og sammenhæng for borgeren</h1>
<p>Sundhedsaftalen mellem Region Midtjylland og de 19 kommuner i regionen.</p>
<p>Aftalen træder i kraft den 1. januar 2024.</p>
<h1>Forord</h1>
<p>Udkast til sundhedsaftalen har været sendt til høring i perioden fra den 15. maj til den 25. august 2023 i kommunerne, regionen, PLO-Midtjylland og hos en række interessenter.</p>
<p>Sundhedssamarbejdsudvalget i Region Midtjylland har den 29. september 2023 godkendt aftalen.</p>
<h1>Vores indsatsområder</h1>
<p>Vi samler kræfterne om tre indsatsområder.</p>
<h2>Psykiatri og trivsel</h2>
<p>Målgrupper: børn og unge i mistrivsel og mennesker med svær psykisk sygdom.</p>
<p>Vores mål:</p>
<ul><li>Vi vil forbedre den mentale sundhed og mindske mistrivsel hos børn og unge i Region Midtjylland.</li></ul>
<p>Indikatorer:</p>
<ul><li>Ventetid på udredning for børn og unge under 18 år, henvist til psykiatrien</li>
<li>Ventetid på behandling for børn og unge under 18 år, henvist til psykiatrien</li></ul>
<h2>Sammenhæng for borgere med kronisk sygdom</h2>
<p>Vores mål:</p>
<ul><li>Borgere med kronisk sygdom oplever sammenhæng i deres forløb.</li></ul>
<h2>Velfærdsteknologi, digitalisering og datadeling</h2>
<p>Vores mål:</p>
<ul><li>Flere borgere følges med hjemmemonitorering og digitale konsultationer.</li></ul>
<h1>Opfølgning</h1>
<p>Vi følger op med data fra Sundhedsprofilen og LUP. Vi udarbejder en midtvejsstatus og en slutstatus, og sundhedssamarbejdsudvalget vurderer årligt behovet for at revidere aftalen.</p>
"""

NORDJYLLAND = """
<h1>Sundhedsaftalen 2024-2027</h1>
<p>Region Nordjylland og de 11 nordjyske kommuner. Version 1.1</p>
<h1>Vores temaer</h1>
<p>Aftalen har to temaer.</p>
<h2>Sammen om forebyggelse</h2>
<p>Nationale mål: 7</p>
<p>Målsætninger:</p>
<ul><li>Flere borgere lever sundt.</li><li>Flere børn og unge trives.</li></ul>
<h2>Sammen om borgere med kronisk sygdom</h2>
<p>Målsætninger:</p>
<ul><li>Flere ældre og kronisk syge behandles trygt i eget hjem.</li></ul>
<h1>Sundhedsklyngerne</h1>
<table>
<tr><th>Klynge</th><th>Akutsygehus</th><th>Kommuner</th></tr>
<tr><td>Sundhedsklynge Nord</td><td>Regionshospital Nordjylland, Hjørring</td><td>Brønderslev, Frederikshavn, Hjørring og Læsø</td></tr>
<tr><td>Sundhedsklynge Midt</td><td>Aalborg Universitetshospital</td><td>Aalborg, Jammerbugt og Rebild</td></tr>
<tr><td>Sundhedsklynge Syd</td><td>Regionshospital Nordjylland, Hobro</td><td>Mariagerfjord og Vesthimmerland</td></tr>
<tr><td>Sundhedsklynge Vest</td><td>Regionshospital Nordjylland, Thisted</td><td>Morsø og Thisted</td></tr>
</table>
<h1>Opfølgning</h1>
<p>Opfølgningen bygger på data fra de nationale mål for sundhedsvæsenet, Sundhedsprofilen og LUP.</p>
"""


def convert(name, body):
    page = f'<!DOCTYPE html><html lang="da"><head><meta charset="utf-8"><title>{name}</title></head><body>{body}</body></html>'
    with tempfile.TemporaryDirectory() as tmp:
        source = pathlib.Path(tmp) / f"{name}.html"
        source.write_text(page, encoding="utf-8")
        # The PDF is made from the Word document, as a region makes its PDF: LibreOffice's
        # web export of the HTML loses the first heading and starts with a blank page.
        for target, path in [("docx:MS Word 2007 XML", source), ("pdf:writer_pdf_Export", HERE / f"{name}.docx")]:
            subprocess.run(
                ["libreoffice", "--headless", "--convert-to", target, "--outdir", str(HERE), str(path)],
                check=True, capture_output=True,
            )


if __name__ == "__main__":
    convert("seed-002", seed_html())
    convert("midtjylland", MIDTJYLLAND)
    convert("nordjylland", NORDJYLLAND)
    for f in sorted(HERE.glob("*.docx")) + sorted(HERE.glob("*.pdf")):
        print(f.name, f.stat().st_size)
