//! The small shell around kubectl.
