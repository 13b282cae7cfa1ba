<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ExchangeMenu</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>Import Excel &amp;ledger…</source>
        <translation>导入Excel台账(&amp;L)…</translation>
    </message>
    <message>
        <source>Import data &amp;package…</source>
        <translation>导入数据包(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Units not reported</source>
        <translation>未报单位(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
</context>
<context>
    <name>ExchangeWordsSettings</name>
    <message>
        <source>Import words</source>
        <translation>导入词表</translation>
    </message>
    <message>
        <source>When an Excel ledger is imported, its 状态 and 整改时限 cells are read with these words (a cell may also start with one, e.g. “已完成，建立制度3项”). Add the words your offices write; the import's report lists every value it read this way.</source>
        <translation>导入 Excel 台账时，“状态”和“整改时限”单元格按这些词理解（单元格也可以以词开头，如“已完成，建立制度3项”）。请把本单位台账常用的词加进来；导入报告会列出每一个按词义理解的值。</translation>
    </message>
    <message>
        <source>Status words</source>
        <translation>状态词</translation>
    </message>
    <message>
        <source>Deadline words</source>
        <translation>时限词</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Excel ledger (.xlsx)</source>
        <translation>Excel 台账（.xlsx）</translation>
    </message>
    <message>
        <source>CSV table (.csv)</source>
        <translation>CSV 表格（.csv）</translation>
    </message>
    <message>
        <source>Data package for the office above (.zip)</source>
        <translation>上报数据包（.zip）</translation>
    </message>
    <message>
        <source>Meeting minutes (Word .docx)</source>
        <translation>会议纪要（Word .docx）</translation>
    </message>
    <message>
        <source>Meeting sign-in sheet (Word .docx)</source>
        <translation>签到表（Word .docx）</translation>
    </message>
    <message>
        <source>Default: campaign name + 问题清单</source>
        <translation>默认：活动名称 + 问题清单</translation>
    </message>
    <message>
        <source>One sheet per layer</source>
        <translation>每个层级一个工作表</translation>
    </message>
    <message>
        <source>Add a statistics sheet</source>
        <translation>附统计汇总表</translation>
    </message>
    <message>
        <source>Upward template rules (no line breaks in cells, 0 for blanks)</source>
        <translation>按上报模板规则（单元格内不换行，空白填“0”）</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>The ledger now</source>
        <translation>当前台账</translation>
    </message>
    <message>
        <source>As of frozen month %1</source>
        <translation>封账月份 %1（按报送日）</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Table options</source>
        <translation>表格选项</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>导出的列</translation>
    </message>
    <message>
        <source>Data package</source>
        <translation>数据包</translation>
    </message>
    <message>
        <source>Sending unit</source>
        <translation>报送单位</translation>
    </message>
    <message>
        <source>Period (YYYY-MM)</source>
        <translation>报送期间（年-月）</translation>
    </message>
    <message>
        <source>The package holds all of this office's own entries of the current campaign with their progress, history and evidence files.</source>
        <translation>数据包包含本单位当前活动的全部台账事项，以及整改进展、修改记录和佐证材料。</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>保存到</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>%1 entries in the current ledger view</source>
        <translation>当前台账视图中的 %1 条事项</translation>
    </message>
    <message>
        <source>All own entries</source>
        <translation>本单位的全部事项</translation>
    </message>
    <message>
        <source>Word document (*.docx)</source>
        <translation>Word 文档 (*.docx)</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Data package (*.zip)</source>
        <translation>数据包 (*.zip)</translation>
    </message>
    <message>
        <source>Choose where to save the file.</source>
        <translation>请选择保存位置。</translation>
    </message>
    <message>
        <source>There is no meeting to export yet.</source>
        <translation>还没有可以导出的会议。</translation>
    </message>
    <message>
        <source>Choose at least one column.</source>
        <translation>请至少选择一列。</translation>
    </message>
    <message>
        <source>The period must look like 2026-11.</source>
        <translation>报送期间应写成 2026-11 这样的格式。</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
</context>
<context>
    <name>MappingTable</name>
    <message>
        <source>Column in the sheet</source>
        <translation>表格中的列</translation>
    </message>
    <message>
        <source>Sample values</source>
        <translation>示例内容</translation>
    </message>
    <message>
        <source>Imports as</source>
        <translation>导入为</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Keep in 备注 (原表其他列)</source>
        <translation>记入备注（原表其他列）</translation>
    </message>
    <message>
        <source>Leave out</source>
        <translation>不导入</translation>
    </message>
</context>
<context>
    <name>MissingUnitsDialog</name>
    <message>
        <source>Units not reported</source>
        <translation>未报单位</translation>
    </message>
    <message>
        <source>Register a unit…</source>
        <translation>登记单位…</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Last period sent</source>
        <translation>最近报送期间</translation>
    </message>
    <message>
        <source>Last imported</source>
        <translation>最近导入时间</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>Imported at</source>
        <translation>导入时间</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Period (YYYY-MM)</source>
        <translation>报送期间（年-月）</translation>
    </message>
    <message>
        <source>Not reported for %1: %2 units</source>
        <translation>%1 未报：%2 个单位</translation>
    </message>
    <message>
        <source>Reported: %1 units</source>
        <translation>已报：%1 个单位</translation>
    </message>
    <message>
        <source>No sub-units registered yet: they are registered when their first package is imported, or with “Register a unit…”.</source>
        <translation>还没有登记下级单位：导入某单位的第一个数据包时会自动登记，也可以点“登记单位…”手动登记。</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未报送</translation>
    </message>
    <message>
        <source>Register a unit</source>
        <translation>登记单位</translation>
    </message>
    <message>
        <source>Unit name</source>
        <translation>单位名称</translation>
    </message>
</context>
<context>
    <name>NewCampaignDialog</name>
    <message>
        <source>New campaign</source>
        <translation>新建活动</translation>
    </message>
    <message>
        <source>%1 rectification ledger</source>
        <translation>%1年整改台账</translation>
    </message>
    <message>
        <source>There is no campaign in this data folder yet. The imported entries belong to one: create it now.</source>
        <translation>本机还没有任何活动。导入的事项需要归入一个活动，请现在新建。</translation>
    </message>
    <message>
        <source>Campaign name</source>
        <translation>活动名称</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
</context>
<context>
    <name>PackageImportDialog</name>
    <message>
        <source>Import data package</source>
        <translation>导入数据包</translation>
    </message>
    <message>
        <source>Choose a package to check.</source>
        <translation>请选择要检查的数据包。</translation>
    </message>
    <message>
        <source>All entries</source>
        <translation>全部事项</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>有变化</translation>
    </message>
    <message>
        <source>Conflicting</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>无变化</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>问题编号</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>问题表现</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>比对结果</translation>
    </message>
    <message>
        <source>What differs / why</source>
        <translation>变化内容／冲突原因</translation>
    </message>
    <message>
        <source>Import into the current campaign (default: the campaign of the same name and year, created if missing)</source>
        <translation>导入到本机的当前活动（默认导入到同名同年度的活动，没有则新建）</translation>
    </message>
    <message>
        <source>For conflicts, take the package's version (default: keep what is here)</source>
        <translation>冲突的事项以数据包为准（默认保留本机的）</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Choose a data package</source>
        <translation>选择数据包</translation>
    </message>
    <message>
        <source>Data package (*.zip)</source>
        <translation>数据包 (*.zip)</translation>
    </message>
    <message>
        <source>Checking %1 …</source>
        <translation>正在检查 %1 …</translation>
    </message>
    <message>
        <source>Checking the package…</source>
        <translation>正在检查数据包…</translation>
    </message>
    <message>
        <source>Nothing to import: the data here stays as it is.</source>
        <translation>没有需要导入的内容，本机数据没有改动。</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
</context>
<context>
    <name>ReportTable</name>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Hint</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Already here</source>
        <translation>已有</translation>
    </message>
    <message>
        <source>Read as</source>
        <translation>按词义理解</translation>
    </message>
    <message>
        <source>Skipped row</source>
        <translation>跳过的行</translation>
    </message>
    <message>
        <source>Merged cells</source>
        <translation>合并单元格</translation>
    </message>
    <message>
        <source>Updates: %1</source>
        <translation>更新：%1</translation>
    </message>
    <message>
        <source>Already in the ledger (the same problem, unit and person as this entry): not imported again</source>
        <translation>已有，不重复导入（问题表现、责任单位和人员与本机这条事项相同）</translation>
    </message>
    <message>
        <source>Rows %1–%2 are one merged cell: its value was given to every row</source>
        <translation>第 %1–%2 行是合并单元格，已向下填充到每一行</translation>
    </message>
</context>
<context>
    <name>WordDialog</name>
    <message>
        <source>Word</source>
        <translation>词</translation>
    </message>
    <message>
        <source>as written in the sheet, e.g. 基本完成</source>
        <translation>按表格中的写法，如：基本完成</translation>
    </message>
    <message>
        <source>Means</source>
        <translation>含义</translation>
    </message>
</context>
<context>
    <name>WordTable</name>
    <message>
        <source>Word</source>
        <translation>词</translation>
    </message>
    <message>
        <source>Means</source>
        <translation>含义</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Find a word…</source>
        <translation>查找词…</translation>
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
        <source>Restore defaults</source>
        <translation>恢复默认</translation>
    </message>
    <message>
        <source>立行立改</source>
        <translation>立行立改</translation>
    </message>
    <message>
        <source>长期坚持</source>
        <translation>长期坚持</translation>
    </message>
    <message>
        <source>12月31日 of the campaign year</source>
        <translation>活动年度的12月31日</translation>
    </message>
    <message>
        <source>shipped</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>added here</source>
        <translation>本机添加</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <source>Drop the words added or removed here and use the shipped list?</source>
        <translation>放弃本机添加或删除的词，恢复默认词表？</translation>
    </message>
</context>
<context>
    <name>XlsxImportWizard</name>
    <message>
        <source>Import Excel ledger</source>
        <translation>导入 Excel 台账</translation>
    </message>
    <message>
        <source>&lt; Back</source>
        <translation>&lt; 上一步</translation>
    </message>
    <message>
        <source>Next &gt;</source>
        <translation>下一步 &gt;</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Find automatically</source>
        <translation>自动识别</translation>
    </message>
    <message>
        <source>Import an existing ledger kept in Excel or WPS (.xlsx): title lines, two-row headers, merged cells and the words offices write for status and deadline are understood. Nothing is written until you accept the report at the end; a backup is made first.</source>
        <translation>导入用 Excel 或 WPS 保存的现有台账（.xlsx）：能识别标题行、两行表头、合并单元格，以及状态和时限的常用写法。确认最后一步的报告之前不会写入任何内容；写入前自动备份。</translation>
    </message>
    <message>
        <source>, hidden</source>
        <translation>，隐藏</translation>
    </message>
    <message>
        <source>From the sheet</source>
        <translation>由表格判断</translation>
    </message>
    <message>
        <source>From 所属人员, else 局领导班子</source>
        <translation>按所属人员，没有则为局领导班子</translation>
    </message>
    <message>
        <source>header in rows %1–%2 (two rows, shown as group/column)</source>
        <translation>表头在第 %1–%2 行（两行表头，列名写作“大类/小类”）</translation>
    </message>
    <message>
        <source>header in row %1</source>
        <translation>表头在第 %1 行</translation>
    </message>
    <message>
        <source>Sheet “%1”: %2; 共 %3 行数据, %4 rows skipped. Check what each column imports as; columns without a field are kept in 备注.</source>
        <translation>工作表“%1”：%2；共 %3 行数据，跳过 %4 行。请检查每一列导入为什么；没有对应字段的列记入备注。</translation>
    </message>
    <message>
        <source>This header was imported before: the mapping you chose then is used.</source>
        <translation>以前导入过同样表头的表格：沿用当时选择的列对应。</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>共读取 %1 行数据: 新增 %2 条 / 更新 %3 条 / 无变化 %4 条, %5 with problems; %6 rows skipped (not entries).</source>
        <translation>共读取 %1 行数据：新增 %2 条 / 更新 %3 条 / 无变化 %4 条，有问题 %5 行；跳过 %6 行（不是事项）。</translation>
    </message>
    <message>
        <source>%1 rows the sheet calls finished land as 已销号, with the import as their 销号 record (no reviewer is named).</source>
        <translation>表格写明已完成的 %1 行导入为“已销号”，以本次导入作为销号记录（不填写审核人）。</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Header row</source>
        <translation>表头所在行</translation>
    </message>
    <message>
        <source>Choose an Excel ledger</source>
        <translation>选择 Excel 台账</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>%1 (about %2 rows)</source>
        <translation>%1（约 %2 行）</translation>
    </message>
    <message>
        <source>Create departments, people and task forces that are not here yet</source>
        <translation>自动新建本机没有的科室、人员和专班</translation>
    </message>
    <message>
        <source>Automatic mapping</source>
        <translation>自动对应</translation>
    </message>
    <message>
        <source>Go back to the mapping read from the header words</source>
        <translation>恢复按表头自动识别的列对应</translation>
    </message>
    <message>
        <source>Entry type (if the sheet has no type column)</source>
        <translation>事项类型（表格中没有“类型”列时）</translation>
    </message>
    <message>
        <source>Layer (if the sheet has no layer column)</source>
        <translation>层级（表格中没有“层级”列时）</translation>
    </message>
    <message>
        <source>Skip the rows with problems and import the others</source>
        <translation>跳过有问题的行，只导入没有问题的行</translation>
    </message>
    <message>
        <source>Rows whose 问题编号 is already in the ledger update that entry; they never become a second copy.</source>
        <translation>问题编号在本机台账中已有的行，更新那条事项，不会导入成第二份。</translation>
    </message>
    <message>
        <source>The sheet matches the ledger: there is nothing to import.</source>
        <translation>表格与本机台账相同，没有需要导入的内容。</translation>
    </message>
    <message>
        <source>Departments not here yet</source>
        <translation>本机没有的科室</translation>
    </message>
    <message>
        <source>People not here yet</source>
        <translation>本机没有的人员</translation>
    </message>
    <message>
        <source>Task forces not here yet</source>
        <translation>本机没有的专班</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Reading the sheet…</source>
        <translation>正在读取工作表…</translation>
    </message>
    <message>
        <source>Checking every row…</source>
        <translation>正在逐行检查…</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
</context>
</TS>
