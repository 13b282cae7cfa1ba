<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>MergeDialog</name>
    <message>
        <source>Merge changes: %1</source>
        <translation>合并修改：%1</translation>
    </message>
    <message>
        <source>someone else</source>
        <translation>其他人</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 saved this record at %2 while you were editing it.&lt;/b&gt; Nothing of yours is lost and nothing has been overwritten. For each field below choose which version to keep, then save the result.</source>
        <translation>&lt;b&gt;你编辑期间，%1 于 %2 保存了这条记录。&lt;/b&gt;你的修改没有丢失，也没有覆盖任何内容。请逐项选择保留哪一方的内容，然后保存合并结果。</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Yours</source>
        <translation>你的内容</translation>
    </message>
    <message>
        <source>Theirs (%1)</source>
        <translation>对方的内容（%1）</translation>
    </message>
    <message>
        <source>Theirs</source>
        <translation>对方的内容</translation>
    </message>
    <message>
        <source>All mine</source>
        <translation>全部用我的</translation>
    </message>
    <message>
        <source>All theirs</source>
        <translation>全部用对方的</translation>
    </message>
    <message>
        <source>Save merged</source>
        <translation>保存合并结果</translation>
    </message>
    <message>
        <source>Back to editing</source>
        <translation>返回编辑</translation>
    </message>
    <message>
        <source>Nothing is saved; your changes stay in the form</source>
        <translation>不保存；你的修改仍留在表单中</translation>
    </message>
    <message>
        <source>Their changes do not touch the fields you changed: saving keeps both.</source>
        <translation>对方改动的内容与你的修改不冲突：保存后两边的修改都会保留。</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>Before either change: %1</source>
        <translation>修改前：%1</translation>
    </message>
    <message>
        <source>Yours: %1</source>
        <translation>你的内容：%1</translation>
    </message>
    <message>
        <source>Theirs: %1</source>
        <translation>对方的内容：%1</translation>
    </message>
    <message>
        <source>%1 fields changed on both sides: choose yours or theirs (← / → on the selected row)</source>
        <translation>还有 %1 个字段两边都改了，请选择保留你的还是对方的（在选中行按 ← / →）</translation>
    </message>
    <message>
        <source>Every field is decided.</source>
        <translation>每个字段都已选定。</translation>
    </message>
</context>
</TS>
