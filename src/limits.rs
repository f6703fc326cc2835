//! Limits on hostile input, enforced before anything is parsed: how large a file may be, how
//! deeply its brackets may nest, how long a value may be, and how many errors one file may
//! report. Each limit is far above what a real tenant file or policy needs and far below what
//! would exhaust memory or the stack (see docs/configuration.md).

use std::fmt;
use std::io::Read;
use std::path::Path;

/// The default largest file read: 16 MiB.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;

/// The deepest nesting of brackets (`(`, `[`, `{`) in a policy, schema or tenant file. Cedar's
/// parser and the TOML reader recurse per level; a few hundred levels overflow the stack.
pub const MAX_NESTING: usize = 64;

/// The longest id (`id` keys), in characters.
pub const MAX_ID_CHARS: usize = 256;

/// The longest string value, in bytes.
pub const MAX_STRING_BYTES: usize = 64 * 1024;

/// The most values YAML aliases may copy in one file, all aliases together: far more than
/// shared blocks of a real tenant file need, and few enough that nested aliases ("billion
/// laughs") cannot fill memory.
pub const MAX_ALIAS_VALUES: usize = 100_000;

/// The most errors reported for one file; the rest are counted in one line.
pub const MAX_ERRORS_PER_FILE: usize = 100;

/// Why a file was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// It is a directory, FIFO, socket or device: reading it could block or never end.
    NotARegularFile(&'static str),
    /// It is larger than the limit.
    TooLarge {
        /// The limit, in bytes.
        limit: u64,
    },
    /// The operating system's error.
    Io(String),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::NotARegularFile(kind) => {
                write!(
                    f,
                    "not a regular file but {kind}; only regular files are read"
                )
            }
            ReadError::TooLarge { limit } => write!(
                f,
                "the file is larger than {} (raise it with `--max-file-size`)",
                size(*limit)
            ),
            ReadError::Io(message) => f.write_str(message),
        }
    }
}

/// Reads a regular file of at most `limit` bytes as UTF-8 text. The file type and size are
/// checked before it is opened (opening a FIFO blocks), and the read itself stops after
/// `limit` bytes, so a file that grows, or a path that turns into `/dev/zero`, cannot make it
/// read without end.
pub fn read_text(path: &Path, limit: u64) -> Result<String, ReadError> {
    let io = |e: std::io::Error| ReadError::Io(e.to_string());
    let metadata = std::fs::metadata(path).map_err(io)?;
    let kind = file_kind(&metadata.file_type());
    if kind != "a regular file" {
        return Err(ReadError::NotARegularFile(kind));
    }
    if metadata.len() > limit {
        return Err(ReadError::TooLarge { limit });
    }
    let file = std::fs::File::open(path).map_err(io)?;
    read_stream(file, limit)
}

/// Reads at most `limit` bytes of UTF-8 text from a stream, such as standard input: a pipe
/// has no size to check first, so the read stops after `limit` bytes and more is an error.
pub fn read_stream(stream: impl Read, limit: u64) -> Result<String, ReadError> {
    let mut bytes = Vec::new();
    stream
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::Io(e.to_string()))?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    String::from_utf8(bytes).map_err(|e| {
        ReadError::Io(format!(
            "stream did not contain valid UTF-8 (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })
}

fn file_kind(file_type: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
    }
    if file_type.is_dir() {
        "a directory"
    } else if file_type.is_file() {
        "a regular file"
    } else {
        "a special file"
    }
}

/// `16 MiB`, `512 KiB` or `100 bytes`.
pub fn size(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= 1024 && bytes.is_multiple_of(1024) {
        format!("{} KiB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

/// Parses a size such as `16MiB`, `512KiB`, `16M`, `1048576`.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let digits = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(digits);
    let number: u64 = number
        .parse()
        .map_err(|_| format!("expected a size such as `16MiB` or `1048576`, got `{text}`"))?;
    let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kib" | "kb" => 1024,
        "m" | "mib" | "mb" => 1024 * 1024,
        "g" | "gib" | "gb" => 1024 * 1024 * 1024,
        other => return Err(format!("unknown size unit `{other}`: use KiB, MiB or GiB")),
    };
    match number.checked_mul(factor) {
        Some(0) | None => Err(format!("`{text}` is not a usable file size")),
        Some(bytes) => Ok(bytes),
    }
}

/// Which language's strings and comments a nesting scan skips.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// Cedar policies and schemas: `"…"` strings with `\` escapes, `//` comments.
    Cedar,
    /// TOML: `"…"`, `'…'`, `"""…"""` and `'''…'''` strings, `#` comments.
    Toml,
    /// JSON: `"…"` strings with `\` escapes, no comments.
    Json,
}

/// The byte offset of the first bracket that opens more than `max` levels, if any, or in
/// Cedar of the `if` past the `max`th (an `if` nests without brackets, and a lexical scan
/// cannot tell where it ends; real rules use a handful). The scan is cheap: it exists so that
/// the parsers, which recurse per level, never see text deep enough to overflow the stack.
pub fn too_deep(text: &str, syntax: Syntax, max: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut ifs = 0usize;
    // TOML's dotted keys (`a.b.c = 1`, `[a.b.c]`) nest tables as deeply as brackets do.
    let mut key_dots = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        if syntax == Syntax::Toml {
            match bytes[i] {
                b'=' | b'\n' | b',' | b'{' | b'[' | b']' | b'}' => key_dots = 0,
                // A dot between digits is in a number or a time, not in a key.
                b'.' if !(i > 0
                    && bytes[i - 1].is_ascii_digit()
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)) =>
                {
                    key_dots += 1;
                    if depth + key_dots > max {
                        return Some(i);
                    }
                }
                _ => {}
            }
        }
        match bytes[i] {
            b'i' if syntax == Syntax::Cedar && is_word(bytes, i, b"if") => {
                ifs += 1;
                if ifs > max {
                    return Some(i);
                }
            }
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > max {
                    return Some(i);
                }
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            b'/' if syntax == Syntax::Cedar && bytes.get(i + 1) == Some(&b'/') => {
                i = line_end(bytes, i);
            }
            b'#' if syntax == Syntax::Toml => i = line_end(bytes, i),
            quote @ (b'"' | b'\'') if syntax == Syntax::Toml || quote == b'"' => {
                i = string_end(bytes, i, syntax);
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Whether `word` stands at `at` as a whole word.
fn is_word(bytes: &[u8], at: usize, word: &[u8]) -> bool {
    let part = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_';
    bytes[at..].starts_with(word)
        && (at == 0 || !part(&bytes[at - 1]))
        && bytes.get(at + word.len()).is_none_or(|b| !part(b))
}

fn line_end(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |p| from + p)
}

/// The offset of the closing quote of the string opening at `start` (or the end of the text).
fn string_end(bytes: &[u8], start: usize, syntax: Syntax) -> usize {
    let quote = bytes[start];
    let escapes = quote == b'"';
    let triple = syntax == Syntax::Toml && bytes[start..].starts_with(&[quote; 3]);
    let mut i = start + if triple { 3 } else { 1 };
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if escapes => i += 1,
            b'\n' if !triple && syntax == Syntax::Toml => return i,
            b if b == quote => {
                if !triple {
                    return i;
                }
                if bytes[i..].starts_with(&[quote; 3]) {
                    // A closing `"""` may be followed by up to two more quotes of the content.
                    let mut end = i + 2;
                    while bytes.get(end + 1) == Some(&quote) && end < i + 4 {
                        end += 1;
                    }
                    return end;
                }
            }
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_is_measured_outside_strings_and_comments() {
        let deep = format!("{}x{}", "(".repeat(65), ")".repeat(65));
        assert_eq!(too_deep(&deep, Syntax::Cedar, 64), Some(64));
        let at_limit = format!("{}x{}", "(".repeat(64), ")".repeat(64));
        assert_eq!(too_deep(&at_limit, Syntax::Cedar, 64), None);
        let hidden = format!("\"{0}\" // {0}\n\"\\\"{0}\"", "(".repeat(100));
        assert_eq!(too_deep(&hidden, Syntax::Cedar, 64), None);
        let toml = format!(
            "a = '{0}' # {0}\nb = \"\"\"\n{0}\"\"\"\"\nc = '''{0}'''\nd = [[1]]",
            "[".repeat(100)
        );
        assert_eq!(too_deep(&toml, Syntax::Toml, 2), None);
        assert_eq!(too_deep(&toml, Syntax::Toml, 1), toml.rfind("[1"));
        let ifs = format!("{} // if\n\"if\" elif", "if x then 1 else ".repeat(3));
        assert_eq!(too_deep(&ifs, Syntax::Cedar, 3), None);
        assert_eq!(too_deep(&format!("if {ifs}"), Syntax::Cedar, 3), Some(37));
        let dotted = "a.b.c = 1.5\n[x.y]\nt = 12:00:00.5\nz = { p.q = 1 }\n";
        assert_eq!(too_deep(dotted, Syntax::Toml, 2), None);
        assert_eq!(too_deep("[x.y.z]", Syntax::Toml, 2), Some(4));
        assert_eq!(too_deep("a.b.c = 1", Syntax::Toml, 1), Some(3));
        // In Cedar a `'` is not a quote.
        assert_eq!(too_deep("'((", Syntax::Cedar, 1), Some(2));
    }

    #[test]
    fn only_regular_files_are_read_and_only_up_to_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.toml");
        std::fs::write(&path, "0123456789").unwrap();
        assert_eq!(read_text(&path, 10).unwrap(), "0123456789");
        assert_eq!(read_text(&path, 9), Err(ReadError::TooLarge { limit: 9 }));
        assert_eq!(read_stream(&b"0123456789"[..], 10).unwrap(), "0123456789");
        assert_eq!(
            read_stream(&b"0123456789"[..], 9),
            Err(ReadError::TooLarge { limit: 9 })
        );
        assert_eq!(
            read_text(dir.path(), 10),
            Err(ReadError::NotARegularFile("a directory"))
        );
        #[cfg(unix)]
        assert_eq!(
            read_text(Path::new("/dev/null"), 10),
            Err(ReadError::NotARegularFile("a device"))
        );
    }

    #[test]
    fn sizes_parse_with_binary_units() {
        assert_eq!(parse_size("16MiB"), Ok(16 * 1024 * 1024));
        assert_eq!(parse_size("512k"), Ok(512 * 1024));
        assert_eq!(parse_size("100"), Ok(100));
        assert!(parse_size("0").is_err());
        assert!(parse_size("12 parsecs").is_err());
        assert!(parse_size("99999999999999GiB").is_err());
        assert_eq!(size(DEFAULT_MAX_FILE_SIZE), "16 MiB");
    }
}
