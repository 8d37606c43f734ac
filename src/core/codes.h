/* codes.h — code tables (性别, 民族, 关注程度, …) loaded from the .tsv files of db/codes. */
#ifndef ZZ_CODES_H
#define ZZ_CODES_H

struct code {
	char *code;
	char *label;
};

struct codetable {
	char *name;  /* file name without .tsv */
	char *title; /* from the "#title" line */
	struct code *v;
	int n;
};

struct codes {
	struct codetable **t;
	int n;
};

/* Load every *.tsv in DIR: lines "code<TAB>label", '#' starts a comment, "#title X" names it. */
int codes_load(struct codes **out, const char *dir);
void codes_free(struct codes **c);
const struct codetable *codes_find(const struct codes *c, const char *name);
/* Find an entry by its code, or else by its label. */
const struct code *codetable_lookup(const struct codetable *t, const char *code_or_label);
const char *codetable_label(const struct codetable *t, const char *code);

#endif
