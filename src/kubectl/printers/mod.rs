//! Printers, separate from verbs: tables, YAML, JSON, names, jsonpath and custom columns.
//! Every printer starts from an object's JSON form (`Object::to_json`) or from typed objects.

pub mod json;
pub mod list;
pub mod name;
pub mod yaml;
