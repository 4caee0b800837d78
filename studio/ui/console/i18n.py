"""The console's languages: follow the system locale, or the operator's choice kept in QSettings.

Translations are Qt .qm files shipped inside the package (built from the .ts next to them by
`python -m studio.ui.console.i18n_build`); a choice takes effect at the next start.
"""

from __future__ import annotations

from contextlib import ExitStack
from importlib import resources

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

SYSTEM, CHINESE, ENGLISH = "system", "zh_CN", "en"
CHOICES = (SYSTEM, CHINESE, ENGLISH)
SETTING = "ui/language"
_keep = ExitStack()  # keeps extracted resource files alive for the process (zipped installs)
_installed: list[QTranslator] = []


def chosen_language(settings: QSettings) -> str:
    """The saved choice: "system", "zh_CN" or "en"."""
    value = str(settings.value(SETTING, SYSTEM))
    return value if value in CHOICES else SYSTEM


def effective_language(choice: str, locale: QLocale | None = None) -> str:
    """"zh_CN" or "en": the system choice follows the locale (any Chinese locale gets Chinese)."""
    if choice != SYSTEM:
        return choice
    locale = locale or QLocale.system()
    return CHINESE if locale.language() == QLocale.Language.Chinese else ENGLISH


def install_translators(language: str) -> bool:
    """Install the console's (and Qt's own) Chinese translations; False when English or not found."""
    app = QCoreApplication.instance()
    for old in _installed:
        QCoreApplication.removeTranslator(old)
    _installed.clear()
    if app is None or language != CHINESE:
        return False
    ours = QTranslator(app)
    qm = _keep.enter_context(resources.as_file(resources.files("studio.ui.console") / "i18n" / "console_zh_CN.qm"))
    if not ours.load(str(qm)):
        return False
    QCoreApplication.installTranslator(ours)
    _installed.append(ours)
    qt = QTranslator(app)  # standard buttons (OK, Cancel…) from Qt's own catalogue, when installed
    if qt.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_",
               QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        QCoreApplication.installTranslator(qt)
        _installed.append(qt)
    return True
