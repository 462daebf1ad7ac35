//! The patient's names (PID-5, PID-6): tokens that are not names, temporary newborn names, junk and
//! test-patient names, parts in the wrong component, the name type. The texts never quote a name.

use crate::model::codec::OrEmpty;
use crate::model::domain::NameType;
use crate::model::types::Xpn;

use super::{At, Q, dq, facts, text};

dq!(
    /// DQ-PID-012: a first or last name that is a token (X, UNK ...) or holds characters other than
    /// letters, space, hyphen, apostrophe and period.
    PID_012, "DQ-PID-012", Error, 102, Some("4"), "PID-5.1, PID-5.2", "MQE0140, MQE0165",
    "A first or last name is not a name (a token such as UNK, or characters other than letters)."
);
dq!(
    /// DQ-PID-013: a temporary newborn name.
    PID_013, "DQ-PID-013", Warning, 0, Some("4"), "PID-5", "MQE0172, MQE0173",
    "The patient's name is a temporary newborn name (BABY BOY, INFANT GIRL, NEWBORN, TWIN A ...)."
);
dq!(
    /// DQ-PID-014: a junk or placeholder name.
    PID_014, "DQ-PID-014", Warning, 0, Some("4"), "PID-5", "MQE0173",
    "The patient's name is a placeholder (UNKNOWN, NO NAME, MISSING ...)."
);
dq!(
    /// DQ-PID-015: a test patient's name.
    PID_015, "DQ-PID-015", Warning, 0, Some("4"), "PID-5", "MQE0551",
    "The patient's name is a test patient's (TEST, PATIENT, cartoon names)."
);
dq!(
    /// DQ-PID-016: a middle initial appended to the first name.
    PID_016, "DQ-PID-016", Information, 0, Some("4"), "PID-5.2", "MQE0142",
    "A middle initial is written in the first name instead of the middle name."
);
dq!(
    /// DQ-PID-017: a suffix or prefix written inside the last or first name.
    PID_017, "DQ-PID-017", Information, 0, Some("4"), "PID-5.1, PID-5.2", "project",
    "A suffix (JR, III) or prefix (DR, MRS) is written inside the name instead of its own component."
);
dq!(
    /// DQ-PID-018: a middle name that is a token.
    PID_018, "DQ-PID-018", Warning, 102, Some("4"), "PID-5.3", "MQE0528",
    "The middle name is not a name (UNK, NONE, NMN ...)."
);
dq!(
    /// DQ-PID-019: the first name given is not of type L (legal).
    PID_019, "DQ-PID-019", Warning, 103, Some("5"), "PID-5.7", "MQE0516",
    "The first name of the patient is not marked as the legal name (XPN.7 L)."
);
dq!(
    /// DQ-PID-020: the mother's maiden name is junk, a single letter or a placeholder.
    PID_020, "DQ-PID-020", Information, 0, Some("4"), "PID-6", "MQE0547, MQE0548, MQE0549, MQE0550",
    "The mother's maiden name is a placeholder, a single letter or not a name."
);

pub(super) fn check(q: &mut Q<'_, '_>) {
    let Some(pid) = q.vxu.pid.as_ref() else {
        return;
    };
    if let Some(name) = pid.patient_name.first() {
        legal_name(q, name);
    }
    if let Some(maiden) = pid.mothers_maiden_name.as_deref() {
        mothers_maiden_name(q, maiden);
    }
}

fn legal_name(q: &mut Q<'_, '_>, name: &Xpn) {
    let family = text::clean(name.family_name.or_empty().surname.as_str());
    let given = text::clean(name.given_name.as_str());
    let middle = text::clean(name.further_given_names.as_str());
    let at = At::Pid.field(5);

    let mut token = false;
    for (part, comp, what) in [(family, 1, "last"), (given, 2, "first")] {
        if part.is_empty() || !(is_token(part) || has_bad_characters(part)) {
            continue;
        }
        token = true;
        q.report(&PID_012, at.component(comp), Some(part), |_| {
            (
                format!("The patient's {what} name (PID-5.{comp}) is not a name: a placeholder token, or characters other than letters, spaces, hyphens, apostrophes and periods."),
                format!("Enter the patient's {what} name as it is on their documents."),
            )
        });
    }
    if !token {
        placeholders(q, family, given);
    }

    // The first name ends with a lone initial while the middle name is empty.
    let given_words = text::words(given);
    if middle.is_empty()
        && given_words.clone().count() >= 2
        && given_words
            .clone()
            .last()
            .is_some_and(|w| w.chars().count() == 1 && w.chars().all(char::is_alphabetic))
    {
        q.report(&PID_016, at.component(2), Some(given), |_| {
            (
                "The patient's first name (PID-5.2) ends with a middle initial while the middle name (PID-5.3) is empty.".to_string(),
                "Move the middle initial to the middle name.".to_string(),
            )
        });
    }

    // Suffixes and prefixes inside the names.
    let family_words = text::words(family);
    if family_words.clone().count() >= 2
        && family_words
            .clone()
            .last()
            .is_some_and(|w| text::is_one_of(w, facts::NAME_SUFFIXES))
    {
        q.report(&PID_017, at.component(1), Some(family), |_| {
            (
                "The patient's last name (PID-5.1) ends with a suffix such as JR or III."
                    .to_string(),
                "Move the suffix to the suffix component of the name (PID-5.4).".to_string(),
            )
        });
    }
    let prefixed = given_words
        .clone()
        .next()
        .is_some_and(|w| text::is_one_of(w, facts::NAME_PREFIXES));
    let suffixed = given_words
        .clone()
        .last()
        .is_some_and(|w| text::is_one_of(w, facts::NAME_SUFFIXES));
    if given_words.clone().count() >= 2 && (prefixed || suffixed) {
        q.report(&PID_017, at.component(2), Some(given), |_| {
            (
                "The patient's first name (PID-5.2) holds a prefix such as DR or a suffix such as JR.".to_string(),
                "Move the prefix to PID-5.5 or the suffix to PID-5.4.".to_string(),
            )
        });
    }

    if !middle.is_empty() && text::letters_in(middle, facts::NON_MIDDLE_NAMES) {
        q.report(&PID_018, at.component(3), Some(middle), |_| {
            (
                "The patient's middle name (PID-5.3) is a placeholder, not a name.".to_string(),
                "Leave the middle name empty when the patient has none.".to_string(),
            )
        });
    }

    let name_type = text::clean(name.name_type_code.as_str());
    if !name_type.is_empty() && !name_type.eq_ignore_ascii_case(NameType::Legal.code()) {
        q.report(&PID_019, at.component(7), Some(name_type), |_| {
            (
                "The first name sent for the patient (PID-5) is not marked as the legal name.".to_string(),
                "Send the legal name first, with name type L; other names (alias, maiden) after it.".to_string(),
            )
        });
    }
}

/// Test, junk and newborn names: at most one of them per name, the most telling first.
fn placeholders(q: &mut Q<'_, '_>, family: &str, given: &str) {
    let at = At::Pid.field(5);
    let test_word = |s: &str| text::words(s).any(|w| text::is_one_of(w, facts::TEST_WORDS));
    let (family_letters, given_letters) = (text::Letters::of(family), text::Letters::of(given));
    let cartoon = facts::TEST_NAMES
        .iter()
        .any(|(g, f)| given_letters.is(g) && family_letters.is(f));
    let test_at = if cartoon {
        Some(at)
    } else if test_word(family) {
        Some(at.component(1))
    } else if test_word(given) {
        Some(at.component(2))
    } else {
        None
    };
    if let Some(loc) = test_at {
        q.report(&PID_015, loc, None, |_| {
            (
                "The patient's name (PID-5) is a test patient's name.".to_string(),
                "Do not send test patients to the production registry; if this is a real patient, enter their real name.".to_string(),
            )
        });
        return;
    }

    let junk_at = if !family.is_empty() && family_letters.is_in(facts::JUNK_NAMES) {
        Some(at.component(1))
    } else if !given.is_empty() && given_letters.is_in(facts::JUNK_NAMES) {
        Some(at.component(2))
    } else {
        None
    };
    if let Some(loc) = junk_at {
        q.report(&PID_014, loc, None, |_| {
            (
                "The patient's name (PID-5) is a placeholder, not a name.".to_string(),
                "Enter the patient's real name; if it is not known yet, update the record when it is.".to_string(),
            )
        });
        return;
    }

    if is_newborn_name(family, given) {
        q.report(&PID_013, at.component(2), None, |_| {
            (
                "The patient's first name (PID-5.2) is a temporary newborn name.".to_string(),
                "Send the record again with the child's given name once it is known.".to_string(),
            )
        });
    }
}

/// BABY, NEWBORN, INFANT, TWIN as the first word of the given name; BOY BABY; BABY^BOY; BB, BG, B1.
fn is_newborn_name(family: &str, given: &str) -> bool {
    let mut words = text::words(given);
    let first = words.next().unwrap_or("");
    let second = words.next().unwrap_or("");
    text::is_one_of(first, facts::NEWBORN_WORDS)
        || text::is_one_of(given, facts::NEWBORN_CODES)
        || (text::is_one_of(first, facts::NEWBORN_SEX_WORDS)
            && text::is_one_of(second, facts::NEWBORN_WORDS))
        || (text::is_one_of(family, facts::NEWBORN_WORDS)
            && text::is_one_of(first, facts::NEWBORN_SEX_WORDS))
}

fn is_token(part: &str) -> bool {
    text::is_one_of(part, facts::NON_NAME_TOKENS)
}

/// Characters other than letters, space, hyphen, apostrophe and period.
fn has_bad_characters(part: &str) -> bool {
    part.chars()
        .any(|c| !(c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '.')))
}

fn mothers_maiden_name(q: &mut Q<'_, '_>, maiden: &Xpn) {
    let family = text::clean(maiden.family_name.or_empty().surname.as_str());
    if family.is_empty() {
        return;
    }
    let letters = family.chars().filter(|c| c.is_alphabetic()).count();
    let placeholder = letters <= 1
        || is_token(family)
        || text::letters_in(family, facts::JUNK_NAMES)
        || facts::MAIDEN_NAME_PLACEHOLDER_PREFIXES
            .iter()
            .any(|p| text::starts_with_ignore_case(family, p));
    if placeholder {
        q.report(
            &PID_020,
            At::Pid.field(6).component(1),
            Some(family),
            |_| {
                (
                    "The mother's maiden name (PID-6) is a placeholder or a single letter."
                        .to_string(),
                    "Enter the mother's maiden name, or leave it empty when it is not known."
                        .to_string(),
                )
            },
        );
    }
}
