#!/bin/sh
# make eval: builds the labelled evaluation corpus (issue #3) from real
# artwork -- brand marks and icons from npm packages, words in Debian fonts
# -- runs assetlint on it and prints precision and recall per pixel rule,
# the set rules distortion and set-inconsistent included (scored per offer
# set folder, corpus/{dev,test}/sets/sNNN/).
#
# With ../shared/corpus/real-labels.tsv present (EVAL_REAL names another
# corpus folder holding real/ and real-labels.tsv), it also checks the
# labelled real images and prints the three sets -- synthetic dev,
# synthetic test, real -- side by side; without it, it says so and scores
# the synthetic splits.  Every real miss and false alarm is drawn into
# BUILD_DIR/eval/review/real/ (tools/eval_review) to look at.
#
# Usage: sh tools/eval.sh [BUILD_DIR]      (default: build)
# Env:   EVAL_N=700       images per split (dev and test)
#        EVAL_SETS=900    offer sets (4 logos each) per split
#        EVAL_FAM=600     images per split in the families of
#                         tools/eval/families.py (frames, dark marks,
#                         gradient logos, text, margins, palette, names)
#        EVAL_SHEETS=1    also write contact sheets per family and split
#                         (build/eval/sheets/), to look at the labels
#        EVAL_JOBS=2      parallel renderers and assetlint threads
#        EVAL_SHOW_TEST=1 also list the held-out split's cases
#        EVAL_REVIEW_DEV=1 also draw the dev split's cases into review/dev
#        EVAL_REAL=DIR    the labelled real corpus (default ../shared/corpus)
#        EVAL_ARGS="..."  extra assetlint options (default: none, and
#                         --no-config, so the defaults are measured)
#
# Installs what it needs when missing (as root, Debian 12): librsvg2-bin,
# libvips-tools, fonts, wamerican, npm; the npm packages go into BUILD_DIR/eval.  The
# corpus is cached in BUILD_DIR/eval/corpus and regenerated only when the
# generator, its parameters or the artwork versions change.  Exit status 0
# also when targets are missed (it is a measurement); 1 when the corpus
# cannot be built or assetlint cannot run.
set -u
B=${1:-build}
cd "$(dirname "$0")/.." || exit 1
E="$B/eval"
N=${EVAL_N:-700}
S=${EVAL_SETS:-900}
F=${EVAL_FAM:-600}
J=${EVAL_JOBS:-2}
# Pinned, so the corpus is the same on every machine.
# The @iconify-json sets (CC0, MIT, CC BY, Apache; downloaded, never
# committed) bring brand marks filled with gradients, flat multi-colour
# illustrations, and emoji flat or shaded (tools/eval/families.py); the
# last fourteen feed the u* families (pictograms, brand and token marks,
# old emoji sets and file icons that no other family draws).
NPM_PKGS="simple-icons@13.21.0 devicon@2.17.0 bootstrap-icons@1.13.2 @tabler/icons@3.51.0 \
@iconify-json/logos@1.2.19 @iconify-json/vscode-icons@1.2.97 @iconify-json/skill-icons@1.2.4 \
@iconify-json/flat-color-icons@1.2.3 @iconify-json/fluent-emoji-flat@1.2.6 \
@iconify-json/twemoji@1.2.5 @iconify-json/fluent-color@1.2.21 @iconify-json/openmoji@1.2.29 \
@iconify-json/noto@1.2.9 @iconify-json/emojione@1.2.3 @iconify-json/streamline-ultimate-color@1.2.2 \
@iconify-json/fxemoji@1.2.2 @iconify-json/streamline-emojis@1.2.4 \
@iconify-json/solar@1.2.13 @iconify-json/iconoir@1.2.11 @iconify-json/majesticons@1.2.5 \
@iconify-json/gravity-ui@1.2.15 @iconify-json/fa6-brands@1.2.6 @iconify-json/bxl@1.2.4 \
@iconify-json/token-branded@1.2.45 @iconify-json/fluent-emoji@1.2.7 @iconify-json/meteocons@1.2.4 \
@iconify-json/emojione-v1@1.2.3 @iconify-json/noto-v1@1.2.5 @iconify-json/streamline-freehand-color@1.2.2 \
@iconify-json/material-icon-theme@1.2.70 @iconify-json/catppuccin@1.2.17"
# Fonts of the base corpus, then of the text family (serif, script,
# italic, condensed, heavy; the test split uses others than dev), then
# of the textstyle family (light, thin, monospace, other serifs), then the
# hairlines of the textedge family, then the u* families' (fonts of the
# first outside judge), then the thinword and thinneg families' (pale,
# hairline, script and italic type).
FONT_FAMILIES="DejaVu Sans|DejaVu Serif|DejaVu Sans Mono|Liberation Sans|Liberation Serif|Liberation Mono|Liberation Sans Narrow|Nimbus Sans|Nimbus Mono PS|URW Gothic|URW Bookman|C059|P052|\
Z003|Open Sans|Open Sans Condensed|Open Sans Extrabold|Roboto|Roboto Condensed|Roboto Black|Lato|Lato Black|\
EB Garamond|TeX Gyre Termes|TeX Gyre Chorus|TeX Gyre Heros Cn|TeX Gyre Adventor|TeX Gyre Pagella|\
Cantarell|League Spartan Black|Linux Biolinum O|Linux Libertine O|Carlito|Caladea|Comic Neue|\
Roboto Light|Roboto Thin|Roboto Medium|Roboto Condensed Light|Lato Light|Lato Hairline|Lato Medium|\
Open Sans Light|Open Sans Condensed Light|DejaVu Sans Condensed|DejaVu Serif Condensed|Nimbus Roman|\
Nimbus Sans Narrow|TeX Gyre Bonum|TeX Gyre Schola|TeX Gyre Cursor|League Spartan Light|\
League Spartan ExtraLight|Cantarell Light|Linux Libertine Display O|Comic Neue Light|\
Lato Thin|Cantarell Thin|\
Dancing Script|Bebas Neue|Manrope|Vollkorn|Yanone Kaffeesatz|Charis SIL|B612|Courier Prime|\
Averia Sans GWF|Hack|Gillius ADF|Gillius ADF Cond|\
Havana|Breip|Steve|Delphine|Rufscript|Kaushan Script|Inter Thin|Inter Extra Light|Roboto Slab|\
Gentium|Tinos|Clear Sans Thin|Quicksand Light|Comfortaa Light|Fira Code Light"
FONT_PKGS="fonts-dejavu-core fonts-dejavu-extra fonts-liberation fonts-liberation2 fonts-urw-base35 fonts-open-sans \
fonts-roboto-unhinted fonts-lato fonts-crosextra-carlito fonts-crosextra-caladea fonts-cantarell \
fonts-comic-neue fonts-texgyre fonts-linuxlibertine fonts-ebgaramond fonts-league-spartan \
fonts-dancingscript fonts-bebas-neue fonts-manrope fonts-vollkorn fonts-yanone-kaffeesatz fonts-sil-charis \
fonts-b612 fonts-courier-prime fonts-averia-sans-gwf fonts-hack fonts-adf-gillius \
fonts-havana fonts-breip fonts-sjfonts fonts-rufscript fonts-kaushanscript fonts-inter fonts-roboto-slab \
fonts-sil-gentium fonts-croscore fonts-clear-sans fonts-quicksand fonts-comfortaa fonts-firacode"

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

# ---- Debian packages --------------------------------------------------
need=""
for c in rsvg-convert:librsvg2-bin vips:libvips-tools npm:npm \
         fc-list:fontconfig python3:python3; do
	command -v "${c%%:*}" >/dev/null 2>&1 || need="$need ${c#*:}"
done
# the word list tells abbreviations in icon names (icons that spell them)
[ -f /usr/share/dict/words ] || need="$need wamerican"
fonts_missing() {
	have=$(fc-list : family 2>/dev/null | tr ',' '\n' | sort -u)
	echo "$FONT_FAMILIES" | tr '|' '\n' | while read -r f; do
		echo "$have" | grep -qx "$f" || echo "$f"
	done
}
[ -n "$(fonts_missing)" ] && need="$need $FONT_PKGS"
if [ -n "$need" ]; then
	echo "eval: installing$need" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get install -y -q --no-install-recommends $need >/dev/null 2>&1 ||
		{ apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends $need >/dev/null; } ||
		{ echo "eval: apt-get install$need failed (run as root)" >&2; exit 1; }
	fc-cache >/dev/null 2>&1
fi
m=$(fonts_missing)
[ -z "$m" ] || { echo "eval: fonts still missing: $m" >&2; exit 1; }

# ---- artwork from npm ---------------------------------------------------
mkdir -p "$E"
npm_ok() {
	for p in $NPM_PKGS; do
		name=${p%@*} ver=${p##*@}
		grep -q "\"version\": \"$ver\"" "$E/node_modules/$name/package.json" 2>/dev/null || return 1
	done
}
if ! npm_ok; then
	echo "eval: npm install $NPM_PKGS" >&2
	npm install --prefix "$E" --no-audit --no-fund --no-save --loglevel=error \
		$NPM_PKGS >/dev/null || { echo "eval: npm install failed" >&2; exit 1; }
fi

# ---- corpus (cached) ------------------------------------------------------
stamp=$( { cat tools/eval/gen_corpus.py tools/eval/families.py tools/gen_eval.c
           echo "N=$N S=$S F=$F $NPM_PKGS";
           rsvg-convert --version; } | sha256sum | cut -c1-16)
t0=$(now)
if [ "$(cat "$E/corpus.stamp" 2>/dev/null)" != "$stamp" ] || [ ! -f "$E/labels.tsv" ] ||
   [ ! -f "$E/sets.tsv" ]; then
	echo "eval: generating corpus ($N base images, $F family images and $S sets per split)..." >&2
	rm -rf "$E/corpus" "$E/svg" "$E/labels.tsv" "$E/sets.tsv" "$E/corpus.stamp"
	# tools/gen_eval renders in one process per job (make eval builds it);
	# without it, rsvg-convert per image gives the same pixels, slower.
	r=""
	[ -x "$B/tools/gen_eval" ] && r="--renderer $B/tools/gen_eval"
	python3 tools/eval/gen_corpus.py --node-modules "$E/node_modules" \
		--out "$E" --n-dev "$N" --n-test "$N" --n-sets "$S" --n-fam "$F" -j "$J" $r ||
		{ echo "eval: corpus generation failed" >&2; exit 1; }
	echo "$stamp" >"$E/corpus.stamp"
	gen=$(elapsed "$t0" "$(now)")
else
	echo "eval: corpus up to date ($E/corpus, $(($(wc -l <"$E/labels.tsv") - 1)) images, $(($(wc -l <"$E/sets.tsv") - 1)) sets)" >&2
	gen=0
fi

# ---- check and score --------------------------------------------------------
if [ ! -x "$B/assetlint" ]; then
	echo "eval: $B/assetlint not built (make -j2 first); corpus and labels are in $E" >&2
	exit 1
fi
REAL=${EVAL_REAL:-../shared/corpus}
t1=$(now)
# --no-config: the defaults are measured, whatever .assetlint.ini lies in
# a parent folder; EVAL_ARGS adds options (e.g. a --config to compare).
"$B/assetlint" --format json --no-config -j "$J" ${EVAL_ARGS:-} "$E/corpus" \
	>"$E/report.json.tmp" 2>"$E/assetlint.stderr"
st=$?
if [ "$st" -gt 1 ]; then
	echo "eval: assetlint failed (exit $st):" >&2
	tail -n 20 "$E/assetlint.stderr" >&2
	exit 1
fi
mv "$E/report.json.tmp" "$E/report.json"
real=""
rm -f "$E/real.json"
if [ -f "$REAL/real-labels.tsv" ] && [ -d "$REAL/real" ]; then
	"$B/assetlint" --format json --no-config -j "$J" ${EVAL_ARGS:-} "$REAL/real" \
		>"$E/real.json.tmp" 2>"$E/assetlint-real.stderr"
	st=$?
	if [ "$st" -gt 1 ]; then
		echo "eval: assetlint failed on the real corpus (exit $st):" >&2
		tail -n 20 "$E/assetlint-real.stderr" >&2
		exit 1
	fi
	mv "$E/real.json.tmp" "$E/real.json"
	real="--real $REAL/real-labels.tsv --real-report $E/real.json --real-root $REAL/real"
else
	echo "eval: ======================================================" >&2
	echo "eval: REAL SET SKIPPED: $REAL/real-labels.tsv not found" >&2
	echo "eval: (the labelled real corpus lives beside the repository in" >&2
	echo "eval: ../shared; set EVAL_REAL=DIR to point at it); scoring the" >&2
	echo "eval: synthetic splits only" >&2
	echo "eval: ======================================================" >&2
fi
t2=$(now)
show=""
[ "${EVAL_SHOW_TEST:-0}" = 1 ] && show="--show-test"
[ "${EVAL_REVIEW_DEV:-0}" = 1 ] && show="$show --review-dev"
python3 tools/eval/score.py "$E/labels.tsv" "$E/report.json" "$E" --sets "$E/sets.tsv" \
	--gen-seconds "$gen" --check-seconds "$(elapsed "$t1" "$t2")" $show $real ||
	{ echo "eval: scoring failed" >&2; exit 1; }
[ -n "$real" ] || echo "eval: REAL SET SKIPPED (see above): the table has no real column"
# Pictures of every real miss and false alarm (and dev's with
# EVAL_REVIEW_DEV=1), to look at before believing a number.
rm -rf "$E/review"
if [ -s "$E/review.tsv" ]; then
	if [ -x "$B/tools/eval_review" ]; then
		"$B/tools/eval_review" <"$E/review.tsv" ||
			echo "eval: some review pictures could not be drawn" >&2
		echo "eval: $(wc -l <"$E/review.tsv") review pictures in $E/review/ (regions: red = the rule's findings, blue = other rules', dashed = the hero margin)"
	else
		echo "eval: $B/tools/eval_review not built: no review pictures" >&2
	fi
fi
if [ "${EVAL_SHEETS:-0}" = 1 ] && [ -x "$B/tools/eval_review" ]; then
	for sp in dev test; do
		python3 tools/eval/sheets.py "$E/labels.tsv" "$E" "$E/sheets" \
			"$B/tools/eval_review" --split "$sp"
	done
fi
echo "eval: table in $E/report.tsv, per-file outcomes in $E/outcomes.tsv, labels in $E/labels.tsv and $E/sets.tsv"
exit 0
