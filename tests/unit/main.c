/* SPDX-License-Identifier: MIT */
/* main.c — runs the suite of one unit-test file. */
#include "unit.h"

#include <stdlib.h>

int main(void)
{
	SRunner *sr = srunner_create(make_suite());
	srunner_run_all(sr, CK_NORMAL);
	/* a suite that runs no test (a test case left out of it) fails too */
	int failed = srunner_ntests_failed(sr) || srunner_ntests_run(sr) == 0;
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
