<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <source>Desk ledger</source>
        <translation>专班·例会·整改台账</translation>
    </message>
    <message>
        <source>Cannot open the data</source>
        <translation>无法打开数据</translation>
    </message>
</context>
<context>
    <name>CrashHandler</name>
    <message>
        <source>(the log file could not be written)</source>
        <translation>（无法写入日志文件）</translation>
    </message>
    <message>
        <source>An unexpected error occurred. Data already saved is not affected: every change is saved completely or not at all.</source>
        <translation>程序出现了意外错误。已保存的数据不受影响：每次修改要么完整保存，要么完全不保存。</translation>
    </message>
    <message>
        <source>The details are in the log file:</source>
        <translation>错误详情已记录在日志文件中：</translation>
    </message>
    <message>
        <source>Please give this file to your administrator.</source>
        <translation>请把该文件交给管理员。</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续使用</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation>打开日志文件夹</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Another clerk</source>
        <translation>其他文员</translation>
    </message>
    <message>
        <source>%1 changed data just now; the pages show it.</source>
        <translation>%1 刚刚修改了数据，页面已更新。</translation>
    </message>
    <message>
        <source>Role: %1</source>
        <translation>角色：%1</translation>
    </message>
    <message>
        <source>No campaign yet</source>
        <translation>尚无活动</translation>
    </message>
    <message>
        <source>Campaign: %1  Version %2</source>
        <translation>活动：%1&#x3000;版本 %2</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>SearchIndexer</name>
    <message>
        <source>Indexing for search</source>
        <translation>正在建立检索索引</translation>
    </message>
    <message>
        <source>Indexing for search: %1 of %2 entries (search works meanwhile)</source>
        <translation>正在建立检索索引：%1 / %2 条（期间可以照常搜索）</translation>
    </message>
    <message>
        <source>Search index is up to date</source>
        <translation>检索索引已是最新</translation>
    </message>
</context>
<context>
    <name>Tasks</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>出错</translation>
    </message>
</context>
</TS>
