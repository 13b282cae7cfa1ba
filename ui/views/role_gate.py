"""What the acting clerk's role cannot do is shown disabled, with a tooltip saying why.

The services refuse such writes anyway (desk_app.services.roles); the window only stops offering them, so a
leader (只读) or a liaison never fills in a form that cannot be saved. Pages call gate() after every place
where they enable their own actions (a selection, a refresh), because those would enable them again.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desk_app.services import roles

_SAVED_TIP = "role_gate_tooltip"


def refusal(permission: str | None = None, *, allowed: bool | None = None) -> str:
    """'' when the acting clerk may do it; else the reason, for a tooltip. permission: None (only 活动办),
    roles.PROGRESS or roles.ROSTER; allowed: the caller's own answer for a scoped permission."""
    ok = roles.allows(permission) if allowed is None else allowed
    if ok:
        return ""
    me = roles.current()
    if me.read_only:
        text = QCoreApplication.translate("RoleGate", "Your role is %1: you can read everything but change nothing.")
    elif permission is None:
        text = QCoreApplication.translate("RoleGate", "Your role is %1: only the campaign office can change this.")
    else:
        text = QCoreApplication.translate("RoleGate", "Your role is %1: this belongs to another task force or department.")
    return text.replace("%1", me.describe())


def gate(items, reason: str) -> None:
    """Disable the items (QActions or widgets) with reason as their tooltip; '' gives them their own back
    (the caller enables them as it would anyway)."""
    for item in items:
        saved = item.property(_SAVED_TIP)
        if reason:
            if saved is None:
                item.setProperty(_SAVED_TIP, item.toolTip() if hasattr(item, "toolTip") else "")
            item.setEnabled(False)
            item.setToolTip(reason)
        elif saved is not None:
            item.setToolTip(saved)
            item.setProperty(_SAVED_TIP, None)
