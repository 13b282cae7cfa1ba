<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CampaignDialog</name>
    <message>
        <source>New campaign</source>
        <translation>新建活动</translation>
    </message>
    <message>
        <source>e.g. 2023年改作风提效能专项行动</source>
        <translation>例如：2023年改作风提效能专项行动</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Year:</source>
        <translation>年度：</translation>
    </message>
    <message>
        <source>Starts:</source>
        <translation>开始日期：</translation>
    </message>
    <message>
        <source>Ends:</source>
        <translation>结束日期：</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>CampaignSettings</name>
    <message>
        <source>Campaigns</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>New campaign…</source>
        <translation>新建活动…</translation>
    </message>
    <message>
        <source>Work on the selected campaign</source>
        <translation>切换到所选活动</translation>
    </message>
    <message>
        <source>Earlier campaigns stay readable: select one and work on it to see its records.</source>
        <translation>往年活动的记录仍可查阅：选中后点“切换到所选活动”即可。</translation>
    </message>
    <message>
        <source>  (current)</source>
        <translation>（当前）</translation>
    </message>
    <message>
        <source>Cannot switch</source>
        <translation>无法切换</translation>
    </message>
</context>
</TS>
