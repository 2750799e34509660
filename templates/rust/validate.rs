{%- for c in client.checkers %}

/// Checks a received `{{ c.type_name }}`.
fn {{ c.name }}(value: &mut ::serde_json::Value) -> __chatia_valid::Checked {
{%- if c.is_enum %}
    __chatia_valid::one_of(value, &[{% for v in c.values %}{{ v }}{% if !loop.last %}, {% endif %}{% endfor %}])
{%- else %}
{%- if c.fields.is_empty() %}
    __chatia_valid::object(value, &[])?;
{%- else %}
    let object = __chatia_valid::object(value, &[{% for k in c.keys %}{{ k }}{% if !loop.last %}, {% endif %}{% endfor %}])?;
{%- endif %}
{%- for f in c.fields %}
    __chatia_valid::field(object, {{ f.wire }}, {{ f.flags }}, {{ f.check }})?;
{%- endfor %}
    Ok(())
{%- endif %}
}
{%- endfor %}

/// The checks of received client-event arguments, on their JSON: serde alone would accept `null`
/// for an optional field, a missing nullable one, a date-time chrono reads but JavaScript's rule
/// refuses, and refuse `1.0` for an integer, which JavaScript cannot tell from `1`. A passed
/// check leaves JSON that the generated types read without error.
mod __chatia_valid {
    use ::serde_json::Value;

    /// What is wrong with a value, and where: the path is collected on the way out, innermost
    /// first, so a passed check costs no allocation.
    #[derive(Debug)]
    pub(super) struct Invalid {
        problem: String,
        path: Vec<String>,
    }

    impl Invalid {
        fn new(problem: impl Into<String>) -> Self {
            Invalid {
                problem: problem.into(),
                path: Vec::new(),
            }
        }

{%- if client.has_args %}

        fn at(mut self, segment: String) -> Self {
            self.path.push(segment);
            self
        }
{%- endif %}
    }

    impl From<Invalid> for super::AckError {
        fn from(invalid: Invalid) -> Self {
            let path: String = invalid.path.iter().rev().map(String::as_str).collect();
            super::AckError::invalid_payload(if path.is_empty() {
                invalid.problem
            } else {
                format!("{path}: {}", invalid.problem)
            })
        }
    }

    pub(super) type Checked = Result<(), Invalid>;

{%- if client.has_args %}

    /// How a key or an argument may be left out or `null`; combine with `|`.
    pub(super) type Flags = u8;
{%- endif %}
{%- if client.uses.required || client.uses.array || client.uses.map %}
    pub(super) const REQUIRED: Flags = 0;
{%- endif %}
{%- if client.uses.optional || client.uses.field %}
    pub(super) const OPTIONAL: Flags = 1;
{%- endif %}
{%- if client.has_args %}
    pub(super) const NULLABLE: Flags = 2;
{%- endif %}

    /// The UTF-8 length of the arguments' JSON: `JSON.stringify(args)` on the TypeScript server.
    pub(super) fn json_len(args: &[Value]) -> u64 {
        struct Count(u64);
        impl ::std::io::Write for Count {
            fn write(&mut self, bytes: &[u8]) -> ::std::io::Result<usize> {
                self.0 = self.0.saturating_add(u64::try_from(bytes.len()).unwrap_or(u64::MAX));
                Ok(bytes.len())
            }

            fn flush(&mut self) -> ::std::io::Result<()> {
                Ok(())
            }
        }
        let mut count = Count(0);
        // Writing JSON values to a counter cannot fail; if it did, the size would be too large.
        match ::serde_json::to_writer(&mut count, args) {
            Ok(()) => count.0,
            Err(_) => u64::MAX,
        }
    }

    pub(super) fn arity(args: &[Value], required: usize, total: usize) -> Checked {
        match (args.len(), required == total) {
            (n, _) if (required..=total).contains(&n) => Ok(()),
            (n, true) => Err(Invalid::new(format!("expected {total} arguments, got {n}"))),
            (n, false) => Err(Invalid::new(format!("expected {required} to {total} arguments, got {n}"))),
        }
    }
{%- if client.has_args %}

    /// Checks the argument at `index`, if the client sent it (the arity is checked).
    pub(super) fn arg(args: &mut [Value], index: usize, name: &str, flags: Flags, check: impl Fn(&mut Value) -> Checked) -> Checked {
        match args.get_mut(index) {
            None => Ok(()),
            Some(value) => present(value, flags, check).map_err(|e| e.at(name.to_owned())),
        }
    }
{%- endif %}

{%- if client.has_args %}

    /// A value that is there: `null` only when nullable, anything else checked.
    fn present(value: &mut Value, flags: Flags, check: impl Fn(&mut Value) -> Checked) -> Checked {
        match value {
            Value::Null if flags & NULLABLE != 0 => Ok(()),
            Value::Null => Err(Invalid::new("must not be null")),
            _ => check(value),
        }
    }
{%- endif %}
{%- if client.uses.take %}

    /// Reads the next argument, which the checks made sure is there.
    pub(super) fn take<T>(args: &mut ::std::vec::IntoIter<Value>, read: fn(Value) -> Result<T, ::serde_json::Error>) -> Result<T, Invalid> {
        let value = args.next().ok_or_else(|| Invalid::new("an argument is missing"))?;
        read(value).map_err(|e| Invalid::new(e.to_string()))
    }
{%- endif %}
{%- if client.uses.take_optional %}

    /// Reads the next argument when the client sent it.
    pub(super) fn take_optional<T>(args: &mut ::std::vec::IntoIter<Value>, read: fn(Value) -> Result<T, ::serde_json::Error>) -> Result<Option<T>, Invalid> {
        args.next().map(|value| read(value).map_err(|e| Invalid::new(e.to_string()))).transpose()
    }
{%- endif %}
{%- if client.uses.object %}

    /// A plain object with none but `keys`.
    pub(super) fn object<'a>(value: &'a mut Value, keys: &[&str]) -> Result<&'a mut ::serde_json::Map<String, Value>, Invalid> {
        let Value::Object(object) = value else {
            return Err(Invalid::new("expected an object"));
        };
        if let Some(unknown) = object.keys().find(|key| !keys.contains(&key.as_str())) {
            return Err(Invalid::new(format!("unknown key {unknown:?}")));
        }
        Ok(object)
    }
{%- endif %}
{%- if client.uses.field %}

    /// Checks the value of `key`: absent only when optional.
    pub(super) fn field(object: &mut ::serde_json::Map<String, Value>, key: &str, flags: Flags, check: impl Fn(&mut Value) -> Checked) -> Checked {
        match object.get_mut(key) {
            None if flags & OPTIONAL != 0 => Ok(()),
            None => Err(Invalid::new("is missing").at(format!(".{key}"))),
            Some(value) => present(value, flags, check).map_err(|e| e.at(format!(".{key}"))),
        }
    }
{%- endif %}
{%- if client.uses.array %}

    pub(super) fn array(value: &mut Value, check: impl Fn(&mut Value) -> Checked) -> Checked {
        let Value::Array(items) = value else {
            return Err(Invalid::new("expected an array"));
        };
        for (index, item) in items.iter_mut().enumerate() {
            present(item, REQUIRED, &check).map_err(|e| e.at(format!("[{index}]")))?;
        }
        Ok(())
    }
{%- endif %}
{%- if client.uses.map %}

    pub(super) fn map(value: &mut Value, check: impl Fn(&mut Value) -> Checked) -> Checked {
        let Value::Object(entries) = value else {
            return Err(Invalid::new("expected an object"));
        };
        for (key, item) in entries.iter_mut() {
            present(item, REQUIRED, &check).map_err(|e| e.at(format!("[{key:?}]")))?;
        }
        Ok(())
    }
{%- endif %}
{%- if client.uses.integer %}

    /// JavaScript's `Number.isSafeInteger`. An integral float becomes an integer, which is how the
    /// generated types read it.
    pub(super) fn integer(value: &mut Value) -> Checked {
        if !value.is_number() {
            Err(Invalid::new("expected an integer"))
        } else if super::__chatia_safe_integer(value) {
            Ok(())
        } else {
            Err(Invalid::new("expected an integer within ±(2^53 − 1)"))
        }
    }
{%- endif %}
{%- if client.uses.number %}

    /// Every JSON number is finite.
    pub(super) fn number(value: &mut Value) -> Checked {
        match value {
            Value::Number(_) => Ok(()),
            _ => Err(Invalid::new("expected a number")),
        }
    }
{%- endif %}
{%- if client.uses.string %}

    pub(super) fn string(value: &mut Value) -> Checked {
        match value {
            Value::String(_) => Ok(()),
            _ => Err(Invalid::new("expected a string")),
        }
    }
{%- endif %}
{%- if client.uses.boolean %}

    pub(super) fn boolean(value: &mut Value) -> Checked {
        match value {
            Value::Bool(_) => Ok(()),
            _ => Err(Invalid::new("expected true or false")),
        }
    }
{%- endif %}
{%- if client.uses.one_of %}

    /// A string enum: one of `values`, case-sensitive.
    pub(super) fn one_of(value: &mut Value, values: &[&str]) -> Checked {
        match value {
            Value::String(text) if values.contains(&text.as_str()) => Ok(()),
            _ => Err(Invalid::new(format!("expected one of {values:?}"))),
        }
    }
{%- endif %}
{%- if client.uses.datetime %}

    pub(super) fn datetime(value: &mut Value) -> Checked {
        match value {
            Value::String(text) if is_datetime(text.as_bytes()) => Ok(()),
            _ => Err(Invalid::new("expected a date-time, e.g. 2024-05-01T12:00:00.000Z")),
        }
    }

    /// `YYYY-MM-DDTHH:MM:SS`, an optional `.` and 1 to 9 digits, then `Z` or `±HH:MM`; a real
    /// date, hours 00–23, minutes and seconds 00–59 (no leap second), and the same ranges for
    /// the offset.
    fn is_datetime(text: &[u8]) -> bool {
        let number = |range: ::std::ops::Range<usize>| -> Option<u32> {
            let digits = text.get(range)?;
            digits
                .iter()
                .try_fold(0u32, |n, d| d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0')))
        };
        let separators = [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':')];
        if !separators.iter().all(|&(at, c)| text.get(at) == Some(&c)) {
            return false;
        }
        let (Some(year), Some(month), Some(day)) = (number(0..4), number(5..7), number(8..10)) else {
            return false;
        };
        let clock = [number(11..13), number(14..16), number(17..19)];
        let [Some(hour), Some(minute), Some(second)] = clock else {
            return false;
        };
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) || hour > 23 || minute > 59 || second > 59 {
            return false;
        }
        let mut rest = &text[19..];
        if let Some(fraction) = rest.strip_prefix(b".") {
            let digits = fraction.iter().take_while(|d| d.is_ascii_digit()).count();
            if !(1..=9).contains(&digits) {
                return false;
            }
            rest = &fraction[digits..];
        }
        match rest {
            b"Z" => true,
            [b'+' | b'-', h1, h2, b':', m1, m2] => {
                let two = |a: u8, b: u8| (a.is_ascii_digit() && b.is_ascii_digit()).then(|| u32::from(a - b'0') * 10 + u32::from(b - b'0'));
                matches!((two(*h1, *h2), two(*m1, *m2)), (Some(h), Some(m)) if h <= 23 && m <= 59)
            }
            _ => false,
        }
    }

    fn days_in_month(year: u32, month: u32) -> u32 {
        // Remainders rather than `is_multiple_of`, which older compilers lack.
        let leap = matches!((year % 4, year % 100, year % 400), (_, _, 0) | (0, 1.., _));
        match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        }
    }
{%- endif %}
}
