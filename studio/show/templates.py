"""Line templates: `{variables}`, `{a|b}` variants chosen afresh each play, `{{`/`}}` for braces.

A template is parsed once (errors carry the column) and rendered many times with the values of
the moment and a seedable random source, so that loops never repeat word for word.
"""

from __future__ import annotations

import random
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_MAX_NODES = 10_000
_MAX_LISTED = 256  # up to this many variants, `avoid` can list them all
_MAX_DEPTH = 50  # variants inside variants; deeper would exhaust Python's stack


class TemplateError(ValueError):
    """A template that cannot be parsed; `column` is 1-based within the line's text."""

    def __init__(self, message: str, column: int, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.column = column
        self.hint = hint


@dataclass(frozen=True)
class Var:
    """A `{name}` placeholder filled at speaking time."""

    name: str
    column: int


@dataclass(frozen=True)
class Variant:
    """`{a|b|c}`: one option is chosen each time the line is played."""

    options: tuple[tuple[Node, ...], ...]


Node = str | Var | Variant


@dataclass(frozen=True)
class Template:
    """A parsed line of pitch text."""

    source: str
    nodes: tuple[Node, ...]

    @classmethod
    def parse(cls, source: str) -> Template:
        parser = _Parser(source)
        nodes = parser.sequence(top=True)
        return cls(source, nodes)

    @classmethod
    def literal(cls, text: str) -> Template:
        """A template that is exactly `text`: operator and viewer words are never parsed."""
        return cls(text, (text,))

    def variables(self) -> list[Var]:
        """Every variable used, in order (including those inside variants)."""
        found: list[Var] = []
        _walk_vars(self.nodes, found)
        return found

    def variant_count(self) -> int:
        """How many different texts the variants can produce (variables aside)."""
        return _count(self.nodes)

    def render(
        self,
        values: Mapping[str, str],
        rng: random.Random | None = None,
        avoid: Collection[str] = (),
    ) -> str:
        """The text to speak: variants drawn from `rng`, trying not to produce any of `avoid`.

        A variable missing from `values` raises KeyError: validation catches unknown names
        before a show can load, so this only happens through a programming error.
        """
        rng = rng or random.Random()
        attempts = 1 if not avoid else min(24, max(1, self.variant_count()) * 3)
        text = ""
        for _ in range(attempts):
            text = "".join(_render(self.nodes, values, rng))
            if text not in avoid:
                return text
        if self.variant_count() <= _MAX_LISTED:
            # Unlucky draws: pick among the texts that are left, so an alternative always wins.
            fresh = sorted({t for t in _all_texts(self.nodes, values) if t not in avoid})
            if fresh:
                return rng.choice(fresh)
        return text

    def plain(self) -> str:
        """The text with the first option of each variant and `{name}` for variables (for display)."""
        return "".join(_plain(self.nodes))


def _walk_vars(nodes: tuple[Node, ...], out: list[Var]) -> None:
    for n in nodes:
        if isinstance(n, Var):
            out.append(n)
        elif isinstance(n, Variant):
            for opt in n.options:
                _walk_vars(opt, out)


def _count(nodes: tuple[Node, ...]) -> int:
    total = 1
    for n in nodes:
        if isinstance(n, Variant):
            total *= sum(_count(opt) for opt in n.options)
            total = min(total, 10**9)
    return total


def _render(nodes: tuple[Node, ...], values: Mapping[str, str], rng: random.Random) -> list[str]:
    out: list[str] = []
    for n in nodes:
        if isinstance(n, str):
            out.append(n)
        elif isinstance(n, Var):
            out.append(values[n.name])
        else:
            out.extend(_render(rng.choice(n.options), values, rng))
    return out


def _all_texts(nodes: tuple[Node, ...], values: Mapping[str, str]) -> list[str]:
    texts = [""]
    for n in nodes:
        if isinstance(n, str):
            parts = [n]
        elif isinstance(n, Var):
            parts = [values[n.name]]
        else:
            parts = [t for opt in n.options for t in _all_texts(opt, values)]
        texts = [a + b for a in texts for b in parts]
    return texts


def _plain(nodes: tuple[Node, ...]) -> list[str]:
    out: list[str] = []
    for n in nodes:
        if isinstance(n, str):
            out.append(n)
        elif isinstance(n, Var):
            out.append("{" + n.name + "}")
        else:
            out.extend(_plain(n.options[0]))
    return out


class _Parser:
    def __init__(self, text: str) -> None:
        self.t = text
        self.i = 0
        self.count = 0
        self.depth = 0

    def error(self, message: str, pos: int, hint: str = "") -> TemplateError:
        return TemplateError(message, pos + 1, hint)

    def sequence(self, top: bool) -> tuple[Node, ...]:
        """Nodes up to the end (top level) or up to an unmatched `|` or `}` (inside braces)."""
        nodes: list[Node] = []
        buf: list[str] = []
        t = self.t
        while self.i < len(t):
            c = t[self.i]
            if c == "{" and t.startswith("{{", self.i):
                buf.append("{")
                self.i += 2
            elif c == "}" and t.startswith("}}", self.i) and top:
                buf.append("}")
                self.i += 2
            elif c == "{":
                if buf:
                    nodes.append("".join(buf))
                    buf = []
                nodes.append(self.braces())
            elif c == "}":
                if top:
                    raise self.error("a '}' without a matching '{'", self.i,
                                     "write '}}' for a literal brace")
                break
            elif c == "|" and not top:
                break
            else:
                buf.append(c)
                self.i += 1
            self.count += 1
            if self.count > _MAX_NODES:
                raise self.error("the line is too complex", self.i)
        if buf:
            nodes.append("".join(buf))
        return tuple(nodes)

    def braces(self) -> Node:
        start = self.i
        self.depth += 1
        if self.depth > _MAX_DEPTH:
            raise self.error(f"variants nest more than {_MAX_DEPTH} deep", start,
                             "flatten the choices into one {a|b|c}")
        node = self._braces(start)
        self.depth -= 1
        return node

    def _braces(self, start: int) -> Node:
        self.i += 1  # {
        options: list[tuple[Node, ...]] = []
        while True:
            options.append(self.sequence(top=False))
            if self.i >= len(self.t):
                raise self.error("a '{' that is never closed", start,
                                 "close it with '}', or write '{{' for a literal brace")
            if self.t[self.i] == "|":
                self.i += 1
                continue
            self.i += 1  # }
            break
        if len(options) == 1:
            body = options[0]
            name = body[0] if len(body) == 1 and isinstance(body[0], str) else None
            if name is None or not _IDENT.match(name.strip()):
                inner = self.t[start + 1 : self.i - 1]
                if not inner:
                    raise self.error("empty braces '{}'", start,
                                     "write a variable such as {price}, or '{{}}' for literal braces")
                raise self.error(f"'{{{inner}}}' is neither a variable nor a choice of variants",
                                 start,
                                 "variables look like {price}; variants like {欢迎|大家好}; "
                                 "write '{{' and '}}' for literal braces")
            return Var(name.strip(), start + 1)
        return Variant(tuple(options))
