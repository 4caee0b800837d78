"""Running a show: the planner, the playout state machine, the as-run log. Qt only in qt_*.py."""
