//! A parsed YAML file with the place of everything in it: the values `yaml_serde` read, each
//! with the line and column it is written at (read from the same text's event stream, since
//! `yaml_serde`'s values keep no positions). Typed values are deserialized from it
//! ([`Doc::deserialize`], in `de`), and [`Doc::locate`] finds where a key is written, for the
//! checks made after reading. A copy of the values can be read again with one taken out
//! ([`Node::drop_at`]), to find the problems after the first.

use super::de::Step;
use saphyr_parser::{Event, Marker, Parser, ScalarStyle, Span};
use serde_yaml::Value;
use std::collections::HashMap;

/// Where something is written: line and column, both from 1 (columns in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    /// The line, from 1.
    pub line: usize,
    /// The column, from 1, in characters.
    pub column: usize,
}

impl Mark {
    const START: Mark = Mark { line: 1, column: 1 };

    fn of(span: &Span) -> Mark {
        Mark {
            line: span.start.line(),
            column: span.start.col() + 1,
        }
    }
}

/// One value of a file and where it is written.
#[derive(Debug, Clone)]
pub struct Node {
    /// Where it starts.
    pub mark: Mark,
    /// What it is, with its contents.
    pub kind: Kind,
}

/// A value of a file, by kind.
#[derive(Debug, Clone)]
pub enum Kind {
    /// A scalar: its text as written (what a key, an enum or a text target reads of it, as
    /// `yaml_serde` reads it from the file) and what YAML reads it as.
    Scalar {
        text: Box<str>,
        value: Scalar,
        /// Written as nothing at all (`key:`): read as an empty section where one is expected.
        empty: bool,
    },
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
    /// A value with a YAML tag (`!name …`): whole (read as an enum, or as anything), and as
    /// written without the tag (read as any other type).
    Tagged(Box<(Value, Node)>),
    /// A list's item or a map's value taken out to read the rest of the file again
    /// ([`Node::drop_at`]): kept in its place so that the items after it keep their index.
    Dropped,
}

/// What YAML reads a scalar as (its text is the scalar's own).
#[derive(Debug, Clone)]
pub enum Scalar {
    Null,
    Bool(bool),
    Number(serde_yaml::Number),
    Text,
}

impl Scalar {
    /// `value` (a scalar `yaml_serde` read), and its text when it is text.
    fn of(value: Value) -> (Scalar, Option<String>) {
        match value {
            Value::Bool(b) => (Scalar::Bool(b), None),
            Value::Number(n) => (Scalar::Number(n), None),
            Value::String(s) => (Scalar::Text, Some(s)),
            _ => (Scalar::Null, None),
        }
    }
}

impl Node {
    /// The text of a scalar, as written.
    pub fn text(&self) -> Option<&str> {
        match &self.kind {
            Kind::Tagged(tagged) => tagged.1.text(),
            Kind::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// Whether this is written as nothing (`key:`) or as null (`~`, `null`).
    pub fn is_null(&self) -> bool {
        match &self.kind {
            Kind::Scalar { value, .. } => matches!(value, Scalar::Null),
            Kind::Tagged(tagged) => tagged.1.is_null(),
            _ => false,
        }
    }

    /// A value with no events to read its places from: everything in it at `mark`.
    fn whole(value: Value, mark: Mark) -> Node {
        let kind = match value {
            Value::Sequence(items) => {
                Kind::Seq(items.into_iter().map(|v| Node::whole(v, mark)).collect())
            }
            Value::Mapping(map) => Kind::Map(
                map.into_iter()
                    .map(|(k, v)| (Node::whole(k, mark), Node::whole(v, mark)))
                    .collect(),
            ),
            Value::Tagged(tagged) => {
                let inner = Node::whole(tagged.value.clone(), mark);
                Kind::Tagged(Box::new((Value::Tagged(tagged), inner)))
            }
            value => {
                let written = match &value {
                    Value::Bool(b) => b.to_string(),
                    Value::Number(n) => n.to_string(),
                    _ => String::new(),
                };
                let (value, text) = Scalar::of(value);
                Kind::Scalar {
                    text: text.unwrap_or(written).into(),
                    empty: false,
                    value,
                }
            }
        };
        Node { mark, kind }
    }

    /// The child at `key`: a map's value under that key, or a list's item at `[index]` (written
    /// `3]`, as a path split at `[` leaves it) or equal to that text.
    fn child(&self, key: &str) -> Option<(Mark, &Node)> {
        match &self.kind {
            Kind::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.text() == Some(key))
                .map(|(k, v)| (k.mark, v)),
            Kind::Seq(items) => match key.strip_suffix(']').map(str::parse::<usize>) {
                Some(Ok(i)) => items.get(i),
                _ => items.iter().find(|item| item.text() == Some(key)),
            }
            .map(|item| (item.mark, item)),
            _ => None,
        }
    }
}

/// A file as parsed: its top value, with places.
#[derive(Debug, Clone)]
pub struct Doc {
    /// The top value of the file.
    pub root: Node,
}

impl Doc {
    /// Whether the file holds nothing, or only null (a file of comments only).
    pub fn is_empty(&self) -> bool {
        matches!(
            self.root.kind,
            Kind::Scalar {
                value: Scalar::Null,
                ..
            }
        )
    }

    /// Joins `value` (what `yaml_serde` read of `text`) with the places of `text`'s events. The
    /// two come from the same text, so they have the same shape; were they ever to differ, what
    /// cannot be placed takes the place of what holds it, never a wrong one from elsewhere.
    pub fn new(value: Value, text: &str) -> Doc {
        let mut builder = Builder {
            // The first error ends the events (what follows it has no place to read).
            events: Box::new(Parser::new_from_str(text).map_while(Result::ok)),
            anchors: HashMap::new(),
            text,
            cursor: (0, 0),
            ends: [Marker::new(0, 1, 0); 2],
        };
        // The stream and document starts come first (none for a file of comments only).
        let first = std::iter::from_fn(|| builder.pull())
            .find(|(e, _)| !matches!(e, Event::StreamStart | Event::DocumentStart(_)));
        let root = match first {
            Some((event, span)) if !matches!(event, Event::StreamEnd | Event::DocumentEnd) => {
                builder.node(value, event, &span)
            }
            // An empty file reads as nothing written.
            _ => Node {
                mark: Mark::START,
                kind: Kind::Scalar {
                    text: "".into(),
                    value: Scalar::of(value).0,
                    empty: true,
                },
            },
        };
        Doc { root }
    }

    /// The line where the deepest key of `path` that the file writes is (1 if none): a path is
    /// keys (`agencies`, `sheriff`, `phone`), list indices (`0]`) and list items by their text.
    pub fn locate(&self, path: &[&str]) -> usize {
        self.find(path).0.line
    }

    /// Whether the file writes every key of `path`.
    pub fn defines(&self, path: &[&str]) -> bool {
        self.find(path).1
    }

    /// The value the file writes at `path`, and where its key is.
    pub fn get(&self, path: &[&str]) -> Option<(Mark, &Node)> {
        let mut found = (self.root.mark, &self.root);
        for key in path.iter().filter(|k| !k.is_empty()) {
            found = found.1.child(key)?;
        }
        Some(found)
    }

    fn find(&self, path: &[&str]) -> (Mark, bool) {
        let (mut node, mut mark) = (&self.root, Mark::START);
        for key in path.iter().filter(|k| !k.is_empty()) {
            match node.child(key) {
                Some((m, child)) => (mark, node) = (m, child),
                None => return (mark, false),
            }
        }
        (mark, true)
    }
}

type Events<'t> = Box<dyn Iterator<Item = (Event<'t>, Span)> + 't>;

struct Builder<'t> {
    events: Events<'t>,
    /// Anchored values by anchor id: an alias reads as its anchor's value, placed where the
    /// anchor is (as `yaml_serde` places what goes wrong in it).
    anchors: HashMap<usize, Node>,
    text: &'t str,
    /// A character index of `text` and its byte offset: events come in order, so finding a
    /// character by its index mostly moves forward.
    cursor: (usize, usize),
    /// Where the event before the last one read ended, and where the last one ended.
    ends: [Marker; 2],
}

impl<'t> Builder<'t> {
    fn pull(&mut self) -> Option<(Event<'t>, Span)> {
        let (event, span) = self.events.next()?;
        self.ends = [self.ends[1], span.end];
        Some((event, span))
    }

    /// The text from character index `index` on.
    fn text_from(&mut self, index: usize) -> &str {
        let (mut i, mut byte) = self.cursor;
        if index < i {
            (i, byte) = (0, 0);
        }
        for c in self.text[byte..].chars().take(index - i) {
            byte += c.len_utf8();
        }
        self.cursor = (index, byte);
        &self.text[byte..]
    }

    /// Where a scalar is as `yaml_serde` places it (libyaml's marks), from where its event is: a
    /// block scalar (`|`, `>`) at its indicator rather than its first line, an empty one just
    /// after the `:` or `-` before it rather than on it.
    fn scalar_mark(&mut self, span: &Span, style: ScalarStyle, empty: bool) -> Mark {
        let mut mark = Mark::of(span);
        if matches!(style, ScalarStyle::Literal | ScalarStyle::Folded) {
            // The first indicator after the end of the event before it.
            let before = self.ends[0];
            let (mut line, mut column) = (before.line(), before.col());
            for c in self.text_from(before.index()).chars() {
                if c == '|' || c == '>' {
                    return Mark {
                        line,
                        column: column + 1,
                    };
                }
                (line, column) = if c == '\n' {
                    (line + 1, 0)
                } else {
                    (line, column + 1)
                };
            }
        } else if empty
            && self
                .text_from(span.start.index())
                .starts_with([':', '-', '?'])
        {
            mark.column += 1;
        }
        mark
    }

    /// The node for `value`, which starts with `event`.
    fn node(&mut self, value: Value, event: Event, span: &Span) -> Node {
        let mark = Mark::of(span);
        if let Value::Tagged(tagged) = value {
            let whole = Value::Tagged(tagged.clone());
            let inner = self.node(tagged.value, event, span);
            let mark = inner.mark;
            let kind = Kind::Tagged(Box::new((whole, inner)));
            return Node { mark, kind };
        }
        let (node, anchor) = match (event, value) {
            (Event::Alias(id), value) => {
                let node = self.anchors.get(&id).cloned();
                (node.unwrap_or_else(|| Node::whole(value, mark)), 0)
            }
            (Event::Scalar(written, style, anchor, _), value) => {
                let empty = written.is_empty() && style == ScalarStyle::Plain;
                let mark = self.scalar_mark(span, style, empty);
                let (value, text) = Scalar::of(value);
                let kind = Kind::Scalar {
                    text: text.unwrap_or_else(|| written.into_owned()).into(),
                    value,
                    empty,
                };
                (Node { mark, kind }, anchor)
            }
            (Event::SequenceStart(anchor, _), Value::Sequence(items)) => {
                let mut nodes = Vec::with_capacity(items.len());
                for item in items {
                    nodes.push(self.next(item, mark));
                }
                self.skip_to_end();
                let kind = Kind::Seq(nodes);
                (Node { mark, kind }, anchor)
            }
            (Event::MappingStart(anchor, _), Value::Mapping(map)) => {
                let mut entries = Vec::with_capacity(map.len());
                for (k, v) in map {
                    let key = self.next(k, mark);
                    entries.push((key, self.next(v, mark)));
                }
                self.skip_to_end();
                let kind = Kind::Map(entries);
                (Node { mark, kind }, anchor)
            }
            (Event::SequenceStart(..) | Event::MappingStart(..), value) => {
                // A tagged list or map (or, were they to differ, a shape yaml_serde read
                // otherwise): kept whole at its start.
                self.skip_to_end();
                (Node::whole(value, mark), 0)
            }
            (_, value) => (Node::whole(value, mark), 0),
        };
        if anchor > 0 {
            self.anchors.insert(anchor, node.clone());
        }
        node
    }

    /// The node for `value`, starting at the next event (at `outer` when there is none).
    fn next(&mut self, value: Value, outer: Mark) -> Node {
        match self.pull() {
            Some((event, span)) => self.node(value, event, &span),
            None => Node::whole(value, outer),
        }
    }

    /// Reads up to and including the end of the list or map just started.
    fn skip_to_end(&mut self) {
        let mut depth = 1usize;
        while let Some((event, _)) = self.pull() {
            match event {
                Event::SequenceStart(..) | Event::MappingStart(..) => depth += 1,
                Event::SequenceEnd | Event::MappingEnd => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                break;
            }
        }
    }
}

impl Node {
    /// Whether this was taken out ([`Node::drop_at`]).
    pub(super) fn is_dropped(&self) -> bool {
        matches!(self.kind, Kind::Dropped)
    }

    /// Takes out the entry or item that `route` (from this node) ends in — a map's entry for
    /// its key or its value, a list's item — and gives the entry's key as written; `None` if
    /// `route` leads nowhere, or to this node itself (which cannot be taken out).
    pub(super) fn drop_at(&mut self, route: &[Step]) -> Option<Option<String>> {
        let (last, way) = route.split_last()?;
        let mut node = self;
        for step in way {
            node = node.step(*step)?;
        }
        match (&mut node.untagged_mut().kind, *last) {
            (Kind::Map(entries), Step::Key(i) | Step::Value(i)) => {
                let (key, value) = entries.get_mut(i)?;
                value.kind = Kind::Dropped;
                Some(key.text().map(str::to_string))
            }
            (Kind::Seq(items), Step::Item(i)) => {
                items.get_mut(i)?.kind = Kind::Dropped;
                Some(None)
            }
            _ => None,
        }
    }

    /// The value one step in (through a tag).
    fn step(&mut self, step: Step) -> Option<&mut Node> {
        match (&mut self.untagged_mut().kind, step) {
            (Kind::Map(entries), Step::Key(i)) => entries.get_mut(i).map(|e| &mut e.0),
            (Kind::Map(entries), Step::Value(i)) => entries.get_mut(i).map(|e| &mut e.1),
            (Kind::Seq(items), Step::Item(i)) => items.get_mut(i),
            _ => None,
        }
    }

    /// The value as written without its tag, if it has one.
    fn untagged_mut(&mut self) -> &mut Node {
        match self.kind {
            Kind::Tagged(ref mut tagged) => &mut tagged.1,
            _ => self,
        }
    }
}
