//! The help texts of the `kubectl rollout` subcommands, as kubectl prints them (limited to the
//! flags and examples kubeplay supports).

/// Help text for `kubectl rollout status --help`.
pub const STATUS_HELP: &str = "Show the status of the rollout.

 By default 'rollout status' will watch the status of the latest rollout until it's done. If you don't want to wait for the rollout to finish then you can use --watch=false. Note that if a new rollout starts in-between, then 'rollout status' will continue watching the latest revision. If you want to pin to a specific revision and abort if it is rolled over by another revision, use --revision=N where N is the revision you need to watch for.

Examples:
  # Watch the rollout status of a deployment
  kubectl rollout status deployment/nginx

Options:
    -f, --filename=[]:
\tFilename, directory, or URL to files identifying the resource to get from a server.

    --revision=0:
\tPin to a specific revision for showing its status. Defaults to 0 (last revision).

    -l, --selector='':
\tSelector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.

    --timeout=0s:
\tThe length of time to wait before ending watch, zero means never. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).

    -w, --watch=true:
\tWatch the status of the rollout until it's done.

Usage:
  kubectl rollout status (TYPE NAME | TYPE/NAME) [flags] [options]

Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

/// Help text for `kubectl rollout history --help`.
pub const HISTORY_HELP: &str = "View previous rollout revisions and configurations.

Examples:
  # View the rollout history of a deployment
  kubectl rollout history deployment/abc

Options:
    -f, --filename=[]:
\tFilename, directory, or URL to files identifying the resource to get from a server.

    -o, --output='':
\tOutput format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).

    --revision=0:
\tSee the details, including podTemplate of the revision specified

    -l, --selector='':
\tSelector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.

Usage:
  kubectl rollout history (TYPE NAME | TYPE/NAME) [flags] [options]

Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

/// Help text for `kubectl rollout undo --help`.
pub const UNDO_HELP: &str = "Roll back to a previous rollout.

Examples:
  # Roll back to the previous deployment
  kubectl rollout undo deployment/abc
  
  # Roll back to the previous deployment with dry-run
  kubectl rollout undo --dry-run=server deployment/abc

Options:
    --dry-run='none':
\tMust be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.

    -f, --filename=[]:
\tFilename, directory, or URL to files identifying the resource to get from a server.

    -o, --output='':
\tOutput format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).

    -l, --selector='':
\tSelector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.

    --to-revision=0:
\tThe revision to rollback to. Default to 0 (last revision).

Usage:
  kubectl rollout undo (TYPE NAME | TYPE/NAME) [flags] [options]

Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

/// Help text for `kubectl rollout restart --help`.
pub const RESTART_HELP: &str = "Restart a resource.

        Resource rollout will be restarted.

Examples:
  # Restart all deployments in the test-namespace namespace
  kubectl rollout restart deployment -n test-namespace
  
  # Restart a deployment
  kubectl rollout restart deployment/nginx
  
  # Restart deployments with the app=nginx label
  kubectl rollout restart deployment --selector=app=nginx

Options:
    -f, --filename=[]:
\tFilename, directory, or URL to files identifying the resource to get from a server.

    -o, --output='':
\tOutput format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).

    -l, --selector='':
\tSelector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.

Usage:
  kubectl rollout restart RESOURCE [options]

Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

/// Help text for `kubectl rollout pause --help`.
pub const PAUSE_HELP: &str = "Mark the provided resource as paused.

 Paused resources will not be reconciled by a controller. Use \"kubectl rollout resume\" to resume a paused resource. Currently only deployments support being paused.

Examples:
  # Mark the nginx deployment as paused
  # Any current state of the deployment will continue its function; new updates
  # to the deployment will not have an effect as long as the deployment is paused
  kubectl rollout pause deployment/nginx

Options:
    -f, --filename=[]:
\tFilename, directory, or URL to files identifying the resource to get from a server.

    -o, --output='':
\tOutput format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).

    -l, --selector='':
\tSelector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.

Usage:
  kubectl rollout pause RESOURCE [options]

Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

/// Help text for `kubectl rollout resume --help`.
pub const RESUME_HELP: &str = "Resume a paused resource.

 Paused resources will not be reconciled by a controller. By resuming a resource, we allow it to be reconciled again. Currently only deployments support being resumed.

Examples:
  # Resume an already paused deployment
  kubectl rollout resume deployment/nginx

Options:
    -f, --filename=[]:
\tFilename, directory, or URL to files identifying the resource to get from a server.

    -o, --output='':
\tOutput format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).

    -l, --selector='':
\tSelector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.

Usage:
  kubectl rollout resume RESOURCE [options]

Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

/// The help text of `kubectl rollout <sub> --help`, if `sub` is a rollout subcommand.
pub fn for_subcommand(sub: &str) -> Option<&'static str> {
    Some(match sub {
        "status" => STATUS_HELP,
        "history" => HISTORY_HELP,
        "undo" => UNDO_HELP,
        "restart" => RESTART_HELP,
        "pause" => PAUSE_HELP,
        "resume" => RESUME_HELP,
        _ => return None,
    })
}
