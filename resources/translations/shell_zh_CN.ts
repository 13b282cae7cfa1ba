<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <source>Desk ledger</source>
        <translation>专班·例会·整改台账</translation>
    </message>
    <message>
        <source>Cannot open the data</source>
        <translation>无法打开数据</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>No campaign yet</source>
        <translation>尚无活动</translation>
    </message>
    <message>
        <source>Task forces, meetings and rectification ledger</source>
        <translation>专班·例会·整改台账</translation>
    </message>
    <message>
        <source>Campaign: %1  Version %2</source>
        <translation>活动：%1&#x3000;版本 %2</translation>
    </message>
</context>
<context>
    <name>Tasks</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>出错</translation>
    </message>
</context>
</TS>
