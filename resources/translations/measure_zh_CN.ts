<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>MeasureDialog</name>
    <message>
        <source>Edit measure</source>
        <translation>修改措施</translation>
    </message>
    <message>
        <source>New measure</source>
        <translation>新增措施</translation>
    </message>
    <message>
        <source>What is to be done (required)</source>
        <translation>要做什么（必填）</translation>
    </message>
    <message>
        <source>This month&apos;s progress of the measure</source>
        <translation>该措施的本月进展</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>措施</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>责任人</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>时限</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Completed on</source>
        <translation>完成日期</translation>
    </message>
    <message>
        <source>Progress %1</source>
        <translation>%1 进展</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not in the list; pick one from the list</source>
        <translation>“%1”不在列表中，请从列表中选择</translation>
    </message>
    <message>
        <source>Progress is longer than 2000 characters; please shorten it</source>
        <translation>进展超过 2000 字，请精简</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
</context>
<context>
    <name>MeasureRows</name>
    <message>
        <source>Measure %1</source>
        <translation>措施 %1</translation>
    </message>
</context>
<context>
    <name>MeasureTab</name>
    <message>
        <source>Measures</source>
        <translation>措施</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>序时进度</translation>
    </message>
</context>
<context>
    <name>MeasureUndo</name>
    <message>
        <source>Measures of %1</source>
        <translation>%1 的措施</translation>
    </message>
    <message>
        <source>Measure progress of %1</source>
        <translation>%1 的措施进展</translation>
    </message>
    <message>
        <source>Monthly schedule of %1</source>
        <translation>%1 的序时进度</translation>
    </message>
</context>
<context>
    <name>MeasuresTab</name>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>措施</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>责任人</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>时限</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月进展</translation>
    </message>
    <message>
        <source>Add measure…</source>
        <translation>新增措施…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>The task&apos;s status follows its measures: it is closed when every measure is done, and its light is the worst of theirs.</source>
        <translation>事项的状态由各项措施决定：措施全部完成即销号；红黄灯取各项措施中最严重的。</translation>
    </message>
    <message>
        <source>Remove measure</source>
        <translation>删除措施</translation>
    </message>
    <message>
        <source>Remove measure %1? You can undo this with Ctrl+Z in the ledger.</source>
        <translation>删除第 %1 项措施？可在台账中按 Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <source>Cannot change the measures</source>
        <translation>无法修改措施</translation>
    </message>
</context>
<context>
    <name>ScheduleTab</name>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Planned %</source>
        <translation>计划进度（%）</translation>
    </message>
    <message>
        <source>Reported %</source>
        <translation>实际进度（%）</translation>
    </message>
    <message>
        <source>Type the share of the whole task planned by the end of each month, and the share reported. A task lags when the reported share is below plan by more than the tolerance (%1 points).</source>
        <translation>按月填写到月底应完成的累计进度（计划）和报送的实际进度。实际低于计划超过容差（%1 个百分点）即为滞后。</translation>
    </message>
    <message>
        <source>No plan yet</source>
        <translation>尚未制定序时进度</translation>
    </message>
    <message>
        <source>This month: %1</source>
        <translation>本月：%1</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
</context>
</TS>
