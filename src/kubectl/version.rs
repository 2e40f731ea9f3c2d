//! `kubectl version`.

use super::args::{Flag, Parsed};
use super::{Ctx, KubectlError};
use crate::job::Exec;

/// Help text for `kubectl version --help`.
pub const HELP: &str = "";

/// Flags of `kubectl version`.
pub const FLAGS: &[Flag] = &[];

/// Runs `kubectl version`.
pub fn run(_ctx: &mut Ctx, _args: &Parsed) -> Result<Exec, KubectlError> {
    Err(KubectlError::msg("this command is not available in kubeplay yet"))
}
