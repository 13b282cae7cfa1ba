<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>FillInExportDialog</name>
    <message>
        <source>Export department fill-in workbooks</source>
        <translation>导出科室填报表</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>%1 (%2 open entries)</source>
        <translation>%1（%2 条未完成事项）</translation>
    </message>
    <message>
        <source>%1 open entries have no department and go into no workbook: give them one in the ledger.</source>
        <translation>有 %1 条未完成事项没有责任单位，不会放入任何填报表：请先在台账中补上责任单位。</translation>
    </message>
    <message>
        <source>Each department gets one Excel workbook with only its open entries. The ledger's columns are locked; the department fills in this month's progress, and may apply for closing or for an extension from lists. Send the files out, collect them back, then use File › Import returned fill-in workbooks.</source>
        <translation>每个科室一个 Excel 工作簿，只含本科室未完成的事项。台账内容各列已锁定；科室填写本月进展，可从下拉列表申请销号或延期。把文件发给各科室，收回后用 文件 › 导入科室填报表 一次导入。</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Save into folder</source>
        <translation>保存到文件夹</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>科室</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Choose a folder to save the workbooks in.</source>
        <translation>请选择保存填报表的文件夹。</translation>
    </message>
    <message>
        <source>Choose at least one department.</source>
        <translation>请至少选择一个科室。</translation>
    </message>
    <message>
        <source>Writing the fill-in workbooks…</source>
        <translation>正在生成填报表…</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
</context>
<context>
    <name>FillInImportDialog</name>
    <message>
        <source>Import returned fill-in workbooks</source>
        <translation>导入科室填报表</translation>
    </message>
    <message>
        <source>Choose the returned workbooks, or the folder that holds them.</source>
        <translation>请选择各科室交回的填报表，或存放它们的文件夹。</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>科室</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>已填报</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>本月进展</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Extension</source>
        <translation>延期</translation>
    </message>
    <message>
        <source>Apply to close</source>
        <translation>申请销号</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>问题编号</translation>
    </message>
    <message>
        <source>Will write</source>
        <translation>将写入</translation>
    </message>
    <message>
        <source>Not taken / why</source>
        <translation>未导入的内容及原因</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>科室</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>需要注意</translation>
    </message>
    <message>
        <source>Not reported</source>
        <translation>未报</translation>
    </message>
    <message>
        <source>For conflicts, take the workbook's progress (default: keep what is here)</source>
        <translation>冲突时以填报表的本月进展为准（默认保留本机的）</translation>
    </message>
    <message>
        <source>Print reminder notice…</source>
        <translation>打印催报通知…</translation>
    </message>
    <message>
        <source>Choose files…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Choose folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Choose the returned fill-in workbooks</source>
        <translation>选择交回的填报表</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Choose the folder of returned workbooks</source>
        <translation>选择存放交回填报表的文件夹</translation>
    </message>
    <message>
        <source>Checking the workbooks…</source>
        <translation>正在检查填报表…</translation>
    </message>
    <message>
        <source>Nothing: every row can be taken as written.</source>
        <translation>没有：每一行都可以按填写的内容导入。</translation>
    </message>
    <message>
        <source>%1 — %2 open entries</source>
        <translation>%1 —— %2 条未完成事项</translation>
    </message>
    <message>
        <source>Every department has reported.</source>
        <translation>各科室均已报送。</translation>
    </message>
    <message>
        <source>Needs attention (%1)</source>
        <translation>需要注意（%1）</translation>
    </message>
    <message>
        <source>Not reported (%1)</source>
        <translation>未报（%1）</translation>
    </message>
    <message>
        <source>%1 rows or files will not be taken (see “Needs attention”). Import the rest?</source>
        <translation>有 %1 处行或文件不会导入（见“需要注意”）。导入其余内容吗？</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
</context>
<context>
    <name>FreezeDialog</name>
    <message>
        <source>Monthly freeze</source>
        <translation>月度封账</translation>
    </message>
    <message>
        <source>Freezing keeps a month's ledger as it stood on the report day (the %1th of each month, see Settings › General): every entry's status, this month's progress, deadline and light, and the figures. Prints, exports and statistics of a frozen month stay exactly the same afterwards, whatever changes in the ledger.</source>
        <translation>封账把某月的台账按报送日（每月%1日，见 设置 › 常规）保存下来：每条事项的状态、本月进展、整改时限和红黄灯，以及各项统计数字。此后该月的打印、导出和统计与封账时完全一致，不随台账的修改而变化。</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Report day</source>
        <translation>报送日</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>事项数</translation>
    </message>
    <message>
        <source>Completion rate</source>
        <translation>完成率</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Frozen at</source>
        <translation>封账时间</translation>
    </message>
    <message>
        <source>&amp;Freeze…</source>
        <translation>封账(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Unfreeze…</source>
        <translation>解除封账(&amp;U)…</translation>
    </message>
    <message>
        <source>Print &amp;ledger</source>
        <translation>打印台账(&amp;L)</translation>
    </message>
    <message>
        <source>Print &amp;dispatch sheet</source>
        <translation>打印调度表(&amp;D)</translation>
    </message>
    <message>
        <source>Print &amp;statistics</source>
        <translation>打印统计汇总(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Export Excel…</source>
        <translation>导出Excel(&amp;E)…</translation>
    </message>
    <message>
        <source>Frozen month:</source>
        <translation>已封账月份：</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Freezes and unfreezes:</source>
        <translation>封账与解除封账记录：</translation>
    </message>
    <message>
        <source>Frozen</source>
        <translation>已封账</translation>
    </message>
    <message>
        <source>Not frozen — report day passed</source>
        <translation>未封账（报送日已过）</translation>
    </message>
    <message>
        <source>Not frozen</source>
        <translation>未封账</translation>
    </message>
    <message>
        <source>  reason: %1</source>
        <translation>　原因：%1</translation>
    </message>
    <message>
        <source>Freeze %1</source>
        <translation>封账：%1</translation>
    </message>
    <message>
        <source>Statuses and progress are kept as they are recorded now; lights and overdue are counted as of the report day. Only entries found by the report day are included.</source>
        <translation>状态和进展按现在的记录保存；红黄灯和逾期按报送日计算。只包括报送日及以前发现（录入）的事项。</translation>
    </message>
    <message>
        <source>Freeze</source>
        <translation>封账</translation>
    </message>
    <message>
        <source>Freeze early</source>
        <translation>提前封账</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>%1 frozen as of %2: %3 entries, completion rate %4, %5 overdue.</source>
        <translation>%1 已按 %2 封账：共 %3 条事项，完成率 %4，逾期 %5 条。</translation>
    </message>
    <message>
        <source>Freezing %1…</source>
        <translation>正在封账：%1…</translation>
    </message>
    <message>
        <source>Unfreeze %1</source>
        <translation>解除封账：%1</translation>
    </message>
    <message>
        <source>Why is this month unfrozen? (kept in the change history)</source>
        <translation>请说明解除封账的原因（记入修改记录）：</translation>
    </message>
</context>
<context>
    <name>MonthlyActions</name>
    <message>
        <source>Monthly &amp;freeze…</source>
        <translation>月度封账(&amp;F)…</translation>
    </message>
    <message>
        <source>Export department fill-in &amp;workbooks…</source>
        <translation>导出科室填报表(&amp;W)…</translation>
    </message>
    <message>
        <source>Import returned fill-in wor&amp;kbooks…</source>
        <translation>导入科室填报表(&amp;K)…</translation>
    </message>
</context>
</TS>
