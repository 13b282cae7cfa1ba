<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>SupervisionSettings</name>
    <message>
        <source>Supervision</source>
        <translation>督办</translation>
    </message>
    <message>
        <source>Rule set</source>
        <translation>督办规则</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>Time limit</source>
        <translation>时限要求</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <source>Missed nodes ≥</source>
        <translation>误节点数 ≥</translation>
    </message>
    <message>
        <source>Working days late ≥</source>
        <translation>逾期工作日 ≥</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Kinds on the clock:</source>
        <translation>按督办时限管理的事项类型：</translation>
    </message>
    <message>
        <source>Rule sets (one row per node; 0 working days = the same day)</source>
        <translation>督办规则（每行一个节点；0 个工作日即当天）</translation>
    </message>
    <message>
        <source>Escalation as nodes are missed</source>
        <translation>误节点升级（蓝→黄→红）</translation>
    </message>
    <message>
        <source>Working calendar</source>
        <translation>工作日历</translation>
    </message>
    <message>
        <source>Extra holidays</source>
        <translation>补录的节假日</translation>
    </message>
    <message>
        <source>Extra working days (调休)</source>
        <translation>补录的调休上班日</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <source>Matters already on a rule set keep their nodes; changes apply to new matters and to a rule set chosen again.</source>
        <translation>已按规则督办的事项保留原节点；修改对新事项和重新选择规则的事项生效。</translation>
    </message>
    <message>
        <source>Add row</source>
        <translation>添加一行</translation>
    </message>
    <message>
        <source>Remove row</source>
        <translation>删除所选行</translation>
    </message>
    <message>
        <source>"%1" is not a date: write it as 2027-01-01</source>
        <translation>“%1”不是日期，请写成 2027-01-01 的形式</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
</context>
<context>
    <name>SupervisionTab</name>
    <message>
        <source>Supervision sheet…</source>
        <translation>督办单…</translation>
    </message>
    <message>
        <source>Urging sheet…</source>
        <translation>催办单…</translation>
    </message>
    <message>
        <source>Rule set:</source>
        <translation>督办规则：</translation>
    </message>
    <message>
        <source>Nodes</source>
        <translation>办理节点</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>Time limit</source>
        <translation>时限要求</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>应完成日期</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>实际完成日期</translation>
    </message>
    <message>
        <source>State</source>
        <translation>办理情况</translation>
    </message>
    <message>
        <source>Record done date</source>
        <translation>登记完成日期</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Done on:</source>
        <translation>完成日期：</translation>
    </message>
    <message>
        <source>Urging record (催办)</source>
        <translation>催办记录</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Way</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>To whom</source>
        <translation>催办对象</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答复情况</translation>
    </message>
    <message>
        <source>By</source>
        <translation>登记人</translation>
    </message>
    <message>
        <source>Unit or person</source>
        <translation>单位或人员</translation>
    </message>
    <message>
        <source>What they answered (Enter adds)</source>
        <translation>答复情况（回车添加）</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Not on the 13710 clock: fill in 交办日期 on the Details tab and save (kinds on the clock: %1).</source>
        <translation>未按“13710”督办时限管理：请在“基本信息”中填写交办日期并保存（按督办时限管理的类型：%1）。</translation>
    </message>
    <message>
        <source> (%1 working days late)</source>
        <translation>（逾期 %1 个工作日）</translation>
    </message>
    <message>
        <source> — reported done on %1, apply to close</source>
        <translation>（已报 %1 办结，请申请销号）</translation>
    </message>
    <message>
        <source> (completion date)</source>
        <translation>（完成日期）</translation>
    </message>
    <message>
        <source> (estimate)</source>
        <translation>（估算）</translation>
    </message>
    <message>
        <source>Cannot record the date</source>
        <translation>无法登记日期</translation>
    </message>
    <message>
        <source>Apply to close?</source>
        <translation>申请销号？</translation>
    </message>
    <message>
        <source>办结 recorded. The matter counts as done, and its 督办 clock stops, only once it is put forward for 销号 with its completion and evidence. Apply to close now?</source>
        <translation>办结日期已登记。事项要提交完成情况和佐证材料申请销号后才算办结，督办时限也到那时才停止计算。现在申请销号吗？</translation>
    </message>
    <message>
        <source>Cannot change the rule set</source>
        <translation>无法更改督办规则</translation>
    </message>
    <message>
        <source>Cannot add the record</source>
        <translation>无法添加催办记录</translation>
    </message>
    <message>
        <source>Cannot remove the record</source>
        <translation>无法删除催办记录</translation>
    </message>
</context>
<context>
    <name>SupervisionUndo</name>
    <message>
        <source>Supervision node of %1</source>
        <translation>%1 的督办节点</translation>
    </message>
    <message>
        <source>Supervision rule set of %1</source>
        <translation>%1 的督办规则</translation>
    </message>
    <message>
        <source>Urging record of %1</source>
        <translation>%1 的催办记录</translation>
    </message>
    <message>
        <source>Remove urging record of %1</source>
        <translation>删除 %1 的催办记录</translation>
    </message>
</context>
</TS>
