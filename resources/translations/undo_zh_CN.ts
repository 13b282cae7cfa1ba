<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>UndoGuard</name>
    <message>
        <source>Undo history cleared: %1 cannot be undone.</source>
        <translation>已清空撤销记录：“%1”无法撤销。</translation>
    </message>
</context>
</TS>
