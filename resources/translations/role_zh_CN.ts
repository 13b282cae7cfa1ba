<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>RoleDialog</name>
    <message>
        <source>Role of a person</source>
        <translation>人员角色</translation>
    </message>
    <message>
        <source>Only on a PostgreSQL server: the login this person connects with</source>
        <translation>仅用于 PostgreSQL 服务器：此人连接数据库时使用的登录名</translation>
    </message>
    <message>
        <source>Person:</source>
        <translation>人员：</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <source>Database login:</source>
        <translation>数据库登录名：</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>RoleGate</name>
    <message>
        <source>Your role is %1: you can read everything but change nothing.</source>
        <translation>你的角色是 %1：可以查阅全部内容，但不能修改。</translation>
    </message>
    <message>
        <source>Your role is %1: only the campaign office can change this.</source>
        <translation>你的角色是 %1：只有活动办可以修改这里。</translation>
    </message>
    <message>
        <source>Your role is %1: this belongs to another task force or department.</source>
        <translation>你的角色是 %1：这属于其他专班或科室，你不能修改。</translation>
    </message>
</context>
<context>
    <name>RoleSettings</name>
    <message>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>科室（单位）</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Database login</source>
        <translation>数据库登录名</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>When several clerks share one database, each person has a role: 活动办 changes everything; 专班联络员 and 科室联络员 report progress on their own entries and keep their own rosters; 只读 (leaders) can read everything. As long as nobody has a role, everyone is 活动办. Once roles are in use, a clerk who is not listed can only read. %1</source>
        <translation>多名文员共用一个数据库时，每人有一个角色：活动办可以修改全部数据；专班联络员和科室联络员填报本专班、本科室事项的进展，维护本专班、本科室名单；只读（领导）可以查阅全部数据。尚未给任何人设置角色时，所有人都是活动办；一旦设置了角色，没有登记的文员只能查阅。%1</translation>
    </message>
    <message>
        <source>On the server a clerk is recognised by the database login.</source>
        <translation>在服务器上按数据库登录名识别文员。</translation>
    </message>
    <message>
        <source>On this computer the clerk is recognised by the clerk name of 设置 › 常规, which must match a name in the list of people.</source>
        <translation>在本机按“设置 › 常规”中的文员姓名识别文员，该姓名须与人员名单中的姓名一致。</translation>
    </message>
    <message>
        <source>You are: %1</source>
        <translation>你的身份：%1</translation>
    </message>
    <message>
        <source>Roles are not in use: everyone is 活动办.</source>
        <translation>尚未设置角色：所有人都是活动办。</translation>
    </message>
    <message>
        <source>Only 活动办 changes roles</source>
        <translation>只有活动办可以修改角色</translation>
    </message>
    <message>
        <source>Choose a person from the list</source>
        <translation>请从列表中选择人员</translation>
    </message>
    <message>
        <source>Remove the role of %1?</source>
        <translation>移除 %1 的角色？</translation>
    </message>
</context>
</TS>
