"""What the Python end-to-end tests share: a check counter that names every
failure, and running a program with its output decoded.  Each test script
runs as `python3 tests/e2e_NAME.py BIN`, so this module is on its path."""

import shutil
import subprocess
import tempfile


class Checks:
    """check(name, cond, detail): counts a passed check, or prints FAIL with
    @detail and remembers @name.  summary() prints the totals and returns the
    exit status."""

    def __init__(self):
        self.passed = 0
        self.failures = []

    def __call__(self, name, cond, detail=""):
        if cond:
            self.passed += 1
        else:
            self.failures.append(name)
            print("FAIL:", name, detail)
        return bool(cond)

    def raised(self, name, exc):
        """A test that raised is one failure; the next test still runs."""
        self.failures.append(name)
        print("FAIL: %s raised %r" % (name, exc))

    def each_in_tmp(self, tests, prefix):
        """Runs each test(tmpdir) in a fresh temporary directory, removed
        after; one that raises is a failure and the others still run."""
        for test in tests:
            t = tempfile.mkdtemp(prefix=prefix)
            try:
                test(t)
            except Exception as e:  # one broken test must not hide the others
                self.raised(test.__name__, e)
            finally:
                shutil.rmtree(t, ignore_errors=True)

    def summary(self):
        print("%d passed, %d failed" % (self.passed, len(self.failures)))
        return 1 if self.failures else 0


def run(cmd, cwd=None, env=None, stdin=None, timeout=None):
    """(exit status, stdout, stderr) of @cmd, the outputs decoded as UTF-8."""
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, env=env, input=stdin,
                       timeout=timeout)
    return (p.returncode, p.stdout.decode("utf-8", "replace"),
            p.stderr.decode("utf-8", "replace"))
