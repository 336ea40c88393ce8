"""Runs the shell steps of action.yml the way GitHub's runner does: inputs
and expressions resolved into each step's env, GITHUB_OUTPUT collected, the
scripts run by bash.  The upload step is GitHub's own action and is only
checked for its inputs.

Usage: e2e_action.py BINARY   (run from the repository root)
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

from e2e_util import Checks

BIN = os.path.abspath(sys.argv[1])
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
check = Checks()



def resolve(text, ctx):
    """${{ inputs.x }}, ${{ github.y }}, ${{ steps.s.outputs.o }}, and the
    == / && comparisons action.yml's conditions use."""
    def one(expr):
        expr = expr.strip()
        parts = [p.strip() for p in expr.split("&&")]
        if len(parts) > 1 or "==" in expr:
            ok = True
            for p in parts:
                a, b = [x.strip() for x in p.split("==")]
                ok &= str(ctx.get(a, "")) == b.strip("'")
            return "true" if ok else "false"
        return str(ctx.get(expr, ""))
    return re.sub(r"\$\{\{(.*?)\}\}", lambda m: one(m.group(1)), str(text))


def run_steps(action, inputs, path_env, work):
    ctx = {"github.action_path": ROOT, "github.server_url": "https://github.example",
           "github.action_repository": "owner/assetlint", "github.action_ref": "v1"}
    for k, v in action["inputs"].items():
        ctx["inputs." + k] = inputs.get(k, v.get("default", ""))
    log = []
    for step in action["runs"]["steps"]:
        if "if" in step and resolve(step["if"], ctx) != "true":
            log.append((step.get("name"), "skipped", None, ""))
            continue
        if "uses" in step:
            log.append((step.get("name"), "uses", step["uses"],
                        {k: resolve(v, ctx) for k, v in step.get("with", {}).items()}))
            continue
        out = os.path.join(work, "output")
        open(out, "w").close()
        env = dict(os.environ, PATH=path_env, GITHUB_OUTPUT=out)
        # A runner has none of the variables `make test` passes down
        # (SANITIZE=1 would send the action's own make to build/san).
        for k in ("SANITIZE", "SANFLAGS", "MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKE", "CC"):
            env.pop(k, None)
        env.update({k: resolve(v, ctx) for k, v in step.get("env", {}).items()})
        # what the runner runs for "shell: bash"
        p = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                           cwd=work, env=env,
                           capture_output=True, text=True)
        for line in open(out):
            if "=" in line:
                k, v = line.rstrip("\n").split("=", 1)
                ctx["steps.%s.outputs.%s" % (step.get("id"), k)] = v
        log.append((step.get("name"), p.returncode, p.stdout, p.stderr))
    return ctx, log


def main():
    action = yaml.safe_load(open(os.path.join(ROOT, "action.yml")))
    check("composite action", action["runs"]["using"] == "composite")
    for k in ("paths", "args", "sarif-file", "upload-sarif", "category", "max-results"):
        check("input " + k, k in action["inputs"])
    check("max-results 25000 by default", action["inputs"]["max-results"]["default"] == "25000")
    for s in action["runs"]["steps"]:
        if "run" in s:
            check("no expression inside a script: " + s.get("name", ""), "${{" not in s["run"])

    work = tempfile.mkdtemp()
    try:
        shutil.copytree(os.path.join(ROOT, "testdata", "demo"), os.path.join(work, "offers"))
        # assetlint on PATH: the build step takes it.
        bindir = os.path.dirname(BIN)
        ctx, log = run_steps(action, {"paths": "offers"}, bindir + ":" + os.environ["PATH"], work)
        build = log[0]
        check("build: uses the installed assetlint", build[1] == 0 and "using" in build[2], str(build))
        runstep = log[1]
        check("run: step succeeds", runstep[1] == 0, str(runstep))
        check("run: exit-code 1 (errors in fabrikam)", ctx.get("steps.run.outputs.exit-code") == "1", str(ctx))
        check("run: annotations", "::error file=offers/fabrikam/small.png,line=1,col=1," in runstep[2],
              runstep[2][:300])
        sarif = json.load(open(os.path.join(work, "assetlint.sarif")))
        run = sarif["runs"][0]
        check("sarif: helpUri from the action's repository",
              run["tool"]["driver"]["rules"][0].get("helpUri") ==
              "https://github.example/owner/assetlint/blob/v1/README.md#rules",
              str(run["tool"]["driver"]["rules"][0].get("helpUri")))
        check("sarif: --max-results 25000 passed", run["properties"].get("maxResults") == 25000)
        upload = [l for l in log if l[1] == "uses"]
        check("upload-sarif step runs", upload and upload[0][2].startswith("github/codeql-action/upload-sarif@")
              and upload[0][3] == {"sarif_file": "assetlint.sarif", "category": "assetlint"}, str(upload))
        verdict = log[-1]
        check("verdict: fails on error findings", verdict[1] == 1, str(verdict))

        ctx, log = run_steps(action, {"paths": "offers/contoso", "upload-sarif": "false"},
                             bindir + ":" + os.environ["PATH"], work)
        check("clean offer: exit-code 0", ctx.get("steps.run.outputs.exit-code") == "0")
        check("upload skipped when not wanted", any(l[1] == "skipped" for l in log))
        check("clean offer: verdict passes", log[-1][1] == 0, str(log[-1]))

        ctx, log = run_steps(action, {"paths": "no-such-folder"}, bindir + ":" + os.environ["PATH"], work)
        check("missing path: exit-code 2 and the step fails", ctx.get("steps.run.outputs.exit-code") == "2"
              and log[-1][1] == 2, str(log[-1]))

        # Without assetlint on PATH the action builds it from its own
        # checkout (here: this repository, already built, so make has
        # nothing to do; tools/deps.sh finds every package).
        path = ":".join(d for d in os.environ["PATH"].split(":")
                        if not os.path.exists(os.path.join(d, "assetlint")))
        ctx, log = run_steps(action, {"paths": "offers/contoso", "upload-sarif": "false"}, path, work)
        check("build from source", log[0][1] == 0 and
              ctx.get("steps.build.outputs.bin") == os.path.join(ROOT, "build", "assetlint"),
              str(log[0])[:600])
        check("built binary runs", ctx.get("steps.run.outputs.exit-code") == "0", str(log[1])[:400])
    finally:
        shutil.rmtree(work)
    return check.summary()


if __name__ == "__main__":
    sys.exit(main())
