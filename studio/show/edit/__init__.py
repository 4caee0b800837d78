"""The show editor's operations on TOML documents, one module per part; `studio.show.editing` composes them."""
