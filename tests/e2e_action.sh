#!/bin/sh
# The GitHub Action in action.yml: its shell steps run here as the runner
# would run them (tests/e2e_action.py).
B=${1:-build}
exec /usr/bin/python3 "$(dirname "$0")/e2e_action.py" "$B/assetlint"
