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


{%- macro declarations(enums, dtos) -%}
{% for e in enums %}
{%- call doc(e.doc.as_slice(), "") %}{% endcall %}
export type {{ e.name }} = {% for v in e.values %}{% if !loop.first %} | {% endif %}{{ v }}{% endfor %};
{% endfor %}
{%- for d in dtos %}
{%- call doc(d.doc.as_slice(), "") %}{% endcall %}
export interface {{ d.name }} {
{%- call props(d.props.as_slice()) %}{% endcall %}
}
{% endfor %}
/** Fields every payload carries, whatever the event. */
export interface PayloadBase {
  /** The company whose namespace carries the event. */
  companyId: number;
  /** The user whose request caused the event. */
  userId: number;
  /** When it happened: ISO 8601, as `Date.prototype.toISOString()` writes it. */
  timestamp: string;
}
{%- endmacro -%}

{%- macro event(ev) -%}
{%- for v in ev.variants %}
{%- call doc(v.doc.as_slice(), "") %}{% endcall %}
export interface {{ v.interface }} extends PayloadBase {
{%- call props(v.props.as_slice()) %}{% endcall %}
}
{% endfor %}
{%- call doc(ev.doc.as_slice(), "") %}{% endcall %}
export type {{ ev.payload }} ={% for v in ev.variants %}
  | {{ v.interface }}{% endfor %};

export type {{ ev.action_type }} = {{ ev.payload }}["action"];

/** The name of this event for one company. */
export type {{ ev.event_name }} = {{ ev.name_type }};
{%- endmacro -%}
