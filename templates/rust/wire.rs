/// JSON as JavaScript writes it where serde's defaults differ: a number holding an integer is
/// written without a fraction (`2`, not `2.0`) and a date like `Date.prototype.toISOString()`
/// (`2024-05-01T12:00:00.000Z`). Left to serde_json, whose text parses to the same number: a
/// magnitude in [1e-6, 1e-5) (`1e-6`, JavaScript `0.000001`) or of an integer past 2^63
/// (`1e21`, JavaScript `1e+21`).
mod __chatia_wire {
    use ::serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub(super) trait Wire: Sized {
        fn to_wire<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;
        fn from_wire<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;
    }

    struct Out<'a, T>(&'a T);

    impl<T: Wire> Serialize for Out<'_, T> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            self.0.to_wire(serializer)
        }
    }

    struct In<T>(T);

    impl<'de, T: Wire> Deserialize<'de> for In<T> {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            T::from_wire(deserializer).map(In)
        }
    }

    impl Wire for f64 {
        fn to_wire<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            match js_integer(*self) {
                Some(integer) => serializer.serialize_i64(integer),
                None => serializer.serialize_f64(*self),
            }
        }

        fn from_wire<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            f64::deserialize(deserializer)
        }
    }

    /// The integer JavaScript writes for an integral number: its shortest round-trip digits,
    /// padded with zeros (2^60 is written `1152921504606847000`). `None` for a fraction, for
    /// what is not finite, and past `i64`.
    fn js_integer(number: f64) -> Option<i64> {
        if number.fract() != 0.0 {
            return None;
        }
        let text = format!("{number:e}");
        let (mantissa, exponent) = text.split_once('e')?;
        let width = exponent.parse::<usize>().ok()? + 1;
        let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
        if digits.len() > width {
            return None;
        }
        let magnitude: i64 = format!("{digits:0<width$}").parse().ok()?;
        Some(if mantissa.starts_with('-') { -magnitude } else { magnitude })
    }

    impl Wire for ::chrono::DateTime<::chrono::Utc> {
        fn to_wire<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            use ::chrono::{Datelike, Timelike};
            let year = match self.year() {
                year @ 0..=9999 => format!("{year:04}"),
                year => format!("{year:+07}"),
            };
            // A leap second (nanoseconds past 10^9) has no JavaScript spelling; keep it in its second.
            let millis = (self.nanosecond() / 1_000_000).min(999);
            serializer.collect_str(&format_args!(
                "{year}-{:02}-{:02}T{:02}:{:02}:{:02}.{millis:03}Z",
                self.month(),
                self.day(),
                self.hour(),
                self.minute(),
                self.second()
            ))
        }

        fn from_wire<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let text = String::deserialize(deserializer)?;
            ::chrono::DateTime::parse_from_rfc3339(&text)
                .map(|time| time.with_timezone(&::chrono::Utc))
                .map_err(::serde::de::Error::custom)
        }
    }

    impl<T: Wire> Wire for Option<T> {
        fn to_wire<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            match self {
                Some(value) => serializer.serialize_some(&Out(value)),
                None => serializer.serialize_none(),
            }
        }

        fn from_wire<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            Ok(Option::<In<T>>::deserialize(deserializer)?.map(|value| value.0))
        }
    }

    impl<T: Wire> Wire for Vec<T> {
        fn to_wire<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_seq(self.iter().map(Out))
        }

        fn from_wire<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            Ok(Vec::<In<T>>::deserialize(deserializer)?.into_iter().map(|value| value.0).collect())
        }
    }

    impl<T: Wire> Wire for ::std::collections::BTreeMap<String, T> {
        fn to_wire<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_map(self.iter().map(|(key, value)| (key, Out(value))))
        }

        fn from_wire<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let map = ::std::collections::BTreeMap::<String, In<T>>::deserialize(deserializer)?;
            Ok(map.into_iter().map(|(key, value)| (key, value.0)).collect())
        }
    }

    pub(super) fn serialize<T: Wire, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
        value.to_wire(serializer)
    }

    pub(super) fn deserialize<'de, T: Wire, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
        T::from_wire(deserializer)
    }
{%- if client.has_wire_ack %}

    /// A handler's answer, written as JavaScript writes it (serde alone writes `2.0`, and no date).
    pub(super) struct Owned<T>(pub(super) T);

    impl<T: Wire> Serialize for Owned<T> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            self.0.to_wire(serializer)
        }
    }
{%- endif %}
{%- if uses_wire_present %}

    /// An optional and nullable field that is there: `null` is `Some(None)`, not `None`.
    pub(super) fn deserialize_present<'de, T: Wire, D: Deserializer<'de>>(deserializer: D) -> Result<Option<T>, D::Error> {
        T::from_wire(deserializer).map(Some)
    }
{%- endif %}
{%- if uses_present %}

    /// An optional and nullable field that is there: `null` is `Some(None)`, not `None`.
    pub(super) fn present<'de, T: Deserialize<'de>, D: Deserializer<'de>>(deserializer: D) -> Result<Option<T>, D::Error> {
        T::deserialize(deserializer).map(Some)
    }
{%- endif %}
}
