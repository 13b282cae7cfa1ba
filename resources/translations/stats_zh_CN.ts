<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>StatsPage</name>
    <message>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>Print statistics summary</source>
        <translation>打印统计汇总</translation>
    </message>
    <message>
        <source>Freeze…</source>
        <translation>封账…</translation>
    </message>
    <message>
        <source>Freeze a month, or unfreeze it (File › Monthly freeze)</source>
        <translation>封账或解除封账（文件 › 月度封账）</translation>
    </message>
    <message>
        <source>Show and print the figures of now, or of a frozen month as it stood on its report day</source>
        <translation>显示并打印当前的数字，或某个封账月份按报送日保存的数字</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>By layer</source>
        <translation>按层级</translation>
    </message>
    <message>
        <source>By department</source>
        <translation>按责任单位</translation>
    </message>
    <message>
        <source>By assisting department</source>
        <translation>按配合单位</translation>
    </message>
    <message>
        <source>By task force</source>
        <translation>按专班</translation>
    </message>
    <message>
        <source>By category</source>
        <translation>按问题类别</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <source>Assisting department</source>
        <translation>配合单位</translation>
    </message>
    <message>
        <source>Task force</source>
        <translation>专班</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>问题类别</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>问题总数</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Completion rate</source>
        <translation>累计完成率</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Cumulative</source>
        <translation>累计问题</translation>
    </message>
    <message>
        <source>Cumulative done</source>
        <translation>累计办结</translation>
    </message>
    <message>
        <source>Monthly trend</source>
        <translation>月度趋势</translation>
    </message>
    <message>
        <source>Click a bar, or double-click a row, to open its entries in the ledger.</source>
        <translation>单击图中的条形，或双击表格中的一行，即可在台账中查看相应事项。</translation>
    </message>
    <message>
        <source>Figures of now</source>
        <translation>当前数字</translation>
    </message>
    <message>
        <source>As of %1 (frozen)</source>
        <translation>%1（已封账）</translation>
    </message>
    <message>
        <source>No campaign yet.</source>
        <translation>还没有活动。</translation>
    </message>
    <message>
        <source>Reading the frozen month…</source>
        <translation>正在读取封账数据…</translation>
    </message>
    <message>
        <source>Counting the figures…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>The figures could not be read: %1</source>
        <translation>统计数据读取失败：%1</translation>
    </message>
    <message>
        <source>Statistics as of %1 (frozen)</source>
        <translation>统计（%1 封账数字）</translation>
    </message>
    <message>
        <source>%1 entries, %2 done, completion rate %3; %4 open, %5 overdue; on-time rate %6; average %7 days to close.</source>
        <translation>台账共 %1 条，已完成 %2 条，完成率 %3；未完成 %4 条，逾期 %5 条；按期办结率 %6；平均办结用时 %7 天。</translation>
    </message>
    <message>
        <source>Other entries (no layer)</source>
        <translation>其他事项（无层级）</translation>
    </message>
    <message>
        <source>Grand total</source>
        <translation>合计</translation>
    </message>
</context>
</TS>
