//! One mapping from domain values to segments, two ways to run it: into typed segments
//! ([`VxuBuilder::build`](super::VxuBuilder::build)) or straight to ER7 bytes
//! ([`VxuBuilder::encode`](super::VxuBuilder::encode)).
//!
//! Each domain value says once where its parts go ([`MapTo::map`]), naming the fields and components
//! of the `segment!`/`composite!` declarations with [`field!`](crate::field) and
//! [`component!`](crate::component): a [`Key`] holds the sequence number the declaration gives the
//! member and a way to reach the member in the typed struct. A [`Sink`] receives the values:
//!
//! * [`Typed`] stores each value in its member, giving the same segment the old `to_*` functions built;
//! * [`Fields`] and [`Parts`] write each value at its position with an [`er7::Writer`](Writer), in the
//!   way the typed segment's encoder would have written it, without building it: no segment, no
//!   boxed composite, no copied text. Code texts come from the static code tables.
//!
//! A mapping puts its members in sequence order (the writer cannot go back), and it puts a member only
//! when the typed segment should hold it. `tests/build_direct.rs` checks that the two sinks give the
//! same bytes for every message of the bench generator and of the corpus.

use std::fmt::Write as _;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Timelike};

use crate::er7::Writer;
use crate::model::codec::{Depth, SegmentType};
use crate::model::decl::FieldDef;
use crate::model::types::{Dt, Dtm, Id, Is, Nm, Si, St, Tx, Varies};

/// A member of `S` (a segment's field or a composite's component) whose slot has type `T`: its
/// sequence number from the declaration, and how to reach it.
pub(crate) struct Key<S, T> {
    pub(crate) seq: u16,
    pub(crate) slot: fn(&mut S) -> &mut T,
}

impl<S, T> Clone for Key<S, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<S, T> Copy for Key<S, T> {}

/// The sequence number the declaration `decl` gives the member called `name` (0: none).
pub(crate) const fn seq_of(decl: &[FieldDef], name: &str) -> u16 {
    let mut rest = decl;
    while let [first, tail @ ..] = rest {
        if same(first.name.as_bytes(), name.as_bytes()) {
            return first.seq;
        }
        rest = tail;
    }
    0
}

const fn same(mut a: &[u8], mut b: &[u8]) -> bool {
    loop {
        match (a, b) {
            ([x, ar @ ..], [y, br @ ..]) => {
                if *x != *y {
                    return false;
                }
                a = ar;
                b = br;
            }
            ([], []) => return true,
            _ => return false,
        }
    }
}

/// The [`Key`] of a segment's field: `field!(Rxa, administered_code)` is RXA-5.
macro_rules! field {
    ($s:ty, $f:ident) => {
        $crate::model::domain::sink::Key::<$s, _> {
            seq: {
                #[allow(clippy::panic)]
                const SEQ: u16 =
                    match $crate::model::domain::sink::seq_of(<$s>::FIELDS, stringify!($f)) {
                        0 => panic!("not a declared field"),
                        n => n,
                    };
                SEQ
            },
            slot: |s: &mut $s| &mut s.$f,
        }
    };
}

/// The [`Key`] of a composite's component: `component!(Cwe, text)` is CWE.2.
macro_rules! component {
    ($s:ty, $f:ident) => {
        $crate::model::domain::sink::Key::<$s, _> {
            seq: {
                #[allow(clippy::panic)]
                const SEQ: u16 =
                    match $crate::model::domain::sink::seq_of(<$s>::COMPONENTS, stringify!($f)) {
                        0 => panic!("not a declared component"),
                        n => n,
                    };
                SEQ
            },
            slot: |s: &mut $s| &mut s.$f,
        }
    };
}

pub(crate) use {component, field};

/// Where the members of an `S` go.
pub(crate) trait Sink<S> {
    /// The member `key` holds `value`.
    fn put<T, V: Put<T> + ?Sized>(&mut self, key: Key<S, T>, value: &V);

    /// The member `key` holds `value`, when there is one.
    #[inline(always)]
    fn put_opt<T, V: Put<T> + ?Sized>(&mut self, key: Key<S, T>, value: Option<&V>) {
        if let Some(v) = value {
            self.put(key, v);
        }
    }
}

/// A domain value that fills a segment or a composite of type `T`, member by member.
pub(crate) trait MapTo<T> {
    /// Puts the members, in sequence order.
    fn map<K: Sink<T>>(&self, k: &mut K);
}

/// A value that a member slot of type `T` can hold: stored in the typed slot, or written where the
/// writer stands (`depth` is the value's own depth: a field repetition, a component, a subcomponent).
pub(crate) trait Put<T> {
    /// Stores the value in the slot.
    fn fill(&self, slot: &mut T);
    /// Writes the value as `T`'s encoder would.
    fn emit(&self, w: &mut Writer, depth: Depth);
}

/// The typed value `d` maps to.
pub(crate) fn typed<T: Default, D: MapTo<T> + ?Sized>(d: &D) -> T {
    let mut t = T::default();
    d.map(&mut Typed(&mut t));
    t
}

/// Stores each member in the typed struct.
pub(crate) struct Typed<'a, S>(pub(crate) &'a mut S);

impl<S> Sink<S> for Typed<'_, S> {
    #[inline(always)]
    fn put<T, V: Put<T> + ?Sized>(&mut self, key: Key<S, T>, value: &V) {
        value.fill((key.slot)(self.0));
    }
}

/// Writes the fields of one segment.
pub(crate) struct Fields<'w> {
    w: &'w mut Writer,
    /// The field the writer is at.
    at: u16,
    /// Fields up to this one are the header's delimiters, written by `begin_segment`.
    header: u16,
}

impl<S> Sink<S> for Fields<'_> {
    #[inline(always)]
    fn put<T, V: Put<T> + ?Sized>(&mut self, key: Key<S, T>, value: &V) {
        if key.seq <= self.header {
            return;
        }
        debug_assert!(key.seq > self.at, "fields put out of order");
        while self.at < key.seq {
            self.w.next_field();
            self.at += 1;
        }
        value.emit(self.w, Depth::Repetition);
    }
}

/// Writes the segment `d` maps to, begin to end, as `S`'s encoder writes a segment built from it.
#[inline]
pub(crate) fn write_segment<S: SegmentType, D: MapTo<S> + ?Sized>(w: &mut Writer, d: &D) {
    w.begin_segment(S::ID);
    let header = if matches!(S::ID, "MSH" | "FHS" | "BHS") {
        2
    } else {
        0
    };
    let mut fields = Fields {
        w,
        at: header,
        header,
    };
    d.map::<Fields<'_>>(&mut fields);
    fields.w.end_segment();
}

/// Writes the components of one composite value at `depth`.
pub(crate) struct Parts<'w> {
    w: &'w mut Writer,
    depth: Depth,
    /// The part the writer is at.
    at: u16,
}

impl<S> Sink<S> for Parts<'_> {
    #[inline(always)]
    fn put<T, V: Put<T> + ?Sized>(&mut self, key: Key<S, T>, value: &V) {
        if self.depth == Depth::Subcomponent {
            // No room for parts: the first component stands for the value.
            if key.seq == 1 {
                value.emit(self.w, Depth::Subcomponent);
            }
            return;
        }
        debug_assert!(key.seq >= self.at, "components put out of order");
        while self.at < key.seq {
            self.depth.next_part(self.w);
            self.at += 1;
        }
        value.emit(self.w, self.depth.child());
    }
}

/// Writes the composite `d` maps to at `depth`, as the composite's encoder writes one built from it
/// (trailing empty parts left out).
#[inline]
pub(crate) fn write_composite<T, D: MapTo<T> + ?Sized>(d: &D, w: &mut Writer, depth: Depth) {
    let mut parts = Parts { w, depth, at: 1 };
    d.map::<Parts<'_>>(&mut parts);
    match depth {
        Depth::Repetition => parts.w.trim_pending(2),
        Depth::Component => parts.w.trim_pending(3),
        Depth::Subcomponent => {}
    }
}

/// A composite in a slot that holds at most one (`Option<Box<T>>`, a field or a component).
impl<T: Default, D: MapTo<T> + ?Sized> Put<Option<Box<T>>> for D {
    #[inline]
    fn fill(&self, slot: &mut Option<Box<T>>) {
        let mut t = Box::<T>::default();
        self.map(&mut Typed(&mut *t));
        *slot = Some(t);
    }

    #[inline]
    fn emit(&self, w: &mut Writer, depth: Depth) {
        write_composite::<T, D>(self, w, depth);
    }
}

/// Every value of a slice, one repetition each, in a field that repeats.
pub(crate) struct Each<'a, D>(pub(crate) &'a [D]);

/// Writes repetitions as a `Vec` slot's encoder does: a trailing empty repetition after others is
/// kept (`a~`).
#[inline]
fn emit_each<D>(items: &[D], w: &mut Writer, mut one: impl FnMut(&D, &mut Writer)) {
    let n = items.len();
    for (i, d) in items.iter().enumerate() {
        if i > 0 {
            w.next_repetition();
        }
        let before = w.as_bytes().len();
        one(d, w);
        // Nothing written (only separators, since trimmed): an empty repetition.
        if i + 1 == n && n > 1 && w.as_bytes().len() == before {
            w.mark();
        }
    }
}

impl<T: Default, D: MapTo<T>> Put<Vec<T>> for Each<'_, D> {
    fn fill(&self, slot: &mut Vec<T>) {
        *slot = self.0.iter().map(typed).collect();
    }

    #[inline]
    fn emit(&self, w: &mut Writer, _depth: Depth) {
        emit_each(self.0, w, |d, w| {
            write_composite::<T, D>(d, w, Depth::Repetition);
        });
    }
}

/// Every text of a slice, one repetition each, in a field of a primitive type that repeats.
pub(crate) struct EachText<'a>(pub(crate) &'a [String]);

/// Writes UTF-8 text, escaped.
#[inline(always)]
pub(crate) fn text(w: &mut Writer, bytes: &[u8]) {
    w.text_bytes(bytes);
}

/// The primitive types: text put as it is.
macro_rules! text_put {
    ($($p:ident),*) => {$(
        impl Put<$p> for str {
            #[inline(always)]
            fn fill(&self, slot: &mut $p) {
                *slot = $p::from(self);
            }
            #[inline(always)]
            fn emit(&self, w: &mut Writer, _depth: Depth) {
                text(w, self.as_bytes());
            }
        }

        impl Put<Option<$p>> for str {
            #[inline(always)]
            fn fill(&self, slot: &mut Option<$p>) {
                *slot = Some($p::from(self));
            }
            #[inline(always)]
            fn emit(&self, w: &mut Writer, _depth: Depth) {
                text(w, self.as_bytes());
            }
        }

        impl Put<$p> for Short {
            #[inline(always)]
            fn fill(&self, slot: &mut $p) {
                *slot = $p::from(self.as_str());
            }
            #[inline(always)]
            fn emit(&self, w: &mut Writer, _depth: Depth) {
                text(w, self.as_bytes());
            }
        }

        impl Put<Option<$p>> for Short {
            #[inline(always)]
            fn fill(&self, slot: &mut Option<$p>) {
                *slot = Some($p::from(self.as_str()));
            }
            #[inline(always)]
            fn emit(&self, w: &mut Writer, _depth: Depth) {
                text(w, self.as_bytes());
            }
        }

        impl Put<Vec<$p>> for EachText<'_> {
            fn fill(&self, slot: &mut Vec<$p>) {
                *slot = self.0.iter().map(|s| $p::from(s.as_str())).collect();
            }
            #[inline]
            fn emit(&self, w: &mut Writer, _depth: Depth) {
                emit_each(self.0, w, |s, w| text(w, s.as_bytes()));
            }
        }
    )*};
}

text_put!(St, Id, Is, Nm, Si, Tx, Dt, Dtm);

/// Short text formatted on the stack (numbers, dates): no allocation.
pub(crate) struct Short {
    buf: [u8; 48],
    len: usize,
}

impl Short {
    pub(crate) fn new() -> Short {
        Short {
            buf: [0; 48],
            len: 0,
        }
    }

    /// The text's bytes (what the writer takes, without a UTF-8 check).
    #[inline]
    pub(crate) fn as_bytes(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or(&[])
    }

    pub(crate) fn as_str(&self) -> &str {
        self.buf
            .get(..self.len)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("")
    }

    #[inline]
    fn push(&mut self, b: u8) {
        if let Some(slot) = self.buf.get_mut(self.len) {
            *slot = b;
            self.len += 1;
        }
    }

    /// `v` with at least `width` digits, zero-padded, as `{:0width$}` writes it.
    #[inline]
    pub(crate) fn digits(&mut self, v: u64, width: usize) {
        if v < 10000 && width == 4 {
            // Years.
            self.push(b'0' + (v / 1000) as u8);
            self.push(b'0' + (v / 100 % 10) as u8);
            self.push(b'0' + (v / 10 % 10) as u8);
            self.push(b'0' + (v % 10) as u8);
            return;
        }
        if v < 100 && width == 2 {
            // Dates and times: two digits.
            self.push(b'0' + (v / 10) as u8);
            self.push(b'0' + (v % 10) as u8);
            return;
        }
        let mut tmp = [0u8; 20];
        let mut n = 0;
        let mut v = v;
        loop {
            if let Some(slot) = tmp.get_mut(n) {
                *slot = b'0' + (v % 10) as u8;
            }
            n += 1;
            v /= 10;
            if v == 0 {
                break;
            }
        }
        for _ in n..width {
            self.push(b'0');
        }
        for i in (0..n).rev() {
            if let Some(&d) = tmp.get(i) {
                self.push(d);
            }
        }
    }
}

impl std::fmt::Write for Short {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let end = self.len + s.len();
        match self.buf.get_mut(self.len..end) {
            Some(dst) => {
                dst.copy_from_slice(s.as_bytes());
                self.len = end;
                Ok(())
            }
            None => Err(std::fmt::Error),
        }
    }
}

/// A counter (set IDs, sub-IDs), written in decimal.
pub(crate) fn number(n: u64) -> Short {
    let mut s = Short::new();
    s.digits(n, 1);
    s
}

/// A year as `{:04}` writes it: the fast path for years 0 to 9999.
pub(crate) fn year(s: &mut Short, y: i32) {
    match u64::try_from(y) {
        Ok(y) if y <= 9999 => s.digits(y, 4),
        _ => {
            let _ = write!(s, "{y:04}");
        }
    }
}

/// A date as `%Y%m%d` (DT, and DTM of day precision).
pub(crate) fn date_text(d: NaiveDate) -> Short {
    let mut s = Short::new();
    if (0..=9999).contains(&d.year()) {
        year(&mut s, d.year());
        s.digits(u64::from(d.month()), 2);
        s.digits(u64::from(d.day()), 2);
    } else {
        let _ = write!(s, "{}", d.format("%Y%m%d"));
    }
    s
}

/// A date and time with its offset as `%Y%m%d%H%M%S%z` (MSH-7).
pub(crate) fn datetime_text(t: &DateTime<FixedOffset>) -> Short {
    let mut s = Short::new();
    let offset = t.offset().local_minus_utc();
    let local = t.naive_local();
    if (0..=9999).contains(&local.year()) && offset % 60 == 0 {
        year(&mut s, local.year());
        for v in [
            local.month(),
            local.day(),
            local.hour(),
            local.minute(),
            local.second(),
        ] {
            s.digits(u64::from(v), 2);
        }
        s.push(if offset < 0 { b'-' } else { b'+' });
        let minutes = u64::from(offset.unsigned_abs() / 60);
        s.digits(minutes / 60, 2);
        s.digits(minutes % 60, 2);
    } else {
        let _ = write!(s, "{}", t.format("%Y%m%d%H%M%S%z"));
    }
    s
}

/// OBX-5: what the builder writes as the observation's value.
pub(crate) enum ObsValue<'a> {
    /// A CE value: code, text and coding system (trailing empty ones left out).
    Coded(&'a crate::model::domain::Coded),
    /// Text as it is (numbers, strings).
    Text(&'a str),
    /// Text formatted on the stack (dates).
    Short(Short),
}

impl Put<Option<Box<Varies>>> for ObsValue<'_> {
    fn fill(&self, slot: &mut Option<Box<Varies>>) {
        *slot = Some(Box::new(match self {
            ObsValue::Coded(c) => c.to_varies(),
            ObsValue::Text(t) => Varies::text(t),
            ObsValue::Short(s) => Varies::text(s.as_str()),
        }));
    }

    #[inline]
    fn emit(&self, w: &mut Writer, depth: Depth) {
        match self {
            ObsValue::Coded(c) => {
                // As `Varies` writes `Coded::to_varies`: the trailing empty components it drops are
                // trimmed by the writer here.
                let parts = [
                    c.code.as_str(),
                    c.text.as_deref().unwrap_or_default(),
                    c.system.as_deref().unwrap_or_default(),
                ];
                for (i, p) in parts.into_iter().enumerate() {
                    if i > 0 {
                        depth.next_part(w);
                    }
                    text(w, p.as_bytes());
                }
            }
            ObsValue::Text(t) => text(w, t.as_bytes()),
            ObsValue::Short(s) => text(w, s.as_bytes()),
        }
    }
}
