//! The agreement's standing after the 2025 reform, said without inventing law (legal-review-3
//! D6): the regions' rights and duties pass to the region formed from them, the committee's are
//! not read to pass anywhere, and the agreement stays valid until a new one enters into force.

use chrono::NaiveDate;

use crate::deadlines::Deadlines;
use crate::reference::{Reference, Region};
use crate::rules::Pack;

/// Who holds the agreement's duties after the reform, for an agreement in force when it began:
/// the regional council's pass to the region formed from it (overgangslovens § 126 transfers
/// the regions' rights and duties, not the committee's); the municipal councils keep theirs; who
/// holds the committee's is not read. The agreement stays valid until a new one enters into
/// force (seed 001); when L 214 ends the agreements is not read.
pub(super) fn standing(
    reference: &Reference,
    pack: &Pack,
    region: &Region,
    holder: &Region,
    dates: &Deadlines,
    as_of: NaiveDate,
) -> Option<String> {
    let start = reference.reform.fra.0;
    let in_force_at_start = dates.entry_into_force? < start && dates.expiry? >= start;
    if as_of < start || !in_force_at_start {
        return None;
    }
    let mut said = Vec::new();
    if !std::ptr::eq(holder, region) {
        said.push(format!(
            "{} har overtaget {}s rettigheder og pligter (overgangslovens § 126), herunder regionsrådets pligter \
             efter aftalen (fx offentliggørelse og forpligtelse af egne organisationer).",
            holder.officielt_navn, region.officielt_navn
        ));
    }
    said.push("Kommunalbestyrelserne har fortsat deres pligter efter aftalen.".to_owned());
    said.push(format!(
        "Hvem der efter reformen varetager {}s opgaver (den årlige revisionsvurdering, midtvejs- og slutstatus), \
         er ikke læst.",
        pack.committee.name().to_lowercase()
    ));
    said.push(format!(
        "Aftalen gælder, indtil en ny aftale træder i kraft (Sundhedsstyrelsens svarbrev). {}",
        reference.reform.lapse_unread()
    ));
    Some(said.join(" "))
}
