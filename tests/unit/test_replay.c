/* SPDX-License-Identifier: MIT */
/* test_replay.c — sp_case_as_of: a case as it stood at the end of a day. For each dated
 * event of the format (samplan-case(5)), a hand-made case with the event just after the
 * day and on the day itself, and the case the replay must give, written out by hand from
 * the rules of samplan-indicators(1), "Replay": what happened after the day is taken
 * out, what happened on it stays, and what has no date stays as it is. */
#include "unit.h"
#include "casetext.h"
#include "domain/replay.h"

#define DAY "2026-10-01" /* the day replayed; the template starts 2026-09-01 */

/* The replay of the case built from `full` on DAY equals the case built from `want`
 * (both valid), and leaves the full case as it was. */
static void check_at(int line, parts full, parts want)
{
	char *t1 = case_text(&full), *t2 = case_text(&want);
	sp_doc *a = valid_case(t1), *b = valid_case(t2);
	json_t *before = json_deep_copy(a->root);
	json_t *r = sp_case_as_of(a->root, D(DAY));
	ck_assert_msg(r != NULL, "line %d: not counted", line);
	char *got = json_dumps(r, JSON_SORT_KEYS), *exp = json_dumps(b->root, JSON_SORT_KEYS);
	ck_assert_msg(json_equal(r, b->root), "line %d:\n got  %s\n want %s", line, got, exp);
	ck_assert_msg(json_equal(a->root, before), "line %d: the case itself was changed", line);
	free(got);
	free(exp);
	json_decref(r);
	json_decref(before);
	sp_doc_free(a);
	sp_doc_free(b);
	free(t1);
	free(t2);
}
#define check(...) check_at(__LINE__, __VA_ARGS__)

/* Nothing after DAY: the case itself, not a copy. */
static void unchanged_at(int line, parts p)
{
	char *t = case_text(&p);
	sp_doc *a = valid_case(t);
	json_t *r = sp_case_as_of(a->root, D(DAY));
	ck_assert_msg(r == a->root, "line %d: a copy of an unchanged case", line);
	json_decref(r);
	sp_doc_free(a);
	free(t);
}
#define unchanged(...) unchanged_at(__LINE__, __VA_ARGS__)

START_TEST(sentence_start)
{
	/* a sentence that starts after the day: the case did not exist yet */
	parts p = {.sentence = "{type: prison, start: 2026-10-02, release: 2026-12-30}",
		   .consents = "\n  - {recipient: kommune-1804, domains: [all], given: 2026-10-02}",
		   .no_screening = true};
	char *t = case_text(&p);
	sp_doc *a = valid_case(t);
	ck_assert_ptr_null(sp_case_as_of(a->root, D(DAY)));
	/* on the day of the start it did; the consent given the next day is not there yet */
	json_t *r = sp_case_as_of(a->root, D("2026-10-02"));
	ck_assert_ptr_eq(r, a->root);
	json_decref(r);
	sp_doc_free(a);
	free(t);
	unchanged(((parts){.sentence = "{type: prison, start: 2026-10-01, release: 2026-12-30}",
			   .consents = "\n  - {recipient: kommune-1804, domains: [all], given: 2026-10-01}",
			   .date = "2026-10-01"}));
	/* the template, started a month before, with nothing dated after the day */
	unchanged((parts){0});
}
END_TEST

START_TEST(screening)
{
	/* screened the day after: not screened yet; on the day: screened */
	check((parts){.date = "2026-10-02"}, (parts){.no_screening = true});
	unchanged((parts){.date = DAY});
}
END_TEST

START_TEST(consents)
{
	/* given after the day: not there; given on it: there */
	check((parts){.consents = "\n  - {recipient: kommune-1804, domains: [all], given: 2026-09-03}"
				  "\n  - {recipient: nav-bodo, domains: [finances], given: 2026-10-02}"},
	      (parts){.consents = "\n  - {recipient: kommune-1804, domains: [all], given: 2026-09-03}"});
	/* none left: an empty list */
	check((parts){.consents = "\n  - {recipient: nav-bodo, domains: [finances], given: 2026-10-02}"},
	      (parts){.consents = " []"});
	unchanged((parts){.consents = "\n  - {recipient: nav-bodo, domains: [finances], given: 2026-10-01}"});
	/* withdrawn after the day: it held on the day; withdrawn on it: withdrawn */
	check((parts){.consents = "\n  - {recipient: nav-bodo, domains: [finances], given: 2026-09-03, "
				  "withdrawn: 2026-10-02}"},
	      (parts){.consents = "\n  - {recipient: nav-bodo, domains: [finances], given: 2026-09-03}"});
	unchanged((parts){.consents = "\n  - {recipient: nav-bodo, domains: [finances], given: 2026-09-03, "
				      "withdrawn: 2026-10-01}"});
	/* an expiry is known when the consent is given: it stays */
	unchanged((parts){.consents = "\n  - {recipient: nav-bodo, domains: [finances], given: 2026-09-03, "
				      "expires: 2027-01-01}"});
}
END_TEST

START_TEST(individual_plan)
{
	/* requested after the day: not requested yet, so not established either */
	check((parts){.ip = "ip:\n  status: established\n  requested: 2026-10-02\n"},
	      (parts){.ip = "ip:\n  status: none\n"});
	check((parts){.ip = "ip:\n  status: requested\n  requested: 2026-10-02\n"},
	      (parts){.ip = "ip:\n  status: none\n"});
	check((parts){.ip = "ip:\n  status: in_progress\n  requested: 2026-10-02\n"},
	      (parts){.ip = "ip:\n  status: none\n"});
	/* a refusal has no date of its own: it stays as it is now */
	check((parts){.ip = "ip:\n  status: refused_by_person\n  requested: 2026-10-02\n"},
	      (parts){.ip = "ip:\n  status: refused_by_person\n"});
	/* requested on the day; a status without a date: as it is now */
	unchanged((parts){.ip = "ip:\n  status: established\n  requested: 2026-10-01\n"});
	unchanged((parts){.ip = "ip:\n  status: established\n"});
	/* the coordinator appointed after the day: none yet; on it: there */
	check((parts){.ip = "ip:\n  status: in_progress\n  requested: 2026-09-05\n"
			    "  coordinator: {name: Per Pettersen, agency: kommune-1804, appointed: 2026-10-02}\n"},
	      (parts){.ip = "ip:\n  status: in_progress\n  requested: 2026-09-05\n"});
	unchanged((parts){.ip = "ip:\n  status: in_progress\n  requested: 2026-09-05\n"
				"  coordinator: {name: Per Pettersen, agency: kommune-1804, appointed: 2026-10-01}\n"});
}
END_TEST

START_TEST(responsibility_group)
{
	/* established after the day: no group yet, its members and meetings with it */
	check((parts){.group = "responsibility_group:\n  established: 2026-10-02\n"
			       "  members:\n    - {name: Per Pettersen, agency: kommune-1804, role: coordinator}\n"
			       "  meetings:\n    - {date: 2026-10-02}\n"},
	      (parts){0});
	/* meetings after the day were not held yet; one on the day was */
	check((parts){.group = "responsibility_group:\n  established: 2026-09-20\n"
			       "  meetings:\n    - {date: 2026-09-20}\n    - {date: 2026-10-01}\n"
			       "    - {date: 2026-10-02}\n    - {date: 2026-11-20}\n"},
	      (parts){.group = "responsibility_group:\n  established: 2026-09-20\n"
			       "  meetings:\n    - {date: 2026-09-20}\n    - {date: 2026-10-01}\n"});
	unchanged((parts){.group = "responsibility_group:\n  established: 2026-10-01\n"
				   "  meetings:\n    - {date: 2026-10-01}\n"});
}
END_TEST

START_TEST(letters)
{
	/* sent after the day: not sent yet */
	check((parts){.letters = "\n  - {id: L-1, template: ip-request, recipient: kommune-1804, date: 2026-09-05}"
				 "\n  - {id: L-2, template: reminder, recipient: kommune-1804, date: 2026-10-02}"},
	      (parts){.letters = "\n  - {id: L-1, template: ip-request, recipient: kommune-1804, date: 2026-09-05}"});
	/* answered after the day: no answer yet (respond_by is a deadline, known when sent) */
	check((parts){.letters = "\n  - {id: L-1, template: ip-request, recipient: kommune-1804, date: 2026-09-05, "
				 "respond_by: 2026-09-26, response: {date: 2026-10-02, outcome: granted}}"},
	      (parts){.letters = "\n  - {id: L-1, template: ip-request, recipient: kommune-1804, date: 2026-09-05, "
				 "respond_by: 2026-09-26}"});
	unchanged((parts){.letters = "\n  - {id: L-1, template: ip-request, recipient: kommune-1804, date: 2026-10-01, "
				     "respond_by: 2026-10-22, response: {date: 2026-10-01, outcome: acknowledged}}"});
}
END_TEST

START_TEST(handovers)
{
	/* requested after the day: not asked yet */
	check((parts){.handovers = "\n  - {domain: housing, to: kommune-1804, requested: 2026-09-10}"
				   "\n  - {domain: finances, to: nav-bodo, requested: 2026-10-02}"},
	      (parts){.handovers = "\n  - {domain: housing, to: kommune-1804, requested: 2026-09-10}"});
	/* confirmed after the day: still open, and the start and contact that came with the
	 * confirmation are not known yet */
	check((parts){.handovers = "\n  - {domain: housing, to: kommune-1804, requested: 2026-09-10, confirmed: 2026-10-02, "
				   "confirmed_by: Per Pettersen, starts: 2026-11-30, contact: Per Pettersen}"},
	      (parts){.handovers = "\n  - {domain: housing, to: kommune-1804, requested: 2026-09-10}"});
	/* declined after the day: still open */
	check((parts){.handovers = "\n  - {domain: housing, to: kommune-1804, requested: 2026-09-10, declined: 2026-10-02}"},
	      (parts){.handovers = "\n  - {domain: housing, to: kommune-1804, requested: 2026-09-10}"});
	/* confirmed on the day with a start after it: the start was promised, it stays */
	unchanged((parts){.handovers = "\n  - {domain: housing, to: kommune-1804, requested: 2026-09-10, confirmed: 2026-10-01, "
				       "confirmed_by: Per Pettersen, starts: 2026-11-30, contact: Per Pettersen}"});
	unchanged((parts){.handovers = "\n  - {domain: housing, to: kommune-1804, requested: 2026-10-01, declined: 2026-10-01}"});
}
END_TEST

START_TEST(programmes_and_history)
{
	/* a programme that starts after the day: not yet taken part in; one going on: there */
	check((parts){.rest = "programmes:\n  - {name: Rusmestring, from: 2026-09-15, to: 2026-11-15}\n"
			      "  - {name: Sinnemestring, from: 2026-10-02}\n"},
	      (parts){.rest = "programmes:\n  - {name: Rusmestring, from: 2026-09-15, to: 2026-11-15}\n"});
	/* the history of edits after the day (its local date) */
	check((parts){.rest = "history:\n"
			      "  - {at: \"2026-10-01T23:59:00+02:00\", user: ohansen, tool: samplan-record, event: meeting, keys: [a]}\n"
			      "  - {at: \"2026-10-02T00:01:00+02:00\", user: ohansen, tool: samplan-record, event: meeting, keys: [b]}\n"},
	      (parts){.rest = "history:\n"
			      "  - {at: \"2026-10-01T23:59:00+02:00\", user: ohansen, tool: samplan-record, event: meeting, keys: [a]}\n"});
}
END_TEST

START_TEST(everything_at_once)
{
	/* every kind of event after the day in one case: all of it undone together */
	check((parts){.date = "2026-10-05",
		      .consents = "\n  - {recipient: kommune-1804, domains: [all], given: 2026-09-03, withdrawn: 2026-12-01}",
		      .ip = "ip:\n  status: established\n  requested: 2026-10-03\n"
			    "  coordinator: {name: Per Pettersen, agency: kommune-1804, appointed: 2026-10-20}\n",
		      .group = "responsibility_group:\n  established: 2026-10-20\n",
		      .letters = "\n  - {id: L-1, template: ip-request, recipient: kommune-1804, date: 2026-10-03}",
		      .handovers = "\n  - {domain: housing, to: kommune-1804, requested: 2026-09-10, confirmed: 2026-11-01}"},
	      (parts){.no_screening = true,
		      .consents = "\n  - {recipient: kommune-1804, domains: [all], given: 2026-09-03}",
		      .ip = "ip:\n  status: none\n",
		      .letters = " []",
		      .handovers = "\n  - {domain: housing, to: kommune-1804, requested: 2026-09-10}"});
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("replay");
	TCase *tc = tcase_create("replay");
	tcase_add_test(tc, sentence_start);
	tcase_add_test(tc, screening);
	tcase_add_test(tc, consents);
	tcase_add_test(tc, individual_plan);
	tcase_add_test(tc, responsibility_group);
	tcase_add_test(tc, letters);
	tcase_add_test(tc, handovers);
	tcase_add_test(tc, programmes_and_history);
	tcase_add_test(tc, everything_at_once);
	suite_add_tcase(s, tc);
	return s;
}
