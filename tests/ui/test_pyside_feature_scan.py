"""PySide6's per-import look for "PySide6" in each module's source, answered without tokenizing it
(ui/pyside_feature_scan.py): the same answers as PySide6's own check, for every module the window imports."""

import sys

from ui import pyside_feature_scan


def test_the_window_installs_the_cheaper_check_before_its_modules_load():
    import ui.app  # noqa: F401 - installs it

    feature = sys.modules["shibokensupport.feature"]
    original = pyside_feature_scan.original_check()
    assert original is not None and pyside_feature_scan.install()
    assert feature._mod_uses_pyside is not original
    assert feature._mod_uses_pyside(sys.modules["ui.app"]) is True
    assert feature._mod_uses_pyside(sys.modules["desk_app.paths"]) is False


def test_its_answers_are_pysides_own_for_every_module_loaded():
    import ui.app  # noqa: F401
    import ui.main_window  # noqa: F401
    import ui.views.ledger_page  # noqa: F401

    original = pyside_feature_scan.original_check()
    modules = [m for name, m in sorted(sys.modules.items()) if m is not None and hasattr(m, "__name__")]
    answers = {m.__name__: pyside_feature_scan.uses_pyside(m, original) for m in modules}
    assert answers == {m.__name__: original(m) for m in modules}
    assert answers["ui.views.ledger_page"] and not answers["ui.views"]
    assert not answers["desk_app.services.session"] and not answers["json"]
    assert len([a for a in answers.values() if a]) > 20  # the ui modules


def test_source_files_and_the_standard_library_are_answered_without_tokenizing():
    def refuse(module):
        raise AssertionError(f"PySide6's own check asked for {module.__name__}")

    import ui.app  # noqa: F401

    assert pyside_feature_scan.uses_pyside(sys.modules["json.decoder"], refuse) is False
    assert pyside_feature_scan.uses_pyside(sys.modules["ui.app"], refuse) is True
    assert pyside_feature_scan.uses_pyside(sys.modules["desk_app.paths"], refuse) is False
    assert pyside_feature_scan.uses_pyside(sys.modules["PySide6.QtCore"], lambda m: "asked")  # a compiled module == "asked"
