"""The recorder: 10 s of synthetic program decoded back (sync of flash and click), segments, errors."""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

import av
import numpy as np
import pytest

from studio.compliance.disclosure import DisclosureMissing
from studio.outputs.bus import CLOSED, FAILED, AudioChunk, ProgramBus, VideoFrame
from studio.outputs.encoding import EncoderPreset
from studio.outputs.recorder import Recorder

FPS = 30
RATE = 22_050
CANVAS = (640, 360)  # (H, W) of the program frames; the preset scales them down
PRESET = EncoderPreset(270, 480, FPS, crf=23, keyframe_seconds=1.0, x264_preset="ultrafast")
FLASHES = (1.0, 3.5, 6.0, 8.9)  # program seconds of a white flash and a click
BITS = 9  # the frame number, drawn as 9 black/white blocks, survives compression and scaling
LABEL = "本直播由AI数字人主播"


def picture(n: int, flash: bool) -> np.ndarray:
    """A grey frame with frame number `n` in blocks across the middle; all white for a flash."""
    h, w = CANVAS
    px = np.full((h, w, 4), 255 if flash else 60, np.uint8)
    if not flash:
        block = w // BITS
        for bit in range(BITS):
            px[h // 2 - 20:h // 2 + 20, bit * block:(bit + 1) * block, :3] = 255 if n >> bit & 1 else 0
    return px


def read_number(gray: np.ndarray) -> int:
    """The frame number drawn by `picture`, from a decoded frame's luma."""
    h, w = gray.shape
    block = w / BITS
    row = gray[h // 2 - 5:h // 2 + 5]
    return sum(1 << bit for bit in range(BITS) if row[:, int(bit * block + 4):int((bit + 1) * block - 4)].mean() > 128)


def program_audio(seconds: float) -> np.ndarray:
    """Quiet hum with a loud 10 ms click at every flash."""
    n = int(seconds * RATE)
    pcm = (np.sin(np.arange(n) * 2 * np.pi * 220 / RATE) * 300).astype(np.int16)
    for t in FLASHES:
        at = round(t * RATE)
        pcm[at:at + RATE // 100] = 20000
    return pcm


def publish(bus: ProgramBus, recorder: Recorder, seconds: float, skip: set[int] = frozenset(), t0: float = 100.0,
            chunk: int = 1024, audio_lead: float = 0.1) -> int:
    """Play `seconds` of program into the bus as a live session would: frames at 30 fps (some skipped
    as a late frame loop would), audio in device-sized chunks running `audio_lead` s ahead of the picture.
    Waits on the recorder's backlog instead of dropping, as an offline publisher may. Returns frames sent."""
    pcm = program_audio(seconds)
    flash_frames = {round(t * FPS) for t in FLASHES}
    sent_audio = 0
    frames = 0
    for n in range(round(seconds * FPS)):
        t = n / FPS
        while sent_audio < len(pcm) and sent_audio / RATE < t + audio_lead:
            part = pcm[sent_audio:sent_audio + chunk]
            bus.publish_audio(AudioChunk(t0 + sent_audio / RATE, part, RATE))
            sent_audio += len(part)
        if n in skip:
            continue
        while recorder.backlog() >= 4:
            time.sleep(0.001)
        bus.publish_video(VideoFrame(t0 + t, picture(n, n in flash_frames)))
        frames += 1
    while sent_audio < len(pcm):
        part = pcm[sent_audio:sent_audio + chunk]
        bus.publish_audio(AudioChunk(t0 + sent_audio / RATE, part, RATE))
        sent_audio += len(part)
    return frames


def decode(path: Path) -> tuple[list[tuple[float, np.ndarray, bool]], np.ndarray, float]:
    """Video frames as (time, luma, keyframe), audio samples (first channel) and the audio start time."""
    with av.open(str(path)) as container:
        frames = [(float(f.time), f.to_ndarray(format="gray"), f.key_frame) for f in container.decode(video=0)]
    with av.open(str(path)) as container:
        audio = list(container.decode(audio=0))
    samples = np.concatenate([f.to_ndarray()[0] for f in audio])
    return frames, samples, float(audio[0].time)


def test_ten_seconds_in_sync(tmp_path: Path) -> None:
    bus = ProgramBus()
    recorder = Recorder(tmp_path / "rec", PRESET, segment_minutes=60, title="Demo show", ai_label=LABEL)
    bus.subscribe(recorder)
    skip = {40, 41, 42, 200}  # a late frame loop skips frames: sync must hold anyway
    sent = publish(bus, recorder, 10.0, skip=skip)
    bus.close()
    health = recorder.health()
    assert health.state == CLOSED and health.last_error == ""
    assert health.frames_written == sent == 300 - len(skip) and health.frames_dropped == 0

    [path] = recorder.files
    assert path.parent == tmp_path / "rec" and path.suffix == ".mp4"
    with av.open(str(path)) as container:
        assert [s.type for s in container.streams] == ["video", "audio"]
        video, audio = container.streams.video[0], container.streams.audio[0]
        assert video.codec_context.name == "h264" and audio.codec_context.name == "aac"
        assert (video.codec_context.width, video.codec_context.height) == (PRESET.width, PRESET.height)
        assert audio.codec_context.sample_rate == 48_000 and audio.codec_context.layout.nb_channels == 2
        assert abs(float(container.duration / av.time_base) - 10.0) < 0.1
        tags = {k.lower(): v for k, v in container.metadata.items()}
        assert tags["comment"] == f"AIGC: {LABEL}" and tags["title"] == "Demo show"
        implicit = json.loads(tags["aigc"])
        assert implicit["Label"] == "1" and implicit["ProduceID"] == path.stem

    frames, samples, audio_start = decode(path)
    assert len(frames) == sent
    numbers = [read_number(g) for _, g, _ in frames if g.mean() < 200]
    assert numbers == [n for n in range(300) if n not in skip and n not in {round(t * FPS) for t in FLASHES}]
    # every frame sits at its program time, skipped frames leave a gap instead of shifting the rest
    for (t, gray, _), n in zip((f for f in frames if f[1].mean() < 200), numbers):
        assert abs(t - n / FPS) < 1e-3

    flash_times = [t for t, gray, _ in frames if gray.mean() > 200]
    loud = np.flatnonzero(np.abs(samples) > 0.3)
    onsets = [audio_start + i / 48_000 for k, i in enumerate(loud) if k == 0 or i - loud[k - 1] > 4800]
    assert len(flash_times) == len(onsets) == len(FLASHES)
    for flash, click, t in zip(flash_times, onsets, FLASHES):
        assert abs(flash - t) < 1 / FPS
        assert abs(flash - click) < 1 / FPS, f"flash at {flash:.3f}s, click at {click:.3f}s"


def test_segments_cut_on_keyframes_without_losing_frames(tmp_path: Path) -> None:
    bus = ProgramBus()
    recorder = Recorder(tmp_path, PRESET, segment_minutes=0.05, title="Demo", ai_label=LABEL)  # 3 s files
    bus.subscribe(recorder)
    sent = publish(bus, recorder, 10.0)
    bus.close()
    assert len(recorder.files) == 4 and len(set(recorder.files)) == 4
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in recorder.files)
    for path in recorder.files:  # named by local start time, e.g. 2026-11-26_20-00-00.mp4
        assert time.strptime(path.stem[:19], "%Y-%m-%d_%H-%M-%S")

    numbers: list[int] = []
    total_audio = 0.0
    for path, expected in zip(recorder.files, (90, 90, 90, 30)):
        frames, samples, audio_start = decode(path)
        assert len(frames) == expected
        assert frames[0][2], f"{path.name} does not start with a keyframe"
        assert frames[0][0] == 0.0 and abs(audio_start) < 0.03
        with av.open(str(path)) as container:
            assert f"AIGC: {LABEL}" == container.metadata.get("comment")
        audio_seconds = len(samples) / 48_000
        assert abs(audio_seconds - expected / FPS) < 0.05  # each file's sound is its own span
        total_audio += audio_seconds
        numbers += [read_number(g) for _, g, _ in frames if g.mean() < 200]
    assert sum(len(decode(p)[0]) for p in recorder.files) == sent == 300
    flash_frames = {round(t * FPS) for t in FLASHES}
    assert numbers == [n for n in range(300) if n not in flash_frames]  # none lost, none twice, in order
    assert abs(total_audio - 10.0) < 0.1


def test_unwritable_folder_is_an_error_not_a_crash(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    bus = ProgramBus()
    recorder = Recorder(blocker / "recordings", PRESET, segment_minutes=1, title="Demo", ai_label=LABEL)
    bus.subscribe(recorder)
    with caplog.at_level(logging.ERROR):
        for n in range(10):
            started = time.perf_counter()
            bus.publish_video(VideoFrame(n / FPS, picture(n, False)))
            bus.publish_audio(AudioChunk(n / FPS, np.zeros(735, np.int16), RATE))
            assert time.perf_counter() - started < 0.05
            time.sleep(0.01)
        deadline = time.monotonic() + 5
        while recorder.health().frames_dropped < 10 and time.monotonic() < deadline:
            time.sleep(0.01)
    health = recorder.health()
    assert health.state == FAILED and health.frames_written == 0 and health.frames_dropped == 10
    assert "cannot record to" in health.last_error and "writable" in health.last_error
    assert "cannot record to" in caplog.text
    bus.close()
    assert recorder.files == []


def test_refuses_to_record_without_an_ai_label(tmp_path: Path) -> None:
    with pytest.raises(DisclosureMissing):
        Recorder(tmp_path, PRESET, segment_minutes=1, title="Demo", ai_label="  ")
