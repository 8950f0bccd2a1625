/* epoll for SanteiHTTP: Swift's Glibc module does not export <sys/epoll.h>. */
#ifndef CSANTEI_EPOLL_H
#define CSANTEI_EPOLL_H
#include <sys/epoll.h>

/* epoll_event is packed on x86-64: these keep Swift away from its layout. */
int csantei_epoll_ctl(int epfd, int op, int fd, unsigned int events);
/* Waits; fills fds[k] and events[k] for each ready descriptor; returns the count (or -1, errno). */
int csantei_epoll_wait(int epfd, int *fds, unsigned int *events, int max, int timeout_ms);
#endif
