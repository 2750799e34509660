{%- macro doc(lines, indent) -%}
{%- for line in lines %}
{{ indent }}///{% if !line.is_empty() %} {{ line }}{% endif %}
{%- endfor -%}
{%- endmacro -%}

{%- macro fields(list) -%}
{%- for f in list %}
{%- call doc(f.doc.as_slice(), "    ") %}{% endcall %}
    #[serde({{ f.serde }})]
    pub {{ f.ident }}: {{ f.ty }},
{%- endfor -%}
{%- endmacro -%}

{%- macro room_variants(list) -%}
{%- for r in list %}
{%- call doc(r.doc.as_slice(), "    ") %}{% endcall %}
    #[serde(rename = {{ r.wire }})]
    {{ r.variant }}{% if !r.params.is_empty() %} {
{%- for p in r.params %}
        #[serde(rename = {{ p.wire }})]
        {{ p.ident }}: {{ p.ty }},
{%- endfor %}
    }{% endif %},
{%- endfor -%}
{%- endmacro -%}

{%- macro room_name(list) %}
    /// The room's name inside the company namespace.
    pub fn name(&self) -> String {
        match {% if list.is_empty() %}*{% endif %}self {
{%- for r in list %}
            Self::{{ r.variant }}{% if !r.params.is_empty() %} { {% for p in r.params %}{{ p.ident }}{% if !loop.last %}, {% endif %}{% endfor %} }{% endif %} => {{ r.builder }}({% for p in r.params %}{{ p.arg }}{% if !loop.last %}, {% endif %}{% endfor %}),
{%- endfor %}
        }
    }
{%- endmacro -%}

{%- macro params(list) -%}
{%- for p in list %}, {{ p.ident }}: {{ p.ty }}{% endfor -%}
{%- endmacro -%}

{%- macro payload(ev, a) %}
        let __chatia_payload = |__chatia_timestamp| {
            {{ ev.payload }}::{{ a.variant }}({{ a.payload }} {
                company_id: self.company_id,
                user_id: self.user_id,
                timestamp: __chatia_timestamp,
{%- for init in a.inits %}
                {{ init }},
{%- endfor %}
            })
        };
{%- endmacro -%}
