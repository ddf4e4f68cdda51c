//! Fds received with SCM_RIGHTS. libsinsp, on a recvmsg or recvmmsg exit
//! on a unix socket whose ancillary data passes fds, looks each of them up
//! in `/proc` (`scap_get_fdinfo`) and adds it to the receiver's fd table;
//! the live engine does the same (sysflow-core does no IO) and gives the
//! result as fd-list items right after the event.

use std::path::Path;

use super::proc_scan::received_fds;
use crate::event::Event;
use crate::reader::Item;

/// `SOL_SOCKET` and `SCM_RIGHTS` (x86_64, as every Linux).
const SOL_SOCKET: i32 = 1;
const SCM_RIGHTS: i32 = 1;
/// The kernel's limit on fds in one SCM_RIGHTS message (`SCM_MAX_FD`).
const SCM_MAX_FD: usize = 253;
/// `struct cmsghdr` on x86_64: a u64 length (header included), an i32
/// level, an i32 type, then the data; each header 8-byte aligned.
const CMSG_HDR: usize = 16;
const CMSG_ALIGN: usize = 8;

/// recvmsg and recvmmsg exits, and the slot of their `msgcontrol`.
const RECVMSG_X: u16 = 53;
const RECVMMSG_X: u16 = 55;

/// The fds passed by the SCM_RIGHTS messages of `control`, ancillary data
/// as recvmsg leaves it (the receiver's new fd numbers). Other messages
/// are skipped; a malformed header ends the walk, and a malformed
/// SCM_RIGHTS message (data not whole ints, more than the kernel passes)
/// is skipped, as libsinsp does.
pub(crate) fn scm_rights_fds(control: &[u8]) -> Vec<i32> {
    let mut fds = Vec::new();
    let mut at = 0usize;
    while let Some(hdr) = control.get(at..).and_then(|c| c.first_chunk::<CMSG_HDR>()) {
        let mut len = [0u8; 8];
        let mut level = [0u8; 4];
        let mut ty = [0u8; 4];
        len.copy_from_slice(&hdr[..8]);
        level.copy_from_slice(&hdr[8..12]);
        ty.copy_from_slice(&hdr[12..]);
        // The header is in `control`, so `at + CMSG_HDR` cannot overflow.
        let Some(body) = usize::try_from(u64::from_ne_bytes(len))
            .ok()
            .filter(|&len| len >= CMSG_HDR)
            .and_then(|len| at.checked_add(len))
            .and_then(|end| control.get(at + CMSG_HDR..end))
        else {
            break;
        };
        if i32::from_ne_bytes(level) == SOL_SOCKET
            && i32::from_ne_bytes(ty) == SCM_RIGHTS
            && body.len() % 4 == 0
            && body.len() / 4 <= SCM_MAX_FD
        {
            fds.extend(
                body.chunks_exact(4)
                    .filter_map(|b| b.try_into().ok().map(i32::from_ne_bytes)),
            );
        }
        let Some(next) = (CMSG_HDR + body.len())
            .checked_next_multiple_of(CMSG_ALIGN)
            .and_then(|n| at.checked_add(n))
        else {
            break;
        };
        at = next;
    }
    fds
}

/// The fd-list items of the fds a recvmsg or recvmmsg exit received with
/// SCM_RIGHTS, read from `/proc` now; `None` for any other event (the
/// common case: one comparison).
pub(crate) fn received_items(ev: &Event) -> Option<Vec<Item>> {
    let slot = match ev.event_type {
        RECVMSG_X => 4,
        RECVMMSG_X => 5,
        _ => return None,
    };
    let res = i64::from_le_bytes(ev.raw_param(0)?.try_into().ok()?);
    if res < 0 {
        return None;
    }
    let fds = scm_rights_fds(ev.raw_param(slot)?);
    if fds.is_empty() {
        return None;
    }
    let tid = i64::try_from(ev.tid).ok()?;
    Some(received_fds(Path::new("/proc"), tid, &fds))
}
