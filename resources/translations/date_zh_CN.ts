<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DateField</name>
    <message>
        <source>Not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <source>yyyy-mm-dd</source>
        <translation>年-月-日</translation>
    </message>
    <message>
        <source>Pick from the calendar (F4)</source>
        <translation>从日历中选择（F4）</translation>
    </message>
    <message>
        <source>Type 2026-12-01, 20261201, 2026.12.1, 2026/12/1 or 12月1日; ↑/↓ change the day, F4 opens the calendar</source>
        <translation>可输入 2026-12-01、20261201、2026.12.1、2026/12/1 或 12月1日；↑/↓ 调整日期，F4 打开日历，Ctrl+; 填今天</translation>
    </message>
    <message>
        <source>A date is needed here, e.g. 2026-12-01</source>
        <translation>此处须填写日期，例如 2026-12-01</translation>
    </message>
</context>
</TS>
