// GEOS's C API (libgeos-dev), re-entrant functions only (the _r forms with a context).
#include <geos_c.h>
