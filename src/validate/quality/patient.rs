//! The patient (PID, PD1): birth and death dates, sex, race and ethnicity, address, phone and email,
//! multiple birth, Social Security number, protection. The address and phone checks serve the next
//! of kin too.

use crate::model::codec::OrEmpty;
use chrono::{Datelike, NaiveDate};

use crate::model::domain::{AddressType, TelecomEquipment, TelecomUse};
use crate::model::types::{Cwe, Precision, Xad, Xtn};

use super::{At, Loc, Q, dq, facts, midnight, sets, text};

dq!(
    /// DQ-PID-031: birth date after the message date.
    PID_031, "DQ-PID-031", Error, 101, Some("1"), "PID-7", "MQE0115",
    "The birth date is in the future."
);
dq!(
    /// DQ-PID-032: birth date more than 120 years ago.
    PID_032, "DQ-PID-032", Error, 0, Some("1"), "PID-7", "MQE0120",
    "The birth date is implausibly old (more than 120 years)."
);
dq!(
    /// DQ-PID-033: birth date on the 1st, 15th or last day of a month.
    PID_033, "DQ-PID-033", Information, 0, Some("1"), "PID-7", "MQE0565, MQE0566, MQE0567",
    "The birth date is on the 1st, 15th or last day of a month (possibly an estimate)."
);
dq!(
    /// DQ-PID-040: sex not F, M or U.
    PID_040, "DQ-PID-040", Error, 103, Some("5"), "PID-8", "MQE0146, MQE0147",
    "The patient's sex is not F, M or U (HL7 0001 as the IG constrains it)."
);
dq!(
    /// DQ-PID-041: race not a CDCREC race code.
    PID_041, "DQ-PID-041", Warning, 103, Some("5"), "PID-10", "MQE0208, MQE0210",
    "A race code is not a CDC race code (CDCREC, the codes of HL7 0005 too)."
);
dq!(
    /// DQ-PID-042: ethnicity not a CDCREC ethnicity code.
    PID_042, "DQ-PID-042", Warning, 103, Some("5"), "PID-22", "MQE0137, MQE0139",
    "The ethnicity code is not a CDC ethnicity code (CDCREC; legacy H/N/U codes are not)."
);
dq!(
    /// DQ-PID-043: race or ethnicity not sent.
    PID_043, "DQ-PID-043", Information, 101, Some("4"), "PID-10, PID-22", "MQE0209, MQE0138",
    "Race or ethnicity is not sent."
);
dq!(
    /// DQ-PID-050: address missing, or without street, city, state or zip.
    PID_050, "DQ-PID-050", Warning, 101, Some("4"), "PID-11", "MQE0092, MQE0110, MQE0094, MQE0108, MQE0113",
    "The patient's address is missing, or lacks its street, city, state or zip code."
);
dq!(
    /// DQ-PID-051: address invalid (state, zip, type BA).
    PID_051, "DQ-PID-051", Warning, 102, Some("4"), "PID-11", "MQE0107, MQE0112, MQE0521",
    "The patient's address is invalid: a state that is not a USPS code, a zip code not of 5 or 9 digits, or marked bad (BA)."
);
dq!(
    /// DQ-PID-060: phone number invalid or incomplete (NANP).
    PID_060, "DQ-PID-060", Warning, 102, Some("4"), "PID-13", "MQE0175, MQE0174",
    "The phone number is not a valid North American number, or is incomplete."
);
dq!(
    /// DQ-PID-061: email address invalid or not coded as one.
    PID_061, "DQ-PID-061", Warning, 102, Some("4"), "PID-13", "MQE0588",
    "The email address is invalid, or not coded NET / Internet."
);
dq!(
    /// DQ-PID-070: multiple birth indicator and birth order disagree.
    PID_070, "DQ-PID-070", Warning, 0, Some("3"), "PID-24, PID-25", "MQE0125, MQE0123",
    "The multiple-birth indicator and the birth order disagree."
);
dq!(
    /// DQ-PID-071: death indicator Y without a death date.
    PID_071, "DQ-PID-071", Warning, 0, Some("3"), "PID-29, PID-30", "MQE0132, MQE0133",
    "The patient is marked deceased but the death date is missing."
);
dq!(
    /// DQ-PID-072: death date before birth or in the future.
    PID_072, "DQ-PID-072", Warning, 0, Some("1"), "PID-29", "MQE0129, MQE0130",
    "The death date is before the birth date or in the future."
);
dq!(
    /// DQ-PID-081: Social Security number malformed.
    PID_081, "DQ-PID-081", Warning, 102, Some("4"), "PID-3", "MQE0218",
    "A Social Security number is malformed or a placeholder."
);
dq!(
    /// DQ-PD1-002: protection indicator Y.
    PD1_002, "DQ-PD1-002", Warning, 0, None, "PD1-12", "MQE0200",
    "The record is marked protected: the registry will restrict who can see it."
);

pub(super) fn check(q: &mut Q<'_, '_>) {
    let Some(pid) = q.vxu.pid.as_ref() else {
        return;
    };
    birth(q);

    let sex = text::opt(pid.administrative_sex.as_deref());
    if !sex.is_empty() && !sets::SEX.contains(sex) {
        q.report(&PID_040, At::Pid.field(8), Some(sex), |_| {
            (
                "The patient's sex (PID-8) is not one of the codes the registry accepts."
                    .to_string(),
                "Send F (female), M (male) or U (unknown).".to_string(),
            )
        });
    }

    race_and_ethnicity(q);

    if pid.patient_address.iter().all(address_blank) {
        q.report(&PID_050, At::Pid.field(11), None, |_| {
            (
                "The patient's address (PID-11) is missing.".to_string(),
                "Enter the patient's home address (street, city, state, zip).".to_string(),
            )
        });
    } else if let Some(first) = pid.patient_address.first() {
        let missing = missing_parts(first);
        if let Some(&(comp, _)) = missing.first() {
            q.report(&PID_050, At::Pid.field(11).component(comp), None, |_| {
                (
                    format!(
                        "The patient's address (PID-11) has no {}.",
                        list(missing.iter().map(|(_, w)| *w))
                    ),
                    "Complete the patient's address.".to_string(),
                )
            });
        }
    }
    for (i, a) in pid.patient_address.iter().enumerate() {
        address_validity(q, &PID_051, At::Pid.field(11).repetition(i), a, "patient's");
    }
    for (i, t) in pid.phone_number_home.iter().enumerate() {
        telecom(
            q,
            &PID_060,
            Some(&PID_061),
            At::Pid.field(13).repetition(i),
            t,
            "patient's",
        );
    }

    let multiple = text::opt(pid.multiple_birth_indicator.as_deref());
    let order = text::opt(pid.birth_order.as_deref());
    let order_n = order.parse::<u32>().ok();
    if multiple.eq_ignore_ascii_case(facts::YES) && order.is_empty() {
        q.report(&PID_070, At::Pid.field(25), None, |_| {
            (
                "The patient is marked as one of a multiple birth (PID-24 Y) but the birth order (PID-25) is missing.".to_string(),
                "Enter the birth order (1 for the first born, 2 for the second ...).".to_string(),
            )
        });
    } else if multiple.eq_ignore_ascii_case(facts::NO) && order_n.is_some_and(|n| n > 1) {
        q.report(&PID_070, At::Pid.field(25), Some(order), |_| {
            (
                "The patient is marked as a single birth (PID-24 N) but the birth order (PID-25) is more than 1.".to_string(),
                "Mark the multiple birth (PID-24 Y), or leave the birth order empty.".to_string(),
            )
        });
    }

    let deceased = text::opt(pid.patient_death_indicator.as_deref());
    let death_sent = pid
        .patient_death_date_and_time
        .as_ref()
        .is_some_and(|t| !text::blank(t.time.as_bytes()));
    if deceased.eq_ignore_ascii_case(facts::YES) && !death_sent {
        q.report(&PID_071, At::Pid.field(29), None, |_| {
            (
                "The patient is marked deceased (PID-30 Y) but the death date (PID-29) is missing."
                    .to_string(),
                "Enter the date of death if it is known.".to_string(),
            )
        });
    }
    if let Some(death) = q.death {
        let before_birth = q.birth.is_some_and(|b| death < b);
        if before_birth || midnight(death) > q.latest {
            let what = if before_birth {
                "before the birth date"
            } else {
                "in the future"
            };
            q.report(&PID_072, At::Pid.field(29), None, |_| {
                (
                    format!("The patient's death date (PID-29) is {what}."),
                    "Correct the death date or the birth date.".to_string(),
                )
            });
        }
    }

    for (i, cx) in pid.patient_identifier_list.iter().enumerate() {
        let kind = text::clean_bytes(cx.identifier_type_code.as_bytes());
        if !kind.eq_ignore_ascii_case(facts::SSN_TYPE.as_bytes()) {
            continue; // the number is read as a string only for an SSN
        }
        let id = text::clean(cx.id_number.as_str());
        if !id.is_empty() && !ssn_plausible(id) {
            q.report(&PID_081, At::Pid.field(3).repetition(i).component(1), Some(id), |_| {
                (
                    "The Social Security number in the patient identifiers (PID-3) is malformed or a placeholder.".to_string(),
                    "Send the patient's 9-digit Social Security number, or leave it out.".to_string(),
                )
            });
        }
    }

    if let Some(pd1) = q.vxu.pd1.as_ref() {
        let protection = text::opt(pd1.protection_indicator.as_deref());
        if protection.eq_ignore_ascii_case(facts::YES) {
            q.report(&PD1_002, At::Pd1.field(12), None, |_| {
                (
                    "The patient's record is marked protected (PD1-12 Y): the registry will restrict who can see it.".to_string(),
                    "Check that the patient or guardian asked for this; otherwise send N.".to_string(),
                )
            });
        }
    }
}

fn birth(q: &mut Q<'_, '_>) {
    let Some(birth) = q.birth else {
        return;
    };
    if midnight(birth) > q.latest {
        q.report(&PID_031, At::Pid.field(7), None, |_| {
            (
                "The patient's birth date (PID-7) is in the future.".to_string(),
                "Correct the birth date.".to_string(),
            )
        });
        return;
    }
    if q.today
        .years_since(birth)
        .is_some_and(|age| age > facts::MAX_AGE_YEARS)
    {
        q.report(&PID_032, At::Pid.field(7), None, |_| {
            (
                format!(
                    "The patient's birth date (PID-7) makes the patient older than {} years.",
                    facts::MAX_AGE_YEARS
                ),
                "Correct the birth date.".to_string(),
            )
        });
        return;
    }
    let precise = q.birth_precision.is_some_and(|p| p >= Precision::Day);
    if precise && (birth.day() == 1 || birth.day() == 15 || is_last_of_month(birth)) {
        q.report(&PID_033, At::Pid.field(7), None, |_| {
            (
                "The patient's birth date (PID-7) is on the 1st, 15th or last day of a month, which is often an estimate.".to_string(),
                "Check the birth date against the patient's documents.".to_string(),
            )
        });
    }
}

pub(super) fn is_last_of_month(d: NaiveDate) -> bool {
    d.succ_opt().is_some_and(|next| next.month() != d.month())
}

fn race_and_ethnicity(q: &mut Q<'_, '_>) {
    let Some(pid) = q.vxu.pid.as_ref() else {
        return;
    };
    let mut any_race = false;
    for (i, race) in pid.race.iter().enumerate() {
        let (code, bad) = cdcrec(race, &sets::RACE);
        any_race |= !code.is_empty();
        if bad {
            q.report(&PID_041, At::Pid.field(10).repetition(i), Some(code), |_| {
                (
                    "A race code (PID-10) is not one of the CDC race codes.".to_string(),
                    "Send race as a CDC race code (CDCREC), e.g. 2106-3 White, 2054-5 Black or African American, 2131-1 Other Race.".to_string(),
                )
            });
        }
    }
    let mut any_ethnicity = false;
    if let Some(eth) = pid.ethnic_group.as_ref() {
        let (code, bad) = cdcrec(eth, &sets::ETHNICITY);
        any_ethnicity = !code.is_empty();
        if bad {
            q.report(&PID_042, At::Pid.field(22), Some(code), |_| {
                (
                    "The ethnicity code (PID-22) is not one of the CDC ethnicity codes.".to_string(),
                    "Send 2135-2 (Hispanic or Latino) or 2186-5 (not Hispanic or Latino), coding system CDCREC.".to_string(),
                )
            });
        }
    }
    if !any_race {
        q.report(&PID_043, At::Pid.field(10), None, |_| {
            (
                "The patient's race (PID-10) is not sent.".to_string(),
                "Enter the race the patient or guardian reports (or 'asked but unknown')."
                    .to_string(),
            )
        });
    }
    if !any_ethnicity {
        q.report(&PID_043, At::Pid.field(22), None, |_| {
            (
                "The patient's ethnicity (PID-22) is not sent.".to_string(),
                "Enter the ethnicity the patient or guardian reports.".to_string(),
            )
        });
    }
}

/// The code, and whether it is not a member of the CDCREC value set. The coding system named is not
/// judged: HL7 0005 (race) uses the same CDC codes, and a legacy HL7 0189 ethnicity code (H, N, U) is
/// not a member.
fn cdcrec<'a>(c: &'a Cwe, value_set: &sets::Set) -> (&'a str, bool) {
    let code = text::clean(c.identifier.as_str());
    (code, !code.is_empty() && !value_set.contains(code))
}

fn address_blank(a: &Xad) -> bool {
    text::blank(
        a.street_address
            .or_empty()
            .street_or_mailing_address
            .as_bytes(),
    ) && text::blank(a.city.as_bytes())
        && text::blank(a.state_or_province.as_bytes())
        && text::blank(a.zip_or_postal_code.as_bytes())
}

/// The parts of an address that are empty: (component, word).
fn missing_parts(a: &Xad) -> MissingParts {
    let mut out = MissingParts::default();
    for (comp, word, value) in [
        (
            1,
            "street",
            a.street_address
                .or_empty()
                .street_or_mailing_address
                .as_bytes(),
        ),
        (3, "city", a.city.as_bytes()),
        (4, "state", a.state_or_province.as_bytes()),
        (5, "zip code", a.zip_or_postal_code.as_bytes()),
    ] {
        if text::blank(value) {
            out.push((comp, word));
        }
    }
    out
}

/// Up to four missing parts, without allocating.
#[derive(Default)]
struct MissingParts {
    parts: [(u16, &'static str); 4],
    len: usize,
}

impl MissingParts {
    fn push(&mut self, p: (u16, &'static str)) {
        if let Some(slot) = self.parts.get_mut(self.len) {
            *slot = p;
            self.len += 1;
        }
    }

    fn first(&self) -> Option<&(u16, &'static str)> {
        self.iter().next()
    }

    fn iter(&self) -> impl Iterator<Item = &(u16, &'static str)> {
        self.parts.iter().take(self.len)
    }
}

/// "a, b and c".
fn list<'a>(words: impl Iterator<Item = &'a str>) -> String {
    let words: Vec<&str> = words.collect();
    match words.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

/// State, zip code and address type of one address (PID-11 or NK1-4).
pub(super) fn address_validity(
    q: &mut Q<'_, '_>,
    rule: &'static super::Rule,
    at: Loc,
    a: &Xad,
    whose: &'static str,
) {
    let kind = text::clean_bytes(a.address_type.as_bytes());
    if kind.eq_ignore_ascii_case(AddressType::Bad.code().as_bytes()) {
        q.report(rule, at.component(7), None, |_| {
            (
                format!("The {whose} address is marked as a bad address (type BA)."),
                "Ask for the current address and update it.".to_string(),
            )
        });
    }
    let country = text::clean_bytes(a.country.as_bytes());
    if !(country.is_empty()
        || facts::US_COUNTRIES
            .iter()
            .any(|c| country.eq_ignore_ascii_case(c.as_bytes())))
    {
        return;
    }
    let state = text::clean(a.state_or_province.as_str());
    if !state.is_empty() && !is_usps_state(state) {
        q.report(rule, at.component(4), Some(state), |_| {
            (
                format!("The state of the {whose} address is not a USPS state code."),
                "Send the two-letter USPS code of the state (e.g. MT, NY).".to_string(),
            )
        });
    }
    let zip = text::clean(a.zip_or_postal_code.as_str());
    if !zip.is_empty() && !zip_plausible(zip) {
        q.report(rule, at.component(5), Some(zip), |_| {
            (
                format!("The zip code of the {whose} address is not 5 or 9 digits."),
                "Send the 5-digit zip code, or ZIP+4 (12345-6789).".to_string(),
            )
        });
    }
}

/// A USPS code, any case (binary search of the sorted list).
fn is_usps_state(state: &str) -> bool {
    let [a, b] = state.as_bytes() else {
        return false;
    };
    let code = [a.to_ascii_uppercase(), b.to_ascii_uppercase()];
    facts::USPS_STATES
        .binary_search_by(|s| s.as_bytes().cmp(&code[..]))
        .is_ok()
}

fn zip_plausible(zip: &str) -> bool {
    match zip.split_once('-') {
        Some((five, four)) => {
            five.len() == 5 && four.len() == 4 && text::all_digits(five) && text::all_digits(four)
        }
        None => (zip.len() == 5 || zip.len() == 9) && text::all_digits(zip),
    }
}

/// A phone number (NANP) or an email address (PID-13, NK1-5).
pub(super) fn telecom(
    q: &mut Q<'_, '_>,
    phone_rule: &'static super::Rule,
    email_rule: Option<&'static super::Rule>,
    at: Loc,
    t: &Xtn,
    whose: &'static str,
) {
    let use_code = text::clean_bytes(t.telecommunication_use_code.as_bytes());
    if use_code.eq_ignore_ascii_case(TelecomUse::Email.code().as_bytes()) {
        let email = text::clean(t.email_address.as_str());
        let equipment = text::clean(t.telecommunication_equipment_type.as_str());
        let rule = email_rule.unwrap_or(phone_rule);
        if !email.is_empty() && !email_plausible(email) {
            q.report(rule, at.component(4), Some(email), |_| {
                (
                    format!("The {whose} email address is not a valid email address."),
                    "Correct the email address (name@domain).".to_string(),
                )
            });
        } else if !equipment.eq_ignore_ascii_case(TelecomEquipment::Internet.code()) {
            q.report(rule, at.component(3), Some(equipment), |_| {
                (
                    format!("The {whose} email address is not coded as one (XTN-2 NET needs XTN-3 Internet)."),
                    "Send email addresses with use NET and equipment type Internet.".to_string(),
                )
            });
        }
        return;
    }
    let area = text::clean(t.area_city_code.as_str());
    let local = text::clean(t.local_number.as_str());
    if area.is_empty() && local.is_empty() {
        return;
    }
    let problem = if local.is_empty() {
        Some((7, "has no local number"))
    } else if area.is_empty() {
        Some((6, "has no area code"))
    } else if !area_code_plausible(area) {
        Some((6, "has an area code that does not exist in North America"))
    } else if !local_number_plausible(local) {
        Some((
            7,
            "has a local number that cannot be dialled or is fictional",
        ))
    } else {
        None
    };
    if let Some((comp, what)) = problem {
        let value = if comp == 6 { area } else { local };
        q.report(phone_rule, at.component(comp), Some(value), |_| {
            (
                format!("The {whose} phone number {what}."),
                "Enter the full 10-digit phone number (area code and local number).".to_string(),
            )
        });
    }
}

/// NANP area code: three digits, the first 2-9, not a service code (N11).
fn area_code_plausible(area: &str) -> bool {
    let b = area.as_bytes();
    b.len() == 3
        && text::all_digits(area)
        && b.first().is_some_and(|d| *d >= b'2')
        && !(b.get(1) == Some(&b'1') && b.get(2) == Some(&b'1'))
}

/// NANP local number: seven digits (a hyphen allowed), the first 2-9, not a fictional 555-01xx
/// number.
fn local_number_plausible(local: &str) -> bool {
    let mut digits = [0u8; 7];
    let mut n = 0;
    for b in local.bytes() {
        match b {
            b'-' => {}
            b'0'..=b'9' => {
                match digits.get_mut(n) {
                    Some(slot) => *slot = b,
                    None => return false,
                }
                n += 1;
            }
            _ => return false,
        }
    }
    let fictional = digits.starts_with(facts::FICTIONAL_EXCHANGE.as_bytes())
        && digits
            .get(3..)
            .is_some_and(|line| line.starts_with(facts::FICTIONAL_LINE_PREFIX.as_bytes()));
    n == 7 && digits.first().is_some_and(|d| *d >= b'2') && !fictional
}

fn email_plausible(email: &str) -> bool {
    let Some((user, domain)) = email.split_once('@') else {
        return false;
    };
    !user.is_empty()
        && !domain.contains('@')
        && domain
            .split_once('.')
            .is_some_and(|(a, b)| !a.is_empty() && !b.is_empty())
        && !email.contains(char::is_whitespace)
}

/// Nine digits (hyphens allowed), not area 000, not group 00, not 123456789, no digit six times in a
/// row.
fn ssn_plausible(id: &str) -> bool {
    let mut digits = [0u8; 9];
    let mut n = 0;
    for b in id.bytes() {
        match b {
            b'-' => {}
            b'0'..=b'9' => {
                match digits.get_mut(n) {
                    Some(slot) => *slot = b,
                    None => return false,
                }
                n += 1;
            }
            _ => return false,
        }
    }
    if n != 9 {
        return false;
    }
    let area = digits.get(0..3).unwrap_or_default();
    let group = digits.get(3..5).unwrap_or_default();
    let run = digits
        .windows(6)
        .any(|w| w.iter().all(|d| Some(d) == w.first()));
    area != b"000" && group != b"00" && &digits != b"123456789" && !run
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nanp_and_ssn_rules() {
        assert!(area_code_plausible("406"));
        assert!(
            !area_code_plausible("106")
                && !area_code_plausible("411")
                && !area_code_plausible("40")
        );
        assert!(local_number_plausible("5557690"));
        assert!(!local_number_plausible("5550123") && !local_number_plausible("1234567"));
        assert!(local_number_plausible("555-7690"));
        assert!(ssn_plausible("123-45-6780"));
        assert!(
            !ssn_plausible("000-12-3456")
                && !ssn_plausible("123456789")
                && !ssn_plausible("111111234")
        );
        assert!(!ssn_plausible("12345678") && !ssn_plausible("12a456789"));
        assert!(
            zip_plausible("59715") && zip_plausible("59715-1234") && zip_plausible("597151234")
        );
        assert!(!zip_plausible("5971") && !zip_plausible("ABCDE"));
        assert!(
            email_plausible("a@b.org") && !email_plausible("a@b") && !email_plausible("ab.org")
        );
    }
}
