//! VARIES: a value whose type is known only at run time (OBX-5, whose type OBX-2 names), or a field the
//! segment does not define. Kept as components of subcomponents of text, exactly as it came.

use crate::er7::{Cursor, Delimiters, Limits, Sep, Writer, parse_segments};
use crate::model::codec::{DataType, DecodeCx, Depth};

use super::primitive::read_text;
use super::text::Text;

/// A value of run-time type: components, each a list of subcomponents, as decoded text.
///
/// ```
/// use izmsg::model::types::{Cwe, Varies};
/// let v = Varies::from_components(&["V02", "VFC eligible - Medicaid", "HL70064"]);
/// assert_eq!(v.component(1), "V02");
/// let cwe: Cwe = v.to_type();
/// assert_eq!(cwe.name_of_coding_system.as_str(), "HL70064");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Varies(pub Vec<Vec<Text>>);

impl Varies {
    /// A value of one component.
    pub fn text(s: &str) -> Varies {
        Varies(vec![vec![Text::from(s)]])
    }

    /// A value of several components, no subcomponents.
    pub fn from_components(parts: &[&str]) -> Varies {
        Varies(parts.iter().map(|p| vec![Text::from(*p)]).collect())
    }

    /// Component `n` (from 1), its first subcomponent; `""` when absent.
    pub fn component(&self, n: usize) -> &str {
        n.checked_sub(1)
            .and_then(|i| self.0.get(i))
            .and_then(|c| c.first())
            .map_or("", Text::as_str)
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

    fn decode_cur(&mut self, cur: &mut Cursor<'_, '_>, depth: Depth, cx: &mut DecodeCx) {
        let mut out = Vec::new();
        match depth {
            Depth::Repetition => loop {
                let mut subs = Vec::new();
                loop {
                    subs.push(read_text(cur, Depth::Subcomponent, cx));
                    if cur.at() != Sep::Sub {
                        break;
                    }
                    cur.skip();
                }
                out.push(subs);
                if cur.at() != Sep::Comp {
                    break;
                }
                cur.skip();
            },
            // The parts of a component are its subcomponents: each stands as one component here.
            Depth::Component => loop {
                out.push(vec![read_text(cur, Depth::Subcomponent, cx)]);
                if cur.at() != Sep::Sub {
                    break;
                }
                cur.skip();
            },
            Depth::Subcomponent => out.push(vec![read_text(cur, Depth::Subcomponent, cx)]),
        }
        self.0 = out;
    }

    fn encode(&self, w: &mut Writer, depth: Depth) {
        let mut positions = 0;
        for (i, comp) in self.0.iter().enumerate() {
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
        self.0.iter().all(|c| c.iter().all(Text::is_empty))
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
            match self.0.as_slice() {
                [only] if only.len() == 1 => s.serialize_str(only.first().map_or("", Text::as_str)),
                _ => self.0.serialize(s),
            }
        }
    }

    impl<'de> Deserialize<'de> for Varies {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            Ok(match Repr::deserialize(d)? {
                Repr::Text(t) => Varies(vec![vec![t]]),
                Repr::Components(c) => Varies(c),
            })
        }
    }
}
