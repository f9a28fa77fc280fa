{{ header }}
"""What crosses the boundary besides results (codegen/src/boundary.rs): the client options, by
keyword argument, and the exception class of each of the core's error kinds."""

#: keyword argument -> the core's option name (model/options.json).
OPTIONS = {
{%- for (name, o) in options %}
    "{{ name }}": "{{ o.name }}",
{%- endfor %}
}

#: keyword argument -> its type in model/options.json ("map" values are turned into dicts).
OPTION_TYPES = {
{%- for (name, o) in options %}
    "{{ name }}": "{{ o.kind }}",
{%- endfor %}
}

#: keyword argument -> what it does.
OPTION_DOCS = {
{%- for (name, o) in options %}
    "{{ name }}": "{{ o.doc }}",
{%- endfor %}
}

#: the core's error kind -> the class in polyiam.exceptions.
KIND_CLASSES = {
{%- for k in kinds %}
    "{{ k.kind }}": "{{ k.python }}",
{%- endfor %}
}

#: (the core's error kind, its code) -> the subclass named like botocore's for that code.
CODE_CLASSES = {
{%- for c in codes %}
    ("{{ c.kind }}", "{{ c.code }}"): "{{ c.code }}",
{%- endfor %}
}
