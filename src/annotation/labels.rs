//! The label set: names, colours and hotkeys, saved with every annotation file.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    pub name: String,
    /// `#rrggbb`, a pastel that dark text reads on in both themes.
    pub color: String,
    /// `'1'`–`'9'`: pressing it relabels the current span or labels the selection.
    pub hotkey: Option<char>,
}

impl Label {
    /// The colour as RGB; a malformed colour in a hand-edited file falls back to grey.
    pub fn rgb(&self) -> [u8; 3] {
        parse_hex_color(&self.color).unwrap_or([200, 200, 200])
    }
}

pub fn parse_hex_color(s: &str) -> Option<[u8; 3]> {
    let h = s.strip_prefix('#')?;
    if h.len() != 6 || !h.is_ascii() {
        return None;
    }
    let p = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).ok();
    Some([p(0)?, p(2)?, p(4)?])
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LabelSet {
    labels: Vec<Label>,
}

const DEFAULT_LABELS: &str = include_str!("../../assets/labels.ron");

/// Pastel colours offered to labels the analyst adds, in order.
pub const PALETTE: &[&str] =
    &["#f4a6a6", "#9cc3f5", "#a8dba8", "#f2d48f", "#d4b8f0", "#a6e3e0", "#f5c4e0", "#c9d99a", "#f7c59f", "#c4c4f2"];

impl Default for LabelSet {
    fn default() -> Self {
        // The bundled file is part of the binary and covered by a test; an empty set is the fallback.
        ron::from_str(DEFAULT_LABELS).unwrap_or(Self { labels: Vec::new() })
    }
}

impl LabelSet {
    pub fn new(labels: Vec<Label>) -> Self {
        Self { labels }
    }

    pub fn iter(&self) -> impl Iterator<Item = &Label> {
        self.labels.iter()
    }

    pub fn len(&self) -> usize {
        self.labels.len()
    }

    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    pub fn get(&self, name: &str) -> Option<&Label> {
        self.labels.iter().find(|l| l.name == name)
    }

    pub fn contains(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    pub fn by_hotkey(&self, key: char) -> Option<&Label> {
        self.labels.iter().find(|l| l.hotkey == Some(key))
    }

    /// The first hotkey `'1'..='9'` no label uses yet.
    pub fn free_hotkey(&self) -> Option<char> {
        ('1'..='9').find(|k| self.by_hotkey(*k).is_none())
    }

    /// Adds a label with the next free colour and hotkey. Returns false if the name is taken or empty.
    pub fn add(&mut self, name: &str) -> bool {
        self.add_as_named(&name.to_uppercase())
    }

    /// Adds a label under exactly this name (trimmed), as a dataset being imported spells it.
    pub fn add_as_named(&mut self, name: &str) -> bool {
        let name = name.trim().to_string();
        if name.is_empty() || self.contains(&name) {
            return false;
        }
        let color = PALETTE[self.labels.len() % PALETTE.len()].to_string();
        let hotkey = self.free_hotkey();
        self.labels.push(Label { name, color, hotkey });
        true
    }

    pub fn remove(&mut self, name: &str) {
        self.labels.retain(|l| l.name != name);
    }

    pub fn get_mut(&mut self, name: &str) -> Option<&mut Label> {
        self.labels.iter_mut().find(|l| l.name == name)
    }

    /// Gives `key` to `name`, taking it from any label that had it.
    pub fn set_hotkey(&mut self, name: &str, key: Option<char>) {
        for l in &mut self.labels {
            if l.name == name {
                l.hotkey = key;
            } else if key.is_some() && l.hotkey == key {
                l.hotkey = None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_default_labels_parse() {
        let set: LabelSet = ron::from_str(DEFAULT_LABELS).expect("assets/labels.ron parses");
        let names: Vec<_> = set.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(names, ["PERSON", "ORG", "LOC", "MISC", "DATE", "QUANTITY"]);
        assert_eq!(set.by_hotkey('2').map(|l| l.name.as_str()), Some("ORG"));
        assert!(set.iter().all(|l| parse_hex_color(&l.color).is_some()));
    }

    #[test]
    fn adding_a_label_takes_the_next_hotkey_and_moving_a_hotkey_steals_it() {
        let mut set = LabelSet::default();
        assert!(set.add("weapon"));
        assert!(!set.add("WEAPON"));
        assert_eq!(set.get("WEAPON").and_then(|l| l.hotkey), Some('7'));
        set.set_hotkey("WEAPON", Some('1'));
        assert_eq!(set.get("PERSON").and_then(|l| l.hotkey), None);
        assert_eq!(set.by_hotkey('1').map(|l| l.name.as_str()), Some("WEAPON"));
    }
}
