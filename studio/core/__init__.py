"""Small shared building blocks: problems, confined paths, clocks. Qt-free."""
