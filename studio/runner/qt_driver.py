"""The thin Qt driver: feeds the playout's audio to the sound device and reads the master clock back.

With an audio output, program audio is pushed to a QAudioSink and the device's progress
(`processedUSecs`, re-anchored on every poll and extrapolated between polls, as ffplay does) is the
master clock. Without one (a server, a machine with no sound card) a steady clock pulls the
audio in real time instead, so the show runs the same, silently.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QElapsedTimer, QIODevice, QObject, Qt, QTimer, Signal
from PySide6.QtMultimedia import QAudioDevice, QAudioFormat, QAudioSink, QMediaDevices, QtAudio

from studio.runner.playout import Playout

log = logging.getLogger(__name__)

POLL_MS = 10  # how often the device is topped up and the clock re-anchored
BUFFER_SECONDS = 0.2  # audio handed to the device ahead of playback: small, so commands act fast
SLEW = 0.1  # share of the clock error corrected at each device report
MAX_DRIFT = 0.3  # seconds of error beyond which the clock jumps to the device's position


class ProgramClock(QObject):
    """Where the program is, in seconds: what the viewer hears now. Never goes backwards."""

    stalled = Signal(str)  # a reason, when the clock stops moving while it should
    on_air = Signal()  # the output is ready: the playout may go live

    def position(self) -> float:  # pragma: no cover - overridden
        raise NotImplementedError

    def start(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def stop(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    @property
    def has_audio(self) -> bool:
        return False


class SilentClock(ProgramClock):
    """No sound device: pull the program audio in real time from a steady clock and discard it."""

    def __init__(self, playout: Playout, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.playout = playout
        self._elapsed = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)
        self._base = 0.0

    def start(self) -> None:
        self._base = self.playout.t
        self._elapsed.start()
        self._timer.start(POLL_MS)
        self.on_air.emit()

    def stop(self) -> None:
        self._timer.stop()

    def position(self) -> float:
        if not self._elapsed.isValid():
            return self.playout.t
        return min(self._base + self._elapsed.nsecsElapsed() / 1e9, self.playout.t)

    def _tick(self) -> None:
        # Keep the pulled audio a little ahead of the clock, as a device buffer would.
        target = self._base + self._elapsed.nsecsElapsed() / 1e9 + BUFFER_SECONDS
        missing = int((target - self.playout.t) * self.playout.sample_rate)
        if missing > 0:
            self.playout.pull(missing)


class AudioClock(ProgramClock):
    """Plays the program through a QAudioSink; the device's progress is the master clock."""

    def __init__(self, playout: Playout, device: QAudioDevice | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.playout = playout
        fmt = QAudioFormat()
        fmt.setSampleRate(playout.sample_rate)
        fmt.setChannelCount(1)
        fmt.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        self._device = device or QMediaDevices.defaultAudioOutput()
        self._sink = QAudioSink(self._device, fmt, self)
        self._sink.setBufferSize(int(playout.sample_rate * BUFFER_SECONDS) * 2)
        self._io: QIODevice | None = None
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)
        self._anchor = QElapsedTimer()
        self._steady = QElapsedTimer()
        self._anchor_pos = 0.0
        self._last = 0.0
        self._base = 0.0  # program time when the device was opened
        self._offset = 0.0  # program time minus device time, fixed once the device plays
        self._processed = 0
        self._silence = 0  # samples of silence written while the device started
        self._playing = False

    @property
    def has_audio(self) -> bool:
        return True

    @property
    def device_name(self) -> str:
        return self._device.description()

    def start(self) -> None:
        """Open the device; program time runs on the steady clock until the device plays."""
        self._io = self._sink.start()
        if self._io is None or self._sink.error() != QtAudio.Error.NoError:
            raise OSError(f"cannot open the audio output '{self.device_name}' ({self._sink.error().name})")
        self._steady.start()
        self._base = self.playout.t
        self._tick()
        self._timer.start(POLL_MS)

    def stop(self) -> None:
        self._timer.stop()
        self._sink.stop()

    def position(self) -> float:
        """What the viewer hears now, in program seconds; never goes backwards."""
        if not self._playing:
            # The device is still starting (a second or two with PulseAudio): the picture keeps
            # moving on the steady clock meanwhile, nothing is on air yet.
            pos = self._base + self._steady.nsecsElapsed() / 1e9
        else:
            pos = self._anchor_pos + self._anchor.nsecsElapsed() / 1e9
            pos = min(pos, self.playout.t)
        self._last = max(self._last, pos)
        return self._last

    def _tick(self) -> None:
        free = self._sink.bytesFree()
        processed = self._sink.processedUSecs()
        if not self._playing and processed > 0:
            # The device plays: from now on its progress is the clock. The silence written during
            # start-up is still ahead of the listener; the program's first sample follows it.
            self._playing = True
            self._offset = self.position() - processed / 1e6
            self._anchor_pos = self._offset + processed / 1e6
            self._anchor.restart()
            self.playout.start_at(self._offset + self._silence / self.playout.sample_rate)
            self.on_air.emit()
        n = free // 2
        if n > 0 and self._io is not None:
            if self._playing:
                data = self.playout.pull(n)
            else:
                data = np.zeros(n, dtype=np.int16)
                self._silence += n
            self._io.write(data.tobytes())
        if self._playing and processed != self._processed:
            # The server takes audio in blocks, so its progress moves in steps: steer the
            # extrapolated clock toward it gently instead of jumping (a hard reset only for
            # a large error, e.g. after an underrun).
            self._processed = processed
            target = self._offset + processed / 1e6
            current = self._anchor_pos + self._anchor.nsecsElapsed() / 1e9
            error = target - current
            self._anchor_pos = target if abs(error) > MAX_DRIFT else current + error * SLEW
            self._anchor.restart()
        if self._sink.error() not in (QtAudio.Error.NoError, QtAudio.Error.UnderrunError):
            self.stalled.emit(f"audio output error: {self._sink.error().name}")


def make_clock(playout: Playout, want_audio: bool = True, parent: QObject | None = None,
               on_air: Callable[[], None] | None = None) -> ProgramClock:
    """Start an AudioClock on the default output when there is one, else a SilentClock (logged).

    `on_air` is called once the output is ready — that is when the playout should go live.
    """
    clocks: list[ProgramClock] = []
    if want_audio and QMediaDevices.audioOutputs():
        clocks.append(AudioClock(playout, parent=parent))
    elif want_audio:
        log.warning("no audio output found; the show runs with a silent clock")
    clocks.append(SilentClock(playout, parent))
    for clock in clocks:
        if on_air is not None:
            clock.on_air.connect(on_air)
        try:
            clock.start()
            return clock
        except OSError as exc:
            log.warning("%s; running with a silent clock", exc)
            clock.deleteLater()
    raise AssertionError("unreachable: the silent clock always starts")
