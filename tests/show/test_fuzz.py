"""Property tests: whatever is in the files, `load_show` answers with problems, never an exception."""

from __future__ import annotations

import shutil
import string
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import tomlkit
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from studio.core.toml import TomlReadError, parse_toml
from studio.show.load.lines import FAQ_KEYS, LINE_KEYS
from studio.show.load.products import PRODUCT_KEYS
from studio.show.load.schedule import RUNDOWN_KEYS, SCHEDULE_KEYS, WINDOW_KEYS
from studio.show.loader import SHOW_KEYS, LoadResult, load_show

FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

KNOWN_KEYS = sorted(SHOW_KEYS | PRODUCT_KEYS | LINE_KEYS | FAQ_KEYS | RUNDOWN_KEYS | SCHEDULE_KEYS
                    | WINDOW_KEYS | {"windows", "main", "tea"})
INTERESTING_TEXT = [
    "", " ", "tea", "main", "daily", "weekdays", "周末", "mon", "24:00", "00:00", "23:59", "19:00",
    "{price}", "{prcie}", "{", "}", "{{", "{a|b}", "{a|{b|c}}", "{}", "{stock}{saving}{time}",
    "../x.png", "/etc/passwd", "C:\\x", "media\\tea.png", "media/tea.png", "~", ".", "\\\\srv\\x",
    "#12345G", "#00FF00", "chroma", "transparent", "portrait", "landscape", "zh-CN", "en-US", "x y",
    "168.50", "¥1,299", "-1", "NaN", "1e999", "smile", "point", "show", "CNY", "21:00",
    "2026-11-27T20:00:00+08:00", "a" * 300, "长" * 50,
]

keys = st.one_of(st.sampled_from(KNOWN_KEYS),
                 st.text(alphabet=string.ascii_letters + "_-. 中文\"'", min_size=1, max_size=8))
SPECIAL_VALUES = [
    True, False, 0, -1, 10**20, 10**400, 0.5, -0.0, 1e300, float("inf"), float("-inf"), float("nan"),
    date(2026, 11, 27), time(21, 0), time(0, 0), datetime(2026, 11, 27, 20, 0),
]
scalars = st.one_of(
    st.sampled_from(INTERESTING_TEXT),
    st.sampled_from(SPECIAL_VALUES),
    st.text(alphabet=string.printable + "中文长{}|￥", max_size=20),
    st.integers(min_value=-100, max_value=10_000),
    st.floats(min_value=-100, max_value=100),
)


def _nested(children: st.SearchStrategy) -> st.SearchStrategy:
    """Scalars, or lists / tables / arrays of tables of `children`: one level deeper."""
    return st.one_of(
        scalars,
        st.lists(children, max_size=3),
        st.dictionaries(keys, children, max_size=3),
        st.lists(st.dictionaries(keys, children, min_size=1, max_size=3), min_size=1, max_size=2),
    )


# Depth-limited by construction (st.recursive spends most of its time retrying oversized draws).
values = _nested(_nested(scalars))
documents = st.dictionaries(keys, values, max_size=6)

BASE_SHOW = {"title": "t", "rundowns": {"main": {"products": ["p"]}}}
BASE_PRODUCT = {"name": "n", "price": 1, "pitch": ["{price}"]}


def _dump(doc: dict[str, Any]) -> str:
    try:
        return tomlkit.dumps(doc)
    except Exception:  # tomlkit cannot write every structure (e.g. odd key mixes): not our concern
        assume(False)
        raise


def _write_show(root: Path, show: bytes, products: dict[str, bytes]) -> None:
    if root.exists():
        shutil.rmtree(root)
    (root / "products").mkdir(parents=True)
    (root / "show.toml").write_bytes(show)
    for name, content in products.items():
        (root / "products" / name).write_bytes(content)


def _check(result: LoadResult) -> None:
    assert isinstance(result, LoadResult)
    assert all(p.format() for p in result.problems)
    for p in result.problems:
        assert p.line is None or p.line >= 1
        assert p.hint == p.hint.strip()
    if result.errors:
        assert result.show is None
    else:
        assert result.show is not None


@FUZZ
@given(show=documents, product=documents, merge_show=st.booleans(), merge_product=st.booleans())
def test_random_toml_documents_never_crash_the_loader(tmp_path: Path, show, product, merge_show,
                                                       merge_product) -> None:
    show_doc = {**BASE_SHOW, **show} if merge_show else show
    product_doc = {**BASE_PRODUCT, **product} if merge_product else product
    _write_show(tmp_path / "s", _dump(show_doc).encode(), {"p.toml": _dump(product_doc).encode()})
    _check(load_show(tmp_path / "s"))


@FUZZ
@given(fields=st.dictionaries(st.sampled_from(sorted(PRODUCT_KEYS)), values, min_size=1, max_size=5))
def test_random_values_for_known_product_keys(tmp_path: Path, fields) -> None:
    _write_show(tmp_path / "s", _dump(BASE_SHOW).encode(), {"p.toml": _dump({**BASE_PRODUCT, **fields}).encode()})
    _check(load_show(tmp_path / "s"))


@FUZZ
@given(fields=st.dictionaries(st.sampled_from(sorted(SHOW_KEYS)), values, min_size=1, max_size=5),
       window=st.dictionaries(st.sampled_from(sorted(WINDOW_KEYS)), scalars | st.lists(scalars, max_size=3)))
def test_random_values_for_known_show_keys(tmp_path: Path, fields, window) -> None:
    doc = {**BASE_SHOW, **fields}
    if "schedule" not in fields:
        doc["schedule"] = {"windows": [window]} if window else {}
    _write_show(tmp_path / "s", _dump(doc).encode(), {"p.toml": _dump(BASE_PRODUCT).encode()})
    _check(load_show(tmp_path / "s"))


@FUZZ
@given(show=st.binary(max_size=300), product=st.binary(max_size=300))
def test_random_bytes_never_crash_the_loader(tmp_path: Path, show: bytes, product: bytes) -> None:
    _write_show(tmp_path / "s", show, {"p.toml": product})
    _check(load_show(tmp_path / "s"))


toml_ish = st.text(alphabet='[]{}="\'#\n.,: abcpr0123456789-_\\tiefl', max_size=120)


@FUZZ
@given(show=toml_ish, product=toml_ish)
def test_random_toml_like_text_never_crashes_the_loader(tmp_path: Path, show: str, product: str) -> None:
    _write_show(tmp_path / "s", show.encode(), {"p.toml": product.encode()})
    _check(load_show(tmp_path / "s"))


def _leaf_paths(value: Any, path: tuple = ()) -> list[tuple]:
    out = [path] if path else []
    if isinstance(value, dict):
        for k, v in value.items():
            out += _leaf_paths(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _leaf_paths(v, path + (i,))
    return out


plain_keys = st.text(alphabet=string.ascii_lowercase + "_- 中", min_size=1, max_size=6)
plain_scalars = st.one_of(st.integers(), st.text(max_size=10), st.booleans())


def _plain_nested(children: st.SearchStrategy) -> st.SearchStrategy:
    return st.one_of(
        plain_scalars,
        st.lists(children, max_size=3),
        st.dictionaries(plain_keys, children, max_size=3),
        st.lists(st.dictionaries(plain_keys, children, min_size=1, max_size=3), min_size=1, max_size=2),
    )


plain_values = _plain_nested(_plain_nested(plain_scalars))


@FUZZ
@given(doc=st.dictionaries(plain_keys, plain_values, min_size=1, max_size=6))
def test_locator_finds_every_key_on_a_line_that_names_it(doc) -> None:
    text = _dump(doc)
    src = parse_toml(text)
    lines = text.split("\n")
    for path in _leaf_paths(src.data):
        line = src.line_of(path)
        assert line is not None and 1 <= line <= len(lines), (path, text)
        if isinstance(path[-1], str):
            assert path[-1] in lines[line - 1], (path, line, text)


@FUZZ
@given(text=st.text(max_size=200))
def test_parse_toml_raises_only_toml_read_errors(text: str) -> None:
    error = None
    try:
        parse_toml(text)
    except TomlReadError as exc:
        error = exc
    if error is not None:
        assert error.message
        assert error.line is None or error.line >= 1
