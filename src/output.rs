//! What a command prints: ordered chunks of stdout and stderr text. The browser shows stderr in
//! another colour; the terminal writes each chunk to its own stream.

use serde::{Deserialize, Serialize};

/// Which stream a chunk was written to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stream {
    Stdout,
    Stderr,
}

/// One piece of output.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chunk {
    pub stream: Stream,
    pub text: String,
}

/// Output being collected, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Output {
    pub chunks: Vec<Chunk>,
}

impl Output {
    /// Appends stdout text as is.
    pub fn out(&mut self, text: impl AsRef<str>) {
        self.push(Stream::Stdout, text.as_ref());
    }

    /// Appends a stdout line (a newline is added).
    pub fn outln(&mut self, text: impl AsRef<str>) {
        self.push(Stream::Stdout, &format!("{}\n", text.as_ref()));
    }

    /// Appends a stderr line (a newline is added).
    pub fn errln(&mut self, text: impl AsRef<str>) {
        self.push(Stream::Stderr, &format!("{}\n", text.as_ref()));
    }

    /// Appends text to a stream, merging with the previous chunk of the same stream.
    pub fn push(&mut self, stream: Stream, text: &str) {
        if text.is_empty() {
            return;
        }
        match self.chunks.last_mut() {
            Some(last) if last.stream == stream => last.text.push_str(text),
            _ => self.chunks.push(Chunk { stream, text: text.to_string() }),
        }
    }

    /// Everything written to stdout, concatenated (what a pipe passes on).
    pub fn stdout(&self) -> String {
        self.text_of(Stream::Stdout)
    }

    /// Everything written to stderr, concatenated.
    pub fn stderr(&self) -> String {
        self.text_of(Stream::Stderr)
    }

    fn text_of(&self, stream: Stream) -> String {
        self.chunks.iter().filter(|c| c.stream == stream).map(|c| c.text.as_str()).collect()
    }

    /// Both streams interleaved in order, as a terminal shows them.
    pub fn combined(&self) -> String {
        self.chunks.iter().map(|c| c.text.as_str()).collect()
    }

    /// Moves all chunks out, leaving this empty.
    pub fn take(&mut self) -> Vec<Chunk> {
        std::mem::take(&mut self.chunks)
    }

    /// Appends all chunks of another output.
    pub fn extend(&mut self, other: Output) {
        for c in other.chunks {
            self.push(c.stream, &c.text);
        }
    }
}
