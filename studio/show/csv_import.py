"""Import products from a CSV file as spreadsheets export it (Excel, WPS, Numbers, Google Sheets).

`read_products_csv` reads and checks every row without touching the show and returns the plan:
the products that would be created or updated, the rows that cannot be imported (numbered as the
spreadsheet shows them, with the column and why) and notes. Each row is held to every rule the
show will be held to: the CSV's own (a price is a number…), the advertising-law wording of its
name, selling points and link (studio.compliance), and the real loader run over the show as it
would be after the import. So a dry run shows exactly what the real run writes, and one bad row
never stops the good ones. `CsvImport.apply` then adds the products through a ShowEditor.
Everything here is linear in the number of rows.
"""

from __future__ import annotations

import csv
import io
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from studio.core.paths import PathOutsideError, confine, show_relative
from studio.core.problems import Problem
from studio.core.toml import TomlReader
from studio.show.editing import EditError, ShowEditor
from studio.show.load.files import ID_PATTERN, PRODUCTS_DIR, SHOW_FILE
from studio.show.load.products import MAX_PRODUCTS
from studio.show.money import MoneyError, parse_money

MAX_CSV_BYTES = 20_000_000
MAX_ROWS = 50_000  # data rows; a show holds at most MAX_PRODUCTS products anyway
MAX_COLUMNS = 100
MAX_CELL = 5_000  # characters in one cell
MAX_ID_LENGTH = 40
# --encoding choices: what Excel and WPS save ("CSV UTF-8", "CSV" on Chinese Windows, "Unicode text").
ENCODINGS = {"utf-8": "UTF-8", "gbk": "GBK/GB18030", "gb18030": "GBK/GB18030", "utf-16": "UTF-16"}

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
_SAVE_AS_UTF8 = "in Excel or WPS save it with Save As → 'CSV UTF-8 (逗号分隔)'"


class CsvEncodingError(ValueError):
    """The file's bytes cannot be read as text with confidence; the message says where and what to do."""


@dataclass(frozen=True)
class CsvProblem:
    """A row that cannot be imported (or a note on one): row number as the spreadsheet shows it, the column, why."""

    row: int  # 0: the file as a whole
    column: str
    message: str
    hint: str = ""

    def format(self) -> str:
        text = self.message + (f" ({self.hint})" if self.hint else "")
        if self.row == 0:
            return text
        return f"row {self.row}" + (f", {self.column}" if self.column else "") + f": {text}"


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
        return (f"{self.id}: {self.name} — {price}" + "".join(f", {e}" for e in extra if e)
                + f"  [{action}, row {self.row}]")


@dataclass
class CsvImport:
    """The plan of an import: products to write, rows that cannot be imported, notes, how the file was read."""

    source: Path
    products: list[CsvProduct] = field(default_factory=list)
    problems: list[CsvProblem] = field(default_factory=list)  # not imported (row 0: nothing is)
    notes: list[CsvProblem] = field(default_factory=list)  # imported, but worth a look
    encoding: str = ""
    delimiter: str = ","
    rows: int = 0  # data rows read (the header and blank rows not counted)
    baseline: set[tuple[str, str, str]] = field(default_factory=set)  # errors the show had before

    def new_errors(self, editor: ShowEditor) -> list[Problem]:
        """The loader's errors in the show as `editor` has it that the show did not have before the import.

        The plan was checked the same way, so only a show changed meanwhile has any.
        """
        return [p for p in editor.validate().errors if _mark(p) not in self.baseline]

    def apply(self, editor: ShowEditor, rundown: str | None = None) -> list[str]:
        """Add (or update) the products through `editor`, optionally appending them to `rundown`."""
        new = [p for p in self.products if not p.replaces]
        editor.add_products([(p.id, p.name, p.price, p.fields()) for p in new])
        # a blank cell never erases what the show has
        editor.update_products({p.id: {"name": p.name, "price": p.price,
                                        **{k: v for k, v in p.fields().items() if v is not None}}
                                for p in self.products if p.replaces})
        done = [p.id for p in self.products]
        if rundown and done:
            entries = editor.rundown_items(rundown) if rundown in editor.rundown_ids() else []
            listed = {pid for pid, _ in entries}
            items: list[str | tuple[str, int]] = [*entries, *(pid for pid in done if pid not in listed)]
            editor.set_rundown(rundown, items)
        return done


# ---- bytes → text: the encodings spreadsheets save, never a silent U+FFFD ----

def decode_csv(raw: bytes, encoding: str | None = None) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was in; CsvEncodingError when it cannot be told.

    Recognises UTF-8 (with or without BOM), UTF-16 with a BOM (Excel's "Unicode text") and
    GBK/GB18030 (Excel's and WPS's "CSV" on Chinese Windows). `encoding` (a key of ENCODINGS)
    skips the guessing. Bytes that are not valid in the encoding are an error naming the line.
    """
    if raw.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise CsvEncodingError(f"this is an Excel or WPS workbook (.xlsx/.xls), not a CSV file; {_SAVE_AS_UTF8}")
    if encoding is not None:
        codec = {"utf-8": "utf-8-sig", "gbk": "gb18030", "gb18030": "gb18030", "utf-16": "utf-16"}[encoding]
        return _strict(raw, codec, ENCODINGS[encoding]), ENCODINGS[encoding]
    if raw.startswith(b"\xef\xbb\xbf"):
        return _strict(raw[3:], "utf-8", "UTF-8"), "UTF-8 (BOM)"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(raw, "utf-16", "UTF-16"), "UTF-16"
    if b"\x00" in raw:
        # UTF-16 without a BOM puts a NUL beside every ASCII character; anything else with NULs is binary.
        even, odd = raw[0::2].count(0), raw[1::2].count(0)
        if max(even, odd) > len(raw) // 4:
            return _strict(raw, "utf-16-be" if even > odd else "utf-16-le", "UTF-16"), "UTF-16"
        raise CsvEncodingError(f"line {raw[:raw.index(0)].count(10) + 1}: the file contains NUL bytes, so it is "
                               f"not a text CSV file; {_SAVE_AS_UTF8}")
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    loose = raw.decode("utf-8", errors="replace")
    replaced = loose.count("\ufffd")
    if sum(1 for c in loose if c > "\x7f") - replaced >= 4 * replaced:
        # Mostly UTF-8: a damaged file, or two files in different encodings joined together.
        raise CsvEncodingError(f"{_where(raw, first_bad)} is not UTF-8, though the rest of the file is "
                               f"(a damaged file, or parts saved in different encodings?); {_SAVE_AS_UTF8}")
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise CsvEncodingError(f"{_where(raw, exc.start)} is neither UTF-8 nor GBK text, so the file's encoding "
                               f"cannot be told; {_SAVE_AS_UTF8}") from None
    wide = [c for c in text if c > "\x7f"]
    unusual = [c for c in wide if not _gb2312(c)]
    if len(unusual) >= 2 and len(unusual) * 5 > len(wide):
        # GB18030 decodes almost any bytes; Big5, Shift-JIS or Latin-1 files come out as rare characters.
        sample = "".join(unusual[:8])
        raise CsvEncodingError(f"cannot tell the file's encoding: it is not UTF-8, and read as GBK it is full of "
                               f"unusual characters ({sample}…), so it is probably in another encoding; "
                               f"{_SAVE_AS_UTF8}, or give the encoding if you know it is GBK")
    return text, "GBK/GB18030"


def _strict(raw: bytes, codec: str, label: str) -> str:
    try:
        return raw.decode(codec)
    except UnicodeDecodeError as exc:
        raise CsvEncodingError(f"{_where(raw, exc.start)} is not valid {label} text; {_SAVE_AS_UTF8}") from None


def _where(raw: bytes, offset: int) -> str:
    """'line 12: byte 0xB2' — the file line (counted in the raw bytes) and the first bad byte."""
    return f"line {raw[:offset].count(10) + 1}: byte 0x{raw[offset]:02X}"


def _gb2312(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


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


def _columns(header: list[str], notes: list[CsvProblem]) -> dict[str, int]:
    """Field → column index; headers not understood, or given twice, become notes."""
    found: dict[str, int] = {}
    for i, cell in enumerate(header):
        key = _header_key(cell)
        name = next((n for n, spellings in HEADERS.items() if key in spellings), None)
        if name is None:
            if cell.strip():
                notes.append(CsvProblem(1, cell.strip(), "column not recognised; ignored "
                                        "(columns: 名称/name, 价格/price, 原价, 图片, 卖点, 库存, 链接)"))
        elif name in found:
            notes.append(CsvProblem(1, cell.strip(), f"a second {COLUMN_LABELS[name]} column; the first "
                                    f"('{header[found[name]].strip()}') is used"))
        else:
            found[name] = i
    return found


def slug(name: str) -> str:
    """An ASCII id from a name ("AirWave Pro 2" → "airwave-pro-2"); "" when it has no ASCII letters."""
    text = _NOT_SLUG.sub("-", name.lower()).strip("-")
    return text[:MAX_ID_LENGTH].strip("-")


# ---- reading the plan ----

def read_products_csv(path: Path, editor: ShowEditor, update: bool = False, rundown: str | None = None,
                      encoding: str | None = None) -> CsvImport:
    """Read and check a products CSV against the show in `editor`; nothing is written.

    `rundown` is the rundown the products will be appended to (it is part of what the loader
    checks); `encoding` a key of ENCODINGS, or None to detect it.
    """
    result = CsvImport(Path(path))
    try:
        info = Path(path).stat()
        if not stat.S_ISREG(info.st_mode):  # a FIFO would wait forever, /dev/zero never end
            result.problems.append(CsvProblem(0, "", f"{path}: not a regular file", "give the CSV file itself"))
            return result
        size = info.st_size
        if size > MAX_CSV_BYTES:
            result.problems.append(CsvProblem(0, "", f"{path}: the file is {size:,} bytes; at most "
                                              f"{MAX_CSV_BYTES:,}", "split it into several files"))
            return result
        raw = Path(path).read_bytes()
    except OSError as exc:
        result.problems.append(CsvProblem(0, "", f"cannot read {path}: {exc.strerror or exc}"))
        return result
    try:
        text, result.encoding = decode_csv(raw, encoding)
    except CsvEncodingError as exc:
        result.problems.append(CsvProblem(0, "", f"{path}: {exc}"))
        return result
    result.delimiter = sniff_delimiter(text)
    rows = _records(text, result)
    header = next(rows, None)
    if header is None:
        result.problems.append(CsvProblem(1, "", "the file is empty"))
        return result
    columns = _columns(header[1], result.notes)
    missing = [COLUMN_LABELS[k] for k in ("name", "price") if k not in columns]
    if missing:
        result.problems.append(CsvProblem(1, "", "no " + " or ".join(missing) + " column in the header row"))
        return result
    reader = _Rows(result, columns, header[1], editor, update)
    for row_no, row in rows:
        if any(cell.strip() for cell in row):
            reader.add(row_no, row)
    if any(p.row == 0 for p in result.problems):
        result.products = []
        return result
    _check_wording(result, editor, reader)
    reader.name_ids()
    _limit_products(result, editor)
    _check_with_loader(result, editor.root, rundown, reader)
    result.problems.sort(key=lambda p: p.row)
    result.notes.sort(key=lambda p: p.row)
    return result


def _records(text: str, result: CsvImport) -> Iterator[tuple[int, list[str]]]:
    """(spreadsheet row number, cells) for each record; a malformed record is a problem, not an end."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=result.delimiter)
    row_no = 0
    while True:
        row_no += 1  # a record is one spreadsheet row, whatever line breaks its quoted cells hold
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            result.problems.append(CsvProblem(row_no, "", f"cannot be read as CSV ({exc})",
                                              f"cells may be at most {MAX_CELL:,} characters"))
            continue
        if row_no > MAX_ROWS + 1:
            result.problems.append(CsvProblem(0, "", f"the file has more than {MAX_ROWS:,} rows",
                                              "split it into several files"))
            return
        if len(row) > MAX_COLUMNS:
            if row_no == 1:
                result.problems.append(CsvProblem(0, "", f"the header row has {len(row)} columns; at most "
                                                  f"{MAX_COLUMNS}"))
                return
            result.problems.append(CsvProblem(row_no, "", f"the row has {len(row)} cells; at most {MAX_COLUMNS}"))
            continue
        if row_no > 1:
            result.rows += 1
        yield row_no, row


class _Rows:
    """Turns data rows into products, with the CSV's own rules; ids are unique within the show."""

    def __init__(self, result: CsvImport, columns: dict[str, int], header: list[str], editor: ShowEditor,
                 update: bool) -> None:
        self.result, self.columns, self.header, self.editor, self.update = result, columns, header, editor, update
        self.taken = set(editor.product_ids()) | {Path(rel).stem for rel in editor.unreadable}
        self.used: set[str] = set()
        self.next_number: dict[str, int] = {}  # per id base, the next number to try: ids in linear time

    def add(self, row_no: int, row: list[str]) -> None:
        product = self._row(row_no, row)
        if product is not None:
            if product.id:
                self.used.add(product.id)
            self.result.products.append(product)

    def _row(self, row_no: int, row: list[str]) -> CsvProduct | None:
        columns, problems = self.columns, self.result.problems

        def cell(key: str) -> str:
            i = columns.get(key)
            return row[i].strip() if i is not None and i < len(row) else ""

        def bad(key: str, message: str, hint: str = "") -> None:
            problems.append(CsvProblem(row_no, self.column(key), message, hint))

        before = len(problems)
        for key in columns:
            if len(cell(key)) > MAX_CELL:
                bad(key, f"the cell is {len(cell(key)):,} characters long; at most {MAX_CELL:,}")
        if len(problems) > before:
            return None
        name = " ".join(cell("name").split())  # a name is one line on the card
        if not name:
            bad("name", "missing name")
        price_text = cell("price")
        price = None
        if not price_text:
            bad("price", "missing price")
        else:
            try:
                price = parse_money(price_text)
            except MoneyError as exc:
                bad("price", f"price is not a number: '{price_text}'", exc.hint)
            else:
                if price < 0:
                    bad("price", f"price is negative: {price_text}")
        original = None
        if cell("original_price"):
            try:
                original = parse_money(cell("original_price"))
            except MoneyError as exc:
                bad("original_price", f"original price is not a number: '{cell('original_price')}'", exc.hint)
            else:
                if original < 0:
                    bad("original_price", f"original price is not a number: '{cell('original_price')}'")
        image = None
        if cell("image"):
            image = _image(self.editor, cell("image"))
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
        if pid and not ID_PATTERN.match(pid):
            bad("id", f"'{pid}' cannot be a product id (letters, digits, '-' or '_')")
        if len(problems) > before or price is None:
            return None
        replaces = False
        if pid and pid in self.used:
            bad("id", f"id '{pid}' is also used by an earlier row")
            return None
        if pid and pid in self.taken:
            if not self.update:
                bad("id", f"product '{pid}' already exists (import with update to change it)")
                return None
            replaces = True
        # An id made from the name is given later (name_ids), once the rows refused for their wording
        # are out, so the ids of the imported products run on without gaps.
        return CsvProduct(row_no, pid, name, price, original, image, points, stock, cell("link") or None, replaces)

    def name_ids(self) -> None:
        """Give each product without an id one made from its name (numbered when needed)."""
        named = []
        for p in self.result.products:
            if not p.id:
                pid, replaces = self._new_id(p.name)
                p = replace(p, id=pid, replaces=replaces)
            named.append(p)
        self.result.products = named

    def column(self, key: str) -> str:
        """The column as the spreadsheet heads it (价格, not "price"), so the operator finds it."""
        written = self.header[self.columns[key]].strip() if key in self.columns else ""
        return written or COLUMN_LABELS.get(key, key)

    def _new_id(self, name: str) -> tuple[str, bool]:
        """A fresh id from the name (numbered when needed); with `update`, an existing id is reused."""
        base = slug(name) or "product"
        if self.update and base != "product" and base not in self.used and base in self.taken:
            self.used.add(base)
            return base, True
        n = self.next_number.get(base, 1 if base == "product" else 0)
        while True:
            pid = base if n == 0 else f"{base}-{n}"
            n += 1
            if pid not in self.taken and pid not in self.used:
                self.next_number[base] = n
                self.used.add(pid)
                return pid, False


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


def _limit_products(result: CsvImport, editor: ShowEditor) -> None:
    """Rows that would take the show past MAX_PRODUCTS are not imported (the loader would refuse the show)."""
    have = len(editor.product_ids()) + len(editor.unreadable)
    room = max(0, MAX_PRODUCTS - have)
    new = [p for p in result.products if not p.replaces]
    if len(new) <= room:
        return
    over = {id(p) for p in new[room:]}
    for p in new[room:]:
        result.problems.append(CsvProblem(p.row, "", f"the show would have more than {MAX_PRODUCTS} products "
                                          f"(it has {have})", "import the rest into another show"))
    result.products = [p for p in result.products if id(p) not in over]


# ---- the show's own rules: wording, then the real loader ----

def _check_wording(result: CsvImport, editor: ShowEditor, rows: _Rows) -> None:
    """Names, selling points and link hints against the advertising-law lexicon and the show's lists.

    A blocking finding keeps the row out (the show could not go live with it); a warning is a note.
    """
    from studio.compliance.checker import Checker
    from studio.compliance.describe import describe, rewrite_hint  # the wording `studio check` uses
    from studio.compliance.wordlists import parse_word_lists

    doc = editor.show_doc.unwrap()
    # The show's own list problems are the loader's to report: this reader's are dropped.
    checker = Checker(lists=parse_word_lists(doc.get("compliance"), TomlReader(SHOW_FILE)))
    written = doc.get("language")
    language = written if isinstance(written, str) else "zh-CN"
    kept = []
    for p in result.products:
        blocked = False
        texts = [("name", p.name), *(("selling_points", s) for s in p.selling_points), ("link", p.link or "")]
        for key, text in texts:
            for f in checker.check(text, language) if text else ():
                problem = CsvProblem(p.row, rows.column(key), describe(f, checker), rewrite_hint(f))
                (result.problems if f.blocks else result.notes).append(problem)
                blocked |= f.blocks
        if not blocked:
            kept.append(p)
    result.products = kept


def _check_with_loader(result: CsvImport, root: Path, rundown: str | None, rows: _Rows) -> None:
    """Apply the plan to a scratch editor and load the show as it would be: rows whose product the
    loader refuses become problems, its warnings notes. Errors the show already had are not the
    import's. Repeated until the loader accepts what is left (removing rows cannot add errors to
    the others, so twice is the usual count)."""
    try:
        result.baseline = {_mark(p) for p in ShowEditor(root).validate().errors}
    except EditError as exc:
        _abandon(result, str(exc))
        return
    for _ in range(3):
        if not result.products:
            return
        scratch = ShowEditor(root)
        try:
            result.apply(scratch, rundown)
        except EditError as exc:
            _abandon(result, f"the products cannot be added ({exc})")
            return
        check = scratch.validate()
        files = scratch.product_files()
        row_of = {files[p.id]: p for p in result.products if p.id in files}
        refused: set[int] = set()
        for problem in check.problems:
            product = row_of.get(problem.file)
            if product is None:
                if problem.is_error and _mark(problem) not in result.baseline:
                    _abandon(result, f"the import would break the show: {problem.format()}")
                    return
                continue
            key = problem.key.split("[")[0].split(".")[0]  # "selling_points[2]" → the selling points column
            entry = CsvProblem(product.row, rows.column(key) if key in COLUMN_LABELS else "", problem.message,
                               problem.hint)
            if problem.is_error:
                result.problems.append(entry)
                refused.add(product.row)
            elif problem.key != "pitch":  # every imported product has no pitch yet: said once below
                result.notes.append(entry)
        if not refused:
            if any(not p.replaces for p in result.products):
                result.notes.append(CsvProblem(0, "", "new products have no pitch lines yet: the host shows their "
                                               "card but says nothing about them",
                                               f"write their lines in the console or in {PRODUCTS_DIR}/<id>.toml"))
            return
        result.notes = [n for n in result.notes if n.row not in refused]
        result.products = [p for p in result.products if p.row not in refused]
    _abandon(result, "the show's loader keeps refusing the imported products")


def _mark(problem: Problem) -> tuple[str, str, str]:
    """A problem without its line number: lines move when the import appends to show.toml."""
    return problem.file, problem.key, problem.message


def _abandon(result: CsvImport, message: str) -> None:
    result.problems.append(CsvProblem(0, "", message + "; nothing is imported"))
    result.products = []


def runs(problems: Iterable[CsvProblem]) -> list[tuple[CsvProblem, int]]:
    """Consecutive rows with the same column and message as one (first problem, last row):
    19,500 rows over the product limit are one entry, not 19,500."""
    out: list[tuple[CsvProblem, int]] = []
    for p in problems:
        if out:
            first, last = out[-1]
            if p.row and p.row == last + 1 and (p.column, p.message, p.hint) == (first.column, first.message,
                                                                                 first.hint):
                out[-1] = (first, p.row)
                continue
        out.append((p, p.row))
    return out


def grouped(problems: Iterable[CsvProblem]) -> list[str]:
    """Problems for people, one line per run ("rows 503–20001: the show would have more than …")."""
    lines = []
    for first, last in runs(problems):
        if last == first.row:
            lines.append(first.format())
        else:
            rest = CsvProblem(0, "", first.message, first.hint).format()
            lines.append(f"rows {first.row}–{last}" + (f", {first.column}" if first.column else "") + f": {rest}")
    return lines


__all__ = ["ENCODINGS", "CsvEncodingError", "CsvImport", "CsvProblem", "CsvProduct", "EditError", "decode_csv",
           "grouped", "read_products_csv", "runs", "slug", "sniff_delimiter"]
