//! The string matchers behind the operators, on bytes and without
//! allocating: substring (`contains`, `icontains`), glibc's `fnmatch` with
//! no flags (`glob`), and libsinsp's path-prefix match (`pmatch`).

/// Whether `needle` occurs in `haystack` (an empty needle always does, as
/// with `strstr`).
pub(crate) fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    needle.is_empty() || haystack.windows(needle.len()).any(|w| w == needle)
}

/// `contains`, ignoring ASCII case (`strcasestr` in the C locale).
pub(crate) fn icontains(haystack: &[u8], needle: &[u8]) -> bool {
    needle.is_empty()
        || haystack
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle))
}

/// Whether the path's components start with `prefix`'s, as libsinsp's
/// `pmatch` decides: both split on `/` with empty components dropped, so
/// `/usr` matches `/usr` and `/usr/bin/x` but not `/usrx`, and an empty
/// prefix (from `/` or ``) matches every path.
pub(crate) fn path_prefix(prefix: &[Box<[u8]>], path: &[u8]) -> bool {
    let mut components = path.split(|&b| b == b'/').filter(|c| !c.is_empty());
    prefix
        .iter()
        .all(|want| components.next().is_some_and(|got| got == &**want))
}

/// glibc's `fnmatch(pattern, string, 0)`: `*` any run of bytes (`/` and a
/// leading `.` included), `?` any byte, `[...]` a set (`!` or `^` negates,
/// ranges, `[:class:]`, a leading `]` is literal; an unclosed `[` is
/// literal), `\` quotes the next byte.
pub(crate) fn fnmatch(pattern: &[u8], string: &[u8]) -> bool {
    let (mut p, mut s) = (0, 0);
    // Where to resume after the last `*`: the pattern after it, and the
    // next byte of the string it could swallow.
    let mut star: Option<(usize, usize)> = None;
    while s < string.len() {
        if pattern.get(p) == Some(&b'*') {
            p += 1;
            star = Some((p, s));
            continue;
        }
        if let Some(next) = single(pattern, p, string[s]) {
            p = next;
            s += 1;
            continue;
        }
        match star {
            Some((after_star, from)) => {
                p = after_star;
                s = from + 1;
                star = Some((after_star, from + 1));
            }
            None => return false,
        }
    }
    pattern[p.min(pattern.len())..].iter().all(|&b| b == b'*')
}

/// If the pattern element at `p` (not a `*`) matches `c`, where the next
/// element starts.
fn single(pattern: &[u8], p: usize, c: u8) -> Option<usize> {
    match *pattern.get(p)? {
        b'?' => Some(p + 1),
        b'[' => match bracket(pattern, p, c) {
            Some((true, next)) => Some(next),
            Some((false, _)) => None,
            // Unclosed: a literal `[`.
            None => (c == b'[').then_some(p + 1),
        },
        b'\\' if p + 1 < pattern.len() => (pattern[p + 1] == c).then_some(p + 2),
        literal => (literal == c).then_some(p + 1),
    }
}

/// The set starting at `pattern[start] == b'['`: whether it matches `c`,
/// and where it ends; `None` if it is not closed.
fn bracket(pattern: &[u8], start: usize, c: u8) -> Option<(bool, usize)> {
    let mut i = start + 1;
    let negate = matches!(pattern.get(i), Some(b'!' | b'^'));
    if negate {
        i += 1;
    }
    let mut matched = false;
    let mut first = true;
    loop {
        let ch = *pattern.get(i)?;
        if ch == b']' && !first {
            return Some((matched != negate, i + 1));
        }
        first = false;
        if ch == b'[' && pattern.get(i + 1) == Some(&b':') {
            let name_start = i + 2;
            if let Some(len) = pattern[name_start..].windows(2).position(|w| w == b":]") {
                matched |= in_class(&pattern[name_start..name_start + len], c);
                i = name_start + len + 2;
                continue;
            }
        }
        let mut low = ch;
        if ch == b'\\' && i + 1 < pattern.len() {
            i += 1;
            low = pattern[i];
        }
        i += 1;
        if pattern.get(i) == Some(&b'-') && pattern.get(i + 1).is_some_and(|&b| b != b']') {
            let mut high = pattern[i + 1];
            i += 2;
            if high == b'\\' && i < pattern.len() {
                high = pattern[i];
                i += 1;
            }
            matched |= low <= c && c <= high;
        } else {
            matched |= low == c;
        }
    }
}

/// `[:name:]` in the C locale.
fn in_class(name: &[u8], c: u8) -> bool {
    match name {
        b"alpha" => c.is_ascii_alphabetic(),
        b"digit" => c.is_ascii_digit(),
        b"alnum" => c.is_ascii_alphanumeric(),
        b"upper" => c.is_ascii_uppercase(),
        b"lower" => c.is_ascii_lowercase(),
        b"space" => matches!(c, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r'),
        b"blank" => matches!(c, b' ' | b'\t'),
        b"punct" => c.is_ascii_punctuation(),
        b"print" => (0x20..0x7f).contains(&c),
        b"graph" => c.is_ascii_graphic(),
        b"cntrl" => c.is_ascii_control(),
        b"xdigit" => c.is_ascii_hexdigit(),
        _ => false,
    }
}
