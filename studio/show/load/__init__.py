"""The show loader's readers, one module per part of a show; `studio.show.loader` composes them."""
