/* SPDX-License-Identifier: MIT */
/* diag.c — the problem list. */
#include "base/diag.h"

#include "base/util.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void sp_diags_add(sp_diags *d, sp_severity sev, const char *file, unsigned doc, sp_pos pos,
		  const char *path, const char *fmt, ...)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? 2 * d->cap : 16;
		d->v = sp_xrealloc(d->v, d->cap * sizeof *d->v);
	}
	if (sev == SP_WARNING && d->strict)
		sev = SP_ERROR;
	sp_diag *p = &d->v[d->n++];
	p->severity = sev;
	p->file = sp_xstrdup(sp_display_name(file));
	p->doc = doc;
	p->pos = pos;
	p->path = sp_xstrdup(path ? path : "");
	va_list ap;
	va_start(ap, fmt);
	p->msg = sp_xvasprintf(fmt, ap);
	va_end(ap);
	if (sev == SP_ERROR)
		d->errors++;
	else
		d->warnings++;
}

void sp_diags_clear(sp_diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].path);
		free(d->v[i].msg);
	}
	d->n = d->errors = d->warnings = 0;
}

void sp_diags_free(sp_diags *d)
{
	sp_diags_clear(d);
	free(d->v);
	d->v = NULL;
	d->cap = 0;
}

const char *sp_display_name(const char *file)
{
	return !file || strcmp(file, "-") == 0 ? "<stdin>" : file;
}

void sp_diag_print(const sp_diag *p, FILE *f, const char *prog)
{
	if (prog)
		fprintf(f, "%s: ", prog);
	fputs(p->file, f);
	if (p->pos.line)
		fprintf(f, ":%u:%u", p->pos.line, p->pos.col);
	fprintf(f, ": %s: ", p->severity == SP_ERROR ? "error" : "warning");
	if (p->doc > 1)
		fprintf(f, "document %u: ", p->doc);
	if (*p->path)
		fprintf(f, "%s: ", p->path);
	fprintf(f, "%s\n", p->msg);
}

void sp_diags_print(const sp_diags *d, FILE *f, const char *prog)
{
	for (size_t i = 0; i < d->n; i++)
		sp_diag_print(&d->v[i], f, prog);
}
