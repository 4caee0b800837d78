"""Settings dialog: the show's voice and avatar (show settings), and the outputs for going live (user settings).

Voice and avatar choices come back from `show_changes()` as ShowEditor.set_show_field keys; the
console keeps them with its unsaved edits and writes them on Save. Output settings are the
operator's, not the show's: folder, segment length and RTMP URL live in QSettings, the stream key
in a file only the user can read (state_dir()/secrets.json, mode 0600) — never in QSettings or in
the show files.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSlider,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from studio.core.dirs import state_dir
from studio.core.logs import write_private
from studio.core.redact import mask_key
from studio.show.model import Show, Voice
from studio.ui.jobs import Job

AUTO = "auto"
SECRETS_FILE = "secrets.json"
KEY_NAME = "rtmp_key"
RECORD_DIR = "outputs/record_dir"
SEGMENT_MINUTES = "outputs/segment_minutes"
RTMP_URL = "outputs/rtmp_url"
DEFAULT_SEGMENT_MINUTES = 30.0
SAMPLE_LINES = {"zh": "大家好，欢迎来到直播间！今天的好物马上开讲。",
                "en": "Hello everyone, welcome to the live room! Today's deals start now."}
PREVIEW_SIZE = (240, 320)


# ---- the stream key: a private file, never QSettings or the show ----

def secrets_path() -> Path:
    return state_dir() / SECRETS_FILE


def _read_secrets() -> dict[str, Any]:
    try:
        data = json.loads(secrets_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def load_stream_key() -> str:
    """The saved RTMP stream key, or ''."""
    value = _read_secrets().get(KEY_NAME, "")
    return value if isinstance(value, str) else ""


def save_stream_key(key: str) -> Path:
    """Keep the stream key in secrets.json, readable by the user only (0600); '' removes it."""
    data = _read_secrets()
    if key:
        data[KEY_NAME] = key
    else:
        data.pop(KEY_NAME, None)
    path = secrets_path()
    write_private(path, json.dumps(data))
    return path


# ---- outputs for going live, built from the same classes `studio live` uses ----

def build_outputs(show: Show, settings: QSettings) -> list:
    """The recorder and RTMP push the operator set up; ValueError (for the operator) when unusable."""
    outputs: list = []
    folder = str(settings.value(RECORD_DIR, "") or "")
    if folder:
        from studio.outputs.encoding import EncoderPreset
        from studio.outputs.recorder import Recorder

        minutes = float(settings.value(SEGMENT_MINUTES, DEFAULT_SEGMENT_MINUTES) or DEFAULT_SEGMENT_MINUTES)
        if minutes <= 0:
            raise ValueError("the recording segment length must be positive")
        w, h = show.canvas
        preset = EncoderPreset(w, h, show.fps, crf=21, x264_preset="superfast" if w * h > 1280 * 720 else "veryfast")
        outputs.append(Recorder(Path(folder), preset, minutes, show.title, show.disclosure))
    url = str(settings.value(RTMP_URL, "") or "")
    if url:
        from studio.outputs.encoding import PRESETS
        from studio.outputs.rtmp import RtmpPush, url_problem

        problem = url_problem(url)
        if problem:
            raise ValueError(f"RTMP: {problem}")
        key = load_stream_key() or os.environ.get("STUDIO_RTMP_KEY") or None
        outputs.append(RtmpPush(url, key, PRESETS["portrait-1080"]))
    return outputs


# ---- voices and the test line, off the UI thread ----

def _default_speaker() -> Any:
    from studio.speech.cache import SpeechCache
    from studio.speech.speaker import Speaker
    from studio.speech.supervisor import WorkerEngine

    return Speaker(WorkerEngine(), SpeechCache())


def voices_for_language(voices: Sequence[Any], language: str) -> list[Any]:
    """The installed voices that speak the show's language (by base language: zh, en…)."""
    base = language.lower().replace("_", "-").split("-")[0]
    bases = {base, "cmn"} if base == "zh" else {base}
    out = []
    for v in voices:
        langs = [lang.lower().replace("_", "-") for lang in v.languages]
        if any(lang.split("-")[0] in bases or lang.startswith("cmn") and base == "zh" for lang in langs):
            out.append(v)
    return out


def audio_output_available() -> bool:
    try:
        from PySide6.QtMultimedia import QMediaDevices
    except ImportError:
        return False
    return bool(QMediaDevices.audioOutputs())


class SettingsDialog(QDialog):
    """Voice | Avatar | Outputs tabs. `show_changes()` after exec(): the show settings to write."""

    def __init__(self, show: Show, settings: QSettings, parent: QWidget | None = None,
                 speaker_factory: Callable[[], Any] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.show_model = show
        self.settings = settings
        self.speaker_factory = speaker_factory or _default_speaker
        self._speaker: Any = None
        self._jobs: list[Job] = []
        self._sound: Any = None
        self._wav: Path | None = None
        self.avatar_value: str | Path = show.avatar
        self.avatar_ok = True
        tabs = QTabWidget()
        tabs.addTab(self._voice_tab(), self.tr("Voice"))
        tabs.addTab(self._avatar_tab(), self.tr("Avatar"))
        tabs.addTab(self._outputs_tab(), self.tr("Outputs"))
        self.tabs = tabs
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        col = QVBoxLayout(self)
        col.addWidget(tabs)
        col.addWidget(buttons)
        self._list_voices()
        self._preview_avatar()

    # ---- voice ----

    def _voice_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        voice = self.show_model.voice
        self.voice_combo = QComboBox()
        self.voice_combo.setObjectName("voiceCombo")
        self.voice_combo.addItem(self.tr("Automatic (by the show's language)"), AUTO)
        if voice.id not in ("", AUTO):
            self.voice_combo.addItem(voice.id, voice.id)
            self.voice_combo.setCurrentIndex(1)
        form.addRow(self.tr("Voice (%1)").replace("%1", self.show_model.language), self.voice_combo)
        self.rate_slider = QSlider(Qt.Orientation.Horizontal)
        self.rate_slider.setObjectName("rateSlider")
        self.rate_slider.setRange(80, 300)
        self.rate_slider.setValue(int(voice.rate))
        self.rate_label = QLabel()
        self.rate_slider.valueChanged.connect(self._slider_labels)
        form.addRow(self.tr("Rate"), self._with_label(self.rate_slider, self.rate_label))
        self.volume_slider = QSlider(Qt.Orientation.Horizontal)
        self.volume_slider.setObjectName("volumeSlider")
        self.volume_slider.setRange(0, 100)
        self.volume_slider.setValue(round(float(voice.volume) * 100))
        self.volume_label = QLabel()
        self.volume_slider.valueChanged.connect(self._slider_labels)
        form.addRow(self.tr("Volume"), self._with_label(self.volume_slider, self.volume_label))
        self.test_button = QPushButton(self.tr("Test voice"))
        self.test_button.setObjectName("testVoice")
        self.test_button.clicked.connect(self.test_voice)
        form.addRow("", self.test_button)
        self.voice_status = QLabel()
        self.voice_status.setObjectName("voiceStatus")
        self.voice_status.setWordWrap(True)
        form.addRow("", self.voice_status)
        self._slider_labels()
        return page

    @staticmethod
    def _with_label(slider: QSlider, label: QLabel) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(slider, 1)
        label.setMinimumWidth(90)
        row.addWidget(label)
        return box

    def _slider_labels(self) -> None:
        self.rate_label.setText(self.tr("%1 words/min").replace("%1", str(self.rate_slider.value())))
        self.volume_label.setText(f"{self.volume_slider.value()} %")

    def _speaker_now(self) -> Any:  # on a worker thread
        if self._speaker is None:
            self._speaker = self.speaker_factory()
        return self._speaker

    def _run(self, work: Callable[[], object], then: Callable[[object], None]) -> None:
        """Run `work` as a background job; `then` gets its result, or the exception it raised."""
        # The job outlives a closed dialog instead of dying mid-run (studio.ui.jobs keeps it).
        job = Job(lambda _control: work(), on_success=then, on_failure=then, owner=self)
        self._jobs.append(job)
        job.finished.connect(lambda: self._jobs.remove(job) if job in self._jobs else None)
        job.start()

    def _list_voices(self) -> None:
        self.voice_status.setText(self.tr("Listing the installed voices…"))
        self._run(lambda: self._speaker_now().voices(), self._voices_listed)

    def _voices_listed(self, result: object) -> None:
        if isinstance(result, BaseException):
            self.voice_status.setText(self.tr("Cannot list the voices: %1").replace("%1", str(result)))
            return
        wanted = self.voice_combo.currentData()
        fitting = voices_for_language(result, self.show_model.language)  # type: ignore[arg-type]
        self.voice_combo.clear()
        self.voice_combo.addItem(self.tr("Automatic (by the show's language)"), AUTO)
        for v in fitting:
            self.voice_combo.addItem(f"{v.name} — {v.id}", v.id)
        index = self.voice_combo.findData(wanted)
        if index < 0 and wanted != AUTO:
            self.voice_combo.addItem(self.tr("%1 (not installed)").replace("%1", str(wanted)), wanted)
            index = self.voice_combo.count() - 1
        self.voice_combo.setCurrentIndex(max(0, index))
        self.voice_status.setText(self.tr("%1 voices speak %2").replace("%1", str(len(fitting)))
                                  .replace("%2", self.show_model.language))

    def chosen_voice(self) -> Voice:
        return Voice(engine=self.show_model.voice.engine, id=str(self.voice_combo.currentData() or AUTO),
                     rate=self.rate_slider.value(), volume=self.volume_slider.value() / 100)

    def test_voice(self) -> None:
        """Synthesize a sample line on a worker thread, then play it."""
        language = self.show_model.language
        text = SAMPLE_LINES["zh" if language.lower().startswith(("zh", "cmn")) else "en"]
        voice = self.chosen_voice()
        self.test_button.setEnabled(False)
        self.voice_status.setText(self.tr("Synthesizing a test line…"))
        self._run(lambda: self._speaker_now().synthesize(text, language, voice), self._tested)

    def _tested(self, result: Any) -> None:
        self.test_button.setEnabled(True)
        if isinstance(result, BaseException):
            self.voice_status.setText(self.tr("The test line failed: %1").replace("%1", str(result)))
            return
        if getattr(result, "failure", None) is not None:
            self.voice_status.setText(self.tr("The test line failed: %1").replace("%1", result.failure.message))
            return
        self.play(result.pcm, result.sample_rate)

    def play(self, pcm: Any, sample_rate: int) -> bool:
        """Play PCM through the default audio output; False (with a message) when there is none."""
        from studio.speech.wavio import write_wav

        if not audio_output_available():
            self.voice_status.setText(self.tr("No audio output found: the voice works, but there is no sound "
                                              "device to play it on."))
            return False
        from PySide6.QtMultimedia import QSoundEffect

        if self._wav is None:
            fd, name = tempfile.mkstemp(prefix="studio-voice-test-", suffix=".wav")
            os.close(fd)
            self._wav = Path(name)
        write_wav(self._wav, pcm, sample_rate)
        self._sound = QSoundEffect(self)
        self._sound.setSource(QUrl.fromLocalFile(str(self._wav)))
        self._sound.setVolume(1.0)
        self._sound.play()
        self.voice_status.setText(self.tr("Playing the test line"))
        return True

    # ---- avatar ----

    def _avatar_tab(self) -> QWidget:
        from studio.avatar.pack import bundled_pack_names

        page = QWidget()
        row = QHBoxLayout(page)
        left = QVBoxLayout()
        self.avatar_combo = QComboBox()
        self.avatar_combo.setObjectName("avatarCombo")
        names = bundled_pack_names()
        if "default" not in names:
            names.insert(0, "default")
        for name in names:
            self.avatar_combo.addItem(name, name)
        current = self.show_model.avatar
        if self.avatar_combo.findData(current) < 0:
            self.avatar_combo.addItem(self.tr("Folder: %1").replace("%1", current), current)
        self.avatar_combo.setCurrentIndex(self.avatar_combo.findData(current))
        self.avatar_combo.currentIndexChanged.connect(self._avatar_picked)
        left.addWidget(QLabel(self.tr("Avatar pack")))
        left.addWidget(self.avatar_combo)
        folder = QPushButton(self.tr("Pack folder…"))
        folder.clicked.connect(self._choose_folder)
        left.addWidget(folder)
        self.avatar_problems = QListWidget()
        self.avatar_problems.setObjectName("avatarProblems")
        left.addWidget(QLabel(self.tr("Problems")))
        left.addWidget(self.avatar_problems, 1)
        row.addLayout(left, 1)
        self.avatar_preview = QLabel()
        self.avatar_preview.setObjectName("avatarPreview")
        self.avatar_preview.setFixedSize(*PREVIEW_SIZE)
        self.avatar_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        row.addWidget(self.avatar_preview)
        return page

    def _avatar_picked(self) -> None:
        self.set_avatar(self.avatar_combo.currentData())

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Avatar pack folder"), str(self.show_model.root))
        if folder:
            self.set_avatar(Path(folder))

    def set_avatar(self, value: str | Path) -> None:
        """Choose a bundled pack name or a pack folder (which must be inside the show folder)."""
        if isinstance(value, Path):
            try:
                rel = value.resolve().relative_to(self.show_model.root.resolve()).as_posix()
            except ValueError:
                self.avatar_problems.clear()
                self.avatar_problems.addItem(self.tr("The pack folder must be inside the show folder (%1)")
                                             .replace("%1", str(self.show_model.root)))
                return
            value = rel if rel.startswith(".") or "/" in rel else "./" + rel
            if self.avatar_combo.findData(value) < 0:
                self.avatar_combo.blockSignals(True)
                self.avatar_combo.addItem(self.tr("Folder: %1").replace("%1", value), value)
                self.avatar_combo.blockSignals(False)
            self.avatar_combo.blockSignals(True)
            self.avatar_combo.setCurrentIndex(self.avatar_combo.findData(value))
            self.avatar_combo.blockSignals(False)
        self.avatar_value = value
        self._preview_avatar()

    def _preview_avatar(self) -> None:
        from studio.avatar.motion import AvatarInput, Rig, pose_at
        from studio.avatar.pack import load_pack, resolve_pack
        from studio.avatar.qt_render import AvatarRenderer, render_pose

        self.avatar_problems.clear()
        result = load_pack(resolve_pack(str(self.avatar_value), self.show_model.root))
        for problem in result.problems:
            self.avatar_problems.addItem(problem.format())
        self.avatar_ok = result.pack is not None
        if result.pack is None:
            self.avatar_preview.setPixmap(QPixmap())
            self.avatar_preview.setText(self.tr("This pack cannot be used"))
            return
        try:
            renderer = AvatarRenderer(result.pack)
            image = render_pose(renderer, pose_at(Rig(result.pack), AvatarInput(t=1.0)), *PREVIEW_SIZE,
                                background=0xFF20232A)
        except Exception as exc:  # noqa: BLE001 - a preview never breaks the dialog
            self.avatar_problems.addItem(str(exc))
            return
        self.avatar_preview.setText("")
        self.avatar_preview.setPixmap(QPixmap.fromImage(image))

    # ---- outputs ----

    def _outputs_tab(self) -> QWidget:
        page = QWidget()
        col = QVBoxLayout(page)
        record = QGroupBox(self.tr("Recording"))
        rform = QFormLayout(record)
        self.record_dir = QLineEdit(str(self.settings.value(RECORD_DIR, "") or ""))
        self.record_dir.setObjectName("recordDir")
        self.record_dir.setPlaceholderText(self.tr("empty: do not record"))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._choose_record_dir)
        box = QWidget()
        brow = QHBoxLayout(box)
        brow.setContentsMargins(0, 0, 0, 0)
        brow.addWidget(self.record_dir, 1)
        brow.addWidget(browse)
        rform.addRow(self.tr("Folder"), box)
        self.segment_minutes = QDoubleSpinBox()
        self.segment_minutes.setObjectName("segmentMinutes")
        self.segment_minutes.setRange(1, 24 * 60)
        self.segment_minutes.setDecimals(0)
        self.segment_minutes.setValue(float(self.settings.value(SEGMENT_MINUTES, DEFAULT_SEGMENT_MINUTES)
                                            or DEFAULT_SEGMENT_MINUTES))
        self.segment_minutes.setSuffix(self.tr(" min"))
        rform.addRow(self.tr("New file every"), self.segment_minutes)
        col.addWidget(record)
        push = QGroupBox(self.tr("RTMP push"))
        pform = QFormLayout(push)
        self.rtmp_url = QLineEdit(str(self.settings.value(RTMP_URL, "") or ""))
        self.rtmp_url.setObjectName("rtmpUrl")
        self.rtmp_url.setPlaceholderText("rtmp://…")
        pform.addRow(self.tr("Server URL"), self.rtmp_url)
        self._saved_key = load_stream_key()
        self.rtmp_key = QLineEdit()
        self.rtmp_key.setObjectName("rtmpKey")
        self.rtmp_key.setEchoMode(QLineEdit.EchoMode.Password)
        self.rtmp_key.setPlaceholderText(self.tr("saved: %1").replace("%1", mask_key(self._saved_key))
                                         if self._saved_key else self.tr("stream key (推流码)"))
        pform.addRow(self.tr("Stream key"), self.rtmp_key)
        self.clear_key = QPushButton(self.tr("Forget the saved key"))
        self.clear_key.setEnabled(bool(self._saved_key))
        self.clear_key.clicked.connect(self._forget_key)
        pform.addRow("", self.clear_key)
        note = QLabel(self.tr("The key is kept only for you in %1, never in the show files.")
                      .replace("%1", str(secrets_path())))
        note.setWordWrap(True)
        note.setObjectName("meta")
        pform.addRow("", note)
        col.addWidget(push)
        col.addStretch(1)
        self._forget = False
        return page

    def _choose_record_dir(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Recording folder"), self.record_dir.text())
        if folder:
            self.record_dir.setText(folder)

    def _forget_key(self) -> None:
        self._forget = True
        self.rtmp_key.clear()
        self.rtmp_key.setPlaceholderText(self.tr("stream key (推流码)"))
        self.clear_key.setEnabled(False)

    def save_outputs(self) -> None:
        """Keep the output settings (QSettings) and the stream key (private file)."""
        self.settings.setValue(RECORD_DIR, self.record_dir.text().strip())
        self.settings.setValue(SEGMENT_MINUTES, float(self.segment_minutes.value()))
        self.settings.setValue(RTMP_URL, self.rtmp_url.text().strip())
        key = self.rtmp_key.text().strip()
        if key:
            save_stream_key(key)
        elif self._forget:
            save_stream_key("")

    # ---- result ----

    def show_changes(self) -> dict[str, object]:
        """The show settings that differ from the show: ShowEditor.set_show_field keys → values."""
        out: dict[str, object] = {}
        voice = self.show_model.voice
        chosen = self.chosen_voice()
        if chosen.id != voice.id:
            out["voice.id"] = chosen.id
        if chosen.rate != voice.rate:
            out["voice.rate"] = chosen.rate
        if abs(chosen.volume - float(voice.volume)) > 1e-6:
            out["voice.volume"] = chosen.volume
        if self.avatar_ok and str(self.avatar_value) != self.show_model.avatar:
            out["avatar"] = str(self.avatar_value)
        return out

    def accept(self) -> None:
        self.save_outputs()
        super().accept()

    def done(self, result: int) -> None:
        if self._sound is not None:
            self._sound.stop()
        speaker, self._speaker = self._speaker, None
        engine = getattr(speaker, "engine", None)
        if engine is not None and hasattr(engine, "close"):
            self._run(engine.close, lambda _: None)  # stop the TTS worker process off the UI thread
        super().done(result)

    def wait_jobs(self, ms: int = 5000) -> None:
        """Wait for the background jobs (tests)."""
        for job in list(self._jobs):
            job.wait(ms)
