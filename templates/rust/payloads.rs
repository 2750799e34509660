{%- import "rust/macros.rs" as m -%}
{%- for ev in events %}
{%- for a in ev.actions %}
{% call m::doc(a.doc.as_slice(), "") %}{% endcall %}
{%- if !a.doc.is_empty() %}
///{% endif %}
/// The payload of `{{ ev.name_doc }}` when `action` is `{{ a.name }}`.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct {{ a.payload }} {
    /// The company whose namespace carries the event.
    #[serde(rename = "companyId")]
    pub company_id: i64,
    /// The user whose request caused the event.
    #[serde(rename = "userId")]
    pub user_id: i64,
    /// When it happened, written like JavaScript's `Date.prototype.toISOString()`.
    #[serde(rename = "timestamp", with = "__chatia_wire")]
    pub timestamp: ::chrono::DateTime<::chrono::Utc>,
{%- call m::fields(a.fields.as_slice()) %}{% endcall %}
}
{% endfor %}
{% call m::doc(ev.doc.as_slice(), "") %}{% endcall %}
{%- if !ev.doc.is_empty() %}
///{% endif %}
/// The payload of `{{ ev.name_doc }}`; `action` says which variant it is.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(tag = "action")]
// A payload is built, serialised and dropped at once: boxing the large variants would only add
// an allocation per emit.
#[allow(clippy::large_enum_variant)]
pub enum {{ ev.payload }} {
{%- for a in ev.actions %}
    #[serde(rename = {{ a.wire }})]
    {{ a.variant }}({{ a.payload }}),
{%- endfor %}
}
{% endfor -%}
