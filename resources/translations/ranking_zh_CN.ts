<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <source>Import scores</source>
        <translation>导入成绩</translation>
    </message>
    <message>
        <source>A backup is made before the scores are written.</source>
        <translation>写入成绩前会先备份数据。</translation>
    </message>
    <message>
        <source>The scores already in this round are replaced.</source>
        <translation>这一轮已有的成绩将被替换。</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
</context>
<context>
    <name>InterviewDialog</name>
    <message>
        <source>Reminder talk: %1</source>
        <translation>提醒约谈：%1</translation>
    </message>
    <message>
        <source>e.g. the bureau leader in charge</source>
        <translation>如：分管局领导</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>约谈原因</translation>
    </message>
    <message>
        <source>Planned on</source>
        <translation>计划日期</translation>
    </message>
    <message>
        <source>Held on</source>
        <translation>约谈日期</translation>
    </message>
    <message>
        <source>Talk held by</source>
        <translation>约谈人</translation>
    </message>
    <message>
        <source>Talked to</source>
        <translation>被约谈人</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>约谈结果</translation>
    </message>
</context>
<context>
    <name>InterviewsTab</name>
    <message>
        <source>Activity</source>
        <translation>排名活动</translation>
    </message>
    <message>
        <source>Round</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>约谈对象</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>约谈原因</translation>
    </message>
    <message>
        <source>Planned on</source>
        <translation>计划日期</translation>
    </message>
    <message>
        <source>Held on</source>
        <translation>约谈日期</translation>
    </message>
    <message>
        <source>Talk held by</source>
        <translation>约谈人</translation>
    </message>
    <message>
        <source>Talked to</source>
        <translation>被约谈人</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>约谈结果</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Record talk…</source>
        <translation>记录约谈…</translation>
    </message>
</context>
<context>
    <name>KindDialog</name>
    <message>
        <source>New ranked activity</source>
        <translation>新建排名活动</translation>
    </message>
    <message>
        <source>e.g. 财政大讲堂</source>
        <translation>如：财政大讲堂</translation>
    </message>
    <message>
        <source>A higher score is better</source>
        <translation>得分越高越好</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>What is ranked</source>
        <translation>排名对象</translation>
    </message>
    <message>
        <source>Scored by</source>
        <translation>评价方</translation>
    </message>
    <message>
        <source>Last places that count</source>
        <translation>后几名</translation>
    </message>
    <message>
        <source>Rounds running for a reminder talk</source>
        <translation>连续几轮提醒约谈</translation>
    </message>
</context>
<context>
    <name>RankingPage</name>
    <message>
        <source>Rankings</source>
        <translation>评价排名</translation>
    </message>
    <message>
        <source>New activity…</source>
        <translation>新建活动…</translation>
    </message>
    <message>
        <source>Activity:</source>
        <translation>排名活动：</translation>
    </message>
    <message>
        <source>Scores and ranking</source>
        <translation>成绩与排名</translation>
    </message>
    <message>
        <source>Reminder talks</source>
        <translation>提醒约谈</translation>
    </message>
</context>
<context>
    <name>RoundDialog</name>
    <message>
        <source>New round of %1</source>
        <translation>新建%1轮次</translation>
    </message>
    <message>
        <source>A quarter as 2026-Q1, or a month as 2026-03</source>
        <translation>季度写作 2026-Q1，月份写作 2026-03</translation>
    </message>
    <message>
        <source>Round (quarter)</source>
        <translation>轮次（季度）</translation>
    </message>
    <message>
        <source>Scored by</source>
        <translation>评价方</translation>
    </message>
    <message>
        <source>Scored on</source>
        <translation>评价日期</translation>
    </message>
    <message>
        <source>Published on</source>
        <translation>通报日期</translation>
    </message>
</context>
<context>
    <name>ScoresTab</name>
    <message>
        <source>New round…</source>
        <translation>新建轮次…</translation>
    </message>
    <message>
        <source>Delete round</source>
        <translation>删除轮次</translation>
    </message>
    <message>
        <source>Add row</source>
        <translation>添加行</translation>
    </message>
    <message>
        <source>Remove row</source>
        <translation>删除行</translation>
    </message>
    <message>
        <source>Save scores</source>
        <translation>保存成绩</translation>
    </message>
    <message>
        <source>Save the scores and rank them again (Ctrl+S)</source>
        <translation>保存成绩并重新排名（Ctrl+S）</translation>
    </message>
    <message>
        <source>Import from Excel…</source>
        <translation>从Excel导入…</translation>
    </message>
    <message>
        <source>Type or paste the scores, then Save: the places, the last three (shaded) and who is due a reminder talk (red) are worked out across the rounds.</source>
        <translation>录入或粘贴成绩后保存：名次、后三名（底色标出）和需提醒约谈的对象（红字）按各轮次自动计算。</translation>
    </message>
    <message>
        <source>Delete %1 with its %2 scores and recorded talks? The history keeps the scores.</source>
        <translation>删除“%1”及其 %2 个成绩和约谈记录？修改记录中会保留这些成绩。</translation>
    </message>
    <message>
        <source>Save the scores typed for the round you left?</source>
        <translation>刚才录入的成绩还没有保存，是否保存？</translation>
    </message>
    <message>
        <source>No round yet. Create one, then type the scores or import the scorer&apos;s Excel.</source>
        <translation>还没有轮次。请先新建轮次，再录入成绩或导入评价机构的Excel。</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>名次</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>较上轮</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>%1 — scored by %2 on %3; %4 scored; rule: %5. Due a reminder talk: %6.</source>
        <translation>%1——评价方：%2，评价日期：%3；参评 %4 个；规则：%5。需提醒约谈：%6。</translation>
    </message>
    <message>
        <source>Import scores</source>
        <translation>导入成绩</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
</context>
</TS>
