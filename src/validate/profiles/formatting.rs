//! A registry's formatting, applied to a typed message before it is encoded.
//!
//! Timestamps are found through the declarations (every TS field or component, DTM fields, and
//! OBX-5 when OBX-2 says TS or DTM), rewritten in the message's own encoding at the byte spans the
//! ER7 parser gives, and the message is decoded again: the result is the same typed message, with
//! only those values changed.

use crate::model::reflect::ValueRef;
use crate::model::{self, Message};

use super::super::Profile;

/// Where a timestamp's DTM is: segment position, field, repetition (from 0), and the component
/// of the field that is the TS (0: the field is the TS or the DTM itself).
#[derive(Debug, Clone, Copy)]
struct Target {
    segment: usize,
    field: u16,
    repetition: usize,
    component: u16,
}

impl Profile {
    /// Applies the profile's [`Formatting`](super::Formatting) to a message about to be encoded
    /// and sent to the registry. Returns how many values changed (0 when the profile asks for
    /// nothing, or nothing needed it; the message is then untouched).
    ///
    /// ```
    /// use izmsg::validate::Profile;
    /// let mut p = Profile::cdc();
    /// p.formatting.strip_fractional_seconds = true;
    /// let input = b"MSH|^~\\&|EHR|CLINIC|IIS|STATE|20240315120000.1234-0500||VXU^V04^VXU_V04|1|P|2.5.1\r\
    /// PID|1||PAT-1^^^EHR^MR||Testpatient^Robin||20230110|F\r";
    /// let mut message = izmsg::model::decode(input)?.message;
    /// assert_eq!(p.apply_formatting(&mut message), 1);
    /// let out = String::from_utf8(message.encode()).unwrap();
    /// assert!(out.contains("|20240315120000-0500||VXU"));
    /// # Ok::<(), izmsg::er7::Error>(())
    /// ```
    pub fn apply_formatting(&self, message: &mut Message) -> usize {
        if !self.formatting.strip_fractional_seconds {
            return 0;
        }
        let targets = fractional_timestamps(message);
        if targets.is_empty() {
            return 0;
        }
        let bytes = message.encode();
        let Ok(parsed) = crate::er7::parse(&bytes) else {
            return 0;
        };
        let mut cuts: Vec<std::ops::Range<usize>> = Vec::new();
        for t in &targets {
            let Some(seg) = parsed.segment(t.segment) else {
                continue;
            };
            let Some(field) = seg.field(usize::from(t.field)) else {
                continue;
            };
            let Some(rep) = field.repetition(t.repetition) else {
                continue;
            };
            // The DTM: first subcomponent of the first component of a TS or DTM field, or of
            // the component that is a TS.
            let dtm = rep
                .component(usize::from(t.component.max(1)))
                .subcomponent(1);
            let span = dtm.span();
            if let Some(raw) = dtm.raw_str()
                && let Some(cut) = fraction(raw)
            {
                cuts.push(span.start + cut.start..span.start + cut.end);
            }
        }
        if cuts.is_empty() {
            return 0;
        }
        cuts.sort_by_key(|c| c.start);
        let mut out = Vec::with_capacity(bytes.len());
        let mut at = 0;
        for c in &cuts {
            if c.start < at {
                continue;
            }
            out.extend_from_slice(bytes.get(at..c.start).unwrap_or_default());
            at = c.end;
        }
        out.extend_from_slice(bytes.get(at..).unwrap_or_default());
        drop(parsed);
        match model::decode(&out) {
            Ok(decoded) => {
                *message = decoded.message;
                cuts.len()
            }
            Err(_) => 0,
        }
    }
}

/// The byte range of a DTM's fractional seconds (the `.` and its digits), when it has them after
/// whole seconds.
fn fraction(dtm: &str) -> Option<std::ops::Range<usize>> {
    let dot = dtm.find('.')?;
    if dot < 14 || !dtm.bytes().take(dot).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let end = dtm
        .bytes()
        .enumerate()
        .skip(dot + 1)
        .find(|(_, b)| !b.is_ascii_digit())
        .map_or(dtm.len(), |(i, _)| i);
    Some(dot..end)
}

/// Every timestamp of the message that has fractional seconds.
fn fractional_timestamps(message: &Message) -> Vec<Target> {
    let mut out = Vec::new();
    message.for_each_segment(|seg| {
        let view = seg.segment;
        let is_obx = view.id() == "OBX";
        let obx_time = is_obx && matches!(view.text(2), "TS" | "DTM");
        for def in view.fields() {
            let reps = view.field(def.seq);
            for (r, v) in reps.iter().enumerate() {
                let mut push = |component: u16| {
                    out.push(Target {
                        segment: seg.index,
                        field: def.seq,
                        repetition: r,
                        component,
                    });
                };
                let dtm = |v: Option<ValueRef<'_>>| has_fraction(v.map_or("", |d| d.text()));
                match v {
                    ValueRef::Composite(c) if c.type_name() == "TS" => {
                        if dtm(c.component(1)) {
                            push(0);
                        }
                    }
                    ValueRef::Composite(c) => {
                        for (i, _) in c.components().iter().enumerate() {
                            let n = u16::try_from(i + 1).unwrap_or(u16::MAX);
                            if let Some(ValueRef::Composite(inner)) = c.component(n)
                                && inner.type_name() == "TS"
                                && dtm(inner.component(1))
                            {
                                push(n);
                            }
                        }
                    }
                    ValueRef::Text(t) => {
                        if def.datatype.starts_with("DTM") && has_fraction(t.as_str()) {
                            push(0);
                        }
                    }
                    ValueRef::Varies(x) => {
                        if obx_time && def.seq == 5 && has_fraction(x.component(1)) {
                            push(0);
                        }
                    }
                }
            }
        }
    });
    out
}

fn has_fraction(dtm: &str) -> bool {
    fraction(dtm).is_some()
}
