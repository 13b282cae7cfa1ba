<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>FirstRunPanel</name>
    <message>
        <source>This program keeps the campaign office&apos;s task forces, monthly meetings and rectification ledgers. Start by creating the campaign you work on, then add departments and people in Settings; or try everything first on demo data (a made-up campaign that you can replace later by choosing another data folder).</source>
        <translation>本程序用于活动办管理专班、每月推进会和整改台账。请先新建您要开展的活动，再到“设置 › 科室与人员”录入科室和人员；也可以先用演示数据试用全部功能（演示数据是虚构的活动，正式使用时请另选一个数据文件夹）。</translation>
    </message>
    <message>
        <source>New campaign…</source>
        <translation>新建活动…</translation>
    </message>
    <message>
        <source>Try it with demo data</source>
        <translation>用演示数据试用</translation>
    </message>
    <message>
        <source>Building demo data…</source>
        <translation>正在生成演示数据…</translation>
    </message>
    <message>
        <source>Demo data</source>
        <translation>演示数据</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <source>Ledger entries</source>
        <translation>台账总数</translation>
    </message>
    <message>
        <source>Completion rate</source>
        <translation>整改完成率</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期事项</translation>
    </message>
    <message>
        <source>Due within 7 days</source>
        <translation>7天内到期</translation>
    </message>
    <message>
        <source>Awaiting close review</source>
        <translation>待审核销号</translation>
    </message>
    <message>
        <source>People with fewer than 6 problems</source>
        <translation>问题不足6条的人员</translation>
    </message>
    <message>
        <source>Supervision nodes due today / missed</source>
        <translation>督办节点 今日到期 / 已逾期</translation>
    </message>
    <message>
        <source>People whose problem list has fewer than 6 entries:</source>
        <translation>问题清单不足 6 条的人员：</translation>
    </message>
    <message>
        <source>Compliance reminders</source>
        <translation>工作提醒</translation>
    </message>
    <message>
        <source>No campaign yet. Create one, or start with demo data.</source>
        <translation>还没有活动。请新建活动，或先用演示数据试用。</translation>
    </message>
    <message>
        <source>Overview of the current campaign</source>
        <translation>当前活动概况</translation>
    </message>
    <message>
        <source>%1 (%2) — %3 problems</source>
        <translation>%1（%2）— %3 条</translation>
    </message>
    <message>
        <source>Checking the supervision clocks and the campaign&apos;s reminders…</source>
        <translation>正在核对督办时限和本活动的提醒…</translation>
    </message>
    <message>
        <source>The reminders could not be read: %1</source>
        <translation>无法读取提醒：%1</translation>
    </message>
    <message>
        <source>No reminders: meetings, plans and reports are all in order.</source>
        <translation>暂无提醒：会议、行动方案和月度报告均已按要求完成。</translation>
    </message>
    <message>
        <source>%1 %2: node &quot;%3&quot; missed, %4 working days late</source>
        <translation>%1 %2：“%3”节点已逾期 %4 个工作日</translation>
    </message>
    <message>
        <source>%1 %2: node &quot;%3&quot; due today</source>
        <translation>%1 %2：“%3”节点今日到期</translation>
    </message>
</context>
</TS>
