//! What the registry said: every acknowledgement of the shared corpus (ack/, and the ACKs in odd/)
//! and the MSA/ERR/QAK part of every query response gets the outcome a registry analyst gives it;
//! rows map onto the doses of the message sent; ACKs built from validation reports read back to the
//! same issues. The embedded cases run without ../shared.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::Path;

use izmsg::iis::ack::{
    AckBuilder, AckPolicy, Acknowledgement, DoseState, NoAck, Outcome, Retry, Scope, Submission,
    WarningsAnswer, summarize_ack, summarize_response,
};
use izmsg::model::{self, Message};
use izmsg::validate::{
    AppErrorCode, ErrorLocation, Hl7ErrorCode, Issue, Report, Severity, Validator,
};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");

fn corpus_here() -> bool {
    if Path::new(CORPUS).exists() {
        true
    } else {
        eprintln!("skipped: ../shared/corpus is not beside the crate");
        false
    }
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(format!("{CORPUS}/{name}")).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The first message of a corpus file (the batch file holds its RSP inside BHS/BTS).
fn decode_first(name: &str) -> model::Decoded {
    let bytes = read(name);
    let batch = izmsg::er7::split(&bytes).unwrap();
    let first = batch.messages().next().unwrap().as_ref().unwrap();
    model::decode_parsed(first, &izmsg::er7::Limits::default())
}

const ACCEPTED: Outcome = Outcome::Accepted;
const WARNINGS: Outcome = Outcome::AcceptedWithWarnings;
const PART: Outcome = Outcome::Rejected { scope: Scope::Part };
const WHOLE: Outcome = Outcome::Rejected {
    scope: Scope::Message,
};
const AFTER_FIX: Outcome = Outcome::NotProcessed {
    retry: Retry::AfterFix,
};
const LATER: Outcome = Outcome::NotProcessed {
    retry: Retry::Later,
};

/// Every ACK of the corpus, the outcome an analyst gives it, and why.
const ACKS: &[(&str, Outcome, &str)] = &[
    (
        "ack/001-aira-aa-err-warning-code0.hl7",
        WARNINGS,
        "AA with one W row (code 0): the test interface kept nothing, but that is a note, not a rejection",
    ),
    (
        "ack/002-az-asiis-aa-text.hl7",
        ACCEPTED,
        "AA, no ERR; MSA-3 says the patient and the vaccination were accepted (MSH-9 'ACK^' still an ACK)",
    ),
    (
        "ack/003-cdc-ig-ack-aa.hl7",
        ACCEPTED,
        "the IG's success example: AA, no ERR",
    ),
    (
        "ack/004-cdc-ig-ack-aa-with-warning.hl7",
        WARNINGS,
        "the IG's AA with a W row: PID-2 ignored, data stored",
    ),
    (
        "ack/005-cdc-ig-ack-ae-nk1-segment-rejected.hl7",
        PART,
        "AE, E on NK1 only: the next of kin was dropped, the patient and doses kept",
    ),
    (
        "ack/006-cdc-ig-ack-ae-rxa-group-rejected.hl7",
        PART,
        "AE, three E rows all on RXA 1: that ORDER group was dropped, the rest kept",
    ),
    (
        "ack/007-cdc-ig-ack-ar-unrecognized-type.hl7",
        AFTER_FIX,
        "AR with no ERR: message type refused, nothing processed; a configuration problem",
    ),
    (
        "ack/008-co-ciis-aa-minimal.hl7",
        ACCEPTED,
        "AA, no ERR (no MSA-2 either: only a pairing with the message sent can object)",
    ),
    (
        "ack/009-il-icare-aa-info.hl7",
        ACCEPTED,
        "AA with an I row: queued for update, nothing to do",
    ),
    (
        "ack/010-il-icare-ar-invalid-dob.hl7",
        AFTER_FIX,
        "AR: the message was ignored because of an invalid birth date; fix PID-7, resending unchanged will not help",
    ),
    (
        "ack/011-mcir-ae-sft-five-errs.hl7",
        WARNINGS,
        "AE whose five rows are all W: MCIR answers warnings with AE; data stored",
    ),
    (
        "ack/012-nist-ae-fatal-cvx.hl7",
        WHOLE,
        "AE, E on RXA-5 whose text says 'message rejected' (NIST: fatal error)",
    ),
    (
        "ack/013-nist-ae-warning-oids.hl7",
        WARNINGS,
        "AE with one W row: site not saved, the rest stored",
    ),
    (
        "ack/014-nist-ae-warning-site.hl7",
        WARNINGS,
        "AE with one W row: site not saved, the rest stored",
    ),
    (
        "ack/015-nist-contextfree-ack-z23.hl7",
        ACCEPTED,
        "AA, no ERR",
    ),
    (
        "ack/016-nist2015-izad10-ar-version.hl7",
        AFTER_FIX,
        "AR with 203 unsupported version: configuration, not content",
    ),
    (
        "ack/017-or-alert-ae-warnings.hl7",
        WARNINGS,
        "Oregon's AE with three W rows ('Informational Error'): stored",
    ),
    (
        "ack/018-pa-siis-ae-err1-only.hl7",
        LATER,
        "AE whose only row is a 2.3.1-style ERR-1 with 207 application internal error: the registry failed, retry later",
    ),
    (
        "ack/019-wi-wir-ae-warnings.hl7",
        WARNINGS,
        "WIR's AE with three W rows: stored",
    ),
    (
        "odd/011-nmsiis-ack-mixed-cr-lf.hl7",
        WHOLE,
        "AA, but New Mexico's texts say 'Record Rejected' and 'All immunizations invalid': nothing stored",
    ),
    (
        "odd/012-nv-webiz-ack-v231.hl7",
        ACCEPTED,
        "2.3.1 AA, 'VXU processed.'",
    ),
];

/// Every query response of the corpus: the outcome of its MSA/ERR, its QAK-2, and why.
const RSPS: &[(&str, Outcome, Option<&str>, &str)] = &[
    (
        "rsp/001-ak-vactrak-z42.hl7",
        ACCEPTED,
        Some("OK"),
        "AA, QAK OK: history and forecast returned",
    ),
    (
        "rsp/002-al-immprint-z42.hl7",
        ACCEPTED,
        Some("OK"),
        "AA, QAK OK",
    ),
    (
        "rsp/003-az-asiis-z42.hl7",
        ACCEPTED,
        Some("OK"),
        "AA, QAK OK",
    ),
    (
        "rsp/004-ca-cair2-z32.hl7",
        ACCEPTED,
        Some("OK"),
        "AA (MSA-6 0 Message Accepted), QAK OK",
    ),
    (
        "rsp/005-cdc-ig-z32-history.hl7",
        ACCEPTED,
        Some("OK"),
        "the IG's complete history",
    ),
    (
        "rsp/006-cdc-ig-z33-nf.hl7",
        ACCEPTED,
        Some("NF"),
        "AA, no match: not an error",
    ),
    (
        "rsp/007-cdc-ig-z33-tm.hl7",
        ACCEPTED,
        Some("TM"),
        "AA, too many matches: refine the query",
    ),
    (
        "rsp/008-cdc-ig-z42-multiple-recommendations.hl7",
        ACCEPTED,
        Some("OK"),
        "AA, QAK OK",
    ),
    (
        "rsp/009-fl-shots-z42.hl7",
        ACCEPTED,
        Some("OK"),
        "AA, QAK OK",
    ),
    (
        "rsp/010-ga-grits-z32.hl7",
        ACCEPTED,
        Some("OK"),
        "AA (MSA-6 0), QAK OK",
    ),
    (
        "rsp/011-iis-sandbox-mercy-z32.hl7",
        ACCEPTED,
        Some("OK"),
        "AA, QAK OK",
    ),
    (
        "rsp/012-il-icare-z42.hl7",
        ACCEPTED,
        Some("OK"),
        "AA, QAK OK",
    ),
    (
        "rsp/013-ky-kyir-z42.hl7",
        ACCEPTED,
        Some("OK"),
        "AA, QAK OK",
    ),
    (
        "rsp/014-md-immunet-z42.hl7",
        ACCEPTED,
        Some("OK"),
        "AA, QAK OK",
    ),
    (
        "rsp/015-mi-mcir-z42-quoted-null.hl7",
        ACCEPTED,
        Some("OK"),
        "AA with a confirmation number in MSA-3",
    ),
    (
        "rsp/016-ms-miix-z42.hl7",
        ACCEPTED,
        Some("OK"),
        "AA, QAK OK",
    ),
    (
        "rsp/017-nc-ncir-z42.hl7",
        ACCEPTED,
        Some("OK"),
        "AA, QAK OK",
    ),
    (
        "rsp/018-ne-nesiis-z42.hl7",
        ACCEPTED,
        Some("OK"),
        "AA (MSA-6 0), QAK OK",
    ),
    (
        "rsp/019-nh-vaxnh-z42.hl7",
        ACCEPTED,
        Some("OK"),
        "AA, QAK OK",
    ),
    (
        "rsp/020-nist-cni5-z33-nf-oids.hl7",
        ACCEPTED,
        Some("NF"),
        "AA, no match",
    ),
    (
        "rsp/021-nist-cni5-z42-mariela.hl7",
        ACCEPTED,
        Some("OK"),
        "AA, QAK OK",
    ),
    (
        "rsp/022-nist-contextfree-z31-candidates.hl7",
        ACCEPTED,
        Some("OK"),
        "AA, candidates returned",
    ),
    (
        "rsp/023-nist-contextfree-z33-tm.hl7",
        ACCEPTED,
        Some("TM"),
        "AA, too many matches",
    ),
    (
        "rsp/024-nist2015-izqr1-z42-child.hl7",
        ACCEPTED,
        Some("OK"),
        "AA, QAK OK",
    ),
    (
        "rsp/025-nist2015-izqr2-z42-adult.hl7",
        ACCEPTED,
        Some("OK"),
        "AA, QAK OK",
    ),
    (
        "rsp/026-nist2015-izqr3-z33-nf.hl7",
        ACCEPTED,
        Some("NF"),
        "AA, no match",
    ),
    (
        "rsp/027-ny-cir-ae-z32.hl7",
        WARNINGS,
        Some("AE"),
        "AE with two W rows on QPD-1 (query name code not found): the query had errors, a history came back anyway",
    ),
    (
        "rsp/028-or-alert-z32.hl7",
        ACCEPTED,
        Some("OK"),
        "AA (MSA-6 0), QAK OK",
    ),
    (
        "rsp/029-stc-z33-not-found.hl7",
        ACCEPTED,
        Some("NF"),
        "AA with an I row 'No patients found', QAK NF",
    ),
    ("rsp/030-tn-tir-z42.hl7", ACCEPTED, Some("OK"), "AA, QAK OK"),
    (
        "rsp/031-tx-immtrac-z32-single.hl7",
        ACCEPTED,
        Some("OK"),
        "AA, QAK OK",
    ),
    (
        "rsp/032-wa-waiis-z42.hl7",
        ACCEPTED,
        Some("OK"),
        "AA, QAK OK",
    ),
    (
        "odd/009-nist-izqr12-pasted-blank-lines.hl7",
        ACCEPTED,
        Some("OK"),
        "NIST IZ-QR-1.2 pasted with LF and blank lines: AA, QAK OK",
    ),
    (
        "odd/010-nist-noquery-rsp-without-msa.hl7",
        Outcome::NoValidAck {
            reason: NoAck::NoAcknowledgementCode,
        },
        None,
        "an RSP without MSA or QAK: no acknowledgement at all",
    ),
    (
        "odd/016-wi-wir-rsp-escape-r.hl7",
        WARNINGS,
        Some("AE"),
        "AE with one W row (QPD-8.7 address type missing), QAK AE",
    ),
    (
        "batch/001-ma-miis-rsp-in-bhs.hl7",
        ACCEPTED,
        Some("OK"),
        "AA, QAK OK, inside a BHS/BTS envelope",
    ),
];

#[test]
fn every_ack_gets_the_analysts_outcome() {
    if !corpus_here() {
        return;
    }
    let policy = AckPolicy::default();
    let mut wrong = Vec::new();
    for (name, expected, why) in ACKS {
        let d = decode_first(name);
        let read = Acknowledgement::of_decoded(&d, &policy);
        if read.outcome != *expected {
            wrong.push(format!(
                "{name}: {:?}, expected {expected:?} ({why})",
                read.outcome
            ));
        }
        // The same reading from bytes and from the typed ACK.
        assert_eq!(
            Acknowledgement::from_bytes(&read_bytes(name), &policy).outcome,
            read.outcome,
            "{name}"
        );
        if let Message::Ack(ack) = &d.message {
            assert_eq!(Acknowledgement::of_ack(ack, &policy), read, "{name}");
        }
        for i in &read.issues {
            assert!(!i.message.is_empty() && !i.fix.is_empty(), "{name}: {i:?}");
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

fn read_bytes(name: &str) -> Vec<u8> {
    read(name)
}

#[test]
fn every_response_gets_the_analysts_outcome() {
    if !corpus_here() {
        return;
    }
    let policy = AckPolicy::default();
    let mut wrong = Vec::new();
    for (name, expected, qak, why) in RSPS {
        let d = decode_first(name);
        let read = Acknowledgement::of_response_message(&d.message, &policy);
        if read.outcome != *expected || read.query_status.as_deref() != *qak {
            wrong.push(format!(
                "{name}: {:?} / {:?}, expected {expected:?} / {qak:?} ({why})",
                read.outcome, read.query_status
            ));
        }
        if let Message::Rsp(rsp) = &d.message {
            assert_eq!(Acknowledgement::of_response(rsp, &policy), read, "{name}");
            // Read as an ACK, a response is not one.
            assert_eq!(
                Acknowledgement::of_message(&d.message, &policy).outcome,
                Outcome::NoValidAck {
                    reason: NoAck::NotAnAck
                },
                "{name}"
            );
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Every ACK and RSP of the corpus is in a table above: a new file needs its expected outcome.
#[test]
fn the_tables_cover_the_corpus() {
    if !corpus_here() {
        return;
    }
    let listed: Vec<&str> = ACKS
        .iter()
        .map(|a| a.0)
        .chain(RSPS.iter().map(|r| r.0))
        .collect();
    for dir in ["ack", "rsp", "odd", "batch"] {
        for e in std::fs::read_dir(format!("{CORPUS}/{dir}")).unwrap() {
            let name = format!("{dir}/{}", e.unwrap().file_name().to_string_lossy());
            let bytes = read(&name);
            let Ok(batch) = izmsg::er7::split(&bytes) else {
                continue; // not readable as HL7 at all (a broken MSH-2): no ACK there
            };
            let Some(Ok(first)) = batch.messages().next() else {
                continue;
            };
            let d = model::decode_parsed(first, &izmsg::er7::Limits::default());
            let code = d
                .message
                .msh()
                .and_then(|m| m.message_type.as_ref())
                .map_or("", |t| t.message_code.as_str())
                .to_string();
            if code == "ACK" || code == "RSP" {
                assert!(
                    listed.contains(&name.as_str()),
                    "{name} ({code}) has no expected outcome"
                );
            }
        }
    }
}

#[test]
fn registry_rows_keep_codes_locations_and_words() {
    if !corpus_here() {
        return;
    }
    let p = AckPolicy::default();
    let read = |n: &str| Acknowledgement::of_decoded(&decode_first(n), &p);

    // ICARE: ERR-5 with a local code in the alternate triplet: that is the rule; 0533 is the app code.
    let a = read("ack/010-il-icare-ar-invalid-dob.hl7");
    let i = &a.issues[0];
    assert_eq!(i.rule, "101.1118");
    assert_eq!(i.app_code, Some(AppErrorCode::INVALID_DATE));
    assert_eq!(i.hl7_code, Hl7ErrorCode::REQUIRED_FIELD_MISSING);
    // `PID^7` is PID-7: PID occurs once.
    assert_eq!(i.location, ErrorLocation::field("PID", 1, 7));
    assert_eq!(i.label.as_deref(), Some("PID-7 Date/Time of Birth"));
    assert_eq!(
        i.registry_text.as_deref(),
        Some("Message had been Ignored. Invalid Birth Date")
    );
    assert_eq!(
        i.message,
        "The registry rejected the patient's record: PID-7 Date/Time of Birth is not a valid date."
    );

    // PA: nothing but ERR-1 (2.3.1 style); the code is in ELD's fourth component.
    let a = read("ack/018-pa-siis-ae-err1-only.hl7");
    assert_eq!(a.issues.len(), 1);
    assert_eq!(
        a.issues[0].hl7_code,
        Hl7ErrorCode::APPLICATION_INTERNAL_ERROR
    );
    assert_eq!(a.issues[0].severity, Severity::Error);
    assert!(a.issues[0].location.is_message());
    assert_eq!(a.code, "AE");

    // MCIR: rows on ORC 1-3 and RXA 3 are vaccinations 1-3; the last row is message level.
    let a = read("ack/011-mcir-ae-sft-five-errs.hl7");
    let vaccinations: Vec<_> = a.issues.iter().map(|i| i.vaccination).collect();
    assert_eq!(vaccinations, [Some(1), Some(2), Some(3), Some(3), None]);
    assert_eq!(
        a.issues[3].location,
        ErrorLocation::field("RXA", 3, 11).with_component(4)
    );
    assert!(a.issues.iter().all(|i| i.severity == Severity::Warning));

    // NIST: 999 kept as sent, with its 0533 code.
    let a = read("ack/012-nist-ae-fatal-cvx.hl7");
    assert_eq!(a.issues[0].hl7_code, Hl7ErrorCode(999));
    assert_eq!(a.issues[0].rule, "5");
    assert_eq!(a.acknowledged_id, "NIST-IZ-AD-7.1_Send_V04_Z22");
    assert_eq!(a.control_id, "NIST-IZ-AD-7.2_Receive_ACK_Z23");

    // `MSH^12^1^1` is MSH-12.1.
    let a = read("ack/016-nist2015-izad10-ar-version.hl7");
    assert_eq!(a.issues[0].location.path(), "MSH-12.1");

    // The IG's ERR-3 of a single space: no HL7 code; `PID^2` is PID-2.
    let a = read("ack/004-cdc-ig-ack-aa-with-warning.hl7");
    assert_eq!(a.issues[0].location, ErrorLocation::field("PID", 1, 2));
    assert_eq!(a.issues[0].rule, "ERR");

    // New Mexico: rows without text take the MSA-3 before them; severity inferred under AA.
    let a = read("odd/011-nmsiis-ack-mixed-cr-lf.hl7");
    assert_eq!(a.issues.len(), 4);
    assert_eq!(
        a.issues[1].registry_text.as_deref(),
        Some("Record Rejected. 998 is an invalid CVX code")
    );
    assert_eq!(a.issues[1].severity, Severity::Error);
    assert_eq!(a.issues[0].severity, Severity::Warning);
    assert!(a.notes.is_empty());

    // Words a registry writes in MSA-3 only, without a row to hang them on, stay notes.
    let a = read("ack/002-az-asiis-aa-text.hl7");
    assert!(a.issues.is_empty());
    assert_eq!(a.notes.len(), 1);
}

#[test]
fn rows_map_onto_the_doses_sent() {
    if !corpus_here() {
        return;
    }
    let sent = |n: &str| decode_first(n);
    // NIST IZ-AD-7: the fatal CVX error names RXA 1, the historical zoster dose.
    let s = Submission::new(
        &sent("vxu/027-nist2015-izad7-historical-adult.hl7"),
        &decode_first("ack/012-nist-ae-fatal-cvx.hl7"),
    );
    assert_eq!(s.outcome(), WHOLE);
    assert_eq!(s.doses.len(), 1);
    assert_eq!(s.doses[0].cvx.as_deref(), Some("121"));
    let DoseState::NotReported { why } = &s.doses[0].state else {
        panic!("{:?}", s.doses[0].state)
    };
    assert_eq!(
        why,
        "The registry rejected the zoster live dose given on 2015-03-17: RXA-5.1 Identifier (Administered Code) holds a code the registry does not recognise."
    );

    // NIST IZ-AD-8: `RXR^2^1^1^1` against a message with one RXR is RXR-2.1 (the site the text
    // names) of dose 1; the mdtimeline copy writes it `RXR^1^2^1^1`: both read the same.
    let vxu = sent("vxu/028-nist2015-izad8-admin-oids.hl7");
    for ack in [
        "ack/013-nist-ae-warning-oids.hl7",
        "ack/014-nist-ae-warning-site.hl7",
    ] {
        let s = Submission::new(&vxu, &decode_first(ack));
        assert_eq!(s.outcome(), WARNINGS, "{ack}");
        let i = &s.ack.issues[0];
        assert_eq!(
            (
                i.location.segment.as_str(),
                i.location.field,
                i.location.component
            ),
            ("RXR", 2, 1),
            "{ack}"
        );
        assert_eq!(i.vaccination, Some(1), "{ack}");
        assert_eq!(
            i.label.as_deref(),
            Some("RXR-2.1 Identifier (Administration Site)")
        );
        assert!(
            matches!(&s.doses[0].state, DoseState::ReportedWithWarnings { warnings } if warnings.len() == 1),
            "{ack}"
        );
    }

    // The same ACK against another message: MSA-2 does not name it.
    let s = Submission::new(&vxu, &decode_first("ack/012-nist-ae-fatal-cvx.hl7"));
    assert_eq!(
        s.outcome(),
        Outcome::NoValidAck {
            reason: NoAck::ControlIdMismatch
        }
    );
    assert!(
        s.ack
            .issues
            .iter()
            .any(|i| i.rule == "MSA-2" && i.severity == Severity::Error)
    );
    assert!(matches!(s.doses[0].state, DoseState::NotReported { .. }));

    // New Mexico's rejection names the 998 dose of NIST-IZ-016.
    let s = Submission::new(
        &sent("vxu/022-nist2014-016-varicella-immunity.hl7"),
        &decode_first("odd/011-nmsiis-ack-mixed-cr-lf.hl7"),
    );
    assert_eq!(s.outcome(), WHOLE);
    assert_eq!(s.doses[0].cvx.as_deref(), Some("998"));
    assert!(matches!(s.doses[0].state, DoseState::NotReported { .. }));
    // The OBX^1^3 row belongs to the dose's observation group.
    assert_eq!(s.ack.issues[0].vaccination, Some(1));

    // Arizona's AA for NIST-IZ-001: every dose reported.
    let s = Submission::new(
        &sent("vxu/019-nist2014-001-admin-child.hl7"),
        &decode_first("ack/002-az-asiis-aa-text.hl7"),
    );
    assert_eq!(s.outcome(), ACCEPTED);
    assert!(s.doses.iter().all(|d| d.state == DoseState::Reported));
    assert!(!s.doses.is_empty());
}

#[test]
fn summaries_say_status_query_and_rows() {
    if !corpus_here() {
        return;
    }
    let ack = |n: &str| match decode_first(n).message {
        Message::Ack(a) => a,
        other => panic!("{n}: {other:?}"),
    };
    let rsp = |n: &str| match decode_first(n).message {
        Message::Rsp(r) => r,
        other => panic!("{n}: {other:?}"),
    };
    let s = summarize_ack(&ack("ack/006-cdc-ig-ack-ae-rxa-group-rejected.hl7"));
    assert_eq!(
        s.status,
        "Received with 3 errors: some data was not stored."
    );
    assert_eq!(s.rows.len(), 3);
    assert_eq!(s.query, None);
    let text = s.to_string();
    assert!(
        text.starts_with("Message status: Received with 3 errors"),
        "{text}"
    );
    assert!(
        text.contains("Registry's words: \"Vaccine code not recognized—field rejected\""),
        "{text}"
    );

    let s = summarize_ack(&ack("ack/016-nist2015-izad10-ar-version.hl7"));
    assert_eq!(s.status, "Not processed by the registry.");
    assert!(s.rows[0].fix.contains("connection settings"));

    let s = summarize_response(&rsp("rsp/022-nist-contextfree-z31-candidates.hl7"));
    assert!(
        s.query
            .as_deref()
            .unwrap()
            .starts_with("Several patients match"),
        "{s}"
    );
    let s = summarize_response(&rsp("rsp/007-cdc-ig-z33-tm.hl7"));
    assert!(
        s.query
            .as_deref()
            .unwrap()
            .starts_with("The query matched too many patients")
    );
    let s = summarize_response(&rsp("rsp/027-ny-cir-ae-z32.hl7"));
    assert_eq!(s.status, "Received and accepted, with 2 warnings.");
    assert!(
        s.query
            .as_deref()
            .unwrap()
            .contains("found an error in the query")
    );
    assert_eq!(s.rows[0].place, "QPD-1.1 Identifier (Message Query Name)");
}

// ------------------------------------------------------------------------------------------------
// Without ../shared: embedded messages.

const VXU: &str = "MSH|^~\\&|EHR|CLINIC|IIS|STATE|20240315120000-0500||VXU^V04^VXU_V04|MSG-77|P|2.5.1|||ER|AL|||||Z22^CDCPHINVS\r\
PID|1||PAT-1^^^EHR^MR||Testpatient^Robin^^^^^L||20230110|F\r\
NK1|1|Testpatient^Jordan^^^^^L|MTH^Mother^HL70063\r\
ORC|RE||IZ-1^EHR\r\
RXA|0|1|20240315||20^DTaP^CVX|0.5|mL^^UCUM||00^New record^NIP001\r\
RXR|C28161^Intramuscular^NCIT|LA^Left Arm^HL70163\r\
ORC|RE||IZ-2^EHR\r\
RXA|0|1|20240315||08^Hep B, adolescent or pediatric^CVX|0.5|mL^^UCUM||00^New record^NIP001\r\
ORC|RE||IZ-3^EHR\r\
RXA|0|1|20240315||03^MMR^CVX|0.5|mL^^UCUM||00^New record^NIP001\r";

fn ack_for(rows: &str, code: &str) -> model::Decoded {
    let text = format!(
        "MSH|^~\\&|IIS|STATE|EHR|CLINIC|20240315120005-0500||ACK^V04^ACK|A-1|P|2.5.1|||NE|NE|||||Z23^CDCPHINVS\rMSA|{code}|MSG-77\r{rows}"
    );
    model::decode(text.as_bytes()).unwrap()
}

fn states(s: &Submission) -> Vec<&'static str> {
    s.doses.iter().map(|d| d.state.as_str()).collect()
}

#[test]
fn per_dose_states_from_rows_and_words() {
    let sent = model::decode(VXU.as_bytes()).unwrap();
    // An error on the second RXA: only that dose is not reported.
    let s = Submission::new(
        &sent,
        &ack_for("ERR||RXA^2^15|101^Required field missing^HL70357|E\r", "AE"),
    );
    assert_eq!(s.outcome(), PART);
    assert_eq!(states(&s), ["reported", "not_reported", "reported"]);
    let DoseState::NotReported { why } = &s.doses[1].state else {
        panic!()
    };
    assert_eq!(
        why,
        "The registry did not store the Hep B, adolescent or pediatric dose given on 2024-03-15: RXA-15 Substance Lot Number is missing."
    );

    // RXR 1 is in the first ORDER group; a W there marks dose 1.
    let s = Submission::new(
        &sent,
        &ack_for("ERR||RXR^1^2|103^Table value not found^HL70357|W\r", "AE"),
    );
    assert_eq!(s.outcome(), WARNINGS);
    assert_eq!(
        states(&s),
        ["reported_with_warnings", "reported", "reported"]
    );

    // NK1 rejected: the doses were stored.
    let s = Submission::new(
        &sent,
        &ack_for("ERR||NK1^1^3|101^Required field missing^HL70357|E\r", "AE"),
    );
    assert_eq!(s.outcome(), PART);
    assert_eq!(states(&s), ["reported", "reported", "reported"]);

    // A PID error rejects the message: every dose.
    let s = Submission::new(
        &sent,
        &ack_for(
            "ERR||PID^1^7|102^Data type error^HL70357|E|1^Illogical Date error^HL70533\r",
            "AE",
        ),
    );
    assert_eq!(s.outcome(), WHOLE);
    assert_eq!(states(&s), ["not_reported"; 3]);

    // A message-level warning concerns every dose.
    let s = Submission::new(
        &sent,
        &ack_for(
            "ERR|||0^Message accepted^HL70357|W||||Some data was lost\r",
            "AA",
        ),
    );
    assert_eq!(states(&s), ["reported_with_warnings"; 3]);

    // ERR-4 contradicting MSA-1: an AA with an E row is read as an AE.
    let s = Submission::new(
        &sent,
        &ack_for("ERR||RXA^3^5|103^Table value not found^HL70357|E\r", "AA"),
    );
    assert_eq!(s.outcome(), PART);
    assert_eq!(states(&s), ["reported", "reported", "not_reported"]);

    // Only the words say what happened (New Mexico, Oregon): "RXA #2 ... IGNORED" is dose 2.
    let s = Submission::new(
        &sent,
        &ack_for(
            "ERR|||0|||||WARNING:  RXA #2 IGNORED - REQUIRED FIELD RXA-15 MISSING\r",
            "AA",
        ),
    );
    assert_eq!(s.outcome(), PART);
    assert_eq!(states(&s), ["reported", "not_reported", "reported"]);
    assert_eq!(s.ack.issues[0].vaccination, Some(2));

    // An AE with no row at all, and one whose rows have no severity: conservative, rejected.
    let s = Submission::new(&sent, &ack_for("", "AE"));
    assert_eq!(s.outcome(), WHOLE);
    let s = Submission::new(&sent, &ack_for("ERR||RXA^1^5|103\r", "AE"));
    assert_eq!(s.outcome(), PART);
    assert_eq!(s.ack.issues[0].severity, Severity::Error);

    // AR: nothing stored; 206 says try later.
    let s = Submission::new(
        &sent,
        &ack_for("ERR|||206^Application record locked^HL70357|E\r", "AR"),
    );
    assert_eq!(s.outcome(), LATER);
    assert_eq!(states(&s), ["not_reported"; 3]);
    let s = Submission::new(
        &sent,
        &ack_for(
            "ERR||MSH^1^11|202^Unsupported processing ID^HL70357|E\r",
            "AE",
        ),
    );
    assert_eq!(s.outcome(), AFTER_FIX);

    // MSA-2 naming another message.
    let other = model::decode(
        b"MSH|^~\\&|IIS|STATE|EHR|CLINIC|20240315||ACK^V04^ACK|A-2|P|2.5.1\rMSA|AA|MSG-78\r",
    )
    .unwrap();
    let s = Submission::new(&sent, &other);
    assert_eq!(
        s.outcome(),
        Outcome::NoValidAck {
            reason: NoAck::ControlIdMismatch
        }
    );
    assert_eq!(states(&s), ["not_reported"; 3]);
}

#[test]
fn jurisdiction_rules_are_data() {
    // Idaho labels its ACKs VXU.
    let idaho = b"MSH|^~\\&|IRIS|ID|EHR|CLINIC|20240315||VXU^V04|A-3|P|2.5.1\rMSA|AA|MSG-77\r";
    assert_eq!(
        Acknowledgement::from_bytes(idaho, &AckPolicy::default()).outcome,
        Outcome::NoValidAck {
            reason: NoAck::NotAnAck
        }
    );
    assert_eq!(
        Acknowledgement::from_bytes(idaho, &AckPolicy::builtin("id-iris").unwrap()).outcome,
        ACCEPTED
    );
    // An AE with warnings only: accepted by default, rejected by a stricter registry.
    let ae = b"MSH|^~\\&|IIS|ST|EHR|CL|20240315||ACK^V04^ACK|A-4|P|2.5.1\rMSA|AE|MSG-77\rERR||PID^1^11^1^7|101^Required field missing^HL70357|W\r";
    assert_eq!(
        Acknowledgement::from_bytes(ae, &AckPolicy::default()).outcome,
        WARNINGS
    );
    let strict = AckPolicy {
        ae_with_only_warnings_accepted: false,
        ..AckPolicy::default()
    };
    assert_eq!(Acknowledgement::from_bytes(ae, &strict).outcome, WHOLE);
    // WIR reads any "REJECTED" as a rejection.
    let wir_text = b"MSH|^~\\&|WIR|WI|EHR|CL|20240315||ACK^V04^ACK|A-5|P|2.5.1\rMSA|AA|MSG-77\rERR||PID^1^11|101^^HL70357|W||||Address segment rejected\r";
    assert_eq!(
        Acknowledgement::from_bytes(wir_text, &AckPolicy::default()).outcome,
        WARNINGS
    );
    assert_eq!(
        Acknowledgement::from_bytes(wir_text, &AckPolicy::builtin("wir").unwrap()).outcome,
        WHOLE
    );
    // Not HL7 at all (New Jersey answers "SUCCESS").
    assert_eq!(
        Acknowledgement::from_bytes(b"SUCCESS", &AckPolicy::default()).outcome,
        Outcome::NoValidAck {
            reason: NoAck::NotHl7
        }
    );
}

// ------------------------------------------------------------------------------------------------
// Round trip: validation report -> built ACK -> bytes -> read back.

fn at() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339("2024-03-15T12:00:05-05:00").unwrap()
}

/// Reads back an ACK built from `report` for `sent`, through its bytes.
fn round_trip(sent: &model::Decoded, report: &Report, answer: WarningsAnswer) -> Submission {
    let ack = AckBuilder::new("ACK-1", at())
        .warnings_answer(answer)
        .build(&sent.message, report);
    let bytes = Message::Ack(Box::new(ack)).encode();
    let decoded = model::decode(&bytes).unwrap();
    Submission::new(sent, &decoded)
}

fn key(
    i: &Issue,
) -> (
    String,
    Severity,
    ErrorLocation,
    Hl7ErrorCode,
    Option<AppErrorCode>,
) {
    (
        i.rule.to_string(),
        i.severity,
        i.location.clone(),
        i.hl7_code,
        i.app_code.clone(),
    )
}

/// The report's issues in the order an ACK writes them: errors, warnings, information.
fn in_ack_order(report: &Report) -> Vec<&Issue> {
    let mut v: Vec<&Issue> = report.issues.iter().collect();
    v.sort_by_key(|i| std::cmp::Reverse(i.severity));
    v
}

#[test]
fn built_acks_read_back_to_the_same_issues() {
    let sent = model::decode(VXU.as_bytes()).unwrap();
    let issue = |rule: &'static str,
                 s: Severity,
                 at: ErrorLocation,
                 code: u16,
                 vaccination: Option<usize>| {
        Issue::new(rule, s, at)
            .with_hl7_code(Hl7ErrorCode(code))
            .in_vaccination(vaccination)
            .with_text("What is wrong.", "What to do.")
    };
    let cases: Vec<(&str, Vec<Issue>, WarningsAnswer, Outcome, &str)> = vec![
        ("nothing", vec![], WarningsAnswer::Accept, ACCEPTED, "AA"),
        (
            "warnings only, answered AA",
            vec![issue(
                "DQ-LOT-001",
                Severity::Warning,
                ErrorLocation::field("RXA", 2, 15),
                0,
                Some(2),
            )],
            WarningsAnswer::Accept,
            WARNINGS,
            "AA",
        ),
        (
            "warnings only, answered AE",
            vec![issue(
                "DQ-LOT-001",
                Severity::Warning,
                ErrorLocation::field("RXA", 2, 15),
                0,
                Some(2),
            )],
            WarningsAnswer::Error,
            WARNINGS,
            "AE",
        ),
        (
            "a dose's error and information",
            vec![
                issue(
                    "IZ-7",
                    Severity::Information,
                    ErrorLocation::message(),
                    0,
                    None,
                ),
                issue(
                    "IG-VALUE-SET",
                    Severity::Error,
                    ErrorLocation::field("RXA", 3, 5).with_component(1),
                    103,
                    Some(3),
                )
                .with_app_code(AppErrorCode::TABLE_VALUE_NOT_FOUND),
                issue(
                    "MQE0339",
                    Severity::Warning,
                    ErrorLocation::field("RXR", 1, 2),
                    103,
                    Some(1),
                )
                .with_app_code(AppErrorCode::new("LOCAL-9")),
            ],
            WarningsAnswer::Accept,
            PART,
            "AE",
        ),
        (
            "a patient error",
            vec![
                issue(
                    "DQ-PID-007",
                    Severity::Error,
                    ErrorLocation::field("PID", 1, 7),
                    102,
                    None,
                )
                .with_app_code(AppErrorCode::ILLOGICAL_DATE),
            ],
            WarningsAnswer::Accept,
            WHOLE,
            "AE",
        ),
        (
            "an unsupported version",
            vec![issue(
                "IG-VERSION",
                Severity::Error,
                ErrorLocation::field("MSH", 1, 12),
                203,
                None,
            )],
            WarningsAnswer::Accept,
            AFTER_FIX,
            "AR",
        ),
    ];
    for (what, issues, answer, outcome, msa) in cases {
        let mut report = Report::new("test");
        for i in issues {
            report.push(i);
        }
        let builder = AckBuilder::new("ACK-1", at()).warnings_answer(answer);
        assert_eq!(builder.acknowledgment_code(&report), msa, "{what}");
        let s = round_trip(&sent, &report, answer);
        assert_eq!(s.outcome(), outcome, "{what}");
        assert_eq!(s.ack.code, msa, "{what}");
        let back: Vec<_> = s.ack.issues.iter().map(key).collect();
        let sent_issues: Vec<_> = in_ack_order(&report).into_iter().map(key).collect();
        assert_eq!(back, sent_issues, "{what}");
        let vaccinations: Vec<_> = s.ack.issues.iter().map(|i| i.vaccination).collect();
        let expected: Vec<_> = in_ack_order(&report)
            .iter()
            .map(|i| i.vaccination)
            .collect();
        assert_eq!(vaccinations, expected, "{what}");
        // Our sentence travels in ERR-8 and comes back as the registry's words.
        for i in &s.ack.issues {
            assert_eq!(
                i.registry_text.as_deref(),
                Some("What is wrong. What to do."),
                "{what}"
            );
        }
    }
}

#[test]
fn built_ack_header_answers_the_message() {
    let sent = model::decode(VXU.as_bytes()).unwrap();
    let ack = AckBuilder::new("ACK-9", at()).build(&sent.message, &Report::new("cdc"));
    let bytes = String::from_utf8(Message::Ack(Box::new(ack)).encode()).unwrap();
    assert_eq!(
        bytes,
        "MSH|^~\\&|IIS|STATE|EHR|CLINIC|20240315120005-0500||ACK^V04^ACK|ACK-9|P|2.5.1|||NE|NE|||||Z23^CDCPHINVS\rMSA|AA|MSG-77\r"
    );
    // A query that is rejected is answered ACK^Q11^ACK; no MSH-10, the AIRA literal.
    let qbp = model::decode(b"MSH|^~\\&|EHR|CLINIC|IIS|STATE|20240315||QBP^Q11^QBP_Q11||P|2.5.1\r")
        .unwrap();
    let mut report = Report::new("cdc");
    report.push(
        Issue::new("X", Severity::Error, ErrorLocation::field("MSH", 1, 9))
            .with_hl7_code(Hl7ErrorCode::UNSUPPORTED_MESSAGE_TYPE),
    );
    let ack = AckBuilder::new("ACK-10", at()).build(&qbp.message, &report);
    let bytes = String::from_utf8(Message::Ack(Box::new(ack)).encode()).unwrap();
    assert!(bytes.contains("|ACK^Q11^ACK|ACK-10|P|"), "{bytes}");
    assert!(bytes.contains("\rMSA|AR|MSH-10 NOT VALUED\r"), "{bytes}");
}

/// Validation of real VXUs, answered and read back: the registry's reading gives back every issue.
#[test]
fn validator_reports_round_trip_on_the_corpus() {
    if !corpus_here() {
        return;
    }
    let validator = Validator::cdc().at_date(2024, 6, 1);
    let mut checked = 0;
    for e in std::fs::read_dir(format!("{CORPUS}/vxu")).unwrap() {
        let name = format!("vxu/{}", e.unwrap().file_name().to_string_lossy());
        let sent = decode_first(&name);
        let report = validator.validate(&sent);
        let s = round_trip(&sent, &report, WarningsAnswer::Accept);
        let back: Vec<_> = s.ack.issues.iter().map(key).collect();
        let expected: Vec<_> = in_ack_order(&report).into_iter().map(key).collect();
        assert_eq!(back, expected, "{name}");
        // Each row that points at a field comes back to its dose. (A row about a whole segment that
        // is missing names the occurrence it would have had: `RXA^1` missing from one group reads
        // as the first RXA of the message, which is another dose's.)
        let at_fields = |issues: Vec<&Issue>| -> Vec<Option<usize>> {
            issues
                .into_iter()
                .filter(|i| i.location.field > 0)
                .map(|i| i.vaccination)
                .collect()
        };
        assert_eq!(
            at_fields(s.ack.issues.iter().collect()),
            at_fields(in_ack_order(&report)),
            "{name}"
        );
        // The outcome follows the report: an initial-check error is not processed; errors all in
        // doses are a partial rejection, any other error a whole one; warnings only accepted.
        const PARTS: &[&str] = &[
            "ORC", "TQ1", "TQ2", "RXA", "RXR", "OBX", "NTE", "NK1", "PD1", "PV1", "PV2", "GT1",
            "IN1", "IN2", "IN3",
        ];
        let errors: Vec<&Issue> = report.errors().collect();
        let expected = if errors.iter().any(|i| i.hl7_code.is_initial_check()) {
            AFTER_FIX
        } else if errors
            .iter()
            .any(|i| i.hl7_code == Hl7ErrorCode::APPLICATION_INTERNAL_ERROR)
        {
            LATER
        } else if errors
            .iter()
            .any(|i| !PARTS.contains(&i.location.segment.as_str()))
        {
            WHOLE
        } else if !errors.is_empty() {
            PART
        } else if report.count(Severity::Warning) > 0 {
            WARNINGS
        } else {
            ACCEPTED
        };
        assert_eq!(s.outcome(), expected, "{name}");
        checked += 1;
    }
    assert_eq!(checked, 29);
}
