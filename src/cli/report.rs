//! What the user sees: error and warning lines on stderr, one summary line, the exit code.

use std::io::Write;
use std::sync::Mutex;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verbosity {
    Quiet,
    Normal,
    Verbose,
}

/// Prints messages; shared by the commands so every line looks alike.
pub struct Reporter {
    pub verbosity: Verbosity,
    // One line at a time, even from the progress bar's thread.
    lock: Mutex<()>,
}

impl Reporter {
    pub fn new(verbosity: Verbosity) -> Reporter {
        Reporter {
            verbosity,
            lock: Mutex::new(()),
        }
    }

    fn line(&self, text: &str) {
        let _guard = self.lock.lock();
        // A closed stderr (broken pipe) is not a reason to fail.
        let _ = writeln!(std::io::stderr(), "{text}");
    }

    pub fn error(&self, message: &str) {
        self.line(&format!("error: {message}"));
    }

    pub fn hint(&self, hint: &str) {
        self.line(&format!("  hint: {hint}"));
    }

    pub fn warning(&self, message: &str) {
        if self.verbosity >= Verbosity::Normal {
            self.line(&format!("warning: {message}"));
        }
    }

    /// Summary and notes, shown unless quiet.
    pub fn info(&self, message: &str) {
        if self.verbosity >= Verbosity::Normal {
            self.line(message);
        }
    }

    /// Per-item detail, shown with -v.
    pub fn detail(&self, message: &str) {
        if self.verbosity >= Verbosity::Verbose {
            self.line(message);
        }
    }
}
