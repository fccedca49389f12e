"""SPARQL's terminals, and syntax errors a person can read.

pyoxigraph's parser (rust-peg) reports the furthest place any alternative of its grammar reached,
and the set of terminals it tried there: often a keyword it tried to match as a whole, reported at
that keyword's length past the place ("SELEC * WHERE" fails at column 10 "expected CONSTRUCT"),
with RDF 1.2 tokens (`{|`, `~`), "any character" (`[_]`) and Rust character ranges. So newsgraph
asks the engine itself, in a way whose answer a person can read:
- where: the first token after which the text can no longer be completed to a valid request. The
  text is cut after a token and padded with spaces; it can still be completed where the engine
  fails only at the padded end (the padding is longer than any keyword, so a keyword tried at the
  place cannot reach the end). Binary search over the tokens: a few parses.
- what was expected: the engine is given the text up to that token followed by each of a few
  dozen tokens a person writes (keywords, `}`, "a variable", "an IRI", ...); those after which it
  can still be completed are what it expected.
- a rule about meaning rather than syntax (a variable selected but not grouped, variables in
  INSERT DATA) is an English sentence in the engine's message; the known ones are said again with
  the token they are about. Some the engine loses to a failure further on (a VALUES row of the
  wrong length, a blank node in DELETE, BIND of a bound variable), so those are looked for in the
  tokens before the place it stopped.
Nothing of the engine's message reaches the user: the sentences are said again in our words, and
what cannot be worked out is "unexpected 'TOKEN'".
"""

from __future__ import annotations

import re
import unicodedata
from difflib import get_close_matches
from typing import Callable, NamedTuple

# SPARQL 1.1 terminals (section 19.8): a comment ends at a line end, CR or LF; strings escape
# with a backslash, long strings too (\" does not end """...); an IRI holds no space, quote,
# brace or backslash, except the \u escapes pyoxigraph reads in it.
COMMENT = r"#[^\n\r]*"
LONG_STRINGS = r"'''(?:(?:'|'')?(?:[^'\\]|\\.))*'''" + "|" + r'"""(?:(?:"|"")?(?:[^"\\]|\\.))*"""'
SHORT_STRINGS = r"'(?:[^'\\\n\r]|\\.)*'" + "|" + r'"(?:[^"\\\n\r]|\\.)*"'
IRIREF = r"<(?:[^<>\"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>"

_LOCAL_ESCAPE = r"(?:%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%])"
_PNAME = (r"(?:[^\W\d_](?:[\w.\-\u00B7]*[\w\-\u00B7])?)?:"
          r"(?:(?:[\w:]|" + _LOCAL_ESCAPE + r")(?:(?:[\w.:\-\u00B7]|" + _LOCAL_ESCAPE + r")*(?:[\w:\-\u00B7]|"
          + _LOCAL_ESCAPE + r"))?)?")
_NUMBER = r"(?:\d+\.\d*[eE][+-]?\d+|\.\d+[eE][+-]?\d+|\d+[eE][+-]?\d+|\d*\.\d+|\d+)"
_LEXER = re.compile("|".join((
    rf"(?P<space>[ \t\r\n]+|{COMMENT})",
    rf"(?P<string>{LONG_STRINGS}|{SHORT_STRINGS})",
    rf"(?P<iri>{IRIREF})",
    # `<` that opens what must be an IRI (a scheme or a letter, a `>` on the same line) but holds
    # a character no IRI may: a space, a quote, a brace. A comparison (`?a < ?b`) starts otherwise.
    r"(?P<badiri><[A-Za-z][^<>\r\n]*>)",
    r"(?P<var>[?$][\w\u00B7\u0300-\u036F\u203F-\u2040]+)",
    r"(?P<bnode>_:[\w](?:[\w.\-\u00B7]*[\w\-\u00B7])?)",
    rf"(?P<pname>{_PNAME})",
    r"(?P<word>[A-Za-z_][A-Za-z0-9_]*)",
    rf"(?P<number>{_NUMBER})",
    r"(?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)",
    r"(?P<punct>\^\^|\|\||&&|!=|<=|>=|[{}()\[\].,;*/|^?!=<>+-])",
    r"(?P<open>'''|\"\"\"|['\"])",  # a quote no string above could close
)))
# What no rule reads: one character that is not printable ASCII, else a run up to a space or a
# delimiter (`%x`, `@123`).
_BAD = re.compile(r"[^\x21-\x7e]|[^\s{}()\[\];,.'\"]+")


class Token(NamedTuple):
    start: int
    end: int
    kind: str  # iri, badiri, var, bnode, pname, word, number, lang, punct, string, unterminated, bad
    text: str


def lex(text: str) -> list[Token]:
    """The tokens of SPARQL text, comments and white space left out. What cannot be a token is
    kept as one (kinds badiri, unterminated, bad), so that a message can name it."""
    found, position = [], 0
    while position < len(text):
        match = _LEXER.match(text, position)
        if text.startswith(("'''", '"""'), position) and (match is None or match.lastgroup != "string"
                                                           or len(match.group()) < 6):
            found.append(Token(position, len(text), "unterminated", text[position:]))  # a long string never closed
            break
        if match is None:
            bad = _BAD.match(text, position)
            end = bad.end() if bad and bad.end() > position else position + 1
            found.append(Token(position, end, "bad", text[position:end]))
        elif match.lastgroup == "open":
            # A string that is never closed runs to the end of its line, a long one to the end.
            end = len(text) if len(match.group()) == 3 else re.compile(r"[^\r\n]*").match(text, position).end()
            found.append(Token(position, end, "unterminated", text[position:end]))
        else:
            end = match.end()
            if match.lastgroup != "space":
                found.append(Token(position, end, match.lastgroup, match.group()))
        position = end
    return found


# A parse without running: (the engine's message, or None when the text parses; the offset of
# its error in the text).
Parse = Callable[[str], "tuple[str | None, int | None]"]

# Spaces after a cut: longer than any keyword, so that a keyword the engine tries at the cut
# fails before the end (it reports a failed keyword at the keyword's length past its start).
_PAD = " " * 32


class _Candidate(NamedTuple):
    probe: str  # what the engine is given
    shown: str  # how a person reads it
    kind: str = "keyword"


# What may start a part of a group graph pattern: named together when many of them would fit.
_PATTERNS = {"FILTER", "OPTIONAL", "BIND", "VALUES", "MINUS", "GRAPH"}


def _candidates() -> tuple[_Candidate, ...]:
    words = ("SELECT CONSTRUCT DESCRIBE ASK INSERT DELETE CLEAR CREATE DROP COPY MOVE ADD WITH PREFIX BASE").split()
    found = [_Candidate(word, word) for word in words]
    found += [_Candidate("}", "'}'"), _Candidate(")", "')'"), _Candidate("]", "']'"),
              _Candidate(".", "'.'"), _Candidate(";", "';'"), _Candidate(",", "','"),
              _Candidate("WHERE", "WHERE"), _Candidate("{", "'{'", "pattern"),
              _Candidate("?x", "a variable"), _Candidate("<x:y>", "an IRI"),
              _Candidate('"x"', "a literal"), _Candidate("1", "a number"),
              _Candidate("_:b", "a blank node"), _Candidate("newsgraphprobe:", "a prefix name (ex:)"),
              _Candidate("*", "'*'"), _Candidate("(", "'('"), _Candidate("[", "'['"), _Candidate("a", "'a'")]
    found += [_Candidate(word.split()[0], word, "pattern" if word in _PATTERNS else "keyword") for word in (
        "DISTINCT", "REDUCED", "AS", "FROM", "GROUP BY", "BY", "HAVING", "ORDER BY", "ASC", "DESC", "LIMIT",
        "OFFSET", "FILTER", "OPTIONAL", "BIND", "VALUES", "UNION", "MINUS", "GRAPH", "DEFAULT", "NAMED", "ALL",
        "DATA", "SILENT", "TO", "INTO", "USING", "UNDEF")]
    found += [_Candidate(name, name, "function") for name in (
        "COUNT SUM MIN MAX AVG SAMPLE GROUP_CONCAT STR LANG LANGMATCHES DATATYPE BOUND IRI URI BNODE RAND ABS CEIL "
        "FLOOR ROUND CONCAT STRLEN UCASE LCASE ENCODE_FOR_URI CONTAINS STRSTARTS STRENDS STRBEFORE STRAFTER YEAR "
        "MONTH DAY HOURS MINUTES SECONDS TIMEZONE TZ NOW UUID STRUUID MD5 SHA1 SHA256 SHA384 SHA512 COALESCE IF "
        "STRLANG STRDT sameTerm isIRI isURI isBLANK isLITERAL isNUMERIC REGEX SUBSTR REPLACE EXISTS").split()]
    return tuple(found)


_CANDIDATES = _candidates()
_FUNCTIONS = [c.shown.upper() for c in _CANDIDATES if c.kind == "function"]
_CLOSERS = {"{": "}", "(": ")", "[": "]"}
# Texts longer than these are not searched (a few parses each) or probed (a few dozen parses):
# the message then names the token where the engine stopped.
# (A parse takes about 0.2 ms a KB: 20 KB probed is a quarter of a second.)
_SEARCH_LIMIT = 200_000
_PROBE_LIMIT = 20_000


def explain(text: str, message: str | None, offset: int | None, parse: Parse, *, update: bool,
            declared: frozenset[str]) -> tuple[int, str]:
    """(offset, message) for a syntax error of `text`, which the engine reported as `message` at
    `offset`; `parse` parses other texts the same way, `declared` are the prefixes given with
    the text (its own PREFIX declarations are read from it)."""
    engine_offset = len(text) if offset is None else offset
    if len(text) > _SEARCH_LIMIT:
        return where_the_engine_stopped(text, engine_offset, "update" if update else "query")
    tokens = lex(text)
    meaning = _meaning_error(tokens, message or "", engine_offset)
    if meaning is not None:
        return meaning
    what = "update" if update else "query"
    index = _first_wrong_token(text, tokens, parse, engine_offset)
    if index is None:  # the text stops too early
        place = len(text.rstrip("\r\n"))
        before = text[:tokens[-1].end] if tokens else ""
        expected = _expected(before, parse, what, tokens, found=None) if len(text) <= _PROBE_LIMIT else []
        return place, f"unexpected end of {what}" + _expecting(expected)
    token = tokens[index]
    said = _token_error(token, tokens, index, declared, parse, text)
    if said is not None:
        return token.start, said
    expected = (_expected(text[:token.start], parse, what, tokens[:index], found=token)
                if len(text) <= _PROBE_LIMIT else [])
    return token.start, f"unexpected {_show(token.text)}" + _expecting(expected)


def where_the_engine_stopped(text: str, offset: int, what: str) -> tuple[int, str]:
    """For a text too long to search: the token at the engine's place, read from the start of
    its line (a string that spans lines before it may be misread)."""
    start = max(text.rfind("\n", 0, offset) + 1, offset - 2000)
    window = lex(text[start:offset + 200])
    token = next((t for t in reversed(window) if t.start + start <= offset), None)
    if token is None or offset >= len(text.rstrip()):
        return len(text.rstrip("\r\n")), f"unexpected end of {what}"
    return start + token.start, f"unexpected {_show(token.text)}"


def _expecting(expected: list[str]) -> str:
    if not expected:
        return ""
    return "; expected " + (expected[0] if len(expected) == 1 else ", ".join(expected[:-1]) + " or " + expected[-1])


def _first_wrong_token(text: str, tokens: list[Token], parse: Parse, engine_offset: int) -> int | None:
    """The index of the first token after which the text cannot be completed; None when every
    token can be (the text ends too early)."""
    # The engine got no further than its offset, so the wrong token starts there or before;
    # the tokens after it are searched only if none of those is wrong.
    bound = next((i for i, token in enumerate(tokens) if token.start > engine_offset), len(tokens))
    # A token that is no token (an unclosed string, a stray character) is wrong whatever follows;
    # the engine may read on past it (an unclosed string to the end of the text).
    lexical = next((i for i, token in enumerate(tokens) if token.kind in ("unterminated", "bad", "badiri")), None)
    if lexical is not None:
        bound = min(bound, lexical)
    for low, high in ((0, bound), (bound, len(tokens) if lexical is None else lexical)):
        end = high
        while low < high:  # the first index in [low, high) that cannot be completed, else `end`
            middle = (low + high) // 2
            if _completes(parse, text[:tokens[middle].end]):
                low = middle + 1
            else:
                high = middle
        if low < end:
            return low
    return lexical


def _completes(parse: Parse, prefix: str) -> bool:
    """Whether the engine reads `prefix` to its end: it parses, fails only at the end, or fails
    on a rule about meaning (the syntax held)."""
    padded = prefix + _PAD
    message, offset = parse(padded)
    if message is None or set(_sentences(message)) - _SYNTAX_SENTENCES:
        return True
    return offset is not None and offset >= len(padded)


def _expected(before: str, parse: Parse, what: str, tokens: list[Token], found: Token | None) -> list[str]:
    """What a person could write after `before`, as they would name it, the likeliest first."""
    # One function stands for all (where one may be called, any may); names are tried only
    # where a misspelt one is likely meant.
    functions = _completes(parse, f"{before} STR")
    misspelt = get_close_matches(found.text.upper(), _FUNCTIONS, n=2, cutoff=0.6) \
        if functions and found is not None and found.kind == "word" else []
    accepted = [c for c in _CANDIDATES if (c.kind != "function" or c.shown.upper() in misspelt)
                and _completes(parse, f"{before} {c.probe}")]
    if functions:
        accepted.append(_Candidate("STR", "a function", "functions"))
    opened = _unclosed(tokens)
    if found is None and opened and any(c.probe == _CLOSERS[opened[-1]] for c in accepted):
        return [f"'{_CLOSERS[opened[-1]]}'"]  # the text stops inside a bracket: close it
    names = {c.shown for c in accepted}
    drop = set()
    if "a literal" in names:
        drop.add("a number")
    if "'['" in names and "an IRI" in names:  # a term of a triple: '(' and '[' start lists and blank nodes
        drop |= {"'['", "'('", "a blank node"}
    if "GROUP BY" in names:
        drop.add("BY")
    if not tokens or tokens[-1].text.upper() not in ("SELECT", "DESCRIBE", "DISTINCT", "REDUCED", "("):
        drop.add("'*'")  # a multiplication, not the '*' of SELECT * or COUNT(*)
    shown = [c.shown for c in accepted if c.shown not in drop]
    close = []
    if found is not None and found.kind in ("word", "bad", "pname"):
        words = {name.upper(): name for name in shown if re.fullmatch(r"[A-Za-z_ ]+", name)}
        close = [words[w] for w in get_close_matches(found.text.upper(), list(words), n=2, cutoff=0.6)]
    shown = [name for name in shown if name not in close]
    patterns = [c.shown for c in accepted if c.kind == "pattern" and c.shown in shown]
    if len(patterns) > 3:  # FILTER, OPTIONAL, BIND, VALUES, MINUS, GRAPH: named together
        at = shown.index(patterns[0])
        shown = [name for name in shown if name not in patterns]
        shown.insert(at, f"another pattern ({patterns[1]}, {patterns[2]}, …)")
    if parse(before)[0] is None:
        shown.append(f"end of {what}")
    return (close + shown)[:8]


def _unclosed(tokens: list[Token]) -> list[str]:
    opened = []
    for token in tokens:
        if token.text in _CLOSERS:
            opened.append(token.text)
        elif token.text in _CLOSERS.values() and opened and _CLOSERS[opened[-1]] == token.text:
            opened.pop()
    return opened


def _token_error(token: Token, tokens: list[Token], index: int, declared: frozenset[str], parse: Parse,
                 text: str) -> str | None:
    """A message for a token that is wrong in itself, whatever comes before it."""
    if token.kind == "unterminated":
        return "unterminated string: " + ("no closing " + token.text[:3] if token.text[:3] in ("'''", '"""')
                                          else f"no closing {token.text[0]} on its line")
    if token.kind == "badiri":
        bad = next((c for c in token.text[1:-1] if c in " \t\"{}|^`\\" or ord(c) < 0x20), None)
        if bad is not None:
            return f"bad IRI {_show(token.text)}: " + ("a space" if bad == " " else _show(bad)) + " is not allowed in an IRI"
        return f"bad IRI {_show(token.text)}"
    if token.kind == "iri" and "IRI parsing failed" in _sentences(parse(text[:token.end] + _PAD)[0] or ""):
        if not re.match(r"<[A-Za-z][A-Za-z0-9+.-]*:", token.text):
            return f"bad IRI {_show(token.text)}: a relative IRI needs a BASE to resolve against"
        return f"bad IRI {_show(token.text)}"
    if token.kind == "pname" and index > 0 and tokens[index - 1].text.upper() != "PREFIX" \
            and tokens[index - 1].end < token.start:  # a use, not a declaration, and not glued to a ?x before it
        prefix = token.text.split(":", 1)[0]
        if prefix not in declared and prefix not in _declared_before(tokens, index):
            return f"undeclared prefix '{prefix}:'"
    return None


def _declared_before(tokens: list[Token], index: int) -> set[str]:
    return {tokens[i + 1].text[:-1] for i in range(index - 1) if tokens[i].text.upper() == "PREFIX"
            and tokens[i + 1].kind == "pname" and tokens[i + 1].text.endswith(":")}


def _show(text: str) -> str:
    """A token as a message shows it: quoted, on one line, cut when long; an invisible character
    by its code point and name."""
    if len(text) == 1 and not text.isprintable():
        return f"character U+{ord(text):04X} ({unicodedata.name(text, 'unnamed')})"
    cut = text if len(text) <= 40 else text[:39] + "…"
    quote = '"' if "'" in cut and '"' not in cut else "'"
    return quote + "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in cut) + quote


# The engine's sentences about syntax itself: they name the token that is wrong, so the search
# finds it. Every other sentence is about meaning.
_SYNTAX_SENTENCES = frozenset({"Prefix not found", "IRI parsing failed"})


def _sentences(message: str) -> list[str]:
    """The English sentences among what the engine says it expected."""
    expected = re.sub(r"^.*?expected (?:one of )?", "", message.split("\n")[0])
    items = re.findall(r'"(?:\\.|[^"\\])*"|\[(?:\'(?:\\.|[^\'\\])*\'|[^\]])*\]|[^,]+', expected)
    return [item.strip() for item in items
            if " " in item.strip() and not item.strip().startswith(('"', "[")) and item.strip()[:1].isalpha()]


def _meaning_error(tokens: list[Token], message: str, offset: int) -> tuple[int, str] | None:
    """A rule about meaning that the text before the engine's place breaks: one that the engine's
    message names, or one whose sentence the engine loses (VALUES rows, data blocks, BIND)."""
    sentences = _sentences(message)
    shared = re.search(r"The blank node (_:\S+) cannot be shared", message)
    if shared:
        return _shared_blank_node(tokens, shared.group(1), offset)
    for sentence in sentences:
        for start, rule in _MEANING_RULES:
            if sentence.startswith(start):
                found = rule(tokens, offset)
                if found is not None:
                    return found
    for check in (_values_arity, _data_blocks):
        found = check(tokens, offset)
        if found is not None:
            return found
    if not sentences:
        return _bind_rebinds(tokens, offset)
    return None


def _values_arity(tokens: list[Token], offset: int) -> tuple[int, str] | None:
    """A row of VALUES (?a ?b) { (1) } with more or fewer values than variables: the engine
    reads on and stops further, saying nothing of it."""
    for index, token in enumerate(tokens):
        if token.start >= offset:
            break
        if token.text.upper() != "VALUES" or index + 1 >= len(tokens) or tokens[index + 1].text != "(":
            continue
        close = next((i for i in range(index + 2, len(tokens)) if tokens[i].text == ")"), None)
        if close is None or close + 1 >= len(tokens) or tokens[close + 1].text != "{":
            continue
        variables = close - index - 2
        row = close + 2
        while row < len(tokens) and tokens[row].text == "(":
            end = next((i for i in range(row + 1, len(tokens)) if tokens[i].text in (")", "(", "{", "}")), len(tokens))
            row_tokens = tokens[row + 1:end]
            # "x"@en is one value, "1"^^xsd:int too
            values = sum(1 for i, t in enumerate(row_tokens) if t.kind != "lang" and t.text != "^^"
                         and not (i > 0 and row_tokens[i - 1].text == "^^"))
            if end < len(tokens) and tokens[end].text == ")" and values != variables:
                return tokens[row].start, (f"this row of VALUES has {values} value{'s' * (values != 1)} "
                                           f"for {variables} variable{'s' * (variables != 1)}")
            row = end + 1
    return None


def _data_blocks(tokens: list[Token], offset: int) -> tuple[int, str] | None:
    """A variable in INSERT DATA or DELETE DATA, a blank node in what DELETE removes (DELETE
    DATA, DELETE WHERE, DELETE { }: it would match nothing). The engine's sentence for these is
    often lost to a failure it meets further on."""
    depth, inside = 0, None
    for index, token in enumerate(tokens):
        if token.start >= offset:
            break
        if inside is None and token.text.upper() in ("INSERT", "DELETE"):
            following = tokens[index + 1].text.upper() if index + 1 < len(tokens) else ""
            if following in ("{", "DATA", "WHERE"):
                inside, depth = f"{token.text.upper()} {following}".replace(" {", ""), 0
            continue
        if inside is None:
            continue
        depth += (token.text == "{") - (token.text == "}")
        if depth == 0 and token.text == "}":
            inside = None
            continue
        if depth <= 0:
            continue
        variables = inside.endswith("DATA") and token.kind == "var"
        blank = inside.startswith("DELETE") and (token.kind == "bnode" or token.text == "[")
        if variables or blank:
            said = "variables" if inside == "INSERT DATA" else (
                "variables and blank nodes" if inside == "DELETE DATA" else "blank nodes")
            return token.start, f"{said} are not allowed in {inside} (found {_show(token.text)})"
    return None


def _select_at(tokens: list[Token], offset: int) -> int | None:
    """The SELECT (or ASK) whose query ends where the engine stopped: the last one before that
    place at its brace depth."""
    depth, chosen = 0, None
    for index, token in enumerate(tokens):
        if token.start >= offset:
            break
        if token.text.upper() in ("SELECT", "ASK"):
            chosen = (chosen or {}) | {depth: index}
        depth += (token.text == "{") - (token.text == "}")
    return (chosen or {}).get(depth)


class _Projection(NamedTuple):
    plain: list[Token]  # ?v written alone
    expressions: list[tuple[int, int, Token | None]]  # (first token, last token, the AS variable)
    star: Token | None
    end: int  # the index of the first token after the clause


def _projection(tokens: list[Token], select: int) -> _Projection:
    plain, expressions, star, depth, start = [], [], None, 0, None
    index = select + 1
    while index < len(tokens):
        token = tokens[index]
        if depth == 0 and (token.text in ("{",) or token.text.upper() in ("WHERE", "FROM")):
            break
        if token.text == "(":
            if depth == 0:
                start = index
            depth += 1
        elif token.text == ")":
            depth -= 1
            if depth == 0 and start is not None:
                alias = tokens[index - 1] if tokens[index - 1].kind == "var" else None
                expressions.append((start, index, alias))
        elif depth == 0 and token.kind == "var":
            plain.append(token)
        elif depth == 0 and token.text == "*":
            star = token
        index += 1
    return _Projection(plain, expressions, star, index)


def _projection_at(tokens: list[Token], offset: int) -> tuple[int, _Projection] | None:
    """The SELECT where the engine stopped (see _select_at) and its projection, or None."""
    select = _select_at(tokens, offset)
    return None if select is None else (select, _projection(tokens, select))


def _group_variables(tokens: list[Token], after: int) -> set[str] | None:
    """The variables of the GROUP BY of the query whose projection ends at `after` (None: no GROUP BY)."""
    depth = 0
    for index in range(after, len(tokens)):
        token = tokens[index]
        depth += (token.text == "{") - (token.text == "}")
        if depth < 0:
            return None
        if depth == 0 and token.text.upper() == "GROUP" and index + 1 < len(tokens) and tokens[index + 1].text.upper() == "BY":
            found = set()
            for later in tokens[index + 2:]:
                if later.text.upper() in ("HAVING", "ORDER", "LIMIT", "OFFSET", "VALUES") or later.text == "}":
                    break
                if later.kind == "var":
                    found.add(later.text[1:])
            return found
    return None


_AGGREGATES = {"COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT"}


def _outside_aggregates(tokens: list[Token], first: int, last: int) -> list[Token]:
    """The variables of an expression that no aggregate wraps (the AS variable left out)."""
    found, depth, inside = [], 0, None
    for index in range(first, last + 1):
        token = tokens[index]
        if token.text == "(":
            depth += 1
            if inside is None and index > first and tokens[index - 1].text.upper() in _AGGREGATES:
                inside = depth
        elif token.text == ")":
            if inside == depth:
                inside = None
            depth -= 1
        elif token.kind == "var" and inside is None and tokens[index - 1].text.upper() != "AS":
            found.append(token)
    return found


def _ungrouped(tokens, offset):
    found = _projection_at(tokens, offset)
    if found is None:
        return None
    select, projection = found
    grouped = _group_variables(tokens, projection.end) or set()
    for variable in projection.plain:
        if variable.text[1:] not in grouped:
            return variable.start, f"{variable.text} is selected but is neither in GROUP BY nor in an aggregate"
    return tokens[select].start, "a selected variable is neither in GROUP BY nor in an aggregate"


def _ungrouped_in_expression(tokens, offset):
    found = _projection_at(tokens, offset)
    if found is None:
        return None
    select, projection = found
    grouped = _group_variables(tokens, projection.end) or set()
    for first, last, _ in projection.expressions:
        for variable in _outside_aggregates(tokens, first, last):
            if variable.text[1:] not in grouped:
                return variable.start, (f"{variable.text} is used in a SELECT expression but is neither in GROUP BY "
                                        "nor in an aggregate")
    return tokens[select].start, "a SELECT expression uses a variable that is neither in GROUP BY nor in an aggregate"


def _rebinding(tokens, offset):
    found = _projection_at(tokens, offset)
    if found is None:
        return None
    select, projection = found
    later = {token.text[1:] for token in tokens[projection.end:] if token.kind == "var"}
    for _, _, alias in projection.expressions:
        if alias is not None and alias.text[1:] in later:
            return alias.start, f"{alias.text} is already bound in the query's pattern; give the expression a new name"
    return tokens[select].start, "a SELECT expression is given the name of a variable the pattern binds"


def _duplicate(tokens, offset):
    found = _projection_at(tokens, offset)
    if found is None:
        return None
    select, projection = found
    seen = set()
    named = sorted(projection.plain + [alias for _, _, alias in projection.expressions if alias], key=lambda t: t.start)
    for variable in named:
        if variable.text[1:] in seen:
            return variable.start, f"{variable.text} is selected twice"
        seen.add(variable.text[1:])
    return tokens[select].start, "a variable is selected twice"


def _star_with_groups(tokens, offset):
    select = _select_at(tokens, offset)
    if select is None:
        return None
    if tokens[select].text.upper() == "ASK":
        return tokens[select].start, "ASK cannot be used with GROUP BY or an aggregate"
    star = _projection(tokens, select).star
    return (star or tokens[select]).start, "SELECT * cannot be used with GROUP BY or an aggregate; name the variables"


def _bad_slice(tokens, offset):
    for index, token in enumerate(tokens[:-1]):
        if token.text.upper() in ("LIMIT", "OFFSET") and tokens[index + 1].start <= offset:
            number = tokens[index + 1]
            if number.kind == "number" and int(number.text) >= 2 ** 63 - 1:
                return number.start, f"{token.text.upper()} {number.text[:30]} is too large"
    return None


def _bind_rebinds(tokens: list[Token], offset: int) -> tuple[int, str] | None:
    """BIND(... AS ?v) where the group already binds ?v: the engine gives no sentence for it, and
    stops at the group's closing brace."""
    close = next((i for i in range(len(tokens) - 1, -1, -1) if tokens[i].start < offset and tokens[i].text == "}"), None)
    if close is None:
        return None
    depth, open_ = 0, None
    for index in range(close - 1, -1, -1):
        depth += (tokens[index].text == "}") - (tokens[index].text == "{")
        if depth < 0:
            open_ = index
            break
    if open_ is None:
        return None
    seen = set()
    for index in range(open_ + 1, close):
        token = tokens[index]
        if token.text.upper() == "AS" and index + 1 < close and tokens[index + 1].kind == "var":
            variable = tokens[index + 1]
            if variable.text[1:] in seen and _is_bind(tokens, index):
                return variable.start, f"{variable.text} is already bound before this BIND; BIND needs a new variable"
        if token.kind == "var" and not (index > 0 and tokens[index - 1].text.upper() == "AS"):
            seen.add(token.text[1:])
    return None


def _is_bind(tokens: list[Token], as_index: int) -> bool:
    depth = 0
    for index in range(as_index - 1, -1, -1):
        depth += (tokens[index].text == ")") - (tokens[index].text == "(")
        if depth < 0:
            return index > 0 and tokens[index - 1].text.upper() == "BIND"
    return False


def _shared_blank_node(tokens: list[Token], label: str, offset: int) -> tuple[int, str]:
    """Where a blank node label is used in a second data block (pyoxigraph names the label, not
    the place)."""
    depth, block, first_block = 0, 0, None
    for token in tokens:
        if token.text == "{":
            depth += 1
            block += depth == 1
        elif token.text == "}":
            depth -= 1
        elif token.text == label:
            if first_block is None:
                first_block = block
            elif block != first_block:
                return token.start, f"the blank node {label} is used in two blocks of the update; a blank node names one node per block"
    return offset, f"the blank node {label} is used in two blocks of the update"


_MEANING_RULES = (
    ("The SELECT contains a variable that is unbound", _ungrouped),
    ("The SELECT contains an expression with a variable that is unbound", _ungrouped_in_expression),
    ("The SELECT overrides an existing variable", _rebinding),
    ("Duplicated variable name in SELECT", _duplicate),
    ("SELECT * is not authorized with GROUP BY", _star_with_groups),
    ("The query limit should be", _bad_slice),
    ("The query offset should be", _bad_slice),
    ("BIND is overriding an existing variable", _bind_rebinds),
)
