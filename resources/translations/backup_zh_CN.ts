<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BackupSettings</name>
    <message>
        <source>Backup and restore</source>
        <translation>备份与恢复</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Back up to a file…</source>
        <translation>备份到文件…</translation>
    </message>
    <message>
        <source>One zip file, e.g. on a USB stick, to keep away from this PC</source>
        <translation>保存为一个 zip 文件（例如存到 U 盘），离开这台电脑另行保管</translation>
    </message>
    <message>
        <source>Restore selected…</source>
        <translation>恢复所选…</translation>
    </message>
    <message>
        <source>Restore from file…</source>
        <translation>从文件恢复…</translation>
    </message>
    <message>
        <source>Delete selected…</source>
        <translation>删除所选…</translation>
    </message>
    <message>
        <source>Open backup folder</source>
        <translation>打开备份文件夹</translation>
    </message>
    <message>
        <source>Check data</source>
        <translation>检查数据</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Automatic backups to keep (one is made every day, at start-up or past midnight; those made with Back up now stay until deleted)</source>
        <translation>自动备份保留份数（每天自动备份一次：启动时，或程序开着过了午夜时；“立即备份”做的备份一直保留，直到手动删除）</translation>
    </message>
    <message>
        <source>Daily:</source>
        <translation>按天保留：</translation>
    </message>
    <message>
        <source>Weekly:</source>
        <translation>按周保留：</translation>
    </message>
    <message>
        <source>Monthly:</source>
        <translation>按月保留：</translation>
    </message>
    <message>
        <source>%1 (damaged)</source>
        <translation>%1（已损坏）</translation>
    </message>
    <message>
        <source>This backup is a copy of damaged data; it cannot be used to restore.</source>
        <translation>这份备份是损坏数据的副本，不能用于恢复。</translation>
    </message>
    <message>
        <source>Backups are kept in %1</source>
        <translation>备份保存在 %1</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>正在备份……</translation>
    </message>
    <message>
        <source>Back up to a file</source>
        <translation>备份到文件</translation>
    </message>
    <message>
        <source>Backups (*.zip)</source>
        <translation>备份包 (*.zip)</translation>
    </message>
    <message>
        <source>Backup saved: %1</source>
        <translation>已备份：%1</translation>
    </message>
    <message>
        <source>Backup saved, but the data is damaged: %1</source>
        <translation>已备份，但数据已损坏：%1</translation>
    </message>
    <message>
        <source>The data is damaged</source>
        <translation>数据已损坏</translation>
    </message>
    <message>
        <source>The backup was made, but the current data is damaged, so this backup is a copy of damaged data. It is marked "damaged" in the list and cannot be used to restore.</source>
        <translation>备份已完成，但当前数据已损坏，所以这份备份是损坏数据的副本。它在列表中标为“已损坏”，不能用于恢复。</translation>
    </message>
    <message>
        <source>Please stop entering data, click "Check data" for details, and restore the newest backup that is not marked damaged.</source>
        <translation>请不要继续录入，点“检查数据”查看详情，并用列表中最近一份未标“已损坏”的备份恢复。</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <source>Saved. Older backups beyond these numbers are removed after the next backup.</source>
        <translation>已保存。超出保留份数的旧备份将在下次备份后删除。</translation>
    </message>
    <message>
        <source>Checking the data…</source>
        <translation>正在检查数据……</translation>
    </message>
    <message>
        <source>Data check</source>
        <translation>数据检查</translation>
    </message>
    <message>
        <source>Delete the backup of %1 (%2)? It cannot be used to restore afterwards.</source>
        <translation>删除 %1 的备份（%2）？删除后不能再用它恢复。</translation>
    </message>
    <message>
        <source>This is the newest good backup.</source>
        <translation>这是最新的一份完好备份。</translation>
    </message>
    <message>
        <source>Delete backup</source>
        <translation>删除备份</translation>
    </message>
    <message>
        <source>Cannot delete</source>
        <translation>无法删除</translation>
    </message>
    <message>
        <source>Backup deleted: %1</source>
        <translation>已删除 %1 的备份</translation>
    </message>
    <message>
        <source>Choose a backup</source>
        <translation>选择备份</translation>
    </message>
    <message>
        <source>Backups (*.zip *.sqlite3 manifest.json);;All files (*)</source>
        <translation>备份 (*.zip *.sqlite3 manifest.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot restore</source>
        <translation>无法恢复</translation>
    </message>
    <message>
        <source>Restore backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>Replace the current data with this backup?</source>
        <translation>用这个备份替换当前数据吗？</translation>
    </message>
    <message>
        <source>The current data is backed up first, so this restore can itself be undone.</source>
        <translation>恢复前会先自动备份当前数据，需要时可以再恢复回来。</translation>
    </message>
    <message>
        <source>Restoring…</source>
        <translation>正在恢复……</translation>
    </message>
    <message>
        <source>Cannot open the data</source>
        <translation>无法打开数据</translation>
    </message>
    <message>
        <source>Restored the backup of %1 (%2): %3.</source>
        <translation>已恢复 %1 的备份（%2）：%3。</translation>
    </message>
    <message>
        <source>The data as it was just before is kept as a backup too ("%1" at the top of the list), so this restore can be undone.</source>
        <translation>恢复前的数据也已另存为一份备份（列表顶部的“%1”），需要时可以再恢复回来。</translation>
    </message>
</context>
</TS>
