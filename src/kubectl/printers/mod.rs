//! Printers, separate from verbs: tables, YAML, JSON, names, describe.
