{%- import "ts/macros.ts" as m -%}
{%- call m::declarations(enums.as_slice(), dtos.as_slice()) %}{% endcall %}
{% call m::event(event) %}{% endcall %}
