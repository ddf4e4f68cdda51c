/*
 * libsysflow's C API: collect SysFlow records from Linux system calls or
 * scap capture files, and receive them in a callback, .sf files or an
 * sf-processor socket. Link with libsysflow.a: see `pkg-config --libs
 * --static sysflow`.
 *
 * Generated from crates/libsysflow-c by `cargo xtask cheader`; do not edit.
 */

#ifndef LIBSYSFLOW_H
#define LIBSYSFLOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

// Drop events of processes outside containers (bool; `filterContainers`).
#define SF_CONFIG_FILTER_CONTAINERS 0

// Seconds between file rotations, ≤ 0 disables (int; `rotateInterval`).
#define SF_CONFIG_ROTATE_INTERVAL 1

// The header's exporter id; empty means the host name (string; `exporterID`).
#define SF_CONFIG_EXPORTER_ID 2

// The header's IP (string; `nodeIP`).
#define SF_CONFIG_NODE_IP 3

// Output file (prefix), or directory ending in `/` (string; `filePath`).
#define SF_CONFIG_FILE_PATH 4

// sf-processor's unix socket to stream to (string; `socketPath`).
#define SF_CONFIG_SOCKET_PATH 5

// Capture file to read; set means offline (string; `scapInputPath`).
#define SF_CONFIG_SCAP_INPUT_PATH 6

// Falco filter expression (string; `falcoFilter`).
#define SF_CONFIG_FALCO_FILTER 7

// Drop-mode sampling ratio, ≥ 1 (int; `samplingRatio`).
#define SF_CONFIG_SAMPLING_RATIO 8

// CRI socket for container metadata (string; `criPath`).
#define SF_CONFIG_CRI_PATH 9

// CRI timeout in seconds (int; `criTO`).
#define SF_CONFIG_CRI_TIMEOUT 10

// Log table sizes at rotation and exit (bool; `enableStats`).
#define SF_CONFIG_ENABLE_STATS 11

// Aggregate thread clones and exits into ProcessFlows (bool; `enableProcessFlow`).
#define SF_CONFIG_ENABLE_PROCESS_FLOW 12

// File flows only for regular files (bool; `fileOnly`).
#define SF_CONFIG_FILE_ONLY 13

// Which reads become FileFlows: 0 all, 1 none, 2 not system paths (int; `fileReadMode`).
#define SF_CONFIG_FILE_READ_MODE 14

// Let the kernel drop events under load, live only (bool; `dropMode`).
#define SF_CONFIG_DROP_MODE 15

// Debug logging of the capture engine (bool; `debugMode`).
#define SF_CONFIG_DEBUG_MODE 16

// Kubernetes API URL (string; `k8sAPIURL`).
#define SF_CONFIG_K8S_API_URL 17

// Kubernetes API certificate file (string; `k8sAPICert`).
#define SF_CONFIG_K8S_API_CERT 18

// Check the kernel driver before a live capture (bool; `moduleChecks`).
#define SF_CONFIG_MODULE_CHECKS 19

// Ring buffer bytes per CPU, live only (int; `singleBufferDimension`).
#define SF_CONFIG_SINGLE_BUFFER_DIMENSION 20

// Program name for logs (string; `appName`).
#define SF_CONFIG_APP_NAME 21

// Which syscalls become records: 0 flow, 1 consumer, 2 no files (int;
// `collectionMode`, the reference's `SFSysCallMode` order).
#define SF_CONFIG_COLLECTION_MODE 22

// CPUs per ring buffer; 0 = one per online CPU (int; `cpuBuffers`).
#define SF_CONFIG_CPU_BUFFERS 23

// The live driver: 0 EBPF, 1 CORE_EBPF, 2 KMOD, 3 NO_DRIVER (int;
// `driverType`, the reference's `DriverType` order).
#define SF_CONFIG_DRIVER_TYPE 24

// Not in the reference: also save the live capture as scap here (string).
#define SF_CONFIG_SCAP_OUTPUT_PATH 25

// Not in the reference: bytes per saved scap file, 0 = no limit (int).
#define SF_CONFIG_SCAP_OUTPUT_SIZE_LIMIT 26

// Not in the reference: empty captured environments (bool).
#define SF_CONFIG_SCRUB_ENV 27

// Not in the reference: compression level of `.sf` files, deflate's 0-9
// (zstandard's 1-19), -1 = by mode (int).
#define SF_CONFIG_COMPRESSION_LEVEL 28

// Not in the reference: run the capture at idle priority while it keeps up (bool).
#define SF_CONFIG_BACKGROUND 29

// Not in the reference: stream to a socket another user listens on (bool).
#define SF_CONFIG_ALLOW_FOREIGN_SOCKET 30

// Not in the reference: drop capabilities once live capture runs (bool).
#define SF_CONFIG_DROP_PRIVILEGES 31

// Not in the reference: block codec of `.sf` files: 0 deflate (the
// default, the reference's), 1 zstandard, 2 null (int).
#define SF_CONFIG_FILE_CODEC 32

// A function succeeded.
#define SF_OK 0

// A function failed: [`sf_last_error_code`] and [`sf_last_error_message`]
// say why.
#define SF_FAILED -1

// A failure of the capture library (the reference's catch-all).
#define SF_ERROR_LIBS 0

// The driver or probe cannot be accessed (permissions).
#define SF_ERROR_PROBE_ACCESS_DENIED 1

// The eBPF probe file does not exist.
#define SF_ERROR_PROBE_NOT_EXIST 2

// Reading or writing the file system failed.
#define SF_ERROR_READING_FILE_SYSTEM 3

// A name is too long (a socket path).
#define SF_ERROR_NAME_TOO_LONG 4

// The probe check failed otherwise.
#define SF_ERROR_PROBE_CHECK 5

// The kernel module is not loaded.
#define SF_ERROR_PROBE_NOT_LOADED 6

// The driver's API version does not match the library's.
#define SF_ERROR_DRIVER_LIBS_MISMATCH 7

// The event stream could not be parsed.
#define SF_ERROR_EVENT_PARSING 8

// A `/proc` resource was not found.
#define SF_ERROR_PROC_RESOURCE_NOT_FOUND 9

// The requested operation or configuration is not supported.
#define SF_ERROR_OPERATION_NOT_SUPPORTED 10

// An output failed, or could not deliver every record, while the run went
// on to its end; the other outputs are complete.
#define SF_ERROR_OUTPUT_INCOMPLETE 11

// Not a run's failure but the API's misuse: a null pointer, an unknown
// configuration key or enum value, a string that is not UTF-8.
#define SF_ERROR_INVALID_ARGUMENT 100

// The callback returned non-zero: the run stopped there, and its outputs
// were closed cleanly.
#define SF_ERROR_CALLBACK 101

// A bug in the library: it panicked. The panic was stopped at the API's
// boundary; the object it happened in should be freed, not used again.
#define SF_ERROR_INTERNAL 102

// Record type of a header (`SF_HEADER`; never delivered to a callback).
#define SF_RECORD_HEADER 0

// Record type of a container (`SF_CONT`; never delivered to a callback).
#define SF_RECORD_CONTAINER 1

// Record type of a process (`SF_PROC`; never delivered to a callback).
#define SF_RECORD_PROCESS 2

// Record type of a file (`SF_FILE_OBJ`; never delivered to a callback).
#define SF_RECORD_FILE 3

// Record type of a process event (`SF_PROC_EVT`): `data.process_event`.
#define SF_RECORD_PROCESS_EVENT 4

// Record type of a network flow (`SF_NET_FLOW`): `data.network_flow`.
#define SF_RECORD_NETWORK_FLOW 5

// Record type of a file flow (`SF_FILE_FLOW`): `data.file_flow`.
#define SF_RECORD_FILE_FLOW 6

// Record type of a file event (`SF_FILE_EVT`): `data.file_event`.
#define SF_RECORD_FILE_EVENT 7

// Record type of a network event (`SF_NET_EVT`): `data.network_event`.
#define SF_RECORD_NETWORK_EVENT 8

// Record type of a process flow (`SF_PROC_FLOW`): `data.process_flow`.
#define SF_RECORD_PROCESS_FLOW 9

// Record type of a pod (`SF_POD`; never delivered to a callback).
#define SF_RECORD_POD 10

// Record type of a Kubernetes event (`SF_K8S_EVT`): `data.k8s_event`.
#define SF_RECORD_K8S_EVENT 11

// A configuration: [`SysFlowConfig`] and the C callback, if any.
typedef struct sf_config sf_config;

// A driver: made from a configuration, run once, then freed.
typedef struct sf_driver sf_driver;

// A UTF-8 string borrowed for the call: `len` bytes at `ptr`, not
// NUL-terminated. In an optional field (a union with null in the schema)
// `ptr` is null when the field is null; otherwise it is never null, also
// for an empty string.
typedef struct sf_str {
  // The first byte.
  const char *ptr;
  // The length in bytes.
  size_t len;
} sf_str;

// The header of the segment the record belongs to (`SFHeader`).
typedef struct sf_header {
  // Schema version.
  int64_t version;
  // Exporter id.
  struct sf_str exporter;
  // Node IP, or empty.
  struct sf_str ip;
  // The file being written, or empty.
  struct sf_str filename;
} sf_header;

// A container (`Container`).
typedef struct sf_container {
  // Container id.
  struct sf_str id;
  // Name.
  struct sf_str name;
  // Image with its tag.
  struct sf_str image;
  // Image id.
  struct sf_str imageid;
  // `ContainerType` ordinal (`CT_DOCKER` = 0 …, the schema's order).
  int32_t container_type;
  // Whether it runs privileged.
  bool privileged;
  // Pod id; null `ptr` when none.
  struct sf_str pod_id;
} sf_container;

// A process's identity (`sysflow.type.OID`).
typedef struct sf_oid {
  // Creation time of the main thread, ns since the epoch (`createTS`).
  int64_t create_ts;
  // Process id in the host pid namespace.
  int64_t hpid;
} sf_oid;

// A process (`Process`).
typedef struct sf_process {
  // `SFObjectState` ordinal: 0 CREATED, 1 MODIFIED, 2 REUP.
  int32_t state;
  // Identity.
  struct sf_oid oid;
  // The parent's identity; null when unknown.
  const struct sf_oid *poid;
  // Time (ns) of the event that created or changed the record.
  int64_t ts;
  // Executable path.
  struct sf_str exe;
  // Arguments after argv\[0\], joined by spaces (`exeArgs`).
  struct sf_str exe_args;
  // User id, -1 when unknown.
  int32_t uid;
  // User name (`userName`).
  struct sf_str user_name;
  // Group id, -1 when unknown.
  int32_t gid;
  // Group name (`groupName`).
  struct sf_str group_name;
  // Whether it has a controlling terminal.
  bool tty;
  // Container id; null `ptr` when none (`containerId`).
  struct sf_str container_id;
  // Whether it is its pid namespace's pid 1.
  bool entry;
  // Working directory.
  struct sf_str cwd;
  // Environment, `env_len` `NAME=value` strings.
  const struct sf_str *env;
  // How many strings `env` holds.
  size_t env_len;
} sf_process;

// A file's identity, a SHA-1 (`sysflow.type.FOID`, fixed 20).
typedef struct sf_foid {
  // The 20 bytes.
  uint8_t bytes[20];
} sf_foid;

// A file, directory, pipe or unix socket (`File`).
typedef struct sf_file {
  // `SFObjectState` ordinal.
  int32_t state;
  // Identity.
  struct sf_foid oid;
  // Time (ns) of the first reference.
  int64_t ts;
  // Resource type as a character: `f`, `d`, `u`, `p`, `?`.
  int32_t restype;
  // Path or descriptor name.
  struct sf_str path;
  // Container id; null `ptr` when none (`containerId`).
  struct sf_str container_id;
} sf_file;

// A process event: clone, exec, exit, setuid (`ProcessEvent`).
typedef struct sf_process_event {
  // The process (`procOID`).
  struct sf_oid proc_oid;
  // Time (ns).
  int64_t ts;
  // Thread id.
  int64_t tid;
  // `OP_*` flags (`opFlags`).
  int32_t op_flags;
  // Arguments, `args_len` strings.
  const struct sf_str *args;
  // How many strings `args` holds.
  size_t args_len;
  // Return value.
  int32_t ret;
} sf_process_event;

// A network flow (`NetworkFlow`).
typedef struct sf_network_flow {
  // The process (`procOID`).
  struct sf_oid proc_oid;
  // Start (ns).
  int64_t ts;
  // Thread id.
  int64_t tid;
  // `OP_*` flags (`opFlags`).
  int32_t op_flags;
  // End (ns) (`endTs`).
  int64_t end_ts;
  // Source IPv4, network-order bytes read as little-endian.
  int32_t sip;
  // Source port.
  int32_t sport;
  // Destination IPv4, as `sip`.
  int32_t dip;
  // Destination port.
  int32_t dport;
  // IP protocol.
  int32_t proto;
  // Descriptor.
  int32_t fd;
  // Receive operations (`numRRecvOps`).
  int64_t num_r_recv_ops;
  // Send operations (`numWSendOps`).
  int64_t num_w_send_ops;
  // Bytes received (`numRRecvBytes`).
  int64_t num_r_recv_bytes;
  // Bytes sent (`numWSendBytes`).
  int64_t num_w_send_bytes;
} sf_network_flow;

// A file flow (`FileFlow`).
typedef struct sf_file_flow {
  // The process (`procOID`).
  struct sf_oid proc_oid;
  // Start (ns).
  int64_t ts;
  // Thread id.
  int64_t tid;
  // `OP_*` flags (`opFlags`).
  int32_t op_flags;
  // Falco's `PPM_O_*` open flags (`openFlags`).
  int32_t open_flags;
  // End (ns) (`endTs`).
  int64_t end_ts;
  // The file (`fileOID`).
  struct sf_foid file_oid;
  // Descriptor.
  int32_t fd;
  // Read operations (`numRRecvOps`).
  int64_t num_r_recv_ops;
  // Write operations (`numWSendOps`).
  int64_t num_w_send_ops;
  // Bytes read (`numRRecvBytes`).
  int64_t num_r_recv_bytes;
  // Bytes written (`numWSendBytes`).
  int64_t num_w_send_bytes;
} sf_file_flow;

// A file event: mkdir, rmdir, link, symlink, unlink, rename (`FileEvent`).
typedef struct sf_file_event {
  // The process (`procOID`).
  struct sf_oid proc_oid;
  // Time (ns).
  int64_t ts;
  // Thread id.
  int64_t tid;
  // `OP_*` flags (`opFlags`).
  int32_t op_flags;
  // The file (`fileOID`).
  struct sf_foid file_oid;
  // Return value.
  int32_t ret;
  // The second file of a rename or link (`newFileOID`); null when none.
  const struct sf_foid *new_file_oid;
} sf_file_event;

// A network event (`NetworkEvent`).
typedef struct sf_network_event {
  // The process (`procOID`).
  struct sf_oid proc_oid;
  // Time (ns).
  int64_t ts;
  // Thread id.
  int64_t tid;
  // `OP_*` flags (`opFlags`).
  int32_t op_flags;
  // Source IPv4.
  int32_t sip;
  // Source port.
  int32_t sport;
  // Destination IPv4.
  int32_t dip;
  // Destination port.
  int32_t dport;
  // IP protocol.
  int32_t proto;
  // Return value.
  int32_t ret;
} sf_network_event;

// A process flow: thread clones and exits (`ProcessFlow`).
typedef struct sf_process_flow {
  // The process (`procOID`).
  struct sf_oid proc_oid;
  // Start (ns).
  int64_t ts;
  // Threads cloned (`numThreadsCloned`).
  int64_t num_threads_cloned;
  // `OP_*` flags (`opFlags`).
  int32_t op_flags;
  // End (ns) (`endTs`).
  int64_t end_ts;
  // Threads exited (`numThreadsExited`).
  int64_t num_threads_exited;
  // Failed clones (`numCloneErrors`).
  int64_t num_clone_errors;
} sf_process_flow;

// A Kubernetes event (`K8sEvent`).
typedef struct sf_k8s_event {
  // `K8sComponent` ordinal.
  int32_t kind;
  // `K8sAction` ordinal.
  int32_t action;
  // Time (ns).
  int64_t ts;
  // Message.
  struct sf_str message;
} sf_k8s_event;

// The record's body; `sf_record::record_type` says which member is valid.
typedef union sf_record_data {
  // `SF_RECORD_PROCESS_EVENT`.
  struct sf_process_event process_event;
  // `SF_RECORD_NETWORK_FLOW`.
  struct sf_network_flow network_flow;
  // `SF_RECORD_FILE_FLOW`.
  struct sf_file_flow file_flow;
  // `SF_RECORD_FILE_EVENT`.
  struct sf_file_event file_event;
  // `SF_RECORD_NETWORK_EVENT`.
  struct sf_network_event network_event;
  // `SF_RECORD_PROCESS_FLOW`.
  struct sf_process_flow process_flow;
  // `SF_RECORD_K8S_EVENT`.
  struct sf_k8s_event k8s_event;
} sf_record_data;

// A behaviour record (the `rec` of `sysflow.SysFlow`).
typedef struct sf_record {
  // One of the `SF_RECORD_*` values (the schema's union index, the
  // reference's `SF_*` ids).
  uint32_t record_type;
  // The record.
  union sf_record_data data;
} sf_record;

// The consumer's function for SysFlow records (see `sf_config_set_callback`).
//
// Called on the thread running `sf_driver_run`, once per behaviour record
// (process, file and network events and flows, process flows), with the
// segment's header and the record's entities resolved; `container`,
// `process`, `file` and `new_file` are null when the record has none.
// Everything is borrowed for the call only: copy what must outlive it.
// Return 0 to go on; anything else stops the run, which then fails with
// `SF_ERROR_CALLBACK` after closing its outputs cleanly. The function must
// not unwind (a C++ exception must be caught inside it).
typedef int32_t (*sf_callback)(void *user,
                               const struct sf_header *header,
                               const struct sf_container *container,
                               const struct sf_process *process,
                               const struct sf_file *file,
                               const struct sf_file *new_file,
                               const struct sf_record *record);

#ifdef __cplusplus
extern "C" {
#endif // __cplusplus

// libsysflow's version as a NUL-terminated string, e.g. `0.1.0`; valid for
// the life of the program.
const char *sf_version(void);

// A new configuration with the reference library's defaults
// (`InitializeSysFlowConfig`): offline unless a driver type is set, no
// output yet. Free it with [`sf_config_free`]. Null only when out of
// memory.
struct sf_config *sf_config_new(void);

// Frees a configuration; null is ignored. Drivers made from it keep their
// own copy.
//
// # Safety
// `config` is null or a pointer from [`sf_config_new`], not yet freed and
// not used again.
void sf_config_free(struct sf_config *config);

// Applies the reference's environment overrides (`NODE_IP`,
// `ENABLE_DROP_MODE`, `FILE_ONLY`, `ENABLE_PROC_FLOW`, `FILE_READ_MODE`,
// `ENABLE_STATS`, `DRIVER_LOG`, `SF_K8S_API_URL`, `SF_K8S_API_CERT`) from
// the process environment; they win over what is set. The reference's
// driver applies them when it is made; C++ consumers get that through
// `sysflowlibs.hpp`, C consumers call this.
//
// # Safety
// `config` is null or a live configuration.
int32_t sf_config_apply_env(struct sf_config *config);

// Sets a boolean field.
//
// # Safety
// `config` is null or a live configuration.
int32_t sf_config_set_bool(struct sf_config *config, uint32_t key, bool value);

// Reads a boolean field into `*value`.
//
// # Safety
// `config` is null or a live configuration; `value` is null or writable.
int32_t sf_config_get_bool(const struct sf_config *config, uint32_t key, bool *value);

// Sets an integer field. Enumerations take the reference's values
// (`SF_CONFIG_FILE_READ_MODE` 0-2, `SF_CONFIG_COLLECTION_MODE` 0-2,
// `SF_CONFIG_DRIVER_TYPE` 0-3); a value out of a field's range is refused.
//
// # Safety
// `config` is null or a live configuration.
int32_t sf_config_set_int(struct sf_config *config, uint32_t key, int64_t value);

// Reads an integer field into `*value` (enumerations as their values,
// unset optional sizes and levels as 0 and -1).
//
// # Safety
// `config` is null or a live configuration; `value` is null or writable.
int32_t sf_config_get_int(const struct sf_config *config, uint32_t key, int64_t *value);

// Sets a string field from a NUL-terminated UTF-8 string. An empty string
// unsets an optional field (a path, the filter, the Kubernetes settings),
// as in the reference, and empties the others. A null `value`, or one
// that is not UTF-8, is refused: SysFlow records carry paths and names as
// Avro strings, which are UTF-8.
//
// # Safety
// `config` is null or a live configuration; `value` is null or a
// NUL-terminated string.
int32_t sf_config_set_string(struct sf_config *config, uint32_t key, const char *value);

// Reads a string field: `*value` points to a NUL-terminated copy, empty
// for an unset field, owned by the configuration and valid until its next
// `sf_config_get_string`, a change, or `sf_config_free`.
//
// # Safety
// `config` is null or a live configuration; `value` is null or writable.
int32_t sf_config_get_string(struct sf_config *config, uint32_t key, const char **value);

// Sets the function that receives the records, with a pointer handed back
// to it unchanged; a null `callback` removes it. The callback is an
// output like `SF_CONFIG_FILE_PATH` and `SF_CONFIG_SOCKET_PATH`, and
// usable with them.
//
// # Safety
// `config` is null or a live configuration; `callback`, if set, is safe to
// call with `user` from the thread that will run the driver for as long
// as a driver made from this configuration lives.
int32_t sf_config_set_callback(struct sf_config *config, sf_callback callback, void *user);

// Makes a driver from `config` (which stays the caller's, and may be
// freed at once): checks the configuration and the input and output
// locations, so that a configuration that cannot run fails here. Null on
// failure, with the reason in `sf_last_error_code` and
// `sf_last_error_message`. Environment overrides are not applied here: see
// `sf_config_apply_env`.
//
// # Safety
// `config` is null or a live configuration.
struct sf_driver *sf_driver_new(const struct sf_config *config);

// Runs until the input ends or [`sf_driver_exit`] is called: every record
// goes to the configured outputs, open flows are written at the end, and
// the outputs are closed. [`SF_OK`](crate::SF_OK) or
// [`SF_FAILED`](crate::SF_FAILED); a damaged capture still leaves a valid
// file with every record before the damage. A driver runs once.
//
// # Safety
// `driver` is null or a live driver.
int32_t sf_driver_run(struct sf_driver *driver);

// Asks a running driver to stop; it notices at its next event, writes its
// open flows and closes its outputs, and `sf_driver_run` returns. Only
// stores to atomics: safe from a signal handler and from any thread. Null
// is ignored.
//
// # Safety
// `driver` is null or a live driver (not being freed meanwhile).
void sf_driver_exit(struct sf_driver *driver);

// Frees a driver that is not running; null is ignored.
//
// # Safety
// `driver` is null or a pointer from [`sf_driver_new`], not yet freed, not
// running, and not used again.
void sf_driver_free(struct sf_driver *driver);

// The code of this thread's last failure: one of the `SF_ERROR_*` values.
// Meaningful only right after a function returned [`SF_FAILED`] (or a
// null pointer); successful calls leave it as it was.
int32_t sf_last_error_code(void);

// The message of this thread's last failure, in English, NUL-terminated
// and never null; empty before any failure. Valid until the thread's next
// failing call: copy it to keep it.
const char *sf_last_error_message(void);

// The name of an `SF_ERROR_*` code as a static NUL-terminated string
// (`"EventParsingError"`, `"InvalidArgument"`), or `"Unknown"`.
const char *sf_error_name(int32_t code);

#ifdef __cplusplus
}  // extern "C"
#endif  // __cplusplus

#endif  /* LIBSYSFLOW_H */
