"""Lip-sync: the hand-written track helper, shape fallbacks, and the pose's mouth following a track."""

from __future__ import annotations

from studio.avatar.motion import AvatarInput, Rig, pose_at, sample_times
from studio.avatar.mouth import (
    SHAPES,
    MouthState,
    mouth_from_cues,
    resolve_shape,
    track_from_text,
)
from studio.core.vocab import MouthCue
from studio.core.vocab import MouthShape as S

TRACK = (MouthCue(0.0, 0.2, S.X), MouthCue(0.2, 0.3, S.B), MouthCue(0.3, 0.5, S.D), MouthCue(0.5, 0.52, S.F),
         MouthCue(0.52, 0.8, S.A), MouthCue(0.8, 1.0, S.X))


def test_mouth_from_cues_holds_then_blends_into_the_next() -> None:
    assert mouth_from_cues(TRACK, 0.1) == MouthState("X", "B", 0.0)
    s = mouth_from_cues(TRACK, 0.2 - 0.03)  # half-way through the 60 ms blend before B
    assert (s.shape, s.next_shape) == ("X", "B") and abs(s.blend - 0.5) < 1e-9
    assert mouth_from_cues(TRACK, 0.2) == MouthState("B", "D", 0.0)
    assert mouth_from_cues(TRACK, 5.0) == MouthState("X", "X", 0.0)
    # A 20 ms shape gets a 10 ms blend so it is still seen at full strength.
    assert mouth_from_cues(TRACK, 0.5) == MouthState("F", "A", 0.0)
    assert mouth_from_cues(TRACK, 0.515).blend == 0.5
    assert mouth_from_cues((), 1.0) == MouthState()
    before = mouth_from_cues((MouthCue(1.0, 1.2, S.D),), 0.97)
    assert (before.shape, before.next_shape) == ("X", "D") and 0 < before.blend < 1


def test_blend_is_continuous_across_cue_boundaries() -> None:
    # The shown mix (weight of each shape) never jumps: sample every millisecond.
    def mix(state: MouthState) -> dict[str, float]:
        out = {state.shape: 1 - state.blend}
        out[state.next_shape] = out.get(state.next_shape, 0) + state.blend
        return out

    prev = mix(mouth_from_cues(TRACK, 0.0))
    for i in range(1, 1000):
        cur = mix(mouth_from_cues(TRACK, i / 1000))
        for shape in set(prev) | set(cur):
            assert abs(cur.get(shape, 0) - prev.get(shape, 0)) <= 0.11, (i, prev, cur)
        prev = cur


def test_missing_optional_shapes_fall_back_to_the_nearest() -> None:
    required = {"A", "B", "C", "D", "E", "F", "X"}
    assert resolve_shape("G", required) == "B"
    assert resolve_shape("H", required) == "C"
    assert resolve_shape("G", required | {"G"}) == "G"
    assert resolve_shape("Q", required) == "X"
    for shape in SHAPES:
        assert resolve_shape(shape, required) in required


def test_track_from_text_merges_repeats() -> None:
    cues = track_from_text("XXBD D", step=0.1)
    assert [(round(c.start, 3), round(c.end, 3), c.shape) for c in cues] == [
        (0.0, 0.2, "X"), (0.2, 0.3, "B"), (0.3, 0.4, "D"), (0.4, 0.5, "X"), (0.5, 0.6, "D")]


def test_pose_mouth_follows_the_track_every_frame(rig: Rig) -> None:
    """At every frame of a spoken line the mouth shows the track's shape (or its blend toward the next)."""
    track = track_from_text("XBCDDEEFFGGHHAAXBDCX", start=0.5, step=0.09)
    available = set(rig.pack.part("mouth").sprites)
    for t in sample_times(0.0, 2.5, 30):
        state = mouth_from_cues(track, t)
        pose = pose_at(rig, AvatarInput(t=t, speaking=True, speaking_since=0.5, mouth=state), seed=3)
        shown = {layer.sprite: layer.opacity for layer in pose.part("mouth").layers}
        expected = {resolve_shape(state.shape, available)}
        if state.blend > 0:
            expected.add(resolve_shape(state.next_shape, available))
        assert set(shown) == expected, (t, state, shown)
        # The dominant shape is drawn last (on top) and fully opaque when not blending.
        if state.blend == 0:
            assert list(shown.values()) == [1.0]
        else:
            top = pose.part("mouth").layers[-1].sprite
            heavier = state.next_shape if state.blend > 0.5 else state.shape
            if state.blend != 0.5:
                assert top == resolve_shape(heavier, available)


def test_expression_rest_mouth_replaces_only_the_rest_shape(rig: Rig) -> None:
    from studio.core.vocab import Cue

    smile = (Cue(0.0, "smile"),)
    rest = pose_at(rig, AvatarInput(t=5.0, expressions=smile), seed=1)
    assert [layer.sprite for layer in rest.part("mouth").layers] == ["smile"]
    talking = pose_at(rig, AvatarInput(t=5.0, expressions=smile, mouth=MouthState("D", "D", 0.0)), seed=1)
    assert [layer.sprite for layer in talking.part("mouth").layers] == ["D"]
