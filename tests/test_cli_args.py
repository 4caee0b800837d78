"""Every command refuses hostile arguments with one line and exit 2, run for real (`python -m studio`).

Each case is a real process; they run in parallel once per module (argument checks fail before Qt,
the show or the speech engine start, so each takes a fraction of a second) and every case is
then pinned as its own test: the exact line, exit status 2, nothing on stdout, no traceback.
"""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import imagefiles
import pytest

REPO = Path(__file__).resolve().parents[1]
NUL_FREE_HUGE = "9" * 5000
SHOW_TOML = 'title = "t"\nlogo = "media/logo.png"\n\n[rundowns.main]\nproducts = ["tea"]\n'
TEA = 'name = "明前龙井"\nprice = 168\npitch = ["今天只要{price}元"]\n'
NO_LINES = 'name = "明前龙井"\nprice = 168\npitch = []\n'
MILK = 'name = "牛奶"\nprice = 9\npitch = ["好喝"]\n'

SHOW_HINT = "give the folder that holds show.toml; `studio new FOLDER` creates one"
LOOP = ("is a symbolic link loop: it, or a folder above it, leads back to itself "
        "(replace the link with the real file or folder)")
NAN = "is not a finite number"
PNG = "the file is written as a PNG image, so its name must end in .png"
SEED = "the same seed gives the same result"

# (argv, the stderr line after "studio ARGV[0]: ") — paths are relative to the folder built below.
CASES: list[tuple[tuple[str | bytes, ...], str]] = [
    # check: a missing folder is a located problem in the report; only an empty name is a usage error
    (("check", ""), "show '': is empty (give the show folder or its show.toml)"),
    # new
    (("new", ""), "folder '': is empty (give a folder)"),
    (("new", "a\nb"), "folder 'a\\nb': has a control or invisible character in its name "
                      "(give the folder a plain name; such names break other tools)"),
    (("new", "afile"), "folder afile: is a file, not a folder (give a new folder name)"),
    (("new", "x", "--title", " "), "--title ' ': is empty (give the show's title)"),
    (("new", "x", "--language", ""), "--language '': is not a language tag (write zh-CN, en-US, …)"),
    (("new", "x", "--language", "中文"), "--language 中文: is not a language tag (write zh-CN, en-US, …)"),
    # gui
    (("gui", "nope"), f"show nope: no such folder ({SHOW_HINT})"),
    (("gui", "show", "--screenshot", "show/media/logo.png"),
     "--screenshot show/media/logo.png: is one of the show's own files (write it somewhere else; it would overwrite "
     "the show)"),
    (("gui", "show", "--screenshot", "shot.jpg"),
     f"--screenshot shot.jpg: {PNG} (e.g. shot.png)"),
    # avatar-sheet
    (("avatar-sheet", ""), "pack '': is empty (give the pack name or folder)"),
    (("avatar-sheet", "-o", "sheet.svg"), f"--out sheet.svg: {PNG} (e.g. sheet.png)"),
    (("avatar-sheet", "-o", "adir"), "--out adir: is a folder (give a file name in it, e.g. adir/out.png)"),
    (("avatar-sheet", "-o", "missing/s.png"),
     "--out missing/s.png: the folder missing does not exist (create it first, or choose another place for the file)"),
    (("avatar-sheet", "-o", "afile/s.png"),
     "--out afile/s.png: afile is a file, not a folder (choose another place for the file)"),
    (("avatar-sheet", "--seed", "-1"), f"--seed -1: must be from 0 to 4,294,967,295 ({SEED})"),
    (("avatar-sheet", "--seed", "nan"),
     f"--seed nan: is not a whole number (give a whole number from 0 to 4,294,967,295; {SEED})"),
    (("avatar-sheet", "--seed", NUL_FREE_HUGE),
     f"--seed {'9' * 59}…: must be from 0 to 4,294,967,295 ({SEED})"),
    # voices, say, synth
    (("voices", "--lang", ""), "--lang '': is not a language tag (write zh-CN, en-US, …)"),
    (("voices", "--cache-dir", "afile"),
     "--cache-dir afile: is a file, not a folder (give a folder for the speech cache)"),
    (("voices", "--cache-dir", "afile/sub"),
     "--cache-dir afile/sub: afile is a file, not a folder (choose another place for the speech cache)"),
    (("say", ""), "text '': is empty (give the line to say)"),
    (("say", "\u200b\u202e"), "text '\\u200b\\u202e': holds only hidden characters (give a line to say)"),
    (("say", "长" * 2001), f"text {'长' * 59}…: is 2,001 characters long; at most 2,000 (shorten the line to say)"),
    (("say", "hi", "--rate", "1e3"), "--rate 1e3: is not a whole number (give a whole number from 40 to 500 words "
                                     "per minute)"),
    (("say", "hi", "--rate", "-1"), "--rate -1: must be from 40 to 500 words per minute"),
    (("say", "hi", "--volume", "nan"), f"--volume nan: {NAN} (give a number from 0 to 1)"),
    (("say", "hi", "--volume", "1.5"), "--volume 1.5: must be at least 0 and at most 1"),
    (("say", "hi", "--fps", "0"), "--fps 0: must be from 10 to 60 frames per second"),
    (("say", "hi", "-o", "x.mp3"),
     "--output x.mp3: the file is written as WAV audio, so its name must end in .wav (e.g. x.wav)"),
    (("say", "hi", "-o", b"\xff.wav"), "--output '\\xff.wav': has bytes that are not UTF-8 in its name "
                                       "(give the file a name in UTF-8)"),
    (("say", "hi", "-o", "a\tb.wav"), "--output 'a\\tb.wav': has a control or invisible character in its name "
                                      "(give the file a plain name; such names break other tools)"),
    (("synth", "nope"), f"show nope: no such folder ({SHOW_HINT})"),
    (("synth", "show", "--max-variants", "0"), "--max-variants 0: must be from 1 to 1000"),
    (("synth", "show", "--max-variants", "2.5"),
     "--max-variants 2.5: is not a whole number (give a whole number from 1 to 1000)"),
    # asrun
    (("asrun", "show", "--date", "2026-02-30"),
     "--date 2026-02-30: is not a date (write it as YYYY-MM-DD, e.g. 2026-11-11)"),
    (("asrun", "show", "--date", ""), "--date '': is not a date (write it as YYYY-MM-DD, e.g. 2026-11-11)"),
    (("asrun", "show", "--csv", "adir"), "--csv adir: is a folder (give a file name in it, e.g. adir/out.csv)"),
    (("asrun", "show", "--csv", "day.xlsx"), "--csv day.xlsx: the file is written as CSV (UTF-8 with BOM, for "
                                             "Excel and WPS), so its name must end in .csv (e.g. day.csv)"),
    (("asrun", "loop"), f"show loop: {LOOP}"),
    # stage
    (("stage", "show", "-t", "nan"), f"--time nan: {NAN} (give a number from 0 to 86400 seconds)"),
    (("stage", "show", "--time=-inf"), f"--time -inf: {NAN} (give a number from 0 to 86400 seconds)"),
    (("stage", "show", "-t", "1e309"), f"--time 1e309: {NAN} (give a number from 0 to 86400 seconds)"),
    (("stage", "show", "-t", "-1"), "--time -1: must be at least 0 and at most 86400 seconds"),
    (("stage", "show", "-t", ""), "--time '': is empty (give a number)"),
    (("stage", "show", "-o", "frame.jpg"), f"--output frame.jpg: {PNG} (e.g. frame.png)"),
    (("stage", "show", "--at", "25:00"), "--at 25:00: is not a time (write it as 'YYYY-MM-DD HH:MM' or HH:MM)"),
    (("stage", "show", "--product", ""), "--product '': is empty (give the product id)"),
    (("stage", "show", "--product", "tae"), "--product tae: no such product in the show (did you mean 'tea'?)"),
    (("stage", "show", "-o", "show/media/logo.png"),
     "--output show/media/logo.png: is one of the show's own files (write it somewhere else; it would overwrite "
     "the show)"),
    (("stage", "loop"), f"show loop: {LOOP}"),
    (("stage", "loop/x/show.toml"), f"show loop/x/show.toml: {LOOP}"),
    # stream
    (("stream", "show", "--seconds", "0"), "--seconds 0: must be more than 0 and at most 1e+06 seconds "
                                           "(leave it out to run until stopped)"),
    (("stream", "show", "--seconds", "inf"), f"--seconds inf: {NAN} (leave it out to run until stopped)"),
    (("stream", "show", "--screen", "-1"), "--screen -1: must be from 0 to 99 (0 is the first screen)"),
    (("stream", "show", "--screenshot", "adir"), "--screenshot adir: is a folder (give a file name in it, e.g. "
                                                 "adir/out.png)"),
    # live
    (("live", "show", "--control-port", "65536"),
     "--control-port 65536: must be from 0 to 65535 (0 means any free port)"),
    (("live", "show", "--control-port", "-1"), "--control-port -1: must be from 0 to 65535 (0 means any free port)"),
    (("live", "show", "--control-port", "http"),
     "--control-port http: is not a whole number (give a whole number from 0 to 65535; 0 means any free port)"),
    (("live", "show", "--seconds", "nan"), f"--seconds nan: {NAN} (leave it out to run until stopped)"),
    (("live", "show", "--segment-minutes", "0"), "--segment-minutes 0: must be more than 0 and at most 1440 minutes"),
    (("live", "show", "--segment-minutes", "nan"),
     f"--segment-minutes nan: {NAN} (give a number from 0 to 1440 minutes)"),
    (("live", "show", "--record", "afile"),
     "--record afile: is a file, not a folder (give a folder for the recordings)"),
    (("live", "show", "--rtmp", "http://x/live"), "--rtmp http://x/live: expected rtmp://host[:port]/app or "
                                                  "rtmps://host[:port]/app (e.g. rtmp://push.example.com/live)"),
    (("live", "show", "--rtmp", "rtmp:///live"), "--rtmp rtmp:///live: no host; expected rtmp://host[:port]/app "
                                                 "(e.g. rtmp://push.example.com/live)"),
    (("live", "show", "--rtmp-key", ""), "--rtmp-key '': is empty (give the stream key)"),
    (("live", "show", "--rtmp-retries", "-1"), "--rtmp-retries -1: must be from 0 to 1,000,000"),
    (("live", "show", "--screen", "1.5"), "--screen 1.5: is not a whole number (give a whole number from 0 to 99; "
                                          "0 is the first screen)"),
    (("live", "show", "--screenshot", "shot"), f"--screenshot shot: {PNG} (e.g. shot.png)"),
    (("live", ""), "show '': is empty (give the show folder or its show.toml)"),
    (("live", "afile"), "show afile: is a file, not a show folder (give the folder that holds show.toml)"),
    (("live", "a\nb"), f"show 'a\\nb': no such folder ({SHOW_HINT})"),
    (("live", b"\xff"), f"show '\\xff': no such folder ({SHOW_HINT})"),
    (("live", "afile/show"), f"show afile/show: no such folder ({SHOW_HINT})"),
    (("live", "loop"), f"show loop: {LOOP}"),
    # preview and render: a product without lines is an error naming it, never another product
    (("preview", "show", "--product", "tae"), "--product tae: no such product in the show (did you mean 'tea'?)"),
    (("preview", "nolines", "--product", "tea"),
     "--product tea: has no pitch lines, so there is nothing to play "
     "(add pitch = [\"…\"] to products/tea.toml; products with lines: milk)"),
    (("preview", "show", "--seconds", "-5"), "--seconds -5: must be more than 0 and at most 1e+06 seconds "
                                             "(leave it out to run until stopped)"),
    (("render", "nolines", "--product", "tea", "-o", "tea.mp4"),
     "--product tea: has no pitch lines, so there is nothing to play "
     "(add pitch = [\"…\"] to products/tea.toml; products with lines: milk)"),
    (("render", "show", "--product", "tea", "-o", "adir"), "--out adir: is a folder (give a file name in it, e.g. "
                                                          "adir/out.mp4)"),
    (("render", "show", "--product", "tea", "-o", "tea.mov"),
     "--out tea.mov: the file is written as MP4 video (H.264 + AAC), so its name must end in .mp4 (e.g. tea.mp4)"),
    (("render", "show", "--product", "tea", "-o", ""), "--out '': is empty (give a file name ending in .mp4)"),
    (("render", "show", "--product", "tea", "-o", "missing/tea.mp4"),
     "--out missing/tea.mp4: the folder missing does not exist "
     "(create it first, or choose another place for the file)"),
    (("render", "show", "--product", "tea", "-o", "tea.mp4", "--seed", "4294967296"),
     f"--seed 4294967296: must be from 0 to 4,294,967,295 ({SEED})"),
    # comment, import-csv, console
    (("comment", "show", " "), "text ' ': is empty (give the comment text)"),
    (("comment", "show", "hi", "--port", "0"), "--port 0: must be from 1 to 65535"),
    (("comment", "show", "hi", "--port", "65536"), "--port 65536: must be from 1 to 65535"),
    (("import-csv", "show", "adir"), "FILE.csv adir: is a folder, not a file (give the path of the CSV file)"),
    (("import-csv", "show", "missing.csv"), "FILE.csv missing.csv: no such file (give the path of the CSV file)"),
    (("import-csv", "nope", "in.csv"), f"show nope: no such folder ({SHOW_HINT})"),
    (("import-csv", "show", "in.csv", "--rundown", "a b"),
     "--rundown 'a b': cannot be a rundown id (use letters, digits, '-' or '_')"),
    (("console", "nope"), f"show nope: no such folder ({SHOW_HINT})"),
    (("console", "show", "--screenshot", "c.gif"), f"--screenshot c.gif: {PNG} (e.g. c.png)"),
]


def _build(base: Path) -> None:
    for name, products in (("show", {"tea": TEA}), ("nolines", {"tea": NO_LINES, "milk": MILK})):
        (base / name / "products").mkdir(parents=True)
        (base / name / "media").mkdir()
        (base / name / "media" / "logo.png").write_bytes(imagefiles.png(32, 32))
        (base / name / "show.toml").write_text(
            SHOW_TOML.replace('["tea"]', str(list(products)).replace("'", '"')), encoding="utf-8")
        for pid, text in products.items():
            (base / name / "products" / f"{pid}.toml").write_text(text, encoding="utf-8")
    (base / "afile").write_text("not a folder", encoding="utf-8")
    (base / "adir").mkdir()
    (base / "in.csv").write_text("名称,价格\n绿茶,10\n", encoding="utf-8")
    os.symlink(base / "loop", base / "loop")


def _run(base: Path, argv: tuple[str | bytes, ...]) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "QT_QPA_PLATFORM": "offscreen"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    for name in ("HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME"):
        env[name] = str(base / "home" / name.lower())
    return subprocess.run([sys.executable, "-m", "studio", *argv], cwd=base, env=env, capture_output=True,
                          timeout=120)


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[int, subprocess.CompletedProcess[bytes]]:
    if sys.platform == "win32":
        pytest.skip("the table uses POSIX paths, symbolic links and non-UTF-8 file names")
    base = tmp_path_factory.mktemp("cli-args")
    _build(base)
    with ThreadPoolExecutor(max_workers=max(2, min(6, os.cpu_count() or 2))) as pool:
        done = pool.map(lambda argv: _run(base, argv), [argv for argv, _ in CASES])
        return dict(enumerate(done))


def _case_id(case: tuple[tuple[str | bytes, ...], str]) -> str:
    argv = case[0]
    text = " ".join(a if isinstance(a, str) else repr(a) for a in argv)
    return text.encode("unicode_escape").decode("ascii")[:60]


@pytest.mark.parametrize("index", range(len(CASES)), ids=[_case_id(c) for c in CASES])
def test_a_bad_argument_is_one_line_and_exit_2(results: dict[int, subprocess.CompletedProcess[bytes]],
                                               index: int) -> None:
    argv, expected = CASES[index]
    proc = results[index]
    err = proc.stderr.decode("utf-8")
    assert "Traceback" not in err
    assert (proc.returncode, proc.stdout) == (2, b""), err
    assert err == f"studio {argv[0]}: {expected}\n"


def test_every_command_is_in_the_table() -> None:
    from studio.cli import _parser

    commands = set(_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    tried = {argv[0] for argv, _ in CASES}
    assert commands - tried == {"demo-path"}  # it takes no arguments


def test_good_values_pass_the_checks(tmp_path: Path) -> None:
    # The same process as the table, with values that are fine: the command goes on to its work.
    _build(tmp_path)
    proc = _run(tmp_path, ("asrun", "show", "--date", "2026-11-11", "--csv", "day.csv"))
    assert proc.returncode == 1 and proc.stdout == b""
    assert proc.stderr.decode("utf-8").startswith("studio asrun: no records on 2026-11-11")
    proc = _run(tmp_path, ("new", "fresh", "--title", "夜市", "--language", "en-US"))
    assert proc.returncode == 0 and (tmp_path / "fresh" / "show.toml").is_file()


def test_a_refused_media_file_is_still_the_shows_own(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A logo the loader refuses (cut short) is dropped from the model, but it is still the show's file:
    a screenshot must not overwrite it."""
    from studio.cli.common import overwrites_show
    from studio.show.loader import load_show

    root = tmp_path / "show"
    (root / "products").mkdir(parents=True)
    (root / "media").mkdir()
    logo = root / "media" / "logo.png"
    logo.write_bytes(imagefiles.png(32, 32)[:40])  # cut short: an error, and no logo in the model
    (root / "show.toml").write_text(SHOW_TOML, encoding="utf-8")
    (root / "products" / "tea.toml").write_text(TEA, encoding="utf-8")
    result = load_show(root)
    assert any(p.key == "logo" for p in result.errors)
    assert overwrites_show("stage", "--output", logo, root, result.show) is True
    assert "is one of the show's own files" in capsys.readouterr().err
    assert overwrites_show("stage", "--output", root / "preview.png", root, result.show) is False
