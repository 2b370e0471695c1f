// PROJ coordinate operations (libproj-dev; proj.db from proj-data at run time).
#include <proj.h>
