//! Reproducers of what the cargo-fuzz targets (fuzz/) found, each minimised, kept so that the bug
//! stays fixed. Every input goes through the checks of the target that found it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use izmsg::model::{self, Message};

/// The `decode_roundtrip` check: decode -> encode -> decode gives an equal message, and encoding that
/// again gives the same bytes.
fn typed_roundtrip(input: &[u8]) -> Message {
    let decoded = model::decode(input).expect("the reproducer decodes");
    let enc = decoded.message.encode();
    let again = model::decode(&enc).expect("the encoding decodes");
    assert_eq!(
        again.message,
        decoded.message,
        "typed value changed through encode/decode; encoding: {:?}",
        String::from_utf8_lossy(&enc)
    );
    assert_eq!(
        String::from_utf8_lossy(&again.message.encode()),
        String::from_utf8_lossy(&enc),
        "second encoding differs"
    );
    decoded.message
}

/// decode_roundtrip: extra components past a composite's last (HD's 4th and 5th here) with an empty
/// subcomponent lost their `&` on encoding (`^^^&^` written `^^^^`), so they read back as one
/// subcomponent fewer.
#[test]
fn extra_components_keep_empty_subcomponents() {
    let m = typed_roundtrip(b"MSH|^~\\&|^^^&^");
    assert_eq!(m.encode(), b"MSH|^~\\&|^^^&^\r");
    // The same in a segment kept generically (VARIES).
    let m = typed_roundtrip(b"MSH|^~\\&|A\rZXY|a^&^b~&^c\r");
    assert_eq!(m.encode(), b"MSH|^~\\&|A\rZXY|a^&^b~&^c\r");
}

/// decode_message_types: a `BHS` (or `FHS`) in the body of a message is an ordinary segment
/// on the wire (the parser numbers its fields from the first separator), but was decoded and written
/// as a header: `BHS` came back as `BHS|^~\&`, and `BHS|X|Y` lost field 1.
#[test]
fn header_ids_in_a_message_body_are_ordinary_segments() {
    let vxu: &[u8] = b"MSH|^~\\&|EHR|CLINIC|IIS|STATE|20240315120000-0500||VXU^V04^VXU_V04|M1|P|2.5.1|||ER|AL|||||Z22^CDCPHINVS\r";
    for body in [&b"BHS"[..], b"BHS|X|Y", b"FHS|A^B|C"] {
        for header in [vxu, b"MSH|^~\\&|A\r"] {
            let input = [header, body].concat();
            let m = typed_roundtrip(&input);
            let mut want = input.clone();
            want.push(b'\r');
            assert_eq!(
                String::from_utf8_lossy(&m.encode()),
                String::from_utf8_lossy(&want)
            );
        }
    }
}

/// decode_message_types: an empty repetition after the first of a non-repeating field (`PID|1~|`,
/// kept as an extra repetition) or of a field of an undeclared segment (`ZXY|~|`) was trimmed on
/// encoding, so the value read back had one repetition fewer.
#[test]
fn empty_trailing_repetitions_are_kept() {
    for input in [
        &b"MSH|^~\\&|A\rPID|~|\r"[..],
        b"MSH|^~\\&|A\rPID|1~|\r",
        b"MSH|^~\\&|A\rPID|1~~|2\r",
        b"MSH|^~\\&|A\rZXY|~|\r",
        b"MSH|^~\\&|A\rZXY|a~|b\r",
    ] {
        let m = typed_roundtrip(input);
        assert_eq!(
            String::from_utf8_lossy(&m.encode()),
            String::from_utf8_lossy(input)
        );
    }
}

/// cdc_overlay: a CDC row whose key field is empty (or has no usable lookup key) was loaded but could
/// never be looked up: a VIS edition with an empty `VIS_encoded_string` here. Such rows are refused.
#[test]
fn cdc_rows_without_a_usable_key_are_refused() {
    use izmsg::codes::{CdcFile, CdcFormatError, CodeSets};
    let files: [(CdcFile, &[u8]); 4] = [
        (
            CdcFile::VisXml,
            b"<VISLookup><VISInfo><Edition_Date>7/4/2011</Edition_Date><VIS_encoded_string></VIS_encoded_string><status>Current</status></VISInfo></VISLookup>",
        ),
        (
            CdcFile::TradenameXml,
            b"<productnames><prodInfo><Name>CDC Product Name</Name><Value>-.-</Value><Name>CVXCode</Name><Value>08</Value><Name>MVX Status</Name><Value>Active</Value><Name>Product name Status</Name><Value>Active</Value></prodInfo></productnames>",
        ),
        (
            CdcFile::CptXml,
            b"<CPTCodes><CPTInfo><Name>CPT Code</Name><Value> </Value><Name>CVX Code</Name><Value>08</Value></CPTInfo></CPTCodes>",
        ),
        (
            CdcFile::VisUrlXml,
            b"<VISURL><VISURLInfo><Name>VIS_GDTI_document_Conceptcode</Name><Value>\xC3\xA9</Value></VISURLInfo></VISURL>",
        ),
    ];
    for (file, bytes) in files {
        let err = CodeSets::new().load(file, bytes).unwrap_err();
        assert!(
            matches!(err, CdcFormatError::BadValue { .. }),
            "{file}: {err}"
        );
    }
}

/// decode_roundtrip: a field made only of highlighting escapes (`\H\`, `\N\`, which stand for no
/// text) decoded as a present, empty value, which encodes to nothing and so read back as absent.
/// Such a field now reads as empty, in declared fields, fields past the declared ones and
/// undeclared segments alike.
#[test]
fn a_field_of_highlighting_escapes_only_reads_as_empty() {
    for (input, want) in [
        (&b"MSH|^~\\&|\\H\\"[..], &b"MSH|^~\\&|\r"[..]),
        (b"MSH|^~\\&|A\rPID|1||\\H\\\\N\\", b"MSH|^~\\&|A\rPID|1||\r"),
        (
            b"MSH|^~\\&|A\rNTE|1|||||\\N\\|",
            b"MSH|^~\\&|A\rNTE|1||||||\r",
        ),
        (b"MSH|^~\\&|A\rZXY|\\H\\|a", b"MSH|^~\\&|A\rZXY||a\r"),
    ] {
        let m = typed_roundtrip(input);
        assert_eq!(
            String::from_utf8_lossy(&m.encode()),
            String::from_utf8_lossy(want)
        );
    }
    // Highlighting inside text, or beside structure, is unchanged.
    for input in [
        &b"MSH|^~\\&|A\rNTE|||a\\H\\b\\N\\\r"[..],
        b"MSH|^~\\&|A\rPID|1||\\H\\^\r",
    ] {
        typed_roundtrip(input);
    }
}
