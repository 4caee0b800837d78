"""The pitch editor: a product's lines (highlighted and checked), the selected one's text and cues,
and the line commands (add, remove, move, undo, approve wording)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio.compliance.approval import approval_keys, judge
from studio.compliance.checker import Checker
from studio.show.model import CARD_ACTIONS, EXPRESSIONS, GESTURES, Line, Product
from studio.show.templates import TemplateError
from studio.ui.console.draft import EditError, ShowDraft
from studio.ui.console.highlight import APPROVED_COLOR, BLOCK_COLOR, LINE_EDIT_MS, WARN_COLOR, LineEdit

PAUSE_DEFAULT = -0.1  # the pause spin box at its minimum shows "default" (no pause cue)


class PitchEditor(QFrame):
    """The product's pitch: a list of lines, the selected one's text and cues, and line commands."""

    line_selected = Signal(int)
    # made by _command (one action and tool button per line command)
    add_action: QAction
    remove_action: QAction
    moveUp_action: QAction  # noqa: N815 - named after the command's object name
    moveDown_action: QAction  # noqa: N815
    undo_action: QAction
    approve_action: QAction

    def __init__(self, draft: ShowDraft, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panel")
        self.draft = draft
        self.product_id: str | None = None
        self._loading = False
        self._editing_row = -1  # the line the text editor holds
        self.checker = Checker(lists=draft.show.compliance)
        col = QVBoxLayout(self)
        col.setContentsMargins(16, 14, 16, 14)
        col.setSpacing(8)
        head = QHBoxLayout()
        title = QLabel(self.tr("Pitch"))
        title.setObjectName("sectionTitle")
        head.addWidget(title)
        head.addStretch(1)
        legend = QLabel(self.tr("{variable}  {variant|variant}  — red wavy: blocked on air, orange: check "
                                "(skipped on air until approved), green dotted: approved"))
        legend.setObjectName("meta")
        head.addWidget(legend)
        col.addLayout(head)
        self.lines = QListWidget()
        self.lines.setObjectName("lines")
        self.lines.setWordWrap(True)
        self.lines.setAlternatingRowColors(True)
        self.lines.currentRowChanged.connect(self._row_changed)
        col.addWidget(self.lines, 3)
        col.addLayout(self._make_commands())
        self.needs_approval = draft.show.compliance.needs_approval
        self.editor = LineEdit(self.checker, draft.show.language, self.needs_approval)
        self.editor.approvals_enabled = True
        self.editor.approve_requested.connect(self.approve)
        self.editor.setObjectName("lineEditor")
        self.editor.setPlaceholderText(self.tr("Select a line to edit it"))
        self.editor.setEnabled(False)
        col.addWidget(self.editor, 2)
        col.addLayout(self._make_cues())
        self.status = QLabel()
        self.status.setObjectName("meta")
        self.status.setWordWrap(True)  # a refused edit says why at length: it wraps, the window keeps its width
        col.addWidget(self.status)
        self._apply_timer = QTimer(self)
        self._apply_timer.setSingleShot(True)
        self._apply_timer.setInterval(LINE_EDIT_MS)
        self._apply_timer.timeout.connect(self.apply_line)
        self.editor.textChanged.connect(self._apply_timer.start)
        self.editor.textChanged.connect(self._show_findings)
        self._sync_commands()

    # ---- building ----

    def _command(self, name: str, text: str, keys: tuple[str, ...], slot, tip: str) -> QToolButton:
        action = QAction(text, self)
        action.setObjectName(name)
        if keys:
            action.setShortcuts([QKeySequence(k) for k in keys])
            # Only while the pitch editor (the list or the line's text) has the keyboard.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            tip = f"{tip} ({shortcut})"
        action.setToolTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)
        button = QToolButton()
        button.setObjectName(name + "Button")
        button.setDefaultAction(action)
        setattr(self, name + "_action", action)
        return button

    def _make_commands(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(6)
        row.addWidget(self._command("add", self.tr("Add line"), ("Ctrl+Return",), self.add_line,
                                    self.tr("Add a new line after the selected one")))
        row.addWidget(self._command("remove", self.tr("Remove line"), (), self.remove_line,
                                    self.tr("Remove the selected line (Undo puts it back)")))
        row.addWidget(self._command("moveUp", self.tr("Move up"), ("Alt+Up",), lambda: self.move_line(-1),
                                    self.tr("Move the selected line up")))
        row.addWidget(self._command("moveDown", self.tr("Move down"), ("Alt+Down",), lambda: self.move_line(1),
                                    self.tr("Move the selected line down")))
        row.addWidget(self._command("undo", self.tr("Undo"), ("Ctrl+Z",), self.undo,
                                    self.tr("Undo the last add, remove, move, cue change or approval")))
        row.addWidget(self._command("approve", self.tr("Approve wording"), (), lambda: self.approve(),
                                    self.tr("Approve the warning wording of the selected line (全球首发, 首家…) "
                                            "so it airs as written; saved with Save, Undo takes it back")))
        row.addStretch(1)
        # Delete removes the selected line while the list (not the text) has the keyboard.
        delete = QAction(self)
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.remove_line)
        self.lines.addAction(delete)
        return row

    def _combo(self, name: str, none: str, choices: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.addItem(none, None)
        for value, label in choices:
            combo.addItem(label, value)
        return combo

    def _make_cues(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(8)
        expressions = {"neutral": self.tr("Neutral"), "smile": self.tr("Smile"), "excited": self.tr("Excited"),
                       "surprised": self.tr("Surprised"), "thinking": self.tr("Thinking")}
        gestures = {"point": self.tr("Point"), "wave": self.tr("Wave"), "nod": self.tr("Nod"),
                    "present": self.tr("Present")}
        cards = {"show": self.tr("Show card"), "hide": self.tr("Hide card"),
                 "highlight_price": self.tr("Highlight price"), "selling_points": self.tr("Selling points")}
        self.cue_labels = {**expressions, **gestures, **cards}
        self.expression = self._combo("expression", "—", [(v, expressions.get(v, v)) for v in EXPRESSIONS])
        self.gesture = self._combo("gesture", "—", [(v, gestures.get(v, v)) for v in GESTURES])
        self.card = self._combo("card", "—", [(v, cards.get(v, v)) for v in CARD_ACTIONS])
        self.pause = QDoubleSpinBox()
        self.pause.setObjectName("pause")
        # The console style sheet knows QSpinBox, not QDoubleSpinBox: the same look here.
        self.pause.setStyleSheet("QDoubleSpinBox { background: #15181D; border: 1px solid #2F3542; "
                                 "border-radius: 5px; padding: 5px 7px; } "
                                 "QDoubleSpinBox:focus { border-color: #3D8BFD; }")
        self.pause.setRange(PAUSE_DEFAULT, 60.0)
        self.pause.setDecimals(1)
        self.pause.setSingleStep(0.1)
        self.pause.setSuffix(self.tr(" s"))
        self.pause.setSpecialValueText(self.tr("default"))
        self.pause.setToolTip(self.tr("Silence after the line, in seconds (default: the show's pause between lines)"))
        self.language = self._combo("language", self.tr("Show default (%1)").replace("%1", self.draft.show.language),
                                    [("zh-CN", self.tr("Chinese (zh-CN)")), ("en-US", self.tr("English (en-US)"))])
        for label, widget in ((self.tr("Expression"), self.expression), (self.tr("Gesture"), self.gesture),
                              (self.tr("Card"), self.card), (self.tr("Pause after"), self.pause),
                              (self.tr("Language"), self.language)):
            caption = QLabel(label)
            caption.setObjectName("formLabel")
            row.addWidget(caption)
            row.addWidget(widget, 1)
        for key, combo in (("expression", self.expression), ("gesture", self.gesture), ("card", self.card),
                           ("language", self.language)):
            combo.currentIndexChanged.connect(lambda _=0, k=key, c=combo: self._apply_cue(k, c.currentData()))
        self.pause.valueChanged.connect(
            lambda v: self._apply_cue("pause", None if v <= PAUSE_DEFAULT + 1e-9 else round(v, 1)))
        self.cue_widgets = (self.expression, self.gesture, self.card, self.pause, self.language)
        return row

    # ---- loading ----

    @property
    def row(self) -> int:
        return self.lines.currentRow()

    def load(self, product: Product, row: int | None = None) -> None:
        """List the pitch of `product`, keeping the selected row when it is the same product (or `row`)."""
        keep = self.row if product.id == self.product_id else 0
        if row is not None:
            keep = row
        self.apply_line()  # a pending edit goes to the line (and product) it was typed for
        self._editing_row = -1
        self.product_id = product.id
        self.lines.blockSignals(True)
        self.lines.clear()
        language = self.draft.show.language
        for n, line in enumerate(product.pitch, 1):
            item = QListWidgetItem()
            self._decorate(item, n, line, language)
            self.lines.addItem(item)
        self.lines.blockSignals(False)
        if product.pitch:
            self.lines.setCurrentRow(min(max(keep, 0), len(product.pitch) - 1))
            self._row_changed(self.row)
        else:
            self.editor.blockSignals(True)
            self.editor.clear()
            self.editor.blockSignals(False)
            self.editor.setEnabled(False)
            self._load_cues(None)
            self.line_selected.emit(-1)
        self._sync_commands()

    def _decorate(self, item: QListWidgetItem, n: int, line: Line, language: str) -> None:
        """The list entry of a line: its text and cues, coloured by what its wording does on air."""
        verdict = judge(self.checker, line.text, line.language or language, line.approved,
                        policy=self.draft.show.compliance.warnings)
        text = self._item_text(n, line)
        item.setForeground(QBrush())
        item.setToolTip("")
        if verdict.blocked:
            item.setForeground(QColor(BLOCK_COLOR))
            item.setToolTip(self.tr("This line has wording that is blocked on air"))
        elif verdict.unapproved:
            item.setForeground(QColor(WARN_COLOR))
            item.setToolTip(self.tr("Skipped on air until its warning wording is approved: %1")
                            .replace("%1", "、".join(dict.fromkeys(f.term for f in verdict.unapproved))))
        elif verdict.approved:
            text = "✓ " + text
            item.setForeground(QColor(APPROVED_COLOR))
            item.setToolTip(self.tr("Approved wording: %1").replace(
                "%1", "、".join(dict.fromkeys(f.term for f in verdict.approved))))
        item.setText(text)

    def _redecorate(self, row: int) -> None:
        item = self.lines.item(row)
        if item is not None and self.product_id is not None:
            line = self.draft.product(self.product_id).pitch[row]
            self._decorate(item, row + 1, line, self.draft.show.language)

    def _item_text(self, n: int, line: Line) -> str:
        cues = [self.cue_labels.get(c, c) for c in (line.expression, line.gesture, line.card) if c]
        if line.pause_after is not None:
            cues.append(f"{line.pause_after:g}s")
        if line.language:
            cues.append(line.language)
        return f"{n}.  {line.text}" + (f"    [{' · '.join(cues)}]" if cues else "")

    def _row_changed(self, row: int) -> None:
        if self.product_id is None or row < 0:
            return
        self.apply_line()  # a pending edit goes to the line it was typed for
        pitch = self.draft.product(self.product_id).pitch
        if row >= len(pitch):
            return
        line = pitch[row]
        self.editor.setEnabled(True)
        self.editor.highlighter.language = line.language or self.draft.show.language
        self.editor.highlighter.approved = approval_keys(line.approved)  # set before the text is drawn
        self.editor.blockSignals(True)
        self.editor.setPlainText(line.text)
        self.editor.blockSignals(False)
        self._editing_row = row
        self._load_cues(line)
        self._show_findings()
        self._sync_commands()
        self.line_selected.emit(row)

    def _load_cues(self, line: Line | None) -> None:
        self._loading = True
        try:
            for key, combo in (("expression", self.expression), ("gesture", self.gesture), ("card", self.card),
                               ("language", self.language)):
                value = getattr(line, key) if line is not None else None
                index = combo.findData(value)
                if index < 0:  # a value this console has no label for (a language such as en-GB)
                    combo.addItem(str(value), value)
                    index = combo.count() - 1
                combo.setCurrentIndex(index)
            pause = line.pause_after if line is not None else None
            self.pause.setValue(PAUSE_DEFAULT if pause is None else pause)
            for w in self.cue_widgets:
                w.setEnabled(line is not None)
        finally:
            self._loading = False

    def _sync_commands(self) -> None:
        if not hasattr(self, "add_action"):
            return
        size = len(self.draft.product(self.product_id).pitch) if self.product_id else 0
        row = self.row
        self.add_action.setEnabled(self.product_id is not None)
        self.remove_action.setEnabled(0 <= row < size)
        self.moveUp_action.setEnabled(0 < row < size)
        self.moveDown_action.setEnabled(0 <= row < size - 1)
        self.undo_action.setEnabled(self.draft.can_undo)
        self.approve_action.setEnabled(0 <= row < size and bool(self.editor.approvable_terms()))

    def _reload(self, row: int) -> None:
        assert self.product_id is not None
        self._editing_row = -1
        self.load(self.draft.product(self.product_id), row)

    # ---- editing ----

    def apply_line(self) -> None:
        """Parse the edited text and put it in the draft (a template error is shown, not applied)."""
        self._apply_timer.stop()
        row = self._editing_row
        if self.product_id is None or row < 0 or not self.editor.isEnabled():
            return
        pitch = self.draft.product(self.product_id).pitch
        if row >= len(pitch):
            return
        text = self.editor.toPlainText().replace("\n", " ")
        if text == pitch[row].text:
            return
        try:
            self.draft.set_line(self.product_id, row, text)
        except TemplateError as exc:
            self.status.setText(self.tr("Not applied — column %1: %2").replace("%1", str(exc.column))
                                .replace("%2", exc.message))
            return
        except EditError as exc:  # e.g. {saving} in a product without an original price
            self._refused(exc)
            return
        self._redecorate(row)

    def _apply_cue(self, key: str, value: object) -> None:
        if self._loading or self.product_id is None or self.row < 0:
            return
        self.apply_line()
        row = self.row
        pid = self.product_id  # narrowed for the lambda
        if not self._try(lambda: self.draft.set_cues(pid, row, **{key: value})):
            self._load_cues(self.draft.product(self.product_id).pitch[row])  # back to what the line has
            return
        line = self.draft.product(self.product_id).pitch[row]
        self._redecorate(row)
        if key == "language":
            self.editor.highlighter.set_language(line.language or self.draft.show.language)
            self._show_findings()
        self._sync_commands()
        self.line_selected.emit(row)  # the preview shows the line with its new cues

    def add_line(self) -> None:
        """Add a new line after the selected one (at the end when none is selected) and edit it."""
        if self.product_id is None:
            return
        self.apply_line()
        size = len(self.draft.product(self.product_id).pitch)
        index = self.row + 1 if 0 <= self.row < size else size
        pid = self.product_id  # narrowed for the lambda
        if not self._try(lambda: self.draft.insert_line(pid, index, self.tr("New line"))):
            return
        self._reload(index)
        self.editor.setFocus()
        self.editor.selectAll()  # typing replaces the placeholder text
        self.status.setText(self.tr("Line %1 added").replace("%1", str(index + 1)))

    def remove_line(self) -> None:
        """Remove the selected line; Undo (Ctrl+Z) puts it back."""
        if self.product_id is None or self.row < 0:
            return
        self.apply_line()
        row = self.row
        pid = self.product_id  # narrowed for the lambda
        if not self._try(lambda: self.draft.remove_line(pid, row)):
            return
        size = len(self.draft.product(self.product_id).pitch)
        self._reload(min(row, size - 1) if size else 0)
        self.status.setText(self.tr("Line %1 removed — Undo (Ctrl+Z) puts it back").replace("%1", str(row + 1)))

    def move_line(self, step: int) -> None:
        """Move the selected line up (-1) or down (+1)."""
        if self.product_id is None or self.row < 0:
            return
        self.apply_line()
        src = self.row
        dst = src + step
        if not 0 <= dst < len(self.draft.product(self.product_id).pitch):
            return
        pid = self.product_id  # narrowed for the lambda
        if self._try(lambda: self.draft.move_line(pid, src, dst)):
            self._reload(dst)

    def approve(self, terms: tuple[str, ...] | None = None) -> None:
        """Approve wording: the warning terms of the selected line (or `terms`) air as written.

        Kept in the draft like every edit (Save writes `approved = [...]` into the line's table;
        Undo takes it back). Blocked terms are never approved.
        """
        if self.product_id is None or self.row < 0:
            return
        self.apply_line()
        row = self.row
        wanted = terms if terms is not None else self.editor.approvable_terms()
        wanted = tuple(t for t in wanted if t in self.editor.approvable_terms())
        if not wanted:
            return
        line = self.draft.product(self.product_id).pitch[row]
        terms = line.approved + tuple(t for t in wanted if t not in line.approved)
        pid = self.product_id  # narrowed for the lambda
        if not self._try(lambda: self.draft.approve_line(pid, row, terms)):
            return
        approved = self.draft.product(self.product_id).pitch[row].approved
        self.editor.highlighter.set_approved(approved)
        self._redecorate(row)
        self._show_findings()
        self._sync_commands()
        self.status.setText(self.tr("Approved: %1 — it airs as written once saved; Undo (Ctrl+Z) takes it back")
                            .replace("%1", "、".join(wanted)))

    def undo(self) -> None:
        """Undo the last add, remove, move, cue change or approval (text has its own undo while you type)."""
        self.apply_line()
        try:
            where = self.draft.undo()
        except EditError as exc:
            self._refused(exc)
            return
        if where is None:
            return
        product_id, row = where
        if product_id == self.product_id:
            self._reload(row)
        self._sync_commands()
        self.status.setText(self.tr("Undone"))

    def _try(self, edit: Callable[[], object]) -> bool:
        """Make `edit`; False (and why, in the status line) when the draft refused it."""
        try:
            edit()
        except EditError as exc:
            self._refused(exc)
            return False
        return True

    def _refused(self, exc: EditError) -> None:
        self.status.setText(self.tr("Not applied — %1").replace("%1", str(exc)))

    def _show_findings(self) -> None:
        found = self.editor.highlighter.underlines
        blocked = sum(1 for u in found if u.finding.blocks)
        approved = sum(1 for u in found if u.approved)
        gated = sum(1 for u in found if u.gated)
        if hasattr(self, "approve_action"):
            self.approve_action.setEnabled(self.row >= 0 and any(u.approvable for u in found))
        if not found:
            self.status.setText(self.tr("No compliance findings"))
        elif self.needs_approval:
            self.status.setText(self.tr("%1 blocked, %2 skipped on air until approved, %3 approved — hover an "
                                        "underline for the law, right-click a warning to approve it")
                                .replace("%1", str(blocked)).replace("%2", str(gated)).replace("%3", str(approved)))
        else:
            self.status.setText(self.tr("%1 blocked, %2 to check — hover an underline for the law and a rewrite")
                                .replace("%1", str(blocked)).replace("%2", str(len(found) - blocked)))
