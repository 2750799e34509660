{%- macro doc(lines, indent) -%}
{%- if lines.len() == 1 %}
{{ indent }}/** {{ lines[0] }} */
{%- else if !lines.is_empty() %}
{{ indent }}/**
{%- for line in lines %}
{{ indent }} *{% if !line.is_empty() %} {{ line }}{% endif %}
{%- endfor %}
{{ indent }} */
{%- endif -%}
{%- endmacro -%}

{%- macro props(list) -%}
{%- for prop in list %}
{%- call doc(prop.doc.as_slice(), "  ") %}{% endcall %}
  {{ prop.key }}{% if prop.optional %}?{% endif %}: {{ prop.ty }};
{%- endfor -%}
{%- endmacro -%}
