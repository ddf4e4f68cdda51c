/*
 * The reference collector's C++ API (namespace sysflowlibscpp), header-only
 * over libsysflow's C API (libsysflow.h), so that a consumer written for the
 * reference compiles unchanged:
 *
 *   SysFlowConfig *config = sysflowlibscpp::InitializeSysFlowConfig();
 *   config->scapInputPath = "trace.scap";
 *   config->callback = my_callback;
 *   sysflowlibscpp::SysFlowDriver driver(config);
 *   driver.run();
 *
 * Build: g++ -std=c++17 -I/usr/include/sysflow consumer.cpp \
 *            $(pkg-config --libs --static sysflow)
 *
 * Differences from the reference, all on purpose:
 * - the callback receives the segment's real header (the reference passes
 *   an empty one);
 * - an exception thrown by the callback stops the run, and run() throws a
 *   SysFlowException (code LibsError) with the callback's exception nested
 *   (std::rethrow_if_nested gives it back); it never unwinds through the
 *   library;
 * - the records passed to the callback are reused from call to call: copy
 *   what must outlive the call (the reference's were temporaries as well).
 */
#ifndef SYSFLOW_LIBS_HPP
#define SYSFLOW_LIBS_HPP

/* The C forms too: consumers written for the reference call printf,
 * strcmp and exit unqualified, and got them through its includes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <functional>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "libsysflow.h"
#include "sfconfig.h"
#include "sysflow/enums.hh"
#include "sysflowexception.h"

namespace sysflowlibscpp {

namespace detail {

/* The C++ exception for the C API's last failure on this thread. */
inline sfexception::SysFlowException last_error(const std::string &what) {
  const int32_t code = sf_last_error_code();
  sfexception::SysFlowError error;
  if (code >= 0 && code <= static_cast<int32_t>(sfexception::OutputIncomplete)) {
    error = static_cast<sfexception::SysFlowError>(code);
  } else if (code == SF_ERROR_INVALID_ARGUMENT) {
    /* The reference refuses configurations it cannot run with this code. */
    error = sfexception::OperationNotSupported;
  } else {
    error = sfexception::LibsError;
  }
  return sfexception::SysFlowException(what + ": " + sf_last_error_message(), error);
}

inline void check(int32_t status, const char *what) {
  if (status != SF_OK) {
    throw last_error(what);
  }
}

inline void assign(std::string &to, sf_str from) {
  if (from.ptr == nullptr) {
    to.clear();
  } else {
    to.assign(from.ptr, from.len);
  }
}

/* A [null, string] union from an optional C string. */
template <typename Union> void assign_optional(Union &to, sf_str from) {
  if (from.ptr == nullptr) {
    to.set_null();
  } else {
    to.set_string(std::string(from.ptr, from.len));
  }
}

inline void assign(std::vector<std::string> &to, const sf_str *from, size_t len) {
  to.resize(len);
  for (size_t i = 0; i < len; i++) {
    assign(to[i], from[i]);
  }
}

inline sysflow::OID oid(const sf_oid &from) {
  sysflow::OID o;
  o.createTS = from.create_ts;
  o.hpid = from.hpid;
  return o;
}

inline std::array<uint8_t, 20> foid(const sf_foid &from) {
  std::array<uint8_t, 20> f;
  std::memcpy(f.data(), from.bytes, f.size());
  return f;
}

inline void convert(sysflow::SFHeader &to, const sf_header &from) {
  to.version = from.version;
  assign(to.exporter, from.exporter);
  assign(to.ip, from.ip);
  assign(to.filename, from.filename);
}

inline void convert(sysflow::Container &to, const sf_container &from) {
  assign(to.id, from.id);
  assign(to.name, from.name);
  assign(to.image, from.image);
  assign(to.imageid, from.imageid);
  to.type = static_cast<sysflow::ContainerType>(from.container_type);
  to.privileged = from.privileged;
  assign_optional(to.podId, from.pod_id);
}

inline void convert(sysflow::Process &to, const sf_process &from) {
  to.state = static_cast<sysflow::SFObjectState>(from.state);
  to.oid = oid(from.oid);
  if (from.poid == nullptr) {
    to.poid.set_null();
  } else {
    to.poid.set_OID(oid(*from.poid));
  }
  to.ts = from.ts;
  assign(to.exe, from.exe);
  assign(to.exeArgs, from.exe_args);
  to.uid = from.uid;
  assign(to.userName, from.user_name);
  to.gid = from.gid;
  assign(to.groupName, from.group_name);
  to.tty = from.tty;
  assign_optional(to.containerId, from.container_id);
  to.entry = from.entry;
  assign(to.cwd, from.cwd);
  assign(to.env, from.env, from.env_len);
}

inline void convert(sysflow::File &to, const sf_file &from) {
  to.state = static_cast<sysflow::SFObjectState>(from.state);
  to.oid = foid(from.oid);
  to.ts = from.ts;
  to.restype = from.restype;
  assign(to.path, from.path);
  assign_optional(to.containerId, from.container_id);
}

/* The record into the SysFlow union; false for a type callbacks never get. */
inline bool convert(sysflow::SysFlow &to, const sf_record &from) {
  switch (from.record_type) {
  case SF_RECORD_PROCESS_EVENT: {
    const sf_process_event &e = from.data.process_event;
    sysflow::ProcessEvent pe;
    pe.procOID = oid(e.proc_oid);
    pe.ts = e.ts;
    pe.tid = e.tid;
    pe.opFlags = e.op_flags;
    assign(pe.args, e.args, e.args_len);
    pe.ret = e.ret;
    to.rec.set_ProcessEvent(std::move(pe));
    return true;
  }
  case SF_RECORD_NETWORK_FLOW: {
    const sf_network_flow &f = from.data.network_flow;
    sysflow::NetworkFlow nf;
    nf.procOID = oid(f.proc_oid);
    nf.ts = f.ts;
    nf.tid = f.tid;
    nf.opFlags = f.op_flags;
    nf.endTs = f.end_ts;
    nf.sip = f.sip;
    nf.sport = f.sport;
    nf.dip = f.dip;
    nf.dport = f.dport;
    nf.proto = f.proto;
    nf.fd = f.fd;
    nf.numRRecvOps = f.num_r_recv_ops;
    nf.numWSendOps = f.num_w_send_ops;
    nf.numRRecvBytes = f.num_r_recv_bytes;
    nf.numWSendBytes = f.num_w_send_bytes;
    to.rec.set_NetworkFlow(std::move(nf));
    return true;
  }
  case SF_RECORD_FILE_FLOW: {
    const sf_file_flow &f = from.data.file_flow;
    sysflow::FileFlow ff;
    ff.procOID = oid(f.proc_oid);
    ff.ts = f.ts;
    ff.tid = f.tid;
    ff.opFlags = f.op_flags;
    ff.openFlags = f.open_flags;
    ff.endTs = f.end_ts;
    ff.fileOID = foid(f.file_oid);
    ff.fd = f.fd;
    ff.numRRecvOps = f.num_r_recv_ops;
    ff.numWSendOps = f.num_w_send_ops;
    ff.numRRecvBytes = f.num_r_recv_bytes;
    ff.numWSendBytes = f.num_w_send_bytes;
    to.rec.set_FileFlow(std::move(ff));
    return true;
  }
  case SF_RECORD_FILE_EVENT: {
    const sf_file_event &e = from.data.file_event;
    sysflow::FileEvent fe;
    fe.procOID = oid(e.proc_oid);
    fe.ts = e.ts;
    fe.tid = e.tid;
    fe.opFlags = e.op_flags;
    fe.fileOID = foid(e.file_oid);
    fe.ret = e.ret;
    if (e.new_file_oid == nullptr) {
      fe.newFileOID.set_null();
    } else {
      fe.newFileOID.set_FOID(foid(*e.new_file_oid));
    }
    to.rec.set_FileEvent(std::move(fe));
    return true;
  }
  case SF_RECORD_NETWORK_EVENT: {
    const sf_network_event &e = from.data.network_event;
    sysflow::NetworkEvent ne;
    ne.procOID = oid(e.proc_oid);
    ne.ts = e.ts;
    ne.tid = e.tid;
    ne.opFlags = e.op_flags;
    ne.sip = e.sip;
    ne.sport = e.sport;
    ne.dip = e.dip;
    ne.dport = e.dport;
    ne.proto = e.proto;
    ne.ret = e.ret;
    to.rec.set_NetworkEvent(std::move(ne));
    return true;
  }
  case SF_RECORD_PROCESS_FLOW: {
    const sf_process_flow &f = from.data.process_flow;
    sysflow::ProcessFlow pf;
    pf.procOID = oid(f.proc_oid);
    pf.ts = f.ts;
    pf.numThreadsCloned = f.num_threads_cloned;
    pf.opFlags = f.op_flags;
    pf.endTs = f.end_ts;
    pf.numThreadsExited = f.num_threads_exited;
    pf.numCloneErrors = f.num_clone_errors;
    to.rec.set_ProcessFlow(std::move(pf));
    return true;
  }
  case SF_RECORD_K8S_EVENT: {
    const sf_k8s_event &e = from.data.k8s_event;
    sysflow::K8sEvent ke;
    ke.kind = static_cast<sysflow::K8sComponent>(e.kind);
    ke.action = static_cast<sysflow::K8sAction>(e.action);
    ke.ts = e.ts;
    assign(ke.message, e.message);
    to.rec.set_K8sEvent(std::move(ke));
    return true;
  }
  default:
    return false;
  }
}

} // namespace detail

/* A configuration with the reference library's defaults; the caller owns
 * it (delete it once the driver is made). */
inline SysFlowConfig *InitializeSysFlowConfig() {
  sf_config *defaults = sf_config_new();
  if (defaults == nullptr) {
    throw detail::last_error("cannot make a configuration");
  }
  SysFlowConfig *conf = new SysFlowConfig();
  auto flag = [&](uint32_t key) {
    bool value = false;
    sf_config_get_bool(defaults, key, &value);
    return value;
  };
  auto number = [&](uint32_t key) {
    int64_t value = 0;
    sf_config_get_int(defaults, key, &value);
    return value;
  };
  conf->filterContainers = flag(SF_CONFIG_FILTER_CONTAINERS);
  conf->rotateInterval = static_cast<int>(number(SF_CONFIG_ROTATE_INTERVAL));
  conf->samplingRatio = static_cast<int>(number(SF_CONFIG_SAMPLING_RATIO));
  conf->criTO = static_cast<int>(number(SF_CONFIG_CRI_TIMEOUT));
  conf->enableStats = flag(SF_CONFIG_ENABLE_STATS);
  conf->enableProcessFlow = flag(SF_CONFIG_ENABLE_PROCESS_FLOW);
  conf->fileOnly = flag(SF_CONFIG_FILE_ONLY);
  conf->fileReadMode = static_cast<int>(number(SF_CONFIG_FILE_READ_MODE));
  conf->dropMode = flag(SF_CONFIG_DROP_MODE);
  conf->callback = nullptr;
  conf->debugMode = flag(SF_CONFIG_DEBUG_MODE);
  conf->moduleChecks = flag(SF_CONFIG_MODULE_CHECKS);
  conf->singleBufferDimension = static_cast<uint64_t>(number(SF_CONFIG_SINGLE_BUFFER_DIMENSION));
  const char *app = nullptr;
  if (sf_config_get_string(defaults, SF_CONFIG_APP_NAME, &app) == SF_OK && app != nullptr) {
    conf->appName = app;
  }
  conf->collectionMode = static_cast<SFSysCallMode>(number(SF_CONFIG_COLLECTION_MODE));
  conf->cpuBuffers = static_cast<ssize_t>(number(SF_CONFIG_CPU_BUFFERS));
  conf->driverType = static_cast<DriverType>(number(SF_CONFIG_DRIVER_TYPE));
  sf_config_free(defaults);
  return conf;
}

/* Collects SysFlow as the configuration says: construct, run() until the
 * input ends or exit() is called, destroy. Neither copyable nor movable:
 * the library calls back into this object. */
class SysFlowDriver {
private:
  sf_driver *m_driver = nullptr;
  SysFlowCallback m_callback;
  std::exception_ptr m_error;
  /* Reused from record to record, so that steady state allocates little. */
  sysflow::SFHeader m_header;
  sysflow::Container m_container;
  sysflow::Process m_process;
  sysflow::File m_file;
  sysflow::File m_newFile;
  sysflow::SysFlow m_flow;

  static int32_t deliver(void *user, const sf_header *header, const sf_container *container,
                         const sf_process *process, const sf_file *file,
                         const sf_file *new_file, const sf_record *record) noexcept {
    SysFlowDriver *self = static_cast<SysFlowDriver *>(user);
    /* Nothing may unwind into the library: an exception stops the run,
     * and run() reports it. */
    try {
      if (!detail::convert(self->m_flow, *record)) {
        return 0;
      }
      detail::convert(self->m_header, *header);
      if (container != nullptr) {
        detail::convert(self->m_container, *container);
      }
      if (process != nullptr) {
        detail::convert(self->m_process, *process);
      }
      if (file != nullptr) {
        detail::convert(self->m_file, *file);
      }
      if (new_file != nullptr) {
        detail::convert(self->m_newFile, *new_file);
      }
      self->m_callback(&self->m_header, container ? &self->m_container : nullptr,
                       process ? &self->m_process : nullptr, file ? &self->m_file : nullptr,
                       new_file ? &self->m_newFile : nullptr, &self->m_flow);
      return 0;
    } catch (...) {
      self->m_error = std::current_exception();
      return 1;
    }
  }

  static void set_string(sf_config *c, uint32_t key, const std::string &value, const char *name) {
    detail::check(sf_config_set_string(c, key, value.c_str()), name);
  }

  static void configure(sf_config *c, const SysFlowConfig &conf) {
    using detail::check;
    check(sf_config_set_bool(c, SF_CONFIG_FILTER_CONTAINERS, conf.filterContainers), "filterContainers");
    check(sf_config_set_int(c, SF_CONFIG_ROTATE_INTERVAL, conf.rotateInterval), "rotateInterval");
    set_string(c, SF_CONFIG_EXPORTER_ID, conf.exporterID, "exporterID");
    set_string(c, SF_CONFIG_NODE_IP, conf.nodeIP, "nodeIP");
    set_string(c, SF_CONFIG_FILE_PATH, conf.filePath, "filePath");
    set_string(c, SF_CONFIG_SOCKET_PATH, conf.socketPath, "socketPath");
    set_string(c, SF_CONFIG_SCAP_INPUT_PATH, conf.scapInputPath, "scapInputPath");
    set_string(c, SF_CONFIG_FALCO_FILTER, conf.falcoFilter, "falcoFilter");
    /* 0, as in a value-initialised configuration, is the default (1). */
    if (conf.samplingRatio != 0) {
      check(sf_config_set_int(c, SF_CONFIG_SAMPLING_RATIO, conf.samplingRatio), "samplingRatio");
    }
    set_string(c, SF_CONFIG_CRI_PATH, conf.criPath, "criPath");
    /* 0, as in a value-initialised configuration, keeps the default (30 s),
     * as the reference leaves libsinsp's. */
    if (conf.criTO > 0) {
      check(sf_config_set_int(c, SF_CONFIG_CRI_TIMEOUT, conf.criTO), "criTO");
    }
    check(sf_config_set_bool(c, SF_CONFIG_ENABLE_STATS, conf.enableStats), "enableStats");
    check(sf_config_set_bool(c, SF_CONFIG_ENABLE_PROCESS_FLOW, conf.enableProcessFlow), "enableProcessFlow");
    check(sf_config_set_bool(c, SF_CONFIG_FILE_ONLY, conf.fileOnly), "fileOnly");
    check(sf_config_set_int(c, SF_CONFIG_FILE_READ_MODE, conf.fileReadMode), "fileReadMode");
    check(sf_config_set_bool(c, SF_CONFIG_DROP_MODE, conf.dropMode), "dropMode");
    check(sf_config_set_bool(c, SF_CONFIG_DEBUG_MODE, conf.debugMode), "debugMode");
    set_string(c, SF_CONFIG_K8S_API_URL, conf.k8sAPIURL, "k8sAPIURL");
    set_string(c, SF_CONFIG_K8S_API_CERT, conf.k8sAPICert, "k8sAPICert");
    check(sf_config_set_bool(c, SF_CONFIG_MODULE_CHECKS, conf.moduleChecks), "moduleChecks");
    /* 0 means the driver's default in the reference. */
    if (conf.singleBufferDimension != 0) {
      const int64_t dimension =
          conf.singleBufferDimension > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())
              ? -1
              : static_cast<int64_t>(conf.singleBufferDimension);
      check(sf_config_set_int(c, SF_CONFIG_SINGLE_BUFFER_DIMENSION, dimension), "singleBufferDimension");
    }
    if (!conf.appName.empty()) {
      set_string(c, SF_CONFIG_APP_NAME, conf.appName, "appName");
    }
    check(sf_config_set_int(c, SF_CONFIG_COLLECTION_MODE, static_cast<int64_t>(conf.collectionMode)),
          "collectionMode");
    check(sf_config_set_int(c, SF_CONFIG_CPU_BUFFERS, static_cast<int64_t>(conf.cpuBuffers)), "cpuBuffers");
    /* As in the reference, reading a capture file ignores the driver type
     * (a value-initialised configuration says EBPF). */
    if (conf.scapInputPath.empty()) {
      check(sf_config_set_int(c, SF_CONFIG_DRIVER_TYPE, static_cast<int64_t>(conf.driverType)),
            "driverType");
    }
  }

public:
  /* Checks the configuration, the input and the outputs; throws a
   * SysFlowException with the reference's code when they cannot run. As
   * in the reference, the environment's overrides (NODE_IP,
   * ENABLE_DROP_MODE, FILE_ONLY, ENABLE_PROC_FLOW, FILE_READ_MODE,
   * ENABLE_STATS, DRIVER_LOG, SF_K8S_API_URL, SF_K8S_API_CERT) apply. */
  explicit SysFlowDriver(SysFlowConfig *conf) {
    if (conf == nullptr) {
      throw sfexception::SysFlowException("the configuration is a null pointer",
                                          sfexception::OperationNotSupported);
    }
    sf_config *c = sf_config_new();
    if (c == nullptr) {
      throw detail::last_error("cannot make a configuration");
    }
    try {
      configure(c, *conf);
      detail::check(sf_config_apply_env(c), "environment overrides");
      if (conf->callback) {
        m_callback = conf->callback;
        detail::check(sf_config_set_callback(c, &SysFlowDriver::deliver, this), "callback");
      }
      m_driver = sf_driver_new(c);
      if (m_driver == nullptr) {
        throw detail::last_error("cannot start collection");
      }
    } catch (...) {
      sf_config_free(c);
      throw;
    }
    sf_config_free(c);
  }

  SysFlowDriver(const SysFlowDriver &) = delete;
  SysFlowDriver &operator=(const SysFlowDriver &) = delete;

  virtual ~SysFlowDriver() { sf_driver_free(m_driver); }

  /* Asks run() to stop: it writes the open flows, closes the outputs and
   * returns. Only sets a flag: safe in a signal handler. */
  void exit() { sf_driver_exit(m_driver); }

  /* Collects until the input ends or exit() is called; 0 on success,
   * a SysFlowException otherwise. */
  int run() {
    m_error = nullptr;
    if (sf_driver_run(m_driver) == SF_OK) {
      return 0;
    }
    if (m_error) {
      std::exception_ptr error = m_error;
      m_error = nullptr;
      try {
        std::rethrow_exception(error);
      } catch (const std::exception &e) {
        std::throw_with_nested(sfexception::SysFlowException(
            std::string("the callback threw, and the run stopped: ") + e.what(),
            sfexception::LibsError));
      } catch (...) {
        std::throw_with_nested(sfexception::SysFlowException(
            "the callback threw, and the run stopped", sfexception::LibsError));
      }
    }
    throw detail::last_error("collection failed");
  }

  /* The library's version, e.g. "0.1.0". */
  std::string getVersion() { return std::string(sf_version()); }
};

} // namespace sysflowlibscpp

#endif // SYSFLOW_LIBS_HPP
