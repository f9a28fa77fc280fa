{{ header }}

// deprecated: members the SDK marks deprecated are still converted (boto3 returns them too).
#![allow(unused_imports, unused_mut, deprecated)]

use crate::convert::{built, enum_from_value, expect_map, member, put, put_sensitive, FromValue, ToValue};
use crate::error::Error;
use crate::value::{Map, Value};
{% for s in to_value %}
impl ToValue for {{ s.rust_type }} {
    fn to_value(&self) -> Option<Value> {
        let mut m = Map::new();
{%- for f in s.fields %}
        {% if f.sensitive %}put_sensitive{% else %}put{% endif %}(&mut m, {{ f.member }}, &self.{{ f.field }});
{%- endfor %}
        Some(Value::Map(m))
    }
}
{% endfor %}
{%- for s in from_value %}
impl FromValue for {{ s.rust_type }} {
    fn from_value(v: &Value, path: &str) -> Result<Self, Error> {
        let m = expect_map(v, path)?;
        let value = {{ s.rust_type }}::builder()
{%- for f in s.fields %}
            .{{ f.setter }}(member(m, {{ f.member }}, path)?)
{%- endfor %}
            .build();
        {% if s.fallible %}built(value, path){% else %}Ok(value){% endif %}
    }
}
{% endfor %}
{%- for e in enums %}
impl ToValue for {{ e }} {
    fn to_value(&self) -> Option<Value> {
        Some(Value::String(self.as_str().to_string()))
    }
}

impl FromValue for {{ e }} {
    fn from_value(v: &Value, path: &str) -> Result<Self, Error> {
        enum_from_value(v, path)
    }
}
{% endfor -%}
