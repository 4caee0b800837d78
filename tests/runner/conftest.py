"""Runner fixtures: the demo show, a real speech engine shared by the session, a stand-in source."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from studio.core.assets import demo_show_path
from studio.show.loader import load_show
from studio.show.model import Show
from studio.speech.cache import SpeechCache
from studio.speech.lookahead import LookAhead
from studio.speech.speaker import Speaker
from studio.speech.supervisor import WorkerEngine


@pytest.fixture(scope="session")
def demo_show() -> Show:
    result = load_show(demo_show_path())
    assert result.ok
    return result.show


@pytest.fixture(scope="session")
def real_engine() -> Iterator[WorkerEngine]:
    engine = WorkerEngine()
    yield engine
    engine.close()


@pytest.fixture()
def lookahead(real_engine: WorkerEngine, tmp_path: Path) -> Iterator[LookAhead]:
    with LookAhead(Speaker(real_engine, SpeechCache(tmp_path / "speech"))) as la:
        yield la
