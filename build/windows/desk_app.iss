; Inno Setup 6 script: the one-folder bundle build\dist\desk_app -> build\dist\installer\desk_app-<version>-setup.exe
; Build on Windows after `python build\build.py`:   iscc build\windows\desk_app.iss
; (see build\windows\README.md). This file is UTF-8 with a byte order mark so the Chinese texts survive.
;
; Per-user install (no administrator needed; %LOCALAPPDATA%\Programs\desk_app), no questions for the
; clerk; IT staff can install for all users with  desk_app-<version>-setup.exe /ALLUSERS  (into
; Program Files, needs administrator rights). The clerk's data lives elsewhere
; (%LOCALAPPDATA%\desk_app, created by the program), so uninstalling never touches it.

#ifndef AppVersion
  ; Must equal __version__ in desk_app\__init__.py (tests\test_build_files.py checks it).
  #define AppVersion "0.1.0"
#endif
#define AppName "专班·例会·整改台账"
#define AppExeName "desk_app.exe"
#define BundleDir "..\dist\desk_app"
; Data packages (导出数据包) are .zip files. The installer adds the program to the .zip "Open with" list
; (OpenWithProgids) instead of taking .zip over: Explorer keeps opening other archives as before, and
; 打开方式 › 专班·例会·整改台账 on a package runs  desk_app.exe --open FILE , which opens its import preview.
#define PackageProgId "desk_app.package"
#define PackageExt ".zip"

[Setup]
; The AppId identifies the program for upgrades and uninstall: never change it.
AppId={{71295A20-DDEB-4AEF-9736-348A6D27D000}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=desk_app
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\desk_app
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\dist\installer
OutputBaseFilename=desk_app-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\desk_app.ico
UninstallDisplayIcon={app}\{#AppExeName}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Close a running desk_app before files are replaced (upgrade or uninstall).
CloseApplications=yes
; Tell Explorer about the "Open with" entry below at the end of setup and of uninstall.
ChangesAssociations=yes

[Languages]
; Inno Setup 6.4+ ships ChineseSimplified.isl; older versions have it under Languages\Unofficial
; (copy it into Languages\ to get a Chinese wizard). Without it the wizard is in English.
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "chs"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#else
Name: "chs"; MessagesFile: "compiler:Default.isl"
#endif

[Messages]
; %1 is the program's name, %n a line break.
UninstalledMost=%1 已从这台电脑上删除。%n%n您的数据（数据库、附件、备份）仍保留在本机的 AppData\Local\desk_app 文件夹中，重新安装后可以继续使用；如确实不再需要，可以手动删除该文件夹。

[Tasks]
Name: "desktopicon"; Description: "在桌面上创建快捷方式"; GroupDescription: "附加快捷方式："

[InstallDelete]
; An upgrade replaces the whole bundle: libraries of the old version must not linger.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Registry]
; HKA is HKCU\Software\Classes in a per-user install and HKLM\Software\Classes with /ALLUSERS; every
; value goes again on uninstall.
Root: HKA; Subkey: "Software\Classes\{#PackageExt}\OpenWithProgids"; ValueType: string; ValueName: "{#PackageProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#PackageProgId}"; ValueType: string; ValueName: ""; ValueData: "{#AppName} 数据包"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#PackageProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExeName},0"
Root: HKA; Subkey: "Software\Classes\{#PackageProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExeName}"" --open ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExeName}\SupportedTypes"; ValueType: string; ValueName: "{#PackageExt}"; ValueData: ""; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExeName}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExeName}"; WorkingDir: "{app}"; Comment: "专班、例会、整改台账"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExeName}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExeName}"; Description: "立即运行 {#AppName}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] on purpose: uninstall removes only what was installed under {app}; the data
; folder %LOCALAPPDATA%\desk_app (or a folder chosen with --data-dir) is kept.
