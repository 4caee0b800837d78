"""Outputs: the sinks finished frames and program audio go to.

The program bus, the H.264/AAC encoder and muxer, the recorder, the RTMP push, the virtual
camera, frame pacing and the stream window. Qt-free except `stream_window`.
"""
