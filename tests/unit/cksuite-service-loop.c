/* SPDX-License-Identifier: MIT */
/* The event loop the service runs on: timers, posts from other threads
 * (in order), fd watches, removal during dispatch; and the handle table. */
#include <pthread.h>
#include <stdint.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "ck.h"
#include "handles.h"
#include "loop.h"

static int order[16];
static int norder;

static void note(void *data)
{
	order[norder++] = (int)(intptr_t)data;
}

START_TEST(test_timers_fire_in_order_and_cancel)
{
	struct ihv_loop *loop;
	uint64_t id;
	int spins = 0;

	norder = 0;
	ck_assert_ok(ihv_loop_new(&loop));
	ck_assert_ok(ihv_loop_timer_add(loop, 30, note, (void *)2, NULL));
	ck_assert_ok(ihv_loop_timer_add(loop, 5, note, (void *)1, NULL));
	ck_assert_ok(ihv_loop_timer_add(loop, 10, note, (void *)9, &id));
	ihv_loop_timer_cancel(loop, id);
	while (norder < 2 && spins++ < 100)
		ihv_loop_run_once(loop, 100);
	ck_assert_int_eq(norder, 2);
	ck_assert_int_eq(order[0], 1);
	ck_assert_int_eq(order[1], 2);
	ihv_loop_free(loop);
}
END_TEST

struct poster {
	struct ihv_loop *loop;
};

static void *post_many(void *arg)
{
	struct poster *p = arg;

	for (intptr_t i = 0; i < 10; i++)
		ihv_loop_post(p->loop, note, (void *)i, NULL);
	return NULL;
}

START_TEST(test_posts_from_thread_in_order)
{
	struct poster p;
	pthread_t t;
	int spins = 0;

	norder = 0;
	ck_assert_ok(ihv_loop_new(&p.loop));
	ck_assert_int_eq(pthread_create(&t, NULL, post_many, &p), 0);
	pthread_join(t, NULL);
	ck_assert_int_eq(norder, 0); /* nothing runs off the loop */
	while (norder < 10 && spins++ < 100)
		ihv_loop_run_once(p.loop, 100);
	ck_assert_int_eq(norder, 10);
	for (int i = 0; i < 10; i++)
		ck_assert_int_eq(order[i], i);
	ihv_loop_free(p.loop);
}
END_TEST

static int destroyed;

static void count_destroy(void *data)
{
	destroyed++;
}

START_TEST(test_free_destroys_pending_posts)
{
	struct ihv_loop *loop;

	norder = 0;
	destroyed = 0;
	ck_assert_ok(ihv_loop_new(&loop));
	ck_assert_ok(ihv_loop_post(loop, note, (void *)1, count_destroy));
	ihv_loop_free(loop);
	ck_assert_int_eq(destroyed, 1);
	ck_assert_int_eq(norder, 0);
}
END_TEST

static struct ihv_loop *watch_loop;
static int fired;

static void on_fd(int fd, uint32_t events, void *data)
{
	uint64_t v;

	fired++;
	ck_assert_int_eq(read(fd, &v, sizeof(v)), (int)sizeof(v));
	/* removing itself while dispatching is allowed */
	ihv_loop_unwatch_fd(watch_loop, fd);
}

START_TEST(test_fd_watch_and_self_removal)
{
	uint64_t one = 1;
	int efd = eventfd(0, EFD_NONBLOCK);

	fired = 0;
	ck_assert_ok(ihv_loop_new(&watch_loop));
	ck_assert_ok(ihv_loop_watch_fd(watch_loop, efd, 0x001 /* EPOLLIN */, on_fd, NULL));
	ck_assert_errno(ihv_loop_watch_fd(watch_loop, efd, 0x001, on_fd, NULL), EEXIST);
	ck_assert_int_eq(write(efd, &one, sizeof(one)), (int)sizeof(one));
	ihv_loop_run_once(watch_loop, 100);
	ck_assert_int_eq(write(efd, &one, sizeof(one)), (int)sizeof(one));
	ihv_loop_run_once(watch_loop, 20);
	ck_assert_int_eq(fired, 1);
	ihv_loop_free(watch_loop);
	close(efd);
}
END_TEST

START_TEST(test_handles_generation_and_kinds)
{
	static struct ihv_handles t;
	enum ihv_handle_retire why;
	uintptr_t a, b, owner = 0;
	int obj;

	ihv_handles_init(&t);
	ck_assert_ok(ihv_handle_new(&t, IHV_HANDLE_SVC, 0, &obj, &a));
	ck_assert_ok(ihv_handle_new(&t, IHV_HANDLE_CONNECT, a, &obj, &b));
	ck_assert_uint_ne(a, b);
	ck_assert_int_eq(ihv_handle_check(&t, a, IHV_HANDLE_SVC, NULL, NULL, NULL, NULL),
			 IHV_HANDLE_OK);
	/* wrong kind and garbage are "bad" */
	ck_assert_int_eq(ihv_handle_check(&t, b, IHV_HANDLE_SVC, NULL, NULL, NULL, NULL),
			 IHV_HANDLE_BAD);
	ck_assert_int_eq(ihv_handle_check(&t, 0x1234, IHV_HANDLE_SVC, NULL, NULL, NULL, NULL),
			 IHV_HANDLE_BAD);
	ck_assert_int_eq(ihv_handle_check(&t, 0, IHV_HANDLE_SVC, NULL, NULL, NULL, NULL),
			 IHV_HANDLE_BAD);
	/* take: exactly one winner, then stale with the reason */
	ck_assert_int_eq(ihv_handle_take(&t, b, IHV_HANDLE_CONNECT, IHV_RETIRE_COMPLETED,
					 &owner, NULL, NULL), IHV_HANDLE_OK);
	ck_assert_uint_eq(owner, a);
	ck_assert_int_eq(ihv_handle_take(&t, b, IHV_HANDLE_CONNECT, IHV_RETIRE_COMPLETED,
					 NULL, NULL, &why), IHV_HANDLE_STALE);
	ck_assert_int_eq(why, IHV_RETIRE_COMPLETED);
	/* handles are not pointers into host memory */
	ck_assert_ptr_ne((void *)a, (void *)&obj);
	ihv_handles_destroy(&t);
}
END_TEST

CK_SUITE(loop_suite)
static Suite *loop_suite(void)
{
	Suite *s = suite_create("service-loop");
	TCase *tc = tcase_create("loop");

	tcase_add_test(tc, test_timers_fire_in_order_and_cancel);
	tcase_add_test(tc, test_posts_from_thread_in_order);
	tcase_add_test(tc, test_free_destroys_pending_posts);
	tcase_add_test(tc, test_fd_watch_and_self_removal);
	tcase_add_test(tc, test_handles_generation_and_kinds);
	suite_add_tcase(s, tc);
	return s;
}
