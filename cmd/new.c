/* SPDX-License-Identifier: MIT */
/* samplan-new — start a case file: the person, the home municipality, the unit, the
 * sentence, the contact officers and the consents known on day one, with the screening
 * matrix to fill in written commented out (nothing answered yet); never replaces a file.
 * See samplan-new(1). */
#include "base/util.h"
#include "cli/cli.h"
#include "cli/newcase.h"
#include "cli/tool.h"
#include "domain/case.h"
#include "domain/validate.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
    "Usage: samplan-new [--id ID] [--name NAME] [--born DATE] [--language LANG]\n"
    "                   [--address TEXT] [--municipality NUMBER] [--municipality-name NAME]\n"
    "                   [--unit ID] [--unit-name NAME] [--unit-type TYPE]\n"
    "                   [--sentence-type TYPE] [--start DATE] [--release DATE]\n"
    "                   [--security LEVEL] [--officer NAME[,ID]]... [--date DATE]\n"
    "                   [--consent AGENCY:DOMAIN,DOMAIN[:EXPIRES]]... [--agencies FILE]...\n"
    "                   [--from-json FILE] [--as-of DATE] [-o FILE]\n"
    "Write a new case file: the person, home municipality, unit, sentence, contact officers\n"
    "and the consents known on day one, with the screening matrix to fill in (commented out:\n"
    "nothing is answered yet). It never replaces a file. On a terminal it asks for each\n"
    "required field not given; otherwise a missing one is a usage error.\n"
    "\n"
    "      --id ID          the case's id, also its file name (required)\n"
    "      --name NAME      the person's name (required)\n"
    "      --born DATE      the person's date of birth (YYYY-MM-DD)\n"
    "      --language LANG  nb, nn, en or se: the person's language (default: nb)\n"
    "      --address TEXT   the person's address, for letters\n"
    "      --municipality NUMBER  the home municipality's number, 4 digits (required)\n"
    "      --municipality-name NAME  its name (required unless --agencies knows the number)\n"
    "      --unit ID        the agency id of the prison or probation office (required)\n"
    "      --unit-name NAME the unit's name (required unless --agencies knows the unit)\n"
    "      --unit-type TYPE prison or probation_office (required unless --agencies knows it)\n"
    "      --sentence-type TYPE  prison, community_sentence, electronic_monitoring,\n"
    "                       preventive_detention or remand (required)\n"
    "      --start DATE     the sentence's start (required)\n"
    "      --release DATE   the expected release (required unless remand)\n"
    "      --security LEVEL closed, open or halfway_house\n"
    "      --officer NAME[,ID]  a contact officer, with an id after the last comma\n"
    "                       (repeatable, up to 3)\n"
    "      --consent AGENCY:DOMAIN,DOMAIN[:EXPIRES]  a consent to share those domains (or\n"
    "                       all) with the agency, until EXPIRES (repeatable)\n"
    "      --date DATE      the day the consents were given (default: --as-of, or today)\n"
    "      --agencies FILE  the agencies registry: names and types of the municipality and\n"
    "                       the unit (repeatable)\n"
    "      --from-json FILE take the fields from a JSON object whose keys are the options'\n"
    "                       names (- is standard input); options override it\n"
    "      --as-of DATE     today's date, for --date (default: today)\n"
    "  -o, --output FILE    write to FILE (default: ID.yaml; - is standard output); an\n"
    "                       existing file is never replaced\n"
    "      --mode MODE      the mode of the file written, in octal (default: 600)\n"
    "  -h, --help           show this help and exit\n"
    "      --version        show the version and exit\n"
    "\n"
    "Exit status: 0 written; 2 usage error or bad input (nothing is written). See\n"
    "samplan-new(1).\n";

/* The fields, in the order they are asked for: each is an option of the same name and a
 * key of --from-json. */
enum field {
	F_ID,
	F_NAME,
	F_BORN,
	F_LANGUAGE,
	F_ADDRESS,
	F_MUNICIPALITY,
	F_MUNICIPALITY_NAME,
	F_UNIT,
	F_UNIT_NAME,
	F_UNIT_TYPE,
	F_SENTENCE_TYPE,
	F_START,
	F_RELEASE,
	F_SECURITY,
	F_DATE,
	F_COUNT
};

enum kind { K_TEXT, K_ID, K_DATE, K_NUMBER, K_CHOICE };

static const struct field_info {
	const char *key, *meaning, *example;
	enum kind kind;
	const char *choices; /* for K_CHOICE: the values, space-separated */
	bool required;
} fields[F_COUNT] = {
    [F_ID] = {"id", "the case's id (1-64 of A-Z a-z 0-9 . _ -), also its file name",
	      "2026-BOD-000042", K_ID, NULL, true},
    [F_NAME] = {"name", "the person's full name", "Kari Nordmann", K_TEXT, NULL, true},
    [F_BORN] = {"born", "the person's date of birth", "1990-04-12", K_DATE, NULL, false},
    [F_LANGUAGE] = {"language", "the person's language", "nb", K_CHOICE, "nb nn en se", false},
    [F_ADDRESS] = {"address", "the person's address", "Storgata 1, 8006 Bodø", K_TEXT, NULL, false},
    [F_MUNICIPALITY] = {"municipality", "the home municipality's number, 4 digits", "1804",
			K_NUMBER, NULL, true},
    [F_MUNICIPALITY_NAME] = {"municipality-name",
			     "the home municipality's name (numbers changed on 1 January 2024)",
			     "Bodø", K_TEXT, NULL, true},
    [F_UNIT] = {"unit", "the agency id of the prison or probation office that holds the case",
		"bodo-fengsel", K_ID, NULL, true},
    [F_UNIT_NAME] = {"unit-name", "the unit's name", "Bodø fengsel", K_TEXT, NULL, true},
    [F_UNIT_TYPE] = {"unit-type", "the unit's type", "prison", K_CHOICE,
		     "prison probation_office", true},
    [F_SENTENCE_TYPE] = {"sentence-type", "the type of sentence", "prison", K_CHOICE,
			 "prison community_sentence electronic_monitoring preventive_detention "
			 "remand",
			 true},
    [F_START] = {"start", "the day the sentence started", "2026-09-01", K_DATE, NULL, true},
    [F_RELEASE] = {"release", "the expected day of release", "2026-11-30", K_DATE, NULL, true},
    [F_SECURITY] = {"security", "the security level", "closed", K_CHOICE,
		    "closed open halfway_house", false},
    [F_DATE] = {"date", "the day the consents were given", "2026-09-03", K_DATE, NULL, false},
};

enum {
	OPT_FIELD = SP_OPT_FIRST_TOOL, /* + enum field */
	OPT_OFFICER = SP_OPT_FIRST_TOOL + F_COUNT,
	OPT_CONSENT,
	OPT_AGENCIES,
	OPT_FROM_JSON,
};

#define MAX_OFFICERS 3
#define MAX_CONSENTS 32

struct opts {
	sp_cli cli;
	char *v[F_COUNT];                 /* each field's value, owned; NULL: not given */
	char *officers[MAX_OFFICERS + 1]; /* "NAME[,ID]", owned */
	size_t nofficers;
	char *consents[MAX_CONSENTS];     /* "AGENCY:DOMAINS[:EXPIRES]", owned */
	size_t nconsents;
	const char *agencies[16];
	size_t nagencies;
	const char *from_json;
	bool to_stdout; /* -o - */
	sp_agencies *reg;
	bool interactive; /* stdin and stderr are a terminal: ask for what is missing */
};

/* --- one value ---------------------------------------------------------------------- */

static bool is_choice(const char *choices, const char *s)
{
	size_t n = strlen(s);
	for (const char *c = choices; *c;) {
		size_t len = strcspn(c, " ");
		if (len == n && strncmp(c, s, n) == 0)
			return true;
		c += len + (c[len] == ' ');
	}
	return false;
}

/* Why s is no value for field f: NULL when it is one. Never quotes s. */
static const char *field_problem(enum field f, const char *s)
{
	static char buf[160];
	const struct field_info *fi = &fields[f];
	switch (fi->kind) {
	case K_TEXT:
		return sp_text_blank(s) ? "is empty" : NULL;
	case K_ID:
		return sp_is_id(s) ? NULL
				: "is not an id: 1-64 characters of A-Z a-z 0-9 . _ -, not starting "
				  "with .";
	case K_DATE:
		return *sp_date_problem(s) ? sp_date_problem(s) : NULL;
	case K_NUMBER:
		return strlen(s) == 4 && strspn(s, "0123456789") == 4 ? NULL
								      : "is not 4 digits (0301)";
	case K_CHOICE:
		if (is_choice(fi->choices, s))
			return NULL;
		snprintf(buf, sizeof buf, "is not one of: %s", fi->choices);
		return buf;
	}
	return NULL;
}

/* --- the fields, from the options, --from-json and the terminal --------------------- */

static void set_field(char **slot, const char *s)
{
	free(*slot);
	*slot = sp_xstrdup(s);
}

static void take_option(struct opts *o, int c, const char *arg)
{
	if (c >= OPT_FIELD && c < OPT_FIELD + F_COUNT) {
		enum field f = (enum field)(c - OPT_FIELD);
		const char *problem = field_problem(f, arg);
		if (problem)
			sp_cli_usage_error(&o->cli, "--%s %s", fields[f].key, problem);
		set_field(&o->v[f], arg);
	} else if (c == OPT_OFFICER) {
		const char *problem = sp_officer_arg_problem(arg);
		if (problem)
			sp_cli_usage_error(&o->cli, "--officer %s", problem);
		if (o->nofficers == MAX_OFFICERS)
			sp_cli_usage_error(&o->cli, "--officer: a case has at most 3 contact officers");
		o->officers[o->nofficers++] = sp_xstrdup(arg);
	} else if (c == OPT_CONSENT) {
		sp_consent_arg k;
		const char *problem = sp_consent_arg_parse(arg, &k);
		if (problem)
			sp_cli_usage_error(&o->cli, "--consent %s", problem);
		if (o->nconsents == MAX_CONSENTS)
			sp_cli_usage_error(&o->cli, "--consent: at most %d", MAX_CONSENTS);
		o->consents[o->nconsents++] = sp_xstrdup(arg);
	} else if (c == OPT_AGENCIES) {
		if (o->nagencies == sizeof o->agencies / sizeof *o->agencies)
			sp_cli_usage_error(&o->cli, "--agencies: at most 16 registries");
		o->agencies[o->nagencies++] = arg;
	} else if (c == OPT_FROM_JSON) {
		o->from_json = arg;
	}
}

/* The field whose key is key, or -1. */
static int field_index(const char *key)
{
	for (int i = 0; i < F_COUNT; i++)
		if (strcmp(fields[i].key, key) == 0)
			return i;
	return -1;
}

/* One key of --from-json: a string, or for officer and consent also a list of strings.
 * Adds the problems to diags; options already given win. */
static void take_json_key(struct opts *o, const sp_doc *doc, const char *key, json_t *v,
			  bool officers_given, bool consents_given, sp_diags *diags)
{
	sp_pos pos = sp_doc_pos(doc, doc->root, key);
#define BAD(...) sp_diags_add(diags, SP_ERROR, doc->file, doc->index, pos, key, __VA_ARGS__)
	bool many = strcmp(key, "officer") == 0 || strcmp(key, "consent") == 0;
	if (json_is_null(v) && (many || field_index(key) >= 0))
		return; /* an export's empty field: not given */
	if (many) {
		bool given = key[0] == 'o' ? officers_given : consents_given;
		size_t n = json_is_array(v) ? json_array_size(v) : 1;
		for (size_t i = 0; i < n; i++) {
			json_t *item = json_is_array(v) ? json_array_get(v, i) : v;
			if (!json_is_string(item)) {
				BAD("must be a string, or a list of strings");
				return;
			}
			const char *s = json_string_value(item);
			if (key[0] == 'o') {
				const char *problem = sp_officer_arg_problem(s);
				if (problem)
					BAD("%s", problem);
				else if (!given && o->nofficers == MAX_OFFICERS)
					BAD("a case has at most 3 contact officers");
				else if (!given)
					o->officers[o->nofficers++] = sp_xstrdup(s);
			} else {
				sp_consent_arg k;
				const char *problem = sp_consent_arg_parse(s, &k);
				if (problem)
					BAD("%s", problem);
				else if (!given && o->nconsents == MAX_CONSENTS)
					BAD("at most %d consents", MAX_CONSENTS);
				else if (!given)
					o->consents[o->nconsents++] = sp_xstrdup(s);
			}
		}
		return;
	}
	int f = field_index(key);
	if (f < 0) {
		pos = sp_doc_key_pos(doc, doc->root, key);
		const char *names[F_COUNT + 3];
		for (int i = 0; i < F_COUNT; i++)
			names[i] = fields[i].key;
		names[F_COUNT] = "officer";
		names[F_COUNT + 1] = "consent";
		names[F_COUNT + 2] = NULL;
		const char *near = sp_closest(key, names);
		if (near)
			BAD("unknown field; did you mean %s? (the keys are the options' names, "
			    "samplan-new(1))",
			    near);
		else
			BAD("unknown field (the keys are the options' names, samplan-new(1))");
		return;
	}
	if (!json_is_string(v)) {
		BAD("must be a string (a municipality number in quotes keeps its zero)");
		return;
	}
	const char *problem = field_problem((enum field)f, json_string_value(v));
	if (problem)
		BAD("%s", problem);
	else if (!o->v[f])
		o->v[f] = sp_xstrdup(json_string_value(v));
#undef BAD
}

static bool read_json(struct opts *o)
{
	sp_diags diags = {0};
	sp_doc *doc = NULL;
	bool officers_given = o->nofficers > 0, consents_given = o->nconsents > 0;
	sp_reader *r = sp_reader_open(o->from_json, &o->cli.limits, &diags);
	int got = r ? sp_reader_next(r, &doc, &diags) : -1;
	if (got == 0)
		sp_diags_add(&diags, SP_ERROR, o->from_json, 0, (sp_pos){0, 0}, NULL,
			     "holds no JSON object: --from-json takes one");
	else if (got == 1 && !json_is_object(doc->root))
		sp_diags_add(&diags, SP_ERROR, doc->file, doc->index, doc->pos, NULL,
			     "is not a JSON object: --from-json takes one whose keys are the "
			     "options' names");
	else if (got == 1) {
		const char *key;
		json_t *v;
		json_object_foreach(doc->root, key, v)
			take_json_key(o, doc, key, v, officers_given, consents_given, &diags);
	}
	sp_diags_print(&diags, stderr, o->cli.prog);
	bool ok = diags.errors == 0;
	sp_diags_free(&diags);
	sp_doc_free(doc);
	sp_reader_close(r);
	return ok;
}

/* Ask on the terminal until a good value comes; false at the end of input. */
static bool ask(struct opts *o, enum field f)
{
	const struct field_info *fi = &fields[f];
	fprintf(stderr, "%s: %s", fi->key, fi->meaning);
	if (fi->choices)
		fprintf(stderr, ", one of: %s", fi->choices);
	fprintf(stderr, " (e.g. %s)\n", fi->example);
	char *line = NULL;
	size_t cap = 0;
	for (;;) {
		fprintf(stderr, "%s: ", fi->key);
		ssize_t n = getline(&line, &cap, stdin);
		if (n < 0) {
			fputc('\n', stderr);
			free(line);
			return false;
		}
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		const char *problem = field_problem(f, line);
		if (!problem)
			break;
		fprintf(stderr, "%s: that %s; again, please\n", fi->key, problem);
	}
	free(o->v[f]);
	o->v[f] = line;
	return true;
}

/* A municipality's name as cases write it: "Bodø" for the agency "Bodø kommune" (or
 * "Voss herad"), so that cases started here group with the others by municipality. */
static char *municipality_name(const char *agency_name)
{
	static const char *const suffixes[] = {" kommune", " herad", NULL};
	size_t n = strlen(agency_name);
	for (size_t i = 0; suffixes[i]; i++) {
		size_t k = strlen(suffixes[i]);
		if (n > k && strcmp(agency_name + n - k, suffixes[i]) == 0)
			return sp_xstrndup(agency_name, n - k);
	}
	return sp_xstrdup(agency_name);
}

/* Fill from the registry what it knows: the municipality's name, the unit's name and type. */
static void from_registry(struct opts *o, enum field f)
{
	if (!o->reg)
		return;
	if (f == F_MUNICIPALITY_NAME && o->v[F_MUNICIPALITY] && !o->v[f]) {
		const sp_agency *a = sp_agencies_municipality(o->reg, o->v[F_MUNICIPALITY]);
		if (a && a->name)
			o->v[f] = municipality_name(a->name);
	}
	const sp_agency *u = o->v[F_UNIT] ? sp_agencies_find(o->reg, o->v[F_UNIT]) : NULL;
	if (!u || (u->type != SP_AGENCY_PRISON && u->type != SP_AGENCY_PROBATION_OFFICE))
		return;
	if (f == F_UNIT_NAME && !o->v[f] && u->name)
		o->v[f] = sp_xstrdup(u->name);
	if (f == F_UNIT_TYPE && !o->v[f])
		o->v[f] = sp_xstrdup(sp_agency_type_name(u->type));
}

static const char *why_needed(enum field f)
{
	switch (f) {
	case F_MUNICIPALITY_NAME:
		return ": no --agencies registry has a municipality with that number (numbers "
		       "changed on 1 January 2024: samplan does not guess)";
	case F_UNIT_NAME:
	case F_UNIT_TYPE:
		return ": no --agencies registry has that unit as a prison or probation office";
	case F_RELEASE:
		return ": every sentence but remand has an expected release";
	default:
		return "";
	}
}

/* The file to write: -o, or ID.yaml; "-" for standard output. Caller frees. */
static char *out_path(const struct opts *o)
{
	return o->to_stdout     ? sp_xstrdup("-")
	       : o->cli.output ? sp_xstrdup(o->cli.output)
			       : sp_xasprintf("%s.yaml", o->v[F_ID]);
}

static void say_exists(const struct opts *o, const char *path)
{
	sp_cli_error(&o->cli, "%s: the file exists already; samplan-new never replaces a file: "
			      "choose another -o, or move that file away",
		     path);
}

/* Refuse a file that exists (sp_out_commit_new() refuses it again at the end, should one
 * come meanwhile). */
static bool path_free(const struct opts *o)
{
	char *path = out_path(o);
	bool exists = !o->to_stdout && access(path, F_OK) == 0;
	if (exists)
		say_exists(o, path);
	free(path);
	return !exists;
}

/* Every required field, from the registry, the terminal, or a usage error; a file that
 * exists is refused as soon as its name is known, before more questions. */
static bool complete(struct opts *o)
{
	for (int i = 0; i < F_COUNT; i++) {
		enum field f = (enum field)i;
		if (f == F_NAME && !path_free(o))
			return false;
		from_registry(o, f);
		bool required = fields[f].required;
		if (f == F_RELEASE && o->v[F_SENTENCE_TYPE] &&
		    strcmp(o->v[F_SENTENCE_TYPE], "remand") == 0)
			required = false;
		if (!required || o->v[f])
			continue;
		if (!o->interactive)
			sp_cli_usage_error(&o->cli, "--%s is needed%s", fields[f].key, why_needed(f));
		if (!ask(o, f)) {
			sp_cli_error(&o->cli, "no answer for --%s: nothing written", fields[f].key);
			return false;
		}
	}
	return true;
}

/* The checks between fields. */
static void check_dates(struct opts *o, sp_date given)
{
	sp_date start, release;
	if (o->v[F_RELEASE] && sp_date_parse(o->v[F_START], &start) &&
	    sp_date_parse(o->v[F_RELEASE], &release) && release < start)
		sp_cli_usage_error(&o->cli, "--release is before --start: give the expected release");
	for (size_t i = 0; i < o->nconsents; i++) {
		sp_consent_arg k;
		sp_consent_arg_parse(o->consents[i], &k);
		if (k.has_expires && k.expires < given)
			sp_cli_usage_error(&o->cli, "--consent: an expiry is before the day the consents "
						    "were given (--date)");
	}
}

/* --- writing --------------------------------------------------------------------------- */

/* The text, read back and validated strictly before it is written: what samplan-new
 * writes is a valid case, or nothing. */
static bool text_valid(struct opts *o, const char *text, size_t len, const char *name)
{
	sp_diags diags = {.strict = true};
	sp_doc *doc = NULL;
	if (sp_doc_parse_string(text, len, name, &doc, &diags) == 1)
		sp_validate(doc, &diags);
	bool ok = doc && diags.errors == 0;
	sp_diags_print(&diags, stderr, o->cli.prog);
	sp_diags_free(&diags);
	sp_doc_free(doc);
	return ok;
}

static int write_case(struct opts *o)
{
	sp_date given = o->cli.as_of;
	if (o->v[F_DATE])
		sp_date_parse(o->v[F_DATE], &given);
	check_dates(o, given);
	char *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);
	if (!m) {
		sp_cli_error(&o->cli, "cannot write the case: %s", strerror(errno));
		return SP_EXIT_BAD;
	}
	const sp_new_case c = {
	    .id = o->v[F_ID], .name = o->v[F_NAME], .born = o->v[F_BORN],
	    .address = o->v[F_ADDRESS], .language = o->v[F_LANGUAGE],
	    .municipality = o->v[F_MUNICIPALITY], .municipality_name = o->v[F_MUNICIPALITY_NAME],
	    .unit_id = o->v[F_UNIT], .unit_name = o->v[F_UNIT_NAME], .unit_type = o->v[F_UNIT_TYPE],
	    .sentence_type = o->v[F_SENTENCE_TYPE], .start = o->v[F_START],
	    .release = o->v[F_RELEASE], .security = o->v[F_SECURITY],
	    .officers = (const char *const *)o->officers, .nofficers = o->nofficers,
	    .consents = (const char *const *)o->consents, .nconsents = o->nconsents,
	    .given = given};
	sp_new_case_write(m, &c);
	fclose(m);
	bool to_stdout = o->to_stdout;
	char *path = out_path(o);
	int status = SP_EXIT_BAD;
	if (!text_valid(o, text, len, path))
		goto done;
	sp_out *out = sp_out_open(to_stdout ? NULL : path, o->cli.mode);
	if (!out) {
		sp_cli_error(&o->cli, "%s: cannot create the file: %s", path, strerror(errno));
		goto done;
	}
	fwrite(text, 1, len, sp_out_file(out));
	if (sp_out_commit_new(out) != 0) {
		if (errno == EEXIST)
			say_exists(o, path);
		else
			sp_cli_error(&o->cli, "%s: cannot write the file: %s", path, strerror(errno));
		goto done;
	}
	status = SP_EXIT_OK;
done:
	free(path);
	free(text);
	return status;
}

int main(int argc, char **argv)
{
	static struct option longopts[F_COUNT + 10] = {SP_CLI_LONGOPTS};
	size_t nopt = 5;
	for (int i = 0; i < F_COUNT; i++)
		longopts[nopt++] = (struct option){fields[i].key, required_argument, NULL, OPT_FIELD + i};
	longopts[nopt++] = (struct option){"officer", required_argument, NULL, OPT_OFFICER};
	longopts[nopt++] = (struct option){"consent", required_argument, NULL, OPT_CONSENT};
	longopts[nopt++] = (struct option){"agencies", required_argument, NULL, OPT_AGENCIES};
	longopts[nopt++] = (struct option){"from-json", required_argument, NULL, OPT_FROM_JSON};
	struct opts o = {0};
	sp_cli_init(&o.cli, "samplan-new", usage);
	int c;
	while ((c = sp_cli_getopt(&o.cli, argc, argv, SP_CLI_SHORTOPTS, longopts)) != -1)
		if (!sp_cli_option(&o.cli, c, optarg))
			take_option(&o, c, optarg);
		else if (c == 'o')
			o.to_stdout = !o.cli.output; /* the default is ID.yaml, not standard output */
	if (optind < argc)
		sp_cli_usage_error(&o.cli, "takes no FILE: the fields are options (or --from-json)");
	o.interactive = isatty(0) && isatty(2);
	int status = SP_EXIT_BAD;
	bool ok = true;
	o.reg = sp_tool_agencies(&o.cli, o.agencies, o.nagencies, &ok);
	if (!ok)
		goto done;
	if (o.from_json && !read_json(&o))
		goto done;
	if (!complete(&o))
		goto done;
	status = write_case(&o);
done:
	for (int i = 0; i < F_COUNT; i++)
		free(o.v[i]);
	for (size_t i = 0; i < o.nofficers; i++)
		free(o.officers[i]);
	for (size_t i = 0; i < o.nconsents; i++)
		free(o.consents[i]);
	sp_agencies_free(o.reg);
	return status;
}
