"""Shared fixtures. Everything here is Qt-free: it builds show folders and loads them."""

from __future__ import annotations

import gc
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

import numpy as np
import pytest

from studio.core.assets import demo_show_path
from studio.core.problems import Problem, Severity
from studio.show.loader import LoadResult, load_show
from studio.speech.types import MouthTrack, Utterance, frozen_pcm

DEMO_SHOW = demo_show_path()

# A show that loads with no problems at all; tests change one thing and expect one problem.
MINIMAL_SHOW = """\
title = "Test show"
language = "zh-CN"

[rundowns.main]
products = ["tea"]
"""

MINIMAL_PRODUCT = """\
name = "明前龙井"
price = 168
pitch = ["今天只要{price}元"]
"""
MINIMAL_PRODUCTS = {"tea": MINIMAL_PRODUCT}

Content = str | bytes


@pytest.fixture
def make_show(tmp_path: Path) -> Callable[..., Path]:
    """Build a show folder from strings: `make_show(show=..., products={"tea": "..."}, files={...})`.

    `show=None` leaves show.toml out; `products=None` leaves products/ out. Product names get
    `.toml` appended unless they already have a suffix; `files` are other show-relative files
    (media…). Text is written as UTF-8 exactly as given (no newline translation); bytes as is.
    """
    counter = iter(range(1_000_000))

    def build(
        show: Content | None = MINIMAL_SHOW,
        products: Mapping[str, Content] | None = MINIMAL_PRODUCTS,
        files: Mapping[str, Content] | None = None,
    ) -> Path:
        root = tmp_path / f"show{next(counter)}"
        root.mkdir()
        if show is not None:
            _write(root / "show.toml", show)
        if products is not None:
            (root / "products").mkdir()
            for name, content in products.items():
                filename = name if "." in name else f"{name}.toml"
                _write(root / "products" / filename, content)
        for rel, content in (files or {}).items():
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            _write(target, content)
        return root

    return build


def _write(path: Path, content: Content) -> None:
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)


def check_problem_shape(problem: Problem, root: Path | None = None) -> None:
    """What every problem must look like, whatever the input: located, formatted, tidy."""
    assert isinstance(problem.severity, Severity)
    assert problem.message and problem.message == problem.message.strip()
    assert problem.hint == problem.hint.strip(), f"hint has stray whitespace: {problem.hint!r}"
    assert problem.line is None or problem.line >= 1
    if root is None or problem.file != str(root):  # show-relative files are '/'-separated
        assert "\\" not in problem.file and not Path(problem.file).is_absolute()
    where = problem.file if problem.line is None else f"{problem.file}:{problem.line}"
    expected = f"{where}: {problem.severity.value}: "
    if problem.key:
        expected += f"{problem.key}: "
    expected += problem.message
    if problem.hint:
        expected += f" ({problem.hint})"
    assert problem.format() == expected
    assert re.match(r"^[^:]+(:\d+)?: (error|warning): ", problem.format())


@pytest.fixture
def load() -> Callable[[Path | str], LoadResult]:
    """`load_show` that also checks the result's invariants (never raises; show None on errors)."""

    def run(path: Path | str) -> LoadResult:
        result = load_show(path)
        assert isinstance(result, LoadResult)
        assert isinstance(result.problems, tuple)
        for p in result.problems:
            check_problem_shape(p, result.root)
        if result.errors:
            assert result.show is None
            assert not result.ok
        else:
            assert result.show is not None
        return result

    return run


@pytest.fixture
def demo_show() -> Path:
    """The bundled demo show folder."""
    return DEMO_SHOW


@pytest.fixture
def symlink() -> Callable[[Path, Path], None]:
    """`symlink(target, link)`, skipping the test where symbolic links cannot be made (Windows)."""

    def make(target: Path, link: Path) -> None:
        try:
            os.symlink(target, link, target_is_directory=target.is_dir())
        except (OSError, NotImplementedError) as exc:
            pytest.skip(f"cannot create symbolic links here: {exc}")

    return make


# ---- markers: `gui` (needs a Qt platform) and `slow` (`-m "not slow"` runs the rest in under a minute) ----

TESTS = Path(__file__).resolve().parent

# Every test that takes more than about half a second (measured with `pytest --durations=0`): a file
# name alone marks every test in it, "file::function" one test with all its parameters. File names,
# not paths, so that a test file moved to another folder keeps its mark; tests/test_lint.py checks
# that every entry still names a test.
SLOW = frozenset({
    # whole files: shows going live, outputs, real-time clocks, the console's windows
    "test_asrun_live.py", "test_console.py", "test_console_approval.py", "test_console_asrun.py",
    "test_console_dialogs.py", "test_console_editing.py", "test_console_files.py", "test_console_live_lock.py",
    "test_live_outputs.py", "test_live_session.py", "test_live_shows.py", "test_qt_driver.py",
    "test_render_approval.py", "test_render_cancel.py", "test_resume.py",
    # single tests
    "test_avatar_render.py::test_contact_sheet_renders",
    "test_cli.py::test_python_m_studio_check_runs",
    "test_cli_args.py::test_a_bad_argument_is_one_line_and_exit_2",
    "test_cli_args.py::test_good_values_pass_the_checks",
    "test_commands.py::test_stage_package_is_qt_free_outside_qt_modules",
    "test_commands.py::test_stage_writes_a_frame",
    "test_console_faq.py::test_empty_keywords_or_bad_template_are_not_applied",
    "test_control_limits.py::test_an_answer_says_why_when_the_comment_budget_is_used_up",
    "test_control_limits.py::test_half_open_connections_are_closed_at_the_deadline",
    "test_control_limits.py::test_slow_comment_handling_fills_its_own_budget_only",
    "test_control_limits.py::test_slow_loris_and_a_comment_flood_do_not_lock_the_operator_out",
    "test_csv_import.py::test_rows_beyond_the_shows_product_limit_are_listed_not_lost",
    "test_csv_import.py::test_two_hundred_rows",
    "test_cutout.py::test_demo_photos_are_cut_out",
    "test_editing.py::test_random_edits_never_break_the_show",
    "test_faults.py::test_a_failing_worker_is_restarted_retried_once_then_reported",
    "test_faults.py::test_one_fault_is_recovered_by_the_retry",
    "test_faults.py::test_the_look_ahead_keeps_going_through_a_hang",
    "test_fuzz.py::test_random_toml_documents_never_crash_the_loader",
    "test_fuzz.py::test_random_values_for_known_product_keys",
    "test_fuzz.py::test_random_values_for_known_show_keys",
    "test_inbox.py::test_hostile_comments_never_crash_or_air_a_banned_word",
    "test_lint.py::test_mypy_finds_nothing",
    "test_live.py::test_live_headless_speaks_and_logs",
    "test_live.py::test_preview_window_shows_the_pitch_on_a_real_display",
    "test_logs.py::test_studio_logs_info_by_default_and_debug_when_asked",
    "test_lookahead_cli.py::test_look_ahead_has_every_line_ready_before_it_is_due",
    "test_lookahead_cli.py::test_synth_fills_the_cache_for_the_demo_show",
    "test_media_guards.py::test_a_large_photo_is_decoded_small_and_prepared_once",
    "test_media_guards.py::test_an_image_replaced_on_air_becomes_the_placeholder",
    "test_pacing.py::test_no_drift_over_hours",
    "test_packaging.py::test_the_wheel_runs_the_demo_show_from_a_clean_venv",
    "test_playout.py::test_a_simulated_day_is_complete_and_flat",
    "test_properties.py::test_block_terms_partly_in_pinyin_are_still_found",
    "test_real_engine.py::test_every_mandarin_line_of_the_demo_show_is_read_as_mandarin",
    "test_recorder.py::test_segments_cut_on_keyframes_without_losing_frames",
    "test_recorder.py::test_ten_seconds_in_sync",
    "test_render.py::test_render_writes_h264_aac_in_sync",
    "test_rtmp.py::test_push_reconnects_after_the_server_goes_away",
    "test_rtmp.py::test_refused_connection_is_a_clear_error",
    "test_show_overview.py::test_gui_command_saves_a_real_screenshot",
    "test_stream_window.py::test_real_window_shows_the_stage_scaled_to_fit",
    "test_text.py::test_long_and_hostile_text_is_handled_in_linear_time",
    "test_unsafe_speech.py::test_nothing_unsafe_is_ever_queued_for_speech",
})

QT_FIXTURES = {"qtbot", "qapp"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """`slow` for the tests in SLOW; `gui` for the tests that use Qt's fixtures or live in tests/ui."""
    for item in items:
        name = item.path.name
        function = getattr(item, "originalname", item.name)
        if name in SLOW or f"{name}::{function}" in SLOW:
            item.add_marker(pytest.mark.slow)
        in_ui = item.path.is_relative_to(TESTS / "ui")
        if in_ui or QT_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)


# Every per-user folder a test (or a program it starts) could write to: logs, as-run records,
# caches, settings (QSettings), the control token. Tests must never touch the real user's.
USER_FOLDERS = ("HOME", "USERPROFILE", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME",
                "XDG_DATA_HOME", "APPDATA", "LOCALAPPDATA")


_HOME_KEY = pytest.StashKey[Path]()


def _keep_sound_server() -> None:
    """PulseAudio clients find the server and its cookie through HOME/XDG folders: pin both first."""
    config = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "pulse"
    sockets = [Path(os.environ["XDG_RUNTIME_DIR"]) / "pulse" / "native"] if os.environ.get("XDG_RUNTIME_DIR") else []
    sockets += [link / "native" for link in sorted(config.glob("*-runtime"))]
    if "PULSE_SERVER" not in os.environ:
        for sock in sockets:
            if sock.exists():
                os.environ["PULSE_SERVER"] = f"unix:{sock}"
                break
    cookie = config / "cookie"
    if "PULSE_COOKIE" not in os.environ and cookie.is_file():
        os.environ["PULSE_COOKIE"] = str(cookie)


def pytest_configure(config: pytest.Config) -> None:
    """Before any test module is imported: point every per-user folder into a throwaway folder."""
    _keep_sound_server()
    _guard_user_folders(config)  # before the folders are pointed elsewhere
    # Collect cycles only on the main (Qt) thread, between tests: a collection triggered on a worker
    # thread (speech readers, outputs, the control server) would free Qt objects there, a crash the
    # app avoids the same way (studio.program.qt_gc).
    gc.disable()
    base = Path(tempfile.mkdtemp(prefix="studio-test-home-"))
    config.stash[_HOME_KEY] = base
    for name in USER_FOLDERS:
        folder = base / name.lower()
        folder.mkdir()
        os.environ[name] = str(folder)


def pytest_unconfigure(config: pytest.Config) -> None:
    base = config.stash.get(_HOME_KEY, None)
    if base is not None:
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(autouse=True)
def _isolated_user_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh home, state, cache and config folder for every test (and the programs it starts)."""
    home = tmp_path_factory.mktemp("home")
    for name in USER_FOLDERS:
        folder = home / name.lower()
        folder.mkdir()
        monkeypatch.setenv(name, str(folder))
    return home


@pytest.fixture
def state_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point studio's log/state folder at a temporary directory (the CLI logs there)."""
    state = tmp_path / "state"
    monkeypatch.setenv("XDG_STATE_HOME", str(state))
    monkeypatch.setenv("LOCALAPPDATA", str(state))
    return state


@pytest.fixture
def only() -> Callable[..., Problem]:
    """`only(result, key=..., file=..., severity=...)`: the one problem matching, or fail."""

    def pick(result: LoadResult, key: str | None = None, file: str | None = None,
             severity: Severity | None = None, contains: str | None = None) -> Problem:
        found = [
            p for p in result.problems
            if (key is None or p.key == key) and (file is None or p.file == file)
            and (severity is None or p.severity is severity)
            and (contains is None or contains in p.message)
        ]
        assert len(found) == 1, "\n".join(["expected one match among:"] + [p.format() for p in result.problems])
        return found[0]

    return pick


class ToneSource:
    """A stand-in speech source for long simulations: a tone per line, 0.12 s per character.

    Real synthesis is covered by the speech tests and the real-engine playout tests here; a
    simulated day needs 17,000 lines in seconds, which is what this is for.
    """

    def __init__(self, rate: int = 22_050, never: bool = False) -> None:
        self.rate = rate
        self.never = never
        self.requested: list[str] = []
        self.keys: dict[str, tuple[str, str]] = {}
        t = np.arange(60 * rate) / rate  # one minute of tone, sliced per line
        self._tone = frozen_pcm((np.sin(2 * np.pi * 220 * t) * 8000).astype(np.int16))

    def prefetch(self, requests: list) -> None:
        for r in requests:
            self.requested.append(r.key)
            self.keys[r.key] = (r.text, r.language)

    def get(self, key: str) -> Utterance | None:
        if self.never or key not in self.keys:
            return None
        text, language = self.keys[key]
        n = min(int(len(text) * 0.12 * self.rate), len(self._tone))
        pcm = self._tone[:n]
        return Utterance(text, language, pcm, self.rate, n / self.rate, (), MouthTrack((), n / self.rate))

    def discard(self, keys: list[str] | None = None) -> None:
        for k in keys or list(self.keys):
            self.keys.pop(k, None)


@pytest.fixture
def tones() -> type[ToneSource]:
    """The stand-in speech source class (call it to make one)."""
    return ToneSource


# ---- the real user's folders must come out of a run untouched (checked in CI) ----

def _real_user_folders() -> list[Path]:
    """studio's folders in the real user's home, as the environment named them before the tests."""
    home = Path(os.environ.get("HOME") or Path.home())
    bases = [os.environ.get("XDG_STATE_HOME") or home / ".local" / "state",
             os.environ.get("XDG_CACHE_HOME") or home / ".cache",
             os.environ.get("XDG_CONFIG_HOME") or home / ".config",
             os.environ.get("XDG_DATA_HOME") or home / ".local" / "share"]
    bases += [os.environ[name] for name in ("LOCALAPPDATA", "APPDATA") if os.environ.get(name)]
    return [Path(base) / "studio" for base in bases]


def _snapshot(folders: list[Path]) -> dict[str, tuple[int, int]]:
    """(size, mtime) of every file under `folders`, and the folders themselves."""
    seen: dict[str, tuple[int, int]] = {}
    for folder in folders:
        if not folder.exists():
            continue
        for path in [folder, *folder.rglob("*")]:
            try:
                st = path.lstat()
            except OSError:
                continue
            seen[str(path)] = (st.st_size, st.st_mtime_ns)
    return seen


_GUARD_KEY = pytest.StashKey[tuple[list[Path], dict[str, tuple[int, int]]]]()


def _guard_user_folders(config: pytest.Config) -> None:
    if os.environ.get("STUDIO_CHECK_USER_FOLDERS") == "1":
        folders = _real_user_folders()
        config.stash[_GUARD_KEY] = (folders, _snapshot(folders))


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run when a test (or a program it started) wrote into the real user's folders."""
    guard = session.config.stash.get(_GUARD_KEY, None)
    if guard is None:
        return
    folders, before = guard
    after = _snapshot(folders)
    changed = sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))
    if changed:
        print("\nstudio tests wrote into the real user's folders (tests must use the isolated HOME):",
              *changed[:20], sep="\n  ")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_runtest_teardown(item: pytest.Item) -> None:
    gc.collect()  # on the main thread (see pytest_configure)
