<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>EditingBanner</name>
    <message>
        <source>(no name)</source>
        <translation>（未填姓名）</translation>
    </message>
    <message>
        <source>%1 is also editing this (since %2). If you both save, whoever saves second chooses field by field what to keep.</source>
        <translation>%1 也在编辑这条记录（自 %2 起）。两人都保存时，后保存的一方会逐项选择保留哪一方的内容。</translation>
    </message>
</context>
</TS>
