//! Data-quality checks a sender can make before a message leaves the clinic (the catalogue of
//! `spec/data-quality.md`, its proposed codes `DQ-...` as rule ids): dates that cannot be, names that
//! are placeholders, codes that disagree, doses without what the registry needs to count them.
//!
//! Codes, statuses and dates come from [`crate::codes`]; the other facts (name lists, lot-number
//! decorations, USPS states, ages and intervals) are stated once in `facts.rs` with their sources. No
//! rule carries a code's meaning as a literal.
//!
//! The checks read the typed VXU (`Message::Vxu`: `pid`, `nk1`, `orders[i].rxa` ...), not the
//! generic views: a clean message costs a few table lookups per dose and allocates nothing. Where a
//! check reports, the segment's place in the message (for ERR-2 and the sort order) is found through
//! an index of the walked segments built on the first report.
//!
//! # Catalogue entries reported by other rules
//!
//! Where a structure rule (`IG-...`) or an IG conformance statement (`IZ-nn`) already says the same
//! thing, it reports it and no `DQ` rule repeats it:
//!
//! | DQ | reported by |
//! |---|---|
//! | MSH-001 (MSH-7 missing or unreadable) | IG-REQUIRED, IG-DATA-TYPE |
//! | MSH-003 (MSH-7 without seconds or offset) | IZ-TS_Z |
//! | MSH-006 (profile not Z22), MSH-007 (version), MSH-010 (ack types) | IZ-43, IZ-15, IZ-41/IZ-42 |
//! | MSH-008 (processing ID), MSH-009 (control ID) | IG-VALUE-SET, IG-REQUIRED |
//! | PID-001, PID-002 (patient identifier, its type) | IG-REQUIRED, IG-VALUE-SET |
//! | PID-010, PID-011 (last or first name missing) | IG-REQUIRED (XPN.1, XPN.2) |
//! | PID-030 (birth date missing or unreadable) | IG-REQUIRED, IG-DATA-TYPE |
//! | PID-040 (sex missing) | IG-REQUIRED (an invalid sex is DQ-PID-040) |
//! | PID-052 (address type missing) | IG-REQUIRED-COMPONENT (XAD.7) |
//! | PID-071 (death date with indicator N) | IG-NOT-SUPPORTED (PID-29 C(RE/X)) |
//! | PID-080 (unsupported fields valued) | IG-NOT-SUPPORTED |
//! | PD1-001 (publicity, protection, registry status codes) | IG-VALUE-SET |
//! | NK1-002, NK1-003 (next of kin name or relationship missing) | IG-REQUIRED |
//! | RXA-001 (administration date missing or unreadable) | IG-REQUIRED, IG-DATA-TYPE |
//! | RXA-006 (RXA-4 differs from RXA-3) | IZ-30 |
//! | VAC-001 (no vaccine code) | IG-REQUIRED (a coding system missing too; an unknown one is DQ-VAC-003) |
//! | VAC-009 (manufacturer missing, administered) | IG-REQUIRED (RXA-17 C(R/O)) |
//! | LOT-001 (lot missing, administered) | IG-REQUIRED (RXA-15 C(R/O)) |
//! | LOT-011 (expiration date less precise than a month) | IZ-TS_M (unreadable: IG-DATA-TYPE) |
//! | AMT-001 (amount missing), AMT-002 (not a number) | IG-REQUIRED, IG-DATA-TYPE (999 and out-of-range amounts are DQ) |
//! | AMT-004 (units missing) | IG-REQUIRED (RXA-7 C(R/X)) |
//! | SRC-001 (information source missing, CP/PA) | IZ-31 |
//! | SRC-002 (information source not NIP001), STA-001 (completion status) | IG-VALUE-SET |
//! | STA-002 (refusal reason without RE; RE without reason) | IZ-32; IG-REQUIRED (RXA-18 C(R/X)) |
//! | STA-003 (RE with amount, RE/NA with ORC-3) | IZ-48, IZ-45 (NA with an amount is DQ-STA-003) |
//! | STA-004 (action code missing or unknown) | IG-REQUIRED, IG-VALUE-SET |
//! | ORC-001 (filler order number missing) | IG-REQUIRED |
//! | ELG-001 (eligibility missing, CP/PA administered) | IZ-23 (DQ-ELG-001 reports it when RXA-20 is empty) |
//! | ELG-002 (eligibility code not in HL7 0064) | IZ-35 (a deprecated code is DQ-ELG-002) |
//! | VIS-003 (a VIS without its presentation date, CP/PA administered) | IZ-24 (DQ-VIS-003 reports it when RXA-20 is empty; no VIS at all is DQ-VIS-001, IZ-24 asking only about the VIS shared) |
//! | VIS-002 (VIS barcode unknown) | IZ-36 |
//! | OBX-001 (OBX-5 empty, OBX-3 not NIP003), OBX-002 (OBX-4) | IG-REQUIRED, IG-VALUE-SET, IZ-44 |
//!
//! # Not checked here
//!
//! A sender cannot check what only the registry knows, and some checks need facts the crate does not
//! hold: DQ-RXA-009/010 (valid and recommended ages per vaccine), DQ-LOT-006 (manufacturers' lot
//! formats), DQ-DUP-002 (doses already on file), DQ-PRV-003 (providers known to the registry),
//! DQ-HIS-001 (providers expected to report administered doses), and the registry side of
//! DQ-MSH-004, DQ-PRV-002 and DQ-STA-004 (IDs unknown to the registry). DQ-ELG-005 checks the
//! patient's age; which vaccine types VFC covers is not in the code tables. DQ-OBX-002's "VIS
//! observations not grouped by OBX-4" is not checked (an ungrouped VIS reads as one without its date:
//! IZ-24, DQ-VIS-003).
//!
//! # Readings of the catalogue
//!
//! * DQ-VAC-015 is new: an administered dose coded with a unit-of-sale NDC (the fix names the
//!   unit-of-use NDCs the CDC's NDC linker gives for it).
//! * DQ-RXA-007 ("before the product existed") takes the first marketing date of the CVX's NDC
//!   packages ([`codes::cvx_on_date`]); for a product whose older NDCs the CDC no longer lists that
//!   date is later than its licensure (CVX 110: 2009 for a 2002 licensure), so a historical dose of it
//!   can be reported wrongly.
//! * DQ-SRC-004 ("historical but looks administered") fires for a historical dose that carries a lot
//!   number together with VFC eligibility or VIS observations: what only the clinic that gives the
//!   dose records. A lot number alone is allowed on history (IG: RXA-15 is O for it); eligibility on
//!   history is DQ-ELG-003.
//! * DQ-SRC-003 ("administered but looks historical"): an administered dose dated more than a year
//!   before the message without a lot number.
//! * DQ-VIS-006 covers a VIS of another vaccine (barcode or vaccine type) as well as an edition date
//!   unknown for the vaccine or in the future.

mod amount;
mod dates;
mod duplicates;
mod facts;
mod header;
mod lot;
mod names;
mod next_of_kin;
mod observations;
mod patient;
mod route;
mod sets;
mod source;
mod text;
mod vaccine;

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};

use crate::codes::{self, Cvx};
use crate::model::Message;
use crate::model::domain::{CompletionStatus, HistoricalSource, NEW_RECORD};
use crate::model::message::{Order, Vxu};
use crate::model::reflect::SegmentRef;
use crate::model::segments::Rxa;
use crate::model::types::{DateTimeParts, Precision, Ts};

use super::context::{Cx, Place};
use super::rule::Rule;
use super::{MessageProfile, SegList};

/// The message profiles the data-quality rules apply to: the VXU.
pub(super) const VXU: &[MessageProfile] = &[MessageProfile::Z22];

/// Declares a data-quality rule: id, severity, HL7 0357 and 0533 codes, location, the MQE
/// equivalent, summary.
macro_rules! dq {
    ($(#[$m:meta])* $name:ident, $id:literal, $sev:ident, $hl7:literal, $app:expr, $loc:literal, $mqe:literal, $summary:literal) => {
        $(#[$m])*
        pub(crate) static $name: $crate::validate::Rule = $crate::validate::rule::def(
            $id,
            $crate::validate::Family::DataQuality,
            $crate::validate::Severity::$sev,
            $hl7,
            $app,
            $loc,
            concat!("data-quality.md ", $id, " (", $mqe, ")"),
            $summary,
            super::VXU,
        );
    };
}
pub(super) use dq;

/// The data-quality rules, in catalogue order.
pub(crate) static RULES: &[&Rule] = &[
    &header::MSH_002,
    &header::MSH_004,
    &header::MSH_005,
    &names::PID_012,
    &names::PID_013,
    &names::PID_014,
    &names::PID_015,
    &names::PID_016,
    &names::PID_017,
    &names::PID_018,
    &names::PID_019,
    &names::PID_020,
    &patient::PID_031,
    &patient::PID_032,
    &patient::PID_033,
    &patient::PID_040,
    &patient::PID_041,
    &patient::PID_042,
    &patient::PID_043,
    &patient::PID_050,
    &patient::PID_051,
    &patient::PID_060,
    &patient::PID_061,
    &patient::PID_070,
    &patient::PID_071,
    &patient::PID_072,
    &patient::PID_081,
    &patient::PD1_002,
    &next_of_kin::NK1_001,
    &next_of_kin::NK1_004,
    &next_of_kin::NK1_005,
    &next_of_kin::NK1_006,
    &next_of_kin::NK1_007,
    &dates::RXA_002,
    &dates::RXA_003,
    &dates::RXA_004,
    &dates::RXA_005,
    &vaccine::RXA_007,
    &vaccine::RXA_008,
    &dates::RXA_011,
    &dates::RXA_012,
    &vaccine::VAC_002,
    &vaccine::VAC_003,
    &vaccine::VAC_004,
    &vaccine::VAC_005,
    &vaccine::VAC_006,
    &vaccine::VAC_007,
    &vaccine::VAC_008,
    &vaccine::VAC_010,
    &vaccine::VAC_011,
    &vaccine::VAC_012,
    &vaccine::VAC_013,
    &vaccine::VAC_014,
    &vaccine::VAC_015,
    &lot::LOT_002,
    &lot::LOT_003,
    &lot::LOT_004,
    &lot::LOT_005,
    &lot::LOT_010,
    &lot::LOT_012,
    &amount::AMT_001,
    &amount::AMT_002,
    &amount::AMT_003,
    &amount::AMT_005,
    &amount::AMT_006,
    &route::RXR_001,
    &route::RXR_002,
    &route::RXR_003,
    &source::SRC_003,
    &source::SRC_004,
    &source::STA_003,
    &source::PRV_001,
    &source::PRV_002,
    &observations::ELG_001,
    &observations::ELG_002,
    &observations::ELG_003,
    &observations::ELG_004,
    &observations::ELG_005,
    &observations::FND_001,
    &observations::FND_002,
    &observations::VIS_001,
    &observations::VIS_003,
    &observations::VIS_004,
    &observations::VIS_005,
    &observations::VIS_006,
    &observations::VIS_007,
    &observations::OBX_001,
    &duplicates::DUP_001,
    &duplicates::DUP_003,
    &duplicates::CNT_001,
];

/// Fields whose codes a data-quality rule judges (the generic value-set rule leaves them).
pub(crate) static DEDICATED_VALUE_CHECKS: &[(&str, u16)] = &[
    ("PID", 8),  // DQ-PID-040, an error
    ("PID", 10), // DQ-PID-041, any coding system
    ("PID", 22), // DQ-PID-042, any coding system
    ("NK1", 3),  // DQ-NK1-004
    ("RXA", 5),  // DQ-VAC-002/003: CVX, NDC and CPT tables, an error
    ("RXA", 7),  // DQ-AMT-005
    ("RXA", 17), // DQ-VAC-010
    ("RXR", 1),  // DQ-RXR-002: NCIT or HL7 0162
    ("RXR", 2),  // DQ-RXR-002
];

/// Runs the checks on a walked message.
pub(crate) fn check<'m>(cx: &mut Cx<'m>, segments: &SegList<'m>) {
    let Message::Vxu(vxu) = cx.msg else {
        return;
    };
    if cx.message_profile != Some(MessageProfile::Z22) {
        return;
    }
    let mut q = Q::new(cx, segments, vxu);
    header::check(&mut q);
    names::check(&mut q);
    patient::check(&mut q);
    next_of_kin::check(&mut q);
    let mut doses = duplicates::Doses::default();
    for (i, order) in vxu.orders.iter().enumerate() {
        let Some(dose) = Dose::read(i, order) else {
            continue;
        };
        if dose.deleted {
            continue; // a delete repeats the record it deletes: judged when it was sent
        }
        dates::check(&mut q, &dose);
        vaccine::check(&mut q, &dose);
        lot::check(&mut q, &dose);
        amount::check(&mut q, &dose);
        route::check(&mut q, &dose);
        source::check(&mut q, &dose);
        observations::check(&mut q, &dose);
        doses.add(&q, &dose);
    }
    duplicates::check(&mut q, &mut doses);
}

/// A segment of the VXU, by its place in the typed message (indices from 0).
#[derive(Clone, Copy, Debug)]
pub(super) enum At {
    Msh,
    Pid,
    Pd1,
    Nk1(usize),
    Rxa(usize),
    Rxr(usize),
    /// Order, then the OBX's position in it.
    Obx(usize, usize),
}

impl At {
    /// Field `f` of the segment, first repetition.
    pub fn field(self, f: u16) -> Loc {
        Loc {
            at: self,
            field: f,
            repetition: 1,
            component: 0,
            subcomponent: 0,
        }
    }

    /// The segment as a whole.
    pub fn segment(self) -> Loc {
        Loc {
            at: self,
            field: 0,
            repetition: 0,
            component: 0,
            subcomponent: 0,
        }
    }
}

/// A place to report at: a segment, and a field, repetition, component and subcomponent in it.
#[derive(Clone, Copy, Debug)]
pub(super) struct Loc {
    at: At,
    field: u16,
    repetition: u16,
    component: u16,
    subcomponent: u16,
}

impl Loc {
    /// One component deeper.
    pub fn component(mut self, n: u16) -> Loc {
        if self.component == 0 {
            self.component = n;
        } else {
            self.subcomponent = n;
        }
        self
    }

    /// At repetition `n` (from 0: the position in the typed list).
    pub fn repetition(mut self, i: usize) -> Loc {
        self.repetition = u16::try_from(i + 1).unwrap_or(u16::MAX);
        self
    }
}

/// Where each segment of the message was met in the walk (built on the first report).
#[derive(Default)]
struct Index<'m> {
    msh: Option<SegmentRef<'m>>,
    pid: Option<SegmentRef<'m>>,
    pd1: Option<SegmentRef<'m>>,
    nk1: Vec<SegmentRef<'m>>,
    orders: Vec<OrderIndex<'m>>,
}

#[derive(Default)]
struct OrderIndex<'m> {
    rxa: Option<SegmentRef<'m>>,
    rxr: Option<SegmentRef<'m>>,
    obx: Vec<SegmentRef<'m>>,
}

impl<'m> Index<'m> {
    fn build(segs: &SegList<'m>) -> Index<'m> {
        let mut ix = Index::default();
        for s in segs.iter().filter(|s| !s.extra) {
            match (s.order, s.segment.id()) {
                (None, "MSH") => ix.msh = Some(s),
                (None, "PID") => ix.pid = Some(s),
                (None, "PD1") => ix.pd1 = Some(s),
                (None, "NK1") => ix.nk1.push(s),
                (Some(n), id) => {
                    let Some(i) = n.checked_sub(1) else {
                        continue;
                    };
                    if ix.orders.len() <= i {
                        ix.orders.resize_with(i + 1, OrderIndex::default);
                    }
                    let Some(o) = ix.orders.get_mut(i) else {
                        continue;
                    };
                    match id {
                        "RXA" => o.rxa = Some(s),
                        "RXR" => o.rxr = Some(s),
                        "OBX" => o.obx.push(s),
                        _ => {}
                    }
                }
                _ => {}
            }
        }
        ix
    }

    fn get(&self, at: At) -> Option<SegmentRef<'m>> {
        match at {
            At::Msh => self.msh,
            At::Pid => self.pid,
            At::Pd1 => self.pd1,
            At::Nk1(i) => self.nk1.get(i).copied(),
            At::Rxa(i) => self.orders.get(i)?.rxa,
            At::Rxr(i) => self.orders.get(i)?.rxr,
            At::Obx(i, k) => self.orders.get(i)?.obx.get(k).copied(),
        }
    }
}

/// One run of the data-quality checks over a VXU: the validation state, and what every rule needs
/// to know about the message (its clock, the patient's birth and death dates).
pub(super) struct Q<'c, 'm> {
    cx: &'c mut Cx<'m>,
    segs: &'c SegList<'m>,
    index: Option<Index<'m>>,
    /// The message.
    pub vxu: &'m Vxu,
    /// The validator's clock.
    pub now: NaiveDateTime,
    /// The message date (MSH-7), when it reads.
    pub sent: Option<DateTimeParts>,
    /// The last instant a date may name: the earlier of the clock and the message date (MSH-7), plus
    /// the tolerance for clock skew.
    pub latest: NaiveDateTime,
    /// The day ages and intervals are counted to: the message date, or the clock's.
    pub today: NaiveDate,
    /// The patient's birth date (PID-7), when it reads as a date.
    pub birth: Option<NaiveDate>,
    /// How precise the birth date is.
    pub birth_precision: Option<Precision>,
    /// The patient's death date (PID-29), when it reads as a date.
    pub death: Option<NaiveDate>,
}

impl<'c, 'm> Q<'c, 'm> {
    fn new(cx: &'c mut Cx<'m>, segs: &'c SegList<'m>, vxu: &'m Vxu) -> Q<'c, 'm> {
        let now = cx.now;
        let sent = parts(vxu.msh.date_time_of_message.as_deref());
        let reference = sent.and_then(|p| p.naive()).map_or(now, |s| s.min(now));
        let pid = vxu.pid.as_ref();
        let born = pid.and_then(|p| parts(p.date_time_of_birth.as_deref()));
        Q {
            cx,
            segs,
            index: None,
            vxu,
            now,
            sent,
            latest: reference
                .checked_add_signed(TimeDelta::hours(facts::FUTURE_TOLERANCE_HOURS))
                .unwrap_or(reference),
            today: reference.date(),
            birth: born.and_then(|p| p.date()),
            birth_precision: born.map(|p| p.precision),
            death: pid.and_then(|p| date(p.patient_death_date_and_time.as_deref())),
        }
    }

    /// Reports `rule` at `loc`, with the texts `text` writes (called only when the rule is reported)
    /// and the value at fault (kept only when the caller asked for values).
    pub fn report(
        &mut self,
        rule: &'static Rule,
        loc: Loc,
        value: Option<&str>,
        text: impl FnOnce(&Cx<'m>) -> (String, String),
    ) {
        if !self.cx.wants(rule) {
            return;
        }
        let segs = self.segs;
        let seg = self
            .index
            .get_or_insert_with(|| Index::build(segs))
            .get(loc.at);
        let Some(seg) = seg else {
            return;
        };
        let place = Place {
            seg,
            field: loc.field,
            repetition: loc.repetition,
            component: loc.component,
            subcomponent: loc.subcomponent,
        };
        let (message, fix) = text(self.cx);
        self.cx.emit(rule, place, message, fix, value);
    }

    /// The patient's age in whole years on `day`, when the birth date is known.
    pub fn age_on(&self, day: NaiveDate) -> Option<u32> {
        day.years_since(self.birth?)
    }
}

/// What a dose is, for the rules: given here, reported from history, refused, not given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// RXA-9.1 is 00 (new record) and RXA-20 is CP, PA or empty.
    Administered,
    /// RXA-9.1 is 01 to 08 and RXA-20 is CP, PA or empty.
    Historical,
    /// Given (RXA-20 CP, PA or empty) with no readable information source.
    Given,
    /// RXA-20 is RE.
    Refused,
    /// RXA-20 is NA, or a code the IG does not have.
    NotGiven,
}

impl Kind {
    /// True when the dose was given (administered, historical, or given from an unknown source).
    pub fn given(self) -> bool {
        matches!(self, Kind::Administered | Kind::Historical | Kind::Given)
    }
}

/// The vaccine code of a dose (RXA-5), as sent, with the component (1 or 4) each triplet is in.
#[derive(Clone, Copy, Default)]
pub(super) struct Codes<'m> {
    pub cvx: Option<(&'m str, u16)>,
    pub ndc: Option<(&'m str, u16)>,
    pub cpt: Option<(&'m str, u16)>,
    /// The row of the CVX sent, when it is a CVX code.
    pub cvx_row: Option<&'static Cvx>,
    /// The CVX row the dose is for: the CVX sent, else the NDC's, else the only CVX of the CPT code.
    pub vaccine: Option<&'static Cvx>,
}

/// One ORDER group, read once for every rule.
pub(super) struct Dose<'m> {
    /// Position in the message (from 0).
    pub i: usize,
    /// Vaccination number (from 1), for [`Cx::dose`].
    pub n: usize,
    pub order: &'m Order,
    pub rxa: &'m Rxa,
    pub kind: Kind,
    /// RXA-21 is D.
    pub deleted: bool,
    /// RXA-3, when it reads as a date.
    pub date: Option<NaiveDate>,
    /// RXA-3 as a local date and time (midnight when only a date), when it reads.
    pub time: Option<NaiveDateTime>,
    /// How precise RXA-3 is, when it reads.
    pub precision: Option<Precision>,
    pub codes: Codes<'m>,
}

impl<'m> Dose<'m> {
    fn read(i: usize, order: &'m Order) -> Option<Dose<'m>> {
        let rxa = order.rxa.as_deref()?;
        // Compared as bytes: no value here needs reading as a string.
        let status = rxa
            .completion_status
            .as_ref()
            .map_or(&b""[..], |s| text::clean_bytes(s.as_bytes()));
        let source = rxa
            .administration_notes
            .first()
            .map_or(&b""[..], |c| text::clean_bytes(c.identifier.as_bytes()));
        let kind = if status.eq_ignore_ascii_case(CompletionStatus::Refused.code().as_bytes()) {
            Kind::Refused
        } else if !(status.is_empty()
            || status.eq_ignore_ascii_case(CompletionStatus::Complete.code().as_bytes())
            || status
                .eq_ignore_ascii_case(CompletionStatus::PartiallyAdministered.code().as_bytes()))
        {
            Kind::NotGiven
        } else if source == NEW_RECORD.as_bytes() {
            Kind::Administered
        } else if HistoricalSource::LISTED
            .iter()
            .any(|s| s.as_bytes() == source)
        {
            Kind::Historical
        } else {
            Kind::Given
        };
        let deleted = rxa.action_code.as_ref().is_some_and(|a| {
            text::clean_bytes(a.as_bytes())
                .eq_ignore_ascii_case(crate::model::domain::ActionCode::Delete.code().as_bytes())
        });
        let when = parts(rxa.date_time_start_of_administration.as_deref());
        Some(Dose {
            i,
            n: i + 1,
            order,
            rxa,
            kind,
            deleted,
            date: when.and_then(|p| p.date()),
            time: when.and_then(|p| p.naive()),
            precision: when.map(|p| p.precision),
            codes: Codes::read(rxa),
        })
    }

    /// True when RXA-20 is empty (the IZ statements that ask for CP or PA do not apply).
    pub fn status_empty(&self) -> bool {
        self.rxa
            .completion_status
            .as_ref()
            .is_none_or(|s| text::clean_bytes(s.as_bytes()).is_empty())
    }
}

impl<'m> Codes<'m> {
    fn read(rxa: &'m Rxa) -> Codes<'m> {
        let mut c = Codes::default();
        let Some(code) = rxa.administered_code.as_ref() else {
            return c;
        };
        for (id, system, at) in [
            (&code.identifier, &code.name_of_coding_system, 1),
            (
                &code.alternate_identifier,
                &code.name_of_alternate_coding_system,
                4,
            ),
        ] {
            // The coding system compared as bytes; the code read as a string only when kept.
            let system = text::clean_bytes(system.as_bytes());
            if text::blank(id.as_bytes()) {
                continue;
            }
            let slot = if system.eq_ignore_ascii_case(facts::CVX_SYSTEM.as_bytes()) {
                &mut c.cvx
            } else if system.eq_ignore_ascii_case(facts::NDC_SYSTEM.as_bytes()) {
                &mut c.ndc
            } else if system.eq_ignore_ascii_case(facts::CPT_SYSTEM.as_bytes()) {
                &mut c.cpt
            } else {
                continue;
            };
            if slot.is_none() {
                *slot = Some((text::clean(id.as_str()), at));
            }
        }
        c.cvx_row = c.cvx.and_then(|(cvx, _)| codes::cvx(cvx));
        c.vaccine = match (c.cvx, c.ndc, c.cpt) {
            (Some(_), _, _) => c.cvx_row,
            (None, Some((ndc, _)), _) => codes::ndc(ndc)
                .ok()
                .and_then(|mut m| m.find(|p| !p.cvx.is_empty()))
                .and_then(|p| codes::cvx(&p.cvx)),
            (None, None, Some((cpt, _))) => {
                let mut m = codes::cpt(cpt);
                match (m.next(), m.next()) {
                    (Some(one), None) => codes::cvx(&one.cvx),
                    _ => None,
                }
            }
            (None, None, None) => None,
        };
        c
    }
}

/// The parts of a TS, when it reads.
pub(super) fn parts(ts: Option<&Ts>) -> Option<DateTimeParts> {
    ts?.time.parts().ok()
}

/// The date of a TS, when it reads.
pub(super) fn date(ts: Option<&Ts>) -> Option<NaiveDate> {
    parts(ts)?.date()
}

/// Midnight of a day.
pub(super) fn midnight(d: NaiveDate) -> NaiveDateTime {
    d.and_time(chrono::NaiveTime::MIN)
}
