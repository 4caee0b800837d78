"""Import products from a CSV file as spreadsheets export it (Excel, WPS, Numbers, Google Sheets).

`read_products_csv` reads and checks every row without touching the show and returns a preview
(the products that would be created, with ids made from their names) and the bad rows, numbered
as the spreadsheet shows them; `CsvImport.apply` then adds the products through a ShowEditor.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from studio.core.paths import PathOutsideError, confine, show_relative
from studio.show.editing import EditError, ShowEditor

MAX_CSV_BYTES = 20_000_000
MAX_ID_LENGTH = 40

# Header spellings seen in Chinese and English exports, compared lower-cased without spaces/marks.
HEADERS: dict[str, tuple[str, ...]] = {
    "id": ("id", "商品id", "编号", "商品编号"),
    "name": ("name", "名称", "商品名称", "商品名", "品名", "productname", "product", "title"),
    "price": ("price", "价格", "售价", "直播价", "现价", "saleprice"),
    "original_price": ("originalprice", "原价", "划线价", "日常价", "listprice"),
    "image": ("image", "图片", "图片路径", "主图", "imagepath", "picture", "photo"),
    "selling_points": ("sellingpoints", "卖点", "商品卖点", "highlights"),
    "stock": ("stock", "库存"),
    "link": ("link", "链接", "链接提示"),
}
COLUMN_LABELS = {
    "id": "id", "name": "name", "price": "price", "original_price": "original price",
    "image": "image", "selling_points": "selling points", "stock": "stock", "link": "link",
}
_SPLIT_POINTS = re.compile(r"[；;、|\r\n]+")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_ID = re.compile(r"^[\w-]+$")


@dataclass(frozen=True)
class CsvProblem:
    """A row that cannot be imported: row number as the spreadsheet shows it, the column, why."""

    row: int
    column: str
    message: str

    def format(self) -> str:
        if self.row == 0:  # the file as a whole (cannot be read, too large)
            return self.message
        return f"row {self.row}" + (f", {self.column}" if self.column else "") + f": {self.message}"


@dataclass(frozen=True)
class CsvProduct:
    """A product a row would create (or update, when `replaces`)."""

    row: int
    id: str
    name: str
    price: Decimal
    original_price: Decimal | None = None
    image: str | None = None  # show-relative
    selling_points: tuple[str, ...] = ()
    stock: int | None = None
    link: str | None = None
    replaces: bool = False

    def fields(self) -> dict[str, object]:
        """The product fields besides name and price, for ShowEditor."""
        return {"original_price": self.original_price, "image": self.image,
                "selling_points": list(self.selling_points) or None, "stock": self.stock, "link": self.link}

    def summary(self) -> str:
        """One line for a preview: id, name, price and what else the row gives."""
        price = f"{self.price}" + (f" (was {self.original_price})" if self.original_price is not None else "")
        extra = [self.image or ""]
        if self.selling_points:
            extra.append(f"{len(self.selling_points)} selling point{'s' * (len(self.selling_points) != 1)}")
        if self.stock is not None:
            extra.append(f"stock {self.stock}")
        action = "update" if self.replaces else "new"
        return f"{self.id}: {self.name} — {price}" + "".join(f", {e}" for e in extra if e) + f"  [{action}, row {self.row}]"


@dataclass
class CsvImport:
    """The preview of an import: products to create, bad rows, and how the file was read."""

    source: Path
    products: list[CsvProduct] = field(default_factory=list)
    problems: list[CsvProblem] = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ","

    def apply(self, editor: ShowEditor, rundown: str | None = None) -> list[str]:
        """Add (or update) the products through `editor`, optionally appending them to `rundown`."""
        done: list[str] = []
        for p in self.products:
            if p.replaces:
                editor.set_product_field(p.id, "name", p.name)
                editor.set_product_field(p.id, "price", p.price)
                for key, value in p.fields().items():
                    if value is not None:  # a blank cell never erases what the show has
                        editor.set_product_field(p.id, key, value)
            else:
                editor.add_product(p.id, p.name, p.price, p.fields())
            done.append(p.id)
        if rundown and done:
            items: list[str | tuple[str, int]] = list(editor.rundown_items(rundown)) if rundown in editor.rundown_ids() else []
            listed = {pid for pid, _ in items}  # type: ignore[misc]
            items += [pid for pid in done if pid not in listed]
            editor.set_rundown(rundown, items)
        return done


def decode_csv(raw: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was in: UTF-8 (BOM or not), UTF-16, GB18030."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace"), "UTF-8 (BOM)"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text"
        return raw.decode("utf-16", errors="replace"), "UTF-16"
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    # Excel on Chinese Windows saves CSV in the ANSI code page, GBK; GB18030 is its superset.
    return raw.decode("gb18030", errors="replace"), "GBK/GB18030"


def sniff_delimiter(text: str) -> str:
    """Comma, semicolon or tab: whichever the header line uses most (outside quotes)."""
    header = []
    quoted = False
    for c in text:
        if c == '"':
            quoted = not quoted
        elif c in "\r\n" and not quoted:
            break
        elif not quoted:
            header.append(c)
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _header_key(cell: str) -> str:
    return re.sub(r"[\s_*＊:：()（）-]+", "", cell).lower()


def _columns(header: list[str]) -> tuple[dict[str, int], list[str]]:
    """Field → column index, and the headers that were not understood."""
    found: dict[str, int] = {}
    unknown: list[str] = []
    for i, cell in enumerate(header):
        key = _header_key(cell)
        for name, spellings in HEADERS.items():
            if key in spellings:
                found.setdefault(name, i)
                break
        else:
            if cell.strip():
                unknown.append(cell.strip())
    return found, unknown


def _money(text: str) -> Decimal | None:
    cleaned = text.strip().lstrip("¥￥$€£").replace(",", "").replace("，", "").removesuffix("元").strip()
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        return None
    return amount if amount.is_finite() else None


def slug(name: str) -> str:
    """An ASCII id from a name ("AirWave Pro 2" → "airwave-pro-2"); "" when it has no ASCII letters."""
    text = _NOT_SLUG.sub("-", name.lower()).strip("-")
    return text[:MAX_ID_LENGTH].strip("-")


def read_products_csv(path: Path, editor: ShowEditor, update: bool = False) -> CsvImport:
    """Read and check a products CSV against the show in `editor`; nothing is written."""
    result = CsvImport(Path(path))
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        result.problems.append(CsvProblem(0, "", f"cannot read {path}: {exc.strerror or exc}"))
        return result
    if len(raw) > MAX_CSV_BYTES:
        result.problems.append(CsvProblem(0, "", f"the file is over {MAX_CSV_BYTES:,} bytes"))
        return result
    text, result.encoding = decode_csv(raw)
    result.delimiter = sniff_delimiter(text)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=result.delimiter))
    except csv.Error as exc:
        result.problems.append(CsvProblem(0, "", f"not a readable CSV file ({exc})"))
        return result
    if not rows:
        result.problems.append(CsvProblem(1, "", "the file is empty"))
        return result
    columns, unknown = _columns(rows[0])
    for cell in unknown:
        result.problems.append(CsvProblem(1, cell, "column not recognised; ignored "
                                          "(columns: 名称/name, 价格/price, 原价, 图片, 卖点, 库存, 链接)"))
    missing = [COLUMN_LABELS[k] for k in ("name", "price") if k not in columns]
    if missing:
        result.problems.append(CsvProblem(1, "", "no " + " or ".join(missing) + " column in the header row"))
        return result
    taken = set(editor.product_ids()) | {pid for pid in _stems(editor)}
    used: set[str] = set()
    for index, row in enumerate(rows[1:], start=2):  # the header is row 1, as the spreadsheet numbers it
        if not any(cell.strip() for cell in row):
            continue
        product = _row(result, index, row, columns, rows[0], editor, taken, used, update)
        if product is not None:
            used.add(product.id)
            result.products.append(product)
    return result


def _stems(editor: ShowEditor) -> Iterable[str]:
    return (Path(rel).stem for rel in editor.unreadable)


def _row(result: CsvImport, row_no: int, row: list[str], columns: dict[str, int], header: list[str],
         editor: ShowEditor, taken: set[str], used: set[str], update: bool) -> CsvProduct | None:
    def cell(key: str) -> str:
        i = columns.get(key)
        return row[i].strip() if i is not None and i < len(row) else ""

    def bad(key: str, message: str) -> None:
        # the column as the spreadsheet heads it (价格, not "price"), so the operator finds it
        written = header[columns[key]].strip() if key in columns else ""
        result.problems.append(CsvProblem(row_no, written or COLUMN_LABELS[key], message))

    before = len(result.problems)
    name = " ".join(cell("name").split())  # a name is one line on the card
    if not name:
        bad("name", "missing name")
    price_text = cell("price")
    price = _money(price_text) if price_text else None
    if not price_text:
        bad("price", "missing price")
    elif price is None:
        bad("price", f"price is not a number: '{price_text}'")
    elif price < 0:
        bad("price", f"price is negative: {price_text}")
    original = None
    if cell("original_price"):
        original = _money(cell("original_price"))
        if original is None or original < 0:
            bad("original_price", f"original price is not a number: '{cell('original_price')}'")
    image = None
    if cell("image"):
        image = _image(editor, cell("image"))
        if image is None:
            bad("image", f"image '{cell('image')}' not found inside the show folder")
    stock = None
    if cell("stock"):
        try:
            stock = int(cell("stock").replace(",", ""))
        except ValueError:
            bad("stock", f"stock is not a whole number: '{cell('stock')}'")
    points = tuple(p.strip() for p in _SPLIT_POINTS.split(cell("selling_points")) if p.strip())
    pid = cell("id")
    if pid and not _ID.match(pid):
        bad("id", f"'{pid}' cannot be a product id (letters, digits, '-' or '_')")
    if len(result.problems) > before or price is None:
        return None
    replaces = False
    if pid and pid in used:
        bad("id", f"id '{pid}' is also used by an earlier row")
        return None
    if pid and pid in taken:
        if not update:
            bad("id", f"product '{pid}' already exists (import with update to change it)")
            return None
        replaces = True
    if not pid:
        pid, replaces = _new_id(name, taken, used, update)
    return CsvProduct(row_no, pid, name, price, original, image, points, stock, cell("link") or None,
                      replaces)


def _new_id(name: str, taken: set[str], used: set[str], update: bool) -> tuple[str, bool]:
    """A fresh id from the name (numbered when needed); with `update`, an existing id is reused."""
    base = slug(name) or "product"
    if base != "product" and base not in used and base in taken and update:
        return base, True
    n = 1 if base == "product" else 0
    while True:
        pid = base if n == 0 else f"{base}-{n}"
        if pid not in taken and pid not in used:
            return pid, False
        n += 1


def _image(editor: ShowEditor, text: str) -> str | None:
    """The image as a show-relative path, or None when it is not a file inside the show."""
    candidate = Path(text)
    try:
        if candidate.is_absolute():
            text = show_relative(editor.root, candidate)
        target = confine(editor.root, text)
        if not target.is_file():
            return None
    except (PathOutsideError, OSError):
        return None
    return text.replace("\\", "/")


__all__ = ["CsvImport", "CsvProblem", "CsvProduct", "EditError", "decode_csv", "read_products_csv",
           "slug", "sniff_delimiter"]
