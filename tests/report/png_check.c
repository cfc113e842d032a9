/* png_check: tells a blank screenshot from a drawn one, for the report test. Reads an 8-bit,
 * non-interlaced PNG (grey, RGB, grey+alpha or RGBA: what Chromium writes) with zlib, and fails
 * when nearly every pixel has the background's colour or the picture has hardly any colours.
 * Usage: png_check FILE.png  (exit 0 drawn, 1 blank, 2 unreadable). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

enum { MAX_FILE = 64 << 20, COLOUR_SLOTS = 1 << 16, MIN_COLOURS = 8 };
static const double MIN_DRAWN_SHARE = 0.02; /* of pixels away from the background colour */

typedef struct {
    uint32_t width, height;
    int channels;
    unsigned char *pixels; /* height rows of width × channels bytes */
} image;

static uint32_t big_endian(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static unsigned char *read_file(const char *path, size_t *length)
{
    FILE *file = fopen(path, "rb");
    unsigned char *data = file ? malloc(MAX_FILE) : NULL;
    *length = data ? fread(data, 1, MAX_FILE, file) : 0;
    if (file)
        fclose(file);
    return data;
}

static int paeth(int a, int b, int c)
{
    int p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c);
    return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/* Undoes the PNG filters, row by row, from raw (each row led by its filter byte). */
static int unfilter(image *im, const unsigned char *raw)
{
    size_t stride = (size_t)im->width * (size_t)im->channels;
    int bpp = im->channels;
    for (uint32_t y = 0; y < im->height; y++) {
        const unsigned char *in = raw + y * (stride + 1);
        unsigned char *row = im->pixels + y * stride;
        const unsigned char *up = y ? row - stride : NULL;
        if (in[0] > 4)
            return 0;
        for (size_t x = 0; x < stride; x++) {
            int a = x >= (size_t)bpp ? row[x - (size_t)bpp] : 0, b = up ? up[x] : 0;
            int c = up && x >= (size_t)bpp ? up[x - (size_t)bpp] : 0;
            int predictor[5] = {0, a, b, (a + b) / 2, paeth(a, b, c)};
            row[x] = (unsigned char)(in[1 + x] + predictor[in[0]]);
        }
    }
    return 1;
}

/* Decodes the PNG in data; 0 when it is not one this checker reads. */
static int decode(const unsigned char *data, size_t length, image *im)
{
    static const unsigned char signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    static const int channels_of[7] = {1, 0, 3, 0, 2, 0, 4};
    unsigned char *idat = malloc(length), *raw = NULL;
    size_t idat_length = 0, at = 8;
    int ok = idat && length > 33 && memcmp(data, signature, 8) == 0;
    while (ok && at + 12 <= length) {
        uint32_t size = big_endian(data + at);
        const unsigned char *type = data + at + 4, *body = data + at + 8;
        if (size > length - at - 12)
            break;
        if (memcmp(type, "IHDR", 4) == 0 && size >= 13) {
            im->width = big_endian(body);
            im->height = big_endian(body + 4);
            im->channels = body[9] <= 6 ? channels_of[body[9]] : 0;
            ok = body[8] == 8 && im->channels && body[12] == 0 && im->width && im->height &&
                 im->width <= 20000 && im->height <= 40000;
        } else if (memcmp(type, "IDAT", 4) == 0) {
            memcpy(idat + idat_length, body, size);
            idat_length += size;
        }
        at += 12 + (size_t)size;
    }
    uLongf raw_length = (uLongf)im->height * ((uLongf)im->width * (uLongf)im->channels + 1);
    ok = ok && im->channels && (raw = malloc(raw_length)) != NULL &&
         (im->pixels = malloc(raw_length)) != NULL &&
         uncompress(raw, &raw_length, idat, idat_length) == Z_OK &&
         raw_length == (uLongf)im->height * ((uLongf)im->width * (uLongf)im->channels + 1) &&
         unfilter(im, raw);
    free(idat);
    free(raw);
    return ok;
}

/* Counts pixels by colour in an open-addressing table; reports the number of colours (up to
 * the table's size) and the share of pixels that are not the most common colour. */
static void measure(const image *im, long *colours, double *drawn_share)
{
    uint32_t *keys = calloc(COLOUR_SLOTS, sizeof *keys);
    long *counts = calloc(COLOUR_SLOTS, sizeof *counts), most = 0, total = 0;
    *colours = 0;
    for (size_t i = 0; keys && counts && i < (size_t)im->width * im->height; i++) {
        const unsigned char *p = im->pixels + i * (size_t)im->channels;
        uint32_t colour = 1; /* never 0: 0 marks a free slot */
        for (int c = 0; c < im->channels; c++)
            colour = colour * 257u + p[c];
        colour = colour ? colour : 1;
        size_t slot = (colour * 2654435761u) & (COLOUR_SLOTS - 1);
        for (int probe = 0; probe < 64 && keys[slot] && keys[slot] != colour; probe++)
            slot = (slot + 1) & (COLOUR_SLOTS - 1);
        if (!keys[slot] && *colours < COLOUR_SLOTS / 2) {
            keys[slot] = colour;
            ++*colours;
        }
        if (keys[slot] == colour && ++counts[slot] > most)
            most = counts[slot];
        total++;
    }
    *drawn_share = total ? 1.0 - (double)most / (double)total : 0;
    free(keys);
    free(counts);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: png_check FILE.png\n");
        return 2;
    }
    size_t length = 0;
    unsigned char *data = read_file(argv[1], &length);
    image im = {0};
    int code = 2;
    if (!data || !decode(data, length, &im)) {
        fprintf(stderr, "%s: not an 8-bit non-interlaced PNG this checker reads\n", argv[1]);
        goto done;
    }
    long colours = 0;
    double drawn = 0;
    measure(&im, &colours, &drawn);
    code = colours >= MIN_COLOURS && drawn >= MIN_DRAWN_SHARE ? 0 : 1;
    printf("%s: %ux%u, %ld colours, %.1f%% of pixels off the background: %s\n", argv[1],
           im.width, im.height, colours, 100 * drawn, code ? "BLANK" : "drawn");
done:
    free(data);
    free(im.pixels);
    return code;
}
