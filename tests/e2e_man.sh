#!/bin/sh
# Runs every command of the man page's EXAMPLES section on testdata/demo/
# (the example's folder argument replaced, report files written to a temp
# folder) and expects a checking exit status (0 or 1), never 2.
B=${1:-build}
BIN=$(cd "$(dirname "$B/assetlint")" && pwd)/assetlint
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
n=0 bad=0
printf '[assetlint]\nstrict = false\n' > "$T/base.ini"   # the base branch's config
sed -n '/^\.SH EXAMPLES/,/^\.SH /p' man/assetlint.1 | grep '^\.B assetlint' |
	sed 's/^\.B //; s/\\-/-/g' > "$T/cmds"
while read -r line; do
	n=$((n + 1))
	# last word is the folder; -o FORMAT:FILE / -o FILE go to the temp dir
	set -- $line
	shift
	args=""
	while [ $# -gt 1 ]; do
		case "$1" in
		-o) args="$args -o"; shift; f=$1; case "$f" in *:*) f="${f%%:*}:$T/${f#*:}" ;; *) f="$T/$f" ;; esac; args="$args $f" ;;
		--config) args="$args --config $T/base.ini"; shift ;;
		*) args="$args $1" ;;
		esac
		shift
	done
	"$BIN" --no-config $args testdata/demo/ >"$T/out" 2>"$T/err"
	st=$?
	if [ $st -gt 1 ]; then
		bad=$((bad + 1)); echo "FAIL (exit $st): assetlint $args testdata/demo/"; cat "$T/err"
	fi
done < "$T/cmds"
[ "$n" -ge 3 ] || { echo "FAIL: only $n examples found"; exit 1; }
echo "man examples: $n run, $bad failed"
[ "$bad" -eq 0 ]
