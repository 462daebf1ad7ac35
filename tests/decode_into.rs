//! `Decoder::decode_into` gives what a fresh `decode` gives, whatever the `Decoded` it fills held
//! before: over the crate's messages, the shared corpus (when it is there), generated VXUs and odd
//! or hostile inputs, in every order, with inputs that fail (a parse error, a decode budget that
//! runs out halfway) in between.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

#[path = "../benches/support/mod.rs"]
mod support;

use izmsg::er7::{self, Limits};
use izmsg::model::{self, Decoded, Decoder};

const VXU: &str = "MSH|^~\\&|EHR|CLINIC|IIS|ME|20240101120000-0500||VXU^V04^VXU_V04|1|P|2.5.1\rPID|1||X^^^EHR^MR||Doe^Jane\r";

/// Inputs of every kind: well-formed, sloppy, and ones that fail.
fn inputs() -> Vec<(String, Vec<u8>)> {
    let mut out = common::all_messages(&common::KINDS);
    for (i, m) in support::vxu_corpus(40).into_iter().enumerate() {
        out.push((format!("generated {i}"), m));
    }
    let odd: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("not a message", b"not a message".to_vec()),
        ("header only", b"MSH|^~\\&|A|B|C|D|20240101||VXU^V04^VXU_V04|1|P|2.5.1\r".to_vec()),
        ("orders without PID", ("MSH|^~\\&|A|B|C|D|20240101||VXU^V04^VXU_V04|1|P|2.4\rORC|RE||1\rRXA|0|1|20240101||08^HepB^CVX~x|0.5\rRXR|C28161\rOBX|1|CE|64994-7^Elig^LN|1|V02^VFC^HL70064|||||||F\rNTE|1||note\rTQ1|1\rRXA|0|1|20240102||20^DTaP^CVX^^^^^^^^^extra\r").as_bytes().to_vec()),
        ("extra fields and components", format!("{VXU}PD1|||||||||||01^No reminder^HL70215|N|20240101|||A|20240101|20240101|x|y|z\rNK1|1|Doe^Mary^^^^^L^^^^^^^^extra~Roe|MTH^Mother^HL70063~x\rPV1|1|R\rPV2|||x\rGT1|1\rIN1|1|x\rIN2|1\rIN3|1\rIN1|2\rZXY|1|a^b&c~d|\\H\\\rORC|RE||1^EHR|||||||||||||||||\rRXA|0|1|20240101||20^DTaP^CVX|0.5|mL^^UCUM||00^New^NIP001|||||||||||CP|A\r").into_bytes()),
        ("escapes", format!("{VXU}NK1|1|O\\T\\Brien\\X41\\^Jane\\H\\\\N\\|\\Z99\\|\\\rORC|RE||\\E\\1\r").into_bytes()),
        ("repetitions", format!("{VXU}NK1|1|Doe^Jane~a~b~c~~\rPID|2\r").into_bytes()),
        ("ack", b"MSH|^~\\&|IIS|ME|EHR|C|20240101||ACK^V04^ACK|9|P|2.5.1\rMSA|AE|1\rERR||PID^1^7|101^Required^HL70357|E\rERR|||102\rMSA|AA\r".to_vec()),
        ("qbp", b"MSH|^~\\&|EHR|C|IIS|ME|20240101||QBP^Q11^QBP_Q11|2|P|2.5.1|||ER|AL|||||Z34^CDCPHINVS\rQPD|Z34^Request Immunization History^CDCPHINVS|Q1|X^^^EHR^MR|Doe^Jane\rRCP|I|5^RD&Records&HL70126\r".to_vec()),
        ("rsp, two patients", b"MSH|^~\\&|IIS|ME|EHR|C|20240101||RSP^K11^RSP_K11|3|P|2.5.1\rMSA|AA|Q1\rQAK|Q1|OK\rQPD|Z34|Q1\rPID|1||A^^^IIS^SR||Doe^Jane\rPD1|||||||||||02\rNK1|1|Doe^Mary\rPV1|1|R\rIN1|1\rORC|RE||1\rRXA|0|1|20240101||08^HepB^CVX\rPID|2||B^^^IIS^SR||Roe^Ann\rRXA|0|1|20240102||20^DTaP^CVX\rOBX|1|NM|30973-2^Dose^LN||1\r".to_vec()),
        ("rsp, orders first", b"MSH|^~\\&|IIS|ME|EHR|C|20240101||RSP^K11^RSP_K11|4|P|2.5.1\rORC|RE||1\rRXA|0|1|20240101||08^HepB^CVX\rPD1\r".to_vec()),
        ("unknown type", b"MSH|^~\\&|A|B|C|D|20240101||ADT^A01|5|P|2.3\rEVN|A01\rPID|1||X\rZZZ|1\r".to_vec()),
        ("no MSH", b"PID|1||X^^^EHR^MR||Doe^Jane\rRXA|0|1\r".to_vec()),
        ("many orders", {
            let mut s = VXU.to_string();
            for i in 0..50 {
                s.push_str(&format!("ORC|RE||{i}\rRXA|0|1|20240101||08^HepB^CVX|0.5|mL^^UCUM\rOBX|1|CE|64994-7^Elig^LN|1|V02^VFC^HL70064|||||||F\r"));
            }
            s.into_bytes()
        }),
    ];
    out.extend(odd.into_iter().map(|(n, b)| (n.to_string(), b)));
    // Halfway cuts of a few messages: they may fail or decode to less.
    let cuts: Vec<(String, Vec<u8>)> = out
        .iter()
        .step_by(7)
        .map(|(n, b)| (format!("{n}, cut"), b[..b.len() / 2].to_vec()))
        .collect();
    out.extend(cuts);
    out
}

/// A budget small enough that the large inputs run out of it halfway.
fn tight() -> Limits {
    Limits {
        max_decoded_ratio: 4,
        ..Limits::default()
    }
}

/// What a fresh decode gives, and what `out` must hold after a failed `decode_into`.
fn expected(input: &[u8], limits: &Limits) -> (Result<(), er7::Error>, Decoded) {
    match model::decode_with(input, limits) {
        Ok(d) => (Ok(()), d),
        Err(
            e @ er7::Error::Limit {
                limit: er7::LimitKind::DecodedSize,
                ..
            },
        ) => {
            // The message up to where the budget ran out, as `decode_parsed` gives it.
            let mut parser = er7::Parser::new(*limits);
            let parsed = parser.parse(input).unwrap();
            (Err(e), model::decode_parsed(&parsed, limits))
        }
        Err(e) => (Err(e), Decoded::default()),
    }
}

fn check(
    decoder: &mut Decoder,
    out: &mut Decoded,
    name: &str,
    input: &[u8],
    after: &str,
    limits: &Limits,
) {
    let (want_result, want) = expected(input, limits);
    let got = decoder.decode_into(input, out);
    assert_eq!(got, want_result, "{name} after {after}");
    assert!(*out == want, "{name} after {after}: not equal");
    // Debug shows what `==` does not compare (wire widths, which the encoding follows).
    assert_eq!(
        format!("{out:?}"),
        format!("{want:?}"),
        "{name} after {after}"
    );
    assert_eq!(
        out.message.encode(),
        want.message.encode(),
        "{name} after {after}"
    );
}

fn run_order(order: &[usize], all: &[(String, Vec<u8>)], limits: &Limits) {
    let mut decoder = Decoder::new(*limits);
    let mut out = Decoded::default();
    let mut after = "nothing";
    for &i in order {
        let (name, input) = &all[i];
        check(&mut decoder, &mut out, name, input, after, limits);
        after = name;
    }
}

#[test]
fn decode_into_equals_decode_in_every_order() {
    let all = inputs();
    let n = all.len();
    assert!(n > 60, "{n}");
    let forward: Vec<usize> = (0..n).collect();
    let backward: Vec<usize> = (0..n).rev().collect();
    // A fixed shuffle: each input after a different one.
    let mut shuffled = forward.clone();
    let mut state = 0x2545_f491_4f6c_dd1du64;
    for i in (1..n).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        shuffled.swap(i, (state % (i as u64 + 1)) as usize);
    }
    for limits in [Limits::default(), tight()] {
        run_order(&forward, &all, &limits);
        run_order(&backward, &all, &limits);
        run_order(&shuffled, &all, &limits);
    }
}

#[test]
fn decode_into_equals_decode_after_each_other_input() {
    // Every ordered pair of a sample of unlike inputs: each one decoded into what the other left.
    let all = inputs();
    let sample: Vec<usize> = (0..all.len()).step_by(5).collect();
    for limits in [Limits::default(), tight()] {
        for &a in &sample {
            for &b in &sample {
                run_order(&[a, b, a], &all, &limits);
            }
        }
    }
}

#[test]
fn a_failed_decode_leaves_a_documented_state() {
    let mut decoder = Decoder::new(tight());
    let mut out = Decoded::default();
    let corpus = support::vxu_corpus(2);
    decoder.decode_into(&corpus[0], &mut out).unwrap();
    // A parse error: an empty holder.
    assert!(decoder.decode_into(b"garbage", &mut out).is_err());
    assert_eq!(out, Decoded::default());
    // The budget running out halfway: the message up to there, its last issue saying so.
    decoder.decode_into(&corpus[1], &mut out).unwrap();
    let mut big = VXU.to_string();
    for _ in 0..400 {
        big.push_str("ORC|RE||1\rRXA|0|1|20240101||08^HepB^CVX\r");
    }
    let err = decoder.decode_into(big.as_bytes(), &mut out).unwrap_err();
    assert!(
        matches!(
            err,
            er7::Error::Limit {
                limit: er7::LimitKind::DecodedSize,
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(
        out.issues.last().unwrap().kind,
        model::DecodeIssueKind::OverBudget
    );
    let model::Message::Vxu(vxu) = &out.message else {
        panic!("{:?}", out.message)
    };
    assert!(
        !vxu.orders.is_empty() && vxu.orders.len() < 400,
        "{}",
        vxu.orders.len()
    );
    // And the next message decodes as if nothing had come before.
    decoder.decode_into(&corpus[0], &mut out).unwrap();
    assert_eq!(out, model::decode(&corpus[0]).unwrap());
}
