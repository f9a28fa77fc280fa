//! `--output table` (placeholder until the layout lands).
use serde_json::Value as Json;

pub fn render(data: &Json, _operation: &str) -> String {
    super::text::render(data)
}
