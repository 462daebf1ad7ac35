//! How one registry writes its acknowledgements: the parts of ACK reading that differ between
//! jurisdictions, as data.

use std::borrow::Cow;

/// The jurisdiction-specific rules for reading a registry's acknowledgements.
///
/// [`AckPolicy::default`] follows acks.md §4 (the CDC IG and AIRA's guidance), with the phrases that
/// are unambiguous whoever writes them. A state profile carries its own policy (in its data: every
/// field has a default, so a profile states only what differs); [`AckPolicy::builtin`] holds the
/// habits AIRA's tester records for some registries (acks.md §6).
///
/// Phrases are matched ignoring case and runs of white space, anywhere in the registry's texts
/// (ERR-8, ERR-9, ERR-7 and MSA-3).
///
/// ```
/// use izmsg::iis::ack::AckPolicy;
/// let idaho = AckPolicy::builtin("id-iris").unwrap();
/// assert!(idaho.ack_message_codes.iter().any(|c| c == "VXU"));
/// let strict = AckPolicy { ae_with_only_warnings_accepted: false, ..AckPolicy::default() };
/// assert!(!strict.ae_with_only_warnings_accepted);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct AckPolicy {
    /// The policy's name (`default`, `nm-nmsiis` ...).
    pub name: Cow<'static, str>,
    /// MSH-9.1 codes read as an acknowledgement (`ACK`; Idaho IRIS labels its ACKs `VXU`).
    pub ack_message_codes: Vec<String>,
    /// An AE whose rows are all warnings or information means accepted with warnings (acks.md §3:
    /// AIRA's tools and many registries answer warnings with AE). When false, such an AE is read as a
    /// rejection of the whole message.
    pub ae_with_only_warnings_accepted: bool,
    /// MSA-2 must equal the MSH-10 that was sent (checked by a [`Submission`](super::Submission)).
    pub control_id_must_match: bool,
    /// Texts saying the whole message or patient record was not accepted (fix and resend it all).
    pub message_rejected_phrases: Vec<String>,
    /// Texts saying part of the message was dropped without saying which dose (an ORDER group).
    pub part_rejected_phrases: Vec<String>,
    /// Texts naming a dose that was dropped: the dose number follows the prefix.
    pub dose_rejected_phrases: Vec<DosePhrase>,
    /// Texts saying the registry could not process the message at all (set-up or configuration:
    /// resending unchanged will not help).
    pub not_processed_phrases: Vec<String>,
    /// Texts saying the registry failed on its side (retry later).
    pub retry_later_phrases: Vec<String>,
}

/// A phrase naming a dose: `prefix`, the dose number (the RXA's position in the message, from 1),
/// then, somewhere after it, `then` (`RXA #2 IGNORED`, `WARNING:  RXA #3 IGNORED - REQUIRED FIELD
/// RXA-5 ...`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DosePhrase {
    /// What precedes the number (`RXA #`).
    pub prefix: String,
    /// What follows the number, not necessarily right after it (`IGNORED`).
    pub then: String,
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

impl Default for AckPolicy {
    /// acks.md §4, with the phrases of §6 that mean the same thing in every registry that writes them.
    fn default() -> Self {
        AckPolicy {
            name: Cow::Borrowed("default"),
            ack_message_codes: strings(&["ACK"]),
            ae_with_only_warnings_accepted: true,
            control_id_must_match: true,
            message_rejected_phrases: strings(&[
                "MESSAGE REJECTED",
                "RECORD REJECTED",
                "PID #1 IGNORED",
            ]),
            part_rejected_phrases: strings(&["NOT PROCESSING ORDER GROUP"]),
            dose_rejected_phrases: vec![DosePhrase {
                prefix: "RXA #".to_string(),
                then: "IGNORED".to_string(),
            }],
            not_processed_phrases: strings(&[
                "BAD MESSAGE",
                "FILE REJECTED",
                "UNSUPPORTED HL7 VERSION OR TRIGGER",
            ]),
            retry_later_phrases: strings(&["APPLICATION INTERNAL ERROR"]),
        }
    }
}

impl AckPolicy {
    /// The names [`builtin`](AckPolicy::builtin) knows.
    pub const BUILTIN: &'static [&'static str] = &["default", "wir", "id-iris"];

    /// A built-in policy by name: `default`, or a registry habit AIRA's tester records that the
    /// default does not already cover (acks.md §6; heuristics from a testing tool, to be checked
    /// against each registry's own ACK guide):
    ///
    /// * `wir` (Minnesota MIIC, Wisconsin WIR, Iowa IRIS, Virginia VIIS): any `REJECTED` in a text
    ///   means the message was not accepted;
    /// * `id-iris` (Idaho IRIS): MSH-9 `VXU` is read as an ACK.
    ///
    /// New Mexico's and Oregon's phrases (`RECORD REJECTED`, `RXA #n ... IGNORED`) and WebIZ's (`Not
    /// processing order group`, `Application internal error`) are in the default.
    pub fn builtin(name: &str) -> Option<AckPolicy> {
        let mut p = AckPolicy::default();
        match name.trim().to_ascii_lowercase().as_str() {
            "default" => {}
            "wir" => {
                p.name = Cow::Borrowed("wir");
                p.message_rejected_phrases.push("REJECTED".to_string());
            }
            "id-iris" => {
                p.name = Cow::Borrowed("id-iris");
                p.ack_message_codes.push("VXU".to_string());
            }
            _ => return None,
        }
        Some(p)
    }
}

/// Text prepared for phrase matching: upper case, runs of white space made one space.
pub(crate) fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !space && !out.is_empty() {
                out.push(' ');
            }
            space = true;
        } else {
            out.extend(c.to_uppercase());
            space = false;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// True when the normalized `text` holds any of `phrases`.
pub(crate) fn any_phrase(text: &str, phrases: &[String]) -> bool {
    phrases.iter().any(|p| {
        let p = normalize(p);
        !p.is_empty() && text.contains(&p)
    })
}

/// The dose numbers the normalized `text` names through `phrases` (at most `limit` of them, in
/// order, without repeats). Linear in the text: `then` is looked for once, from the end.
pub(crate) fn dose_numbers(text: &str, phrases: &[DosePhrase], limit: usize) -> Vec<usize> {
    let mut out = Vec::new();
    for phrase in phrases {
        let prefix = normalize(&phrase.prefix);
        let then = normalize(&phrase.then);
        if prefix.is_empty() {
            continue;
        }
        // Every number must be followed, somewhere later, by `then`: numbers before its last
        // occurrence qualify.
        let last_then = if then.is_empty() {
            Some(text.len())
        } else {
            text.rfind(&then)
        };
        let Some(last_then) = last_then else {
            continue;
        };
        let mut from = 0;
        while let Some(found) = text.get(from..).and_then(|rest| rest.find(&prefix)) {
            let start = from + found + prefix.len();
            let digits: String = text
                .get(start..)
                .unwrap_or("")
                .chars()
                .take_while(|c| c.is_ascii_digit())
                .take(6)
                .collect();
            from = start;
            if digits.is_empty() || start + digits.len() > last_then {
                continue;
            }
            if let Ok(n) = digits.parse::<usize>()
                && n > 0
                && !out.contains(&n)
            {
                out.push(n);
                if out.len() >= limit {
                    return out;
                }
            }
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn phrases_ignore_case_and_spacing() {
        let t = normalize("WARNING:  RXA #2 IGNORED - required field RXA-5");
        assert_eq!(t, "WARNING: RXA #2 IGNORED - REQUIRED FIELD RXA-5");
        let p = AckPolicy::default();
        assert_eq!(dose_numbers(&t, &p.dose_rejected_phrases, 8), vec![2]);
        assert!(any_phrase(
            &normalize("Record  rejected."),
            &p.message_rejected_phrases
        ));
        assert!(!any_phrase(
            &normalize("segment rejected"),
            &p.message_rejected_phrases
        ));
        // A number after the last `IGNORED` does not count.
        let t = normalize("RXA #1 IGNORED, see RXA #3");
        assert_eq!(dose_numbers(&t, &p.dose_rejected_phrases, 8), vec![1]);
    }

    #[test]
    fn builtins_exist() {
        for name in AckPolicy::BUILTIN {
            assert_eq!(AckPolicy::builtin(name).unwrap().name, *name);
        }
        assert!(AckPolicy::builtin("nowhere").is_none());
    }
}
