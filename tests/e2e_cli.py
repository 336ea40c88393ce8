"""End-to-end tests of the assetlint binary (issue #2's list).

Usage: e2e_cli.py BINARY   (run from the repository root)
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

from e2e_util import Checks, run as run_cmd

BIN = os.path.abspath(sys.argv[1])
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.normpath(os.path.join(ROOT, "..", "shared", "corpus", "real"))
check = Checks()


def run(*args, cwd=ROOT):
    return run_cmd([BIN, "--no-config", *args], cwd=cwd)


def run_json(*args, cwd=ROOT):
    code, out, err = run("--format", "json", *args, cwd=cwd)
    try:
        return code, json.loads(out), err
    except ValueError as e:
        raise AssertionError("not JSON (%s): %s %s" % (e, out[:300], err[:300]))



def rules_of(report, suffix):
    for f in report["files"]:
        if f["path"].endswith(suffix):
            return {x["rule"] for x in f["findings"]}
    raise AssertionError("no file ending in %s in report" % suffix)


def image_files(top):
    exts = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".bmp", ".tif", ".tiff", ".ico")
    out = []
    for d, dirs, files in os.walk(top):
        dirs[:] = [x for x in dirs if not x.startswith(".")]
        out += [os.path.join(d, f) for f in files if f.lower().endswith(exts)]
    return out


def test_schema_and_every_file(path):
    code, rep, err = run_json("-j2", path)
    check("exit<=1 " + path, code in (0, 1), "code=%d err=%s" % (code, err[-400:]))
    for key in ("schema", "tool", "profile", "files", "sets", "summary"):
        check("key %s" % key, key in rep)
    check("schema 1", rep["schema"] == 1)
    want = {os.path.relpath(p, ROOT) for p in image_files(os.path.join(ROOT, path))} \
        if not os.path.isabs(path) else set(image_files(path))
    got = {f["path"] for f in rep["files"]}
    check("every file reported " + path, want <= got, "missing: %s" % sorted(want - got)[:5])
    for f in rep["files"]:
        for k in ("path", "set", "role", "role_source", "format", "width", "height", "background", "findings"):
            check("file key " + k, k in f, f["path"])
        check("role value", f["role"] in ("small", "medium", "large", "wide", "hero", "unknown"))
        check("bg kind", f["background"]["kind"] in ("color", "transparent", "mixed", "none"))
        for x in f["findings"]:
            check("severity", x["severity"] in ("error", "warning", "info"))
            check("message", bool(x["message"]))
    s = rep["summary"]
    check("summary files", s["files"] == len(rep["files"]))
    n_err = sum(1 for f in rep["files"] for x in f["findings"] if x["severity"] == "error") + \
        sum(1 for st in rep["sets"] for x in st["findings"] if x["severity"] == "error")
    check("summary errors", s["errors"] == n_err, "%d vs %d" % (s["errors"], n_err))
    check("exit status matches errors", (code == 1) == (n_err > 0))
    return rep


def main():
    # Testdata and the real corpus: no crash, every file in the report.
    test_schema_and_every_file("testdata")
    if os.path.isdir(CORPUS):
        real = test_schema_and_every_file(CORPUS)
        gif = [f for f in real["files"] if f["format"] == "gif" and f["path"].endswith(".png")]
        check("corpus: GIF named .png found", len(gif) >= 1)
        for f in gif:
            check("corpus: GIF named .png -> extension-mismatch",
                  "extension-mismatch" in {x["rule"] for x in f["findings"]}, f["path"])
    else:
        print("SKIP: e2e_cli: real corpus not found at %s (no ../shared beside the "
              "repository); testdata/ was checked, the corpus checks were skipped" % CORPUS)

    # Formats.
    code, rep, _ = run_json("testdata/e2e/formats")
    check("gif-named.png: extension-mismatch", "extension-mismatch" in rules_of(rep, "gif-named.png"))
    check("gif-named.png: file-format", "file-format" in rules_of(rep, "gif-named.png"))
    check("jpeg-named.png: extension-mismatch", "extension-mismatch" in rules_of(rep, "jpeg-named.png"))
    check("cmyk.jpg: color-profile", "color-profile" in rules_of(rep, "cmyk.jpg"))
    check("rgb16.png: color-profile", "color-profile" in rules_of(rep, "rgb16.png"))
    check("palette.png: no color-profile", "color-profile" not in rules_of(rep, "palette.png"))
    rot = [f for f in rep["files"] if f["path"].endswith("exif-rot6.jpg")][0]
    check("EXIF orientation applied", (rot["width"], rot["height"]) == (255, 115), str((rot["width"], rot["height"])))

    # A truncated PNG among good files: one decode-error, the rest checked.
    code, rep, err = run_json("testdata/e2e/mixed")
    dec = [f for f in rep["files"] if "decode-error" in {x["rule"] for x in f["findings"]}]
    check("mixed: one decode-error", len(dec) == 1 and dec[0]["path"].endswith("truncated.png"),
          str([f["path"] for f in dec]))
    check("mixed: exit 1", code == 1, str(code))
    check("mixed: others decoded", all(f["format"] == "png" and f["width"] for f in rep["files"]
                                       if not f["path"].endswith("truncated.png")))
    check("mixed: truncated format png/none", dec and dec[0]["format"] in ("png", None))

    # Bad files: findings, never a crash or status 2.
    code, rep, err = run_json("testdata/bad")
    check("bad: exit 1", code == 1, "%d %s" % (code, err[-300:]))
    for f in rep["files"]:
        rs = {x["rule"] for x in f["findings"]}
        check("bad: %s flagged" % f["path"], rs & {"decode-error", "too-large"}, str(rs))
    check("huge-ihdr: too-large", "too-large" in rules_of(rep, "huge-ihdr.png"))

    # A missing path: status 2 and a message naming it.
    code, out, err = run("testdata/no-such-dir")
    check("missing path exits 2", code == 2, str(code))
    check("missing path message", "no-such-dir" in err and "No such file" in err, err)
    code, out, err = run()
    check("no path exits 2", code == 2)
    code, out, err = run("--format", "yaml", "testdata/demo")
    check("bad format exits 2", code == 2 and "yaml" in err)
    code, out, err = run("--rule", "no-such-rule=off", "testdata/demo")
    check("unknown rule exits 2", code == 2 and "no-such-rule" in err)

    # -j1 and -j4 give byte-identical JSON.
    a = run("--format", "json", "-j1", "testdata")[1]
    b = run("--format", "json", "-j4", "testdata")[1]
    check("-j1 == -j4", a == b and len(a) > 100)

    # Verdicts on clear cases.
    code, rep, _ = run_json("testdata/e2e/bg")
    for name in ("white-ffffff", "white-fafafa", "offwhite-f0f9ff"):
        check(name + " flagged white", "background-white" in rules_of(rep, name + "-large.png"))
    for name in ("midtone-808080", "teal"):
        rs = rules_of(rep, name + "-large.png")
        check(name + " not white/black", not rs & {"background-white", "background-black"}, str(rs))
    check("black flagged", "background-black" in rules_of(rep, "black-000000-large.png"))
    tr = [f for f in rep["files"] if f["path"].endswith("transparent-large.png")][0]
    check("transparent logo: bg kind", tr["background"]["kind"] == "transparent")
    white = [f for f in rep["files"] if f["path"].endswith("white-ffffff-large.png")][0]
    check("white bg colour", white["background"]["color"] == "#ffffff", str(white["background"]))

    code, rep, _ = run_json("testdata/e2e/hero")
    check("hero-transparent", "background-transparent" in rules_of(rep, "hero-transparent.png"))
    check("hero-white", "background-white" in rules_of(rep, "hero-white.png"))
    check("hero-intrude margin", "hero-margin" in rules_of(rep, "hero-intrude.png"))
    check("hero edge 399 free", "hero-margin" not in rules_of(rep, "hero-edge-399.png"))
    check("hero edge 400 intrudes", "hero-margin" in rules_of(rep, "hero-edge-400.png"))
    rs = rules_of(rep, "hero-clean-dark.png")
    check("hero clean dark: no margin/contrast", not rs & {"hero-margin", "hero-contrast"}, str(rs))
    check("hero light: contrast", "hero-contrast" in rules_of(rep, "hero-light.png"))
    check("hero dark: no contrast", "hero-contrast" not in rules_of(rep, "hero-dark.png"))
    intr = [x for f in rep["files"] if f["path"].endswith("hero-intrude.png")
            for x in f["findings"] if x["rule"] == "hero-margin"]
    check("hero margin region in zone", intr and intr[0]["region"]["x"] + intr[0]["region"]["w"] > 400)

    # Demo offers: the good set is clean of errors, the bad one is not.
    code, rep, _ = run_json("testdata/demo")
    good = [x for f in rep["files"] if "/contoso/" in f["path"] for x in f["findings"]
            if x["severity"] == "error"]
    check("demo contoso: no errors", not good, str([(x["rule"], x["message"]) for x in good]))
    check("demo fabrikam: dimensions", "dimensions" in rules_of(rep, "fabrikam/large.png"))

    # Reports: -o writes atomically, text still printed, never next to inputs.
    tmp = tempfile.mkdtemp()
    try:
        code, out, err = run("-o", "json:" + os.path.join(tmp, "r.json"), "testdata/demo")
        check("-o json written", os.path.exists(os.path.join(tmp, "r.json")))
        check("text still printed", " files in " in out, out[-200:])
        check("no temp files left", os.listdir(tmp) == ["r.json"], str(os.listdir(tmp)))
        code, out, err = run("-o", os.path.join(tmp, "nodir", "r.json"), "testdata/demo")
        check("unwritable report exits 2", code == 2 and "nodir" in err, err)
        # Hostile names survive the JSON report.
        hostile = os.path.join(tmp, "set")
        os.mkdir(hostile)
        src = os.path.join(ROOT, "testdata/e2e/bg/teal-large.png")
        for n in ('<img src=x onerror=alert(1)>.png', 'a"b\\c.png', "new\nline.png"):
            shutil.copy(src, os.path.join(hostile, n))
        code, rep, err = run_json(hostile)
        names = {os.path.basename(f["path"]) for f in rep["files"]}
        check("hostile names in JSON", '<img src=x onerror=alert(1)>.png' in names and "new\nline.png" in names, str(names))
        code, out, err = run(hostile)
        check("text: no raw newline from name", "new\\nline.png" in out and "new\nline" not in out, out[:300])
    finally:
        shutil.rmtree(tmp)

    # Misc CLI.
    code, out, _ = run("--version")
    check("--version", code == 0 and out.startswith("assetlint "))
    code, out, _ = run("--help")
    check("--help", code == 0 and "--format" in out)
    code, out, _ = run("--list-rules")
    check("--list-rules", code == 0 and all(r in out for r in ("hero-margin", "background-white", "text")))
    env = dict(os.environ, NO_COLOR="1")
    p = subprocess.run([BIN, "--no-config", "--color=auto", "testdata/demo"], cwd=ROOT, capture_output=True, env=env)
    check("no colour when piped", b"\033[" not in p.stdout)
    p = subprocess.run([BIN, "--no-config", "--color=always", "testdata/demo"], cwd=ROOT, capture_output=True)
    check("--color=always colours", b"\033[" in p.stdout)

    return check.summary()


if __name__ == "__main__":
    sys.exit(main())
