/* repl.c — a standby site (9.5, R-AC-5) with Berkeley DB's replication manager. Every process of a
 * home configures the same sites; the first one to start the manager runs it (the listener of
 * `zongzhi serve`, which opens the store first), the others are its subordinates: they connect to
 * the peers to send their own commits and wait for the acknowledgements. A standby refuses changes
 * (store_run asks repl_role); elections follow repl.priority and the most recent log. */
#include "repl.h"

#include <dirent.h>
#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ctx.h"
#include "log.h"
#include "perm.h"
#include "todo.h"
#include "util.h"
#include "validate.h"

static atomic_ulong repl_perm_failed;
static atomic_int repl_try_failed;

static const struct repl_ack {
	const char *name;
	int policy;
} repl_acks[] = {
	{"quorum", DB_REPMGR_ACKS_QUORUM},
	{"all", DB_REPMGR_ACKS_ALL},
	{"one", DB_REPMGR_ACKS_ONE},
	{"none", DB_REPMGR_ACKS_NONE},
};

bool repl_enabled(const struct conf *c)
{
	return conf_bool(c, "repl.enabled");
}

/* "host:port" into HOST (n bytes) and PORT. */
static int repl_addr(const char *s, char *host, size_t n, unsigned *port)
{
	const char *colon = s ? strrchr(s, ':') : NULL;
	long long p = 0;
	if (!colon || colon == s || (size_t)(colon - s) >= n || str_to_ll(colon + 1, &p) < 0 || p < 1 ||
	    p > 65535)
		return errmsg_set(ZZ_EINVAL, "复制设置的地址“%s”应为 主机:端口", s ? s : "");
	memcpy(host, s, (size_t)(colon - s));
	host[colon - s] = '\0';
	*port = (unsigned)p;
	return 0;
}

static int repl_site(DB_ENV *env, const char *addr, u_int32_t which, bool creator)
{
	char host[256];
	unsigned port = 0;
	int rc = repl_addr(addr, host, sizeof host, &port);
	if (rc < 0)
		return rc;
	DB_SITE *s = NULL;
	int dbrc = env->repmgr_site(env, host, port, &s, 0);
	if (dbrc == 0)
		dbrc = s->set_config(s, which, 1);
	if (dbrc == 0 && creator)
		dbrc = s->set_config(s, DB_GROUP_CREATOR, 1);
	if (s)
		s->close(s);
	return dbrc ? errmsg_set(ZZ_EINVAL, "复制站点 %s：%s", addr, db_strerror(dbrc)) : 0;
}

static void repl_event(DB_ENV *env, u_int32_t which, void *info)
{
	(void)env;
	(void)info;
	switch (which) {
	case DB_EVENT_REP_PERM_FAILED:
		atomic_fetch_add(&repl_perm_failed, 1);
		break;
	case DB_EVENT_REP_CONNECT_TRY_FAILED:
		atomic_fetch_add(&repl_try_failed, 1);
		break;
	case DB_EVENT_REP_STARTUPDONE:
		log_msg(LOG_NOTICE, "standby site: in step with the primary");
		break;
	case DB_EVENT_REP_MASTER:
		log_msg(LOG_NOTICE, "this site is now the primary");
		break;
	case DB_EVENT_REP_CLIENT:
		log_msg(LOG_NOTICE, "this site is now a standby (read-only)");
		break;
	case DB_EVENT_REP_NEWMASTER:
		log_msg(LOG_NOTICE, "a new primary was elected");
		break;
	default:
		break;
	}
}

/* Are "host:port" A and B the same address (host without regard to case, port by number)? */
static bool repl_same(const char *a, const char *b)
{
	char ha[256], hb[256];
	unsigned pa, pb;
	return repl_addr(a, ha, sizeof ha, &pa) == 0 && repl_addr(b, hb, sizeof hb, &pb) == 0 && pa == pb &&
	       strcasecmp(ha, hb) == 0;
}

/* Entry NAME ("repl", "ssh") of site I of repl.sites, or NULL. */
static const char *repl_site_get(const struct conf *c, int i, const char *name)
{
	const config_setting_t *site = config_setting_get_elem(conf_setting(c, "repl.sites"), (unsigned)i);
	const char *v = NULL;
	if (!site || !config_setting_is_group(site) || !config_setting_lookup_string(site, name, &v))
		return NULL;
	return v;
}

static int repl_nsites(const struct conf *c)
{
	return config_setting_length(conf_setting(c, "repl.sites"));
}

static void repl_login_shown(const char *ssh, char *buf, size_t n);

int repl_login_room(void)
{
	return REPL_LINE_COLS - utf8_width(REPL_REFUSE_LOGIN);
}

/* The address users log in to: host or host:port, a few characters a terminal shows as they are,
 * short enough that a standby's refusal naming it (as shown: "host 端口 N" when the port is not
 * 22) fits one line of REPL_LINE_COLS columns. */
static int repl_ssh_check(const char *s, int i)
{
	if (!s)
		return errmsg_set(ZZ_EINVAL, "设置 repl.sites 的第 %d 个站点缺少 ssh（用户登录的地址，主机或 主机:端口）", i + 1);
	size_t n = strlen(s);
	bool ok = n > 0 && n < 128 && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-:[]") == n;
	const char *colon = strrchr(s, ':');
	long long p = 22;
	/* A colon ends the host only outside brackets: "[::1]:2222", "[::1]", "10.0.0.1:22". */
	if (ok && colon && !(s[0] == '[' && colon < strchr(s, ']')))
		ok = colon > s && str_to_ll(colon + 1, &p) == 0 && p >= 1 && p <= 65535;
	char *shown = str_shown(s);
	int rc = 0;
	if (!ok) {
		rc = errmsg_set(ZZ_EINVAL, "设置 repl.sites 的第 %d 个站点 ssh = \"%.40s\" 不对：应为 主机 或 主机:端口（字母、数字和 .-:[]）",
				i + 1, shown);
	} else {
		char login[REPL_LOGIN_BUF];
		repl_login_shown(s, login, sizeof login);
		int w = utf8_width(login), room = repl_login_room();
		if (w > room)
			rc = errmsg_set(ZZ_EINVAL,
					"设置 repl.sites 的第 %d 个站点 ssh = \"%s\" 太长：备用站点的提示“%s地址”要在一行 %d 列"
					"内写完，地址最多 %d 列（端口不是 22 时连“ 端口 N”在内），“%s”有 %d 列",
					i + 1, shown, REPL_REFUSE_LOGIN, REPL_LINE_COLS, room, login, w);
	}
	free(shown);
	return rc;
}

/* Every address and the policy, checked before anything is given to ENV: each site a replication
 * address and a login address, this site (repl.local) one of them, at least one other. */
static int repl_check(const struct conf *c, int *policy)
{
	char host[256];
	unsigned port;
	const char *local = conf_str(c, "repl.local");
	int rc = repl_addr(local, host, sizeof host, &port);
	int n = repl_nsites(c), mine = 0;
	for (int i = 0; rc == 0 && i < n; i++) {
		const char *r = repl_site_get(c, i, "repl");
		if (!r)
			rc = errmsg_set(ZZ_EINVAL, "设置 repl.sites 的第 %d 个站点应为 { repl = \"主机:端口\"; ssh = \"主机:端口\"; }", i + 1);
		else
			rc = repl_addr(r, host, sizeof host, &port);
		if (rc == 0)
			rc = repl_ssh_check(repl_site_get(c, i, "ssh"), i);
		for (int j = 0; rc == 0 && j < i; j++)
			if (repl_same(r, repl_site_get(c, j, "repl")))
				rc = errmsg_set(ZZ_EINVAL, "设置 repl.sites 中复制地址 %s 出现了两次", r);
		mine += rc == 0 && repl_same(r, local);
	}
	if (rc == 0 && mine == 0)
		rc = errmsg_set(ZZ_EINVAL, "设置 repl.local = \"%s\" 不在 repl.sites 中（每个站点的站点表都列出全部站点，本站也在内）", local);
	if (rc == 0 && n < 2)
		rc = errmsg_set(ZZ_EINVAL, "设置 repl.sites 只有本站：至少要有一个对端站点");
	const char *ack = conf_str(c, "repl.ack_policy");
	*policy = -1;
	for (size_t i = 0; i < ARRAY_LEN(repl_acks); i++)
		if (strcmp(ack, repl_acks[i].name) == 0)
			*policy = repl_acks[i].policy;
	if (rc == 0 && *policy < 0)
		rc = errmsg_set(ZZ_EINVAL, "设置 repl.ack_policy = \"%s\" 不对（quorum、all、one 或 none）", ack);
	return rc;
}

int repl_conf_check(const struct conf *c)
{
	int policy;
	return repl_enabled(c) ? repl_check(c, &policy) : 0;
}

int repl_env_config(DB_ENV *env, const struct conf *c, bool creator)
{
	int policy;
	int rc = repl_check(c, &policy);
	if (rc == 0)
		rc = repl_site(env, conf_str(c, "repl.local"), DB_LOCAL_SITE, creator);
	for (int i = 0; rc == 0 && i < repl_nsites(c); i++)
		if (!repl_same(repl_site_get(c, i, "repl"), conf_str(c, "repl.local")))
			rc = repl_site(env, repl_site_get(c, i, "repl"), DB_BOOTSTRAP_HELPER, false);
	if (rc < 0)
		return rc;
	env->set_event_notify(env, repl_event);
	/* Berkeley DB's quorum (__repmgr_send) counts electable peers only, and half of them under
	 * 2SITE_STRICT: of two sites, with the standby's priority 0 or two_site_strict = true, it
	 * waited for no acknowledgement at all, and a commit the standby never received counted as
	 * acknowledged. Of two sites a quorum is both: the peer's acknowledgement, whatever its
	 * priority or the strictness. */
	if (policy == DB_REPMGR_ACKS_QUORUM && repl_nsites(c) == 2)
		policy = DB_REPMGR_ACKS_ALL;
	env->repmgr_set_ack_policy(env, policy);
	env->rep_set_priority(env, (u_int32_t)conf_int(c, "repl.priority"));
	/* Two sites: without this the survivor of a pair could never win an election alone. */
	env->rep_set_config(env, DB_REPMGR_CONF_2SITE_STRICT, conf_bool(c, "repl.two_site_strict"));
	long long ack_ms = conf_int(c, "repl.ack_timeout_ms");
	long long elect_s = conf_int(c, "repl.election_timeout_s");
	long long hb_ms = conf_int(c, "repl.heartbeat_ms");
	env->rep_set_timeout(env, DB_REP_ACK_TIMEOUT, (db_timeout_t)(ack_ms * 1000));
	env->rep_set_timeout(env, DB_REP_ELECTION_TIMEOUT, (db_timeout_t)(elect_s * 1000000));
	env->rep_set_timeout(env, DB_REP_ELECTION_RETRY, (db_timeout_t)(elect_s * 1000000));
	env->rep_set_timeout(env, DB_REP_CONNECTION_RETRY, (db_timeout_t)(hb_ms * 1000));
	/* Berkeley DB's default makes a checkpoint on a primary with standbys wait 30 s before its
	 * record; the daemon's checkpoint (each pass) then held a new standby's first copy for those
	 * 30 s (33 s in all; 5-7 s without it). Our standbys checkpoint on their own: 0 by default. */
	long long ckp_s = conf_int(c, "repl.checkpoint_delay_s");
	env->rep_set_timeout(env, DB_REP_CHECKPOINT_DELAY, (db_timeout_t)(ckp_s * 1000000));
	/* The primary's heartbeat; a standby that hears nothing for three of them calls an election
	 * (a primary killed with its connections open, or a network that drops packets). */
	env->rep_set_timeout(env, DB_REP_HEARTBEAT_SEND, (db_timeout_t)(hb_ms * 1000));
	env->rep_set_timeout(env, DB_REP_HEARTBEAT_MONITOR, (db_timeout_t)(hb_ms * 3000));
	return 0;
}

static int64_t repl_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* What this site knows of the group, from one DB_ENV->rep_stat (nothing known when it fails). */
struct repl_stat {
	enum repl_role role;
	int primary;	   /* the primary's environment id; DB_EID_INVALID while none is known */
	bool member;	   /* its generation (kept in __db.rep.gen) is above 0 once it knew a primary */
	bool startup_done; /* caught up and applying live changes (DB_EVENT_REP_STARTUPDONE) */
};

static struct repl_stat repl_stat_read(DB_ENV *env)
{
	struct repl_stat r = {.role = REPL_UNKNOWN, .primary = DB_EID_INVALID};
	DB_REP_STAT *sp = NULL;
	if (env->rep_stat(env, &sp, 0) != 0)
		return r;
	r.role = sp->st_status == DB_REP_MASTER   ? REPL_PRIMARY
		 : sp->st_status == DB_REP_CLIENT ? REPL_STANDBY
						  : REPL_UNKNOWN;
	r.primary = (int)sp->st_master;
	r.member = sp->st_gen > 0;
	r.startup_done = sp->st_startup_complete != 0;
	free(sp);
	return r;
}

enum repl_role repl_role(DB_ENV *env)
{
	return repl_stat_read(env).role;
}

/* Is a primary known to this site (another site, or this one)? */
static bool repl_primary_known(DB_ENV *env)
{
	return repl_stat_read(env).primary != DB_EID_INVALID;
}

void repl_primary(DB_ENV *env, char *buf, size_t n)
{
	buf[0] = '\0';
	int eid = repl_stat_read(env).primary;
	DB_SITE *s = NULL;
	const char *host = NULL;
	u_int port = 0;
	if (eid != DB_EID_INVALID && env->repmgr_site_by_eid(env, eid, &s) == 0) {
		if (s->get_address(s, &host, &port) == 0)
			snprintf(buf, n, "%s:%u", host, port);
		s->close(s);
	}
}

/* The N peers, and how many are connected to this process (UP: the replication manager's own
 * view, which counts a connection only once its handshake is done); false when unknown. */
static bool repl_peers_up(DB_ENV *env, u_int *n, u_int *up)
{
	DB_REPMGR_SITE *list = NULL;
	*n = *up = 0;
	if (env->repmgr_site_list(env, n, &list) != 0)
		return false;
	for (u_int i = 0; i < *n; i++)
		*up += list[i].status == DB_REPMGR_CONNECTED;
	free(list);
	return true;
}

/* Is every peer either connected to this process or failed to connect since SINCE (a count of
 * failed tries: 0, the start)? */
static bool repl_peers_ready(DB_ENV *env, int since)
{
	u_int n, up;
	return !repl_peers_up(env, &n, &up) || up == n || (int)(n - up) <= atomic_load(&repl_try_failed) - since;
}

/* Is this standby in step with the primary: caught up, applying its live changes
 * (DB_EVENT_REP_STARTUPDONE, kept in the regions), and connected to it in this process? The
 * regions are made anew by a home's first process (store.c), unless processes of the last run
 * still have them open: then they say "in step" from that run, and the connection is what this
 * run has of the primary. */
static bool repl_in_step(DB_ENV *env)
{
	struct repl_stat st = repl_stat_read(env);
	bool done = st.role == REPL_STANDBY && st.startup_done && st.primary != DB_EID_INVALID;
	u_int n = 0;
	DB_REPMGR_SITE *list = NULL;
	if (!done || env->repmgr_site_list(env, &n, &list) != 0)
		return false;
	bool up = false;
	for (u_int i = 0; i < n; i++)
		up |= list[i].eid == st.primary && list[i].status == DB_REPMGR_CONNECTED;
	free(list);
	return up;
}

/* Set in the main process while 2SITE_STRICT differs from repl.two_site_strict (a held site, a
 * takeover under way): repl_tick puts the setting back once a primary is known. */
static bool repl_strict_changed;

static char *repl_held_path(const char *home)
{
	return xasprintf("%s/%s", home, REPL_HELD_FILE);
}

/* Elections off and on again with no primary known: the replication manager holds one now. */
static void repl_elect(DB_ENV *env)
{
	env->rep_set_config(env, DB_REPMGR_CONF_ELECTIONS, 0);
	env->rep_set_config(env, DB_REPMGR_CONF_ELECTIONS, 1);
}

/* repl.rejoin_elect = false, no primary found: stay a standby. Elections go on, strict: this site
 * wins one only with the votes of a majority, never alone of two (two sites restarted together
 * still elect one of them). The marker file tells the administrators' to-do list. */
static void repl_hold(DB_ENV *env, const struct conf *c, const char *home)
{
	log_msg(LOG_WARNING, "no primary answered within %lld s: staying a standby (read-only, repl.rejoin_elect = false) "
		"until the primary answers or a system administrator runs `zongzhi repl takeover` on this site",
		conf_int(c, "repl.rejoin_wait_s"));
	env->rep_set_config(env, DB_REPMGR_CONF_2SITE_STRICT, 1);
	repl_strict_changed = true;
	repl_elect(env);
	char *marker = repl_held_path(home);
	FILE *f = fopen(marker, "w");
	if (f) {
		fprintf(f, "%lld\n", (long long)time(NULL));
		fclose(f);
	} else {
		log_msg(LOG_WARNING, "%s: %s", marker, strerror(errno));
	}
	free(marker);
}

void repl_tick(DB_ENV *env, const struct conf *c, const char *home)
{
	if (!repl_strict_changed || !repl_primary_known(env))
		return;
	repl_strict_changed = false;
	env->rep_set_config(env, DB_REPMGR_CONF_2SITE_STRICT, conf_bool(c, "repl.two_site_strict"));
	char *marker = repl_held_path(home);
	if (unlink(marker) == 0)
		log_msg(LOG_NOTICE, "a primary is known: this site no longer waits for one (%s)",
			repl_role(env) == REPL_PRIMARY ? "this site" : "another site");
	free(marker);
}

int repl_takeover(DB_ENV *env)
{
	/* A primary known is this site or another: nothing to take over either way. */
	if (repl_primary_known(env))
		return 0;
	log_msg(LOG_WARNING, "takeover: this site holds an election it may win alone");
	env->rep_set_config(env, DB_REPMGR_CONF_2SITE_STRICT, 0);
	repl_strict_changed = true;
	repl_elect(env);
	return 1;
}

bool repl_held(const char *home)
{
	char *marker = repl_held_path(home);
	bool held = access(marker, F_OK) == 0;
	free(marker);
	return held;
}

int repl_start(DB_ENV *env, const struct conf *c, const char *home, bool creator)
{
	int64_t end = repl_ms() + conf_int(c, "repl.startup_wait_s") * 1000;
	char *meta = xasprintf("%s/meta.db", home);
	bool had = access(meta, F_OK) == 0;
	/* Has this site been in a group with a primary? */
	bool member = repl_stat_read(env).member;
	/* Only the group's first site, on its first start, holds an election at once (it wins alone).
	 * A new site joins through a peer that is the primary, as a client: a site without data must
	 * never win an election. A site that has been in the group (restarted) starts as a client
	 * too: an election at its start, before it reached the running primary (a loaded machine, a
	 * slow link), made it a second primary (two_site_strict = false lets one site elect itself).
	 * It looks for the primary for repl.rejoin_wait_s; if none answered (the other sites down, or
	 * the network to them), it holds an election with repl.rejoin_elect, else it stays a standby
	 * (repl_hold). */
	u_int32_t how = (had || creator) && !member ? DB_REP_ELECTION : DB_REP_CLIENT;
	int dbrc;
	while ((dbrc = env->repmgr_start(env, 3, how)) == DB_REP_UNAVAIL && repl_ms() < end)
		sleep(1);
	bool main_process = dbrc == 0;
	if (dbrc && dbrc != DB_REP_IGNORE) {
		free(meta);
		return errmsg_set(ZZ_EDB, "无法启动复制（%s）：%s", conf_str(c, "repl.local"), db_strerror(dbrc));
	}
	/* A held site's strictness and marker (repl_hold) are of its last run: regions kept by that
	 * run's sessions keep the first. */
	bool held = false;
	if (main_process) {
		env->rep_set_config(env, DB_REPMGR_CONF_2SITE_STRICT, conf_bool(c, "repl.two_site_strict"));
		char *marker = repl_held_path(home);
		unlink(marker);
		free(marker);
	}
	if (main_process && member && had) {
		int64_t rejoin = repl_ms() + conf_int(c, "repl.rejoin_wait_s") * 1000;
		while (repl_ms() < rejoin && !repl_primary_known(env))
			usleep(20000);
		/* The replication manager, its elections turned on again with no primary known, holds
		 * one (the start as a client held none). */
		/* Read once: the two branches must see the same answer. */
		bool found = repl_primary_known(env);
		if (!found && conf_bool(c, "repl.rejoin_elect")) {
			log_msg(LOG_NOTICE, "no primary answered within %lld s: holding an election",
				conf_int(c, "repl.rejoin_wait_s"));
			repl_elect(env);
		} else if (!found) {
			repl_hold(env, c, home);
			held = true;
		}
	}
	/* The main process waits until elected, or in step with the primary; a standby that never
	 * reached one goes on with what it has, if it has anything (a held one at once: nothing comes
	 * until a primary answers). */
	while (main_process && !held && repl_ms() < end && !repl_in_step(env) && repl_role(env) != REPL_PRIMARY)
		usleep(20000);
	enum repl_role role = repl_role(env);
	bool have = access(meta, F_OK) == 0;
	free(meta);
	if (role != REPL_PRIMARY && !have)
		return errmsg_set(ZZ_EDB, "备用站点还没有从主站点取得数据（先启动本站的 zongzhi serve，并检查 repl.sites）");
	if (main_process)
		return 0;
	/* A subordinate on the primary sends its own commits on its own connections: a commit made
	 * before they are ready is not sent, and so not acknowledged (the standby fetches it later).
	 * Wait until each peer is connected in this process, or its connection failed, up to
	 * repl.connect_wait_ms (a peer that is down costs that much once per command). */
	if (role != REPL_PRIMARY)
		return 0;
	end = repl_ms() + conf_int(c, "repl.connect_wait_ms");
	while (repl_ms() < end && !repl_peers_ready(env, 0))
		usleep(5000);
	return 0;
}

bool repl_peers_connected(DB_ENV *env, const struct conf *c)
{
	/* A try that failed before (at the command's start, a standby busy with an election) is tried
	 * again every repl.heartbeat_ms: wait for that try, not the old failure, which made the second
	 * asking give up at once with the standby up. */
	int since = atomic_load(&repl_try_failed);
	int64_t end = repl_ms() + conf_int(c, "repl.connect_wait_ms");
	while (repl_ms() < end && !repl_peers_ready(env, since))
		usleep(5000);
	u_int n, up;
	return repl_peers_up(env, &n, &up) && up == n;
}

unsigned long repl_unacked(void)
{
	return atomic_load(&repl_perm_failed);
}

/* SSH, a site's login address, as a person types it: "10.0.0.1" (port 22), "10.0.0.1 端口 2222". */
static void repl_login_shown(const char *ssh, char *buf, size_t n)
{
	const char *colon = strrchr(ssh, ':');
	if (!colon || (ssh[0] == '[' && colon < strchr(ssh, ']')))
		snprintf(buf, n, "%s", ssh);
	else if (strcmp(colon + 1, "22") == 0)
		snprintf(buf, n, "%.*s", (int)(colon - ssh), ssh);
	else
		snprintf(buf, n, "%.*s 端口 %s", (int)(colon - ssh), ssh, colon + 1);
}

enum repl_login repl_primary_login(DB_ENV *env, const struct conf *c, char *buf, size_t n)
{
	char primary[300];
	repl_primary(env, primary, sizeof primary);
	buf[0] = '\0';
	if (!primary[0])
		return REPL_LOGIN_NO_PRIMARY;
	for (int i = 0; i < repl_nsites(c); i++)
		if (repl_same(repl_site_get(c, i, "repl"), primary)) {
			repl_login_shown(repl_site_get(c, i, "ssh"), buf, n);
			return REPL_LOGIN_KNOWN;
		}
	return REPL_LOGIN_UNLISTED;
}

int repl_refuse(DB_ENV *env, const struct conf *c)
{
	char login[REPL_LOGIN_BUF];
	enum repl_login known = repl_primary_login(env, c, login, sizeof login);
	if (known == REPL_LOGIN_KNOWN)
		return errmsg_set(ZZ_EPERM, REPL_REFUSE_LOGIN "%s", login);
	if (known == REPL_LOGIN_UNLISTED)
		return errmsg_set(ZZ_EPERM, "本站是备用站点（只读），不能保存：主站点的登录地址不明，请联系系统管理员");
	return errmsg_set(ZZ_EPERM, "本站是备用站点（只读），不能保存：主站点未知（正在选举或无法连接）");
}

int repl_todo(struct ctx *c, const struct user *u, int64_t now, struct todo_list *l)
{
	(void)now;
	if (!c->st || !c->st->repl || !repl_held(c->home) || repl_primary_known(c->st->env))
		return 0;
	if (!perm_may(c, u, ACT_ADMIN, NULL, NULL) && !perm_may(c, u, ACT_SECURITY, NULL, NULL))
		return 0;
	todo_add(l, TODO_SYSTEM, 0, "repl", "",
		 "系统告警：本站重启后找不到主站点，仍是备用站点（只读）：主站点恢复后自动跟随；确认主站点已停止时，"
		 "由系统管理员在本站接管（管理员手册 Standby site 一节的 Restarting a site）");
	return 0;
}

void repl_close_inherited(int keep)
{
	DIR *d = opendir("/proc/self/fd");
	if (!d)
		return;
	int dfd = dirfd(d);
	struct dirent *de;
	while ((de = readdir(d))) {
		long long v;
		if (str_to_ll(de->d_name, &v) < 0 || v == dfd || v == keep)
			continue;
		int fd = (int)v;
		struct sockaddr_storage ss;
		socklen_t len = sizeof ss;
		if (getsockname(fd, (struct sockaddr *)&ss, &len) == 0 &&
		    (ss.ss_family == AF_INET || ss.ss_family == AF_INET6))
			close(fd);
	}
	closedir(d);
}
