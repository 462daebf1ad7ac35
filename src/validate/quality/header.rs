//! The message header (MSH): a message dated in the future, the sending facility and the sending
//! responsible organization.

use chrono::TimeDelta;

use super::{At, Q, dq, facts, text};

dq!(
    /// DQ-MSH-002: MSH-7 more than 2 hours after the validator's clock.
    MSH_002, "DQ-MSH-002", Error, 0, Some("1"), "MSH-7", "MQE0015",
    "The message date is in the future (more than 2 hours past now)."
);
dq!(
    /// DQ-MSH-004: MSH-4 empty.
    MSH_004, "DQ-MSH-004", Warning, 101, Some("4"), "MSH-4", "MQE0037",
    "The sending facility is missing."
);
dq!(
    /// DQ-MSH-005: MSH-22 empty.
    MSH_005, "DQ-MSH-005", Warning, 101, Some("4"), "MSH-22", "MQE0556",
    "The sending responsible organization is missing."
);

pub(super) fn check(q: &mut Q<'_, '_>) {
    let msh = &q.vxu.msh;
    if let Some(p) = q.sent {
        // With an offset, the instant in UTC (the clock's frame); without, the wall-clock time as
        // written (never later than UTC in the Americas).
        let sent = p.with_offset().map(|t| t.naive_utc()).or_else(|| p.naive());
        let latest = q
            .now
            .checked_add_signed(TimeDelta::hours(facts::FUTURE_TOLERANCE_HOURS))
            .unwrap_or(q.now);
        if let Some(sent) = sent
            && sent > latest
        {
            q.report(&MSH_002, At::Msh.field(7), None, |_| {
                (
                    "The message date (MSH-7) is in the future.".to_string(),
                    "Check the clock of the sending system; the message date is when the message is created.".to_string(),
                )
            });
        }
    }
    let facility = msh.sending_facility.as_ref();
    if facility.is_none_or(|hd| {
        text::blank(hd.namespace_id.as_bytes()) && text::blank(hd.universal_id.as_bytes())
    }) {
        q.report(&MSH_004, At::Msh.field(4), None, |_| {
            (
                "The sending facility (MSH-4) is missing; the registry cannot tell which clinic sent the message.".to_string(),
                "Have the interface send the facility ID the registry assigned to your clinic.".to_string(),
            )
        });
    }
    let org = msh.sending_responsible_organization.as_deref();
    if org.is_none_or(|xon| {
        text::blank(xon.organization_name.as_bytes())
            && text::blank(xon.organization_identifier.as_bytes())
    }) {
        q.report(&MSH_005, At::Msh.field(22), None, |_| {
            (
                "The sending responsible organization (MSH-22) is missing.".to_string(),
                "Have the interface send the organization responsible for the data (its name or registry ID).".to_string(),
            )
        });
    }
}
