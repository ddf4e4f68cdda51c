//! The user list block: the capturing host's users and groups.

use crate::wire::Cursor;

/// A user from a user list block.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct User {
    /// User id.
    pub uid: u32,
    /// Primary group id.
    pub gid: u32,
    /// Login name.
    pub name: Vec<u8>,
    /// Home directory.
    pub home: Vec<u8>,
    /// Login shell.
    pub shell: Vec<u8>,
}

/// A group from a user list block.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Group {
    /// Group id.
    pub gid: u32,
    /// Group name.
    pub name: Vec<u8>,
}

impl User {
    /// Build a user (for writing captures or tests).
    pub fn new(uid: u32, gid: u32, name: &[u8], home: &[u8], shell: &[u8]) -> User {
        User {
            uid,
            gid,
            name: name.to_vec(),
            home: home.to_vec(),
            shell: shell.to_vec(),
        }
    }
}

impl Group {
    /// Build a group (for writing captures or tests).
    pub fn new(gid: u32, name: &[u8]) -> Group {
        Group {
            gid,
            name: name.to_vec(),
        }
    }
}

/// One decoded user list entry.
pub(crate) enum UserEntry {
    User(User),
    Group(Group),
}

/// Decode one entry body (after any length prefix); `None` if malformed.
pub(crate) fn decode_entry(c: &mut Cursor<'_>) -> Option<UserEntry> {
    match c.u8()? {
        0 => {
            let uid = c.u32()?;
            let gid = c.u32()?;
            let name = c.s16()?;
            let home = c.s16()?;
            let shell = c.s16()?;
            Some(UserEntry::User(User {
                uid,
                gid,
                name,
                home,
                shell,
            }))
        }
        1 => {
            let gid = c.u32()?;
            let name = c.s16()?;
            Some(UserEntry::Group(Group { gid, name }))
        }
        _ => None,
    }
}
