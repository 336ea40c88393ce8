#!/bin/sh
# The eval scorer on a hand-written report and labels with known counts.
exec sh tools/eval/selftest.sh
