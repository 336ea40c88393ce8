/*
 * libFuzzer's custom mutator for both targets (linked only by `make fuzz`).
 * A random byte change almost always breaks a PNG chunk's CRC, and libpng
 * stops there; so after each mutation every chunk CRC of every PNG in the
 * input is recomputed.  One mutation in four works on the inflated image
 * data of the first PNG instead: IDATs inflated, the raw rows mutated,
 * deflated back into one IDAT -- the filters, the row bookkeeping and the
 * reduction get inputs the deflate layer would otherwise hide.
 */
#include <stdint.h>
#include <string.h>
#include <zlib.h>

size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size);
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed);

#define RAW_MAX (1u << 20)

static const uint8_t png_sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/* Offset of the first PNG signature at or after @from, or @n. */
static size_t find_png(const uint8_t *d, size_t n, size_t from)
{
	for (size_t i = from; i + 8 <= n; i++)
		if (memcmp(d + i, png_sig, 8) == 0)
			return i;
	return n;
}

/* Recomputes the CRC of every whole chunk after every PNG signature. */
static void fix_crcs(uint8_t *d, size_t n)
{
	for (size_t s = find_png(d, n, 0); s < n; s = find_png(d, n, s + 1)) {
		size_t p = s + 8;
		while (p + 12 <= n) {
			uint32_t len = be32(d + p);
			if (len > n - p - 12)
				break;
			put_be32(d + p + 8 + len, (uint32_t)crc32(0, d + p + 4, len + 4));
			if (memcmp(d + p + 4, "IEND", 4) == 0)
				break;
			p += 12 + (size_t)len;
		}
	}
}

/* Mutates the inflated IDAT data of the first PNG; the new size, or 0
 * when there is no PNG with image data or the result does not fit. */
static size_t mutate_idat(uint8_t *d, size_t n, size_t max, unsigned int seed)
{
	static uint8_t z[RAW_MAX], raw[RAW_MAX], out[RAW_MAX + 4096];
	size_t s = find_png(d, n, 0), p, first = 0, last = 0, zn = 0, rn;
	uLongf on = sizeof out - 12;
	z_stream zs = { 0 };

	if (s >= n)
		return 0;
	for (p = s + 8; p + 12 <= n;) {
		uint32_t len = be32(d + p);
		if (len > n - p - 12)
			break;
		if (memcmp(d + p + 4, "IDAT", 4) == 0) {
			if (!first)
				first = p;
			if (zn + len > sizeof z)
				return 0;
			memcpy(z + zn, d + p + 8, len);
			zn += len;
			last = p + 12 + len;
		} else if (first) {
			break;
		}
		p += 12 + (size_t)len;
	}
	if (!first || inflateInit(&zs) != Z_OK)
		return 0;
	zs.next_in = z;
	zs.avail_in = (uInt)zn;
	zs.next_out = raw;
	zs.avail_out = sizeof raw / 2;
	inflate(&zs, Z_FINISH);
	rn = sizeof raw / 2 - zs.avail_out;
	inflateEnd(&zs);
	if (rn == 0)
		return 0;
	rn = LLVMFuzzerMutate(raw, rn, sizeof raw);
	if (compress2(out + 8, &on, raw, rn, (int)(seed % 10)) != Z_OK)
		return 0;
	/* one IDAT in place of the old ones */
	if (first + 12 + on + (n - last) > max)
		return 0;
	put_be32(out, (uint32_t)on);
	memcpy(out + 4, "IDAT", 4);
	memmove(d + first + 12 + on, d + last, n - last);
	memcpy(d + first, out, 8 + on);
	return first + 12 + on + (n - last);
}

size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed)
{
	size_t n = seed % 4 == 0 ? mutate_idat(data, size, max_size, seed) : 0;

	if (n == 0)
		n = LLVMFuzzerMutate(data, size, max_size);
	fix_crcs(data, n);
	return n;
}
