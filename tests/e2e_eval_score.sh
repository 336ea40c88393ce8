#!/bin/sh
# The eval scorer on hand-written reports and labels with known counts
# (synthetic and real label formats), and the review renderer when built.
exec sh tools/eval/selftest.sh "${1:-build}"
