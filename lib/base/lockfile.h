/* SPDX-License-Identifier: MIT */
/* lockfile.h — a file edited in place by one process at a time: opened and locked, read,
 * replaced whole (a temporary file in its folder, renamed over it), unlocked.
 *
 * The lock is an advisory one: it keeps out every editor that takes it (samplan's tools),
 * not a program that just writes the file. It is an open-file-description lock (fcntl
 * F_OFD_SETLK, the whole file, F_WRLCK), chosen over the two older kinds:
 *  - Classic POSIX record locks (F_SETLK) belong to the process, and closing *any* of its
 *    descriptors of the file drops them: a library that opens the file to read it once
 *    would silently end the lock. An OFD lock, like flock(), belongs to the open file
 *    description: only closing the descriptor that took it (and its duplicates) ends it,
 *    and two of them in one process exclude each other as two processes do.
 *  - flock() reaches a file server only as an emulation, and not everywhere: the Linux NFS
 *    client turns it into a byte-range lock (since 2.6.12; not with local_lock=flock), the
 *    CIFS/SMB client only since Linux 5.5 (before, it stayed on the machine). An OFD lock is
 *    a POSIX byte-range lock itself, which the NFS client sends to the server (NLM for
 *    NFSv3, the protocol's own locks for NFSv4) and the CIFS/SMB client sends as an SMB
 *    byte-range lock.
 * On a share, then, the lock holds between machines only where the clients and the server
 * all support locking: a share mounted with `nolock` or `local_lock=all` (NFS) or `nobrl`
 * (CIFS) keeps it on each machine, and two machines may then edit at once. On a Windows SMB
 * server byte-range locks are mandatory: while the file is locked, other programs that read
 * it (a viewer, a backup, samplan-validate) get errors (EACCES) instead of its content, for
 * as long as the edit lasts, which is short.
 * Where F_OFD_SETLK is not known (a kernel before Linux 3.15 answers EINVAL, or a system
 * without it), flock(LOCK_EX) is used instead, with the limits above.
 *
 * A lock belongs to the descriptor: a child forked while it is held shares it, and it is
 * not passed on to programs the process runs (the descriptor is close-on-exec).
 * Layer: base; may include no other layer. */
#ifndef SP_LOCKFILE_H
#define SP_LOCKFILE_H

#include <stddef.h>
#include <sys/stat.h>

/* --- a locked file --------------------------------------------------------------------- */

typedef struct sp_locked sp_locked;

/**
 * Open the file path names for an in-place edit and take an exclusive lock on it.
 * A symbolic link is followed: the file it names is the one read and replaced, and the
 * link stays a link.
 *
 * Refused, NULL with errno: EISDIR for a folder, EINVAL for anything else that is not a
 * regular file (a FIFO, a device, a socket), EMLINK for a file with more than one hard
 * link (a rename would leave the other names on the old content), EACCES where the file
 * cannot be opened for writing; ENOENT and the rest as open() says.
 *
 * Waiting: the lock is tried without blocking, then again after short sleeps (2 ms at first,
 * growing to 50 ms, each a little off at random so that waiting editors do not take turns
 * in step) until wait_ms milliseconds have passed; wait_ms 0 is one try. Still held by
 * another: NULL with errno EWOULDBLOCK.
 *
 * An editor that held the lock replaced the file by a rename, so the file just locked may
 * no longer be the one at path: when the locked descriptor and the path name two files
 * (st_dev, st_ino), the path is opened again, within the same wait_ms. (The try after such a
 * replacement is made even when the time is up, once.) Free the result with sp_unlock().
 */
sp_locked *sp_lock_file(const char *path, unsigned wait_ms);

/** The path of the file edited: path with every link resolved (realpath()). Owned by l. */
const char *sp_locked_path(const sp_locked *l);

/** The locked file's fstat() (after sp_locked_replace(), the new file's). Owned by l. */
const struct stat *sp_locked_stat(const sp_locked *l);

/**
 * Read the whole locked file, from its start, into a NUL-terminated buffer the caller frees;
 * its length in *len. NULL with errno: EFBIG when it holds more than max bytes, or what
 * read() said.
 */
char *sp_locked_read(sp_locked *l, size_t max, size_t *len);

/**
 * Replace the file's content with bytes[0..len): a temporary file `.NAME.tmp-XXXXXX` in the
 * file's folder (removed if a signal stops the program, as sp_out_open()'s), written with
 * the file's mode (st_mode & 07777) and group, fsync'd, renamed over sp_locked_path(), and
 * the folder fsync'd. The lock moves to the new file before the rename, so that no other
 * editor can take it between the rename and sp_unlock(); sp_locked_read() and
 * sp_locked_stat() then see the new file.
 *
 * The new file belongs to the user who edits: only root keeps the owner. The group is kept
 * when the editor is a member of it (or root); else the file is still replaced, and
 * *warning (when warning is not NULL) is set to a sentence in English saying so, which the
 * caller shows; otherwise to NULL. Extended attributes and ACLs are not carried over.
 * 0, or -1 with errno, and then the file is as it was.
 */
int sp_locked_replace(sp_locked *l, const void *bytes, size_t len, const char **warning);

/** Release the lock and free l. NULL is fine. */
void sp_unlock(sp_locked *l);

#endif
