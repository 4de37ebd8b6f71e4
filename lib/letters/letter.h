/* letter.h — standard letters: the template catalogue (the user's --templates folders, then
 * the built-in templates), each letter template's header, the consent check, the data a
 * template sees, and the entry a sent letter leaves in the case's `letters`.
 * samplan-templates(5) describes templates and their data; samplan-letter-gen(1) the tool. */
#ifndef SP_LETTER_H
#define SP_LETTER_H

#include "domain/case.h"
#include "domain/rules.h"
#include "letters/template.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

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
	sp_reveal reveals;
	sp_about about;
	int response_days;  /* 0: no answer asked for */
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
} sp_letter_req;

/** A letter ready to render. */
typedef struct {
	const sp_letter_template *t;
	const char *recipient;     /* agency id or "person" (borrowed) */
	char id[24];               /* L-0004: the next free id in the case */
	sp_date date;
	bool has_respond_by;
	sp_date respond_by;
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
 * refused. rules give the needs (as samplan-screen finds them); reg may
 * be NULL only for letters to the person. Returns 0; -2 with *error (caller frees) for a
 * refusal for want of consent, which names the domain, the recipient and the consent that
 * is missing; -1 with *error for anything else (no such template, recipient or domain).
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

#endif
