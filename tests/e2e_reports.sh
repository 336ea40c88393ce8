#!/bin/sh
# End-to-end check of the CI report formats: runs the real binary, validates
# the SARIF log against the OASIS SARIF 2.1.0 schema and the JUnit file
# against the Apache Ant schema (from ../shared/schemas beside the repo; a
# lone clone checks their structure only and says so), checks that every
# format parses, and that hostile file names survive every format escaped.
# Usage: sh tests/e2e_reports.sh BUILD_DIR   (run from the repository root)
set -eu
B=$(cd "${1:-build}" && pwd)
ROOT=$(pwd)
# The official schemas are not ours to ship: use them when ../shared is
# beside the repository, else check the structure those schemas demand
# (tests/report_structure.py) and say visibly what was skipped.
SCHEMAS=$(cd "$(dirname "$0")/../../shared/schemas" 2>/dev/null && pwd) || SCHEMAS=""
PY=/usr/bin/python3
HERE=$(cd "$(dirname "$0")" && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "e2e_reports: FAIL: $*" >&2; exit 1; }
if [ -z "$SCHEMAS" ]; then
	echo "SKIP: e2e_reports: ../shared/schemas not found; SARIF and JUnit are checked for structure, not against the official schemas"
fi

validate_sarif() {
	"$PY" "$HERE/report_structure.py" sarif "$1" || fail "SARIF $1 is not well-formed"
	[ -n "$SCHEMAS" ] || return 0
	"$PY" - "$SCHEMAS/sarif-schema-2.1.0.json" "$1" <<'PYEOF' || fail "SARIF $1 is not valid"
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
log = json.load(open(sys.argv[2], encoding="utf-8"))   # strict UTF-8
errors = list(jsonschema.Draft4Validator(schema).iter_errors(log))
for e in errors[:10]:   # where and what, not the whole schema
    print("/".join(map(str, e.absolute_path)), e.message[:300], file=sys.stderr)
sys.exit(1 if errors else 0)
PYEOF
}
validate_junit() {
	"$PY" "$HERE/report_structure.py" junit "$1" || fail "JUnit $1 is not well-formed"
	[ -n "$SCHEMAS" ] || return 0
	xmllint --noout --schema "$SCHEMAS/junit.xsd" "$1" 2>"$T/xmllint.log" ||
		{ cat "$T/xmllint.log" >&2; fail "JUnit $1 is not valid"; }
}

# 1. The brief's run: two checked trees, both report files at once.
set +e
"$B/assetlint" -q -o "sarif:$T/r.sarif" -o "junit:$T/r.xml" \
	testdata/e2e/bg testdata/demo >"$T/out.txt" 2>"$T/err.txt"
st=$?
set -e
[ "$st" -eq 1 ] || { cat "$T/err.txt" >&2; fail "exit status $st, expected 1 (error findings)"; }
validate_sarif "$T/r.sarif"
validate_junit "$T/r.xml"
"$PY" - "$T/r.sarif" "$T/r.xml" <<'EOF' || fail "report contents"
import json, sys, xml.etree.ElementTree as ET
log = json.load(open(sys.argv[1]))
run = log["runs"][0]
assert log["version"] == "2.1.0"
drv = run["tool"]["driver"]
assert drv["name"] == "assetlint"
ids = [r["id"] for r in drv["rules"]]
assert len(ids) == len(set(ids)) and "background-white" in ids, ids
assert run["originalUriBaseIds"]["SRCROOT"]["uri"].startswith("file:///")
assert run["originalUriBaseIds"]["SRCROOT"]["uri"].endswith("/")
res = run["results"]
assert res, "no results"
for r in res:
    assert ids[r["ruleIndex"]] == r["ruleId"], r
    assert r["level"] in ("error", "warning", "note"), r
    loc = r["locations"][0]["physicalLocation"]["artifactLocation"]
    assert loc["uriBaseId"] == "SRCROOT" and not loc["uri"].startswith("/"), loc
uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: r["ruleId"] for r in res}
assert uris.get("testdata/e2e/bg/white-ffffff-large.png") == "background-white", uris
set_res = [r for r in res if r["ruleId"] in ("set-incomplete", "hero-missing", "set-duplicate-role")]
assert set_res and all(r["message"]["text"].startswith("offer set ") and not r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("/") for r in set_res), set_res
errors = sum(1 for r in res if r["level"] == "error")

suites = ET.parse(sys.argv[2]).getroot().findall("testsuite")
names = [s.get("name") for s in suites]
assert "testdata/e2e/bg" in names and "testdata/demo/contoso" in names, names
fails = sum(int(s.get("failures")) for s in suites)
cases = sum(len(s.findall("testcase")) for s in suites)
assert cases == sum(int(s.get("tests")) for s in suites)
assert 0 < fails <= errors, (fails, errors)
bg = suites[names.index("testdata/e2e/bg")]
white = [c for c in bg.findall("testcase") if c.get("name") == "white-ffffff-large.png"]
assert white and white[0].find("failure").get("type") == "background-white"
EOF

# 2. Hostile names: markup, quotes, spaces, '%', '#', '?', a newline, and
#    bytes that are not UTF-8, checked from inside $T so URIs are relative.
mkdir "$T/hostile dir"
src=testdata/demo/fabrikam/small.png   # white background: an error on every copy
for n in '<img src=x onerror=alert(1)>.png' "a\"b'c&d.png" 'sp ace 50% #1?.png' \
	"$(printf 'new\nline.png')" "$(printf 'caf\351.png')" "$(printf 'esc\033[31m.png')"; do
	cp "$src" "$T/hostile dir/$n"
done
cd "$T"
set +e
"$B/assetlint" -q -o "sarif:h.sarif" -o "junit:h.xml" -f gcc "hostile dir" >h.gcc 2>h.err
st=$?
set -e
[ "$st" -le 1 ] || { cat h.err >&2; fail "hostile names: exit status $st"; }
validate_sarif h.sarif
validate_junit h.xml
grep -q '<img' h.xml && fail "raw markup from a file name in JUnit"
LC_ALL=C grep -q "$(printf '\033')" h.gcc h.xml h.sarif && fail "raw ESC from a file name in a report"
"$PY" - h.sarif h.xml h.gcc <<'EOF' || fail "hostile names: report contents"
import json, os, re, sys, urllib.parse, xml.etree.ElementTree as ET
log = json.load(open(sys.argv[1], encoding="utf-8"))
res = log["runs"][0]["results"]
files = set(os.listdir(b"hostile dir"))
seen = set()
for r in res:
    uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    # a URI reference: only unreserved characters, '/' and %XX escapes
    assert re.fullmatch(r"(?:[A-Za-z0-9\-._~/]|%[0-9A-F]{2})+", uri), uri
    path = urllib.parse.unquote_to_bytes(uri)
    assert os.path.exists(path), (uri, path)     # resolves to the real file
    if not uri.endswith("/"):
        seen.add(os.path.basename(path))
assert seen == files, (seen, files)              # every file has a finding

root = ET.parse(sys.argv[2]).getroot()
names = {c.get("name") for c in root.iter("testcase")}
for want in ["<img src=x onerror=alert(1)>.png", "a\"b'c&d.png", "sp ace 50% #1?.png",
             "new\\nline.png", "caf\ufffd.png", "esc\\x1B[31m.png", "hostile dir/"]:
    assert want in names, (want, names)

gcc = open(sys.argv[3], encoding="utf-8").read().splitlines()
assert len(gcc) == len(res), (len(gcc), len(res))  # one line per finding
for line in gcc:
    assert re.fullmatch(r".+: (error|warning|note): .* \[[a-z-]+\]", line), line
EOF

# 3. Every format parses, on the hostile names and on the demo offers.
for fmt in text gcc json sarif junit html; do
	for src in "hostile dir" "$ROOT/testdata/demo"; do
		set +e
		"$B/assetlint" -f "$fmt" "$src" >"every.$fmt" 2>every.err
		st=$?
		set -e
		[ "$st" -le 1 ] || { cat every.err >&2; fail "-f $fmt $src: exit status $st"; }
		"$PY" "$HERE/report_structure.py" "$fmt" "every.$fmt" ||
			fail "-f $fmt $src: the report does not parse"
	done
done
cd "$ROOT"
echo "e2e_reports: ok"
