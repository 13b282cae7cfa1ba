<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DatabaseSettings</name>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>This PC&apos;s data file (one clerk)</source>
        <translation>本机数据文件（一人使用）</translation>
    </message>
    <message>
        <source>The office&apos;s shared PostgreSQL database</source>
        <translation>办公室共用的 PostgreSQL 数据库</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Where the data is kept</source>
        <translation>数据保存在哪里</translation>
    </message>
    <message>
        <source>Sharing one database: the administrator creates a user and a database on the office server and runs &apos;desk-app db init ADDRESS&apos; once; &apos;desk-app db copy --from sqlite --to ADDRESS&apos; moves this PC&apos;s data onto it (README, &apos;Sharing one database&apos;). Keep the password in the pgpass file rather than in the address. The change takes effect when the program is started again.</source>
        <translation>共用数据库：由管理员在办公室服务器上建立用户和数据库，并运行一次“desk-app db init 地址”；用“desk-app db copy --from sqlite --to 地址”把本机数据搬上去（见 README“共用数据库”）。密码请写在 pgpass 文件中，不要写进地址。修改在重新启动程序后生效。</translation>
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
        <source>In use: %1 (set by: %2)</source>
        <translation>当前使用：%1（来源：%2）</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接……</translation>
    </message>
    <message>
        <source>Testing the connection</source>
        <translation>正在测试连接</translation>
    </message>
    <message>
        <source>Enter the address of the shared database.</source>
        <translation>请填写共用数据库的地址。</translation>
    </message>
    <message>
        <source>Saved. Close this window to open the chosen database.</source>
        <translation>已保存。关闭本窗口即打开所选的数据库。</translation>
    </message>
    <message>
        <source>Saved. Start the program again to use the chosen database.</source>
        <translation>已保存。请重新启动程序以使用所选的数据库。</translation>
    </message>
</context>
<context>
    <name>DatabaseStartup</name>
    <message>
        <source>Cannot reach the shared database</source>
        <translation>连接不上共用数据库</translation>
    </message>
    <message>
        <source>The shared database is chosen in Settings › Database. Try again once the server is up, or change the address there.</source>
        <translation>共用数据库是在“设置 › 数据库”中选定的。请在服务器恢复后重试，或在那里修改地址（也可改回本机数据文件）。</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Database settings…</source>
        <translation>数据库设置…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Database settings</source>
        <translation>数据库设置</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
</TS>
