<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AddMemberDialog</name>
    <message>
        <source>Add member</source>
        <translation>添加成员</translation>
    </message>
    <message>
        <source>Person:</source>
        <translation>人员：</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>MemberModel</name>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>%1 (left)</source>
        <translation>%1（已离开）</translation>
    </message>
    <message>
        <source>%1 has left the bureau: no longer printed on the roster or the sign-in sheet. Remove them, or give their role to someone else.</source>
        <translation>%1已离开本单位：不再列入专班名单和签到表。请移除，或把其角色交给其他人。</translation>
    </message>
</context>
<context>
    <name>MembersTab</name>
    <message>
        <source>Members</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Add member…</source>
        <translation>添加成员…</translation>
    </message>
    <message>
        <source>Change role…</source>
        <translation>更改角色…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Add member</source>
        <translation>添加成员</translation>
    </message>
    <message>
        <source>Remove member</source>
        <translation>移除成员</translation>
    </message>
    <message>
        <source>Choose a person from the list. Add new people under Settings › People first.</source>
        <translation>请从人员名单中选择一位人员；新人员请先在“设置 › 人员”中添加。</translation>
    </message>
    <message>
        <source>Change role</source>
        <translation>更改角色</translation>
    </message>
    <message>
        <source>Role of %1:</source>
        <translation>%1的角色：</translation>
    </message>
</context>
<context>
    <name>PlanTab</name>
    <message>
        <source>Action plan</source>
        <translation>行动方案</translation>
    </message>
    <message>
        <source>Composition</source>
        <translation>人员组成</translation>
    </message>
    <message>
        <source>Targets</source>
        <translation>目标任务</translation>
    </message>
    <message>
        <source>Measures</source>
        <translation>工作举措</translation>
    </message>
    <message>
        <source>Conduct safeguards</source>
        <translation>作风保障</translation>
    </message>
    <message>
        <source>What changed and why (optional)</source>
        <translation>修改了什么、为什么（可不填）</translation>
    </message>
    <message>
        <source>Revision note:</source>
        <translation>修订说明：</translation>
    </message>
    <message>
        <source>Composition from roster</source>
        <translation>按成员名单生成人员组成</translation>
    </message>
    <message>
        <source>Save as new version (Ctrl+S)</source>
        <translation>保存为新版本（Ctrl+S）</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>with</source>
        <translation>与</translation>
    </message>
    <message>
        <source>Versions (kept unchanged; each save adds one):</source>
        <translation>历史版本（不可修改；每次保存新增一版）：</translation>
    </message>
    <message>
        <source>no due date</source>
        <translation>未定截止日期</translation>
    </message>
    <message>
        <source>No action plan yet (due %1). Write it below and save.</source>
        <translation>尚未制定行动方案（应于 %1 前完成）。请在下方填写并保存。</translation>
    </message>
    <message>
        <source>Current: version %1, saved by %2 on %3.</source>
        <translation>当前为第 %1 版，由 %2 于 %3 保存。</translation>
    </message>
    <message>
        <source>v%1 · %2 · %3</source>
        <translation>第%1版 · %2 · %3</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>第 %1 版</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
</context>
<context>
    <name>ReportTab</name>
    <message>
        <source>Monthly reports</source>
        <translation>月度报告</translation>
    </message>
    <message>
        <source>Month:</source>
        <translation>月份：</translation>
    </message>
    <message>
        <source>Progress:</source>
        <translation>工作进展：</translation>
    </message>
    <message>
        <source>Problems:</source>
        <translation>存在问题：</translation>
    </message>
    <message>
        <source>Next steps:</source>
        <translation>下步计划：</translation>
    </message>
    <message>
        <source>Save report (Ctrl+S)</source>
        <translation>保存报告（Ctrl+S）</translation>
    </message>
    <message>
        <source>Months:</source>
        <translation>月份：</translation>
    </message>
    <message>
        <source>reported</source>
        <translation>已报送</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>未报送</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已于 %1 保存</translation>
    </message>
    <message>
        <source>Not yet reported</source>
        <translation>尚未报送</translation>
    </message>
</context>
<context>
    <name>TaskForceDialog</name>
    <message>
        <source>New task force</source>
        <translation>新建专班</translation>
    </message>
    <message>
        <source>Edit task force</source>
        <translation>修改专班</translation>
    </message>
    <message>
        <source>Action plan due by:</source>
        <translation>行动方案截止日期：</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Goal:</source>
        <translation>工作目标：</translation>
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
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
</context>
<context>
    <name>TaskForceListModel</name>
    <message>
        <source>Task force</source>
        <translation>专班</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>成员</translation>
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
        <source>Action plan</source>
        <translation>行动方案</translation>
    </message>
    <message>
        <source>Last report</source>
        <translation>最近月报</translation>
    </message>
    <message>
        <source>v%1</source>
        <translation>第%1版</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>TaskForcePage</name>
    <message>
        <source>Task forces</source>
        <translation>专班</translation>
    </message>
    <message>
        <source>New task force</source>
        <translation>新建专班</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
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
        <source>Open entries in ledger</source>
        <translation>在台账中查看未完成事项</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>No task force yet. Press Ctrl+N to add one.</source>
        <translation>还没有专班。按 Ctrl+N 新建专班。</translation>
    </message>
    <message>
        <source>no lead yet</source>
        <translation>尚无牵头领导</translation>
    </message>
    <message>
        <source>Create a campaign first.</source>
        <translation>请先新建活动。</translation>
    </message>
    <message>
        <source>Delete task force</source>
        <translation>删除专班</translation>
    </message>
    <message>
        <source>Delete %1? Its roster, plan versions and reports stay in the database; ledger entries keep their link.</source>
        <translation>删除“%1”？其成员、行动方案各版本和月度报告仍保存在数据库中，台账事项保留与该专班的关联。</translation>
    </message>
</context>
</TS>
