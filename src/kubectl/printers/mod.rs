//! Printers, separate from verbs: tables, YAML, JSON, names, jsonpath and custom columns.
//! Every printer starts from an object's JSON form (`Object::to_json`) or from typed objects.

pub mod json;
pub mod list;
pub mod name;
pub mod yaml;
pub mod columns;
pub mod object_table;
pub mod pod_status;
pub mod table;
pub mod describe;
pub mod custom_columns;
pub mod jsonpath;
