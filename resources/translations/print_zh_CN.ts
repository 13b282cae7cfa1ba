<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>PageView</name>
    <message>
        <source>Page %1</source>
        <translation>第 %1 页</translation>
    </message>
</context>
<context>
    <name>PrintActions</name>
    <message>
        <source>Preparing %1…</source>
        <translation>正在生成%1…</translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation>导出PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>PDF exported</source>
        <translation>已导出 PDF</translation>
    </message>
    <message>
        <source>Saved %1 (%2 pages).</source>
        <translation>已保存 %1（共 %2 页）。</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Export %1 as a PDF file</source>
        <translation>把%1导出为 PDF 文件</translation>
    </message>
    <message>
        <source>Preview and print %1 (Ctrl+P)</source>
        <translation>预览并打印%1（Ctrl+P）</translation>
    </message>
    <message>
        <source>Roster of this task force</source>
        <translation>本专班人员名单</translation>
    </message>
</context>
<context>
    <name>PrintPreviewWindow</name>
    <message>
        <source>Print preview — %1</source>
        <translation>打印预览 — %1</translation>
    </message>
    <message>
        <source>Cannot show the document</source>
        <translation>无法显示文档</translation>
    </message>
    <message>
        <source>The PDF file could not be opened: %1</source>
        <translation>无法打开 PDF 文件：%1</translation>
    </message>
    <message>
        <source> of %1</source>
        <translation> / 共 %1 页</translation>
    </message>
    <message>
        <source>%1 pages</source>
        <translation>共 %1 页</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>Open in PDF viewer</source>
        <translation>用系统阅读器打开</translation>
    </message>
    <message>
        <source>First page</source>
        <translation>首页</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>上一页</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>下一页</translation>
    </message>
    <message>
        <source>Last page</source>
        <translation>末页</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <source>Whole page</source>
        <translation>整页</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Zoom %1%</source>
        <translation>缩放 %1%</translation>
    </message>
    <message>
        <source>Save PDF as</source>
        <translation>PDF 另存为</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <source>Could not write %1: %2
Close the file if it is open in another program, or choose another folder.</source>
        <translation>无法写入 %1：%2
如果该文件正被其他程序打开，请先关闭；或换一个文件夹保存。</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
    <message>
        <source>No PDF viewer</source>
        <translation>没有 PDF 阅读器</translation>
    </message>
    <message>
        <source>No program is set up to open PDF files. Use Save as… instead.</source>
        <translation>本机没有设置打开 PDF 文件的程序。请改用“另存为…”。</translation>
    </message>
    <message>
        <source>Print %1</source>
        <translation>打印 %1</translation>
    </message>
    <message>
        <source>Nothing to print</source>
        <translation>没有可打印的页</translation>
    </message>
    <message>
        <source>The chosen page range has no pages of this document (1–%1).</source>
        <translation>所选页码范围内没有本文档的页（本文档为第 1–%1 页）。请重新填写页码范围。</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cannot print</source>
        <translation>无法打印</translation>
    </message>
    <message>
        <source>The printer could not be started. Check that it is switched on and connected, or choose another printer.</source>
        <translation>打印机无法启动。请检查打印机是否已开机并连接好，或选择其他打印机。</translation>
    </message>
    <message>
        <source>Sent %1 pages to the printer.</source>
        <translation>已将 %1 页发送到打印机。</translation>
    </message>
</context>
<context>
    <name>PrintSettings</name>
    <message>
        <source>Printing</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Fonts in printed documents</source>
        <translation>打印文档使用的字体</translation>
    </message>
    <message>
        <source>Titles (小标宋):</source>
        <translation>标题（小标宋）：</translation>
    </message>
    <message>
        <source>Level-1 headings (黑体):</source>
        <translation>一级标题（黑体）：</translation>
    </message>
    <message>
        <source>Body text (仿宋):</source>
        <translation>正文（仿宋）：</translation>
    </message>
    <message>
        <source>Level-2 headings (楷体):</source>
        <translation>二级标题（楷体）：</translation>
    </message>
    <message>
        <source>Tables (宋体):</source>
        <translation>表格（宋体）：</translation>
    </message>
    <message>
        <source>Fonts are embedded in every PDF, so the file prints the same on any computer. Only TrueType fonts can be embedded; the program's own fonts are always available. Characters a font lacks print in the program's 黑体.</source>
        <translation>字体会嵌入每个 PDF，文件在任何电脑上打印效果都相同。只有 TrueType 字体可以嵌入；程序自带的字体始终可用。某字体缺少的字符用程序自带的黑体打印。</translation>
    </message>
    <message>
        <source>版记 on 通知, 纪要 and 通报</source>
        <translation>通知、纪要和通报的版记</translation>
    </message>
    <message>
        <source>e.g. 市委督查室，市政府督查室 (leave empty for none)</source>
        <translation>如：市委督查室，市政府督查室（不抄送则留空）</translation>
    </message>
    <message>
        <source>The 填报单位 when empty</source>
        <translation>留空则为填报单位</translation>
    </message>
    <message>
        <source>抄送:</source>
        <translation>抄送：</translation>
    </message>
    <message>
        <source>印发机关:</source>
        <translation>印发机关：</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Restore defaults</source>
        <translation>恢复默认</translation>
    </message>
    <message>
        <source>Sample:</source>
        <translation>样张：</translation>
    </message>
    <message>
        <source>No sample: a chosen font cannot be used.</source>
        <translation>无法显示样张：所选字体无法使用。</translation>
    </message>
    <message>
        <source>Cannot use this font</source>
        <translation>无法使用此字体</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
</context>
</TS>
