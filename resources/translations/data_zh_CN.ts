<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DataReopen</name>
    <message>
        <source>Cannot read the data</source>
        <translation>无法读取数据</translation>
    </message>
    <message>
        <source>Another window replaced the data (for example by restoring a backup), and this window cannot read the new data:</source>
        <translation>另一个窗口替换了数据（例如恢复了备份），本窗口无法读取新的数据：</translation>
    </message>
    <message>
        <source>Please close this window and open the program again.</source>
        <translation>请关闭本窗口，再重新打开程序。</translation>
    </message>
    <message>
        <source>Another window replaced the data (for example by restoring a backup). This window now shows the new data.</source>
        <translation>另一个窗口替换了数据（例如恢复了备份）。本窗口已重新读取，现在显示的是新的数据。</translation>
    </message>
    <message>
        <source>The data was replaced</source>
        <translation>数据已被替换</translation>
    </message>
</context>
</TS>
