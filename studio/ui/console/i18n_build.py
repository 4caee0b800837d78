"""Rebuild the console's Chinese translation: `python -m studio.ui.console.i18n_build`.

Runs pyside6-lupdate over the console's sources (new strings land in the .ts), fills the strings
that have no translation yet from ZH below, and compiles the .qm with pyside6-lrelease. Translators
may edit the .ts directly (in Qt Linguist too); a filled entry is never overwritten.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
TS = HERE / "i18n" / "console_zh_CN.ts"
QM = HERE / "i18n" / "console_zh_CN.qm"

ZH: dict[str, str] = {
    "As-run today": "今日播出记录",
    "All outcomes": "全部结果",
    "All products": "全部商品",
    "Export CSV…": "导出 CSV…",
    "Time": "时间",
    "Outcome": "结果",
    "Product": "商品",
    "Text": "内容",
    "Seconds": "秒",
    "%1 lines · %2 aired · %3 blocked · %4 min on air": "%1 句 · 已播 %2 · 拦截 %3 · 播出 %4 分钟",
    "Export as-run CSV": "导出播出记录 CSV",
    "CSV files (*.csv)": "CSV 文件 (*.csv)",
    "Exported %1 records to %2": "已导出 %1 条记录到 %2",
    "Go live": "开播",
    "Put the show on air in the stream window": "在推流窗口中开始直播",
    "Pause": "暂停",
    "Pause at the end of the line, or resume": "本句说完后暂停，或继续",
    "Skip line": "跳过本句",
    "Cut the line on air and go on with the next": "切掉正在播的这句，接着播下一句",
    "Next product": "下一个商品",
    "Leave this product now and start the next": "立即结束当前商品，开始讲下一个",
    "Interrupt…": "插播…",
    "Pitch a product or say a one-off line next": "接下来插播一个商品或一句临时话术",
    "Stop after product": "讲完本商品后下播",
    "Go off air when the product on air is finished": "当前商品讲完后下播",
    "Stop": "下播",
    "Go off air now (asks first)": "立即下播（会先确认）",
    "Save": "保存",
    "Open show…": "打开节目…",
    "Quit": "退出",
    "&File": "文件(&F)",
    "&Show": "节目(&S)",
    "S&ettings": "设置(&E)",
    "Language": "语言",
    "System": "跟随系统",
    "studio console — %1": "studio 控制台 — %1",
    "%1 — cannot be loaded": "%1 — 无法加载",
    "%1 errors — fix them and open the show again": "%1 个错误 — 修正后请重新打开节目",
    "AI-content disclosure: always visible on air": "AI 生成内容标识：直播中始终显示",
    "Not saved": "未保存",
    "The edits could not be saved; they are still here.\n\n%1": "修改未能保存，仍保留在窗口中。\n\n%1",
    "Saved": "已保存",
    "Open show folder": "打开节目文件夹",
    "The language changes the next time the console starts.": "语言将在下次启动控制台时生效。",
    "There are unsaved edits. The show goes on air as it is saved on disk. Go live anyway?":
        "有未保存的修改。开播将使用磁盘上已保存的节目。仍要开播吗？",
    "Cannot go live": "无法开播",
    "Going off air after this product": "本商品讲完后下播",
    "Stop the show": "下播",
    "Go off air now? The line on air is cut.": "立即下播吗？正在播的这句会被切断。",
    "Last show: %1 aired, %2 skipped, %3 blocked": "上一场：已播 %1，跳过 %2，拦截 %3",
    "Waiting for the first line…": "等待第一句…",
    "Up next: %1": "接下来：%1",
    "audio": "音频",
    "silent clock": "静音时钟",
    "stream %1 frames, %2 late": "推流窗口 %1 帧，迟到 %2",
    "%1 aired · %2 blocked": "已播 %1 · 拦截 %2",
    "Program": "节目输出",
    "Preview": "预览",
    "Resume": "继续",
    "Write the edits to the show files": "把修改写入节目文件",
    "● unsaved edits": "● 有未保存的修改",
    "The show is on air. Stop it and quit?": "节目正在直播。下播并退出吗？",
    "Unsaved edits": "未保存的修改",
    "Quit and lose the unsaved edits?": "退出并放弃未保存的修改吗？",
    "Save the edits before opening another show?": "打开其他节目前，先保存修改吗？",
    "Save the edits before quitting?": "退出前，先保存修改吗？",
    "Save the edits before starting a new show?": "新建节目前，先保存修改吗？",
    "New show…": "新建节目…",
    "Start a new show from a starter in an empty folder": "在一个空文件夹中用入门模板新建节目",
    "New show: choose an empty folder": "新建节目：选择一个空文件夹",
    "New show": "新建节目",
    "Language of the show:": "节目语言：",
    "New show in %1": "已在 %1 新建节目",
    "Choose photo…": "选择图片…",
    "Copy a PNG, JPEG, WebP or BMP image into the show's media folder and use it as this product's photo":
        "将 PNG、JPEG、WebP 或 BMP 图片复制到节目的 media 文件夹，并用作该商品的图片",
    "Choose the product photo": "选择商品图片",
    "Images (*.png *.jpg *.jpeg *.webp *.bmp)": "图片 (*.png *.jpg *.jpeg *.webp *.bmp)",
    "'%1' is not a PNG, JPEG, WebP or BMP image.": "“%1”不是 PNG、JPEG、WebP 或 BMP 图片。",
    "'%1' cannot be read as an image.": "“%1”无法作为图片读取。",
    "'%1' cannot be used as a photo: %2": "“%1”不能用作商品图片：%2",
    "'%1' could not be copied into media/: %2": "“%1”无法复制到 media/：%2",
    "Prepare speech": "预先合成语音",
    "Synthesize every line of the show ahead of time, so going live starts at once":
        "提前合成节目中的每一句话术，开播时即可立即播出",
    "Render preview video…": "渲染预览视频…",
    "Render the selected product's pitch to an MP4 file": "将所选商品的讲解渲染为 MP4 文件",
    "Cancel": "取消",
    "Cancelling…": "正在取消…",
    "Failed: %1": "失败：%1",
    "Failed": "失败",
    "Preparing speech…": "正在预先合成语音…",
    "Speech preparation cancelled: %1 of %2 lines ready": "已取消语音合成：%2 句中已完成 %1 句",
    "Speech ready: %1 lines (%2 were already cached), %3 failed": "语音已就绪：共 %1 句（%2 句已在缓存中），%3 句失败",
    "Render preview video": "渲染预览视频",
    "MP4 video (*.mp4)": "MP4 视频 (*.mp4)",
    "Rendering the preview video…": "正在渲染预览视频…",
    "Rendering cancelled; the partial file was deleted": "已取消渲染，未完成的文件已删除",
    "Wrote %1 (%2 s)": "已写入 %1（%2 秒）",
    "Interrupt": "插播",
    "After the line on air, play this — then the rundown resumes where it was.":
        "当前这句播完后插播以下内容，之后节目单从原处继续。",
    "Pitch a product": "插播商品",
    "Say a one-off line": "插播一句话",
    "For example: 3号链接限时秒杀，最后五分钟！": "例如：3号链接限时秒杀，最后五分钟！",
    "A one-off line is checked for compliance like any other: blocked wording is not spoken.":
        "临时话术同样经过合规检查：被拦截的措辞不会播出。",
    "Pitch": "话术",
    "{variable}  {variant|variant}  — red wavy: blocked on air, orange: check "
    "(skipped on air until approved), green dotted: approved":
        "{变量}  {备选|备选}  — 红色波浪线：直播拦截，橙色：需核对（批准前直播时跳过），绿色点线：已批准",
    "Select a line to edit it": "选择一句话术进行编辑",
    "This line has wording that is blocked on air": "此句含有直播中会被拦截的措辞",
    "Not applied — column %1: %2": "未应用 — 第 %1 列：%2",
    "No compliance findings": "未发现合规问题",
    "%1 blocked, %2 to check — hover an underline for the law and a rewrite":
        "拦截 %1 处，需核对 %2 处 — 鼠标悬停下划线查看法规依据和改写建议",
    "Blocked on air": "直播拦截",
    "Warning": "提示",
    "Approved wording: airs as written": "已批准的用语：按原文播出",
    "Warning — skipped on air until approved (right-click: Approve wording)":
        "提示用语 — 批准前直播时会跳过（右键：批准用语）",
    "Approve wording: %1": "批准用语：%1",
    "Approve wording": "批准用语",
    "Undo the last add, remove, move, cue change or approval": "撤销上一次添加、删除、移动、提示设置的修改或批准",
    "Approve the warning wording of the selected line (全球首发, 首家…) so it airs as written; saved with Save, "
    "Undo takes it back": "批准所选话术中的提示用语（全球首发、首家…），让它按原文播出；点“保存”写入文件，“撤销”可收回",
    "Skipped on air until its warning wording is approved: %1": "其中的提示用语批准前，直播时会跳过此句：%1",
    "Approved wording: %1": "已批准的用语：%1",
    "Approved: %1 — it airs as written once saved; Undo (Ctrl+Z) takes it back":
        "已批准：%1 — 保存后按原文播出；撤销（Ctrl+Z）可收回",
    "%1 blocked, %2 skipped on air until approved, %3 approved — hover an underline for the law, right-click "
    "a warning to approve it":
        "拦截 %1 处，批准前直播时跳过 %2 处，已批准 %3 处 — 鼠标悬停下划线查看法规依据，右键提示用语可批准",
    "Legal basis": "法律依据",
    "Suggested rewrite": "建议改写",
    "Nothing to preview": "没有可预览的内容",
    "Product photo (the image file named in the product's file)": "商品图片（商品文件中指定的图片）",
    "none": "无",
    "not shown": "不显示",
    "Selling points, separated by commas (，or ,)": "卖点，用逗号分隔（，或 ,）",
    "Original price": "原价",
    "Stock": "库存",
    "Name": "名称",
    "Price": "价格",
    "Link hint": "链接提示",
    "Selling points": "卖点",
    "no image": "无图片",
    "A product needs a name.": "商品需要名称。",
    "'%1' is not an amount (for example 168 or 99.9).": "“%1”不是金额（例如 168 或 99.9）。",
    "The price is required.": "价格必填。",
    "Rundowns": "节目单",
    "Schedule": "排期",
    "  · on air now": "  · 正在播",
    "Time on air (program clock)": "播出时长（节目时钟）",
    "OFF AIR": "未开播",
    "Not on air — press Go live (F5)": "未开播 — 按“开播”(F5)",
    "ON AIR": "直播中",
    "PAUSED": "已暂停",
    "PAUSING…": "即将暂停…",
    "STARTING": "启动中",
}


# The settings, schedule and CSV import dialogs (settings_dialog.py, schedule_editor.py, csv_dialog.py).
ZH.update({
    "Import products from CSV…": "从 CSV 导入商品…",
    "Add products from a spreadsheet's CSV": "从表格导出的 CSV 添加商品",
    "Edit schedule…": "编辑排期…",
    "Draw the weekly windows on a grid": "在周历网格上绘制播出时段",
    "Settings…": "设置…",
    "Voice, avatar and outputs for going live": "声音、形象和开播输出",
    "S&chedule": "排期(&C)",
    "Import products from CSV": "从 CSV 导入商品",
    "The edits are saved first. Save them now?": "导入前需要先保存修改。现在保存吗？",
    "Imported %1 products": "已导入 %1 个商品",
    "Choose file…": "选择文件…",
    "Choose a CSV file exported from a spreadsheet (columns: 名称/name, 价格/price, 原价, 图片, 卖点, 库存, 链接).":
        "选择从表格导出的 CSV 文件（列：名称、价格、原价、图片、卖点、库存、链接）。",
    "Products to create": "将创建的商品",
    "Rows that cannot be imported": "无法导入的行",
    "Append to rundown": "追加到节目单",
    "(none)": "（不追加）",
    "Import": "导入",
    "Products CSV": "商品 CSV",
    "row %1: %2 — %3 (id %4)": "第 %1 行：%2 — %3（ID %4）",
    "row %1": "第 %1 行",
    "%1 products to import, %2 rows not imported, %3 notes (%4, separated by “%5”)":
        "将导入 %1 个商品，%2 行无法导入，%3 条提示（%4，分隔符“%5”）",
    "rows %1–%2": "第 %1–%2 行",
    "Notes (imported, but worth a look)": "提示（会导入，但请留意）",
    "Encoding": "编码",
    "Recognise (UTF-8, UTF-16, GBK)": "自动识别（UTF-8、UTF-16、GBK）",
    "Not imported: %1": "未导入：%1",
    "Edit the weekly schedule": "编辑每周排期",
    "Rundown": "节目单",
    "Delete window": "删除时段",
    "Drag on a day to draw a window (15-minute steps); drag a block to move it, its edges to resize it; "
    "Delete removes it.": "在某一天上拖动即可绘制时段（15 分钟一格）；拖动色块可移动，拖动上下边缘可调整长短；按 Delete 删除。",
    "Refused: %1–%2 overlaps the window %3–%4 (%5)": "不允许：%1–%2 与时段 %3–%4（%5）重叠",
    "The show has no rundown to schedule": "节目没有可排期的节目单",
    "Mon": "周一", "Tue": "周二", "Wed": "周三", "Thu": "周四", "Fri": "周五", "Sat": "周六", "Sun": "周日",
    "Settings": "设置",
    "Voice": "声音",
    "Avatar": "形象",
    "Outputs": "输出",
    "Automatic (by the show's language)": "自动（按节目语言）",
    "Voice (%1)": "声音（%1）",
    "Rate": "语速",
    "Volume": "音量",
    "Test voice": "试听",
    "%1 words/min": "%1 词/分钟",
    "Listing the installed voices…": "正在列出已安装的声音…",
    "Cannot list the voices: %1": "无法列出声音：%1",
    "%1 (not installed)": "%1（未安装）",
    "%1 voices speak %2": "%1 个声音支持 %2",
    "Synthesizing a test line…": "正在合成试听语句…",
    "The test line failed: %1": "试听失败：%1",
    "No audio output found: the voice works, but there is no sound device to play it on.":
        "未找到音频输出：声音合成正常，但没有可播放的声音设备。",
    "Playing the test line": "正在播放试听语句",
    "Folder: %1": "文件夹：%1",
    "Avatar pack": "形象包",
    "Pack folder…": "形象包文件夹…",
    "Problems": "问题",
    "Avatar pack folder": "形象包文件夹",
    "The pack folder must be inside the show folder (%1)": "形象包文件夹必须位于节目文件夹内（%1）",
    "This pack cannot be used": "此形象包无法使用",
    "Recording": "录制",
    "empty: do not record": "留空：不录制",
    "Browse…": "浏览…",
    "Folder": "文件夹",
    " min": " 分钟",
    "New file every": "每隔多久新建文件",
    "RTMP push": "RTMP 推流",
    "Server URL": "推流地址",
    "saved: %1": "已保存：%1",
    "stream key (推流码)": "推流码",
    "Stream key": "推流码",
    "Forget the saved key": "删除已保存的推流码",
    "The key is kept only for you in %1, never in the show files.": "推流码只保存在 %1，仅你本人可读，不会写入节目文件。",
    "Recording folder": "录制文件夹",
})


# The product editor's FAQ section (faq_editor.py FaqEditor).
ZH.update({
    "FAQ": "常见问题",
    "Add": "添加",
    "Remove": "删除",
    "Add a question and its answer": "添加一个问题及其回答",
    "Remove the selected question": "删除所选问题",
    "Keywords, separated by commas or 、": "关键词，用逗号或顿号（、）分隔",
    "Viewer comments with one of these words get this answer": "观众评论中含有其中任一关键词时，用此回答",
    "The answer, one line per line": "回答，每行一句",
    "A question needs at least one keyword.": "问题至少需要一个关键词。",
    "A question needs an answer.": "问题需要回答。",
    "keyword": "关键词",
    "New answer": "新回答",
})

# The as-run health indicator in the transport bar.
ZH.update({
    "AS-RUN NOT SAVED · %1 waiting": "播出记录未保存 · %1 条待写入",
    "The as-run records cannot be written: %1\nThey are kept in memory (%2 waiting, %3 lost) and written in order as soon as the file can be written again. Check that the folder exists, is writable and the disk has space.":
        "播出记录无法写入：%1\n记录暂存在内存中（待写入 %2 条，已丢失 %3 条），文件恢复可写后按原顺序写入。"
        "请检查文件夹是否存在、是否可写，以及磁盘空间是否充足。",
    "As-run: %1 lost": "播出记录：丢失 %1 条",
    "Writing works again, but %1 records were lost while it did not (the memory buffer was full). File: %2":
        "已恢复写入，但中断期间有 %1 条记录丢失（内存暂存已满）。文件：%2",
    "As-run ✓": "播出记录 ✓",
    "%1 records written to %2": "已写入 %1 条记录到 %2",
    "Could not export to %1: %2 — close it in other programs or choose another folder":
        "无法导出到 %1：%2 —— 请在其他程序中关闭该文件，或选择其他文件夹",
})

# Editing through ShowEditor (an edit the loader refuses, a file changed on disk) and the CSV import as a job.
ZH.update({
    "Not applied — %1": "未应用 — %1",
    "This show cannot be edited here: %1": "此节目无法在这里编辑：%1",
    "%1\n\nSave anyway and overwrite it?": "%1\n\n仍要保存并覆盖它吗？",
    "Reading %1…": "正在读取 %1…",
    "Cannot read the file: %1": "无法读取文件：%1",
    "Importing %1 products…": "正在导入 %1 个商品…",
})

def tool(name: str) -> str:
    """The Qt tool next to this Python (the virtualenv's bin), else on PATH."""
    here = Path(sys.executable).with_name(name)
    return str(here) if here.exists() else (shutil.which(name) or name)


def fill(ts: Path) -> list[str]:
    """Fill untranslated messages from ZH; returns the sources still without a translation."""
    tree = ET.parse(ts)
    missing = []
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None:
            continue
        if translation.get("type") == "vanished" or translation.get("type") == "obsolete":
            continue
        if (translation.text or "") and translation.get("type") != "unfinished":
            continue
        if source in ZH:
            translation.text = ZH[source]
            translation.attrib.pop("type", None)
        else:
            missing.append(source)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return missing


def main() -> int:
    """lupdate → fill → lrelease; non-zero when a tool fails or a string has no translation."""
    sources = sorted(str(p) for p in HERE.glob("*.py") if p.name != "i18n_build.py")
    subprocess.run([tool("pyside6-lupdate"), *sources, "-ts", str(TS), "-target-language", "zh_CN",
                    "-no-obsolete"], check=True)
    missing = fill(TS)
    subprocess.run([tool("pyside6-lrelease"), str(TS), "-qm", str(QM)], check=True)
    for source in missing:
        print(f"untranslated: {source!r}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
