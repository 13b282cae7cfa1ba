<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>LedgerPlaceholder</name>
    <message>
        <source>Ledger</source>
        <translation>整改台账</translation>
    </message>
    <message>
        <source>The rectification ledger will be kept here.</source>
        <translation>整改台账将在这里管理。</translation>
    </message>
</context>
<context>
    <name>MeetingsPlaceholder</name>
    <message>
        <source>Meetings</source>
        <translation>例会</translation>
    </message>
    <message>
        <source>Monthly progress meetings, attendance and minutes will be kept here.</source>
        <translation>每月推进会、签到和会议纪要将在这里管理。</translation>
    </message>
</context>
<context>
    <name>StatsPlaceholder</name>
    <message>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>Statistics and charts will be shown here.</source>
        <translation>统计数字和图表将在这里显示。</translation>
    </message>
</context>
<context>
    <name>TaskForcesPlaceholder</name>
    <message>
        <source>Task forces</source>
        <translation>专班</translation>
    </message>
    <message>
        <source>Task forces, rosters and action plans will be kept here.</source>
        <translation>专班、成员名单和行动方案将在这里管理。</translation>
    </message>
</context>
</TS>
