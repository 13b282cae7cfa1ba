"""PyInstaller runtime hook (Linux bundle): let fcitx users type Chinese.

The bundle carries Qt's own input-method plugins (ibus, compose), not the desktop's fcitx plugin: that
one is built against the system's Qt and cannot load into the bundled Qt. fcitx 5 also speaks the
ibus protocol, so when the desktop asks for fcitx we ask Qt for ibus instead of for nothing.
"""

import os
import sys

if sys.platform.startswith("linux") and os.environ.get("QT_IM_MODULE", "").lower().startswith("fcitx"):
    os.environ["QT_IM_MODULE"] = "ibus"
