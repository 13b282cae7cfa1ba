<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AssistDialog</name>
    <message>
        <source>Assisting departments</source>
        <translation>配合处室</translation>
    </message>
    <message>
        <source>Filter: name, short name or pinyin initials</source>
        <translation>筛选：名称、简称或拼音首字母</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>AssistPicker</name>
    <message>
        <source>Pick with … or type names separated by 、</source>
        <translation>点“选择…”勾选，或输入名称，多个用“、”分隔</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Not in the department list (kept as text, not counted by department): %1</source>
        <translation>不在科室（单位）列表中（按文字保留，不计入按科室的统计）：%1</translation>
    </message>
</context>
</TS>
