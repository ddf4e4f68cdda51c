#!/usr/bin/env python3
"""Generate src/abi/table.rs from ../shared/reference/event-abi.json.

Usage (from crates/sysflow-capture):
    python3 tools/gen_abi_table.py [PATH/TO/event-abi.json] > src/abi/table.rs

The output is a pure data table; regenerate it instead of editing it by hand.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT = os.path.join(HERE, "..", "..", "..", "..", "shared", "reference", "event-abi.json")

PT = {
    "PT_NONE": "None", "PT_INT8": "Int8", "PT_INT16": "Int16", "PT_INT32": "Int32",
    "PT_INT64": "Int64", "PT_UINT8": "Uint8", "PT_UINT16": "Uint16", "PT_UINT32": "Uint32",
    "PT_UINT64": "Uint64", "PT_CHARBUF": "CharBuf", "PT_BYTEBUF": "ByteBuf", "PT_ERRNO": "Errno",
    "PT_SOCKADDR": "SockAddr", "PT_SOCKTUPLE": "SockTuple", "PT_FD": "Fd", "PT_PID": "Pid",
    "PT_FDLIST": "FdList", "PT_FSPATH": "FsPath", "PT_SYSCALLID": "SyscallId",
    "PT_SIGTYPE": "SigType", "PT_RELTIME": "RelTime", "PT_ABSTIME": "AbsTime", "PT_PORT": "Port",
    "PT_L4PROTO": "L4Proto", "PT_SOCKFAMILY": "SockFamily", "PT_BOOL": "Bool",
    "PT_IPV4ADDR": "Ipv4Addr", "PT_DYN": "Dyn", "PT_FLAGS8": "Flags8", "PT_FLAGS16": "Flags16",
    "PT_FLAGS32": "Flags32", "PT_UID": "Uid", "PT_GID": "Gid", "PT_DOUBLE": "Double",
    "PT_SIGSET": "SigSet", "PT_CHARBUFARRAY": "CharBufArray",
    "PT_CHARBUF_PAIR_ARRAY": "CharBufPairArray", "PT_IPV4NET": "Ipv4Net",
    "PT_IPV6ADDR": "Ipv6Addr", "PT_IPV6NET": "Ipv6Net", "PT_IPADDR": "IpAddr", "PT_IPNET": "IpNet",
    "PT_MODE": "Mode", "PT_FSRELPATH": "FsRelPath", "PT_ENUMFLAGS8": "EnumFlags8",
    "PT_ENUMFLAGS16": "EnumFlags16", "PT_ENUMFLAGS32": "EnumFlags32", "PT_FD32": "Fd32",
    "PT_PID32": "Pid32",
}
PF = {"PF_NA": "Na", "PF_DEC": "Dec", "PF_HEX": "Hex", "PF_OCT": "Oct", "PF_10_PADDED_DEC": "PaddedDec"}
EF = {
    "EF_NONE": None, "EF_CREATES_FD": "CREATES_FD", "EF_DESTROYS_FD": "DESTROYS_FD",
    "EF_USES_FD": "USES_FD", "EF_READS_FROM_FD": "READS_FROM_FD",
    "EF_WRITES_TO_FD": "WRITES_TO_FD", "EF_MODIFIES_STATE": "MODIFIES_STATE",
    "EF_UNUSED": "UNUSED", "EF_WAITS": "WAITS", "EF_SKIPPARSERESET": "SKIP_PARSE_RESET",
    "EF_OLD_VERSION": "OLD_VERSION", "EF_DROP_SIMPLE_CONS": "DROP_SIMPLE_CONS",
    "EF_LARGE_PAYLOAD": "LARGE_PAYLOAD", "EF_CONVERTER_MANAGED": "CONVERTER_MANAGED",
}


def rs_str(s):
    return json.dumps(s)


def flags_expr(flags):
    names = [EF[f.strip()] for f in flags.split("|")]
    names = [n for n in names if n]
    if not names:
        return "EventFlags::NONE"
    return "EventFlags::NONE" + "".join(f".with(EventFlags::{n})" for n in names)


def events(rev, out, const):
    evs = rev["events"]
    for i, e in enumerate(evs):
        assert e["id"] == i, (const, i)
    out.append(f"pub(super) static {const}: [EventInfo; {len(evs)}] = [")
    for e in evs:
        params = ", ".join(
            f"p({rs_str(p['name'])}, T::{PT[p['type']]}, F::{PF[p['fmt']]})" for p in e["params"]
        )
        out.append(
            f"    EventInfo {{ id: {e['id']}, symbol: {rs_str(e['symbol'])}, name: {rs_str(e['name'])}, "
            f"flags: {flags_expr(e['flags'])}, params: &[{params}] }},"
        )
    out.append("];")
    out.append("")


def names(const, table):
    out = [f"pub(super) static {const}: [&str; {len(table)}] = ["]
    for n in table:
        out.append(f"    {rs_str(n)},")
    out.append("];")
    out.append("")
    return out


def sc_list(d):
    m = max(int(k) for k in d)
    return [d.get(str(i), "") for i in range(m + 1)]


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else DEFAULT
    with open(path) as f:
        data = json.load(f)
    head = data["libs-head-2026"]
    old = data["libs-e5c53d64-2022-sysdig-0.29.3"]
    out = [
        "//! Falco's kernel event ABI as static tables: one [`EventInfo`] per event id",
        "//! for the current libs and for the 2022-03 libs snapshot (e5c53d64) that",
        "//! sysdig 0.29.3 uses, plus the PPM_SC syscall names.",
        "//!",
        "//! GENERATED FILE, do not edit by hand. Produced by",
        "//! `python3 tools/gen_abi_table.py ../../../shared/reference/event-abi.json > src/abi/table.rs`",
        "//! (run from `crates/sysflow-capture`), then `cargo fmt`.",
        "",
        "use super::{EventFlags, EventInfo, ParamInfo, ParamType as T, PrintFormat as F};",
        "",
        "const fn p(name: &'static str, ty: T, fmt: F) -> ParamInfo {",
        "    ParamInfo { name, ty, fmt }",
        "}",
        "",
        f"/// `PPM_EVENT_MAX` of the current libs.",
        f"pub(super) const EVENT_MAX_CURRENT: u16 = {head['event_max']};",
        f"/// `PPM_EVENT_MAX` of libs e5c53d64 (sysdig 0.29.3).",
        f"pub(super) const EVENT_MAX_SYSDIG_0_29: u16 = {old['event_max']};",
        "",
    ]
    events(head, out, "EVENTS_CURRENT")
    events(old, out, "EVENTS_SYSDIG_0_29")
    out += names("SYSCALLS_CURRENT", sc_list(head["ppm_sc"]))
    out += names("SYSCALLS_SYSDIG_0_29", sc_list(old["ppm_sc"]))
    out += names("GENERIC_NAMES_SYSDIG_0_29", old["generic_syscall_names_by_ppm_sc"])
    sys.stdout.write("\n".join(out))


if __name__ == "__main__":
    main()
