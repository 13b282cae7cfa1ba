<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ChoicesSettings</name>
    <message>
        <source>Remove “%1”</source>
        <translation>移除“%1”</translation>
    </message>
    <message>
        <source>Categories and sources</source>
        <translation>类别与来源</translation>
    </message>
    <message>
        <source>Problem categories</source>
        <translation>问题类别</translation>
    </message>
    <message>
        <source>Problem sources</source>
        <translation>问题来源</translation>
    </message>
    <message>
        <source>Rectification modes</source>
        <translation>整改方式</translation>
    </message>
    <message>
        <source>Task sources</source>
        <translation>任务来源</translation>
    </message>
    <message>
        <source>Ways of urging</source>
        <translation>催办方式</translation>
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
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Entries that use it keep it; it only leaves the pick list.</source>
        <translation>已使用该值的台账不受影响，只是不再出现在下拉列表中。</translation>
    </message>
    <message>
        <source>Add to list</source>
        <translation>添加到列表</translation>
    </message>
    <message>
        <source>Value:</source>
        <translation>值：</translation>
    </message>
    <message>
        <source>Cannot add</source>
        <translation>无法添加</translation>
    </message>
    <message>
        <source>Cannot change the list</source>
        <translation>不能修改列表</translation>
    </message>
    <message>
        <source>Ctrl+Z: undo %1</source>
        <translation>Ctrl+Z：撤销%1</translation>
    </message>
</context>
</TS>
