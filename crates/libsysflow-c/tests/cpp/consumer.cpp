// A consumer with the shape of the reference collector's example consumer
// (sf-collector's examples/callback.cpp): its includes, its callback
// signature, the members it reads, its switch on flow->rec.idx() with the
// SF_* record type ids as case labels, and its use of printf, strcmp and
// exit with no include of its own for them. tests/cpp_headers.rs compiles
// it only (-fsyntax-only), against include/.

#include "sysflow/enums.hh"
#include "sysflowlibs.hpp"
#include <csignal>
#include <functional>

sysflowlibscpp::SysFlowDriver *g_driver;

namespace {
std::function<void()> on_signal;
void handle_signal(int /*signo*/) { on_signal(); }
} // namespace

static void show_file(const char *role, sysflow::File *file) {
  printf("%s: restype %c, path %s, state %d\n", role, file->restype,
         file->path.c_str(), (int)file->state);
  if (!file->containerId.is_null()) {
    printf("  in container %s\n", file->containerId.get_string().c_str());
  }
}

static void on_record(sysflow::SFHeader *header, sysflow::Container *cont,
                      sysflow::Process *proc, sysflow::File *f1,
                      sysflow::File *f2, sysflow::SysFlow *flow) {
  printf("exporter %s, ip %s, file %s, version %ld\n",
         header->exporter.c_str(), header->ip.c_str(),
         header->filename.c_str(), header->version);
  if (cont != nullptr) {
    printf("container %s (%s), image %s [%s], type %d, privileged %d\n",
           cont->id.c_str(), cont->name.c_str(), cont->image.c_str(),
           cont->imageid.c_str(), (int)cont->type, cont->privileged);
  }
  if (proc != nullptr) {
    printf("pid %ld since %ld: %s %s as %s(%d):%s(%d), tty %d, cwd %s\n",
           proc->oid.hpid, proc->oid.createTS, proc->exe.c_str(),
           proc->exeArgs.c_str(), proc->userName.c_str(), proc->uid,
           proc->groupName.c_str(), proc->gid, proc->tty, proc->cwd.c_str());
    if (!proc->poid.is_null()) {
      printf("  parent %ld\n", proc->poid.get_OID().hpid);
    }
    for (const std::string &var : proc->env) {
      printf("  %s\n", var.c_str());
    }
  }
  if (f1 != nullptr) {
    show_file("file", f1);
  }
  if (f2 != nullptr) {
    show_file("new file", f2);
  }

  switch (flow->rec.idx()) {
  case SF_PROC_EVT: {
    sysflow::ProcessEvent pe = flow->rec.get_ProcessEvent();
    printf("process event: tid %ld, ops %d, ret %d%s\n", pe.tid, pe.opFlags,
           pe.ret, (pe.opFlags & OP_EXEC) ? " (exec)" : "");
    break;
  }
  case SF_NET_FLOW: {
    sysflow::NetworkFlow nf = flow->rec.get_NetworkFlow();
    printf("network flow: tid %ld, ops %d, %d:%d -> %d:%d proto %d, %ld B "
           "read\n",
           nf.tid, nf.opFlags, nf.sip, nf.sport, nf.dip, nf.dport, nf.proto,
           nf.numRRecvBytes);
    break;
  }
  case SF_FILE_FLOW: {
    sysflow::FileFlow ff = flow->rec.get_FileFlow();
    printf("file flow: tid %ld, ops %d, open flags %d%s, fd %d, oid %02x...\n",
           ff.tid, ff.opFlags, ff.openFlags,
           (ff.openFlags & SF_O_CREAT) ? " (create)" : "", ff.fd,
           ff.fileOID[0]);
    break;
  }
  case SF_FILE_EVT: {
    sysflow::FileEvent fe = flow->rec.get_FileEvent();
    printf("file event: tid %ld, ops %d, ret %d%s\n", fe.tid, fe.opFlags,
           fe.ret, IS_FILE_EVT(fe.opFlags) ? "" : " (?)");
    if (!fe.newFileOID.is_null()) {
      printf("  to %02x...\n", fe.newFileOID.get_FOID()[0]);
    }
    break;
  }
  case SF_NET_EVT: {
    const sysflow::NetworkEvent &ne = flow->rec.get_NetworkEvent();
    printf("network event: %d:%d\n", ne.dip, ne.dport);
    break;
  }
  case SF_PROC_FLOW: {
    printf("process flow: %ld clones\n",
           flow->rec.get_ProcessFlow().numThreadsCloned);
    break;
  }
  case SF_K8S_EVT: {
    sysflow::K8sEvent ke = flow->rec.get_K8sEvent();
    if (ke.kind == sysflow::K8sComponent::K8S_PODS &&
        ke.action == sysflow::K8sAction::K8S_COMPONENT_ADDED) {
      printf("pod added: %s\n", ke.message.c_str());
    }
    break;
  }
  default: {
    printf("unexpected record type %zu\n", flow->rec.idx());
    break;
  }
  }
}

int main(int argc, char **argv) {
  SysFlowConfig *config = sysflowlibscpp::InitializeSysFlowConfig();
  config->callback = on_record;
  config->exporterID = "consumer";
  config->enableProcessFlow = true;

  if (argc > 2 && strcmp(argv[1], "r") == 0) {
    config->scapInputPath = argv[2];
    config->driverType = NO_DRIVER;
  } else if (argc > 1 && strcmp(argv[1], "c") == 0) {
    config->driverType = CORE_EBPF;
  } else if (argc > 1 && strcmp(argv[1], "k") == 0) {
    config->driverType = KMOD;
  } else {
    printf("usage: consumer r FILE | c | k\n");
    exit(1);
  }

  try {
    g_driver = new sysflowlibscpp::SysFlowDriver(config);
    printf("libsysflow %s\n", g_driver->getVersion().c_str());
    on_signal = [&]() -> void { g_driver->exit(); };
    std::signal(SIGINT, handle_signal);
    std::signal(SIGTERM, handle_signal);
    g_driver->run();
  } catch (sfexception::SysFlowException &e) {
    printf("error %d: %s\n", (int)e.getErrorCode(), e.what());
    if (e.getErrorCode() == sfexception::OperationNotSupported) {
      printf("not supported\n");
    }
    delete g_driver;
    exit(2);
  }
  delete g_driver;
  return 0;
}
