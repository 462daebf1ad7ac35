//! The two parse indexings must read the same message: [`Indexing::Segments`] (what the typed decoder
//! uses) may record less, never see differently. Shared by the tests and the `parse` fuzz target.

use izmsg::er7::{Indexing, Limits, Parser, Segment, Sep};

/// Parses `input` under both indexings and panics where they differ: the same error, or the same
/// segments, fields and warnings; and in both, a [`Segment::walk`] meets every field where
/// [`Segment::field`] puts it.
pub fn assert_indexings_agree(input: &[u8], limits: &Limits) {
    let mut by_fields = Parser::new(*limits);
    let mut by_segments = Parser::new(*limits);
    by_segments.indexing = Indexing::Segments;
    match (by_fields.parse(input), by_segments.parse(input)) {
        (Err(a), Err(b)) => assert_eq!(a, b, "the indexings fail differently"),
        (Ok(a), Ok(b)) => {
            assert_eq!(b.indexing(), Indexing::Segments);
            assert_eq!(a.warnings(), b.warnings());
            assert_eq!(a.delimiters(), b.delimiters());
            assert_eq!(a.segment_count(), b.segment_count());
            for (x, y) in a.segments().zip(b.segments()) {
                assert_eq!(x.id(), y.id());
                assert_eq!(x.span(), y.span());
                assert_eq!(x.is_header(), y.is_header());
                assert_eq!(x.field_count(), y.field_count(), "segment {}", x.index());
                for n in 0..=x.field_count() + 1 {
                    let (fx, fy) = (x.field(n), y.field(n));
                    assert_eq!(fx.map(|f| f.span()), fy.map(|f| f.span()), "field {n}");
                    assert_eq!(fx.map(|f| f.level()), fy.map(|f| f.level()), "field {n}");
                }
                assert_walk_meets_fields(&x);
                assert_walk_meets_fields(&y);
            }
        }
        (a, b) => panic!(
            "one indexing parsed and the other did not: {:?} / {:?}",
            a.err(),
            b.err()
        ),
    }
}

fn assert_walk_meets_fields(seg: &Segment<'_, '_>) {
    let mut walk = seg.walk();
    let mut seen = 0;
    while let Some(n) = walk.advance() {
        seen += 1;
        assert_eq!(n, seen);
        assert_eq!(walk.field(), n);
        let field = seg
            .field(n)
            .expect("the walk met a field the index does not have");
        let cur = walk.cursor();
        assert_eq!(
            cur.offset(),
            field.span().start,
            "field {n} starts elsewhere"
        );
        assert_eq!(
            cur.read(Sep::End).raw(),
            field.raw(),
            "field {n} reads differently"
        );
        assert!(cur.is_done());
    }
    assert_eq!(seen, seg.field_count());
    assert_eq!(walk.advance(), None, "a finished walk stays finished");
}
