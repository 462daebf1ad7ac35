//! The HL7 side: each message validated and answered, accepted doses kept, queries answered from
//! what the store holds.

use izmsg::er7::{self, Limits, escape};
use izmsg::iis::ack::AckBuilder;
use izmsg::iis::matching::{self, Verdict as MatchVerdict};
use izmsg::model::message::{Order, Qbp, Rsp, RspPatient, Vxu};
use izmsg::model::segments::{Msa, Pid, Qak, Qpd};
use izmsg::model::types::{Dtm, Id, St, Ts};
use izmsg::model::{self, Message, Patient};
use izmsg::validate::{Report, Severity};

use super::Registry;
use super::store::{Key, Record, StoreError};

/// At most this many candidates in a Z31 (the IG's RCP-2 default is 10).
const MAX_CANDIDATES: usize = 10;

/// HL7 0357 `207`, application internal error: what the sender is told when the store failed.
const INTERNAL_ERROR: &str = "207^Application internal error^HL70357";
/// HL7 0357 `200`, unsupported message type.
const UNSUPPORTED_TYPE: &str = "200^Unsupported message type^HL70357";

impl Registry {
    /// The answer to one HL7 message.
    pub fn receive(&self, bytes: &[u8]) -> String {
        let Ok(parsed) = er7::parse(bytes) else {
            return ack(
                None,
                "AR",
                UNSUPPORTED_TYPE,
                "The message is not HL7 v2 (no MSH segment).",
            );
        };
        let msh = parsed.segment_by_id("MSH");
        let msh_field = |n: usize| {
            msh.as_ref()
                .and_then(|s| s.field(n))
                .map(|v| v.text().into_owned())
                .unwrap_or_default()
        };
        let header = Header {
            control_id: msh_field(10),
            sender_app: msh_field(3),
            sender_facility: msh_field(4),
        };
        let message_type = msh
            .as_ref()
            .and_then(|s| s.field(9))
            .map(|v| v.component(1).text().into_owned())
            .unwrap_or_default();
        if message_type != "VXU" && message_type != "QBP" {
            return ack(
                Some(&header),
                "AR",
                UNSUPPORTED_TYPE,
                "This test registry takes VXU and QBP messages only.",
            );
        }
        let decoded = model::decode_parsed(&parsed, &Limits::default());
        let report = self.validator.validate(&decoded);
        match &decoded.message {
            Message::Vxu(vxu) => match self.keep(vxu, &report) {
                Ok(()) => build_ack(&header, &decoded.message, &report),
                Err(e) => store_failed(&header, &e),
            },
            Message::Qbp(qbp) if report.is_sendable() => self
                .answer_query(qbp)
                .unwrap_or_else(|e| store_failed(&header, &e)),
            _ => build_ack(&header, &decoded.message, &report),
        }
    }

    /// Keeps the accepted doses of a VXU: none when an error is about the message as a whole (MSH,
    /// PID ...), else those of every vaccination without an error. The doses go to the held
    /// patient the matcher confidently finds, or to a new one.
    fn keep(&self, vxu: &Vxu, report: &Report) -> Result<(), StoreError> {
        if report
            .message_level()
            .any(|i| i.severity == Severity::Error)
        {
            return Ok(());
        }
        let Some(pid) = &vxu.pid else { return Ok(()) };
        let orders: Vec<Order> = vxu
            .orders
            .iter()
            .enumerate()
            .filter(|(i, _)| report.is_vaccination_sendable(i + 1))
            .map(|(_, o)| o.clone())
            .collect();
        let patient = vxu.patient();
        let mut store = self.store.lock().map_err(|_| "the store is unusable")?;
        let known = store
            .candidates(&patient)?
            .into_iter()
            .find_map(|(key, held)| {
                (matching::score(&patient, &held).verdict == MatchVerdict::ConfidentMatch)
                    .then_some(key)
            });
        let key = match known {
            Some(key) => key,
            None => store.add_patient(pid, vxu.pd1.as_ref())?,
        };
        store.add_doses(key, &orders)
    }

    /// The RSP to a QBP Z34 (history) or Z44 (evaluated history and forecast): Z32 or Z42 for one
    /// confident match, Z31 with the candidates when a person must choose (Z34 only), Z33 with
    /// QAK-2 `NF` when nobody matches. A Z42 here holds the history without evaluations or
    /// forecast rows.
    fn answer_query(&self, qbp: &Qbp) -> Result<String, StoreError> {
        let qpd = qbp.qpd.clone().unwrap_or_default();
        let asked = Patient::from_pid(&pid_of_query(&qpd), None);
        let query_profile = qbp
            .msh
            .message_profile_identifier
            .first()
            .map(|e| e.entity_identifier.as_str().to_string())
            .unwrap_or_default();
        let z44 = query_profile == "Z44";
        let mut found: Vec<(i32, Key)> = Vec::new();
        let mut confident: Vec<Key> = Vec::new();
        let store = self.store.lock().map_err(|_| "the store is unusable")?;
        for (key, held) in store.candidates(&asked)? {
            let m = matching::score(&asked, &held);
            match m.verdict {
                MatchVerdict::ConfidentMatch => confident.push(key),
                MatchVerdict::AskPerson => found.push((m.score, key)),
                MatchVerdict::NoMatch => {}
            }
        }
        let (profile, status, patients) = if let [key] = confident[..] {
            let Record { pid, pd1, orders } = store.record(key)?;
            let patient = RspPatient {
                pid: Some(pid),
                pd1,
                orders,
                ..RspPatient::default()
            };
            (if z44 { "Z42" } else { "Z32" }, "OK", vec![patient])
        } else if !confident.is_empty() || (!found.is_empty() && !z44) {
            found.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
            let mut candidates = Vec::new();
            for key in confident
                .into_iter()
                .chain(found.into_iter().map(|(_, key)| key))
                .take(MAX_CANDIDATES)
            {
                candidates.push(RspPatient {
                    pid: Some(store.record(key)?.pid),
                    ..RspPatient::default()
                });
            }
            ("Z31", "OK", candidates)
        } else {
            ("Z33", "NF", Vec::new())
        };
        drop(store);
        let mut msh = qbp.msh.clone();
        std::mem::swap(&mut msh.sending_application, &mut msh.receiving_application);
        std::mem::swap(&mut msh.sending_facility, &mut msh.receiving_facility);
        let asked_id = qbp
            .msh
            .message_control_id
            .as_ref()
            .map(|c| c.as_str().to_string())
            .unwrap_or_default();
        msh.message_control_id = Some(St::from(format!("{asked_id}-RSP").as_str()));
        msh.date_time_of_message = Some(Box::new(Ts {
            time: Dtm::from_datetime(&now()),
            ..Ts::default()
        }));
        if let Some(t) = msh.message_type.as_mut() {
            t.message_code = Id::from("RSP");
            t.trigger_event = Id::from("K11");
            t.message_structure = Id::from("RSP_K11");
        }
        if let Some(p) = msh.message_profile_identifier.first_mut() {
            p.entity_identifier = St::from(profile);
        }
        let rsp = Rsp {
            msh,
            msa: Some(Msa {
                acknowledgment_code: Some(Id::from("AA")),
                message_control_id: Some(St::from(asked_id.as_str())),
                ..Msa::default()
            }),
            qak: Some(Qak {
                query_tag: qpd.query_tag.clone(),
                query_response_status: Some(Id::from(status)),
                message_query_name: qpd.message_query_name.clone(),
                ..Qak::default()
            }),
            qpd: Some(qpd),
            patients,
            ..Rsp::default()
        };
        Ok(String::from_utf8_lossy(&Message::Rsp(Box::new(rsp)).encode()).into_owned())
    }
}

/// The patient a query asks for, as a PID (so that the domain reads it as it reads any PID).
fn pid_of_query(qpd: &Qpd) -> Pid {
    Pid {
        patient_identifier_list: qpd.patient_list.clone(),
        patient_name: qpd.patient_name.clone().into_iter().map(|b| *b).collect(),
        mothers_maiden_name: qpd.mothers_maiden_name.clone(),
        date_time_of_birth: qpd.patient_date_of_birth.clone(),
        administrative_sex: qpd.patient_sex.clone(),
        patient_address: qpd
            .patient_address
            .clone()
            .into_iter()
            .map(|b| *b)
            .collect(),
        phone_number_home: qpd.patient_phone.clone().into_iter().map(|b| *b).collect(),
        multiple_birth_indicator: qpd.multiple_birth_indicator.clone(),
        birth_order: qpd.birth_order.clone(),
        ..Pid::default()
    }
}

struct Header {
    control_id: String,
    sender_app: String,
    sender_facility: String,
}

/// The ACK for a validated message, from `iis::ack`'s builder: AA without errors, AE (or AR) with
/// them, one ERR per issue.
fn build_ack(header: &Header, received: &Message, report: &Report) -> String {
    let ack = AckBuilder::new(format!("{}-ACK", header.control_id), now()).build(received, report);
    String::from_utf8_lossy(&Message::Ack(Box::new(ack)).encode()).into_owned()
}

/// Now, in UTC (the clock the registry answers with).
fn now() -> chrono::DateTime<chrono::FixedOffset> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    chrono::DateTime::from_timestamp(i64::try_from(secs).unwrap_or(0), 0)
        .unwrap_or_default()
        .fixed_offset()
}

/// The answer when the store failed: AE with an application internal error, and the reason on
/// standard error (the store's errors hold no patient data).
fn store_failed(header: &Header, why: &str) -> String {
    eprintln!("store: {why}");
    ack(
        Some(header),
        "AE",
        INTERNAL_ERROR,
        "The test registry could not read or keep its records. Send the message again later.",
    )
}

/// A minimal ACK for what the builder cannot answer (bytes that are not HL7, a message type this
/// registry does not take, a store that failed): MSA-1 `code`, one ERR with the HL7 0357 `error`
/// and `text`.
fn ack(header: Option<&Header>, code: &str, error: &str, text: &str) -> String {
    let d = er7::Delimiters::default();
    let (control, app, facility) = header.map_or(("", String::new(), String::new()), |h| {
        (
            h.control_id.as_str(),
            escape::encode(&h.sender_app, &d).into_owned(),
            escape::encode(&h.sender_facility, &d).into_owned(),
        )
    });
    let now = now().format("%Y%m%d%H%M%S+0000");
    let control_escaped = escape::encode(control, &d);
    format!(
        "MSH|^~\\&|IZMSG-REGISTRY|IZMSG|{app}|{facility}|{now}||ACK^V04^ACK|{control_escaped}-ACK|P|2.5.1|||NE|NE|||||Z23^CDCPHINVS\rMSA|{code}|{control_escaped}\rERR|||{error}|E||||{}\r",
        escape::encode(text, &d)
    )
}
