"""End-to-end: `assetlint make-set` (issue #13) run as a user would: the
set is written into its folder and checked there, exit 0 for a clean set,
1 when the master brings findings (text), 2 for usage errors and masters
that allow no background; --dry-run writes nothing; reports with -o.

Usage: e2e_makeset.py BINARY   (run from the repository root)
"""
import json
import os
import shutil
import subprocess
import sys

from e2e_util import Checks, run as run_cmd

BIN = os.path.abspath(sys.argv[1])
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
M = os.path.join(ROOT, "testdata", "makeset")
SIZES = {"Small.png": (40, 40), "Medium.png": (90, 90), "Large.png": (115, 115),
         "Wide.png": (255, 115), "Hero.png": (815, 290)}
check = Checks()



# A sanitizer build: fontconfig (under librsvg's text) leaks; not ours.
ENV = dict(os.environ)
ENV["LSAN_OPTIONS"] = ":".join(filter(None, [
    os.environ.get("LSAN_OPTIONS"),
    "suppressions=" + os.path.join(ROOT, "tests", "lsan-makeset.supp")]))


def run(*args, cwd):
    return run_cmd([BIN, "make-set", "--no-config", *args], cwd=cwd, timeout=120, env=ENV)


def run_json(*args, cwd):
    code, out, err = run("-f", "json", *args, cwd=cwd)
    try:
        rep = json.loads(out)
    except ValueError:
        rep = None
    return code, rep, err


def findings(rep, severity=None):
    out = [(f["path"], x) for f in rep["files"] for x in f["findings"]]
    out += [(s["path"], x) for s in rep["sets"] for x in s["findings"]]
    return [(p, x) for p, x in out if severity is None or x["severity"] == severity]


def have_fonts():
    try:
        return subprocess.run(["fc-list"], capture_output=True).stdout.strip() != b""
    except OSError:
        return False


def test_png_master(t):
    code, rep, err = run_json(os.path.join(M, "mark.png"), "-o", "out", cwd=t)
    check("png: exit 0, a clean set", code == 0, "%d %s" % (code, err))
    names = sorted(os.listdir(os.path.join(t, "out")))
    check("png: exactly the five files, no temporary file left",
          names == sorted(SIZES), str(names))
    got = {os.path.basename(f["path"]): (f["width"], f["height"], f["role"]) for f in rep["files"]}
    check("png: each file at its role's size",
          all(got.get(n, (0, 0))[:2] == s for n, s in SIZES.items()), str(got))
    check("png: one set, no warning or error",
          len(rep["sets"]) == 1 and not findings(rep, "error") and not findings(rep, "warning"),
          str(findings(rep)))
    check("png: the plan says why the white page went",
          "#ffffff is not allowed" in err and "transparent" in err, err)
    # again into the same folder: replaced, nothing else appears; the
    # HTML report of the generated set on request
    old = os.stat(os.path.join(t, "out", "Small.png")).st_ino
    html = os.path.join(t, "set.html")
    code, rep, err = run_json(os.path.join(M, "mark.png"), "-o", "out", "-o", "html:" + html,
                              cwd=t)
    check("png: a second run replaces the set", code == 0 and
          sorted(os.listdir(os.path.join(t, "out"))) == sorted(SIZES), err)
    check("png: replaced by rename (atomic), not rewritten in place",
          os.stat(os.path.join(t, "out", "Small.png")).st_ino != old)
    page = open(html, encoding="utf-8").read() if os.path.exists(html) else ""
    check("png: -o html:FILE reports the generated set",
          "<html" in page.lower() and all(n in page for n in SIZES), html)


def test_unwritable_target(t):
    """A target that cannot become a file stops the set before any file
    of it is written; no temporary file is left."""
    out = os.path.join(t, "out")
    os.makedirs(os.path.join(out, "Hero.png"))
    code, rep, err = run_json(os.path.join(M, "mark.png"), "-o", "out", cwd=t)
    check("unwritable: exit 2", code == 2, "%d %s" % (code, err))
    check("unwritable: names the file and why", "Hero.png: is a folder" in err, err)
    check("unwritable: nothing of the set written, no temporary file",
          os.listdir(out) == ["Hero.png"], str(os.listdir(out)))


def test_svg_and_wide(t):
    code, out, err = run(os.path.join(M, "mark.svg"), "-o", "svg", cwd=t)
    check("svg: rendered and clean, exit 0", code == 0 and "SVG, rendered at" in err,
          "%d %s %s" % (code, out, err))
    code, out, err = run(os.path.join(M, "mark.png"), "--wide", os.path.join(M, "wide-mark.png"),
                         "-o", "wide", cwd=t)
    check("--wide: exit 0", code == 0, "%d %s" % (code, err))
    wide = [l for l in err.splitlines() if "Wide.png" in l]
    check("--wide: the wide logo holds the wide layout (231 px wide mark)",
          wide and "mark 231.0x" in wide[0], str(wide))


def test_text_master(t):
    if not have_fonts():
        print("SKIP: make-set of a master with text: no font installed (fc-list), "
              "librsvg draws no letters")
        return
    html = os.path.join(t, "text.html")
    code, rep, err = run_json(os.path.join(M, "wordmark.svg"), "-o", "text",
                              "-o", "html:" + html, "-o", "json:" + os.path.join(t, "t.json"),
                              cwd=t)
    check("text: exit 1, the set has error findings", code == 1, "%d %s" % (code, err))
    text = [(p, x) for p, x in findings(rep, "error") if x["rule"] == "text"]
    check("text: the check says the master has text, and where",
          text and all("region" in x for _, x in text), str(findings(rep)))
    check("text: every error comes from the master (text)",
          all(x["rule"] == "text" for _, x in findings(rep, "error")), str(findings(rep, "error")))
    with open(os.path.join(t, "t.json")) as f:
        check("text: -o json:FILE is the same report", json.load(f)["files"] == rep["files"])
    ok = os.path.exists(html)
    page = open(html, encoding="utf-8").read() if ok else ""
    check("text: -o html:FILE writes the contact sheet",
          ok and "<html" in page.lower() and "Hero.png" in page and "text" in page, html)


GRADIENT_SVG = ("<svg xmlns='http://www.w3.org/2000/svg' width='400' height='400'>"
                "<defs><linearGradient id='g' x1='0' y1='0' x2='1' y2='1'>"
                "<stop offset='0' stop-color='#d83b01'/><stop offset='1' stop-color='#ffb900'/>"
                "</linearGradient></defs><rect x='50' y='50' width='300' height='300' "
                "fill='url(#g)'/></svg>")


def test_gradient_master(t):
    """Exit 1 without fonts: a master with a gradient gives a set with
    gradient errors, reported; the set is still written."""
    with open(os.path.join(t, "g.svg"), "w") as f:
        f.write(GRADIENT_SVG)
    code, rep, err = run_json("g.svg", "-o", "g", cwd=t)
    check("gradient: exit 1, the set has error findings", code == 1, "%d %s" % (code, err))
    errs = findings(rep, "error") if rep else []
    check("gradient: the errors are the master's gradient",
          errs and all(x["rule"] == "gradient" for _, x in errs), str(errs))
    check("gradient: the set is written", sorted(os.listdir(os.path.join(t, "g"))) == sorted(SIZES))


def test_no_background(t):
    white = os.path.join(M, "white-mark.png")
    code, out, err = run(white, "-o", "w", cwd=t)
    check("white mark: auto stops with exit 2", code == 2, "%d %s" % (code, err))
    check("white mark: says why and suggests colours",
          "white" in err and "--background '#" in err, err)
    check("white mark: nothing written", not os.path.exists(os.path.join(t, "w")))
    code, out, err = run(white, "--background", "transparent", "-o", "w", cwd=t)
    check("white mark: --background transparent is refused", code == 2 and
          "--background transparent" in err, err)
    code, out, err = run(white, "--background", "#0078d4", "-o", "w", cwd=t)
    check("white mark: on a given colour, exit 0", code == 0, "%d %s %s" % (code, out, err))


def test_dry_run(t):
    code, out, err = run("--dry-run", os.path.join(M, "mark.png"), "-o", "dry", cwd=t)
    check("dry run: exit 0", code == 0, err)
    check("dry run: prints what it would write",
          "would write 5 files" in out and "dry/Hero.png" in out and "815x290" in out, out)
    check("dry run: writes nothing", not os.path.exists(os.path.join(t, "dry")))


def test_profiles_and_quiet(t):
    code, rep, err = run_json("--profile", "pc-current", "-q", os.path.join(M, "mark.png"),
                              "-o", "pc", cwd=t)
    check("pc-current: one 350x350 large logo, exit 0",
          code == 0 and [(f["width"], f["height"]) for f in rep["files"]] == [(350, 350)],
          "%d %s" % (code, err))
    check("-q: nothing on stderr", err == "", err)
    code, rep, err = run_json("--profile", "pc-2019", os.path.join(M, "mark.png"), "-o", "p19",
                              cwd=t)
    sizes = sorted((f["width"], f["height"]) for f in rep["files"])
    check("pc-2019: its own sizes", code == 0 and (48, 48) in sizes and (216, 216) in sizes,
          str(sizes))


def test_usage(t):
    mark = os.path.join(M, "mark.png")
    home = os.path.join(t, "home")
    os.makedirs(home)
    shutil.copy(mark, home)
    with open(os.path.join(t, "notes.png"), "w") as f:
        f.write("not an image\n")
    cases = [
        ("no master", ["-o", "u"], "no MASTER"),
        ("no folder", [mark], "-o DIR"),
        ("two folders", [mark, "-o", "a", "-o", "b"], "one folder"),
        ("report without a format", [mark, "-o", "u", "-o", "r.html"], "html:r.html"),
        ("two masters", [mark, mark, "-o", "u"], "--wide"),
        ("the master's folder", [os.path.join(home, "mark.png"), "-o", home], "--force"),
        ("a bad colour", [mark, "--background", "blau", "-o", "u"], "#rrggbb"),
        ("a transparent hero", [mark, "--hero-background", "transparent", "-o", "u"], "never transparent"),
        ("a hero too light", [mark, "--hero-background", "#ffb900", "-o", "u"], "nearest darker shade"),
        ("a white background", [mark, "--background", "#fff", "-o", "u"], "white"),
        ("padding", [mark, "--padding", "60", "-o", "u"], "--padding"),
        ("a missing master", ["nope.png", "-o", "u"], "nope.png"),
        ("not an image", ["notes.png", "-o", "u"], "notes.png"),
        ("a bad profile", ["--profile", "nope", mark, "-o", "u"], "--profile"),
        ("an unknown option", ["--frobnicate", mark, "-o", "u"], "make-set --help"),
    ]
    for name, args, says in cases:
        code, out, err = run(*args, cwd=t)
        check("usage: %s: exit 2" % name, code == 2, "%d %s" % (code, err))
        check("usage: %s: the message says '%s'" % (name, says), says in err, err)
    check("usage: nothing was written", not os.path.exists(os.path.join(t, "u")))
    code, out, err = run(os.path.join(home, "mark.png"), "-o", home, "--force", cwd=t)
    check("--force: the master's own folder is allowed", code in (0, 1) and
          os.path.exists(os.path.join(home, "Hero.png")), "%d %s" % (code, err))
    code, out, err = run("--help", cwd=t)
    check("--help: exit 0 and the options", code == 0 and "--background" in out and
          "--dry-run" in out, out)


def test_checker_blocks_svg(t):
    """make-set renders an SVG the user names; the checker never renders
    one it finds in a tree."""
    d = os.path.join(t, "tree")
    os.makedirs(d)
    shutil.copy(os.path.join(M, "mark.svg"), os.path.join(d, "Small.png"))
    p = subprocess.run([BIN, "--no-config", "-f", "json", d], capture_output=True, timeout=60)
    rep = json.loads(p.stdout)
    f = rep["files"][0]
    rules = {x["rule"] for x in f["findings"]}
    check("checker: an SVG in a tree is a file-format error, not rendered",
          "file-format" in rules and rules <= {"file-format", "extension-mismatch", "decode-error"},
          str(f["findings"]))


def main():
    check.each_in_tmp([test_png_master, test_unwritable_target, test_svg_and_wide, test_text_master,
                       test_gradient_master, test_no_background,
                       test_dry_run, test_profiles_and_quiet, test_usage, test_checker_blocks_svg],
                      "e2e_makeset-")
    sys.exit(check.summary())


main()
