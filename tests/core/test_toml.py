"""The TOML locator: `parse_toml(text).line_of(path)` for every form a show file can take."""

from __future__ import annotations

import pytest

from studio.core.toml import MAX_FILE_BYTES, TomlReadError, decode_text, parse_toml


def lines_of(text: str) -> dict:
    return parse_toml(text).lines


def test_top_level_keys() -> None:
    src = parse_toml('title = "t"\n\n# comment\nfps = 30\n')
    assert src.line_of(("title",)) == 1
    assert src.line_of(("fps",)) == 4
    assert src.data == {"title": "t", "fps": 30}


def test_array_of_tables_elements_and_their_keys() -> None:
    text = """\
name = "x"

[[pitch]]
text = "a"

[[pitch]]
text = "b"
gesture = "point"

[[pitch]]
text = "c"
gesture = "wave"
"""
    src = parse_toml(text)
    assert src.line_of(("pitch",)) == 3
    assert src.line_of(("pitch", 0)) == 3
    assert src.line_of(("pitch", 0, "text")) == 4
    assert src.line_of(("pitch", 1)) == 6
    assert src.line_of(("pitch", 1, "gesture")) == 8
    assert src.line_of(("pitch", 2, "gesture")) == 12


def test_inline_tables_in_a_multiline_array() -> None:
    text = """\
pitch = [
    { text = "a", card = "show" },
    "plain",
    { text = "b",
      gesture = "pointt" },
]
"""
    with pytest.raises(TomlReadError):  # inline tables cannot span lines in TOML 1.0
        parse_toml(text)
    text = text.replace('{ text = "b",\n      gesture = "pointt" }', '{ text = "b", gesture = "pointt" }')
    src = parse_toml(text)
    assert src.line_of(("pitch",)) == 1
    assert src.line_of(("pitch", 0)) == 2
    assert src.line_of(("pitch", 0, "card")) == 2
    assert src.line_of(("pitch", 1)) == 3
    assert src.line_of(("pitch", 2, "gesture")) == 4


def test_nested_inline_tables_and_arrays() -> None:
    src = parse_toml('x = [ { a = 1 }, { b = { c = [1,\n 2] } } ]\nz = 3\n')
    assert src.line_of(("x", 1, "b", "c", 0)) == 1
    assert src.line_of(("x", 1, "b", "c", 1)) == 2
    assert src.line_of(("z",)) == 3


def test_dotted_keys_record_their_parents() -> None:
    src = parse_toml('voice.rate = 175\n\n"q.r".s = 1\na . b . c = 2\n')
    assert src.line_of(("voice", "rate")) == 1
    assert src.line_of(("voice",)) == 1
    assert src.line_of(("q.r", "s")) == 3
    assert src.line_of(("q.r",)) == 3
    assert src.line_of(("a",)) == 4
    assert src.line_of(("a", "b")) == 4
    assert src.line_of(("a", "b", "c")) == 4


def test_dotted_keys_inside_inline_tables() -> None:
    src = parse_toml('t = { a.b = 1, c = 2 }\n')
    assert src.line_of(("t", "a")) == 1
    assert src.line_of(("t", "a", "b")) == 1


def test_table_headers_record_implicit_super_tables() -> None:
    src = parse_toml('title = "t"\n\n[rundowns.main]\nproducts = ["a"]\n\n[rundowns.late]\nproducts = ["b"]\n')
    assert src.line_of(("rundowns",)) == 3
    assert src.line_of(("rundowns", "main")) == 3
    assert src.line_of(("rundowns", "late", "products", 0)) == 7


def test_nested_arrays_of_tables() -> None:
    text = """\
[[faq]]
keywords = ["a"]
[[faq.answer]]
text = "q"
[[faq]]
[[faq.answer]]
text = "r"
[faq.answer.cue]
x = 1
"""
    src = parse_toml(text)
    assert src.line_of(("faq", 0, "answer", 0, "text")) == 4
    assert src.line_of(("faq", 1)) == 5
    assert src.line_of(("faq", 1, "answer", 0)) == 6
    assert src.line_of(("faq", 1, "answer", 0, "text")) == 7
    assert src.line_of(("faq", 1, "answer", 0, "cue", "x")) == 9


def test_multiline_strings_do_not_confuse_lines() -> None:
    text = '''\
a = """
first [not a table]
x = "not a key"
"""
b = 2
c = \'\'\'
it's
[[nope]]
\'\'\'
d = """ends with quotes"""""
e = 5
f = """a\\""""
g = 7
'''
    src = parse_toml(text)
    assert src.data["d"] == 'ends with quotes""'
    assert src.line_of(("b",)) == 5
    assert src.line_of(("c",)) == 6
    assert src.line_of(("d",)) == 10
    assert src.line_of(("e",)) == 11
    assert src.line_of(("g",)) == 13
    assert ("x",) not in src.lines and ("nope",) not in src.lines


def test_multiline_arrays_with_comments_and_trailing_commas() -> None:
    text = """\
ticker = [
    "one",   # ] not the end
    # "commented out",
    "two, with comma",

    "three",
]
after = 1
"""
    src = parse_toml(text)
    assert src.data["ticker"] == ["one", "two, with comma", "three"]
    assert src.line_of(("ticker", 0)) == 2
    assert src.line_of(("ticker", 1)) == 4
    assert src.line_of(("ticker", 2)) == 6
    assert src.line_of(("after",)) == 8


def test_strings_with_hashes_brackets_and_quoted_keys() -> None:
    src = parse_toml('k = "a#b]}" # c\n"key with spaces" = 1\n[ t . "u.v" ]\nw = 1979-05-27 07:32:00\nz = 1\n')
    assert src.line_of(("key with spaces",)) == 2
    assert src.line_of(("t", "u.v")) == 3
    assert src.line_of(("t", "u.v", "w")) == 4
    assert src.line_of(("t", "u.v", "z")) == 5


def test_line_of_falls_back_to_the_nearest_located_ancestor() -> None:
    src = parse_toml('[voice]\nrate = 175\n')
    assert src.line_of(("voice", "missing")) == 1
    assert src.line_of(("nothing",)) is None
    assert src.line_of(()) is None


def test_crlf_text_is_located_like_lf() -> None:
    text = decode_text(b'a = 1\r\n\r\n[[pitch]]\r\ntext = "x"\r\n')
    src = parse_toml(text)
    assert src.line_of(("pitch", 0, "text")) == 4


def test_syntax_error_reports_its_line() -> None:
    with pytest.raises(TomlReadError) as exc:
        parse_toml('a = 1\nb = 2\nc = "unclosed\nd = 4\n')
    assert exc.value.line == 3
    assert exc.value.message.startswith("TOML syntax: ")
    assert "(at line" not in exc.value.message
    assert exc.value.hint


@pytest.mark.parametrize("text", ["", "   \n\n  \t"])
def test_empty_text(text: str) -> None:
    with pytest.raises(TomlReadError) as exc:
        parse_toml(text)
    assert exc.value.message == "the file is empty" and exc.value.line == 1


def test_a_number_too_long_for_python_is_a_read_error_not_a_crash() -> None:
    with pytest.raises(TomlReadError) as exc:
        parse_toml("a = 1\nfps = " + "9" * 5000 + "\n")
    assert exc.value.line == 2
    assert "too long" in exc.value.message


def test_deep_nesting_is_a_read_error() -> None:
    with pytest.raises(TomlReadError, match="nests too deeply"):
        parse_toml("a = " + "[" * 5000 + "]" * 5000)


def test_decode_text_bom_crlf_and_refusals() -> None:
    assert decode_text(b"\xef\xbb\xbfa = 1\r\n") == "a = 1\n"
    with pytest.raises(TomlReadError, match="NUL") as exc:
        decode_text(b"a = 1\nb = \x00\n")
    assert exc.value.line == 2
    with pytest.raises(TomlReadError) as exc:
        decode_text('a = 1\ntitle = "龙井"\n'.encode("gbk"))
    assert exc.value.line == 2 and "GBK" in exc.value.hint
    with pytest.raises(TomlReadError, match="at most 1,000,000"):
        decode_text(b"#" * (MAX_FILE_BYTES + 1))
