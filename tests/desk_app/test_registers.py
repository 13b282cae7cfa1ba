"""制度清单 and 晋位升级目标: rows, rules, order, summary, delete and restore."""

from datetime import date

import pytest

from desk_app.errors import ValidationError
from desk_app.services import campaigns, changelog, org, registers


@pytest.fixture
def campaign(db):
    c = campaigns.create_campaign("2026年改作风提效能专项行动", 2026)
    return c.id


def test_rules_register_orders_by_area_and_checks_its_words(campaign):
    office = org.create_department("办公室")
    registers.create_item(campaign, "制度清单", area="财务管理", title="机关财务管理办法", action="修订",
                          department_id=office.id)
    registers.create_item(campaign, "制度清单", area="党的建设", title="党组工作规则", action="修订",
                          status="已印发", done_on=date(2026, 5, 10), doc_number="财党发〔2026〕3号",
                          doc_link="/srv/制度汇编/党组工作规则.pdf")
    registers.create_item(campaign, "制度清单", area="后勤保障", title="公务用车管理规定")  # an area of its own
    items = registers.list_items(campaign, "制度清单")
    assert [i.area for i in items] == ["党的建设", "财务管理", "后勤保障"]
    assert items[1].department_name == "办公室" and items[0].doc_number == "财党发〔2026〕3号"
    assert items[2].status == "梳理中"  # the register's first status by default
    with pytest.raises(ValidationError, match="印发日期"):
        registers.create_item(campaign, "制度清单", title="会议管理办法", status="已印发")
    with pytest.raises(ValidationError, match="状态只能是"):
        registers.create_item(campaign, "制度清单", title="会议管理办法", status="已完成")
    with pytest.raises(ValidationError, match="修订方式"):
        registers.create_item(campaign, "制度清单", title="会议管理办法", action="重写")
    with pytest.raises(ValidationError, match="制度名称"):
        registers.create_item(campaign, "制度清单", title="  ")
    with pytest.raises(ValidationError, match="没有“台账”这个清单"):
        registers.create_item(campaign, "台账", title="x")
    assert len(registers.list_items(campaign, "制度清单")) == 3


def test_targets_summary_names_sections_without_or_with_too_many(campaign):
    a, b, c = (org.create_department(n) for n in ("预算管理科", "国库科", "税政科"))
    registers.create_item(campaign, "晋位升级目标", title="预算绩效评价进入全省前十", department_id=a.id,
                          due_on=date(2026, 6, 30), status="推进中")
    for n in range(3):
        registers.create_item(campaign, "晋位升级目标", title=f"国库集中支付提速{n}", department_id=b.id)
    s = registers.summary(campaign, "晋位升级目标")
    assert s.sections_without == ["税政科"] and s.sections_over == ["国库科"]
    assert s.overdue == 1 and s.by_status["推进中"] == 1 and s.total == 4
    assert [i.department_name for i in registers.list_items(campaign, "晋位升级目标")][0] == "预算管理科"
    assert c.name == "税政科"


def test_update_logs_changes_and_delete_restores(campaign):
    item = registers.create_item(campaign, "制度清单", area="公文处理", title="公文处理实施细则")
    updated = registers.update_item(item.id, status="修订中", due_on=date(2026, 12, 31))
    assert updated.status == "修订中"
    fields = {c.field for c in changelog.history("register_item", item.id)}
    assert {"status", "due_on", "title"} <= fields
    with pytest.raises(ValidationError, match="不能早于"):
        registers.update_item(item.id, start_on=date(2027, 1, 5))
    registers.delete_item(item.id)
    assert registers.list_items(campaign, "制度清单") == []
    assert [i.title for i in registers.list_items(campaign, "制度清单", deleted=True)] == ["公文处理实施细则"]
    registers.restore_item(item.id)
    assert registers.list_items(campaign, "制度清单", text="实施细则")[0].id == item.id
