"""End-to-end: hostile trees built at run time (issue #9): links that leave
the checked folder, dangling and looping links, a path over PATH_MAX, FIFOs
and devices, the read limit, a run that finds no image.  Each must end in a
finding (or exit 2), never a hang, a read outside the tree or a silent skip.

Usage: e2e_walk.py BINARY   (run from the repository root)
"""
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile

from e2e_util import Checks, run as run_cmd

BIN = os.path.abspath(sys.argv[1])
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOOD = os.path.join(ROOT, "testdata", "demo", "contoso")      # a clean offer
WHITE = os.path.join(ROOT, "testdata", "demo", "fabrikam", "small.png")  # white bg
check = Checks()



def run(*args, cwd, timeout=60):
    return run_cmd([BIN, "--no-config", *args], cwd=cwd, timeout=timeout)


def run_json(*args, cwd, timeout=60):
    code, out, err = run("-f", "json", *args, cwd=cwd, timeout=timeout)
    return code, json.loads(out), err


def findings(rep, rule):
    """(where, message) of every finding of @rule, on files and sets."""
    out = [(f["path"], x["message"], x["severity"]) for f in rep["files"]
           for x in f["findings"] if x["rule"] == rule]
    out += [(s["path"], x["message"], x["severity"]) for s in rep["sets"]
            for x in s["findings"] if x["rule"] == rule]
    return out


def offer(d):
    os.makedirs(d)
    for n in os.listdir(GOOD):
        shutil.copy(os.path.join(GOOD, n), d)


def test_links_outside(t):
    offer(os.path.join(t, "set"))
    os.symlink("..", os.path.join(t, "set", "up"))
    os.symlink("/", os.path.join(t, "set", "x"))
    os.symlink("/dev/zero", os.path.join(t, "set", "zero.png"))
    # a white logo beside the checked folder: reached only through "up"
    os.makedirs(os.path.join(t, "outside"))
    shutil.copy(WHITE, os.path.join(t, "outside", "small.png"))
    code, rep, err = run_json("set", cwd=t)
    paths = [f["path"] for f in rep["files"]]
    check("links: nothing outside the tree is read",
          all(p.startswith("set/") and "/up/" not in p and "/x/" not in p for p in paths)
          and len(paths) == len(os.listdir(GOOD)), str(paths[:8]))
    notes = findings(rep, "symlink-outside")
    named = {m.split("'")[1] for _, m, _ in notes}
    check("links: one symlink-outside note per link", named == {"set/up", "set/x", "set/zero.png"},
          str(notes))
    check("links: notes are info on the link's folder",
          all(w == "set" and sev == "info" for w, _, sev in notes), str(notes))
    check("links: exit 0 (the offer is clean; notes are info)", code == 0, "%d %s" % (code, err))
    # a link that stays inside the checked folders is followed, once
    os.symlink("../set", os.path.join(t, "set", "again"))
    code, rep, err = run_json("set", cwd=t)
    check("links: a link back into the tree is not walked twice",
          len(rep["files"]) == len(os.listdir(GOOD)), str([f["path"] for f in rep["files"]]))
    check("links: ... and is no note", len(findings(rep, "symlink-outside")) == 3)
    # two roots: a link from one into the other stays inside
    code, rep, err = run_json("set", "outside", cwd=t)
    check("links: a link into another checked root is followed",
          any(f["path"].startswith("set/up/outside") or f["path"] == "outside/small.png"
              for f in rep["files"]), str([f["path"] for f in rep["files"]]))
    # every report format names the links
    for fmt in ("text", "gcc", "sarif", "junit", "html"):
        code, out, err = run("-f", fmt, "set", cwd=t)
        check("links: -f %s names the link" % fmt, "set/up" in out and "symlink-outside" in out,
              out[-300:])


def test_unreadable(t):
    offer(os.path.join(t, "set"))
    d = os.path.join(t, "set")
    os.remove(os.path.join(d, "Small.png"))
    os.symlink("missing.png", os.path.join(d, "Small.png"))     # dangling
    os.symlink("b.png", os.path.join(d, "a.png"))               # loop a <-> b
    os.symlink("a.png", os.path.join(d, "b.png"))
    os.mkfifo(os.path.join(d, "fifo.png"))
    code, rep, err = run_json("set", cwd=t, timeout=30)
    un = {w: (m, sev) for w, m, sev in findings(rep, "unreadable")}
    for n in ("Small.png", "a.png", "b.png", "fifo.png"):
        check("unreadable: set/%s is an error" % n,
              un.get("set/" + n, ("", ""))[1] == "error", str(un))
    check("unreadable: dangling link says so", "dangling" in un.get("set/Small.png", ("",))[0])
    check("unreadable: loop says so", "loop" in un.get("set/a.png", ("",))[0])
    check("unreadable: FIFO says so", "FIFO" in un.get("set/fifo.png", ("",))[0])
    check("unreadable: exit 1", code == 1, "%d %s" % (code, err))
    check("unreadable: no decode-error besides", not findings(rep, "decode-error"))
    for fmt in ("text", "gcc", "sarif", "junit", "html"):
        code, out, err = run("-f", fmt, "set", cwd=t, timeout=30)
        check("unreadable: -f %s shows it" % fmt,
              "fifo.png" in out and "unreadable" in out and code == 1, "%d %s" % (code, out[-300:]))
    # a FIFO and a device named on the command line: no hang, a finding
    code, rep, err = run_json(os.path.join(d, "fifo.png"), cwd=t, timeout=30)
    check("FIFO as a path: unreadable, exit 1",
          code == 1 and findings(rep, "unreadable"), "%d %s" % (code, err))
    os.symlink("/dev/zero", os.path.join(t, "zero.png"))
    code, rep, err = run_json(os.path.join(t, "zero.png"), cwd=t, timeout=30)
    msg = findings(rep, "unreadable")
    check("link to /dev/zero as a path: unreadable, not read",
          code == 1 and msg and "character device" in msg[0][1], "%d %s %s" % (code, msg, err))


def test_path_max(t):
    """A white logo below a path longer than PATH_MAX: the gate fails."""
    limit = os.pathconf("/", "PC_PATH_MAX")
    name = "d" * 200
    fd = os.open(t, os.O_RDONLY)
    depth, total = 0, len(t)
    os.mkdir("deep", dir_fd=fd)
    nfd = os.open("deep", os.O_RDONLY, dir_fd=fd)
    os.close(fd)
    fd = nfd
    while total < limit + 300:
        os.mkdir(name, dir_fd=fd)
        nfd = os.open(name, os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd = nfd
        total += len(name) + 1
        depth += 1
    w = os.open("small.png", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
    os.write(w, open(WHITE, "rb").read())
    os.close(w)
    os.close(fd)
    code, rep, err = run_json("deep", cwd=t)
    un = findings(rep, "unreadable")
    check("PATH_MAX: an unreadable error", un and un[0][2] == "error", str(un)[:300])
    check("PATH_MAX: says the path is too long", un and "PATH_MAX" in un[0][1], str(un)[:300])
    check("PATH_MAX: the gate fails", code != 0, str(code))


def test_read_limit(t):
    offer(os.path.join(t, "set"))
    big = os.path.join(t, "set", "big.png")
    with open(big, "wb") as f:
        f.write(open(WHITE, "rb").read())
        f.write(b"\0" * (2 << 20))
    ini = os.path.join(t, "limit.ini")
    with open(ini, "w") as f:
        f.write("[thresholds]\nunreadable.max_file_mb = 1\n")
    p = subprocess.run([BIN, "--config", ini, "-f", "json", "set"], cwd=t, capture_output=True)
    rep = json.loads(p.stdout)
    un = findings(rep, "unreadable")
    check("read limit: a 2 MB file over a 1 MB limit is not read",
          [w for w, _, _ in un] == ["set/big.png"] and "read limit" in un[0][1], str(un))
    code, rep, err = run_json("set", cwd=t)
    check("read limit: the default (64 MB) reads it", not findings(rep, "unreadable"),
          str(findings(rep, "unreadable")))


def test_empty(t):
    os.makedirs(os.path.join(t, "empty", "sub"))
    with open(os.path.join(t, "empty", "notes.txt"), "w") as f:
        f.write("no image here\n")
    code, out, err = run("empty", cwd=t)
    check("empty run: exit 2", code == 2, str(code))
    check("empty run: a clear message", "no image found" in err and "empty" in err, err)
    code, out, err = run("--allow-empty", "empty", cwd=t)
    check("--allow-empty: exit 0", code == 0, "%d %s" % (code, err))
    code, out, err = run("-f", "json", "empty", cwd=t)
    check("empty run: the report is still written", json.loads(out)["summary"]["files"] == 0)


def test_baseline_names(t):
    """A file name that is not UTF-8: --update-baseline, then --baseline."""
    d = os.path.join(t, b"set\xe9".decode("utf-8", "surrogateescape"))
    os.makedirs(d)
    shutil.copy(WHITE, os.path.join(d, b"caf\xe9.png".decode("utf-8", "surrogateescape")))
    code, out, err = run("--baseline", "bl.json", "--update-baseline", "set\udce9", cwd=t)
    check("baseline: --update-baseline with a non-UTF-8 name", code == 0, "%d %s" % (code, err))
    raw = open(os.path.join(t, "bl.json"), "rb").read()
    check("baseline: the file is UTF-8 JSON", json.loads(raw.decode("utf-8"))["schema"] == 1)
    code, out, err = run("--baseline", "bl.json", "-f", "json", "set\udce9", cwd=t)
    check("baseline: it loads and suppresses every finding",
          code == 0 and json.loads(out)["summary"]["errors"] == 0, "%d %s" % (code, err))


def test_outputs(t):
    """-o to devices, stdout, FIFOs and links; the umask; temp files on kill."""
    # Private stand-ins for /dev/full and /dev/stdout: a broken binary must
    # not replace the machine's own device nodes (it once did).
    full = os.path.join(t, "full")
    try:
        os.mknod(full, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
    except OSError as e:
        full = None
        print("SKIP: e2e_walk: cannot make a device node for /dev/full (%s); "
              "the write-to-a-full-device check was skipped" % e)
    if full:
        code, out, err = run("-o", "json:" + full, GOOD, cwd=t)
        check("-o a full device: exit 2", code == 2 and full in err, "%d %s" % (code, err))
        check("-o a full device: still a device", stat.S_ISCHR(os.lstat(full).st_mode))
    so_link = os.path.join(t, "stdout")
    os.symlink("/proc/self/fd/1", so_link)
    code, out, err = run("-q", "-o", "json:" + so_link, GOOD, cwd=t)
    check("-o /dev/stdout (a pipe): the JSON on stdout",
          code == 0 and out.startswith("{") and json.loads(out)["schema"] == 1,
          "%d %s" % (code, err))
    check("-o /dev/stdout: still a link", os.path.islink(so_link))
    with open(os.path.join(t, "so.txt"), "w") as so:
        p = subprocess.run([BIN, "--no-config", "-q", "-o", "json:" + so_link, GOOD],
                           stdout=so, stderr=subprocess.PIPE, cwd=t)
    check("-o /dev/stdout (a file): the JSON in the file",
          p.returncode == 0 and json.load(open(os.path.join(t, "so.txt")))["schema"] == 1)
    check("-o /dev/stdout (a file): still a link", os.path.islink(so_link))
    # a FIFO target is written in place, not replaced by a file
    fifo = os.path.join(t, "report.fifo")
    os.mkfifo(fifo)
    p = subprocess.Popen([BIN, "--no-config", "-q", "-o", "json:" + fifo, GOOD],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=t)
    with open(fifo, "rb") as f:
        got = f.read()
    p.wait(timeout=60)
    check("-o FIFO: written in place", p.returncode == 0 and json.loads(got)["schema"] == 1 and
          not os.path.isfile(fifo), str(p.returncode))
    # a link to a report: the file it points to is replaced, the link stays
    os.makedirs(os.path.join(t, "real"))
    open(os.path.join(t, "real", "r.json"), "w").write("old")
    os.symlink("real/r.json", os.path.join(t, "link.json"))
    code, out, err = run("-o", "json:link.json", GOOD, cwd=t)
    check("-o link: the link stays, its target is the report",
          code == 0 and os.path.islink(os.path.join(t, "link.json")) and
          json.load(open(os.path.join(t, "real", "r.json")))["schema"] == 1, err)
    check("-o link: no temp file left", sorted(os.listdir(os.path.join(t, "real"))) == ["r.json"],
          str(os.listdir(os.path.join(t, "real"))))
    # the umask decides a new report's mode; a replaced one keeps its mode
    for mask, want in ((0o022, 0o644), (0o077, 0o600), (0o002, 0o664)):
        path = os.path.join(t, "m%o.json" % mask)
        p = subprocess.run([BIN, "--no-config", "-o", "json:" + path, GOOD], cwd=t,
                           capture_output=True, preexec_fn=lambda m=mask: os.umask(m))
        mode = os.stat(path).st_mode & 0o777
        check("umask %03o: report mode %03o" % (mask, want), mode == want, "%03o" % mode)
    path = os.path.join(t, "m22.json")
    os.chmod(path, 0o640)
    run("-o", "json:" + path, GOOD, cwd=t)
    check("a replaced report keeps its mode", os.stat(path).st_mode & 0o777 == 0o640)
    # SIGTERM / SIGINT while a report is written: no temp file is left.
    # The signal must come while the temporary file exists; polling for it
    # depends on the machine's speed, so a preloaded rename() raises the
    # signal itself just before the report's temporary file is renamed.
    so = signal_at_rename(t)
    for sig in (signal.SIGTERM, signal.SIGINT):
        d = tempfile.mkdtemp(dir=t)
        env = dict(os.environ, LD_PRELOAD=so, AL_TEST_SIGNAL=str(int(sig)),
                   # a sanitizer build wants its runtime first; this one is harmless
                   ASAN_OPTIONS="verify_asan_link_order=0")
        p = subprocess.run([BIN, "--no-config", "-q", "-o", "html:%s/r.html" % d, GOOD],
                           capture_output=True, env=env,
                           # a shell's background job starts with SIGINT
                           # ignored, and assetlint keeps an ignore
                           preexec_fn=lambda s=sig: signal.signal(s, signal.SIG_DFL))
        left = os.listdir(d)
        check("%s while writing: killed by it" % signal.Signals(sig).name,
              p.returncode == -sig, "exit %d: %s" % (p.returncode, p.stderr[-300:]))
        check("%s while writing: temp file removed" % signal.Signals(sig).name,
              left == [], "left behind: %s" % left)


SIGNAL_AT_RENAME = r"""
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
/* rename() that raises $AL_TEST_SIGNAL first when it would put a report's
 * temporary file (".r.html.XXXXXX") in place */
int rename(const char *from, const char *to)
{
	int (*real)(const char *, const char *) =
		(int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");
	const char *base = strrchr(from, '/');
	const char *sig = getenv("AL_TEST_SIGNAL");
	if (sig && strncmp(base ? base + 1 : from, ".r.html.", 8) == 0)
		raise(atoi(sig));
	return real(from, to);
}
"""


def signal_at_rename(t):
    """Builds the rename() interposer above; returns the path of the .so."""
    src, so = os.path.join(t, "sigren.c"), os.path.join(t, "sigren.so")
    with open(src, "w") as f:
        f.write(SIGNAL_AT_RENAME)
    subprocess.run([os.environ.get("CC") or "cc", "-shared", "-fPIC", "-o", so, src, "-ldl"],
                   check=True)
    return so


def test_config_named(t):
    """A pull request adds .assetlint.ini turning every rule off."""
    d = os.path.join(t, "set")
    os.makedirs(d)
    for n in os.listdir(os.path.join(ROOT, "testdata", "demo", "fabrikam")):
        shutil.copy(os.path.join(ROOT, "testdata", "demo", "fabrikam", n), d)
    ids = subprocess.run([BIN, "--list-rules"], capture_output=True, text=True).stdout
    ids = [l.split()[0] for l in ids.splitlines()[1:] if l and not l[0].isspace()
           and l.split()[0] != "Profiles"]
    with open(os.path.join(d, ".assetlint.ini"), "w") as f:
        f.write("[rules]\n" + "".join("%s = off\n" % i for i in ids))
    with open(os.path.join(t, "base.ini"), "w") as f:
        f.write("[assetlint]\nstrict = false\n")

    def gate(*args):
        p = subprocess.run([BIN, *args, "set"], cwd=t, capture_output=True, text=True)
        return p.returncode, p.stdout, p.stderr

    code, out, err = gate("-f", "json")
    check("config: the PR's config is found and named", code == 0 and
          json.loads(out)["config"] == "set/.assetlint.ini", "%d %s" % (code, out[:200]))
    for fmt in ("text", "gcc", "sarif", "junit", "html", "github", "gitlab"):
        code, out, err = gate("-f", fmt)
        check("config: -f %s names it" % fmt, "set/.assetlint.ini" in out, out[-300:])
    code, out, err = gate("--no-config", "-f", "json")
    check("config: --no-config ignores it", code == 1 and json.loads(out)["config"] is None,
          str(code))
    code, out, err = gate("--config", "base.ini", "-f", "json")
    check("config: --config from the base branch wins",
          code == 1 and json.loads(out)["config"] == "base.ini", "%d %s" % (code, err))
    code, out, err = gate("--rule", "background-white=error", "-f", "json")
    rules = {x["rule"] for f in json.loads(out)["files"] for x in f["findings"]}
    check("config: --rule on the command line wins", code == 1 and rules == {"background-white"},
          "%d %s" % (code, rules))


def test_order(t):
    """The walk hands files over one folder at a time, yet in path order:
    a subfolder sorts as "NAME/" among its siblings ('-' and '.' before
    '/'), files named and walked merge, and each set is its folder."""
    o = os.path.join(t, "o")
    for d in ("a", "a0", "b/c", "a.d"):
        offer(os.path.join(o, d))
    for n in ("a-b.png", "a.png", "b.png", "a0.png"):
        shutil.copy(WHITE, os.path.join(o, n))
    # folders given beside it ("o+/" sorts before "o/") and inside it (its
    # walk merges into o's), and a file named twice
    offer(os.path.join(t, "o+"))
    code, rep, err = run_json("o", "o+", "o/b/c", "o/a.png", "o/a.png", cwd=t)
    paths = [f["path"] for f in rep["files"]]
    want = sorted(os.path.relpath(os.path.join(r, n), t)
                  for top in (o, os.path.join(t, "o+")) for r, _, ns in os.walk(top) for n in ns)
    check("order: every file once, in path order", paths == sorted(want, key=lambda p: p.encode()),
          str(paths[:12]))
    check("order: each file in its folder's set",
          all(f["set"] == os.path.dirname(f["path"]) for f in rep["files"]),
          str([(f["path"], f["set"]) for f in rep["files"] if f["set"] != os.path.dirname(f["path"])][:4]))
    sets = [s["path"] for s in rep["sets"]]
    check("order: one set a folder, sorted",
          sets == sorted({os.path.dirname(p) for p in want}, key=lambda p: p.encode()), str(sets))
    code2, rep2, _ = run_json("o/b/c", "o+", "o/a.png", "o", cwd=t)
    check("order: the order of the arguments does not matter",
          [f["path"] for f in rep2["files"]] == paths, str([f["path"] for f in rep2["files"]][:6]))


def main():
    check.each_in_tmp((test_links_outside, test_unreadable, test_path_max, test_read_limit,
                       test_empty, test_baseline_names, test_outputs, test_config_named, test_order),
                      "al-walk-")
    return check.summary()


if __name__ == "__main__":
    sys.exit(main())
