//! The merges kubectl performs on JSON objects: the three-way merge of `kubectl apply` (what the
//! user wrote now, what they wrote last time, what the server has), the strategic merge patch of
//! `kubectl patch` (lists of containers, env, ports, volumes merge by their key), the JSON merge
//! patch (RFC 7386) and the JSON patch (RFC 6902).

use serde_json::{Map, Value};

/// The field a list of objects is merged by, from the list's field name (Kubernetes'
/// `patchMergeKey` tags for the types we model). `None`: the list is replaced whole.
fn merge_key(field: &str, items: &[Value]) -> Option<&'static str> {
    match field {
        "containers" | "initContainers" | "env" | "volumes" | "imagePullSecrets" => Some("name"),
        "volumeMounts" => Some("mountPath"),
        "ports" => {
            if items.iter().any(|i| i.get("containerPort").is_some()) {
                Some("containerPort")
            } else {
                Some("port")
            }
        }
        _ => None,
    }
}

fn find_by<'a>(items: &'a [Value], key: &str, wanted: &Value) -> Option<&'a Value> {
    items.iter().find(|i| i.get(key) == Some(wanted))
}

/// `kubectl apply`'s merge: fields in `modified` replace live ones, fields that were in
/// `original` (the last applied manifest) but are gone from `modified` are removed, and
/// everything else the server has (defaults, status, controller annotations) is kept.
pub fn three_way(current: &Value, original: Option<&Value>, modified: &Value) -> Value {
    merge_value(Some(current), original, modified, "")
}

fn merge_value(current: Option<&Value>, original: Option<&Value>, modified: &Value, field: &str) -> Value {
    match (current, modified) {
        (Some(Value::Object(c)), Value::Object(m)) => {
            let o = original.and_then(Value::as_object);
            Value::Object(merge_maps(c, o, m))
        }
        (Some(Value::Array(c)), Value::Array(m)) => {
            let o = original.and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
            match merge_key(field, if m.is_empty() { c } else { m }) {
                Some(key) if m.iter().chain(c.iter()).all(Value::is_object) => {
                    Value::Array(merge_lists(c, o, m, key))
                }
                _ => modified.clone(),
            }
        }
        _ => modified.clone(),
    }
}

fn merge_maps(current: &Map<String, Value>, original: Option<&Map<String, Value>>, modified: &Map<String, Value>) -> Map<String, Value> {
    let mut result = current.clone();
    for (key, value) in modified {
        if value.is_null() {
            result.remove(key);
            continue;
        }
        let merged = merge_value(current.get(key), original.and_then(|o| o.get(key)), value, key);
        result.insert(key.clone(), merged);
    }
    if let Some(original) = original {
        for key in original.keys() {
            if !modified.contains_key(key) {
                result.remove(key);
            }
        }
    }
    result
}

fn merge_lists(current: &[Value], original: &[Value], modified: &[Value], key: &str) -> Vec<Value> {
    let mut result = Vec::new();
    for item in modified {
        let Some(id) = item.get(key) else {
            result.push(item.clone());
            continue;
        };
        let live = find_by(current, key, id);
        let before = find_by(original, key, id);
        result.push(match live {
            Some(live) => merge_value(Some(live), before, item, ""),
            None => item.clone(),
        });
    }
    for item in current {
        let Some(id) = item.get(key) else { continue };
        let in_modified = find_by(modified, key, id).is_some();
        let removed_by_user = find_by(original, key, id).is_some();
        if !in_modified && !removed_by_user {
            result.push(item.clone());
        }
    }
    result
}

/// `kubectl patch` (strategic, the default): maps merge, `null` deletes a key, keyed lists merge
/// item by item (an item with `"$patch": "delete"` is removed), other lists are replaced.
pub fn strategic_patch(current: &Value, patch: &Value) -> Value {
    patch_value(Some(current), patch, "")
}

fn patch_value(current: Option<&Value>, patch: &Value, field: &str) -> Value {
    match (current, patch) {
        (Some(Value::Object(c)), Value::Object(p)) => {
            let mut result = c.clone();
            for (key, value) in p {
                if value.is_null() {
                    result.remove(key);
                } else {
                    let merged = patch_value(c.get(key), value, key);
                    result.insert(key.clone(), merged);
                }
            }
            Value::Object(result)
        }
        (Some(Value::Array(c)), Value::Array(p)) => match merge_key(field, if p.is_empty() { c } else { p }) {
            Some(key) if p.iter().chain(c.iter()).all(Value::is_object) => {
                let mut result: Vec<Value> = c.clone();
                for item in p {
                    let Some(id) = item.get(key) else { continue };
                    let delete = item.get("$patch").and_then(Value::as_str) == Some("delete");
                    let position = result.iter().position(|r| r.get(key) == Some(id));
                    match (position, delete) {
                        (Some(i), true) => {
                            result.remove(i);
                        }
                        (Some(i), false) => result[i] = patch_value(Some(&result[i]), item, ""),
                        (None, true) => {}
                        (None, false) => result.push(strip_nulls(item)),
                    }
                }
                Value::Array(result)
            }
            _ => patch.clone(),
        },
        (_, Value::Object(_)) => strip_nulls(patch),
        _ => patch.clone(),
    }
}

fn strip_nulls(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k.clone(), strip_nulls(v))).collect(),
        ),
        other => other.clone(),
    }
}

/// RFC 7386 JSON merge patch (`kubectl patch --type=merge`): lists are always replaced.
pub fn json_merge_patch(current: &Value, patch: &Value) -> Value {
    match (current, patch) {
        (Value::Object(c), Value::Object(p)) => {
            let mut result = c.clone();
            for (key, value) in p {
                if value.is_null() {
                    result.remove(key);
                } else {
                    let merged = json_merge_patch(c.get(key).unwrap_or(&Value::Null), value);
                    result.insert(key.clone(), merged);
                }
            }
            Value::Object(result)
        }
        (_, Value::Object(_)) => json_merge_patch(&Value::Object(Map::new()), patch),
        _ => patch.clone(),
    }
}

/// RFC 6902 JSON patch (`kubectl patch --type=json`): add, remove, replace, move, copy, test.
/// Errors read like the server's (`the server rejected our request due to an error in our request`
/// is kubectl's wording around them).
pub fn json_patch(current: &Value, operations: &Value) -> Result<Value, String> {
    let Some(operations) = operations.as_array() else {
        return Err("json: cannot unmarshal object into Go value of type jsonpatch.Patch".into());
    };
    let mut doc = current.clone();
    for op in operations {
        let kind = op.get("op").and_then(Value::as_str).unwrap_or_default();
        let path = op.get("path").and_then(Value::as_str).unwrap_or_default();
        match kind {
            "add" => add(&mut doc, path, value_of(op)?)?,
            "remove" => {
                remove(&mut doc, path)?;
            }
            "replace" => {
                remove(&mut doc, path)?;
                add(&mut doc, path, value_of(op)?)?;
            }
            "move" | "copy" => {
                let from = op.get("from").and_then(Value::as_str).unwrap_or_default();
                let value = doc.pointer(from).cloned().ok_or_else(|| missing(from))?;
                if kind == "move" {
                    remove(&mut doc, from)?;
                }
                add(&mut doc, path, value)?;
            }
            "test" => {
                if doc.pointer(path) != Some(&value_of(op)?) {
                    return Err(format!("testing value {path} failed: test failed"));
                }
            }
            other => return Err(format!("Unexpected kind: {other}")),
        }
    }
    Ok(doc)
}

fn value_of(op: &Value) -> Result<Value, String> {
    op.get("value").cloned().ok_or_else(|| "missing value".to_string())
}

fn missing(path: &str) -> String {
    format!("doc is missing path: \"{path}\": missing value")
}

fn split_pointer(path: &str) -> Result<(String, String), String> {
    let Some(i) = path.rfind('/') else { return Err(missing(path)) };
    let last = path[i + 1..].replace("~1", "/").replace("~0", "~");
    Ok((path[..i].to_string(), last))
}

fn add(doc: &mut Value, path: &str, value: Value) -> Result<(), String> {
    if path.is_empty() {
        *doc = value;
        return Ok(());
    }
    let (parent, last) = split_pointer(path)?;
    match doc.pointer_mut(&parent) {
        Some(Value::Object(map)) => {
            map.insert(last, value);
            Ok(())
        }
        Some(Value::Array(items)) => {
            let index = if last == "-" { items.len() } else { last.parse::<usize>().map_err(|_| missing(path))? };
            if index > items.len() {
                return Err(format!("add operation does not apply: doc is missing path: \"{path}\": missing value"));
            }
            items.insert(index, value);
            Ok(())
        }
        _ => Err(format!("add operation does not apply: doc is missing path: \"{path}\": missing value")),
    }
}

fn remove(doc: &mut Value, path: &str) -> Result<Value, String> {
    let (parent, last) = split_pointer(path)?;
    let removed = match doc.pointer_mut(&parent) {
        Some(Value::Object(map)) => map.remove(&last),
        Some(Value::Array(items)) => match last.parse::<usize>() {
            Ok(i) if i < items.len() => Some(items.remove(i)),
            _ => None,
        },
        _ => None,
    };
    removed.ok_or_else(|| format!("remove operation does not apply: doc is missing path: \"{path}\": missing value"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn apply_keeps_server_fields_and_drops_removed_ones() {
        let current = json!({"spec": {"replicas": 3, "strategy": {"type": "RollingUpdate"}, "template": {"spec": {"containers": [
            {"name": "app", "image": "a:1", "imagePullPolicy": "IfNotPresent", "env": [{"name": "X", "value": "1"}], "ports": [{"containerPort": 8080, "protocol": "TCP"}]}
        ]}}}, "status": {"replicas": 3}});
        let original = json!({"spec": {"replicas": 3, "template": {"spec": {"containers": [
            {"name": "app", "image": "a:1", "env": [{"name": "X", "value": "1"}], "ports": [{"containerPort": 8080}]}
        ]}}}});
        let modified = json!({"spec": {"replicas": 1, "template": {"spec": {"containers": [
            {"name": "app", "image": "a:2", "ports": [{"containerPort": 8080}]}
        ]}}}});
        let merged = three_way(&current, Some(&original), &modified);
        assert_eq!(merged, json!({"spec": {"replicas": 1, "strategy": {"type": "RollingUpdate"}, "template": {"spec": {"containers": [
            {"name": "app", "image": "a:2", "imagePullPolicy": "IfNotPresent", "ports": [{"containerPort": 8080, "protocol": "TCP"}]}
        ]}}}, "status": {"replicas": 3}}));
    }

    #[test]
    fn containers_added_by_others_survive_apply() {
        let current = json!({"containers": [{"name": "a", "image": "x"}, {"name": "b", "image": "y"}]});
        let modified = json!({"containers": [{"name": "a", "image": "z"}]});
        let merged = three_way(&current, None, &modified);
        assert_eq!(merged, json!({"containers": [{"name": "a", "image": "z"}, {"name": "b", "image": "y"}]}));
    }

    #[test]
    fn strategic_patch_merges_containers_by_name() {
        let current = json!({"spec": {"containers": [{"name": "a", "image": "x"}, {"name": "b", "image": "y"}]}});
        let patch = json!({"spec": {"containers": [{"name": "b", "image": "z"}, {"name": "a", "$patch": "delete"}]}});
        assert_eq!(strategic_patch(&current, &patch), json!({"spec": {"containers": [{"name": "b", "image": "z"}]}}));
        let merge = json_merge_patch(&current, &json!({"spec": {"containers": [{"name": "c"}]}}));
        assert_eq!(merge, json!({"spec": {"containers": [{"name": "c"}]}}));
    }

    #[test]
    fn json_patch_operations() {
        let doc = json!({"spec": {"replicas": 1, "list": [1, 2]}});
        let ops = json!([{"op": "replace", "path": "/spec/replicas", "value": 4}, {"op": "add", "path": "/spec/list/-", "value": 3}, {"op": "remove", "path": "/spec/list/0"}]);
        assert_eq!(json_patch(&doc, &ops), Ok(json!({"spec": {"replicas": 4, "list": [2, 3]}})));
        let bad = json!([{"op": "remove", "path": "/spec/nope"}]);
        assert_eq!(json_patch(&doc, &bad), Err("remove operation does not apply: doc is missing path: \"/spec/nope\": missing value".into()));
    }
}
