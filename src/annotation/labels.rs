//! The label set: names, colours and hotkeys, saved with every annotation file.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    pub name: String,
    /// `#rrggbb`, a pastel that dark text reads on in both themes.
    pub color: String,
    /// Pressing it relabels the current span or labels the selection.
    pub hotkey: Option<Hotkey>,
}

/// A label's key: a digit `1`–`9` (with Shift or without: eighteen labels), or a capital letter
/// the analyst chose. Saved as the character (`'2'`, as files before Shift were), or as
/// `"Shift+2"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Hotkey {
    pub key: char,
    pub shift: bool,
}

impl Hotkey {
    pub const fn plain(key: char) -> Self {
        Self { key, shift: false }
    }

    pub const fn shifted(key: char) -> Self {
        Self { key, shift: true }
    }

    /// The keys a label can have: a digit, Shift and a digit, or a capital letter.
    pub fn is_valid(self) -> bool {
        ('1'..='9').contains(&self.key) || (self.key.is_ascii_uppercase() && !self.shift)
    }

    /// As people write it: `2`, `Shift+2`, `G` (lower case reads as its capital; an empty text is no
    /// key). `None` for what is no key a label can have.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        let (shift, key) = match text.get(..6) {
            Some(p) if p.eq_ignore_ascii_case("shift+") => (true, &text[6..]),
            _ => (false, text),
        };
        let mut chars = key.chars();
        let (Some(c), None) = (chars.next(), chars.next()) else { return None };
        Some(Self { key: c.to_ascii_uppercase(), shift }).filter(|k| k.is_valid())
    }
}

impl std::fmt::Display for Hotkey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.shift { write!(f, "Shift+{}", self.key) } else { write!(f, "{}", self.key) }
    }
}

impl Serialize for Hotkey {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.shift { s.serialize_str(&self.to_string()) } else { s.serialize_char(self.key) }
    }
}

impl<'de> Deserialize<'de> for Hotkey {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl serde::de::Visitor<'_> for Visit {
            type Value = Hotkey;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a key such as '2', 'G' or \"Shift+2\"")
            }
            fn visit_char<E: serde::de::Error>(self, c: char) -> Result<Hotkey, E> {
                // Checked with the rest of the file (`store::check`), to say which label has it.
                Ok(Hotkey::plain(c))
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Hotkey, E> {
                Hotkey::parse(s).ok_or_else(|| E::invalid_value(serde::de::Unexpected::Str(s), &self))
            }
        }
        d.deserialize_any(Visit)
    }
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

    pub fn by_hotkey(&self, key: Hotkey) -> Option<&Label> {
        self.labels.iter().find(|l| l.hotkey == Some(key))
    }

    /// The first digit no label uses yet: `1`–`9`, then `Shift+1`–`Shift+9`.
    pub fn free_hotkey(&self) -> Option<Hotkey> {
        let digits = ('1'..='9').map(Hotkey::plain).chain(('1'..='9').map(Hotkey::shifted));
        digits.into_iter().find(|k| self.by_hotkey(*k).is_none())
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
    pub fn set_hotkey(&mut self, name: &str, key: Option<Hotkey>) {
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
        assert_eq!(set.by_hotkey(Hotkey::plain('2')).map(|l| l.name.as_str()), Some("ORG"));
        assert!(set.iter().all(|l| parse_hex_color(&l.color).is_some()));
    }

    #[test]
    fn adding_a_label_takes_the_next_hotkey_and_moving_a_hotkey_steals_it() {
        let mut set = LabelSet::default();
        assert!(set.add("weapon"));
        assert!(!set.add("WEAPON"));
        assert_eq!(set.get("WEAPON").and_then(|l| l.hotkey), Some(Hotkey::plain('7')));
        set.set_hotkey("WEAPON", Some(Hotkey::plain('1')));
        assert_eq!(set.get("PERSON").and_then(|l| l.hotkey), None);
        assert_eq!(set.by_hotkey(Hotkey::plain('1')).map(|l| l.name.as_str()), Some("WEAPON"));
    }

    #[test]
    fn past_nine_labels_the_hotkeys_go_on_with_shift_and_old_files_read_unchanged() {
        let mut set = LabelSet::default();
        for name in ["a", "b", "c", "d", "e"] {
            set.add(name);
        }
        assert_eq!(set.iter().filter_map(|l| l.hotkey).last(), Some(Hotkey::shifted('2')), "the 11th");
        let ron = ron::to_string(&set).expect("writes");
        assert!(ron.contains("Some('9')") && ron.contains("Some(\"Shift+2\")"), "{ron}");
        assert_eq!(ron::from_str::<LabelSet>(&ron).ok(), Some(set));
        let old: LabelSet = ron::from_str(DEFAULT_LABELS).expect("parses");
        assert_eq!(ron::from_str::<LabelSet>(&ron::to_string(&old).expect("writes")).ok(), Some(old));
        assert_eq!(Hotkey::parse("g"), Some(Hotkey::plain('G')));
        assert_eq!(Hotkey::parse("shift+3"), Some(Hotkey::shifted('3')));
        assert_eq!(Hotkey::parse("Shift+G"), None, "Shift+ a letter is the table's (Shift+A, Shift+C)");
        assert_eq!(Hotkey::parse("0"), None);
        assert_eq!(Hotkey::plain('G').to_string(), "G");
    }
}
