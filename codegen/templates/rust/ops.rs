{{ header }}

use crate::convert::{member, structure};
use crate::error::Error;
use crate::value::{Map, Value};

/// Calls `operation` through {{ sdk }}'s fluent builder; `input` has been validated. Each
/// operation's future is boxed: inline, the largest of them would size this one, and a debug build's
/// runtime threads would need megabytes of stack to poll it.
pub(crate) async fn dispatch(client: &{{ sdk }}::Client, operation: &str, input: &Map) -> Result<Value, Error> {
    match operation {
{%- for op in operations %}
        {{ op.name }} => Box::pin(async {
            {% if op.has_output %}let output = {% else %}let _output = {% endif %}client
                .{{ op.method }}()
{%- for s in op.setters %}
                .{{ s.setter }}(member(input, {{ s.member }}, "")?)
{%- endfor %}
                .send()
                .await
                .map_err(|e| Error::from_sdk(&super::SERVICE, e))?;
            {% if op.has_output %}Ok(structure(&output)){% else %}Ok(Value::Map(Map::new())){% endif %}
        })
        .await,
{%- endfor %}
        other => Err(Error::internal(format!("operation {other} is in the schema but has no glue"))),
    }
}
