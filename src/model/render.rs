//! A typed message as labelled lines a person reads, every label taken from the declarations.
//!
//! ```text
//! [6] RXA Pharmacy/Treatment Administration
//!   RXA-5 Administered Code (CE_IZ)
//!     RXA-5.1 Identifier = 08
//!     RXA-5.3 Name of Coding System = CVX
//!   RXA-15[1] Substance Lot Number = AB1234C
//! ```
//!
//! Each segment is a line with its number in the message (from 1, as decode issues and ERR-2
//! number them), id and title; each field that is there, a line `ID-n Label`: a value that is one
//! text is shown after ` = `, a composite is followed by its non-empty components, indented and
//! named (`RXA-5.1 Identifier`). Repetitions of a repeating field are numbered (`PID-3[2]`); a second
//! value in a field that does not repeat is shown as such. The HL7 null reads `""  (null: delete)`,
//! a field present with nothing in it `(present, empty)`, and an absent field is not shown. OBX-5 is
//! read as the type OBX-2 gives. Undeclared segments (Z-segments) and fields past the declared ones
//! are shown by position, without labels. Control characters in values are made visible (`\r`).
//!
//! This prints message content, patient data included: it is for a person who asked to see the
//! message. Errors and issues never do it.

use std::fmt;

use super::Message;
use super::decl::{FieldDef, Max};
use super::reflect::{SegmentView, ValueRef};
use super::segments::title_of;
use super::types::{Text, Varies, components_of};

/// The labelled rendering of a whole message: see the [module documentation](self).
///
/// ```
/// use izmsg::model::{self, render};
/// let input = b"MSH|^~\\&|EHR||IIS||20240315||VXU^V04^VXU_V04|1|P|2.5.1\rPID|1||PAT-1^^^EHR^MR||Doe^Jane||20230110\r";
/// let decoded = model::decode(input).unwrap();
/// let text = render::labelled(&decoded.message).to_string();
/// assert!(text.contains("[2] PID Patient Identification\n"));
/// assert!(text.contains("  PID-5[1] Patient Name (XPN_IZ)\n    PID-5[1].1 Family Name = Doe\n"));
/// assert!(text.contains("  PID-7 Date/Time of Birth = 20230110\n"));
/// ```
pub fn labelled(message: &Message) -> Labelled<'_> {
    Labelled { message }
}

/// What [`labelled`] returns: `Display` writes the lines.
#[derive(Debug, Clone, Copy)]
pub struct Labelled<'a> {
    message: &'a Message,
}

impl fmt::Display for Labelled<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut result = Ok(());
        self.message.for_each_segment(|s| {
            if result.is_ok() {
                result = write_segment(f, s.index + 1, s.segment);
            }
        });
        result
    }
}

/// Writes one segment, numbered `number`: its line, then its fields.
///
/// ```
/// use izmsg::model::{render, AnySegment, codec::DecodeCx};
/// let msg = izmsg::er7::parse(b"MSH|^~\\&\rZXY|one|two^three\r").unwrap();
/// let z = AnySegment::decode(&msg.segment(1).unwrap(), &mut DecodeCx::default());
/// let mut out = String::new();
/// render::write_segment(&mut out, 2, z.view()).unwrap();
/// assert_eq!(out, "[2] ZXY (not declared: fields by position)\n  ZXY-1 = one\n  ZXY-2\n    ZXY-2.1 = two\n    ZXY-2.2 = three\n");
/// ```
pub fn write_segment(
    out: &mut dyn fmt::Write,
    number: usize,
    segment: &dyn SegmentView,
) -> fmt::Result {
    let id = segment.id();
    let defs = segment.fields();
    if defs.is_empty() {
        writeln!(out, "[{number}] {id} (not declared: fields by position)")?;
        for seq in 1..=segment.last_field() {
            let reps = segment.field(seq);
            for (r, rep) in reps.iter().enumerate() {
                let path = numbered(&format!("{id}-{seq}"), r, reps.len());
                write_node(out, 2, &path, None, None, &node(rep, None))?;
            }
        }
        return Ok(());
    }
    writeln!(out, "[{number}] {id} {}", title_of(id).unwrap_or_default())?;
    for def in defs {
        let reps = segment.field(def.seq);
        if reps.is_empty() {
            continue;
        }
        let path = format!("{id}-{}", def.seq);
        let datatype = runtime_type(segment, def).unwrap_or(def.datatype);
        let table = components_of(datatype);
        if matches!(def.max, Max::N(0 | 1)) {
            let more: Vec<&Varies> = segment
                .extra_fields()
                .iter()
                .filter(|e| e.repetitions_only && e.field == def.seq)
                .flat_map(|e| &e.values)
                .collect();
            let first = numbered(&path, 0, more.len() + 1);
            if let Some(value) = reps.first() {
                let n = node(value, table);
                write_node(out, 2, &first, Some(def.label), Some(datatype), &n)?;
            }
            for (k, v) in more.iter().enumerate() {
                let label = format!("{} (repeated, but the field does not repeat)", def.label);
                let n = node_of_varies(v, table);
                write_node(
                    out,
                    2,
                    &format!("{path}[{}]", k + 2),
                    Some(&label),
                    Some(datatype),
                    &n,
                )?;
            }
        } else {
            for (r, value) in reps.iter().enumerate() {
                let n = node(value, table);
                let path = format!("{path}[{}]", r + 1);
                write_node(out, 2, &path, Some(def.label), Some(datatype), &n)?;
            }
        }
    }
    // Fields past the last declared one.
    for e in segment
        .extra_fields()
        .iter()
        .filter(|e| !e.repetitions_only)
    {
        for (r, v) in e.values.iter().enumerate() {
            let path = numbered(&format!("{id}-{}", e.field), r, e.values.len());
            write_node(out, 2, &path, None, None, &node_of_varies(v, None))?;
        }
    }
    Ok(())
}

/// `path`, with the repetition `[r+1]` when there are several.
fn numbered(path: &str, r: usize, count: usize) -> String {
    if count > 1 {
        format!("{path}[{}]", r + 1)
    } else {
        path.to_string()
    }
}

/// OBX-5's data type is the one OBX-2 gives: the one field whose type the message states.
fn runtime_type<'s>(segment: &'s dyn SegmentView, def: &FieldDef) -> Option<&'s str> {
    (segment.id() == "OBX" && def.seq == 5)
        .then(|| segment.text(2))
        .filter(|t| !t.is_empty())
}

/// A value ready to print: text, or numbered parts (components or subcomponents).
enum Node<'a> {
    Text(&'a str),
    Parts(Vec<Part<'a>>),
}

/// One part of a value, named when a declaration names it.
struct Part<'a> {
    seq: usize,
    label: Option<&'static str>,
    datatype: Option<&'static str>,
    node: Node<'a>,
}

impl Node<'_> {
    fn is_empty(&self) -> bool {
        match self {
            Node::Text(s) => s.is_empty(),
            Node::Parts(p) => p.iter().all(|p| p.node.is_empty()),
        }
    }

    /// The text of a value that is only its first component (`PID-7 = 20230110`, not `PID-7.1`).
    fn collapsed(&self) -> Option<&str> {
        match self {
            Node::Text(s) => Some(s),
            Node::Parts(parts) => match parts.as_slice() {
                [only] if only.seq == 1 => only.node.collapsed(),
                _ => None,
            },
        }
    }
}

/// A typed value: a primitive's text, a composite's non-empty components by their declarations
/// (and any past them), VARIES content named by `table` when its type is known.
fn node<'a>(value: ValueRef<'a>, table: Option<&'static [FieldDef]>) -> Node<'a> {
    match value {
        ValueRef::Text(t) => Node::Text(t.as_str()),
        ValueRef::Varies(v) => node_of_varies(v, table),
        ValueRef::Composite(c) => {
            let defs = c.components();
            let mut parts: Vec<Part<'a>> = defs
                .iter()
                .filter_map(|def| {
                    let v = c.component(def.seq)?;
                    let n = node(v, components_of(def.datatype));
                    (!n.is_empty()).then_some(Part {
                        seq: usize::from(def.seq),
                        label: Some(def.label),
                        datatype: Some(def.datatype),
                        node: n,
                    })
                })
                .collect();
            if let Some(extra) = c.extra_components() {
                for (i, subs) in extra.components().enumerate() {
                    let n = node_of_subs(subs, None);
                    if !n.is_empty() {
                        parts.push(Part {
                            seq: defs.len() + 1 + i,
                            label: None,
                            datatype: None,
                            node: n,
                        });
                    }
                }
            }
            Node::Parts(parts)
        }
    }
}

/// A VARIES value (OBX-5, an extra repetition, a field of an undeclared segment), named by `table`
/// when its type is known.
fn node_of_varies<'a>(v: &'a Varies, table: Option<&'static [FieldDef]>) -> Node<'a> {
    if v.component_count() == 1 {
        if let Some([text]) = v.components().next() {
            return Node::Text(text.as_str());
        }
    }
    let parts = v
        .components()
        .enumerate()
        .filter_map(|(i, subs)| {
            let def = table.and_then(|t| t.get(i));
            let n = node_of_subs(subs, def.and_then(|d| components_of(d.datatype)));
            (!n.is_empty()).then(|| Part {
                seq: i + 1,
                label: def.map(|d| d.label),
                datatype: def.map(|d| d.datatype),
                node: n,
            })
        })
        .collect();
    Node::Parts(parts)
}

/// The subcomponents of one component of a VARIES value.
fn node_of_subs<'a>(subs: &'a [Text], table: Option<&'static [FieldDef]>) -> Node<'a> {
    if let [text] = subs {
        return Node::Text(text.as_str());
    }
    let parts = subs
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.is_empty())
        .map(|(j, s)| {
            let def = table.and_then(|t| t.get(j));
            Part {
                seq: j + 1,
                label: def.map(|d| d.label),
                datatype: def.map(|d| d.datatype),
                node: Node::Text(s.as_str()),
            }
        })
        .collect();
    Node::Parts(parts)
}

/// A field, component or subcomponent line, then its parts indented below it.
fn write_node(
    out: &mut dyn fmt::Write,
    indent: usize,
    path: &str,
    label: Option<&str>,
    datatype: Option<&str>,
    node: &Node<'_>,
) -> fmt::Result {
    write!(out, "{:indent$}{path}", "")?;
    if let Some(label) = label {
        write!(out, " {label}")?;
    }
    if let Some(text) = node.collapsed() {
        out.write_str(" = ")?;
        write_text(out, text)?;
        return out.write_char('\n');
    }
    let Node::Parts(parts) = node else {
        return out.write_char('\n');
    };
    if parts.is_empty() {
        return out.write_str(" = (present, empty)\n");
    }
    match datatype {
        Some(dt) => writeln!(out, " ({dt})")?,
        None => out.write_char('\n')?,
    }
    for p in parts {
        let path = format!("{path}.{}", p.seq);
        write_node(out, indent + 2, &path, p.label, p.datatype, &p.node)?;
    }
    Ok(())
}

/// A value's text: the HL7 null and an empty value said in words, control characters visible.
fn write_text(out: &mut dyn fmt::Write, text: &str) -> fmt::Result {
    if text == "\"\"" {
        return out.write_str("\"\"  (null: delete)");
    }
    if text.is_empty() {
        return out.write_str("(present, empty)");
    }
    write_visible(out, text)
}

/// Text with control characters made visible: `\r`, `\n`, `\u{7}`.
pub fn write_visible(out: &mut dyn fmt::Write, text: &str) -> fmt::Result {
    for ch in text.chars() {
        match ch {
            '\r' => out.write_str("\\r")?,
            '\n' => out.write_str("\\n")?,
            c if c.is_control() => write!(out, "\\u{{{:x}}}", u32::from(c))?,
            c => out.write_char(c)?,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn null_empty_absent_repetitions_and_extras_are_told_apart() {
        let input = b"MSH|^~\\&|EHR||IIS||20240315||VXU^V04^VXU_V04|1|P|2.5.1\r\
PID|1||A^^^X^MR~B^^^Y^SS||Doe^Jane|^^|20230110|F||||||||||||||||||\"\"|||||||||||||extra\r";
        let decoded = crate::model::decode(input).unwrap();
        let text = labelled(&decoded.message).to_string();
        for line in [
            "[1] MSH Message Header",
            "  MSH-9 Message Type (MSG)",
            "    MSH-9.1 Message Code = VXU",
            "  PID-3[2] Patient Identifier List (CX_IZ)",
            "    PID-3[2].5 Identifier Type Code = SS",
            "  PID-6 Mother's Maiden Name = (present, empty)",
            "  PID-26[1] Citizenship = \"\"  (null: delete)",
            "  PID-39[1] Tribal Citizenship = extra",
        ] {
            assert!(text.lines().any(|l| l == line), "no {line:?} in\n{text}");
        }
        assert!(!text.contains("PID-2 "), "an absent field is not shown");
    }

    #[test]
    fn control_characters_are_made_visible() {
        let mut out = String::new();
        write_visible(&mut out, "a\rb\u{7}").unwrap();
        assert_eq!(out, "a\\rb\\u{7}");
    }
}
