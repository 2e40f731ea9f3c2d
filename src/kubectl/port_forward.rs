//! `kubectl port-forward`.

use super::args::{Flag, Parsed};
use super::{Ctx, KubectlError};
use crate::job::Exec;

/// Help text for `kubectl port-forward --help`.
pub const HELP: &str = "";

/// Flags of `kubectl port-forward`.
pub const FLAGS: &[Flag] = &[];

/// Runs `kubectl port-forward`.
pub fn run(_ctx: &mut Ctx, _args: &Parsed) -> Result<Exec, KubectlError> {
    Err(KubectlError::msg("this command is not available in kubeplay yet"))
}
