/* idnum.c — GB 11643-1999 ID numbers: check digit (ISO 7064 MOD 11-2), birth date, sex. */
#include "idnum.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

char idnum_check_char(const char *d)
{
	static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	static const char map[] = "10X98765432";
	int sum = 0;
	for (int i = 0; i < 17; i++)
		sum += (d[i] - '0') * w[i];
	return map[sum % 11];
}

static int idnum_check_date(const char *p)
{
	int y = 0, m = 0, d = 0;
	for (int i = 0; i < 4; i++)
		y = y * 10 + p[i] - '0';
	m = (p[4] - '0') * 10 + p[5] - '0';
	d = (p[6] - '0') * 10 + p[7] - '0';
	if (y < 1880 || !date_valid_ymd(y, m, d))
		return errmsg_set(ZZ_EINVAL, "身份证号中的出生日期 %.4s-%.2s-%.2s 不存在", p, p + 4, p + 6);
	return 0;
}

int idnum_normalize(const char *in, char out[19])
{
	size_t n = in ? strlen(in) : 0;
	if (n != 18 && n != 15) {
		/* Counted in characters: 陈志强 is 3, not its 9 bytes. */
		int chars = 0;
		for (size_t i = 0; i < n; i++)
			chars += ((unsigned char)in[i] & 0xc0) != 0x80;
		return errmsg_set(ZZ_EINVAL, "身份证号应为 18 位（或旧的 15 位），现在是 %d 位", chars);
	}
	for (size_t i = 0; i < n; i++) {
		bool last = i == n - 1 && n == 18;
		if (!isdigit((unsigned char)in[i]) && !(last && (in[i] == 'x' || in[i] == 'X')))
			return errmsg_set(ZZ_EINVAL, last ? "身份证号最后一位应为数字或 X" : "身份证号前 17 位应为数字");
	}
	if (in[0] == '0' || in[0] == '9')
		return errmsg_set(ZZ_EINVAL, "身份证号前两位不是有效的省级行政区划代码");
	if (n == 15) {
		memcpy(out, in, 6);
		memcpy(out + 6, "19", 2);
		memcpy(out + 8, in + 6, 9);
		out[17] = idnum_check_char(out);
		out[18] = '\0';
		return idnum_check_date(out + 6);
	}
	memcpy(out, in, 18);
	out[18] = '\0';
	if (out[17] == 'x')
		out[17] = 'X';
	int rc = idnum_check_date(out + 6);
	if (rc < 0)
		return rc;
	if (idnum_check_char(out) != out[17])
		return errmsg_set(ZZ_EINVAL, "身份证号校验位不对，请核对后重新输入");
	return 0;
}

int idnum_birth(const char *id)
{
	int y = 0, m, d;
	for (int i = 6; i < 10; i++)
		y = y * 10 + id[i] - '0';
	m = (id[10] - '0') * 10 + id[11] - '0';
	d = (id[12] - '0') * 10 + id[13] - '0';
	return date_from_ymd(y, m, d);
}

char idnum_sex(const char *id)
{
	return (id[16] - '0') % 2 ? '1' : '2';
}

void idnum_mask(const char *id, char *out, int outsz)
{
	size_t n = strlen(id);
	if (n <= 10 || outsz < (int)n + 1) {
		snprintf(out, (size_t)outsz, "%s", n <= 10 ? "****" : id);
		return;
	}
	memcpy(out, id, 6);
	memset(out + 6, '*', n - 10);
	memcpy(out + n - 4, id + n - 4, 4);
	out[n] = '\0';
}
