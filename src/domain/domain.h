/* domain.h — the rows of src/domain's features, for the top to hand to ctx_load. */
#ifndef ZZ_DOMAIN_H
#define ZZ_DOMAIN_H

#include "feature.h"

/* NULL-terminated, in the order the hooks run: a feature's rules and to-do items come in this
 * order, and its save hooks run in it. */
extern const struct feature *const domain_features[];

#endif
