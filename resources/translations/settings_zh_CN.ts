<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>FormWatch</name>
    <message>
        <source>Saved at %1.</source>
        <translation>已保存（%1）。</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Save this settings section</source>
        <translation>保存本页设置</translation>
    </message>
    <message>
        <source>Unsaved settings</source>
        <translation>设置未保存</translation>
    </message>
    <message>
        <source>Settings › %1 have changes that are not saved. Save them before closing?</source>
        <translation>设置 › %1 中有尚未保存的修改。关闭前保存吗？</translation>
    </message>
</context>
</TS>
