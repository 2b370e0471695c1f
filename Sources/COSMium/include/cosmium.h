// A thin C face of libosmium for SunSpot's OpenStreetMap import (GeoImport's
// OSMExtract): it reads an .osm / .osm.pbf / .osm.bz2 file, assembles every building
// (`building=*` or `building:part=*`, closed ways and multipolygon relations) into
// rings with libosmium's multipolygon assembler, and hands back plain arrays. Every
// building it could not make is listed as a problem with its OSM id; no C++ type or
// exception crosses this header.
#ifndef SUNSPOT_COSMIUM_H
#define SUNSPOT_COSMIUM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cosmium_extract cosmium_extract;

/// Reads a file; `format` is libosmium's format name ("pbf", "osm", "osm.bz2", …) or
/// NULL to go by the file's name. NULL on failure, with a one-line reason in `error`.
cosmium_extract *cosmium_read(const char *path, const char *format, char *error, size_t error_size);
void cosmium_free(cosmium_extract *extract);

/// Buildings assembled into at least one outer ring.
size_t cosmium_area_count(const cosmium_extract *extract);
/// 'w' for a way, 'r' for a relation, and its OSM id.
char cosmium_area_type(const cosmium_extract *extract, size_t area);
int64_t cosmium_area_id(const cosmium_extract *extract, size_t area);
size_t cosmium_tag_count(const cosmium_extract *extract, size_t area);
const char *cosmium_tag_key(const cosmium_extract *extract, size_t area, size_t tag);
const char *cosmium_tag_value(const cosmium_extract *extract, size_t area, size_t tag);
/// Rings in order: each outer ring followed by its inner rings.
size_t cosmium_ring_count(const cosmium_extract *extract, size_t area);
int cosmium_ring_is_outer(const cosmium_extract *extract, size_t area, size_t ring);
/// `count` closed-ring vertices as lon, lat pairs (2 × count doubles).
const double *cosmium_ring(const cosmium_extract *extract, size_t area, size_t ring, size_t *count);

/// Buildings that could not be made (open ways, missing members or nodes, broken rings).
size_t cosmium_problem_count(const cosmium_extract *extract);
char cosmium_problem_type(const cosmium_extract *extract, size_t problem);
int64_t cosmium_problem_id(const cosmium_extract *extract, size_t problem);
const char *cosmium_problem_message(const cosmium_extract *extract, size_t problem);

#ifdef __cplusplus
}
#endif

#endif
