//! The wire layer: HL7 v2 encoding rules (ER7), with no HL7 meaning yet.
//!
//! * [`parse`] turns the bytes of one message into a borrowed [`Message`]: an index of segment and
//!   field offsets, from which every [`Value`] (field, repetition, component, subcomponent) can be reached
//!   with its byte span. Tolerated sloppiness is listed in [`Message::warnings`]. A [`Parser`] reuses
//!   its vectors; with [`Indexing::Segments`] it records segment ends only, for readers that walk each
//!   segment's fields in order with a [`Cursor`] ([`Segment::walk`]).
//! * [`escape`] decodes and encodes escape sequences.
//! * [`Writer`] produces ER7 from scratch, escaping as it goes; [`Message::write_to`] writes a parsed
//!   message back byte for byte.
//! * [`split`] separates batch files (FHS/BHS ... BTS/FTS) and streams of messages; [`BatchBuilder`]
//!   builds a batch with correct counts. For files of any size, [`BatchReader`] reads the same
//!   messages from a `BufRead` one at a time and [`BatchWriter`] writes the same bytes to a `Write`
//!   as the messages come, each in the memory of one message.
//! * [`mllp`] frames messages for MLLP and deframes a byte stream chunk by chunk.
//! * [`pieces`] cuts any input (one message, several, a batch, MLLP frames) into the byte ranges of
//!   its messages, lazily; [`Parser::parse_range`] parses one of them.
//!
//! Non-UTF-8 input is handled losslessly: parsing works on bytes, [`Message::warnings`] reports
//! [`WarningKind::NonUtf8`] with the first offending offset, and text accessors read bytes that are not
//! valid UTF-8 as ISO-8859-1 (the usual legacy character set of US HL7 feeds), one character per byte.
//!
//! ```
//! use izmsg::er7;
//! let input = b"MSH|^~\\&|EHR|CLINIC|IIS|STATE|20240101||VXU^V04^VXU_V04|1|P|2.5.1\rRXA|0|1|20240101||208^COVID^CVX|0.3|mL^^UCUM\r";
//! let msg = er7::parse(input)?;
//! let rxa = msg.segment_by_id("RXA").unwrap();
//! assert_eq!(rxa.field(5).unwrap().component(1).text(), "208");
//! assert_eq!(msg.to_bytes(), input); // byte-exact write-back
//! # Ok::<(), er7::Error>(())
//! ```

mod batch;
mod batch_reader;
mod batch_writer;
mod cursor;
mod delimiters;
mod error;
pub mod escape;
mod message;
pub mod mllp;
mod pieces;
mod value;
mod writer;

pub use batch::{Batch, BatchBuilder, BatchGroup, split, split_with};
pub use batch_reader::{BatchItem, BatchReadError, BatchReader};
pub use batch_writer::BatchWriter;
pub use cursor::{Classes, Cursor, Sep, Token};
pub use delimiters::{DelimiterProblem, Delimiters, SEGMENT_TERMINATOR};
pub use error::{Error, LimitKind, Limits, Warning, WarningKind};
pub use escape::{EscapeIssue, EscapeIssueKind};
pub use message::{
    FieldWalk, Index, Indexing, Message, Parser, Segment, parse, parse_segments, parse_with,
};
pub use pieces::{Piece, Pieces, Position, pieces};
pub use value::{Children, Level, Value};
pub use writer::Writer;
