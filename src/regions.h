/* Connected regions of an image, shared by the content rules (gradient,
 * palette, text).  Not installed. */
#ifndef AL_REGIONS_H
#define AL_REGIONS_H

#include "al_internal.h"

/* Labels the visible pixels (alpha >= 128) of @m into regions of 4-connected
 * neighbours whose CIE76 distance in @lab (w*h*3) is below @step.  Writes
 * labels 0..n-1 into @labels (w*h; -1 for invisible pixels), caller-owned.
 * Returns n. */
int al_regions_similar(const al_measure *m, const float *lab, float step,
                       int *labels);

/* Labels 8-connected components of @mask (w*h, non-zero = set) into
 * @labels (caller-owned, -1 where unset).  Returns the count. */
int al_regions_mask(const uint8_t *mask, int w, int h, int *labels);

/* 3x3 box blur of a w*h*3 Lab image.  Returns a new buffer the caller
 * frees with g_free(). */
float *al_lab_blur3(const float *lab, int w, int h);

/* Chessboard distance of every set pixel of @mask to the nearest unset
 * pixel or the edge (1 on the rim).  @dist is w*h, caller-owned. */
void al_distance_chess(const uint8_t *mask, int w, int h, uint16_t *dist);

/* Does pixel (x, y) of a w*h*3 Lab image lie between two opposite
 * neighbours (horizontal, vertical or diagonal) that differ by more than
 * @edge_de: 5 % to 95 % of the way, within 30 % of their distance (+2) of
 * the line joining them?  Anti-aliased and soft edges are such blends. */
bool al_is_blend(const float *lab, int w, int h, int x, int y, float edge_de);

#endif
