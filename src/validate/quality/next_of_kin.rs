//! Next of kin and responsible party (NK1): a minor without one, relationships, a guardian with the
//! patient's own name, the next of kin's address and phone.

use super::patient::{address_validity, telecom};
use super::{At, Q, dq, facts, sets, text};
use crate::model::codec::OrEmpty;

dq!(
    /// DQ-NK1-001: a minor without NK1.
    NK1_001, "DQ-NK1-001", Warning, 101, Some("4"), "NK1", "MQE0157",
    "The patient is a minor (under 18) and no next of kin or responsible party is sent."
);
dq!(
    /// DQ-NK1-004: relationship not in HL7 0063.
    NK1_004, "DQ-NK1-004", Warning, 103, Some("5"), "NK1-3", "MQE0087, MQE0090",
    "The relationship of a next of kin is not an HL7 0063 code."
);
dq!(
    /// DQ-NK1-005: a minor's next of kin is not a responsible party.
    NK1_005, "DQ-NK1-005", Warning, 0, Some("3"), "NK1-3", "MQE0089, MQE0485",
    "None of a minor's next of kin is a parent, guardian or care giver, or one is the patient's child."
);
dq!(
    /// DQ-NK1-006: the next of kin has the minor patient's name.
    NK1_006, "DQ-NK1-006", Warning, 0, Some("3"), "NK1-2", "MQE0156",
    "A minor's next of kin has the patient's own name (the name is probably in the wrong segment)."
);
dq!(
    /// DQ-NK1-007: the next of kin's phone or address is invalid.
    NK1_007, "DQ-NK1-007", Warning, 102, Some("4"), "NK1-4, NK1-5", "MQE0082, MQE0083, MQE0564",
    "A next of kin's phone number or address is invalid or incomplete."
);

pub(super) fn check(q: &mut Q<'_, '_>) {
    let vxu = q.vxu;
    let Some(pid) = vxu.pid.as_ref() else {
        return;
    };
    let minor = q
        .birth
        .and_then(|_| q.age_on(q.today))
        .is_some_and(|age| age < facts::MINOR_AGE_YEARS);

    if minor && vxu.nk1.is_empty() {
        q.report(&NK1_001, At::Pid.segment(), None, |_| {
            (
                "The patient is a minor and the message names no parent, guardian or other responsible party (NK1).".to_string(),
                "Enter the patient's parent or guardian as next of kin.".to_string(),
            )
        });
    }

    let mut any_responsible = false;
    let mut child_reported = false;
    for (i, nk1) in vxu.nk1.iter().enumerate() {
        let relationship = nk1
            .relationship
            .as_ref()
            .map_or("", |c| text::clean(c.identifier.as_str()));
        if !relationship.is_empty() && !sets::RELATIONSHIP.contains(relationship) {
            q.report(&NK1_004, At::Nk1(i).field(3), Some(relationship), |_| {
                (
                    format!("The relationship of next of kin {} (NK1-3) is not a code the registry knows.", i + 1),
                    "Choose the relationship from HL7 table 0063 (e.g. MTH mother, FTH father, GRD guardian).".to_string(),
                )
            });
        }
        any_responsible |= text::is_one_of(relationship, facts::RESPONSIBLE_RELATIONSHIPS);
        if minor && text::is_one_of(relationship, facts::CHILD_RELATIONSHIPS) {
            child_reported = true;
            q.report(&NK1_005, At::Nk1(i).field(3), Some(relationship), |_| {
                (
                    format!("Next of kin {} of this minor patient is recorded as the patient's child (NK1-3).", i + 1),
                    "Check the relationship: for a minor it is the relationship of the next of kin to the patient (mother, father, guardian ...).".to_string(),
                )
            });
        }

        if minor && let (Some(name), Some(own)) = (nk1.name.first(), pid.patient_name.first()) {
            // Compared as bytes (ASCII case folded, as `str::eq_ignore_ascii_case` does).
            let family = text::clean_bytes(name.family_name.or_empty().surname.as_bytes());
            let given = text::clean_bytes(name.given_name.as_bytes());
            if !family.is_empty()
                && !given.is_empty()
                && family.eq_ignore_ascii_case(text::clean_bytes(
                    own.family_name.or_empty().surname.as_bytes(),
                ))
                && given.eq_ignore_ascii_case(text::clean_bytes(own.given_name.as_bytes()))
            {
                q.report(&NK1_006, At::Nk1(i).field(2), None, |_| {
                    (
                        format!(
                            "Next of kin {} has the same first and last name as the minor patient.",
                            i + 1
                        ),
                        "Check that the next of kin's name, not the patient's, is in NK1-2."
                            .to_string(),
                    )
                });
            }
        }

        for (k, a) in nk1.address.iter().enumerate() {
            address_validity(
                q,
                &NK1_007,
                At::Nk1(i).field(4).repetition(k),
                a,
                "next of kin's",
            );
        }
        for (k, t) in nk1.phone_number.iter().enumerate() {
            telecom(
                q,
                &NK1_007,
                None,
                At::Nk1(i).field(5).repetition(k),
                t,
                "next of kin's",
            );
        }
    }
    if minor && !vxu.nk1.is_empty() && !any_responsible && !child_reported {
        q.report(&NK1_005, At::Nk1(0).field(3), None, |_| {
            (
                "None of the minor patient's next of kin (NK1-3) is a parent, guardian or care giver.".to_string(),
                "Enter the patient's parent or guardian as next of kin (MTH, FTH, PAR, GRD, CGV or GRP).".to_string(),
            )
        });
    }
}
