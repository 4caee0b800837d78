"""Outputs: where finished frames go — the stream window now; recorder, RTMP and virtual camera later.

`pacing` and `placement` are Qt-free; `stream_window` is the Qt window.
"""
