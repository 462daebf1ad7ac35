//! `iis::response::Response::decode` on any bytes: no panic; and what it reads goes through the
//! rest of the query layer without a panic: every forecast's due state, every candidate scored
//! against the record's patient, the record reconciled with itself (every dose in both).
#![no_main]

use izmsg::iis::{matching, reconcile, response::Response};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(response) = Response::decode(data) else {
        return;
    };
    for issue in &response.issues {
        let _ = issue.to_string();
    }
    let on = response.date().unwrap_or_default();
    for f in response.forecasts() {
        let _ = f.due_state(on);
    }
    if let Some(first) = response.candidates().first() {
        let _ = matching::rank(&first.patient, response.candidates());
    }
    if let Some(record) = response.record() {
        let chart = reconcile::Chart {
            patient: record.patient.clone(),
            vaccinations: record.vaccinations(),
        };
        let r = reconcile::reconcile(&chart, record);
        assert_eq!(r.only_chart().count(), r.only_registry().count());
        let _ = (r.to_send(&chart), r.to_import(record));
    }
});
