#!/bin/sh
# `make bench` compares with TaskJuggler 3 (`tj3`). When it is missing, install it with apt where that is possible
# (root, apt-get present: a CI runner or a container); otherwise say so. Never fails: the benchmark runs without it.
if command -v tj3 >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u 2>/dev/null)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "bench: installing tj3 (Debian package tj3) for the comparison with TaskJuggler"
    export DEBIAN_FRONTEND=noninteractive
    if apt-get install -y -q tj3 >/dev/null 2>&1 || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q tj3 >/dev/null 2>&1; }; then
        exit 0
    fi
    echo "bench: note: apt-get could not install tj3; the benchmark runs without the TaskJuggler comparison"
else
    echo "bench: note: tj3 is not installed (as root: apt-get install tj3); the benchmark runs without the TaskJuggler comparison"
fi
exit 0
