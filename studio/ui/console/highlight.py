"""Pitch-line highlighting: `{variables}`, `{a|b}` variants, and compliance findings underlined
(red wavy: blocked; orange: a warning, skipped on air until approved; green dotted: approved)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QHelpEvent,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QToolTip

from studio.compliance.approval import approval_keys, is_approved
from studio.compliance.checker import Checker, Finding

VARIABLE_COLOR = "#74C0FC"
VARIANT_COLOR = "#C9A2F5"
BLOCK_COLOR = "#FF4D5A"
WARN_COLOR = "#F59F00"
APPROVED_COLOR = "#51CF66"
LINE_EDIT_MS = 250  # a line typed in a LineEdit is parsed and applied after this much quiet typing
# A brace group without nested braces: `{name}` is a variable, `{a|b}` a set of variants.
_GROUP = re.compile(r"(?<!\{)\{([^{}]*)\}(?!\})")
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


@dataclass(frozen=True)
class Underline:
    """One compliance finding as the editor draws it (spans index the line's text)."""

    start: int
    end: int
    finding: Finding
    approved: bool = False  # a warning the operator approved for this line: it airs
    gated: bool = False  # a warning nobody approved, on a show that skips such lines on air

    @property
    def approvable(self) -> bool:
        """True for a warning the Approve wording action can approve."""
        return not self.finding.blocks and not self.approved


def finding_tooltip(finding: Finding, approved: bool = False, gated: bool = False) -> str:
    """The category, legal basis and suggested rewrite of a finding, as rich text."""
    if finding.blocks:
        level = QCoreApplication.translate("PitchHighlighter", "Blocked on air")
    elif approved:
        level = QCoreApplication.translate("PitchHighlighter", "Approved wording: airs as written")
    elif gated:
        level = QCoreApplication.translate(
            "PitchHighlighter", "Warning — skipped on air until approved (right-click: Approve wording)")
    else:
        level = QCoreApplication.translate("PitchHighlighter", "Warning")
    basis = QCoreApplication.translate("PitchHighlighter", "Legal basis")
    rewrite = QCoreApplication.translate("PitchHighlighter", "Suggested rewrite")
    parts = [f"<b>{level}: {finding.matched_text}</b> ({finding.category})", f"{basis}: {finding.basis}"]
    if finding.rewrite:
        parts.append(f"{rewrite}: {finding.rewrite}")
    return "<br>".join(parts)


class PitchHighlighter(QSyntaxHighlighter):
    """Colours template syntax and underlines risky wording (red wavy: blocked; orange: a warning;
    green dotted: a warning approved for this line)."""

    def __init__(self, document: QTextDocument, checker: Checker, language: str,
                 needs_approval: bool = True) -> None:
        super().__init__(document)
        self.checker = checker
        self.language = language
        self.needs_approval = needs_approval  # the show's [compliance] warnings = "approve"
        self.approved: frozenset[str] = frozenset()  # folded terms approved for the line shown
        self.underlines: list[Underline] = []  # of the document's text, for tooltips and tests

    def set_language(self, language: str) -> None:
        self.language = language
        self.rehighlight()

    def set_approved(self, approved: tuple[str, ...]) -> None:
        """The terms approved for the line being edited (its `approved = [...]`)."""
        keys = approval_keys(approved)
        if keys != self.approved:
            self.approved = keys
            self.rehighlight()

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt naming)
        var_fmt = QTextCharFormat()
        var_fmt.setForeground(QColor(VARIABLE_COLOR))
        var_fmt.setFontWeight(600)
        variant_fmt = QTextCharFormat()
        variant_fmt.setForeground(QColor(VARIANT_COLOR))
        for m in _GROUP.finditer(text):
            inner = m.group(1).strip()
            fmt = var_fmt if _IDENT.match(inner) else variant_fmt
            self.setFormat(m.start(), m.end() - m.start(), fmt)
        offset = self.currentBlock().position()
        if offset == 0:
            self.underlines = []
        for finding in self.checker.check(text, self.language):
            approved = not finding.blocks and is_approved(finding, self.approved)
            gated = not finding.blocks and not approved and self.needs_approval
            # Merge with the syntax colour already set so a finding inside `{a|b}` keeps its colour.
            fmt = QTextCharFormat(self.format(finding.start))
            style = QTextCharFormat.UnderlineStyle
            if finding.blocks:
                fmt.setUnderlineStyle(style.WaveUnderline)
                fmt.setUnderlineColor(QColor(BLOCK_COLOR))
            elif approved:
                fmt.setUnderlineStyle(style.DotLine)
                fmt.setUnderlineColor(QColor(APPROVED_COLOR))
            else:
                fmt.setUnderlineStyle(style.SingleUnderline)
                fmt.setUnderlineColor(QColor(WARN_COLOR))
            fmt.setToolTip(finding_tooltip(finding, approved, gated))
            self.setFormat(finding.start, finding.end - finding.start, fmt)
            self.underlines.append(Underline(offset + finding.start, offset + finding.end, finding,
                                             approved, gated))


class LineEdit(QPlainTextEdit):
    """The editor for one pitch line: highlighted, with finding tooltips under the mouse and
    "Approve wording" in the context menu of a warning."""

    approve_requested = Signal(tuple)  # the terms to approve (a warning under the mouse, or all)

    def __init__(self, checker: Checker, language: str, needs_approval: bool = True) -> None:
        super().__init__()
        self.highlighter = PitchHighlighter(self.document(), checker, language, needs_approval)
        self.approvals_enabled = False  # the pitch editor turns the action on (it can save approvals)
        self.viewport().installEventFilter(self)

    def underline_at(self, position: int) -> Underline | None:
        """The finding under a text position, if any."""
        for u in self.highlighter.underlines:
            if u.start <= position <= u.end:
                return u
        return None

    def approvable_terms(self, position: int | None = None) -> tuple[str, ...]:
        """Warning terms Approve wording would approve: the one at `position`, else every one."""
        found = self.highlighter.underlines
        if position is not None:
            under = self.underline_at(position)
            found = [under] if under is not None else []
        return tuple(dict.fromkeys(u.finding.term for u in found if u.approvable))

    def context_menu(self, pos: QPoint) -> QMenu:
        """The editor's context menu at viewport position `pos`: Approve wording first, over a warning."""
        menu = self.createStandardContextMenu(pos)
        terms = self.approvable_terms(self.cursorForPosition(pos).position())
        if self.approvals_enabled and terms:
            first = menu.actions()[0] if menu.actions() else None
            action = QAction(self.tr("Approve wording: %1").replace("%1", "、".join(terms)), menu)
            action.setObjectName("approveWordingHere")
            action.triggered.connect(lambda: self.approve_requested.emit(terms))
            menu.insertAction(first, action)
            menu.insertSeparator(first)
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 (Qt naming)
        self.context_menu(event.pos()).exec(event.globalPos())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        # QSyntaxHighlighter formats carry no tooltips of their own: look up the finding under the mouse.
        if watched is self.viewport() and event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            under = self.underline_at(self.cursorForPosition(event.pos()).position())
            if under is not None:
                QToolTip.showText(event.globalPos(), finding_tooltip(under.finding, under.approved, under.gated),
                                  self.viewport())
                return True
            QToolTip.hideText()
            return True
        return super().eventFilter(watched, event)
