<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ApplyCloseDialog</name>
    <message>
        <source>Apply to close %1</source>
        <translation>申请销号：%1</translation>
    </message>
    <message>
        <source>Completion:</source>
        <translation>完成情况：</translation>
    </message>
    <message>
        <source>Completed on:</source>
        <translation>完成日期：</translation>
    </message>
    <message>
        <source>No evidence files yet</source>
        <translation>暂无证明材料</translation>
    </message>
    <message>
        <source>(attached) %1</source>
        <translation>（已上传）%1</translation>
    </message>
    <message>
        <source>Add evidence files…</source>
        <translation>添加佐证材料…</translation>
    </message>
    <message>
        <source>Evidence:</source>
        <translation>佐证材料：</translation>
    </message>
    <message>
        <source>Apply to close</source>
        <translation>申请销号</translation>
    </message>
    <message>
        <source>Choose evidence files</source>
        <translation>选择佐证材料</translation>
    </message>
</context>
<context>
    <name>AttachmentsTab</name>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Added by</source>
        <translation>上传人</translation>
    </message>
    <message>
        <source>Added at</source>
        <translation>上传时间</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Choose evidence files</source>
        <translation>选择佐证材料</translation>
    </message>
    <message>
        <source>Cannot add the file</source>
        <translation>无法添加文件</translation>
    </message>
    <message>
        <source>Cannot open the file</source>
        <translation>无法打开文件</translation>
    </message>
    <message>
        <source>Remove attachment</source>
        <translation>移除附件</translation>
    </message>
    <message>
        <source>Remove "%1" from this entry?</source>
        <translation>从本事项移除“%1”？</translation>
    </message>
    <message>
        <source>Cannot remove the file</source>
        <translation>无法移除文件</translation>
    </message>
</context>
<context>
    <name>DeadlineField</name>
    <message>
        <source>Deadline type</source>
        <translation>时限类型</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>整改时限</translation>
    </message>
</context>
<context>
    <name>EntryEditor</name>
    <message>
        <source>Edit entry %1</source>
        <translation>编辑事项 %1</translation>
    </message>
    <message>
        <source>New ledger entry</source>
        <translation>新建台账事项</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进展</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>History</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <source>Supervision</source>
        <translation>督办</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>%1 is editing too</source>
        <translation>%1 也在编辑</translation>
    </message>
    <message>
        <source>Your role is %1: you can add progress and evidence here, not change the details.</source>
        <translation>你的角色是“%1”：可以在这里填报进展、上传佐证材料，不能修改事项内容。</translation>
    </message>
    <message>
        <source>Your role is %1: you can read this entry but not change it.</source>
        <translation>你的角色是“%1”：可以查阅这条事项，不能修改。</translation>
    </message>
    <message>
        <source>e.g. 财办〔2026〕12号</source>
        <translation>如 财办〔2026〕12号</translation>
    </message>
    <message>
        <source>Extend…</source>
        <translation>延期…</translation>
    </message>
    <message>
        <source>A set deadline changes only by an extension, with its reason; it is counted and kept in the history</source>
        <translation>整改时限确定后只能通过延期修改：须填写理由，计入延期次数并留下记录</translation>
    </message>
    <message>
        <source>Set: change it with Extend… (reason required)</source>
        <translation>已确定：请用“延期…”修改（须填写理由）</translation>
    </message>
    <message>
        <source>"%1" is not in the list; pick one from the list</source>
        <translation>“%1”不在列表中，请从列表中选择</translation>
    </message>
    <message>
        <source>Target, responsibility, deadline and standard are all set</source>
        <translation>目标、责任、时限、标准均已明确</translation>
    </message>
    <message>
        <source>Still missing: %1</source>
        <translation>尚缺：%1</translation>
    </message>
    <message>
        <source>What the problem looks like (required)</source>
        <translation>问题具体表现（必填）</translation>
    </message>
    <message>
        <source>What has to be done (required)</source>
        <translation>事项内容（必填）</translation>
    </message>
    <message>
        <source>New entry — the number is given when it is saved</source>
        <translation>新事项——保存时自动编号</translation>
    </message>
    <message>
        <source>extended %1 times</source>
        <translation>已延期 %1 次</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <source>Not saved yet: %1 changed this entry meanwhile; saving again shows both versions.</source>
        <translation>还没有保存：%1 在此期间修改了这条事项；再次保存时会并排显示两边的内容。</translation>
    </message>
    <message>
        <source>%1 saved this entry just now; the form shows their version.</source>
        <translation>%1 刚刚保存了这条事项，表单已显示其最新内容。</translation>
    </message>
    <message>
        <source>%1 saved this entry just now. When you save you choose, field by field, what to keep.</source>
        <translation>%1 刚刚保存了这条事项。你保存时可以逐项选择保留哪一方的内容。</translation>
    </message>
    <message>
        <source>Someone</source>
        <translation>其他人</translation>
    </message>
</context>
<context>
    <name>EntryEditorGuard</name>
    <message>
        <source>Changed and not saved: %1.</source>
        <translation>已改动、尚未保存：%1。</translation>
    </message>
    <message>
        <source>Progress typed in the Progress tab and not added yet.</source>
        <translation>“进展”页里填写的进展还没有添加。</translation>
    </message>
    <message>
        <source>Discard changes?</source>
        <translation>放弃修改？</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>继续编辑</translation>
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>修改前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>修改后</translation>
    </message>
    <message>
        <source>created</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>restored</source>
        <translation>恢复</translation>
    </message>
</context>
<context>
    <name>PickCombo</name>
    <message>
        <source>"%1" could be %2: pick one from the list</source>
        <translation>“%1”可能是 %2，请从列表中选择一位</translation>
    </message>
</context>
<context>
    <name>ProgressTab</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进展</translation>
    </message>
    <message>
        <source>By</source>
        <translation>登记人</translation>
    </message>
    <message>
        <source>What was done (Ctrl+Enter adds it)</source>
        <translation>做了什么（Ctrl+回车添加）</translation>
    </message>
    <message>
        <source>Add progress</source>
        <translation>添加进展</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <source>Cannot add progress</source>
        <translation>无法添加进展</translation>
    </message>
</context>
<context>
    <name>ReopenDialog</name>
    <message>
        <source>Reopen %1</source>
        <translation>重新打开：%1</translation>
    </message>
    <message>
        <source>Why:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <source>New deadline:</source>
        <translation>新的整改时限：</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重新打开</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <source>Review close of %1</source>
        <translation>销号审核：%1</translation>
    </message>
    <message>
        <source>Completion:</source>
        <translation>完成情况：</translation>
    </message>
    <message>
        <source>Evidence:</source>
        <translation>佐证材料：</translation>
    </message>
    <message>
        <source>Pass: close the entry</source>
        <translation>通过：予以销号</translation>
    </message>
    <message>
        <source>Return: back to in progress</source>
        <translation>退回：重新整改</translation>
    </message>
    <message>
        <source>Decision:</source>
        <translation>审核结论：</translation>
    </message>
    <message>
        <source>Reviewer:</source>
        <translation>审核人：</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <source>Reason / comment:</source>
        <translation>理由／意见：</translation>
    </message>
    <message>
        <source>New deadline:</source>
        <translation>新的整改时限：</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Choose the reviewer</source>
        <translation>请选择销号审核人</translation>
    </message>
</context>
<context>
    <name>_WorkflowDialog</name>
    <message>
        <source>Deadline: %1</source>
        <translation>整改时限：%1</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>This step cannot be undone: after Confirm, Undo will not reach it and the undo history of the ledger page is cleared.</source>
        <translation>此操作不能撤销：确定后，“撤销”无法退回这一步，台账页此前的撤销记录也将清空。</translation>
    </message>
</context>
</TS>
