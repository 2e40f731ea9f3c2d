//! `-o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[*].image`.

use super::jsonpath::{relaxed, value_text, Template};
use super::table::TableWriter;
use serde_json::Value;

/// Parsed column specs: a header and a JSONPath per column.
pub struct CustomColumns {
    columns: Vec<(String, Template)>,
}

impl CustomColumns {
    /// Parses `HEADER:path,HEADER2:path2`; errors read like kubectl's.
    pub fn parse(spec: &str) -> Result<CustomColumns, String> {
        if spec.is_empty() {
            return Err("custom-columns format specified but no custom columns given".into());
        }
        let mut columns = Vec::new();
        for part in spec.split(',') {
            let Some((header, path)) = part.split_once(':') else {
                return Err(format!("unexpected custom-columns spec: {part}, expected <header>:<json-path-expr>"));
            };
            columns.push((header.to_string(), relaxed(path)?));
        }
        Ok(CustomColumns { columns })
    }

    /// The table for these objects (each in its JSON form), with a header unless `no_headers`.
    pub fn render(&self, objects: &[Value], no_headers: bool) -> String {
        let mut rows = Vec::new();
        if !no_headers {
            rows.push(self.columns.iter().map(|(h, _)| h.clone()).collect());
        }
        for object in objects {
            rows.push(
                self.columns
                    .iter()
                    .map(|(_, template)| {
                        let values = template.values(object);
                        if values.is_empty() {
                            "<none>".to_string()
                        } else {
                            values.iter().map(value_text).collect::<Vec<_>>().join(",")
                        }
                    })
                    .collect(),
            );
        }
        TableWriter::kubectl().render(&rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn columns_from_paths() {
        let columns = CustomColumns::parse("NAME:.metadata.name,IMAGES:.spec.containers[*].image,NODE:.spec.nodeName").unwrap();
        let pods = vec![json!({"metadata": {"name": "web"}, "spec": {"containers": [{"image": "nginx"}, {"image": "busybox"}]}})];
        assert_eq!(columns.render(&pods, false), "NAME   IMAGES          NODE\nweb    nginx,busybox   <none>\n");
        assert_eq!(
            CustomColumns::parse("NAME").err().unwrap(),
            "unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>"
        );
    }
}
