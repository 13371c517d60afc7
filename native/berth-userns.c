/*
 * berth-userns: the one step of berth-runtime that is not C#.
 *
 * The kernel refuses unshare(CLONE_NEWUSER) and setns() into a user namespace from a multi-threaded process
 * (EINVAL), and a .NET process always has several threads. berth-runtime therefore starts this small
 * single-threaded program, which enters or creates the user namespace, lets berth-runtime write the id maps,
 * creates the container's other namespaces inside it, and starts the container's init (berth-runtime init) as
 * a sibling of its own, i.e. a direct child of berth-runtime, which waits for it.
 * Everything else about the container is set up by that init, in C#.
 *
 * usage: berth-userns CTL_FD FLAGS JOIN PROGRAM ARGV0 [ARG...]
 *   CTL_FD  socket to berth-runtime; FLAGS  CLONE_NEW* flags to unshare, in hex;
 *   JOIN    "-" or a comma-separated list of FD:TYPE namespaces to setns() first, in order.
 * On CTL_FD it writes 'U' once a new user namespace waits for its maps (and then reads one byte),
 * 'P' plus the init's pid (native int) on success, or 'E' plus a message on failure.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static int ctl = -1;

static void fail(const char *step)
{
    char message[256];
    int length = snprintf(message, sizeof message, "E%s: %s", step, strerror(errno));
    if (ctl >= 0 && length > 0) (void)!write(ctl, message, (size_t)length);
    _exit(1);
}

/* Becomes root of the user namespace just entered, so that execve keeps the namespace's full capabilities. */
static void become_root(void)
{
    if (setresgid(0, 0, 0) != 0) fail("setresgid in the user namespace");
    if (setresuid(0, 0, 0) != 0) fail("setresuid in the user namespace");
    if (setgroups(0, NULL) != 0 && errno != EPERM) fail("setgroups in the user namespace");
}

int main(int argc, char **argv)
{
    if (argc < 6) {
        fprintf(stderr, "berth-userns: started by berth-runtime only\n");
        return 2;
    }
    ctl = atoi(argv[1]);
    int flags = (int)strtol(argv[2], NULL, 16);
    if (fcntl(ctl, F_SETFD, FD_CLOEXEC) != 0) fail("ctl socket");

    if (strcmp(argv[3], "-") != 0) {
        for (char *item = strtok(argv[3], ","); item; item = strtok(NULL, ",")) {
            int fd = atoi(item), type = (int)strtol(strchr(item, ':') + 1, NULL, 16);
            if (setns(fd, type) != 0) fail(type == CLONE_NEWUSER ? "join user namespace" : "join namespace");
            close(fd);
            if (type == CLONE_NEWUSER) become_root();
        }
    }
    if (flags & CLONE_NEWUSER) {
        char go;
        if (unshare(CLONE_NEWUSER) != 0) fail("create user namespace");
        if (write(ctl, "U", 1) != 1 || read(ctl, &go, 1) != 1) fail("wait for id maps");
        become_root();
    }
    if ((flags & ~CLONE_NEWUSER) && unshare(flags & ~CLONE_NEWUSER) != 0) fail("create namespaces");

    /* A new PID namespace takes its first member from our next child, which becomes the container's PID 1.
     * CLONE_PARENT makes it berth-runtime's child: an orphan would go to a reaper inside its PID namespace. */
    pid_t pid = (pid_t)syscall(SYS_clone, CLONE_PARENT | SIGCHLD, NULL, NULL, NULL, NULL);
    if (pid < 0) fail("clone");
    if (pid == 0) {
        execv(argv[4], argv + 5);
        _exit(127);
    }
    char reply[1 + sizeof pid];
    reply[0] = 'P';
    memcpy(reply + 1, &pid, sizeof pid);
    if (write(ctl, reply, sizeof reply) != (ssize_t)sizeof reply) _exit(1);
    return 0;
}
