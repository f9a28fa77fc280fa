{{ header }}
# What crosses the boundary besides results (codegen/src/boundary.rs): the client options and the
# condition class of each of the core's error kinds.

# `config` entry (dotted for nested lists, as in paws) -> the core's option name (model/options.json).
.polyiam_options <- c(
{%- for (name, o) in options %}
  "{{ name }}" = "{{ o.name }}"{% if !loop.last %},{% endif %}
{%- endfor %}
)

# The core's error kind -> the condition class.
.polyiam_kind_classes <- c(
{%- for k in kinds %}
  {{ k.kind }} = "{{ k.r }}"{% if !loop.last %},{% endif %}
{%- endfor %}
)
