"""Translations: every *_zh_CN.qm in resources/translations, plus Qt's own for standard dialogs."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from desk_app import paths

DEFAULT_LOCALE = "zh_CN"


def install_translators(app: QApplication, locale: str = DEFAULT_LOCALE) -> list[QTranslator]:
    """Load our catalogues and Qt's; the translators are parented to the app so they stay alive."""
    installed = []
    if locale.startswith("en"):
        return installed
    QLocale.setDefault(QLocale(locale))
    folder = paths.resource("translations")
    for qm in sorted(folder.glob(f"*_{locale}.qm")):
        translator = QTranslator(app)
        if translator.load(str(qm)):
            app.installTranslator(translator)
            installed.append(translator)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    if translator.load(f"qtbase_{locale}", qt_folder):
        app.installTranslator(translator)
        installed.append(translator)
    return installed
