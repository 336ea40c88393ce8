#!/bin/sh
# The eval's thinword and thinneg families (issue #8, s17) hold what they
# say by construction: one word on the canvas in its split's own font, no
# word in a negative, pale inks 8..30 dE from the ground, strong ones 45+;
# and the fonts they name are installed (else SKIP).  Needs python3 only,
# no npm, no corpus.
exec python3 tools/eval/thin_fit.py 300
