/* idnum.h — citizen ID numbers of GB 11643-1999. */
#ifndef ZZ_IDNUM_H
#define ZZ_IDNUM_H

/* Normalize IN to 18 characters (15-digit numbers converted, a lower-case x raised) into OUT.
 * Returns 0, or ZZ_EINVAL with the reason in errmsg(). */
int idnum_normalize(const char *in, char out[19]);
/* The check character for the first 17 digits. */
char idnum_check_char(const char *first17);
/* Birth date (days since 1970) and sex ('1' male, '2' female as GB/T 2261.1) of a valid number. */
int idnum_birth(const char *id18);
char idnum_sex(const char *id18);
/* Masked for lists: the first 6 and last 4 characters kept (GB/T 35273). */
void idnum_mask(const char *id, char *out, int outsz);

#endif
