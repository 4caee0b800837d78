# Shared by scripts/run and scripts/test: make this checkout ready to run.
# Idempotent and quick when already done (a stamp file records what was installed).
# Usage (sourced): studio_setup run|test
# shellcheck shell=bash

STUDIO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$STUDIO_ROOT/.venv"

# What the app needs at run time: eSpeak NG for pyttsx3 (brings libpulse0 for QtMultimedia),
# the X11/GL libraries PySide6's wheels load, and a CJK font so Chinese does not render as boxes.
APT_RUN=(libespeak-ng1 espeak-ng-data libpulse0 libgl1 libegl1 libopengl0 libfontconfig1 libfreetype6
         libdbus-1-3 libglib2.0-0 libxkbcommon0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1
         libxcb-cursor0 libxcb-image0 libxcb-render-util0 libxcb-randr0 libxcb-shape0
         libxcb-xinerama0 libxcb-xfixes0 libxcb-shm0 libxcb-sync1 libxcb-xkb1 libx11-xcb1
         fonts-wqy-microhei)
# What the headless test suite needs on top: a virtual screen, a null audio sink, and the
# espeak-ng command line (a Mandarin test compares phonemes with `espeak-ng -x`).
APT_TEST=(xvfb xauth pulseaudio pulseaudio-utils espeak-ng)

_say() { printf '\033[1mstudio setup:\033[0m %s\n' "$*" >&2; }
_die() { printf '\033[1;31mstudio setup: %s\033[0m\n' "$*" >&2; exit 1; }

_missing_apt() {
    command -v dpkg-query >/dev/null 2>&1 || return 0
    local p
    for p in "$@"; do
        dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q ' installed$' || printf '%s ' "$p"
    done
}

_apt_install() {
    # $@: packages that are missing
    [ "$#" -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        _die "missing system packages. Run this once, then try again:
    sudo apt-get update && sudo apt-get install -y $*"
    fi
    _say "installing system packages: $*"
    if [ ! -f /var/lib/apt/periodic/studio-updated ] || [ -z "$(ls -A /var/lib/apt/lists 2>/dev/null | grep -v lock)" ]; then
        DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null || _die "apt-get update failed"
        mkdir -p /var/lib/apt/periodic && touch /var/lib/apt/periodic/studio-updated
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >/dev/null \
        || _die "apt-get install failed for: $*"
}

_find_python() {
    local c
    for c in python3.13 python3.12 python3.11 python3; do
        if command -v "$c" >/dev/null 2>&1 &&
           "$c" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
            command -v "$c"; return 0
        fi
    done
    return 1
}

studio_setup() {
    local mode="${1:-run}"
    local want=("${APT_RUN[@]}")
    [ "$mode" = test ] && want+=("${APT_TEST[@]}")

    if command -v apt-get >/dev/null 2>&1; then
        local py_pkgs=()
        _find_python >/dev/null || py_pkgs+=(python3 python3-venv python3-pip)
        # shellcheck disable=SC2207
        local missing=($(_missing_apt "${want[@]}") "${py_pkgs[@]}")
        _apt_install "${missing[@]}"
    else
        _say "not a Debian/Ubuntu system: install eSpeak NG, a CJK font and Python >= 3.11 yourself"
    fi

    local py
    py="$(_find_python)" || _die "Python 3.11 or newer is needed (found: $(python3 --version 2>&1 || echo none))."

    if [ ! -x "$VENV/bin/python" ]; then
        _say "creating $VENV with $py"
        if ! "$py" -m venv "$VENV" 2>/dev/null; then
            rm -rf "$VENV"
            # Debian's python3 ships without ensurepip until python3-venv is installed.
            local ver; ver="$("$py" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
            command -v apt-get >/dev/null 2>&1 && _apt_install "python$ver-venv"
            "$py" -m venv "$VENV" || _die "could not create a virtual environment with $py"
        fi
    fi

    local stamp="$VENV/.studio-installed" key
    key="$(cat "$STUDIO_ROOT/pyproject.toml" <("$VENV/bin/python" -VV) | sha256sum | cut -d' ' -f1)"
    if [ "$(cat "$stamp" 2>/dev/null)" != "$key" ]; then
        _say "installing Python packages into .venv (first run takes a few minutes)"
        "$VENV/bin/python" -m pip install -q --upgrade pip >/dev/null 2>&1 || true
        "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e "$STUDIO_ROOT[test]" \
            || _die "pip install failed (see the messages above)"
        echo "$key" > "$stamp"
    fi
}
