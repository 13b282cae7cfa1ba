<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DispatchDialog</name>
    <message>
        <source>Monthly dispatch</source>
        <translation>本月调度</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Month:</source>
        <translation>月份：</translation>
    </message>
    <message>
        <source>Enter: edit / save and go to the next row · Esc: cancel the edit · Ctrl+Z: undo</source>
        <translation>回车：填写 / 保存并转到下一条 · Esc：取消本次填写 · Ctrl+Z：撤销</translation>
    </message>
    <message>
        <source>The monthly dispatch lists open entries (not started or in progress), but the ledger is filtered to %1. Remove that condition in the ledger (or choose All entries) and open the dispatch again.</source>
        <translation>本月调度只列出未启动、推进中的事项，而台账当前筛选的是“%1”。请在台账中去掉这个条件（或点“全部事项”）后再打开本月调度。</translation>
    </message>
    <message>
        <source>No open entry (not started or in progress) matches the ledger&apos;s filter: %1. Remove a condition in the ledger and open the dispatch again.</source>
        <translation>台账当前的筛选条件（%1）下没有未启动或推进中的事项。请在台账中去掉某个条件后再打开本月调度。</translation>
    </message>
    <message>
        <source>This campaign has no open entries (not started or in progress): there is no progress to report this month.</source>
        <translation>本活动没有未启动或推进中的事项，本月无需填报进展。</translation>
    </message>
    <message>
        <source>Filled %1 of %2</source>
        <translation>已填 %1 / %2 条</translation>
    </message>
</context>
<context>
    <name>DispatchSchedule</name>
    <message>
        <source>Schedule (actual %)</source>
        <translation>序时进度（实际%）</translation>
    </message>
</context>
</TS>
