// Cairo with its PNG, PDF and SVG surfaces (libcairo2-dev; include path from pkg-config).
#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
