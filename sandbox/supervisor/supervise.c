/*
 * supervise: PID 1 of every CodeRunner sandbox container.
 *
 * It runs untrusted programs one at a time, under limits, and reports exactly what
 * happened. The trusted side (sandbox/driver.ts) talks to it over the container's attached
 * stdin/stdout, so a run costs no `docker exec` and nothing is ever read back through the
 * file system (no path or symlink the untrusted code could plant for the trusted side).
 *
 * Why PID 1: the init of a PID namespace ignores every signal sent from inside the
 * namespace for which it has no handler (SIGKILL included), so `kill -9 -1` cannot hit it,
 * and after each run it can `kill(-1, SIGKILL)` every other process in the container
 * (daemons, fork-bomb remnants) and reap them. It installs no signal handlers.
 *
 * Protocol (see sandbox/protocol.ts, the other end):
 *   on start  -> "READY 1\n"
 *   request   <- "RUN <cpu_ms> <wall_ms> <out_limit> <err_limit> <fsize> <nofile> <argc> <envc>
 *                 <args_len> <stdin_len>\n", then args_len bytes: argc argv strings and envc
 *                 "K=V" strings, each NUL-terminated, then stdin_len raw bytes of stdin.
 *   stream    -> "O <len>\n<bytes>" (stdout chunk), "E <len>\n<bytes>" (stderr chunk)
 *   result    -> "R <stopped_by> <exit_code> <signal> <cpu_ms> <wall_ms> <peak_kb>
 *                 <stdout_total> <stderr_total>\n"
 *   result    -> ... <waited_ms>: run-queue wait not counted in wall_ms (see scan_waits)
 *   request   <- "SEAL\n"  make /box's content the read-only start of every run; "RESET\n" back to it
 *   request   <- "MEM <kb>\n"  memory limit enforced by polling (where the cgroup cannot be updated)
 *   reply     -> "K\n" (done) or "X <message>\n"
 *   error     -> "X <message>\n" (malformed request or infrastructure failure; never a crash)
 *   EOF on stdin -> exit 0.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define CHUNK 65536
#define MAX_HEADER 512
#define MAX_ARGS_BYTES (1u << 20)
#define MAX_STRINGS 4096
#define TICK_MS 10            /* how often CPU usage is checked while a program runs */
#define DRIBBLE_BYTES 4096    /* a pipe read this small: the program writes in dribbles (see run_one) */
#define STACK_BYTES (256ull << 20)
#define SUPERVISOR_ID 10000   /* uid/gid of this process once started (the container starts it as root) */
#define PROGRAM_ID 10001      /* uid/gid of every program: never ours, so it cannot prlimit/renice/signal us */
#define MAX_TASKS 512         /* tasks whose run-queue wait is tracked (PidsLimit is far lower) */
#define MAX_DEPTH 64          /* directory depth removed in place; deeper subtrees are moved up first */
#define MAX_SEAL_DEPTH 1000   /* directory depth of a compiler's output we seal (one fd per level) */

typedef unsigned long long u64;

/* ---------- output to the trusted side ---------- */

static void die_quietly(void) {
    kill(-1, SIGKILL); /* the trusted side is gone: leave nothing running */
    _exit(0);
}

static void write_all(const void *data, size_t len) {
    const char *p = data;
    while (len > 0) {
        ssize_t n = write(STDOUT_FILENO, p, len);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) die_quietly();
        p += n;
        len -= (size_t)n;
    }
}

static void send_line(const char *fmt, ...) {
    char line[MAX_HEADER];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    write_all(line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
}

static void send_chunk(char stream, const char *data, size_t len) {
    if (len == 0) return;
    send_line("%c %zu\n", stream, len);
    write_all(data, len);
}

/* ---------- buffered input from the trusted side ---------- */

static char in_buf[CHUNK];
static size_t in_pos, in_len;

/* Bytes buffered and not yet consumed; reads more (blocking) when empty. 0 = EOF. */
static size_t in_fill(void) {
    if (in_pos < in_len) return in_len - in_pos;
    in_pos = in_len = 0;
    for (;;) {
        ssize_t n = read(STDIN_FILENO, in_buf, sizeof in_buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return 0;
        in_len = (size_t)n;
        return in_len;
    }
}

/* Reads one '\n'-terminated line (without it). Returns 0 at EOF, -1 if too long (skipped). */
static int read_line(char *line, size_t cap) {
    size_t len = 0;
    int too_long = 0;
    for (;;) {
        if (in_fill() == 0) return 0;
        char c = in_buf[in_pos++];
        if (c == '\n') break;
        if (len + 1 < cap) line[len++] = c;
        else too_long = 1;
    }
    line[len] = '\0';
    return too_long ? -1 : 1;
}

/* Copies exactly len bytes into dst (or discards them when dst is NULL). 0 on early EOF. */
static int read_exact(char *dst, u64 len) {
    while (len > 0) {
        size_t avail = in_fill();
        if (avail == 0) return 0;
        size_t n = avail < len ? avail : (size_t)len;
        if (dst) memcpy(dst, in_buf + in_pos, n), dst += n;
        in_pos += n;
        len -= n;
    }
    return 1;
}

/* ---------- measurements ---------- */

static u64 now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (u64)ts.tv_sec * 1000 + (u64)ts.tv_nsec / 1000000;
}

static u64 tv_ms(struct timeval a, struct timeval b) {
    return (u64)(a.tv_sec + b.tv_sec) * 1000 + (u64)(a.tv_usec + b.tv_usec) / 1000;
}

/* Reads a small text file (cgroup or /proc) into buf, NUL-terminated; -1 when unavailable. */
static ssize_t read_small_file(const char *path, char *buf, size_t size) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    ssize_t n = read(fd, buf, size - 1);
    close(fd);
    if (n <= 0) return -1;
    buf[n] = '\0';
    return n;
}

/* Value of "<key> N" in a small cgroup file, or -1 when unavailable. */
static long long read_counter(const char *path, const char *key) {
    char text[4096];
    if (read_small_file(path, text, sizeof text) < 0) return -1;
    if (!key) return atoll(text);
    size_t klen = strlen(key);
    for (char *line = text; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL)
        if (strncmp(line, key, klen) == 0 && line[klen] == ' ') return atoll(line + klen + 1);
    return -1;
}

/* OOM kills so far in the container's memory cgroup (v1 or v2), or -1. */
static long long oom_kills(void) {
    long long v = read_counter("/sys/fs/cgroup/memory/memory.oom_control", "oom_kill");
    return v >= 0 ? v : read_counter("/sys/fs/cgroup/memory.events", "oom_kill");
}

/* CPU time of the whole container in microseconds (every process, orphans too), or -1. */
static long long container_cpu_us(void) {
    long long ns = read_counter("/sys/fs/cgroup/cpuacct/cpuacct.usage", NULL);
    if (ns < 0) ns = read_counter("/sys/fs/cgroup/cpu,cpuacct/cpuacct.usage", NULL);
    if (ns >= 0) return ns / 1000;
    return read_counter("/sys/fs/cgroup/cpu.stat", "usage_usec");
}

/* CPU of one process and its reaped children in microseconds, or -1. */
static long long process_cpu_us(pid_t pid) {
    char path[64], text[1024];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    if (read_small_file(path, text, sizeof text) < 0) return -1;
    char *p = strrchr(text, ')'); /* the command name may contain spaces and parentheses */
    unsigned long long utime, stime, cutime, cstime;
    if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu %llu %llu", &utime, &stime,
                     &cutime, &cstime) != 4) return -1;
    return (long long)((utime + stime + cutime + cstime) * 1000000ull / (unsigned long long)sysconf(_SC_CLK_TCK));
}

/* CPU of every process in the container but us (fallback without cgroups), in microseconds. */
static long long all_processes_cpu_us(void) {
    long long total = 0;
    DIR *proc = opendir("/proc");
    if (!proc) return 0;
    for (struct dirent *e; (e = readdir(proc)) != NULL;) {
        int pid = atoi(e->d_name);
        if (pid > 1) {
            long long us = process_cpu_us(pid);
            if (us > 0) total += us;
        }
    }
    closedir(proc);
    return total;
}

static long long self_cpu_us(void) {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (long long)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000 + ru.ru_utime.tv_usec + ru.ru_stime.tv_usec;
}

/* ---------- run-queue wait (verdicts must not depend on the host's load) ---------- */

/*
 * A busy host can leave a program runnable but not running for seconds. That time must
 * not count towards the wall-clock limit: a wall-limit stop must mean the program waited
 * on its own (sleep, blocked read), not that it was starved. Every tick we read each
 * task's run-queue wait (/proc/<pid>/task/<tid>/schedstat, field 2, ns; readable whoever
 * owns the task) -- every process, thread and child of the program (cc1 under gcc); our
 * own wait only for the late reap at the end (our ticks wait too, while the program may
 * be asleep). The kernel credits a wait when the task gets the CPU back, so a
 * task's increase since the last tick is a wait that ended about now: the interval
 * [now - increase, now]. `waited` is the length of the union of those intervals (waits
 * of parallel threads overlap in time and count once), and at least the largest single
 * task's total. So it can never exceed the time during which something really waited;
 * on an idle host a task only waits while the container's own tasks use the CPU, which
 * the CPU limit bounds: a program cannot buy itself wall time by starving itself.
 * (CPU-quota throttling is not run-queue wait on this kernel, and is self-inflicted.)
 */
struct task_wait { int tid; int seen; u64 base_ns, delay_ns; };
static struct task_wait tasks[MAX_TASKS];
static int task_count, scan_generation;
static int schedstat_missing; /* gVisor and kernels without schedstats: no discount at all */
struct span { u64 start, end; };
#define MAX_SPANS 8192
static struct span spans[MAX_SPANS];
static int span_count;
static u64 spans_total_ms, max_task_wait_ns;

static u64 task_delay(int pid, int tid, int *ok) {
    char path[64], text[128];
    snprintf(path, sizeof path, "/proc/%d/task/%d/schedstat", pid, tid);
    *ok = 0;
    if (read_small_file(path, text, sizeof text) < 0) return 0;
    unsigned long long run_ns, wait_ns;
    if (sscanf(text, "%llu %llu", &run_ns, &wait_ns) != 2) return 0;
    *ok = 1;
    return wait_ns;
}

/* Adds [start, end] (ms) to the union; `end` never decreases between calls. */
static void add_span(u64 start, u64 end) {
    while (span_count > 0 && spans[span_count - 1].end >= start) {
        struct span last = spans[--span_count];
        spans_total_ms -= last.end - last.start;
        if (last.start < start) start = last.start;
    }
    if (span_count == MAX_SPANS) { /* absurdly fragmented: fold the oldest two (counts their gap) */
        spans_total_ms += spans[1].start - spans[0].end;
        spans[0].end = spans[1].end;
        memmove(&spans[1], &spans[2], (size_t)(MAX_SPANS - 2) * sizeof spans[0]);
        span_count--;
    }
    spans[span_count++] = (struct span){start, end};
    spans_total_ms += end - start;
}

static u64 own_delay_ns; /* our own wait at the last tick */

/* Starts a run's accounting: what every task waited so far is not this run's. */
static void waits_begin(void) {
    int ok;
    task_count = 0, span_count = 0, spans_total_ms = 0, max_task_wait_ns = 0;
    own_delay_ns = task_delay(1, 1, &ok);
}

/* How long we ourselves waited for a CPU since the last tick, at most `since` ms: the
 * program's exit was only noticed that much later. */
static u64 supervisor_tail_ms(u64 since) {
    int ok;
    u64 delay = task_delay(1, 1, &ok), tail = ok && delay > own_delay_ns ? (delay - own_delay_ns) / 1000000 : 0;
    return tail < since ? tail : since;
}

/* One tick: reads every task's wait; returns the run's waited ms so far (see above). */
static u64 scan_waits(u64 now, u64 started, int baseline) {
    if (schedstat_missing) return 0;
    u64 longest = 0;
    int any = 0;
    scan_generation++;
    DIR *proc = opendir("/proc");
    if (!proc) return 0;
    for (struct dirent *e; (e = readdir(proc)) != NULL;) {
        int pid = atoi(e->d_name);
        if (pid <= 0) continue;
        char path[48];
        snprintf(path, sizeof path, "/proc/%d/task", pid);
        DIR *dir = opendir(path);
        if (!dir) continue;
        for (struct dirent *t; (t = readdir(dir)) != NULL;) {
            int tid = atoi(t->d_name), ok;
            if (tid <= 1) continue; /* us: see supervisor_tail_ms */
            u64 delay = task_delay(pid, tid, &ok);
            if (!ok) continue;
            any = 1;
            int i;
            for (i = 0; i < task_count && tasks[i].tid != tid; i++) {}
            if (i == task_count) { /* new since the last tick: all its wait is this run's (forked, counters at 0) */
                if (task_count == MAX_TASKS) continue;
                tasks[task_count++] = (struct task_wait){tid, 0, baseline ? delay : 0, baseline ? delay : 0};
            }
            if (delay > tasks[i].delay_ns && delay - tasks[i].delay_ns > longest) longest = delay - tasks[i].delay_ns;
            if (delay > tasks[i].base_ns && delay - tasks[i].base_ns > max_task_wait_ns) max_task_wait_ns = delay - tasks[i].base_ns;
            tasks[i].delay_ns = delay;
            tasks[i].seen = scan_generation;
        }
        closedir(dir);
    }
    closedir(proc);
    for (int i = 0; i < task_count;) /* forget exited tasks (tids are reused) */
        if (tasks[i].seen != scan_generation) tasks[i] = tasks[--task_count];
        else i++;
    if (!any && task_delay(1, 1, &any) == 0 && !any) schedstat_missing = 1;
    own_delay_ns = task_delay(1, 1, &any);
    if (baseline) return 0;
    u64 longest_ms = longest / 1000000, since = now - started;
    if (longest_ms > 0) add_span(now - (longest_ms < since ? longest_ms : since), now);
    u64 waited = spans_total_ms > max_task_wait_ns / 1000000 ? spans_total_ms : max_task_wait_ns / 1000000;
    return waited < since ? waited : since;
}

/* ---------- identities and capabilities ---------- */

/*
 * The container starts this as root with only the capabilities below (driver.ts: CapDrop
 * ALL, CapAdd these) and no-new-privileges. We switch at once to SUPERVISOR_ID, keeping
 * only them; every program runs as PROGRAM_ID with none at all, not even in its bounding
 * set. A program therefore cannot touch us: prlimit, setpriority, sched_setscheduler,
 * kill and ptrace on another uid's process all need capabilities it does not have.
 *   CHOWN, FOWNER, DAC_OVERRIDE: seal the compiled files and clean up whatever the
 *     program left (a 0500 directory, files in a sticky /tmp) -- see seal_box/reset_box.
 *   KILL: kill(-1) the program's processes (another uid).  SETUID, SETGID: become it.
 *   SETPCAP: empty the program's capability bounding set.
 */
#define KEPT_CAPS ((1ull << CAP_CHOWN) | (1ull << CAP_DAC_OVERRIDE) | (1ull << CAP_FOWNER) | (1ull << CAP_KILL) | \
                   (1ull << CAP_SETGID) | (1ull << CAP_SETUID) | (1ull << CAP_SETPCAP))

static int set_caps(u64 effective, u64 permitted) {
    struct __user_cap_header_struct header = {_LINUX_CAPABILITY_VERSION_3, 0};
    struct __user_cap_data_struct data[2];
    memset(data, 0, sizeof data);
    data[0].effective = (unsigned)effective, data[1].effective = (unsigned)(effective >> 32);
    data[0].permitted = (unsigned)permitted, data[1].permitted = (unsigned)(permitted >> 32);
    return (int)syscall(SYS_capset, &header, data);
}

static int drop_bounding_set(u64 keep) {
    for (int cap = 0; cap < 64; cap++) {
        if (keep & (1ull << cap)) continue;
        if (prctl(PR_CAPBSET_READ, cap, 0, 0, 0) != 1) continue; /* not in the set, or past the last cap */
        if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0) return -1;
    }
    return 0;
}

/* As PID 1, once: root with KEPT_CAPS -> SUPERVISOR_ID with KEPT_CAPS. NULL or what failed. */
static const char *become_supervisor(void) {
    if (getuid() != 0 || geteuid() != 0) return "must be started as root (with only the capabilities it keeps)";
    if (drop_bounding_set(KEPT_CAPS)) return "PR_CAPBSET_DROP";
    if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) && errno != EINVAL) return "PR_CAP_AMBIENT";
    if (setgroups(0, NULL)) return "setgroups";
    if (setresgid(SUPERVISOR_ID, SUPERVISOR_ID, SUPERVISOR_ID)) return "setresgid";
    if (prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0)) return "PR_SET_KEEPCAPS";
    if (setresuid(SUPERVISOR_ID, SUPERVISOR_ID, SUPERVISOR_ID)) return "setresuid";
    if (prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0)) return "PR_SET_KEEPCAPS";
    if (set_caps(KEPT_CAPS, KEPT_CAPS)) return "capset (are CHOWN, DAC_OVERRIDE, FOWNER, KILL, SETUID, SETGID, SETPCAP added?)";
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)) return "PR_SET_NO_NEW_PRIVS";
    return NULL;
}

/* In the forked child: PROGRAM_ID with no capability in any set. NULL or what failed. */
static const char *become_program(void) {
    if (setgroups(0, NULL)) return "setgroups";
    if (setresgid(PROGRAM_ID, PROGRAM_ID, PROGRAM_ID)) return "setresgid";
    if (drop_bounding_set(0)) return "PR_CAPBSET_DROP";
    if (setresuid(PROGRAM_ID, PROGRAM_ID, PROGRAM_ID)) return "setresuid";
    if (set_caps(0, 0)) return "capset";
    if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) && errno != EINVAL) return "PR_CAP_AMBIENT";
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)) return "PR_SET_NO_NEW_PRIVS";
    uid_t r, e, s;
    if (getresuid(&r, &e, &s) || r != PROGRAM_ID || e != PROGRAM_ID || s != PROGRAM_ID) return "uid check";
    return NULL;
}

/* ---------- the files a program may find: /box and /tmp ---------- */

/*
 * After compiling, SEAL makes the compiler's output the fixed starting point of every
 * test: everything in /box becomes ours and read-only (the program is another uid and has
 * no capability, so it can neither change nor remove it), /box itself sticky and
 * world-writable (a program may still create files next to it, like in /tmp), and we
 * record what is there. RESET, before each test, removes everything else in /box and all
 * of /tmp (as the program's processes are all dead by then, nothing changes under us;
 * no symlink is followed; DAC_OVERRIDE/FOWNER open any mode the program set) and then
 * checks the result: anything left is an "X" error (the judge's problem), never a stale
 * file silently seen by the next test.
 */
struct sealed { char name[256]; struct stat st; };
static struct sealed *sealed_entries;
static size_t sealed_count;
static int sealed; /* SEAL happened: RESET is allowed */
static char fs_error[200];

/* Records what failed for the "X" reply; the name is the program's choice: printable only, cut short. */
static int fs_fail(const char *what, const char *name) {
    int saved = errno;
    char safe[64];
    size_t i;
    for (i = 0; name[i] && i < sizeof safe - 1; i++) safe[i] = name[i] >= 0x20 && name[i] < 0x7f ? name[i] : '?';
    safe[i] = '\0';
    snprintf(fs_error, sizeof fs_error, "%s %s: %s", what, safe, strerror(saved));
    return -1;
}

static int remove_tree(int parent, const char *name, int depth, int top_fd, unsigned *moved);

/* Empties the directory open as dirfd (then closed): passes until one finds nothing. */
static int empty_dir(int dirfd, int depth, int top_fd, unsigned *moved) {
    int rc = 0;
    for (int found = 1; found && rc == 0;) {
        found = 0;
        if (lseek(dirfd, 0, SEEK_SET) < 0) { rc = fs_fail("lseek", ""); break; }
        DIR *dir = fdopendir(dup(dirfd));
        if (!dir) { rc = fs_fail("fdopendir", ""); break; }
        for (struct dirent *e; rc == 0 && (e = readdir(dir)) != NULL;) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
            found = 1;
            rc = remove_tree(dirfd, e->d_name, depth + 1, top_fd, moved);
        }
        closedir(dir);
    }
    close(dirfd);
    return rc;
}

/* Removes parent/name whatever it is, without following symlinks or leaving the mount. */
static int remove_tree(int parent, const char *name, int depth, int top_fd, unsigned *moved) {
    struct stat st;
    if (fstatat(parent, name, &st, AT_SYMLINK_NOFOLLOW)) return errno == ENOENT ? 0 : fs_fail("stat", name);
    if (!S_ISDIR(st.st_mode)) return unlinkat(parent, name, 0) && errno != ENOENT ? fs_fail("unlink", name) : 0;
    if (depth >= MAX_DEPTH) { /* too deep to hold one fd per level: move it up to the top, removed later */
        char fresh[64];
        struct stat taken;
        do snprintf(fresh, sizeof fresh, ".supervise-deep-%u", (*moved)++); /* a name the program did not take */
        while (fstatat(top_fd, fresh, &taken, AT_SYMLINK_NOFOLLOW) == 0);
        return renameat(parent, name, top_fd, fresh) ? fs_fail("rename", name) : 0;
    }
    int fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return fs_fail("open", name);
    if (empty_dir(fd, depth, top_fd, moved)) return -1;
    return unlinkat(parent, name, AT_REMOVEDIR) && errno != ENOENT ? fs_fail("rmdir", name) : 0;
}

static const struct sealed *find_sealed(const char *name) {
    for (size_t i = 0; i < sealed_count; i++)
        if (!strcmp(sealed_entries[i].name, name)) return &sealed_entries[i];
    return NULL;
}

/*
 * Removes every entry of the directory `path` that is not sealed, in passes until one
 * finds nothing to remove: that last pass is the check (every entry left is sealed and
 * unchanged). Subtrees moved up from deep down are removed by the next pass.
 */
static int clean_dir(const char *path, int keep_sealed) {
    int top = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (top < 0) return fs_fail("open", path);
    unsigned moved = 0;
    int rc = 0, removed = 1;
    while (removed && rc == 0) { /* terminates: every pass removes something or ends it */
        removed = 0;
        DIR *dir = fdopendir(dup(top));
        if (!dir) { rc = fs_fail("fdopendir", path); break; }
        rewinddir(dir);
        for (struct dirent *e; rc == 0 && (e = readdir(dir)) != NULL;) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
            const struct sealed *s = keep_sealed ? find_sealed(e->d_name) : NULL;
            if (!s) {
                rc = remove_tree(top, e->d_name, 1, top, &moved);
                removed = 1;
                continue;
            }
            struct stat st;
            if (fstatat(top, e->d_name, &st, AT_SYMLINK_NOFOLLOW)) rc = fs_fail("stat", e->d_name);
            else if (st.st_ino != s->st.st_ino || st.st_mode != s->st.st_mode || st.st_uid != s->st.st_uid ||
                     st.st_size != s->st.st_size || st.st_mtim.tv_sec != s->st.st_mtim.tv_sec ||
                     st.st_mtim.tv_nsec != s->st.st_mtim.tv_nsec)
                errno = EPERM, rc = fs_fail("sealed entry changed:", e->d_name);
        }
        closedir(dir);
    }
    close(top);
    return rc;
}

static int seal_tree(int parent, const char *name, int depth) {
    struct stat st;
    if (fstatat(parent, name, &st, AT_SYMLINK_NOFOLLOW)) return fs_fail("stat", name);
    if (fchownat(parent, name, SUPERVISOR_ID, SUPERVISOR_ID, AT_SYMLINK_NOFOLLOW)) return fs_fail("chown", name);
    if (S_ISLNK(st.st_mode)) return 0;
    if (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode)) { /* fifos, sockets: nothing a compiler leaves */
        return unlinkat(parent, name, 0) ? fs_fail("unlink", name) : 0;
    }
    mode_t mode = S_ISDIR(st.st_mode) ? 0555 : (st.st_mode & 0555) | 0444;
    if (fchmodat(parent, name, mode, 0)) return fs_fail("chmod", name);
    if (!S_ISDIR(st.st_mode)) return 0;
    if (depth >= MAX_SEAL_DEPTH) { errno = ELOOP; return fs_fail("too deep:", name); } /* no compiler does that */
    int fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return fs_fail("open", name);
    DIR *dir = fdopendir(fd);
    if (!dir) { close(fd); return fs_fail("fdopendir", name); }
    int rc = 0;
    for (struct dirent *e; rc == 0 && (e = readdir(dir)) != NULL;)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) rc = seal_tree(fd, e->d_name, depth + 1);
    closedir(dir);
    return rc;
}

static int reset_box(void) {
    if (clean_dir("/tmp", 0)) return -1;
    if (clean_dir("/box", 1)) return -1;
    /* /box itself: ours, sticky, world-writable (the program is the "other" here). */
    if (chown("/box", SUPERVISOR_ID, SUPERVISOR_ID) || chmod("/box", 01777)) return fs_fail("restore", "/box");
    return 0;
}

static int seal_box(void) {
    if (clean_dir("/tmp", 0)) return -1;
    int top = open("/box", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (top < 0) return fs_fail("open", "/box");
    free(sealed_entries), sealed_entries = NULL, sealed_count = 0;
    size_t cap = 0;
    int rc = 0;
    DIR *dir = fdopendir(dup(top));
    if (!dir) rc = fs_fail("fdopendir", "/box");
    for (struct dirent *e; rc == 0 && dir && (e = readdir(dir)) != NULL;) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        if (seal_tree(top, e->d_name, 1)) { rc = -1; break; }
        if (sealed_count == cap) {
            cap = cap ? cap * 2 : 16;
            struct sealed *grown = realloc(sealed_entries, cap * sizeof *grown);
            if (!grown) { errno = ENOMEM, rc = fs_fail("record", e->d_name); break; }
            sealed_entries = grown;
        }
        struct sealed *s = &sealed_entries[sealed_count];
        snprintf(s->name, sizeof s->name, "%s", e->d_name);
        if (fstatat(top, e->d_name, &s->st, AT_SYMLINK_NOFOLLOW)) { rc = fs_fail("stat", e->d_name); break; }
        sealed_count++;
    }
    if (dir) closedir(dir);
    close(top);
    if (rc == 0) rc = reset_box();
    sealed = rc == 0;
    return rc;
}

/* ---------- one run ---------- */

struct request {
    u64 cpu_ms, wall_ms, out_limit, err_limit, fsize, nofile, stdin_len;
    char *argv[MAX_STRINGS + 1];
    char *envp[MAX_STRINGS + 1];
};

static void set_limit(int resource, u64 soft, u64 hard) {
    struct rlimit rl = {(rlim_t)soft, (rlim_t)hard};
    setrlimit(resource, &rl);
}

/* In the forked child: limits, fds, directory, then exec. Never returns. */
static void exec_child(const struct request *rq, int in_fd, int out_fd, int err_fd, int report_fd) {
    setsid(); /* own session and process group, away from us */
    signal(SIGPIPE, SIG_DFL); /* ignored dispositions survive exec: restore the default */
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);

    u64 cpu_s = (rq->cpu_ms + 999) / 1000 + 1; /* backstop only: the poll loop stops it first */
    set_limit(RLIMIT_CPU, cpu_s, cpu_s + 1);
    set_limit(RLIMIT_FSIZE, rq->fsize, rq->fsize);
    set_limit(RLIMIT_NOFILE, rq->nofile, rq->nofile);
    set_limit(RLIMIT_CORE, 0, 0);
    struct rlimit stack;
    if (getrlimit(RLIMIT_STACK, &stack) == 0) { /* deep recursion is legitimate in contests */
        u64 want = STACK_BYTES;
        if (stack.rlim_max != RLIM_INFINITY && stack.rlim_max < want) want = stack.rlim_max;
        set_limit(RLIMIT_STACK, want, stack.rlim_max);
    }
    /* Below the supervisor in its own cgroup's CPU share, so a fork bomb's 127 busy
     * processes cannot starve the loop that enforces the limits (it costs the program
     * nothing: it competes with no one else in the container). */
    setpriority(PRIO_PROCESS, 0, 10);
    /* Let the OOM killer pick the program, never the supervisor. */
    int adj = open("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC);
    if (adj >= 0) {
        if (write(adj, "1000", 4) < 0) { /* best effort */ }
        close(adj);
    }
    /* Last: from here on it is the program's uid, with no capability left. A failure is
     * ours, not the program's: reported on report_fd (closed by a successful exec). */
    const char *failed = become_program();
    if (failed) {
        dprintf(report_fd, "dropping privileges failed at %s: %s", failed, strerror(errno));
        _exit(127);
    }
    if (dup2(in_fd, 0) < 0 || dup2(out_fd, 1) < 0 || dup2(err_fd, 2) < 0) _exit(127);
    /* Every other fd is O_CLOEXEC anyway; report_fd (also O_CLOEXEC) must live until exec. */
    if (report_fd > 3) close_range(3, (unsigned)report_fd - 1, 0);
    close_range((unsigned)report_fd + 1, ~0u, 0);
    if (chdir("/box") != 0) {
        dprintf(2, "supervise: cannot enter /box: %s\n", strerror(errno));
        _exit(127);
    }
    execvpe(rq->argv[0], rq->argv, rq->envp);
    dprintf(2, "supervise: cannot execute %s: %s\n", rq->argv[0], strerror(errno));
    _exit(127);
}

static void set_nonblocking(int fd) {
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

/* Kills every process in the container but us and reaps them all (we are PID 1). */
static void kill_and_reap_all(void) {
    for (;;) {
        kill(-1, SIGKILL);
        pid_t p = waitpid(-1, NULL, WNOHANG);
        if (p < 0 && errno == ECHILD) return;
        if (p == 0) {
            struct timespec ms = {0, 1000000};
            nanosleep(&ms, NULL);
        }
    }
}

static const char *const STOP_NAMES[] = {"exited", "signaled", "cpu-limit", "wall-limit", "memory-limit", "output-limit"};
enum stop { EXITED, SIGNALED, CPU_LIMIT, WALL_LIMIT, MEMORY_LIMIT, OUTPUT_LIMIT, NONE };

/* Memory limit in KiB enforced by polling (MEM request; 0 = the container's cgroup does it). */
static u64 mem_limit_kb;

/* Resident memory of every process but us, in KiB (the fallback where the cgroup cap is not the limit). */
static u64 programs_rss_kb(void) {
    u64 total = 0;
    long page_kb = sysconf(_SC_PAGESIZE) / 1024;
    DIR *proc = opendir("/proc");
    if (!proc) return 0;
    for (struct dirent *e; (e = readdir(proc)) != NULL;) {
        int pid = atoi(e->d_name);
        if (pid <= 1) continue;
        char path[48], text[256];
        unsigned long long size, resident;
        snprintf(path, sizeof path, "/proc/%d/statm", pid);
        if (read_small_file(path, text, sizeof text) > 0 && sscanf(text, "%llu %llu", &size, &resident) == 2)
            total += resident * (u64)page_kb;
    }
    closedir(proc);
    return total;
}

static void run(struct request *rq) {
    int in_p[2], out_p[2], err_p[2], report_p[2];
    if (pipe2(report_p, O_CLOEXEC)) {
        send_line("X pipe failed: %s\n", strerror(errno));
        read_exact(NULL, rq->stdin_len);
        return;
    }
    if (pipe2(in_p, O_CLOEXEC) || pipe2(out_p, O_CLOEXEC) || pipe2(err_p, O_CLOEXEC)) {
        send_line("X pipe failed: %s\n", strerror(errno));
        close(report_p[0]), close(report_p[1]); /* the others: EMFILE cannot happen to us (few fds) */
        read_exact(NULL, rq->stdin_len);
        return;
    }
    /* The program's own stdio: reopening /dev/stdout or /dev/stderr must work as anywhere.
     * Best effort: gVisor refuses chown on pipes (and does not check their owner either). */
    int chowned = fchown(in_p[0], PROGRAM_ID, PROGRAM_ID) | fchown(out_p[0], PROGRAM_ID, PROGRAM_ID) |
                  fchown(err_p[0], PROGRAM_ID, PROGRAM_ID);
    (void)chowned;
    long long oom_before = oom_kills();
    long long cg_before = container_cpu_us(), self_before = self_cpu_us();
    struct rusage children_before;
    getrusage(RUSAGE_CHILDREN, &children_before);

    u64 started = now_ms(), last_scan = started, waited_ms = 0;
    waits_begin();
    scan_waits(started, started, 1); /* baseline: our own wait so far is not this run's */
    /* However starved, a run ends by then, and that is the host's doing ("X", retried):
     * a program cannot get here on its own (see scan_waits; sandbox/session.ts hardWallMs). */
    u64 hard_ms = rq->wall_ms * 10 + 30000;
    pid_t child = fork();
    if (child == 0) exec_child(rq, in_p[0], out_p[1], err_p[1], report_p[1]);
    close(in_p[0]);
    close(out_p[1]);
    close(err_p[1]);
    close(report_p[1]);
    if (child < 0) {
        send_line("X fork failed: %s\n", strerror(errno));
        close(in_p[1]), close(out_p[0]), close(err_p[0]), close(report_p[0]);
        read_exact(NULL, rq->stdin_len);
        return;
    }
    /* EOF once the child has exec'd; a message if it could not drop its privileges. */
    char report[256];
    ssize_t report_len;
    do report_len = read(report_p[0], report, sizeof report - 1);
    while (report_len < 0 && errno == EINTR);
    close(report_p[0]);
    if (report_len > 0) {
        report[report_len] = '\0';
        kill_and_reap_all();
        close(in_p[1]), close(out_p[0]), close(err_p[0]);
        read_exact(NULL, rq->stdin_len);
        send_line("X %s\n", report);
        return;
    }
    /* The program's clock starts at its exec: getting there is our work, and on a thrashing
     * host it can stall on I/O (not run-queue wait) for seconds. */
    started = last_scan = now_ms();
    set_nonblocking(in_p[1]);
    set_nonblocking(out_p[0]);
    set_nonblocking(err_p[0]);

    int in_fd = in_p[1], out_fd = out_p[0], err_fd = err_p[0];
    /* Readable the moment the program exits, so poll wakes at once even while a daemon
     * holds its pipes open. Where pidfds are missing (old kernels, gVisor) we poll in ticks. */
    int exit_fd = (int)syscall(SYS_pidfd_open, child, 0);
    if (exit_fd >= 0) fcntl(exit_fd, F_SETFD, FD_CLOEXEC);
    u64 stdin_left = rq->stdin_len, out_total = 0, err_total = 0, wall_ms = 0;
    enum stop stop = NONE;
    int child_done = 0, status = 0;
    struct rusage child_ru;
    memset(&child_ru, 0, sizeof child_ru);
    char chunk[CHUNK];
    int poll_errno = 0;
    /* A program that writes a byte or a line per syscall (endl, flush) would otherwise cost
     * one frame per write: our loop, its syscalls and Docker's copy per frame run on the
     * container's one CPU too, so the program is throttled into a wall-limit TLE. After a
     * small read the pipes are left alone for ~1 ms to fill up (64 KiB of pipe buffer;
     * exit is still seen at once through the pidfd, and draining after exit is immediate). */
    u64 outputs_resume_at = 0;
    if (stdin_left == 0) close(in_fd), in_fd = -1;

    int starved = 0;
    while (out_fd >= 0 || err_fd >= 0 || !child_done) {
        u64 now = now_ms(), elapsed = now - started;
        if (stop != NONE || child_done) kill(-1, SIGKILL); /* again: anything forked meanwhile */
        if (!child_done && stop == NONE && now - last_scan >= TICK_MS) {
            waited_ms = scan_waits(now, started, 0);
            last_scan = now;
            if (mem_limit_kb && programs_rss_kb() > mem_limit_kb) stop = MEMORY_LIMIT;
        }
        u64 counted = elapsed > waited_ms ? elapsed - waited_ms : 0; /* wall time the program was not starved */
        if (!child_done && stop == NONE) {
            long long cg = cg_before >= 0 ? container_cpu_us() : -1;
            long long used_ms = cg >= 0 ? (cg - cg_before - (self_cpu_us() - self_before)) / 1000
                                        : all_processes_cpu_us() / 1000;
            /* Time spent running was not spent waiting (one CPU: NanoCpus), so the clock never
             * shows less than the CPU used; this also bounds what waits can ever discount. */
            if (used_ms > 0 && counted < (u64)used_ms && elapsed >= (u64)used_ms) waited_ms = elapsed - (u64)used_ms, counted = (u64)used_ms;
            if (counted >= rq->wall_ms) stop = WALL_LIMIT;
            else if (used_ms > (long long)rq->cpu_ms) stop = CPU_LIMIT;
            else if (elapsed >= hard_ms) stop = WALL_LIMIT, starved = 1;
        }
        if (stop != NONE && !child_done) kill(-1, SIGKILL);
        int outputs_deferred = !child_done && stop == NONE && now_ms() < outputs_resume_at;
        struct pollfd fds[5];
        int nfds = 0, i_out = -1, i_err = -1, i_in = -1, i_req = -1;
        if (exit_fd >= 0 && !child_done) fds[nfds++] = (struct pollfd){exit_fd, POLLIN, 0};
        if (out_fd >= 0 && !outputs_deferred) i_out = nfds, fds[nfds++] = (struct pollfd){out_fd, POLLIN, 0};
        if (err_fd >= 0 && !outputs_deferred) i_err = nfds, fds[nfds++] = (struct pollfd){err_fd, POLLIN, 0};
        if (in_fd >= 0) {
            if (in_pos < in_len) i_in = nfds, fds[nfds++] = (struct pollfd){in_fd, POLLOUT, 0};
            else i_req = nfds, fds[nfds++] = (struct pollfd){STDIN_FILENO, POLLIN, 0};
        }
        int timeout = TICK_MS;
        if (!child_done && stop == NONE && rq->wall_ms - counted < (u64)timeout) timeout = (int)(rq->wall_ms - counted);
        if (child_done || (exit_fd < 0 && out_fd < 0 && err_fd < 0))
            timeout = 1; /* waiting for killed processes' pipes to close, or for an exit we cannot poll */
        if (outputs_deferred) timeout = 1;
        if (poll(fds, (nfds_t)nfds, timeout) < 0 && errno != EINTR) {
            poll_errno = errno;
            break;
        }

        if (i_out >= 0 && fds[i_out].revents) {
            ssize_t n = read(out_fd, chunk, sizeof chunk);
            if (n > 0) {
                u64 room = out_total < rq->out_limit ? rq->out_limit - out_total : 0;
                send_chunk('O', chunk, (u64)n < room ? (size_t)n : (size_t)room);
                out_total += (u64)n;
                if (out_total > rq->out_limit && stop == NONE) stop = OUTPUT_LIMIT, kill(-1, SIGKILL);
                if (n < DRIBBLE_BYTES) outputs_resume_at = now_ms() + 1;
            } else if (n == 0 || errno != EAGAIN) close(out_fd), out_fd = -1;
        }
        if (i_err >= 0 && fds[i_err].revents) {
            ssize_t n = read(err_fd, chunk, sizeof chunk);
            if (n > 0) { /* beyond err_limit: drained and discarded */
                u64 room = err_total < rq->err_limit ? rq->err_limit - err_total : 0;
                send_chunk('E', chunk, (u64)n < room ? (size_t)n : (size_t)room);
                err_total += (u64)n;
                if (n < DRIBBLE_BYTES) outputs_resume_at = now_ms() + 1;
            } else if (n == 0 || errno != EAGAIN) close(err_fd), err_fd = -1;
        }
        if (i_in >= 0 && fds[i_in].revents) {
            size_t avail = in_len - in_pos;
            ssize_t n = write(in_fd, in_buf + in_pos, avail < stdin_left ? avail : (size_t)stdin_left);
            if (n > 0) in_pos += (size_t)n, stdin_left -= (u64)n;
            else if (errno != EAGAIN) close(in_fd), in_fd = -1; /* program closed its stdin */
        } else if (i_req >= 0 && fds[i_req].revents) {
            if (in_fill() == 0) die_quietly();
        }
        if (in_fd >= 0 && stdin_left == 0) close(in_fd), in_fd = -1; /* EOF for the program */

        /* Reap: the program itself, and orphans reparented to us. */
        struct rusage ru;
        int st;
        pid_t p;
        while ((p = wait4(-1, &st, WNOHANG, &ru)) > 0) {
            if (p != child) continue;
            u64 reaped = now_ms();
            child_done = 1, status = st, child_ru = ru, wall_ms = reaped - started;
            if (stop == NONE) waited_ms += supervisor_tail_ms(reaped - last_scan);
            kill(-1, SIGKILL); /* nothing outlives main: its pipes close once all are dead */
        }
    }
    if (in_fd >= 0) close(in_fd);
    if (exit_fd >= 0) close(exit_fd);
    kill_and_reap_all();
    read_exact(NULL, stdin_left); /* the rest of a stdin the program never read */
    if (!child_done) { /* poll itself failed: we cannot say what happened */
        send_line("X poll failed: %s\n", strerror(poll_errno));
        return;
    }
    if (starved) { /* not the program's doing: see scan_waits */
        send_line("X host too busy: the program waited %llu ms for a CPU in %llu ms\n", waited_ms, wall_ms);
        return;
    }
    struct rusage children_after;
    getrusage(RUSAGE_CHILDREN, &children_after);
    u64 cpu_ms = tv_ms(children_after.ru_utime, children_after.ru_stime) -
                 tv_ms(children_before.ru_utime, children_before.ru_stime);
    if (waited_ms + cpu_ms > wall_ms) waited_ms = wall_ms > cpu_ms ? wall_ms - cpu_ms : 0; /* as in the loop */
    wall_ms -= waited_ms;
    long long oom_after = oom_kills();
    int signal_number = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    int exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;

    if (stop == MEMORY_LIMIT || (oom_before >= 0 && oom_after > oom_before)) stop = MEMORY_LIMIT;
    else if (oom_before < 0 && stop == NONE && signal_number == SIGKILL) stop = MEMORY_LIMIT; /* no counter: best guess */
    else if (stop == NONE && (signal_number == SIGXCPU || cpu_ms > rq->cpu_ms)) stop = CPU_LIMIT;
    else if (stop == NONE) stop = signal_number ? SIGNALED : EXITED;
    send_line("R %s %d %d %llu %llu %ld %llu %llu %llu\n", STOP_NAMES[stop], exit_code, signal_number, cpu_ms, wall_ms,
              child_ru.ru_maxrss, out_total, err_total, waited_ms);
}

/* ---------- request loop ---------- */

/* Splits args_len bytes of NUL-terminated strings into argv and envp; 0 if malformed. */
static int split_strings(char *block, u64 len, u64 argc, u64 envc, struct request *rq) {
    if (argc < 1 || argc > MAX_STRINGS || envc > MAX_STRINGS) return 0;
    if (len == 0 || block[len - 1] != '\0') return 0;
    u64 count = 0;
    for (char *s = block; s < block + len; s += strlen(s) + 1, count++) {
        if (count < argc) rq->argv[count] = s;
        else if (count < argc + envc) {
            if (!strchr(s, '=')) return 0;
            rq->envp[count - argc] = s;
        } else return 0;
    }
    if (count != argc + envc || rq->argv[0][0] == '\0') return 0;
    rq->argv[argc] = NULL;
    rq->envp[envc] = NULL;
    return 1;
}

int main(void) {
    /* kill(-1) below would hit every process of this uid on the host if we were not the
     * init of our own PID namespace: refuse to run anywhere else. */
    if (getpid() != 1) {
        fprintf(stderr, "supervise: must run as PID 1 of a container\n");
        return 2;
    }
    const char *failed = become_supervisor();
    if (failed) {
        fprintf(stderr, "supervise: cannot set up identities: %s: %s\n", failed, strerror(errno));
        return 2;
    }
    /* Defense in depth (programs are another uid anyway): no ptrace, no /proc/1/fd. */
    prctl(PR_SET_DUMPABLE, 0);
    signal(SIGPIPE, SIG_IGN); /* a program closing its stdin early is an EPIPE, not our death */

    static struct request rq;
    static char args[MAX_ARGS_BYTES];
    char line[MAX_HEADER];
    send_line("READY 1\n");
    for (;;) {
        int got = read_line(line, sizeof line);
        if (got == 0) break;
        if (got < 0) {
            send_line("X request header too long\n");
            continue;
        }
        u64 argc, envc, args_len, kb;
        int end = 0;
        if (!strcmp(line, "SEAL") || !strcmp(line, "RESET")) {
            int rc = line[0] == 'S' ? seal_box() : sealed ? reset_box() : (errno = EINVAL, fs_fail("RESET", "before SEAL"));
            if (rc) send_line("X %s\n", fs_error);
            else send_line("K\n");
            continue;
        }
        if (sscanf(line, "MEM %llu%n", &kb, &end) == 1 && line[end] == '\0') {
            mem_limit_kb = kb;
            send_line("K\n");
            continue;
        }
        /* RESET RUN ...: RESET, then the run, in one round trip; the run only if the reset worked. */
        int fresh = !strncmp(line, "RESET RUN ", 10);
        if (sscanf(line + (fresh ? 6 : 0), "RUN %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu%n", &rq.cpu_ms, &rq.wall_ms,
                   &rq.out_limit, &rq.err_limit, &rq.fsize, &rq.nofile, &argc, &envc, &args_len, &rq.stdin_len,
                   &end) != 10 || line[(fresh ? 6 : 0) + end] != '\0') {
            send_line("X malformed request header\n");
            continue;
        }
        if (args_len > MAX_ARGS_BYTES) {
            send_line("X argv/env too large\n");
            if (!read_exact(NULL, args_len) || !read_exact(NULL, rq.stdin_len)) break;
            continue;
        }
        if (!read_exact(args, args_len)) break;
        if (!split_strings(args, args_len, argc, envc, &rq) || rq.wall_ms == 0 || rq.nofile < 3) {
            send_line("X malformed argv/env or limits\n");
            if (!read_exact(NULL, rq.stdin_len)) break;
            continue;
        }
        if (fresh && (sealed ? reset_box() : (errno = EINVAL, fs_fail("RESET", "before SEAL")))) {
            send_line("X %s\n", fs_error);
            if (!read_exact(NULL, rq.stdin_len)) break;
            continue;
        }
        run(&rq);
    }
    kill_and_reap_all();
    return 0;
}
