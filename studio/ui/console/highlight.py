"""Pitch-line highlighting: `{variables}`, `{a|b}` variants, and compliance findings underlined."""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QColor, QHelpEvent, QSyntaxHighlighter, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit, QToolTip

from studio.compliance.checker import Checker, Finding

VARIABLE_COLOR = "#74C0FC"
VARIANT_COLOR = "#C9A2F5"
BLOCK_COLOR = "#FF4D5A"
WARN_COLOR = "#F59F00"
# A brace group without nested braces: `{name}` is a variable, `{a|b}` a set of variants.
_GROUP = re.compile(r"(?<!\{)\{([^{}]*)\}(?!\})")
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


@dataclass(frozen=True)
class Underline:
    """One compliance finding as the editor draws it (spans index the line's text)."""

    start: int
    end: int
    finding: Finding


def finding_tooltip(finding: Finding) -> str:
    """The category, legal basis and suggested rewrite of a finding, as rich text."""
    if finding.blocks:
        level = QCoreApplication.translate("PitchHighlighter", "Blocked on air")
    else:
        level = QCoreApplication.translate("PitchHighlighter", "Warning")
    basis = QCoreApplication.translate("PitchHighlighter", "Legal basis")
    rewrite = QCoreApplication.translate("PitchHighlighter", "Suggested rewrite")
    parts = [f"<b>{level}: {finding.matched_text}</b> ({finding.category})", f"{basis}: {finding.basis}"]
    if finding.rewrite:
        parts.append(f"{rewrite}: {finding.rewrite}")
    return "<br>".join(parts)


class PitchHighlighter(QSyntaxHighlighter):
    """Colours template syntax and underlines risky wording (red wavy: blocked; orange: warning)."""

    def __init__(self, document: QTextDocument, checker: Checker, language: str) -> None:
        super().__init__(document)
        self.checker = checker
        self.language = language
        self.underlines: list[Underline] = []  # of the document's text, for tooltips and tests

    def set_language(self, language: str) -> None:
        self.language = language
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
            # Merge with the syntax colour already set so a finding inside `{a|b}` keeps its colour.
            fmt = QTextCharFormat(self.format(finding.start))
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline if finding.blocks
                                  else QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(QColor(BLOCK_COLOR if finding.blocks else WARN_COLOR))
            fmt.setToolTip(finding_tooltip(finding))
            self.setFormat(finding.start, finding.end - finding.start, fmt)
            self.underlines.append(Underline(offset + finding.start, offset + finding.end, finding))


class LineEdit(QPlainTextEdit):
    """The editor for one pitch line: highlighted, with finding tooltips under the mouse."""

    def __init__(self, checker: Checker, language: str) -> None:
        super().__init__()
        self.highlighter = PitchHighlighter(self.document(), checker, language)
        self.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        # QSyntaxHighlighter formats carry no tooltips of their own: look up the finding under the mouse.
        if watched is self.viewport() and event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            pos = self.cursorForPosition(event.pos()).position()
            for u in self.highlighter.underlines:
                if u.start <= pos <= u.end:
                    QToolTip.showText(event.globalPos(), finding_tooltip(u.finding), self.viewport())
                    return True
            QToolTip.hideText()
            return True
        return super().eventFilter(watched, event)
