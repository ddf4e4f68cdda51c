// Exercises libsysflow-c's C++ headers: every record's members by name and
// type, default values, every union's accessors (and the exception a get of
// the wrong branch throws), the constants' values, the exception and the
// configuration. tests/cpp_headers.rs builds it with -Wall -Wextra -Werror
// -pedantic and runs it; it prints each failed check and exits 1 if any.
//
// The expected names, types and values are the reference collector's (its
// avrogencpp-generated sysflow.hh, enums.hh, op_flags.h, sfconfig.h and
// sysflowexception.h), written out here by hand rather than generated, so
// that they check the generator.

#include "sfconfig.h"
#include "sysflow/enums.hh"
#include "sysflowexception.h"

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <map>
#include <new>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace {

int checks = 0;
int failures = 0;

void check(bool ok, const char *what, const char *context, int line) {
    ++checks;
    if (!ok) {
        ++failures;
        std::fprintf(stderr, "headers.cpp:%d: failed: %s%s%s\n", line, what,
                     context[0] != '\0' ? " for " : "", context);
    }
}

#define CHECK(cond) check((cond), #cond, "", __LINE__)
#define CHECK_FOR(context, cond) check((cond), #cond, (context), __LINE__)

// Types whose names hold a comma, which a macro argument cannot.
using Foid = std::array<std::uint8_t, 20>;
using StringMap = std::map<std::string, std::string>;

#define MEMBER(Struct, member, Type)                                           \
    static_assert(std::is_same<decltype(Struct::member), Type>::value,        \
                  #Struct "::" #member " is " #Type)

// The records: every field, by the schema's name, with avrogencpp's type.
MEMBER(sysflow::SFHeader, version, int64_t);
MEMBER(sysflow::SFHeader, exporter, std::string);
MEMBER(sysflow::SFHeader, ip, std::string);
MEMBER(sysflow::SFHeader, filename, std::string);

MEMBER(sysflow::Container, id, std::string);
MEMBER(sysflow::Container, name, std::string);
MEMBER(sysflow::Container, image, std::string);
MEMBER(sysflow::Container, imageid, std::string);
MEMBER(sysflow::Container, type, sysflow::ContainerType);
MEMBER(sysflow::Container, privileged, bool);
MEMBER(sysflow::Container, podId, sysflow::Container::podId_t);

MEMBER(sysflow::OID, createTS, int64_t);
MEMBER(sysflow::OID, hpid, int64_t);

MEMBER(sysflow::Process, state, sysflow::SFObjectState);
MEMBER(sysflow::Process, oid, sysflow::OID);
MEMBER(sysflow::Process, poid, sysflow::Process::poid_t);
MEMBER(sysflow::Process, ts, int64_t);
MEMBER(sysflow::Process, exe, std::string);
MEMBER(sysflow::Process, exeArgs, std::string);
MEMBER(sysflow::Process, uid, int32_t);
MEMBER(sysflow::Process, userName, std::string);
MEMBER(sysflow::Process, gid, int32_t);
MEMBER(sysflow::Process, groupName, std::string);
MEMBER(sysflow::Process, tty, bool);
MEMBER(sysflow::Process, containerId, sysflow::Process::containerId_t);
MEMBER(sysflow::Process, entry, bool);
MEMBER(sysflow::Process, cwd, std::string);
MEMBER(sysflow::Process, env, std::vector<std::string>);

MEMBER(sysflow::File, state, sysflow::SFObjectState);
MEMBER(sysflow::File, oid, Foid);
MEMBER(sysflow::File, ts, int64_t);
MEMBER(sysflow::File, restype, int32_t);
MEMBER(sysflow::File, path, std::string);
MEMBER(sysflow::File, containerId, sysflow::File::containerId_t);

MEMBER(sysflow::ProcessEvent, procOID, sysflow::OID);
MEMBER(sysflow::ProcessEvent, ts, int64_t);
MEMBER(sysflow::ProcessEvent, tid, int64_t);
MEMBER(sysflow::ProcessEvent, opFlags, int32_t);
MEMBER(sysflow::ProcessEvent, args, std::vector<std::string>);
MEMBER(sysflow::ProcessEvent, ret, int32_t);

MEMBER(sysflow::NetworkFlow, procOID, sysflow::OID);
MEMBER(sysflow::NetworkFlow, ts, int64_t);
MEMBER(sysflow::NetworkFlow, tid, int64_t);
MEMBER(sysflow::NetworkFlow, opFlags, int32_t);
MEMBER(sysflow::NetworkFlow, endTs, int64_t);
MEMBER(sysflow::NetworkFlow, sip, int32_t);
MEMBER(sysflow::NetworkFlow, sport, int32_t);
MEMBER(sysflow::NetworkFlow, dip, int32_t);
MEMBER(sysflow::NetworkFlow, dport, int32_t);
MEMBER(sysflow::NetworkFlow, proto, int32_t);
MEMBER(sysflow::NetworkFlow, fd, int32_t);
MEMBER(sysflow::NetworkFlow, numRRecvOps, int64_t);
MEMBER(sysflow::NetworkFlow, numWSendOps, int64_t);
MEMBER(sysflow::NetworkFlow, numRRecvBytes, int64_t);
MEMBER(sysflow::NetworkFlow, numWSendBytes, int64_t);

MEMBER(sysflow::FileFlow, procOID, sysflow::OID);
MEMBER(sysflow::FileFlow, ts, int64_t);
MEMBER(sysflow::FileFlow, tid, int64_t);
MEMBER(sysflow::FileFlow, opFlags, int32_t);
MEMBER(sysflow::FileFlow, openFlags, int32_t);
MEMBER(sysflow::FileFlow, endTs, int64_t);
MEMBER(sysflow::FileFlow, fileOID, Foid);
MEMBER(sysflow::FileFlow, fd, int32_t);
MEMBER(sysflow::FileFlow, numRRecvOps, int64_t);
MEMBER(sysflow::FileFlow, numWSendOps, int64_t);
MEMBER(sysflow::FileFlow, numRRecvBytes, int64_t);
MEMBER(sysflow::FileFlow, numWSendBytes, int64_t);

MEMBER(sysflow::FileEvent, procOID, sysflow::OID);
MEMBER(sysflow::FileEvent, ts, int64_t);
MEMBER(sysflow::FileEvent, tid, int64_t);
MEMBER(sysflow::FileEvent, opFlags, int32_t);
MEMBER(sysflow::FileEvent, fileOID, Foid);
MEMBER(sysflow::FileEvent, ret, int32_t);
MEMBER(sysflow::FileEvent, newFileOID, sysflow::FileEvent::newFileOID_t);

MEMBER(sysflow::NetworkEvent, procOID, sysflow::OID);
MEMBER(sysflow::NetworkEvent, ts, int64_t);
MEMBER(sysflow::NetworkEvent, tid, int64_t);
MEMBER(sysflow::NetworkEvent, opFlags, int32_t);
MEMBER(sysflow::NetworkEvent, sip, int32_t);
MEMBER(sysflow::NetworkEvent, sport, int32_t);
MEMBER(sysflow::NetworkEvent, dip, int32_t);
MEMBER(sysflow::NetworkEvent, dport, int32_t);
MEMBER(sysflow::NetworkEvent, proto, int32_t);
MEMBER(sysflow::NetworkEvent, ret, int32_t);

MEMBER(sysflow::ProcessFlow, procOID, sysflow::OID);
MEMBER(sysflow::ProcessFlow, ts, int64_t);
MEMBER(sysflow::ProcessFlow, numThreadsCloned, int64_t);
MEMBER(sysflow::ProcessFlow, opFlags, int32_t);
MEMBER(sysflow::ProcessFlow, endTs, int64_t);
MEMBER(sysflow::ProcessFlow, numThreadsExited, int64_t);
MEMBER(sysflow::ProcessFlow, numCloneErrors, int64_t);

MEMBER(sysflow::Port, port, int32_t);
MEMBER(sysflow::Port, targetPort, int32_t);
MEMBER(sysflow::Port, nodePort, int32_t);
MEMBER(sysflow::Port, proto, std::string);

MEMBER(sysflow::Service, name, std::string);
MEMBER(sysflow::Service, id, std::string);
MEMBER(sysflow::Service, namespace_, std::string);
MEMBER(sysflow::Service, portList, std::vector<sysflow::Port>);
MEMBER(sysflow::Service, clusterIP, std::vector<int64_t>);

MEMBER(sysflow::Pod, ts, int64_t);
MEMBER(sysflow::Pod, id, std::string);
MEMBER(sysflow::Pod, name, std::string);
MEMBER(sysflow::Pod, nodeName, std::string);
MEMBER(sysflow::Pod, hostIP, std::vector<int64_t>);
MEMBER(sysflow::Pod, internalIP, std::vector<int64_t>);
MEMBER(sysflow::Pod, namespace_, std::string);
MEMBER(sysflow::Pod, restartCount, int64_t);
MEMBER(sysflow::Pod, labels, StringMap);
MEMBER(sysflow::Pod, selectors, StringMap);
MEMBER(sysflow::Pod, services, std::vector<sysflow::Service>);

MEMBER(sysflow::K8sEvent, kind, sysflow::K8sComponent);
MEMBER(sysflow::K8sEvent, action, sysflow::K8sAction);
MEMBER(sysflow::K8sEvent, ts, int64_t);
MEMBER(sysflow::K8sEvent, message, std::string);

MEMBER(sysflow::SysFlow, rec, sysflow::SysFlow::rec_t);

// The unions: one class per union field, numbered as avrogencpp numbers
// them (the reference's header names them so).
#define SAME(A, B) static_assert(std::is_same<A, B>::value, #A " is " #B)
SAME(sysflow::Container::podId_t, sysflow::_SysFlow_avsc_Union__0__);
SAME(sysflow::Process::poid_t, sysflow::_SysFlow_avsc_Union__1__);
SAME(sysflow::Process::containerId_t, sysflow::_SysFlow_avsc_Union__2__);
SAME(sysflow::File::containerId_t, sysflow::_SysFlow_avsc_Union__3__);
SAME(sysflow::FileEvent::newFileOID_t, sysflow::_SysFlow_avsc_Union__4__);
SAME(sysflow::SysFlow::rec_t, sysflow::_SysFlow_avsc_Union__5__);

// The enums: scoped, unsigned.
SAME(std::underlying_type<sysflow::ContainerType>::type, unsigned);
SAME(std::underlying_type<sysflow::SFObjectState>::type, unsigned);
SAME(std::underlying_type<sysflow::K8sComponent>::type, unsigned);
SAME(std::underlying_type<sysflow::K8sAction>::type, unsigned);
static_assert(!std::is_convertible<sysflow::ContainerType, unsigned>::value,
              "ContainerType is an enum class");

// The union exception is a std::runtime_error, as avro::Exception is.
static_assert(std::is_base_of<std::runtime_error, sysflow::UnionBranchError>::value,
              "UnionBranchError is a std::runtime_error");

// Whether U has is_null(): unions with a null branch only.
template <typename U, typename = void> struct HasIsNull : std::false_type {};
template <typename U>
struct HasIsNull<U, std::void_t<decltype(std::declval<const U &>().is_null())>>
    : std::true_type {};
static_assert(HasIsNull<sysflow::Process::poid_t>::value, "poid has is_null()");
static_assert(!HasIsNull<sysflow::SysFlow::rec_t>::value, "rec has no is_null()");

// The configuration, as the reference declares it.
MEMBER(SysFlowConfig, filterContainers, bool);
MEMBER(SysFlowConfig, rotateInterval, int);
MEMBER(SysFlowConfig, exporterID, std::string);
MEMBER(SysFlowConfig, nodeIP, std::string);
MEMBER(SysFlowConfig, filePath, std::string);
MEMBER(SysFlowConfig, socketPath, std::string);
MEMBER(SysFlowConfig, scapInputPath, std::string);
MEMBER(SysFlowConfig, falcoFilter, std::string);
MEMBER(SysFlowConfig, samplingRatio, int);
MEMBER(SysFlowConfig, criPath, std::string);
MEMBER(SysFlowConfig, criTO, int);
MEMBER(SysFlowConfig, enableStats, bool);
MEMBER(SysFlowConfig, enableProcessFlow, bool);
MEMBER(SysFlowConfig, fileOnly, bool);
MEMBER(SysFlowConfig, fileReadMode, int);
MEMBER(SysFlowConfig, dropMode, bool);
MEMBER(SysFlowConfig, callback, SysFlowCallback);
MEMBER(SysFlowConfig, debugMode, bool);
MEMBER(SysFlowConfig, k8sAPIURL, std::string);
MEMBER(SysFlowConfig, k8sAPICert, std::string);
MEMBER(SysFlowConfig, moduleChecks, bool);
MEMBER(SysFlowConfig, singleBufferDimension, uint64_t);
MEMBER(SysFlowConfig, appName, std::string);
MEMBER(SysFlowConfig, collectionMode, SFSysCallMode);
MEMBER(SysFlowConfig, cpuBuffers, ssize_t);
MEMBER(SysFlowConfig, driverType, DriverType);
SAME(SysFlowCallback,
     std::function<void(sysflow::SFHeader *, sysflow::Container *, sysflow::Process *,
                        sysflow::File *, sysflow::File *, sysflow::SysFlow *)>);

static_assert(std::is_base_of<std::runtime_error, sfexception::SysFlowException>::value,
              "SysFlowException is a std::runtime_error");

// Equality for the branch values (the records have no operator==).
template <typename T> bool same(const T &a, const T &b) { return a == b; }
bool same(const sysflow::OID &a, const sysflow::OID &b) {
    return a.createTS == b.createTS && a.hpid == b.hpid;
}

// Whether f() throws the UnionBranchError whose message holds `text`.
template <typename F> bool throws_branch_error(F f, const char *text) {
    try {
        f();
    } catch (const sysflow::UnionBranchError &e) {
        if (std::strstr(e.what(), text) == nullptr) {
            std::fprintf(stderr, "unexpected message: %s\n", e.what());
            return false;
        }
        return true;
    }
    return false;
}

// A union of null (branch 0) and T (branch 1), through its get and set.
template <typename U, typename T, typename Get, typename Set>
void check_nullable(const char *field, const T &value, Get get, Set set) {
    static_assert(std::is_same<decltype(std::declval<const U &>().idx()), std::size_t>::value,
                  "idx() is a size_t");
    static_assert(std::is_same<decltype(get(std::declval<const U &>())), const T &>::value,
                  "get on a const union: a const reference");
    static_assert(std::is_same<decltype(get(std::declval<U &>())), T &>::value,
                  "get on a union: a reference");
    static_assert(std::is_same<decltype(get(std::declval<U &&>())), T>::value,
                  "get on an rvalue union: the value");

    U u;
    CHECK_FOR(field, u.idx() == 0);
    CHECK_FOR(field, u.is_null());
    CHECK_FOR(field, u.branch() == U::Branch::null);
    CHECK_FOR(field, throws_branch_error([&] { (void)get(u); }, "which holds branch 0 (null)"));
    CHECK_FOR(field, throws_branch_error([&] { (void)get(u); }, field));

    set(u, value);
    CHECK_FOR(field, u.idx() == 1);
    CHECK_FOR(field, !u.is_null());
    CHECK_FOR(field, same(get(u), value));
    CHECK_FOR(field, same(get(static_cast<const U &>(u)), value));

    // Copies are deep: clearing one leaves the other.
    U copy = u;
    u.set_null();
    CHECK_FOR(field, u.is_null());
    CHECK_FOR(field, u.idx() == 0);
    CHECK_FOR(field, same(get(copy), value));

    // An rvalue union gives its value away.
    T moved = get(std::move(copy));
    CHECK_FOR(field, same(moved, value));

    // set from an rvalue.
    T again = value;
    set(u, std::move(again));
    CHECK_FOR(field, same(get(u), value));
}

#define GETTER(name) [](auto &&u) -> decltype(auto) { return std::forward<decltype(u)>(u).name(); }
#define SETTER(name) [](auto &u, auto &&v) { u.name(std::forward<decltype(v)>(v)); }

void nullable_unions() {
    check_nullable<sysflow::Container::podId_t>("Container.podId", std::string("pod-1"),
                                                GETTER(get_string), SETTER(set_string));
    sysflow::OID parent;
    parent.createTS = 1700000000123456789;
    parent.hpid = 4242;
    check_nullable<sysflow::Process::poid_t>("Process.poid", parent, GETTER(get_OID),
                                             SETTER(set_OID));
    check_nullable<sysflow::Process::containerId_t>("Process.containerId",
                                                    std::string("f00dfeedbeef"),
                                                    GETTER(get_string), SETTER(set_string));
    check_nullable<sysflow::File::containerId_t>("File.containerId", std::string("c0ffee"),
                                                 GETTER(get_string), SETTER(set_string));
    Foid foid{};
    for (std::size_t i = 0; i < foid.size(); ++i) {
        foid[i] = static_cast<std::uint8_t>(0xA0 + i);
    }
    check_nullable<sysflow::FileEvent::newFileOID_t>("FileEvent.newFileOID", foid,
                                                     GETTER(get_FOID), SETTER(set_FOID));

    // A reference from get_ writes through.
    sysflow::Process p;
    p.poid.set_OID(parent);
    p.poid.get_OID().hpid = 7;
    CHECK(p.poid.get_OID().hpid == 7);
}

// Which of rec's get_ calls succeed, as a mask of branch indexes.
unsigned gettable(const sysflow::SysFlow::rec_t &rec) {
    unsigned mask = 0;
    unsigned bit = 0;
    auto probe = [&](auto get) {
        try {
            get();
            mask |= 1u << bit;
        } catch (const sysflow::UnionBranchError &) {
        }
        ++bit;
    };
    probe([&] { (void)rec.get_SFHeader(); });
    probe([&] { (void)rec.get_Container(); });
    probe([&] { (void)rec.get_Process(); });
    probe([&] { (void)rec.get_File(); });
    probe([&] { (void)rec.get_ProcessEvent(); });
    probe([&] { (void)rec.get_NetworkFlow(); });
    probe([&] { (void)rec.get_FileFlow(); });
    probe([&] { (void)rec.get_FileEvent(); });
    probe([&] { (void)rec.get_NetworkEvent(); });
    probe([&] { (void)rec.get_ProcessFlow(); });
    probe([&] { (void)rec.get_Pod(); });
    probe([&] { (void)rec.get_K8sEvent(); });
    return mask;
}

// Sets rec to `value` and checks that idx() is `id` (an SF_* macro) and that
// only that branch's get works and gives the value back (by `field`).
template <typename T, typename Set, typename Get, typename Field>
void check_rec_branch(const char *name, unsigned id, const T &value, Set set, Get get,
                      Field field) {
    sysflow::SysFlow flow;
    set(flow.rec, value);
    CHECK_FOR(name, flow.rec.idx() == id);
    CHECK_FOR(name, static_cast<unsigned>(flow.rec.branch()) == id);
    CHECK_FOR(name, gettable(flow.rec) == 1u << id);
    CHECK_FOR(name, field(get(flow.rec)) == field(value));
    const sysflow::SysFlow copy = flow;
    CHECK_FOR(name, field(get(copy.rec)) == field(value));
}

void rec_union() {
    sysflow::SysFlow flow;
    // rec starts as a value-initialised SFHeader, as avrogencpp's does.
    CHECK(flow.rec.idx() == SF_HEADER);
    CHECK(gettable(flow.rec) == 1u << SF_HEADER);
    CHECK(flow.rec.get_SFHeader().version == 0);
    CHECK(flow.rec.branch() == sysflow::SysFlow::rec_t::Branch::SFHeader);

    sysflow::SFHeader h;
    h.version = 5;
    h.exporter = "node-1";
    check_rec_branch("SFHeader", SF_HEADER, h, SETTER(set_SFHeader), GETTER(get_SFHeader),
                     [](const sysflow::SFHeader &r) { return r.exporter; });
    sysflow::Container c;
    c.id = "c1";
    c.type = sysflow::ContainerType::CT_CRIO;
    check_rec_branch("Container", SF_CONT, c, SETTER(set_Container), GETTER(get_Container),
                     [](const sysflow::Container &r) { return r.id; });
    sysflow::Process p;
    p.exe = "/bin/sh";
    p.env = {"A=1", "B=2"};
    check_rec_branch("Process", SF_PROC, p, SETTER(set_Process), GETTER(get_Process),
                     [](const sysflow::Process &r) { return r.exe + r.env.at(1); });
    sysflow::File f;
    f.path = "/etc/passwd";
    f.restype = 'f';
    check_rec_branch("File", SF_FILE_OBJ, f, SETTER(set_File), GETTER(get_File),
                     [](const sysflow::File &r) { return r.path; });
    sysflow::ProcessEvent pe;
    pe.opFlags = OP_EXEC;
    pe.args = {"-c", "true"};
    check_rec_branch("ProcessEvent", SF_PROC_EVT, pe, SETTER(set_ProcessEvent),
                     GETTER(get_ProcessEvent),
                     [](const sysflow::ProcessEvent &r) { return r.args.at(1); });
    sysflow::NetworkFlow nf;
    nf.dport = 443;
    check_rec_branch("NetworkFlow", SF_NET_FLOW, nf, SETTER(set_NetworkFlow),
                     GETTER(get_NetworkFlow), [](const sysflow::NetworkFlow &r) { return r.dport; });
    sysflow::FileFlow ff;
    ff.openFlags = SF_O_RDWR | SF_O_CREAT;
    check_rec_branch("FileFlow", SF_FILE_FLOW, ff, SETTER(set_FileFlow), GETTER(get_FileFlow),
                     [](const sysflow::FileFlow &r) { return r.openFlags; });
    sysflow::FileEvent fe;
    fe.opFlags = OP_RENAME;
    fe.newFileOID.set_FOID(Foid{{1, 2, 3}});
    check_rec_branch("FileEvent", SF_FILE_EVT, fe, SETTER(set_FileEvent), GETTER(get_FileEvent),
                     [](const sysflow::FileEvent &r) { return r.newFileOID.get_FOID()[2]; });
    sysflow::NetworkEvent ne;
    ne.sport = 8080;
    check_rec_branch("NetworkEvent", SF_NET_EVT, ne, SETTER(set_NetworkEvent),
                     GETTER(get_NetworkEvent), [](const sysflow::NetworkEvent &r) { return r.sport; });
    sysflow::ProcessFlow pf;
    pf.numThreadsCloned = 3;
    check_rec_branch("ProcessFlow", SF_PROC_FLOW, pf, SETTER(set_ProcessFlow),
                     GETTER(get_ProcessFlow),
                     [](const sysflow::ProcessFlow &r) { return r.numThreadsCloned; });
    sysflow::Pod pod;
    pod.namespace_ = "kube-system";
    pod.labels["app"] = "web";
    sysflow::Service svc;
    svc.portList.resize(1);
    svc.portList[0].nodePort = 30080;
    pod.services.push_back(svc);
    check_rec_branch("Pod", SF_POD, pod, SETTER(set_Pod), GETTER(get_Pod),
                     [](const sysflow::Pod &r) {
                         return r.namespace_ + r.labels.at("app") +
                                std::to_string(r.services.at(0).portList.at(0).nodePort);
                     });
    sysflow::K8sEvent ke;
    ke.kind = sysflow::K8sComponent::K8S_PODS;
    ke.message = "created";
    check_rec_branch("K8sEvent", SF_K8S_EVT, ke, SETTER(set_K8sEvent), GETTER(get_K8sEvent),
                     [](const sysflow::K8sEvent &r) { return r.message; });

    // The exception's message says what was asked of which union and what
    // it holds.
    flow.rec.set_Process(p);
    try {
        (void)flow.rec.get_ProcessEvent();
        CHECK(!"get_ProcessEvent() on a Process threw");
    } catch (const std::runtime_error &e) {
        CHECK(std::string(e.what()) ==
              "sysflow: get_ProcessEvent() on the union of SysFlow.rec, which holds "
              "branch 2 (Process)");
    }

    // The reference consumer's way: switch on idx(), copy the record out.
    switch (flow.rec.idx()) {
    case SF_PROC: {
        sysflow::Process copy = flow.rec.get_Process();
        CHECK(copy.exe == "/bin/sh");
        break;
    }
    default:
        CHECK(!"idx() is SF_PROC");
    }
}

// Default construction value-initialises every member, even where the
// object's memory held something else.
template <typename T, typename Zero> void check_default(const char *name, Zero zero) {
    alignas(T) unsigned char storage[sizeof(T)];
    std::memset(storage, 0xA5, sizeof storage);
    T *t = new (storage) T;
    CHECK_FOR(name, zero(*t));
    t->~T();
    CHECK_FOR(name, zero(T()));
}

bool zero_oid(const sysflow::OID &o) { return o.createTS == 0 && o.hpid == 0; }
bool zero_foid(const Foid &f) {
    for (std::uint8_t b : f) {
        if (b != 0) {
            return false;
        }
    }
    return true;
}

void defaults() {
    check_default<sysflow::SFHeader>("SFHeader", [](const sysflow::SFHeader &r) {
        // Schema defaults (version 5, ip "NA") are not applied, as
        // avrogencpp does not apply them.
        return r.version == 0 && r.exporter.empty() && r.ip.empty() && r.filename.empty();
    });
    check_default<sysflow::Container>("Container", [](const sysflow::Container &r) {
        return r.id.empty() && r.name.empty() && r.image.empty() && r.imageid.empty() &&
               r.type == sysflow::ContainerType::CT_DOCKER && !r.privileged && r.podId.is_null();
    });
    check_default<sysflow::OID>("OID", zero_oid);
    check_default<sysflow::Process>("Process", [](const sysflow::Process &r) {
        return r.state == sysflow::SFObjectState::CREATED && zero_oid(r.oid) && r.poid.is_null() &&
               r.ts == 0 && r.exe.empty() && r.exeArgs.empty() && r.uid == 0 &&
               r.userName.empty() && r.gid == 0 && r.groupName.empty() && !r.tty &&
               r.containerId.is_null() && !r.entry && r.cwd.empty() && r.env.empty();
    });
    check_default<sysflow::File>("File", [](const sysflow::File &r) {
        return r.state == sysflow::SFObjectState::CREATED && zero_foid(r.oid) && r.ts == 0 &&
               r.restype == 0 && r.path.empty() && r.containerId.is_null();
    });
    check_default<sysflow::ProcessEvent>("ProcessEvent", [](const sysflow::ProcessEvent &r) {
        return zero_oid(r.procOID) && r.ts == 0 && r.tid == 0 && r.opFlags == 0 &&
               r.args.empty() && r.ret == 0;
    });
    check_default<sysflow::NetworkFlow>("NetworkFlow", [](const sysflow::NetworkFlow &r) {
        return zero_oid(r.procOID) && r.ts == 0 && r.tid == 0 && r.opFlags == 0 && r.endTs == 0 &&
               r.sip == 0 && r.sport == 0 && r.dip == 0 && r.dport == 0 && r.proto == 0 &&
               r.fd == 0 && r.numRRecvOps == 0 && r.numWSendOps == 0 && r.numRRecvBytes == 0 &&
               r.numWSendBytes == 0;
    });
    check_default<sysflow::FileFlow>("FileFlow", [](const sysflow::FileFlow &r) {
        return zero_oid(r.procOID) && r.ts == 0 && r.tid == 0 && r.opFlags == 0 &&
               r.openFlags == 0 && r.endTs == 0 && zero_foid(r.fileOID) && r.fd == 0 &&
               r.numRRecvOps == 0 && r.numWSendOps == 0 && r.numRRecvBytes == 0 &&
               r.numWSendBytes == 0;
    });
    check_default<sysflow::FileEvent>("FileEvent", [](const sysflow::FileEvent &r) {
        return zero_oid(r.procOID) && r.ts == 0 && r.tid == 0 && r.opFlags == 0 &&
               zero_foid(r.fileOID) && r.ret == 0 && r.newFileOID.is_null();
    });
    check_default<sysflow::NetworkEvent>("NetworkEvent", [](const sysflow::NetworkEvent &r) {
        return zero_oid(r.procOID) && r.ts == 0 && r.tid == 0 && r.opFlags == 0 && r.sip == 0 &&
               r.sport == 0 && r.dip == 0 && r.dport == 0 && r.proto == 0 && r.ret == 0;
    });
    check_default<sysflow::ProcessFlow>("ProcessFlow", [](const sysflow::ProcessFlow &r) {
        return zero_oid(r.procOID) && r.ts == 0 && r.numThreadsCloned == 0 && r.opFlags == 0 &&
               r.endTs == 0 && r.numThreadsExited == 0 && r.numCloneErrors == 0;
    });
    check_default<sysflow::Port>("Port", [](const sysflow::Port &r) {
        return r.port == 0 && r.targetPort == 0 && r.nodePort == 0 && r.proto.empty();
    });
    check_default<sysflow::Service>("Service", [](const sysflow::Service &r) {
        return r.name.empty() && r.id.empty() && r.namespace_.empty() && r.portList.empty() &&
               r.clusterIP.empty();
    });
    check_default<sysflow::Pod>("Pod", [](const sysflow::Pod &r) {
        return r.ts == 0 && r.id.empty() && r.name.empty() && r.nodeName.empty() &&
               r.hostIP.empty() && r.internalIP.empty() && r.namespace_.empty() &&
               r.restartCount == 0 && r.labels.empty() && r.selectors.empty() &&
               r.services.empty();
    });
    check_default<sysflow::K8sEvent>("K8sEvent", [](const sysflow::K8sEvent &r) {
        return r.kind == sysflow::K8sComponent::K8S_NODES &&
               r.action == sysflow::K8sAction::K8S_COMPONENT_ADDED && r.ts == 0 &&
               r.message.empty();
    });
    check_default<SysFlowConfig>("SysFlowConfig", [](const SysFlowConfig &c) {
        return !c.filterContainers && c.rotateInterval == 0 && c.exporterID.empty() &&
               c.nodeIP.empty() && c.filePath.empty() && c.socketPath.empty() &&
               c.scapInputPath.empty() && c.falcoFilter.empty() && c.samplingRatio == 0 &&
               c.criPath.empty() && c.criTO == 0 && !c.enableStats && !c.enableProcessFlow &&
               !c.fileOnly && c.fileReadMode == 0 && !c.dropMode && !c.callback &&
               !c.debugMode && c.k8sAPIURL.empty() && c.k8sAPICert.empty() &&
               !c.moduleChecks && c.singleBufferDimension == 0 && c.appName.empty() &&
               c.collectionMode == SFFlowMode && c.cpuBuffers == 0 && c.driverType == EBPF;
    });
}

#define VALUE(constant, expected) CHECK(static_cast<long long>(constant) == (expected))

void constants() {
    VALUE(SF_HEADER, 0);
    VALUE(SF_CONT, 1);
    VALUE(SF_PROC, 2);
    VALUE(SF_FILE_OBJ, 3);
    VALUE(SF_PROC_EVT, 4);
    VALUE(SF_NET_FLOW, 5);
    VALUE(SF_FILE_FLOW, 6);
    VALUE(SF_FILE_EVT, 7);
    VALUE(SF_NET_EVT, 8);
    VALUE(SF_PROC_FLOW, 9);
    VALUE(SF_POD, 10);
    VALUE(SF_K8S_EVT, 11);

    VALUE(OP_CLONE, 1 << 0);
    VALUE(OP_EXEC, 1 << 1);
    VALUE(OP_EXIT, 1 << 2);
    VALUE(OP_SETUID, 1 << 3);
    VALUE(OP_SETNS, 1 << 4);
    VALUE(OP_ACCEPT, 1 << 5);
    VALUE(OP_CONNECT, 1 << 6);
    VALUE(OP_OPEN, 1 << 7);
    VALUE(OP_READ_RECV, 1 << 8);
    VALUE(OP_WRITE_SEND, 1 << 9);
    VALUE(OP_CLOSE, 1 << 10);
    VALUE(OP_TRUNCATE, 1 << 11);
    VALUE(OP_SHUTDOWN, 1 << 12);
    VALUE(OP_MMAP, 1 << 13);
    VALUE(OP_DIGEST, 1 << 14);
    VALUE(OP_MKDIR, 1 << 15);
    VALUE(OP_RMDIR, 1 << 16);
    VALUE(OP_LINK, 1 << 17);
    VALUE(OP_UNLINK, 1 << 18);
    VALUE(OP_SYMLINK, 1 << 19);
    VALUE(OP_RENAME, 1 << 20);
    CHECK(IS_FILE_EVT(OP_MKDIR) && IS_FILE_EVT(OP_RENAME) && IS_FILE_EVT(OP_SYMLINK));
    CHECK(!IS_FILE_EVT(OP_OPEN) && !IS_FILE_EVT(OP_EXEC) && !IS_FILE_EVT(0));
    // opFlags is an int32_t the flags combine with.
    sysflow::FileFlow ff;
    ff.opFlags = OP_OPEN | OP_READ_RECV | OP_CLOSE;
    CHECK((ff.opFlags & OP_READ_RECV) != 0 && (ff.opFlags & OP_WRITE_SEND) == 0);

    // Falco's PPM_O_* values.
    VALUE(SF_O_NONE, 0);
    VALUE(SF_O_RDONLY, 1 << 0);
    VALUE(SF_O_WRONLY, 1 << 1);
    VALUE(SF_O_RDWR, 3);
    VALUE(SF_O_CREAT, 1 << 2);
    VALUE(SF_O_APPEND, 1 << 3);
    VALUE(SF_O_DSYNC, 1 << 4);
    VALUE(SF_O_EXCL, 1 << 5);
    VALUE(SF_O_NONBLOCK, 1 << 6);
    VALUE(SF_O_SYNC, 1 << 7);
    VALUE(SF_O_TRUNC, 1 << 8);
    VALUE(SF_O_DIRECT, 1 << 9);
    VALUE(SF_O_DIRECTORY, 1 << 10);
    VALUE(SF_O_LARGEFILE, 1 << 11);
    VALUE(SF_O_CLOEXEC, 1 << 12);
    VALUE(SF_O_TMPFILE, 1 << 13);
    VALUE(SF_O_F_CREATED, 1 << 14);

    VALUE(sysflow::ContainerType::CT_DOCKER, 0);
    VALUE(sysflow::ContainerType::CT_LXC, 1);
    VALUE(sysflow::ContainerType::CT_LIBVIRT_LXC, 2);
    VALUE(sysflow::ContainerType::CT_MESOS, 3);
    VALUE(sysflow::ContainerType::CT_RKT, 4);
    VALUE(sysflow::ContainerType::CT_CUSTOM, 5);
    VALUE(sysflow::ContainerType::CT_CRI, 6);
    VALUE(sysflow::ContainerType::CT_CONTAINERD, 7);
    VALUE(sysflow::ContainerType::CT_CRIO, 8);
    VALUE(sysflow::ContainerType::CT_BPM, 9);
    VALUE(sysflow::SFObjectState::CREATED, 0);
    VALUE(sysflow::SFObjectState::MODIFIED, 1);
    VALUE(sysflow::SFObjectState::REUP, 2);
    VALUE(sysflow::K8sComponent::K8S_NODES, 0);
    VALUE(sysflow::K8sComponent::K8S_NAMESPACES, 1);
    VALUE(sysflow::K8sComponent::K8S_PODS, 2);
    VALUE(sysflow::K8sComponent::K8S_REPLICATIONCONTROLLERS, 3);
    VALUE(sysflow::K8sComponent::K8S_SERVICES, 4);
    VALUE(sysflow::K8sComponent::K8S_EVENTS, 5);
    VALUE(sysflow::K8sComponent::K8S_REPLICASETS, 6);
    VALUE(sysflow::K8sComponent::K8S_DAEMONSETS, 7);
    VALUE(sysflow::K8sComponent::K8S_DEPLOYMENTS, 8);
    VALUE(sysflow::K8sComponent::K8S_UNKNOWN, 9);
    VALUE(sysflow::K8sAction::K8S_COMPONENT_ADDED, 0);
    VALUE(sysflow::K8sAction::K8S_COMPONENT_MODIFIED, 1);
    VALUE(sysflow::K8sAction::K8S_COMPONENT_DELETED, 2);
    VALUE(sysflow::K8sAction::K8S_COMPONENT_ERROR, 3);
    VALUE(sysflow::K8sAction::K8S_COMPONENT_NONEXISTENT, 4);
    VALUE(sysflow::K8sAction::K8S_COMPONENT_UNKNOWN, 5);

    VALUE(SFFlowMode, 0);
    VALUE(SFConsumerMode, 1);
    VALUE(SFNoFilesMode, 2);
    VALUE(EBPF, 0);
    VALUE(CORE_EBPF, 1);
    VALUE(KMOD, 2);
    VALUE(NO_DRIVER, 3);

    VALUE(sfexception::LibsError, 0);
    VALUE(sfexception::ProbeAccessDenied, 1);
    VALUE(sfexception::ProbeNotExist, 2);
    VALUE(sfexception::ErrorReadingFileSystem, 3);
    VALUE(sfexception::NameTooLong, 4);
    VALUE(sfexception::ProbeCheckError, 5);
    VALUE(sfexception::ProbeNotLoaded, 6);
    VALUE(sfexception::DriverLibsMismatch, 7);
    VALUE(sfexception::EventParsingError, 8);
    VALUE(sfexception::ProcResourceNotFound, 9);
    VALUE(sfexception::OperationNotSupported, 10);
    VALUE(sfexception::OutputIncomplete, 11);
}

void exception_and_config() {
    try {
        throw sfexception::SysFlowException("no such file: trace.scap",
                                            sfexception::ErrorReadingFileSystem);
    } catch (sfexception::SysFlowException &e) {
        CHECK(e.getErrorCode() == sfexception::ErrorReadingFileSystem);
        CHECK(std::string(e.what()) == "no such file: trace.scap");
    }
    const sfexception::SysFlowException one("libs failed");
    CHECK(one.getErrorCode() == sfexception::LibsError);

    SysFlowConfig config;
    int calls = 0;
    config.callback = [&calls](sysflow::SFHeader *h, sysflow::Container *c, sysflow::Process *p,
                               sysflow::File *f1, sysflow::File *f2, sysflow::SysFlow *r) {
        calls += h != nullptr && c == nullptr && p != nullptr && f1 == nullptr &&
                 f2 == nullptr && r->rec.idx() == SF_PROC_EVT;
    };
    sysflow::SFHeader header;
    sysflow::Process process;
    sysflow::SysFlow record;
    record.rec.set_ProcessEvent(sysflow::ProcessEvent());
    config.callback(&header, nullptr, &process, nullptr, nullptr, &record);
    CHECK(calls == 1);
    config.cpuBuffers = -1;
    config.driverType = CORE_EBPF;
    config.collectionMode = SFNoFilesMode;
    config.singleBufferDimension = UINT64_C(1) << 40;
    CHECK(config.cpuBuffers < 0 && config.singleBufferDimension == 1099511627776ULL);
}

} // namespace

int main() {
    nullable_unions();
    rec_union();
    defaults();
    constants();
    exception_and_config();
    if (failures != 0) {
        std::fprintf(stderr, "%d of %d checks failed\n", failures, checks);
        return 1;
    }
    std::printf("%d checks passed\n", checks);
    return 0;
}
