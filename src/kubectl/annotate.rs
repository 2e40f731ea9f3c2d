//! `kubectl annotate`: the same rules as `label`, on `metadata.annotations`.

use super::args::{Flag, Parsed};
use super::label::{update_metadata_map, MapField};
use super::{Ctx, KubectlError};
use crate::job::Exec;

/// Help text for `kubectl annotate --help`.
pub const HELP: &str = "Update the annotations on one or more resources.

 All Kubernetes objects support the ability to store additional data with the object as annotations. Annotations are key/value pairs that can be larger than labels and include arbitrary string values such as structured JSON. Tools and system extensions may use annotations to store their own data.

 Attempting to set an annotation that already exists will fail unless --overwrite is set. If --resource-version is specified and does not match the current resource version on the server the command will fail.

Examples:
  # Update pod 'foo' with the annotation 'description' and the value 'my frontend'
  kubectl annotate pods foo description='my frontend'

  # Update pod 'foo' by removing an annotation named 'description' if it exists
  kubectl annotate pods foo description-
";

/// Flags of `kubectl annotate` (the same as `label`).
pub const FLAGS: &[Flag] = super::label::FLAGS;

/// Runs `kubectl annotate`.
pub fn run(ctx: &mut Ctx, args: &Parsed) -> Result<Exec, KubectlError> {
    update_metadata_map(ctx, args, MapField::Annotations)
}
