//! One console session.
