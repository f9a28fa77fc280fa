{{ header }}
# What crosses the boundary besides results (codegen/src/boundary.rs): the client options and the
# condition class of each of the core's error kinds.

# `config` entry (dotted for nested lists, as in paws) -> the core's option name (model/options.json).
.polyiam_options <- c(
{%- for (name, o) in options %}
  "{{ name }}" = "{{ o.name }}"{% if !loop.last %},{% endif %}
{%- endfor %}
)

# The core's option -> its value when the caller does not give it (model/options.json's r_default).
.polyiam_option_defaults <- list()
{%- for (name, o) in options %}{% if let Some(d) = o.r_default %}
.polyiam_option_defaults${{ o.name }} <- {% if d %}TRUE{% else %}FALSE{% endif %}{% endif %}{% endfor %}

# The core's error kind -> the condition class.
.polyiam_kind_classes <- c(
{%- for k in kinds %}
  {{ k.kind }} = "{{ k.r }}"{% if !loop.last %},{% endif %}
{%- endfor %}
)
