<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BulletinExport</name>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Exporting %1…</source>
        <translation>正在导出%1…</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>已导出</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>已保存到 %1。</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Export Word</source>
        <translation>导出Word</translation>
    </message>
    <message>
        <source>Export Excel</source>
        <translation>导出Excel</translation>
    </message>
</context>
<context>
    <name>BulletinPage</name>
    <message>
        <source>File › Monthly freeze…</source>
        <translation>文件 › 月度封账…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Preparing the bulletin…</source>
        <translation>正在生成通报…</translation>
    </message>
    <message>
        <source>Bulletins</source>
        <translation>通报</translation>
    </message>
    <message>
        <source>Monthly bulletin</source>
        <translation>月度通报</translation>
    </message>
    <message>
        <source>Quarterly completion</source>
        <translation>季度办结率</translation>
    </message>
</context>
<context>
    <name>MonthlyTab</name>
    <message>
        <source>Frozen month:</source>
        <translation>封账月份：</translation>
    </message>
    <message>
        <source>No month is frozen yet. The monthly bulletin is made from a frozen month: on its report day freeze the month with %1, or run desk-app freeze YYYY-MM on the command line.</source>
        <translation>还没有封账的月份。月度通报由封账的数据生成：请在报送日用 %1封账，或在命令行运行 desk-app freeze YYYY-MM。</translation>
    </message>
</context>
<context>
    <name>QuarterTab</name>
    <message>
        <source>Quarter:</source>
        <translation>季度：</translation>
    </message>
    <message>
        <source>No month is frozen yet. The quarterly completion bulletin is made from the frozen months of the quarter.</source>
        <translation>还没有封账的月份。季度办结率通报由本季度各月的封账数据生成。</translation>
    </message>
</context>
</TS>
