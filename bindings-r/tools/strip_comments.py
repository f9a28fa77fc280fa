"""Comments out of Rust sources, for the R tarball's vendored crates (trim-vendor.py).

A small lexer: strings (with escapes), raw strings (r#"…"#, br…, cr…), byte and char literals versus
lifetimes, nested block comments. Every comment after the file's first token becomes the newlines it
held (line numbers stay), so the token stream rustc sees is unchanged except for doc comments, which
are `#[doc]` attributes: trim-vendor.py leaves crates whose macros read them alone. The comments
before the first token (copyright and licence headers) are kept as they are.
"""

IDENT = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


def _skip_comment(src: str, i: int) -> int:
    """src[i:] starts a comment; returns the index just after it."""
    if src.startswith("//", i):
        j = src.find("\n", i)
        return len(src) if j < 0 else j
    depth, j = 1, i + 2
    while j < len(src) and depth:
        if src.startswith("/*", j):
            depth, j = depth + 1, j + 2
        elif src.startswith("*/", j):
            depth, j = depth - 1, j + 2
        else:
            j += 1
    if depth:
        raise ValueError("unterminated block comment")
    return j


def _raw_string_end(src: str, i: int):
    """If src[i] is the `r` of a raw string (r"…", r#"…"#), the index after it; else None."""
    j = i + 1
    while j < len(src) and src[j] == "#":
        j += 1
    if j >= len(src) or src[j] != '"':
        return None
    close = '"' + "#" * (j - i - 1)
    end = src.find(close, j + 1)
    if end < 0:
        raise ValueError("unterminated raw string")
    return end + len(close)


def _quoted_end(src: str, i: int, quote: str) -> int:
    j = i + 1
    while j < len(src):
        c = src[j]
        if c == "\\":
            j += 2
        elif c == quote:
            return j + 1
        else:
            j += 1
    raise ValueError("unterminated literal")


def strip(src: str) -> str:
    out, i, n = [], 0, len(src)
    # The leading comments (headers, licences) stay.
    while i < n:
        if src[i].isspace():
            i += 1
        elif src.startswith("//", i) or src.startswith("/*", i):
            i = _skip_comment(src, i)
        else:
            break
    out.append(src[:i])
    start = i
    while i < n:
        c = src[i]
        if c == "/" and (src.startswith("//", i) or src.startswith("/*", i)):
            out.append(src[start:i])
            j = _skip_comment(src, i)
            out.append(" " + "\n" * src.count("\n", i, j) if src.startswith("/*", i) else "")
            i = start = j
        elif c in "rbc" and (i == 0 or src[i - 1] not in IDENT):
            k = i + 1 if c in "bc" and src.startswith("r", i + 1) else i
            end = _raw_string_end(src, k) if src[k] == "r" else None
            if end is not None:
                i = end
            elif c in "bc" and i + 1 < n and src[i + 1] in "\"'":
                i = _quoted_end(src, i + 1, src[i + 1])
            else:
                i += 1
                while i < n and src[i] in IDENT:
                    i += 1
        elif c in IDENT:
            while i < n and src[i] in IDENT:
                i += 1
        elif c == '"':
            i = _quoted_end(src, i, '"')
        elif c == "'":
            # A char literal ('x', '\n', '\u{..}') or a lifetime / label ('a).
            if i + 1 < n and src[i + 1] == "\\":
                i = _quoted_end(src, i, "'")
            elif i + 2 < n and src[i + 2] == "'":
                i += 3
            else:
                i += 1
        else:
            i += 1
    out.append(src[start:])
    return "".join(out)
