<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AddAttendeeDialog</name>
    <message>
        <source>Add attendee</source>
        <translation>添加参会人员</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Person (type a name; a name not in the people list is added as a guest):</source>
        <translation>人员（输入姓名；不在人员名单中的按列席嘉宾添加）：</translation>
    </message>
</context>
<context>
    <name>AgendaTab</name>
    <message>
        <source>Agenda and reports</source>
        <translation>议程与汇报</translation>
    </message>
    <message>
        <source>Build agenda</source>
        <translation>生成议程</translation>
    </message>
    <message>
        <source>Lists the open decisions of earlier meetings and copies each task force's monthly report into this meeting</source>
        <translation>列出以往会议尚未落实的议定事项，并把各专班本月月度报告复制到本次会议</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Save agenda text</source>
        <translation>保存议程文本</translation>
    </message>
    <message>
        <source>Agenda text (printed on the notice; edit freely):</source>
        <translation>议程文本（用于会议通知，可自由修改）：</translation>
    </message>
    <message>
        <source>Write the agenda of this meeting on the right.</source>
        <translation>请在右侧填写本次会议议程。</translation>
    </message>
    <message>
        <source>1. Follow-up of earlier decisions (%1 open)</source>
        <translation>一、上次议定事项落实情况（未落实 %1 项）</translation>
    </message>
    <message>
        <source> (overdue)</source>
        <translation>（逾期）</translation>
    </message>
    <message>
        <source>All earlier decisions are done.</source>
        <translation>以往议定事项均已落实。</translation>
    </message>
    <message>
        <source>2. Reports of the task forces</source>
        <translation>二、各专班汇报本月工作进展</translation>
    </message>
    <message>
        <source>reported</source>
        <translation>已报送</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>工作进展</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>存在问题</translation>
    </message>
    <message>
        <source>Next steps</source>
        <translation>下步计划</translation>
    </message>
    <message>
        <source>not reported</source>
        <translation>未报送</translation>
    </message>
    <message>
        <source>No reports yet: press 'Build agenda' to copy the monthly reports.</source>
        <translation>尚无汇报：点击“生成议程”复制各专班月度报告。</translation>
    </message>
    <message>
        <source>3. Difficult problems to solve</source>
        <translation>三、研究解决难点堵点问题</translation>
    </message>
    <message>
        <source>4. Speech of the bureau leader</source>
        <translation>四、局领导讲话</translation>
    </message>
    <message>
        <source>Double-click a task force to correct what it reported at this meeting.</source>
        <translation>双击专班可修改其在本次会议上的汇报内容。</translation>
    </message>
    <message>
        <source>The agenda text has unsaved edits that rebuilding will replace. Continue?</source>
        <translation>议程文本有未保存的修改，重新生成将覆盖这些修改。是否继续？</translation>
    </message>
    <message>
        <source>Not yet reported for %1: %2</source>
        <translation>%1 未报送月度报告：%2</translation>
    </message>
</context>
<context>
    <name>AttendanceModel</name>
    <message>
        <source>No.</source>
        <translation>序号</translation>
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
        <source>Attendance</source>
        <translation>签到</translation>
    </message>
    <message>
        <source>Reason / note</source>
        <translation>原因／备注</translation>
    </message>
    <message>
        <source>not marked</source>
        <translation>未签到</translation>
    </message>
</context>
<context>
    <name>AttendanceTab</name>
    <message>
        <source>Paste roll-call list</source>
        <translation>粘贴接龙名单</translation>
    </message>
    <message>
        <source>Sign-in</source>
        <translation>签到</translation>
    </message>
    <message>
        <source>Build from rosters</source>
        <translation>从专班名单生成</translation>
    </message>
    <message>
        <source>Leads, co-leads and liaisons</source>
        <translation>牵头领导、协管干部和联络员</translation>
    </message>
    <message>
        <source>Whole rosters</source>
        <translation>专班全体成员</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Paste roll-call list…</source>
        <translation>粘贴接龙名单…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Keys: 1 present, 2 on leave, 3 absent, 4 observer, 0 clear; arrows move; double-click the reason to edit it; Ctrl+Z undoes.</source>
        <translation>快捷键：1 出席，2 请假，3 缺席，4 列席，0 清除；方向键移动；双击“原因”可修改；Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <source>Expected %1 · Present %2 · On leave %3 · Absent %4 · Observers %5 · Not marked %6</source>
        <translation>应到 %1 人 · 实到 %2 人 · 请假 %3 人 · 缺席 %4 人 · 列席 %5 人 · 未签到 %6 人</translation>
    </message>
    <message>
        <source>Mark %1</source>
        <translation>标记为%1</translation>
    </message>
    <message>
        <source>not marked</source>
        <translation>未签到</translation>
    </message>
    <message>
        <source>Edit reason</source>
        <translation>修改原因</translation>
    </message>
    <message>
        <source>Sign-in list</source>
        <translation>签到名单</translation>
    </message>
    <message>
        <source>%1 people added from the rosters.</source>
        <translation>已从专班名单添加 %1 人。</translation>
    </message>
    <message>
        <source>Remove %1 people from the sign-in list?</source>
        <translation>从签到名单中移除这 %1 人？</translation>
    </message>
</context>
<context>
    <name>DecisionDialog</name>
    <message>
        <source>Decision</source>
        <translation>议定事项</translation>
    </message>
    <message>
        <source>Decision No. %1</source>
        <translation>第 %1 项议定事项</translation>
    </message>
    <message>
        <source>Decision:</source>
        <translation>议定事项：</translation>
    </message>
    <message>
        <source>Responsible unit:</source>
        <translation>责任单位：</translation>
    </message>
    <message>
        <source>Responsible person:</source>
        <translation>责任人：</translation>
    </message>
    <message>
        <source>Leader in charge:</source>
        <translation>责任领导：</translation>
    </message>
    <message>
        <source>Deadline:</source>
        <translation>时限：</translation>
    </message>
    <message>
        <source>Task force:</source>
        <translation>所属专班：</translation>
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
    <name>MeetingCommon</name>
    <message>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
</context>
<context>
    <name>MeetingForm</name>
    <message>
        <source>Leave empty for the last meeting's title with this meeting's number</source>
        <translation>留空则沿用上次同类会议的名称，次数改为本次</translation>
    </message>
    <message>
        <source>Meeting date</source>
        <translation>会议日期</translation>
    </message>
    <message>
        <source>Meeting time</source>
        <translation>会议时间</translation>
    </message>
    <message>
        <source>Name and phone, printed on the notice</source>
        <translation>联系人及电话，打印在会议通知上</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>Number:</source>
        <translation>次数：</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Time:</source>
        <translation>时间：</translation>
    </message>
    <message>
        <source>Place:</source>
        <translation>地点：</translation>
    </message>
    <message>
        <source>Host:</source>
        <translation>主持人：</translation>
    </message>
    <message>
        <source>Recorder:</source>
        <translation>记录人：</translation>
    </message>
    <message>
        <source>Contact:</source>
        <translation>联系人：</translation>
    </message>
    <message>
        <source>Minutes issue no.:</source>
        <translation>纪要期号：</translation>
    </message>
    <message>
        <source>assigned when saved</source>
        <translation>保存时自动编号</translation>
    </message>
    <message>
        <source>%1, No. %2</source>
        <translation>%1年第%2次</translation>
    </message>
</context>
<context>
    <name>MeetingInfoTab</name>
    <message>
        <source>Basics</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存（Ctrl+S）</translation>
    </message>
    <message>
        <source>Undo changes</source>
        <translation>撤销修改</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
</context>
<context>
    <name>MeetingListModel</name>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>实到</translation>
    </message>
    <message>
        <source>Meeting name</source>
        <translation>会议名称</translation>
    </message>
    <message>
        <source>Decisions</source>
        <translation>议定事项</translation>
    </message>
    <message>
        <source>No. %1</source>
        <translation>第%1次</translation>
    </message>
</context>
<context>
    <name>MeetingPage</name>
    <message>
        <source>Meetings</source>
        <translation>例会</translation>
    </message>
    <message>
        <source>New meeting</source>
        <translation>新建会议</translation>
    </message>
    <message>
        <source>Delete meeting</source>
        <translation>删除会议</translation>
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
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>Year:</source>
        <translation>年度：</translation>
    </message>
    <message>
        <source>Reminders:</source>
        <translation>提醒：</translation>
    </message>
    <message>
        <source>All years</source>
        <translation>全部年度</translation>
    </message>
    <message>
        <source>No meeting selected. Press Ctrl+N to add one.</source>
        <translation>未选择会议。按 Ctrl+N 新建会议。</translation>
    </message>
    <message>
        <source>Create a campaign first.</source>
        <translation>请先新建活动。</translation>
    </message>
    <message>
        <source>Move %1 to the recycle bin? Its %2 decisions go to the ledger's recycle bin too. Its number is not reused.</source>
        <translation>将“%1”移入回收站？其 %2 项议定事项也将移入台账回收站。该会议的次数编号不再使用。</translation>
    </message>
</context>
<context>
    <name>MinutesTab</name>
    <message>
        <source>Minutes and decisions</source>
        <translation>纪要与议定事项</translation>
    </message>
    <message>
        <source>On …, comrade … chaired … The meeting heard … The meeting decided:</source>
        <translation>×年×月×日，×××同志主持召开……会议听取了……会议议定如下事项：</translation>
    </message>
    <message>
        <source>Save minutes</source>
        <translation>保存纪要</translation>
    </message>
    <message>
        <source>Minutes:</source>
        <translation>会议纪要：</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>议定事项</translation>
    </message>
    <message>
        <source>Responsible unit</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <source>Responsible person</source>
        <translation>责任人</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>时限</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Ledger code</source>
        <translation>台账编号</translation>
    </message>
    <message>
        <source>Add decision</source>
        <translation>新增议定事项</translation>
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
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Show in ledger</source>
        <translation>在台账中查看</translation>
    </message>
    <message>
        <source>Decisions (each is followed up in the ledger):</source>
        <translation>议定事项（每项均进入台账跟踪落实）：</translation>
    </message>
    <message>
        <source> (overdue)</source>
        <translation>（逾期）</translation>
    </message>
    <message>
        <source>Minutes saved (%1)</source>
        <translation>纪要已保存（%1）</translation>
    </message>
    <message>
        <source>Delete decision</source>
        <translation>删除议定事项</translation>
    </message>
    <message>
        <source>Move decision No. %1 (%2) to the recycle bin? The ones after it are renumbered.</source>
        <translation>将第 %1 项议定事项（%2）移入回收站？其后的事项将重新编号。</translation>
    </message>
</context>
<context>
    <name>NewMeetingDialog</name>
    <message>
        <source>New meeting</source>
        <translation>新建会议</translation>
    </message>
    <message>
        <source>Left at 'none', a task force meeting takes its number</source>
        <translation>保持“无”时，专班推进会的纪要期号与会议次数相同</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
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
    <name>ReportDialog</name>
    <message>
        <source>Report of %1</source>
        <translation>%1汇报</translation>
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
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>RollCallDialog</name>
    <message>
        <source>Paste roll-call list</source>
        <translation>粘贴接龙名单</translation>
    </message>
    <message>
        <source>Paste the list here, one or more names per line, e.g.
1. Zhang San
2、Wang Wu (leave: business trip)</source>
        <translation>在此粘贴接龙名单，每行一个或多个姓名，例如：
1. 张三
2、王五（请假：出差）</translation>
    </message>
    <message>
        <source>Mark the names as:</source>
        <translation>名单中人员标记为：</translation>
    </message>
    <message>
        <source>Mark attendance</source>
        <translation>标记签到</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Names written with a note such as (leave: reason), (absent) or (observer) get that status.</source>
        <translation>姓名后带有（请假：原因）、（缺席）或（列席）的，按括号中的状态标记。</translation>
    </message>
</context>
<context>
    <name>RollCallReport</name>
    <message>
        <source>Roll-call list</source>
        <translation>接龙名单</translation>
    </message>
    <message>
        <source>Marked: %1 (on leave: %2)</source>
        <translation>已标记 %1 人（其中请假 %2 人）</translation>
    </message>
    <message>
        <source>Not on the list, added: %1</source>
        <translation>不在签到名单中、已添加：%1</translation>
    </message>
    <message>
        <source>Several people share these names, mark them by hand: %1</source>
        <translation>以下姓名对应多人，请手工标记：%1</translation>
    </message>
    <message>
        <source>Lines without a name, left out: %1</source>
        <translation>以下行中没有姓名，已跳过：%1</translation>
    </message>
    <message>
        <source>(no department)</source>
        <translation>（不指定科室）</translation>
    </message>
    <message>
        <source>Add as observers (列席)</source>
        <translation>作为列席人员加入</translation>
    </message>
    <message>
        <source>Add as new people</source>
        <translation>新建为人员并加入</translation>
    </message>
    <message>
        <source>Not found among the people (check the spelling; untick names to leave them out):</source>
        <translation>以下姓名不在人员名单中（请核对是否写错；取消勾选的不加入）：</translation>
    </message>
    <message>
        <source>Department of new people:</source>
        <translation>新人员所在科室：</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
</TS>
