"""Supplier-photo benchmark: check, prepare and start a show whose photo and backdrop are camera-sized JPEGs.

    .venv/bin/python scripts/bench_media.py [--repeat N] [--huge]

A copy of the demo show gets a product photo (a product on a plain studio background, with sensor
noise, JPEG quality 90) and a backdrop of the same size: 8000×6000 (48 MP, above studio's 40 MP
limit since issue 13) and 7296×5472 (39.9 MP, a 40 MP phone's full size, just under it). Each
step runs in a fresh process, so its peak resident memory is its own:

  check        `studio check` of the show (studio.checks.check_show)
  prepare      the stage built with an empty photo cache: cut-outs and downscaled copies made
  first frame  the live start once the cache is warm: the stage built again and its first frame drawn

Figures are medians over --repeat runs (time in seconds, peak RSS in MB, a bare Qt+numpy process
is about 150 MB of that). With --huge, a 20000×20000 PNG of a few kB is checked and prepared too,
under a 3 GB address-space cap so a decoder that believes its header cannot take the machine down;
the step prints what happened (an error message, MemoryError, or the signal that killed it).
Runs against whatever `studio` is first on PYTHONPATH (this checkout by default).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if not os.environ.get("PYTHONPATH"):  # another checkout's code can be measured with PYTHONPATH=that/checkout
    sys.path.insert(0, str(ROOT))
if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SIZES = ((8000, 6000), (7296, 5472))
HUGE = 20000
CAP_BYTES = 3_000_000_000


def studio_jpeg(path: Path, size: tuple[int, int], backdrop: bool) -> None:
    """A camera-like JPEG: a red box on a light plain background (or a gradient room), with noise."""
    import cv2
    import numpy as np

    w, h = size
    rng = np.random.default_rng(3)
    if backdrop:
        y = np.linspace(40, 200, h, dtype=np.float32)[:, None]
        img = np.repeat(np.repeat(y, w, axis=1)[..., None], 3, axis=2)
    else:
        img = np.full((h, w, 3), 244, np.float32)
        cv2.rectangle(img, (w * 3 // 8, h // 4), (w * 5 // 8, h * 3 // 4), (40, 40, 210), -1)
        cv2.rectangle(img, (w * 7 // 16, h * 7 // 16), (w * 9 // 16, h * 9 // 16), (250, 248, 248), -1)
    img += rng.normal(0, 3, img.shape).astype(np.float32)
    ok, data = cv2.imencode(".jpg", np.clip(img, 0, 255).astype(np.uint8), [cv2.IMWRITE_JPEG_QUALITY, 90])
    assert ok
    path.write_bytes(data.tobytes())


def bomb_png(path: Path, side: int) -> None:
    """A valid 1-bit greyscale PNG of side×side pixels: all black, a few kB of deflate."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return len(body).to_bytes(4, "big") + kind + body + zlib.crc32(kind + body).to_bytes(4, "big")

    row = b"\x00" * (1 + (side + 7) // 8)
    z = zlib.compressobj(9)
    body = b"".join(z.compress(row) for _ in range(side)) + z.flush()
    ihdr = side.to_bytes(4, "big") * 2 + bytes([1, 0, 0, 0, 0])
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", body) + chunk(b"IEND", b""))


def make_show(base: Path, size: tuple[int, int] | None) -> Path:
    """The demo show with camera-sized photo and backdrop, or (size None) with a 20000×20000 PNG bomb."""
    from studio.core.assets import demo_show_path

    show = base / "show"
    shutil.copytree(demo_show_path(), show)
    if size is None:
        bomb_png(show / "media" / "tea.png", HUGE)
        return show
    studio_jpeg(show / "media" / "photo.jpg", size, backdrop=False)
    studio_jpeg(show / "media" / "room.jpg", size, backdrop=True)
    tea = show / "products" / "tea.toml"
    tea.write_text(tea.read_text(encoding="utf-8").replace("media/tea.png", "media/photo.jpg"), encoding="utf-8")
    toml = show / "show.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("media/backdrop.png", "media/room.jpg"), encoding="utf-8")
    return show


def child(step: str, show: Path, cache: Path) -> dict[str, object]:
    """Run one step in this (fresh) process; its time, peak RSS and outcome."""
    start = time.perf_counter()
    outcome = "ok"
    if step == "check":
        from studio.checks import check_show

        result = check_show(show)
        errors = [p.format() for p in result.problems if p.is_error]
        outcome = errors[0] if errors else "ok"
    else:
        from datetime import datetime

        from PySide6.QtGui import QGuiApplication

        from studio.program.offline import silent_program
        from studio.program.qt_stage import build_stage
        from studio.show.loader import load_show
        from studio.stage.cutout import PhotoCache

        app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 - fonts need it alive
        start = time.perf_counter()
        loaded = load_show(show)
        if loaded.show is None:  # the new loader refuses the file: prepare what is left, as `live` cannot
            errors = [p.format() for p in loaded.problems if p.is_error]
            return {"seconds": time.perf_counter() - start, "rss": _rss_mb(), "outcome": errors[0]}
        kit = build_stage(loaded.show, placeholder=True, photos=PhotoCache(cache))
        if step == "first-frame":
            state, _ = silent_program(loaded.show, datetime(2025, 11, 26, 20, 48)).at(4.0)
            kit.renderer.render(state, 4.0)
        outcome = "; ".join(kit.renderer.problems) or "ok"
    return {"seconds": time.perf_counter() - start, "rss": _rss_mb(), "outcome": outcome}


def _rss_mb() -> float:
    """Peak resident memory of this process: VmHWM (ru_maxrss would include the parent's, kept across exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_step(step: str, show: Path, cache: Path, cap: bool) -> dict[str, object]:
    env = dict(os.environ)
    env.setdefault("PYTHONPATH", str(ROOT))

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (CAP_BYTES, CAP_BYTES))

    proc = subprocess.run([sys.executable, __file__, "--child", step, str(show), str(cache)], env=env,
                          capture_output=True, text=True, preexec_fn=limit if cap else None, timeout=600)
    if proc.returncode != 0:
        tail = (proc.stderr.strip().splitlines() or [""])[-1]
        how = f"killed by signal {-proc.returncode}" if proc.returncode < 0 else f"exit {proc.returncode}"
        return {"seconds": float("nan"), "rss": float("nan"), "outcome": f"{how}: {tail[:160]}"}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per step (default 3)")
    parser.add_argument("--huge", action="store_true", help="also check and prepare a 20000×20000 PNG")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        step, show, cache = args.child
        print(json.dumps(child(step, Path(show), Path(cache))))
        return 0
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    with tempfile.TemporaryDirectory(prefix="studio-bench-media-") as tmp:
        for w, h in SIZES:
            base = Path(tmp) / f"{w}x{h}"
            base.mkdir()
            show = make_show(base, (w, h))
            photo_mb = (show / "media" / "photo.jpg").stat().st_size / 1e6
            print(f"{w}×{h} ({w * h / 1e6:.1f} MP) JPEG photo ({photo_mb:.1f} MB) and backdrop,"
                  f" median of {args.repeat}:")
            for step in ("check", "prepare", "first-frame"):
                runs = []
                for i in range(args.repeat):
                    cache = base / f"cache-{step}-{i}"
                    if step == "first-frame":  # warm: prepared once before, by a preview or an earlier start
                        run_step("prepare", show, cache, cap=False)
                    runs.append(run_step(step, show, cache, cap=False))
                seconds = statistics.median(float(r["seconds"]) for r in runs)  # type: ignore[arg-type]
                rss = statistics.median(float(r["rss"]) for r in runs)  # type: ignore[arg-type]
                print(f"  {step:<12} {seconds:7.2f} s   peak RSS {rss:7.0f} MB   {str(runs[-1]['outcome'])[:110]}",
                      flush=True)
        if args.huge:
            huge_base = Path(tmp) / "huge"
            huge_base.mkdir()
            show = make_show(huge_base, None)
            size = (show / "media" / "tea.png").stat().st_size
            print(f"{HUGE}×{HUGE} PNG of {size / 1e3:.0f} kB, address space capped at {CAP_BYTES / 1e9:.0f} GB:")
            for step in ("check", "prepare"):
                r = run_step(step, show, huge_base / "cache", cap=True)
                print(f"  {step:<12} {float(r['seconds']):7.2f} s   peak RSS {float(r['rss']):7.0f} MB   "
                      f"{r['outcome']}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
