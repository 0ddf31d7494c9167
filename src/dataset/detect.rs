//! What a file given to `import` holds, told by its content before its name: CoNLL-2003's own
//! `test.txt` and `eng.train` are CoNLL whatever they are called, a Label Studio export is a `.json`
//! like many others, and a file Marginalia cannot read is refused naming what it looks like (a UIMA
//! CAS XMI file, spaCy v2 JSON) instead of being imported as an article whose text is markup.
//!
//! Only the first [`HEAD`] bytes are looked at; the extension decides only where the content does
//! not (an article is text of any shape).

use super::import::InputFormat;
use std::path::Path;

/// How much of a file is looked at to tell its format.
pub const HEAD: usize = 64 * 1024;

/// A file whose format Marginalia does not read, as it looks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path} looks like {what}: Marginalia cannot import it{advice}")]
pub struct Unsupported {
    pub path: String,
    pub what: &'static str,
    pub advice: &'static str,
}

/// The format of the file at `path` whose first bytes are `head`.
pub fn detect(path: &Path, head: &[u8]) -> Result<InputFormat, Unsupported> {
    let name = path.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
    let unsupported = |(what, advice)| Unsupported { path: path.display().to_string(), what, advice };
    by_content(&name, head).map_err(unsupported)
}

/// What a file refused looks like, and what to do instead.
type LooksLike = (&'static str, &'static str);

fn by_content(name: &str, head: &[u8]) -> Result<InputFormat, LooksLike> {
    let ext = name.rsplit_once('.').map(|(_, e)| e).unwrap_or_default();
    if head.starts_with(b"%PDF") {
        return Ok(InputFormat::Pdf);
    }
    if looks_like_docbin(head) || (ext == "spacy" && !head.is_empty()) {
        return Ok(InputFormat::SpacyDocbin);
    }
    let mut head = head;
    if head.starts_with(b"\xEF\xBB\xBF") {
        head = &head[3..];
    }
    // A head cut inside a character is still text: look at what decodes.
    let text = match std::str::from_utf8(head) {
        Ok(t) => t,
        Err(e) if e.error_len().is_none() => std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or_default(),
        // Binary: the article reader names what it is.
        Err(_) => return Ok(InputFormat::Text),
    };
    let start = text.trim_start();
    if start.starts_with("#FORMAT=WebAnno TSV 3") {
        return Ok(InputFormat::WebannoTsv);
    }
    if start.starts_with("#FORMAT=WebAnno TSV")
        || start.starts_with("# de.tudarmstadt.ukp")
        || (start.starts_with("#id=") && start.contains("\n#text="))
    {
        return Err((
            "an older WebAnno TSV (before 3)",
            ": export it again from INCEpTION or WebAnno as WebAnno TSV 3.3",
        ));
    }
    if start.starts_with('<')
        && let Some(format) = markup(start, ext)?
    {
        return Ok(format);
    }
    if start.starts_with('(') && name.ends_with(".ron") {
        return Ok(if text.contains("marginalia-dataset") { InputFormat::Dataset } else { InputFormat::Annotations });
    }
    if start.starts_with('[') && start[1..].trim_start().starts_with(['{', ']', '[', '"']) {
        return json_array(start);
    }
    if start.starts_with('{') {
        // Label Studio also saves a single task as one object, on one line or over many.
        let task =
            start.contains("\"data\"") && (start.contains("\"annotations\"") || start.contains("\"predictions\""));
        if task && (!first_line_is_an_object(start) || !start.trim_end().contains('\n')) {
            return Ok(InputFormat::LabelStudio);
        }
        if first_line_is_an_object(start) {
            return Ok(InputFormat::Jsonl);
        }
        if matches!(ext, "jsonl" | "ndjson" | "json") {
            return Err((
                "one JSON document over several lines, not JSON Lines (a document a line)",
                ": write one document per line (`jq -c . FILE`)",
            ));
        }
    }
    // brat's files are `.ann` (an empty one is a document nobody annotated yet); a text of lines that
    // start `T1<tab>` is still a text.
    if ext == "ann" {
        return Ok(InputFormat::Brat);
    }
    if looks_like_conllu(start) {
        return Err((
            "CoNLL-U (Universal Dependencies: ten columns of syntax, no entity tags)",
            ": give CoNLL with entity tags in the last column",
        ));
    }
    if looks_like_conll(start) || super::conll::is_sentence_a_line(start) {
        return Ok(InputFormat::Conll);
    }
    Ok(match ext {
        "html" | "htm" => InputFormat::Html,
        "conll" | "conll03" | "iob" | "bio" | "bioes" => InputFormat::Conll,
        _ => InputFormat::Text,
    })
}

/// Markup: a format refused by name (XMI, TEI, other XML with its prolog), a web page, or — `None` —
/// a text that happens to start with `<` (`<!-- draft -->` in Markdown), which the name decides.
fn markup(start: &str, ext: &str) -> Result<Option<InputFormat>, LooksLike> {
    let lower = start.get(..start.len().min(4096)).unwrap_or(start).to_lowercase();
    if lower.contains("xmi:xmi") || lower.contains("http:///uima/") || lower.contains("cas:sofa") {
        return Err((
            "a UIMA CAS XMI file (INCEpTION's or DKPro's XMI export)",
            ": not supported yet; export it from INCEpTION as WebAnno TSV 3.3",
        ));
    }
    if lower.contains("<tei") {
        return Err(("a TEI XML document", ": not supported yet; give its text"));
    }
    if lower.contains("<html") || lower.contains("<!doctype html") || matches!(ext, "html" | "htm" | "xhtml") {
        return Ok(Some(InputFormat::Html));
    }
    if lower.starts_with("<?xml") {
        return Err(("an XML file", ": not supported yet; give its text"));
    }
    Ok(None)
}

/// A spaCy DocBin: zlib's header (CMF 0x78 and a check over both bytes) whose data inflates to a
/// MessagePack map, as `DocBin.to_bytes` writes it.
fn looks_like_docbin(head: &[u8]) -> bool {
    use std::io::Read;
    let zlib = head.len() > 2 && head[0] == 0x78 && (u16::from(head[0]) << 8 | u16::from(head[1])) % 31 == 0;
    let mut first = [0u8; 1];
    zlib && flate2::read::ZlibDecoder::new(head).read_exact(&mut first).is_ok()
        && matches!(first[0], 0x80..=0x8f | 0xde | 0xdf)
}

/// Whether the first line is a JSON object (or so long that the head cuts it, and it starts as one).
fn first_line_is_an_object(text: &str) -> bool {
    match text.split_once('\n') {
        Some((line, _)) => serde_json::from_str::<serde_json::Value>(line).is_ok_and(|v| v.is_object()),
        None => text.starts_with("{\""),
    }
}

fn json_array(start: &str) -> Result<InputFormat, LooksLike> {
    if start[1..].trim_start().starts_with([']', '{']) {
        if start.contains("\"paragraphs\"") && !start.contains("\"data\"") {
            return Err((
                "spaCy v2 JSON training data",
                ": convert it with `python -m spacy convert FILE . --converter json` and import the .spacy file",
            ));
        }
        return Ok(InputFormat::LabelStudio);
    }
    Err(("a JSON array of something other than tasks", ": give Label Studio's JSON export or JSON Lines"))
}

/// CoNLL-U: `# sent_id` / `# text` comments and ten tab-separated columns, a number first.
fn looks_like_conllu(text: &str) -> bool {
    let rows: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).take(50).collect();
    !rows.is_empty()
        && rows.iter().all(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            cols.len() == 10 && cols[0].split(['-', '.']).all(|n| n.parse::<u32>().is_ok())
        })
}

/// CoNLL columns: nearly every non-blank line is a token and a tag in its last column (`O`, `B-PER`,
/// `I-LOC`, `E-`, `S-`, `L-`, `U-`, or a bare type in the IO scheme), or `-DOCSTART-`, with sentences
/// as blocks between blank lines and at least one `O`; an article's lines are sentences.
fn looks_like_conll(text: &str) -> bool {
    let lines: Vec<&str> = text.lines().map(str::trim).take(400).collect();
    let rows: Vec<&str> = lines.iter().copied().filter(|l| !l.is_empty()).collect();
    let cols = |l: &str| l.split_whitespace().map(String::from).collect::<Vec<_>>();
    let docstart = rows.iter().any(|l| l.starts_with("-DOCSTART-"));
    let tagged = rows
        .iter()
        .filter(|l| {
            let cols = cols(l);
            cols.first().is_some_and(|c| c == "-DOCSTART-")
                || (cols.len() >= 2 && cols.last().is_some_and(|t| super::conll::is_tag(t)))
        })
        .count();
    let outside = rows.iter().any(|l| cols(l).last().is_some_and(|t| t == "O"));
    let blocks = lines.iter().any(|l| l.is_empty()) || docstart;
    rows.len() >= 3 && blocks && outside && tagged * 10 >= rows.len() * 9
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(name: &str, content: &str) -> Result<InputFormat, Unsupported> {
        detect(Path::new(name), content.as_bytes())
    }

    #[test]
    fn conll_2003_files_are_conll_whatever_their_name() {
        let test_txt = "-DOCSTART- -X- -X- O\n\nSOCCER NN B-NP O\n- : O O\nJAPAN NNP B-NP B-LOC\nGET VB B-VP O\n";
        assert_eq!(of("test.txt", test_txt), Ok(InputFormat::Conll));
        assert_eq!(of("eng.train", test_txt), Ok(InputFormat::Conll));
        assert_eq!(of("\u{feff}x.txt", &format!("\u{feff}{test_txt}")), Ok(InputFormat::Conll));
    }

    #[test]
    fn an_article_stays_an_article() {
        let article = "Syria's Kurds said on Monday that they would hold talks.\nO\nThe talks begin today.\n";
        assert_eq!(of("report.txt", article), Ok(InputFormat::Text));
        assert_eq!(of("notes.md", "# Notes\n\nB-roll of the O-levels\n"), Ok(InputFormat::Text));
    }

    #[test]
    fn articles_that_look_a_little_like_a_format_stay_articles() {
        for (name, text) in [
            ("x.txt", "x = 5 is the answer.\nIt was.\n"),
            ("draft.md", "<!-- draft -->\nPolice said on Monday that the road was closed.\n"),
            ("frag.txt", "<p>Police said so.</p>\n"),
            ("t.txt", "T1\tWe interviewed the team.\nR1\tRound one.\n"),
            ("roads.txt", "Take the I-95\nthen the I-10\nand the I-405\n"),
            ("b52.txt", "B-52 bombers flew over.\nO\nThey were seen by many.\n"),
            ("brace.txt", "{Update} Police said the road was closed.\n"),
        ] {
            assert_eq!(of(name, text), Ok(InputFormat::Text), "{name}");
        }
    }

    #[test]
    fn other_tools_files_are_told_by_their_content() {
        assert_eq!(of("a.json", "[{\"data\": {\"text\": \"x\"}, \"annotations\": []}]"), Ok(InputFormat::LabelStudio));
        assert_eq!(of("a.tsv", "\u{feff}#FORMAT=WebAnno TSV 3.3\n"), Ok(InputFormat::WebannoTsv));
        assert_eq!(of("a.txt", "{\"text\": \"x\"}\n"), Ok(InputFormat::Jsonl));
        assert_eq!(of("a.ann", "T1\tORG 0 4\tACME\n#1\tAnnotatorNotes T1\tx\n"), Ok(InputFormat::Brat));
        assert_eq!(of("empty.ann", ""), Ok(InputFormat::Brat), "a brat document nobody annotated yet");
        assert_eq!(of("io.conll", "Paris LOC\nis O\nnice O\n\nBo PER\n"), Ok(InputFormat::Conll), "the IO scheme");
        assert_eq!(of("a.txt.ann.ron", "(\n    format: \"marginalia-annotations\",\n"), Ok(InputFormat::Annotations));
        assert_eq!(of("d.ron", "(format: \"marginalia-dataset\", version: 1,"), Ok(InputFormat::Dataset));
        let docbin = {
            use std::io::Write;
            let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
            z.write_all(&[0x85, 0xa7]).unwrap();
            z.finish().unwrap()
        };
        assert_eq!(detect(Path::new("train.bin"), &docbin), Ok(InputFormat::SpacyDocbin));
        assert_eq!(of("page.html", "<!DOCTYPE html><html><body>Hi</body></html>"), Ok(InputFormat::Html));
        assert_eq!(of("annotation.conf", "[entities]\nPERSON\n"), Ok(InputFormat::Text), "brat's configuration");
    }

    #[test]
    fn what_cannot_be_read_is_refused_naming_what_it_looks_like() {
        let xmi = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><xmi:XMI xmlns:cas=\"http:///uima/cas.ecore\">";
        let e = of("doc.xmi", xmi).unwrap_err();
        assert!(e.to_string().contains("a UIMA CAS XMI file"), "{e}");
        let conllu =
            "# sent_id = 1\n1\tHe\the\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n2\tleft\tleave\tVERB\tVBD\t_\t0\troot\t_\t_\n";
        assert!(of("ud.conllu", conllu).unwrap_err().to_string().contains("CoNLL-U"));
        let v2 = "[{\"id\": 0, \"paragraphs\": [{\"raw\": \"x\", \"sentences\": []}]}]";
        assert!(of("train.json", v2).unwrap_err().to_string().contains("spaCy v2 JSON"));
        assert!(
            of("ex.tsv", " # de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity | value\n#id=1\n")
                .unwrap_err()
                .to_string()
                .contains("older WebAnno TSV")
        );
        assert!(of("pretty.jsonl", "{\n  \"text\": \"x\"\n}\n").unwrap_err().to_string().contains("several lines"));
        let task = "{\n  \"data\": {\"text\": \"x\"},\n  \"annotations\": []\n}\n";
        assert_eq!(of("1.json", task), Ok(InputFormat::LabelStudio), "one Label Studio task, pretty-printed");
    }
}
