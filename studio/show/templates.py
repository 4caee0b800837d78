"""Line templates: `{variables}`, `{a|b}` variants chosen afresh each play, `{{`/`}}` for braces.

A template is parsed once (errors carry the column) and rendered many times with the values of
the moment and a seedable random source, so that loops never repeat word for word. It is also
the one place that lists what a line can say (`expansions`, `texts`): the compliance check, the
chat inbox and speech preparation all enumerate variants through it, in one deterministic order.
"""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Collection, Iterator, Mapping
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
# One rendering of a template before its variables are filled: literal text and variables only.
Expansion = tuple[str | Var, ...]


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
            fresh = sorted({t for t in self.texts(values) if t not in avoid})
            if fresh:
                return rng.choice(fresh)
        return text

    def plain(self) -> str:
        """The text with the first option of each variant and `{name}` for variables (for display)."""
        return "".join(_plain(self.nodes))

    def expansions(self, limit: int | None = None, *, every_option: bool = False) -> Iterator[Expansion]:
        """The variant-free renderings, lazily, in one fixed order: the first option of every
        variant first, the last variant changing fastest; at most `limit` of them.

        With `every_option`, a template that has more than `limit` renderings first yields, for each
        k up to the most options a variant has, the rendering that takes option k (modulo their
        count) at every variant, so that each variant's options are heard before the first `limit`
        combinations (which may repeat them) follow.
        """
        if every_option and limit is not None and self.variant_count() > limit:
            yield from (_pick(self.nodes, k) for k in range(_max_options(self.nodes)))
        yield from itertools.islice(_expansions(self.nodes), limit)

    def texts(self, values: Mapping[str, str], limit: int | None = None) -> Iterator[str]:
        """The texts the template can be spoken as with `values` (a missing variable says ""),
        in the order of `expansions`, at most `limit` of them."""
        for expansion in self.expansions(limit):
            yield fill(expansion, values)


def fill(expansion: Expansion, values: Mapping[str, str]) -> str:
    """An expansion's text with its variables filled from `values` ("" for a missing one)."""
    return "".join(values.get(n.name, "") if isinstance(n, Var) else n for n in expansion)


class _Drawn:
    """The items of an iterator kept as they are drawn, so that they can be gone over again."""

    def __init__(self, items: Iterator[Expansion]) -> None:
        self._items = items
        self._kept: list[Expansion] = []

    def get(self, i: int) -> Expansion | None:
        while len(self._kept) <= i:
            item = next(self._items, None)
            if item is None:
                return None
            self._kept.append(item)
        return self._kept[i]


def _expansions(nodes: tuple[Node, ...]) -> Iterator[Expansion]:
    """Every rendering of `nodes`, as an odometer over the variants: lazily, so a line with
    millions of combinations costs only the ones drawn, and iteratively, so a long line of many
    variants never nests deeper than its variants nest."""
    pools = [_Drawn(itertools.chain.from_iterable(_expansions(o) for o in n.options))
             if isinstance(n, Variant) else _Drawn(iter([(n,)])) for n in nodes]
    index = [0] * len(pools)
    while True:
        parts = [pool.get(i) for pool, i in zip(pools, index, strict=True)]
        yield tuple(itertools.chain.from_iterable(p for p in parts if p is not None))
        k = len(pools) - 1
        while k >= 0:
            index[k] += 1
            if pools[k].get(index[k]) is not None:
                break
            index[k] = 0
            k -= 1
        if k < 0:
            return


def _pick(nodes: tuple[Node, ...], k: int) -> Expansion:
    """The rendering that takes option k (modulo their count) at every variant, nested ones too."""
    out: list[str | Var] = []
    for n in nodes:
        if isinstance(n, Variant):
            out.extend(_pick(n.options[k % len(n.options)], k))
        else:
            out.append(n)
    return tuple(out)


def _max_options(nodes: tuple[Node, ...]) -> int:
    most = 1
    for n in nodes:
        if isinstance(n, Variant):
            most = max(most, len(n.options), *(_max_options(o) for o in n.options))
    return most


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
