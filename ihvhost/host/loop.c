/* SPDX-License-Identifier: MIT */
/*
 * The host's event loop. One epoll set; each fd watch and each one-shot
 * timer (its own timerfd, so no timer wheel to get wrong) is an entry; the
 * cross-thread post queue is a mutex-protected FIFO signalled by an eventfd.
 * Entries removed during a dispatch batch are only marked dead and freed
 * after the batch, because epoll may already have returned them.
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include "loop.h"

enum ihv_loop_entry_kind {
	IHV_LOOP_ENTRY_FD,
	IHV_LOOP_ENTRY_TIMER,
	IHV_LOOP_ENTRY_POST,
};

struct ihv_loop_entry {
	enum ihv_loop_entry_kind kind;
	int fd;
	bool dead;
	uint64_t timer_id;
	ihv_loop_fd_cb fd_cb;
	ihv_loop_timer_cb timer_cb;
	void *data;
	struct ihv_loop_entry *next;
};

struct ihv_loop_post {
	ihv_loop_post_cb fn;
	ihv_loop_destroy_cb destroy;
	void *data;
	struct ihv_loop_post *next;
};

struct ihv_loop {
	int epfd;
	int evfd;
	struct ihv_loop_entry post_entry;
	struct ihv_loop_entry *entries;   /* live fd and timer entries */
	struct ihv_loop_entry *graveyard; /* removed during a batch */
	uint64_t next_timer_id;
	bool quit;
	int quit_code;
	pthread_t thread;

	pthread_mutex_t post_lock; /* guards the post FIFO only */
	struct ihv_loop_post *post_head, *post_tail;
};

int ihv_loop_new(struct ihv_loop **out)
{
	struct ihv_loop *loop;
	struct epoll_event ev = { .events = EPOLLIN };
	int rc;

	loop = calloc(1, sizeof(*loop));
	if (!loop)
		return -ENOMEM;
	loop->epfd = epoll_create1(EPOLL_CLOEXEC);
	if (loop->epfd < 0) {
		rc = -errno;
		goto free_loop;
	}
	loop->evfd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (loop->evfd < 0) {
		rc = -errno;
		goto close_epfd;
	}
	loop->post_entry.kind = IHV_LOOP_ENTRY_POST;
	loop->post_entry.fd = loop->evfd;
	ev.data.ptr = &loop->post_entry;
	if (epoll_ctl(loop->epfd, EPOLL_CTL_ADD, loop->evfd, &ev) < 0) {
		rc = -errno;
		goto close_evfd;
	}
	pthread_mutex_init(&loop->post_lock, NULL);
	loop->next_timer_id = 1;
	loop->thread = pthread_self();
	*out = loop;
	return 0;

close_evfd:
	close(loop->evfd);
close_epfd:
	close(loop->epfd);
free_loop:
	free(loop);
	return rc;
}

static void ihv_loop_entry_release(struct ihv_loop_entry *e)
{
	if (e->kind == IHV_LOOP_ENTRY_TIMER)
		close(e->fd);
	free(e);
}

static void ihv_loop_bury(struct ihv_loop *loop)
{
	while (loop->graveyard) {
		struct ihv_loop_entry *e = loop->graveyard;

		loop->graveyard = e->next;
		ihv_loop_entry_release(e);
	}
}

void ihv_loop_free(struct ihv_loop *loop)
{
	struct ihv_loop_post *p;

	if (!loop)
		return;
	while (loop->entries) {
		struct ihv_loop_entry *e = loop->entries;

		loop->entries = e->next;
		ihv_loop_entry_release(e);
	}
	ihv_loop_bury(loop);
	while ((p = loop->post_head)) {
		loop->post_head = p->next;
		if (p->destroy)
			p->destroy(p->data);
		free(p);
	}
	pthread_mutex_destroy(&loop->post_lock);
	close(loop->evfd);
	close(loop->epfd);
	free(loop);
}

static int ihv_loop_add_entry(struct ihv_loop *loop, struct ihv_loop_entry *e,
			      uint32_t events)
{
	struct epoll_event ev = { .events = events, .data.ptr = e };

	if (epoll_ctl(loop->epfd, EPOLL_CTL_ADD, e->fd, &ev) < 0)
		return -errno;
	e->next = loop->entries;
	loop->entries = e;
	return 0;
}

/* Unlinks @e, takes it out of epoll and defers its release. */
static void ihv_loop_remove_entry(struct ihv_loop *loop, struct ihv_loop_entry *e)
{
	struct ihv_loop_entry **pp;

	for (pp = &loop->entries; *pp; pp = &(*pp)->next) {
		if (*pp == e) {
			*pp = e->next;
			break;
		}
	}
	epoll_ctl(loop->epfd, EPOLL_CTL_DEL, e->fd, NULL);
	e->dead = true;
	e->next = loop->graveyard;
	loop->graveyard = e;
}

int ihv_loop_watch_fd(struct ihv_loop *loop, int fd, uint32_t events,
		      ihv_loop_fd_cb cb, void *data)
{
	struct ihv_loop_entry *e;
	int rc;

	for (e = loop->entries; e; e = e->next)
		if (e->kind == IHV_LOOP_ENTRY_FD && e->fd == fd)
			return -EEXIST;
	e = calloc(1, sizeof(*e));
	if (!e)
		return -ENOMEM;
	e->kind = IHV_LOOP_ENTRY_FD;
	e->fd = fd;
	e->fd_cb = cb;
	e->data = data;
	rc = ihv_loop_add_entry(loop, e, events);
	if (rc < 0)
		free(e);
	return rc;
}

void ihv_loop_unwatch_fd(struct ihv_loop *loop, int fd)
{
	struct ihv_loop_entry *e;

	for (e = loop->entries; e; e = e->next) {
		if (e->kind == IHV_LOOP_ENTRY_FD && e->fd == fd) {
			ihv_loop_remove_entry(loop, e);
			return;
		}
	}
}

int ihv_loop_timer_add(struct ihv_loop *loop, unsigned int ms,
		       ihv_loop_timer_cb cb, void *data, uint64_t *id)
{
	struct itimerspec its = { 0 };
	struct ihv_loop_entry *e;
	int rc;

	e = calloc(1, sizeof(*e));
	if (!e)
		return -ENOMEM;
	e->fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	if (e->fd < 0) {
		rc = -errno;
		goto free_entry;
	}
	/* it_value zero would disarm: a 0 ms timer fires after 1 ns. */
	its.it_value.tv_sec = ms / 1000;
	its.it_value.tv_nsec = (long)(ms % 1000) * 1000000L;
	if (ms == 0)
		its.it_value.tv_nsec = 1;
	if (timerfd_settime(e->fd, 0, &its, NULL) < 0) {
		rc = -errno;
		goto close_fd;
	}
	e->kind = IHV_LOOP_ENTRY_TIMER;
	e->timer_cb = cb;
	e->data = data;
	e->timer_id = loop->next_timer_id++;
	rc = ihv_loop_add_entry(loop, e, EPOLLIN);
	if (rc < 0)
		goto close_fd;
	if (id)
		*id = e->timer_id;
	return 0;

close_fd:
	close(e->fd);
free_entry:
	free(e);
	return rc;
}

void ihv_loop_timer_cancel(struct ihv_loop *loop, uint64_t id)
{
	struct ihv_loop_entry *e;

	for (e = loop->entries; e; e = e->next) {
		if (e->kind == IHV_LOOP_ENTRY_TIMER && e->timer_id == id) {
			ihv_loop_remove_entry(loop, e);
			return;
		}
	}
}

int ihv_loop_post(struct ihv_loop *loop, ihv_loop_post_cb fn, void *data,
		  ihv_loop_destroy_cb destroy)
{
	struct ihv_loop_post *p;
	uint64_t one = 1;

	p = calloc(1, sizeof(*p));
	if (!p)
		return -ENOMEM;
	p->fn = fn;
	p->data = data;
	p->destroy = destroy;
	pthread_mutex_lock(&loop->post_lock);
	if (loop->post_tail)
		loop->post_tail->next = p;
	else
		loop->post_head = p;
	loop->post_tail = p;
	pthread_mutex_unlock(&loop->post_lock);
	/* Cannot fail short of counter overflow (2^64-2 pending wake-ups);
	 * the item is queued either way and the next wake-up drains it. */
	if (write(loop->evfd, &one, sizeof(one)) < 0) {
		/* EAGAIN: counter saturated, the loop is already woken. */
	}
	return 0;
}

/* Runs the posts queued at the moment of the call, not ones they add. */
static int ihv_loop_drain_posts(struct ihv_loop *loop)
{
	struct ihv_loop_post *p, *batch;
	uint64_t cnt;
	int n = 0;

	if (read(loop->evfd, &cnt, sizeof(cnt)) < 0) {
		/* EAGAIN: a previous drain already consumed the wake-up. */
	}
	pthread_mutex_lock(&loop->post_lock);
	batch = loop->post_head;
	loop->post_head = loop->post_tail = NULL;
	pthread_mutex_unlock(&loop->post_lock);
	while ((p = batch)) {
		batch = p->next;
		p->fn(p->data);
		free(p);
		n++;
	}
	return n;
}

int ihv_loop_run_once(struct ihv_loop *loop, int timeout_ms)
{
	struct epoll_event evs[16];
	int n, ran = 0;

	/* Written only when the running thread changes (never while an
	 * extension thread could be asking), so readers see a stable value. */
	if (!pthread_equal(loop->thread, pthread_self()))
		loop->thread = pthread_self();
	n = epoll_wait(loop->epfd, evs, 16, timeout_ms);
	if (n < 0)
		return errno == EINTR ? 0 : -errno;
	for (int i = 0; i < n; i++) {
		struct ihv_loop_entry *e = evs[i].data.ptr;
		uint64_t exp;

		if (e->dead)
			continue;
		switch (e->kind) {
		case IHV_LOOP_ENTRY_POST:
			ran += ihv_loop_drain_posts(loop);
			break;
		case IHV_LOOP_ENTRY_FD:
			e->fd_cb(e->fd, evs[i].events, e->data);
			ran++;
			break;
		case IHV_LOOP_ENTRY_TIMER:
			if (read(e->fd, &exp, sizeof(exp)) < 0) {
				/* spurious wake-up: not expired yet */
				break;
			}
			/* One-shot: removed before the callback so the
			 * callback may re-arm a timer of its own. */
			ihv_loop_remove_entry(loop, e);
			e->timer_cb(e->data);
			ran++;
			break;
		}
	}
	ihv_loop_bury(loop);
	return ran;
}

int ihv_loop_run(struct ihv_loop *loop)
{
	int rc;

	loop->quit = false;
	while (!loop->quit) {
		rc = ihv_loop_run_once(loop, -1);
		if (rc < 0)
			return rc;
	}
	return loop->quit_code;
}

void ihv_loop_quit(struct ihv_loop *loop, int code)
{
	loop->quit = true;
	loop->quit_code = code;
}

bool ihv_loop_in_loop_thread(const struct ihv_loop *loop)
{
	return pthread_equal(loop->thread, pthread_self());
}
