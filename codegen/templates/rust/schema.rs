{{ header }}

use crate::schema::{Constraints, Kind, Member, Operation, Shape, Waiter};
#[allow(unused_imports)]
use crate::schema::{ErrorInfo, Fault, Paginated};

pub(crate) static OPERATIONS: &[Operation] = &[
{%- for op in operations %}
    Operation {
        service: {{ service }},
        name: {{ op.name }},
        input: {{ op.input }},
        output: {{ op.output }},
        errors: &[{% for e in op.errors %}{{ e }}{% if !loop.last %}, {% endif %}{% endfor %}],
        paginated: {{ op.paginated }},
        retry_safe: {{ op.retry_safe }},
        extension: {{ op.extension }},
    },
{%- endfor %}
];

/// Sorted by name: `crate::schema::shape` binary-searches it.
pub(crate) static SHAPES: &[Shape] = &[
{%- for s in shapes %}
    Shape {
        name: {{ s.name }},
{%- match s.members %}
{%- when Some with (members) %}
        kind: Kind::Structure {
            members: &[
{%- for m in members %}
                Member { name: {{ m.name }}, target: {{ m.target }}, required: {{ m.required }}, constraints: {{ m.constraints }} },
{%- endfor %}
            ],
        },
{%- when None %}
        kind: {{ s.kind }},
{%- endmatch %}
        constraints: {{ s.constraints }},
        sensitive: {{ s.sensitive }},
        error: {{ s.error }},
    },
{%- endfor %}
];

/// Sorted by name.
pub(crate) static WAITERS: &[Waiter] = &[
{%- for w in waiters %}
    Waiter { name: "{{ w.name }}", operation: "{{ w.operation }}", min_delay: {{ w.min_delay }}, max_delay: {{ w.max_delay }} },
{%- endfor %}
];
