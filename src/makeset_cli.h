/* `assetlint make-set` (makeset_cli.c), called by main() for that first
 * argument; part of the command line, a client of the public API, not of
 * the library. */
#ifndef AL_MAKESET_CLI_H
#define AL_MAKESET_CLI_H

#include <stdbool.h>

/* Runs make-set with @argv[0] = "make-set".  @want_color decides on
 * colour for the text report from a --color value (NULL: auto).  Returns
 * the process exit status (assetlint(1), MAKING A SET). */
int makeset_main(int argc, char **argv, bool (*want_color)(const char *mode));

#endif
