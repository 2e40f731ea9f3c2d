//! The terminal playground.

/// Entry point of the native binary; returns the exit status.
pub fn main() -> i32 {
    0
}
