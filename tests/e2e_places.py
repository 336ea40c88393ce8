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


# VS Code's $gcc problem matcher and a Vim errorformat ("%f:%l:%c: %t%*[^:]: %m").
GCC_MATCHER = re.compile(r"^(.*?):(\d+):(\d*):?\s+(?:fatal\s+)?(warning|error):\s+(.*)$")


def test_gcc():
    code, out, _ = run("-f", "gcc", DEMO)
    lines = out.splitlines()
    check("gcc: lines", len(lines) >= 5, out)
    for line in lines:
        m = re.fullmatch(r"(.+):1:1: (error|warning|note): (.*) \[([a-z-]+)\]", line)
        check("gcc: form", m is not None, line)
        if m:
            check("gcc: a file, not a folder", os.path.isfile(os.path.join(ROOT, m.group(1))), line)
            if m.group(2) != "note":
                g = GCC_MATCHER.match(line)
                check("gcc: $gcc matcher", g and g.group(1) == m.group(1) and g.group(2) == "1", line)
    check("gcc: set finding named", any("offer set testdata/demo/fabrikam/: " in l for l in lines), out)


def test_github():
    code, out, _ = run("-f", "github", DEMO)
    lines = out.splitlines()
    check("github: exit 1", code == 1)
    for line in lines:
        m = re.fullmatch(r"::(error|warning|notice) file=([^,]+),line=1,col=1,title=assetlint ([a-z-]+)::(.+)", line)
        check("github: workflow command", m is not None, line)
        if m:
            check("github: file exists", os.path.isfile(os.path.join(ROOT, m.group(2))), line)
    # An absolute path is made relative to the repository (GITHUB_WORKSPACE).
    env = dict(os.environ, GITHUB_WORKSPACE=ROOT)
    code, out, _ = run("-f", "github", os.path.join(ROOT, DEMO, "fabrikam"), cwd="/", env=env)
    check("github: workspace-relative", "file=testdata/demo/fabrikam/small.png," in out, out[:300])
    code, out, err = run("-f", "github", "--max-results", "2", DEMO)
    check("github: --max-results", len(out.splitlines()) == 3 and
          out.splitlines()[2].startswith("::warning title=assetlint::--max-results 2: left out"), out)
    check("--max-results: note on stderr", "--max-results 2" in err and "leave out" in err, err)


def test_gitlab():
    code, out, _ = run("-f", "gitlab", DEMO)
    issues = json.loads(out)
    check("gitlab: issues", len(issues) >= 5)
    for i in issues:
        for k in ("description", "check_name", "fingerprint", "severity"):
            check("gitlab: " + k, isinstance(i.get(k), str) and i[k], str(i))
        check("gitlab: severity", i["severity"] in ("info", "minor", "major", "critical", "blocker"))
        check("gitlab: location", os.path.isfile(os.path.join(ROOT, i["location"]["path"])) and
              i["location"]["lines"]["begin"] == 1, str(i))
    fps = [i["fingerprint"] for i in issues]
    check("gitlab: unique fingerprints", len(set(fps)) == len(fps))
    code, out2, _ = run("-f", "gitlab", "-j1", os.path.join(ROOT, DEMO), cwd="/",
                        env=dict(os.environ, CI_PROJECT_DIR=ROOT))
    check("gitlab: stable fingerprints, project-relative paths",
          [i["fingerprint"] for i in json.loads(out2)] == fps, out2[:300])


def test_sarif_paths():
    """Absolute paths give repository-relative URIs; set findings sit on a file."""
    env = dict(os.environ, GITHUB_WORKSPACE=ROOT)
    code, out, _ = run("-f", "sarif", os.path.join(ROOT, DEMO), cwd="/", env=env)
    run_ = json.loads(out)["runs"][0]
    check("sarif: SRCROOT is the workspace",
          run_["originalUriBaseIds"]["SRCROOT"]["uri"] == "file://" + ROOT + "/")
    for r in run_["results"]:
        loc = r["locations"][0]["physicalLocation"]["artifactLocation"]
        check("sarif: relative uri", loc.get("uriBaseId") == "SRCROOT" and
              loc["uri"].startswith("testdata/demo/") and not loc["uri"].endswith("/"), str(loc))
    check("sarif: automationDetails", run_["automationDetails"]["id"] == "assetlint/")
    code, out, _ = run("-f", "sarif", "--doc-url", "https://example.org/doc#rules", DEMO)
    rules = json.loads(out)["runs"][0]["tool"]["driver"]["rules"]
    check("sarif: helpUri and markdown", all(r["helpUri"] == "https://example.org/doc#rules" and
                                              "**Fix:**" in r["help"]["markdown"] for r in rules))


CORPUS = os.path.normpath(os.path.join(ROOT, "..", "shared", "corpus", "real"))


def test_json_numbers_and_schema():
    """Numbers in their shortest form; every report valid against the schema
    shipped in doc/report.schema.json."""
    import jsonschema
    schema = json.load(open(os.path.join(ROOT, "doc", "report.schema.json")))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    runs = [["testdata"], [DEMO + "/contoso/Small.png", DEMO + "/fabrikam"]]
    if os.path.isdir(CORPUS):
        runs.append([CORPUS])
    else:
        print("note: SKIPPED the schema and number checks on %s (not found)" % CORPUS)
    for args in runs:
        code, out, _ = run("-f", "json", *args)
        long = re.findall(r"\d\.\d{8,}", out)
        check("json: no 17-digit numbers " + args[0], not long, str(long[:5]))
        errors = list(validator.iter_errors(json.loads(out)))
        check("json: valid against doc/report.schema.json " + args[0], not errors,
              "; ".join("%s: %s" % ("/".join(map(str, e.absolute_path)), e.message[:200])
                        for e in errors[:5]))
    code, out, _ = run("-f", "sarif", "testdata")
    long = re.findall(r"\d\.\d{8,}", out)
    check("sarif: no 17-digit numbers", not long, str(long[:5]))


def main():
    test_alone()
    test_gcc()
    test_github()
    test_gitlab()
    test_sarif_paths()
    test_json_numbers_and_schema()
    print("%d passed, %d failed" % (passed, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
