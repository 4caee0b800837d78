"""Recording benchmark: program frames through the bus and the recorder (H.264 + AAC MP4), per canvas.

    .venv/bin/python scripts/bench_outputs.py [--seconds S] [--repeat N] [--synthetic] [--no-fail]

Frames are the demo show's stage (rendered once, offscreen, then replayed) or, with --synthetic or
when the stage can't be drawn, a moving gradient with text-like stripes. Each case records S
seconds of program at 30 fps twice: flat out (the publisher waits on the recorder's backlog
rather than dropping) for the speed (× real time), and paced at 30 fps as the live frame loop
publishes, for the CPU used (process CPU time / wall time, i.e. cores) and frames dropped. Target at 1080×1920: at
least real time using ≤ 1.2 cores; exit status 1 when missed (unless --no-fail). Then two
720×1280 rooms run side by side, each in its own process, as two shows on one machine would.
Figures are medians over --repeat runs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np

FPS = 30
RATE = 22_050
TARGET_CORES = 1.2
_APP = None
CANVASES = {"portrait": (1080, 1920), "portrait-720": (720, 1280)}


def stage_frames(template: str, count: int) -> list[np.ndarray]:
    """`count` BGRA frames of the demo show played silently as it airs (card, captions, avatar, ticker)."""
    from datetime import datetime

    from PySide6.QtGui import QGuiApplication

    from studio.core.assets import demo_show_path
    from studio.program.offline import silent_program
    from studio.program.qt_stage import build_stage
    from studio.show.loader import load_show
    from studio.stage.cutout import PhotoCache
    from studio.stage.qt_paint import frame_array, new_frame
    from studio.stage.templates import template_named

    global _APP  # noqa: PLW0603 - the stage's fonts need a QGuiApplication alive while it draws
    _APP = QGuiApplication.instance() or QGuiApplication([])
    show = load_show(demo_show_path()).show
    assert show is not None
    kit = build_stage(show, photos=PhotoCache(Path(tempfile.mkdtemp(prefix="studio-bench-"))))
    program = silent_program(show, datetime(2025, 11, 26, 20, 48), template=template, host=kit.host)
    image = new_frame(*template_named(template).size)
    frames = []
    for n in range(count):
        t = 4.0 + n / FPS  # a stretch where the host talks and the card moves
        state, _ = program.at(t)
        kit.renderer.render(state, t, into=image)
        frames.append(np.array(frame_array(image), copy=True))
    return frames


def gradient_frames(size: tuple[int, int], count: int) -> list[np.ndarray]:
    """`count` frames of a moving gradient with stripes that change like captions do."""
    w, h = size
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    frames = []
    for n in range(count):
        px = np.empty((h, w, 4), np.uint8)
        px[..., 0] = ((x + 4 * n) % 256).astype(np.uint8)
        px[..., 1] = ((y + 2 * n) % 256).astype(np.uint8)
        px[..., 2] = ((x + y) / 12 + n).astype(np.uint8)
        px[..., 3] = 255
        px[h - 300:h - 200, 40 + (n * 7) % 200: w - 40: 9, :3] = 255  # "text"
        frames.append(px)
    return frames


def record(template: str, seconds: float, synthetic: bool, paced: bool) -> dict[str, float | str]:
    """Record `seconds` of program on `template`'s canvas, flat out (speed) or paced at 30 fps as a live
    frame loop would (cores used, frames dropped); returns the figures of one run."""
    from studio.outputs.bus import AudioChunk, ProgramBus, VideoFrame
    from studio.outputs.encoding import PORTRAIT_720, PORTRAIT_1080
    from studio.outputs.recorder import Recorder

    size = CANVASES[template]
    preset = PORTRAIT_1080 if size[0] == 1080 else PORTRAIT_720
    source = "gradient"
    distinct = 60  # two seconds of distinct pictures, replayed
    if not synthetic:
        try:
            frames = stage_frames(template, distinct)
            source = "demo stage"
        except Exception as exc:  # noqa: BLE001 - no Qt or no demo show: the gradient still measures the encoder
            print(f"  (stage frames unavailable: {exc}; using a gradient)", file=sys.stderr)
            frames = gradient_frames(size, distinct)
    else:
        frames = gradient_frames(size, distinct)
    pcm = (np.sin(np.arange(735) * 2 * np.pi * 220 / RATE) * 3000).astype(np.int16)
    with tempfile.TemporaryDirectory(prefix="studio-bench-rec-") as folder:
        recorder = Recorder(folder, preset, segment_minutes=60, title="bench", ai_label="AI生成 bench")
        bus = ProgramBus()
        bus.subscribe(recorder)
        total = round(seconds * FPS)
        wall0, cpu0 = time.perf_counter(), time.process_time()
        for n in range(total):
            if paced:
                time.sleep(max(0.0, wall0 + n / FPS - time.perf_counter()))
            else:
                while recorder.backlog() >= 4:
                    time.sleep(0.002)
            bus.publish_audio(AudioChunk(n / FPS, pcm, RATE))
            bus.publish_video(VideoFrame(n / FPS, frames[n % distinct]))
        bus.close()
        wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
        size_mb = sum(p.stat().st_size for p in Path(folder).iterdir()) / 1e6
        health = recorder.health()
    return {"source": source, "speed": seconds / wall, "cores": cpu / wall, "dropped": health.frames_dropped,
            "mbps": size_mb * 8 / seconds}


def median_of(runs: list[dict[str, float | str]]) -> dict[str, float | str]:
    out: dict[str, float | str] = {"source": runs[0]["source"]}
    for key in ("speed", "cores", "dropped", "mbps"):
        out[key] = statistics.median(float(r[key]) for r in runs)
    return out


def two_rooms(seconds: float, synthetic: bool) -> list[dict[str, float | str]]:
    """Two 720×1280 recorders in two processes at once; each child prints its figures as JSON."""
    cmd = [sys.executable, __file__, "--child", "portrait-720", "--seconds", str(seconds), "--paced"]
    if synthetic:
        cmd.append("--synthetic")
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True) for _ in range(2)]
    results = []
    for proc in procs:
        out, _ = proc.communicate(timeout=600)
        if proc.returncode != 0:
            raise RuntimeError(f"a room failed (exit {proc.returncode})")
        results.append(json.loads(out.strip().splitlines()[-1]))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--synthetic", action="store_true")
    parser.add_argument("--no-fail", action="store_true")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--paced", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(record(args.child, args.seconds, args.synthetic, args.paced)))
        return 0

    print(f"recorder, {args.seconds:g} s of program at {FPS} fps, median of {args.repeat}; "
          f"{os.cpu_count()} CPU cores")
    ok = True
    for template in ("portrait", "portrait-720"):
        w, h = CANVASES[template]
        fast = median_of([record(template, args.seconds, args.synthetic, False) for _ in range(args.repeat)])
        live = median_of([record(template, args.seconds, args.synthetic, True) for _ in range(args.repeat)])
        line = (f"  {w}×{h} ({fast['source']}): flat out {fast['speed']:.2f}× real time; at 30 fps "
                f"{live['cores']:.2f} cores, {live['dropped']:.0f} frames dropped, {live['mbps']:.1f} Mbit/s")
        if template == "portrait":
            met = float(fast["speed"]) >= 1.0 and float(live["cores"]) <= TARGET_CORES and not live["dropped"]
            ok &= met
            line += f"  [target ≥ 1× real time using ≤ {TARGET_CORES} cores: {'met' if met else 'MISSED'}]"
        print(line, flush=True)
    rooms = [two_rooms(args.seconds, args.synthetic) for _ in range(args.repeat)]
    for i in range(2):
        m = median_of([run[i] for run in rooms])
        print(f"  720×1280 room {i + 1} of 2 side by side at 30 fps: {m['cores']:.2f} cores, "
              f"{m['dropped']:.0f} frames dropped", flush=True)
    dropped = max(int(r["dropped"]) for run in rooms for r in run)
    print(f"  two rooms: {'both keep up (no frame dropped)' if not dropped else f'up to {dropped} frames dropped'}")
    return 0 if ok or args.no_fail else 1


if __name__ == "__main__":
    sys.exit(main())
