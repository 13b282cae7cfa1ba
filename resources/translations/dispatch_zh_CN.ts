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
