/* files.h — each account's own folder (paths.files/ACCOUNT) with upload/ (files the account sends:
 * imports, attachments) and download/ (files the system leaves for it: exports, reports). SFTP,
 * the import screen and attachments reach files only through here: plain names in one of the two
 * subfolders, opened without following symbolic links, within the account's quota. */
#ifndef ZZ_FILES_H
#define ZZ_FILES_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/stat.h>

#include "ctx.h"

enum files_area { FILES_UPLOAD, FILES_DOWNLOAD, FILES_AREAS };

/* Longest file name, in bytes. */
enum { FILES_NAME_MAX = 200 };

/* "upload", "download". */
const char *files_area_name(enum files_area a);
/* The account's folder, and one of its subfolders (caller frees). */
char *files_root(struct ctx *c, const char *account);
char *files_dir(struct ctx *c, const char *account, enum files_area a);
/* Create the account's folder and its subfolders when missing; refuse one that is not a real
 * folder (a symbolic link planted in its place). */
int files_ensure(struct ctx *c, const char *account);
/* A plain file name: not empty, at most FILES_NAME_MAX bytes, valid UTF-8, no '/', no control
 * characters, not hidden; false with errmsg() saying why. */
bool files_name_ok(const char *name);
/* A name files_name_ok accepts, made from STEM (names of units, forms, subjects) and the extension
 * EXT: a separator, a control or bidirectional character, a character Windows refuses in names
 * (/ \ : * ? " < > |) or a broken UTF-8 byte becomes '_', a leading '.' too, and the stem is cut at a
 * character so that the whole fits FILES_NAME_MAX bytes (caller frees). */
char *files_safe_name(const char *stem, const char *ext);
/* Open NAME in the area (openat with O_NOFOLLOW; FLAGS as open(2), mode 0640). Returns the file
 * descriptor or a negative ZZ_E* code; a symbolic link or anything but a regular file is refused.
 */
int files_open(struct ctx *c, const char *account, enum files_area a, const char *name, int flags);
/* The regular file NAME in the area (never through a link): ZZ_ENOENT when there is none,
 * ZZ_EPERM for a link or anything but a regular file. */
int files_stat(struct ctx *c, const char *account, enum files_area a, const char *name,
	       struct stat *sb);
/* Names of the regular files in the area with acceptable names, in directory order (caller frees
 * with strv_free). */
int files_list(struct ctx *c, const char *account, enum files_area a, struct strv *out);
/* Remove the regular file NAME from the area. */
int files_remove(struct ctx *c, const char *account, enum files_area a, const char *name);
/* Rename FROM to TO within the area; refused when TO exists. */
int files_rename(struct ctx *c, const char *account, enum files_area a, const char *from,
		 const char *to);
/* Bytes of the regular files in the account's folder. */
int files_usage(struct ctx *c, const char *account, uint64_t *bytes);
/* Limits (settings files.quota_mb, files.file_max_mb) in bytes. */
uint64_t files_quota(struct ctx *c);
uint64_t files_file_max(struct ctx *c);
/* Refuse to grow the account's folder by GROWTH bytes to a file of SIZE bytes when that breaks a
 * limit, with a message naming it (USAGE: the folder's bytes now). */
int files_check_room(struct ctx *c, uint64_t usage, uint64_t growth, uint64_t size);
/* SHA-256 (hex) of the whole file FD (read with pread, the offset is kept). */
int files_sha256_fd(int fd, char out[65]);
#endif
