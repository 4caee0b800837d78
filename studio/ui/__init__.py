"""The operator-facing Qt windows."""
