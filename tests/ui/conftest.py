import pytest


@pytest.fixture
def main_window(qtbot, demo):
    from ui.app import create_application
    from ui.main_window import MainWindow

    create_application()
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    return window
