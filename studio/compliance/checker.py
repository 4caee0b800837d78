"""The checker: finds lexicon terms in a line, however disguised, and says where they are.

`Checker(lexicon, lists).check(text, language)` returns `Finding`s whose spans index the original
text. Most lines contain nothing, so the common path is three C-speed steps: fold the text with one
translate table, search it with one regular expression shaped as a trie (so `re` skips positions
whose character starts no term), and, for Chinese, search the line's sound key the same way. Only
a line with a candidate takes the slower path that maps offsets back, applies context exemptions,
word boundaries and the homophone rules, and builds findings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from studio.compliance.lexicon import Basis, Level, Lexicon, Term, load_lexicon
from studio.compliance.normalize import fold_table, fold_with_offsets
from studio.compliance.phonetic import Phonetics, common_words, phonetics
from studio.compliance.wordlists import (
    CUSTOM_CATEGORY,
    SHOW_DENY_BASIS,
    DenyTerm,
    ShowWordLists,
)

SHOW_SOURCE = "show.toml"
CONTEXT_WINDOW = 24  # folded characters an exemption phrase may reach before the term it exempts
_DECIMAL = re.compile(r"\d\s*[.,]\s*\d")
_LATIN = re.compile("[a-z]")
# A tone number typed after pinyin ("zui4jia1", "zui5"): ignored when matching by sound.
_TONE_DIGIT = re.compile("(?<=[a-z])[0-5]")
MIN_SYLLABLES_FOR_LONE_VOWEL = 3  # "最an全" is 最安全; "防AI" is no 防癌 (see _sound_form)
_VOWEL_LETTERS = frozenset("aeiouv")
MAX_SYLLABLE_LETTERS = 6  # "zhuang", "chuang", "shuang"
_CHINESE_LANGUAGES = ("zh", "cmn", "yue", "wuu")
_Trie = dict[str, "_Trie"]


class MatchForm(str, Enum):
    """How the term was written: as is, disguised by width/case/spacing/traditional forms, in pinyin, or by sound."""

    EXACT = "exact"
    DISGUISED = "disguised"
    PINYIN = "pinyin"
    HOMOPHONE = "homophone"


@dataclass(frozen=True)
class Finding:
    """A risky term found in a line; `start`/`end` index the original text, so it can be underlined."""

    start: int
    end: int
    matched_text: str  # text[start:end], as the operator wrote it ("最 佳", "zui佳")
    term: str  # the lexicon term it stands for ("最佳")
    category: str  # category id, e.g. "absolute"
    severity: Level
    basis: str  # citation and penalty, e.g. 《广告法》第九条第（三）项；第五十七条…
    rewrite: str  # a suggested rewrite, or ""
    form: MatchForm = MatchForm.EXACT
    basis_id: str = ""

    @property
    def blocks(self) -> bool:
        """True when the line must not be spoken as it is."""
        return self.severity is Level.BLOCK


def is_chinese(language: str) -> bool:
    """True for language tags whose lines are checked for pinyin and homophone evasions too."""
    return language.strip().lower().split("-")[0] in _CHINESE_LANGUAGES


def trie_pattern(words: Iterable[str]) -> str:
    """A regular expression matching any of `words`, shaped as a trie: longest match at each start.

    `re` cannot pick among hundreds of plain alternatives quickly, but it skips positions whose
    character starts no alternative when every branch begins with a literal, as a trie's do.
    """
    root: _Trie = {}
    end = ""  # a key no character equals: marks "a word ends here"
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[end] = {}

    def emit(node: _Trie) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch != end]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end in node:
            # Greedy: try the longer word first, fall back to the word ending here.
            return "(?:" + body + ")?"
        return body

    return emit(root)


def _context_regex(literals: Iterable[str], patterns: Iterable[str]) -> re.Pattern[str] | None:
    """Overlapping search for exemption contexts: literal phrases longest first, then patterns."""
    parts = [re.escape(x) for x in sorted(set(literals), key=len, reverse=True) if x]
    parts += [f"(?:{p})" for p in patterns]
    if not parts:
        return None
    return re.compile("(?=(" + "|".join(parts) + "))")


def _covered(rx: re.Pattern[str] | None, text: str, start: int, end: int) -> bool:
    """True when a context match of `rx` covers [start, end) of `text`."""
    if rx is None:
        return False
    for m in rx.finditer(text, max(0, start - CONTEXT_WINDOW), min(len(text), end + CONTEXT_WINDOW)):
        if m.start(1) > start:
            return False
        if m.end(1) >= end:
            return True
    return False


@dataclass(frozen=True)
class _Compiled:
    """A term prepared for matching."""

    term: Term
    folded: str
    latin_start: bool  # begins with an ASCII letter or digit: needs a word boundary before it
    latin_end: bool
    has_digit: bool
    order: int  # lexicon order, so ties are broken the same way every time
    contexts: re.Pattern[str] | None  # exemption contexts over folded text


@dataclass(frozen=True)
class _Candidate:
    start: int  # folded offsets
    end: int
    compiled: _Compiled
    form: MatchForm


def _deny_to_term(entry: DenyTerm, lexicon: Lexicon) -> Term:
    """A show's deny entry as a term; re-rating a lexicon term keeps that term's exemptions."""
    catalog = lexicon.catalog
    if entry.basis in catalog.bases:
        basis = catalog.bases[entry.basis]
    elif entry.basis:
        basis = Basis("show", entry.basis, entry.basis)
    else:
        basis = catalog.bases[SHOW_DENY_BASIS]
    category = entry.category if entry.category in catalog.categories else CUSTOM_CATEGORY
    table = fold_table()
    folded = entry.term.translate(table)
    same = next((t for t in lexicon.terms if t.text.translate(table) == folded), None)
    if same is None:
        return Term(entry.term, category, entry.severity, basis, entry.rewrite, source=SHOW_SOURCE)
    return Term(entry.term, category, entry.severity, basis, entry.rewrite or same.rewrite,
                same.unless, same.unless_re, same.homophones, SHOW_SOURCE, same.homophone_guard)


def strip_tones(folded: str) -> tuple[str, list[int] | None]:
    """`folded` without tone numbers after pinyin ("zui4jia1" → "zuijia"), and for each remaining
    character its index in `folded` (None when nothing was stripped, the common case)."""
    if _LATIN.search(folded) is None or _TONE_DIGIT.search(folded) is None:
        return folded, None
    kept = [i for i in range(len(folded)) if not _TONE_DIGIT.match(folded, i)]
    return "".join(folded[i] for i in kept), kept


def _ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


class _SoundNode:
    """A node of the syllable trie: children by syllable, and the terms that end here."""

    __slots__ = ("children", "ends", "spelled")

    def __init__(self) -> None:
        self.children: dict[str, _SoundNode] = {}
        self.ends: list[tuple[_Compiled, tuple[tuple[str, ...], ...]]] = []
        # code or letters → (child, letters used: 0 for a code), for walking a matched key
        self.spelled: dict[str, tuple[_SoundNode, int]] = {}

    def child(self, syllable: str, ph: Phonetics) -> _SoundNode:
        node = self.children.get(syllable)
        if node is None:
            node = self.children[syllable] = _SoundNode()
            self.spelled[ph.codes[syllable]] = (node, 0)
            for spelled in ph.spellings(syllable):
                self.spelled[spelled] = (node, len(spelled))
        return node


def _sound_pattern(node: _SoundNode, ph: Phonetics, letters: bool, top: bool = True) -> str:
    """A regex for the syllable trie: each syllable as its code or (with `letters`) in pinyin.

    At the top each spelling is its own branch, so every branch starts with a literal and `re`
    can skip positions that start no term; deeper down a group per syllable keeps it small.
    """
    branches = []
    for syllable, child in sorted(node.children.items()):
        spellings = [re.escape(ph.codes[syllable])]
        if letters:
            spellings += [re.escape(x) for x in ph.spellings(syllable)]
        rest = _sound_pattern(child, ph, letters, top=False)
        if top:
            branches += [sp + rest for sp in spellings]
        else:
            head = spellings[0] if len(spellings) == 1 else "(?:" + "|".join(spellings) + ")"
            branches.append(head + rest)
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return "(?:" + body + ")?" if node.ends and not top else body


class _Index:
    """Terms compiled for search: folded spellings, a syllable trie, and the regexes over them."""

    def __init__(self, terms: tuple[Term, ...], first_order: int) -> None:
        table = fold_table()
        ph = phonetics()
        context_cache: dict[tuple[tuple[str, ...], tuple[str, ...]], re.Pattern[str] | None] = {}
        self.exact: dict[str, _Compiled] = {}
        self.sound = _SoundNode()
        homophones = _SoundNode()  # the same, for terms that opt in to same-sound matching
        for order, term in enumerate(terms, start=first_order):
            folded = term.text.translate(table)
            if not folded or folded in self.exact:
                continue  # nothing to match, or another spelling of a listed term (first reports)
            ck = (term.unless, term.unless_re)
            if ck not in context_cache:
                context_cache[ck] = _context_regex([u.translate(table) for u in term.unless], term.unless_re)
            compiled = _Compiled(
                term, folded, _ascii_alnum(folded[0]), _ascii_alnum(folded[-1]),
                any(c.isdigit() for c in folded), order, context_cache[ck],
            )
            self.exact[folded] = compiled
            if len(folded) < 2:
                continue  # one syllable in pinyin is too common a coincidence
            for syllables, toned in ph.term_syllables(folded):
                for root in (self.sound, homophones) if term.homophones else (self.sound,):
                    node = root
                    for syllable in syllables:
                        node = node.child(syllable, ph)
                    node.ends.append((compiled, toned))
        self.exact_rx = _trie_regex(frozenset(self.exact))
        self.exact_prefixes = _prefixes(frozenset(self.exact))
        self.sound_rx = re.compile(_sound_pattern(self.sound, ph, True)) if self.sound.children else None
        # Without Latin letters only same-sound spellings remain possible, and those keep at
        # least one character of a homophone-enabled term: a cheap gate for most lines.
        self.homophone_rx = (re.compile(_sound_pattern(homophones, ph, False))
                             if homophones.children else None)
        kept_chars = {ch for c in self.exact.values() if c.term.homophones for ch in c.folded}
        self.homophone_gate = (re.compile("[" + "".join(re.escape(ch) for ch in sorted(kept_chars)) + "]")
                               if kept_chars else None)

    def may_match(self, folded: str, chinese: bool, ph: Phonetics) -> bool:
        """The fast path: False when no term can be in the line, in any spelling."""
        if self.exact_rx is not None and self.exact_rx.search(folded) is not None:
            return True
        return chinese and self.sound_possible(strip_tones(folded)[0], ph)

    def sound_possible(self, folded: str, ph: Phonetics) -> bool:
        """True when the line (tone numbers stripped) may hold a term in pinyin or same-sound characters."""
        if _LATIN.search(folded) is not None:
            return self.sound_rx is not None and self.sound_rx.search(ph.key(folded)) is not None
        if self.homophone_gate is None or self.homophone_gate.search(folded) is None:
            return False
        assert self.homophone_rx is not None
        return self.homophone_rx.search(ph.key(folded)) is not None


@lru_cache(maxsize=4)
def _base_index(terms: tuple[Term, ...]) -> _Index:
    """The lexicon's index, built once per process and shared by every show's Checker."""
    return _Index(terms, 0)


class Checker:
    """Checks lines against the lexicon plus a show's deny list, minus its allow list."""

    def __init__(self, lexicon: Lexicon | None = None, lists: ShowWordLists | None = None) -> None:
        base = lexicon if lexicon is not None else load_lexicon()
        lists = lists if lists is not None else ShowWordLists()
        self._table = fold_table()
        self._ph: Phonetics = phonetics()
        table = self._table
        deny = tuple(_deny_to_term(d, base) for d in lists.deny)
        self.lexicon = base.with_terms(deny)

        allowed = {a.translate(table) for a in lists.allow}
        allowed.discard("")
        self._allow = _context_regex(allowed, ())
        # The lexicon's index is shared; the show's deny terms get a small index of their own,
        # searched after it, and base terms that the show allows or re-rates are skipped.
        self._layers: list[_Index] = [_base_index(base.terms)]
        denied = {t.text.translate(table) for t in deny}
        if deny:
            self._layers.append(_Index(deny, len(base.terms)))
        self._skip_base = frozenset(allowed | denied)

    # ---- the public API ----

    def check(self, text: str, language: str = "zh-CN") -> list[Finding]:
        """Every risky term in `text`, in reading order. `language` is the line's BCP 47 tag."""
        folded = text.translate(self._table)
        chinese = is_chinese(language)
        for index in self._layers:
            if index.may_match(folded, chinese, self._ph):
                return self._findings(text, folded, chinese)
        return []

    def blocking(self, text: str, language: str = "zh-CN") -> list[Finding]:
        """The findings that forbid speaking `text` as it is (severity block)."""
        return [f for f in self.check(text, language) if f.blocks]

    # ---- the slow path: only lines with a candidate get here ----

    def _findings(self, text: str, folded: str, chinese: bool) -> list[Finding]:
        folded, origin = fold_with_offsets(text, folded)
        candidates: list[_Candidate] = []
        # Sound matching reads the line with tone numbers stripped; its candidates are mapped back.
        sfolded, kept = strip_tones(folded) if chinese else (folded, None)
        sorigin = origin if kept is None else [origin[i] for i in kept]
        for n, index in enumerate(self._layers):
            skip = self._skip_base if n == 0 else frozenset()
            candidates += self._exact_candidates(index, skip, text, folded, origin)
            if chinese and index.sound_possible(sfolded, self._ph):
                found = self._sound_candidates(index, skip, sfolded, sorigin)
                if kept is not None:
                    found = [_Candidate(kept[c.start], kept[c.end - 1] + 1, c.compiled, c.form) for c in found]
                candidates += found
        if not candidates:
            return []
        chosen: list[_Candidate] = []
        rank = {Level.BLOCK: 0, Level.WARN: 1}
        for c in sorted(candidates, key=lambda c: (c.start, c.start - c.end, c.compiled.order)):
            sev = rank[c.compiled.term.severity]
            if any(k.start <= c.start and c.end <= k.end and rank[k.compiled.term.severity] <= sev
                   for k in chosen):
                continue  # inside a longer finding that is at least as severe ("最低" in "全网最低价")
            chosen.append(c)
        # Overlapping findings are one phrase ("全网最" + "最佳" in "全网最佳"): report it once,
        # spanning both, as the more severe term, else the later (more specific) one.
        groups: list[tuple[int, int, _Candidate]] = []
        for c in chosen:
            if groups and c.start < groups[-1][1]:
                s, e, best = groups[-1]
                if rank[c.compiled.term.severity] <= rank[best.compiled.term.severity]:
                    best = c
                groups[-1] = (s, max(e, c.end), best)
            else:
                groups.append((c.start, c.end, c))
        out = []
        for s, e, c in groups:
            start, end = origin[s], origin[e - 1] + 1
            term = c.compiled.term
            matched = text[start:end]
            form = c.form
            own = text[origin[c.start]:origin[c.end - 1] + 1]  # the term's own part of a merged span
            if form is MatchForm.DISGUISED and own.casefold() == term.text.casefold():
                form = MatchForm.EXACT
            out.append(Finding(start, end, matched, term.text, term.category, term.severity,
                               term.basis.text, term.rewrite, form, term.basis.id))
        return out

    def _exact_candidates(self, index: _Index, skip: frozenset[str], text: str, folded: str,
                          origin: list[int]) -> list[_Candidate]:
        out: list[_Candidate] = []
        rx = index.exact_rx
        if rx is None:
            return out
        pos = 0
        while (m := rx.search(folded, pos)) is not None:
            s = m.start()
            longest = m.group()
            for key in (longest, *index.exact_prefixes.get(longest, ())):
                if key in skip:
                    continue
                c = index.exact[key]
                e = s + len(key)
                if self._exact_ok(c, text, folded, origin, s, e):
                    out.append(_Candidate(s, e, c, MatchForm.DISGUISED))
            pos = s + 1
        return out

    def _exact_ok(self, c: _Compiled, text: str, folded: str, origin: list[int], s: int, e: int) -> bool:
        table = self._table
        start, end = origin[s], origin[e - 1] + 1
        if c.latin_start:
            if s > 0 and origin[s - 1] == start:
                return False  # starts inside one character's expansion ("⑩" → "10")
            if start > 0:
                before = table.get(ord(text[start - 1]), text[start - 1])
                if before and _ascii_alnum(before[-1]):
                    return False  # inside a word: "cure" in "secure", "100%" in "2100%"
        if c.latin_end:
            if e < len(folded) and origin[e] == end - 1:
                return False
            if end < len(text):
                after = table.get(ord(text[end]), text[end])
                if after and _ascii_alnum(after[0]):
                    return False
        # "10.0%" folds to "100%": a decimal point inside or just before is no claim of 100%.
        if c.has_digit and (_DECIMAL.search(text[start:end])
                            or _DECIMAL.search(text[max(0, start - 3):start + 1])):
            return False
        if _covered(c.contexts, folded, s, e):
            return False  # an exempt context: 第一步, 最佳赏味期, best before…
        return not _covered(self._allow, folded, s, e)

    def _sound_candidates(self, index: _Index, skip: frozenset[str], folded: str,
                          origin: list[int]) -> list[_Candidate]:
        out: list[_Candidate] = []
        rx = index.sound_rx
        assert rx is not None
        key = self._ph.key(folded)  # one key character per folded character
        pos = 0
        while (m := rx.search(key, pos)) is not None:
            ks = m.start()
            # Walk the trie from here for every match at this start (the regex gives one),
            # noting how each syllable was spelled: 0 for an ideograph, else its letter count.
            stack: list[tuple[_SoundNode, int, tuple[int, ...]]] = [(index.sound, ks, ())]
            while stack:
                node, p, shape = stack.pop()
                for c, toned in node.ends:
                    if c.folded in skip:
                        continue
                    form = self._sound_form(c, toned, shape, folded, origin, ks, p)
                    if form is None:
                        continue
                    if form is MatchForm.HOMOPHONE and any(folded[ks:p] in layer.exact for layer in self._layers):
                        continue  # another term as written (惟一, 鼎级): the exact search judges it
                    # Exemptions are judged on the line with the term written out: "di一步" is
                    # "第一步", an ordinal, just as the plain spelling would be.
                    restored = folded[:ks] + c.folded + folded[p:]
                    end = ks + len(c.folded)
                    if _covered(c.contexts, restored, ks, end) or _covered(self._allow, restored, ks, end):
                        continue
                    # ...and on the line as written, for contexts that name the sound-alike (国家及).
                    if form is MatchForm.HOMOPHONE and _covered(c.contexts, folded, ks, p):
                        continue
                    out.append(_Candidate(ks, p, c, form))
                for n in range(1, MAX_SYLLABLE_LETTERS + 1):
                    step = node.spelled.get(key[p:p + n])
                    if step is not None:
                        child, letters = step
                        stack.append((child, p + n, shape + (letters,)))
                    if p + n >= len(key) or not "a" <= key[p + n - 1] <= "z":
                        break  # a code is one character; letters run on only while letters last
            pos = ks + 1
        return out

    def _sound_form(self, c: _Compiled, toned: tuple[tuple[str, ...], ...], shape: tuple[int, ...],
                    folded: str, origin: list[int], ks: int, ke: int) -> MatchForm | None:
        """PINYIN or HOMOPHONE when the sound match is an evasion the rules accept, else None."""
        if shape[0] and not self._run_edge_ok(folded, ks, before=True):
            return None
        if shape[-1] and not self._run_edge_ok(folded, ke, before=False):
            return None
        latin = retained = homophone = 0
        swapped: list[int] = []  # folded positions of same-sound characters
        p = ks
        for j, letters in enumerate(shape):
            if letters:
                # A vowel-initial syllable typed alone is usually English ("AI", "a"): it counts
                # only inside a run of pinyin ("kangai"), not as a run of its own ("防AI").
                # A term of three or more syllables around it is context enough ("最an全").
                if (folded[p] in _VOWEL_LETTERS and not (p > 0 and "a" <= folded[p - 1] <= "z")
                        and len(shape) < MIN_SYLLABLES_FOR_LONE_VOWEL):
                    return None
                latin += 1  # a syllable typed in pinyin: "zui" in "zui佳"
                p += letters
                continue
            unit = folded[p]
            if unit == c.folded[j]:
                retained += 1
            elif c.term.homophones and self._ph.primary(unit) in toned[j]:
                homophone += 1  # same syllable and tone: "醉" for "最"
                swapped.append(p)
            else:
                return None
            p += 1
        if latin:
            return MatchForm.PINYIN
        if not homophone:
            return None  # every character as in the term: the exact search reports it
        # Same-sound characters alone collide with ordinary words, so they count only with
        # part of the term kept, written without separators (an evasion, not a coincidence).
        n = ke - ks
        if retained == 0 or homophone > max(1, n // 2):
            return None
        if origin[ke - 1] - origin[ks] != n - 1:
            return None
        # In a two-character term the one kept character is weak evidence: it must not belong to
        # an ordinary word outside the match either (一样 in 各地一样).
        judged = swapped if n > 2 else range(ks, ke)
        if c.term.homophone_guard and _coincidence(folded, ks, ke, judged):
            return None
        return MatchForm.HOMOPHONE

    def _run_edge_ok(self, folded: str, at: int, *, before: bool) -> bool:
        """A match may begin (or end) inside a run of letters only where the rest of the run
        reads as pinyin too ("zuijiade" yes, "xzuijia" no), so English words do not match."""
        def letter(i: int) -> bool:
            return 0 <= i < len(folded) and "a" <= folded[i] <= "z"

        if before:
            i = at
            while letter(i - 1):
                i -= 1
            return self._ph.splits(folded[i:at])
        j = at
        while letter(j):
            j += 1
        return self._ph.splits(folded[at:j])


MAX_WORD = 4  # longest ordinary word looked for around a same-sound match (idioms: 合二为一)


def _coincidence(folded: str, ks: int, ke: int, positions: Iterable[int]) -> bool:
    """True when the same-sound match [ks, ke) is an ordinary word, or a character at one of
    `positions` is part of an ordinary word reaching outside the match: 感觉对了 holds 感觉, not 绝对."""
    words = common_words()
    if folded[ks:ke] in words:
        return True
    for q in positions:
        for a in range(max(0, q - MAX_WORD + 1), q + 1):
            for b in range(q + 1, min(len(folded), a + MAX_WORD) + 1):
                if b - a >= 2 and (a < ks or b > ke) and folded[a:b] in words:
                    return True
    return False


# Every show builds its own Checker; these caches make the shared, expensive parts one-off.
@lru_cache(maxsize=8)
def _trie_regex(words: frozenset[str]) -> re.Pattern[str] | None:
    return re.compile(trie_pattern(words)) if words else None


@lru_cache(maxsize=8)
def _prefixes(keyset: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """For each key, the shorter keys that are its prefixes, longest first (all matches at one start)."""
    out: dict[str, tuple[str, ...]] = {}
    for k in keyset:
        found = tuple(k[:i] for i in range(len(k) - 1, 0, -1) if k[:i] in keyset)
        if found:
            out[k] = found
    return out
