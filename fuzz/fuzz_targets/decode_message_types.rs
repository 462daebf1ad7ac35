//! The input behind each of a VXU, ACK, QBP and RSP header, so that the structure readers of all four
//! message kinds see arbitrary segment sequences: decode and the typed round trip, and the domain
//! view of the VXU and the RSP.
#![no_main]

use libfuzzer_sys::fuzz_target;

const HEADERS: [&[u8]; 4] = [
    b"MSH|^~\\&|EHR|CLINIC|IIS|STATE|20240315120000-0500||VXU^V04^VXU_V04|M1|P|2.5.1|||ER|AL|||||Z22^CDCPHINVS\r",
    b"MSH|^~\\&|IIS|STATE|EHR|CLINIC|20240315120001-0500||ACK^V04^ACK|A1|P|2.5.1|||NE|NE|||||Z23^CDCPHINVS\r",
    b"MSH|^~\\&|EHR|CLINIC|IIS|STATE|20240315120000-0500||QBP^Q11^QBP_Q11|Q1|P|2.5.1|||ER|AL|||||Z44^CDCPHINVS\r",
    b"MSH|^~\\&|IIS|STATE|EHR|CLINIC|20240315120001-0500||RSP^K11^RSP_K11|R1|P|2.5.1|||NE|NE|||||Z42^CDCPHINVS\r",
];

fuzz_target!(|data: &[u8]| {
    let mut input = Vec::with_capacity(128 + data.len());
    for (i, header) in HEADERS.into_iter().enumerate() {
        input.clear();
        input.extend_from_slice(header);
        input.extend_from_slice(data);
        let decoded = izmsg_fuzz::typed_roundtrip(&input);
        // The domain view reads VXU and RSP (ACK and QBP have none; `decode` covers their JSON).
        if let Some(decoded) = decoded.filter(|_| i == 0 || i == 3) {
            izmsg_fuzz::exercise(&decoded);
        }
    }
});
