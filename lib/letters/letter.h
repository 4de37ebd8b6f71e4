/* SPDX-License-Identifier: MIT */
/* letter.h — standard letters: the template catalogue (the user's --templates folders, then
 * the built-in templates), each letter template's header, the consent check, the data a
 * template sees, and the entry a sent letter leaves in the case's `letters`; then where
 * letters go (files named by a pattern, the letter log written back into the cases), the
 * letters the rules suggest, a template's guide and a Mustache file rendered as it is.
 * samplan-templates(5) describes templates and their data; samplan-letter-gen(1) the tool.
 * Layer: letters; may include base, doc, domain and letters. */
#ifndef SP_LETTER_H
#define SP_LETTER_H

#include "domain/case.h"
#include "doc/doc.h"
#include "domain/rules.h"
#include "letters/template.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

/** A template file may be at most this long. */
#define SP_TEMPLATE_MAX_FILE (1u << 20)

/** Who a letter template writes to, beyond an agency type (sp_agency_type) and
 * SP_TO_PERSON (rules.h): any agency. */
#define SP_TO_ANY (-2)

/** Which domains a letter reveals (the header's `reveals`). */
typedef enum {
	SP_REVEAL_NEEDS,  /* the person's need domains among the template's domains */
	SP_REVEAL_DOMAIN, /* the one domain the letter is about */
	SP_REVEAL_NONE    /* none */
} sp_reveal;

/** Which earlier letter a template refers to (the header's `about`). */
typedef enum { SP_ABOUT_NONE, SP_ABOUT_UNANSWERED, SP_ABOUT_REFUSED } sp_about;

/** A letter template: its header and its Mustache body. */
typedef struct {
	char *id, *title, *guide;
	char *path;         /* the file, or "built-in:NAME" */
	int recipient;      /* sp_agency_type, SP_TO_PERSON or SP_TO_ANY */
	sp_domain_set domains;
	sp_domain_set subject_domains; /* what its title and purpose tell (`subject_domains`);
					  among domains */
	sp_reveal reveals;
	sp_about about;
	int response_days;  /* 0: no answer asked for */
	bool handover;      /* it asks a service to take over follow-up after release (the
			       header's `handover`): its answer is due by the handover deadline */
	char *body;         /* the template after its header */
	size_t body_len;
	unsigned body_line; /* the line of the file the body starts on */
} sp_letter_template;

/** The templates: the folders given (searched first, in order), then the built-in ones. */
typedef struct sp_templates sp_templates;

/** A catalogue over dirs[0..n); NULL and *error (caller frees) when a folder cannot be read. */
sp_templates *sp_templates_new(const char *const *dirs, size_t n, char **error);
void sp_templates_free(sp_templates *t);

/**
 * The letter template `id` (loaded once, then kept). NULL and *error (caller frees) when
 * there is none, or its file is not a letter template: "FILE:LINE:COL: what; what to do".
 */
const sp_letter_template *sp_templates_get(sp_templates *t, const char *id, char **error);

/** The ids of every letter template (files with a header), sorted; caller frees the array
 * and each id. */
char **sp_templates_ids(sp_templates *t, size_t *n);

/**
 * The partial loader for sp_template_render (ctx is the sp_templates): `NAME.mustache` from
 * the folders, then built-in; a letter template's header is left out. Names are ids (no
 * `/`, no leading `.`) and a file must not lead outside its folder through a symbolic
 * link; such a name renders as nothing, and sp_templates_error() says why.
 */
char *sp_templates_partial(const char *name, void *ctx);

/** The first problem the partial loader met since the last call (caller frees), or NULL. */
char *sp_templates_error(sp_templates *t);

/** The built-in template files (for tests): name without .mustache, text, length. */
typedef struct {
	const char *name;
	const char *text;
	size_t len;
} sp_builtin_template;
extern const sp_builtin_template sp_builtin_templates[];
extern const size_t sp_builtin_template_count;

/* --- one letter ---------------------------------------------------------------------- */

/** What the user asks for. */
typedef struct {
	const char *template_id;
	const char *to;       /* agency id or "person"; NULL: the template's kind of recipient */
	int domain;           /* sp_domain the letter is about, or -1 */
	const char *about;    /* the earlier letter's id (reminder, complaint), or NULL */
	sp_date date;         /* the letter's date */
	bool skip_consent;    /* --without-consent-check */
	unsigned unlogged;    /* 0: the letter is logged in the case, its id the log's next
				 L-NNNN; k > 0: it is not, its id U-YYYYMMDD-k (the letter's
				 date), which no logged letter can have */
} sp_letter_req;

/* --- the answer date (answer.c) -------------------------------------------------------- */

/** What decides the date a letter asks for an answer by. */
typedef struct {
	sp_date date;         /* the letter's date */
	int days;             /* the usual answer time in days, > 0 */
	bool has_release;     /* the case has a release date */
	sp_date release;
	bool handover;        /* the letter asks a service to take over follow-up */
	int deadline_days;    /* the handover deadline is release − this (rules) */
	int min_working_days; /* the shortest answer time a letter may ask for (rules) */
} sp_answer_ask;

/** How the answer date was decided. */
typedef enum {
	SP_ANSWER_USUAL,     /* the letter's date plus the usual answer time */
	SP_ANSWER_SHORTENED, /* moved back to the last working day on or before the limit */
	SP_ANSWER_SOONEST    /* not even the shortest answer time fits: "as soon as possible" */
} sp_answer_kind;

typedef struct {
	sp_answer_kind kind;
	sp_date respond_by; /* the date asked for; SP_ANSWER_SOONEST: the date the log keeps,
			       the letter's date plus the shortest answer time in working days */
	bool by_deadline;   /* the limit is the handover deadline, not release */
	sp_date limit;      /* the last day an answer fits: release, or the handover deadline
			       (set when the release is not before the letter's date) */
} sp_answer;

/**
 * The answer date of a letter. With the usual date on or before the limit (release, or
 * for a handover, release − deadline_days; none when release is before the letter's date)
 * it is the usual date. Else, when the letter's date plus min_working_days working
 * days (weekends and Norwegian public holidays skipped) is still on or before the limit,
 * the last working day on or before the limit; else SP_ANSWER_SOONEST. The usual date may
 * fall past 9999-12-31 (sp_date_valid() tells).
 */
sp_answer sp_answer_date(const sp_answer_ask *ask);

/** A letter ready to render. */
typedef struct {
	const sp_letter_template *t;
	const char *recipient;     /* agency id or "person" (borrowed) */
	char id[24];               /* L-0004: the next free id in the case; U-20261123-1 unlogged */
	sp_date date;
	bool has_respond_by;
	sp_date respond_by;        /* the date in the log: answer.respond_by */
	sp_answer answer;          /* how it was decided (with has_respond_by) */
	bool asks_handover;        /* it asks a service to take over follow-up: its template
				      does, or it reminds of a letter or request that did */
	int domain;                /* the letter's domain, or -1 */
	const char *about;         /* the earlier letter's id, or NULL */
	sp_domain_set reveals;     /* the domains the letter reveals */
	sp_domain_set unconsented; /* of those, the ones without consent (skip_consent only) */
	sp_domain_set withheld;    /* needs left out of a `reveals: needs` letter for want of
				      consent (the letter is written without them) */
	bool no_consent_at_all;    /* no consent to the recipient holds (skip_consent only) */
	json_t *view;              /* the data the template sees (owned) */
} sp_draft;

/**
 * Prepare a letter for case c (valid): pick the recipient, check consent on the letter's
 * date, and build the view. A `reveals: needs` letter tells only the needs the person
 * consented to share with the recipient (out->withheld says which it leaves out); a letter
 * about one domain without consent for it, or to a recipient no consent holds for, is
 * refused; so is one whose subject tells domains (the template's subject_domains, and those
 * of the earlier letter it names) when no consent to the recipient holds for any of them. rules
 * give the needs (as samplan-screen finds them); reg may be NULL only for letters to the person.
 * Returns 0; -2 with *error (caller frees) for a refusal for want of consent, which names the
 * template, the recipient, the domains and the consent that is missing (never a value from the
 * case); -1 with *error for anything else (no such template, recipient or domain).
 */
int sp_letter_prepare(const json_t *c, sp_templates *t, const sp_rules *rules,
		      const sp_agencies *reg, const sp_letter_req *req, sp_draft *out,
		      char **error);
void sp_draft_clear(sp_draft *l);

/** Render the letter's template to letter markup (samplan-templates(5)); caller frees.
 * NULL and *error on a template error. */
char *sp_letter_markup(const sp_draft *l, sp_templates *t, size_t *len, char **error);

/** The entry for the case's `letters` (id, template, recipient, date, respond_by, domain,
 * about, and consent_override with reason when consent was not checked). */
json_t *sp_letter_log_entry(const sp_draft *l, const char *reason);

/** Append entry (stolen) to c's `letters`, creating the list when it is absent or null. */
void sp_letter_log(json_t *c, json_t *entry);

/** "23. november 2026" into buf (32 bytes). */
char *sp_date_text_nb(sp_date d, char buf[32]);

/** The Norwegian name of a domain ("psykisk helse"). */
const char *sp_domain_name_nb(sp_domain d);

/* --- letter files (letterfile.c) --------------------------------------------------------- */

/** True if name is an output-name pattern (it has a `{`). */
bool sp_letter_name_is_pattern(const char *name);

/** NULL if the pattern is good, else what is wrong with it (a static string): a `{` without
 * its `}`, or a name other than {id}, {template}, {recipient}, {letter}, {date}, {ext}. */
const char *sp_letter_name_problem(const char *pattern);

/** The file name for letter l of case case_id: pattern with {id} (case_id), {template},
 * {recipient}, {letter} (the letter's id), {date} and {ext} (ext) replaced; a name without
 * placeholders is copied. Caller frees. */
char *sp_letter_name(const char *pattern, const char *case_id, const sp_draft *l,
		     const char *ext);

/** Letter files written one after another. A letter's folder is synced once, when a letter
 * goes to another folder or the batch ends (sp_letter_files_sync()); each file is whole or
 * absent either way. Zero-initialise. */
typedef struct {
	char *dir_to_sync; /* the folder of the letter written last, not yet synced (owned) */
} sp_letter_files;

/**
 * Write bytes[0..len) to path atomically, mode mode; the folders leading to it that are
 * missing are made, mode 0700 (they hold letters about people). Without replace a file
 * that exists stays as it is. 0, or -1 with errno set (EEXIST: the file exists).
 */
int sp_letter_file_write(sp_letter_files *f, const char *path, mode_t mode, bool replace,
			 const void *bytes, size_t len);

/** Sync the folder of the letters written last, if not yet done, and forget it: call it
 * before the case says they were sent, and at the end (it frees what f holds). 0, or -1
 * with errno set. */
int sp_letter_files_sync(sp_letter_files *f);

/* --- the letter log on a stream (record.c) ---------------------------------------------- */

/** Cases written again with their letters logged, one after another on a stream
 * (--record). Zero-initialise. */
typedef struct {
	sp_writer *w; /* the stream's writer, opened with the first case */
} sp_letter_record;

/** Write case c on stream f; the stream is in the first case's format fmt. 0, or -1 with
 * errno set. */
int sp_letter_record_put(sp_letter_record *r, FILE *f, const json_t *c, sp_format fmt);

/** Finish the stream, if one was opened: 0, or -1 with errno set. */
int sp_letter_record_close(sp_letter_record *r);

/* --- letters suggested (suggest.c) ------------------------------------------------------- */

/** Which tool's suggestions to write. */
typedef enum { SP_SUGGEST_NONE, SP_SUGGEST_SCREEN, SP_SUGGEST_HANDOVER } sp_suggest;

/**
 * The letters samplan-screen (SP_SUGGEST_SCREEN) or samplan-handover-check (14 days,
 * SP_SUGGEST_HANDOVER) suggests for case c (valid) as of as_of, as requests into
 * reqs[0..max), each with like's date and skip_consent. Returns how many. The requests
 * borrow strings from c and rules.
 */
size_t sp_letter_suggested(const json_t *c, sp_suggest from, const sp_rules *rules,
			   const sp_agencies *reg, sp_date as_of, const sp_letter_req *like,
			   sp_letter_req *reqs, size_t max);

/* --- a template's guide (guide.c) --------------------------------------------------------- */

/** Who a template writes to, in words: "person", "any" or the agency type's name. */
const char *sp_letter_recipient_name(int recipient);

/** Write template t's guide for the caseworker on f: its id and title, recipient, the
 * domains it may reveal, the time to answer, its file, then the guide wrapped at 76
 * columns. The caller checks ferror(f). */
void sp_letter_guide_write(FILE *f, const sp_letter_template *t);

/* --- a Mustache file rendered as it is (render.c) ----------------------------------------- */

/** "html", "xml" or "none"; false for anything else. */
bool sp_escape_parse(const char *name, sp_escape *out);

/**
 * Read Mustache file path to render it: at most SP_TEMPLATE_MAX_FILE bytes, without the
 * `---` header of a letter template (not part of what it renders). Returns the text
 * (caller frees) and its length in *len, or NULL with errno set (EFBIG: longer).
 */
char *sp_template_file_read(const char *path, size_t *len);

/**
 * Read the one document to render against from file ("-": standard input), whatever its
 * type: JSON (a `{` or `[` first) is one value here, an array too, not a stream of
 * documents; else the first YAML document. Returns 1 with *doc (caller frees with
 * sp_doc_free()); 0 when there is no document; -1 with je->text set (not empty) when the
 * JSON is not one value, or with the YAML problems in diags, or else with errno set: the
 * file cannot be read (EFBIG: it is longer than max_bytes).
 */
int sp_render_data_read(const char *file, size_t max_bytes, sp_doc **doc, sp_diags *diags,
			json_error_t *je);

#endif
