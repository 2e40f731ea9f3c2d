//! `kubectl api-resources`.

use super::args::{Flag, Parsed};
use super::{Ctx, KubectlError};
use crate::job::Exec;

/// Help text for `kubectl api-resources --help`.
pub const HELP: &str = "";

/// Flags of `kubectl api-resources`.
pub const FLAGS: &[Flag] = &[];

/// Runs `kubectl api-resources`.
pub fn run(_ctx: &mut Ctx, _args: &Parsed) -> Result<Exec, KubectlError> {
    Err(KubectlError::msg("this command is not available in kubeplay yet"))
}
