from datetime import date

from print_helpers import laid_out_lines

from desk_app.reports.action_plan_pdf import build_action_plan
from desk_app.reports.options import PrintOptions
from desk_app.services import campaigns, taskforces
from desk_app.services.taskforces import PlanInput


def test_the_printed_plan_is_the_plan_without_its_revision_note(db):
    c = campaigns.create_campaign("2026年作风建设年", 2026, date(2026, 1, 1), date(2026, 12, 31))
    tf = taskforces.create_task_force(c.id, "营商环境专班")
    taskforces.save_plan(tf.id, PlanInput("张三等3人", "全年完成十项改革", "一是周调度", "严格落实13710", "初稿"))
    taskforces.save_plan(tf.id, PlanInput("张三等3人", "全年完成十二项改革", "一是周调度", "严格落实13710",
                                          "根据上半年推进情况调整目标"))
    text = "\n".join(laid_out_lines(build_action_plan(PrintOptions(task_force_id=tf.id))))
    assert "全年完成十二项改革" in text and "四、作风保障" in text and "（第 2 版" in text
    assert "附注" not in text and "根据上半年推进情况调整目标" not in text
