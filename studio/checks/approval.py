"""Approved wording on air: the verdict on a line of a show, and why a held line does not air.

studio.compliance.approval sorts a text's findings by the approvals given; this applies it to a
show's lines: the line's own approvals, and the product's for terms inside its name or link,
which lines speak through {name} and {link}. The runner, the chat inbox and the console use it.
"""

from __future__ import annotations

from studio.compliance.approval import UNAPPROVED, Field, Verdict, judge
from studio.compliance.checker import Checker, Finding
from studio.show.model import Line, Product, Show


def product_fields(product: Product | None) -> tuple[Field, ...]:
    """The product's values that lines speak through variables, with the product's approvals."""
    if product is None:
        return ()
    return ((product.name, product.approved), (product.link, product.approved))


def product_of(show: Show, product_id: str | None) -> Product | None:
    """The product a line belongs to, or None (a filler or one-off line, or a product that left
    the show in a hot reload: its lines still carry their own approvals)."""
    if product_id is None:
        return None
    try:
        return show.product(product_id)
    except KeyError:
        return None


def line_verdict(checker: Checker, show: Show, line: Line, text: str, language: str,
                 product_id: str | None) -> Verdict:
    """The verdict on `text`, a rendering of `line` (of product `product_id`, or of none)."""
    return judge(checker, text, language, line.approved, policy=show.compliance.warnings,
                 fields=product_fields(product_of(show, product_id)))


def _said(f: Finding) -> str:
    return f.term if f.matched_text == f.term else f"{f.matched_text} ('{f.term}')"


def where_to_approve(line: Line) -> str:
    """How the operator lets a term of `line` air: the console, or the file and line to edit."""
    if not line.source.file:  # typed in on air (a one-off line): there is nothing to approve
        return 'reword it, or set warnings = "allow" under [compliance] in show.toml'
    return f"approve it in the console or in {line.source}"


def hold_reasons(verdict: Verdict, line: Line, product: Product | None = None) -> list[str]:
    """Why the line does not air, one sentence per finding, for the as-run log and the console."""
    out = [f"'{f.matched_text}' ({f.category}; {f.basis})" for f in verdict.blocked]
    for f in verdict.unapproved:
        out.append(f"{UNAPPROVED}: {_said(f)} ({f.category}) — {where_to_approve(line)}")
    for f in verdict.unapproved_fields:
        file = product.source.file if product is not None else "the product's file"
        out.append(f"{UNAPPROVED}: {_said(f)} ({f.category}) in the product's name or link — "
                   f'approve it with approved = ["{f.term}"] at the top of {file}')
    return out


__all__ = ["hold_reasons", "line_verdict", "product_fields", "product_of", "where_to_approve"]
