//! Reading RSP^K11: every response of the shared corpus, the forecast of every Z42 checked against
//! the message, candidate lists, no-record answers with their reasons, and the odd shapes real
//! registries send.

use chrono::NaiveDate;
use izmsg::iis::response::{
    Answer, DueState, GroupSource, NoRecordReason, Place, QueryStatus, ReadError, Response,
    ResponseIssueKind, ResponseProfile, StatusKind,
};
use izmsg::model::domain::{ClinicalObservation, VaccinationKind};

use crate::corpus::{data, shared, shared_file};

fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, day)
}

fn read(bytes: &[u8]) -> Response {
    Response::decode(bytes).unwrap()
}

#[test]
fn every_corpus_response_reads() {
    let Some(files) = shared("rsp") else { return };
    assert_eq!(files.len(), 32, "the corpus has 32 responses");
    for (name, bytes) in files {
        let r = Response::decode(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        // Reading never loses the acknowledgement segments the ACK reading needs.
        assert!(r.msa.is_some(), "{name}");
        assert!(r.qak.is_some(), "{name}");
        for issue in &r.issues {
            // No issue text quotes the message: it names places and codes only.
            let text = issue.to_string();
            assert!(!text.contains('|') && !text.contains('^'), "{name}: {text}");
        }
    }
}

/// One forecast group checked against the message: the vaccine group (the CVX code as sent, or the
/// registry's series name) and its earliest, recommended, past-due and latest dates.
struct Expected {
    file: &'static str,
    groups: usize,
    doses: usize,
    group: &'static str,
    dates: [Option<NaiveDate>; 4],
}

/// Counted in each file: the forecast groups (CVX 998 records, or OBX-4 sub-IDs under one), the
/// real doses, and one group's dates as its 30981-5, 30980-7, 59778-1 and 59777-3 rows say.
fn z42_table() -> Vec<Expected> {
    let e = |file, groups, doses, group, dates| Expected {
        file,
        groups,
        doses,
        group,
        dates,
    };
    vec![
        e(
            "001-ak-vactrak-z42.hl7",
            9,
            2,
            "45",
            [
                d(2014, 8, 12),
                d(2014, 8, 12),
                d(2014, 11, 12),
                d(2134, 8, 12),
            ],
        ),
        e(
            "002-al-immprint-z42.hl7",
            11,
            2,
            "10",
            [None, d(2014, 10, 12), None, None],
        ),
        e(
            "003-az-asiis-z42.hl7",
            9,
            2,
            "107",
            [
                d(2014, 9, 26),
                d(2014, 10, 15),
                d(2014, 11, 15),
                d(2134, 8, 15),
            ],
        ),
        e(
            "008-cdc-ig-z42-multiple-recommendations.hl7",
            3,
            0,
            "03",
            [None, d(2015, 2, 14), None, None],
        ),
        e(
            "009-fl-shots-z42.hl7",
            13,
            2,
            "POLIO",
            [d(2014, 9, 23), d(2014, 10, 12), None, None],
        ),
        e(
            "012-il-icare-z42.hl7",
            8,
            2,
            "42",
            [d(2014, 8, 12), d(2014, 8, 12), d(2014, 8, 13), None],
        ),
        e(
            "013-ky-kyir-z42.hl7",
            19,
            2,
            "133",
            [
                d(2014, 9, 28),
                d(2014, 10, 17),
                d(2014, 12, 14),
                d(2019, 8, 16),
            ],
        ),
        e(
            "014-md-immunet-z42.hl7",
            6,
            2,
            "107",
            [
                d(2014, 9, 23),
                d(2014, 10, 12),
                d(2014, 11, 12),
                d(2021, 8, 11),
            ],
        ),
        e(
            "015-mi-mcir-z42-quoted-null.hl7",
            8,
            2,
            "85",
            [d(2015, 5, 19), d(2015, 5, 19), None, None],
        ),
        e(
            "016-ms-miix-z42.hl7",
            8,
            2,
            "45",
            [
                d(2014, 8, 15),
                d(2014, 8, 15),
                d(2014, 11, 15),
                d(2134, 8, 15),
            ],
        ),
        e(
            "017-nc-ncir-z42.hl7",
            7,
            2,
            "17",
            [
                d(2015, 11, 16),
                d(2015, 11, 16),
                d(2015, 12, 16),
                d(2019, 8, 15),
            ],
        ),
        e(
            "018-ne-nesiis-z42.hl7",
            8,
            2,
            "108",
            [
                d(2025, 8, 18),
                d(2025, 8, 18),
                d(2027, 8, 18),
                d(2036, 8, 17),
            ],
        ),
        e(
            "019-nh-vaxnh-z42.hl7",
            7,
            2,
            "45",
            [
                d(2014, 4, 26),
                d(2014, 4, 26),
                d(2014, 5, 26),
                d(2134, 4, 26),
            ],
        ),
        e(
            "021-nist-cni5-z42-mariela.hl7",
            10,
            1,
            "85",
            [d(2017, 10, 1), d(2017, 10, 1), d(2018, 10, 2), None],
        ),
        e(
            "024-nist2015-izqr1-z42-child.hl7",
            3,
            5,
            "03",
            [d(2010, 6, 14), d(2015, 2, 14), None, None],
        ),
        e(
            "025-nist2015-izqr2-z42-adult.hl7",
            8,
            1,
            "88",
            [d(2016, 9, 1), d(2016, 9, 1), None, None],
        ),
        e(
            "030-tn-tir-z42.hl7",
            9,
            2,
            "45",
            [
                d(2014, 8, 16),
                d(2014, 8, 16),
                d(2014, 11, 16),
                d(2134, 8, 16),
            ],
        ),
        e(
            "032-wa-waiis-z42.hl7",
            9,
            2,
            "107",
            [
                d(2014, 9, 26),
                d(2014, 10, 15),
                d(2014, 11, 15),
                d(2134, 8, 15),
            ],
        ),
    ]
}

#[test]
fn every_z42_forecast_is_read_as_the_message_says() {
    let Some(files) = shared("rsp") else { return };
    let table = z42_table();
    let z42: Vec<_> = files.iter().filter(|(n, _)| n.contains("-z42")).collect();
    assert_eq!(
        z42.len(),
        table.len(),
        "every Z42 of the corpus is in the table"
    );
    for want in table {
        let (name, bytes) = files.iter().find(|(n, _)| n.ends_with(want.file)).unwrap();
        let r = read(bytes);
        assert_eq!(r.profile, ResponseProfile::Z42, "{name}");
        let record = r.record().unwrap_or_else(|| panic!("{name}: no record"));
        assert_eq!(
            record.forecasts.len(),
            want.groups,
            "{name}: forecast groups"
        );
        assert_eq!(record.doses.len(), want.doses, "{name}: doses");
        // No CVX 998 record is a dose.
        for dose in &record.doses {
            assert_ne!(
                dose.vaccination.cvx().map(|c| c.code.as_str()),
                Some("998"),
                "{name}"
            );
        }
        let group = record
            .forecasts
            .iter()
            .find(|f| {
                f.vaccine_group.as_ref().is_some_and(|g| {
                    g.cvx() == Some(want.group) || g.code.text.as_deref() == Some(want.group)
                })
            })
            .unwrap_or_else(|| panic!("{name}: no forecast for {}", want.group));
        let dates = [
            group.earliest,
            group.recommended,
            group.past_due,
            group.latest,
        ];
        assert_eq!(dates, want.dates, "{name}: dates of {}", want.group);
    }
}

#[test]
fn z42_statuses_read_in_loinc_and_local_codes() {
    let Some(ky) = shared_file("rsp/013-ky-kyir-z42.hl7") else {
        return;
    };
    let r = read(&ky);
    let kinds: Vec<StatusKind> = r
        .forecasts()
        .iter()
        .filter_map(|f| f.status.as_ref().map(|s| s.kind))
        .collect();
    // KY sends the LOINC answers: 6 overdue, 9 on schedule, 1 too old, 2 complete, 1 on schedule (HPV).
    assert_eq!(
        kinds.iter().filter(|k| **k == StatusKind::Overdue).count(),
        6
    );
    assert_eq!(
        kinds.iter().filter(|k| **k == StatusKind::TooOld).count(),
        1
    );
    assert_eq!(
        kinds.iter().filter(|k| **k == StatusKind::Complete).count(),
        2
    );
    assert_eq!(
        kinds
            .iter()
            .filter(|k| **k == StatusKind::OnSchedule)
            .count(),
        10
    );

    // STC registries (AK) send their own codes: P^Past Due, U^Up to Date.
    let ak = read(&shared_file("rsp/001-ak-vactrak-z42.hl7").unwrap());
    let ak_kinds: Vec<StatusKind> = ak
        .forecasts()
        .iter()
        .filter_map(|f| f.status.as_ref().map(|s| s.kind))
        .collect();
    assert_eq!(
        ak_kinds
            .iter()
            .filter(|k| **k == StatusKind::Overdue)
            .count(),
        7
    );
    assert_eq!(
        ak_kinds
            .iter()
            .filter(|k| **k == StatusKind::OnSchedule)
            .count(),
        2
    );

    // The IIS Sandbox's O/D/L codes carry no words: kept, reported, the dates still decide.
    let sandbox = read(&shared_file("rsp/011-iis-sandbox-mercy-z32.hl7").unwrap());
    let not_understood = sandbox
        .issues
        .iter()
        .filter(|i| i.kind == ResponseIssueKind::StatusNotUnderstood)
        .count();
    assert_eq!(not_understood, sandbox.forecasts().len());
    let hep_b = &sandbox.forecasts()[0];
    assert_eq!(hep_b.status.as_ref().unwrap().code.code, "O");
    assert_eq!(hep_b.due_state(sandbox.date().unwrap()), DueState::Overdue);
}

#[test]
fn z42_evaluations_follow_the_obx_groups() {
    let Some(bytes) = shared_file("rsp/024-nist2015-izqr1-z42-child.hl7") else {
        return;
    };
    let r = read(&bytes);
    let rec = r.record().unwrap();
    // The Hib dose was given too young: not valid, with the registry's reason.
    let hib = &rec.doses[1];
    assert_eq!(hib.vaccination.cvx().unwrap().code, "48");
    let e = &hib.evaluations[0];
    assert_eq!(e.vaccine_group.as_ref().unwrap().name(), "HIB");
    assert_eq!(e.valid, Some(false));
    assert_eq!(e.reason.as_deref(), Some("Too Young"));
    assert_eq!(e.schedule.as_ref().unwrap().code, "VXC16");
    // The DTaP-HepB-IPV dose is evaluated in its three groups (OBX-4 1, 2, 3).
    let combo = &rec.doses[2];
    let groups: Vec<String> = combo
        .evaluations
        .iter()
        .map(|e| e.vaccine_group.as_ref().unwrap().name())
        .collect();
    assert_eq!(groups, ["HepB", "POLIO", "DTAP"]);
    assert!(combo.evaluations.iter().all(|e| e.valid == Some(true)));
    // The evaluation rows are not left in the domain vaccination.
    assert!(combo.vaccination.observations.is_empty());
    assert!(r.issues.is_empty(), "{:?}", r.issues);

    // Florida names groups by its own series codes (59780-7), with no CVX.
    let fl = read(&shared_file("rsp/009-fl-shots-z42.hl7").unwrap());
    let dose = &fl.record().unwrap().doses[0];
    let series: Vec<String> = dose
        .evaluations
        .iter()
        .map(|e| e.vaccine_group.as_ref().unwrap().name())
        .collect();
    assert_eq!(series, ["CHICKEN POX", "MEASLES", "MUMPS", "RUBELLA"]);
    assert!(
        dose.evaluations
            .iter()
            .all(|e| e.vaccine_group.as_ref().unwrap().source == GroupSource::SeriesName)
    );
    assert_eq!(dose.evaluations[0].dose_number, Some(1));
}

#[test]
fn registries_that_do_not_group_by_obx4_are_read_and_reported() {
    // NIST CNI v5: the schedule, dose number and validity rows carry other sub-IDs than their
    // vaccine type; each order has one vaccine group, so they join it.
    let Some(bytes) = shared_file("rsp/021-nist-cni5-z42-mariela.hl7") else {
        return;
    };
    let r = read(&bytes);
    let rec = r.record().unwrap();
    let e = &rec.doses[0].evaluations;
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].dose_number, Some(1));
    assert_eq!(e[0].doses_in_series, Some(3));
    assert_eq!(e[0].valid, Some(true));
    assert_eq!(e[0].schedule.as_ref().unwrap().code, "VXC16");
    let hep_b = &rec.forecasts[0];
    assert_eq!(hep_b.dose_number, Some(2));
    let joined = r
        .issues
        .iter()
        .filter(|i| i.kind == ResponseIssueKind::GroupJoined)
        .count();
    assert_eq!(joined, 11, "one per order");
}

#[test]
fn a_history_with_an_error_status_and_local_codes_is_read_with_notes() {
    // NYC CIR: MSA AE and QAK AE with two ERR, yet a history and forecast; forecast rows of a
    // local code (30999-1) with no vaccine group.
    let Some(bytes) = shared_file("rsp/027-ny-cir-ae-z32.hl7") else {
        return;
    };
    let r = read(&bytes);
    assert_eq!(r.status, QueryStatus::ApplicationError);
    assert_eq!(
        r.error_messages(),
        [
            "Message_Query_Name_Id: TableValueNotFound",
            "Message_Query_Name_Coding_System: ValueMissing"
        ]
    );
    assert!(
        r.issues
            .iter()
            .any(|i| i.kind == ResponseIssueKind::DataDespiteStatus)
    );
    let rec = r.record().unwrap();
    assert_eq!(rec.doses.len(), 2);
    let unknown: Vec<_> = rec
        .forecasts
        .iter()
        .filter(|f| f.vaccine_group.is_none())
        .collect();
    assert_eq!(unknown.len(), 5);
    // What could not be understood is kept, not dropped.
    assert!(
        unknown
            .iter()
            .all(|f| f.other.iter().any(|o| o.code.code == "30999-1"))
    );
    assert!(r.issues.iter().any(|i| i.kind
        == ResponseIssueKind::ObservationNotUnderstood {
            code: "30999-1".into()
        }
        && i.place
            == Place {
                patient: 1,
                order: 5,
                observation: 1
            }));
}

#[test]
fn a_date_time_without_its_fraction_point_still_gives_the_day() {
    let Some(bytes) = shared_file("rsp/015-mi-mcir-z42-quoted-null.hl7") else {
        return;
    };
    // MSH-7 is 20180531144917033.
    assert_eq!(read(&bytes).date(), d(2018, 5, 31));
}

#[test]
fn z31_candidates_are_counted() {
    let Some(bytes) = shared_file("rsp/022-nist-contextfree-z31-candidates.hl7") else {
        return;
    };
    let r = read(&bytes);
    assert_eq!(r.profile, ResponseProfile::Z31);
    let c = r.candidates();
    assert_eq!(c.len(), 2);
    assert_eq!(
        c.iter().map(|c| c.set_id).collect::<Vec<_>>(),
        [Some(1), Some(2)]
    );
    assert_eq!(c[0].patient.identifiers[0].id, "99445566");
    assert_eq!(c[0].patient.identifiers[0].id_type.as_deref(), Some("SR"));
    assert_eq!(c[0].next_of_kin.len(), 1);
    assert_eq!(c[1].patient.identifiers[0].id, "123456");

    let own = read(&data("z31-candidates.hl7"));
    assert_eq!(own.candidates().len(), 3);
    assert_eq!(own.candidates()[1].patient.birth_order, Some(2));
    assert!(own.issues.is_empty());
}

#[test]
fn z33_reasons_are_read() {
    let Some(files) = shared("rsp") else { return };
    let expect = [
        ("006-cdc-ig-z33-nf.hl7", NoRecordReason::NotFound),
        ("007-cdc-ig-z33-tm.hl7", NoRecordReason::TooMany),
        ("020-nist-cni5-z33-nf-oids.hl7", NoRecordReason::NotFound),
        ("023-nist-contextfree-z33-tm.hl7", NoRecordReason::TooMany),
        ("026-nist2015-izqr3-z33-nf.hl7", NoRecordReason::NotFound),
        ("029-stc-z33-not-found.hl7", NoRecordReason::NotFound),
    ];
    let z33 = files
        .iter()
        .filter(|(_, b)| read(b).profile == ResponseProfile::Z33)
        .count();
    assert_eq!(z33, expect.len());
    for (file, reason) in expect {
        let (name, bytes) = files.iter().find(|(n, _)| n.ends_with(file)).unwrap();
        let r = read(bytes);
        let Answer::NoRecord(no) = &r.answer else {
            panic!("{name}: {:?}", r.answer)
        };
        assert_eq!(no.reason, reason, "{name}");
        assert!(r.issues.is_empty(), "{name}: {:?}", r.issues);
    }
    let stc = read(&shared_file("rsp/029-stc-z33-not-found.hl7").unwrap());
    let Answer::NoRecord(no) = &stc.answer else {
        panic!()
    };
    assert_eq!(no.messages, ["No patients found for this query"]);

    let own = read(&data("z33-error.hl7"));
    let Answer::NoRecord(no) = &own.answer else {
        panic!()
    };
    assert_eq!(no.reason, NoRecordReason::Error);
    assert_eq!(no.messages, ["Patient date of birth is required"]);
    assert_eq!(own.status.profiles(), ["Z33"]);
}

#[test]
fn a_z42_is_read_into_doses_evaluations_forecasts_and_observations() {
    let r = read(&data("z42-forecast.hl7"));
    assert_eq!(r.control_id.as_deref(), Some("RSP-0042"));
    assert_eq!(r.acknowledges.as_deref(), Some("Q-0042"));
    assert_eq!(r.query_tag.as_deref(), Some("TAG-0042"));
    assert_eq!(r.query, Some(izmsg::iis::query::QueryProfile::Z44));
    let rec = r.record().unwrap();
    assert_eq!(rec.patient.identifiers[1].id, "IIS-7");

    // Two doses; the funding row (its own OBX-4) stays with the first dose.
    assert_eq!(rec.doses.len(), 2);
    let combo = &rec.doses[0].vaccination;
    assert_eq!(combo.eligibility.as_ref().unwrap().category.code, "V02");
    assert_eq!(combo.lots, ["LOT110A"]);
    assert_eq!(rec.doses[0].evaluations.len(), 3);
    assert_eq!(rec.doses[0].evaluations[1].dose_number, Some(2));
    let rota = &rec.doses[1];
    assert!(matches!(
        rota.vaccination.kind,
        VaccinationKind::Historical { .. }
    ));
    assert_eq!(rota.evaluations[0].valid, Some(false));
    assert_eq!(
        rota.evaluations[0].reason.as_deref(),
        Some("Minimum interval not met")
    );

    // Evidence of immunity on a CVX 998 record is an observation of the record.
    assert_eq!(rec.observations.len(), 1);
    let ClinicalObservation::Immunity(disease) = &rec.observations[0].observation else {
        panic!()
    };
    assert_eq!(disease.code, "38907003");

    // Five forecasts: sub-ID 3 held two vaccine groups (split, and reported).
    let on = r.date().unwrap();
    assert_eq!(on, d(2024, 6, 1).unwrap());
    let table: Vec<(String, DueState, Option<u32>)> = rec
        .forecasts
        .iter()
        .map(|f| {
            (
                f.vaccine_group.as_ref().unwrap().name(),
                f.due_state(on),
                f.dose_number,
            )
        })
        .collect();
    assert_eq!(
        table,
        [
            ("DTAP".to_string(), DueState::Overdue, Some(2)),
            ("HepB".to_string(), DueState::UpToDate, Some(3)),
            ("MMR".to_string(), DueState::UpToDate, None),
            ("VARICELLA".to_string(), DueState::Complete, None),
            ("ROTAVIRUS".to_string(), DueState::NotRecommended, None),
        ]
    );
    let dtap = &rec.forecasts[0];
    assert_eq!(
        (dtap.earliest, dtap.recommended, dtap.past_due, dtap.latest),
        (d(2024, 2, 12), d(2024, 3, 15), d(2024, 4, 15), None)
    );
    assert_eq!(rec.forecasts[1].latest, d(2042, 5, 15));
    // Later, DTaP stays overdue and HepB comes due.
    assert_eq!(
        rec.forecasts[1].due_state(d(2024, 7, 15).unwrap()),
        DueState::DueNow
    );

    // The local row is kept with its forecast and reported with its place.
    assert_eq!(rec.forecasts[4].other[0].code.code, "99LOCAL");
    let kinds: Vec<_> = r.issues.iter().map(|i| (i.kind.clone(), i.place)).collect();
    assert_eq!(
        kinds,
        [
            (
                ResponseIssueKind::GroupSplit,
                Place {
                    patient: 1,
                    order: 4,
                    observation: 0
                }
            ),
            (
                ResponseIssueKind::ObservationNotUnderstood {
                    code: "99LOCAL".into()
                },
                Place {
                    patient: 1,
                    order: 4,
                    observation: 20
                }
            ),
        ]
    );
    assert_eq!(
        r.issues[1].to_string(),
        "patient 1, ORDER 4, OBX 20: observation 99LOCAL not understood; kept as an other observation"
    );
}

#[test]
fn other_messages_are_not_responses() {
    let vxu = b"MSH|^~\\&|EHR|CLINIC|IIS|ME|20240315120000-0500||VXU^V04^VXU_V04|M1|P|2.5.1\rPID|1||1^^^EHR^MR||Doe^Jane||20230801|F\r";
    assert_eq!(
        Response::decode(vxu),
        Err(ReadError::NotAResponse {
            found: "VXU".into()
        })
    );
    assert!(matches!(
        Response::decode(b"not hl7"),
        Err(ReadError::Parse(_))
    ));
}

#[test]
fn an_empty_rsp_reads_with_issues_not_a_panic() {
    let r = read(b"MSH|^~\\&|IIS|IIS|EHR|EHR|20240601||RSP^K11^RSP_K11|R|P|2.5.1\r");
    assert_eq!(r.status, QueryStatus::Missing);
    assert!(matches!(r.answer, Answer::NoRecord(_)));
    let kinds: Vec<_> = r.issues.iter().map(|i| i.kind.clone()).collect();
    assert_eq!(
        kinds,
        [
            ResponseIssueKind::UnknownProfile,
            ResponseIssueKind::MissingMsa,
            ResponseIssueKind::MissingQueryStatus
        ]
    );
}

#[test]
fn large_responses_read_in_one_pass() {
    // 8 000 forecast rows under one CVX 998 record, every row sub-ID 1: each vaccine type starts a
    // new group (2 000 groups), and nothing is compared with everything else.
    let mut msg = String::from(
        "MSH|^~\\&|IIS|IIS|EHR|EHR|20240601||RSP^K11^RSP_K11|R|P|2.5.1|||NE|NE|||||Z42^CDCPHINVS\rMSA|AA|Q\rQAK|T|OK|Z44\rQPD|Z44|T\rPID|1||1^^^IIS^SR||Doe^Jane||20230801|F\rORC|RE||9999\rRXA|0|1|20240601||998^none^CVX|999||||||||||||||NA\r",
    );
    for i in 0..2_000 {
        msg.push_str("OBX|1|CE|30956-7^Vaccine type^LN|1|45^HepB^CVX||||||F\r");
        msg.push_str(&format!(
            "OBX|2|NM|30973-2^Dose number^LN|1|{}||||||F\r",
            i % 4 + 1
        ));
        msg.push_str("OBX|3|DT|30980-7^Date due^LN|1|20240701||||||F\r");
        msg.push_str("OBX|4|ST|99X^Local^L|1|x||||||F\r");
    }
    let r = read(msg.as_bytes());
    assert_eq!(r.forecasts().len(), 2_000);
    assert_eq!(r.forecasts()[1_999].dose_number, Some(4));
    // One split note for the order, one note per local row.
    assert_eq!(r.issues.len(), 1 + 2_000);
}
