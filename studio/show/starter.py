"""`studio new`: a small starter show that passes `studio check` and shows every feature."""

from __future__ import annotations

import re
from pathlib import Path

from studio.show.model import disclosure_for

_SHOW_ZH = '''# {title}
# 参考文档: docs/show-format.md ；检查: studio check {folder}

title = "{title}"
language = "zh-CN"
canvas = "portrait"        # portrait (1080x1920) · landscape (1920x1080) · portrait-720 (720x1280)
fps = 30
avatar = "default"
background = "#1E2A3A"     # 颜色 #RRGGBB、图片路径 media/bg.png、chroma（绿幕）或 transparent
disclosure = "{disclosure}"
ticker = ["关注直播间，每天都有新福利"]
filler = ["{{欢迎|大家好}}，现在是{{time}}，有问题可以在评论区留言。"]

[voice]
id = "auto"                # 按语言自动选择
rate = 175
volume = 1.0

[pauses]
between_lines = 0.4
between_products = 1.5

[rundowns.main]
title = "主轮播"
products = ["sample"]

[schedule]
fallback = "main"

[[schedule.windows]]
days = "daily"
from = "19:00"
to = "23:00"
rundown = "main"
'''

_SHOW_EN = '''# {title}
# Reference: docs/show-format.md — check it with: studio check {folder}

title = "{title}"
language = "en-US"
canvas = "portrait"        # portrait (1080x1920) · landscape (1920x1080) · portrait-720 (720x1280)
fps = 30
avatar = "default"
background = "#1E2A3A"     # #RRGGBB, an image such as media/bg.png, chroma, or transparent
disclosure = "{disclosure}"
ticker = ["Follow the room for daily deals"]
filler = ["{{Welcome|Hi everyone}}, it is {{time}}. Ask me anything in the comments."]

[voice]
id = "auto"                # chosen by language
rate = 175
volume = 1.0

[pauses]
between_lines = 0.4
between_products = 1.5

[rundowns.main]
title = "Main loop"
products = ["sample"]

[schedule]
fallback = "main"

[[schedule.windows]]
days = "daily"
from = "19:00"
to = "23:00"
rundown = "main"
'''

_PRODUCT_ZH = '''# 一个商品一个文件；文件名（sample）就是商品 id。
name = "示例商品"
price = 99
original_price = 129
currency = "CNY"
# image = "media/sample.png"   # 放进 media/ 文件夹，至少 800x800
selling_points = ["卖点一", "卖点二", "卖点三"]
stock = 100
link = "点击下方小黄车 1号链接"

pitch = [
    {{ text = "{{欢迎|大家好}}！今天给大家介绍{{name}}。", expression = "smile", gesture = "wave", card = "show" }},
    {{ text = "日常价{{original_price}}元，今天只要{{price}}元，{{link}}。", card = "highlight_price", gesture = "point" }},
]

[[faq]]
keywords = ["多少钱", "价格"]
answer = "今天直播间{{price}}元，{{link}}。"
'''

_PRODUCT_EN = '''# One product per file; the file name (sample) is the product id.
name = "Sample product"
price = 19.99
original_price = 29.99
currency = "USD"
# image = "media/sample.png"   # put it in media/, at least 800x800
selling_points = ["First point", "Second point", "Third point"]
stock = 100
link = "Tap the cart below, link 1"

pitch = [
    {{ text = "{{Welcome|Hi everyone}}! Today I am showing you the {{name}}.", expression = "smile", gesture = "wave", card = "show" }},
    {{ text = "Usually {{original_price}} dollars, in this live room {{price}}. {{link}}.", card = "highlight_price", gesture = "point" }},
]

[[faq]]
keywords = ["price", "how much"]
answer = "Today it is {{price}} dollars. {{link}}."
'''


class StarterError(Exception):
    """The starter show cannot be written where asked."""


_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def _toml_text(text: str) -> str:
    """`text` made safe inside a one-line TOML basic string (and a comment): one line, escaped."""
    one_line = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    return one_line.replace("\\", "\\\\").replace('"', "'")


def create_starter(folder: Path, title: str | None = None, language: str = "zh-CN") -> list[Path]:
    """Write a starter show into `folder` (new or empty); return the files written."""
    if not _LANGUAGE_TAG.match(language):
        raise StarterError(f"'{language}' is not a language tag; use zh-CN or en-US")
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise StarterError(f"{folder} already exists and is not empty; choose a new folder")
    english = not language.lower().startswith("zh")
    title = title or ("My live show" if english else "我的直播间")
    args = {"title": _toml_text(title), "folder": " ".join(folder.as_posix().split()),
            "disclosure": disclosure_for(language)}
    show_text = (_SHOW_EN if english else _SHOW_ZH).format(**args)
    written_as = "en-US" if english else "zh-CN"
    if language != written_as:  # e.g. en-GB or zh-TW: keep the language asked for
        show_text = show_text.replace(f'language = "{written_as}"', f'language = "{language}"')
    product_text = _PRODUCT_EN if english else _PRODUCT_ZH
    try:
        (folder / "products").mkdir(parents=True, exist_ok=True)
        (folder / "media").mkdir(exist_ok=True)
        written = [folder / "show.toml", folder / "products" / "sample.toml"]
        written[0].write_text(show_text, encoding="utf-8")
        written[1].write_text(product_text.format(), encoding="utf-8")
    except OSError as exc:
        raise StarterError(f"cannot write {folder}: {exc.strerror or exc}") from None
    return written
