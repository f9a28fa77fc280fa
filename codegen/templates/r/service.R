{{ header }}
# The {{ title }} service: the constructor and one function per operation in model/. Each function
# runs through the list `{{ service }}()` returns (`svc$create_access_key(...)`), which binds `.client`;
# the hand-written runtime (runtime.R) converts, calls and raises conditions.

{{ service }} <- function(config = list(), credentials = list(), endpoint = NULL, region = NULL) {
  .polyiam_service("{{ service }}", .{{ service }}_operations(), config, credentials, endpoint, region)
}
{% for f in functions %}
{{ f.name }} <- function({% for a in f.args %}{{ a }} = NULL, {% endfor %}...) {
  .polyiam_operation(.client, "{{ f.operation }}", "{{ f.method }}", list({% for a in f.args %}{{ a }} = {{ a }}{% if !loop.last %}, {% endif %}{% endfor %}), list(...))
}
{% endfor %}
.{{ service }}_operations <- function() {
  list(
{%- for f in functions %}
    {{ f.method }} = {{ f.name }}{% if !loop.last %},{% endif %}
{%- endfor %}
  )
}
