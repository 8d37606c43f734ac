/* route.h — which unit an imported row belongs to: by its address, matched against the names of
 * the townships, villages (communities) and grids under the importer's unit. */
#ifndef ZZ_ROUTE_H
#define ZZ_ROUTE_H

#include "unit.h"

struct router;

/* Build the name index of the units under SCOPE (a code of US). Owns copies: US may change. */
struct router *router_new(const struct units *us, const char *scope);
void router_free(struct router **r);

/* The code of the unit ADDR names (a grid, village or township under the scope), or NULL when it
 * names none or is ambiguous. Names are matched longest first; a village must lie in the township
 * the address names, when it names one. The result points into the router. */
const char *router_address(const struct router *r, const char *addr);

#endif
