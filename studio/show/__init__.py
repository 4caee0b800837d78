"""Shows: the model (frozen dataclasses), loading and validation, templates. Qt-free."""

from studio.show.loader import LoadResult, bundled_avatars, load_show
from studio.show.model import (
    FaqEntry,
    Line,
    Product,
    Rundown,
    RundownItem,
    Schedule,
    ScheduleWindow,
    Show,
)
from studio.show.templates import Template, TemplateError

__all__ = [
    "FaqEntry", "Line", "LoadResult", "Product", "Rundown", "RundownItem", "Schedule",
    "ScheduleWindow", "Show", "Template", "TemplateError", "bundled_avatars", "load_show",
]
