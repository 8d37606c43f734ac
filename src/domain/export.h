/* export.h — CSV export of records (UTF-8, a header of Chinese labels), as import.h reads it back. */
#ifndef ZZ_EXPORT_H
#define ZZ_EXPORT_H

#include <stdio.h>

#include "service.h"

/* The header of the unit column, before the fields' labels. */
#define EXPORT_UNIT_LABEL "所属单位"

/* Write the records of type T under UNIT (NULL: the account's scope) that U may export. */
int export_csv(struct ctx *c, const struct user *u, const struct rtype *t, const char *unit, FILE *out,
	       long *count);

#endif
