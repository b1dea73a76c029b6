/* SPDX-License-Identifier: MIT */
/*
 * loop: the one event loop that owns all host state (epoll + timerfd +
 * eventfd).
 *
 * Threading contract: everything here is called from the loop's own thread
 * EXCEPT ihv_loop_post(), which any thread (an extension's worker thread in
 * particular) may call to hand a function to the loop. That is the only way
 * work crosses threads; the Dot11Ext APIs use it so they never touch state
 * from the caller's thread.
 *
 * Callbacks may add or remove watches and timers (including their own) and
 * may post; removal of an entry that is about to be dispatched in the same
 * epoll batch is safe (it is skipped).
 *
 * Errors: 0 or a negative errno.
 */
#ifndef IHVHOST_LOOP_H
#define IHVHOST_LOOP_H

#include <stdbool.h>
#include <stdint.h>

struct ihv_loop;

typedef void (*ihv_loop_fd_cb)(int fd, uint32_t events, void *data);
typedef void (*ihv_loop_timer_cb)(void *data);
typedef void (*ihv_loop_post_cb)(void *data);
/* Releases @data of a post that will never run (loop freed first). */
typedef void (*ihv_loop_destroy_cb)(void *data);

int ihv_loop_new(struct ihv_loop **out);
/* Closes every watch/timer fd it created; pending posts are destroyed
 * (their destroy callback runs, their function does not). NULL ok. */
void ihv_loop_free(struct ihv_loop *loop);

/* Watches @fd (not owned) for @events (EPOLLIN...). -EEXIST if watched. */
int ihv_loop_watch_fd(struct ihv_loop *loop, int fd, uint32_t events,
		      ihv_loop_fd_cb cb, void *data);
/* Unknown fds are ignored. */
void ihv_loop_unwatch_fd(struct ihv_loop *loop, int fd);

/* One-shot timer after @ms milliseconds; *id (>0) identifies it. */
int ihv_loop_timer_add(struct ihv_loop *loop, unsigned int ms,
		       ihv_loop_timer_cb cb, void *data, uint64_t *id);
/* Cancels a timer that has not fired yet; unknown/fired ids are ignored. */
void ihv_loop_timer_cancel(struct ihv_loop *loop, uint64_t id);

/* Thread-safe. Runs @fn(@data) on the loop thread, in posting order.
 * -ENOMEM: nothing was queued (and @destroy was NOT called). */
int ihv_loop_post(struct ihv_loop *loop, ihv_loop_post_cb fn, void *data,
		  ihv_loop_destroy_cb destroy);

/* Dispatches one batch of ready events, waiting at most @timeout_ms
 * (-1 = forever). Returns the number of callbacks run (>= 0). */
int ihv_loop_run_once(struct ihv_loop *loop, int timeout_ms);
/* Runs until ihv_loop_quit(); returns its @code. */
int ihv_loop_run(struct ihv_loop *loop);
/* Loop thread only (a post from another thread can call it). */
void ihv_loop_quit(struct ihv_loop *loop, int code);
/* True when called from the thread that last ran the loop (or created it
 * when it never ran): lets the APIs detect a call from inside a handler. */
bool ihv_loop_in_loop_thread(const struct ihv_loop *loop);

#endif /* IHVHOST_LOOP_H */
