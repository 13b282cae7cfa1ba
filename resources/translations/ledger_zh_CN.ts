<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BulkValueDialog</name>
    <message>
        <source>Set status</source>
        <translation>批量修改状态</translation>
    </message>
    <message>
        <source>Set department</source>
        <translation>批量修改责任单位</translation>
    </message>
    <message>
        <source>Set responsible person</source>
        <translation>批量修改责任人</translation>
    </message>
    <message>
        <source>Set deadline</source>
        <translation>批量修改整改时限</translation>
    </message>
    <message>
        <source>Change %1 selected entries to:</source>
        <translation>把选中的 %1 条事项改为：</translation>
    </message>
    <message>
        <source>You can undo this with Ctrl+Z.</source>
        <translation>可按 Ctrl+Z 撤销。</translation>
    </message>
</context>
<context>
    <name>CheckListButton</name>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>%1 chosen</source>
        <translation>已选 %1 项</translation>
    </message>
</context>
<context>
    <name>CheckListPopup</name>
    <message>
        <source>Find a value…</source>
        <translation>查找…</translation>
    </message>
    <message>
        <source>(Select all)</source>
        <translation>（全选）</translation>
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
    <name>ColumnsDialog</name>
    <message>
        <source>Columns</source>
        <translation>显示列</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Defaults</source>
        <translation>恢复默认</translation>
    </message>
    <message>
        <source>Tick the columns to show; drag to reorder.</source>
        <translation>勾选要显示的列；拖动可调整顺序。</translation>
    </message>
</context>
<context>
    <name>DispatchModel</name>
    <message>
        <source>Light</source>
        <translation>灯</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>问题编号</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>问题表现</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>责任人</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>整改时限</translation>
    </message>
    <message>
        <source>Progress this month</source>
        <translation>本月进展</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>上月进展</translation>
    </message>
</context>
<context>
    <name>EmptyPlaceholder</name>
    <message>
        <source>No records</source>
        <translation>暂无记录</translation>
    </message>
</context>
<context>
    <name>ExtendDialog</name>
    <message>
        <source>Extend the deadline of %1</source>
        <translation>%1 延期</translation>
    </message>
    <message>
        <source>Extend the deadline of %1 entries</source>
        <translation>%1 条事项延期</translation>
    </message>
    <message>
        <source>Deadline: %1</source>
        <translation>整改时限：%1</translation>
    </message>
    <message>
        <source> and %1 more</source>
        <translation> 等 %1 项</translation>
    </message>
    <message>
        <source>Entries:</source>
        <translation>事项：</translation>
    </message>
    <message>
        <source>Extended %1 times so far</source>
        <translation>已延期 %1 次</translation>
    </message>
    <message>
        <source>%1 of them extended before</source>
        <translation>其中 %1 条以前延期过</translation>
    </message>
    <message>
        <source>Extensions:</source>
        <translation>延期次数：</translation>
    </message>
    <message>
        <source>Never extended</source>
        <translation>从未延期</translation>
    </message>
    <message>
        <source>Earlier extensions:</source>
        <translation>以往延期：</translation>
    </message>
    <message>
        <source>Why the deadline moves (shown in the history and counted)</source>
        <translation>为什么延期（记入修改记录并计入延期次数）</translation>
    </message>
    <message>
        <source>New deadline:</source>
        <translation>新的整改时限：</translation>
    </message>
    <message>
        <source>Reason (required):</source>
        <translation>延期理由（必填）：</translation>
    </message>
    <message>
        <source>Extend</source>
        <translation>延期</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>FilterChips</name>
    <message>
        <source>Recycle bin</source>
        <translation>回收站</translation>
    </message>
    <message>
        <source>Search “%1”</source>
        <translation>搜索“%1”</translation>
    </message>
    <message>
        <source>Sent by</source>
        <translation>来源单位</translation>
    </message>
    <message>
        <source> and %1 more</source>
        <translation> 等 %1 项</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Due in %1 days</source>
        <translation>%1 天内到期</translation>
    </message>
    <message>
        <source>Open only</source>
        <translation>仅未完成</translation>
    </message>
    <message>
        <source>Deadline %1 to %2</source>
        <translation>整改时限 %1 至 %2</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>我负责的</translation>
    </message>
    <message>
        <source>Involving %1</source>
        <translation>涉及 %1</translation>
    </message>
    <message>
        <source>Decisions of one meeting</source>
        <translation>某次会议的议定事项</translation>
    </message>
    <message>
        <source>Supervision nodes due today</source>
        <translation>督办节点今日到期</translation>
    </message>
    <message>
        <source>Supervision nodes missed</source>
        <translation>督办节点已逾期</translation>
    </message>
    <message>
        <source>Supervision nodes due today or missed</source>
        <translation>督办节点今日到期或已逾期</translation>
    </message>
    <message>
        <source>Behind schedule</source>
        <translation>序时滞后</translation>
    </message>
    <message>
        <source>Departments assist</source>
        <translation>所选科室为配合单位</translation>
    </message>
    <message>
        <source>Departments lead or assist</source>
        <translation>所选科室牵头或配合</translation>
    </message>
    <message>
        <source>Found by %1</source>
        <translation>截至 %1 发现</translation>
    </message>
    <message>
        <source>No filter: every entry is listed</source>
        <translation>未筛选：列出全部事项</translation>
    </message>
    <message>
        <source>Remove this condition</source>
        <translation>去掉这个条件</translation>
    </message>
</context>
<context>
    <name>LedgerActions</name>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进展</translation>
    </message>
    <message>
        <source>Apply to close</source>
        <translation>申请销号</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>销号审核</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <source>Status…</source>
        <translation>状态…</translation>
    </message>
    <message>
        <source>Department…</source>
        <translation>责任单位…</translation>
    </message>
    <message>
        <source>Responsible person…</source>
        <translation>责任人…</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Extend…</source>
        <translation>延期…</translation>
    </message>
    <message>
        <source>Extend the deadline…</source>
        <translation>延期…</translation>
    </message>
    <message>
        <source>Monthly dispatch</source>
        <translation>本月调度</translation>
    </message>
    <message>
        <source>Columns…</source>
        <translation>显示列…</translation>
    </message>
    <message>
        <source>Save view…</source>
        <translation>保存当前视图…</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Copy rows with headers</source>
        <translation>复制选中行（含表头）</translation>
    </message>
    <message>
        <source>Handle</source>
        <translation>办理</translation>
    </message>
    <message>
        <source>Extend, apply to close, review, reopen</source>
        <translation>延期、申请销号、销号审核、重新打开</translation>
    </message>
    <message>
        <source>Bulk change</source>
        <translation>批量修改</translation>
    </message>
    <message>
        <source>More</source>
        <translation>更多</translation>
    </message>
    <message>
        <source>Freeze number and description columns</source>
        <translation>冻结问题编号、问题表现列</translation>
    </message>
    <message>
        <source>Wrap text in rows</source>
        <translation>行内自动换行</translation>
    </message>
    <message>
        <source>Sort by type and number again</source>
        <translation>恢复默认排序（类型、编号）</translation>
    </message>
    <message>
        <source>Delete a saved view…</source>
        <translation>删除已保存的视图…</translation>
    </message>
    <message>
        <source>View</source>
        <translation>视图</translation>
    </message>
    <message>
        <source>Move %1 entries to the recycle bin? You can restore them there, or undo with Ctrl+Z.</source>
        <translation>把 %1 条事项移入回收站？可在回收站恢复，或按 Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <source>%1 on %2 entries</source>
        <translation>%1（%2 条）</translation>
    </message>
    <message>
        <source>Cannot do that</source>
        <translation>无法执行</translation>
    </message>
    <message>
        <source>Save view</source>
        <translation>保存视图</translation>
    </message>
    <message>
        <source>Name of the view:</source>
        <translation>视图名称：</translation>
    </message>
    <message>
        <source>Cannot save the view</source>
        <translation>无法保存视图</translation>
    </message>
    <message>
        <source>Saved views</source>
        <translation>已保存的视图</translation>
    </message>
    <message>
        <source>There are no saved views yet.</source>
        <translation>还没有保存过视图。</translation>
    </message>
    <message>
        <source>Delete a saved view</source>
        <translation>删除视图</translation>
    </message>
    <message>
        <source>View:</source>
        <translation>视图：</translation>
    </message>
</context>
<context>
    <name>LedgerCopy</name>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>%1 rows are selected; at most %2 can be copied at once. Use Export → Excel for the whole list.</source>
        <translation>已选中 %1 行，一次最多复制 %2 行。整个列表请用“导出 Excel”。</translation>
    </message>
</context>
<context>
    <name>LedgerDialogs</name>
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
    <name>LedgerFilterBar</name>
    <message>
        <source>Search description, measures, target, progress, names, number…  (Ctrl+F)</source>
        <translation>搜索问题表现、措施、目标、进展、姓名、编号…（Ctrl+F）</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Due in 7 days</source>
        <translation>7天内到期</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>我负责的</translation>
    </message>
    <message>
        <source>Entries where the clerk named in Settings is responsible, owner or leader</source>
        <translation>“设置”中填写的本人作为责任人、所属人员或责任领导的事项</translation>
    </message>
    <message>
        <source>Behind schedule</source>
        <translation>序时滞后</translation>
    </message>
    <message>
        <source>Key tasks whose reported monthly progress is below plan</source>
        <translation>月度序时进度低于计划的重点任务</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>牵头</translation>
    </message>
    <message>
        <source>Leads or assists</source>
        <translation>牵头或配合</translation>
    </message>
    <message>
        <source>Assists</source>
        <translation>配合</translation>
    </message>
    <message>
        <source>Whether the department picked leads the entries, assists with them, or either</source>
        <translation>所选科室是牵头（责任单位）、配合，还是两者之一</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>Deadline from</source>
        <translation>整改时限从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Departments picked</source>
        <translation>所选科室</translation>
    </message>
    <message>
        <source>Enter your name under Settings → General (the clerk&apos;s name, as in the people list) to see the entries you are responsible for.</source>
        <translation>请先在“设置 → 常规”中填写经办人姓名（与人员名单中的姓名一致），才能查看本人负责的事项。</translation>
    </message>
</context>
<context>
    <name>LedgerPage</name>
    <message>
        <source>Ledger</source>
        <translation>整改台账</translation>
    </message>
    <message>
        <source>All entries</source>
        <translation>全部事项</translation>
    </message>
    <message>
        <source>Filtered list</source>
        <translation>筛选结果</translation>
    </message>
    <message>
        <source>No entry matches: %1. Remove a condition above (×) or clear the filters.</source>
        <translation>没有符合条件的事项：%1。可点上方条件的 × 去掉它，或清除筛选。</translation>
    </message>
    <message>
        <source>No records</source>
        <translation>暂无记录</translation>
    </message>
    <message>
        <source>Total %1, counting the other figures…</source>
        <translation>共 %1 条，其余数字统计中…</translation>
    </message>
    <message>
        <source>Total %1, overdue %2, completion rate %3%</source>
        <translation>共 %1 条，逾期 %2 条，完成率 %3%</translation>
    </message>
    <message>
        <source>awaiting close review %1</source>
        <translation>待审核销号 %1 条</translation>
    </message>
    <message>
        <source>%1 selected</source>
        <translation>已选 %1 条</translation>
    </message>
    <message>
        <source>Filtered: %1</source>
        <translation>筛选：%1</translation>
    </message>
    <message>
        <source>%1 is saved but the current filter does not list it. &lt;a href=&apos;show&apos;&gt;Clear the filters and show it&lt;/a&gt;</source>
        <translation>%1 已保存，但不符合当前筛选条件，列表中没有列出。&lt;a href=&apos;show&apos;&gt;清除筛选并显示它&lt;/a&gt;</translation>
    </message>
    <message>
        <source>Undo history cleared: %1 cannot be undone.</source>
        <translation>已清空撤销记录：“%1”无法撤销。</translation>
    </message>
    <message>
        <source>Ctrl+Z: undo “%1”</source>
        <translation>Ctrl+Z：撤销“%1”</translation>
    </message>
</context>
<context>
    <name>LedgerPreview</name>
    <message>
        <source>Select an entry to see it in full here. Double-click or press Enter to edit.</source>
        <translation>选中一条事项，在这里查看全文。双击或按回车编辑。</translation>
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
        <source>Leader</source>
        <translation>责任领导</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>所属人员</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>问题表现</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>整改目标</translation>
    </message>
    <message>
        <source>Measures</source>
        <translation>整改措施</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>整改标准</translation>
    </message>
    <message>
        <source>Latest progress</source>
        <translation>最新进展</translation>
    </message>
    <message>
        <source>Completion</source>
        <translation>完成情况</translation>
    </message>
    <message>
        <source>Missing: %1</source>
        <translation>缺少：%1</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>整改时限</translation>
    </message>
    <message>
        <source>extended %1 times</source>
        <translation>已延期 %1 次</translation>
    </message>
</context>
<context>
    <name>LedgerSidePanel</name>
    <message>
        <source>All entries</source>
        <translation>全部事项</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>视图</translation>
    </message>
    <message>
        <source>By layer</source>
        <translation>按层级</translation>
    </message>
    <message>
        <source>By person</source>
        <translation>按人员</translation>
    </message>
    <message>
        <source>(no department)</source>
        <translation>（未分科室）</translation>
    </message>
    <message>
        <source>Fewer than %1 problems</source>
        <translation>问题不足 %1 条</translation>
    </message>
    <message>
        <source>Fewer than %1 problems (%2 people)</source>
        <translation>问题不足 %1 条（%2 人）</translation>
    </message>
    <message>
        <source>Recycle bin</source>
        <translation>回收站</translation>
    </message>
</context>
<context>
    <name>LedgerTableModel</name>
    <message>
        <source>%1 is editing this entry</source>
        <translation>%1 正在编辑这条事项</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>灯</translation>
    </message>
    <message>
        <source>Red: overdue; yellow: due soon; green: on track; grey: done</source>
        <translation>红：逾期；黄：临近到期；绿：正常推进；灰：已完成</translation>
    </message>
    <message>
        <source>Worst light of its %1 measures</source>
        <translation>取其 %1 项措施中最严重的灯</translation>
    </message>
    <message>
        <source>Overdue by %1 days</source>
        <translation>已逾期 %1 天</translation>
    </message>
    <message>
        <source>Due within %1 days</source>
        <translation>%1 天内到期</translation>
    </message>
    <message>
        <source>On track</source>
        <translation>正常推进</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>实际完成日期</translation>
    </message>
</context>
<context>
    <name>LedgerUndo</name>
    <message>
        <source>Cannot undo or redo</source>
        <translation>无法撤销或重做</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>编辑 %1</translation>
    </message>
    <message>
        <source>New entry %1</source>
        <translation>新建 %1</translation>
    </message>
    <message>
        <source>Restore %1 entries</source>
        <translation>恢复 %1 条</translation>
    </message>
    <message>
        <source>Delete %1 entries</source>
        <translation>删除 %1 条</translation>
    </message>
    <message>
        <source>Progress this month of %1</source>
        <translation>本月进展 %1</translation>
    </message>
    <message>
        <source>Progress of %1</source>
        <translation>%1 的进展</translation>
    </message>
    <message>
        <source>Extend %1</source>
        <translation>延期 %1</translation>
    </message>
    <message>
        <source>Extend %1 entries</source>
        <translation>延期 %1 条</translation>
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
        <source>Undo history</source>
        <translation>撤销记录</translation>
    </message>
    <message>
        <source>Undo “%1”</source>
        <translation>撤销“%1”</translation>
    </message>
    <message>
        <source>Redo “%1”</source>
        <translation>重做“%1”</translation>
    </message>
    <message>
        <source>Nothing to undo yet</source>
        <translation>还没有可撤销的操作</translation>
    </message>
    <message>
        <source>Undo back to “%1”</source>
        <translation>撤销到“%1”之前</translation>
    </message>
    <message>
        <source>Redo up to “%1” (undone)</source>
        <translation>重做到“%1”（已撤销）</translation>
    </message>
</context>
<context>
    <name>_FieldPopup</name>
    <message>
        <source>A date range: use &quot;Deadline from … to …&quot; above the table.</source>
        <translation>按日期范围筛选：请用表格上方的“整改时限从……至……”。</translation>
    </message>
    <message>
        <source>Contains (searches number, description, target, measures, progress and names):</source>
        <translation>包含文字（在编号、问题表现、整改目标、整改措施、进展和人名中查找）：</translation>
    </message>
</context>
<context>
    <name>_SortRow</name>
    <message>
        <source>Sort ascending</source>
        <translation>升序</translation>
    </message>
    <message>
        <source>Sort descending</source>
        <translation>降序</translation>
    </message>
    <message>
        <source>Then by this column</source>
        <translation>再按此列排序</translation>
    </message>
</context>
</TS>
