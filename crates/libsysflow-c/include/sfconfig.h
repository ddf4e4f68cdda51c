// sfconfig.h: the configuration of libsysflow's C++ API, declared as the
// reference collector declares it (same names, types and order), so that a
// consumer that fills one in compiles unchanged.
//
// sysflowlibscpp::InitializeSysFlowConfig() returns one with the reference's
// defaults; a SysFlowConfig made otherwise starts with every field zero,
// false or empty. docs/config.md describes each field (the Rust names are
// the same in snake case) and what this implementation does not support.

#ifndef SYSFLOW_SFCONFIG_H
#define SYSFLOW_SFCONFIG_H

#include <stdint.h>
#include <sys/types.h>

#include <functional>
#include <string>

#include "sysflow.h"

// Which system calls are collected, and so which records are made.
enum SFSysCallMode {
  // Every record: file and network flows with their reads and writes.
  SFFlowMode,
  // Lighter: no read, write, send or recv is collected.
  SFConsumerMode,
  // No file records at all.
  SFNoFilesMode
};

// The capture driver. This implementation captures live through its own
// CO-RE eBPF probe (CORE_EBPF, or NO_DRIVER), and refuses Falco's EBPF and
// KMOD drivers.
enum DriverType { EBPF, CORE_EBPF, KMOD, NO_DRIVER };

// Called for every event and flow (not for the entities, which come with
// the records that refer to them): the header of the current segment, the
// process's container (nullptr outside containers), the process (nullptr
// for a Kubernetes event), the file of a file flow or event and the second
// file of a rename or link (nullptr where there is none), and the record.
// The pointers are valid during the call only.
using SysFlowCallback = std::function<void(
    sysflow::SFHeader *, sysflow::Container *, sysflow::Process *,
    sysflow::File *, sysflow::File *, sysflow::SysFlow *)>;

struct SysFlowConfig {
  // Keep only the events of processes in containers.
  bool filterContainers{};
  // Seconds between file rotations (a new header each time); 0 or less:
  // one file.
  int rotateInterval{};
  // The header's exporter (empty: the host name).
  std::string exporterID;
  // The header's ip (the environment's NODE_IP wins).
  std::string nodeIP;
  // Where .sf files go: a directory if it ends with '/', else a file name
  // or, with rotation, a prefix; empty: no file output.
  std::string filePath;
  // sf-processor's unix socket; empty: no socket output.
  std::string socketPath;
  // A scap capture file to read instead of capturing live ("-": standard
  // input); empty: live capture.
  std::string scapInputPath;
  // A Falco filter on the events; empty: none.
  std::string falcoFilter;
  // With dropMode, one event in samplingRatio is kept in the kernel.
  int samplingRatio{};
  // The container runtime's CRI socket; empty: none.
  std::string criPath;
  // The timeout of CRI requests, in seconds.
  int criTO{};
  // Log cache sizes and output counters at each rotation and at the end.
  bool enableStats{};
  // Thread clones and exits as ProcessFlow records instead of events.
  bool enableProcessFlow{};
  // File flows for regular files only (not directories, pipes, sockets).
  bool fileOnly{};
  // Which file reads make flows: 0 all, 1 none, 2 none under /proc/, /dev/,
  // /sys/, /lib*/, /usr/lib*/.
  int fileReadMode{};
  // Filter and sample system calls in the kernel (samplingRatio).
  bool dropMode{};
  // The callback output; empty: none.
  SysFlowCallback callback;
  // Ask the capture engine for debug logs.
  bool debugMode{};
  // The Kubernetes API server and its certificate; empty: none.
  std::string k8sAPIURL;
  std::string k8sAPICert;
  // Check the driver before capturing (privileges, kernel, BTF).
  bool moduleChecks{};
  // Bytes of one capture buffer; 0: the driver's default.
  uint64_t singleBufferDimension{};
  // The program's name in logs.
  std::string appName;
  // Which system calls are collected.
  SFSysCallMode collectionMode{};
  // The number of CPU buffers; 0: one per online CPU.
  ssize_t cpuBuffers{};
  // The capture driver.
  DriverType driverType{};
};

#endif // SYSFLOW_SFCONFIG_H
