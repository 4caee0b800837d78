"""The speech package's mouth track drives the avatar's mouth: real synthesis, real pose."""

from pathlib import Path

import numpy as np

from studio.avatar import AvatarInput, MouthState, Rig, load_pack, pose_at, resolve_pack
from studio.speech.cache import SpeechCache
from studio.speech.lipsync import mouth_at
from studio.speech.speaker import Speaker
from studio.speech.supervisor import WorkerEngine


def test_synthesized_mama_opens_and_closes_the_avatars_mouth(tmp_path: Path) -> None:
    engine = WorkerEngine()
    try:
        utt = Speaker(engine, SpeechCache(tmp_path)).synthesize("mama mama", "en-US")
    finally:
        engine.close()
    assert utt.ok and utt.duration > 0.5
    rig = Rig(load_pack(resolve_pack("default")).pack)
    shapes, mouths, followed = [], [], 0
    for t in np.arange(0.0, utt.duration, 1 / 30):
        state = MouthState(*mouth_at(utt.mouth, float(t)))
        pose = pose_at(rig, AvatarInput(t=float(t), speaking=True, mouth=state), seed=1)
        mouth_layers = [layer for part in pose.parts if part.name == "mouth" for layer in part.layers]
        assert mouth_layers, "the pose draws a mouth"
        drawn = max(mouth_layers, key=lambda layer: layer.opacity).sprite
        shapes.append(state.shape)
        mouths.append(drawn)
        if state.blend == 0 and state.shape != "X":
            assert drawn == state.shape, (t, state, drawn)  # every frame shows the track's shape
            followed += 1
    # m closes the lips (A) and the vowels open them (C/D): the avatar shows both
    assert "A" in shapes and ({"C", "D"} & set(shapes))
    assert "A" in mouths and len(set(mouths)) >= 3 and followed >= len(shapes) // 2
