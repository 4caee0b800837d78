"""The avatar: pack format and validation, the rig and `pose_at(t)` (Qt-free); `qt_render` draws poses."""

from studio.avatar.layout import Placement, place
from studio.avatar.motion import AvatarInput, PartPose, Pose, Rig, SpriteLayer, pose_at
from studio.avatar.mouth import MouthState, mouth_from_cues
from studio.avatar.pack import AvatarPack, PackResult, bundled_pack_names, load_pack, resolve_pack

__all__ = [
    "AvatarInput", "AvatarPack", "MouthState", "PackResult", "PartPose", "Placement", "Pose",
    "Rig", "SpriteLayer", "bundled_pack_names", "load_pack", "mouth_from_cues", "place", "pose_at", "resolve_pack",
]
