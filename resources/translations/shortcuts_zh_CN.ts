<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ShortcutsHelp</name>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts…</source>
        <translation>键盘快捷键(&amp;K)…</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>页面</translation>
    </message>
    <message>
        <source>Menus</source>
        <translation>菜单</translation>
    </message>
    <message>
        <source>Dialogs</source>
        <translation>对话框</translation>
    </message>
    <message>
        <source>Next / previous field</source>
        <translation>下一项 / 上一项</translation>
    </message>
    <message>
        <source>The highlighted button (usually Save or OK)</source>
        <translation>按下突出显示的按钮（通常是“保存”或“确定”）</translation>
    </message>
    <message>
        <source>Cancel and close the dialog</source>
        <translation>取消并关闭对话框</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>What</source>
        <translation>作用</translation>
    </message>
    <message>
        <source>Buttons of the toolbars show their keys when the mouse rests on them.</source>
        <translation>鼠标停在工具栏按钮上时，也会显示它的快捷键。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
</TS>
