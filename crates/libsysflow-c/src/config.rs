//! `sf_config`: every [`SysFlowConfig`] field behind one opaque object,
//! read and written by key (`SF_CONFIG_*`) with typed accessors.
//!
//! Keys rather than a C struct of fields: fields can be added without
//! breaking the ABI, and a key or value the library does not know is an
//! error the caller sees (`SF_ERROR_INVALID_ARGUMENT`) instead of memory it
//! misreads.

use std::ffi::{CStr, CString, c_char, c_void};
use std::path::PathBuf;

use libsysflow::{Codec, CollectionMode, DriverType, FileReadMode, SysFlowConfig};

use crate::driver::CallbackFn;
use crate::error::{Failure, guard, guard_ptr};

/// Drop events of processes outside containers (bool; `filterContainers`).
pub const SF_CONFIG_FILTER_CONTAINERS: u32 = 0;
/// Seconds between file rotations, ≤ 0 disables (int; `rotateInterval`).
pub const SF_CONFIG_ROTATE_INTERVAL: u32 = 1;
/// The header's exporter id; empty means the host name (string; `exporterID`).
pub const SF_CONFIG_EXPORTER_ID: u32 = 2;
/// The header's IP (string; `nodeIP`).
pub const SF_CONFIG_NODE_IP: u32 = 3;
/// Output file (prefix), or directory ending in `/` (string; `filePath`).
pub const SF_CONFIG_FILE_PATH: u32 = 4;
/// sf-processor's unix socket to stream to (string; `socketPath`).
pub const SF_CONFIG_SOCKET_PATH: u32 = 5;
/// Capture file to read; set means offline (string; `scapInputPath`).
pub const SF_CONFIG_SCAP_INPUT_PATH: u32 = 6;
/// Falco filter expression (string; `falcoFilter`).
pub const SF_CONFIG_FALCO_FILTER: u32 = 7;
/// Drop-mode sampling ratio, ≥ 1 (int; `samplingRatio`).
pub const SF_CONFIG_SAMPLING_RATIO: u32 = 8;
/// CRI socket for container metadata (string; `criPath`).
pub const SF_CONFIG_CRI_PATH: u32 = 9;
/// CRI timeout in seconds (int; `criTO`).
pub const SF_CONFIG_CRI_TIMEOUT: u32 = 10;
/// Log table sizes at rotation and exit (bool; `enableStats`).
pub const SF_CONFIG_ENABLE_STATS: u32 = 11;
/// Aggregate thread clones and exits into ProcessFlows (bool; `enableProcessFlow`).
pub const SF_CONFIG_ENABLE_PROCESS_FLOW: u32 = 12;
/// File flows only for regular files (bool; `fileOnly`).
pub const SF_CONFIG_FILE_ONLY: u32 = 13;
/// Which reads become FileFlows: 0 all, 1 none, 2 not system paths (int; `fileReadMode`).
pub const SF_CONFIG_FILE_READ_MODE: u32 = 14;
/// Let the kernel drop events under load, live only (bool; `dropMode`).
pub const SF_CONFIG_DROP_MODE: u32 = 15;
/// Debug logging of the capture engine (bool; `debugMode`).
pub const SF_CONFIG_DEBUG_MODE: u32 = 16;
/// Kubernetes API URL (string; `k8sAPIURL`).
pub const SF_CONFIG_K8S_API_URL: u32 = 17;
/// Kubernetes API certificate file (string; `k8sAPICert`).
pub const SF_CONFIG_K8S_API_CERT: u32 = 18;
/// Check the kernel driver before a live capture (bool; `moduleChecks`).
pub const SF_CONFIG_MODULE_CHECKS: u32 = 19;
/// Ring buffer bytes per CPU, live only (int; `singleBufferDimension`).
pub const SF_CONFIG_SINGLE_BUFFER_DIMENSION: u32 = 20;
/// Program name for logs (string; `appName`).
pub const SF_CONFIG_APP_NAME: u32 = 21;
/// Which syscalls become records: 0 flow, 1 consumer, 2 no files (int;
/// `collectionMode`, the reference's `SFSysCallMode` order).
pub const SF_CONFIG_COLLECTION_MODE: u32 = 22;
/// CPUs per ring buffer; 0 = one per online CPU (int; `cpuBuffers`).
pub const SF_CONFIG_CPU_BUFFERS: u32 = 23;
/// The live driver: 0 EBPF, 1 CORE_EBPF, 2 KMOD, 3 NO_DRIVER (int;
/// `driverType`, the reference's `DriverType` order).
pub const SF_CONFIG_DRIVER_TYPE: u32 = 24;
/// Not in the reference: also save the live capture as scap here (string).
pub const SF_CONFIG_SCAP_OUTPUT_PATH: u32 = 25;
/// Not in the reference: bytes per saved scap file, 0 = no limit (int).
pub const SF_CONFIG_SCAP_OUTPUT_SIZE_LIMIT: u32 = 26;
/// Not in the reference: empty captured environments (bool).
pub const SF_CONFIG_SCRUB_ENV: u32 = 27;
/// Not in the reference: compression level of `.sf` files, deflate's 0-9
/// (zstandard's 1-19), -1 = by mode (int).
pub const SF_CONFIG_COMPRESSION_LEVEL: u32 = 28;
/// Not in the reference: run the capture at idle priority while it keeps up (bool).
pub const SF_CONFIG_BACKGROUND: u32 = 29;
/// Not in the reference: stream to a socket another user listens on (bool).
pub const SF_CONFIG_ALLOW_FOREIGN_SOCKET: u32 = 30;
/// Not in the reference: drop capabilities once live capture runs (bool).
pub const SF_CONFIG_DROP_PRIVILEGES: u32 = 31;
/// Not in the reference: block codec of `.sf` files: 0 deflate (the
/// default, the reference's), 1 zstandard, 2 null (int).
pub const SF_CONFIG_FILE_CODEC: u32 = 32;

/// The consumer's function for SysFlow records (see `sf_config_set_callback`).
///
/// Called on the thread running `sf_driver_run`, once per behaviour record
/// (process, file and network events and flows, process flows), with the
/// segment's header and the record's entities resolved; `container`,
/// `process`, `file` and `new_file` are null when the record has none.
/// Everything is borrowed for the call only: copy what must outlive it.
/// Return 0 to go on; anything else stops the run, which then fails with
/// `SF_ERROR_CALLBACK` after closing its outputs cleanly. The function must
/// not unwind (a C++ exception must be caught inside it).
pub type sf_callback = Option<
    unsafe extern "C" fn(
        user: *mut c_void,
        header: *const crate::record::sf_header,
        container: *const crate::record::sf_container,
        process: *const crate::record::sf_process,
        file: *const crate::record::sf_file,
        new_file: *const crate::record::sf_file,
        record: *const crate::record::sf_record,
    ) -> i32,
>;

/// A configuration: [`SysFlowConfig`] and the C callback, if any.
pub struct sf_config {
    pub(crate) config: SysFlowConfig,
    pub(crate) callback: Option<CallbackFn>,
    /// The last string a getter returned, kept alive for the caller.
    returned: CString,
}

/// What a key holds.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Bool,
    Int,
    Str,
}

/// The key's name for messages, and its kind.
fn key_info(key: u32) -> Result<(&'static str, Kind), Failure> {
    use Kind::*;
    Ok(match key {
        SF_CONFIG_FILTER_CONTAINERS => ("SF_CONFIG_FILTER_CONTAINERS", Bool),
        SF_CONFIG_ROTATE_INTERVAL => ("SF_CONFIG_ROTATE_INTERVAL", Int),
        SF_CONFIG_EXPORTER_ID => ("SF_CONFIG_EXPORTER_ID", Str),
        SF_CONFIG_NODE_IP => ("SF_CONFIG_NODE_IP", Str),
        SF_CONFIG_FILE_PATH => ("SF_CONFIG_FILE_PATH", Str),
        SF_CONFIG_SOCKET_PATH => ("SF_CONFIG_SOCKET_PATH", Str),
        SF_CONFIG_SCAP_INPUT_PATH => ("SF_CONFIG_SCAP_INPUT_PATH", Str),
        SF_CONFIG_FALCO_FILTER => ("SF_CONFIG_FALCO_FILTER", Str),
        SF_CONFIG_SAMPLING_RATIO => ("SF_CONFIG_SAMPLING_RATIO", Int),
        SF_CONFIG_CRI_PATH => ("SF_CONFIG_CRI_PATH", Str),
        SF_CONFIG_CRI_TIMEOUT => ("SF_CONFIG_CRI_TIMEOUT", Int),
        SF_CONFIG_ENABLE_STATS => ("SF_CONFIG_ENABLE_STATS", Bool),
        SF_CONFIG_ENABLE_PROCESS_FLOW => ("SF_CONFIG_ENABLE_PROCESS_FLOW", Bool),
        SF_CONFIG_FILE_ONLY => ("SF_CONFIG_FILE_ONLY", Bool),
        SF_CONFIG_FILE_READ_MODE => ("SF_CONFIG_FILE_READ_MODE", Int),
        SF_CONFIG_DROP_MODE => ("SF_CONFIG_DROP_MODE", Bool),
        SF_CONFIG_DEBUG_MODE => ("SF_CONFIG_DEBUG_MODE", Bool),
        SF_CONFIG_K8S_API_URL => ("SF_CONFIG_K8S_API_URL", Str),
        SF_CONFIG_K8S_API_CERT => ("SF_CONFIG_K8S_API_CERT", Str),
        SF_CONFIG_MODULE_CHECKS => ("SF_CONFIG_MODULE_CHECKS", Bool),
        SF_CONFIG_SINGLE_BUFFER_DIMENSION => ("SF_CONFIG_SINGLE_BUFFER_DIMENSION", Int),
        SF_CONFIG_APP_NAME => ("SF_CONFIG_APP_NAME", Str),
        SF_CONFIG_COLLECTION_MODE => ("SF_CONFIG_COLLECTION_MODE", Int),
        SF_CONFIG_CPU_BUFFERS => ("SF_CONFIG_CPU_BUFFERS", Int),
        SF_CONFIG_DRIVER_TYPE => ("SF_CONFIG_DRIVER_TYPE", Int),
        SF_CONFIG_SCAP_OUTPUT_PATH => ("SF_CONFIG_SCAP_OUTPUT_PATH", Str),
        SF_CONFIG_SCAP_OUTPUT_SIZE_LIMIT => ("SF_CONFIG_SCAP_OUTPUT_SIZE_LIMIT", Int),
        SF_CONFIG_SCRUB_ENV => ("SF_CONFIG_SCRUB_ENV", Bool),
        SF_CONFIG_COMPRESSION_LEVEL => ("SF_CONFIG_COMPRESSION_LEVEL", Int),
        SF_CONFIG_BACKGROUND => ("SF_CONFIG_BACKGROUND", Bool),
        SF_CONFIG_ALLOW_FOREIGN_SOCKET => ("SF_CONFIG_ALLOW_FOREIGN_SOCKET", Bool),
        SF_CONFIG_DROP_PRIVILEGES => ("SF_CONFIG_DROP_PRIVILEGES", Bool),
        SF_CONFIG_FILE_CODEC => ("SF_CONFIG_FILE_CODEC", Int),
        _ => {
            return Err(Failure::invalid(format!(
                "unknown configuration key {key} (SF_CONFIG_* values are 0 to {SF_CONFIG_DROP_PRIVILEGES})"
            )));
        }
    })
}

/// The key's name, after checking it holds `kind`.
fn expect_kind(key: u32, kind: Kind) -> Result<&'static str, Failure> {
    let (name, actual) = key_info(key)?;
    if actual != kind {
        let setter = match actual {
            Kind::Bool => "bool",
            Kind::Int => "int",
            Kind::Str => "string",
        };
        return Err(Failure::invalid(format!(
            "{name} holds a {setter}: use sf_config_set_{setter} and sf_config_get_{setter}"
        )));
    }
    Ok(name)
}

fn config_mut<'a>(config: *mut sf_config) -> Result<&'a mut sf_config, Failure> {
    // SAFETY: the caller passes null or a pointer from sf_config_new that
    // it has not freed, and no other thread uses it meanwhile (the API's
    // contract).
    unsafe { config.as_mut() }
        .ok_or_else(|| Failure::invalid("the configuration is a null pointer"))
}

fn config_ref<'a>(config: *const sf_config) -> Result<&'a sf_config, Failure> {
    // SAFETY: as in config_mut.
    unsafe { config.as_ref() }
        .ok_or_else(|| Failure::invalid("the configuration is a null pointer"))
}

/// A new configuration with the reference library's defaults
/// (`InitializeSysFlowConfig`): offline unless a driver type is set, no
/// output yet. Free it with [`sf_config_free`]. Null only when out of
/// memory.
#[unsafe(no_mangle)]
pub extern "C" fn sf_config_new() -> *mut sf_config {
    guard_ptr(|| {
        Ok(Box::into_raw(Box::new(sf_config {
            config: SysFlowConfig::default(),
            callback: None,
            returned: CString::default(),
        })))
    })
}

/// Frees a configuration; null is ignored. Drivers made from it keep their
/// own copy.
///
/// # Safety
/// `config` is null or a pointer from [`sf_config_new`], not yet freed and
/// not used again.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sf_config_free(config: *mut sf_config) {
    if !config.is_null() {
        // SAFETY: per the contract, the pointer came from Box::into_raw.
        drop(unsafe { Box::from_raw(config) });
    }
}

/// Applies the reference's environment overrides (`NODE_IP`,
/// `ENABLE_DROP_MODE`, `FILE_ONLY`, `ENABLE_PROC_FLOW`, `FILE_READ_MODE`,
/// `ENABLE_STATS`, `DRIVER_LOG`, `SF_K8S_API_URL`, `SF_K8S_API_CERT`) from
/// the process environment; they win over what is set. The reference's
/// driver applies them when it is made; C++ consumers get that through
/// `sysflowlibs.hpp`, C consumers call this.
///
/// # Safety
/// `config` is null or a live configuration.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sf_config_apply_env(config: *mut sf_config) -> i32 {
    guard(|| {
        config_mut(config)?.config.apply_env();
        Ok(())
    })
}

/// Sets a boolean field.
///
/// # Safety
/// `config` is null or a live configuration.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sf_config_set_bool(config: *mut sf_config, key: u32, value: bool) -> i32 {
    guard(|| {
        expect_kind(key, Kind::Bool)?;
        let c = &mut config_mut(config)?.config;
        *bool_field(c, key)? = value;
        Ok(())
    })
}

/// Reads a boolean field into `*value`.
///
/// # Safety
/// `config` is null or a live configuration; `value` is null or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sf_config_get_bool(
    config: *const sf_config,
    key: u32,
    value: *mut bool,
) -> i32 {
    guard(|| {
        expect_kind(key, Kind::Bool)?;
        let c = &config_ref(config)?.config;
        let v = match key {
            SF_CONFIG_FILTER_CONTAINERS => c.filter_containers,
            SF_CONFIG_ENABLE_STATS => c.enable_stats,
            SF_CONFIG_ENABLE_PROCESS_FLOW => c.enable_process_flow,
            SF_CONFIG_FILE_ONLY => c.file_only,
            SF_CONFIG_DROP_MODE => c.drop_mode,
            SF_CONFIG_DEBUG_MODE => c.debug_mode,
            SF_CONFIG_MODULE_CHECKS => c.module_checks,
            SF_CONFIG_SCRUB_ENV => c.scrub_env,
            SF_CONFIG_BACKGROUND => c.background,
            SF_CONFIG_ALLOW_FOREIGN_SOCKET => c.allow_foreign_socket,
            SF_CONFIG_DROP_PRIVILEGES => c.drop_privileges,
            _ => return Err(Failure::invalid(format!("key {key} is not a boolean"))),
        };
        // SAFETY: null or writable, per the contract.
        let out = unsafe { value.as_mut() }
            .ok_or_else(|| Failure::invalid("the value pointer is null"))?;
        *out = v;
        Ok(())
    })
}

fn bool_field(c: &mut SysFlowConfig, key: u32) -> Result<&mut bool, Failure> {
    Ok(match key {
        SF_CONFIG_FILTER_CONTAINERS => &mut c.filter_containers,
        SF_CONFIG_ENABLE_STATS => &mut c.enable_stats,
        SF_CONFIG_ENABLE_PROCESS_FLOW => &mut c.enable_process_flow,
        SF_CONFIG_FILE_ONLY => &mut c.file_only,
        SF_CONFIG_DROP_MODE => &mut c.drop_mode,
        SF_CONFIG_DEBUG_MODE => &mut c.debug_mode,
        SF_CONFIG_MODULE_CHECKS => &mut c.module_checks,
        SF_CONFIG_SCRUB_ENV => &mut c.scrub_env,
        SF_CONFIG_BACKGROUND => &mut c.background,
        SF_CONFIG_ALLOW_FOREIGN_SOCKET => &mut c.allow_foreign_socket,
        SF_CONFIG_DROP_PRIVILEGES => &mut c.drop_privileges,
        _ => return Err(Failure::invalid(format!("key {key} is not a boolean"))),
    })
}

/// Sets an integer field. Enumerations take the reference's values
/// (`SF_CONFIG_FILE_READ_MODE` 0-2, `SF_CONFIG_COLLECTION_MODE` 0-2,
/// `SF_CONFIG_DRIVER_TYPE` 0-3); a value out of a field's range is refused.
///
/// # Safety
/// `config` is null or a live configuration.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sf_config_set_int(config: *mut sf_config, key: u32, value: i64) -> i32 {
    guard(|| {
        let name = expect_kind(key, Kind::Int)?;
        let c = &mut config_mut(config)?.config;
        let out_of_range =
            |range: &str| Failure::invalid(format!("{name}: {value} is out of range ({range})"));
        let u32_of = |v: i64| u32::try_from(v).map_err(|_| out_of_range("0 to 4294967295"));
        match key {
            SF_CONFIG_ROTATE_INTERVAL => c.rotate_interval = value,
            SF_CONFIG_SAMPLING_RATIO => {
                c.sampling_ratio = u32::try_from(value)
                    .ok()
                    .filter(|&r| r >= 1)
                    .ok_or_else(|| out_of_range("1 to 4294967295"))?
            }
            SF_CONFIG_CRI_TIMEOUT => c.cri_timeout = u32_of(value)?,
            SF_CONFIG_FILE_READ_MODE => {
                c.file_read_mode = u32::try_from(value)
                    .ok()
                    .and_then(FileReadMode::from_number)
                    .ok_or_else(|| out_of_range("0 all reads, 1 no reads, 2 no system reads"))?
            }
            SF_CONFIG_SINGLE_BUFFER_DIMENSION => {
                c.single_buffer_dimension =
                    usize::try_from(value).map_err(|_| out_of_range("a byte count ≥ 0"))?
            }
            SF_CONFIG_COLLECTION_MODE => {
                c.collection_mode = match value {
                    0 => CollectionMode::Flow,
                    1 => CollectionMode::Consumer,
                    2 => CollectionMode::NoFiles,
                    _ => return Err(out_of_range("0 flow, 1 consumer, 2 no files")),
                }
            }
            SF_CONFIG_CPU_BUFFERS => c.cpu_buffers = u32_of(value)?,
            SF_CONFIG_DRIVER_TYPE => {
                c.driver_type = match value {
                    0 => DriverType::Ebpf,
                    1 => DriverType::CoreEbpf,
                    2 => DriverType::Kmod,
                    3 => DriverType::NoDriver,
                    _ => {
                        return Err(out_of_range("0 EBPF, 1 CORE_EBPF, 2 KMOD, 3 NO_DRIVER"));
                    }
                }
            }
            SF_CONFIG_SCAP_OUTPUT_SIZE_LIMIT => {
                c.scap_output_size_limit = match value {
                    0 => None,
                    v => Some(u64::try_from(v).map_err(|_| out_of_range("bytes, 0 = no limit"))?),
                }
            }
            SF_CONFIG_COMPRESSION_LEVEL => {
                c.compression_level = match value {
                    -1 => None,
                    // Deflate's or zstandard's: the driver checks which.
                    0..=19 => Some(value as u32),
                    _ => return Err(out_of_range("0 to 19, or -1 to pick by mode")),
                }
            }
            SF_CONFIG_FILE_CODEC => {
                c.file_codec = match value {
                    0 => Codec::Deflate,
                    1 => Codec::Zstandard,
                    2 => Codec::Null,
                    _ => return Err(out_of_range("0 DEFLATE, 1 ZSTANDARD, 2 NULL")),
                }
            }
            _ => return Err(Failure::invalid(format!("key {key} is not an integer"))),
        }
        Ok(())
    })
}

/// Reads an integer field into `*value` (enumerations as their values,
/// unset optional sizes and levels as 0 and -1).
///
/// # Safety
/// `config` is null or a live configuration; `value` is null or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sf_config_get_int(
    config: *const sf_config,
    key: u32,
    value: *mut i64,
) -> i32 {
    guard(|| {
        expect_kind(key, Kind::Int)?;
        let c = &config_ref(config)?.config;
        let v: i64 = match key {
            SF_CONFIG_ROTATE_INTERVAL => c.rotate_interval,
            SF_CONFIG_SAMPLING_RATIO => c.sampling_ratio.into(),
            SF_CONFIG_CRI_TIMEOUT => c.cri_timeout.into(),
            SF_CONFIG_FILE_READ_MODE => match c.file_read_mode {
                FileReadMode::All => 0,
                FileReadMode::NoReads => 1,
                _ => 2,
            },
            SF_CONFIG_SINGLE_BUFFER_DIMENSION => {
                i64::try_from(c.single_buffer_dimension).unwrap_or(i64::MAX)
            }
            SF_CONFIG_COLLECTION_MODE => match c.collection_mode {
                CollectionMode::Flow => 0,
                CollectionMode::Consumer => 1,
                CollectionMode::NoFiles => 2,
            },
            SF_CONFIG_CPU_BUFFERS => c.cpu_buffers.into(),
            SF_CONFIG_DRIVER_TYPE => match c.driver_type {
                DriverType::Ebpf => 0,
                DriverType::CoreEbpf => 1,
                DriverType::Kmod => 2,
                _ => 3,
            },
            SF_CONFIG_SCAP_OUTPUT_SIZE_LIMIT => c
                .scap_output_size_limit
                .map_or(0, |v| i64::try_from(v).unwrap_or(i64::MAX)),
            SF_CONFIG_COMPRESSION_LEVEL => c.compression_level.map_or(-1, i64::from),
            SF_CONFIG_FILE_CODEC => match c.file_codec {
                Codec::Deflate => 0,
                Codec::Zstandard => 1,
                Codec::Null => 2,
                // A codec this API has no value for yet.
                _ => -1,
            },
            _ => return Err(Failure::invalid(format!("key {key} is not an integer"))),
        };
        // SAFETY: null or writable, per the contract.
        let out = unsafe { value.as_mut() }
            .ok_or_else(|| Failure::invalid("the value pointer is null"))?;
        *out = v;
        Ok(())
    })
}

/// Sets a string field from a NUL-terminated UTF-8 string. An empty string
/// unsets an optional field (a path, the filter, the Kubernetes settings),
/// as in the reference, and empties the others. A null `value`, or one
/// that is not UTF-8, is refused: SysFlow records carry paths and names as
/// Avro strings, which are UTF-8.
///
/// # Safety
/// `config` is null or a live configuration; `value` is null or a
/// NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sf_config_set_string(
    config: *mut sf_config,
    key: u32,
    value: *const c_char,
) -> i32 {
    guard(|| {
        let name = expect_kind(key, Kind::Str)?;
        if value.is_null() {
            return Err(Failure::invalid(format!(
                "{name}: the value is a null pointer (an empty string unsets it)"
            )));
        }
        // SAFETY: non-null and NUL-terminated, per the contract.
        let bytes = unsafe { CStr::from_ptr(value) }.to_bytes();
        let text = std::str::from_utf8(bytes).map_err(|e| {
            Failure::invalid(format!(
                "{name}: the value is not UTF-8 (invalid byte at {}): {}",
                e.valid_up_to(),
                String::from_utf8_lossy(bytes)
            ))
        })?;
        let c = &mut config_mut(config)?.config;
        let opt = || (!text.is_empty()).then(|| text.to_owned());
        let path = || (!text.is_empty()).then(|| PathBuf::from(text));
        match key {
            SF_CONFIG_EXPORTER_ID => c.exporter_id = text.to_owned(),
            SF_CONFIG_NODE_IP => c.node_ip = text.to_owned(),
            SF_CONFIG_APP_NAME => c.app_name = text.to_owned(),
            SF_CONFIG_FILE_PATH => c.file_path = path(),
            SF_CONFIG_SOCKET_PATH => c.socket_path = path(),
            SF_CONFIG_SCAP_INPUT_PATH => c.scap_input_path = path(),
            SF_CONFIG_SCAP_OUTPUT_PATH => c.scap_output_path = path(),
            SF_CONFIG_CRI_PATH => c.cri_path = path(),
            SF_CONFIG_K8S_API_CERT => c.k8s_api_cert = path(),
            SF_CONFIG_FALCO_FILTER => c.falco_filter = opt(),
            SF_CONFIG_K8S_API_URL => c.k8s_api_url = opt(),
            _ => return Err(Failure::invalid(format!("key {key} is not a string"))),
        }
        Ok(())
    })
}

/// Reads a string field: `*value` points to a NUL-terminated copy, empty
/// for an unset field, owned by the configuration and valid until its next
/// `sf_config_get_string`, a change, or `sf_config_free`.
///
/// # Safety
/// `config` is null or a live configuration; `value` is null or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sf_config_get_string(
    config: *mut sf_config,
    key: u32,
    value: *mut *const c_char,
) -> i32 {
    guard(|| {
        expect_kind(key, Kind::Str)?;
        let cfg = config_mut(config)?;
        let c = &cfg.config;
        let path = |p: &Option<PathBuf>| {
            p.as_ref()
                .map(|p| p.to_string_lossy().into_owned())
                .unwrap_or_default()
        };
        let text = match key {
            SF_CONFIG_EXPORTER_ID => c.exporter_id.clone(),
            SF_CONFIG_NODE_IP => c.node_ip.clone(),
            SF_CONFIG_APP_NAME => c.app_name.clone(),
            SF_CONFIG_FILE_PATH => path(&c.file_path),
            SF_CONFIG_SOCKET_PATH => path(&c.socket_path),
            SF_CONFIG_SCAP_INPUT_PATH => path(&c.scap_input_path),
            SF_CONFIG_SCAP_OUTPUT_PATH => path(&c.scap_output_path),
            SF_CONFIG_CRI_PATH => path(&c.cri_path),
            SF_CONFIG_K8S_API_CERT => path(&c.k8s_api_cert),
            SF_CONFIG_FALCO_FILTER => c.falco_filter.clone().unwrap_or_default(),
            SF_CONFIG_K8S_API_URL => c.k8s_api_url.clone().unwrap_or_default(),
            _ => return Err(Failure::invalid(format!("key {key} is not a string"))),
        };
        // SAFETY: null or writable, per the contract.
        let out = unsafe { value.as_mut() }
            .ok_or_else(|| Failure::invalid("the value pointer is null"))?;
        // Strings set through this API hold no NUL; those from the
        // environment could, and are cut there.
        let end = text.find('\0').unwrap_or(text.len());
        cfg.returned = CString::new(&text[..end]).unwrap_or_default();
        *out = cfg.returned.as_ptr();
        Ok(())
    })
}

/// Sets the function that receives the records, with a pointer handed back
/// to it unchanged; a null `callback` removes it. The callback is an
/// output like `SF_CONFIG_FILE_PATH` and `SF_CONFIG_SOCKET_PATH`, and
/// usable with them.
///
/// # Safety
/// `config` is null or a live configuration; `callback`, if set, is safe to
/// call with `user` from the thread that will run the driver for as long
/// as a driver made from this configuration lives.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sf_config_set_callback(
    config: *mut sf_config,
    callback: sf_callback,
    user: *mut c_void,
) -> i32 {
    guard(|| {
        config_mut(config)?.callback = callback.map(|f| CallbackFn { f, user });
        Ok(())
    })
}
