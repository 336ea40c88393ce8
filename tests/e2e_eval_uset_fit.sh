#!/bin/sh
# The eval generator keeps the wide logo of an offer set on its canvas:
# mark, tile and brand word of families.compose_uset fit 255 px on 1,200
# stand-in sets (issue #8, s16: stretched marks ran off the left edge and
# words off the right one).  Needs python3 only, no npm, no corpus.
exec python3 tools/eval/uset_fit.py 600
