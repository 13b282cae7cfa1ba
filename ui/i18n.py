"""Translations: every *_zh_CN.qm in resources/translations, plus Qt's own for standard dialogs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from desk_app import paths

DEFAULT_LOCALE = "zh_CN"

# Qt's own catalogue (qtbase_zh_CN.qm) lacks the mnemonic forms Qt 6's file dialog shows; ours carries
# them (the shell catalogue), consulted when Qt's has no answer.
QT_GAPS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)


def qt_translation_folders() -> list[Path]:
    """Where Qt's catalogues may be: Qt's own folder, PySide6's (a frozen bundle may report another
    prefix), and our resources (a bundle can carry qtbase_*.qm there)."""
    import PySide6  # noqa: PLC0415 - only its location

    folders = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
               Path(PySide6.__file__).parent / "Qt" / "translations",
               paths.resource("translations")]
    return list(dict.fromkeys(folders))


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
    for qt_folder in qt_translation_folders():
        translator = QTranslator(app)
        if translator.load(f"qtbase_{locale}", str(qt_folder)):
            app.installTranslator(translator)  # installed last: asked first, ours answer its gaps
            installed.append(translator)
            break
    return installed
