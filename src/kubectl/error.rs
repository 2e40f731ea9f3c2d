//! kubectl's error shapes: every failure is printed to stderr exactly as the real client does.

use crate::cluster::api_error::ApiError;

/// A failed kubectl command.
#[derive(Clone, Debug, PartialEq)]
pub enum KubectlError {
    /// `error: <message>`.
    Message(String),
    /// `error: <message>` + `See 'kubectl <command> -h' for help and examples`.
    Usage { message: String, command: String },
    /// `error: <message>` + `See 'kubectl <command> --help' for usage.` (flag parsing).
    Flag { message: String, command: String },
    /// A server error, optionally with `error when creating "file"` context.
    Api { error: ApiError, context: Option<String> },
    /// Text printed as is (several lines, or shapes that have no `error:` prefix).
    Raw(String),
}

impl KubectlError {
    /// `error: <message>`.
    pub fn msg(message: impl Into<String>) -> Self {
        KubectlError::Message(message.into())
    }

    /// A usage error pointing at `kubectl <command> -h`.
    pub fn usage(message: impl Into<String>, command: &str) -> Self {
        KubectlError::Usage { message: message.into(), command: command.into() }
    }

    /// A flag error pointing at `kubectl <command> --help`.
    pub fn flag(message: impl Into<String>, command: &str) -> Self {
        KubectlError::Flag { message: message.into(), command: command.into() }
    }

    /// The stderr text, without a trailing newline.
    pub fn render(&self) -> String {
        match self {
            KubectlError::Message(m) => {
                if m.starts_with("error:") { m.clone() } else { format!("error: {m}") }
            }
            KubectlError::Usage { message, command } => {
                format!("error: {message}\nSee 'kubectl {command} -h' for help and examples")
            }
            KubectlError::Flag { message, command } => {
                format!("error: {message}\nSee 'kubectl {command} --help' for usage.")
            }
            KubectlError::Api { error, context } => error.render(context.as_deref()),
            KubectlError::Raw(text) => text.clone(),
        }
    }
}

impl From<ApiError> for KubectlError {
    fn from(error: ApiError) -> Self {
        KubectlError::Api { error, context: None }
    }
}
