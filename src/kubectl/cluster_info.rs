//! `kubectl cluster-info`.

use super::args::{Flag, Parsed};
use super::{Ctx, KubectlError};
use crate::job::Exec;

/// Help text for `kubectl cluster-info --help`.
pub const HELP: &str = "";

/// Flags of `kubectl cluster-info`.
pub const FLAGS: &[Flag] = &[];

/// Runs `kubectl cluster-info`.
pub fn run(_ctx: &mut Ctx, _args: &Parsed) -> Result<Exec, KubectlError> {
    Err(KubectlError::msg("this command is not available in kubeplay yet"))
}
