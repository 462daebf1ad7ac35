//! [`BatchWriter`]: a batch file written to any [`std::io::Write`] as the messages come.

use std::io::{self, Write};

use super::batch::{Envelope, message_body};
use super::delimiters::{Delimiters, SEGMENT_TERMINATOR};
use super::writer::Writer;

/// Writes a batch file (FHS, BHS, the messages, BTS, FTS) to a sink, message by message.
///
/// Each message is written when it is pushed; nothing of it is kept, so a file of any number of
/// messages costs the memory of the caller's one message. The bytes are those
/// [`BatchBuilder`](super::BatchBuilder) builds in memory for the same calls: FHS and BHS before the
/// first message of a batch, BTS with the batch's message count, FTS with the number of batches.
///
/// Each push is two writes to the sink: give it a [`std::io::BufWriter`] around a file or socket.
/// A write that fails is returned as it is; the file is then incomplete, and every later call
/// fails too.
///
/// ```
/// use izmsg::er7::{split, BatchWriter};
/// let mut out = Vec::new();
/// let mut w = BatchWriter::new(&mut out);
/// w.file_header(&["EHR", "CLINIC", "IIS", "STATE", "20240101"]);
/// w.push(b"MSH|^~\\&|EHR\rPID|1\r")?;
/// w.push(b"MSH|^~\\&|EHR\rPID|2")?;
/// w.finish()?;
/// assert!(out.ends_with(b"BTS|2\rFTS|1\r"));
/// let batch = split(&out).unwrap();
/// assert_eq!(batch.message_count(), 2);
/// assert!(batch.warnings.is_empty());
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Debug)]
pub struct BatchWriter<W: Write> {
    sink: W,
    envelope: Envelope,
    /// Envelope segments on their way to the sink.
    scratch: Writer,
    failed: bool,
}

impl<W: Write> BatchWriter<W> {
    /// A writer with the standard delimiters.
    pub fn new(sink: W) -> BatchWriter<W> {
        BatchWriter::with_delimiters(sink, Delimiters::default())
    }

    /// A writer with the given delimiters (the messages pushed must use the same).
    pub fn with_delimiters(sink: W, delimiters: Delimiters) -> BatchWriter<W> {
        BatchWriter {
            sink,
            envelope: Envelope::default(),
            scratch: Writer::with_delimiters(delimiters),
            failed: false,
        }
    }

    /// Sets FHS-3 onwards (sending application, sending facility, receiving application, receiving
    /// facility, file creation date/time ...). Also used for BHS-3 onwards. Call before
    /// [`push`](Self::push).
    pub fn file_header(&mut self, fields: &[&str]) -> &mut Self {
        self.envelope.set_fields(fields);
        self
    }

    /// Writes one ER7 message (terminated with CR if it is not already), after the FHS and BHS
    /// that must come before it.
    pub fn push(&mut self, message: &[u8]) -> io::Result<()> {
        self.check()?;
        if self.envelope.needs_open() {
            self.envelope.open(&mut self.scratch);
            self.write_scratch()?;
        }
        let body = message_body(message);
        let written = self
            .sink
            .write_all(body)
            .and_then(|()| self.sink.write_all(&[SEGMENT_TERMINATOR]));
        self.failed = written.is_err();
        written?;
        self.envelope.count_message();
        Ok(())
    }

    /// Closes the current batch (BTS) so that the next message opens a new one.
    pub fn next_batch(&mut self) -> io::Result<()> {
        self.check()?;
        self.envelope.close_batch(&mut self.scratch);
        self.write_scratch()
    }

    /// How many messages have been written.
    pub fn message_count(&self) -> usize {
        self.envelope.messages()
    }

    /// The sink.
    pub fn get_ref(&self) -> &W {
        &self.sink
    }

    /// Writes the trailers (BTS, FTS), flushes the sink and returns it. A file with no message holds
    /// one empty batch, as [`BatchBuilder::finish`](super::BatchBuilder::finish) writes it.
    pub fn finish(mut self) -> io::Result<W> {
        self.check()?;
        self.envelope.close_file(&mut self.scratch);
        self.write_scratch()?;
        self.sink.flush()?;
        Ok(self.sink)
    }

    fn check(&self) -> io::Result<()> {
        if self.failed {
            return Err(io::Error::other(
                "an earlier write of this batch failed: the batch file is incomplete",
            ));
        }
        Ok(())
    }

    fn write_scratch(&mut self) -> io::Result<()> {
        let written = self.sink.write_all(self.scratch.as_bytes());
        self.scratch.clear();
        self.failed = written.is_err();
        written
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use crate::er7::BatchBuilder;

    /// The same calls on both writers, and what each wrote.
    fn both(fields: &[&str], steps: &[Option<&[u8]>]) -> (Vec<u8>, Vec<u8>) {
        let mut b = BatchBuilder::new();
        let mut w = BatchWriter::new(Vec::new());
        b.file_header(fields);
        w.file_header(fields);
        for step in steps {
            match step {
                Some(m) => {
                    b.push(m);
                    w.push(m).unwrap();
                }
                None => {
                    b.next_batch();
                    w.next_batch().unwrap();
                }
            }
        }
        (b.finish(), w.finish().unwrap())
    }

    #[test]
    fn the_same_bytes_as_the_builder_for_every_shape() {
        let m1: &[u8] = b"MSH|^~\\&|A\rPID|1\r";
        let m2: &[u8] = b"MSH|^~\\&|B\nPID|2\r\n\r\n";
        let shapes: [&[Option<&[u8]>]; 6] = [
            &[],
            &[None],
            &[Some(m1)],
            &[Some(m1), Some(m2), None, Some(m1)],
            &[Some(m1), None, None, Some(m2), None],
            &[Some(b""), Some(b"\r")],
        ];
        for fields in [&[][..], &["EHR", "C|LINIC", "", "IIS"][..]] {
            for steps in shapes {
                let (built, streamed) = both(fields, steps);
                assert_eq!(built, streamed, "{steps:?}");
                if steps
                    .iter()
                    .flatten()
                    .any(|m| m.iter().all(|&b| b == b'\r'))
                {
                    // An empty message is an empty line: nothing to read back.
                    continue;
                }
                let batch = crate::er7::split(&streamed).unwrap();
                let pushed = steps.iter().flatten().count();
                assert_eq!(batch.message_count(), pushed);
                assert!(batch.warnings.is_empty(), "{:?}", batch.warnings);
            }
        }
        let (built, _) = both(&["EHR"], &[Some(m1), None, Some(m2)]);
        assert_eq!(
            built,
            b"FHS|^~\\&|EHR\rBHS|^~\\&|EHR\rMSH|^~\\&|A\rPID|1\rBTS|1\rBHS|^~\\&|EHR\r\
              MSH|^~\\&|B\nPID|2\rBTS|1\rFTS|2\r"
        );
    }

    /// A sink that takes `room` bytes, then fails.
    struct Full {
        room: usize,
        flushed: bool,
    }

    impl Write for Full {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.room == 0 {
                return Err(io::Error::new(io::ErrorKind::StorageFull, "full"));
            }
            let n = buf.len().min(self.room);
            self.room -= n;
            Ok(n)
        }
        fn flush(&mut self) -> io::Result<()> {
            self.flushed = true;
            Ok(())
        }
    }

    #[test]
    fn a_failing_sink_is_an_error_and_stays_one() {
        let mut w = BatchWriter::new(Full {
            room: 30,
            flushed: false,
        });
        // FHS and BHS fit; the message does not.
        let err = w.push(b"MSH|^~\\&|A\rPID|1\rRXA|0|1\r").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::StorageFull);
        assert_eq!(w.message_count(), 0);
        assert!(w.push(b"MSH|^~\\&|B\r").is_err());
        assert!(w.next_batch().is_err());
        assert!(w.finish().is_err());

        let w = BatchWriter::new(Full {
            room: 1000,
            flushed: false,
        });
        let sink = w.finish().unwrap();
        assert!(sink.flushed, "finish flushes the sink");
        assert_eq!(
            sink.room,
            1000 - b"FHS|^~\\&\rBHS|^~\\&\rBTS|0\rFTS|1\r".len()
        );
    }
}
