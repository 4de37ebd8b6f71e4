/* SPDX-License-Identifier: MIT */
/* fuzz_rules.c — the rules loader: the bytes as a rules file, read by sp_rules_load() itself
 * from a memory file (memfd), so the check that a rules file holds one document is
 * exercised too. Rules that load are then used: example cases (compiled in, see
 * CMakeLists.txt) are assessed and their handovers checked with them, without and with the
 * example registries. */
#define _GNU_SOURCE
#include "fuzz.h"
#include "domain/handover.h"
#include "domain/rules.h"
#include "domain/screen.h"
#include "domain/validate.h"

#include <sys/mman.h>
#include <unistd.h>

#define EMBED(name)                                                                          \
	extern const unsigned char fuzz_##name[];                                             \
	extern const size_t fuzz_##name##_len;
EMBED(case_all_needs)
EMBED(case_declined)
EMBED(case_coordinator)
EMBED(case_released)
EMBED(agencies_nordland)
EMBED(agencies_oslo)

static int fd = -1;
static char path[64];
static sp_date as_of;
static sp_doc *cases[4];
static sp_agencies *reg;

/* A compiled-in document; it must be valid. */
static sp_doc *parse(const unsigned char *text, size_t len, const char *name)
{
	sp_diags d = {0};
	sp_doc *doc = NULL;
	if (sp_doc_parse_string((const char *)text, len, name, &doc, &d) != 1 || sp_validate(doc, &d)) {
		sp_diags_print(&d, stderr, "fuzz_rules");
		abort();
	}
	sp_diags_free(&d);
	return doc;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fd = memfd_create("rules", 0);
	if (fd < 0)
		abort();
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	if (!sp_date_parse("2026-11-23", &as_of))
		abort();
	cases[0] = parse(fuzz_case_all_needs, fuzz_case_all_needs_len, "all-needs");
	cases[1] = parse(fuzz_case_declined, fuzz_case_declined_len, "declined");
	cases[2] = parse(fuzz_case_coordinator, fuzz_case_coordinator_len, "coordinator");
	cases[3] = parse(fuzz_case_released, fuzz_case_released_len, "released");
	reg = sp_agencies_new();
	sp_doc *a = parse(fuzz_agencies_nordland, fuzz_agencies_nordland_len, "nordland");
	sp_agencies_add(reg, a->root);
	sp_doc_free(a);
	a = parse(fuzz_agencies_oslo, fuzz_agencies_oslo_len, "oslo");
	sp_agencies_add(reg, a->root);
	sp_doc_free(a);
	return 0;
}

static void use(const sp_rules *r, const json_t *c, const sp_agencies *agencies)
{
	sp_assessment a;
	sp_assess(c, r, agencies, as_of, &a);
	json_decref(sp_assessment_json(&a));
	sp_handover_check h;
	sp_check_handovers(c, r, agencies, as_of, 14, &h);
	(void)sp_handover_has_gaps(&h);
	json_decref(sp_handover_report_json(c, &h, 14));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != (ssize_t)size)
		abort();
	sp_diags d = {0};
	sp_rules *r = sp_rules_load(path, &d);
	if (r && d.errors)
		fuzz_fail("rules loaded with %zu errors", d.errors);
	if (!r && !d.errors)
		fuzz_fail("rules refused without an error");
	sp_diags_free(&d);
	if (r) {
		for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
			use(r, cases[i]->root, NULL);
			use(r, cases[i]->root, reg);
		}
	}
	sp_rules_free(r);
	return 0;
}
