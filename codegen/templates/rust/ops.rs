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

/// Runs one of {{ sdk }}'s waiters (its acceptors, back-off and maximum wait) and returns its
/// last successful poll; `input` has been validated against the polled operation's input.
#[allow(unused_variables)]
pub(crate) async fn wait(client: &{{ sdk }}::Client, waiter: &str, input: &Map, max_wait: std::time::Duration) -> Result<Value, Error> {
{%- if !waiters.is_empty() %}
    use {{ sdk }}::client::Waiters;
{%- endif %}
    match waiter {
{%- for w in waiters %}
        "{{ w.name }}" => Box::pin(async {
            let poll = client
                .{{ w.method }}()
{%- for s in w.setters %}
                .{{ s.setter }}(member(input, {{ s.member }}, "")?)
{%- endfor %}
                .wait(max_wait)
                .await
                .map_err(|e| Error::from_waiter(&super::SERVICE, "{{ w.name }}", e))?;
            Ok(poll.into_result().map_or_else(|_| Value::Map(Map::new()), |o| structure(&o)))
        })
        .await,
{%- endfor %}
        other => Err(Error::internal(format!("waiter {other} is in the schema but has no glue"))),
    }
}
