//! JSON Schemas for what people write: the agreement file, generated from the model
//! ([`crate::model::Agreement`]) so that it cannot drift from what the loader reads, with the
//! values the reference data knows (regions, municipalities, the national goals) added as enums.
//! Editors use it through the `# yaml-language-server: $schema=…` line at the top of a file.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use crate::model::Agreement;
use crate::reference::Reference;

/// Where the committed schema is published, for the examples' `$schema` line.
pub const AGREEMENT_SCHEMA_PATH: &str = "schema/aftale.schema.json";

/// The schema of the agreement file, format 1.
pub fn agreement(reference: &Reference) -> Value {
    let mut schema = schemars::schema_for!(Agreement).to_value();
    let regions: BTreeSet<&str> = reference.region_names().collect();
    let municipalities: BTreeSet<&str> = reference
        .regions
        .iter()
        .flat_map(|r| reference.municipalities(r))
        .flat_map(|m| [m.navn.as_str(), m.officielt_navn.as_str()])
        .collect();
    let goals: Vec<&str> = reference.goals.iter().map(|g| g.navn.as_str()).collect();
    schema["title"] = json!("Sundhedsaftale (aftale, format 1)");
    schema["properties"]["format"]["const"] = json!(1);
    schema["properties"]["region"]["enum"] = json!(regions);
    if let Some(behandling) = schema.pointer_mut("/$defs/Behandling/properties/kommuner") {
        add_property_names(behandling, &municipalities);
    }
    replace_goal_names(&mut schema, &goals);
    schema
}

/// Restricts the keys of the (nullable) mapping to these names.
fn add_property_names(node: &mut Value, names: &BTreeSet<&str>) {
    match node {
        Value::Object(map)
            if map
                .get("type")
                .is_some_and(|t| t == "object" || t.as_array().is_some_and(|a| a.contains(&json!("object")))) =>
        {
            map.insert("propertyNames".to_owned(), json!({ "enum": names }));
        }
        Value::Object(map) => map.values_mut().for_each(|v| add_property_names(v, names)),
        Value::Array(items) => items.iter_mut().for_each(|v| add_property_names(v, names)),
        _ => {}
    }
}

/// The national goal given by name must be one of the eight.
fn replace_goal_names(node: &mut Value, goals: &[&str]) {
    match node {
        Value::Object(map) if map.get("title").is_some_and(|t| t == "navn") => {
            map.remove("title");
            map.insert("enum".to_owned(), json!(goals));
        }
        Value::Object(map) => map.values_mut().for_each(|v| replace_goal_names(v, goals)),
        Value::Array(items) => items.iter_mut().for_each(|v| replace_goal_names(v, goals)),
        _ => {}
    }
}

/// The schema as committed: pretty JSON with a final line break.
pub fn to_text(schema: &Value) -> String {
    serde_json::to_string_pretty(schema).unwrap_or_default() + "\n"
}
