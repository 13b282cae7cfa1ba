#!/bin/sh
# Install the desk_app bundle for the current user, with a menu entry and icon (no root needed).
# build.py copies this script into the bundle folder; on the clerk's PC, from that folder:
#     sh install.sh              install or upgrade (the program goes to ~/.local/opt/desk_app)
#     sh install.sh --uninstall  remove the program and its menu entry; the data folder
#                                (~/.local/share/desk_app) is never touched
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
DATA_HOME=${XDG_DATA_HOME:-$HOME/.local/share}
TARGET=$HOME/.local/opt/desk_app
DESKTOP=$DATA_HOME/applications/desk_app.desktop
ICONS=$DATA_HOME/icons/hicolor
SIZES="16 24 32 48 64 128 256"

if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$TARGET"
    rm -f "$DESKTOP"
    for size in $SIZES; do rm -f "$ICONS/${size}x${size}/apps/desk_app.png"; done
    echo "已卸载。您的数据仍保留在 $DATA_HOME/desk_app 。"
    exit 0
fi

if [ ! -x "$HERE/desk-app" ]; then
    echo "错误：请在程序文件夹（包含 desk-app 的文件夹）中运行本脚本。" >&2
    exit 2
fi
if [ "$HERE" != "$TARGET" ]; then
    rm -rf "$TARGET.new"
    mkdir -p "$(dirname "$TARGET")"
    cp -a "$HERE" "$TARGET.new"
    rm -rf "$TARGET"
    mv "$TARGET.new" "$TARGET"
fi
for size in $SIZES; do
    mkdir -p "$ICONS/${size}x${size}/apps"
    cp "$TARGET/_internal/resources/icons/desk_app-$size.png" "$ICONS/${size}x${size}/apps/desk_app.png"
done
mkdir -p "$(dirname "$DESKTOP")"
cat > "$DESKTOP" <<DESKTOP_ENTRY
[Desktop Entry]
Type=Application
Name=专班·例会·整改台账
Comment=专班、例会和整改台账管理（离线）
Exec="$TARGET/desk-app"
Icon=desk_app
Terminal=false
Categories=Office;
StartupWMClass=desk-app
DESKTOP_ENTRY
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$DATA_HOME/applications" || true
echo "已安装到 $TARGET ，可从开始菜单（办公）打开“专班·例会·整改台账”。"
