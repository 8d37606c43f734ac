/* schema.h — record types declared in the .cfg files of screens/: fields, owners, key, sections. */
#ifndef ZZ_SCHEMA_H
#define ZZ_SCHEMA_H

#include <libconfig.h>
#include <stdbool.h>
#include <stdint.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "codes.h"
#include "util.h"

enum ftype {
	FT_TEXT,
	FT_LONGTEXT,
	FT_INT,
	FT_DECIMAL,
	FT_DATE,
	FT_DATETIME,
	FT_ENUM,
	FT_MULTI,
	FT_BOOL,
	FT_IDNUM,
	FT_PHONE,
	FT_UNIT,
	FT_GRID,
	FT_PERSON,
	FT_ATTACH,
	FT__COUNT
};

struct ftype_info {
	const char *name; /* as written in the .cfg files of screens/ */
	const char *zh;	  /* for help and messages */
	bool needs_codes; /* enum and multi-enum need a code table */
};
extern const struct ftype_info ftype_table[FT__COUNT];

struct field {
	char *id;
	/* How the record codec names it: a 32-bit hash of id (schema_field_tag); 0 when another field of its
	 * type has the same hash (then the codec writes the id itself). Set by schema_load. */
	uint32_t tag;
	char *label;
	char *section;
	char *help;
	enum ftype type;
	bool required;
	bool sensitive;	  /* masked in lists unless the role may see it in full */
	bool indexed;	  /* text: name-prefix index; idnum: person index */
	bool from_person; /* stored in the person record, shown in the role's form */
	bool derived;	  /* filled by the system (birth date and sex from an ID number) */
	bool past;	  /* a date: today or before (a patrol log is not filed ahead); a time: now or before */
	bool units;	  /* text: unit codes joined by commas, chosen on the unit tree, shown by name */
	bool types;	  /* text: record type ids joined by commas, chosen by title, shown by title */
	bool has_min, has_max;
	double min, max; /* length for text, value for numbers */
	char *pattern;
	pcre2_code *re;
	char *ref; /* names another record: a type id, or "@field" whose code is the type (link.h) */
	char *le_id; /* "le": the number field this one may never exceed */
	int le;	     /* its index, or -1 */
	char *either; /* required unless this other field (its id) is filled: an ID number or another document */
	/* A unit field's choices when not the account's subtree: "above" (the units above the
	 * account's, where proposals and requests go), or "@FIELD" (the subtree of the unit in FIELD). */
	char *pick;
	const struct codetable *codes;
	int list; /* width of its column in lists, 0 when not listed */
	int line;
};

struct rtype {
	char *id;
	char *title;
	char *group;
	char *file;
	int order;
	struct strv owners; /* department ids whose line this is; empty: the offices' own */
	bool person_role;   /* a role of a person keyed by ID number */
	bool audit_reads;   /* opening a record is audited (health, HIV, drug, petitioner: R-AC-6) */
	int key;	    /* index of the unique field, -1 for none */
	int name_field;	    /* index of the field shown as the record's name, -1 for none */
	int index;	    /* its place in schema->t, and in the store's rec[] (store_rec_db) */
	struct field *f;
	int nf;
	config_t *cfg;			/* the file, kept for module settings (visits, deadlines) */
	const config_setting_t *setting; /* its "type" group */
};

struct schema {
	struct rtype **t;
	int n;
	const struct codes *codes;
	const struct rtype *person; /* the "person" type, NULL without one: found once, read per lookup */
};

/* Load every the .cfg files of screens/; a mistake stops the load with "file:line: reason". */
int schema_load(struct schema **out, const char *dir, const struct codes *codes);
void schema_free(struct schema **s);
/* The tag of field id ID (N bytes): its FNV-1a hash, kept clear of the codec's own tags below
 * SCHEMA_TAG_FIRST (record.h's pseudo-fields). */
enum { SCHEMA_TAG_FIRST = 16 };
uint32_t schema_field_tag(const char *id, size_t n);
const struct rtype *schema_type(const struct schema *s, const char *id);
/* A type by its id or by its Chinese title (what the screens show: 出租房); the inverse of
 * schema_types_zh for one type. NULL when neither matches. */
const struct rtype *schema_type_any(const struct schema *s, const char *id_or_title);
int rtype_field(const struct rtype *t, const char *id);
/* The type a reference field F names, given the value of its "@field" selector (ignored for a
 * fixed ref); NULL when none. */
const struct rtype *schema_ref_type(const struct schema *s, const struct field *f, const char *selector);
/* Can F name a record of type T: by record number (int), or by T's key of the same kind? */
bool schema_ref_fits(const struct field *f, const struct rtype *t);
/* A field by its id or its Chinese label. */
int rtype_field_any(const struct rtype *t, const char *id_or_label);
bool rtype_owned_by(const struct rtype *t, const char *dept);
/* The titles of the type ids in LIST ("ledger,center" → "电子台账、综治中心机构"); an unknown id is
 * shown as it is (caller frees). */
char *schema_types_zh(const struct schema *s, const char *list);
bool ftype_parse(const char *name, enum ftype *out);

#endif
