//! Errors the simulated API server returns, carrying what kubectl needs to print them.

/// The `reason` of a failed API call, as in `Error from server (NotFound)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    NotFound,
    AlreadyExists,
    BadRequest,
    Conflict,
    Forbidden,
    /// HTTP 422 with field causes: printed as `The Deployment "x" is invalid: ...`.
    Invalid { kind: String, name: String, causes: Vec<String> },
}

/// A failed API call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    pub reason: Reason,
    /// The server's message, e.g. `pods "x" not found`.
    pub message: String,
}

impl ApiError {
    /// `<resource> "<name>" not found`.
    pub fn not_found(resource: &str, name: &str) -> Self {
        ApiError { reason: Reason::NotFound, message: format!("{resource} \"{name}\" not found") }
    }

    /// `<resource> "<name>" already exists`.
    pub fn already_exists(resource: &str, name: &str) -> Self {
        ApiError {
            reason: Reason::AlreadyExists,
            message: format!("{resource} \"{name}\" already exists"),
        }
    }

    /// A 400 with the given message.
    pub fn bad_request(message: impl Into<String>) -> Self {
        ApiError { reason: Reason::BadRequest, message: message.into() }
    }

    /// A 403 with the given message.
    pub fn forbidden(message: impl Into<String>) -> Self {
        ApiError { reason: Reason::Forbidden, message: message.into() }
    }

    /// A 422 listing field causes such as `spec.selector: Required value`.
    pub fn invalid(kind: &str, name: &str, causes: Vec<String>) -> Self {
        let message = format!("{kind} \"{name}\" is invalid: [{}]", causes.join(", "));
        ApiError {
            reason: Reason::Invalid { kind: kind.into(), name: name.into(), causes },
            message,
        }
    }

    /// The reason's name as kubectl prints it in parentheses.
    pub fn reason_name(&self) -> &'static str {
        match self.reason {
            Reason::NotFound => "NotFound",
            Reason::AlreadyExists => "AlreadyExists",
            Reason::BadRequest => "BadRequest",
            Reason::Conflict => "Conflict",
            Reason::Forbidden => "Forbidden",
            Reason::Invalid { .. } => "Invalid",
        }
    }

    /// The full stderr text kubectl prints, given an optional `error when creating "file"` context.
    pub fn render(&self, context: Option<&str>) -> String {
        match &self.reason {
            Reason::Invalid { kind, name, causes } => {
                if causes.len() == 1 {
                    format!("The {kind} \"{name}\" is invalid: {}", causes[0])
                } else {
                    let mut text = format!("The {kind} \"{name}\" is invalid: ");
                    for cause in causes {
                        text.push_str(&format!("\n* {cause}"));
                    }
                    text
                }
            }
            _ => match context {
                Some(ctx) => {
                    format!("Error from server ({}): {ctx}: {}", self.reason_name(), self.message)
                }
                None => format!("Error from server ({}): {}", self.reason_name(), self.message),
            },
        }
    }
}
