{%- import "rust/macros.rs" as m -%}
{%- for e in enums %}
{% call m::doc(e.doc.as_slice(), "") %}{% endcall %}
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]
pub enum {{ e.name }} {
{%- for v in e.variants %}
    #[serde(rename = {{ v.wire }})]
    {{ v.ident }},
{%- endfor %}
}

impl {{ e.name }} {
    /// The value as it is written on the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
{%- for v in e.variants %}
            Self::{{ v.ident }} => {{ v.wire }},
{%- endfor %}
        }
    }
}
{% endfor %}
{%- for d in dtos %}
{% call m::doc(d.doc.as_slice(), "") %}{% endcall %}
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct {{ d.name }} {
{%- call m::fields(d.fields.as_slice()) %}{% endcall %}
}
{% endfor -%}
