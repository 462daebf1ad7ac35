//! Choosing the patient: how well a registry's patient (a Z31 candidate, or the patient of a Z32
//! or Z42 the EHR is about to link) matches the chart's, with the reasons and a [`Verdict`]:
//! confident match, ask a person, or no match.
//!
//! ## The method
//!
//! Fields are compared one by one, after normalisation (upper case, accents folded, punctuation
//! and spaces ignored where they do not matter, USPS street abbreviations, ZIP codes to five
//! digits, phone numbers to their digits). Each comparison that says something adds a weight: a
//! positive one when the field agrees, a negative one when it disagrees, none when a side lacks the
//! field. The weights follow the record-linkage practice of Fellegi and Sunter: a field that rarely
//! agrees by chance (a registry ID, a full birth date) weighs more than one that often does (sex).
//!
//! | field | agrees | partly agrees | disagrees |
//! |---|---|---|---|
//! | registry ID (`SR`) | +12 | +5 same ID, other authority | −8 (same authority) |
//! | other identifier (`MR`, `MA` ...) | +10 | +5 same ID, other authority | −3 (same type and authority) |
//! | family name | +4 (+3 through another name: an alias, a name at birth) | +2 one part of a compound name; +2 names swapped | −3 |
//! | given name | +4 | +2 initial or shortened form; +2 names swapped | −3 |
//! | middle name | +1 (initial suffices) | | −1 |
//! | birth date | +6 | +3 day and month transposed; 0 one of year, month, day differs | −6 |
//! | sex (F, M) | +1 | | −3 |
//! | mother's maiden name | +3 | | −1 |
//! | address | +2 street and ZIP (or city) | +1 ZIP, or city and state | 0 |
//! | phone | +2 | | 0 |
//! | birth order (multiple birth) | +2 | | −8; −1 when only the indicator differs |
//!
//! A newborn's placeholder name (`BABY BOY`, `BABY GIRL`, `INFANT`, `NEWBORN`, `TWIN A`, `BB`,
//! `G1`, and `BABYBOYSMITH` written as one word, as the national priorities and the IG's data
//! quality rules list them) is not compared: the real family name is taken from it where it holds
//! one, and the given name is left out. Names are compared across every name of both patients
//! (up to eight each), so a family name changed since birth still agrees through the name at birth
//! or an alias.
//!
//! The verdict:
//!
//! * **no match** when the score is below 6, or a hard conflict stands (a different birth date, a
//!   different birth order, a different registry ID) and no identifier agrees; with an identifier
//!   agreeing, a hard conflict asks a person;
//! * **confident match** when the score reaches 15 and nothing calls for care, or an identifier
//!   agrees and nothing conflicts. Care is called for by a placeholder name, a given or family name
//!   that disagrees, a given name that only partly agrees (twins often share an initial), a birth
//!   date that is not exact, and a disagreeing sex;
//! * **ask a person** otherwise.
//!
//! Twins share family name, birth date, mother, address and phone: they are told apart by given
//! name and birth order, which is why a disagreeing given name or birth order weighs so much and
//! why a placeholder name is never enough on its own.
//!
//! ```
//! use chrono::NaiveDate;
//! use izmsg::iis::matching::{self, Finding, MatchField, Verdict};
//! use izmsg::model::domain::*;
//!
//! let born = NaiveDate::from_ymd_opt(2024, 3, 8).unwrap();
//! let chart = Patient::new(Identifier::mr("123", "MYEHR"), PersonName::legal("Smith", "Baby Boy"), born, Sex::Male)
//!     .with_mothers_maiden_name(PersonName::maiden("Jones"));
//! let registry = Patient::new(Identifier::sr("998877", "MYIIS"), PersonName::legal("Smith", "Liam"), born, Sex::Male)
//!     .with_mothers_maiden_name(PersonName::maiden("Jones"));
//! let m = matching::score(&chart, &registry);
//! assert_eq!(m.verdict, Verdict::AskPerson); // a placeholder name alone cannot confirm a newborn
//! assert!(m.reasons.iter().any(|r| r.field == MatchField::GivenName && r.finding == Finding::Placeholder));
//! assert_eq!(m.reasons[0].to_string(), "family name: agrees (+4)"); // no patient value in the text
//! ```

use std::fmt;

use chrono::{Datelike, NaiveDate};

use crate::model::domain::{Address, Identifier, Namespace, Patient, PersonName, Sex, Telecom};
use crate::model::types::Precision;

use super::response::Candidate;
use super::text::{digits, fold, squash, street, zip5};

/// The fields compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum MatchField {
    /// Patient identifiers (PID-3).
    Identifier,
    /// Family name.
    FamilyName,
    /// Given name.
    GivenName,
    /// Middle name.
    MiddleName,
    /// Birth date.
    BirthDate,
    /// Administrative sex.
    Sex,
    /// Mother's maiden name.
    MothersMaidenName,
    /// Address.
    Address,
    /// Phone number.
    Phone,
    /// Multiple-birth indicator and birth order.
    BirthOrder,
}

impl fmt::Display for MatchField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            MatchField::Identifier => "identifier",
            MatchField::FamilyName => "family name",
            MatchField::GivenName => "given name",
            MatchField::MiddleName => "middle name",
            MatchField::BirthDate => "birth date",
            MatchField::Sex => "sex",
            MatchField::MothersMaidenName => "mother's maiden name",
            MatchField::Address => "address",
            MatchField::Phone => "phone",
            MatchField::BirthOrder => "birth order",
        })
    }
}

/// What a comparison found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Finding {
    /// The same.
    Agrees,
    /// The registry ID agrees.
    RegistryIdAgrees,
    /// The same through another of the names (an alias, a name at birth): a changed family name.
    AgreesThroughAnotherName,
    /// The same ID under another assigning authority.
    SameIdOtherAuthority,
    /// Partly the same: an initial, a shortened form, one part of a compound name, the street but
    /// not the ZIP.
    Partly,
    /// Given and family names exchanged.
    Swapped,
    /// A newborn's placeholder name on one side: not compared.
    Placeholder,
    /// Day and month transposed.
    DayMonthTransposed,
    /// One of year, month and day differs.
    OnePartDiffers,
    /// Different.
    Differs,
    /// The registry ID differs.
    RegistryIdDiffers,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Finding::Agrees => "agrees",
            Finding::RegistryIdAgrees => "registry ID agrees",
            Finding::AgreesThroughAnotherName => "agrees through another name (changed name)",
            Finding::SameIdOtherAuthority => "same ID, other assigning authority",
            Finding::Partly => "partly agrees",
            Finding::Swapped => "given and family names swapped",
            Finding::Placeholder => "newborn placeholder name, not compared",
            Finding::DayMonthTransposed => "day and month transposed",
            Finding::OnePartDiffers => "one of year, month and day differs",
            Finding::Differs => "differs",
            Finding::RegistryIdDiffers => "registry ID differs",
        })
    }
}

/// One reason of a score: the field, what was found, and the weight it added. Its `Display` says
/// these three, never a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MatchReason {
    /// The field.
    pub field: MatchField,
    /// What was found.
    pub finding: Finding,
    /// The weight added to the score.
    pub weight: i32,
}

impl fmt::Display for MatchReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} ({:+})", self.field, self.finding, self.weight)
    }
}

/// What to do with a registry patient.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Verdict {
    /// The same patient: link, import.
    ConfidentMatch,
    /// Perhaps: show both to a person.
    AskPerson,
    /// Not the same patient (Drop the link).
    NoMatch,
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Verdict::ConfidentMatch => "confident match",
            Verdict::AskPerson => "ask a person",
            Verdict::NoMatch => "no match",
        })
    }
}

/// The score of one registry patient against the chart's.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MatchScore {
    /// The sum of the weights.
    pub score: i32,
    /// What to do.
    pub verdict: Verdict,
    /// Why, field by field (fields a side lacks are not listed).
    pub reasons: Vec<MatchReason>,
}

/// A score at or above this, with nothing calling for care, is a confident match.
pub const CONFIDENT_SCORE: i32 = 15;
/// A score below this is no match.
pub const NO_MATCH_BELOW: i32 = 6;

/// At most this many names, identifiers and addresses of each patient are compared.
const MAX_COMPARED: usize = 8;

/// Scores `candidate` (the registry's patient) against `chart` (the EHR's). See the
/// [module](self) for the method.
pub fn score(chart: &Patient, candidate: &Patient) -> MatchScore {
    let mut reasons = Vec::new();
    let mut add = |field, finding, weight| {
        reasons.push(MatchReason {
            field,
            finding,
            weight,
        })
    };
    let id = identifiers(&chart.identifiers, &candidate.identifiers);
    if let Some((finding, weight)) = id {
        add(MatchField::Identifier, finding, weight);
    }
    let names = best_names(&chart.names, &candidate.names);
    for (field, finding, weight) in &names {
        add(*field, *finding, *weight);
    }
    let birth = birth_dates(chart, candidate);
    if let Some((finding, weight)) = birth {
        add(MatchField::BirthDate, finding, weight);
    }
    let sex = sexes(chart.sex.as_ref(), candidate.sex.as_ref());
    if let Some((finding, weight)) = sex {
        add(MatchField::Sex, finding, weight);
    }
    if let Some((finding, weight)) = maiden_names(chart, candidate) {
        add(MatchField::MothersMaidenName, finding, weight);
    }
    if let Some((finding, weight)) = addresses(&chart.addresses, &candidate.addresses) {
        add(MatchField::Address, finding, weight);
    }
    if let Some((finding, weight)) = phones(&chart.telecoms, &candidate.telecoms) {
        add(MatchField::Phone, finding, weight);
    }
    let order = birth_orders(chart, candidate);
    if let Some((finding, weight)) = order {
        add(MatchField::BirthOrder, finding, weight);
    }

    let total = reasons.iter().map(|r| r.weight).sum();
    let id_agrees = matches!(id, Some((Finding::Agrees | Finding::RegistryIdAgrees, _)));
    let hard_conflict = matches!(birth, Some((Finding::Differs, _)))
        || matches!(order, Some((Finding::Differs, w)) if w <= BIRTH_ORDER_DIFFERS)
        || matches!(id, Some((Finding::RegistryIdDiffers, _)));
    let name_care = names.iter().any(|(field, finding, _)| {
        matches!(finding, Finding::Placeholder | Finding::Differs)
            || (*field == MatchField::GivenName && *finding == Finding::Partly)
    });
    let care = name_care
        || !matches!(birth, Some((Finding::Agrees, _)))
        || matches!(sex, Some((Finding::Differs, _)));
    let verdict = if hard_conflict {
        if id_agrees {
            Verdict::AskPerson
        } else {
            Verdict::NoMatch
        }
    } else if (total >= CONFIDENT_SCORE && !care) || (id_agrees && total >= CONFIDENT_SCORE - 3) {
        Verdict::ConfidentMatch
    } else if total >= NO_MATCH_BELOW {
        Verdict::AskPerson
    } else {
        Verdict::NoMatch
    };
    MatchScore {
        score: total,
        verdict,
        reasons,
    }
}

/// Scores every candidate, best first (ties keep message order): `(index in candidates, score)`.
pub fn rank(chart: &Patient, candidates: &[Candidate]) -> Vec<(usize, MatchScore)> {
    let mut out: Vec<(usize, MatchScore)> = candidates
        .iter()
        .enumerate()
        .map(|(i, c)| (i, score(chart, &c.patient)))
        .collect();
    out.sort_by(|(ia, a), (ib, b)| {
        a.verdict
            .cmp(&b.verdict)
            .then(b.score.cmp(&a.score))
            .then(ia.cmp(ib))
    });
    out
}

const BIRTH_ORDER_DIFFERS: i32 = -8;

fn same_namespace(a: &Namespace, b: &Namespace) -> bool {
    let eq = |x: &Option<String>, y: &Option<String>| match (x, y) {
        (Some(x), Some(y)) => squash(x) == squash(y),
        _ => false,
    };
    eq(&a.local, &b.local) || eq(&a.oid, &b.oid)
}

fn identifiers(chart: &[Identifier], candidate: &[Identifier]) -> Option<(Finding, i32)> {
    let mut best: Option<(Finding, i32)> = None;
    let rank = |f: &Finding| match f {
        Finding::RegistryIdAgrees | Finding::Agrees => 3,
        Finding::SameIdOtherAuthority => 2,
        _ => 1,
    };
    for a in chart.iter().take(MAX_COMPARED) {
        for b in candidate.iter().take(MAX_COMPARED) {
            let (ia, ib) = (squash(&a.id), squash(&b.id));
            if ia.is_empty() || ib.is_empty() {
                continue;
            }
            let ta = a.id_type.as_deref().map(squash).filter(|t| !t.is_empty());
            let tb = b.id_type.as_deref().map(squash).filter(|t| !t.is_empty());
            let types_fit = match (&ta, &tb) {
                (Some(x), Some(y)) => x == y,
                _ => true,
            };
            if !types_fit {
                continue;
            }
            let registry = ta.as_deref() == Some("SR") || tb.as_deref() == Some("SR");
            let authority = match (&a.authority, &b.authority) {
                (Some(x), Some(y)) => Some(same_namespace(x, y)),
                _ => None,
            };
            let found: Option<(Finding, i32)> = if ia == ib {
                match authority {
                    Some(false) => Some((Finding::SameIdOtherAuthority, 5)),
                    _ if registry => Some((Finding::RegistryIdAgrees, 12)),
                    _ => Some((Finding::Agrees, 10)),
                }
            } else if authority == Some(true) && ta.is_some() && ta == tb {
                Some(if registry {
                    (Finding::RegistryIdDiffers, -8)
                } else {
                    (Finding::Differs, -3)
                })
            } else {
                None
            };
            if let Some(f) = found {
                let better = best.is_none_or(|(b, w)| {
                    rank(&f.0) > rank(&b) || (rank(&f.0) == rank(&b) && f.1.abs() > w.abs())
                });
                if better {
                    best = Some(f);
                }
            }
        }
    }
    best
}

/// Given names that stand for a newborn without a name yet, as the national priorities and the
/// IG's data-quality rules list them (first word), and the junk names beside them.
const PLACEHOLDER_GIVEN: &[&str] = &[
    "BABY",
    "BABYBOY",
    "BABYGIRL",
    "BOY",
    "GIRL",
    "INFANT",
    "NEWBORN",
    "NB",
    "BB",
    "BG",
    "TWIN",
    "MALE",
    "FEMALE",
    "UNKNOWN",
    "NONE",
    "NONAME",
    "NOFIRSTNAME",
    "UNNAMED",
    "EMPTY",
    "MISSING",
];

fn is_placeholder_given(given: &str) -> bool {
    let folded = fold(given);
    let first = folded.split(' ').next().unwrap_or_default();
    if PLACEHOLDER_GIVEN.contains(&first) || PLACEHOLDER_GIVEN.contains(&squash(given).as_str()) {
        return true;
    }
    // Twin markers B1, G2, A, B ...
    let b = first.as_bytes();
    matches!(b, [b'B' | b'G', d] if d.is_ascii_digit())
}

/// Family names that are no name at all (the national priorities' placeholders and the IG's
/// data-quality junk names).
const PLACEHOLDER_FAMILY: &[&str] = &[
    "BABY",
    "BABYBOY",
    "BABYGIRL",
    "INFANT",
    "NEWBORN",
    "UNKNOWN",
    "NONE",
    "NONAME",
    "NOLASTNAME",
    "UNNAMED",
    "EMPTY",
    "MISSING",
];

/// Words a placeholder is written with before the real family name (`BABY BOY SMITH`).
const PLACEHOLDER_WORDS: &[&str] = &["BABY", "INFANT", "NEWBORN"];

/// The same written as one word with the family name (`BABYBOYSMITH`).
const PLACEHOLDER_PREFIXES: &[&str] = &["BABYBOY", "BABYGIRL"];

/// The family name to compare: without a placeholder written before it; `None` when nothing is
/// left.
fn real_family(family: &str) -> Option<String> {
    let folded = fold(family);
    let mut words: &[&str] = &folded
        .split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>();
    if let [first, rest @ ..] = words {
        if PLACEHOLDER_WORDS.contains(first) && !rest.is_empty() {
            words = rest;
            if let [w, rest @ ..] = words {
                if (*w == "BOY" || *w == "GIRL") && !rest.is_empty() {
                    words = rest;
                }
            }
        }
    }
    let mut s = words.concat();
    if let Some(rest) = PLACEHOLDER_PREFIXES.iter().find_map(|p| s.strip_prefix(p)) {
        if !rest.is_empty() {
            s = rest.to_string();
        }
    }
    (!s.is_empty() && !PLACEHOLDER_FAMILY.contains(&s.as_str())).then_some(s)
}

/// The given name to compare: `None` for a placeholder (or an empty one).
fn real_given(name: &PersonName) -> Option<String> {
    let g = name.given.as_deref()?;
    if is_placeholder_given(g) {
        return None;
    }
    let s = squash(g);
    (!s.is_empty()).then_some(s)
}

fn is_placeholder(name: &PersonName) -> bool {
    name.given.as_deref().is_some_and(is_placeholder_given)
        || squash(&name.family) != real_family(&name.family).unwrap_or_default()
}

/// A field's finding and weight.
type Found = (MatchField, Finding, i32);

/// Compares two names: `(family, given, middle)` findings.
fn compare_names(a: &PersonName, b: &PersonName) -> Vec<Found> {
    let mut out = Vec::new();
    let (fa, fb) = (real_family(&a.family), real_family(&b.family));
    let (ga, gb) = (real_given(a), real_given(b));
    // Swapped: family of one is the given of the other, both ways.
    if let (Some(fa), Some(fb), Some(ga), Some(gb)) = (&fa, &fb, &ga, &gb) {
        if fa != fb && fa == gb && ga == fb {
            out.push((MatchField::FamilyName, Finding::Swapped, 2));
            out.push((MatchField::GivenName, Finding::Swapped, 2));
            return out;
        }
    }
    if let (Some(fa), Some(fb)) = (&fa, &fb) {
        out.push(if fa == fb {
            (MatchField::FamilyName, Finding::Agrees, 4)
        } else if shares_part(&a.family, &b.family) {
            (MatchField::FamilyName, Finding::Partly, 2)
        } else {
            (MatchField::FamilyName, Finding::Differs, -3)
        });
    }
    if is_placeholder(a) || is_placeholder(b) {
        if a.given.is_some() || b.given.is_some() {
            out.push((MatchField::GivenName, Finding::Placeholder, 0));
        }
    } else if let (Some(ga), Some(gb)) = (&ga, &gb) {
        out.push(if ga == gb {
            (MatchField::GivenName, Finding::Agrees, 4)
        } else if short_form(ga, gb) {
            (MatchField::GivenName, Finding::Partly, 2)
        } else {
            (MatchField::GivenName, Finding::Differs, -3)
        });
    }
    if let (Some(ma), Some(mb)) = (a.middle.as_deref(), b.middle.as_deref()) {
        let (ma, mb) = (squash(ma), squash(mb));
        if !ma.is_empty() && !mb.is_empty() {
            out.push(if ma == mb || initial_of(&ma, &mb) {
                (MatchField::MiddleName, Finding::Agrees, 1)
            } else {
                (MatchField::MiddleName, Finding::Differs, -1)
            });
        }
    }
    out
}

/// One is the other's initial.
fn initial_of(a: &str, b: &str) -> bool {
    let one = |x: &str, y: &str| x.len() == 1 && y.starts_with(x);
    one(a, b) || one(b, a)
}

/// An initial, or a shortened form of at least three letters (`ROB`, `ROBERT`).
fn short_form(a: &str, b: &str) -> bool {
    initial_of(a, b) || {
        let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
        short.len() >= 3 && long.starts_with(short)
    }
}

/// Compound family names sharing a part of two letters or more (`GARCIA LOPEZ`, `GARCIA`).
fn shares_part(a: &str, b: &str) -> bool {
    let (fa, fb) = (fold(a), fold(b));
    let parts_b: Vec<&str> = fb.split(' ').filter(|p| p.len() >= 2).collect();
    fa.split(' ')
        .filter(|p| p.len() >= 2)
        .any(|p| parts_b.contains(&p))
}

/// The best-agreeing pair of names; the family name agrees "through another name" when the pair is
/// not the two patients' first names.
fn best_names(chart: &[PersonName], candidate: &[PersonName]) -> Vec<Found> {
    let mut best: Option<(i32, usize, usize, Vec<Found>)> = None;
    for (i, a) in chart.iter().take(MAX_COMPARED).enumerate() {
        for (j, b) in candidate.iter().take(MAX_COMPARED).enumerate() {
            let found = compare_names(a, b);
            let total: i32 = found.iter().map(|(_, _, w)| w).sum();
            if best.as_ref().is_none_or(|(t, ..)| total > *t) {
                best = Some((total, i, j, found));
            }
        }
    }
    let Some((_, i, j, mut found)) = best else {
        return Vec::new();
    };
    if i != 0 || j != 0 {
        for (field, finding, weight) in &mut found {
            if *field == MatchField::FamilyName && *finding == Finding::Agrees {
                *finding = Finding::AgreesThroughAnotherName;
                *weight = 3;
            }
        }
    }
    found
}

fn birth_dates(a: &Patient, b: &Patient) -> Option<(Finding, i32)> {
    let (ta, tb) = (a.birth?, b.birth?);
    let precision = ta.precision.min(tb.precision);
    let (da, db) = (ta.date, tb.date);
    let same = |p: Precision| match p {
        Precision::Year => da.year() == db.year(),
        Precision::Month => da.year() == db.year() && da.month() == db.month(),
        _ => da == db,
    };
    if same(precision) {
        return Some((Finding::Agrees, 6));
    }
    if precision < Precision::Day {
        return Some((Finding::Differs, -6));
    }
    Some(if transposed(da, db) {
        (Finding::DayMonthTransposed, 3)
    } else if one_part_differs(da, db) {
        (Finding::OnePartDiffers, 0)
    } else {
        (Finding::Differs, -6)
    })
}

fn transposed(a: NaiveDate, b: NaiveDate) -> bool {
    a.year() == b.year() && a.month() == b.day() && a.day() == b.month() && a.month() != a.day()
}

fn one_part_differs(a: NaiveDate, b: NaiveDate) -> bool {
    let same = [
        a.year() == b.year(),
        a.month() == b.month(),
        a.day() == b.day(),
    ];
    same.iter().filter(|s| **s).count() == 2
}

fn sexes(a: Option<&Sex>, b: Option<&Sex>) -> Option<(Finding, i32)> {
    let known = |s: Option<&Sex>| match s {
        Some(Sex::Female) => Some('F'),
        Some(Sex::Male) => Some('M'),
        _ => None,
    };
    let (a, b) = (known(a)?, known(b)?);
    Some(if a == b {
        (Finding::Agrees, 1)
    } else {
        (Finding::Differs, -3)
    })
}

fn maiden_names(a: &Patient, b: &Patient) -> Option<(Finding, i32)> {
    let fa = real_family(&a.mothers_maiden_name.as_ref()?.family)?;
    let fb = real_family(&b.mothers_maiden_name.as_ref()?.family)?;
    Some(if fa == fb {
        (Finding::Agrees, 3)
    } else {
        (Finding::Differs, -1)
    })
}

fn addresses(a: &[Address], b: &[Address]) -> Option<(Finding, i32)> {
    let mut best: Option<(Finding, i32)> = None;
    for x in a.iter().take(MAX_COMPARED) {
        for y in b.iter().take(MAX_COMPARED) {
            let Some(found) = compare_addresses(x, y) else {
                continue;
            };
            if best.is_none_or(|(_, w)| found.1 > w) {
                best = Some(found);
            }
        }
    }
    best
}

fn compare_addresses(a: &Address, b: &Address) -> Option<(Finding, i32)> {
    let both = |x: &Option<String>, y: &Option<String>, f: fn(&str) -> String| match (x, y) {
        (Some(x), Some(y)) => {
            let (x, y) = (f(x), f(y));
            (!x.is_empty() && !y.is_empty()).then_some(x == y)
        }
        _ => None,
    };
    let zip = match (
        a.zip.as_deref().and_then(zip5),
        b.zip.as_deref().and_then(zip5),
    ) {
        (Some(x), Some(y)) => Some(x == y),
        _ => None,
    };
    let city = both(&a.city, &b.city, squash);
    let state = both(&a.state, &b.state, squash);
    let street = both(&a.street, &b.street, street);
    if street.is_none() && zip.is_none() && city.is_none() {
        return None;
    }
    let place = zip.or(city);
    Some(match (street, place) {
        (Some(true), Some(true)) => (Finding::Agrees, 2),
        _ if zip == Some(true) || (city == Some(true) && state != Some(false)) => {
            (Finding::Partly, 1)
        }
        _ => (Finding::Differs, 0),
    })
}

fn phone_digits(t: &Telecom) -> Option<String> {
    let d = digits(&format!(
        "{}{}",
        t.area_code.as_deref().unwrap_or_default(),
        t.local_number.as_deref().unwrap_or_default()
    ));
    (d.len() >= 7).then(|| d.chars().rev().take(10).collect())
}

fn phones(a: &[Telecom], b: &[Telecom]) -> Option<(Finding, i32)> {
    let pa: Vec<String> = a
        .iter()
        .take(MAX_COMPARED)
        .filter_map(phone_digits)
        .collect();
    let pb: Vec<String> = b
        .iter()
        .take(MAX_COMPARED)
        .filter_map(phone_digits)
        .collect();
    if pa.is_empty() || pb.is_empty() {
        return None;
    }
    // Compared on the last seven digits: a number sent with and without its area code agrees.
    let tail = |s: &String| s.chars().take(7).collect::<String>();
    let agree = pa.iter().any(|x| pb.iter().any(|y| tail(x) == tail(y)));
    Some(if agree {
        (Finding::Agrees, 2)
    } else {
        (Finding::Differs, 0)
    })
}

fn birth_orders(a: &Patient, b: &Patient) -> Option<(Finding, i32)> {
    match (a.birth_order, b.birth_order) {
        (Some(x), Some(y))
            if a.multiple_birth != Some(false) && b.multiple_birth != Some(false) =>
        {
            Some(if x == y {
                (Finding::Agrees, 2)
            } else {
                (Finding::Differs, BIRTH_ORDER_DIFFERS)
            })
        }
        _ => match (a.multiple_birth, b.multiple_birth) {
            (Some(x), Some(y)) if x != y => Some((Finding::Differs, -1)),
            _ => None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_seen() {
        for g in [
            "Baby Boy",
            "BABY GIRL A",
            "Infant",
            "newborn",
            "BB",
            "G1",
            "Twin B",
            "babygirl",
        ] {
            assert!(is_placeholder_given(g), "{g}");
        }
        for g in ["Bobby", "Gabriel", "B", "Brittany"] {
            assert!(!is_placeholder_given(g), "{g}");
        }
        assert_eq!(real_family("BabyBoySmith").as_deref(), Some("SMITH"));
        assert_eq!(real_family("Baby Girl Smith").as_deref(), Some("SMITH"));
        assert_eq!(real_family("Smith").as_deref(), Some("SMITH"));
        assert_eq!(real_family("Baby"), None);
        assert_eq!(real_family("Babyak").as_deref(), Some("BABYAK"));
        assert_eq!(real_family("Twin").as_deref(), Some("TWIN"));
        assert_eq!(real_family("Unknown"), None);
    }

    #[test]
    fn dates_transposed_or_one_part_off() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default();
        assert!(transposed(d(2014, 3, 8), d(2014, 8, 3)));
        assert!(!transposed(d(2014, 3, 3), d(2014, 3, 3)));
        assert!(one_part_differs(d(2014, 3, 8), d(2014, 3, 9)));
        assert!(!one_part_differs(d(2014, 3, 8), d(2015, 4, 8)));
    }
}
