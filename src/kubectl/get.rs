//! `kubectl get`.

use super::args::{Flag, Parsed};
use super::{Ctx, KubectlError};
use crate::job::Exec;

/// Help text for `kubectl get --help`.
pub const HELP: &str = "";

/// Flags of `kubectl get`.
pub const FLAGS: &[Flag] = &[];

/// Runs `kubectl get`.
pub fn run(_ctx: &mut Ctx, _args: &Parsed) -> Result<Exec, KubectlError> {
    Err(KubectlError::msg("this command is not available in kubeplay yet"))
}
