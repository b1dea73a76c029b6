/* SPDX-License-Identifier: MIT */
/*
 * run-reap: nothing an extension starts outlives its scenario (see
 * run-reap.c). 
 */
#ifndef IHVHOST_RUN_REAP_H
#define IHVHOST_RUN_REAP_H

#include <stddef.h>
#include <sys/types.h>

/* Makes the calling process a child subreaper. 0 or -errno. */
int run_reap_init(void);
/* Scenario process: SIGKILLs and reaps every descendant; how many. */
size_t run_reap_descendants(void);
/* Runner: SIGKILLs and reaps every child that is not in @keep (the
 * running scenarios), and what they leave behind; how many. */
size_t run_reap_orphans(const pid_t *keep, size_t n_keep);

#endif
