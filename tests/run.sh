#!/bin/sh
# Runs every test: the cmocka unit test programs, the end-to-end scripts
# (tests/e2e_*.sh, given the build dir) and the man page lint.  Prints one
# "N passed, N failed" line (", N skipped" when a test printed "SKIP: ..."
# lines for parts it could not check, e.g. without ../shared) and fails when
# any test failed.
B=${1:-build}
passed=0 failed=0 skipped=0 failures=""
run() {
	name=$1; shift
	if "$@" >"$B/tests/$name.log" 2>&1; then
		passed=$((passed + 1)); echo "PASS $name"
		# what a test could not check here (no ../shared) is said out loud
		grep '^SKIP' "$B/tests/$name.log" | sed 's/^/    /'
		skipped=$((skipped + $(grep -c '^SKIP' "$B/tests/$name.log")))
	else
		failed=$((failed + 1)); failures="$failures $name"
		echo "FAIL $name"; sed 's/^/    /' "$B/tests/$name.log" | tail -n 40
	fi
}
mkdir -p "$B/tests"
for t in "$B"/tests/test_*; do
	case "$t" in *.o|*.log) continue ;; esac
	[ -x "$t" ] && run "$(basename "$t")" "$t"
done
for s in tests/e2e_*.sh; do
	[ -f "$s" ] && run "$(basename "$s" .sh)" sh "$s" "$B"
done
# gcc builds everything above; clang's warnings must be errors-free too
if command -v "${CLANG:-clang}" >/dev/null 2>&1; then
	run clang-warnings ${MAKE:-make} -s check-clang
else
	echo "PASS clang-warnings"; echo "    SKIP: clang not installed, the clang -Werror check did not run"
	passed=$((passed + 1)); skipped=$((skipped + 1))
fi
# the plain C twins of the SIMD paths still compile warning-free
run no-simd-build ${MAKE:-make} -s check-nosimd
run man-lint sh -c 'mandoc -Tlint -W warning man/assetlint.1 man/assetlint.3 && ! grep -n "PLACEHOLDER" man/assetlint.1'
# man/assetlint.1 is built from man/parts/*.roff: an edit made to the built
# page alone is lost the next time make rebuilds it
run man-parts sh -c 'export LC_ALL=C; cat man/parts/*.roff | cmp -s - man/assetlint.1 ||
	{ echo "man/assetlint.1 differs from cat man/parts/*.roff: edit the parts, then make man/assetlint.1"; exit 1; }'
if [ "$skipped" -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ] || { echo "failed:$failures"; exit 1; }
