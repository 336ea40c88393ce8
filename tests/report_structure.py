"""Checks that a report file parses and has the structure its consumers
need, without the official schemas (a lone clone has no ../shared; the
schemas are not ours to ship).  The checks follow what SARIF 2.1.0 and the
Apache Ant JUnit schema require of the parts assetlint writes.

Usage: report_structure.py FORMAT FILE   (FORMAT: sarif junit json html gcc text)
Exit status 0 when FILE is well-formed, 1 with the reasons on stderr.
"""
import html.parser
import json
import re
import sys
import xml.etree.ElementTree as ET

problems = []


def need(cond, what):
    if not cond:
        problems.append(what)
    return cond


def is_int(s):
    return s is not None and re.fullmatch(r"-?[0-9]+", s) is not None


def sarif(path):
    log = json.load(open(path, encoding="utf-8"))   # strict UTF-8
    need(log.get("version") == "2.1.0", "version is not 2.1.0")
    runs = log.get("runs")
    if not need(isinstance(runs, list) and runs, "runs: want a non-empty array"):
        return
    for run in runs:
        drv = run.get("tool", {}).get("driver", {})
        need(isinstance(drv.get("name"), str) and drv["name"], "tool.driver.name missing")
        rules = drv.get("rules", [])
        ids = []
        for r in rules:
            need(isinstance(r.get("id"), str), "rule without id: %r" % r)
            ids.append(r.get("id"))
        need(len(ids) == len(set(ids)), "duplicate rule ids")
        for inv in run.get("invocations", []):
            need(isinstance(inv.get("executionSuccessful"), bool),
                 "invocation.executionSuccessful missing")
        for a in run.get("artifacts", []):
            need(isinstance(a.get("location", {}).get("uri"), str), "artifact without location.uri")
        for res in run.get("results", []):
            msg = res.get("message", {})
            need(isinstance(msg.get("text"), str) or isinstance(msg.get("id"), str),
                 "result.message has no text: %r" % res)
            need(res.get("level", "warning") in ("none", "note", "warning", "error"),
                 "result.level %r" % res.get("level"))
            if "ruleIndex" in res:
                i = res["ruleIndex"]
                need(isinstance(i, int) and 0 <= i < len(ids) and ids[i] == res.get("ruleId"),
                     "ruleIndex %r does not name ruleId %r" % (i, res.get("ruleId")))
            for loc in res.get("locations", []):
                pl = loc.get("physicalLocation", {})
                uri = pl.get("artifactLocation", {}).get("uri")
                need(isinstance(uri, str) and uri, "location without artifactLocation.uri")
                reg = pl.get("region")
                if reg is not None:
                    for k in ("startLine", "startColumn", "endLine", "endColumn"):
                        if k in reg:
                            need(isinstance(reg[k], int) and reg[k] >= 1, "region.%s < 1" % k)


def junit(path):
    root = ET.parse(path).getroot()
    need(root.tag == "testsuites", "root element is <%s>, not <testsuites>" % root.tag)
    for s in root.findall("testsuite"):
        for a in ("name", "tests", "failures", "errors", "time", "timestamp", "hostname",
                  "package", "id"):
            need(s.get(a) is not None, "testsuite without %s" % a)
        for a in ("tests", "failures", "errors", "id"):
            need(is_int(s.get(a)), "testsuite %s=%r is not a number" % (a, s.get(a)))
        kids = [c.tag for c in s]
        need(kids[:1] == ["properties"], "testsuite does not start with <properties>")
        need(kids[-2:] == ["system-out", "system-err"],
             "testsuite does not end with <system-out><system-err>")
        for p in s.iter("property"):
            need(p.get("name") is not None and p.get("value") is not None,
                 "property without name or value")
        cases = s.findall("testcase")
        need(len(cases) == int(s.get("tests", "-1")), "tests= does not count the testcases")
        fails = 0
        for c in cases:
            for a in ("name", "classname", "time"):
                need(c.get(a) is not None, "testcase without %s" % a)
            fails += len(c.findall("failure")) > 0
            for f in c.findall("failure"):
                need(f.get("type") is not None, "failure without type")
        need(fails == int(s.get("failures", "-1")), "failures= does not count the failed testcases")


class StrictHTML(html.parser.HTMLParser):
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
            "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if need(self.stack and self.stack[-1] == tag,
                "</%s> closes <%s>" % (tag, self.stack[-1] if self.stack else "nothing")):
            self.stack.pop()


def html_report(path):
    text = open(path, encoding="utf-8").read()
    need(text.lstrip().lower().startswith("<!doctype html>"), "no <!doctype html>")
    p = StrictHTML()
    p.feed(text)
    p.close()
    need(not p.stack, "unclosed elements: %s" % p.stack)


def json_report(path):
    rep = json.load(open(path, encoding="utf-8"))
    for k in ("schema", "tool", "profile", "files", "sets", "summary"):
        need(k in rep, "JSON report without %s" % k)


def gcc(path):
    for line in open(path, encoding="utf-8").read().splitlines():
        need(re.fullmatch(r".+: (error|warning|note): .* \[[a-z-]+\]", line) is not None,
             "not a gcc-style line: %r" % line)


def text(path):
    lines = open(path, encoding="utf-8").read().splitlines()
    need(any(re.match(r"[0-9]+ files? in [0-9]+ sets?: ", l) for l in lines[-3:]),
         "no summary line at the end")


CHECKS = {"sarif": sarif, "junit": junit, "json": json_report, "html": html_report,
          "gcc": gcc, "text": text}

if __name__ == "__main__":
    fmt, path = sys.argv[1], sys.argv[2]
    try:
        CHECKS[fmt](path)
    except (ValueError, ET.ParseError, UnicodeDecodeError) as e:
        problems.append("does not parse: %s" % e)
    for p in problems[:10]:
        print("%s (%s): %s" % (path, fmt, p), file=sys.stderr)
    sys.exit(1 if problems else 0)
