"""The operator console: edit a show, preview it exactly as it airs, and run it live (issue 9)."""
