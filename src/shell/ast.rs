//! The syntax tree of a command line: lists of and-or chains of pipelines of simple commands.

/// One piece of a word, before expansion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    /// Unquoted text: subject to globbing.
    Lit(String),
    /// Text from quotes or a backslash escape: taken as is.
    Quoted(String),
    /// `$NAME` or `${NAME}`; `quoted` when inside double quotes (no field splitting).
    Var { name: String, quoted: bool },
    /// `$( … )` or backticks: the source text of the inner command line.
    Subst { source: String, quoted: bool },
    /// A leading unquoted `~`: the home directory.
    Tilde,
    /// `$(( … ))`: the source text of the arithmetic expression.
    Arith { source: String, quoted: bool },
    /// `${NAME:-word}`, `${#NAME}` and friends: a parameter with an operator.
    Param { name: String, op: ParamOp, arg: String, quoted: bool },
}

/// The operator of a `${NAME…}` expansion beyond the plain name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamOp {
    /// `${NAME:-word}` (`colon`: also when empty) / `${NAME-word}`.
    Default { colon: bool },
    /// `${NAME:=word}`: the default (assignment is not kept).
    Assign { colon: bool },
    /// `${NAME:+word}`: the word when set.
    Alternative { colon: bool },
    /// `${#NAME}`: the length.
    Length,
    /// `${NAME#pat}` / `${NAME##pat}`: a prefix removed (`longest` for `##`).
    RemovePrefix { longest: bool },
    /// `${NAME%pat}` / `${NAME%%pat}`: a suffix removed.
    RemoveSuffix { longest: bool },
}

/// A word as typed: the parts that expansion turns into zero or more fields.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Word {
    pub parts: Vec<Part>,
}

impl Word {
    /// The text of a word made only of unquoted literal parts (what aliases and keywords match).
    pub fn plain(&self) -> Option<String> {
        let mut text = String::new();
        for part in &self.parts {
            match part {
                Part::Lit(s) => text.push_str(s),
                _ => return None,
            }
        }
        Some(text)
    }

    /// Whether the word holds a command substitution (run at expansion time).
    pub fn has_subst(&self) -> bool {
        self.parts.iter().any(|p| matches!(p, Part::Subst { .. }))
    }
}

/// What a redirection does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RedirKind {
    /// `>file`, `>>file` (fd 1 unless a number is given).
    Write { path: Word, append: bool },
    /// `&>file`, `&>>file`: stdout and stderr both.
    WriteBoth { path: Word, append: bool },
    /// `<file`.
    Read(Word),
    /// `2>&1`, `>&2`: the fd becomes a copy of another.
    Dup(u32),
    /// `<<EOF`: the body, and whether `$` expansions apply (unquoted delimiter).
    HereDoc { body: String, expand: bool },
    /// `<<<word`.
    HereString(Word),
}

/// One redirection on a command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Redirect {
    pub fd: u32,
    pub kind: RedirKind,
}

/// `NAME=value … program args… redirections…`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SimpleCommand {
    pub assigns: Vec<(String, Word)>,
    pub words: Vec<Word>,
    pub redirects: Vec<Redirect>,
}

/// A command of a pipeline: simple, or compound with its own redirections (`done < file`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    Simple(SimpleCommand),
    Compound { body: Box<Compound>, redirects: Vec<Redirect> },
}

impl Command {
    /// The simple command, if this is one.
    pub fn as_simple(&self) -> Option<&SimpleCommand> {
        match self {
            Command::Simple(c) => Some(c),
            Command::Compound { .. } => None,
        }
    }
}

/// The bash compound commands a learner pastes from tutorials.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Compound {
    /// `{ list; }`: runs in the current shell.
    Group(Script),
    /// `( list )`: runs in a copy of the shell; variables set inside do not leak out.
    Subshell(Script),
    /// `if list; then list; [elif list; then list;]… [else list;] fi`.
    If { branches: Vec<(Script, Script)>, otherwise: Option<Script> },
    /// `while list; do list; done`, or `until` when `until` is set.
    Loop { until: bool, condition: Script, body: Script },
    /// `for NAME [in words…]; do list; done`.
    For { var: String, words: Vec<Word>, body: Script },
    /// `case word in pattern|pattern) list ;; … esac`.
    Case { word: Word, arms: Vec<(Vec<Word>, Script)> },
    /// `[[ expression ]]`: the words between the brackets (operators kept as words).
    Cond(Vec<Word>),
}

/// Commands joined by `|`; `!` negates the status.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pipeline {
    pub commands: Vec<Command>,
    pub negate: bool,
}

/// How a pipeline hangs on the previous one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Connector {
    /// `&&`: runs when the previous succeeded.
    And,
    /// `||`: runs when the previous failed.
    Or,
}

/// Pipelines joined by `&&` / `||`, plus the source text (shown by `jobs`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AndOr {
    pub first: Pipeline,
    pub rest: Vec<(Connector, Pipeline)>,
    pub text: String,
}

/// One element of a list, ended by `;`, a newline or `&`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListItem {
    pub and_or: AndOr,
    /// Ended by `&`: runs as a background job.
    pub background: bool,
}

/// A whole command line (several lines when a here-doc or quote spans them).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Script {
    pub items: Vec<ListItem>,
}
