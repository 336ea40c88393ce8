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

from e2e_util import Checks, run as run_cmd

BIN = os.path.abspath(sys.argv[1])
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEMO = "testdata/demo"
check = Checks()


def run(*args, cwd=ROOT, env=None, stdin=None):
    return run_cmd([BIN, "--no-config", *args], cwd=cwd, env=env, stdin=stdin)


def run_json(*args, **kw):
    code, out, err = run("--format", "json", *args, **kw)
    try:
        return code, json.loads(out), err
    except ValueError as e:
        raise AssertionError("not JSON (%s): %s %s" % (e, out[:300], err[:300]))



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
        # ... in either order, and a file named twice is checked once
        code, rep, _ = run_json(tmp, os.path.join(tmp, "Small.png"), os.path.join(tmp, "Small.png"))
        check("folder+file+file: one file in the set", len(rep["files"]) == 1 and
              rep["files"][0]["set"] == tmp and len(rep["sets"]) == 1, str(rep["files"]))
        code, rep, _ = run_json(os.path.join(tmp, "Small.png"), os.path.join(tmp, "Small.png"))
        check("file+file: one file, alone", len(rep["files"]) == 1 and
              rep["files"][0]["set"] is None and rep["sets"] == [], str(rep["files"]))
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


def test_lists_and_excludes():
    """--files-from (file, stdin, NUL-separated), --exclude, .assetlintignore."""
    tmp = tempfile.mkdtemp()
    try:
        lst = os.path.join(tmp, "list")
        with open(lst, "w") as f:
            f.write(DEMO + "/contoso/Small.png\r\n\n" + DEMO + "/fabrikam/small.png\n")
        code, rep, err = run_json("--files-from", lst)
        check("files-from: two files alone", [x["path"] for x in rep["files"]] ==
              [DEMO + "/contoso/Small.png", DEMO + "/fabrikam/small.png"] and rep["sets"] == [],
              str(rep["files"]) + err)
        code, rep, _ = run_json("--files-from", "-", stdin=(DEMO + "/contoso/Wide.png\0" +
                                                          DEMO + "/contoso/Large.png\0").encode())
        check("files-from -: NUL-separated stdin", len(rep["files"]) == 2, str(rep["files"]))
        code, out, err = run("--files-from", "-", stdin=b"")
        check("files-from: empty list exits 2", code == 2 and "empty --files-from list" in err, err)
        code, out, err = run("--allow-empty", "--files-from", "-", stdin=b"")
        check("files-from: empty list with --allow-empty", code == 0, err)
        code, out, err = run("--files-from", os.path.join(tmp, "nope"))
        check("files-from: missing list exits 2", code == 2 and "nope" in err, err)
        code, out, err = run(DEMO + "/*.png")
        check("quoted glob: hint", code == 2 and "does not expand" in err, err)
        code, out, err = run("@" + lst)
        check("@list: hint", code == 2 and "--files-from" in err, err)

        code, rep, _ = run_json("--exclude", "fabrikam/", "--exclude", "Hero.*", DEMO)
        paths = [x["path"] for x in rep["files"]]
        check("exclude: folder and name", len(paths) == 4 and not any("fabrikam" in p or "Hero" in p
              for p in paths), str(paths))
        code, rep, _ = run_json("--exclude", DEMO + "/contoso/*", DEMO + "/contoso/Small.png")
        check("exclude: a named file too", rep["files"] == [], str(rep["files"]))
        code, out, err = run("--exclude", "a[", DEMO)
        check("exclude: malformed exits 2", code == 2 and "a[" in err, err)

        # .assetlintignore beside the config file, patterns from its folder.
        top = os.path.join(tmp, "repo")
        shutil.copytree(os.path.join(ROOT, DEMO), os.path.join(top, "offers"))
        with open(os.path.join(top, ".assetlint.ini"), "w") as f:
            f.write("[rules]\n")
        with open(os.path.join(top, ".assetlintignore"), "w") as f:
            f.write("# generated exports\n/offers/fabrikam/\n*.tmp.png\n")
        shutil.copy(os.path.join(ROOT, DEMO, "fabrikam/small.png"),
                    os.path.join(top, "offers/contoso/x.tmp.png"))
        p = subprocess.run([BIN, "-f", "json", "offers"], cwd=top, capture_output=True)
        rep = json.loads(p.stdout)
        paths = [x["path"] for x in rep["files"]]
        check(".assetlintignore: applied", len(paths) == 5 and all(x.startswith("offers/contoso/")
              for x in paths) and not any(".tmp." in x for x in paths), str(paths))
        p = subprocess.run([BIN, "-f", "json", "--no-config", "offers"], cwd=top, capture_output=True)
        check(".assetlintignore: not with --no-config", len(json.loads(p.stdout)["files"]) == 11)
    finally:
        shutil.rmtree(tmp)


def run_pty(args, cols, env_extra=None, cwd=ROOT):
    """Runs the binary with stdout and stderr on a terminal of @cols columns;
    returns (status, everything the terminal received)."""
    import fcntl, pty, select, struct, termios
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, cols, 0, 0))
    env = dict(os.environ, TERM="xterm")
    env.pop("NO_COLOR", None)
    env.pop("FORCE_COLOR", None)
    env.pop("COLUMNS", None)
    env.update(env_extra or {})
    p = subprocess.Popen([BIN, "--no-config", *args], cwd=cwd, stdin=subprocess.DEVNULL,
                         stdout=slave, stderr=slave, env=env)
    os.close(slave)
    out = b""
    while True:
        r, _, _ = select.select([master], [], [], 60)
        if not r:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    p.wait()
    os.close(master)
    return p.returncode, out


def test_help_and_colour():
    code, out, _ = run("--help", env=dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8"))
    usage = [l for l in out.splitlines() if l.strip().startswith("assetlint [")]
    check("help: one usage line", len(usage) == 1 and usage[0].count("PATH") == 1 and
          "?" not in usage[0] and "…" in usage[0], str(usage))
    check("help: examples", "Examples:" in out and "--files-from -" in out and "-f github" in out, out[-600:])
    code, out, _ = run("--help", env=dict(os.environ, LANG="C", LC_ALL="C"))
    check("help: ASCII in the C locale", "assetlint [OPTION...] PATH... " in out, out[:200])
    # Colour: NO_COLOR only when not empty; FORCE_COLOR even when piped.
    _, tty = run_pty([DEMO], 120, {"NO_COLOR": ""})
    check("NO_COLOR empty: colour on a terminal", b"\033[1;31m" in tty, tty[:200])
    _, tty = run_pty([DEMO], 120, {"NO_COLOR": "1"})
    check("NO_COLOR=1: no colour", b"\033[1;31m" not in tty)
    env = dict(os.environ, FORCE_COLOR="1")
    env.pop("NO_COLOR", None)
    p = subprocess.run([BIN, "--no-config", DEMO], cwd=ROOT, capture_output=True, env=env)
    check("FORCE_COLOR: colour when piped", b"\033[1;31m" in p.stdout)
    env["FORCE_COLOR"] = ""
    p = subprocess.run([BIN, "--no-config", DEMO], cwd=ROOT, capture_output=True, env=env)
    check("FORCE_COLOR empty: no colour when piped", b"\033[" not in p.stdout)
    env.update(FORCE_COLOR="1", NO_COLOR="1")
    p = subprocess.run([BIN, "--no-config", DEMO], cwd=ROOT, capture_output=True, env=env)
    check("NO_COLOR wins over FORCE_COLOR", b"\033[" not in p.stdout)


def test_progress():
    """The bar fits 30 columns (never wraps) and shows files/s and ETA."""
    tmp = tempfile.mkdtemp()
    try:
        # The bar is drawn from the first file (no one-second wait), so the
        # test does not depend on how fast this machine is.
        for i in range(3):
            shutil.copytree(os.path.join(ROOT, "testdata", "e2e"), os.path.join(tmp, "c%d" % i))
        for cols in (30, 100):
            code, tty = run_pty(["-j1", "-f", "json", tmp], cols, {"ASSETLINT_PROGRESS_DELAY": "0"})
            text = tty.decode("utf-8", "replace")
            report_start = text.find("{")
            bar = text[:report_start] if report_start >= 0 else text
            frames = [f.replace("\033[K", "") for f in bar.split("\r") if "files" in f]
            check("progress drawn at %d columns" % cols, len(frames) >= 2, repr(bar[:300]))
            check("progress never wraps at %d columns" % cols,
                  all(len(f) <= cols - 1 and "\n" not in f for f in frames),
                  repr([f for f in frames if len(f) > cols - 1][:3]))
            if cols == 100:
                check("progress: files/s and ETA", any("files/s" in f and "ETA " in f for f in frames),
                      repr(frames[:3]))
                # the walk streams the files; the bar's total is counted first
                try:
                    n = len(json.loads(text[report_start:].replace("\r\n", "\n"))["files"])
                except ValueError:
                    n = -1
                check("progress: the total is the number of files checked",
                      n > 0 and all(re.search(r"\d+/%d files" % n, f) for f in frames),
                      "%d %r" % (n, frames[:2]))
            check("progress line cleared before the report", report_start < 0 or
                  text[:report_start].endswith("\r\033[K") or text[:report_start].endswith("\033[K"),
                  repr(text[max(0, report_start - 40):report_start]))
    finally:
        shutil.rmtree(tmp)


def write_png(path, w, h, px):
    """An 8-bit RGB PNG whose pixel (x, y) is px(x, y)."""
    import struct, zlib
    raw = b"".join(b"\0" + bytes(c for x in range(w) for c in px(x, y)) for y in range(h))

    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) +
                chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def test_messages():
    """A wrong-sized hero: one zone width, and why; an archive: said once."""
    tmp = tempfile.mkdtemp()
    try:
        hero = os.path.join(tmp, "hero.png")
        # light blue (too light for white text) with a dark box in the zone
        write_png(hero, 533, 324, lambda x, y: (20, 40, 90) if 380 <= x < 440 and 100 <= y < 200
                  else (150, 200, 240))
        code, out, _ = run(hero)
        blocks = {}
        for line in out.splitlines():
            m = re.match(r"  (error|warning|info)\s+(\S+)\s+(.*)", line)
            if m:
                rule = m.group(2)
                blocks[rule] = m.group(3)
            elif line.strip().startswith("fix:"):
                blocks[rule] += " FIX " + line.strip()
        for rule in ("hero-margin", "hero-contrast"):
            text = blocks.get(rule, "")
            nums = set(re.findall(r"right (\d+) px", text))
            check(rule + ": one zone width (271) in message and fix", nums == {"271"}, text)
            check(rule + ": says why it was scaled", "415 px of an 815 px wide hero" in text and
                  "533 px wide image" in text, text)
            check(rule + ": fix line has no other width", "415" not in text.split(" FIX ")[1], text)
        z = os.path.join(tmp, "offer.zip")
        with open(z, "wb") as f:
            f.write(b"PK\x03\x04" + b"\0" * 60)
        code, out, _ = run("-f", "gcc", z)
        check("zip: said once, and what to do", out.count("recognised") == 0 and
              "a ZIP archive" in out and "unpack" in out and out.count("not an image") == 1, out)
    finally:
        shutil.rmtree(tmp)


def main():
    test_alone()
    test_gcc()
    test_github()
    test_gitlab()
    test_sarif_paths()
    test_json_numbers_and_schema()
    test_lists_and_excludes()
    test_messages()
    test_help_and_colour()
    test_progress()
    return check.summary()


if __name__ == "__main__":
    sys.exit(main())
