<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ChartPanel</name>
    <message>
        <source>Completion by department</source>
        <translation>各科室完成率</translation>
    </message>
    <message>
        <source>Completion by task force</source>
        <translation>各专班完成率</translation>
    </message>
    <message>
        <source>Monthly trend</source>
        <translation>月度趋势</translation>
    </message>
    <message>
        <source>Overdue by layer</source>
        <translation>各层级逾期事项</translation>
    </message>
    <message>
        <source>No entries yet</source>
        <translation>暂无台账事项</translation>
    </message>
    <message>
        <source>%1: %2 overdue of %3 open</source>
        <translation>%1：未完成 %3 项，其中逾期 %2 项</translation>
    </message>
    <message>
        <source>%1: %2 new, %3 closed; completion rate %4</source>
        <translation>%1：新增 %2 项，完成 %3 项；累计完成率 %4</translation>
    </message>
    <message>
        <source>Completion rate</source>
        <translation>累计完成率</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>%1: %2 of %3 done (%4), %5 overdue — click to open them in the ledger</source>
        <translation>%1：%3 项中已完成 %2 项（%4），逾期 %5 项——单击在台账中查看</translation>
    </message>
</context>
</TS>
