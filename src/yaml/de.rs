//! Typed values read from a [`Doc`]'s nodes, the way `yaml_serde` reads them from text: the same
//! conversions (a key, an enum or a text target reads a scalar as written; an empty `key:` is
//! an empty section), the same messages, and each error placed as `yaml_serde` places it — at the
//! key for a key it refuses, else at the start of the value, with the path to it
//! (`agencies.sheriff.phone: …`), and with the [`Route`] to it, so a reading can be tried again
//! without it (`Doc::deserialize` reports every problem of a file that way).

use super::doc::{Kind, Mark, Node, Scalar};
use serde::de::{self, DeserializeSeed, IntoDeserializer, Unexpected, Visitor};
use serde_yaml::Value;
use std::fmt;

/// What went wrong reading a typed value, and where (the innermost place wins).
#[derive(Debug)]
pub(super) struct Error {
    pub message: String,
    pub at: Option<Place>,
}

/// Where an error is: the value's mark, its path for messages, and its route in the tree.
#[derive(Debug)]
pub(super) struct Place {
    pub mark: Mark,
    pub path: String,
    pub route: Route,
}

/// The way from the top of a file to one of its values: the index of each entry or item on
/// the way (indices never shift: a value taken out stays in its place as `Kind::Dropped`).
pub(super) type Route = Vec<Step>;

/// One step of a [`Route`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Step {
    /// The key of a map's entry.
    Key(usize),
    /// The value of a map's entry.
    Value(usize),
    /// A list's item.
    Item(usize),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match &self.at {
            Some(place) if place.path != "." => write!(f, "{}: {}", place.path, self.message),
            _ => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error {
            message: msg.to_string(),
            at: None,
        }
    }
}

impl Error {
    /// An error of `yaml_serde`'s own reading of a value (it has no place yet).
    fn of_value(e: serde_yaml::Error) -> Error {
        de::Error::custom(e)
    }
}

/// Reads a `T` from `node`.
pub(super) fn from_node<'a, T: de::Deserialize<'a>>(node: &'a Node) -> Result<T, Error> {
    T::deserialize(At {
        node,
        path: Path::Root,
    })
}

/// Where a value is, for messages: `agencies.sheriff.phone`, `rapid_response[0]`, `.` for the
/// whole file, `?` for a key that is not text (written as `yaml_serde` writes it); a key is
/// named by the map it is in. Each step keeps its index, for the [`Route`].
#[derive(Clone, Copy)]
enum Path<'p> {
    Root,
    Seq {
        parent: &'p Path<'p>,
        index: usize,
    },
    Map {
        parent: &'p Path<'p>,
        key: &'p str,
        entry: usize,
    },
    Unknown {
        parent: &'p Path<'p>,
        entry: usize,
    },
    Key {
        parent: &'p Path<'p>,
        entry: usize,
    },
}

impl Path<'_> {
    fn route(&self) -> Route {
        let (parent, step) = match *self {
            Path::Root => return Vec::new(),
            Path::Seq { parent, index } => (parent, Step::Item(index)),
            Path::Map { parent, entry, .. } | Path::Unknown { parent, entry } => {
                (parent, Step::Value(entry))
            }
            Path::Key { parent, entry } => (parent, Step::Key(entry)),
        };
        let mut route = parent.route();
        route.push(step);
        route
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        struct Parent<'a>(&'a Path<'a>);
        impl fmt::Display for Parent<'_> {
            fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
                match self.0 {
                    Path::Root => Ok(()),
                    path => write!(f, "{path}."),
                }
            }
        }
        match self {
            Path::Root => f.write_str("."),
            Path::Seq { parent, index } => write!(f, "{parent}[{index}]"),
            Path::Map { parent, key, .. } => write!(f, "{}{key}", Parent(parent)),
            Path::Unknown { parent, .. } => write!(f, "{}?", Parent(parent)),
            Path::Key { parent, .. } => parent.fmt(f),
        }
    }
}

/// A node being read, and the path to it.
struct At<'a, 'p> {
    node: &'a Node,
    path: Path<'p>,
}

impl<'a> At<'a, '_> {
    /// A tagged value as written without its tag: what every type but an enum (or anything)
    /// reads of it, as `yaml_serde` reads it.
    fn untagged(self) -> Self {
        match &self.node.kind {
            Kind::Tagged(tagged) => At {
                node: &tagged.1,
                path: self.path,
            },
            _ => self,
        }
    }

    /// Places an error that has no place yet here.
    fn place<T>(&self, result: Result<T, Error>) -> Result<T, Error> {
        result.map_err(|mut e| {
            if e.at.is_none() {
                e.at = Some(Place {
                    mark: self.node.mark,
                    path: self.path.to_string(),
                    route: self.path.route(),
                });
            }
            e
        })
    }

    /// What a value of the wrong type is called in a message (as `yaml_serde` calls it).
    fn unexpected(&self) -> Unexpected<'a> {
        unexpected(self.node)
    }

    fn is_empty(&self) -> bool {
        matches!(self.node.kind, Kind::Scalar { empty: true, .. })
    }
}

/// What `node` is called when it is of the wrong type (as `yaml_serde` calls it).
fn unexpected(node: &Node) -> Unexpected<'_> {
    match &node.kind {
        Kind::Scalar { value, text, .. } => match value {
            Scalar::Null => Unexpected::Unit,
            Scalar::Bool(b) => Unexpected::Bool(*b),
            Scalar::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
                (Some(u), _, _) => Unexpected::Unsigned(u),
                (_, Some(i), _) => Unexpected::Signed(i),
                (_, _, Some(f)) => Unexpected::Float(f),
                _ => Unexpected::Other("number"),
            },
            Scalar::Text => Unexpected::Str(text),
        },
        Kind::Seq(_) => Unexpected::Seq,
        Kind::Map(_) => Unexpected::Map,
        Kind::Tagged(tagged) => unexpected(&tagged.1),
        // Never read (lists and maps skip what was taken out): as null, were it ever.
        Kind::Dropped => Unexpected::Unit,
    }
}

/// A scalar as `yaml_serde`'s value, for its own reading of one.
fn value_of(value: &Scalar, text: &str) -> Value {
    match value {
        Scalar::Null => Value::Null,
        Scalar::Bool(b) => Value::Bool(*b),
        Scalar::Number(n) => Value::Number(n.clone()),
        Scalar::Text => Value::String(text.to_string()),
    }
}

/// Forwards the methods that read a scalar to `yaml_serde`'s reading of its value (a list or a
/// map is the wrong type for them).
macro_rules! scalar {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
            let this = self.untagged();
            let result = match &this.node.kind {
                Kind::Scalar { value, text, .. } => {
                    value_of(value, text).$method(visitor).map_err(Error::of_value)
                }
                _ => Err(de::Error::invalid_type(this.unexpected(), &visitor)),
            };
            this.place(result)
        }
    )*};
}

impl<'a> de::Deserializer<'a> for At<'a, '_> {
    type Error = Error;

    scalar! {
        deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_i128 deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
        deserialize_u128 deserialize_f32 deserialize_f64 deserialize_bytes deserialize_byte_buf
    }

    fn deserialize_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        let result = match &self.node.kind {
            Kind::Scalar {
                value: Scalar::Text,
                text,
                ..
            } => visitor.visit_borrowed_str(text),
            Kind::Scalar { value, text, .. } => value_of(value, text)
                .deserialize_any(visitor)
                .map_err(Error::of_value),
            Kind::Tagged(tagged) => (&tagged.0)
                .deserialize_any(visitor)
                .map_err(Error::of_value),
            Kind::Seq(items) => visitor.visit_seq(Items::new(items, &self.path)),
            Kind::Map(entries) => visitor.visit_map(Entries::new(entries, &self.path)),
            Kind::Dropped => Err(de::Error::invalid_type(self.unexpected(), &visitor)),
        };
        self.place(result)
    }

    fn deserialize_str<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        let result = match self.node.text() {
            Some(text) => visitor.visit_borrowed_str(text),
            None => Err(de::Error::invalid_type(self.unexpected(), &visitor)),
        };
        self.place(result)
    }

    fn deserialize_string<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_char<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.node.is_null() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        let this = self.untagged();
        let result = match (this.node.is_null(), this.node.text()) {
            (true, _) => visitor.visit_unit(),
            (false, Some(text)) => Err(de::Error::invalid_value(Unexpected::Str(text), &"null")),
            (false, None) => Err(de::Error::invalid_type(this.unexpected(), &visitor)),
        };
        this.place(result)
    }

    fn deserialize_unit_struct<V: Visitor<'a>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'a>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        let this = self.untagged();
        let result = match &this.node.kind {
            Kind::Seq(items) => visitor.visit_seq(Items::new(items, &this.path)),
            _ if this.is_empty() => visitor.visit_seq(Items::new(&[], &this.path)),
            _ => Err(de::Error::invalid_type(this.unexpected(), &visitor)),
        };
        this.place(result)
    }

    fn deserialize_tuple<V: Visitor<'a>>(self, _: usize, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'a>>(
        self,
        _: &'static str,
        _: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        let this = self.untagged();
        let result = match &this.node.kind {
            Kind::Map(entries) => visitor.visit_map(Entries::new(entries, &this.path)),
            _ if this.is_empty() => visitor.visit_map(Entries::new(&[], &this.path)),
            _ => Err(de::Error::invalid_type(this.unexpected(), &visitor)),
        };
        this.place(result)
    }

    fn deserialize_struct<V: Visitor<'a>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'a>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        // A scalar names a unit variant as written; a list or map needs a tag to be one. What
        // goes wrong in a tagged one is placed where the value holding it is, as yaml_serde
        // places it.
        let result = match (&self.node.kind, self.node.text()) {
            (Kind::Tagged(tagged), _) => {
                return (&tagged.0)
                    .deserialize_enum(name, variants, visitor)
                    .map_err(Error::of_value)
            }
            (_, Some(text)) => visitor.visit_enum(text.into_deserializer()),
            _ => Err(de::Error::invalid_type(
                self.unexpected(),
                &"a YAML tag starting with '!'",
            )),
        };
        self.place(result)
    }

    fn deserialize_ignored_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }
}

/// A list's items, read in order (but those taken out).
struct Items<'a, 'p> {
    items: std::iter::Enumerate<std::slice::Iter<'a, Node>>,
    path: &'p Path<'p>,
}

impl<'a, 'p> Items<'a, 'p> {
    fn new(items: &'a [Node], path: &'p Path<'p>) -> Self {
        Items {
            items: items.iter().enumerate(),
            path,
        }
    }
}

impl<'a> de::SeqAccess<'a> for Items<'a, '_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'a>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        let Some((index, node)) = self.items.find(|(_, node)| !node.is_dropped()) else {
            return Ok(None);
        };
        let path = Path::Seq {
            parent: self.path,
            index,
        };
        seed.deserialize(At { node, path }).map(Some)
    }
}

/// A map's entries, read in order (but those taken out): a key is read at its own place,
/// named by the map's path.
struct Entries<'a, 'p> {
    entries: std::iter::Enumerate<std::slice::Iter<'a, (Node, Node)>>,
    value: Option<(usize, &'a (Node, Node))>,
    path: &'p Path<'p>,
}

impl<'a, 'p> Entries<'a, 'p> {
    fn new(entries: &'a [(Node, Node)], path: &'p Path<'p>) -> Self {
        Entries {
            entries: entries.iter().enumerate(),
            value: None,
            path,
        }
    }
}

impl<'a> de::MapAccess<'a> for Entries<'a, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'a>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some((index, entry)) = self.entries.find(|(_, (_, value))| !value.is_dropped()) else {
            return Ok(None);
        };
        self.value = Some((index, entry));
        let path = Path::Key {
            parent: self.path,
            entry: index,
        };
        seed.deserialize(At {
            node: &entry.0,
            path,
        })
        .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'a>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let Some((entry, (key, node))) = self.value.take() else {
            return Err(de::Error::custom("a value was read before its key"));
        };
        let path = match key.text() {
            Some(key) => Path::Map {
                parent: self.path,
                key,
                entry,
            },
            None => Path::Unknown {
                parent: self.path,
                entry,
            },
        };
        seed.deserialize(At { node, path })
    }
}
