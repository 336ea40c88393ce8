"""End-to-end checks of the places people run assetlint (issue #12).

Usage: e2e_places.py BINARY   (run from the repository root)
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

BIN = os.path.abspath(sys.argv[1])
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEMO = "testdata/demo"
failures = []
passed = 0


def run(*args, cwd=ROOT, env=None, stdin=None):
    p = subprocess.run([BIN, "--no-config", *args], cwd=cwd, capture_output=True,
                       env=env, input=stdin)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def run_json(*args, **kw):
    code, out, err = run("--format", "json", *args, **kw)
    try:
        return code, json.loads(out), err
    except ValueError as e:
        raise AssertionError("not JSON (%s): %s %s" % (e, out[:300], err[:300]))


def check(name, cond, detail=""):
    global passed
    if cond:
        passed += 1
    else:
        failures.append("%s %s" % (name, detail))
        print("FAIL:", name, detail)


def set_rules(rep):
    return [x["rule"] for s in rep["sets"] for x in s["findings"]]


def test_alone():
    """A file given alone is checked alone; folders form sets."""
    code, rep, err = run_json(DEMO + "/contoso/Small.png")
    check("alone: exit 0", code == 0, "%d %s" % (code, err))
    check("alone: no set", rep["sets"] == [] and rep["files"][0]["set"] is None, str(rep["sets"]))
    check("alone: summary", rep["summary"]["sets"] == 0 and rep["summary"]["files"] == 1)
    code, out, _ = run(DEMO + "/contoso/Small.png")
    check("alone: text summary", "1 file checked alone: 0 errors" in out, out)
    # Four logos given one by one: still no set rule.
    logos = [DEMO + "/contoso/" + n for n in ("Small.png", "Medium.png", "Large.png")]
    code, rep, _ = run_json(*logos)
    check("alone x3: no set-incomplete", "set-incomplete" not in set_rules(rep) and code == 0,
          str(set_rules(rep)))
    # The folder given: the set rules run.
    tmp = tempfile.mkdtemp()
    try:
        shutil.copy(os.path.join(ROOT, DEMO, "contoso/Small.png"), tmp)
        code, rep, _ = run_json(tmp)
        check("folder: set-incomplete", "set-incomplete" in set_rules(rep), str(set_rules(rep)))
        check("folder: exit 1", code == 1)
        # The file and its folder: the folder wins, the file is in the set.
        code, rep, _ = run_json(os.path.join(tmp, "Small.png"), tmp)
        check("file+folder: one file in the set", len(rep["files"]) == 1 and
              rep["files"][0]["set"] == tmp and "set-incomplete" in set_rules(rep), str(rep["files"]))
        code, out, _ = run("-f", "junit", os.path.join(tmp, "Small.png"))
        check("alone: JUnit suite without a set case", 'tests="1"' in out and "Small.png/" not in out, out)
    finally:
        shutil.rmtree(tmp)
    code, out, _ = run(DEMO + "/contoso/Small.png", DEMO + "/fabrikam")
    check("mixed: text summary", "6 files (5 in 1 set, 1 checked alone)" in out, out[-200:])


def main():
    test_alone()
    print("%d passed, %d failed" % (passed, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
