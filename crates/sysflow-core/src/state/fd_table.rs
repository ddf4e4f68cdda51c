//! The fd table's updates: open, close, dup, fcntl, pipe and the other calls
//! that make an fd (eventfd, epoll, …), and the fds received with
//! SCM_RIGHTS (task_file events); and the working directory (chdir,
//! fchdir), which with dirfds is what relative paths resolve against.
//!
//! Sockets, which are fds too, have their own module (`sockets`).

use super::path::with_slash;
use super::{AT_FDCWD, Fd, FdKind, PPM_O_DIRECTORY, State, resolve, resolve_shared};
use crate::event::{Ev, TaskFile};

/// `F_DUPFD` and `F_DUPFD_CLOEXEC` in Falco's fcntl command encoding.
const PPM_FCNTL_F_DUPFD: i64 = 1;
const PPM_FCNTL_F_DUPFD_CLOEXEC: i64 = 26;
/// close_range's flag (Falco's encoding): mark close-on-exec instead of closing.
const PPM_CLOSE_RANGE_CLOEXEC: i64 = 1 << 1;

impl State {
    /// A file or directory opened: its fd, named by the resolved path.
    pub(super) fn open_exit(&mut self, ev: &Ev<'_>) {
        let tid = ev.tid();
        let Some(fd) = ev.ret().filter(|&fd| fd >= 0) else {
            return;
        };
        let Some(name) = ev.text_ref("name").or_else(|| ev.text_ref("path")) else {
            return;
        };
        let flags = ev.int("flags").unwrap_or(0) as u32;
        let dirfd = ev.int("dirfd");
        let path = resolve_shared(self.dir_ref(tid, dirfd), &name);
        let kind = if flags & PPM_O_DIRECTORY != 0 {
            FdKind::Directory
        } else {
            FdKind::File
        };
        self.fd_insert(
            tid,
            fd,
            Fd {
                kind,
                name: path,
                open_flags: flags,
                foid: None,
                written_in: None,
            },
        );
    }

    /// A closed fd leaves the table, after the processors have seen its close
    /// (see [`State::after`]). The fd is the exit's (current layouts), or
    /// its enter's.
    pub(super) fn close_exit(&mut self, ev: &Ev<'_>) {
        let tid = ev.tid();
        if ev.ret().is_some_and(|r| r >= 0)
            && let Some(fd) = self.event_fd(ev)
            && let Some(table) = self.fd_table_mut(tid)
        {
            table.remove(&fd);
        }
    }

    /// close_range: every fd from `first` to `last` leaves the table (with
    /// `CLOSE_RANGE_CLOEXEC` they only become close-on-exec, which no record
    /// shows).
    pub(super) fn close_range_exit(&mut self, ev: &Ev<'_>) {
        let tid = ev.tid();
        if ev.ret() != Some(0)
            || ev
                .int("flags")
                .is_some_and(|f| f & PPM_CLOSE_RANGE_CLOEXEC != 0)
        {
            return;
        }
        let (Some(first), Some(last)) = (ev.int("first"), ev.int("last")) else {
            return;
        };
        // `last` is a u32: u32::MAX means "every fd from `first` on".
        if let Some(table) = self.fd_table_mut(tid) {
            table.retain(|&fd, _| fd < first || fd > last);
        }
    }

    /// dup, dup2 and dup3: the new fd is a copy of the old one.
    pub(super) fn dup_exit(&mut self, ev: &Ev<'_>) {
        let tid = ev.tid();
        let old = ev.int("oldfd").or_else(|| self.entered_fd(tid));
        if let (Some(new), Some(old)) = (ev.ret(), old) {
            self.dup(tid, old, new);
        }
    }

    /// fcntl's enter: its fd and command, for the exit.
    pub(super) fn fcntl_enter(&mut self, ev: &Ev<'_>) {
        let tid = ev.tid();
        let e = self.entered.entry(tid).or_default();
        e.fd = ev.int("fd");
        e.fcntl_cmd = ev.int("cmd");
    }

    /// fcntl's `F_DUPFD` and `F_DUPFD_CLOEXEC` duplicate an fd like dup. The
    /// fd and command are the exit's (current layouts), or its enter's.
    pub(super) fn fcntl_exit(&mut self, ev: &Ev<'_>) {
        let tid = ev.tid();
        let e = self.entered.get(&tid).copied().unwrap_or_default();
        let cmd = ev.int("cmd").or(e.fcntl_cmd);
        let old = ev.fd_param().or(e.fd);
        if matches!(cmd, Some(PPM_FCNTL_F_DUPFD | PPM_FCNTL_F_DUPFD_CLOEXEC))
            && let (Some(new), Some(old)) = (ev.ret(), old)
        {
            self.dup(tid, old, new);
        }
    }

    /// Whether a fcntl's exit duplicated its fd: its command (the exit's,
    /// or its enter's) is `F_DUPFD` or `F_DUPFD_CLOEXEC`.
    pub fn fcntl_dups(&self, ev: &Ev<'_>) -> bool {
        let entered = self.entered.get(&ev.tid()).and_then(|e| e.fcntl_cmd);
        matches!(
            ev.int("cmd").or(entered),
            Some(PPM_FCNTL_F_DUPFD | PPM_FCNTL_F_DUPFD_CLOEXEC)
        )
    }

    /// fd `new` becomes a copy of `old`. The kernel closed whatever `new`
    /// was: when `old` is unknown, `new` is dropped rather than left naming
    /// its closed file (libsinsp leaves it).
    fn dup(&mut self, tid: i64, old: i64, new: i64) {
        if new < 0 || new == old {
            return;
        }
        match self.fd(tid, old).cloned() {
            Some(fd) => self.fd_insert(tid, new, fd),
            None => {
                if let Some(table) = self.fd_table_mut(tid) {
                    table.remove(&new);
                }
            }
        }
    }

    /// A pipe: two unnamed pipe fds.
    pub(super) fn pipe_exit(&mut self, ev: &Ev<'_>) {
        let tid = ev.tid();
        if ev.ret().is_some_and(|r| r >= 0) {
            // libsinsp names pipes only when it reads them from /proc.
            let name = String::new();
            for p in ["fd1", "fd2"] {
                if let Some(fd) = ev.int(p) {
                    self.fd_insert(tid, fd, Fd::new(FdKind::Pipe, name.clone()));
                }
            }
        }
    }

    /// A new fd of another kind (eventfd, signalfd, epoll, inotify, timerfd,
    /// …), by its type character `c`.
    pub(super) fn other_fd_exit(&mut self, ev: &Ev<'_>, c: u8) {
        let tid = ev.tid();
        if let Some(fd) = ev.ret().filter(|&fd| fd >= 0) {
            self.fd_insert(tid, fd, Fd::new(FdKind::Other(c), String::new()));
        }
    }

    /// An fd that entered the table without a call of its own (one received
    /// with SCM_RIGHTS), as Falco's task_file iterator describes it: libsinsp
    /// adds such an fd as it adds an fd it reads from `/proc`, with the
    /// type and name the event gives (a file `f` with its open flags, a
    /// directory `d`, a pipe `p`, a memfd `m`; an anonymous inode by its
    /// kind, named only when that is unknown). Sockets are in `sockets`.
    pub(super) fn task_file(&mut self, ev: &Ev<'_>, f: TaskFile) {
        let Some(fd) = ev.fd_param() else {
            return;
        };
        let name = ev.text_ref("path").unwrap_or_default();
        let entry = match f {
            TaskFile::Regular => Fd {
                open_flags: ev.int("flags").unwrap_or(0) as u32,
                ..Fd::new(FdKind::File, name)
            },
            TaskFile::Directory => Fd::new(FdKind::Directory, name),
            TaskFile::Pipe => Fd::new(FdKind::Pipe, name),
            TaskFile::Memfd => Fd::new(FdKind::Other(b'm'), name),
            TaskFile::AnonInode => {
                let c = anon_inode_char(ev.int("fd_type").unwrap_or(0));
                Fd::new(FdKind::Other(c), name)
            }
            TaskFile::Inet | TaskFile::Inet6 | TaskFile::Unix | TaskFile::Netlink => return,
        };
        self.fd_insert(ev.tid(), fd, entry);
    }

    /// chdir: the process's working directory, resolved against the old one.
    pub(super) fn chdir_exit(&mut self, ev: &Ev<'_>) {
        let tid = ev.tid();
        if ev.ret() == Some(0)
            && let Some(path) = ev.text("path")
        {
            let cwd = self
                .threads
                .get(&tid)
                .map(|t| t.cwd.clone())
                .unwrap_or_default();
            let new = resolve(&cwd, &path);
            self.set_cwd(tid, with_slash(new));
        }
    }

    /// fchdir: the process's working directory becomes its fd's name (the
    /// fd is the exit's, or its enter's).
    pub(super) fn fchdir_exit(&mut self, ev: &Ev<'_>) {
        let tid = ev.tid();
        if ev.ret() == Some(0)
            && let Some(name) = self
                .event_fd(ev)
                .and_then(|fd| self.fd(tid, fd))
                .map(|f| f.name.to_string())
        {
            self.set_cwd(tid, with_slash(name));
        }
    }

    fn set_cwd(&mut self, tid: i64, cwd: String) {
        self.for_process(tid, |t| t.cwd = cwd.clone());
    }

    /// The directory a relative path of `tid` resolves against, given a dirfd parameter.
    pub fn dir_of(&self, tid: i64, dirfd: Option<i64>) -> String {
        self.dir_ref(tid, dirfd).to_owned()
    }

    /// [`State::dir_of`], borrowed.
    fn dir_ref(&self, tid: i64, dirfd: Option<i64>) -> &str {
        match dirfd {
            Some(fd) if fd != AT_FDCWD => self.fd(tid, fd).map_or("", |f| &f.name),
            _ => self.threads.get(&tid).map_or("", |t| t.cwd.as_str()),
        }
    }
}

/// libsinsp's type character of an anonymous inode's fd, by the kind the
/// task_file iterator gives it (Falco's `anon_inode_fd_type`): eventfd `e`,
/// epoll `l`, inotify `i`, signalfd `s`, timerfd `t`, io_uring `r`,
/// userfaultfd `u`, pidfd `P`, the bpf objects `b`; perf events and
/// unknown kinds are unsupported, `X`.
fn anon_inode_char(kind: i64) -> u8 {
    match kind {
        1 => b'e',
        2 => b'l',
        3 => b'i',
        4 => b's',
        5 => b't',
        6 => b'r',
        7 => b'u',
        8 => b'P',
        9..=12 => b'b',
        _ => b'X',
    }
}
