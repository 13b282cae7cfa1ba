<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>GeneralSettings</name>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>Shown in the change history</source>
        <translation>显示在修改记录中</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>工作</translation>
    </message>
    <message>
        <source>Clerk name:</source>
        <translation>经办人姓名：</translation>
    </message>
    <message>
        <source>Yellow light when due within:</source>
        <translation>到期前多少天亮黄灯：</translation>
    </message>
    <message>
        <source>Monthly report day:</source>
        <translation>每月报送日：</translation>
    </message>
    <message>
        <source> points</source>
        <translation> 个百分点</translation>
    </message>
    <message>
        <source>Behind schedule when below plan by more than:</source>
        <translation>序时进度滞后（低于计划超过）：</translation>
    </message>
    <message>
        <source>Header block of printed and exported ledgers</source>
        <translation>打印和导出台账的表头信息</translation>
    </message>
    <message>
        <source>Reporting unit:</source>
        <translation>填报单位：</translation>
    </message>
    <message>
        <source>Filled in by:</source>
        <translation>填报人：</translation>
    </message>
    <message>
        <source>Reviewed by:</source>
        <translation>审核人：</translation>
    </message>
    <message>
        <source>Contact phone:</source>
        <translation>联系电话：</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Undo changes</source>
        <translation>撤销修改</translation>
    </message>
    <message>
        <source>Data folder: %1</source>
        <translation>数据文件夹：%1</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
</context>
</TS>
