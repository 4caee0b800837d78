"""Live comments: moderation, FAQ matching, the comment inbox and the local control server. Qt-free.

`CommentInbox` takes viewer comments from any thread, moderates and matches them, and queues the
answers for the owner to collect with `take_ready()` on its own thread; `ControlServer` is the
loopback HTTP API (comments, status, remote-control commands) that platform bridges, the
`studio comment` command and remote panels talk to.
"""
