<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>StartupDialogs</name>
    <message>
        <source>Data already open</source>
        <translation>数据已经打开</translation>
    </message>
    <message>
        <source>Switch to the window that is already open, or open a read-only copy here to look things up?</source>
        <translation>要切换到已经打开的窗口，还是在这里以只读方式打开（只能查看，不能修改）？</translation>
    </message>
    <message>
        <source>Switch to the open window</source>
        <translation>切换到已打开的窗口</translation>
    </message>
    <message>
        <source>Open read-only</source>
        <translation>以只读方式打开</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>只读模式</translation>
    </message>
    <message>
        <source>Data damaged</source>
        <translation>数据已损坏</translation>
    </message>
    <message>
        <source>No good backup was found in the backup folder. Please contact your administrator; the damaged file has not been changed.</source>
        <translation>备份文件夹中没有找到完好的备份。请联系管理员；损坏的数据文件没有被改动。</translation>
    </message>
    <message>
        <source>The data file is damaged: part of it cannot be read (this usually follows a power cut, a forced shutdown, a disk fault or a faulty copy). Please do not keep working on it.</source>
        <translation>数据文件已损坏：文件中有一部分内容无法读取（常见原因是断电、强行关机、磁盘故障或复制文件时出错）。请不要继续在损坏的数据上工作。</translation>
    </message>
    <message>
        <source>Newest good backup: %1 (%2)</source>
        <translation>最近的完好备份：%1（%2）</translation>
    </message>
    <message>
        <source>Restore it now? The damaged data is kept aside in the backup folder, nothing is thrown away. Changes made after that backup will have to be entered again.</source>
        <translation>现在用它恢复吗？损坏的数据会另存到备份文件夹，不会丢弃。该备份之后所做的修改需要重新录入。</translation>
    </message>
    <message>
        <source>Cannot restore</source>
        <translation>无法恢复</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>已恢复</translation>
    </message>
    <message>
        <source>The data was restored from the backup of %1. The damaged data is kept in %2.</source>
        <translation>已从 %1 的备份恢复数据。损坏的数据另存在 %2。</translation>
    </message>
    <message>
        <source>Cannot open the data</source>
        <translation>无法打开数据</translation>
    </message>
    <message>
        <source>Daily backup failed</source>
        <translation>每日自动备份失败</translation>
    </message>
    <message>
        <source>The program keeps working; please free some disk space.</source>
        <translation>程序可以继续使用；请尽快清理磁盘空间。</translation>
    </message>
    <message>
        <source>Checking the data and making the daily backup…</source>
        <translation>正在检查数据并做每日备份……</translation>
    </message>
    <message>
        <source>Today&apos;s automatic backup is made: %1</source>
        <translation>今天的自动备份已完成：%1</translation>
    </message>
</context>
</TS>
