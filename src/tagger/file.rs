//! The tagger's model file. Its first 8 bytes say what the model holds ([`Kind`]: an entity model is
//! `MGNER`, a claim model `MGCLM`), so that one task's model is never read as another's — they have the
//! same layout, and a claim model read as an entity model would tag entities with claim roles.
//!
//! The layout, little-endian: the magic; a JSON header (its length first) with the types, the scheme
//! its feature keys were hashed with (`feature_hash`: a model of another scheme is refused, never
//! misread; see [`crate::feature_hash`]) and the names a model learned from the analyst, as
//! `[type, name]` pairs (a trained model has none); the scale of
//! the weights; the transition weights as `f32`; the feature count, then each feature's key and its
//! weights quantized to 16 bits, in key order (features whose weights all round to zero are left
//! out). The same model always gives the same bytes.

use super::model::Model;
use super::tags::TagSet;
use crate::feature_hash;
use std::path::{Path, PathBuf};

/// What a model file holds, by its magic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kind {
    pub magic: &'static [u8; 8],
    /// What it is called in messages (`NER model`).
    pub holds: &'static str,
}

/// More types than any label set uses; bounds what a damaged file can make the reader allocate.
const MAX_TYPES: usize = 256;

/// The most learned names a file may list (a project's analysts would take years to teach as many).
pub const MAX_NAMES: usize = 200_000;

/// What is wrong with the bytes of a model file.
#[derive(Debug, Clone, thiserror::Error)]
pub enum FormatError {
    #[error("not a Marginalia {0} (or a newer version of one)")]
    NotThisKind(&'static str),
    #[error("the model file is truncated")]
    Truncated,
    #[error("bad header: {0}")]
    Header(#[source] std::sync::Arc<serde_json::Error>),
    /// Its keys were hashed with another scheme (as the file names it; `None`: it names none).
    #[error(
        "its features were hashed with {} (this version reads {}): it was made by an earlier version",
        .0.as_deref().unwrap_or("an unnamed scheme"),
        feature_hash::SCHEME
    )]
    OtherFeatureHash(Option<String>),
    #[error("header has no types")]
    NoTypes,
    #[error("a type is not a string")]
    TypeNotAString,
    #[error("the model has {0} types (1 to {MAX_TYPES} are allowed)")]
    TypeCount(usize),
    #[error("the learned names are not a list")]
    NamesNotAList,
    #[error("the model lists {0} learned names (at most {MAX_NAMES})")]
    TooManyNames(usize),
    #[error("a learned name is not a [type, name] pair")]
    NameNotAPair,
    #[error("the feature count is larger than the file")]
    FeatureCount,
}

/// Why a model file could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// Not a regular file, too large, or unreadable (see [`crate::input`]).
    #[error("the model: {0}")]
    Read(#[from] crate::input::ReadError),
    #[error("{} is not a usable model: {source}", path.display())]
    Invalid { path: PathBuf, source: FormatError },
}

/// The file of `model` and the names it learned (`(type, name)` pairs).
pub fn to_bytes(kind: &Kind, model: &Model, names: &[(&str, &str)]) -> Vec<u8> {
    let mut buf = Vec::with_capacity(model.index.len() * 30 + 1024);
    buf.extend_from_slice(kind.magic);
    let mut header = serde_json::json!({ "types": model.tags.types(), "feature_hash": feature_hash::SCHEME });
    if !names.is_empty() {
        header["names"] = serde_json::json!(names);
    }
    let header = header.to_string();
    buf.extend_from_slice(&(header.len() as u32).to_le_bytes());
    buf.extend_from_slice(header.as_bytes());
    let t = model.tags.len();
    let max = model.weights.iter().fold(0f32, |m, w| m.max(w.abs())).max(1e-9);
    let scale = max / i16::MAX as f32;
    buf.extend_from_slice(&scale.to_le_bytes());
    for w in &model.trans {
        buf.extend_from_slice(&w.to_le_bytes());
    }
    // Stable order: by key, so the same model always gives the same bytes.
    let mut rows: Vec<(u64, u32)> = model.index.iter().map(|(&k, &r)| (k, r)).collect();
    rows.sort_unstable();
    let mut kept = 0u32;
    let mut body = Vec::with_capacity(rows.len() * (8 + 2 * t));
    for (k, r) in rows {
        let ws = &model.weights[r as usize * t..(r as usize + 1) * t];
        let q: Vec<i16> = ws.iter().map(|w| (w / scale).round() as i16).collect();
        if q.iter().all(|&x| x == 0) {
            continue; // weightless after quantization: prune
        }
        kept += 1;
        body.extend_from_slice(&k.to_le_bytes());
        for x in q {
            body.extend_from_slice(&x.to_le_bytes());
        }
    }
    buf.extend_from_slice(&kept.to_le_bytes());
    buf.extend_from_slice(&body);
    buf
}

/// Reads a model file of `kind`: the model, and the names it learned (`(type, name)` pairs).
pub fn from_bytes(kind: &Kind, bytes: &[u8]) -> Result<(Model, Vec<(String, String)>), FormatError> {
    let mut r = Reader { bytes, at: 0 };
    if r.take(8)? != kind.magic {
        return Err(FormatError::NotThisKind(kind.holds));
    }
    let hlen = r.u32()? as usize;
    let header: serde_json::Value = serde_json::from_slice(r.take(hlen)?).map_err(|e| FormatError::Header(e.into()))?;
    match header.get("feature_hash").and_then(|v| v.as_str()) {
        Some(feature_hash::SCHEME) => {}
        other => return Err(FormatError::OtherFeatureHash(other.map(String::from))),
    }
    let types: Vec<String> = header["types"]
        .as_array()
        .ok_or(FormatError::NoTypes)?
        .iter()
        .map(|v| v.as_str().map(String::from).ok_or(FormatError::TypeNotAString))
        .collect::<Result<_, _>>()?;
    if types.is_empty() || types.len() > MAX_TYPES {
        return Err(FormatError::TypeCount(types.len()));
    }
    let mut model = Model::new(TagSet::new(types));
    // Models trained from data have no learned names; a project's learned model lists them.
    let names = match header.get("names") {
        None => Vec::new(),
        Some(names) => {
            let names = names.as_array().ok_or(FormatError::NamesNotAList)?;
            if names.len() > MAX_NAMES {
                return Err(FormatError::TooManyNames(names.len()));
            }
            names
                .iter()
                .map(|e| match (e.get(0).and_then(|v| v.as_str()), e.get(1).and_then(|v| v.as_str())) {
                    (Some(ty), Some(name)) => Ok((ty.to_string(), name.to_string())),
                    _ => Err(FormatError::NameNotAPair),
                })
                .collect::<Result<_, _>>()?
        }
    };
    let t = model.tags.len();
    let scale = f32::from_le_bytes(r.array()?);
    for w in model.trans.iter_mut() {
        *w = f32::from_le_bytes(r.array()?);
    }
    let n = r.u32()? as usize;
    if n.saturating_mul(8 + 2 * t) > bytes.len() {
        return Err(FormatError::FeatureCount);
    }
    model.index.reserve(n);
    model.weights = Vec::with_capacity(n * t);
    for row in 0..n {
        let k = u64::from_le_bytes(r.array()?);
        model.index.insert(k, row as u32);
        for _ in 0..t {
            model.weights.push(i16::from_le_bytes(r.array()?) as f32 * scale);
        }
    }
    model.pack(scale);
    Ok((model, names))
}

/// Reads the model file of `kind` at `path` (see [`from_bytes`]).
pub fn load(kind: &Kind, path: &Path) -> Result<(Model, Vec<(String, String)>), ModelError> {
    let bytes = crate::input::read_file(path, crate::input::MAX_MODEL_FILE)?;
    from_bytes(kind, &bytes).map_err(|source| ModelError::Invalid { path: path.to_path_buf(), source })
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], FormatError> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len()).ok_or(FormatError::Truncated)?;
        let s = &self.bytes[self.at..end];
        self.at = end;
        Ok(s)
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N], FormatError> {
        self.take(N)?.try_into().map_err(|_| FormatError::Truncated)
    }
    fn u32(&mut self) -> Result<u32, FormatError> {
        Ok(u32::from_le_bytes(self.array()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tagger::tags::O;
    use crate::tagger::toy_features as f;
    use crate::tagger::train::Trainer;

    const TOY: Kind = Kind { magic: b"MGTOY\x00\x00\x01", holds: "toy model" };
    const OTHER: Kind = Kind { magic: b"MGOTH\x00\x00\x01", holds: "other model" };

    fn trained() -> Model {
        let tags = TagSet::new(["PER", "ORG", "LOC", "MISC"].map(String::from).to_vec());
        let (b_per, i_per, b_loc) = (tags.begin(0), tags.inside(0), tags.begin(2));
        let mut tr = Trainer::new(tags);
        for _ in 0..10 {
            tr.learn(&f(&["Anna", "Berg", "visited", "Oslo", "."]), &[b_per, i_per, O, b_loc, O]);
            tr.learn(&f(&["they", "visited", "Rome", "."]), &[O, O, b_loc, O]);
        }
        tr.finish()
    }

    #[test]
    fn a_model_round_trips_through_its_file() {
        let m = trained();
        let bytes = to_bytes(&TOY, &m, &[]);
        let (back, names) = from_bytes(&TOY, &bytes).unwrap();
        assert!(names.is_empty());
        assert_eq!(back.tags, m.tags);
        let s = f(&["Tom", "Lee", "visited", "Rome", "."]);
        assert_eq!(back.decode(&s), m.decode(&s), "quantized weights decode the same");
        assert!(back.packed.is_some() && m.packed.is_none(), "a loaded model of 9 tags tags from its packed rows");
        let (packed, rows) = (back.emissions(&s), Model { packed: None, ..back.clone() }.emissions(&s));
        assert!(
            packed.iter().zip(&rows).all(|(a, b)| (a - b).abs() <= 1e-5 * (1.0 + b.abs())),
            "packed rows score the same (up to float rounding): {packed:?} {rows:?}"
        );
        let mut updated = back.clone();
        updated.update(&s, &[O; 5], &back.decode(&s), |_| 100.0, |_, _| {});
        assert!(updated.packed.is_none(), "an update drops the packed rows");
        assert_eq!(updated.decode(&s), vec![O; 5], "and is seen at once");
        assert!(to_bytes(&TOY, &back, &[]) == bytes, "save → load → save is the identity");
        let with_names = to_bytes(&TOY, &back, &[("WEAPON", "barrel bomb")]);
        let (_, names) = from_bytes(&TOY, &with_names).unwrap();
        assert_eq!(names, vec![("WEAPON".to_string(), "barrel bomb".to_string())], "learned names travel");
        assert!(from_bytes(&TOY, &bytes[..bytes.len() / 2]).is_err());
        assert!(from_bytes(&TOY, b"nonsense").is_err());
        // A model of an earlier version, whose keys came from another hash, is refused, not misread.
        let field = br#""feature_hash":"fnv1a-64","#;
        let at = bytes.windows(field.len()).position(|w| w == field).expect("the header names its hash");
        let mut earlier = bytes.clone();
        earlier[at..at + field.len()].fill(b' ');
        let Err(why) = from_bytes(&TOY, &earlier) else { panic!("a model of an earlier hash loaded") };
        let why = why.to_string();
        assert!(why.contains("an unnamed scheme") && why.contains("fnv1a-64"), "{why}");
    }

    #[test]
    fn a_file_of_another_kind_is_refused_saying_what_was_expected() {
        let bytes = to_bytes(&OTHER, &trained(), &[]);
        let e = from_bytes(&TOY, &bytes).expect_err("another kind is refused");
        assert_eq!(e.to_string(), "not a Marginalia toy model (or a newer version of one)");
    }
}
