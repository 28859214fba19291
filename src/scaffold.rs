//! `aftale init`: a commented starting file for a region and a period. It names the region's
//! municipalities (all pending), states the deadlines the checker computes, and marks with
//! `[[Udfyld: …]]` every place the author must write. It loads without input errors; what is
//! still missing is what `aftale check` then reports.

use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::codes::ErrorCode;
use crate::danish;
use crate::error::{InputError, SourceFile};
use crate::evaluate::{self, EvaluationOptions, Status};
use crate::load;
use crate::reference::{Reference, Region};
use crate::rules::Registry;

/// The day the sundhedssamarbejdsudvalg replaced the sundhedskoordinationsudvalg (L 191 (2021-22)).
const COMMITTEE_CHANGE: (i32, u32, u32) = (2022, 7, 1);

/// A placeholder the author must replace, as a quoted YAML string.
fn fill(what: &str) -> String {
    format!("\"[[Udfyld: {what}]]\"")
}

/// The first of the errors that made the starting file unusable (there is always one).
fn first_error(errors: Vec<InputError>) -> InputError {
    errors
        .into_iter()
        .next()
        .unwrap_or_else(|| InputError::file(ErrorCode::Output, "", "startfilen kan ikke skrives".to_owned()))
}

/// The agreement period "2024-2027" (or with an en dash) as its first and last year.
fn parse_period(text: &str) -> Result<(i32, i32), InputError> {
    let bad = || {
        InputError::file(ErrorCode::Period, "", format!("«{}» er ikke en periode", crate::text::shown(text)))
            .with_help("Skriv perioden som to årstal, fx --periode 2024-2027.")
    };
    let (a, b) = text.trim().split_once(['-', '–']).ok_or_else(bad)?;
    let year = |s: &str| s.trim().parse::<i32>().ok().filter(|y| (1900..=2200).contains(y) && s.trim().len() == 4);
    match (year(a), year(b)) {
        (Some(first), Some(last)) if last > first => Ok((first, last)),
        _ => Err(bad()),
    }
}

/// The starting file for `region` and `period`, with the deadlines as of `as_of` (the pack
/// chosen by date, or `options.ruleset`).
pub fn scaffold(
    region: &str,
    period: &str,
    registry: &Registry,
    reference: &Reference,
    options: &EvaluationOptions,
) -> Result<String, InputError> {
    let (first, last) = parse_period(period)?;
    let Some(region) = reference.region(region) else {
        let names: Vec<&str> = reference.regions.iter().map(|r| r.navn.as_str()).collect();
        let mut help = format!("Regionerne er: {}.", names.join(", "));
        if let Some(s) = crate::suggest::closest(region, reference.region_names()) {
            help = format!("Mente du «{s}»? {help}");
        }
        return Err(InputError::file(
            ErrorCode::UnknownRegion,
            "",
            format!("regionen «{}» findes ikke", crate::text::shown(region)),
        )
        .with_help(help));
    };
    let entry = crate::reference::ymd(first, 1, 1);
    let body = body(region, first, last, entry, registry, reference);
    // Evaluate the body to state the deadlines the checker computes for it.
    let loaded = load::load(SourceFile::new("aftale.yaml", body.clone()), reference).map_err(first_error)?;
    let assessment = evaluate::evaluate(loaded, registry, reference, options).map_err(first_error)?;
    // A region that does not exist when the agreement enters into force cannot make it: the
    // file would fail SA001 for what the command line said, not for what the author writes.
    if let Some(f) = assessment.findings.iter().find(|f| f.rule.id == "SA001" && f.status == Status::Failed) {
        return Err(InputError::file(ErrorCode::UnknownRegion, "", f.message.clone())
            .with_help("Vælg en region, der findes, når aftalen træder i kraft, eller en senere periode."));
    }
    let d = &assessment.dates;
    let conv = &assessment.pack.deadlines;
    let date = |d: Option<NaiveDate>| d.map_or_else(|| "kan ikke beregnes endnu".to_owned(), danish::date);
    let mut head = String::new();
    let _ =
        writeln!(head, "# Sundhedsaftale {first}-{last} for {} – startfil fra `aftale init`.", region.officielt_navn);
    let _ = writeln!(head, "# Udfyld alt, der er markeret [[Udfyld: …]], og sæt datoerne ind, efterhånden som");
    let ruleset = options.ruleset.as_ref().map(|r| format!(" --ruleset {}", crate::text::shown(r))).unwrap_or_default();
    let _ = writeln!(head, "# godkendelserne foreligger. Kør derefter: aftale check FIL{ruleset}");
    let _ = writeln!(head, "# Regelsæt: {} – {}.", assessment.pack.name, assessment.pack.basis_line());
    let _ = writeln!(head, "# Frister, som aftale beregner dem ud fra ikrafttrædelsen {}:", danish::date(entry));
    let submission = match &d.submission {
        Some(s) => danish::date(s.date),
        None => conv.submission.rule.clone(),
    };
    let _ = writeln!(head, "#   Indsendelse til Sundhedsstyrelsen: {submission}");
    let _ = writeln!(head, "#   Midtvejsstatus: senest {}", date(d.midterm_status));
    let _ = writeln!(head, "#   Slutstatus: senest {}", date(d.final_status));
    let _ = writeln!(head, "#   Udløb: {}", date(d.expiry));
    if conv.revision.is_some() {
        let _ = writeln!(head, "#   Revisionsvurdering: én gang om året, senest ved hvert aftaleårs udgang");
    }
    let holder = reference.duty_holder(region, crate::reference::ymd(last, 12, 31));
    if !std::ptr::eq(holder, region) {
        let _ = writeln!(
            head,
            "# Fra {} overtager {} regionens pligter (overgangslovens § 126).",
            holder.fra.map_or_else(String::new, |f| danish::date(f.0)),
            holder.officielt_navn
        );
    }
    Ok(head + &body)
}

fn body(
    region: &Region,
    first: i32,
    last: i32,
    entry: NaiveDate,
    registry: &Registry,
    reference: &Reference,
) -> String {
    let (y, m, d) = COMMITTEE_CHANGE;
    let before_2022 = entry < crate::reference::ymd(y, m, d);
    let committee = if before_2022 { "sundhedskoordinationsudvalget" } else { "sundhedssamarbejdsudvalget" };
    let committee_key = if before_2022 { "sundhedskoordinationsudvalg" } else { "sundhedssamarbejdsudvalg" };
    let pack = registry.packs_on(entry).first().copied();
    let basis = pack.map(|p| p.basis_line()).unwrap_or_default();
    let municipalities = reference.municipalities(region);
    let mut out = String::new();
    let _ = writeln!(out, "format: 1\ntitel: Sundhedsaftale {first}-{last}\nregion: {}", region.navn);
    let _ = writeln!(out, "version: \"1.0\"");
    let _ = writeln!(out, "ikrafttrædelse: {}", entry.format("%Y-%m-%d"));
    if last - first != 3 {
        // The duration is "i udgangspunktet fire år fra ikrafttrædelsesdatoen" (SA013): another
        // period is stated, so the expiry is not computed as four years.
        let _ = writeln!(out, "# Perioden er ikke de fire år, der er udgangspunktet (SA013): begrund det i aftalen.");
        let _ = writeln!(out, "udløb: {last}-12-31");
    }
    out.push_str("retsgrundlag:\n  - Sundhedslovens §§ 203-205\n");
    if let Some(order) = basis.split("; ").next().filter(|b| !b.is_empty()) {
        let _ = writeln!(out, "  - {order}");
    }
    let _ = writeln!(out, "\nbehandling:\n  udarbejdet_af: {committee}");
    let _ = writeln!(out, "  # høring: {{ fra: ÅÅÅÅ-MM-DD, til: ÅÅÅÅ-MM-DD }}");
    let _ = writeln!(out, "  # {committee_key}: ÅÅÅÅ-MM-DD    # udvalgets endelige vedtagelse");
    out.push_str("  # svarfrist: ÅÅÅÅ-MM-DD           # den dato, rådene skal svare med godkendelsesdatoen\n");
    out.push_str("  regionsråd: null                  # godkendelsesdatoen; null, indtil den foreligger\n");
    out.push_str("  kommuner:                         # hver kommunalbestyrelses godkendelsesdato, eller\n");
    out.push_str("                                    # { beslutning: Godkendt, dato: …, forløb: [{ udvalg, dato, beslutning }] }\n");
    for m in &municipalities {
        let _ = writeln!(out, "    {}: null", m.navn);
    }
    out.push_str("  # indsendt: ÅÅÅÅ-MM-DD            # datoen, aftalen sendes til Sundhedsstyrelsen\n");
    let _ = writeln!(out, "\nvisioner:\n  - navn: {}", fill("en vision for samarbejdet"));
    let _ = writeln!(out, "principper:\n  - navn: {}", fill("et princip for samarbejdet"));
    let _ = writeln!(out, "\ngrundlag:\n  populationsbaseret: true");
    let _ = writeln!(out, "  datakilder: [{}]", fill("en datakilde, fx Sundhedsprofilen"));
    let _ = writeln!(out, "  beskrivelse: {}", fill("hvordan målgrupper og indsatser er valgt ud fra viden og data"));
    let _ = writeln!(out, "\nfokusområder:\n  - navn: {}", fill("fokusområdets navn"));
    out.push_str(
        "    nationale_mål: []                 # numrene (1-8) på de nationale mål, fokusområdet understøtter\n",
    );
    out.push_str("    målgrupper: []\n    datagrundlag: []\n    mål:\n");
    let _ = writeln!(out, "      - tekst: {}", fill("et fælles, forpligtende mål"));
    out.push_str("        delmål: []\n        succeskriterier: []\n        indikatorer: []   # { navn, datakilde }\n");
    if !before_2022 {
        out.push_str(
            "\nsundhedsklynger:                    # én pr. akutsygehus: { navn, akutsygehus, kommuner, mål }\n",
        );
        let _ = writeln!(out, "  - navn: {}", fill("klyngens navn"));
        let _ = writeln!(out, "    akutsygehus: {}", fill("akutsygehuset"));
        out.push_str("    kommuner: []\n    mål: []\n");
    }
    out.push_str(
        "\nopfølgning:\n  datakilder: []\n  revisionsvurderinger: []          # datoen for hver årlig vurdering\n",
    );
    out.push_str("  # midtvejsstatus: { planlagt: ÅÅÅÅ-MM-DD }   # eller { sendt: ÅÅÅÅ-MM-DD }\n");
    out.push_str("  # slutstatus: { planlagt: ÅÅÅÅ-MM-DD }\n");
    out.push_str("\noffentliggørelse:                   # https-adressen, hvor hver part offentliggør aftalen\n");
    let _ = writeln!(out, "  {}: null", region.officielt_navn);
    for m in &municipalities {
        let _ = writeln!(out, "  {}: null", m.navn);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::parse_period;

    #[test]
    fn periods_are_two_years() {
        assert_eq!(parse_period("2024-2027").ok(), Some((2024, 2027)));
        assert_eq!(parse_period("2019–2023").ok(), Some((2019, 2023)));
        for bad in ["2024", "2027-2024", "24-27", "abc-def", "2024-2027-2031"] {
            assert!(parse_period(bad).is_err(), "{bad}");
        }
    }
}
