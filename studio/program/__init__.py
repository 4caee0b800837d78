"""The program: what is on air at program time t, and the three drivers of that one path.

`view` turns the playout's state at t into the stage state and the host's pose (Qt-free);
`host` is the one mapping from what is on air to the avatar's input. The drivers sit on the Qt
edge: `qt_session` (the live show and `studio preview`), `qt_offline` (a pitch rendered to MP4)
and `qt_stage` (the renderer and host a show is drawn with).
"""
