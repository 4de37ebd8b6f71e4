/* SPDX-License-Identifier: MIT */
/* atomic.h — output files that are never half-written: written to a temporary file in the
 * target's folder, then renamed into place; a signal removes the temporary file.
 * Layer: base; may include no other layer. */
#ifndef SP_ATOMIC_H
#define SP_ATOMIC_H

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

/* --- output files -------------------------------------------------------------------- */

typedef struct sp_out sp_out;

/**
 * Open the output: standard output when path is NULL or "-", else a temporary file
 * (mode 0600) in the target's directory that sp_out_commit() renames into place, so that
 * the target is never half-written. Returns NULL with errno set on failure.
 */
sp_out *sp_out_open(const char *path, mode_t mode);

/* Make SIGINT, SIGTERM, SIGHUP and SIGPIPE wait (the old mask in *old), and let them come
 * again: around work that makes files whose names samplan does not know, such as
 * libxlsxwriter's scratch files, so that the handler does not exit between their making
 * and their removal. */
void sp_signals_hold(sigset_t *old);
void sp_signals_release(const sigset_t *old);

/** The stream to write to. */
FILE *sp_out_file(sp_out *o);

/** The temporary file's name, for a library that writes to a path itself (NULL for
 * standard output). sp_out_commit() still renames it into place. */
const char *sp_out_temp_path(const sp_out *o);

/** Flush, fsync, set the mode and rename into place; frees o. 0, or -1 with errno set
 * (the temporary file is removed). */
int sp_out_commit(sp_out *o);

/** As sp_out_commit(), but never replaces a file that exists: -1 with errno EEXIST. */
int sp_out_commit_new(sp_out *o);

enum {
	SP_OUT_NO_REPLACE = 1u << 0,  /* as sp_out_commit_new() */
	SP_OUT_NO_DIR_SYNC = 1u << 1, /* leave the folder's fsync to sp_sync_dir_of(), once for a
					 batch of files: each file is whole or absent either way */
};

/** sp_out_commit() with SP_OUT_* flags. */
int sp_out_commit_flags(sp_out *o, unsigned flags);

/** fsync the folder that holds path, so the names renamed into it last. 0 or -1. */
int sp_sync_dir_of(const char *path);

/** Throw the output away (remove the temporary file); frees o. NULL is fine. */
void sp_out_abort(sp_out *o);

#endif
