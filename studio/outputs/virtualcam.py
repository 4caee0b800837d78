"""The virtual camera: the program as a webcam for OBS, 直播伴侣 or a meeting app (optional).

Qt-free; an output for bus.ProgramBus. Needs the optional `pyvirtualcam` package and a virtual
camera device: v4l2loopback on Linux, OBS Studio's Virtual Camera on Windows and macOS. Without
either, the output fails at once with a message saying what to install; the show goes on. Only
the picture goes out (a webcam has no sound): route program audio separately.
"""

from __future__ import annotations

import logging
import platform

import av

from studio.core.clock import Clock
from studio.outputs.bus import RUNNING, AudioChunk, QueuedOutput, VideoFrame

log = logging.getLogger(__name__)


def install_hint(system: str | None = None) -> str:
    """What to install for a virtual camera on this operating system."""
    system = system or platform.system()
    if system == "Linux":
        return ("install pyvirtualcam (pip install pyvirtualcam) and v4l2loopback "
                "(apt install v4l2loopback-dkms; modprobe v4l2loopback devices=1 exclusive_caps=1)")
    return ("install pyvirtualcam (pip install pyvirtualcam) and OBS Studio, then start its "
            "Virtual Camera once so the device is registered")


class VirtualCamera(QueuedOutput):
    """Sends program frames, scaled to `width`×`height`, to a virtual camera device."""

    def __init__(self, width: int, height: int, fps: int = 30, *, device: str | None = None,
                 name: str = "virtualcam", clock: Clock | None = None) -> None:
        self.width, self.height, self.fps, self.device = width, height, fps, device
        self._camera = None  # pyvirtualcam.Camera, opened on the worker at the first frame
        super().__init__(name, max_frames=2, clock=clock)  # a webcam wants the newest frame, not a backlog
        try:
            import pyvirtualcam  # noqa: F401 - optional extra
        except ImportError:
            self._give_up(f"no virtual camera: pyvirtualcam is not installed; {install_hint()}")

    def _video(self, frame: VideoFrame) -> None:
        if self._camera is None and not self._open():
            return
        picture = av.VideoFrame.from_ndarray(frame.pixels, format="bgra").reformat(self.width, self.height, "bgr24")
        try:
            self._camera.send(picture.to_ndarray())
            self._wrote(1, 0)
        except Exception as exc:
            self._give_up(f"the virtual camera stopped: {exc}")

    def _audio(self, chunk: AudioChunk) -> None:
        pass  # a camera carries no sound

    def _open(self) -> bool:
        import pyvirtualcam

        try:
            self._camera = pyvirtualcam.Camera(self.width, self.height, self.fps, fmt=pyvirtualcam.PixelFormat.BGR,
                                               device=self.device)
        except Exception as exc:  # RuntimeError when no device exists
            self._give_up(f"no virtual camera device ({exc}); {install_hint()}")
            return False
        log.info("%s: sending to %s", self.name, self._camera.device)
        self.state = RUNNING
        return True

    def _finish(self) -> None:
        if self._camera is not None:
            self._camera.close()
            self._camera = None


__all__ = ["VirtualCamera", "install_hint"]
