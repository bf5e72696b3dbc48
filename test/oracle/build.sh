#!/usr/bin/env bash
# Builds the tclparse Tcl extension (test/oracle/tclparse.c) into test/oracle/build/ when the
# library is missing or older than its source. Prints the library path on stdout.
# Needs gcc and the Tcl 8.6 development files (Debian/Ubuntu: apt-get install tcl8.6-dev).
# Safe to run from several processes at once: it compiles to a temporary file and renames it.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$here/tclparse.c"
out_dir="$here/build"
lib="$out_dir/libtclparse.so"

if [[ -f "$lib" && "$lib" -nt "$src" && "$lib" -nt "${BASH_SOURCE[0]}" ]]; then
  echo "$lib"
  exit 0
fi

# Locate tcl.h: TCL_INCLUDE_DIR wins, then the usual Debian/Ubuntu and Fedora places.
inc="${TCL_INCLUDE_DIR:-}"
if [[ -z "$inc" ]]; then
  for d in /usr/include/tcl8.6 /usr/include/tcl /usr/local/include/tcl8.6 /usr/local/include /usr/include; do
    if [[ -f "$d/tcl.h" ]]; then inc="$d"; break; fi
  done
fi
if [[ -z "$inc" || ! -f "$inc/tcl.h" ]]; then
  echo "tclparse: tcl.h not found; install the Tcl 8.6 headers (apt-get install tcl8.6-dev) or set TCL_INCLUDE_DIR" >&2
  exit 2
fi
if ! command -v gcc >/dev/null 2>&1; then
  echo "tclparse: gcc not found; it is needed to build the Tcl parser oracle" >&2
  exit 2
fi

# The stub library lets the extension load into any Tcl 8.6 tclsh.
libdirs=()
for d in /usr/lib/x86_64-linux-gnu /usr/lib/aarch64-linux-gnu /usr/lib64 /usr/lib /usr/local/lib; do
  [[ -d "$d" ]] && libdirs+=("-L$d")
done

mkdir -p "$out_dir"
tmp="$(mktemp "$out_dir/.libtclparse.XXXXXX")"
trap 'rm -f "$tmp"' EXIT
gcc -shared -fPIC -O2 -Wall -Wextra -Werror -I"$inc" -DUSE_TCL_STUBS \
  -o "$tmp" "$src" "${libdirs[@]}" -ltclstub8.6
mv -f "$tmp" "$lib"
trap - EXIT
echo "$lib"
