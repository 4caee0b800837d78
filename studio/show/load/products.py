"""Reading the products folder: one TOML file per product, its price, media, pitch and FAQ."""

from __future__ import annotations

import re
from datetime import datetime, time
from pathlib import Path
from typing import Any

from studio.core.paths import PathOutsideError, confine
from studio.core.problems import Problem, Severity
from studio.core.toml import describe_value as _kind
from studio.show.load.files import (
    HHMM,
    ID_PATTERN,
    IMAGE_SUFFIXES,
    PRODUCTS_DIR,
    LoadContext,
    ShowFile,
    checked_image,
    path_hint,
    read_source,
)
from studio.show.load.lines import read_approvals, read_faq, read_lines
from studio.show.model import Product, SourceRef
from studio.show.variables import CURRENCY_SYMBOLS, VARIABLES

MAX_PRODUCTS = 500
PRODUCT_KEYS = {
    "id", "name", "price", "original_price", "currency", "image", "selling_points", "stock",
    "link", "flash_sale_end", "faq", "pitch", "approved",
}
_CURRENCY = re.compile(r"^[A-Z]{3}$")


def read_products(ctx: LoadContext, root: Path, language: str) -> list[Product]:
    """Every product file in products/ (or given in `ctx.texts`), in file-name order; ids unique."""
    pdir = root / PRODUCTS_DIR
    given = {rel for rel, text in ctx.texts.items()
             if text is not None and rel.startswith(PRODUCTS_DIR + "/") and rel.count("/") == 1}
    try:
        confine(root, PRODUCTS_DIR)
    except PathOutsideError as exc:
        ctx.add(Severity.ERROR, PRODUCTS_DIR + "/", None, "", str(exc),
                path_hint(exc, "make products/ a real folder inside the show folder"))
        ctx.products_refused = True
        return []
    if not pdir.is_dir() and not given:
        ctx.add(Severity.ERROR, PRODUCTS_DIR + "/", None, "", "no products folder",
                f"create {PRODUCTS_DIR}/ with one TOML file per product")
        return []
    files: list[Path] = []
    try:
        on_disk = list(pdir.iterdir()) if pdir.is_dir() else []
        entries = sorted({p.name: p for p in on_disk + [root / rel for rel in given]}.values(),
                         key=lambda p: p.name)
    except OSError as exc:
        ctx.add(Severity.ERROR, PRODUCTS_DIR + "/", None, "", f"cannot list the folder: {exc.strerror}", "")
        return []
    for p in entries:
        rel = f"{PRODUCTS_DIR}/{p.name}"
        if p.name.startswith(".") or p.name.endswith("~"):
            continue
        if p.suffix.lower() != ".toml":
            ctx.add(Severity.WARNING, rel, None, "", "not a .toml file; ignored",
                    "product files end in .toml; images go in media/")
            continue
        try:
            confine(root, rel)
        except PathOutsideError as exc:
            ctx.add(Severity.ERROR, rel, None, "", str(exc), path_hint(exc, "copy the file into the show folder"))
            ctx.broken_products.add(p.stem)
            continue
        if rel in ctx.texts:
            if ctx.texts[rel] is not None:
                files.append(p)
        elif p.is_file():
            files.append(p)
        elif p.is_symlink() and not p.exists():
            ctx.add(Severity.WARNING, rel, None, "", "a symbolic link to nothing; ignored",
                    "point it at a product file, or delete it")
        elif not p.is_dir():  # a FIFO, socket or device: never opened (reading one may never end)
            ctx.add(Severity.ERROR, rel, None, "", "not a regular file (a pipe, socket or device); not read",
                    "replace it with a product TOML file")
            ctx.broken_products.add(p.stem)
    if not files:
        ctx.add(Severity.ERROR, PRODUCTS_DIR + "/", None, "", "no product files",
                f"add {PRODUCTS_DIR}/<id>.toml for each product")
    if len(files) > MAX_PRODUCTS:
        ctx.add(Severity.ERROR, PRODUCTS_DIR + "/", None, "",
                f"{len(files)} product files; at most {MAX_PRODUCTS} are supported", "split the show")
        files = files[:MAX_PRODUCTS]
    products: list[Product] = []
    seen: dict[str, str] = {}
    for p in files:
        rel = f"{PRODUCTS_DIR}/{p.name}"
        loaded = _product(ctx, p, rel, language)
        if loaded is None:
            continue
        product, id_line = loaded
        if product.id in seen:
            ctx.add(Severity.ERROR, rel, id_line, "id",
                    f"product id '{product.id}' is also used by {seen[product.id]}", "ids must be unique")
            continue
        seen[product.id] = rel
        products.append(product)
    return products


def read_product_text(root: Path, rel: str, text: str, language: str) -> tuple[Product | None, list[Problem]]:
    """The product in file `rel` read from `text` (not the disk) as `read_products` reads it, and its
    problems; None when it has errors. An editor re-reads the one product it changed this way."""
    ctx = LoadContext(root, {rel: text})
    loaded = _product(ctx, root / rel, rel, language)
    if loaded is None or any(p.is_error for p in ctx.problems):
        return None, ctx.problems
    return loaded[0], ctx.problems


def _product(ctx: LoadContext, path: Path, rel: str, language: str) -> tuple[Product, int] | None:
    """The product in one file and the line its id comes from (1 when the file name gives it)."""
    src = read_source(ctx, path, rel)
    if src is None:
        ctx.broken_products.add(path.stem)
        return None
    f = ShowFile(ctx, rel, src)
    d = src.data
    f.check_keys(d, (), PRODUCT_KEYS)
    pid = f.string(d, "id", (), default=path.stem)
    if not ID_PATTERN.match(pid):
        f.error(("id",), f"'{pid}' cannot be a product id",
                "use letters, digits, '-' or '_' (Chinese characters are fine), no spaces")
    name = f.string(d, "name", (), required=True, default=pid, shown=True)
    price = f.money(d, "price", (), required=True)
    original = f.money(d, "original_price", (), required=False)
    if price is not None and original is not None and original < price:
        f.warn(("original_price",), f"the original price {original} is below the price {price}",
               "no discount is shown; swap the two if they are reversed")
    default_currency = "CNY" if language.lower().startswith(("zh", "cmn")) else "USD"
    currency = f.string(d, "currency", (), default=default_currency).upper()
    if not _CURRENCY.match(currency):
        f.error(("currency",), f"'{currency}' is not a currency code", "write an ISO code such as CNY or USD")
        currency = default_currency
    elif currency not in CURRENCY_SYMBOLS:
        f.warn(("currency",), f"unfamiliar currency '{currency}'; prices show the code instead of a symbol")
    image = f.path_value(d, "image", (), what="image")
    if image is not None and image.suffix.lower() not in IMAGE_SUFFIXES:
        f.warn(("image",), f"'{image.name}' is not a PNG, JPEG, WebP or BMP image; a placeholder is used")
        image = None
    elif image is not None:
        image = checked_image(f, ("image",), image)
    selling_points = f.strings(d, "selling_points", (), shown=True)
    stock = f.integer(d, "stock", (), None, 0, 10_000_000)
    link = f.string(d, "link", (), default="", allow_empty=True, shown=True)
    flash = _flash_sale(f, d)
    available = {name for name, needs in VARIABLES.items() if needs is None}
    if original is not None and price is not None and original > price:
        available |= {"original_price", "saving", "discount"}
    elif original is not None:
        available.add("original_price")
    if stock is not None:
        available.add("stock")
    if link:
        available.add("link")
    pitch = read_lines(f, d.get("pitch"), ("pitch",), f"{pid}/pitch", language, available, "pitch")
    if not pitch and "pitch" not in d:
        f.warn(("pitch",), "no pitch lines: the host will show the card but say nothing about it",
               line=1, hint='add pitch = ["…"]')
    faq = read_faq(f, d, pid, language, available)
    approved = read_approvals(f, d, ())
    if price is None:
        ctx.broken_products.add(pid)
        return None
    product = Product(
        id=pid, name=name, price=price, currency=currency, original_price=original, image=image,
        selling_points=selling_points, stock=stock, link=link, flash_sale_end=flash, faq=faq,
        pitch=pitch, source=SourceRef(rel, 1), approved=approved,
    )
    return product, (f.line(("id",)) if "id" in d else None) or 1


def _flash_sale(f: ShowFile, d: dict[str, Any]) -> datetime | time | None:
    if "flash_sale_end" not in d:
        return None
    value = d["flash_sale_end"]
    if isinstance(value, datetime):
        return value
    if isinstance(value, time):
        return value
    if isinstance(value, str):
        m = HHMM.match(value.strip())
        if m and int(m.group(1)) < 24 and int(m.group(2)) < 60:
            return time(int(m.group(1)), int(m.group(2)))
        try:
            return datetime.fromisoformat(value.strip())
        except ValueError:
            pass
    f.error(("flash_sale_end",), f"must be a date and time or a time of day, got {_kind(value)}",
            "write flash_sale_end = 2026-11-27T20:00:00+08:00, or \"20:00\" for every day")
    return None
