"""Comments out of Rust sources, for the R tarball's vendored crates (trim-vendor.py).

A small lexer: strings (with escapes), raw strings (r#"…"#, br…, cr…), byte and char literals versus
lifetimes, nested block comments. After the file's first token, a plain comment becomes the newlines it
held (line numbers stay) and a doc comment (`///`, `//!`, `/** */`, `/*! */`: a `#[doc]` attribute, a
token macros may match on) becomes an empty one, so the token stream rustc sees keeps its shape; only
the doc strings' text is gone (trim-vendor.py leaves alone the crates whose derives turn doc comments
into behaviour). The comments before the first token (copyright and licence headers) stay as they are.
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


def _replacement(src: str, i: int, j: int) -> str:
    """What stays of the comment src[i:j]: an empty doc comment for a doc comment, else nothing."""
    c = src[i:j]
    if c.startswith("//"):
        if c.startswith("//!"):
            return "//!"
        return "///" if c.startswith("///") and not c.startswith("////") else ""
    newlines = "\n" * c.count("\n")
    if c.startswith("/*!"):
        return "/*! */" + newlines
    if c.startswith("/**") and not c.startswith("/***") and c != "/**/":
        return "/** */" + newlines
    return " " + newlines


def _tokens(src: str, i: int = 0):
    """(start, end, kind) for each lexeme from src[i:]: kind is "comment", "literal", "ident" or the
    character itself (punctuation; whitespace is skipped)."""
    n = len(src)
    while i < n:
        c = src[i]
        if c.isspace():
            i += 1
            continue
        start = i
        if c == "/" and (src.startswith("//", i) or src.startswith("/*", i)):
            i = _skip_comment(src, i)
            yield start, i, "comment"
        elif c in "rbc" and (i == 0 or src[i - 1] not in IDENT):
            k = i + 1 if c in "bc" and src.startswith("r", i + 1) else i
            end = _raw_string_end(src, k) if src[k] == "r" else None
            if end is not None:
                i = end
                yield start, i, "literal"
            elif c in "bc" and i + 1 < n and src[i + 1] in "\"'":
                i = _quoted_end(src, i + 1, src[i + 1])
                yield start, i, "literal"
            else:
                i += 1
                while i < n and src[i] in IDENT:
                    i += 1
                yield start, i, "ident"
        elif c in IDENT:
            while i < n and src[i] in IDENT:
                i += 1
            yield start, i, "ident"
        elif c == '"':
            i = _quoted_end(src, i, '"')
            yield start, i, "literal"
        elif c == "'":
            if i + 1 < n and src[i + 1] == "\\":
                i = _quoted_end(src, i, "'")
                yield start, i, "literal"
            elif i + 2 < n and src[i + 2] == "'":
                i += 3
                yield start, i, "literal"
            else:
                i += 1
                yield start, i, "'"
        else:
            i += 1
            yield start, i, c


def drop_test_modules(src: str) -> str:
    """Inline `#[cfg(test)] mod name { ... }` (any other attributes between) become the newlines they
    held: rustc never compiles them outside `cargo test`, and a dependency is never tested here."""
    toks = list(_tokens(src))
    text = lambda t: src[t[0]:t[1]]  # noqa: E731
    out, last, k, last_tok = [], 0, 0, 0
    while k < len(toks):
        # `#` `[` `cfg` `(` `test` `)` `]`
        if [text(t) for t in toks[k:k + 7]] == ["#", "[", "cfg", "(", "test", ")", "]"]:
            j = k + 7
            while j < len(toks) and text(toks[j]) == "#" and j + 1 < len(toks) and text(toks[j + 1]) == "[":
                depth, j = 0, j + 1
                while j < len(toks):
                    depth += {"[": 1, "]": -1}.get(text(toks[j]), 0)
                    j += 1
                    if depth == 0:
                        break
            while j < len(toks) and toks[j][2] == "comment":
                j += 1
            if j + 2 < len(toks) and text(toks[j]) == "mod" and toks[j + 1][2] == "ident" and text(toks[j + 2]) == "{":
                depth, m = 0, j + 2
                while m < len(toks):
                    depth += {"{": 1, "}": -1}.get(text(toks[m]), 0)
                    if depth == 0:
                        break
                    m += 1
                if m < len(toks):
                    # The attributes and doc comments before #[cfg(test)] belong to the module too.
                    first = k
                    while first > 0:
                        if toks[first - 1][2] == "comment":
                            first -= 1
                        elif text(toks[first - 1]) == "]":
                            depth, b = 0, first - 1
                            while b >= 0:
                                depth += {"]": 1, "[": -1}.get(text(toks[b]), 0)
                                if depth == 0:
                                    break
                                b -= 1
                            if b > 0 and text(toks[b - 1]) == "#" and b - 1 >= last_tok:
                                first = b - 1
                            else:
                                break
                        else:
                            break
                    start, end = toks[first][0], toks[m][1]
                    out.append(src[last:start])
                    out.append("\n" * src.count("\n", start, end))
                    last = end
                    k = last_tok = m + 1
                    continue
        k += 1
    out.append(src[last:])
    return "".join(out)


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
            out.append(_replacement(src, i, j))
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
    return drop_test_modules("".join(out))
