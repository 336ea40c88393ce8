/* bench_run: runs one command for `make bench` (tools/bench.sh) and prints
 * what it cost, measured from here rather than through a shell:
 *
 *   bench_run [-o FILE] CMD [ARG...]
 *
 * The command's standard output goes to FILE (default /dev/null), its
 * standard error to /dev/null.  Prints one line:
 *   WALL_SECONDS CPU_SECONDS PEAK_RSS_KIB EXIT_STATUS
 * wall time from fork() to the end of wait4() (the whole process: loader,
 * start-up, work, exit); CPU time (user + system, all threads) and peak
 * resident set size from wait4()'s rusage; the exit status (128 + N for a
 * death by signal N).  On a loaded machine CPU time is the steadier of the
 * two times (a busy neighbour stretches the wall time, not the work).  Exit status 0, or 2
 * when the command could not be started. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	const char *out = "/dev/null";
	int i = 1;
	if (i + 1 < argc && strcmp(argv[i], "-o") == 0) {
		out = argv[i + 1];
		i += 2;
	}
	if (i >= argc) {
		fprintf(stderr, "usage: bench_run [-o FILE] CMD [ARG...]\n");
		return 2;
	}
	int ofd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	int efd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (ofd < 0 || efd < 0) {
		perror(out);
		return 2;
	}
	fflush(stdout);
	double t0 = now();
	pid_t pid = fork();
	if (pid < 0) {
		perror("fork");
		return 2;
	}
	if (pid == 0) {
		if (dup2(ofd, STDOUT_FILENO) < 0 || dup2(efd, STDERR_FILENO) < 0)
			_exit(127);
		execvp(argv[i], argv + i);
		_exit(127);
	}
	int status = 0;
	struct rusage ru;
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("wait4");
		return 2;
	}
	double t1 = now();
	int code = WIFEXITED(status) ? WEXITSTATUS(status)
	           : WIFSIGNALED(status) ? 128 + WTERMSIG(status) : 255;
	if (code == 127) {
		fprintf(stderr, "bench_run: cannot run %s\n", argv[i]);
		return 2;
	}
	double cpu = (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	             (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
	printf("%.6f %.6f %ld %d\n", t1 - t0, cpu, ru.ru_maxrss, code);
	return 0;
}
