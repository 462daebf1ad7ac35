//! VARIES: a value whose type is known only at run time (OBX-5, whose type OBX-2 names), or a field the
//! segment does not define. Kept as components of subcomponents of text, exactly as it came.

use crate::er7::{Cursor, Delimiters, Limits, Sep, Writer, parse_segments};
use crate::model::codec::{DataType, DecodeCx, Depth};

use super::primitive::read_text_into;
use super::text::Text;

/// A value of run-time type: components, each a list of subcomponents, as decoded text.
///
/// The texts are held in one vector, component after component; how many subcomponents each component
/// has is recorded only when some component has other than one (`a^b&c`), so a decoded OBX-5 costs
/// one allocation.
///
/// ```
/// use izmsg::model::types::{Cwe, Varies};
/// let v = Varies::from_components(&["V02", "VFC eligible - Medicaid", "HL70064"]);
/// assert_eq!(v.component(1), "V02");
/// assert_eq!(v.component_count(), 3);
/// let cwe: Cwe = v.to_type();
/// assert_eq!(cwe.name_of_coding_system.as_str(), "HL70064");
///
/// let nested = Varies::from_parts(vec![vec!["a".into()], vec!["b".into(), "c".into()]]);
/// let subs: Vec<&str> = nested.components().nth(1).unwrap().iter().map(|t| t.as_str()).collect();
/// assert_eq!(subs, ["b", "c"]);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Varies {
    /// Every subcomponent's text, component after component.
    parts: Vec<Text>,
    /// How many subcomponents each component has; `None` when each has exactly one. Kept in that
    /// canonical form, so that equal values compare equal.
    counts: Option<Vec<u32>>,
}

impl Varies {
    /// A value of one component.
    pub fn text(s: &str) -> Varies {
        Varies {
            parts: vec![Text::from(s)],
            counts: None,
        }
    }

    /// A value of several components, no subcomponents.
    pub fn from_components(parts: &[&str]) -> Varies {
        Varies {
            parts: parts.iter().map(|p| Text::from(*p)).collect(),
            counts: None,
        }
    }

    /// A value from its components, each a list of subcomponents.
    pub fn from_parts(components: Vec<Vec<Text>>) -> Varies {
        let mut v = Varies::default();
        for c in components {
            v.push_component(c);
        }
        v
    }

    /// Appends a component made of these subcomponents.
    pub fn push_component(&mut self, subcomponents: impl IntoIterator<Item = Text>) {
        let (before, first) = (self.component_count(), self.parts.len());
        self.parts.extend(subcomponents);
        self.close_component(before, first);
    }

    /// Records the component whose texts were pushed from `parts[first]` on, when `before`
    /// components came ahead of it.
    fn close_component(&mut self, before: usize, first: usize) {
        self.close_component_at(before, first, self.parts.len());
    }

    /// [`close_component`](Self::close_component) for the component of texts `first..end`.
    fn close_component_at(&mut self, before: usize, first: usize, end: usize) {
        let n = u32::try_from(end.saturating_sub(first)).unwrap_or(u32::MAX);
        if n != 1 && self.counts.is_none() {
            self.counts = Some(vec![1; before]);
        }
        if let Some(counts) = &mut self.counts {
            counts.push(n);
        }
    }

    /// Reads subcomponent text number `*n` into the text held there, or a new one, and counts it.
    fn read_part(&mut self, n: &mut usize, cur: &mut Cursor<'_, '_>, cx: &mut DecodeCx) {
        if *n >= self.parts.len() {
            self.parts.push(Text::new());
        }
        if let Some(slot) = self.parts.get_mut(*n) {
            read_text_into(slot, cur, Depth::Subcomponent, cx);
        }
        *n += 1;
    }

    /// How many components the first `n` texts make (while a value is read in place: the texts
    /// past `n` are an earlier value's).
    fn component_count_upto(&self, n: usize) -> usize {
        self.counts.as_ref().map_or(n, Vec::len)
    }

    /// How many components there are.
    pub fn component_count(&self) -> usize {
        self.counts.as_ref().map_or(self.parts.len(), Vec::len)
    }

    /// The components in order, each as its subcomponents.
    pub fn components(&self) -> impl Iterator<Item = &[Text]> + '_ {
        let mut rest = self.parts.as_slice();
        let mut counts = self.counts.as_deref().map(<[u32]>::iter);
        std::iter::from_fn(move || {
            let n = match &mut counts {
                Some(c) => *c.next()? as usize,
                None if rest.is_empty() => return None,
                None => 1,
            };
            let (head, tail) = rest.split_at_checked(n)?;
            rest = tail;
            Some(head)
        })
    }

    /// The components as lists of subcomponents (a copy).
    pub fn to_parts(&self) -> Vec<Vec<Text>> {
        self.components().map(<[Text]>::to_vec).collect()
    }

    /// Component `n` (from 1), its first subcomponent; `""` when absent.
    pub fn component(&self, n: usize) -> &str {
        let Some(i) = n.checked_sub(1) else {
            return "";
        };
        let first = match &self.counts {
            None => self.parts.get(i),
            Some(_) => self.components().nth(i).and_then(<[Text]>::first),
        };
        first.map_or("", Text::as_str)
    }

    /// The first component's text.
    pub fn as_str(&self) -> &str {
        self.component(1)
    }

    /// Reads the value as a typed data type (for OBX-5, the type OBX-2 names).
    pub fn to_type<T: DataType>(&self) -> T {
        let mut w = Writer::new();
        w.begin_segment("ZZZ");
        w.next_field();
        self.encode(&mut w, Depth::Repetition);
        let bytes = w.finish();
        let mut cx = DecodeCx::default();
        match parse_segments(&bytes, Delimiters::default(), &Limits::default()) {
            Ok(msg) => match msg
                .segment(0)
                .and_then(|s| s.field(1))
                .and_then(|f| f.repetition(0))
            {
                Some(rep) => T::decode(rep, &mut cx),
                None => T::default(),
            },
            Err(_) => T::default(),
        }
    }
}

impl DataType for Varies {
    const HL7_TYPE: &'static str = "varies";

    fn value_ref(&self) -> crate::model::reflect::ValueRef<'_> {
        crate::model::reflect::ValueRef::Varies(self)
    }

    fn decode_cur(&mut self, cur: &mut Cursor<'_, '_>, depth: Depth, cx: &mut DecodeCx) {
        // The texts of a value held from an earlier decode are overwritten in place (their vector
        // and long texts' buffers reused); `n` counts the texts read.
        let mut out = Varies {
            parts: std::mem::take(&mut self.parts),
            counts: None,
        };
        let mut n = 0;
        // Each text is charged to the decode budget; once it is spent the value ends where it is.
        let part = std::mem::size_of::<Text>();
        match depth {
            Depth::Repetition => 'value: loop {
                let (before, first) = (out.component_count_upto(n), n);
                loop {
                    if !cx.charge(part, cur.offset()) {
                        out.close_component_at(before, first, n);
                        break 'value;
                    }
                    out.read_part(&mut n, cur, cx);
                    if cur.at() != Sep::Sub {
                        break;
                    }
                    cur.skip();
                }
                out.close_component_at(before, first, n);
                if cur.at() != Sep::Comp {
                    break;
                }
                cur.skip();
            },
            // The parts of a component are its subcomponents: each stands as one component here.
            Depth::Component => loop {
                if !cx.charge(part, cur.offset()) {
                    break;
                }
                out.read_part(&mut n, cur, cx);
                if cur.at() != Sep::Sub {
                    break;
                }
                cur.skip();
            },
            Depth::Subcomponent => out.read_part(&mut n, cur, cx),
        }
        out.parts.truncate(n);
        *self = out;
    }

    fn encode(&self, w: &mut Writer, depth: Depth) {
        let mut positions = 0;
        for (i, comp) in self.components().enumerate() {
            if i > 0 {
                depth.next_part(w);
            }
            for (j, sub) in comp.iter().enumerate() {
                if j > 0 {
                    depth.child().next_part(w);
                }
                w.text_bytes(sub.as_bytes());
                positions += 1;
            }
            // Keep the subcomponent separators of a component with several (`^&^`): moving to the
            // next component would trim them as trailing.
            if comp.len() > 1 && depth == Depth::Repetition {
                w.mark();
            }
        }
        if positions > 1 && depth != Depth::Subcomponent {
            w.mark();
        }
    }

    fn is_empty(&self) -> bool {
        self.parts.iter().all(Text::is_empty)
    }
}

#[cfg(feature = "serde")]
mod serde_impl {
    use super::{Text, Varies};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Serialize, Deserialize)]
    #[serde(untagged)]
    enum Repr {
        Text(Text),
        Components(Vec<Vec<Text>>),
    }

    impl Serialize for Varies {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            match (self.parts.as_slice(), &self.counts) {
                ([only], None) => s.serialize_str(only.as_str()),
                _ => s.collect_seq(self.components()),
            }
        }
    }

    impl<'de> Deserialize<'de> for Varies {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            Ok(match Repr::deserialize(d)? {
                Repr::Text(t) => Varies {
                    parts: vec![t],
                    counts: None,
                },
                Repr::Components(c) => Varies::from_parts(c),
            })
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn parts(v: &[&[&str]]) -> Vec<Vec<Text>> {
        v.iter()
            .map(|c| c.iter().map(|s| Text::from(*s)).collect())
            .collect()
    }

    #[test]
    fn one_shape_one_value() {
        // Built any way, the same components compare (and hash) equal.
        let flat = Varies::from_parts(parts(&[&["a"], &["b"]]));
        assert_eq!(flat, Varies::from_components(&["a", "b"]));
        assert_eq!(flat.counts, None);
        let nested = Varies::from_parts(parts(&[&["a"], &["b", "c"], &[], &["d"]]));
        assert_eq!(nested.component_count(), 4);
        assert_eq!(
            nested.to_parts(),
            parts(&[&["a"], &["b", "c"], &[], &["d"]])
        );
        assert_eq!(nested.component(2), "b");
        assert_eq!(nested.component(3), "");
        assert_eq!(nested.component(4), "d");
        assert_eq!(nested.component(5), "");
        assert_eq!(nested.component(0), "");
    }

    #[test]
    fn nested_values_read_back_from_the_wire() {
        let msg = crate::er7::parse(b"MSH|^~\\&\rZZZ|a^b&c&^^d\r").unwrap();
        let field = msg.segment(1).unwrap().field(1).unwrap();
        let v = Varies::decode(field, &mut DecodeCx::default());
        assert_eq!(
            v.to_parts(),
            parts(&[&["a"], &["b", "c", ""], &[""], &["d"]])
        );
        let mut w = Writer::new();
        w.begin_segment("ZZZ");
        w.next_field();
        v.encode(&mut w, Depth::Repetition);
        w.end_segment();
        assert_eq!(w.finish(), b"ZZZ|a^b&c&^^d\r");
    }

    #[cfg(feature = "serde")]
    #[test]
    fn json_keeps_the_shape() {
        for v in [
            Varies::text("20240315"),
            Varies::from_components(&["V02", "VFC eligible", "HL70064"]),
            Varies::from_parts(parts(&[&["a"], &["b", "c"]])),
        ] {
            let json = serde_json::to_string(&v).unwrap();
            assert_eq!(serde_json::from_str::<Varies>(&json).unwrap(), v, "{json}");
        }
        assert_eq!(serde_json::to_string(&Varies::text("x")).unwrap(), "\"x\"");
    }
}
