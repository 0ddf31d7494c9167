//! Reading a file someone named, bounded: every reader of user- or disk-controlled input goes through
//! [`read_file`], so no path can make Marginalia block or run out of memory.
//!
//! Why not `std::fs::read`: it trusts the file. A symlink to `/dev/zero` reports a length of 0 and
//! never ends; a FIFO blocks the opening thread until some other program writes to it; a 12 GB dump
//! is read whole before anything can say no. Here only regular files are read (checked before and
//! after opening, and opened without blocking), their length is checked before reading, and the read
//! itself stops one byte past the limit whatever the length said (files in `/proc` report 0).

use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

/// The most an `.ann.ron` file may hold: the largest article (16 MB) with tens of thousands of spans.
pub const MAX_ANNOTATION_FILE: u64 = 128 * MB;
/// The most a file of many documents or of training data (JSONL, CoNLL, TSV, a dataset bundle) may hold.
pub const MAX_DATA_FILE: u64 = 1024 * MB;
/// The most a model file may hold (the shipped claim model is 13 MB).
pub const MAX_MODEL_FILE: u64 = 512 * MB;

const MB: u64 = 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("could not read {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path} is {kind}, not a file; Marginalia reads only regular files")]
    NotAFile { path: PathBuf, kind: &'static str },
    #[error("{path} is larger than {} MB, the most Marginalia reads from such a file{}", limit / MB, split_advice(*limit))]
    TooLarge { path: PathBuf, limit: u64 },
    #[error("{path} is not UTF-8 text (line {line}, byte {at} is invalid). Re-save it as UTF-8")]
    NotUtf8 { path: PathBuf, line: usize, at: usize },
}

fn split_advice(limit: u64) -> &'static str {
    if limit <= MAX_ANNOTATION_FILE { ". Split it into smaller files" } else { "" }
}

impl ReadError {
    pub fn path(&self) -> &Path {
        match self {
            ReadError::Io { path, .. }
            | ReadError::NotAFile { path, .. }
            | ReadError::TooLarge { path, .. }
            | ReadError::NotUtf8 { path, .. } => path,
        }
    }
}

/// The bytes of the regular file at `path` (symlinks followed), if it holds at most `limit` bytes.
pub fn read_file(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    read_file_and_metadata(path, limit).map(|(bytes, _)| bytes)
}

/// [`read_file`], with the metadata of the very file read (not of whatever is at `path` a moment
/// later).
pub fn read_file_and_metadata(path: &Path, limit: u64) -> Result<(Vec<u8>, std::fs::Metadata), ReadError> {
    let p = || path.to_path_buf();
    let io = |source| ReadError::Io { path: p(), source };
    let (file, opened) = open_regular(path)?;
    if opened.len() > limit {
        return Err(ReadError::TooLarge { path: p(), limit });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(opened.len()).unwrap_or(0).saturating_add(1));
    let mut reader = (&file).take(limit.saturating_add(1));
    reader.read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { path: p(), limit });
    }
    let meta = file.metadata().map_err(io)?;
    Ok((bytes, meta))
}

/// The first `n` bytes (or fewer) of the regular file at `path`: enough to tell what it holds.
pub fn read_head(path: &Path, n: usize) -> Result<Vec<u8>, ReadError> {
    let (file, _) = open_regular(path)?;
    let mut bytes = Vec::with_capacity(n);
    (&file)
        .take(n as u64)
        .read_to_end(&mut bytes)
        .map_err(|source| ReadError::Io { path: path.to_path_buf(), source })?;
    Ok(bytes)
}

/// The regular file at `path`, opened without blocking, and its metadata as opened: for a reader
/// that streams it (bounding what it keeps itself) rather than reading it whole.
pub fn open_regular(path: &Path) -> Result<(std::fs::File, std::fs::Metadata), ReadError> {
    let p = || path.to_path_buf();
    let io = |source| ReadError::Io { path: p(), source };
    let before = std::fs::metadata(path).map_err(io)?;
    if let Some(kind) = not_a_file(&before) {
        return Err(ReadError::NotAFile { path: p(), kind });
    }
    let file = open_without_blocking(path).map_err(io)?;
    // What was opened may not be what was looked at a moment ago.
    let opened = file.metadata().map_err(io)?;
    if let Some(kind) = not_a_file(&opened) {
        return Err(ReadError::NotAFile { path: p(), kind });
    }
    Ok((file, opened))
}

/// The text of the regular file at `path`, as [`read_file`] reads it, if it is UTF-8, without the
/// byte-order mark some editors put first (Windows Notepad, Excel's "CSV UTF-8"): it is not text, and
/// a reader would take it for part of the first token or tag.
pub fn read_text(path: &Path, limit: u64) -> Result<String, ReadError> {
    let mut bytes = read_file(path, limit)?;
    skip_bom(&mut bytes);
    decode_utf8(path, bytes)
}

/// Drops a UTF-8 byte-order mark at the start of `bytes`.
pub fn skip_bom(bytes: &mut Vec<u8>) {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
}

/// The bytes as UTF-8 text, or where they are not (`path` is for the message).
pub fn decode_utf8(path: &Path, bytes: Vec<u8>) -> Result<String, ReadError> {
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = 1 + e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count();
        ReadError::NotUtf8 { path: path.to_path_buf(), line, at }
    })
}

/// What a path is when it is not a regular file: "a folder", "a device", "a named pipe (FIFO)", …
fn not_a_file(meta: &std::fs::Metadata) -> Option<&'static str> {
    let ty = meta.file_type();
    if ty.is_file() {
        return None;
    }
    if ty.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ty.is_char_device() || ty.is_block_device() {
            return Some("a device");
        }
        if ty.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if ty.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a regular file")
}

#[cfg(unix)]
fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    // A FIFO put in the file's place between the check and the open must not block the open; on a
    // regular file the flag changes nothing.
    std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(path)
}

#[cfg(not(unix))]
fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

/// What [`read_line`] found.
#[derive(Debug, PartialEq, Eq)]
pub enum Line {
    /// A line, in the buffer without its `\n` (or `\r\n`).
    Read,
    /// A line longer than the limit: skipped to its end, never held whole; the buffer is empty.
    TooLong,
    /// The end of the input.
    End,
}

/// Reads the next line of `reader` into `buf`, keeping at most `limit` bytes of it: a longer line is
/// read past in pieces and answered [`Line::TooLong`], so that memory stays bounded whatever the input
/// (a stream with no newline at all included).
pub fn read_line(reader: &mut impl BufRead, buf: &mut Vec<u8>, limit: usize) -> std::io::Result<Line> {
    buf.clear();
    let n = reader.by_ref().take(limit as u64 + 1).read_until(b'\n', buf)?;
    if n == 0 {
        return Ok(Line::End);
    }
    if buf.last() == Some(&b'\n') {
        buf.pop();
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
        return Ok(Line::Read);
    }
    if buf.len() <= limit {
        // The last line, with no newline after it.
        return Ok(Line::Read);
    }
    buf.clear();
    skip_line(reader)?;
    Ok(Line::TooLong)
}

/// Reads past the rest of a line (through its `\n`), holding no more than the reader's buffer.
fn skip_line(reader: &mut impl BufRead) -> std::io::Result<()> {
    loop {
        let piece = reader.fill_buf()?;
        if piece.is_empty() {
            return Ok(());
        }
        match piece.iter().position(|&b| b == b'\n') {
            Some(i) => {
                reader.consume(i + 1);
                return Ok(());
            }
            None => {
                let n = piece.len();
                reader.consume(n);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_read_one_at_a_time_and_one_too_long_is_skipped_whole() {
        let input = b"short\r\nexactly10!!\n0123456789abcdef\nlast".to_vec();
        // A reader buffer smaller than the long line: it is skipped in pieces.
        let mut reader = std::io::BufReader::with_capacity(4, &input[..]);
        let mut buf = Vec::new();
        let mut next = || (read_line(&mut reader, &mut buf, 11).unwrap(), String::from_utf8(buf.clone()).unwrap());
        assert_eq!(next(), (Line::Read, "short".into()));
        assert_eq!(next(), (Line::Read, "exactly10!!".into()));
        assert_eq!(next(), (Line::TooLong, String::new()));
        assert_eq!(next(), (Line::Read, "last".into()));
        assert_eq!(next(), (Line::End, String::new()));
    }

    #[test]
    fn a_stream_with_no_newline_is_refused_without_being_held() {
        let mut endless = std::io::BufReader::new(std::io::repeat(b'x').take(50 << 20));
        let mut buf = Vec::new();
        assert_eq!(read_line(&mut endless, &mut buf, 1 << 20).unwrap(), Line::TooLong);
        assert!(buf.capacity() < 4 << 20, "held {} bytes", buf.capacity());
        assert_eq!(read_line(&mut endless, &mut buf, 1 << 20).unwrap(), Line::End);
    }

    #[test]
    fn reads_a_file_within_its_limit_and_refuses_one_beyond() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        std::fs::write(&p, b"twelve bytes").unwrap();
        assert_eq!(read_file(&p, 12).unwrap(), b"twelve bytes");
        let e = read_file(&p, 11).unwrap_err();
        assert!(matches!(e, ReadError::TooLarge { .. }), "{e}");
        assert!(e.to_string().contains("a.txt"), "{e}");
        let e = read_file(dir.path(), 100).unwrap_err();
        assert!(e.to_string().contains("is a folder"), "{e}");
    }

    #[test]
    fn text_that_is_not_utf8_is_refused_saying_where() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("latin1.conll");
        std::fs::write(&p, b"S\xe3o O\n\nPaulo B-LOC\n").unwrap();
        let e = read_text(&p, 100).unwrap_err();
        assert!(e.to_string().contains("latin1.conll is not UTF-8 text (line 1, byte 1"), "{e}");
        std::fs::write(&p, "São B-LOC\n").unwrap();
        assert_eq!(read_text(&p, 100).unwrap(), "São B-LOC\n");
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_pipes_are_refused_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let zero = dir.path().join("zero.txt");
        std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
        let e = read_file(&zero, 1 << 20).unwrap_err();
        assert!(e.to_string().contains("is a device"), "{e}");
        let fifo = dir.path().join("pipe.txt");
        let c = std::ffi::CString::new(fifo.to_string_lossy().as_bytes()).unwrap();
        // SAFETY: mkfifo reads a valid NUL-terminated path and touches nothing else.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let e = read_file(&fifo, 1 << 20).unwrap_err();
        assert!(e.to_string().contains("named pipe"), "{e}");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_file_that_reports_no_length_is_still_bounded() {
        // /proc files say they are empty and then give their contents.
        let bytes = read_file(Path::new("/proc/self/status"), 1 << 20).unwrap();
        assert!(!bytes.is_empty());
        assert!(matches!(read_file(Path::new("/proc/self/status"), 10), Err(ReadError::TooLarge { .. })));
    }
}
