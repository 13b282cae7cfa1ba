"""设置 › 角色: the office gives roles; a clerk without 活动办 sees them but cannot change them."""

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desk_app.services import context, org, roles, roles_admin
from ui.state import AppState
from ui.views.role_settings import RoleDialog, RoleSettings


def test_the_office_assigns_a_role_and_the_list_shows_it(qtbot, db):
    me = org.create_person("测试员")
    leader = org.create_person("局领导甲")
    page = RoleSettings(AppState())
    qtbot.addWidget(page)
    assert page.table.rowCount() == 0 and not roles.current().roles_in_use

    def fill():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, RoleDialog)
        dialog.person.set_person(me.id)
        dialog.role.setCurrentIndex(dialog.role.findData("活动办"))
        dialog.accept()

    QTimer.singleShot(0, fill)
    page.add()
    roles_admin.set_role(leader.id, "只读", login="leader_jia")
    page.refresh()
    rows = {page.table.item(r, 0).text(): (page.table.item(r, 2).text(), page.table.item(r, 3).text())
            for r in range(page.table.rowCount())}
    assert rows == {"测试员": ("活动办", ""), "局领导甲": ("只读", "leader_jia")}
    assert "测试员" in page.me.text() and page.add_button.isEnabled()
    context.set_actor("局领导甲")
    roles.forget_cached()
    page.refresh()
    assert not page.add_button.isEnabled() and not page.remove_button.isEnabled()
