#!/bin/sh
# Build the Linux bundle inside an old Debian root, so that it starts on 信创 Linux: a bundle carries
# the C library requirements of the machine it was built on, and UOS 20 has glibc 2.28, Kylin V10 2.31.
# Needs root and debootstrap (apt-get install debootstrap); no container engine.
#
#   sudo sh build/linux/build_old_glibc.sh                  Debian 10 "buster" (glibc 2.28), this machine's arch
#   sudo SUITE=bullseye sh build/linux/build_old_glibc.sh   Debian 11 (glibc 2.31: Kylin V10, UOS 20 1060+)
#   sudo sh build/linux/build_old_glibc.sh --shell          a shell in the root, to look around
#
# aarch64: run it on an arm64 machine (or with qemu-user-static registered in binfmt_misc and ARCH=arm64).
# PySide6-Essentials has aarch64 wheels for glibc 2.31 up to 6.8.0.2 only (6.8.1 and later need 2.39),
# so an aarch64 bundle is built on bullseye with PySide6-Essentials 6.8.0.2 and needs glibc 2.31.
#
# What it downloads: the Debian root and build tools from MIRROR (buster lives on archive.debian.org);
# Python 3.11 and SQLite 3.40 sources from Debian's pool (the root's own Python is 3.7, its SQLite
# 3.27); the project's Python packages from PyPI. Each step is skipped when done, so a rerun goes on
# where the last one stopped. Output: build/dist/desk_app-<version>-linux-<machine>.tar.gz and the
# glibc line of build.py, which fails the build when the bundle needs more than FLOOR.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
CHECKOUT=$(cd "$HERE/../.." && pwd)
SUITE=${SUITE:-buster}
ARCH=${ARCH:-$(dpkg --print-architecture 2>/dev/null || echo amd64)}
case "$SUITE" in
    buster) MIRROR=${MIRROR:-http://archive.debian.org/debian}; FLOOR_DEFAULT=2.28 ;;
    bullseye) MIRROR=${MIRROR:-http://deb.debian.org/debian}; FLOOR_DEFAULT=2.31 ;;
    *) echo "SUITE must be buster or bullseye" >&2; exit 2 ;;
esac
FLOOR=${FLOOR:-$FLOOR_DEFAULT}
ROOT=${ROOT:-/var/tmp/desk_app-build-roots/$SUITE-$ARCH}  # outside the checkout: it holds bind mounts while it runs
POOL=${POOL:-http://deb.debian.org/debian/pool/main}
PYTHON_VERSION=3.11.2   # Debian 12's python3.11 source (upstream tarball, unchanged)
SQLITE_VERSION=3.40.1   # Debian 12's sqlite3 source: FTS5 and what the development machines run
PYSIDE=${PYSIDE:-}
if [ "$ARCH" = arm64 ] && [ -z "$PYSIDE" ]; then PYSIDE="PySide6-Essentials==6.8.0.2"; fi

say() { printf '\n== %s\n' "$*"; }

if [ "$(id -u)" -ne 0 ]; then echo "run as root (debootstrap and chroot need it)" >&2; exit 2; fi
command -v debootstrap >/dev/null || { echo "install debootstrap first: apt-get install debootstrap" >&2; exit 2; }

# --- 1. the root --------------------------------------------------------------------------------
if [ ! -x "$ROOT/usr/bin/apt-get" ]; then
    say "debootstrap $SUITE ($ARCH) from $MIRROR into $ROOT"
    mkdir -p "$ROOT"
    keyring=""
    # Archived releases are signed with keys Debian 12 keeps among its removed keys.
    for k in /usr/share/keyrings/debian-archive-removed-keys.gpg /usr/share/keyrings/debian-archive-keyring.gpg; do
        if [ -f "$k" ] && [ "$SUITE" = buster ]; then keyring="--keyring=$k"; break; fi
    done
    # shellcheck disable=SC2086 # keyring is one option or nothing
    debootstrap --variant=minbase --arch="$ARCH" $keyring "$SUITE" "$ROOT" "$MIRROR"
    echo "deb $MIRROR $SUITE main" > "$ROOT/etc/apt/sources.list"
    [ "$SUITE" = buster ] && echo 'Acquire::Check-Valid-Until "false";' > "$ROOT/etc/apt/apt.conf.d/99archive"
fi

mounts="proc sys dev dev/pts"
cleanup() { for m in dev/pts dev sys proc; do umount -l "$ROOT/$m" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM
mount -t proc proc "$ROOT/proc"
mount -t sysfs sys "$ROOT/sys"
mount --bind /dev "$ROOT/dev"
mount --bind /dev/pts "$ROOT/dev/pts"
cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
# pip inside the root trusts what this machine trusts (a company proxy that inspects TLS brings its own CA).
host_ca=${PIP_CERT:-/etc/ssl/certs/ca-certificates.crt}
pip_cert=""
if [ -f "$host_ca" ]; then
    mkdir -p "$ROOT/etc/ssl/certs" && cp "$host_ca" "$ROOT/etc/ssl/certs/build-host-ca.crt"
    pip_cert="PIP_CERT=/etc/ssl/certs/build-host-ca.crt"
fi
in_root() { chroot "$ROOT" /usr/bin/env -i HOME=/root PATH=/opt/py311/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
    DEBIAN_FRONTEND=noninteractive PIP_DISABLE_PIP_VERSION_CHECK=1 ${pip_cert} \
    ${PIP_INDEX_URL:+PIP_INDEX_URL=$PIP_INDEX_URL} /bin/sh -c "$1"; }

if [ "${1:-}" = "--shell" ]; then chroot "$ROOT" /bin/bash; exit; fi

# --- 2. compilers, libraries Python needs, and what Qt loads for the smoke test ----------------------
if [ ! -f "$ROOT/.desk_app-packages" ]; then
    say "apt-get: build tools and libraries"
    # libxcb-util is libxcb-util0 on Debian 10, libxcb-util1 from Debian 11 on.
    in_root "apt-get update -qq && util=\$(apt-cache show libxcb-util1 >/dev/null 2>&1 && echo libxcb-util1 || echo libxcb-util0)
        apt-get install -y -qq --no-install-recommends \$util \
        build-essential curl ca-certificates xz-utils binutils tcl \
        zlib1g-dev libbz2-dev liblzma-dev libffi-dev libssl-dev libreadline-dev uuid-dev libexpat1-dev \
        libglib2.0-0 libgl1 libegl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libxkbcommon0 \
        libxkbcommon-x11-0 libx11-xcb1 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 \
        libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxcb-render0 libxcb-xinerama0 \
        fonts-wqy-microhei poppler-utils >/dev/null"
    # Qt 6.5+ needs libxcb-cursor for X11 windows; Debian 10 does not have it: Debian 11's is built
    # against glibc 2.2.5-era symbols only, and the bundle carries it to the clerk's PC.
    if ! in_root "apt-get install -y -qq libxcb-cursor0 >/dev/null 2>&1"; then
        deb="libxcb-cursor0_0.1.1-4_$ARCH.deb"
        curl -fsSL -o "$ROOT/tmp/$deb" "$POOL/x/xcb-util-cursor/$deb"
        in_root "dpkg -i /tmp/$deb >/dev/null"
    fi
    touch "$ROOT/.desk_app-packages"
fi

# --- 3. SQLite and Python 3.11 from source --------------------------------------------------------
if [ ! -x "$ROOT/opt/py311/bin/python3.11" ]; then
    say "build SQLite $SQLITE_VERSION and Python $PYTHON_VERSION (about 10 minutes on two cores)"
    mkdir -p "$ROOT/src-py"
    [ -f "$ROOT/src-py/sqlite.tar.xz" ] || curl -fsSL -o "$ROOT/src-py/sqlite.tar.xz" \
        "$POOL/s/sqlite3/sqlite3_$SQLITE_VERSION.orig.tar.xz"
    [ -f "$ROOT/src-py/python.tar.gz" ] || curl -fsSL -o "$ROOT/src-py/python.tar.gz" \
        "$POOL/p/python3.11/python3.11_$PYTHON_VERSION.orig.tar.gz"
    in_root "set -e; cd /src-py; rm -rf sqlite python; mkdir sqlite python
        tar xf sqlite.tar.xz -C sqlite --strip-components=1; tar xf python.tar.gz -C python --strip-components=1
        cd /src-py/sqlite && CFLAGS='-O2 -DSQLITE_ENABLE_FTS5 -DSQLITE_ENABLE_JSON1 -DSQLITE_ENABLE_DBSTAT_VTAB' \
            ./configure --prefix=/opt/py311 --enable-fts5 --disable-tcl >/dev/null && make -j2 >/dev/null && make install >/dev/null
        cd /src-py/python && CPPFLAGS=-I/opt/py311/include LDFLAGS='-L/opt/py311/lib -Wl,-rpath,/opt/py311/lib' \
            ./configure --prefix=/opt/py311 --enable-shared --with-ensurepip=install >/dev/null
        make -j2 >/dev/null 2>&1 && make install >/dev/null 2>&1
        /opt/py311/bin/python3.11 -c 'import sqlite3, ssl, lzma, bz2, ctypes; print(\"python\", sqlite3.sqlite_version)'"
fi

# --- 4. the checkout, its packages and PyInstaller -------------------------------------------------
say "copy the checkout (committed files plus the working tree's changes) into the root"
rm -rf "$ROOT/desk_app-src"
mkdir -p "$ROOT/desk_app-src"
(cd "$CHECKOUT" && git ls-files -co --exclude-standard -z | xargs -0 tar cf - ) | tar xf - -C "$ROOT/desk_app-src"
in_root "set -e; cd /desk_app-src; [ -x /opt/py311-venv/bin/python ] || python3.11 -m venv /opt/py311-venv
    /opt/py311-venv/bin/python -m pip install -q --upgrade pip
    /opt/py311-venv/bin/python -m pip install -q '.[build]' $PYSIDE
    /opt/py311-venv/bin/python -m pip list 2>/dev/null | grep -i -E 'pyside6|shiboken|pypdfium2|pyinstaller'"

# --- 5. build, check the glibc floor, smoke-test ----------------------------------------------------
say "build/build.py --glibc-floor $FLOOR"
status=0
in_root "cd /desk_app-src && /opt/py311-venv/bin/python build/build.py --glibc-floor $FLOOR" || status=$?
mkdir -p "$CHECKOUT/build/dist"
for archive in "$ROOT"/desk_app-src/build/dist/*.tar.gz; do
    [ -f "$archive" ] || continue
    name=$(basename "$archive" .tar.gz)
    cp "$archive" "$CHECKOUT/build/dist/$name-$SUITE.tar.gz"
    echo "bundle for glibc >= $FLOOR: build/dist/$name-$SUITE.tar.gz"
done
exit $status
