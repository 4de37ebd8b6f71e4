/* SPDX-License-Identifier: MIT */
/* templateint.h — what template_parse.c and template.c share (internal): the tree a
 * Mustache template is parsed into.
 * Layer: letters; may include base, doc, domain and letters; internal to lib/letters. */
#ifndef SP_TEMPLATEINT_H
#define SP_TEMPLATEINT_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

typedef struct {
	const char *s;
	size_t n;
} sp_span;

typedef enum {
	SP_T_TEXT,
	SP_T_VAR,      /* {{name}} */
	SP_T_RAW,      /* {{{name}}}, {{&name}} */
	SP_T_SECTION,  /* {{#name}} */
	SP_T_INVERTED, /* {{^name}} */
	SP_T_PARTIAL,  /* {{>name}} */
	SP_T_PARENT,   /* {{<name}} */
	SP_T_BLOCK,    /* {{$name}} */
	SP_T_CLOSE,    /* {{/name}} */
	SP_T_COMMENT,  /* {{!…}} */
	SP_T_DELIM     /* {{=<% %>=}} */
} sp_tkind;

typedef struct sp_tnode sp_tnode;
struct sp_tnode {
	sp_tkind k;
	sp_span s; /* text, or the tag's name */
	bool dynamic, standalone;
	sp_span indent;      /* partials, parents, blocks: blanks before a standalone tag */
	sp_span body;        /* blocks: the content as template text */
	sp_span open, close; /* blocks: delimiters in effect in body */
	unsigned line, col;
	sp_tnode *kids;
	size_t nkids, cap;
};

/* Parse src (len bytes) with the delimiters open and close into root's kids (root itself
 * needs no freeing, its kids do: sp_tnode_free_kids). On a malformed template sets *err to
 * "line L, column C: …" (caller frees) and returns -1; root then holds nothing. The tree
 * points into src. */
int sp_template_parse(const char *src, size_t len, sp_span open, sp_span close, sp_tnode *root,
                      char **err);

/* Free the kids of n, and theirs. */
void sp_tnode_free_kids(sp_tnode *n);

static inline bool sp_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* How much of a name an error message shows. */
static inline int sp_span_shown(sp_span s)
{
	return s.n > 80 ? 80 : (int)s.n;
}

static inline sp_span sp_span_trim(const char *s, size_t n)
{
	while (n && (sp_blank(*s) || *s == '\n' || *s == '\r'))
		s++, n--;
	while (n && (sp_blank(s[n - 1]) || s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	return (sp_span){s, n};
}

static inline bool sp_span_eq(sp_span a, sp_span b)
{
	return a.n == b.n && memcmp(a.s, b.s, a.n) == 0;
}

#endif
