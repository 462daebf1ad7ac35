//! `iis::soap::read_request`, `read_reply` and `interpret` on any bytes: no panic, no hang; whatever
//! reads writes back in both payload styles, and after one write the envelope is a fixed point
//! (read, write, read gives the same envelope and the same bytes); tight limits only ever turn a
//! success into an error.
#![no_main]

use izmsg::iis::soap::{self, Envelope, Limits, Operation, PayloadStyle, ReadError};
use libfuzzer_sys::fuzz_target;

/// Writes `env` in both styles, reads each back with `read`, and checks that the two readings agree
/// and that writing the reading again gives the same bytes.
fn fixed_point<B: PartialEq + std::fmt::Debug>(
    env: &Envelope<B>,
    write: impl Fn(&Envelope<B>, PayloadStyle) -> String,
    read: impl Fn(&[u8]) -> Result<Envelope<B>, ReadError>,
) {
    let escaped = write(env, PayloadStyle::Escaped);
    let cdata = write(env, PayloadStyle::Cdata);
    let once = read(escaped.as_bytes()).expect("an envelope we wrote reads back");
    let via_cdata = read(cdata.as_bytes()).expect("an envelope we wrote in CDATA reads back");
    assert_eq!(once, via_cdata, "escaped and CDATA read differently");
    let again = write(&once, PayloadStyle::Escaped);
    assert_eq!(read(again.as_bytes()).expect("reads back"), once);
    assert_eq!(
        write(
            &read(again.as_bytes()).expect("reads back"),
            PayloadStyle::Escaped
        ),
        again
    );
}

fuzz_target!(|data: &[u8]| {
    let limits = Limits::default();
    let tight = Limits {
        max_bytes: 4096,
        max_depth: 6,
        max_elements: 24,
        max_attributes: 4,
    };

    let request = soap::read_request(data, &limits);
    if soap::read_request(data, &tight).is_ok() {
        assert!(
            request.is_ok(),
            "tight limits accepted what the defaults refused"
        );
    }
    match &request {
        Ok(env) => fixed_point(
            env,
            |e, s| e.write(s).expect("what was read can be written"),
            |b| soap::read_request(b, &limits),
        ),
        Err(e) => {
            // A server can always answer.
            let _ = e.to_string();
            let http = e
                .reply(soap::Wsdl::Cdc2011)
                .to_http(PayloadStyle::Escaped)
                .expect("fault writes");
            assert!(soap::read_reply(&http.body, &limits).is_ok());
        }
    }

    let reply = soap::read_reply(data, &limits);
    if soap::read_reply(data, &tight).is_ok() {
        assert!(
            reply.is_ok(),
            "tight limits accepted what the defaults refused"
        );
    }
    if let Ok(env) = &reply {
        fixed_point(
            env,
            |e, s| e.write(s).expect("what was read can be written"),
            |b| soap::read_reply(b, &limits),
        );
        let _ = format!("{env:?}");
    }

    // The client's reading of the same bytes under a status picked from the data.
    let status = [200, 400, 500, 503][usize::from(data.first().copied().unwrap_or(0) % 4)];
    for op in Operation::ALL {
        match soap::interpret(op, status, data, &limits) {
            Ok(env) => assert!(reply.as_ref().is_ok_and(|r| r.wsdl == env.wsdl)),
            Err(e) => {
                let _ = (e.to_string(), e.failure().remedy());
            }
        }
    }
});
