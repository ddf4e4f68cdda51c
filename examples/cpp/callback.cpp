// callback: a C++ consumer of libsysflow written against the reference
// collector's C++ API (sysflowlibs.hpp): a configuration, a callback that
// switches on the record type, a signal handler that stops the driver. It
// prints one line per record, in the format of the Rust example `consumer`
// and examples/c/consumer.c.
//
// usage: callback FILE.scap   read a capture file
//        callback c           capture live with the CO-RE eBPF probe (root)
// Build (see examples/README.md):
//   g++ -std=c++17 -O2 -I/usr/include/sysflow callback.cpp
//       $(pkg-config --libs --static sysflow) -o callback

#include "sysflow/enums.hh"
#include "sysflowlibs.hpp"

#include <csignal>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>

namespace {

sysflowlibscpp::SysFlowDriver *g_driver = nullptr;

void signal_handler(int) {
  // Only sets a flag: safe here.
  if (g_driver != nullptr) {
    g_driver->exit();
  }
}

// Operations the way SysFlow's readers show them: a file event's or a
// process event's names, else one letter per operation of a flow.
std::string ops(int32_t flags) {
  struct Name {
    int32_t bit;
    const char *name;
  };
  static const Name file_events[] = {{OP_MKDIR, "MKDIR"},     {OP_RMDIR, "RMDIR"},
                                     {OP_LINK, "LINK"},       {OP_SYMLINK, "SYMLINK"},
                                     {OP_UNLINK, "UNLINK"},   {OP_RENAME, "RENAME"}};
  static const Name process_events[] = {
      {OP_CLONE, "CLONE"}, {OP_EXEC, "EXEC"}, {OP_EXIT, "EXIT"}, {OP_SETUID, "SETUID"}};
  static const Name columns[] = {{OP_OPEN, "O"},     {OP_ACCEPT, "A"},     {OP_CONNECT, "C"},
                                 {OP_WRITE_SEND, "W"}, {OP_READ_RECV, "R"}, {OP_SETNS, "N"},
                                 {OP_MMAP, "M"},     {OP_SHUTDOWN, "S"},   {OP_CLOSE, "C"},
                                 {OP_TRUNCATE, "T"}, {OP_DIGEST, "D"}};
  std::string out;
  for (const auto &n : file_events) {
    if (flags & n.bit) out += n.name;
  }
  if (out.empty()) {
    for (const auto &n : process_events) {
      if (flags & n.bit) out += n.name;
    }
  }
  if (out.empty()) {
    for (const auto &n : columns) {
      if (flags & n.bit) out += n.name;
    }
  }
  return out;
}

// SysFlow stores an IPv4 address as its network-order bytes read as a
// little-endian integer.
void print_ip(int32_t ip) {
  const uint32_t v = static_cast<uint32_t>(ip);
  std::printf("%u.%u.%u.%u", v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >> 24);
}

template <typename Flow> void print_endpoints(const Flow &f) {
  std::putchar(' ');
  print_ip(f.sip);
  std::printf(":%d -> ", f.sport);
  print_ip(f.dip);
  std::printf(":%d", f.dport);
}

void process_sysflow(sysflow::SFHeader * /*header*/, sysflow::Container *cont,
                     sysflow::Process *proc, sysflow::File *f1, sysflow::File *f2,
                     sysflow::SysFlow *flow) {
  static const char *const names[] = {"SFHeader",  "Container",   "Process",     "File",
                                      "ProcessEvent", "NetworkFlow", "FileFlow",  "FileEvent",
                                      "NetworkEvent", "ProcessFlow", "Pod",       "K8sEvent"};
  int64_t ts = 0, tid = 0;
  int32_t flags = 0;
  switch (flow->rec.idx()) {
  case SF_PROC_EVT: {
    const sysflow::ProcessEvent &pe = flow->rec.get_ProcessEvent();
    ts = pe.ts, tid = pe.tid, flags = pe.opFlags;
    break;
  }
  case SF_PROC_FLOW: {
    const sysflow::ProcessFlow &pf = flow->rec.get_ProcessFlow();
    ts = pf.ts, tid = pf.procOID.hpid, flags = pf.opFlags;
    break;
  }
  case SF_FILE_EVT: {
    const sysflow::FileEvent &fe = flow->rec.get_FileEvent();
    ts = fe.ts, tid = fe.tid, flags = fe.opFlags;
    break;
  }
  case SF_FILE_FLOW: {
    const sysflow::FileFlow &ff = flow->rec.get_FileFlow();
    ts = ff.ts, tid = ff.tid, flags = ff.opFlags;
    break;
  }
  case SF_NET_EVT: {
    const sysflow::NetworkEvent &ne = flow->rec.get_NetworkEvent();
    ts = ne.ts, tid = ne.tid, flags = ne.opFlags;
    break;
  }
  case SF_NET_FLOW: {
    const sysflow::NetworkFlow &nf = flow->rec.get_NetworkFlow();
    ts = nf.ts, tid = nf.tid, flags = nf.opFlags;
    break;
  }
  default:
    break;
  }
  const size_t type = flow->rec.idx();
  std::printf("%s %lld tid=%lld %s", type < 12 ? names[type] : "?", static_cast<long long>(ts),
              static_cast<long long>(tid), ops(flags).c_str());
  if (proc != nullptr) {
    std::printf(" pid=%lld exe=%s", static_cast<long long>(proc->oid.hpid), proc->exe.c_str());
  }
  if (cont != nullptr) {
    std::printf(" container=%s", cont->name.c_str());
  }
  if (f1 != nullptr) {
    std::printf(" file=%s", f1->path.c_str());
  }
  if (f2 != nullptr) {
    std::printf(" -> %s", f2->path.c_str());
  }
  if (type == SF_NET_EVT) {
    print_endpoints(flow->rec.get_NetworkEvent());
  } else if (type == SF_NET_FLOW) {
    print_endpoints(flow->rec.get_NetworkFlow());
  }
  std::putchar('\n');
}

} // namespace

int main(int argc, char **argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: callback FILE.scap | callback c (live, CO-RE eBPF)\n");
    return 2;
  }
  // Configure collection: the defaults, a callback, an input.
  SysFlowConfig *config = sysflowlibscpp::InitializeSysFlowConfig();
  config->callback = process_sysflow;
  if (std::string(argv[1]) == "c") {
    config->driverType = CORE_EBPF;
  } else {
    config->scapInputPath = argv[1];
  }
  try {
    g_driver = new sysflowlibscpp::SysFlowDriver(config);
    std::signal(SIGINT, signal_handler);
    std::signal(SIGTERM, signal_handler);
    g_driver->run();
  } catch (sfexception::SysFlowException &e) {
    std::fprintf(stderr, "callback: error %d: %s\n", static_cast<int>(e.getErrorCode()), e.what());
    delete g_driver;
    delete config;
    return 1;
  }
  delete g_driver;
  delete config;
  return 0;
}
