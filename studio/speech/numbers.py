"""Numbers, prices, percentages, discounts and times as a host would say them, in Chinese and English."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

_ZH_DIGITS = "零一二三四五六七八九"
_ZH_BIG = ("", "万", "亿", "万亿")
# After these a bare 2 is said 两 (两件, 两杯, 两点), never 二.
ZH_MEASURE_WORDS = set("件个杯罐瓶支盒包袋张只双套台部天次位块元斤克点号年月周岁层片颗粒条款份")


def _zh_group(g: int) -> str:
    """1..9999 in Chinese, with 零 for inner zeros (1005 → 一千零五)."""
    out = ""
    zero = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = g // value % 10
        if d == 0:
            zero = zero or bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += _ZH_DIGITS[d] + unit
    return out


def zh_integer(n: int) -> str:
    """An integer in Chinese: 168 → 一百六十八, 10 → 十, 100005 → 十万零五."""
    if n < 0:
        return "负" + zh_integer(-n)
    if n == 0:
        return "零"
    groups = []
    while n:
        groups.append(n % 10000)
        n //= 10000
    if len(groups) > len(_ZH_BIG):
        return zh_digits(str(sum(g * 10000**i for i, g in enumerate(groups))))
    out = ""
    gap = False
    for idx in reversed(range(len(groups))):
        g = groups[idx]
        if g == 0:
            gap = gap or bool(out)
            continue
        if out and (gap or g < 1000):
            out += "零"
        out += _zh_group(g) + _ZH_BIG[idx]
        gap = False
    # 十五, not 一十五, at the very start (but 一百一十五 inside).
    if out.startswith("一十"):
        out = out[1:]
    return out


def zh_digits(digits: str) -> str:
    """Digit by digit, as for years, phone numbers and decimals: 2024 → 二零二四."""
    return "".join(_ZH_DIGITS[int(c)] for c in digits if c.isdigit())


def zh_number(text: str, before: str = "") -> str:
    """A written number ("168.5", "1,299", "2") in Chinese; `before` is the next character (for 两)."""
    clean = text.replace(",", "").replace("，", "")
    if "." in clean:
        whole, frac = clean.split(".", 1)
        return zh_integer(int(whole or "0")) + "点" + zh_digits(frac)
    if len(clean) >= 7 or (len(clean) > 1 and clean.startswith("0")):
        return zh_digits(clean)  # phone numbers, codes: said digit by digit
    n = int(clean)
    words = zh_integer(n)
    if n == 2 and before in ZH_MEASURE_WORDS:
        return "两"
    if words[:2] in ("二百", "二千", "二万", "二亿"):
        return "两" + words[1:]  # 两百, 两千: how people say it
    return words


def zh_money(amount: str, unit: str = "元") -> str:
    """168.5 → 一百六十八点五元; trailing zeros are not read (99.00 → 九十九元)."""
    clean = amount.replace(",", "")
    if "." in clean:
        clean = clean.rstrip("0").rstrip(".")
    return zh_number(clean, unit[:1]) + unit


def zh_percent(number: str) -> str:
    """50 → 百分之五十."""
    return "百分之" + zh_number(number)


def zh_discount(number: str) -> str:
    """5 → 五折, 7.5 → 七五折, 8.8 → 八八折 (discounts are read digit by digit)."""
    clean = number.rstrip("0").rstrip(".") if "." in number else number
    if "." in clean:
        return zh_digits(clean) + "折"
    return zh_number(clean) + "折"


def zh_time(hour: int, minute: int) -> str:
    """21:00 → 二十一点, 8:05 → 八点零五分, 20:30 → 二十点三十分."""
    h = "两" if hour == 2 else zh_integer(hour)
    if minute == 0:
        return h + "点"
    m = ("零" + _ZH_DIGITS[minute]) if minute < 10 else zh_integer(minute)
    return h + "点" + m + "分"


_EN_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_EN_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_EN_BIG = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"), (1000, "thousand"))


def en_integer(n: int) -> str:
    """168 → one hundred sixty-eight (American style, no 'and')."""
    if n < 0:
        return "minus " + en_integer(-n)
    if n < 20:
        return _EN_ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _EN_TENS[tens] + ("-" + _EN_ONES[ones] if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return _EN_ONES[hundreds] + " hundred" + (" " + en_integer(rest) if rest else "")
    for value, name in _EN_BIG:
        if n >= value:
            high, rest = divmod(n, value)
            return en_integer(high) + " " + name + (" " + en_integer(rest) if rest else "")
    raise AssertionError("unreachable")


def en_digits(digits: str) -> str:
    return " ".join(_EN_ONES[int(c)] for c in digits if c.isdigit())


def en_number(text: str) -> str:
    """'5.3' → five point three, '1,299' → one thousand two hundred ninety-nine."""
    clean = text.replace(",", "")
    if "." in clean:
        whole, frac = clean.split(".", 1)
        return en_integer(int(whole or "0")) + " point " + en_digits(frac)
    if len(clean) >= 7 or (len(clean) > 1 and clean.startswith("0")):
        return en_digits(clean)
    return en_integer(int(clean))


_ORDINAL_WORDS = {
    "one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
    "nine": "ninth", "twelve": "twelfth",
}


def en_ordinal(n: int) -> str:
    """1 → first, 22 → twenty-second, 40 → fortieth."""
    words = en_integer(n)
    head, sep, last = words.rpartition(" ")
    pre, dash, tail = last.rpartition("-")
    if tail in _ORDINAL_WORDS:
        tail = _ORDINAL_WORDS[tail]
    elif tail.endswith("y"):
        tail = tail[:-1] + "ieth"
    else:
        tail += "th"
    return head + sep + pre + dash + tail


# (singular, plural, cents-name singular, cents plural)
EN_CURRENCIES: dict[str, tuple[str, str, str, str]] = {
    "$": ("dollar", "dollars", "cent", "cents"),
    "US$": ("dollar", "dollars", "cent", "cents"),
    "HK$": ("Hong Kong dollar", "Hong Kong dollars", "cent", "cents"),
    "NT$": ("New Taiwan dollar", "New Taiwan dollars", "cent", "cents"),
    "S$": ("Singapore dollar", "Singapore dollars", "cent", "cents"),
    "A$": ("Australian dollar", "Australian dollars", "cent", "cents"),
    "C$": ("Canadian dollar", "Canadian dollars", "cent", "cents"),
    "€": ("euro", "euros", "cent", "cents"),
    "£": ("pound", "pounds", "penny", "pence"),
    "¥": ("yuan", "yuan", "fen", "fen"),
    "￥": ("yuan", "yuan", "fen", "fen"),
    "元": ("yuan", "yuan", "fen", "fen"),
    "₩": ("won", "won", "jeon", "jeon"),
    "₹": ("rupee", "rupees", "paisa", "paise"),
}


def en_money(amount: str, symbol: str) -> str:
    """$19.99 → nineteen dollars ninety-nine; $0.99 → ninety-nine cents; $5 → five dollars."""
    one, many, cent, cents = EN_CURRENCIES.get(symbol, ("", "", "", ""))
    try:
        value = Decimal(amount.replace(",", ""))
    except InvalidOperation:
        return en_number(amount)
    whole = int(value)
    frac = int((value - whole) * 100)
    if not one:
        return en_number(amount)
    if whole == 0 and frac:
        return en_integer(frac) + " " + (cent if frac == 1 else cents)
    out = en_integer(whole) + " " + (one if whole == 1 else many)
    if frac:
        out += " " + en_integer(frac)
    return out


def en_time(hour: int, minute: int) -> str:
    """21:00 → nine p m, 8:05 → eight oh five a m, 12:30 → twelve thirty p m."""
    suffix = "a m" if hour < 12 else "p m"
    h12 = hour % 12 or 12
    if minute == 0:
        return f"{en_integer(h12)} {suffix}"
    m = f"oh {en_integer(minute)}" if minute < 10 else en_integer(minute)
    return f"{en_integer(h12)} {m} {suffix}"
