#!/bin/sh
# End-to-end: config file, --rule, --profile, --list-rules and baselines,
# through the real binary on images made here.  Argument: the build dir.
# Prints one line per check; exits 1 when any check failed.
set -u
B=${1:-build}
BIN=$B/assetlint
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
if [ ! -x "$BIN" ]; then
	echo "FAIL: $BIN not built" >&2
	exit 1
fi
T=$(mktemp -d "${TMPDIR:-/tmp}/al-e2e-config.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
# A private copy: a parallel `make` may relink the binary mid-run.
cp "$BIN" "$T/assetlint" && BIN=$T/assetlint || exit 1
fails=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1" >&2; fails=$((fails + 1)); }

# png FILE W H RRGGBB: a flat opaque PNG with a darker square in the middle
# (a "mark"), written with the Python standard library only.
png() {
	"$PY" - "$@" <<'EOF'
import struct, sys, zlib
path, w, h, hexcol = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
bg = bytes.fromhex(hexcol)
mark = bytes(c // 3 for c in bg)
rows = b""
for y in range(h):
    row = b"\0"
    for x in range(w):
        inside = w // 4 <= x < 3 * w // 4 and h // 4 <= y < 3 * h // 4
        row += (mark if inside else bg) + b"\xff"
    rows += row
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
with open(path, "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
EOF
}

# rules JSONFILE [PATH-SUFFIX]: the sorted rule ids of the findings of the
# files whose path ends in PATH-SUFFIX (default: every file and set).
rules() {
	"$PY" - "$@" <<'EOF'
import json, sys
try:
    r = json.load(open(sys.argv[1]))
except ValueError:
    sys.exit("not JSON: " + sys.argv[1])
suf = sys.argv[2] if len(sys.argv) > 2 else None
out = []
for f in r["files"] + ([] if suf else r["sets"]):
    if suf is None or f["path"].endswith(suf):
        out += [x["rule"] for x in f["findings"]]
print(" ".join(sorted(out)))
EOF
}

# summary JSONFILE: "errors warnings infos"
summary() {
	"$PY" -c 'import json,sys; s=json.load(open(sys.argv[1]))["summary"]; print(s["errors"], s["warnings"], s["infos"])' "$1"
}

has() { case " $1 " in *" $2 "*) return 0 ;; esac; return 1; }

mkdir -p "$T/offer" "$T/bad/deep"
png "$T/offer/logo.png" 48 48 0f6cbd
png "$T/bad/deep/Small.png" 40 40 0f6cbd

# --- profiles: a 48x48 file is no role in cpp-2020, "small" in pc-2019 ----
"$BIN" --no-config -f json "$T/offer" >"$T/default.json" 2>"$T/err"
st=$?
d=$(rules "$T/default.json" logo.png)
if [ $st -eq 1 ] && has "$d" dimensions; then ok "cpp-2020: 48x48 has a dimensions error"
else bad "cpp-2020: want dimensions and exit 1, got '$d' exit $st: $(cat "$T/err")"; fi
"$BIN" --no-config --profile pc-2019 -f json "$T/offer" >"$T/pc.json" 2>"$T/err"
p=$(rules "$T/pc.json" logo.png)
role=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["files"][0]["role"])' "$T/pc.json")
if ! has "$p" dimensions && [ "$role" = small ]; then ok "pc-2019: 48x48 is small, no dimensions finding"
else bad "pc-2019: want role small without dimensions, got role '$role', '$p'"; fi
"$BIN" --no-config --profile pc-1999 "$T/offer" >/dev/null 2>"$T/err"
st=$?
if [ $st -eq 2 ] && grep -q "pc-1999" "$T/err"; then ok "--profile unknown: exit 2"
else bad "--profile unknown: want exit 2, got $st: $(cat "$T/err")"; fi

# --- --rule ID=SEV ------------------------------------------------------
"$BIN" --no-config --rule dimensions=off -f json "$T/offer" >"$T/rule.json" 2>"$T/err"
r=$(rules "$T/rule.json" logo.png)
if ! has "$r" dimensions && [ -n "$d" ]; then ok "--rule dimensions=off removes the finding"
else bad "--rule dimensions=off: got '$r'"; fi
"$BIN" --no-config --rule dimensions=info -f json "$T/offer" >"$T/rule.json" 2>"$T/err"
sev=$("$PY" -c 'import json,sys; print([x["severity"] for x in json.load(open(sys.argv[1]))["files"][0]["findings"] if x["rule"]=="dimensions"])' "$T/rule.json")
if [ "$sev" = "['info']" ]; then ok "--rule dimensions=info lowers the severity"
else bad "--rule dimensions=info: got $sev"; fi
"$BIN" --no-config --rule no-such-rule=off "$T/offer" >/dev/null 2>"$T/err"
st=$?
if [ $st -eq 2 ] && grep -q "no-such-rule" "$T/err"; then ok "--rule unknown id: exit 2"
else bad "--rule unknown id: want exit 2, got $st: $(cat "$T/err")"; fi

# --- .assetlint.ini found in the checked folder -------------------------
printf '# test\n[rules]\ndimensions = off\n' >"$T/offer/.assetlint.ini"
"$BIN" -f json "$T/offer" >"$T/cfg.json" 2>"$T/err"
c=$(rules "$T/cfg.json" logo.png)
if ! has "$c" dimensions; then ok ".assetlint.ini turns dimensions off"
else bad ".assetlint.ini: dimensions still reported: '$c' $(cat "$T/err")"; fi
"$BIN" -f json "$T/offer/logo.png" >"$T/cfg.json" 2>"$T/err"
c=$(rules "$T/cfg.json" logo.png)
if ! has "$c" dimensions; then ok ".assetlint.ini found from a file argument"
else bad ".assetlint.ini from a file: '$c'"; fi
# ... and the command line wins over it
"$BIN" --rule dimensions=error -f json "$T/offer" >"$T/cfg.json" 2>"$T/err"
c=$(rules "$T/cfg.json" logo.png)
if has "$c" dimensions; then ok "--rule overrides the config file"
else bad "--rule over config: '$c'"; fi
printf '[assetlint]\nprofile = pc-2019\n' >"$T/offer/.assetlint.ini"
"$BIN" -f json "$T/offer" >"$T/cfg.json" 2>"$T/err"
prof=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["profile"])' "$T/cfg.json")
if [ "$prof" = pc-2019 ]; then ok "config profile = pc-2019"
else bad "config profile: got '$prof'"; fi
# Every rule that fired on the default run becomes a warning: then only
# strict / max-warnings decide the exit status.
{ echo '[rules]'; for id in $(rules "$T/default.json"); do echo "$id = warning"; done
  echo '[thresholds]'; echo 'palette.max_colors = 2'; } >"$T/warn.ini"
runcfg() { # runcfg EXTRA-INI-LINES... : exit status with warn.ini + extra lines
	{ cat "$T/warn.ini"; echo '[assetlint]'; for l in "$@"; do echo "$l"; done; } >"$T/offer/.assetlint.ini"
	"$BIN" "$T/offer" >/dev/null 2>"$T/err"
}
runcfg "strict = false"; s0=$?
runcfg "strict = true"; s1=$?
runcfg "max-warnings = 0"; s2=$?
runcfg "max-warnings = 1000"; s3=$?
if [ "$s0$s1$s2$s3" = 0110 ]; then ok "config strict and max-warnings decide the exit status"
else bad "config strict/max-warnings: want exits 0110, got $s0$s1$s2$s3 $(cat "$T/err")"; fi
rm -f "$T/offer/.assetlint.ini"

# --- a bad config: exit 2, file:line on stderr, found from a parent -----
printf '[assetlint]\nstrict = true\n\n[rules]\ntext = loud\n' >"$T/bad/.assetlint.ini"
"$BIN" "$T/bad/deep" >"$T/out" 2>"$T/err"
st=$?
if [ $st -eq 2 ] && grep -q "bad/.assetlint.ini:5: " "$T/err"; then ok "bad config in a parent: exit 2 with file:5:"
else bad "bad config: want exit 2 and '.assetlint.ini:5:', got $st: $(cat "$T/err")"; fi
printf '[thresholds]\npalette.max_colors = 1000\n' >"$T/explicit.ini"
"$BIN" --config "$T/explicit.ini" "$T/offer" >"$T/out" 2>"$T/err"
st=$?
if [ $st -eq 2 ] && grep -q "explicit.ini:2: .*out of range" "$T/err"; then ok "--config FILE out-of-range threshold: exit 2 with file:2:"
else bad "--config out of range: got $st: $(cat "$T/err")"; fi
"$BIN" --config "$T/nope.ini" "$T/offer" >"$T/out" 2>"$T/err"
st=$?
if [ $st -eq 2 ]; then ok "--config missing file: exit 2"
else bad "--config missing file: got $st"; fi

# The example of assetlint(1) CONFIGURATION is a valid config file.
MAN=$(dirname "$0")/../man/parts/60-config.roff
sed -n '/^\.SS Example/,/^\.fi/p' "$MAN" | sed '1,/^\.nf/d;/^\.fi/d;s/\\-/-/g' >"$T/example.ini"
"$BIN" --config "$T/example.ini" "$T/offer" >/dev/null 2>"$T/err"
st=$?
if [ $st -le 1 ] && grep -q '^palette.max_colors = 5$' "$T/example.ini"; then ok "the man page's config example loads"
else bad "man page example: exit $st: $(cat "$T/err")"; fi

# --- --list-rules -------------------------------------------------------
"$BIN" --list-rules >"$T/list" 2>"$T/err"
st=$?
missing=""
for id in decode-error too-large file-format extension-mismatch color-profile \
          dimensions background-white background-black background-transparent \
          transparent-foreground gradient text palette hero-margin hero-contrast \
          distortion set-incomplete hero-missing set-duplicate-role \
          set-inconsistent baseline-stale unreadable symlink-outside \
          internal-error; do
	grep -q "^$id " "$T/list" || missing="$missing $id"
done
if [ $st -eq 0 ] && [ -z "$missing" ] && grep -q "palette.max_colors = " "$T/list"; then
	ok "--list-rules lists every rule and its thresholds"
else bad "--list-rules: exit $st, missing:$missing"; fi

# --- baseline round trip ------------------------------------------------
BL=$T/baseline.json
"$BIN" --no-config --baseline "$BL" --update-baseline "$T/offer" >/dev/null 2>"$T/err"
st=$?
if [ $st -eq 0 ] && [ -s "$BL" ] && grep -q '"schema"' "$BL"; then ok "--update-baseline writes the baseline, exit 0"
else bad "--update-baseline: exit $st, $(cat "$T/err")"; fi
"$BIN" --no-config --baseline "$BL" -f json "$T/offer" >"$T/bl.json" 2>"$T/err"
st=$?
s=$(summary "$T/bl.json")
if [ $st -eq 0 ] && [ "$s" = "0 0 0" ]; then ok "--baseline suppresses every known finding, exit 0"
else bad "--baseline: want exit 0 and '0 0 0', got $st '$s' $(cat "$T/err")"; fi
if grep -q '"path" : "offer/logo.png"' "$BL"; then ok "baseline paths are relative to the baseline's folder"
else bad "baseline paths: $(grep '"path"' "$BL" | head -3)"; fi
s=$(cd "$T/offer" && "$BIN" --no-config --baseline ../baseline.json -f json . >"$T/bl2.json" 2>"$T/err"; echo $?)
if [ "$s" = 0 ] && [ "$(summary "$T/bl2.json")" = "0 0 0" ]; then ok "the baseline works from another working folder"
else bad "baseline from another folder: exit $s, $(summary "$T/bl2.json") $(cat "$T/err")"; fi
png "$T/offer/logo.png" 48 48 bd0f6c
"$BIN" --no-config --baseline "$BL" -f json "$T/offer" >"$T/bl.json" 2>"$T/err"
st=$?
b=$(rules "$T/bl.json" logo.png)
if [ $st -eq 1 ] && has "$b" dimensions && has "$b" baseline-stale; then
	ok "a changed file brings its findings back (+ baseline-stale)"
else bad "changed file: want exit 1 with dimensions and baseline-stale, got $st '$b'"; fi
rm -f "$T/offer/logo.png"
png "$T/offer/Small.png" 40 40 0f6cbd
"$BIN" --no-config --baseline "$BL" -f json "$T/offer" >"$T/bl.json" 2>"$T/err"
a=$(rules "$T/bl.json")
if has "$a" baseline-stale; then ok "a removed file leaves a baseline-stale note"
else bad "removed file: got '$a'"; fi
"$BIN" --no-config --baseline "$T/none.json" "$T/offer" >/dev/null 2>"$T/err"
st=$?
if [ $st -eq 2 ] && grep -q "none.json" "$T/err"; then ok "--baseline missing file: exit 2"
else bad "--baseline missing file: got $st: $(cat "$T/err")"; fi
if [ -z "$(find "$T/offer" -name '*.json*')" ]; then ok "nothing written next to the inputs"
else bad "files written into the checked folder"; fi

[ $fails -eq 0 ] || { echo "$fails check(s) failed" >&2; exit 1; }
echo "all config checks passed"
