<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>RegisterItemDialog</name>
    <message>
        <source>Edit %1</source>
        <translation>修改%1</translation>
    </message>
    <message>
        <source>New row of %1</source>
        <translation>新增%1</translation>
    </message>
    <message>
        <source>A file on this computer or the shared drive, or a web address</source>
        <translation>本机或共享盘上的文件，或网址</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>科室（单位）</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>责任人</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Document number</source>
        <translation>文号</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文件位置</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Choose the document</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <source>“%1” is not in the list of %2.</source>
        <translation>“%1”不在%2列表中。</translation>
    </message>
</context>
<context>
    <name>RegisterTab</name>
    <message>
        <source>Search title, content, area, document number…</source>
        <translation>搜索名称、内容、方面、文号…</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>New…</source>
        <translation>新增…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Undo delete</source>
        <translation>撤销删除</translation>
    </message>
    <message>
        <source>Open document</source>
        <translation>打开文件</translation>
    </message>
    <message>
        <source>Export Excel…</source>
        <translation>导出Excel…</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>责任人</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Document number</source>
        <translation>文号</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>科室（单位）</translation>
    </message>
    <message>
        <source>%1 rows (%2); %3 past their date.</source>
        <translation>共 %1 项（%2）；%3 项已过时限。</translation>
    </message>
    <message>
        <source>%1 areas. </source>
        <translation>%1 个方面。</translation>
    </message>
    <message>
        <source>No target yet: %1.</source>
        <translation>尚未设定目标：%1。</translation>
    </message>
    <message>
        <source>More than two targets: %1.</source>
        <translation>目标超过两项：%1。</translation>
    </message>
    <message>
        <source>No document is linked to this row.</source>
        <translation>这一项还没有关联文件。</translation>
    </message>
    <message>
        <source>The file %1 is not there (moved, or on a drive not connected). Edit the row to link it again.</source>
        <translation>找不到文件 %1（可能已移动，或所在的盘未连接）。请修改这一项重新关联文件。</translation>
    </message>
    <message>
        <source>Export Excel</source>
        <translation>导出Excel</translation>
    </message>
</context>
<context>
    <name>RegistersPage</name>
    <message>
        <source>Rules and targets</source>
        <translation>制度与目标</translation>
    </message>
    <message>
        <source>Rules register</source>
        <translation>制度清单</translation>
    </message>
    <message>
        <source>Promotion targets</source>
        <translation>晋位升级目标</translation>
    </message>
</context>
</TS>
