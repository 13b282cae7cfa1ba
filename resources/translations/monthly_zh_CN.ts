<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
