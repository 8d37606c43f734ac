/* hostkey.c — create and load the host keys. */
#include "hostkey.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "util.h"

/* Write the new key to a temporary file with mode 0600 and rename it, so that a crash never
 * leaves a half-written key behind. */
static int hostkey_create(const char *path, enum ssh_keytypes_e type, int bits)
{
	ssh_key key = NULL;
	char *b64 = NULL, *tmp = NULL;
	int rc = ZZ_ERR, fd = -1;
	if (ssh_pki_generate(type, type == SSH_KEYTYPE_RSA ? bits : 0, &key) != SSH_OK) {
		errmsg_set(ZZ_ERR, "无法生成主机密钥 %s", path);
		goto out;
	}
	if (ssh_pki_export_privkey_base64(key, NULL, NULL, NULL, &b64) != SSH_OK) {
		errmsg_set(ZZ_ERR, "无法导出主机密钥 %s", path);
		goto out;
	}
	tmp = xasprintf("%s.new", path);
	unlink(tmp);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		errmsg_set(ZZ_ERR, "无法创建主机密钥文件 %s：%s", tmp, strerror(errno));
		goto out;
	}
	size_t len = strlen(b64);
	if (write(fd, b64, len) != (ssize_t)len || fsync(fd) < 0 || close(fd) < 0) {
		fd = -1;
		errmsg_set(ZZ_ERR, "无法写入主机密钥文件 %s：%s", tmp, strerror(errno));
		unlink(tmp);
		goto out;
	}
	fd = -1;
	if (rename(tmp, path) < 0) {
		errmsg_set(ZZ_ERR, "无法保存主机密钥文件 %s：%s", path, strerror(errno));
		unlink(tmp);
		goto out;
	}
	log_msg(LOG_INFO, "created host key %s", path);
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	free(tmp);
	ssh_string_free_char(b64);
	ssh_key_free(key);
	return rc;
}

int hostkey_load(const char *path, enum ssh_keytypes_e type, int bits, ssh_key *out)
{
	struct stat sb;
	if (stat(path, &sb) < 0) {
		if (errno != ENOENT)
			return errmsg_set(ZZ_ERR, "无法读取主机密钥 %s：%s", path, strerror(errno));
		int rc = hostkey_create(path, type, bits);
		if (rc < 0)
			return rc;
		if (stat(path, &sb) < 0)
			return errmsg_set(ZZ_ERR, "无法读取主机密钥 %s：%s", path, strerror(errno));
	}
	if (!S_ISREG(sb.st_mode) || (sb.st_mode & 077))
		return errmsg_set(ZZ_ERR, "主机密钥 %s 的权限过宽（应为 0600 的普通文件）", path);
	ssh_key key = NULL;
	if (ssh_pki_import_privkey_file(path, NULL, NULL, NULL, &key) != SSH_OK)
		return errmsg_set(ZZ_ERR, "无法读取主机密钥 %s（文件损坏或格式不对）", path);
	if (ssh_key_type(key) != type) {
		ssh_key_free(key);
		return errmsg_set(ZZ_ERR, "主机密钥 %s 的类型不对（应为 %s）", path, ssh_key_type_to_char(type));
	}
	*out = key;
	return 0;
}

char *hostkey_fingerprint(const ssh_key key)
{
	unsigned char *hash = NULL;
	size_t hlen = 0;
	if (ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash, &hlen) != SSH_OK)
		return xstrdup("?");
	char *fp = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, hlen);
	ssh_clean_pubkey_hash(&hash);
	char *out = xstrdup(fp ? fp : "?");
	ssh_string_free_char(fp);
	return out;
}
